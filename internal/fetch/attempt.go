package fetch

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// acceptHeader prefers the types Fetch returns.
const acceptHeader = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.8,*/*;q=0.5"

// wallPeek is how much of an error page is read to look for a wall.
const wallPeek = 256 << 10

// attempt is the clock of one try. It starts when the first request of the
// try leaves (after the politeness wait) and cancels the try when
// Options.Timeout has passed; timedOut tells that cancel from the caller's.
type attempt struct {
	timeout  time.Duration
	cancel   context.CancelFunc
	once     sync.Once
	timer    *time.Timer
	timedOut atomic.Bool
}

type attemptKey struct{}

func attemptFrom(ctx context.Context) *attempt {
	a, _ := ctx.Value(attemptKey{}).(*attempt)
	return a
}

func (a *attempt) startClock() {
	a.once.Do(func() {
		a.timer = time.AfterFunc(a.timeout, func() {
			a.timedOut.Store(true)
			a.cancel()
		})
	})
}

func (a *attempt) stop() {
	a.once.Do(func() {}) // a clock not started by now never starts
	if a.timer != nil {
		a.timer.Stop()
	}
}

// attempt makes one try. wait is the server's Retry-After for a retry, or
// -1 when it gave none.
func (c *Client) attempt(ctx context.Context, hc *http.Client, req Request) (resp *Response, wait time.Duration, err error) {
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	a := &attempt{timeout: c.opts.Timeout, cancel: cancel}
	defer a.stop()
	actx = context.WithValue(actx, attemptKey{}, a)

	hreq, err := http.NewRequestWithContext(actx, http.MethodGet, req.URL, nil)
	if err != nil {
		return nil, -1, err
	}
	hreq.Header.Set("User-Agent", c.opts.UserAgent)
	hreq.Header.Set("Accept", acceptHeader)
	hreq.Header.Set("Accept-Encoding", "gzip, deflate, br")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	for k, vs := range req.Header {
		hreq.Header[http.CanonicalHeaderKey(k)] = vs
	}

	hresp, err := hc.Do(hreq)
	if err != nil {
		return nil, -1, c.requestError(a, req.URL, err)
	}
	defer hresp.Body.Close()
	final := hresp.Request.URL.String()
	checkURL := !IsLoginURL(req.URL)
	out := &Response{
		URL:          final,
		Status:       hresp.StatusCode,
		ETag:         hresp.Header.Get("ETag"),
		LastModified: hresp.Header.Get("Last-Modified"),
	}

	switch code := hresp.StatusCode; {
	case code == http.StatusNotModified:
		out.NotModified = true
		// A 304 need not repeat the validators; the stored ones still hold.
		if out.ETag == "" {
			out.ETag = req.ETag
		}
		if out.LastModified == "" {
			out.LastModified = req.LastModified
		}
		return out, -1, nil
	case code < 200 || code > 299:
		peek, _ := c.readBody(hresp, min(wallPeek, c.opts.MaxBodyBytes))
		peek, _ = toUTF8(peek, hresp.Header.Get("Content-Type"), mediaType(hresp.Header.Get("Content-Type")))
		if reason, ok := detectWall(code, hresp.Header, final, peek, checkURL); ok {
			return nil, -1, failf(model.FailureBlocked, final, code, "%s from %s", reason, final)
		}
		wait = -1
		if code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable {
			if d, ok := retryAfter(hresp.Header, time.Now()); ok {
				wait = d
			}
		}
		fe := failf(model.FailureHTTPStatus, final, code, "%s from %s", hresp.Status, final)
		fe.RetryAfter = wait >= 0
		return nil, wait, fe
	}

	ct := hresp.Header.Get("Content-Type")
	mt := mediaType(ct)
	if !needsSniff(mt) && !allowedMedia(mt) {
		return nil, -1, failf(model.FailureContentType, final, out.Status, "%s from %s is not a document", mt, final)
	}
	if hresp.ContentLength > c.opts.MaxBodyBytes {
		return nil, -1, failf(model.FailureTooLarge, final, out.Status, "body over %s (Content-Length %d) from %s",
			formatBytes(c.opts.MaxBodyBytes), hresp.ContentLength, final)
	}
	body, err := c.readBody(hresp, c.opts.MaxBodyBytes)
	if err != nil {
		return nil, -1, c.bodyError(a, final, out.Status, len(body), err)
	}
	if needsSniff(mt) {
		mt = mediaType(http.DetectContentType(body))
		ct = mt // the sniffer's charset guess is no declaration
		if !allowedMedia(mt) {
			return nil, -1, failf(model.FailureContentType, final, out.Status, "%s (sniffed) from %s is not a document", mt, final)
		}
	} else if mt != MediaPDF {
		switch sniffed := binaryMedia(body); sniffed {
		case "":
		case MediaPDF:
			mt, ct = MediaPDF, MediaPDF // a PDF served with the site's default type
		default:
			return nil, -1, failf(model.FailureContentType, final, out.Status, "the body from %s is %s, not the %s it is declared as", final, sniffed, mt)
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, -1, failf(model.FailureEmpty, final, out.Status, "empty body from %s", final)
	}
	out.MediaType = mt
	if mt == MediaPDF {
		out.Body = body // the PDF extractor reads the bytes as they are
		if reason, ok := detectWall(out.Status, hresp.Header, final, nil, checkURL); ok {
			return nil, -1, failf(model.FailureBlocked, final, out.Status, "%s from %s", reason, final)
		}
		return out, -1, nil
	}
	out.Body, out.Charset = toUTF8(body, ct, mt)
	if reason, ok := detectWall(out.Status, hresp.Header, final, out.Body, checkURL); ok {
		return nil, -1, failf(model.FailureBlocked, final, out.Status, "%s from %s", reason, final)
	}
	return out, -1, nil
}

// readBody reads a response body, undoing its Content-Encoding, and fails
// with errTooLarge past limit bytes before or after decompression (the
// decompressed count is what bounds a gzip bomb; the raw count bounds a
// stream that decompresses to nothing forever). It returns what it read.
func (c *Client) readBody(resp *http.Response, limit int64) ([]byte, error) {
	raw := &capReader{r: resp.Body, left: limit}
	dec, err := decompress(raw, resp.Header.Get("Content-Encoding"))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 && resp.Header.Get("Content-Encoding") == "" {
		buf.Grow(int(min(resp.ContentLength, limit)) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(&capReader{r: dec, left: limit})
	return buf.Bytes(), err
}

// requestError classifies a failure before any response arrived.
func (c *Client) requestError(a *attempt, rawURL string, err error) error {
	var fe *Error
	if errors.As(err, &fe) { // from checkRedirect
		return fe
	}
	at := rawURL
	var ue *url.Error
	if errors.As(err, &ue) {
		at, err = ue.URL, ue.Err
	}
	var pe *privateAddrError
	switch {
	case a.timedOut.Load():
		return failf(model.FailureTimeout, at, 0, "no response within %s from %s", c.opts.Timeout, at)
	case errors.As(err, &pe):
		return failf(model.FailureRedirect, at, 0, "%s is at %v; a fetch that starts at a public address may not go there (Options.AllowPrivateRedirects)", at, pe)
	}
	return failf(model.FailureNetwork, at, 0, "%s: %w", at, err)
}

// bodyError classifies a failure while reading the body.
func (c *Client) bodyError(a *attempt, at string, status, n int, err error) error {
	switch {
	case a.timedOut.Load():
		return failf(model.FailureTimeout, at, status, "body not complete within %s from %s (%d bytes read)", c.opts.Timeout, at, n)
	case errors.Is(err, errTooLarge):
		return failf(model.FailureTooLarge, at, status, "body over %s from %s", formatBytes(c.opts.MaxBodyBytes), at)
	case errors.Is(err, errUnsupportedEncoding):
		return failf(model.FailureContentType, at, status, "%v from %s", err, at)
	}
	return failf(model.FailureTruncated, at, status, "body from %s ended after %d bytes: %v", at, n, err)
}
