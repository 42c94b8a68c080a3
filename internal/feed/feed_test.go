package feed

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gorilla/feeds"
	"github.com/mmcdole/gofeed"

	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const base = "https://toswatch.example"

// history is a store with one document whose versions are: first; a
// change moving two clauses (medium indemnity, high liability); a
// technical version; a text-only change; a flip-flop back to the second
// text. It returns the store and the change ids, oldest first.
func history(t testing.TB) (*store.Store, []int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "toswatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	doc, err := st.SyncDocument(ctx, model.Document{Vendor: "Acme", Type: "Terms of Service", URL: "http://127.0.0.1/terms"})
	if err != nil {
		t.Fatal(err)
	}
	v1 := "# Terms\n\nLiability is capped at $1,000.\n\nYou indemnify us against third-party claims.\n\nThe law of Delaware governs.\n"
	v2 := "# Terms\n\nLiability is capped at $100.\n\nYou indemnify us against all claims.\n\nThe law of Delaware governs.\n"
	v3 := "# Terms\n\nLiability is capped at $100.\n\nYou indemnify us against all claims.\n\nThe law of New York governs.\n"
	steps := []store.NewVersion{
		{Kind: model.KindFirst, Text: v1},
		{Kind: model.KindChange, Text: v2, ClauseChanges: []model.ClauseChange{
			{Type: model.Indemnification, Kind: model.ChangeModified, Material: true, Severity: model.SeverityMedium,
				Summary: "customer's indemnity broadened to all claims", Before: "You indemnify us against third-party claims.", After: "You indemnify us against all claims."},
			{Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
				Summary: "cap lowered from $1,000 to $100", Before: "Liability is capped at $1,000.", After: "Liability is capped at $100.",
				CapBefore: &model.Cap{Amount: ptr(1000.0), Currency: "USD", Basis: model.BasisFixed},
				CapAfter:  &model.Cap{Amount: ptr(100.0), Currency: "USD", Basis: model.BasisFixed}},
		}},
		{Kind: model.KindTechnical, Text: v2 + "\nFooter text picked up by a new selector.\n"},
		{Kind: model.KindChange, Text: v3},
		{Kind: model.KindChange, Text: v2},
	}
	var latest int64
	var changes []int64
	for _, nv := range steps {
		now = now.Add(24 * time.Hour)
		nv.ExtractKey = "k"
		rec, err := st.RecordCheck(ctx, store.Check{DocumentID: doc, StartedAt: now, Outcome: model.OutcomeChanged,
			ExpectLatest: latest, New: []store.NewVersion{nv}})
		if err != nil {
			t.Fatal(err)
		}
		latest = rec.VersionID
		if nv.Kind == model.KindChange {
			c, err := st.ChangeForVersion(ctx, latest)
			if err != nil {
				t.Fatal(err)
			}
			changes = append(changes, c.ID)
		}
	}
	return st, changes
}

func ptr[T any](v T) *T { return &v }

