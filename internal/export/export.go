// Package export writes recorded changes in the formats other tools read:
// the JSON object of a change (`changes --json`, each line of `export
// --format json`, the body of a webhook) and the fixed-column CSV of
// `export --format csv`. Each format is defined here once.
package export

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
)

// Review is one review of a change, as JSON.
type Review struct {
	By       string `json:"by"`
	At       string `json:"at"`
	Decision string `json:"decision"`
	Note     string `json:"note"`
}

// Change is a recorded change as JSON. ReviewedBy, ReviewedAt and
// ReviewNote are those of the latest review (kept from before review
// histories); Reviews is the whole history, oldest first, and ReviewState
// the latest decision or "unreviewed".
type Change struct {
	ID            int64                `json:"id"`
	Vendor        string               `json:"vendor"`
	Document      string               `json:"document"`
	FromVersion   int64                `json:"from_version"`
	ToVersion     int64                `json:"to_version"`
	FromNumber    int                  `json:"from_number"` // the versions' numbers within the document (v1, v2, …)
	ToNumber      int                  `json:"to_number"`
	RecordedAt    string               `json:"recorded_at"`
	RevertsTo     *int64               `json:"reverts_to"`
	ClauseChanges []model.ClauseChange `json:"clause_changes"`
	// Severity is the change's own (model.Change.Severity): "low" for a
	// date-only change, whatever its clauses say.
	Severity string `json:"severity"`
	// Summary says what the change is as a whole when that says more than
	// its clause changes: "only the date changed", "alternates between v3
	// and v4 since …" (present.ChangeSummary).
	Summary  string `json:"summary,omitempty"`
	DateOnly bool   `json:"date_only"`
	// Alert is "change", "alternation" or "none" (a further flip of a
	// flip-flop, recorded without alerting): see model.Alert.
	Alert       string   `json:"alert"`
	ReviewedBy  string   `json:"reviewed_by,omitempty"`
	ReviewedAt  string   `json:"reviewed_at,omitempty"`
	ReviewNote  string   `json:"review_note,omitempty"`
	ReviewState string   `json:"review_state"`
	Reviews     []Review `json:"reviews"`
	// URL is the change's page in the web UI, where known (webhooks).
	URL string `json:"url,omitempty"`
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// FromChange converts a change to its JSON form.
func FromChange(c model.Change) Change {
	out := Change{ID: c.ID, Vendor: c.Vendor, Document: c.Document, FromVersion: c.FromVersion, ToVersion: c.ToVersion,
		FromNumber: c.FromNumber, ToNumber: c.ToNumber, RecordedAt: formatTime(c.RecordedAt), RevertsTo: c.RevertsTo, ClauseChanges: c.ClauseChanges,
		ReviewState: c.ReviewState(), Reviews: []Review{},
		Severity: c.Severity, Summary: present.ChangeSummary(c), DateOnly: c.DateOnly, Alert: string(c.Alert)}
	if out.ClauseChanges == nil {
		out.ClauseChanges = []model.ClauseChange{}
	}
	for _, r := range c.Reviews {
		out.Reviews = append(out.Reviews, Review{By: r.By, At: formatTime(r.At), Decision: r.Decision, Note: r.Note})
	}
	if r := c.LastReview(); r != nil {
		out.ReviewedBy, out.ReviewedAt, out.ReviewNote = r.By, formatTime(r.At), r.Note
	}
	return out
}

// JSONLines writes one JSON object per change and line.
func JSONLines(w io.Writer, changes []model.Change) error {
	enc := json.NewEncoder(w)
	for _, c := range changes {
		if err := enc.Encode(FromChange(c)); err != nil {
			return err
		}
	}
	return nil
}

// Columns are the CSV columns, in order.
var Columns = []string{
	"change_id", "vendor", "document", "recorded_at", "from", "to",
	"liability_kind", "liability_severity", "liability_summary", "liability_cap_before", "liability_cap_after",
	"liability_protects_before", "liability_protects_after",
	"indemnification_kind", "indemnification_severity", "indemnification_summary",
	"indemnification_direction_before", "indemnification_direction_after",
	"review_state", "reviewed_by", "reviewed_at", "review_history",
}

// bom is the UTF-8 byte order mark, by which spreadsheets tell UTF-8.
const bom = "\ufeff"

// CSV writes changes as RFC 4180 CSV (CRLF line ends, quoted fields where
// needed), a header row first, preceded by a UTF-8 BOM when withBOM is set.
// Cells are written as they are, also those that start with = + - or @,
// which a spreadsheet may read as formulas (the README warns about it).
func CSV(w io.Writer, changes []model.Change, withBOM bool) error {
	if withBOM {
		if _, err := io.WriteString(w, bom); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, c := range changes {
		if err := cw.Write(row(c)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func row(c model.Change) []string {
	var liab, indem model.ClauseChange
	for _, cc := range c.ClauseChanges {
		switch cc.Type {
		case model.Liability:
			liab = cc
		case model.Indemnification:
			indem = cc
		}
	}
	cap := func(cc model.ClauseChange, p *model.Cap) string {
		if cc.Type == "" {
			return ""
		}
		return present.Cap(p)
	}
	state, by, at := c.ReviewState(), "", ""
	if r := c.LastReview(); r != nil {
		by, at = r.By, formatTime(r.At)
	}
	return []string{
		strconv.FormatInt(c.ID, 10), c.Vendor, c.Document, formatTime(c.RecordedAt),
		strconv.FormatInt(c.FromVersion, 10), strconv.FormatInt(c.ToVersion, 10),
		liab.Kind, liab.Severity, liab.Summary, cap(liab, liab.CapBefore), cap(liab, liab.CapAfter),
		string(liab.ProtectsBefore), string(liab.ProtectsAfter),
		indem.Kind, indem.Severity, indem.Summary,
		string(indem.DirectionBefore), string(indem.DirectionAfter),
		state, by, at, History(c.Reviews),
	}
}

// History writes a review history as text, one line per review, oldest
// first: "2026-03-01T09:00:00Z Ana: needs-follow-up — ask counsel". Line
// breaks inside a note become spaces, so that each review stays one line.
func History(rs []model.Review) string {
	lines := make([]string, 0, len(rs))
	for _, r := range rs {
		l := formatTime(r.At) + " " + r.By + ": " + r.Decision
		if r.Note != "" {
			l += " — " + strings.Join(strings.Fields(r.Note), " ")
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}
