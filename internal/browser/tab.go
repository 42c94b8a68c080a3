package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	neturl "net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// Waiting without selectors: the page counts as rendered once no request
// has been in flight for quietFor.
const (
	quietFor  = 500 * time.Millisecond
	pollEvery = 100 * time.Millisecond
	// grace is the time left after the Timeout to read the page and say
	// what was missing; the wait itself ends at the Timeout.
	grace = 3 * time.Second
)

// Render loads url in a new tab and waits until every selector in waitFor
// matches an element with non-empty text or, with no selectors, until the
// page has loaded and the network has been quiet for a moment, and then
// until the selected text has stopped changing (waitStable), all within
// Options.Timeout. It returns the rendered HTML
// (document.documentElement.outerHTML) and the final URL.
//
// A failure to render the page is an *Error: model.FailureTimeout when the
// page or a selector did not come in time (the message names the
// selector), FailureBlocked when the rendered page is a bot or login wall
// (fetch.DetectWall), FailureNetwork (or FailureRedirect) when navigation
// failed, FailureHTTPStatus for an error status with no selectors to show
// that the terms are there anyway. Other errors (no browser, an invalid
// selector, a cancelled ctx) are plain.
func (b *Browser) Render(ctx context.Context, url string, waitFor []string) (html []byte, finalURL string, err error) {
	if err := b.acquire(ctx); err != nil {
		return nil, "", fmt.Errorf("render %s: %w", url, err)
	}
	defer b.release()
	root, err := b.start(ctx)
	if err != nil {
		return nil, "", err
	}
	deadline := time.Now().Add(b.opts.Timeout)
	start, err := neturl.Parse(url)
	if err != nil {
		return nil, "", fmt.Errorf("render %q: %w", url, err)
	}
	// The tab has a browser context of its own (cookies and all), whose
	// every connection goes through a proxy of its own on the guard.
	px, err := startProxy(b.opts.Guard.Dialer(ctx, start), b.opts.Log, url)
	if err != nil {
		return nil, "", fmt.Errorf("render %s: proxy: %w", url, err)
	}
	defer px.close()
	tab, closeTab := chromedp.NewContext(root, chromedp.WithNewBrowserContext(func(p *target.CreateBrowserContextParams) {
		p.ProxyServer = px.addr()
		p.ProxyBypassList = "<-loopback>" // loopback too goes through the proxy
	}))
	defer closeTab() // waits, briefly, until the tab is gone
	tctx, cancel := context.WithDeadline(tab, deadline.Add(grace))
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	var nav *navGuard
	fail := func(kind model.FailureKind, format string, args ...any) error {
		if ctx.Err() != nil {
			return fmt.Errorf("render %s: %w", url, ctx.Err())
		}
		if err := nav.result(url); err != nil {
			return err // what went wrong is where the page went
		}
		return &Error{Kind: kind, URL: url, Err: fmt.Errorf(format, args...)}
	}

	requests := newTracker()
	if err := chromedp.Do(tctx); err != nil { // creates the tab
		return nil, "", fail(model.FailureNetwork, "open tab: %w", err)
	}
	nav = newNavGuard(cdp.FrameID(chromedp.FromContext(tctx).Target.TargetID), px, cancel)
	// A breach stops the tab, so whatever was under way fails: the breach
	// is what went wrong.
	defer func() {
		if err != nil && ctx.Err() == nil {
			if nerr := nav.result(url); nerr != nil {
				html, finalURL, err = nil, "", nerr
			}
		}
	}()
	for _, on := range []func(any){requests.on, nav.on} {
		if err := chromedp.Listen(tctx, on); err != nil {
			return nil, "", fail(model.FailureNetwork, "open tab: %w", err)
		}
	}
	nctx, ncancel := context.WithDeadline(tctx, deadline)
	resp, err := chromedp.Run(nctx, chromedp.NavigateResponse(url))
	ncancel()
	if err != nil {
		return nil, "", navigationError(fail, err)
	}

	if len(waitFor) > 0 {
		if err := b.waitSelectors(tctx, deadline, waitFor); err != nil {
			if ctx.Err() != nil {
				return nil, "", fmt.Errorf("render %s: %w", url, ctx.Err())
			}
			if werr := wall(tctx, resp, fail); werr != nil {
				return nil, "", werr
			}
			if fe := (*Error)(nil); errors.As(err, &fe) {
				fe.URL, fe.Status = url, int(resp.Status)
			}
			return nil, "", err
		}
	} else {
		requests.waitQuiet(tctx, deadline)
	}
	// An error status without selectors fails below, whatever its text.
	if resp.Status < 400 || len(waitFor) > 0 {
		if err := b.waitStable(tctx, deadline, url, waitFor); err != nil {
			if ctx.Err() != nil {
				return nil, "", fmt.Errorf("render %s: %w", url, ctx.Err())
			}
			if werr := wall(tctx, resp, fail); werr != nil {
				return nil, "", werr
			}
			return nil, "", err
		}
	}

	page, final, err := readPage(tctx)
	if err != nil {
		return nil, "", fail(model.FailureTimeout, "read the rendered page: %w", err)
	}
	if err := nav.result(url); err != nil {
		return nil, "", err
	}
	if reason, blocked := fetch.DetectWall(int(resp.Status), headers(resp), final, page); blocked {
		return nil, "", fail(model.FailureBlocked, "%s", reason)
	}
	if resp.Status >= 400 && len(waitFor) == 0 {
		e := fail(model.FailureHTTPStatus, "HTTP %d %s", resp.Status, http.StatusText(int(resp.Status)))
		if fe := (*Error)(nil); errors.As(e, &fe) {
			fe.Status = int(resp.Status)
		}
		return nil, "", e
	}
	return page, final, nil
}

