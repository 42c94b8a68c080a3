package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

const (
	scriptTag = "<script>alert(1)</script>"
	imgTag    = `<img src=x onerror=alert(1)>`
)

// liveTag finds markup that a browser or feed reader would run or load.
var liveTag = regexp.MustCompile(`(?i)<\s*(script|img)`)

// TestXSS puts hostile markup in every place vendor text can reach (vendor
// and document names, version texts, clause summaries and texts, check
// errors, review names and notes) and checks that every page and both
// feeds show it as text.
func TestXSS(t *testing.T) {
	f := newFixture(t)
	vendor, doc := "Evil"+scriptTag, "Terms "+imgTag
	first := "# Terms\n\nWe limit our liability " + scriptTag + " to $10.\n\n" + imgTag + "\n"
	second := "# Terms\n\nWe limit our liability " + scriptTag + " to $1 " + imgTag + ".\n\n" + imgTag + " " + scriptTag + "\n"
	f.record(vendor, doc, model.KindFirst, first)
	change := f.record(vendor, doc, model.KindChange, second, model.ClauseChange{
		Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
		Summary: "cap lowered " + scriptTag + imgTag,
		Before:  "We limit our liability " + scriptTag + " to $10.",
		After:   "We limit our liability " + scriptTag + " to $1 " + imgTag + ".",
		CapBefore: &model.Cap{Amount: money(10), Currency: "USD", Basis: model.BasisFixed,
			CarveOuts: []string{scriptTag}},
		CapAfter: &model.Cap{Amount: money(1), Currency: "<b>" + imgTag, Basis: model.BasisFixed},
	})
	for range 3 {
		f.fail(vendor, doc, "fetch failed: "+scriptTag+imgTag)
	}
	if _, err := f.st.AddReview(context.Background(), change, model.Review{By: "Mallory" + scriptTag, Note: "note " + imgTag}); err != nil {
		t.Fatal(err)
	}
	f.serve(Options{})
	toVersion := f.heads[f.docs[vendor+"/"+doc]]
	ev, ed := url.PathEscape(vendor), url.PathEscape(doc)

	pages := []string{"/", "/vendors", "/vendors/" + ev, "/vendors/" + ev + "/" + ed,
		"/changes/" + itoa(change), "/versions/" + itoa(toVersion),
		"/feed.xml?clause=" + url.QueryEscape(scriptTag), "/feed.atom?vendor=" + url.QueryEscape(scriptTag+imgTag)}
	for _, p := range pages {
		t.Run(p, func(t *testing.T) {
			resp, body := f.get(nil, p)
			if resp.StatusCode >= 500 || resp.StatusCode == 404 {
				t.Fatalf("got status %d", resp.StatusCode)
			}
			if m := liveTag.FindString(body); m != "" {
				t.Errorf("live markup %q in the page", m)
			}
			if resp.StatusCode == 200 && !strings.Contains(p, "feed") && !strings.Contains(body, "&lt;script&gt;") {
				t.Errorf("the hostile text is not shown escaped")
			}
		})
	}

	for _, fp := range feedPaths {
		for _, q := range []string{"", "?vendor=" + url.QueryEscape(vendor)} {
			t.Run(fp.path+q, func(t *testing.T) {
				resp, fd, raw := f.parseFeed(fp.path + q)
				if fd == nil {
					t.Fatalf("got status %d, want 200", resp.StatusCode)
				}
				if m := liveTag.FindString(raw); m != "" {
					t.Errorf("live markup %q in the raw feed", m)
				}
				if len(fd.Items) != 1 {
					t.Fatalf("got %d items, want 1", len(fd.Items))
				}
				it := fd.Items[0]
				for name, s := range map[string]string{"feed title": fd.Title, "title": it.Title, "description": it.Description, "content": it.Content} {
					if m := liveTag.FindString(s); m != "" {
						t.Errorf("%s: live markup %q in %q", name, m, s)
					}
				}
				// The text is still there, escaped, for the reader to see.
				if !strings.Contains(it.Description, "&lt;script&gt;alert(1)&lt;/script&gt;") {
					t.Errorf("description does not show the escaped text: %s", it.Description)
				}
				if !strings.Contains(it.Title, "‹script›alert(1)‹/script›") {
					t.Errorf("title: got %q", it.Title)
				}
			})
		}
	}
}
