package schedule

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
)

func TestJobsRunOnTheirIntervalAndStop(t *testing.T) {
	clock := clockwork.NewFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	var fast, slow atomic.Int32
	finished := make(chan string, 16)
	s := &Scheduler{Clock: clock, StopTimeout: time.Second, finished: func(job string) { finished <- job }}
	done := make(chan error)
	go func() {
		done <- s.Run(ctx, []Job{
			{Name: "fast", Interval: time.Hour, Run: func(context.Context) { fast.Add(1) }},
			{Name: "slow", Interval: 6 * time.Hour, Run: func(context.Context) { slow.Add(1) }},
		})
	}()
	// Both run at start, then fast every hour and slow every six. gocron
	// may arm the immediate runs as zero-length timers of the fake clock,
	// which fire only once the clock ticks: nudge it by a millisecond.
	started := func() bool { return fast.Load() == 1 && slow.Load() == 1 }
	if !eventually(started, 2*time.Second) {
		clock.Advance(time.Millisecond)
	}
	waitFor(t, started)
	// A turn that comes while the job is still running is skipped: the
	// clock moves on only once the runs it started are over.
	awaitFinished(t, finished, "fast", "slow")
	for h := 1; h <= 6; h++ {
		clock.BlockUntilContext(ctx, 2) // both jobs waiting on their timers
		clock.Advance(time.Hour)
		if h < 6 {
			awaitFinished(t, finished, "fast")
		} else {
			awaitFinished(t, finished, "fast", "slow")
		}
	}
	if got, want := fast.Load(), int32(7); got != want {
		t.Errorf("the hourly job ran %d times in 6 hours, want %d", got, want)
	}
	if got, want := slow.Load(), int32(2); got != want {
		t.Errorf("the six-hourly job ran %d times in 6 hours, want %d", got, want)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestSingletonJobIsNotRunTwiceAtOnce(t *testing.T) {
	clock := clockwork.NewFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var running, maxRunning, runs atomic.Int32
	release := make(chan struct{})
	s := &Scheduler{Clock: clock, StopTimeout: time.Second}
	go s.Run(ctx, []Job{{Name: "long", Interval: time.Minute, Run: func(context.Context) {
		n := running.Add(1)
		if n > maxRunning.Load() {
			maxRunning.Store(n)
		}
		runs.Add(1)
		<-release
		running.Add(-1)
	}}})
	waitFor(t, func() bool { return runs.Load() == 1 })
	for i := 0; i < 3; i++ {
		clock.Advance(time.Minute)
		time.Sleep(20 * time.Millisecond)
	}
	close(release)
	if got := maxRunning.Load(); got != 1 {
		t.Errorf("max concurrent runs = %d, want 1", got)
	}
}

func TestInvalidJobs(t *testing.T) {
	s := &Scheduler{Clock: clockwork.NewFakeClock()}
	for _, j := range []Job{{Name: "zero"}, {Name: "bad time", At: "25:00"}} {
		if err := s.Run(context.Background(), []Job{j}); err == nil {
			t.Errorf("%s: got no error", j.Name)
		}
	}
}

// awaitFinished waits until each of jobs has finished one run.
func awaitFinished(t *testing.T, finished <-chan string, jobs ...string) {
	t.Helper()
	want := map[string]int{}
	for _, j := range jobs {
		want[j]++
	}
	for len(want) > 0 {
		select {
		case j := <-finished:
			if want[j] == 0 {
				t.Fatalf("%s finished a run out of turn (waiting for %v)", j, want)
			}
			if want[j]--; want[j] == 0 {
				delete(want, j)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("runs of %v not finished in 10s", want)
		}
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	if !eventually(cond, 10*time.Second) {
		t.Fatal("condition not reached in 10s")
	}
}

func eventually(cond func() bool, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

func TestDailyJobRunsAtItsTimeInItsZone(t *testing.T) {
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// 07:59:30 in Madrid (UTC+1 in winter).
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 30, 6, 59, 30, 0, time.UTC))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var runs atomic.Int32
	var at atomic.Value
	s := &Scheduler{Clock: clock, StopTimeout: time.Second}
	go s.Run(ctx, []Job{{Name: "digest", At: "08:00", Location: madrid, Run: func(context.Context) {
		runs.Add(1)
		at.Store(clock.Now())
	}}})
	clock.BlockUntilContext(ctx, 1)
	if runs.Load() != 0 {
		t.Fatal("daily job ran before its time")
	}
	clock.Advance(time.Minute)
	waitFor(t, func() bool { return runs.Load() == 1 })
	if got := at.Load().(time.Time).In(madrid).Format("15:04"); got != "08:00" {
		t.Errorf("ran at %s Madrid time, want 08:00", got)
	}
}

func TestASecondFiringOfATurnIsSkipped(t *testing.T) {
	clock := clockwork.NewFakeClock()
	var runs int
	s := &Scheduler{Jitter: 0.1}
	task := s.once(Job{Name: "j", Interval: time.Hour, Run: func(context.Context) { runs++ }}, clock, nil)
	for _, tt := range []struct {
		advance time.Duration
		want    int
	}{
		{0, 1},                // the first turn
		{0, 1},                // fired again at the same instant
		{20 * time.Minute, 1}, // still well within the turn
		{35 * time.Minute, 2}, // the next turn, early by the jitter
		{time.Hour, 3},
	} {
		clock.Advance(tt.advance)
		task(context.Background())
		if runs != tt.want {
			t.Fatalf("after %s more: %d runs, want %d", tt.advance, runs, tt.want)
		}
	}
}

// A job that asks to run again soon (a check waiting for confirmation)
// runs then, ahead of its turn, and then on its turns again.
func TestJobAskingToRunSoonRunsEarly(t *testing.T) {
	clock := clockwork.NewFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var runs atomic.Int32
	finished := make(chan string, 16)
	s := &Scheduler{Clock: clock, StopTimeout: time.Second, finished: func(job string) { finished <- job }}
	go s.Run(ctx, []Job{{Name: "check", Interval: 6 * time.Hour,
		Run: func(context.Context) { runs.Add(1) },
		// The first two runs ask for another in 15 minutes.
		Soon: func() time.Duration {
			if runs.Load() <= 2 {
				return 15 * time.Minute
			}
			return 0
		},
	}})
	if !eventually(func() bool { return runs.Load() == 1 }, 2*time.Second) {
		clock.Advance(time.Millisecond)
	}
	awaitFinished(t, finished, "check")
	for want := int32(2); want <= 3; want++ {
		clock.BlockUntilContext(ctx, 2) // the turn and the early run waiting on their timers
		clock.Advance(15 * time.Minute)
		awaitFinished(t, finished, "check")
		if got := runs.Load(); got != want {
			t.Fatalf("after %d early runs: %d runs, want %d", want-1, got, want)
		}
	}
	// No more early runs: the next is the turn, 6 hours after the start.
	clock.BlockUntilContext(ctx, 1)
	clock.Advance(6*time.Hour - 30*time.Minute)
	awaitFinished(t, finished, "check")
	if got := runs.Load(); got != 4 {
		t.Errorf("after the turn: %d runs, want 4", got)
	}
}
