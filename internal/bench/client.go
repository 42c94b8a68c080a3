package bench

import (
	"io"
	"net/http"
	"sync"
	"time"
)

// clientLog is the farm's record of politeness as the fetcher behaves, kept
// at the client (fetch.Options.Observe), not at the servers: a server sees
// a request some dial jitter after it left, and may still be in the
// handler of the last one when the client, having read the whole body,
// sends the next. Under the fetcher's limits, a request is logged as
// started before the fetcher marks the host's last start, and as ended
// before its slot is given back, so the log holds the limits exactly.
type clientLog struct {
	mu    sync.Mutex
	hosts map[string]*hostLog
}

type hostLog struct {
	inflight, peak int
	last           time.Time     // the latest start
	minGap         time.Duration // shortest time between two starts; 0: fewer than two
	starts         int           // since the last reset
}

// politeness is what the log saw in a round: the most requests one host
// had in flight, and the shortest time between two starts to one host
// (counting from the last start of the round before).
type politeness struct {
	maxInFlight int
	minGap      time.Duration // 0: no host had two starts
	starts      int
}

func newClientLog() *clientLog { return &clientLog{hosts: map[string]*hostLog{}} }

// wrap is the fetch.Options.Observe of the bench's pipeline.
func (c *clientLog) wrap(base http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(req *http.Request) (*http.Response, error) {
		host := req.URL.Host
		c.start(host)
		resp, err := base.RoundTrip(req)
		if err != nil {
			c.end(host)
			return nil, err
		}
		resp.Body = &loggedBody{ReadCloser: resp.Body, end: func() { c.end(host) }}
		return resp, nil
	})
}

func (c *clientLog) start(host string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[host]
	if h == nil {
		h = &hostLog{}
		c.hosts[host] = h
	}
	// The time is read under the lock, so that starts are logged in the
	// order they happened.
	now := time.Now()
	if !h.last.IsZero() {
		if gap := now.Sub(h.last); h.minGap == 0 || gap < h.minGap {
			h.minGap = gap
		}
	}
	h.last = now
	h.starts++
	h.inflight++
	h.peak = max(h.peak, h.inflight)
}

func (c *clientLog) end(host string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hosts[host].inflight--
}

// round returns what the log saw since the last call and starts anew; the
// gap from each host's last start is still measured.
func (c *clientLog) round() politeness {
	c.mu.Lock()
	defer c.mu.Unlock()
	var p politeness
	for _, h := range c.hosts {
		p.maxInFlight = max(p.maxInFlight, h.peak)
		if h.minGap > 0 && (p.minGap == 0 || h.minGap < p.minGap) {
			p.minGap = h.minGap
		}
		p.starts += h.starts
		h.peak, h.minGap, h.starts = h.inflight, 0, 0
	}
	return p
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// loggedBody calls end once, when the body is closed.
type loggedBody struct {
	io.ReadCloser
	end  func()
	once sync.Once
}

func (b *loggedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.end)
	return err
}
