package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var linkAttr = regexp.MustCompile(`(?:href|action)="(/[^"]*)"`)

// TestServedUnderAPath serves the UI as a reverse proxy would under
// http://intranet.example/legal/toswatch: every link of every page starts
// with that path, requests are answered with the path (a proxy that passes
// it on) and without it (one that strips it), and a review redirects back
// under the path.
func TestServedUnderAPath(t *testing.T) {
	const root = "/legal/toswatch"
	f := newFixture(t).history().serve(Options{BaseURL: "http://intranet.example" + root + "/"})
	c := f.client()
	pages := []string{"/", "/vendors", "/vendors/Acme", "/vendors/Acme/Terms%20of%20Service",
		"/changes/" + itoa(f.capChange), "/versions/" + itoa(f.acmeV1), "/no-such-page"}
	for _, p := range pages {
		for _, prefix := range []string{root, ""} {
			resp, body := f.get(c, prefix+p)
			want := 200
			if p == "/no-such-page" {
				want = 404
			}
			if resp.StatusCode != want {
				t.Errorf("GET %s: %d, want %d", prefix+p, resp.StatusCode, want)
				continue
			}
			links := linkAttr.FindAllStringSubmatch(body, -1)
			if len(links) == 0 {
				t.Errorf("GET %s: no links", prefix+p)
			}
			for _, m := range links {
				if !strings.HasPrefix(m[1], root+"/") {
					t.Errorf("GET %s: link %q does not start with %s/", prefix+p, m[1], root)
				}
			}
		}
	}
	if resp, _ := f.get(c, root+"/static/style.css"); resp.StatusCode != 200 {
		t.Errorf("style sheet under the path: %d", resp.StatusCode)
	}
	token := f.csrfToken(c, f.capChange)
	resp, _ := f.post(c, f.capChange, url.Values{"by": {"Alice"}, "csrf": {token}})
	if got, want := resp.Header.Get("Location"), root+"/changes/"+itoa(f.capChange)+"#review"; resp.StatusCode != 303 || got != want {
		t.Errorf("review: %d to %q, want 303 to %q", resp.StatusCode, got, want)
	}
}
