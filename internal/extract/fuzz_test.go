package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// hangAfter is how long one extraction may take before the fuzz target
// calls it a hang: pages are at most a few MB, and take milliseconds.
const hangAfter = 5 * time.Second

// FuzzHTML checks that any input extracts without panic or hang, and that a
// text, when there is one, has no blank line, is NFC, and is stable under
// Normalize.
func FuzzHTML(f *testing.F) {
	pages, _ := filepath.Glob("testdata/*.html")
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "")
			f.Add(b, "main")
		}
	}
	f.Add([]byte("<p>a<b> b </b><a href='/cdn-cgi/l/email-protection#zz'>x</a>\u00ad\u200b</p>"), "p")
	f.Fuzz(func(t *testing.T, body []byte, sel string) {
		var opts Options
		if sel != "" {
			opts.Select = []string{sel}
		}
		opts.BaseURL = "https://example.com/terms"
		var text string
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			text, err = HTML(body, opts)
		}()
		select {
		case <-done:
		case <-time.After(hangAfter):
			t.Fatalf("HTML hangs on %d bytes (select %q)", len(body), sel)
		}
		if err != nil {
			if text != "" {
				t.Errorf("text %q with error %v", text, err)
			}
			return
		}
		if text == "" || strings.Contains(text, "\n\n") || strings.HasPrefix(text, "\n") || strings.HasSuffix(text, "\n") {
			t.Errorf("blank line in %q", text)
		}
		if !utf8.ValidString(text) || !norm.NFC.IsNormalString(text) {
			t.Errorf("not valid NFC: %q", text)
		}
		if Normalize(text) != text {
			t.Errorf("Normalize changes the text %q", text)
		}
		again, _ := HTML(body, opts)
		if again != text {
			t.Errorf("two extractions differ")
		}
	})
}
