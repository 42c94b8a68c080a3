package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "toswatch.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func syncDoc(t *testing.T, s *Store) int64 {
	t.Helper()
	id, err := s.SyncDocument(context.Background(), model.Document{Vendor: "Acme", Type: "Terms of Service", URL: "http://127.0.0.1/terms"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func record(t *testing.T, s *Store, docID, expect int64, kind, text string) Recorded {
	t.Helper()
	c := Check{DocumentID: docID, StartedAt: s.Now(), Outcome: model.OutcomeChanged, ExpectLatest: expect}
	if kind != "" {
		c.New = []NewVersion{{Kind: kind, Text: text, Raw: []model.RawPage{{MediaType: "text/html", URL: "https://acme.example/terms", Body: []byte("<p>" + text + "</p>")}}, ExtractKey: "k1"}}
	}
	rec, err := s.RecordCheck(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestRecordVersionsAndReverts(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	doc := syncDoc(t, s)
	v1 := record(t, s, doc, 0, model.KindFirst, "text one")
	v2 := record(t, s, doc, v1.VersionID, model.KindChange, "text two")
	v3 := record(t, s, doc, v2.VersionID, model.KindChange, "text one")
	if v2.RevertsTo != nil {
		t.Errorf("v2 reverts to %v, want nil", *v2.RevertsTo)
	}
	if v3.RevertsTo == nil || *v3.RevertsTo != v1.VersionID {
		t.Errorf("v3 reverts to %v, want %d", v3.RevertsTo, v1.VersionID)
	}
	vs, err := s.Versions(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, v := range vs {
		kinds = append(kinds, v.Kind)
	}
	if got, want := len(vs), 3; got != want {
		t.Fatalf("got %d versions, want %d", got, want)
	}
	if kinds[0] != model.KindFirst || kinds[1] != model.KindChange {
		t.Errorf("kinds = %v", kinds)
	}
	head, err := s.Latest(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if text, err := s.Text(ctx, head.Version.SHA256); err != nil || text != "text one" || head.Version.ID != v3.VersionID {
		t.Errorf("latest = %d %q (%v), want %d %q", head.Version.ID, text, err, v3.VersionID, "text one")
	}
	raw, err := s.RawPages(ctx, head.Version.ID)
	if err != nil || len(raw) != 1 || string(raw[0].Body) != "<p>text one</p>" || raw[0].MediaType != "text/html" {
		t.Errorf("raw = %+v, %v", raw, err)
	}
	changes, err := s.Changes(ctx, ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(changes), 2; got != want {
		t.Fatalf("got %d changes, want %d", got, want)
	}
	if changes[0].ToVersion != v3.VersionID || changes[0].RevertsTo == nil {
		t.Errorf("newest change = %+v", changes[0])
	}
}

func TestRecordConflict(t *testing.T) {
	s, _ := open(t)
	doc := syncDoc(t, s)
	record(t, s, doc, 0, model.KindFirst, "text one")
	_, err := s.RecordCheck(context.Background(), Check{DocumentID: doc, Outcome: model.OutcomeNew,
		New: []NewVersion{{Kind: model.KindFirst, Text: "again", ExtractKey: "k"}}})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("got %v, want ErrConflict", err)
	}
	vs, _ := s.Versions(context.Background(), doc)
	if len(vs) != 1 {
		t.Errorf("got %d versions after a conflict, want 1", len(vs))
	}
}

func TestFailuresCounted(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	doc := syncDoc(t, s)
	for i := 0; i < 3; i++ {
		if _, err := s.RecordCheck(ctx, Check{DocumentID: doc, StartedAt: s.Now(), Outcome: model.OutcomeFailed, Error: "timeout: x"}); err != nil {
			t.Fatal(err)
		}
	}
	d, err := s.FindDocument(ctx, "ACME", "terms of service")
	if err != nil {
		t.Fatal(err)
	}
	if d.Failures != 3 || d.FailingSince == nil {
		t.Errorf("failures = %d since %v, want 3 and a time", d.Failures, d.FailingSince)
	}
	rec, err := s.RecordCheck(ctx, Check{DocumentID: doc, StartedAt: s.Now(), Outcome: model.OutcomeNew, ETag: `"e1"`,
		New: []NewVersion{{Kind: model.KindFirst, Text: "t", ExtractKey: "k"}}})
	if err != nil {
		t.Fatal(err)
	}
	if rec.PriorFailures != 3 {
		t.Errorf("prior failures = %d, want 3", rec.PriorFailures)
	}
	docs, err := s.ListDocuments(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Failures != 0 || docs[0].ETag != `"e1"` || docs[0].LastCheck == nil || docs[0].LastCheck.Outcome != model.OutcomeNew {
		t.Errorf("after recovery: %+v", docs[0])
	}
}

func TestClauseFilterAndReview(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	doc := syncDoc(t, s)
	v1 := record(t, s, doc, 0, model.KindFirst, "a")
	_, err := s.RecordCheck(ctx, Check{DocumentID: doc, Outcome: model.OutcomeChanged, ExpectLatest: v1.VersionID,
		New: []NewVersion{{Kind: model.KindChange, Text: "b", ExtractKey: "k",
			ClauseChanges: []model.ClauseChange{{Type: model.Liability, Kind: model.ChangeModified, Severity: model.SeverityHigh}}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		clause string
		want   int
	}{{"", 1}, {model.Liability, 1}, {model.Indemnification, 0}} {
		got, err := s.Changes(ctx, ChangeFilter{Clause: tc.clause})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.want {
			t.Errorf("clause %q: got %d changes, want %d", tc.clause, len(got), tc.want)
		}
	}
	if _, err := s.Changes(ctx, ChangeFilter{Clause: "privacy"}); err == nil {
		t.Error("unknown clause type: got no error")
	}
	chs, _ := s.Changes(ctx, ChangeFilter{})
	if _, err := s.AddReview(ctx, chs[0].ID, model.Review{By: "ana", Note: "fine"}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Change(ctx, chs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.LastReview(); r == nil || r.By != "ana" || r.At.IsZero() || r.Note != "fine" || r.Decision != model.DecisionAcknowledged {
		t.Errorf("reviewed change = %+v", c)
	}
	if _, err := s.AddReview(ctx, 999, model.Review{By: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("review of a missing change: got %v, want ErrNotFound", err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	s, path := open(t)
	if _, err := s.db.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path); err == nil {
		t.Fatal("opened a database newer than the binary")
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	doc := syncDoc(t, s)
	record(t, s, doc, 0, model.KindFirst, "backed up text")
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	c, err := Open(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	head, err := c.Latest(ctx, doc)
	if err != nil || head == nil {
		t.Fatalf("backup latest = %+v, %v", head, err)
	}
	if text, _ := c.Text(ctx, head.Version.SHA256); text != "backed up text" {
		t.Errorf("backup text = %q", text)
	}
}

// TestBackupErrorsSayWhatHappened: a backup that cannot be written says
// why in words (the file exists, no such directory, not a directory), never
// with SQLite's result code ("SQL logic error: output file already exists (1)").
func TestBackupErrorsSayWhatHappened(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	record(t, s, syncDoc(t, s), 0, model.KindFirst, "backed up text")
	dir := t.TempDir()
	exists := filepath.Join(dir, "exists.db")
	if err := os.WriteFile(exists, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	regular := filepath.Join(dir, "regular")
	if err := os.WriteFile(regular, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ dest, want string }{
		{exists, "backup to " + exists + ": the file exists already"},
		{filepath.Join(dir, "missing", "copy.db"), "backup to " + filepath.Join(dir, "missing", "copy.db") + ": no such file or directory"},
		{filepath.Join(regular, "copy.db"), "backup to " + filepath.Join(regular, "copy.db") + ": not a directory"},
	} {
		err := s.Backup(ctx, tc.dest)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "(1") {
			t.Errorf("Backup(%s) = %v, want %q", tc.dest, err, tc.want)
		}
	}
	if b, _ := os.ReadFile(exists); string(b) != "keep me" {
		t.Errorf("the existing file was overwritten: %q", b)
	}
}

func TestTimesAreUTC(t *testing.T) {
	s, _ := open(t)
	s.Now = func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.FixedZone("CET", 3600)) }
	doc := syncDoc(t, s)
	record(t, s, doc, 0, model.KindFirst, "t")
	vs, _ := s.Versions(context.Background(), doc)
	if got, want := vs[0].RecordedAt.Format(time.RFC3339), "2026-11-30T08:00:00Z"; got != want {
		t.Errorf("recorded_at = %s, want %s", got, want)
	}
}

func TestChangeFilterPagingAndReviewState(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	doc := syncDoc(t, s)
	prev := record(t, s, doc, 0, model.KindFirst, "v0").VersionID
	for i := 1; i <= 5; i++ {
		sev := model.SeverityMedium
		if i%2 == 1 {
			sev = model.SeverityHigh
		}
		rec, err := s.RecordCheck(ctx, Check{DocumentID: doc, Outcome: model.OutcomeChanged, ExpectLatest: prev,
			New: []NewVersion{{Kind: model.KindChange, Text: fmt.Sprintf("v%d", i), ExtractKey: "k",
				ClauseChanges: []model.ClauseChange{{Type: model.Liability, Severity: sev}}}}})
		if err != nil {
			t.Fatal(err)
		}
		prev = rec.VersionID
	}
	all, _ := s.Changes(ctx, ChangeFilter{})
	page2, _ := s.Changes(ctx, ChangeFilter{Limit: 2, Offset: 2})
	if len(page2) != 2 || page2[0].ID != all[2].ID || page2[1].ID != all[3].ID {
		t.Errorf("page 2 = %v, want changes %d and %d", page2, all[2].ID, all[3].ID)
	}
	rest, _ := s.Changes(ctx, ChangeFilter{Offset: 4})
	if len(rest) != 1 {
		t.Errorf("offset without limit: got %d changes, want 1", len(rest))
	}
	high, _ := s.Changes(ctx, ChangeFilter{Severity: model.SeverityHigh, Unreviewed: true})
	if len(high) != 3 {
		t.Fatalf("unreviewed high: got %d, want 3", len(high))
	}
	if _, err := s.AddReview(ctx, high[0].ID, model.Review{By: "ana"}); err != nil {
		t.Fatal(err)
	}
	high, _ = s.Changes(ctx, ChangeFilter{Severity: model.SeverityHigh, Unreviewed: true})
	if len(high) != 2 {
		t.Errorf("after a review: got %d unreviewed high changes, want 2", len(high))
	}
}

func TestFailingDocuments(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	ok := syncDoc(t, s)
	bad, err := s.SyncDocument(ctx, model.Document{Vendor: "Beta", Type: "DPA", URL: "http://127.0.0.1/dpa"})
	if err != nil {
		t.Fatal(err)
	}
	record(t, s, ok, 0, model.KindFirst, "fine")
	for i := 0; i < 2; i++ {
		if _, err := s.RecordCheck(ctx, Check{DocumentID: bad, StartedAt: s.Now(), Outcome: model.OutcomeFailed, Error: "timeout: x"}); err != nil {
			t.Fatal(err)
		}
	}
	// Beta has failed twice and was never read: it is failing whatever
	// the threshold. Acme, read once, fails twice now: listed from 2 up.
	for _, tc := range []struct{ min, want int }{{1, 1}, {2, 1}, {3, 1}, {0, 1}} {
		docs, err := s.FailingDocuments(ctx, tc.min)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != tc.want || (tc.want == 1 && (docs[0].Vendor != "Beta" || docs[0].LastCheck == nil || docs[0].LastCheck.Error != "timeout: x")) {
			t.Errorf("FailingDocuments(%d) = %+v, want %d", tc.min, docs, tc.want)
		}
	}
	for i := 0; i < 2; i++ {
		if _, err := s.RecordCheck(ctx, Check{DocumentID: ok, StartedAt: s.Now(), Outcome: model.OutcomeFailed, Error: "timeout: y",
			ExpectLatest: 1}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ min, want int }{{2, 2}, {3, 1}} {
		docs, err := s.FailingDocuments(ctx, tc.min)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != tc.want || docs[len(docs)-1].Vendor != "Beta" {
			t.Errorf("after Acme failed twice: FailingDocuments(%d) = %+v, want %d", tc.min, docs, tc.want)
		}
	}
}