func TestBuild(t *testing.T) {
	st, ids := history(t)
	f, err := Build(context.Background(), st, Options{BaseURL: base + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Title, "toswatch: terms changes"; got != want {
		t.Errorf("feed title: got %q, want %q", got, want)
	}
	// The technical version is no change; newest first.
	want := []struct {
		id    int64
		title string
	}{
		{ids[2], "Acme — Terms of Service: reverted to the text of v2 — text changed (1 paragraph)"},
		{ids[1], "Acme — Terms of Service: text changed (2 paragraphs)"},
		{ids[0], "Acme — Terms of Service: cap lowered from $1,000 to $100"},
	}
	if len(f.Items) != len(want) {
		t.Fatalf("got %d items, want %d", len(f.Items), len(want))
	}
	for i, w := range want {
		it := f.Items[i]
		if it.Title != w.title {
			t.Errorf("item %d: got title %q, want %q", i, it.Title, w.title)
		}
		link := base + "/changes/" + itoa(w.id)
		if it.Link.Href != link || it.Id != link {
			t.Errorf("item %d: got link %q id %q, want %q", i, it.Link.Href, it.Id, link)
		}
	}
	if !f.Updated.Equal(f.Items[0].Created) {
		t.Errorf("feed updated %v, want the newest change's time %v", f.Updated, f.Items[0].Created)
	}
	desc := f.Items[2].Description
	for _, w := range []string{"<strong>high</strong> limitation of liability clause modified: cap lowered from $1,000 to $100 (cap: $1,000 → $100)",
		"<strong>medium</strong> indemnification clause modified: customer&#39;s indemnity broadened",
		"$<del>1,000</del><ins>100</ins>", `<a href="https://toswatch.example/changes/` + itoa(ids[0]) + `">`} {
		if !strings.Contains(desc, w) {
			t.Errorf("description lacks %q:\n%s", w, desc)
		}
	}
	if !strings.Contains(f.Items[0].Description, "<strong>Flip-flop:</strong> this change brings back the text of v2, recorded earlier.</p><p>Acme — Terms of Service: v4 → v5,") {
		t.Errorf("flip-flop description lacks the note:\n%s", f.Items[0].Description)
	}
}

func TestBuildOptions(t *testing.T) {
	st, ids := history(t)
	tests := []struct {
		name  string
		opts  Options
		ids   []int64
		title string
	}{
		{"limit", Options{Limit: 2}, []int64{ids[2], ids[1]}, "toswatch: terms changes"},
		{"liability", Options{Clause: model.Liability}, []int64{ids[0]}, "toswatch: terms changes (liability clauses)"},
		{"vendor", Options{Vendor: "acme"}, []int64{ids[2], ids[1], ids[0]}, "toswatch: terms changes of acme"},
		{"other vendor", Options{Vendor: "Globex", Title: "Globex <watch>"}, nil, "Globex ‹watch›"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Build(context.Background(), st, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, it := range f.Items {
				got = append(got, idOf(t, it.Id))
			}
			if !slices.Equal(got, tt.ids) {
				t.Errorf("got changes %v, want %v", got, tt.ids)
			}
			if f.Title != tt.title {
				t.Errorf("got title %q, want %q", f.Title, tt.title)
			}
		})
	}
	if _, err := Build(context.Background(), st, Options{Clause: "arbitration"}); !errors.Is(err, ErrInvalidClause) {
		t.Errorf("clause arbitration: got error %v, want ErrInvalidClause", err)
	}
}

// TestGolden renders the history as RSS and Atom and compares with
// testdata/history.rss and history.atom; -update rewrites them.
func TestGolden(t *testing.T) {
	st, _ := history(t)
	f, err := Build(context.Background(), st, Options{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		file     string
		render   func(f *feeds.Feed) (string, error)
		feedType string
	}{{"history.rss", RSS, "rss"}, {"history.atom", Atom, "atom"}} {
		t.Run(r.file, func(t *testing.T) {
			got, err := r.render(f)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", r.file)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the output; run with -update and review the diff", path)
			}
			parsed, err := gofeed.NewParser().ParseString(got)
			if err != nil {
				t.Fatal(err)
			}
			if parsed.FeedType != r.feedType || len(parsed.Items) != 3 {
				t.Errorf("parsed as %s with %d items, want %s with 3", parsed.FeedType, len(parsed.Items), r.feedType)
			}
			for _, it := range parsed.Items {
				if it.GUID != it.Link || !strings.HasPrefix(it.Link, base+"/changes/") {
					t.Errorf("item %q: guid %q, link %q", it.Title, it.GUID, it.Link)
				}
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("é", 200) // 400 bytes of two-byte runes
	tests := []struct {
		name string
		line diff.Line
		want string // the runs joined with [-…-] and {+…+}
	}{
		{"insert", diff.Line{Op: diff.Insert, NewLine: 3, New: "new text"}, "added at line 3: {+new text+}"},
		{"delete", diff.Line{Op: diff.Delete, OldLine: 4, Old: "old text"}, "removed from line 4: [-old text-]"},
		{"move", diff.Line{Op: diff.Move, OldLine: 2, NewLine: 9, Old: "same", New: "same"}, "moved from line 2 to line 9: same"},
		{"long context", diff.Line{Op: diff.Change, NewLine: 5, Words: []diff.Word{
			{Op: diff.Equal, Text: long}, {Op: diff.Delete, Text: "a"}, {Op: diff.Insert, Text: "b"},
			{Op: diff.Equal, Text: long}, {Op: diff.Insert, Text: "c"}, {Op: diff.Equal, Text: long}}},
			"changed at line 5: …" + strings.Repeat("é", 35) + "[-a-]{+b+}" + strings.Repeat("é", 35) + " … " + strings.Repeat("é", 35) +
				"{+c+}" + strings.Repeat("é", 35) + "…"},
		{"long insert", diff.Line{Op: diff.Insert, NewLine: 1, New: long + long}, "added at line 1: {+" + strings.Repeat("é", excerptChanged/2) + "…+}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := excerpt(tt.line)
			var b strings.Builder
			b.WriteString(p.Where + ": ")
			for _, w := range p.Runs {
				if !utf8.ValidString(w.Text) {
					t.Errorf("run %q is not valid UTF-8", w.Text)
				}
				switch w.Op {
				case diff.Insert:
					b.WriteString("{+" + w.Text + "+}")
				case diff.Delete:
					b.WriteString("[-" + w.Text + "-]")
				default:
					b.WriteString(w.Text)
				}
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDescriptionMore(t *testing.T) {
	var oldT, newT strings.Builder
	for i := range 6 {
		oldT.WriteString("paragraph " + itoa(int64(i)) + " old\n\n")
		newT.WriteString("paragraph " + itoa(int64(i)) + " new\n\n")
	}
	res := diff.Compute(oldT.String(), newT.String())
	d, err := describe(model.Change{ID: 1}, diff.Page{Summary: diff.Summary{Lines: len(res.Lines)}, Lines: res.Lines}, base+"/changes/1")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(d.html, "<em>changed at line"); got != excerptParas {
		t.Errorf("got %d paragraphs, want %d", got, excerptParas)
	}
	if !strings.Contains(d.html, "… and 3 more changed paragraphs.") || d.summary != "text changed (6 paragraphs)" {
		t.Errorf("got summary %q and\n%s", d.summary, d.html)
	}
}

func BenchmarkBuild(b *testing.B) {
	st, _ := history(b)
	ctx := context.Background()
	for b.Loop() {
		f, err := Build(ctx, st, Options{BaseURL: base})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := RSS(f); err != nil {
			b.Fatal(err)
		}
	}
}

func idOf(t *testing.T, link string) int64 {
	t.Helper()
	s := link[strings.LastIndex(link, "/")+1:]
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("link %q does not end in an id", link)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
