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
	s := &Scheduler{Clock: clock, StopTimeout: time.Second}
	done := make(chan error)
	go func() {
		done <- s.Run(ctx, []Job{
			{Name: "fast", Interval: time.Hour, Run: func(context.Context) { fast.Add(1) }},
			{Name: "slow", Interval: 6 * time.Hour, Run: func(context.Context) { slow.Add(1) }},
		})
	}()
	// Both run at start, then fast every hour and slow every six.
	waitFor(t, func() bool { return fast.Load() == 1 && slow.Load() == 1 })
	for h := 1; h <= 6; h++ {
		clock.BlockUntilContext(ctx, 2) // both jobs waiting on their timers
		clock.Advance(time.Hour)
		want := int32(h + 1)
		waitFor(t, func() bool { return fast.Load() == want })
	}
	waitFor(t, func() bool { return slow.Load() == 2 })
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

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
