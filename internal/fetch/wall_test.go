package fetch

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
	"github.com/toswatch/toswatch/internal/model"
)

func TestFetchCloudflareChallenge(t *testing.T) {
	challenge := readTestdata(t, "cloudflare-challenge.html")
	tests := []struct {
		name   string
		status int
		header bool
		body   []byte
	}{
		{"403 with cf-mitigated", http.StatusForbidden, true, challenge},
		{"header only", http.StatusForbidden, true, []byte("<html></html>")},
		{"503 challenge page", http.StatusServiceUnavailable, false, challenge},
		{"200 challenge page", http.StatusOK, false, challenge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("Content-Type", "text/html; charset=UTF-8")
				w.Header().Set("Server", "cloudflare")
				if tt.header {
					w.Header().Set("Cf-Mitigated", "challenge")
				}
				w.WriteHeader(tt.status)
				w.Write(tt.body)
			})
			opts := testOptions()
			opts.Retries = 2
			c, _ := newTestClient(t, opts)
			fe := fetchErr(t, c, srv.URL, model.FailureBlocked)
			if !strings.Contains(fe.Error(), "cloudflare challenge") {
				t.Errorf("Error() = %q, want it to name the Cloudflare challenge", fe)
			}
			if hits.Load() != 1 {
				t.Errorf("hits = %d, want 1 (a wall is not retried)", hits.Load())
			}
		})
	}
}

func TestFetchCaptchaPage(t *testing.T) {
	url := serveBody(t, readTestdata(t, "captcha.html"), "Content-Type", "text/html")
	c, _ := newTestClient(t, testOptions())
	fe := fetchErr(t, c, url, model.FailureBlocked)
	if !strings.Contains(fe.Error(), "g-recaptcha") {
		t.Errorf("Error() = %q, want it to name the captcha", fe)
	}
}

func TestFetchLoginWall(t *testing.T) {
	url := serveBody(t, readTestdata(t, "login-wall.html"), "Content-Type", "text/html")
	c, _ := newTestClient(t, testOptions())
	fe := fetchErr(t, c, url, model.FailureBlocked)
	if !strings.Contains(fe.Error(), `login wall ("sign in to continue")`) {
		t.Errorf("Error() = %q, want it to quote the wall", fe)
	}
}

