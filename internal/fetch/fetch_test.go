package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

const page = "<!DOCTYPE html><html><head><title>Terms</title></head><body><p>These terms apply.</p></body></html>"

func TestFetchOK(t *testing.T) {
	var gotUA, gotAE string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAE = r.Header.Get("User-Agent"), r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		fmt.Fprint(w, page)
	})
	opts := testOptions()
	opts.UserAgent = "toswatch-test/1 (+https://example.org)"
	c, _ := newTestClient(t, opts)
	resp := fetchOK(t, c, Request{URL: srv.URL + "/terms"})
	if string(resp.Body) != page {
		t.Errorf("Body = %q, want %q", resp.Body, page)
	}
	checks := []struct{ name, got, want string }{
		{"User-Agent", gotUA, opts.UserAgent},
		{"Accept-Encoding", gotAE, "gzip, deflate, br"},
		{"URL", resp.URL, srv.URL + "/terms"},
		{"MediaType", resp.MediaType, MediaHTML},
		{"Charset", resp.Charset, "utf-8"},
		{"ETag", resp.ETag, `"v1"`},
		{"LastModified", resp.LastModified, "Mon, 02 Jan 2006 15:04:05 GMT"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	if resp.Status != 200 || resp.Attempts != 1 || resp.NotModified {
		t.Errorf("Status, Attempts, NotModified = %d, %d, %v; want 200, 1, false", resp.Status, resp.Attempts, resp.NotModified)
	}
}

func TestFetch404(t *testing.T) {
	for _, code := range []int{http.StatusNotFound, http.StatusGone} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				http.Error(w, "no such page", code)
			})
			opts := testOptions()
			opts.Retries = 2
			c, _ := newTestClient(t, opts)
			fe := fetchErr(t, c, srv.URL+"/terms", model.FailureHTTPStatus)
			want := fmt.Sprintf("http_status: %d %s from %s/terms", code, http.StatusText(code), srv.URL)
			if fe.Error() != want {
				t.Errorf("Error() = %q, want %q", fe, want)
			}
			if fe.Status != code || hits.Load() != 1 {
				t.Errorf("Status, hits = %d, %d; want %d, 1 (a 4xx is not retried)", fe.Status, hits.Load(), code)
			}
		})
	}
}

func TestFetch503Retried(t *testing.T) {
	for _, code := range []int{500, 502, 503, 504} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				http.Error(w, "try later", code)
			})
			opts := testOptions()
			opts.Retries = 2
			opts.RetryBase = 40 * time.Millisecond
			c, rec := newTestClient(t, opts)
			fe := fetchErr(t, c, srv.URL, model.FailureHTTPStatus)
			if hits.Load() != 3 || fe.Attempts != 3 {
				t.Errorf("hits, Attempts = %d, %d; want 3, 3", hits.Load(), fe.Attempts)
			}
			if !strings.HasSuffix(fe.Error(), "(3 attempts)") {
				t.Errorf("Error() = %q, want it to end with the attempt count", fe)
			}
			// Backoff doubles with equal jitter: [20ms, 40ms], then [40ms, 80ms].
			waits := rec.got()
			if len(waits) != 2 || waits[0] < 20*time.Millisecond || waits[0] > 40*time.Millisecond ||
				waits[1] < 40*time.Millisecond || waits[1] > 80*time.Millisecond {
				t.Errorf("waits = %v, want one in [20ms,40ms] then one in [40ms,80ms]", waits)
			}
		})
	}
}

func TestFetch503ThenOK(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, page)
	})
	opts := testOptions()
	opts.Retries = 2
	c, _ := newTestClient(t, opts)
	resp := fetchOK(t, c, Request{URL: srv.URL})
	if resp.Attempts != 3 || string(resp.Body) != page {
		t.Errorf("Attempts, Body = %d, %q; want 3, the page", resp.Attempts, resp.Body)
	}
}

