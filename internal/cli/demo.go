package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/demo"
	"github.com/toswatch/toswatch/internal/metrics"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

func runDemo(ctx context.Context, a *app, args []string) error {
	fs := a.flags("demo")
	addr := fs.String("addr", "127.0.0.1:8080", "where the web UI listens (127.0.0.1:0 picks a free port)")
	if a.logLevel == "" {
		a.logLevel = "error" // the demo's failing page is on purpose
	}
	if _, err := a.parse(fs, args, 0, 0, "[--addr HOST:PORT]"); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "toswatch-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	site, stopSite, err := startDemoSite()
	if err != nil {
		return err
	}
	defer stopSite()
	m := metrics.New()
	cfg, st, err := a.demoHistory(ctx, dir, site, m)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := a.webServer(cfg, st, m, *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.env.Stdout, "\ntoswatch demo: open %s (Ctrl-C stops; the demo database is temporary)\n", srv.URL())
	return srv.serve(ctx)
}

// demoSite is the demo vendor site, served on a loopback port.
type demoSite struct {
	*demo.Site
	url string
}

func startDemoSite() (*demoSite, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, fmt.Errorf("demo site: %w", err)
	}
	s := &demoSite{Site: demo.NewSite(), url: "http://" + ln.Addr().String()}
	hs := &http.Server{Handler: s.Site, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "demo site:", err)
		}
	}()
	return s, func() { hs.Close() }, nil
}

// demoHistory checks the demo site through its revisions, one day apart,
// with the real pipeline, into a database in dir.
func (a *app) demoHistory(ctx context.Context, dir string, site *demoSite, m *metrics.Metrics) (*config.Config, *store.Store, error) {
	path := filepath.Join(dir, "vendors.yaml")
	if err := os.WriteFile(path, []byte(demo.Config(site.url, site.Pages())), 0o644); err != nil {
		return nil, nil, err
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, nil, err
	}
	docs, err := cfg.Documents()
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, filepath.Join(dir, "toswatch.db"))
	if err != nil {
		return nil, nil, err
	}
	// The demo's clock is moved back to each revision's day; within a
	// check it runs as real time does, so that durations are real.
	var offset atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(offset.Load())).UTC() }
	st.Now = clock
	t, err := newTracker(cfg, st, a)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	defer t.Close()
	t.Now = clock
	observe(t, m)
	start := time.Now().Add(-time.Duration(demo.Revisions) * 24 * time.Hour)
	for rev := 0; rev < demo.Revisions; rev++ {
		site.SetRevision(rev)
		// Each revision is checked twice, an hour apart: the second check
		// sees only page noise (nonces, tracking ids) and records nothing.
		for i := 0; i < 2; i++ {
			at := start.Add(time.Duration(rev)*24*time.Hour + time.Duration(i)*time.Hour)
			offset.Store(int64(time.Until(at)))
			counts := map[model.Outcome]int{}
			for _, r := range t.CheckAll(ctx, docs, 4, nil) {
				counts[r.Status]++
			}
			fmt.Fprintf(a.env.Stdout, "revision %d, check %d: %v\n", rev, i+1, counts)
		}
	}
	return cfg, st, nil
}
