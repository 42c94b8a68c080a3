// Package schedule runs jobs on intervals for `toswatch run`: each tracked
// document is checked on its own schedule, with jitter so that checks do not
// all hit at once, never twice at the same time, and everything stops
// cleanly when the context is cancelled.
package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"
)

// Job is one recurring task.
type Job struct {
	Name     string
	Interval time.Duration
	Run      func(ctx context.Context)
	// At, when set, runs the job daily at this wall-clock time ("08:00")
	// in Location instead of every Interval.
	At       string
	Location *time.Location
	// Soon, when set, is asked after each run how soon the job must run
	// again, ahead of its turn (0: at its turn). A check that saw a drastic
	// change waiting for confirmation asks for the confirming check early.
	Soon func() time.Duration
}

// Scheduler runs jobs until its context is cancelled.
type Scheduler struct {
	// Clock is the scheduler's clock; tests use a fake one.
	Clock clockwork.Clock
	// Jitter is the fraction of an interval by which runs are spread
	// (0.1: ±10%). The first runs are spread over the first Spread.
	Jitter float64
	Spread time.Duration
	// StopTimeout bounds how long Run waits for running jobs at shutdown.
	StopTimeout time.Duration
	Log         *slog.Logger

	// finished, when set, is called after each run of a job, once the job
	// may run again: tests advance a fake clock only then.
	finished func(job string)
}

// Run schedules the jobs and blocks until ctx is cancelled, then waits for
// running jobs to finish (they see their context cancelled) and returns.
func (s *Scheduler) Run(ctx context.Context, jobs []Job) error {
	clock := s.Clock
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	stop := s.StopTimeout
	if stop == 0 {
		stop = 30 * time.Second
	}
	sched, err := gocron.NewScheduler(gocron.WithClock(clock), gocron.WithLocation(time.UTC), gocron.WithStopTimeout(stop))
	if err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	for _, j := range jobs {
		def, err := s.definition(j)
		if err != nil {
			return err
		}
		opts := []gocron.JobOption{
			gocron.WithName(j.Name),
			gocron.WithContext(ctx),
		}
		if j.At == "" {
			// Interval jobs start now, spread over the first Spread.
			start := gocron.WithStartImmediately()
			if s.Spread > 0 {
				start = gocron.WithStartDateTime(clock.Now().Add(time.Duration(1 + rand.Int64N(int64(s.Spread)))))
			}
			opts = append(opts, gocron.WithStartAt(start))
		}
		_, err = sched.NewJob(def, gocron.NewTask(s.once(j, clock, sched)), opts...)
		if err != nil {
			return fmt.Errorf("schedule %s: %w", j.Name, err)
		}
	}
	sched.Start()
	<-ctx.Done()
	if s.Log != nil {
		s.Log.Info("stopping scheduler")
	}
	if err := sched.Shutdown(); err != nil {
		return fmt.Errorf("scheduler shutdown: %w", err)
	}
	return nil
}

// once returns the task of a job, which runs it at most once per turn:
//
//   - a turn that comes while the job is still running is skipped, so that
//     a job never runs twice at once (gocron's singleton mode does the same,
//     but marks a run finished a moment after it returns);
//   - a turn that comes less than half an interval after the last run
//     started is a second firing of the same turn, and is skipped too
//     (gocron fires a turn again when it reschedules a job for the very
//     instant it ran, which a frozen test clock makes happen).
func (s *Scheduler) once(j Job, clock clockwork.Clock, sched gocron.Scheduler) func(ctx context.Context) {
	gap := 12 * time.Hour // a daily job
	if j.At == "" {
		gap = time.Duration(float64(j.Interval)*(1-s.Jitter)) / 2
	}
	var running atomic.Bool
	var last time.Time // when the last run started; guarded by running
	var run func(ctx context.Context, early bool)
	run = func(ctx context.Context, early bool) {
		if !running.CompareAndSwap(false, true) {
			s.skipped(j, "still running")
			return
		}
		now := clock.Now()
		if !early && !last.IsZero() && now.Sub(last) < gap {
			running.Store(false)
			s.skipped(j, "a second firing of the same turn")
			return
		}
		last = now
		defer func() {
			running.Store(false)
			if s.finished != nil {
				s.finished(j.Name)
			}
		}()
		j.Run(ctx)
		if j.Soon == nil || ctx.Err() != nil {
			return
		}
		if d := j.Soon(); d > 0 {
			at := gocron.OneTimeJob(gocron.OneTimeJobStartDateTime(clock.Now().Add(d)))
			task := gocron.NewTask(func(ctx context.Context) { run(ctx, true) })
			if _, err := sched.NewJob(at, task, gocron.WithName(j.Name+" (early)"), gocron.WithContext(ctx)); err != nil && s.Log != nil {
				s.Log.Warn("cannot schedule an early run", slog.String("job", j.Name), slog.Any("error", err))
			}
		}
	}
	return func(ctx context.Context) { run(ctx, false) }
}

func (s *Scheduler) skipped(j Job, why string) {
	if s.Log != nil {
		s.Log.Debug("turn skipped", slog.String("job", j.Name), slog.String("why", why))
	}
}

func (s *Scheduler) definition(j Job) (gocron.JobDefinition, error) {
	if j.At != "" {
		var h, m uint
		if _, err := fmt.Sscanf(j.At, "%d:%d", &h, &m); err != nil || h > 23 || m > 59 {
			return nil, fmt.Errorf("schedule %s: invalid time of day %q (want HH:MM)", j.Name, j.At)
		}
		loc := j.Location
		if loc == nil {
			loc = time.UTC
		}
		return gocron.CronJob(fmt.Sprintf("CRON_TZ=%s %d %d * * *", loc.String(), m, h), false), nil
	}
	if j.Interval <= 0 {
		return nil, fmt.Errorf("schedule %s: interval must be positive", j.Name)
	}
	if s.Jitter <= 0 {
		return gocron.DurationJob(j.Interval), nil
	}
	spread := time.Duration(float64(j.Interval) * s.Jitter)
	return gocron.DurationRandomJob(j.Interval-spread, j.Interval+spread), nil
}