func TestFetchRetryAfter429(t *testing.T) {
	date := time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name, header string
		min, max     time.Duration
	}{
		{"seconds", "7", 7 * time.Second, 7 * time.Second},
		{"http date", date, 28 * time.Second, 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if hits.Add(1) == 1 {
					w.Header().Set("Retry-After", tt.header)
					http.Error(w, "slow down", http.StatusTooManyRequests)
					return
				}
				fmt.Fprint(w, page)
			})
			opts := testOptions()
			opts.Retries = 2
			c, rec := newTestClient(t, opts)
			resp := fetchOK(t, c, Request{URL: srv.URL})
			waits := rec.got()
			if resp.Attempts != 2 || len(waits) != 1 || waits[0] < tt.min || waits[0] > tt.max {
				t.Errorf("Attempts, waits = %d, %v; want 2, one wait in [%v, %v]", resp.Attempts, waits, tt.min, tt.max)
			}
		})
	}
}

func TestFetchRetryAfterOverLimit(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	})
	opts := testOptions()
	opts.Retries = 2
	opts.MaxRetryAfter = time.Minute
	c, rec := newTestClient(t, opts)
	fe := fetchErr(t, c, srv.URL, model.FailureHTTPStatus)
	if hits.Load() != 1 || len(rec.got()) != 0 {
		t.Errorf("hits, waits = %d, %v; want 1 and none (an hour is over the limit)", hits.Load(), rec.got())
	}
	if !strings.Contains(fe.Error(), "retry after 1h0m0s, over the 1m0s limit") {
		t.Errorf("Error() = %q, want it to name the Retry-After and the limit", fe)
	}
}

func TestFetchNeverAnswers(t *testing.T) {
	url := rawServer(t, func(c *net.TCPConn) {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		c.Read(make([]byte, 1)) // hold the connection until the client gives up
	})
	opts := testOptions()
	opts.Timeout = 300 * time.Millisecond
	c, _ := newTestClient(t, opts)
	fe := fetchErr(t, c, url, model.FailureTimeout)
	if want := "timeout: no response within 300ms from " + url; fe.Error() != want {
		t.Errorf("Error() = %q, want %q", fe, want)
	}
}

func TestFetchSlowBody(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "1000")
		for range 1000 {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	opts := testOptions()
	opts.Timeout = 300 * time.Millisecond
	c, _ := newTestClient(t, opts)
	fe := fetchErr(t, c, srv.URL, model.FailureTimeout)
	if !strings.Contains(fe.Error(), "body not complete within 300ms") {
		t.Errorf("Error() = %q, want it to say the body was not complete", fe)
	}
}

func TestFetchTimeoutRetried(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			<-r.Context().Done()
			return
		}
		fmt.Fprint(w, page)
	})
	opts := testOptions()
	opts.Timeout = 200 * time.Millisecond
	opts.Retries = 1
	c, _ := newTestClient(t, opts)
	resp := fetchOK(t, c, Request{URL: srv.URL})
	if resp.Attempts != 2 {
		t.Errorf("Attempts = %d, want 2", resp.Attempts)
	}
}

func TestFetchNotModified(t *testing.T) {
	const etag, lastMod = `"abc"`, "Tue, 01 Oct 2024 10:00:00 GMT"
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		fmt.Fprint(w, page)
	})
	c, _ := newTestClient(t, testOptions())
	tests := []struct {
		name string
		req  Request
		want bool
	}{
		{"etag", Request{URL: srv.URL, ETag: etag}, true},
		{"last-modified", Request{URL: srv.URL, LastModified: lastMod}, true},
		{"stale etag", Request{URL: srv.URL, ETag: `"old"`}, false},
		{"none", Request{URL: srv.URL}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := fetchOK(t, c, tt.req)
			if resp.NotModified != tt.want {
				t.Fatalf("NotModified = %v, want %v", resp.NotModified, tt.want)
			}
			if tt.want && (resp.Status != 304 || len(resp.Body) != 0 || resp.ETag != tt.req.ETag || resp.LastModified != tt.req.LastModified) {
				t.Errorf("got %d %q %q %q; want 304, no body, the stored validators", resp.Status, resp.Body, resp.ETag, resp.LastModified)
			}
			if !tt.want && (resp.ETag != etag || string(resp.Body) != page) {
				t.Errorf("ETag, Body = %q, %q; want %q, the page", resp.ETag, resp.Body, etag)
			}
		})
	}
}

