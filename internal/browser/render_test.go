package browser

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/model"
)

const termsText = "Acme limits its liability to the fees paid in the twelve months before the claim."

// scriptedPage fills #terms with the terms after a delay, as a
// single-page application does; the HTML sent over HTTP has none of it.
const scriptedPage = `<!doctype html><html><head><title>Terms</title></head><body>
<nav>Home · Pricing</nav><main><h1>Terms of Service</h1><div id="terms"></div></main>
<script>setTimeout(() => {
  document.getElementById("terms").innerHTML =
    "<h2>1. Liability</h2><p>` + termsText + `</p><p>These terms were last changed in 2024 and apply to every order placed with Acme after that date.</p>";
}, 300);</script></body></html>`

// fetchedPage fills #terms from a second, slow request: with no
// selectors, Render must wait for the network to be quiet.
const fetchedPage = `<!doctype html><html><body><main id="terms"></main>
<script>fetch("/api/terms").then(r => r.text()).then(t => {
  document.getElementById("terms").innerHTML = "<p>" + t + "</p>";
});</script></body></html>`

func newBrowser(t testing.TB, opts Options) *Browser {
	t.Helper()
	if _, err := Find(opts.Path); err != nil {
		t.Skipf("skipping: %v", err)
	}
	if opts.Tabs == 0 {
		opts.Tabs = config.DefaultTabs
	}
	if opts.Guard == nil {
		opts.Guard = guard(t, nil)
	}
	b, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return b
}

func server(t testing.TB) *httptest.Server {
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}
	mux.HandleFunc("/scripted", page(scriptedPage))
	mux.HandleFunc("/fetched", page(fetchedPage))
	mux.HandleFunc("/api/terms", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		fmt.Fprint(w, termsText+" The same limit applies to every claim under these terms.")
	})
	mux.HandleFunc("/never", page(`<!doctype html><html><body><main><p>Loading the terms…</p></main><script>/* never fills */</script></body></html>`))
	mux.HandleFunc("/challenge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `<!doctype html><html><head><title>Just a moment...</title></head><body><script>window._cf_chl_opt={cvId:"3"};</script></body></html>`)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not here", http.StatusNotFound)
	})
	mux.HandleFunc("/favicon.ico", http.NotFound)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

func TestRenderWaitsForScriptedTerms(t *testing.T) {
	b := newBrowser(t, Options{Timeout: 10 * time.Second})
	ts := server(t)
	tests := []struct {
		path    string
		waitFor []string
	}{
		{"/scripted", []string{"#terms"}},
		{"/scripted", []string{"#terms p", "h1"}},
		{"/fetched", nil}, // network quiet
	}
	for _, tt := range tests {
		t.Run(tt.path+fmt.Sprint(tt.waitFor), func(t *testing.T) {
			html, final, err := b.Render(context.Background(), ts.URL+tt.path, tt.waitFor)
			if err != nil {
				t.Fatal(err)
			}
			if final != ts.URL+tt.path {
				t.Errorf("final URL %q, want %q", final, ts.URL+tt.path)
			}
			if !strings.Contains(string(html), termsText) {
				t.Fatalf("rendered HTML lacks the terms:\n%s", html)
			}
			text, err := extract.HTML(html, extract.Options{Select: []string{"#terms"}, BaseURL: final})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text, termsText) {
				t.Errorf("extracted %q, want it to contain %q", text, termsText)
			}
		})
	}
}

func TestRenderSelectorTimeout(t *testing.T) {
	const timeout = 1500 * time.Millisecond
	b := newBrowser(t, Options{Timeout: timeout})
	ts := server(t)
	if _, _, err := b.Render(context.Background(), ts.URL+"/scripted", []string{"#terms"}); err != nil {
		t.Fatal(err) // start the browser outside the timed part
	}
	start := time.Now()
	_, _, err := b.Render(context.Background(), ts.URL+"/never", []string{"#terms"})
	elapsed := time.Since(start)
	if got := model.FailureOf(err); got != model.FailureTimeout {
		t.Fatalf("got %v (kind %q), want kind %q", err, got, model.FailureTimeout)
	}
	if !strings.Contains(err.Error(), `"#terms"`) {
		t.Errorf("error %q does not name the selector", err)
	}
	// Only the lower bound is exact (the timeout cannot fire before it);
	// the upper one only catches a render that ignores its timeout, with
	// room for a loaded machine.
	if elapsed < timeout || elapsed > timeout+grace+30*time.Second {
		t.Errorf("took %s, want about the %s timeout", elapsed, timeout)
	}
}

