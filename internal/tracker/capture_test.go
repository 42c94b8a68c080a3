package tracker

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/toswatch/toswatch/internal/capture"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// site is a fake Fetcher serving responses by URL.
type site struct {
	mu    sync.Mutex
	pages map[string]*fetch.Response
	errs  map[string]error
}

func (s *site) Fetch(ctx context.Context, req fetch.Request) (*fetch.Response, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.errs[req.URL]; err != nil {
		return nil, err
	}
	r, ok := s.pages[req.URL]
	if !ok {
		return nil, &fetch.Error{Kind: model.FailureHTTPStatus, URL: req.URL, Status: 404}
	}
	cp := *r
	return &cp, nil
}

func (s *site) set(url, mediaType, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pages == nil {
		s.pages = map[string]*fetch.Response{}
	}
	s.pages[url] = &fetch.Response{URL: url, Status: 200, MediaType: mediaType, Body: []byte(body)}
}

// fakeBrowser "renders" pages from a map, counting renders.
type fakeBrowser struct {
	pages   map[string]string
	renders int
}

func (b *fakeBrowser) Render(ctx context.Context, url string, waitFor []string) ([]byte, string, error) {
	b.renders++
	return []byte(b.pages[url]), url, nil
}

type fakePDF struct{}

func (fakePDF) Text(ctx context.Context, data []byte) (string, error) {
	return strings.TrimPrefix(string(data), "%PDF-fake\n"), nil
}

