package tracker

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/capture"
	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// A server that never answers, behind a fetcher whose own timeout is an
// hour: the check's budget ends it with kind timeout, the failure is
// recorded, and the next check of the document runs as usual.
func TestCheckThatRunsForeverFailsWithKindTimeout(t *testing.T) {
	var hang atomic.Bool
	hang.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hang.Load() {
			<-r.Context().Done()
			return
		}
		w.Write([]byte(page(40, nil)))
	}))
	defer srv.Close()
	f := fetcher(t, func(o *fetch.Options) { o.Timeout, o.Retries, o.HostDelay = time.Hour, 0, 0 })
	path := filepath.Join(t.TempDir(), "toswatch.db")
	tr := newTrackerWith(t, path, capture.Options{Fetch: f}, Options{Budget: 200 * time.Millisecond})
	d := doc
	d.URL = srv.URL + "/terms"
	// Without a budget the check would hang until the test's own limit.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	r := tr.Check(ctx, d)
	if r.Status != model.OutcomeFailed || r.Failure != model.FailureTimeout || r.Error == nil ||
		!strings.HasPrefix(*r.Error, "timeout: the check took longer than its budget of 200ms") {
		t.Fatalf("got %+v (error %q), want failed with kind timeout", r, deref(r.Error))
	}
	info, err := tr.Store().FindDocument(ctx, d.Vendor, d.Type)
	if err != nil || info.Failures != 1 {
		t.Errorf("document after the check: %+v, %v; want its failure recorded", info, err)
	}

	hang.Store(false)
	tr = newTrackerWith(t, path, capture.Options{Fetch: f}, Options{Budget: time.Minute}) // ample for an answer on a loaded machine
	if r := tr.Check(ctx, d); r.Status != model.OutcomeNew {
		t.Errorf("next check: %+v (error %q), want new", r, deref(r.Error))
	}
}

// The budget counts from when the first request leaves: a check queued
// behind the politeness delay of its host is not cut short by it.
func TestBudgetStartsAfterThePolitenessWait(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page(40, nil)))
	}))
	defer srv.Close()
	// Two requests to one host, a host delay of 2 s between their starts,
	// and a budget of 1.5 s: the second check waits longer than its budget
	// before it may send anything.
	f := fetcher(t, func(o *fetch.Options) { o.Retries, o.HostDelay = 0, 2*time.Second })
	tr := newTrackerWith(t, "", capture.Options{Fetch: f}, Options{Budget: 1500 * time.Millisecond})
	d := doc
	d.URL = srv.URL + "/terms"
	ctx := context.Background()
	for i := range 2 {
		if r := tr.Check(ctx, d); r.Status.Failed() {
			t.Fatalf("check %d: %+v (error %q)", i, r, deref(r.Error))
		}
	}
}

// fetcher is a real fetcher with the default settings, changed by edit.
func fetcher(t *testing.T, edit func(*fetch.Options)) *fetch.Client {
	t.Helper()
	o := capture.FetchOptions(config.Defaults())
	edit(&o)
	c, err := fetch.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
