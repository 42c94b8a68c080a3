package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// testdata/late.html shows "Loading…" in #terms, asks /ready until the
// server says the terms may come, then fills them in. The test server
// answers /ready only once the test allows it, so the page shows
// "Loading…" for as long as the test wants, however fast or slow the
// machine is.

// tickingPage has its terms at once and a clock that never stops.
const tickingPage = `<!doctype html><html><body><main id="terms"><p>` + termsText + `</p><p>` + termsText + `</p><p id="clock">0</p></main>
<script>let n = 0; setInterval(() => { document.getElementById("clock").textContent = String(++n); }, 40);</script></body></html>`

func TestRenderWaitsUntilTheTextStopsChanging(t *testing.T) {
	b := newBrowser(t, Options{Timeout: 30 * time.Second})
	var mu sync.Mutex
	asked, allowed := 0, false
	mux := http.NewServeMux()
	late, err := os.ReadFile("testdata/late.html")
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("/late", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, strings.ReplaceAll(string(late), "{{terms}}", termsText))
	})
	mux.HandleFunc("/ready", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		asked++
		// The page has been showing "Loading…" for a few polls: let it fill.
		if asked >= 5 {
			allowed = true
		}
		if allowed {
			fmt.Fprint(w, "yes")
			return
		}
		fmt.Fprint(w, "no")
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	for _, waitFor := range [][]string{{"#terms"}, nil} {
		mu.Lock()
		asked, allowed = 0, false
		mu.Unlock()
		t.Run(fmt.Sprint(waitFor), func(t *testing.T) {
			html, _, err := b.Render(context.Background(), ts.URL+"/late", waitFor)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(html), termsText) || strings.Contains(string(html), "Loading…") {
				t.Errorf("rendered page is not the filled terms:\n%s", html)
			}
		})
	}
}

func TestRenderStillChangingOrTooShort(t *testing.T) {
	b := newBrowser(t, Options{Timeout: 2 * time.Second})
	mux := http.NewServeMux()
	mux.HandleFunc("/ticking", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, tickingPage)
	})
	mux.HandleFunc("/loading", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><body><div id="terms">Loading…</div></body></html>`)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	t.Run("still changing: the latest text is kept", func(t *testing.T) {
		html, _, err := b.Render(context.Background(), ts.URL+"/ticking", []string{"#terms"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(html), termsText) {
			t.Errorf("rendered page lacks the terms:\n%s", html)
		}
	})
	for _, waitFor := range [][]string{{"#terms"}, nil} {
		t.Run(fmt.Sprintf("never more than Loading… %v", waitFor), func(t *testing.T) {
			_, _, err := b.Render(context.Background(), ts.URL+"/loading", waitFor)
			if got := model.FailureOf(err); got != model.FailureTooShort {
				t.Fatalf("got %v (kind %q), want kind %q", err, got, model.FailureTooShort)
			}
		})
	}
}
