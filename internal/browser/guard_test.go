package browser

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// fakePublic is the loopback address the tests count as public: every
// test server is on loopback, the "vendor" on 127.0.0.2 and the "private"
// servers on 127.0.0.1.
var fakePublic = netip.MustParseAddr("127.0.0.2")

// guard is the HTTP fetcher with the default settings as a render's guard,
// counting fakePublic as public (and isPublic's addresses, when set).
func guard(t testing.TB, isPublic func(netip.Addr) bool) Guard {
	t.Helper()
	f := config.Defaults().Fetch
	o := fetch.Options{UserAgent: "toswatch-test", DialTimeout: f.DialTimeout, Timeout: f.Timeout, MaxBodyBytes: f.MaxBody,
		PerHost: f.PerHost, Concurrency: f.Concurrency}
	o.IsPublic = func(ip netip.Addr) bool {
		return ip == fakePublic || fetch.IsPublicAddr(ip) || (isPublic != nil && isPublic(ip))
	}
	c, err := fetch.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// serveOn starts h on ip (a free port).
func serveOn(t testing.TB, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	s := httptest.NewUnstartedServer(h)
	s.Listener.Close()
	s.Listener = ln
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// private is a server on a non-public address (cloud metadata, an
// intranet): a render of a public page must never reach it.
type private struct {
	*httptest.Server
	hits atomic.Int32
}

func newPrivate(t *testing.T) *private {
	p := &private{}
	p.Server = serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><main id="terms"><p>instance metadata: secret credentials, far more than a hundred characters of text that must never be stored as a version of anything</p></main></body></html>`)
	}))
	return p
}

// logs collects a Browser's log.
type logs struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logs) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *logs) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

const terms = `<main id="terms"><h1>Terms</h1><p>` + termsText + ` These terms apply to every order placed with Acme, and to every user of the service.</p></main>`

// The attacks of a hostile vendor page on the browser route: each must
// fail the render with kind redirect and never reach the private server.
func TestBrowserNavigationToANonPublicAddressFailsWithKindRedirect(t *testing.T) {
	priv := newPrivate(t)
	target := priv.URL + "/latest/meta-data/"
	vendor := serveOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch r.URL.Path {
		case "/script":
			fmt.Fprintf(w, `<html><body>%s<script>location.href = %q;</script></body></html>`, terms, target)
		case "/later":
			fmt.Fprintf(w, `<html><body>%s<script>setTimeout(() => { location.href = %q; }, 200);</script></body></html>`, terms, target)
		case "/form":
			fmt.Fprintf(w, `<html><body>%s<form method="post" action=%q></form><script>document.forms[0].submit();</script></body></html>`, terms, target)
		case "/redirect":
			http.Redirect(w, r, target, http.StatusFound)
		case "/name":
			// A name, not an address: it resolves to loopback, which the
			// proxy finds out when it dials.
			http.Redirect(w, r, strings.Replace(target, "127.0.0.1", "localhost", 1), http.StatusFound)
		case "/meta":
			fmt.Fprintf(w, `<html><head><meta http-equiv="refresh" content="0; url=%s"></head><body>%s</body></html>`, target, terms)
		}
	}))
	var log logs
	b := newBrowser(t, Options{Timeout: 10 * time.Second, Guard: guard(t, nil), Log: slog.New(slog.NewTextHandler(&log, nil))})
	for _, path := range []string{"/script", "/later", "/form", "/redirect", "/name", "/meta"} {
		for _, waitFor := range [][]string{nil, {"#terms"}} {
			t.Run(fmt.Sprintf("%s %v", path, waitFor), func(t *testing.T) {
				_, _, err := b.Render(context.Background(), vendor.URL+path, waitFor)
				if got := model.FailureOf(err); got != model.FailureRedirect {
					t.Errorf("got %v (kind %q), want kind redirect", err, got)
				}
			})
		}
	}
	if n := priv.hits.Load(); n != 0 {
		t.Errorf("the private server was reached %d times", n)
	}
	if !strings.Contains(log.String(), "connection to a non-public address blocked") {
		t.Errorf("no refusal logged:\n%s", log.String())
	}
}

// Sub-resources at non-public addresses (images, scripts, fetches,
// frames) are blocked and logged, and the page renders without them.
func TestBrowserSubresourcesAtNonPublicAddressesAreBlockedAndLogged(t *testing.T) {
	priv := newPrivate(t)
	vendor := serveOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<html><body>%s
<img src="%[2]s/img.png"><script src="%[2]s/x.js"></script><iframe src="%[2]s/frame"></iframe>
<script>fetch(%[3]q).catch(() => {}); new Image().src = %[4]q;</script></body></html>`,
			terms, priv.URL, priv.URL+"/fetch", strings.Replace(priv.URL, "127.0.0.1", "localhost", 1)+"/name")
	}))
	var log logs
	b := newBrowser(t, Options{Timeout: 10 * time.Second, Guard: guard(t, nil), Log: slog.New(slog.NewTextHandler(&log, nil))})
	// No selectors: the render waits until the network is quiet, so every
	// request of the page has been tried.
	html, _, err := b.Render(context.Background(), vendor.URL+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte(termsText)) {
		t.Errorf("the terms are missing from the page")
	}
	if n := priv.hits.Load(); n != 0 {
		t.Errorf("the private server was reached %d times", n)
	}
	for _, host := range []string{strings.TrimPrefix(priv.URL, "http://"), "localhost:" + priv.URL[strings.LastIndexByte(priv.URL, ':')+1:]} {
		if !strings.Contains(log.String(), "host="+host) {
			t.Errorf("no refusal of %s logged:\n%s", host, log.String())
		}
	}
}

