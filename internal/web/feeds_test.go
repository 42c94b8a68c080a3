package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/toswatch/toswatch/internal/model"
)

func (f *fixture) parseFeed(path string, header ...string) (*http.Response, *gofeed.Feed, string) {
	f.t.Helper()
	resp, body := f.get(nil, path, header...)
	if resp.StatusCode != 200 {
		return resp, nil, body
	}
	fd, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		f.t.Fatalf("%s: %v", path, err)
	}
	return resp, fd, body
}

var feedPaths = []struct{ path, contentType, feedType string }{
	{"/feed.xml", "application/rss+xml; charset=utf-8", "rss"},
	{"/feed.atom", "application/atom+xml; charset=utf-8", "atom"},
}

func TestFeeds(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	wantTitles := []string{
		"Acme — Terms of Service: reverted to the text of v2 — text changed (1 paragraph)",
		"Acme — Terms of Service: text changed (1 paragraph)",
		"Globex — Data Processing Addendum: " + indemnSummary,
		"Acme — Terms of Service: " + capSummary,
	}
	wantIDs := []int64{f.flipChange, f.lawChange, f.indemnChange, f.capChange}
	for _, fp := range feedPaths {
		t.Run(fp.path, func(t *testing.T) {
			resp, fd, _ := f.parseFeed(fp.path)
			if fd == nil {
				t.Fatalf("got status %d, want 200", resp.StatusCode)
			}
			if got := resp.Header.Get("Content-Type"); got != fp.contentType {
				t.Errorf("Content-Type: got %q, want %q", got, fp.contentType)
			}
			if got := fd.FeedType; got != fp.feedType {
				t.Errorf("feed type: got %q, want %q", got, fp.feedType)
			}
			if got, want := len(fd.Items), len(wantTitles); got != want {
				t.Fatalf("got %d items, want %d", got, want)
			}
			_, again, _ := f.parseFeed(fp.path)
			for i, it := range fd.Items {
				if it.Title != wantTitles[i] {
					t.Errorf("item %d: got title %q, want %q", i, it.Title, wantTitles[i])
				}
				link := f.srv.URL + "/changes/" + itoa(wantIDs[i])
				if it.Link != link || it.GUID != link {
					t.Errorf("item %d: got link %q guid %q, want %q", i, it.Link, it.GUID, link)
				}
				if again.Items[i].GUID != it.GUID {
					t.Errorf("item %d: guid changed between requests: %q, then %q", i, it.GUID, again.Items[i].GUID)
				}
				// Follow the link: it opens that change's page.
				resp, body := f.get(nil, strings.TrimPrefix(it.Link, f.srv.URL))
				if resp.StatusCode != 200 || !strings.Contains(body, "Change "+itoa(wantIDs[i])+", recorded") {
					t.Errorf("item %d: link %s: status %d, or the page is not change %d", i, it.Link, resp.StatusCode, wantIDs[i])
				}
			}
			cap := fd.Items[3]
			for _, w := range []string{capSummary, "(cap: the greater of $1,000 or 12 months of fees → $100)", "<del>", "<ins>$100</ins>"} {
				if !strings.Contains(cap.Description, w) {
					t.Errorf("cap change description lacks %q:\n%s", w, cap.Description)
				}
			}
			if !strings.Contains(fd.Items[0].Description, "Flip-flop") {
				t.Errorf("flip-flop description lacks the flip-flop note")
			}
			if pub := cap.PublishedParsed; pub == nil && cap.UpdatedParsed == nil {
				t.Errorf("cap change has no date")
			} else if got := firstTime(cap.PublishedParsed, cap.UpdatedParsed); !got.Equal(time.Date(2026, 3, 1, 13, 0, 0, 0, time.UTC)) {
				t.Errorf("cap change date: got %v, want its recorded_at", got)
			}
		})
	}
}

func firstTime(ts ...*time.Time) time.Time {
	for _, t := range ts {
		if t != nil {
			return *t
		}
	}
	return time.Time{}
}

