package digest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"github.com/toswatch/toswatch/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func build(t *testing.T, f *testStore, opts Options) *Digest {
	t.Helper()
	d, err := Build(context.Background(), f.st, opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuildSubjectAndCounts(t *testing.T) {
	f := newFixture(t)
	d := build(t, f.testStore, fixtureOptions())
	if got, want := d.Subject, "toswatch: 3 changes, 1 liability cap lowered, 1 indemnity broadened, 1 document failing (2026-12-01)"; got != want {
		t.Errorf("subject:\n got %q\nwant %q", got, want)
	}
	counts := []struct {
		name      string
		got, want int
	}{
		{"Changes", d.Changes, 3},
		{"HighSeverity", d.HighSeverity, 2},
		{"CapsLowered", d.CapsLowered, 1},
		{"IndemnitiesBroadened", d.IndemnitiesBroadened, 1},
		{"Failing", d.Failing, 1},
		{"Resumed", d.Resumed, 1},
	}
	for _, c := range counts {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if d.Empty || !d.ShouldSend(false) {
		t.Errorf("Empty = %v, ShouldSend(false) = %v; want a digest worth sending", d.Empty, d.ShouldSend(false))
	}
	if got, want := d.From, fixtureNow.Add(-24*time.Hour); !got.Equal(want) {
		t.Errorf("From = %v, want %v", got, want)
	}
}

func TestSubject(t *testing.T) {
	tests := []struct {
		name string
		d    Digest
		want string
	}{
		{"nothing", Digest{}, "toswatch: no changes (2026-11-30)"},
		{"one change", Digest{Changes: 1}, "toswatch: 1 change (2026-11-30)"},
		{"caps", Digest{Changes: 3, CapsLowered: 2, highClauses: 2}, "toswatch: 3 changes, 2 liability caps lowered (2026-11-30)"},
		{"indemnities", Digest{Changes: 2, IndemnitiesBroadened: 2, highClauses: 2}, "toswatch: 2 changes, 2 indemnities broadened (2026-11-30)"},
		{"other high", Digest{Changes: 2, highClauses: 1}, "toswatch: 2 changes, 1 high-severity clause change (2026-11-30)"},
		{"mixed high", Digest{Changes: 4, CapsLowered: 1, highClauses: 3}, "toswatch: 4 changes, 1 liability cap lowered, 2 other high-severity clause changes (2026-11-30)"},
		{"failing only", Digest{Failing: 2}, "toswatch: no changes, 2 documents failing (2026-11-30)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := subject(&tt.d, "2026-11-30"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBuildOrderAndLinks(t *testing.T) {
	f := newFixture(t)
	d := build(t, f.testStore, fixtureOptions())
	link := func(id int64) string { return fmt.Sprintf("https://toswatch.example/changes/%d", id) }
	for part, body := range map[string]string{"text": d.Text, "html": d.HTML} {
		t.Run(part, func(t *testing.T) {
			// High-severity changes come first, then the others, then
			// the failing documents and the resumed ones.
			order := []string{"Acme", "liability cap lowered from $1,000,000 to $100", link(f.capChange),
				"Beta", "indemnity broadened: now also covers your use of the service", link(f.indemnityChange),
				"Gamma", link(f.plainChange),
				"Delta", "503 Service Unavailable",
				"Epsilon"}
			at := 0
			for _, s := range order {
				if part == "html" {
					s = html.EscapeString(s)
				}
				i := strings.Index(body[at:], s)
				if i < 0 {
					t.Fatalf("%q missing after byte %d (or out of order):\n%s", s, at, body)
				}
				at += i + len(s)
			}
			if strings.Contains(body, link(f.oldChange)) {
				t.Errorf("change %d, recorded before the window, is listed", f.oldChange)
			}
			for _, s := range []string{"4 failed checks in a row since 2026-11-30 00:30 CET", "1 paragraph changed, 1 paragraph added", "$1,000,000 → $100", "after 3 failed checks"} {
				if part == "html" {
					s = html.EscapeString(s)
				}
				if !strings.Contains(body, s) {
					t.Errorf("%q missing", s)
				}
			}
		})
	}
	if !strings.Contains(d.HTML, `<a href="`+link(f.capChange)+`"`) {
		t.Errorf("HTML has no link to change %d", f.capChange)
	}
}

func TestBuildInlineStyles(t *testing.T) {
	f := newFixture(t)
	d := build(t, f.testStore, fixtureOptions())
	doc, err := html.Parse(strings.NewReader(d.HTML))
	if err != nil {
		t.Fatal(err)
	}
	var styled, unstyled int
	var highlight bool
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "style" {
			t.Errorf("HTML part has a <style> element; mail clients drop them")
		}
		switch n.Data {
		case "html", "head", "meta", "title", "br", "ul":
			continue
		}
		style := attr(n, "style")
		if style == "" {
			unstyled++
			continue
		}
		styled++
		// The cap change's card is highlighted in red, inline.
		if strings.Contains(style, "#d92d20") && strings.Contains(textOf(n), "liability cap lowered") {
			highlight = true
		}
	}
	if unstyled > 0 || styled == 0 {
		t.Errorf("%d elements without inline style, %d with", unstyled, styled)
	}
	if !highlight {
		t.Errorf("the cap change is not highlighted with an inline style")
	}
}

func TestBuildEmptyDay(t *testing.T) {
	s := newTestStore(t, fixtureNow)
	doc := s.doc("Acme", "Terms of Service")
	s.version(doc, fixtureNow.Add(-96*time.Hour), model.KindFirst, "one", nil)
	s.version(doc, fixtureNow.Add(-48*time.Hour), model.KindChange, "two", []model.ClauseChange{capLowered})
	// Two failures stay below the threshold of 3.
	s.check(doc, fixtureNow.Add(-2*time.Hour), "timeout")
	s.check(doc, fixtureNow.Add(-1*time.Hour), "timeout")
	d := build(t, s, fixtureOptions())
	if !d.Empty || d.Changes != 0 || d.Failing != 0 {
		t.Errorf("Empty = %v, Changes = %d, Failing = %d; want an empty digest", d.Empty, d.Changes, d.Failing)
	}
	if d.ShouldSend(false) || !d.ShouldSend(true) {
		t.Errorf("ShouldSend(false) = %v, ShouldSend(true) = %v; want false, true", d.ShouldSend(false), d.ShouldSend(true))
	}
	if got, want := d.Subject, "toswatch: no changes (2026-12-01)"; got != want {
		t.Errorf("subject = %q, want %q", got, want)
	}
	if !strings.Contains(d.Text, "Nothing changed") {
		t.Errorf("text of an empty digest does not say so:\n%s", d.Text)
	}
}

func TestBuildFailingOnlyIsNotEmpty(t *testing.T) {
	s := newTestStore(t, fixtureNow)
	doc := s.doc("Acme", "Terms of Service")
	for i := 3; i >= 1; i-- {
		s.check(doc, fixtureNow.Add(-time.Duration(i)*time.Hour), "fetch: 404 Not Found")
	}
	d := build(t, s, fixtureOptions())
	if d.Empty || d.Failing != 1 {
		t.Errorf("Empty = %v, Failing = %d; want a digest listing the failing document", d.Empty, d.Failing)
	}
}

// TestBuildNeverReadIsFailing: a document whose every check so far failed
// (no version yet) is listed as failing from its first failure, as on the
// dashboard: a first run where fetches fail must not read "every document
// is being tracked".
func TestBuildNeverReadIsFailing(t *testing.T) {
	s := newTestStore(t, fixtureNow)
	doc := s.doc("Acme", "Terms of Service")
	s.check(doc, fixtureNow.Add(-time.Hour), "http_status: 404 Not Found")
	d := build(t, s, fixtureOptions())
	if d.Empty || d.Failing != 1 || strings.Contains(d.Text, "every document is being tracked") {
		t.Errorf("Empty = %v, Failing = %d; want the never-read document listed as failing:\n%s", d.Empty, d.Failing, d.Text)
	}
	if !strings.Contains(d.Text, "never read yet") {
		t.Errorf("the text does not say the document was never read:\n%s", d.Text)
	}
}

const (
	evilScript = `<script>alert(1)</script>`
	evilImg    = `<img src=x onerror=alert(1)>`
)

func TestBuildEscapesVendorText(t *testing.T) {
	s := newTestStore(t, fixtureNow)
	vendor := "Evil " + evilScript + " Corp\r\nBcc: victim@example.com\x1b[31m\u202e"
	doc := s.doc(vendor, "Terms "+evilImg)
	s.version(doc, fixtureNow.Add(-96*time.Hour), model.KindFirst, "one", nil)
	cc := model.ClauseChange{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
		Summary: "liability cap lowered " + evilImg + evilScript}
	s.version(doc, fixtureNow.Add(-time.Hour), model.KindChange, "two", []model.ClauseChange{cc})
	bad := s.doc("Bad"+evilScript, "DPA")
	for i := 3; i >= 1; i-- {
		s.check(bad, fixtureNow.Add(-time.Duration(i)*time.Hour), "error "+evilImg)
	}
	d := build(t, s, fixtureOptions())

	if strings.ContainsAny(d.Subject, "\r\n") || strings.ContainsFunc(d.Subject, unicode.IsControl) {
		t.Errorf("subject has a control character: %q", d.Subject)
	}
	z, err := html.Parse(strings.NewReader(d.HTML))
	if err != nil {
		t.Fatal(err)
	}
	for n := range z.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "script" || n.Data == "img" {
			t.Errorf("live <%s> element in the HTML part", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("event handler attribute %s=%q in the HTML part", a.Key, a.Val)
			}
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"} {
		if !strings.Contains(d.HTML, want) {
			t.Errorf("HTML part lacks the escaped text %q", want)
		}
	}
	for part, body := range map[string]string{"text": d.Text, "html": d.HTML} {
		if i := strings.IndexFunc(body, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }); i >= 0 {
			t.Errorf("%s part has control character %q at %d", part, body[i], i)
		}
		if strings.ContainsRune(body, '\u202e') {
			t.Errorf("%s part has a bidirectional override", part)
		}
		if strings.Contains(body, "\nBcc:") {
			t.Errorf("%s part lets vendor text start a line of its own", part)
		}
	}
	// The text part is printed to a terminal by `toswatch digest`: the
	// vendor's text must still be there, only defanged.
	if !strings.Contains(d.Text, "Evil "+evilScript+" Corp Bcc: victim@example.com [31m") {
		t.Errorf("text part lost the vendor name:\n%s", d.Text)
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\r\nb", "a b"},
		{"  a \t\t b  ", "a b"},
		{"x\x00y\x1bz\u0085w", "x y z w"},
		{"ab\u202ecd\u2066e", "abcde"},
		{"line\u2028sep", "line sep"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuildWithoutBaseURL(t *testing.T) {
	f := newFixture(t)
	opts := fixtureOptions()
	opts.BaseURL = ""
	d := build(t, f.testStore, opts)
	if strings.Contains(d.HTML, "<a ") || strings.Contains(d.Text, "://toswatch") {
		t.Errorf("links without a base URL")
	}
	if want := fmt.Sprintf("change #%d", f.capChange); !strings.Contains(d.Text, want) {
		t.Errorf("text lacks %q", want)
	}
}

func TestBuildGolden(t *testing.T) {
	f := newFixture(t)
	d := build(t, f.testStore, fixtureOptions())
	for name, got := range map[string]string{"digest.txt": d.Text, "digest.html": d.HTML} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func TestBuildWindowEndsAtNow(t *testing.T) {
	f := newFixture(t)
	opts := fixtureOptions()
	// Two hours earlier, Gamma's change (1 hour ago) had not happened yet.
	opts.Now = func() time.Time { return fixtureNow.Add(-2 * time.Hour) }
	d := build(t, f.testStore, opts)
	if got, want := d.Changes, 2; got != want {
		t.Errorf("got %d changes, want %d", got, want)
	}
	if strings.Contains(d.Text, "Gamma") {
		t.Errorf("a change after Now is listed:\n%s", d.Text)
	}
}
