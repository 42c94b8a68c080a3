// Package browser loads terms pages that need JavaScript in headless
// Chromium and returns the rendered HTML, for documents set to
// render: browser, and for render: auto when plain HTTP was blocked or
// found an empty shell (internal/capture decides when). One browser process serves every
// render, each in its own tab, with a bounded number of tabs open at once.
package browser

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// Options configure the browser. Tabs and Timeout have no default here:
// they come from the configuration (settings.browser.tabs and
// settings.fetch.timeout, whose defaults internal/config owns).
type Options struct {
	Path      string        // the browser binary (settings.browser.path); empty: see Find
	Tabs      int           // tabs open at once, at least 1
	Timeout   time.Duration // for one Render, from navigation to HTML; positive
	UserAgent string        // empty: the browser's own
	Log       *slog.Logger  // nil: no logging
	// Guard dials every connection of a render (required): the HTTP
	// fetcher, so that the browser reaches no address a fetch could not.
	Guard Guard
}

// Guard gives the dial function of a render that starts at start:
// *fetch.Client's Dialer, which refuses non-public addresses unless start
// is one (an intranet) or private redirects are allowed.
type Guard interface {
	Dialer(ctx context.Context, start *url.URL) func(ctx context.Context, network, addr string) (net.Conn, error)
}

// ErrClosed: Render was called after Close.
var ErrClosed = errors.New("render: browser closed")

// Browser renders pages in one headless Chromium process, started on the
// first Render and reused until Close (or started again if it dies). Its
// methods are safe for concurrent use.
type Browser struct {
	opts Options
	sem  chan struct{} // a slot per tab

	mu       sync.Mutex
	closed   bool
	root     context.Context // the browser's first tab; new tabs derive from it
	stopRoot context.CancelFunc
	stopExec context.CancelFunc // kills the process and removes its profile
	pid      int

	open, maxOpen int  // tabs open now and at most, for the tab-bound test
	noSandbox     bool // the sandbox failed to start on this system
}

// startTimeout bounds how long Chromium may take to start answering. It is
// not the page's render Timeout: a process start on a loaded machine takes
// seconds whatever the page, and a render timeout set for pages (seconds in
// tests) would fail the start instead of the page.
const startTimeout = 30 * time.Second

// New returns a Browser, or an error when opts cannot work; no process
// starts until the first Render.
func New(opts Options) (*Browser, error) {
	if opts.Tabs < 1 || opts.Timeout <= 0 || opts.Guard == nil {
		return nil, fmt.Errorf("browser: invalid options: Tabs %d must be at least 1, Timeout %s positive and a Guard set", opts.Tabs, opts.Timeout)
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Browser{opts: opts, sem: make(chan struct{}, opts.Tabs)}, nil
}

// start returns the root context of a running browser, starting one when
// there is none or the last one died. Starting is bounded by startTimeout.
func (b *Browser) start(ctx context.Context) (context.Context, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, ErrClosed
	}
	if b.root != nil {
		if b.root.Err() == nil {
			return b.root, nil
		}
		b.opts.Log.Warn("chromium died; starting it again", slog.Int("pid", b.pid))
		b.stopLocked()
	}
	path, err := Find(b.opts.Path)
	if err != nil {
		return nil, err
	}
	if !b.noSandbox {
		err = b.launch(ctx, path, true)
		if err == nil || ctx.Err() != nil {
			return b.root, err
		}
		// No sandbox on this system (user namespaces off, say): without.
		b.opts.Log.Warn("chromium does not start with its sandbox here; starting it without", slog.Any("error", err))
		b.noSandbox = true
	}
	return b.root, b.launch(ctx, path, false)
}

// launch starts the browser process at path, and sets root and the
// functions that stop it.
func (b *Browser) launch(ctx context.Context, path string, sandbox bool) error {
	flags := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 1024),
		// No UserDataDir: chromedp then makes a temporary profile, kills
		// any child process left in it and removes it when the browser ends.

		// Every connection goes through the proxy of its render (see
		// Render), which resolves names and dials with the guard: Chromium
		// resolves no name itself, and speaks no UDP (QUIC, WebRTC) that
		// would pass by the proxy. Its own first tab goes nowhere.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("webrtc-ip-handling-policy", "disable_non_proxied_udp"),
		chromedp.Flag("force-webrtc-ip-handling-policy", true),
		chromedp.Flag("no-sandbox", !sandbox),
	}
	unprivileged := os.Geteuid() != 0
	if !unprivileged {
		// Chromium refuses its sandbox as root, and a browser reading
		// hostile pages should not run as root anyway: it runs as an
		// unprivileged user, with the sandbox when the system allows it.
		if u, ok := nobody(); ok {
			flags = append(flags, chromedp.ModifyCmdFunc(runAs(u)))
			unprivileged = true
		} else if sandbox {
			return errors.New("no unprivileged user to run Chromium's sandbox as")
		}
	}
	if b.opts.UserAgent != "" {
		flags = append(flags, chromedp.UserAgent(b.opts.UserAgent))
	}
	execCtx, stopExec := chromedp.NewExecAllocator(context.Background(), flags...)
	logf := func(format string, args ...any) { b.opts.Log.Debug(fmt.Sprintf(format, args...)) }
	root, stopRoot := chromedp.NewContext(execCtx, chromedp.WithErrorf(logf), chromedp.WithLogf(logf))

	// The first action starts the process and binds its life to root, so it
	// runs on root itself; the wait for it is bounded separately.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(root) }()
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	var err error
	select {
	case err = <-started:
	case <-timer.C:
		err = fmt.Errorf("no answer after %s", startTimeout)
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		stopRoot()
		stopExec()
		return fmt.Errorf("render: start %s: %w", path, err)
	}
	b.root, b.stopRoot, b.stopExec = root, stopRoot, stopExec
	if p := chromedp.FromContext(root).Browser.Process(); p != nil {
		b.pid = p.Pid
	}
	b.opts.Log.Info("chromium started", slog.String("path", path), slog.Int("pid", b.pid),
		slog.Bool("sandbox", sandbox), slog.Bool("unprivileged", unprivileged))
	return nil
}

// Close ends the browser process and its children and removes its
// temporary profile. Renders still running fail.
func (b *Browser) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	b.closed = true
	return b.stopLocked()
}

// stopLocked closes the browser gracefully, bounded, then makes sure the
// process is gone (the allocator's cancel waits for it).
func (b *Browser) stopLocked() error {
	if b.root == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(b.root, 5*time.Second)
	err := chromedp.Cancel(ctx)
	cancel()
	b.stopRoot()
	b.stopExec()
	b.opts.Log.Info("chromium stopped", slog.Int("pid", b.pid))
	b.root, b.stopRoot, b.stopExec, b.pid = nil, nil, nil, 0
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("render: close browser: %w", err)
	}
	return nil
}

// acquire takes a tab slot.
func (b *Browser) acquire(ctx context.Context) error {
	select {
	case b.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	b.mu.Lock()
	b.open++
	b.maxOpen = max(b.maxOpen, b.open)
	b.mu.Unlock()
	return nil
}

func (b *Browser) release() {
	b.mu.Lock()
	b.open--
	b.mu.Unlock()
	<-b.sem
}