func TestFeedFilters(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	tests := []struct {
		query string
		want  []int64
	}{
		{"?vendor=Globex", []int64{f.indemnChange}},
		{"?vendor=acme", []int64{f.flipChange, f.lawChange, f.capChange}},
		{"?vendor=Nobody", nil},
		{"?clause=liability", []int64{f.capChange}},
		{"?clause=indemnification", []int64{f.indemnChange}},
		{"?vendor=Acme&clause=indemnification", nil},
	}
	for _, fp := range feedPaths {
		for _, tt := range tests {
			t.Run(fp.path+tt.query, func(t *testing.T) {
				resp, fd, _ := f.parseFeed(fp.path + tt.query)
				if fd == nil {
					t.Fatalf("got status %d, want 200", resp.StatusCode)
				}
				var got []string
				for _, it := range fd.Items {
					got = append(got, it.GUID)
				}
				var want []string
				for _, id := range tt.want {
					want = append(want, f.srv.URL+"/changes/"+itoa(id))
				}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("got items %v, want %v", got, want)
				}
			})
		}
		t.Run(fp.path+"?clause=arbitration", func(t *testing.T) {
			resp, body := f.get(nil, fp.path+"?clause=arbitration")
			if resp.StatusCode != 400 || !strings.Contains(body, "liability or indemnification") {
				t.Errorf("got status %d, want 400 with a message", resp.StatusCode)
			}
		})
	}
}

func TestFeedConditionalGet(t *testing.T) {
	f := newFixture(t).history().serve(Options{BaseURL: "https://toswatch.example/"})
	for _, fp := range feedPaths {
		t.Run(fp.path, func(t *testing.T) {
			resp, body := f.get(nil, fp.path)
			etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			if etag == "" || lastMod == "" {
				t.Fatalf("got ETag %q and Last-Modified %q, want both", etag, lastMod)
			}
			if !strings.Contains(body, "https://toswatch.example/changes/"+itoa(f.capChange)) {
				t.Errorf("links do not use the BaseURL")
			}
			tests := []struct {
				name   string
				header []string
				want   int
			}{
				{"If-None-Match", []string{"If-None-Match", etag}, 304},
				{"If-None-Match list", []string{"If-None-Match", `"x", ` + etag}, 304},
				{"If-None-Match weak", []string{"If-None-Match", "W/" + etag}, 304},
				{"If-None-Match other", []string{"If-None-Match", `"other"`}, 200},
				{"If-Modified-Since", []string{"If-Modified-Since", lastMod}, 304},
				{"If-Modified-Since earlier", []string{"If-Modified-Since", time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC).Format(http.TimeFormat)}, 200},
				{"ETag wins over date", []string{"If-None-Match", `"other"`, "If-Modified-Since", lastMod}, 200},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					resp, body := f.get(nil, fp.path, tt.header...)
					if resp.StatusCode != tt.want {
						t.Errorf("got status %d, want %d", resp.StatusCode, tt.want)
					}
					if tt.want == 304 && body != "" {
						t.Errorf("304 with a body")
					}
				})
			}
			if resp, _ := f.get(nil, fp.path+"?vendor=Globex", "If-None-Match", etag); resp.StatusCode != 200 {
				t.Errorf("the ETag of the whole feed matched a filtered feed")
			}
		})
	}
	// A new change makes every earlier ETag stale.
	resp, _ := f.get(nil, "/feed.xml")
	etag := resp.Header.Get("ETag")
	f.now = f.now.Add(time.Hour)
	f.record("Acme", "Terms of Service", model.KindChange, acmeV3)
	resp, _ = f.get(nil, "/feed.xml", "If-None-Match", etag)
	if resp.StatusCode != 200 || resp.Header.Get("ETag") == etag {
		t.Errorf("after a new change: got status %d and ETag %q (was %q), want 200 and a new ETag", resp.StatusCode, resp.Header.Get("ETag"), etag)
	}
}
