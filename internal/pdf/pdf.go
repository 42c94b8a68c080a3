// Package pdf turns terms published as PDF into text with one paragraph per
// line, so that they diff like the terms of an HTML page. Two converters sit
// behind one interface: Debian's pdftotext (poppler-utils) when it is
// installed, and a pure-Go reader for machines without it.
package pdf

import (
	"context"
	"errors"
	"os/exec"
	"time"
)

// Converter turns the bytes of a PDF into text, one paragraph per line.
type Converter interface {
	Text(ctx context.Context, data []byte) (string, error)
}

// Failure kinds, checked with errors.Is.
var (
	// ErrEncrypted: the PDF needs a password to be read.
	ErrEncrypted = errors.New("pdf: encrypted, a password is needed")
	// ErrInvalid: the data is not a PDF, or a damaged one.
	ErrInvalid = errors.New("pdf: not a valid PDF")
	// ErrNoText: the PDF has no text layer (a scan, for instance).
	ErrNoText = errors.New("pdf: no text found (a scanned PDF?)")
)

// DefaultTimeout bounds one conversion when the context has no deadline.
const DefaultTimeout = 30 * time.Second

// maxPages bounds the pages read: the fetcher caps a PDF at 10 MiB, but a
// small file can still claim an absurd page count.
const maxPages = 2000

// New returns pdftotext when it is on PATH, else the pure-Go converter.
func New() Converter {
	if path, err := exec.LookPath("pdftotext"); err == nil {
		return Poppler(path)
	}
	return Native()
}

// withTimeout gives ctx the default deadline when it has none.
func withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, DefaultTimeout)
}

// finish turns raw page text into paragraphs, failing when there is none.
func finish(pageText string) (string, error) {
	text := Paragraphs(pageText)
	if text == "" {
		return "", ErrNoText
	}
	return text, nil
}
