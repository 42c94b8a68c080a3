package web

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

// bigText is about size bytes of distinct paragraphs, different for each
// seed: a document rewritten from one seed to the next.
func bigText(seed, size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "Section %d.%d. The customer shall comply with policy %d of revision %d at all times during the term of the agreement.\n\n", seed, i, i*7+seed, seed)
	}
	return b.String()
}

// The change page shows the diff recorded with the change: a view does
// not diff the two versions again (which took 41-53 s for a rewritten
// 2.6 MB document).
func TestChangePageIsRenderedFromTheRecordedDiffNotARediff(t *testing.T) {
	f := newFixture(t)
	f.record("Acme", "Terms", model.KindFirst, acmeV1)
	// The diff recorded with this change says something the two versions
	// do not: only a page made from the recorded diff shows it.
	id := f.record("Acme", "Terms", model.KindChange, acmeV2)
	res := diff.Compute("old wording", "the recorded wording")
	summary, pages := diff.Paginate(res)
	if _, err := f.st.SetClauseChanges(t.Context(), id, nil, 1, store.Diff{Summary: summary, Pages: pages}); err != nil {
		t.Fatal(err)
	}
	f.serve(Options{})
	resp, body := f.get(nil, "/changes/"+itoa(id))
	if resp.StatusCode != 200 || !strings.Contains(body, "recorded") || strings.Contains(body, "any lawful purpose") {
		t.Errorf("got status %d; want the recorded diff, not a new one:\n%s", resp.StatusCode, section(t, body, `class="diff"`))
	}
}

// A document rewritten from end to end, 3 MB of it: the change page shows
// its diff a page at a time, every page of it, and refuses none.
func TestChangePageOfARewrittenMultiMegabyteDocumentIsPaginated(t *testing.T) {
	f := newFixture(t)
	f.record("Acme", "Terms", model.KindFirst, bigText(1, 3<<20))
	id := f.record("Acme", "Terms", model.KindChange, bigText(2, 3<<20))
	f.serve(Options{})
	c, err := f.st.Change(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	sum, ok := diff.SummaryOf(c)
	if !ok || sum.Pages < 10 {
		t.Fatalf("summary %+v, want many pages", sum)
	}
	for _, page := range []int{1, sum.Pages / 2, sum.Pages} {
		path := fmt.Sprintf("/changes/%d?page=%d", id, page)
		resp, body := f.get(nil, path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		if got := strings.Count(body, `<div class="para `); got == 0 || got > diff.PageLines {
			t.Errorf("%s: %d paragraphs, want 1 to %d", path, got, diff.PageLines)
		}
		if want := fmt.Sprintf("Diff page %d of %d", page, sum.Pages); !strings.Contains(body, want) {
			t.Errorf("%s: no %q", path, want)
		}
		if got, want := strings.Contains(body, `rel="next"`), page < sum.Pages; got != want {
			t.Errorf("%s: next link %v, want %v", path, got, want)
		}
		if len(body) > 4<<20 {
			t.Errorf("%s: %d bytes of HTML for one page", path, len(body))
		}
	}
	if resp, _ := f.get(nil, fmt.Sprintf("/changes/%d?page=%d", id, sum.Pages+1)); resp.StatusCode != 404 {
		t.Errorf("page past the last: status %d, want 404", resp.StatusCode)
	}
}

// Heavy renders (a change recorded before diffs were kept, a long
// version) run at most two at once; the next gets 503 with Retry-After at
// once instead of piling up memory.
func TestThirdHeavyRenderAtOnceGets503WithRetryAfter(t *testing.T) {
	f := newFixture(t)
	f.legacy = true
	f.record("Acme", "Terms", model.KindFirst, acmeV1)
	legacy := f.record("Acme", "Terms", model.KindChange, acmeV2)
	long := f.record("Initech", "Terms", model.KindFirst, bigText(1, heavyText+1))
	f.serve(Options{})
	for _, path := range []string{"/changes/" + itoa(legacy), "/versions/" + itoa(long)} {
		for range maxHeavy {
			f.h.heavy <- struct{}{} // two heavy renders under way
		}
		resp, body := f.get(nil, path)
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "5" || !strings.Contains(body, "busy") {
			t.Errorf("%s with every slot taken: status %d, Retry-After %q", path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		for range maxHeavy {
			<-f.h.heavy
		}
		if resp, _ := f.get(nil, path); resp.StatusCode != 200 {
			t.Errorf("%s with free slots: status %d", path, resp.StatusCode)
		}
	}
	// A light page is served whatever the heavy ones do.
	for range maxHeavy {
		f.h.heavy <- struct{}{}
	}
	if resp, _ := f.get(nil, "/versions/1"); resp.StatusCode != 200 {
		t.Errorf("a short version: status %d with the heavy slots taken", resp.StatusCode)
	}
}

// A request has a time limit: a heavy render that has not finished when it
// ends is answered 503 and not waited for.
func TestHeavyRenderPastTheRequestTimeoutGets503(t *testing.T) {
	f := newFixture(t)
	long := f.record("Initech", "Terms", model.KindFirst, bigText(1, heavyText+1))
	f.serve(Options{})
	f.h.timeout = time.Nanosecond
	resp, body := f.get(nil, "/versions/"+itoa(long))
	if resp.StatusCode != 503 || !strings.Contains(body, "took longer than 1ns") {
		t.Errorf("status %d: %s", resp.StatusCode, body)
	}
}
