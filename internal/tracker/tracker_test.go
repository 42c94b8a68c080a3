package tracker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/toswatch/toswatch/internal/capture"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

// pages is a fake Fetcher that serves HTML bodies in turn; the last one repeats.
type pages struct {
	mu     sync.Mutex
	bodies []string
	calls  int
}

func (p *pages) Fetch(ctx context.Context, req fetch.Request) (*fetch.Response, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	i := min(p.calls, len(p.bodies)-1)
	p.calls++
	return &fetch.Response{URL: req.URL, Status: 200, MediaType: "text/html", Body: []byte(p.bodies[i])}, nil
}

// page makes a terms page of n paragraphs; edit replaces paragraph i's text.
func page(n int, edit map[int]string) string {
	var b strings.Builder
	b.WriteString("<html><body><main class=terms><h1>Terms of Service</h1>")
	for i := 0; i < n; i++ {
		text, ok := edit[i]
		if !ok {
			text = fmt.Sprintf("Section %d. The customer shall comply with the acceptable use policy number %d at all times during the term.", i, i)
		}
		fmt.Fprintf(&b, "<p>%s</p>", text)
	}
	b.WriteString("</main></body></html>")
	return b.String()
}

var doc = model.Document{Vendor: "Acme", Type: "Terms of Service", URL: "http://127.0.0.1:1/terms", Select: []string{".terms"}}

func newTracker(t *testing.T, path string, f capture.Fetcher) *Tracker {
	t.Helper()
	return newTrackerWith(t, path, capture.Options{Fetch: f}, Options{})
}

