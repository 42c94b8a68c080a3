// Package fetch downloads terms pages politely and defensively: explicit
// timeouts, an honest User-Agent, bounded redirects and body size, content
// decoding and charset conversion to UTF-8, conditional GET, retries with
// backoff, per-host politeness, and detection of bot and login walls.
//
// Every failure is an *Error with a stable Kind; a 304 is not a failure but
// a Response with NotModified set.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// Options configure a Client. They are used as given: every default lives
// in the configuration (internal/config), which capture.FetchOptions maps
// to these, and nothing here has a default of its own. A setting that can
// be off says so with its zero value: no HostDelay, no Retries, no
// RetryBase (retry at once), no MaxRetryAfter (a Retry-After fails at once).
// The limits that cannot be off must be set: New refuses a zero one.
type Options struct {
	UserAgent     string        // sent on every request
	DialTimeout   time.Duration // to connect (and finish TLS)
	Timeout       time.Duration // one attempt, from its start to the body's last byte
	MaxRedirects  int           // 0: DefaultMaxRedirects (not a setting of vendors.yaml)
	MaxBodyBytes  int64         // after decompression
	PerHost       int           // requests in flight to one host
	HostDelay     time.Duration // between request starts to one host
	Concurrency   int           // requests in flight overall
	Retries       int           // retries of a transient failure (Retries+1 attempts)
	RetryBase     time.Duration // first backoff (doubled each retry, ± jitter)
	MaxRetryAfter time.Duration // longest Retry-After honoured; longer fails at once

	// AllowPrivateRedirects lets a fetch that starts at a public address be
	// redirected to a loopback, private or link-local one (intranets).
	AllowPrivateRedirects bool
	// IsPublic tells public addresses from the others; nil: IsPublicAddr.
	// Tests, whose servers are all on loopback, count one loopback address
	// (such as 127.0.0.2) as public.
	IsPublic func(netip.Addr) bool

	// Observe, when set, wraps the HTTP transport under the politeness
	// limits: the wrapper sees each request once its slots are taken,
	// before it starts, and its body until it is closed. Not a setting of
	// vendors.yaml: the bench records politeness there, at the client.
	Observe func(http.RoundTripper) http.RoundTripper
}

// DefaultMaxRedirects is how many redirects a fetch follows when
// Options.MaxRedirects is 0.
const DefaultMaxRedirects = 5

// check says what is wrong with options that cannot work.
func (o Options) check() error {
	var bad []string
	if o.UserAgent == "" {
		bad = append(bad, "no UserAgent")
	}
	if o.DialTimeout <= 0 || o.Timeout <= 0 {
		bad = append(bad, fmt.Sprintf("DialTimeout %s and Timeout %s must be positive", o.DialTimeout, o.Timeout))
	}
	if o.MaxBodyBytes <= 0 || o.PerHost <= 0 || o.Concurrency <= 0 {
		bad = append(bad, fmt.Sprintf("MaxBodyBytes %d, PerHost %d and Concurrency %d must be positive", o.MaxBodyBytes, o.PerHost, o.Concurrency))
	}
	if o.MaxRedirects < 0 || o.HostDelay < 0 || o.Retries < 0 || o.RetryBase < 0 || o.MaxRetryAfter < 0 {
		bad = append(bad, "MaxRedirects, HostDelay, Retries, RetryBase and MaxRetryAfter must not be negative")
	}
	if len(bad) > 0 {
		return fmt.Errorf("fetch: invalid options: %s", strings.Join(bad, "; "))
	}
	return nil
}

// Client fetches documents. It is safe for concurrent use; one Client
// should serve the whole program so that its politeness limits hold.
type Client struct {
	opts Options
	lim  *limiter

	// strict refuses to connect to non-public addresses; open connects
	// anywhere. Each has its own connection pool, so a connection opened
	// by an intranet fetch is never reused by a public one.
	strict, open *http.Transport

	// Seams for tests.
	isPublic func(netip.Addr) bool
	resolver *net.Resolver
	sleep    func(ctx context.Context, d time.Duration) error
}

// New returns a Client with opts, or an error when they cannot work.
func New(opts Options) (*Client, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	if opts.MaxRedirects == 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}

	c := &Client{
		opts:     opts,
		isPublic: opts.IsPublic,
		resolver: net.DefaultResolver,
		sleep:    sleepCtx,
	}
	if c.isPublic == nil {
		c.isPublic = IsPublicAddr
	}
	c.lim = newLimiter(c.opts.Concurrency, c.opts.PerHost, c.opts.HostDelay)
	c.open = c.newTransport(false)
	c.strict = c.newTransport(true)
	return c, nil
}

// Options returns the options in force.
func (c *Client) Options() Options { return c.opts }

// CloseIdleConnections closes the connections kept for reuse.
func (c *Client) CloseIdleConnections() {
	c.open.CloseIdleConnections()
	c.strict.CloseIdleConnections()
}