func TestFetchRedirectLoop(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		to := "/a"
		if r.URL.Path == "/a" {
			to = "/b"
		}
		http.Redirect(w, r, to, http.StatusFound)
	})
	c, _ := newTestClient(t, testOptions())
	fe := fetchErr(t, c, srv.URL+"/a", model.FailureRedirect)
	if !strings.Contains(fe.Error(), "redirect loop") {
		t.Errorf("Error() = %q, want it to say loop", fe)
	}
}

func TestFetchTooManyRedirects(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n), http.StatusMovedPermanently)
	})
	opts := testOptions()
	opts.MaxRedirects = 3
	c, _ := newTestClient(t, opts)
	fe := fetchErr(t, c, srv.URL, model.FailureRedirect)
	if hits.Load() != 4 || !strings.Contains(fe.Error(), "more than 3 redirects") {
		t.Errorf("hits, Error() = %d, %q; want 4 requests (3 redirects followed) and 'more than 3 redirects'", hits.Load(), fe)
	}
}

func TestFetchRedirectToFileScheme(t *testing.T) {
	for _, loc := range []string{"file:///etc/passwd", "ftp://example.org/terms.txt", "javascript:alert(1)"} {
		t.Run(loc, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", loc)
				w.WriteHeader(http.StatusFound)
			})
			c, _ := newTestClient(t, testOptions())
			fe := fetchErr(t, c, srv.URL, model.FailureRedirect)
			if !strings.Contains(fe.Error(), "non-http URL") {
				t.Errorf("Error() = %q, want it to name the non-http URL", fe)
			}
		})
	}
}

func TestFetchLoopbackRedirect(t *testing.T) {
	target := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page) })
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/terms", http.StatusFound)
	})
	c, _ := newTestClient(t, testOptions())
	resp := fetchOK(t, c, Request{URL: srv.URL})
	if resp.URL != target.URL+"/terms" {
		t.Errorf("URL = %q, want %q (a loopback start may redirect within loopback)", resp.URL, target.URL+"/terms")
	}
}

func TestFetchShortContentLength(t *testing.T) {
	url := rawServer(t, func(c *net.TCPConn) {
		fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html><body>These terms")
	})
	c, _ := newTestClient(t, testOptions())
	fe := fetchErr(t, c, url, model.FailureTruncated)
	if !strings.Contains(fe.Error(), "ended after 23 bytes") {
		t.Errorf("Error() = %q, want it to say how much came", fe)
	}
}

func TestFetchConnectionReset(t *testing.T) {
	t.Run("mid-body", func(t *testing.T) {
		url := rawServer(t, func(c *net.TCPConn) {
			fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
			c.Write([]byte(strings.Repeat("<p>terms</p>", 100)))
			time.Sleep(20 * time.Millisecond)
			c.SetLinger(0) // close with RST
		})
		c, _ := newTestClient(t, testOptions())
		fetchErr(t, c, url, model.FailureTruncated)
	})
	t.Run("before response", func(t *testing.T) {
		var hits atomic.Int32
		url := rawServer(t, func(c *net.TCPConn) {
			hits.Add(1)
			c.SetLinger(0)
		})
		opts := testOptions()
		opts.Retries = 1
		c, _ := newTestClient(t, opts)
		fetchErr(t, c, url, model.FailureNetwork)
		if hits.Load() != 2 {
			t.Errorf("hits = %d, want 2 (a reset is retried)", hits.Load())
		}
	})
}

func TestFetchConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, _ := newTestClient(t, testOptions())
	fe := fetchErr(t, c, "http://"+addr+"/terms", model.FailureNetwork)
	if !strings.Contains(fe.Error(), "refused") {
		t.Errorf("Error() = %q, want it to say refused", fe)
	}
}

func TestFetchContextCancelled(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	c, _ := newTestClient(t, testOptions())
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := c.Fetch(ctx, Request{URL: srv.URL})
	if !errors.Is(err, context.Canceled) || model.FailureOf(err) != "" {
		t.Errorf("err = %v (kind %q), want context.Canceled and no kind", err, model.FailureOf(err))
	}
}