func TestRenderFailures(t *testing.T) {
	b := newBrowser(t, Options{Timeout: 2 * time.Second})
	ts := server(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	l.Close()
	tests := []struct {
		name, url string
		waitFor   []string
		kind      model.FailureKind
	}{
		{"challenge page", ts.URL + "/challenge", nil, model.FailureBlocked},
		{"challenge page with selector", ts.URL + "/challenge", []string{"#terms"}, model.FailureBlocked},
		{"refused", closed, nil, model.FailureNetwork},
		{"not found", ts.URL + "/gone", nil, model.FailureHTTPStatus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := b.Render(context.Background(), tt.url, tt.waitFor)
			if got := model.FailureOf(err); got != tt.kind {
				t.Fatalf("got %v (kind %q), want kind %q", err, got, tt.kind)
			}
		})
	}
	t.Run("invalid selector", func(t *testing.T) {
		_, _, err := b.Render(context.Background(), ts.URL+"/scripted", []string{"div[["})
		if err == nil || !strings.Contains(err.Error(), "not valid CSS") {
			t.Fatalf("got %v, want an invalid selector error", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		_, _, err := b.Render(ctx, ts.URL+"/never", []string{"#terms"})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want the context's error", err)
		}
	})
}

func TestRenderBoundsTabs(t *testing.T) {
	b := newBrowser(t, Options{Tabs: 1, Timeout: 10 * time.Second})
	var inFlight, most atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/slow" {
			http.NotFound(w, r)
			return
		}
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(300 * time.Millisecond)
		fmt.Fprint(w, `<!doctype html><html><body><p id="t">`+termsText+" "+termsText+`</p></body></html>`) // a terms page has 100 characters at least
	}))
	defer ts.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		wg.Go(func() {
			_, _, err := b.Render(context.Background(), ts.URL+"/slow", []string{"#t"})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := most.Load(); got != 1 {
		t.Errorf("server saw %d requests at once, want 1", got)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.maxOpen != 1 {
		t.Errorf("%d tabs were open at once, want 1", b.maxOpen)
	}
}

func TestCloseEndsTheProcess(t *testing.T) {
	b := newBrowser(t, Options{Timeout: 10 * time.Second})
	ts := server(t)
	if _, _, err := b.Render(context.Background(), ts.URL+"/scripted", []string{"#terms"}); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	pid := b.pid
	b.mu.Unlock()
	if pid == 0 {
		t.Fatal("no browser process recorded")
	}
	procs := descendants(pid)
	profile := userDataDir(pid)
	if profile == "" {
		t.Fatalf("process %d has no --user-data-dir", pid)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range procs {
		if alive(p) {
			t.Errorf("process %d (of the browser %d) still runs after Close", p, pid)
		}
	}
	if _, err := os.Stat(profile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("profile %s still there after Close (%v)", profile, err)
	}
	if _, _, err := b.Render(context.Background(), ts.URL+"/scripted", nil); !errors.Is(err, ErrClosed) {
		t.Errorf("Render after Close: got %v, want ErrClosed", err)
	}
}

// descendants returns pid and every process below it, from /proc.
func descendants(pid int) []int {
	parent := map[int]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The fields after the command name, which may hold spaces.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) > 1 {
			parent[p], _ = strconv.Atoi(f[1])
		}
	}
	out := []int{pid}
	for i := 0; i < len(out); i++ {
		for p, pp := range parent {
			if pp == out[i] {
				out = append(out, p)
			}
		}
	}
	return out
}

// alive reports whether a process exists and is no zombie.
func alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(f) > 0 && f[0] != "Z"
}

func userDataDir(pid int) string {
	cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	for arg := range strings.SplitSeq(string(cmdline), "\x00") {
		if dir, ok := strings.CutPrefix(arg, "--user-data-dir="); ok {
			return dir
		}
	}
	return ""
}

func TestFind(t *testing.T) {
	if _, err := Find("/nonexistent/chromium"); err == nil {
		t.Error("Find of a missing path: got no error")
	}
	path, err := Find("")
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	if got, err := Find(path); err != nil || got != path {
		t.Errorf("Find(%q) = %q, %v; want the same path", path, got, err)
	}
}

func BenchmarkRender(b *testing.B) {
	br := newBrowser(b, Options{Timeout: 10 * time.Second})
	ts := server(b)
	for b.Loop() {
		if _, _, err := br.Render(context.Background(), ts.URL+"/scripted", []string{"#terms"}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestNewRefusesOptionsThatCannotWork(t *testing.T) {
	for _, o := range []Options{{Timeout: time.Second}, {Tabs: 2}, {Tabs: -1, Timeout: time.Second}} {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v): no error", o)
		}
	}
	if _, err := New(Options{Tabs: 1, Timeout: time.Second}); err == nil {
		t.Error("New without a guard: no error")
	}
	if _, err := New(Options{Tabs: 1, Timeout: time.Second, Guard: guard(t, nil)}); err != nil {
		t.Errorf("New with one tab: %v", err)
	}
}
