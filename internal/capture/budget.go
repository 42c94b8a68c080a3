package capture

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptrace"
	"sync"
	"time"

	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// BudgetFor is the time a check of a one-page document may take once its
// first request has left: every attempt of the fetch with its politeness
// delay and backoff, the longest Retry-After honoured and a browser render
// (render), then as much again for the re-fetch that confirms a drastic
// change after confirmDelay. o has its defaults filled in (Client.Options).
func BudgetFor(o fetch.Options, confirmDelay, render time.Duration) time.Duration {
	attempts := time.Duration(o.Retries + 1)
	backoffs := o.RetryBase * (1<<o.Retries - 1) // each at most base·2^(n-1)
	capture := attempts*(o.Timeout+o.HostDelay) + backoffs + o.MaxRetryAfter + render
	return 2*capture + confirmDelay
}

// errOverBudget is the cause of a check's work cancelled by its budget.
type errOverBudget struct{ budget time.Duration }

func (e errOverBudget) Error() string {
	return fmt.Sprintf("the check took longer than its budget of %s", e.budget)
}

// WithBudget returns the context a check of doc fetches and renders with:
// it is cancelled budget (times the document's pages) after the check's
// first request left, after the politeness wait, so that a queue of checks
// for one host does not eat into it. 0: unbounded. stop releases it.
func WithBudget(ctx context.Context, budget time.Duration, doc model.Document) (work context.Context, stop func()) {
	if budget <= 0 {
		return ctx, func() {}
	}
	work, cancel := context.WithCancelCause(ctx)
	c := &budgetClock{d: budget * time.Duration(max(len(parts(doc)), 1)), cancel: cancel}
	// The fetcher gets a connection for a request only once the limiter let
	// it go: that is when the clock starts.
	work = httptrace.WithClientTrace(work, &httptrace.ClientTrace{GetConn: func(string) { c.start() }})
	work = context.WithValue(work, budgetKey{}, c)
	return work, c.stop
}

type budgetKey struct{}

// startBudget starts the clock of the check ctx belongs to, for work that
// does not go through the fetcher (a browser render).
func startBudget(ctx context.Context) {
	if c, ok := ctx.Value(budgetKey{}).(*budgetClock); ok {
		c.start()
	}
}

type budgetClock struct {
	d      time.Duration
	cancel context.CancelCauseFunc
	once   sync.Once
	timer  *time.Timer
}

func (c *budgetClock) start() {
	c.once.Do(func() {
		c.timer = time.AfterFunc(c.d, func() { c.cancel(errOverBudget{c.d}) })
	})
}

func (c *budgetClock) stop() {
	c.once.Do(func() {}) // not started by now: never
	if c.timer != nil {
		c.timer.Stop()
	}
	c.cancel(nil)
}

// OverBudget turns the failure of work cancelled by its budget into a
// failure of kind timeout.
func OverBudget(work context.Context, err error) error {
	var ob errOverBudget
	if err != nil && errors.As(context.Cause(work), &ob) {
		return model.FailureTimeout.Wrap(ob)
	}
	return err
}