func TestFetchInvalidURL(t *testing.T) {
	c, _ := newTestClient(t, testOptions())
	for _, u := range []string{"", "ftp://example.org/", "/relative", "http://"} {
		if _, err := c.Fetch(context.Background(), Request{URL: u}); err == nil || model.FailureOf(err) != "" {
			t.Errorf("Fetch(%q) = %v, want a plain error", u, err)
		}
	}
}

func TestErrorIsSentinel(t *testing.T) {
	err := fmt.Errorf("check: %w", failf(model.FailureBlocked, "https://x", 403, "login wall"))
	if !errors.Is(err, model.FailureBlocked) {
		t.Error("errors.Is(err, model.FailureBlocked) = false, want true")
	}
	if errors.Is(err, model.FailureTooLarge) {
		t.Error("errors.Is(err, model.FailureTooLarge) = true, want false")
	}
	if got, want := model.FailureOf(err), model.FailureBlocked; got != want {
		t.Errorf("FailureOf = %q, want %q", got, want)
	}
}

func TestOptionsAreUsedAsGiven(t *testing.T) {
	c, err := New(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := testOptions()
	want.MaxRedirects = DefaultMaxRedirects
	if got := c.Options(); !reflect.DeepEqual(got, want) {
		t.Errorf("Options() = %+v, want %+v (zero HostDelay and Retries kept: none)", got, want)
	}
	for _, tt := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"nothing set", func(o *Options) { *o = Options{} }, "no UserAgent"},
		{"no timeout", func(o *Options) { o.Timeout = 0 }, "Timeout 0s must be positive"},
		{"no per-host limit", func(o *Options) { o.PerHost = 0 }, "PerHost 0"},
		{"negative retries", func(o *Options) { o.Retries = -1 }, "must not be negative"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := testOptions()
			tt.edit(&o)
			if _, err := New(o); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestFetch429SaysWhetherRetryAfterWasSent(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		want         bool
	}{{"with Retry-After", "1", true}, {"without", "", false}} {
		t.Run(tc.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.header != "" {
					w.Header().Set("Retry-After", tc.header)
				}
				http.Error(w, "slow down", http.StatusTooManyRequests)
			})
			opts := testOptions()
			opts.Retries = 1
			c, _ := newTestClient(t, opts)
			fe := fetchErr(t, c, srv.URL, model.FailureHTTPStatus)
			if fe.Status != 429 || fe.RetryAfter != tc.want {
				t.Errorf("status %d, RetryAfter %v; want 429, %v", fe.Status, fe.RetryAfter, tc.want)
			}
		})
	}
}

// TestFetchExtraHeadersStayWithTheirHost: a document's extra headers
// (credentials from headers_env) are sent to its host, also after a
// redirect within it, and never to another host a redirect leads to.
func TestFetchExtraHeadersStayWithTheirHost(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{}
	record := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[name+r.URL.Path] = r.Header.Get("Authorization") + "|" + r.Header.Get("X-Api-Key")
			mu.Unlock()
			fmt.Fprint(w, page)
		}
	}
	other := serve(t, record("other"))
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/start":
			http.Redirect(w, r, "/terms", http.StatusFound)
		case "/away":
			http.Redirect(w, r, other.URL+"/terms", http.StatusFound)
		default:
			record("own")(w, r)
		}
	})
	c, _ := newTestClient(t, testOptions())
	h := http.Header{"Authorization": {"Bearer intranet"}, "X-Api-Key": {"k"}}
	fetchOK(t, c, Request{URL: srv.URL + "/start", Header: h})
	fetchOK(t, c, Request{URL: srv.URL + "/away", Header: h})
	mu.Lock()
	defer mu.Unlock()
	if got := seen["own/terms"]; got != "Bearer intranet|k" {
		t.Errorf("after a redirect within the host: headers %q, want both", got)
	}
	if got := seen["other/terms"]; got != "|" {
		t.Errorf("after a redirect to another host: headers %q, want none", got)
	}
}
