package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// post sends a review form with c and returns the response and its body.
func (f *fixture) post(c *http.Client, change int64, form url.Values, header ...string) (*http.Response, string) {
	f.t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+"/changes/"+itoa(change)+"/review", strings.NewReader(form.Encode()))
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	f.setHeaders(req, header)
	resp, err := c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	return resp, readAll(f.t, resp)
}

func TestReview(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	c := f.client()
	token := f.csrfToken(c, f.capChange)
	form := url.Values{"by": {"Alice"}, "note": {"Checked with counsel."}, "csrf": {token}}
	resp, _ := f.post(c, f.capChange, form, "Origin", f.srv.URL, "Sec-Fetch-Site", "same-origin")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("got status %d, want 303", resp.StatusCode)
	}
	if got, want := resp.Header.Get("Location"), "/changes/"+itoa(f.capChange)+"#review"; got != want {
		t.Errorf("Location: got %q, want %q", got, want)
	}
	_, body := f.get(c, "/changes/"+itoa(f.capChange))
	if want := "reviewed by <strong>Alice</strong> on 2026-03-01 19:00 UTC"; !strings.Contains(body, want) {
		t.Errorf("change page lacks %q", want)
	}
	if !strings.Contains(body, "Checked with counsel.") {
		t.Errorf("change page lacks the note")
	}
	// Reviewed, it leaves the dashboard's needs-review block.
	_, body = f.get(nil, "/")
	if strings.Contains(body, `id="needs-review"`) {
		t.Errorf("the dashboard still lists a change for review")
	}
}

// TestReviewAgainKeepsTheHistory: "Review again" adds a review; the page
// lists both, oldest first, and the current state is the last decision. A
// change left needing follow-up is in the dashboard's "Open follow-ups".
func TestReviewAgainKeepsTheHistory(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	c := f.client()
	for _, form := range []url.Values{
		{"by": {"Ana"}, "decision": {"needs-follow-up"}, "note": {"Ask counsel\r\nabout the cap."}},
		{"by": {"Bob"}, "decision": {"escalated"}},
	} {
		form.Set("csrf", f.csrfToken(c, f.capChange))
		if resp, body := f.post(c, f.capChange, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("review by %s: got status %d: %s", form.Get("by"), resp.StatusCode, body)
		}
		f.now = f.now.Add(time.Hour)
	}
	_, body := f.get(c, "/changes/"+itoa(f.capChange))
	ana := strings.Index(body, `needs-follow-up</span> by <strong>Ana</strong>`)
	bob := strings.Index(body, `escalated</span> by <strong>Bob</strong>`)
	if ana < 0 || bob < 0 || ana > bob {
		t.Errorf("review history: Ana at %d, Bob at %d; want both, Ana first", ana, bob)
	}
	if !strings.Contains(body, "Ask counsel\nabout the cap.") {
		t.Errorf("the note is not kept with its line break as LF")
	}
	if want := `Current state: <span class="state state-escalated">escalated</span>, reviewed by <strong>Bob</strong>`; !strings.Contains(body, want) {
		t.Errorf("change page lacks %q", want)
	}
	if !strings.Contains(body, "Review again") {
		t.Errorf("the form does not offer to review again")
	}
	_, body = f.get(nil, "/")
	if !strings.Contains(body, `id="follow-ups"`) || !strings.Contains(body, capSummary) {
		t.Errorf("the dashboard does not list the escalated change among open follow-ups")
	}
	if strings.Contains(body, `id="needs-review"`) {
		t.Errorf("a reviewed change is still in needs review")
	}
	form := url.Values{"by": {"Eve"}, "decision": {"ignore"}, "csrf": {f.csrfToken(c, f.capChange)}}
	if resp, _ := f.post(c, f.capChange, form); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown decision: got status %d, want 400", resp.StatusCode)
	}
}

