package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

func money(v float64) *float64 { return &v }

var (
	t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	// Cells a spreadsheet or a naive parser gets wrong: separators, quotes,
	// line breaks, formula prefixes, non-ASCII.
	tricky = []model.Change{
		{
			ID: 7, Vendor: "Acme, Inc.", Document: `Terms "Main"`, FromVersion: 3, ToVersion: 9, RecordedAt: t0,
			ClauseChanges: []model.ClauseChange{{
				Type: model.Liability, Kind: model.ChangeModified, Material: true, Severity: model.SeverityHigh,
				Summary:        "liability cap lowered from the greater of $1,000 or 12 months of fees to $100",
				CapBefore:      &model.Cap{Amount: money(1000), Currency: "USD", FeePeriodMonths: 12, Basis: model.BasisGreater},
				CapAfter:       &model.Cap{Amount: money(100), Currency: "USD", Basis: model.BasisFixed},
				ProtectsBefore: model.PartyMutual, ProtectsAfter: model.PartyProvider,
			}, {
				Type: model.Indemnification, Kind: model.ChangeAdded, Material: true, Severity: model.SeverityMedium,
				Summary:        "=HYPERLINK(\"http://evil.example\")\nsecond line",
				DirectionAfter: model.PartyYou,
			}},
			Reviews: []model.Review{
				{By: "Ana Müller", At: t0.Add(time.Hour), Decision: model.DecisionNeedsFollowUp, Note: "ask counsel,\nthen \"decide\""},
				{By: "+Bob", At: t0.Add(2 * time.Hour), Decision: model.DecisionAccepted, Note: "@fine"},
			},
		},
		{ID: 8, Vendor: "-Globex", Document: "DPA", FromVersion: 4, ToVersion: 5, RecordedAt: t0.Add(time.Minute)},
	}
)

// TestCSVRoundTrip: what encoding/csv reads back is exactly what was
// meant, cell by cell, with and without the BOM.
func TestCSVRoundTrip(t *testing.T) {
	for _, withBOM := range []bool{false, true} {
		t.Run("bom="+strconv.FormatBool(withBOM), func(t *testing.T) {
			var b bytes.Buffer
			if err := CSV(&b, tricky, withBOM); err != nil {
				t.Fatal(err)
			}
			data := b.Bytes()
			if got := bytes.HasPrefix(data, []byte("\xef\xbb\xbf")); got != withBOM {
				t.Fatalf("BOM present: %v, want %v", got, withBOM)
			}
			data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
			if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\r")) {
				t.Errorf("lines do not all end in CRLF (RFC 4180)")
			}
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 3 {
				t.Fatalf("got %d rows, want a header and 2", len(rows))
			}
			if strings.Join(rows[0], ",") != strings.Join(Columns, ",") {
				t.Errorf("header: got %q", rows[0])
			}
			want := map[string]string{
				"change_id": "7", "vendor": "Acme, Inc.", "document": `Terms "Main"`, "recorded_at": "2026-03-01T09:00:00Z",
				"from": "3", "to": "9",
				"liability_kind": "modified", "liability_severity": "high",
				"liability_summary":    "liability cap lowered from the greater of $1,000 or 12 months of fees to $100",
				"liability_cap_before": "the greater of $1,000 or 12 months of fees", "liability_cap_after": "$100",
				"liability_protects_before": "mutual", "liability_protects_after": "provider",
				"indemnification_direction_before": "", "indemnification_direction_after": "you",
				"indemnification_kind": "added", "indemnification_severity": "medium",
				"indemnification_summary": "=HYPERLINK(\"http://evil.example\")\nsecond line",
				"review_state":            "accepted", "reviewed_by": "+Bob", "reviewed_at": "2026-03-01T11:00:00Z",
				"review_history": "2026-03-01T10:00:00Z Ana Müller: needs-follow-up — ask counsel, then \"decide\"\n" +
					"2026-03-01T11:00:00Z +Bob: accepted — @fine",
			}
			checkRow(t, rows[1], want)
			checkRow(t, rows[2], map[string]string{"change_id": "8", "vendor": "-Globex", "liability_kind": "",
				"liability_cap_before": "", "review_state": "unreviewed", "reviewed_by": "", "review_history": ""})
		})
	}
}

func checkRow(t *testing.T, row []string, want map[string]string) {
	t.Helper()
	if len(row) != len(Columns) {
		t.Fatalf("row has %d cells, want %d", len(row), len(Columns))
	}
	for i, col := range Columns {
		if w, ok := want[col]; ok && row[i] != w {
			t.Errorf("%s: got %q, want %q", col, row[i], w)
		}
	}
}

// TestJSONLinesRoundTrip: each line decodes, alone, to the change it was.
func TestJSONLinesRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := JSONLines(&b, tricky); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != len(tricky) {
		t.Fatalf("got %d lines, want %d", n, len(tricky))
	}
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	var got []Change
	for {
		var c Change
		err := dec.Decode(&c)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c)
	}
	if len(got) != 2 {
		t.Fatalf("decoded %d changes, want 2", len(got))
	}
	c := got[0]
	if c.ID != 7 || c.Vendor != "Acme, Inc." || c.FromVersion != 3 || c.ToVersion != 9 || c.RecordedAt != "2026-03-01T09:00:00Z" {
		t.Errorf("change: %+v", c)
	}
	if len(c.ClauseChanges) != 2 || c.ClauseChanges[1].Summary != tricky[0].ClauseChanges[1].Summary ||
		*c.ClauseChanges[0].CapAfter.Amount != 100 {
		t.Errorf("clause changes: %+v", c.ClauseChanges)
	}
	wantReviews := []Review{
		{By: "Ana Müller", At: "2026-03-01T10:00:00Z", Decision: "needs-follow-up", Note: "ask counsel,\nthen \"decide\""},
		{By: "+Bob", At: "2026-03-01T11:00:00Z", Decision: "accepted", Note: "@fine"},
	}
	if len(c.Reviews) != 2 || c.Reviews[0] != wantReviews[0] || c.Reviews[1] != wantReviews[1] {
		t.Errorf("reviews: got %+v, want %+v", c.Reviews, wantReviews)
	}
	if c.ReviewState != "accepted" || c.ReviewedBy != "+Bob" || c.ReviewNote != "@fine" || c.ReviewedAt != "2026-03-01T11:00:00Z" {
		t.Errorf("latest review fields: %+v", c)
	}
	if u := got[1]; u.ReviewState != "unreviewed" || u.Reviews == nil || len(u.Reviews) != 0 || u.ClauseChanges == nil {
		t.Errorf("unreviewed change: state %q, reviews %v, clause changes %v; want unreviewed, [], []", u.ReviewState, u.Reviews, u.ClauseChanges)
	}
}
