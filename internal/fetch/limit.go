package fetch

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"time"
)

// limiter keeps the fetcher polite: at most perHost requests in flight to one
// host, request starts to one host at least delay apart, and at most global
// requests in flight overall.
//
// A request takes its host slot before its global slot, so requests queued
// behind a slow host do not hold global slots that other hosts could use.
// With a delay, it also holds its host's turn from the end of its wait
// until it really starts (its headers are written): the next request to the
// host counts its delay from that moment, however long this one waited for
// a global slot or a connection in between.
type limiter struct {
	global  chan struct{}
	perHost int
	delay   time.Duration

	mu    sync.Mutex
	hosts map[string]*hostLimit
}

type hostLimit struct {
	slots chan struct{}
	// turn serialises request starts to the host (a mutex that a
	// cancelled ctx can give up waiting for); last is the latest start.
	turn chan struct{}
	last time.Time
}

func newLimiter(global, perHost int, delay time.Duration) *limiter {
	return &limiter{
		global:  make(chan struct{}, global),
		perHost: perHost,
		delay:   delay,
		hosts:   make(map[string]*hostLimit),
	}
}

// host returns the limits of one host. Hosts are never forgotten: a
// tracker talks to a few hundred at most.
func (l *limiter) host(key string) *hostLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := l.hosts[key]
	if h == nil {
		h = &hostLimit{slots: make(chan struct{}, l.perHost), turn: make(chan struct{}, 1)}
		l.hosts[key] = h
	}
	return h
}

// permit is one request's place under the limits. started marks the
// moment the request really starts; release gives its slots back (and
// marks it started, if it never did). Both may be called more than once.
type permit struct {
	l     *limiter
	h     *hostLimit
	turn  bool // holds h.turn until started
	start sync.Once
	end   sync.Once
}

func (p *permit) started() {
	p.start.Do(func() {
		if p.turn {
			p.h.last = time.Now()
			<-p.h.turn
		}
	})
}

func (p *permit) release() {
	p.started()
	p.end.Do(func() {
		<-p.l.global
		<-p.h.slots
	})
}

// acquire waits until a request to host may start: a host slot, the
// host's delay since its last start, then a global slot.
func (l *limiter) acquire(ctx context.Context, host string) (*permit, error) {
	h := l.host(host)
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p := &permit{l: l, h: h, turn: l.delay > 0}
	if p.turn {
		if err := l.space(ctx, h); err != nil {
			<-h.slots
			return nil, err
		}
	}
	select {
	case l.global <- struct{}{}:
	case <-ctx.Done():
		if p.turn {
			<-h.turn
		}
		<-h.slots
		return nil, ctx.Err()
	}
	return p, nil
}

// space takes h's turn and waits until delay has passed since the last
// request start to h. The turn is held until the request starts
// (permit.started), so that last is always a real start.
func (l *limiter) space(ctx context.Context, h *hostLimit) error {
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if !h.last.IsZero() {
		if err := sleepCtx(ctx, time.Until(h.last.Add(l.delay))); err != nil {
			<-h.turn
			return err
		}
	}
	return nil
}

// hostKey names the server a URL talks to: host and port, the port filled
// in from the scheme.
func hostKey(scheme, host string) string {
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		h, port = host, "80"
		if scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(h), port)
}

// politeTransport takes the limiter's slots around every request, redirect
// hops included, and holds them until the body is closed: a request is in
// flight until its body has been read.
type politeTransport struct {
	base http.RoundTripper
	lim  *limiter
}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	p, err := t.lim.acquire(ctx, hostKey(req.URL.Scheme, req.URL.Host))
	if err != nil {
		return nil, err
	}
	// The attempt's clock starts now, not while it waited for a slot: a
	// queue behind a slow host is politeness, not the server's slowness.
	if a := attemptFrom(ctx); a != nil {
		a.startClock()
	}
	if p.turn {
		// The request starts when its headers are on the wire, after any
		// dial; one that fails before that counts as started when it fails.
		req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: p.started}))
	}
	resp, err := t.base.RoundTrip(req)
	p.started()
	if err != nil {
		p.release()
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: p.release}
	return resp, nil
}

type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