func TestReviewRefused(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	c := f.client()
	token := f.csrfToken(c, f.capChange)
	other := f.client()
	otherToken := f.csrfToken(other, f.capChange)
	tests := []struct {
		name   string
		form   url.Values
		header []string
		client *http.Client
		want   int
		msg    string
	}{
		{"no token", url.Values{"by": {"Mallory"}}, nil, c, 403, "security token"},
		{"wrong token", url.Values{"by": {"Mallory"}, "csrf": {"AAAA" + token[4:]}}, nil, c, 403, "security token"},
		{"token of another cookie", url.Values{"by": {"Mallory"}, "csrf": {otherToken}}, nil, c, 403, "security token"},
		{"no cookie", url.Values{"by": {"Mallory"}, "csrf": {token}}, nil, f.client(), 403, "security token"},
		{"cross-site fetch", url.Values{"by": {"Mallory"}, "csrf": {token}}, []string{"Sec-Fetch-Site", "cross-site"}, c, 403, "another site"},
		{"foreign origin", url.Values{"by": {"Mallory"}, "csrf": {token}}, []string{"Origin", "http://evil.example"}, c, 403, "another site"},
		{"null origin", url.Values{"by": {"Mallory"}, "csrf": {token}}, []string{"Origin", "null"}, c, 403, "another site"},
		{"no name", url.Values{"by": {"  "}, "note": {"x"}, "csrf": {token}}, nil, c, 400, "Please give your name"},
		{"name too long", url.Values{"by": {strings.Repeat("n", maxReviewer+1)}, "csrf": {token}}, nil, c, 400, "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.post(tt.client, f.capChange, tt.form, tt.header...)
			if resp.StatusCode != tt.want {
				t.Errorf("got status %d, want %d", resp.StatusCode, tt.want)
			}
			if !strings.Contains(body, tt.msg) {
				t.Errorf("body lacks %q", tt.msg)
			}
		})
	}
	_, body := f.get(nil, "/changes/"+itoa(f.capChange))
	if strings.Contains(body, "reviewed by") {
		t.Errorf("a refused review was recorded")
	}
	// A valid form for a change that does not exist.
	if resp, _ := f.post(c, 999999, url.Values{"by": {"Alice"}, "csrf": {token}}); resp.StatusCode != 404 {
		t.Errorf("review of a missing change: got status %d, want 404", resp.StatusCode)
	}
}

func TestReviewAccessToken(t *testing.T) {
	const secret = "s3cret-token"
	f := newFixture(t).history().serve(Options{Token: secret})
	c := f.client()
	csrf := f.csrfToken(c, f.capChange)
	if _, body := f.get(c, "/changes/"+itoa(f.capChange)); !strings.Contains(body, `name="token"`) {
		t.Errorf("the review form has no token field")
	}
	tests := []struct {
		name   string
		change int64
		form   url.Values
		header []string
		client *http.Client
		want   int
	}{
		{"csrf without token", f.capChange, url.Values{"by": {"Eve"}, "csrf": {csrf}}, nil, c, 401},
		{"wrong form token", f.capChange, url.Values{"by": {"Eve"}, "csrf": {csrf}, "token": {"guess"}}, nil, c, 401},
		{"wrong bearer", f.capChange, url.Values{"by": {"Eve"}}, []string{"Authorization", "Bearer guess"}, f.client(), 401},
		{"form token without csrf", f.capChange, url.Values{"by": {"Eve"}, "token": {secret}}, nil, c, 403},
		{"form token with csrf", f.capChange, url.Values{"by": {"Alice"}, "csrf": {csrf}, "token": {secret}}, nil, c, 303},
		// A header cannot come from a cross-site form: no CSRF token needed.
		{"bearer", f.lawChange, url.Values{"by": {"Bob"}}, []string{"Authorization", "Bearer " + secret}, f.client(), 303},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := f.post(tt.client, tt.change, tt.form, tt.header...)
			if resp.StatusCode != tt.want {
				t.Errorf("got status %d, want %d", resp.StatusCode, tt.want)
			}
			if tt.want == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
		})
	}
	for id, who := range map[int64]string{f.capChange: "Alice", f.lawChange: "Bob"} {
		if _, body := f.get(nil, "/changes/"+itoa(id)); !strings.Contains(body, "reviewed by <strong>"+who+"</strong>") {
			t.Errorf("change %d: not reviewed by %s", id, who)
		}
	}
}
