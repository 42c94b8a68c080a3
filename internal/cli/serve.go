package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/feed"
	"github.com/toswatch/toswatch/internal/metrics"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/web"
)

func runServe(ctx context.Context, a *app, args []string) error {
	fs := a.flags("serve")
	addr := fs.String("addr", "", "listen address (default settings.web.addr, 127.0.0.1:8080)")
	if a.logLevel == "" {
		a.logLevel = "info"
	}
	if _, err := a.parse(fs, args, 0, 0, "[--addr HOST:PORT]"); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	// serve shows what check and run record: a --db that does not exist
	// (a typo) is refused, not created empty.
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := a.webServer(cfg, st, metrics.New(), firstNonEmpty(*addr, cfg.Settings.Web.Addr))
	if err != nil {
		return err
	}
	return srv.serve(ctx)
}

// webServer is the HTTP server of serve and run: the web UI, its feeds and /metrics.
type webServer struct {
	http *http.Server
	ln   net.Listener
	a    *app
}

func (a *app) webServer(cfg *config.Config, st *store.Store, m *metrics.Metrics, addr string) (*webServer, error) {
	token := ""
	if env := cfg.Settings.Web.TokenEnv; env != "" {
		token = a.env.Getenv(env)
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, usagef("invalid web address %q: want HOST:PORT", addr)
	}
	// What to do about a missing token: set the variable token_env names,
	// or name one.
	fix := "set settings.web.token_env to an environment variable that holds an access token"
	if env := cfg.Settings.Web.TokenEnv; env != "" {
		fix = fmt.Sprintf("the environment variable %s (settings.web.token_env) is not set: set it to an access token", env)
	}
	if !isLoopback(host) && token == "" {
		return nil, usagef("the web UI would listen on %s, beyond this machine, and needs an access token (review actions then require it): %s, or listen on 127.0.0.1", addr, fix)
	}
	if cfg.Settings.Web.RequireTokenForReads && token == "" {
		return nil, usagef("settings.web.require_token_for_reads needs the access token: %s", fix)
	}
	// Requests are answered only for the names the server is known by:
	// on a wildcard address that is the base URL's alone.
	if ip := net.ParseIP(host); (host == "" || ip != nil && ip.IsUnspecified()) && cfg.Settings.Web.BaseURL == "" {
		return nil, usagef("the web UI would listen on %s, every address of this machine: set settings.web.base_url to the address people open it at (requests for other names are refused), or listen on one address", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("web UI: %w", err)
	}
	h, err := web.New(web.Options{Store: st, BaseURL: cfg.Settings.Web.BaseURL, Token: token,
		RequireTokenForReads: cfg.Settings.Web.RequireTokenForReads, Addr: ln.Addr().String(), Metrics: m.Handler(),
		FailureThreshold: cfg.Settings.Fetch.FailureThreshold, Log: a.log})
	if err != nil {
		ln.Close()
		return nil, err
	}
	return &webServer{a: a, ln: ln, http: &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}}, nil
}

// URL is the address to open in a browser.
func (s *webServer) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// serve serves until ctx is cancelled, then shuts down gracefully.
func (s *webServer) serve(ctx context.Context) error {
	s.a.log.Info("web UI listening", "url", s.URL())
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web UI: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.http.Shutdown(shutdown); err != nil {
		return fmt.Errorf("web UI shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func runFeed(ctx context.Context, a *app, args []string) error {
	fs := a.flags("feed")
	format := fs.String("format", "rss", "feed format: rss or atom")
	vendor := fs.String("vendor", "", "only changes of this vendor")
	clauseType := fs.String("clause", "", "only changes that moved a liability or indemnification clause")
	if _, err := a.parse(fs, args, 0, 0, "[--format rss|atom] [--vendor V] [--clause liability|indemnification]"); err != nil {
		return err
	}
	if *format != "rss" && *format != "atom" {
		return usagef("invalid --format %q: want rss or atom", *format)
	}
	baseURL := "http://" + config.DefaultWebAddr
	if cfg, err := a.loadConfig(); err == nil {
		baseURL = cfg.Settings.Web.PublicURL()
	}
	opts := feed.Options{Vendor: *vendor, Clause: *clauseType, BaseURL: baseURL}
	if err := opts.Validate(); err != nil {
		return usageError{err}
	}
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if *vendor != "" {
		// A misspelt vendor is an error, as in changes, not an empty feed.
		if _, err := a.vendorDocuments(ctx, st, *vendor); err != nil {
			return err
		}
	}
	f, err := feed.Build(ctx, st, opts)
	if err != nil {
		return err
	}
	out, err := feed.RSS(f)
	if *format == "atom" {
		out, err = feed.Atom(f)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, out)
	return nil
}
