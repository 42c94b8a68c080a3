package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static/style.css
var styleCSS []byte

var styleETag = func() string {
	sum := sha256.Sum256(styleCSS)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}()

var funcs = template.FuncMap{
	"when":        when,
	"path":        url.PathEscape,
	"clauseLabel": present.ClauseLabel,
	"factLabel":   present.FactLabel,
	"day":         func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"factsApart":  func(p factsPage) factsPage { p.Rows = p.Apart; return p },
	"capFacts":    present.CapMove,
	"sevClass":    severityClass,
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
}

// when formats a time (or *time.Time) for people; always UTC, as stored.
func when(t any) string {
	switch v := t.(type) {
	case time.Time:
		if v.IsZero() {
			return "—"
		}
		return v.UTC().Format("2006-01-02 15:04 UTC")
	case *time.Time:
		if v == nil {
			return "—"
		}
		return when(*v)
	}
	return fmt.Sprint(t)
}

// parsePages parses every page template together with the layout.
// parsePages parses every page; root is the path the UI is served under
// ("" at the root of the host, "/toswatch" behind a proxy), which every
// link of the pages starts with.
func parsePages(root string) (map[string]*template.Template, error) {
	fm := template.FuncMap{
		"root":      func() string { return root },
		"changeURL": func(id int64) string { return present.ChangeURL(root, id) },
	}
	for k, v := range funcs {
		fm[k] = v
	}
	layout, err := template.New("layout.html").Funcs(fm).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, err
		}
		pages[strings.TrimSuffix(base, ".html")] = t
	}
	return pages, nil
}

// render writes a page; rendering into a buffer first means a template
// error becomes a clean 500 instead of half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, code int, page string, data any) {
	html, err := s.page(page, data)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.write(w, r, code, html)
}

// page renders a page into memory.
func (s *server) page(page string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := s.pages[page].ExecuteTemplate(&b, "layout", data); err != nil {
		return nil, fmt.Errorf("render %s: %w", page, err)
	}
	return b.Bytes(), nil
}

// write answers with a rendered page.
func (s *server) write(w http.ResponseWriter, r *http.Request, code int, html []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(html)
	}
}

type errorPage struct {
	Title   string
	Code    int
	Message string
}

// fail answers with an error page.
func (s *server) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	var b bytes.Buffer
	err := s.pages["error"].ExecuteTemplate(&b, "layout", errorPage{Title: http.StatusText(code), Code: code, Message: msg})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if err != nil {
		// The error template itself failed: plain escaped text still tells.
		fmt.Fprintf(w, "<p>%s</p>", template.HTMLEscapeString(msg))
		return
	}
	w.Write(b.Bytes())
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "There is nothing at this address.")
}

func (s *server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		s.tooLong(w, r) // the request's time ran out under it
		return
	}
	s.log.Error("web request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("error", err))
	s.fail(w, r, http.StatusInternalServerError, "Something went wrong on the server; the error has been logged.")
}

// storeError answers 404 for a missing record and 500 for anything else.
func (s *server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	s.serverError(w, r, err)
}

func (s *server) style(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("ETag", styleETag)
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, styleETag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method != http.MethodHead {
		w.Write(styleCSS)
	}
}

// severityClass is the CSS class of a change of the given severity.
func severityClass(sev string) string {
	switch sev {
	case model.SeverityHigh, model.SeverityMedium, model.SeverityLow:
		return "sev-" + sev
	}
	return "sev-none"
}
