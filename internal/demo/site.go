// Package demo is toswatch's offline showcase: a vendor site served from
// this process with a few sample vendors whose terms change over several
// revisions (a liability cap lowered, an indemnity broadened, cosmetic and
// unrelated edits, a flip-flop, a page that goes missing), checked by the
// real pipeline and shown in the real web UI.
package demo

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
)

// Page is one sample terms page: its sections, and per revision the
// paragraphs that differ from revision 0.
type Page struct {
	Vendor, Type, Path string
	Title              string
	Sections           []Section
	// Edits[r] maps "section/paragraph" (e.g. "5/1") to the text of that
	// paragraph from revision r on, until a later edit.
	Edits map[int]map[string]string
	// GoneFrom is the revision from which the page answers 404 (0: never).
	GoneFrom int
}

// Section is a heading and its paragraphs.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Site serves the sample pages at a revision.
type Site struct {
	mu       sync.Mutex
	revision int
	pages    []Page
}

// NewSite returns the demo site at revision 0.
func NewSite() *Site { return &Site{pages: samplePages()} }

// Revisions is the number of revisions the demo steps through.
const Revisions = 4

// SetRevision switches every page to revision r.
func (s *Site) SetRevision(r int) {
	s.mu.Lock()
	s.revision = r
	s.mu.Unlock()
}

// Pages returns the sample pages.
func (s *Site) Pages() []Page { return s.pages }

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<script nonce="{{.Nonce}}">window.analytics = "{{.Nonce}}";</script></head>
<body>
<nav class="site-nav"><a href="/">Home</a> <a href="/pricing?utm_source=nav&amp;utm_campaign={{.Nonce}}">Pricing</a></nav>
<div class="cookie-banner">We use cookies. <a href="/cookies">Settings</a></div>
<main class="legal">
<h1>{{.Title}}</h1>
{{range .Sections}}<h2>{{.Heading}}</h2>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{end}}</main>
<footer>Rendered {{.Nonce}} · <a href="/privacy?session={{.Nonce}}">Privacy</a></footer>
</body></html>
`))

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	rev := s.revision
	s.mu.Unlock()
	for _, p := range s.pages {
		if r.URL.Path != p.Path {
			continue
		}
		if p.GoneFrom > 0 && rev >= p.GoneFrom {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		err := pageTmpl.Execute(w, struct {
			Title    string
			Sections []Section
			Nonce    string
		}{p.Title, p.At(rev), fmt.Sprintf("%016x", rand.Uint64())}) // noise, as real vendors' pages have
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
		return
	}
	http.NotFound(w, r)
}

// At returns the page's sections at revision rev.
func (p Page) At(rev int) []Section {
	out := make([]Section, len(p.Sections))
	for i, sec := range p.Sections {
		out[i] = Section{Heading: sec.Heading, Paragraphs: append([]string(nil), sec.Paragraphs...)}
	}
	for r := 1; r <= rev; r++ {
		for key, text := range p.Edits[r] {
			var si, pi int
			fmt.Sscanf(key, "%d/%d", &si, &pi)
			if si < len(out) && pi < len(out[si].Paragraphs) {
				out[si].Paragraphs[pi] = text
			}
		}
	}
	return out
}

// Config returns a vendors.yaml for the demo site at baseURL.
func Config(baseURL string, pages []Page) string {
	var b strings.Builder
	b.WriteString("settings:\n  fetch:\n    host_delay: 0s\n    retries: 0\n    confirm_delay: 0s\n    failure_threshold: 2\nvendors:\n")
	byVendor := map[string][]Page{}
	var order []string
	for _, p := range pages {
		if _, ok := byVendor[p.Vendor]; !ok {
			order = append(order, p.Vendor)
		}
		byVendor[p.Vendor] = append(byVendor[p.Vendor], p)
	}
	for _, v := range order {
		fmt.Fprintf(&b, "  - name: %q\n    documents:\n", v)
		for _, p := range byVendor[v] {
			fmt.Fprintf(&b, "      - type: %q\n        url: %s%s\n        select: \".legal\"\n", p.Type, baseURL, p.Path)
		}
	}
	return b.String()
}
