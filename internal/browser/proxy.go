package browser

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/toswatch/toswatch/internal/fetch"
)

// DialFunc connects to a server, or refuses to (fetch.ErrNonPublicAddress).
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// proxy is the HTTP proxy that one render's tab reaches every server
// through. Chromium resolves no name itself (see start): the proxy
// resolves it and connects with dial, the HTTP fetcher's guarded dialer,
// so that the check is made on the address actually dialled, whatever the
// name said. What dial refuses is recorded and logged; the render decides
// what it means for the check (see navGuard).
type proxy struct {
	ln   net.Listener
	srv  *http.Server
	dial DialFunc
	log  *slog.Logger
	page string // the URL rendered, for the log

	mu      sync.Mutex
	conns   map[net.Conn]bool // tunnels open, closed with the proxy
	blocked map[string]string // host:port → the refusal
}

// hopHeaders are the headers of one connection, not passed on.
var hopHeaders = []string{"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}

// startProxy starts a proxy on a loopback port.
func startProxy(dial DialFunc, log *slog.Logger, page string) (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{ln: ln, dial: dial, log: log, page: page, conns: map[net.Conn]bool{}, blocked: map[string]string{}}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second, ErrorLog: nil}
	go p.srv.Serve(ln)
	return p, nil
}

// addr is the proxy's address, for Chromium.
func (p *proxy) addr() string { return "http://" + p.ln.Addr().String() }

// close stops the proxy and every tunnel through it.
func (p *proxy) close() {
	p.srv.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
}

// refused returns the refusal of connections to hostport, "" if none.
func (p *proxy) refused(hostport string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.blocked[hostport]
}

// connect dials hostport, recording and logging a refusal.
func (p *proxy) connect(ctx context.Context, hostport string) (net.Conn, error) {
	conn, err := p.dial(ctx, "tcp", hostport)
	if errors.Is(err, fetch.ErrNonPublicAddress) {
		p.mu.Lock()
		_, seen := p.blocked[hostport]
		p.blocked[hostport] = err.Error()
		p.mu.Unlock()
		if !seen {
			p.log.Warn("browser: connection to a non-public address blocked", slog.String("page", p.page),
				slog.String("host", hostport), slog.Any("error", err))
		}
	}
	return conn, err
}

func (p *proxy) track(c net.Conn, open bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if open {
		p.conns[c] = true
	} else {
		delete(p.conns, c)
	}
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect {
		p.tunnel(w, r)
		return
	}
	if r.URL.Scheme != "http" || r.URL.Host == "" {
		http.Error(w, "not a proxy request", http.StatusBadRequest)
		return
	}
	p.forward(w, r)
}

// tunnel serves CONNECT (https, and WebSockets): bytes both ways between
// the browser and the server dialled.
func (p *proxy) tunnel(w http.ResponseWriter, r *http.Request) {
	server, err := p.connect(r.Context(), r.Host)
	if err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		server.Close()
		http.Error(w, "cannot tunnel", http.StatusInternalServerError)
		return
	}
	client, buf, err := hj.Hijack()
	if err != nil {
		server.Close()
		return
	}
	p.track(client, true)
	p.track(server, true)
	defer func() {
		p.track(client, false)
		p.track(server, false)
		client.Close()
		server.Close()
	}()
	if _, err := io.WriteString(client, "HTTP/1.1 200 Connection Established\r\n\r\n"); err != nil {
		return
	}
	done := make(chan struct{}, 2)
	go func() { io.Copy(server, buf); done <- struct{}{} }()
	go func() { io.Copy(client, server); done <- struct{}{} }()
	<-done
}

// forward serves a plain http request through a transport of its own,
// which dials with the guard.
func (p *proxy) forward(w http.ResponseWriter, r *http.Request) {
	tr := &http.Transport{
		Proxy:              nil,
		DialContext:        func(ctx context.Context, _, addr string) (net.Conn, error) { return p.connect(ctx, addr) },
		DisableCompression: true,
		DisableKeepAlives:  true,
	}
	defer tr.CloseIdleConnections()
	out := r.Clone(r.Context())
	out.RequestURI = ""
	for _, h := range hopHeaders {
		out.Header.Del(h)
	}
	resp, err := tr.RoundTrip(out)
	if err != nil {
		// No answer at all: the browser sees a failed request, not a page.
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for _, h := range hopHeaders {
		resp.Header.Del(h)
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}
