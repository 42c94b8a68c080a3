package cli

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/metrics"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/notify"
	"github.com/toswatch/toswatch/internal/pipeline"
	"github.com/toswatch/toswatch/internal/schedule"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/tracker"
)

func runRun(ctx context.Context, a *app, args []string) error {
	fs := a.flags("run")
	addr := fs.String("addr", "", "web UI listen address (default settings.web.addr, 127.0.0.1:8080; \"off\" for none)")
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
	docs, err := cfg.Documents()
	if err != nil {
		return usageError{err}
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close() // last: after the scheduler and the web server stopped
	m := metrics.New()
	n, err := a.notifier(cfg, st)
	if err != nil {
		return err
	}
	seen := observer(m)
	if n != nil {
		counted := seen
		seen = func(r tracker.Result) {
			counted(r)
			if r.Status == model.OutcomeChanged {
				n.Wake()
			}
		}
	}
	p, err := a.pipeline(cfg, pipeline.Options{Store: st, Log: a.log, Observe: seen})
	if err != nil {
		return err
	}
	defer p.Close()
	t := p.Tracker

	var jobs []schedule.Job
	for _, d := range docs {
		interval := d.Schedule
		if interval == 0 {
			interval = cfg.Settings.Schedule
		}
		var pending atomic.Bool // the last check saw a drastic change waiting for confirmation
		jobs = append(jobs, schedule.Job{
			Name:     d.Vendor + " / " + d.Type,
			Interval: interval,
			Run:      func(ctx context.Context) { pending.Store(t.Check(ctx, d).Status == model.OutcomeUnconfirmed) },
			// Confirming checks come early: a real rewrite is recorded
			// within the hour, not after days of a 24h schedule.
			Soon: func() time.Duration {
				if pending.Load() {
					return min(interval, confirmSoon)
				}
				return 0
			},
		})
	}
	dj, err := digestJob(cfg, st, a)
	if err != nil {
		return err
	}
	if dj != nil {
		jobs = append(jobs, *dj)
	}

	webDone := make(chan error, 1)
	webCtx, stopWeb := context.WithCancel(context.Background())
	defer stopWeb()
	if *addr != "off" {
		srv, err := a.webServer(cfg, st, m, firstNonEmpty(*addr, cfg.Settings.Web.Addr))
		if err != nil {
			return err
		}
		go func() { webDone <- srv.serve(webCtx) }()
	} else {
		webDone <- nil
	}

	a.log.Info("toswatch running", "documents", len(docs), "config", a.configPath, "db", a.dbPath)
	reDone := make(chan struct{})
	go func() {
		defer close(reDone)
		reanalyseOnStart(ctx, st, a)
	}()
	// Notifications are sent beside the checks, never in their way.
	notifyDone := make(chan struct{})
	if n != nil {
		n.Failed = m.NotifyFailed
		go func() {
			defer close(notifyDone)
			n.Run(ctx, notify.DefaultPoll)
		}()
	} else {
		close(notifyDone)
	}
	s := &schedule.Scheduler{Jitter: 0.1, Spread: spread(len(docs)), Log: a.log}
	schedErr := s.Run(ctx, jobs)
	// Shutdown is one path: signal → scheduler (above) → web server → database (deferred).
	stopWeb()
	webErr := <-webDone
	<-reDone // it stops with ctx, between two changes
	<-notifyDone
	if schedErr != nil {
		return fmt.Errorf("run: %w", schedErr)
	}
	if webErr != nil {
		return webErr
	}
	a.log.Info("toswatch stopped")
	return nil
}

// reanalyseOnStart reads, in the background, the clause facts of the
// versions that have none yet and classifies again the changes an
// older analyser judged, so that an upgrade of toswatch improves the
// history too.
func reanalyseOnStart(ctx context.Context, st *store.Store, a *app) {
	facts, err := readFacts(ctx, st, false)
	if err != nil && ctx.Err() == nil {
		a.log.Error("reading the clause facts of recorded versions", "err", err, "done", facts)
	} else if facts > 0 {
		a.log.Info("clause facts read", "versions", facts, "analyser revision", clause.Revision)
	}
	done, differed, err := reanalyse(ctx, st, false, nil)
	switch {
	case err != nil && ctx.Err() == nil:
		a.log.Error("reanalysing recorded changes", "err", err, "done", done)
	case done > 0:
		a.log.Info("recorded changes reanalysed", "changes", done, "classified differently", differed, "analyser revision", clause.Revision)
	}
}

// observer counts a tracker's checks in the metrics.
func observer(m *metrics.Metrics) func(tracker.Result) {
	return func(r tracker.Result) {
		m.Check(r.Vendor, r.Document, r.Status, r.Status.VersionKind(), r.Duration, time.Now())
	}
}

// confirmSoon is the longest wait before a check that confirms a drastic
// change (an unconfirmed check asks for the next one early).
const confirmSoon = 15 * time.Minute

// spread is how long the first round of checks is spread over, so that a
// start does not fire every request at once.
func spread(docs int) time.Duration {
	return min(time.Duration(docs)*2*time.Second, 5*time.Minute)
}