// wall returns a blocked failure when the page in the tab is a bot or
// login wall: when the terms did not come, a wall in their place is the
// better diagnosis.
func wall(ctx context.Context, resp *network.Response, fail func(model.FailureKind, string, ...any) error) error {
	page, final, err := readPage(ctx)
	if err != nil {
		return nil
	}
	if reason, blocked := fetch.DetectWall(int(resp.Status), headers(resp), final, page); blocked {
		return fail(model.FailureBlocked, "%s", reason)
	}
	return nil
}

// navigationError sorts a failed navigation by the browser's net error.
func navigationError(fail func(model.FailureKind, string, ...any) error, err error) error {
	var le *chromedp.LoadError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fail(model.FailureTimeout, "page did not load in time")
	case errors.As(err, &le) && strings.Contains(le.ErrorText, "TIMED_OUT"):
		return fail(model.FailureTimeout, "%s", le.ErrorText)
	case errors.As(err, &le) && (strings.Contains(le.ErrorText, "REDIRECT") || strings.Contains(le.ErrorText, "UNSAFE_PORT")):
		return fail(model.FailureRedirect, "%s", le.ErrorText)
	case errors.As(err, &le):
		return fail(model.FailureNetwork, "%s", le.ErrorText)
	}
	return fail(model.FailureNetwork, "navigate: %w", err)
}

// selectorState is a JavaScript function of a list of CSS selectors that
// says for each whether it is "ok" (an element with text), "empty" (only
// elements without text), "missing" or "invalid".
const selectorState = `(sels => sels.map(s => {
	let els;
	try { els = document.querySelectorAll(s); } catch (e) { return "invalid"; }
	if (els.length === 0) return "missing";
	for (const el of els) if ((el.textContent || "").trim() !== "") return "ok";
	return "empty";
}))`

// waitSelectors polls until every selector has text, up to deadline.
func (b *Browser) waitSelectors(ctx context.Context, deadline time.Time, sels []string) error {
	arg, err := json.Marshal(sels)
	if err != nil {
		return err
	}
	states := func(ctx context.Context) ([]string, error) {
		return chromedp.Run(ctx, chromedp.Evaluate[[]string](selectorState+"("+string(arg)+")"))
	}
	// An invalid selector would only time out: say so at once.
	if st, err := states(ctx); err == nil {
		for i, s := range st {
			if s == "invalid" {
				return fmt.Errorf("render: selector %q is not valid CSS", sels[i])
			}
		}
	}
	wctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	expr := selectorState + "(" + string(arg) + `).every(s => s === "ok")`
	_, err = chromedp.Run(wctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingInterval(pollEvery), chromedp.WithPollingTimeout(0)))
	if err == nil {
		return nil
	}
	if !errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		return &Error{Kind: model.FailureNetwork, Err: fmt.Errorf("wait for %s: %w", strings.Join(sels, ", "), err)}
	}
	// Name the selector that is still missing; ctx has time left for it.
	st, _ := states(ctx)
	for i, s := range st {
		switch s {
		case "missing":
			return &Error{Kind: model.FailureTimeout, Err: fmt.Errorf("selector %q matched nothing within %s", sels[i], b.opts.Timeout)}
		case "empty":
			return &Error{Kind: model.FailureTimeout, Err: fmt.Errorf("selector %q matched no text within %s", sels[i], b.opts.Timeout)}
		}
	}
	return &Error{Kind: model.FailureTimeout, Err: fmt.Errorf("selectors %s not filled in within %s", strings.Join(sels, ", "), b.opts.Timeout)}
}

// readPage returns the rendered HTML and the URL of the tab.
func readPage(ctx context.Context) ([]byte, string, error) {
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.documentElement.outerHTML"))
	if err != nil {
		return nil, "", err
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return nil, "", err
	}
	return []byte(html), loc, nil
}

func headers(resp *network.Response) http.Header {
	h := http.Header{}
	if resp == nil {
		return h
	}
	for k, v := range resp.Headers {
		h.Set(k, fmt.Sprint(v))
	}
	return h
}

// tracker follows the requests of a tab, to tell when its network is quiet.
type tracker struct {
	mu       sync.Mutex
	inflight map[network.RequestID]bool
	last     time.Time
}

func newTracker() *tracker {
	return &tracker{inflight: map[network.RequestID]bool{}, last: time.Now()}
}

// on is a chromedp.Listen func: it runs in the tab's event loop, so it
// only records.
func (t *tracker) on(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		// Streams never finish; waiting for them would always time out.
		if e.Type != network.ResourceTypeWebSocket && e.Type != network.ResourceTypeEventSource && e.Type != network.ResourceTypeMedia {
			t.inflight[e.RequestID] = true
		}
	case *network.EventLoadingFinished:
		delete(t.inflight, e.RequestID)
	case *network.EventLoadingFailed:
		delete(t.inflight, e.RequestID)
	default:
		return
	}
	t.last = time.Now()
}

// waitQuiet waits until no request has been in flight for quietFor, or
// until deadline: a page that never goes quiet (polling, analytics) is
// taken as it is then.
func (t *tracker) waitQuiet(ctx context.Context, deadline time.Time) {
	tick := time.NewTicker(pollEvery / 2)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		t.mu.Lock()
		quiet := len(t.inflight) == 0 && time.Since(t.last) >= quietFor
		t.mu.Unlock()
		if quiet {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
