package store

import (
	"context"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// TestFactsAreKeptPerVersion: facts written with a version come back with
// its history; versions without facts, or read by an older analyser, are
// listed for reanalysis.
func TestFactsAreKeptPerVersion(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	doc := syncDoc(t, s)
	v1, err := s.RecordCheck(ctx, Check{DocumentID: doc, StartedAt: s.Now(), Outcome: model.OutcomeNew,
		New: []NewVersion{{Kind: model.KindFirst, Text: "one", ExtractKey: "k", Facts: []byte(`{"cap":null}`), FactsAnalysis: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	v2 := record(t, s, doc, v1.VersionID, model.KindChange, "two") // no facts read
	if ids, err := s.VersionsWithoutFacts(ctx, 3); err != nil || len(ids) != 1 || ids[0] != v2.VersionID {
		t.Errorf("without facts at revision 3: %v, %v; want [%d]", ids, err, v2.VersionID)
	}
	if ids, _ := s.VersionsWithoutFacts(ctx, 4); len(ids) != 2 {
		t.Errorf("without facts at revision 4: %v, want both versions", ids)
	}
	if err := s.SetFacts(ctx, v2.VersionID, 4, []byte(`{"cap":{"amount":100}}`)); err != nil {
		t.Fatal(err)
	}
	rows, err := s.DocumentFacts(ctx, doc)
	if err != nil || len(rows) != 2 {
		t.Fatalf("DocumentFacts: %v, %v", rows, err)
	}
	if r := rows[0]; r.VersionID != v1.VersionID || r.Number != 1 || r.ChangeID != 0 || r.Analysis != 3 || string(r.Facts) != `{"cap":null}` {
		t.Errorf("v1: %+v", r)
	}
	if r := rows[1]; r.Number != 2 || r.ChangeID == 0 || r.Analysis != 4 || string(r.Facts) != `{"cap":{"amount":100}}` || r.RecordedAt.IsZero() {
		t.Errorf("v2: %+v", r)
	}
}
