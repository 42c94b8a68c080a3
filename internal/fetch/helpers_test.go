package fetch

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// testOptions are fast: no host delay, short timeouts, no retries unless a
// test asks for them.
func testOptions() Options {
	return Options{
		UserAgent:     "toswatch-test/1",
		DialTimeout:   10 * time.Second,
		Timeout:       2 * time.Second,
		MaxBodyBytes:  10 << 20,
		PerHost:       2,
		Concurrency:   8,
		RetryBase:     time.Millisecond,
		MaxRetryAfter: 60 * time.Second,
	}
}

// sleepRecorder replaces Client.sleep: it records the waits instead of
// sleeping, so that tests of Retry-After need not wait.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

func newTestClient(t *testing.T, opts Options) (*Client, *sleepRecorder) {
	t.Helper()
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	rec := &sleepRecorder{}
	c.sleep = rec.sleep
	t.Cleanup(c.CloseIdleConnections)
	return c, rec
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// rawServer accepts connections on loopback, reads one request's header and
// hands the connection to misbehave, for faults net/http will not commit.
func rawServer(t *testing.T, misbehave func(c *net.TCPConn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				for {
					line, err := r.ReadString('\n')
					if err != nil || strings.TrimSpace(line) == "" {
						break
					}
				}
				misbehave(conn.(*net.TCPConn))
			})
		}
	})
	return "http://" + ln.Addr().String() + "/terms"
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fetchErr fetches url and fails the test unless the fetch fails with kind.
func fetchErr(t *testing.T, c *Client, url string, kind model.FailureKind) *Error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := c.Fetch(ctx, Request{URL: url})
	if err == nil {
		t.Fatalf("Fetch(%s) = %d %q, want a %s error", url, resp.Status, resp.Body, kind)
	}
	if got := model.FailureOf(err); got != kind {
		t.Fatalf("model.FailureOf(%v) = %q, want %q", err, got, kind)
	}
	if !strings.HasPrefix(err.Error(), string(kind)+": ") {
		t.Errorf("Error() = %q, want prefix %q", err, string(kind)+": ")
	}
	fe := err.(*Error)
	return fe
}

func fetchOK(t *testing.T, c *Client, req Request) *Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := c.Fetch(ctx, req)
	if err != nil {
		t.Fatalf("Fetch(%s): %v", req.URL, err)
	}
	return resp
}