// newTrackerWith returns a tracker on the database at path (a new one when
// empty) with the given capture and tracker options.
func newTrackerWith(t *testing.T, path string, copts capture.Options, opts Options) *Tracker {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "toswatch.db")
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, err := capture.New(copts)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := New(st, c, opts)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func versions(t *testing.T, tr *Tracker) []model.Version {
	t.Helper()
	d, err := tr.Store().FindDocument(context.Background(), doc.Vendor, doc.Type)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := tr.Store().Versions(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestTruncatedCaptureIsUnconfirmedAndNotRecorded(t *testing.T) {
	// The second capture lost most of the page; the confirming fetch sees the full page again.
	f := &pages{bodies: []string{page(40, nil), page(5, nil), page(40, nil)}}
	tr := newTracker(t, "", f)
	ctx := context.Background()
	if r := tr.Check(ctx, doc); r.Status != model.OutcomeNew {
		t.Fatalf("first check: %+v", r)
	}
	r := tr.Check(ctx, doc)
	if r.Status != model.OutcomeUnconfirmed || r.Error == nil || !strings.HasPrefix(*r.Error, "unconfirmed") {
		t.Fatalf("truncated capture: %+v, want unconfirmed", r)
	}
	if got := len(versions(t, tr)); got != 1 {
		t.Errorf("got %d versions, want 1", got)
	}
}

func TestDrasticChangeConfirmedIsRecorded(t *testing.T) {
	// A real rewrite: every paragraph differs, and the confirming fetch agrees.
	rewrite := map[int]string{}
	for i := 0; i < 40; i++ {
		rewrite[i] = fmt.Sprintf("Clause %d. The provider may update these terms with notice period %d days.", i, i)
	}
	f := &pages{bodies: []string{page(40, nil), page(40, rewrite)}}
	tr := newTracker(t, "", f)
	ctx := context.Background()
	tr.Check(ctx, doc)
	if r := tr.Check(ctx, doc); r.Status != model.OutcomeChanged {
		t.Fatalf("confirmed rewrite: %+v, want changed", r)
	}
	if f.calls != 3 {
		t.Errorf("fetched %d times, want 3 (first, change, confirmation)", f.calls)
	}
}

func TestSmallChangeNeedsNoConfirmation(t *testing.T) {
	edited := "Section 7. The customer shall comply with the acceptable use policy number 7 during the subscription term."
	f := &pages{bodies: []string{page(40, nil), page(40, map[int]string{7: edited})}}
	tr := newTracker(t, "", f)
	ctx := context.Background()
	tr.Check(ctx, doc)
	if r := tr.Check(ctx, doc); r.Status != model.OutcomeChanged {
		t.Fatalf("%+v, want changed", r)
	}
	if f.calls != 2 {
		t.Errorf("fetched %d times, want 2", f.calls)
	}
	// The change is recorded with its diff.
	changes, err := tr.Store().Changes(ctx, store.ChangeFilter{})
	if err != nil || len(changes) != 1 {
		t.Fatalf("changes: %v, %v", changes, err)
	}
	res, err := diff.PageOf(changes[0], 0, func(n int) ([]byte, error) { return tr.Store().DiffPage(ctx, changes[0].ID, n) },
		func() (string, string, error) { return "", "", errors.New("the diff should be stored, not recomputed") }, nil)
	if err != nil || len(res.Lines) != 1 || res.Lines[0].Op != diff.Change || res.Lines[0].New != edited {
		t.Errorf("stored diff = %+v, %v", res, err)
	}
}

func TestConcurrentChecksRecordOneVersion(t *testing.T) {
	// Several trackers on one database (as two processes would be) see the
	// same new text at once: exactly one version may be recorded.
	path := filepath.Join(t.TempDir(), "toswatch.db")
	base := newTracker(t, path, &pages{bodies: []string{page(40, nil)}})
	base.Check(context.Background(), doc)
	changed := page(40, map[int]string{3: "Section 3. New wording for everyone."})
	var wg sync.WaitGroup
	results := make([]Result, 4)
	for i := range results {
		tr := newTracker(t, path, &pages{bodies: []string{changed}})
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = tr.Check(context.Background(), doc)
		}()
	}
	wg.Wait()
	changedCount := 0
	for _, r := range results {
		switch r.Status {
		case model.OutcomeChanged:
			changedCount++
		case model.OutcomeUnchanged:
		default:
			t.Errorf("concurrent check: %+v", r)
		}
	}
	if changedCount != 1 {
		t.Errorf("%d checks reported changed, want 1", changedCount)
	}
	if got := len(versions(t, base)); got != 2 {
		t.Errorf("got %d versions, want 2", got)
	}
}

func TestDrastic(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj"
	none := []model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified}}
	for _, tc := range []struct {
		name, new string
		changes   []model.ClauseChange
		want      bool
	}{
		{"same", old, nil, false},
		{"one paragraph edited", "a\nb\nc\nd\ne\nf\ng\nh\ni\nJ", none, false},
		{"less than half as long", "a\nb", none, true},
		{"cut short at 90%", "a\nb\nc\nd\ne\nf\ng\nh\ni", none, true},
		{"cut inside a line", "a\nb\nc\nd\ne\nf\ng\nh\ni\n", none, true},
		{"most paragraphs gone", "a\nb\nc\nd\nX\nY\nZ\nW\nV\nU", none, true},
		{"every indemnification clause gone", "a\nb\nc\nd\ne\nf\ng\nh\ni\nJ",
			[]model.ClauseChange{{Type: model.Indemnification, Kind: model.ChangeRemoved}}, true},
		{"a paragraph added", old + "\nk", none, false},
	} {
		if got := drastic(old, tc.new, func() []string { return removedTypes(tc.changes) }) != ""; got != tc.want {
			t.Errorf("%s: drastic = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestInterleaveHosts(t *testing.T) {
	docs := []model.Document{{URL: "http://a/1"}, {URL: "http://a/2"}, {URL: "http://a/3"}, {URL: "http://b/1"}, {URL: "http://c/1"}}
	got := fmt.Sprint(interleaveHosts(docs))
	if want := "[0 3 4 1 2]"; got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
}

// New selectors that do not fit the latest version's raw body: the
// re-extraction is given up, and said so in the log, not silently.
func TestFailedReextractionIsLogged(t *testing.T) {
	f := &pages{bodies: []string{page(40, nil)}}
	var logs bytes.Buffer
	tr := newTrackerWith(t, "", capture.Options{Fetch: f}, Options{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	ctx := context.Background()
	tr.Check(ctx, doc)
	moved := doc
	moved.Select = []string{".new-layout"}
	tr.Check(ctx, moved)
	if !strings.Contains(logs.String(), `msg="re-extraction with the new settings failed; the latest version stays the baseline" vendor=Acme document="Terms of Service" error="selector_missing`) {
		t.Errorf("log:\n%s", logs.String())
	}
}

func TestNewChecksItsInputs(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := capture.New(capture.Options{Fetch: &pages{}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		st   *store.Store
		c    *capture.Capturer
		opts Options
	}{
		{"no store", nil, c, Options{}},
		{"no capturer", st, nil, Options{}},
		{"negative confirm delay", st, c, Options{ConfirmDelay: -1}},
		{"negative failure threshold", st, c, Options{FailureThreshold: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.st, tt.c, tt.opts); err == nil {
				t.Error("no error")
			}
		})
	}
}

// analyses counts the analyser's calls, by kind.
type analyses struct {
	mu                      sync.Mutex
	compare, analyze, facts int
}

func (a *analyses) options() Options {
	return Options{
		Compare: func(o, n string) ([]model.ClauseChange, model.DocFacts) {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.compare++
			return nil, comparedFacts
		},
		Analyze: func(string) []model.Clause {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.analyze++
			return nil
		},
		Facts: func(string) model.DocFacts {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.facts++
			return model.DocFacts{}
		},
	}
}

// comparedFacts are the facts the fake comparison reads of a new text,
// unlike those its Facts reads.
var comparedFacts = model.DocFacts{Protects: model.PartyMutual}

// A check does only the analysis it needs: a first version and an unchanged
// text compare no clauses; a changed text compares them once; the facts are
// read of each new version, those of a changed one by the comparison.
func TestCheckAnalysesOnlyWhatItNeeds(t *testing.T) {
	edited := "Section 7. The customer shall comply with the acceptable use policy number 7 during the subscription term."
	f := &pages{bodies: []string{page(40, nil), page(40, nil), page(40, map[int]string{7: edited})}}
	var a analyses
	tr := newTrackerWith(t, "", capture.Options{Fetch: f}, a.options())
	ctx := context.Background()
	for _, tt := range []struct {
		want                    model.Outcome
		compare, analyze, facts int // calls so far
	}{
		{model.OutcomeNew, 0, 0, 1},
		{model.OutcomeUnchanged, 0, 0, 1},
		{model.OutcomeChanged, 1, 0, 1},
	} {
		if r := tr.Check(ctx, doc); r.Status != tt.want {
			t.Fatalf("check: %+v, want %s", r, tt.want)
		}
		if a.compare != tt.compare || a.analyze != tt.analyze || a.facts != tt.facts {
			t.Errorf("after a check %s: %d comparisons, %d analyses, %d facts read; want %d, %d, %d",
				tt.want, a.compare, a.analyze, a.facts, tt.compare, tt.analyze, tt.facts)
		}
	}
	id, err := tr.documentID(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tr.Store().DocumentFacts(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Party{"", model.PartyMutual} // the first read by Facts, the changed one by the comparison
	if len(rows) != len(want) {
		t.Fatalf("%d versions, want %d", len(rows), len(want))
	}
	for i, r := range rows {
		var f model.DocFacts
		if err := json.Unmarshal(r.Facts, &f); err != nil {
			t.Fatalf("version %d: facts %q: %v", i+1, r.Facts, err)
		}
		if f.Protects != want[i] {
			t.Errorf("version %d: facts %s, want protects %q", i+1, r.Facts, want[i])
		}
	}
}
