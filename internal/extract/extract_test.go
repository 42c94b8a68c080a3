package extract

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden testdata/*.md files")

// goldenBase is the page URL the golden pages are extracted with.
const goldenBase = "https://www.acme-cloud.example/legal/terms"

// TestGolden extracts every testdata/*.html without selectors and compares
// the text with testdata/*.md.
func TestGolden(t *testing.T) {
	pages, err := filepath.Glob("testdata/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no golden pages: %v", err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			got, err := HTML(body, Options{BaseURL: goldenBase})
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			golden := strings.TrimSuffix(page, ".html") + ".md"
			if *update {
				if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != strings.TrimSuffix(string(want), "\n") {
				t.Errorf("text differs from %s:\ngot:\n%s", golden, got)
			}
		})
	}
}

func readPage(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNoiseVersusWording: two captures that differ only by noise give the
// same text, a capture with changed wording does not.
func TestNoiseVersusWording(t *testing.T) {
	for _, opts := range []Options{
		{Select: []string{".terms"}, BaseURL: goldenBase},
		{BaseURL: goldenBase},
	} {
		name := "auto"
		if len(opts.Select) > 0 {
			name = "select"
		}
		t.Run(name, func(t *testing.T) {
			text := map[string]string{}
			for _, f := range []string{"terms-v1.html", "terms-v1-noise.html", "terms-v2.html"} {
				got, err := HTML(readPage(t, f), opts)
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				again, _ := HTML(readPage(t, f), opts)
				if got != again {
					t.Errorf("%s: two extractions differ", f)
				}
				text[f] = got
			}
			if text["terms-v1.html"] != text["terms-v1-noise.html"] {
				t.Errorf("noise changed the text:\n%s", lineDiff(text["terms-v1.html"], text["terms-v1-noise.html"]))
			}
			d := lineDiff(text["terms-v1.html"], text["terms-v2.html"])
			for _, want := range []string{"fifteen (15) days", "$100.", "thirty (30) days’ written", "$1,000."} {
				if !strings.Contains(d, want) {
					t.Errorf("wording change: diff lacks %q; got diff:\n%s", want, d)
				}
			}
		})
	}
}

func TestHTMLContent(t *testing.T) {
	v1 := readPage(t, "terms-v1.html")
	got, err := HTML(v1, Options{BaseURL: goldenBase})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# Acme Cloud Terms of Service\n",
		"[Privacy Policy](https://www.acme-cloud.example/legal/privacy)",
		"[legal@acme-cloud.example](mailto:legal@acme-cloud.example)",
		"\n  - scanning our network",
		"| Business | $49 | E-mail, next business day |",
		"hosting platform, websites",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, bad := range []string{"Pricing", "Sign in", "cookies", "Accept all", "© 2024", "session", "nonce", "\u00a0", "\u200b", "\u00ad", "\n\n"} {
		if strings.Contains(got, bad) {
			t.Errorf("text contains %q", bad)
		}
	}
}

func TestAutoFindsContent(t *testing.T) {
	got, err := HTML(readPage(t, "privacy-nomain.html"), Options{BaseURL: "https://widgets.example/legal/privacy"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "**Privacy Notice**\n") {
		t.Errorf("got text starting %.60q, want the notice's title first", got)
	}
	for _, bad := range []string{"Home", "My account", "Imprint", "Twitter", "cookies", "Variant B"} {
		if strings.Contains(got, bad) {
			t.Errorf("text contains chrome %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{"3. Account data", "5. Usage data", "> You may ask", "Musterstraße 5\n10115 Berlin", "1\\. This numbered"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
}

func TestSelect(t *testing.T) {
	page := []byte(`<html><body><div class="a"><p>First part of the terms, which is long enough to be counted as text of its own right here, and then some more.</p>
<div class="b"><p>Nested part of the terms.</p></div></div><nav>menu</nav><div class="b"><p>Second part of the terms, after the navigation, also kept.</p></div></body></html>`)
	got, err := HTML(page, Options{Select: []string{".b", ".a"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "First part of the terms, which is long enough to be counted as text of its own right here, and then some more.\nNested part of the terms.\nSecond part of the terms, after the navigation, also kept."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got, err = HTML(page, Options{Select: []string{"body"}, Remove: []string{"nav", ".b"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "menu") || strings.Contains(got, "part.") || !strings.Contains(got, "First part") {
		t.Errorf("remove: got %q", got)
	}
}

func TestErrors(t *testing.T) {
	long := "<main class=terms><p>" + strings.Repeat("These terms apply to everything. ", 5) + "</p></main>"
	tests := []struct {
		name    string
		body    string
		opts    Options
		wantErr error
		wantMsg string
	}{
		{"selector missing", long, Options{Select: []string{"main", ".terms-body"}}, model.FailureSelectorMissing, `selector_missing: selector ".terms-body" matched nothing`},
		{"selector invalid", long, Options{Select: []string{"main["}}, model.FailureSelectorMissing, `selector_missing: selector "main[" is invalid`},
		{"remove invalid", long, Options{Remove: []string{"::"}}, model.FailureSelectorMissing, `selector_missing: selector "::" is invalid`},
		{"too short", "<main><p>We may change these terms at any time.</p><p>Bye.</p></main>", Options{}, model.FailureTooShort, "too_short: extracted text is 43 characters (minimum 100)"},
		{"empty", "", Options{}, model.FailureTooShort, "too_short: extracted text is 0 characters (minimum 100)"},
		{"only scripts", "<script>" + strings.Repeat("x", 500) + "</script>", Options{}, model.FailureTooShort, "too_short: extracted text is 0 characters"},
		{"ok", long, Options{Select: []string{".terms"}}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML([]byte(tt.body), tt.opts)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got error %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), tt.wantMsg) {
					t.Errorf("got message %q, want %q", err, tt.wantMsg)
				}
				if got != "" {
					t.Errorf("got text %q with an error", got)
				}
			}
		})
	}
}

func TestInline(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"emphasis blanks moved out", `<p>a<strong> bold </strong>b <em>it</em>.</p>`, "a **bold** b _it_."},
		{"nested wrapper blanks", `<p>see<a href="/x"><b> the policy</b></a>now</p>`, "see [**the policy**](https://example.com/x)now"},
		{"adjacent runs merged", `<p><b>Fo</b><b>o</b> bar</p>`, "**Foo** bar"},
		{"empty emphasis", `<p>a <b> </b> b</p>`, "a b"},
		{"br splits", `<p>one<br>two<br><br>three</p>`, "one\ntwo\nthree"},
		{"same-page anchor is text", `<p>see <a href="#s5">section 5</a></p>`, "see section 5"},
		{"javascript link is text", `<p><a href="javascript:void(0)">open</a> it</p>`, "open it"},
		{"empty link dropped", `<p>x <a href="/y"><img src=i.png></a> z</p>`, "x z"},
		{"cf email span", `<p>mail <span class="__cf_email__" data-cfemail="5a363f3d3b361a3b39373f773936352f3e743f223b372a363f">[email&#160;protected]</span></p>`, "mail legal@acme-cloud.example"},
		{"cf email link", `<p><a href="/cdn-cgi/l/email-protection#1262607b6473716b5273717f773f717e7d67763c776a737f627e77">write</a></p>`, "[write](mailto:privacy@acme-cloud.example)"},
		{"heading escape", `<p># 1 not a heading</p><p>- not an item</p><p>2024. A year</p>`, "\\# 1 not a heading\n\\- not an item\n2024\\. A year"},
		{"hidden dropped", `<p>kept</p><p hidden>gone</p><div style="DISPLAY: none">gone</div><span style="visibility:hidden">gone</span>`, "kept"},
		{"until-found kept", `<div hidden="until-found">kept</div>`, "kept"},
		{"aria-hidden kept", `<p><span aria-hidden="true">kept</span></p>`, "kept"},
		{"layout table", `<table><tr><td><p>one</p><p>two</p></td></tr></table>`, "one\ntwo"},
		{"ordered start", `<ol start="7"><li>a</li><li>b</li></ol>`, "7. a\n8. b"},
		{"form controls", `<p>Pick <select><option>EN</option></select><button>Go</button> done</p>`, "Pick done"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "<html><body><main>" + tt.html + "<p>" + strings.Repeat("filler ", 20) + "</p></main></body></html>"
			got, err := HTML([]byte(body), Options{BaseURL: "https://example.com/terms"})
			if err != nil {
				t.Fatal(err)
			}
			got = strings.TrimSuffix(got, "\n"+strings.TrimSpace(strings.Repeat("filler ", 20)))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHiddenLongContentKept(t *testing.T) {
	long := strings.Repeat("Clause text that a script reveals when the tab opens. ", 50)
	page := `<main><div style="display:none"><p>` + long + `</p></div><p hidden>Variant B banner</p></main>`
	got, err := HTML([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got != strings.TrimSpace(long) {
		t.Errorf("got %.80q…, want the long hidden block kept and the short one dropped", got)
	}
}
