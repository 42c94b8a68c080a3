package fetch

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// gauge counts requests in flight and remembers the most seen at once.
type gauge struct{ now, max atomic.Int32 }

func (g *gauge) enter() {
	n := g.now.Add(1)
	for {
		m := g.max.Load()
		if n <= m || g.max.CompareAndSwap(m, n) {
			return
		}
	}
}

func (g *gauge) leave() { g.now.Add(-1) }

func slowServer(t *testing.T, g *gauge) string {
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		g.enter()
		defer g.leave()
		time.Sleep(30 * time.Millisecond)
		fmt.Fprint(w, page)
	}).URL
}

func fetchAll(t *testing.T, c *Client, urls []string) {
	t.Helper()
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			if _, err := c.Fetch(context.Background(), Request{URL: u}); err != nil {
				t.Errorf("Fetch(%s): %v", u, err)
			}
		})
	}
	wg.Wait()
}

func TestFetchPerHostLimit(t *testing.T) {
	var g gauge
	url := slowServer(t, &g)
	opts := testOptions()
	opts.PerHost = 2
	c, _ := newTestClient(t, opts)
	fetchAll(t, c, slices.Repeat([]string{url}, 10))
	if got := g.max.Load(); got != 2 {
		t.Errorf("most requests in flight to one host = %d, want 2", got)
	}
}

func TestFetchGlobalLimit(t *testing.T) {
	var g gauge // shared by the three servers
	var urls []string
	for range 3 {
		urls = append(urls, slices.Repeat([]string{slowServer(t, &g)}, 4)...)
	}
	opts := testOptions()
	opts.PerHost = 2
	opts.Concurrency = 3
	c, _ := newTestClient(t, opts)
	fetchAll(t, c, urls)
	if got := g.max.Load(); got != 3 {
		t.Errorf("most requests in flight overall = %d, want 3", got)
	}
}

func TestFetchHostDelay(t *testing.T) {
	const delay = 80 * time.Millisecond
	var mu sync.Mutex
	var starts []time.Time
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		fmt.Fprint(w, page)
	})
	opts := testOptions()
	opts.HostDelay = delay
	c, _ := newTestClient(t, opts)
	fetchAll(t, c, slices.Repeat([]string{srv.URL}, 4))
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	// The server sees each request a little after it left, by a varying
	// amount, so single gaps may look a bit short; the whole span may not.
	if span, want := starts[len(starts)-1].Sub(starts[0]), 3*delay; span < want-20*time.Millisecond {
		t.Errorf("span of 4 request starts = %v, want at least about %v", span, want)
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < delay/2 {
			t.Errorf("gap between request starts %d and %d = %v, want about %v", i-1, i, gap, delay)
		}
	}
}

// TestFetchOneHostFailing checks that a host that hangs holds only its own
// slots: a fetch from another host goes through while it hangs.
func TestFetchOneHostFailing(t *testing.T) {
	release := make(chan struct{})
	var hanging atomic.Int32
	stuck := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hanging.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	fine := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page) })
	opts := testOptions()
	opts.PerHost = 2
	opts.Concurrency = 3
	opts.Timeout = 10 * time.Second
	c, _ := newTestClient(t, opts)

	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() { c.Fetch(context.Background(), Request{URL: stuck.URL}) })
	}
	for hanging.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := c.Fetch(ctx, Request{URL: fine.URL})
	close(release)
	wg.Wait()
	if err != nil {
		t.Errorf("Fetch from the other host while one hangs: %v", err)
	}
}
