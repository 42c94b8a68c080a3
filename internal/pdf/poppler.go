package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// maxOutput bounds the text pdftotext may write: ten times the 10 MiB a
// fetched PDF may have is far more than any terms document.
const maxOutput = 100 << 20

type poppler struct{ path string }

// Poppler returns a converter that runs the pdftotext program at path
// (poppler-utils). It reads in pdftotext's default reading-order mode,
// not -layout: -layout pads lines to their position on the page and puts
// the lines of two columns side by side, which defeats paragraph
// rebuilding.
func Poppler(path string) Converter { return poppler{path: path} }

func (p poppler) Text(ctx context.Context, data []byte) (string, error) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.path, "-enc", "UTF-8", "-eol", "unix", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr limitedBuffer
	stdout.limit, stderr.limit = maxOutput, 4<<10
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", fmt.Errorf("pdf: pdftotext: %w", ctx.Err())
	}
	if stdout.over {
		return "", fmt.Errorf("pdf: pdftotext: text over %d MiB", maxOutput>>20)
	}
	if err != nil {
		return "", popplerError(err, stderr.String())
	}
	return finish(stdout.String())
}

// popplerError maps pdftotext's exit status (1: the file could not be
// opened, 3: permissions) and its message ("Incorrect password") to the
// package's error kinds.
func popplerError(err error, stderr string) error {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return fmt.Errorf("pdf: pdftotext: %w", err)
	}
	msg := strings.TrimSpace(stderr)
	switch {
	case strings.Contains(strings.ToLower(msg), "password"), ee.ExitCode() == 3:
		return fmt.Errorf("%w (pdftotext: %s)", ErrEncrypted, orStatus(msg, ee))
	default:
		return fmt.Errorf("%w (pdftotext: %s)", ErrInvalid, orStatus(msg, ee))
	}
}

func orStatus(msg string, ee *exec.ExitError) string {
	if msg == "" {
		return ee.String()
	}
	// The last line says why it gave up; syntax warnings come first.
	return msg[strings.LastIndexByte(msg, '\n')+1:]
}

// limitedBuffer keeps at most limit bytes and notes when more came.
type limitedBuffer struct {
	bytes.Buffer
	limit int
	over  bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.limit - b.Len(); len(p) > room {
		b.over = true
		b.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}
