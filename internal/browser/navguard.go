package browser

import (
	"context"
	"fmt"
	"net"
	neturl "net/url"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"

	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// navGuard holds the main frame of a render to the HTTP fetcher's rules
// for redirects, whether the server or a script navigates: http(s) only,
// at most fetch.DefaultMaxRedirects hops from the page asked for, and no
// page at an address the proxy refused. The first breach stops the render
// and fails it with kind redirect. Sub-resources are the proxy's alone: a
// refused one is logged, and the page renders without it.
type navGuard struct {
	frame cdp.FrameID
	px    *proxy
	stop  context.CancelFunc

	mu   sync.Mutex
	docs map[network.RequestID]string // main-frame document requests → URL
	hops int                          // main-frame document requests after the first
	err  error
}

func newNavGuard(frame cdp.FrameID, px *proxy, stop context.CancelFunc) *navGuard {
	return &navGuard{frame: frame, px: px, stop: stop, docs: map[network.RequestID]string{}, hops: -1}
}

// on is a chromedp.Listen func: it runs in the tab's event loop.
func (g *navGuard) on(ev any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if e.Type != network.ResourceTypeDocument || e.FrameID != g.frame {
			return
		}
		g.hops++ // a redirect comes again with the same id, a new navigation with a new one
		g.docs[e.RequestID] = e.Request.URL
		u, err := neturl.Parse(e.Request.URL)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https"):
			g.failLocked("the page navigated to a non-http URL %s", e.Request.URL)
		case g.hops > fetch.DefaultMaxRedirects:
			g.failLocked("more than %d redirects or navigations, the last to %s", fetch.DefaultMaxRedirects, e.Request.URL)
		}
	case *network.EventLoadingFailed:
		if url, ok := g.docs[e.RequestID]; ok {
			g.checkLocked(url)
		}
	}
}

// checkLocked fails the render when url's server was refused by the proxy.
func (g *navGuard) checkLocked(url string) {
	if why := g.px.refused(hostPort(url)); why != "" {
		g.failLocked("the page navigated to %s: %s", url, why)
	}
}

func (g *navGuard) failLocked(format string, args ...any) {
	if g.err == nil {
		g.err = &Error{Kind: model.FailureRedirect, Err: fmt.Errorf(format, args...)}
		g.stop()
	}
}

// result returns the breach that stopped the render, if any; it also
// checks every main-frame page against the proxy's refusals once more, for
// a failure whose event did not arrive.
func (g *navGuard) result(url string) error {
	if g == nil { // the tab did not open
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, u := range g.docs {
		g.checkLocked(u)
	}
	if e, ok := g.err.(*Error); ok {
		e.URL = url
	}
	return g.err
}

// hostPort is the server a URL names, as the proxy is asked to connect to
// it: host and port, the port filled in from the scheme.
func hostPort(rawURL string) string {
	u, err := neturl.Parse(rawURL)
	if err != nil {
		return ""
	}
	if u.Port() != "" {
		return u.Host
	}
	port := "80"
	if u.Scheme == "https" {
		port = "443"
	}
	return net.JoinHostPort(u.Hostname(), port)
}
