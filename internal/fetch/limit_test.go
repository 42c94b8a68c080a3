package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strings"
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

// clientStarts records when each request leaves the client (the
// transport's GetConn, before any dial), by host: the times a politeness
// test judges, free of the jitter between the client and a server.
type clientStarts struct {
	mu     sync.Mutex
	starts map[string][]time.Time
}

func (c *clientStarts) context(ctx context.Context) context.Context {
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GetConn: func(hostPort string) {
		now := time.Now()
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.starts == nil {
			c.starts = map[string][]time.Time{}
		}
		c.starts[hostPort] = append(c.starts[hostPort], now)
	}})
}

// minGap returns the shortest time between two starts to one host, and
// how many starts there were.
func (c *clientStarts) minGap(t *testing.T, url string) (time.Duration, int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	starts := c.starts[strings.TrimPrefix(url, "http://")]
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	gap := time.Duration(1<<63 - 1)
	for i := 1; i < len(starts); i++ {
		gap = min(gap, starts[i].Sub(starts[i-1]))
	}
	return gap, len(starts)
}

func TestFetchHostDelay(t *testing.T) {
	const delay = 80 * time.Millisecond
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page) })
	opts := testOptions()
	opts.HostDelay = delay
	c, _ := newTestClient(t, opts)
	var rec clientStarts
	ctx := rec.context(context.Background())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := c.Fetch(ctx, Request{URL: srv.URL}); err != nil {
				t.Errorf("Fetch: %v", err)
			}
		})
	}
	wg.Wait()
	if gap, n := rec.minGap(t, srv.URL); n != 4 || gap < delay {
		t.Errorf("%d request starts, the closest %v apart; want 4, at least %v apart", n, gap, delay)
	}
}

// TestFetchHostDelayAfterGlobalWait: a request that waited for a global
// slot after its host's delay counts as started when it really starts, so
// the next request to the host waits its delay from then.
func TestFetchHostDelayAfterGlobalWait(t *testing.T) {
	const delay = 60 * time.Millisecond
	holding, letGo := make(chan struct{}), make(chan struct{})
	slow := serve(t, func(w http.ResponseWriter, r *http.Request) {
		close(holding)
		<-letGo
		fmt.Fprint(w, page)
	})
	fast := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page) })
	opts := testOptions()
	opts.HostDelay, opts.PerHost, opts.Concurrency = delay, 2, 1
	opts.Timeout = 30 * time.Second
	c, _ := newTestClient(t, opts)
	var rec clientStarts
	ctx := rec.context(context.Background())

	var wg sync.WaitGroup
	wg.Go(func() {
		if _, err := c.Fetch(ctx, Request{URL: slow.URL}); err != nil {
			t.Errorf("Fetch(slow): %v", err)
		}
	})
	<-holding // the only global slot is taken
	for range 3 {
		wg.Go(func() {
			if _, err := c.Fetch(ctx, Request{URL: fast.URL}); err != nil {
				t.Errorf("Fetch(fast): %v", err)
			}
		})
	}
	// Long enough for the queued requests' delays to pass while they wait
	// for the global slot (not needed for the test to hold, only for it to
	// fail without the fix).
	time.Sleep(3 * delay)
	close(letGo)
	wg.Wait()
	if gap, n := rec.minGap(t, fast.URL); n != 3 || gap < delay {
		t.Errorf("%d request starts, the closest %v apart; want 3, at least %v apart", n, gap, delay)
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

// observed is a transport wrapper that logs what it sees.
type observed struct {
	base http.RoundTripper
	mu   sync.Mutex
	log  []string
}

func (o *observed) note(s string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.log = append(o.log, s)
}

func (o *observed) RoundTrip(req *http.Request) (*http.Response, error) {
	o.note("start " + req.URL.Path)
	resp, err := o.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &closeNoted{ReadCloser: resp.Body, note: func() { o.note("close " + req.URL.Path) }}
	return resp, nil
}

type closeNoted struct {
	io.ReadCloser
	note func()
}

func (c *closeNoted) Close() error {
	c.note()
	return c.ReadCloser.Close()
}

// Options.Observe sees every request, redirect hops included, from its
// start to its body's close.
func TestFetchObserve(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, page)
	})
	var o observed
	opts := testOptions()
	opts.Observe = func(base http.RoundTripper) http.RoundTripper { o.base = base; return &o }
	c, _ := newTestClient(t, opts)
	if _, err := c.Fetch(context.Background(), Request{URL: srv.URL + "/old"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"start /old", "close /old", "start /new", "close /new"}
	if !slices.Equal(o.log, want) {
		t.Errorf("observed %q, want %q", o.log, want)
	}
}