// More than five hops from the page asked for, by HTTP redirects or by
// script, fail with kind redirect, as for the HTTP fetcher.
func TestBrowserNavigationChainLongerThanFiveHopsFails(t *testing.T) {
	vendor := serveOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		w.Header().Set("Content-Type", "text/html")
		switch {
		case r.URL.Query().Get("by") == "script":
			fmt.Fprintf(w, `<html><body>%s<script>location.href = "/hop/%d?by=script";</script></body></html>`, terms, n+1)
		case n < 20:
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
		}
	}))
	b := newBrowser(t, Options{Timeout: 10 * time.Second})
	for _, start := range []string{"/hop/0", "/hop/0?by=script"} {
		_, _, err := b.Render(context.Background(), vendor.URL+start, nil)
		if got := model.FailureOf(err); got != model.FailureRedirect || !strings.Contains(err.Error(), "more than 5") {
			t.Errorf("%s: got %v, want kind redirect after 5 hops", start, err)
		}
	}
	// Five hops are fine.
	fine := serveOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		if n < 5 {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<html><body>%s</body></html>`, terms)
	}))
	if _, final, err := b.Render(context.Background(), fine.URL+"/hop/0", []string{"#terms"}); err != nil || !strings.HasSuffix(final, "/hop/5") {
		t.Errorf("five redirects: got %q, %v", final, err)
	}
}

// A document whose configured URL is itself on an intranet may use
// intranet addresses, as for the HTTP fetcher.
func TestBrowserIntranetDocumentMayUseIntranetAddresses(t *testing.T) {
	priv := newPrivate(t)
	intranet := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<html><body><script>location.href = %q;</script></body></html>`, priv.URL+"/terms")
	}))
	b := newBrowser(t, Options{Timeout: 10 * time.Second})
	html, _, err := b.Render(context.Background(), intranet.URL+"/", []string{"#terms"})
	if err != nil || !bytes.Contains(html, []byte("instance metadata")) || priv.hits.Load() == 0 {
		t.Errorf("got %v, %d hits; want the intranet page rendered", err, priv.hits.Load())
	}
}