func TestFetch401(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="customers"`)
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
	})
	c, _ := newTestClient(t, testOptions())
	if fe := fetchErr(t, c, srv.URL, model.FailureBlocked); fe.Status != 401 {
		t.Errorf("Status = %d, want 401", fe.Status)
	}
}

func TestFetchLoginRedirect(t *testing.T) {
	for _, to := range []string{"/login?next=%2Fterms", "/users/sign-in", "/auth/realms/x/protocol/openid-connect/auth", "/signin"} {
		t.Run(to, func(t *testing.T) {
			var loginHits atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/terms" {
					http.Redirect(w, r, to, http.StatusFound)
					return
				}
				loginHits.Add(1)
				fmt.Fprint(w, "<form>Email Password</form>")
			})
			c, _ := newTestClient(t, testOptions())
			fe := fetchErr(t, c, srv.URL+"/terms", model.FailureBlocked)
			if !strings.Contains(fe.Error(), "redirects to the sign-in page") || loginHits.Load() != 0 {
				t.Errorf("Error(), login hits = %q, %d; want a sign-in redirect, not followed", fe, loginHits.Load())
			}
		})
	}
}

func TestFetchConfiguredLoginLikeURL(t *testing.T) {
	// The operator chose this URL; its /sso/ segment must not make it a wall.
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sso/terms" {
			http.Redirect(w, r, "/sso/terms/v2", http.StatusFound)
			return
		}
		fmt.Fprint(w, page)
	})
	c, _ := newTestClient(t, testOptions())
	if resp := fetchOK(t, c, Request{URL: srv.URL + "/sso/terms"}); resp.URL != srv.URL+"/sso/terms/v2" {
		t.Errorf("URL = %q, want the redirect followed", resp.URL)
	}
}

func TestDetectWall(t *testing.T) {
	challenge := readTestdata(t, "cloudflare-challenge.html")
	terms := readTestdata(t, "terms-mentions.html")
	cfHeader := http.Header{"Cf-Mitigated": {"challenge"}}
	long := strings.Repeat("<p>You agree to these terms of service and to our privacy policy.</p>\n", 100)
	tests := []struct {
		name   string
		status int
		header http.Header
		url    string
		body   string
		want   bool
	}{
		{"terms page mentioning captcha and sign in", 200, nil, "https://vendor.example/legal/terms", string(terms), false},
		{"short plain page", 200, nil, "https://vendor.example/terms", page, false},
		{"empty", 200, nil, "https://vendor.example/terms", "", false},
		{"cf-mitigated header", 403, cfHeader, "https://vendor.example/terms", "", true},
		{"challenge page", 403, nil, "https://vendor.example/terms", string(challenge), true},
		{"attention required title", 403, nil, "", "<html><head><title>Attention Required! | Cloudflare</title></head><body>" + long + "</body></html>", true},
		{"challenge marker in a long page", 200, nil, "", "<script>window._cf_chl_opt={}</script>" + long, true},
		{"captcha widget", 200, nil, "", string(readTestdata(t, "captcha.html")), true},
		{"turnstile widget", 200, nil, "", `<div class="cf-turnstile" data-sitekey="x"></div>`, true},
		{"hcaptcha widget", 200, nil, "", `<form><div class="h-captcha" data-sitekey="x"></div></form>`, true},
		{"captcha widget in a long page", 200, nil, "", long + `<div class="g-recaptcha"></div>`, false},
		{"recaptcha script on a short page", 200, nil, "", `<script src="https://www.google.com/recaptcha/api.js"></script><p>Terms</p>`, false},
		{"login wall", 200, nil, "", string(readTestdata(t, "login-wall.html")), true},
		{"log in to continue", 200, nil, "", "<p>Please <b>log in</b> to continue.</p><p>Log in to continue</p>", true},
		{"login phrase in a long page", 200, nil, "", long + "<p>Sign in to continue using the service.</p>", false},
		{"login phrase in a script", 200, nil, "", `<script>var m = "sign in to continue";</script><p>Terms</p>`, false},
		{"401", 401, nil, "", "", true},
		{"login URL", 200, nil, "https://vendor.example/login?next=/terms", page, true},
		{"accounts host", 200, nil, "https://accounts.vendor.example/terms", page, true},
		{"terms URL with auth in a word", 200, nil, "https://vendor.example/legal/authorship-terms", page, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.header
			if h == nil {
				h = http.Header{}
			}
			reason, got := DetectWall(tt.status, h, tt.url, []byte(tt.body))
			if got != tt.want {
				t.Errorf("DetectWall = %q, %v; want %v", reason, got, tt.want)
			}
			if got && reason == "" {
				t.Error("blocked without a reason")
			}
		})
	}
}

// TestDetectWallCorpus checks that no real terms page is taken for a wall:
// the captures mention "captcha" and "log in" in their text. Consecutive
// captures differ mostly by noise, so every fifth one is enough.
func TestDetectWallCorpus(t *testing.T) {
	dir := corpustest.Dir(t, "replay")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.html.gz"))
	if len(files) == 0 {
		t.Fatalf("no captures in %s", dir)
	}
	for i, f := range files {
		if i%5 != 0 && i != len(files)-1 {
			continue
		}
		body := gunzipFile(t, f)
		if reason, blocked := DetectWall(200, http.Header{}, "https://vendor.example/terms", body); blocked {
			t.Errorf("%s: DetectWall = %q, want no wall", f, reason)
		}
	}
}

func gunzipFile(t testing.TB, name string) []byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
