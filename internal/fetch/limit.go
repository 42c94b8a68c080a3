package fetch

import (
	"context"
	"io"
	"net"
	"net/http"
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

// acquire waits for a slot to start a request to host and returns the
// function that gives the slot back.
func (l *limiter) acquire(ctx context.Context, host string) (release func(), err error) {
	h := l.host(host)
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := l.space(ctx, h); err != nil {
		<-h.slots
		return nil, err
	}
	select {
	case l.global <- struct{}{}:
	case <-ctx.Done():
		<-h.slots
		return nil, ctx.Err()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-l.global
			<-h.slots
		})
	}, nil
}

// space waits until delay has passed since the last request start to h.
// It counts from when the last request really started, so one that was
// itself held up pushes the next one back.
func (l *limiter) space(ctx context.Context, h *hostLimit) error {
	if l.delay <= 0 {
		return nil
	}
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-h.turn }()
	if !h.last.IsZero() {
		if err := sleepCtx(ctx, time.Until(h.last.Add(l.delay))); err != nil {
			return err
		}
	}
	h.last = time.Now()
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
	release, err := t.lim.acquire(ctx, hostKey(req.URL.Scheme, req.URL.Host))
	if err != nil {
		return nil, err
	}
	// The attempt's clock starts now, not while it waited for a slot: a
	// queue behind a slow host is politeness, not the server's slowness.
	if a := attemptFrom(ctx); a != nil {
		a.startClock()
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
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
