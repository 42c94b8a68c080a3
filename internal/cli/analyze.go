package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"runtime/debug"
	"strings"

	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/tracker"
)

func runAnalyze(ctx context.Context, a *app, args []string) error {
	fs := a.flags("analyze")
	asJSON := fs.Bool("json", false, "print JSON Lines, one object per file")
	files, err := a.parse(fs, args, 1, -1, "FILE... [--json]   (- reads standard input)")
	if err != nil {
		return err
	}
	enc := json.NewEncoder(a.env.Stdout)
	for _, f := range files {
		data, err := a.readFile(f)
		if err != nil {
			return err
		}
		text, loc, err := analysisText(data)
		if err != nil {
			return usagef("%s: %v", f, err)
		}
		clauses := clause.Analyze(text)
		for i := range clauses {
			// Offsets into the file as read; Text stays the extracted text.
			if s, e, ok := loc.Span(clauses[i].Start, clauses[i].End); ok {
				clauses[i].Start, clauses[i].End = s, e
			}
		}
		if *asJSON {
			if err := enc.Encode(struct {
				File    string         `json:"file"`
				Clauses []model.Clause `json:"clauses"`
			}{f, nonNil(clauses)}); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(a.env.Stdout, "%s: %d clause(s)\n", f, len(clauses))
		for _, c := range clauses {
			fmt.Fprintf(a.env.Stdout, "  %s at bytes %d–%d (cues: %s)\n", c.Type, c.Start, c.End, strings.Join(c.Cues, ", "))
			if c.Cap != nil {
				fmt.Fprintf(a.env.Stdout, "    cap: %s\n", present.Cap(c.Cap))
			}
			fmt.Fprintf(a.env.Stdout, "    %s\n", sanitize(excerpt(c.Text, 240)))
		}
	}
	return nil
}

func runCompare(ctx context.Context, a *app, args []string) error {
	fs := a.flags("compare")
	asJSON := fs.Bool("json", false, "print the comparison as JSON")
	files, err := a.parse(fs, args, 2, 2, "OLD NEW [--json]")
	if err != nil {
		return err
	}
	softMemoryLimit()
	var texts [2]string
	for i, f := range files {
		data, err := a.readFile(f)
		if err != nil {
			return err
		}
		if texts[i], err = fileText(data); err != nil {
			return usagef("%s: %v", f, err)
		}
	}
	changes, res := tracker.Diff(present.Summarised(clause.Compare), texts[0], texts[1])
	if *asJSON {
		return a.printJSON(struct {
			Changed       bool                 `json:"changed"`
			ClauseChanges []model.ClauseChange `json:"clause_changes"`
			Diff          diff.Result          `json:"diff"`
		}{res.Changed(), nonNil(changes), res})
	}
	w := a.env.Stdout
	if !res.Changed() {
		fmt.Fprintln(w, "no differences")
		return nil
	}
	writeClauseChanges(w, changes)
	fmt.Fprintln(w)
	return sanitizeDiff(res).WriteText(w, a.useColor(w))
}

// compareMemory is the soft memory limit of compare (unless GOMEMLIMIT
// sets one): two documents of 10 MiB and their analysis hold about 110 MB,
// and without it the garbage of diffing them doubles the heap before the
// collector runs (an RSS near 300 MB instead of 220).
const compareMemory = 200 << 20

// softMemoryLimit sets compareMemory as the runtime's soft memory limit,
// unless one is set already.
func softMemoryLimit() {
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(compareMemory)
	}
}

// maxFile bounds the files analyze and compare read: several times the
// largest body a check accepts by default (max_body), so that every
// document toswatch records can be compared, and no more, since the cost
// grows with the size.
const maxFile = 64 << 20

// readFile reads a file named on the command line ("-": standard input),
// up to maxFile bytes.
func (a *app) readFile(name string) ([]byte, error) {
	r := a.env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, usageError{err}
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	what := name
	if name == "-" {
		what = "standard input"
	}
	if err != nil {
		return nil, usageError{fmt.Errorf("%s: %w", what, err)}
	}
	if len(data) > maxFile {
		return nil, usagef("%s is larger than %d MiB, more than toswatch reads (a terms page is rarely over 1 MiB)", what, maxFile>>20)
	}
	return data, nil
}

// fileText is the comparable text of a local file: HTML is extracted as a
// fetched page would be, text and Markdown are normalised.
func fileText(data []byte) (string, error) {
	if isHTML(data) {
		return extract.HTML(data, extract.Options{})
	}
	return extract.Normalize(string(data)), nil
}

// analysisText is the text analyze reads in a local file: HTML extracted
// as a fetched page would be, with a locator that maps the text's offsets
// back into the file; text and Markdown as they are, so that their offsets
// are the file's (the locator is then the identity).
func analysisText(data []byte) (string, offsets, error) {
	if !isHTML(data) {
		return string(data), identity{}, nil
	}
	text, err := extract.HTML(data, extract.Options{})
	if err != nil {
		return "", nil, err
	}
	return text, extract.Locate(data, text), nil
}

// offsets map a byte range of the analysed text to the file.
type offsets interface {
	Span(start, end int) (int, int, bool)
}

type identity struct{}

func (identity) Span(start, end int) (int, int, bool) { return start, end, true }

// isHTML tells an HTML file from text or Markdown: by its first bytes, or
// by the tags of a page saved without a doctype.
func isHTML(data []byte) bool {
	head := data[:min(len(data), 512)]
	if strings.HasPrefix(http.DetectContentType(head), "text/html") {
		return true
	}
	l := bytes.ToLower(data)
	return bytes.Contains(l, []byte("</p>")) || bytes.Contains(l, []byte("</div>")) || bytes.Contains(l, []byte("<body"))
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
