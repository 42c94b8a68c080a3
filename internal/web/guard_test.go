package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

var metricsStub = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("toswatch_checks_total 1\n"))
})

// TestForgedHostIsRefused: a loopback server answers only its own names.
// A page on another site whose DNS name rebinds to 127.0.0.1 sends its own
// name as Host (and as Origin): it gets 421 and cannot submit a review.
func TestForgedHostIsRefused(t *testing.T) {
	f := newFixture(t).history().serveOnListener(Options{Metrics: metricsStub})
	_, port, _ := net.SplitHostPort(f.opts.Addr)
	for _, tc := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST:" + port, 200},
		{"[::1]:" + port, 200},
		{"rebind.attacker.example:" + port, 421},
		{"rebind.attacker.example", 421},
		{"127.0.0.1:1", 421},
		{"127.0.0.2:" + port, 421},
	} {
		for _, path := range []string{"/", "/metrics", "/feed.xml", "/changes/" + itoa(f.capChange)} {
			if resp, _ := f.get(nil, path, "Host", tc.host); resp.StatusCode != tc.want {
				t.Errorf("GET %s with Host %q: %d, want %d", path, tc.host, resp.StatusCode, tc.want)
			}
		}
	}
	// The attack itself: the attacker's page is same-origin with its
	// rebound name, so it sends a matching Origin.
	evil := "rebind.attacker.example:" + port
	c := f.client()
	token := f.csrfToken(c, f.capChange)
	resp, _ := f.post(c, f.capChange, url.Values{"by": {"Mallory"}, "csrf": {token}},
		"Host", evil, "Origin", "http://"+evil, "Sec-Fetch-Site", "same-origin")
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("review through a rebound name: %d, want 421", resp.StatusCode)
	}
	if _, body := f.get(nil, "/changes/"+itoa(f.capChange)); strings.Contains(body, "Mallory") {
		t.Errorf("a review through a rebound name was recorded")
	}
}

// TestBaseURLHostIsServed: behind a proxy, the base URL's host is
// answered (with or without its default port), and the listen address too.
func TestBaseURLHostIsServed(t *testing.T) {
	f := newFixture(t).history().serveOnListener(Options{BaseURL: "https://toswatch.example/legal"})
	for _, tc := range []struct {
		host string
		want int
	}{
		{"toswatch.example", 200},
		{"toswatch.example:443", 200},
		{"TOSWATCH.example", 200},
		{f.opts.Addr, 200},
		{"toswatch.example:8443", 421},
		{"other.example", 421},
	} {
		if resp, _ := f.get(nil, "/legal/", "Host", tc.host); resp.StatusCode != tc.want {
			t.Errorf("Host %q: %d, want %d", tc.host, resp.StatusCode, tc.want)
		}
	}
}

// TestTokenForReads: with require_token_for_reads, pages send people to
// the login form, whose cookie (HttpOnly, SameSite=Strict) then opens
// every page; feeds, downloads and /metrics take the bearer header or
// ?token=.
func TestTokenForReads(t *testing.T) {
	const secret = "read-s3cret"
	f := newFixture(t).history().serve(Options{Token: secret, RequireTokenForReads: true, Metrics: metricsStub})

	resp, _ := f.get(nil, "/changes/"+itoa(f.capChange))
	if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != "/login?next=%2Fchanges%2F"+itoa(f.capChange) {
		t.Errorf("page without the token: %d to %q, want 303 to the login form", resp.StatusCode, loc)
	}
	for _, tc := range []struct {
		path   string
		header []string
		want   int
	}{
		{"/feed.xml", nil, 401},
		{"/feed.xml?token=guess", nil, 401},
		{"/feed.xml?token=" + secret, nil, 200},
		{"/feed.atom", []string{"Authorization", "Bearer " + secret}, 200},
		{"/metrics", nil, 401},
		{"/metrics", []string{"Authorization", "Bearer guess"}, 401},
		{"/metrics", []string{"Authorization", "Bearer " + secret}, 200},
		{"/export.csv?token=" + secret, nil, 200},
		{"/export.jsonl", nil, 401},
		{"/vendors", []string{"Authorization", "Bearer " + secret}, 200},
		{"/vendors?token=" + secret, nil, 303}, // a page's address ends up in history and logs: no ?token= there
		{"/static/style.css", nil, 200},
		{"/login", nil, 200},
	} {
		resp, body := f.get(nil, tc.path, tc.header...)
		if resp.StatusCode != tc.want {
			t.Errorf("GET %s %v: %d, want %d", tc.path, tc.header, resp.StatusCode, tc.want)
		}
		if tc.want == 401 && (resp.Header.Get("WWW-Authenticate") == "" || strings.Contains(body, "toswatch_checks_total")) {
			t.Errorf("GET %s: 401 without WWW-Authenticate, or with the content", tc.path)
		}
	}

	c := f.client()
	login := func(token, next string) *http.Response {
		t.Helper()
		_, body := f.get(c, "/login?next="+url.QueryEscape(next))
		m := csrfField.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no csrf field on the login form")
		}
		req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/login",
			strings.NewReader(url.Values{"token": {token}, "csrf": {m[1]}, "next": {next}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := login("guess", "/"); resp.StatusCode != 401 || len(resp.Cookies()) > 0 && resp.Cookies()[0].Name == sessionCookie {
		t.Errorf("login with a wrong token: %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	resp = login(secret, "//evil.example/x")
	if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != "/" {
		t.Errorf("login with next=//evil.example: %d to %q, want 303 to /", resp.StatusCode, loc)
	}
	setCookie := resp.Header.Get("Set-Cookie")
	for _, attr := range []string{sessionCookie + "=", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(setCookie, attr) {
			t.Errorf("session cookie %q lacks %s", setCookie, attr)
		}
	}
	if strings.Contains(setCookie, secret) {
		t.Errorf("the session cookie holds the token itself")
	}
	if resp := login(secret, "/changes/"+itoa(f.capChange)); resp.Header.Get("Location") != "/changes/"+itoa(f.capChange) {
		t.Errorf("login does not go back to the page asked for: %q", resp.Header.Get("Location"))
	}
	resp, body := f.get(c, "/changes/"+itoa(f.capChange))
	if resp.StatusCode != 200 || strings.Contains(body, `name="token"`) {
		t.Fatalf("after login: %d (token field asked again: %v)", resp.StatusCode, strings.Contains(body, `name="token"`))
	}
	// Logged in, a review needs only the form's CSRF token.
	token := f.csrfToken(c, f.capChange)
	if resp, _ := f.post(c, f.capChange, url.Values{"by": {"Alice"}, "csrf": {token}}); resp.StatusCode != 303 {
		t.Errorf("review after login: %d, want 303", resp.StatusCode)
	}
	// Without the setting, pages, feeds and metrics are public.
	pub := newFixture(t).history().serve(Options{Token: secret, Metrics: metricsStub})
	for _, p := range []string{"/", "/feed.xml", "/metrics", "/export.csv"} {
		if resp, _ := pub.get(nil, p); resp.StatusCode != 200 {
			t.Errorf("public %s: %d, want 200", p, resp.StatusCode)
		}
	}
	if _, err := New(Options{Store: f.st, RequireTokenForReads: true}); err == nil {
		t.Errorf("reads required without a token: no error")
	}
}