func (c *Client) newTransport(strict bool) *http.Transport {
	d := c.dialer(strict)
	return &http.Transport{
		// No proxy: the address check must see the server's own address.
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   c.opts.DialTimeout,
		DisableCompression:    true, // we ask for and decode gzip, deflate and br ourselves
		MaxIdleConnsPerHost:   c.opts.PerHost,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// Request is one document to fetch, with the validators stored from the
// last fetch (empty the first time).
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
	// Header holds extra headers (a document's headers_env, such as an
	// intranet's Authorization). They are never sent on a redirect to
	// another host.
	Header http.Header
}

// Response is a fetched document.
type Response struct {
	URL          string // final URL after redirects
	Status       int
	MediaType    string // MediaHTML, MediaXHTML, MediaText, MediaMarkdown or MediaPDF
	Charset      string // the original charset ("utf-8", "windows-1252", "shift_jis" …); "" for PDF
	Body         []byte // UTF-8 for text types; the raw bytes for PDF
	ETag         string
	LastModified string

	// NotModified is set for a 304 answer to a conditional request. Body
	// is then empty and the caller keeps its stored version. A 304 is not
	// an error: nothing failed.
	NotModified bool
	Attempts    int
	Duration    time.Duration
}

// Fetch downloads req.URL. A failure is an *Error (errors.Is(err,
// model.FailureBlocked) and the like, model.FailureOf) after any retries;
// an invalid URL or a cancelled ctx gives a plain error wrapping the cause.
func (c *Client) Fetch(ctx context.Context, req Request) (*Response, error) {
	began := time.Now()
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", req.URL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch %q: not an http or https URL", req.URL)
	}
	hc := c.httpClient(ctx, u)
	for n := 1; ; n++ {
		resp, wait, err := c.attempt(ctx, hc, req)
		if err == nil {
			resp.Attempts, resp.Duration = n, time.Since(began)
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("fetch %s: %w", req.URL, ctx.Err())
		}
		var fe *Error
		if !errors.As(err, &fe) {
			return nil, err
		}
		fe.Attempts = n
		if n > c.opts.Retries || !retryable(fe) {
			return nil, fe
		}
		if wait < 0 {
			wait = backoff(c.opts.RetryBase, n)
		} else if wait > c.opts.MaxRetryAfter {
			fe.Err = fmt.Errorf("%w; asked to retry after %s, over the %s limit", fe.Err, wait, c.opts.MaxRetryAfter)
			return nil, fe
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
		}
	}
}

// retryable reports whether a failure may go away by itself.
func retryable(e *Error) bool {
	switch e.Kind {
	case model.FailureTimeout, model.FailureTruncated:
		return true
	case model.FailureNetwork:
		var de *net.DNSError
		return !(errors.As(e.Err, &de) && de.IsNotFound)
	case model.FailureHTTPStatus:
		return transientStatus(e.Status)
	}
	return false
}

// httpClient returns the client for one fetch: its own cookie jar (sites
// that set a cookie and redirect to themselves need one; nothing is kept
// between fetches) and the transport the start address calls for.
func (c *Client) httpClient(ctx context.Context, start *url.URL) *http.Client {
	tr := c.open
	if c.strictFor(ctx, start) {
		tr = c.strict
	}
	var base http.RoundTripper = tr
	if c.opts.Observe != nil {
		base = c.opts.Observe(tr)
	}
	jar, _ := cookiejar.New(nil) // never fails without options
	return &http.Client{
		Transport:     &politeTransport{base: base, lim: c.lim},
		Jar:           jar,
		CheckRedirect: c.checkRedirect,
	}
}

// checkRedirect stops a redirect chain that is too long, leaves http(s), or
// leads to a sign-in page. Its errors reach Fetch wrapped in a *url.Error.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	to, from := req.URL.String(), via[len(via)-1].URL.String()
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return failf(model.FailureRedirect, to, 0, "%s redirects to a non-http URL %s", from, to)
	}
	if len(via) > c.opts.MaxRedirects {
		for _, v := range via {
			if v.URL.String() == to {
				return failf(model.FailureRedirect, to, 0, "redirect loop: %s redirects back to %s", from, to)
			}
		}
		return failf(model.FailureRedirect, to, 0, "more than %d redirects from %s", c.opts.MaxRedirects, via[0].URL)
	}
	if IsLoginURL(to) && !IsLoginURL(via[0].URL.String()) {
		return failf(model.FailureBlocked, to, 0, "login wall: %s redirects to the sign-in page %s", via[0].URL, to)
	}
	// net/http copies the first request's headers onto a redirect; the
	// extra ones (credentials) stay with the host they were meant for.
	if !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
		for k := range req.Header {
			if !ownHeaders[k] {
				req.Header.Del(k)
			}
		}
	}
	return nil
}

// ownHeaders are the headers the fetcher sets itself.
var ownHeaders = map[string]bool{"User-Agent": true, "Accept": true, "Accept-Encoding": true,
	"If-None-Match": true, "If-Modified-Since": true, "Referer": true}
