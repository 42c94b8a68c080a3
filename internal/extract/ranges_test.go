package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// TestRangesGolden extracts testdata/ranges/terms.html with selectors and
// ranges and compares the text with testdata/ranges/NAME.md.
func TestRangesGolden(t *testing.T) {
	page := readPage(t, filepath.Join("ranges", "terms.html"))
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"after-title-to-updated", Options{Ranges: []model.Range{{StartAfter: "h1", EndBefore: "#updated"}}}},
		{"one-section-by-headings", Options{Ranges: []model.Range{{StartBefore: "#liability", EndBefore: "#law"}}}},
		{"inside-a-section", Options{Ranges: []model.Range{{StartAfter: "#general", EndBefore: ".promo"}}}},
		{"end-after", Options{Ranges: []model.Range{{StartBefore: "#law", EndAfter: "#updated"}}}},
		// The first h2 is before the start: the end is the first one after it.
		{"end-follows-start", Options{Ranges: []model.Range{{StartAfter: "#general", EndBefore: "h2"}}}},
		// Ranges listed before a selector still come out in page order.
		{"mixed-in-page-order", Options{Select: []string{"h1"}, Ranges: []model.Range{{StartBefore: "#liability", EndBefore: "#law"}}}},
		// #s2 lies inside the range and is not written twice.
		{"selector-inside-range", Options{Select: []string{"#s2"}, Ranges: []model.Range{{StartAfter: "h1", EndBefore: "#updated"}}}},
		{"range-inside-selector", Options{Select: []string{"main"}, Ranges: []model.Range{{StartBefore: "#liability", EndBefore: "#law"}}}},
		{"overlapping-ranges-joined", Options{Ranges: []model.Range{
			{StartBefore: "#liability", EndAfter: "#s3"},
			{StartBefore: "#general", EndBefore: "#law"},
		}}},
		{"remove-then-range", Options{Remove: []string{".promo", "ul"}, Ranges: []model.Range{{StartBefore: "#general", EndBefore: "#law"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.BaseURL = goldenBase
			got, err := HTML(page, tc.opts)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			golden := filepath.Join("testdata", "ranges", tc.name+".md")
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

// TestRangesDoNotTouchThePage: a range copies what it writes, so a later
// selector or range still sees the whole page.
func TestRangesDoNotTouchThePage(t *testing.T) {
	page := readPage(t, filepath.Join("ranges", "terms.html"))
	opts := Options{Ranges: []model.Range{{StartBefore: "#general", EndBefore: "#law"}}}
	first, err := HTML(page, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## 1. General", "## 2. Limitation of liability", "**fees you paid**", "- We are not liable for lost profits."} {
		if !strings.Contains(first, want) {
			t.Errorf("text lacks %q:\n%s", want, first)
		}
	}
	for _, bad := range []string{"Acme Terms of Service", "Governing law", "Pricing", "Last updated"} {
		if strings.Contains(first, bad) {
			t.Errorf("text contains %q from outside the range:\n%s", bad, first)
		}
	}
	again, _ := HTML(page, opts)
	if first != again {
		t.Errorf("two extractions differ")
	}
}

func TestRangeErrors(t *testing.T) {
	page := readPage(t, filepath.Join("ranges", "terms.html"))
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"start missing", Options{Ranges: []model.Range{{StartAfter: "#nope", EndBefore: "#law"}}},
			`selector_missing: range {start_after: "#nope", end_before: "#law"}: start "#nope" matched nothing`},
		{"end missing", Options{Ranges: []model.Range{{StartBefore: "h1", EndAfter: ".gone"}}},
			`selector_missing: range {start_before: "h1", end_after: ".gone"}: end ".gone" matched nothing`},
		{"end only before the start", Options{Ranges: []model.Range{{StartAfter: "#law", EndBefore: "#general"}}},
			`selector_missing: range {start_after: "#law", end_before: "#general"}: end "#general" matched nothing after the start`},
		{"invalid css", Options{Ranges: []model.Range{{StartAfter: "h1[", EndBefore: "p"}}},
			`selector_missing: selector "h1[" is invalid`},
		{"no end", Options{Ranges: []model.Range{{StartAfter: "h1"}}},
			`selector_missing: range {start_after: "h1"} is invalid: it needs exactly one start and one end`},
		{"two starts", Options{Ranges: []model.Range{{StartAfter: "h1", StartBefore: "h2", EndAfter: "p"}}},
			`selector_missing: range {start_before: "h2", start_after: "h1", end_after: "p"} is invalid`},
		{"selector missing beside a good range", Options{Select: []string{".terms"}, Ranges: []model.Range{{StartAfter: "h1", EndBefore: "#updated"}}},
			`selector_missing: selector ".terms" matched nothing`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := HTML(page, tc.opts)
			if !errors.Is(err, model.FailureSelectorMissing) {
				t.Fatalf("got error %v, want FailureSelectorMissing", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got message %q, want %q", err, tc.want)
			}
			if got != "" {
				t.Errorf("got text %q with an error", got)
			}
		})
	}
}

func BenchmarkRanges(b *testing.B) {
	page := readPage(b, filepath.Join("ranges", "terms.html"))
	opts := Options{Select: []string{"h1"}, Ranges: []model.Range{{StartBefore: "#general", EndBefore: "#law"}, {StartAfter: "#law", EndAfter: "#updated"}}}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := HTML(page, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzRanges checks that any page and range boundaries extract without
// panic, the same way twice, and never write a text twice over when a
// selector covers the range.
func FuzzRanges(f *testing.F) {
	page, _ := os.ReadFile(filepath.Join("testdata", "ranges", "terms.html"))
	f.Add(page, "h1", "#updated", uint8(0))
	f.Add(page, "#liability", "h2", uint8(3))
	f.Add([]byte("<div><p>a</p><div><p>b</p></div></div><p>c</p>"), "p", "div", uint8(1))
	f.Fuzz(func(t *testing.T, body []byte, start, end string, mode uint8) {
		r := model.Range{}
		if mode&1 == 0 {
			r.StartAfter = start
		} else {
			r.StartBefore = start
		}
		if mode&2 == 0 {
			r.EndBefore = end
		} else {
			r.EndAfter = end
		}
		opts := Options{Ranges: []model.Range{r}, BaseURL: "https://example.com/terms"}
		text, err := HTML(body, opts)
		if err != nil {
			return
		}
		if again, _ := HTML(body, opts); again != text {
			t.Errorf("two extractions differ")
		}
		// The whole page as a selector covers any range: the text is the
		// page's, once.
		opts.Select = []string{"html"}
		whole, err := HTML(body, opts)
		want, werr := HTML(body, Options{Select: []string{"html"}, BaseURL: opts.BaseURL})
		if (err == nil) != (werr == nil) || whole != want {
			t.Errorf("range inside the page changed the page's text:\n%q\nwant\n%q", whole, want)
		}
	})
}
