// Package web serves toswatch's user interface: the dashboard of recorded
// changes, vendor and document histories, a change's diff with its review
// form, full version texts, and the RSS and Atom feeds.
//
// Every page is server-rendered with html/template and needs no JavaScript.
// Vendor text is untrusted: templates escape it, and a strict
// Content-Security-Policy forbids scripts should anything slip through.
package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/store"
)

// Options configure the web UI.
type Options struct {
	Store *store.Store
	// BaseURL is the public address of the UI, used for the absolute links
	// of the feeds; "" derives it from each request. Its path, if any
	// ("https://intranet.example/toswatch"), is where a reverse proxy
	// serves the UI: every link starts with it, and requests are answered
	// with or without it (whether or not the proxy strips it).
	BaseURL string
	// Token, when set, must accompany a review (form field "token",
	// "Authorization: Bearer" or a login's session cookie). Set it when the
	// server listens beyond loopback.
	Token string
	// RequireTokenForReads makes every page, feed, download and /metrics
	// need the token too: a session cookie set by the login form, the
	// bearer header, or ?token= for feeds, downloads and metrics.
	RequireTokenForReads bool
	// Addr is the address the server listens on. With BaseURL it makes the
	// Host values the server answers (see allowedHosts); with neither,
	// any Host is answered.
	Addr string
	// Metrics, when set, is served at /metrics.
	Metrics http.Handler
	// FailureThreshold is the number of failed checks in a row after which
	// a document is listed as failing; 0: config.DefaultFailureThreshold.
	FailureThreshold int
	Now              func() time.Time
	Log              *slog.Logger
}

// csp allows the embedded style sheet and same-origin forms, nothing else:
// no script at all, so that vendor text that escaped escaping stays inert.
const csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

type server struct {
	opts    Options
	root    string // the path of BaseURL, without a trailing slash
	st      *store.Store
	log     *slog.Logger
	mux     *http.ServeMux
	pages   map[string]*template.Template
	csrf    csrf
	hosts   map[string]bool // nil: any Host
	heavy   chan struct{}   // the slots of heavy renders (see limit.go)
	timeout time.Duration   // of each request: requestTimeout
}

// New returns the handler of the web UI.
func New(opts Options) (http.Handler, error) {
	if opts.Store == nil {
		return nil, errors.New("web: no store")
	}
	if opts.FailureThreshold <= 0 {
		opts.FailureThreshold = config.DefaultFailureThreshold
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Now().UTC() }
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	var root string
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("web: base URL: %w", err)
		}
		root = strings.TrimRight(u.EscapedPath(), "/")
	}
	pages, err := parsePages(root)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("web: csrf secret: %w", err)
	}
	if opts.RequireTokenForReads && opts.Token == "" {
		return nil, errors.New("web: reads require a token, and none is set")
	}
	hosts, err := allowedHosts(opts.BaseURL, opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s := &server{opts: opts, root: root, st: opts.Store, log: opts.Log, mux: http.NewServeMux(), pages: pages,
		csrf: csrf{secret: secret, secure: strings.HasPrefix(opts.BaseURL, "https:"), baseURL: opts.BaseURL}, hosts: hosts,
		heavy: make(chan struct{}, maxHeavy), timeout: requestTimeout}
	s.routes()
	return s, nil
}

func (s *server) routes() {
	s.mux.HandleFunc("GET /{$}", s.dashboard)
	s.mux.HandleFunc("GET /vendors", s.vendors)
	s.mux.HandleFunc("GET /vendors/{vendor}", s.vendor)
	s.mux.HandleFunc("GET /vendors/{vendor}/{document}", s.document)
	s.mux.HandleFunc("GET /changes", s.dashboard)
	s.mux.HandleFunc("GET /export.csv", s.export(exportCSV))
	s.mux.HandleFunc("GET /export.jsonl", s.export(exportJSON))
	s.mux.HandleFunc("GET /changes/{id}", s.change)
	s.mux.HandleFunc("POST /changes/{id}/review", s.review)
	s.mux.HandleFunc("GET /versions/{id}", s.version)
	s.mux.HandleFunc("GET /feed.xml", s.feed(rssFormat))
	s.mux.HandleFunc("GET /feed.atom", s.feed(atomFormat))
	s.mux.HandleFunc("GET /facts", s.factsTable)
	s.mux.HandleFunc("GET /facts/{vendor}", s.vendorFacts)
	s.mux.HandleFunc("GET /static/style.css", s.style)
	s.mux.HandleFunc("GET /login", s.loginForm)
	s.mux.HandleFunc("POST /login", s.login)
	if s.opts.Metrics != nil {
		s.mux.Handle("GET /metrics", s.opts.Metrics)
	}
}

// ServeHTTP sets the security headers of every response and answers
// unknown paths and wrong methods with HTML error pages.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if !s.hostAllowed(r) {
		s.fail(w, r, http.StatusMisdirectedRequest, "This server does not answer to that name. Open it at the address it was configured with (settings.web.base_url or its listen address).")
		return
	}
	r, cancel := s.withTimeout(r)
	defer cancel()
	if s.root != "" && (r.URL.Path == s.root || strings.HasPrefix(r.URL.Path, s.root+"/")) {
		// Behind a proxy that passes the prefix on: serve as if at /.
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, s.root), "/")
		r2.URL.RawPath = ""
		r = r2
	}
	if !s.readAllowed(r) {
		s.refuseRead(w, r)
		return
	}
	handler, pattern := s.mux.Handler(r)
	if pattern != "" {
		// Through the mux again: Handler does not set the path values.
		s.mux.ServeHTTP(w, r)
		return
	}
	// No route: the mux's own handler says whether the path exists for
	// another method (405, with Allow) or not at all (404).
	var probe statusProbe
	handler.ServeHTTP(&probe, r)
	if probe.code == http.StatusMethodNotAllowed {
		h.Set("Allow", probe.header.Get("Allow"))
		s.fail(w, r, http.StatusMethodNotAllowed, "This address does not accept "+r.Method+" requests.")
		return
	}
	s.notFound(w, r)
}

// statusProbe records what the mux would answer, and drops the body.
type statusProbe struct {
	header http.Header
	code   int
}

func (p *statusProbe) Header() http.Header {
	if p.header == nil {
		p.header = http.Header{}
	}
	return p.header
}
func (p *statusProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *statusProbe) WriteHeader(code int)        { p.code = code }

// baseURL is the public address of the UI for absolute links.
func (s *server) baseURL(r *http.Request) string {
	if s.opts.BaseURL != "" {
		return s.opts.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
