package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/toswatch/toswatch/internal/schedule"
)

func runRun(ctx context.Context, a *app, args []string) error {
	fs := a.flags("run")
	if a.logLevel == "" {
		a.logLevel = "info"
	}
	if _, err := a.parse(fs, args, 0, 0, ""); err != nil {
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
	defer st.Close()
	t := newTracker(cfg, st, a)
	var jobs []schedule.Job
	for _, d := range docs {
		interval := d.Schedule
		if interval == 0 {
			interval = cfg.Settings.Schedule
		}
		jobs = append(jobs, schedule.Job{
			Name:     d.Vendor + " / " + d.Type,
			Interval: interval,
			Run:      func(ctx context.Context) { t.Check(ctx, d) },
		})
	}
	dj, err := digestJob(cfg, st, a)
	if err != nil {
		return err
	}
	if dj != nil {
		jobs = append(jobs, *dj)
	}
	a.log.Info("toswatch running", "documents", len(docs), "config", a.configPath, "db", a.dbPath)
	s := &schedule.Scheduler{Jitter: 0.1, Spread: spread(len(docs)), Log: a.log}
	if err := s.Run(ctx, jobs); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	a.log.Info("toswatch stopped")
	return nil
}

// spread is how long the first round of checks is spread over, so that a
// start does not fire every request at once.
func spread(docs int) time.Duration {
	return min(time.Duration(docs)*2*time.Second, 5*time.Minute)
}
