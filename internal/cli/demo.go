package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/demo"
	"github.com/toswatch/toswatch/internal/metrics"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/pipeline"
	"github.com/toswatch/toswatch/internal/store"
)

func runDemo(ctx context.Context, a *app, args []string) error {
	fs := a.flags("demo")
	addr := fs.String("addr", config.DefaultWebAddr, "where the web UI listens (127.0.0.1:0 picks a free port)")
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
	db, config := shellQuote(filepath.Join(dir, "toswatch.db")), shellQuote(filepath.Join(dir, "vendors.yaml"))
	fmt.Fprintf(a.env.Stdout, "\ntoswatch demo: open %s (Ctrl-C stops)\n", srv.URL())
	fmt.Fprintf(a.env.Stdout, "\nThe demo database is %s (deleted when the demo stops). Meanwhile, in another terminal:\n", db)
	for _, c := range []string{
		"changes",
		"status",
		`diff "Acme CRM" "Terms of Service"`,
		`review 1 --by "Your Name" --decision needs-follow-up --note "ask counsel"`,
		"export --format json",
	} {
		fmt.Fprintf(a.env.Stdout, "  toswatch --db %s --config %s %s\n", db, config, c)
	}
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
	p, err := a.pipeline(cfg, pipeline.Options{Store: st, Log: a.log, Now: clock, Observe: observer(m)})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	defer p.Close()
	t := p.Tracker
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
			fmt.Fprintf(a.env.Stdout, "revision %d, check %d: %s\n", rev, i+1, countOutcomes(counts))
		}
	}
	return cfg, st, nil
}

// countOutcomes says how many checks had each outcome: "3 unchanged, 1 failed".
func countOutcomes(counts map[model.Outcome]int) string {
	var parts []string
	for _, o := range []model.Outcome{model.OutcomeNew, model.OutcomeChanged, model.OutcomeUnchanged,
		model.OutcomeTechnical, model.OutcomeUnconfirmed, model.OutcomeFailed} {
		if counts[o] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[o], o))
		}
	}
	return strings.Join(parts, ", ")
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
