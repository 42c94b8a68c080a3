package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/toswatch/toswatch/internal/capture"
	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/pipeline"
)

// runValidate checks that every configured document can be tracked as
// configured: it fetches, its selectors match, its text is long, stable
// and not a wall, and it holds the clauses a terms page should. It never
// touches the database.
func runValidate(ctx context.Context, a *app, args []string) error {
	fset := a.flags("validate")
	interval := fset.Duration("interval", 3*time.Second, "pause between the two fetches that check the text is stable")
	names, err := a.parse(fset, args, 0, -1, "[VENDOR...] [--interval 3s]")
	if err != nil {
		return err
	}
	if *interval < 0 {
		return usagef("validate: --interval must not be negative")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	docs, err := cfg.Documents(names...)
	if err != nil {
		return usageError{err}
	}
	// Documents are captured exactly as check does (browser, PDF,
	// multi-page documents); validate has no database.
	p, err := a.pipeline(cfg, pipeline.Options{Log: a.log})
	if err != nil {
		return err
	}
	defer p.Close()
	v := &validator{capturer: p.Capture, interval: *interval}

	// Documents are checked side by side (each waits out its interval)
	// and reported in file order as soon as the ones before are done.
	reports := make([]docReport, len(docs))
	done := make([]chan struct{}, len(docs))
	sem := make(chan struct{}, max(1, cfg.Settings.Fetch.Concurrency))
	var wg sync.WaitGroup
	for i, doc := range docs {
		done[i] = make(chan struct{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(done[i])
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
				reports[i] = v.validate(ctx, doc)
			case <-ctx.Done():
				reports[i] = docReport{doc: doc}
				reports[i].fail("validate", "%v", ctx.Err())
			}
		}()
	}
	var failed, warned int
	for i := range docs {
		<-done[i]
		r := reports[i]
		if i > 0 {
			fmt.Fprintln(a.env.Stdout)
		}
		r.print(a.env.Stdout)
		switch {
		case r.failed():
			failed++
		case r.warned():
			warned++
		}
	}
	wg.Wait()
	fmt.Fprintf(a.env.Stdout, "\n%d document(s): %d passed, %d failed; %d with warnings.\n",
		len(docs), len(docs)-failed, failed, warned)
	if failed > 0 {
		return errFailed
	}
	return nil
}

// Marks of report lines.
const (
	markOK   = "✓"
	markFail = "✗"
	markWarn = "!"
)

type checkLine struct{ mark, name, detail string }

// docReport is what validate found for one document.
type docReport struct {
	doc   model.Document
	lines []checkLine
}

func (r *docReport) add(mark, name, format string, args ...any) {
	r.lines = append(r.lines, checkLine{mark, name, fmt.Sprintf(format, args...)})
}
func (r *docReport) ok(name, format string, args ...any)   { r.add(markOK, name, format, args...) }
func (r *docReport) fail(name, format string, args ...any) { r.add(markFail, name, format, args...) }
func (r *docReport) warn(name, format string, args ...any) { r.add(markWarn, name, format, args...) }

func (r *docReport) has(mark string) bool {
	for _, l := range r.lines {
		if l.mark == mark {
			return true
		}
	}
	return false
}
func (r *docReport) failed() bool { return r.has(markFail) }
func (r *docReport) warned() bool { return r.has(markWarn) }

func (r *docReport) print(w io.Writer) {
	status := "ok"
	switch {
	case r.failed():
		status = "FAILED"
	case r.warned():
		status = "ok, with warnings"
	}
	fmt.Fprintf(w, "%s / %s: %s\n  %s\n", sanitize(r.doc.Vendor), sanitize(r.doc.Type), status, sanitize(r.doc.URL))
	for _, l := range r.lines {
		fmt.Fprintf(w, "  %s %s: %s\n", l.mark, l.name, strings.Join(strings.Fields(sanitize(l.detail)), " "))
	}
}

type validator struct {
	capturer *capture.Capturer
	interval time.Duration
}

// validate runs the checks of one document in order; a failed fetch,
// selector or length check stops it, since what follows needs the text.
func (v *validator) validate(ctx context.Context, doc model.Document) docReport {
	r := docReport{doc: doc}
	first, ok := v.capture(ctx, doc, &r, true)
	if !ok {
		return r
	}
	n := utf8.RuneCountInString(first)
	if n < extract.MinLength {
		r.fail("length", "%d characters, fewer than %d: an error page or an empty shell?", n, extract.MinLength)
		return r
	}
	r.ok("length", "%d characters", n)
	// The rule of a first check: a short page that says it is an error,
	// maintenance or loading page is one (check would fail it as unavailable).
	if cue := extract.UnavailableCue(first); cue != "" && len(first) < extract.FirstCaptureLimit {
		r.fail("available", "the page says %q and has only %d characters: an error or maintenance page is served instead of the document", cue, n)
		return r
	}
	if len(doc.Ignore) > 0 {
		r.ok("ignore", "%d pattern(s) removed from each line before comparing: %s", len(doc.Ignore), strings.Join(quoteAll(doc.Ignore), ", "))
	}
	if err := sleepCtx(ctx, v.interval); err != nil {
		r.fail("stable", "%v", err)
		return r
	}
	var again docReport
	second, ok := v.capture(ctx, doc, &again, false)
	switch {
	case !ok:
		r.fail("stable", "the second fetch failed: %s", failureDetails(again))
	case second != first:
		r.fail("unstable", "the text changed between two fetches %s apart: %s; if that is noise, leave it out with ignore: (a pattern) or remove: (a CSS selector)", v.interval, firstDifference(first, second))
	default:
		r.ok("stable", "same text %s later", v.interval)
	}
	checkClauses(&r, first)
	return r
}

// capture fetches and extracts a document as check does. With report
// set, it records a line per check that passes too.
func (v *validator) capture(ctx context.Context, doc model.Document, r *docReport, report bool) (string, bool) {
	c, err := v.capturer.Capture(ctx, doc, capture.Validators{})
	switch {
	case errors.Is(err, model.FailureBlocked):
		r.fail("blocked", "%s", strings.TrimPrefix(err.Error(), string(model.FailureBlocked)+": ")) // the kind would repeat the name
		return "", false
	case errors.Is(err, model.FailureSelectorMissing):
		r.fail("selectors", "%v", err)
		return "", false
	case errors.Is(err, model.FailureUnavailable):
		if report {
			r.ok("selectors", "%s", describeSelection(doc))
		}
		r.fail("available", "%s", strings.TrimPrefix(err.Error(), string(model.FailureUnavailable)+": "))
		return "", false
	case errors.Is(err, model.FailureTooShort):
		if report {
			r.ok("selectors", "%s", describeSelection(doc))
		}
		r.fail("length", "%v: an error page or an empty shell?", err)
		return "", false
	case err != nil:
		r.fail("fetch", "%v", err)
		return "", false
	}
	if report {
		r.ok("fetch", "%d, %s, %s from %s", c.Status, c.MediaTypes(), formatSize(c.Size()), c.URL)
		r.ok("selectors", "%s", describeSelection(doc))
		r.ok("not a wall", "no bot, captcha or login wall")
	}
	return c.Text, true
}

func describeSelection(doc model.Document) string {
	if n := len(doc.Combine); n > 0 {
		return fmt.Sprintf("%d parts, each matched", n)
	}
	p := model.Part{Select: doc.Select, Ranges: doc.Ranges}
	if len(p.Select) == 0 && len(p.Ranges) == 0 {
		return "automatic main content (no select configured)"
	}
	var parts []string
	if n := len(p.Select); n > 0 {
		parts = append(parts, fmt.Sprintf("%d CSS selector(s) matched", n))
	}
	if n := len(p.Ranges); n > 0 {
		parts = append(parts, fmt.Sprintf("%d range(s) found", n))
	}
	return strings.Join(parts, ", ")
}

// checkClauses checks that a terms document has the clauses one expects. Their
// absence in an agreement is a warning only: some truly have neither, but
// most often the selector cut them out.
func checkClauses(r *docReport, text string) {
	var liab, indem int
	for _, c := range clause.Analyze(text) {
		switch c.Type {
		case model.Liability:
			liab++
		case model.Indemnification:
			indem++
		}
	}
	switch {
	case liab == 0 && indem == 0 && !expectsClauses(r.doc.Type):
		r.ok("clauses", "none found, and none expected in a %s", r.doc.Type)
	case liab == 0 && indem == 0:
		r.warn("clauses", "no liability or indemnification clause found: usually a wrong selector")
	case indem == 0:
		r.ok("clauses", "%d liability clause(s); no indemnification clause", liab)
	case liab == 0:
		r.ok("clauses", "%d indemnification clause(s); no liability clause", indem)
	default:
		r.ok("clauses", "%d liability, %d indemnification clause(s)", liab, indem)
	}
}

// agreementWords mark the document types that are contracts, where a
// liability or indemnification clause is expected; a privacy or cookie
// policy has neither, and warning about it would be noise.
var agreementWords = []string{"terms", "agreement", "conditions", "contract", "eula", "addendum", "tos", "msa"}

func expectsClauses(docType string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(docType), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(agreementWords, w) {
			return true
		}
	}
	return false
}

// firstDifference shows where two texts part, a line of each.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d was %q, then %q", i+1, excerpt(x, 80), excerpt(y, 80))
		}
	}
	return "they differ"
}

// failureDetails joins the failure details of a report.
func failureDetails(r docReport) string {
	var out []string
	for _, l := range r.lines {
		if l.mark == markFail {
			out = append(out, l.name+": "+l.detail)
		}
	}
	return strings.Join(out, "; ")
}

func formatSize(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