func latestText(t *testing.T, tr *Tracker, d model.Document) string {
	t.Helper()
	info, err := tr.Store().FindDocument(context.Background(), d.Vendor, d.Type)
	if err != nil {
		t.Fatal(err)
	}
	h, err := tr.Store().Latest(context.Background(), info.ID)
	if err != nil || h == nil {
		t.Fatalf("latest: %v %v", h, err)
	}
	text, err := tr.Store().Text(context.Background(), h.Version.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func TestCombinedDocumentJoinsParts(t *testing.T) {
	s := &site{}
	s.set("http://127.0.0.1:1/a", "text/html", page(5, map[int]string{0: "Part A opening paragraph of the general terms that apply to every customer."}))
	s.set("http://127.0.0.1:1/b", "text/html", page(5, map[int]string{0: "Part B opening paragraph of the product specific terms for the service."}))
	d := model.Document{Vendor: "Acme", Type: "Terms", URL: "http://127.0.0.1:1/a", Combine: []model.Part{
		{URL: "http://127.0.0.1:1/a", Select: []string{".terms"}},
		{URL: "http://127.0.0.1:1/b", Select: []string{".terms"}},
	}}
	tr := newTracker(t, "", s)
	if r := tr.Check(context.Background(), d); r.Status != model.OutcomeNew {
		t.Fatalf("%+v", r)
	}
	text := latestText(t, tr, d)
	a, b := strings.Index(text, "Part A opening"), strings.Index(text, "Part B opening")
	if a < 0 || b < a {
		t.Fatalf("combined text lacks the parts in order:\n%s", text)
	}
	// Each page is kept as its own raw body.
	info, err := tr.Store().FindDocument(context.Background(), d.Vendor, d.Type)
	if err != nil {
		t.Fatal(err)
	}
	head, err := tr.Store().Latest(context.Background(), info.ID)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := tr.Store().RawPages(context.Background(), head.Version.ID)
	if err != nil || len(raw) != 2 || raw[0].URL != d.Combine[0].URL || raw[1].URL != d.Combine[1].URL || raw[1].MediaType != "text/html" {
		t.Fatalf("raw pages: %+v, %v; want the two pages", raw, err)
	}
	// Changing the selectors of the parts re-extracts the stored parts: a technical version.
	d.Combine[1].Remove = []string{"h1"}
	if r := tr.Check(context.Background(), d); r.Status != model.OutcomeTechnical {
		t.Fatalf("after a part's selector changed: %+v, want technical", r)
	}
	// A part that fails fails the whole document.
	delete(s.pages, "http://127.0.0.1:1/b")
	r := tr.Check(context.Background(), d)
	if r.Status != model.OutcomeFailed || r.Error == nil || !strings.Contains(*r.Error, "part 2 of 2") || !strings.HasPrefix(*r.Error, "http_status: ") {
		t.Fatalf("missing part: %+v", r)
	}
}

func TestPDFDocument(t *testing.T) {
	s := &site{}
	body := "%PDF-fake\nTerms of Service\nOur total liability will not exceed the fees you paid in the twelve (12) months before the claim, to the extent permitted by law."
	s.set("http://127.0.0.1:1/terms.pdf", "application/pdf", body)
	d := model.Document{Vendor: "Acme", Type: "PDF Terms", URL: "http://127.0.0.1:1/terms.pdf"}
	path := filepath.Join(t.TempDir(), "toswatch.db")
	tr := newTracker(t, path, s)
	if r := tr.Check(context.Background(), d); r.Status != model.OutcomeFailed {
		t.Fatalf("without a converter: %+v, want failed", r)
	}
	tr = newTrackerWith(t, path, capture.Options{Fetch: s, PDF: fakePDF{}}, Options{})
	if r := tr.Check(context.Background(), d); r.Status != model.OutcomeNew {
		t.Fatalf("%+v", r)
	}
	if text := latestText(t, tr, d); !strings.HasPrefix(text, "Terms of Service\nOur total liability") {
		t.Errorf("PDF text = %q", text)
	}
}

func TestAutoRenderFallsBackToTheBrowser(t *testing.T) {
	const url = "http://127.0.0.1:1/terms"
	rendered := page(10, nil)
	for _, tc := range []struct {
		name string
		set  func(s *site)
	}{
		{"403", func(s *site) {
			s.errs = map[string]error{url: &fetch.Error{Kind: model.FailureHTTPStatus, URL: url, Status: 403}}
		}},
		{"selector filled by scripts", func(s *site) {
			s.set(url, "text/html", `<html><body><div id=app></div><script>fill()</script></body></html>`)
		}},
		// The selector matches a placeholder the scripts replace: over HTTP
		// the page is a loading page (unavailable), in the browser the terms.
		{"selector shows Loading… until scripts fill it", func(s *site) {
			s.set(url, "text/html", `<html><body><main class=terms><p>Loading…</p></main><script>fill()</script></body></html>`)
		}},
		{"selector holds a few words until scripts fill it", func(s *site) {
			s.set(url, "text/html", `<html><body><main class=terms><p>Terms of Service</p></main><script>fill()</script></body></html>`)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &site{}
			tc.set(s)
			b := &fakeBrowser{pages: map[string]string{url: rendered}}
			tr := newTrackerWith(t, "", capture.Options{Fetch: s, Browser: b}, Options{})
			d := model.Document{Vendor: "Acme", Type: "Terms", URL: url, Select: []string{".terms"}}
			if r := tr.Check(context.Background(), d); r.Status != model.OutcomeNew {
				t.Fatalf("%+v", r)
			}
			if b.renders != 1 {
				t.Errorf("rendered %d times, want 1", b.renders)
			}
			d.Render = "http"
			if r := tr.Check(context.Background(), d); r.Status != model.OutcomeFailed {
				t.Errorf("render: http must not fall back: %+v", r)
			}
		})
	}
}

func TestRateLimitingIsNotABrowserCase(t *testing.T) {
	const url = "http://127.0.0.1:1/terms"
	s := &site{errs: map[string]error{url: &fetch.Error{Kind: model.FailureHTTPStatus, URL: url, Status: 429, RetryAfter: true}}}
	b := &fakeBrowser{pages: map[string]string{url: page(10, nil)}}
	tr := newTrackerWith(t, "", capture.Options{Fetch: s, Browser: b}, Options{})
	r := tr.Check(context.Background(), model.Document{Vendor: "Acme", Type: "Terms", URL: url, Select: []string{".terms"}})
	if r.Status != model.OutcomeFailed || b.renders != 0 {
		t.Errorf("429 with Retry-After: %+v after %d renders, want failed without the browser", r, b.renders)
	}
}
