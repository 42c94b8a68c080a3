package extract

import (
	"strings"
	"testing"
)

// TestLocate checks that a span of the extracted text maps to the smallest
// part of the page that holds it: the page's own bytes (entities, markup
// inside the sentence), not the noise the extraction dropped before it.
func TestLocate(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Terms of Service</title><style>p{color:red}</style></head><body>
<nav><a href="/">Home</a> <a href="/terms">Terms</a> Limitation of liability</nav>
<main><h1>Terms of Service</h1>
<p>Welcome to Acme. These terms govern your use of the Service, so please read them carefully before you start.</p>
<h2 id="liability">9. Limitation of Liability</h2>
<p>IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES &amp; LOST PROFITS. OUR TOTAL LIABILITY SHALL NOT EXCEED THE FEES PAID IN THE <strong>TWELVE (12) MONTHS</strong> BEFORE THE CLAIM.</p>
<ul><li>See our <a href="https://acme.example/privacy">Privacy&nbsp;Policy</a> for details.</li></ul>
</main></body></html>`
	text, err := HTML([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	loc := Locate([]byte(page), text)
	tests := []struct{ inText, inPage string }{
		{"IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES & LOST PROFITS.", "IN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT DAMAGES &amp; LOST PROFITS."},
		{"TWELVE (12) MONTHS", "TWELVE (12) MONTHS"},
		{"Limitation of Liability", "Limitation of Liability"},
		{"See our", "See our"},
		{"Privacy Policy", "Privacy&nbsp;Policy"},
	}
	for _, tt := range tests {
		i := strings.Index(text, tt.inText)
		if i < 0 {
			t.Fatalf("%q not in the text %q", tt.inText, text)
		}
		s, e, ok := loc.Span(i, i+len(tt.inText))
		if !ok {
			t.Errorf("%q: no span", tt.inText)
			continue
		}
		if got := page[s:e]; got != tt.inPage {
			t.Errorf("page[%d:%d] = %q, want %q", s, e, got, tt.inPage)
		}
	}
	// A whole paragraph with markup inside: from its first to its last
	// character on the page.
	i := strings.Index(text, "IN NO EVENT")
	j := strings.Index(text, "BEFORE THE CLAIM.") + len("BEFORE THE CLAIM.")
	s, e, _ := loc.Span(i, j)
	if got := page[s:e]; !strings.HasPrefix(got, "IN NO EVENT") || !strings.HasSuffix(got, "BEFORE THE CLAIM.") || !strings.Contains(got, "<strong>") {
		t.Errorf("paragraph span = %q", got)
	}
	// Markdown syntax alone came from no byte of the page.
	if k := strings.Index(text, "# "); k >= 0 {
		if _, _, ok := loc.Span(k, k+1); ok {
			t.Errorf("the heading mark has a span")
		}
	}
}
