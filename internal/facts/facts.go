// Package facts reads the clause facts stored with every version of every
// document (read by internal/clause when the version was recorded) for the
// facts pages and `toswatch facts`: each document's facts today, when each
// of them last changed, the timeline of its cap and indemnity changes, and
// the filters of the cross-vendor table. Nothing here analyses a text.
package facts

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
)

// Sheet is one document's facts.
type Sheet struct {
	Vendor, Document string
	Version          int64     // the latest version's id; 0: none recorded yet
	Number           int       // its number within the document
	RecordedAt       time.Time // when it was recorded
	// Facts are the latest version's; nil when they were not read yet
	// (`toswatch reanalyze` reads them).
	Facts *model.DocFacts
	// ChangedAt is, by fact name (model.Fact*), when the fact took the
	// value it has today: the version that first said it, within the
	// run of versions that still say it.
	ChangedAt map[string]time.Time
	Timeline  []Event // oldest first
}

// Timeline facts: the moves a reviewer follows over time.
var timelineFacts = []string{model.FactCap, model.FactScopedCaps, model.FactIndemnities}

// Event is a move of a cap or an indemnity: the version that made it.
type Event struct {
	At            time.Time
	Number        int   // the version's number within the document
	VersionID     int64 // the version
	ChangeID      int64 // the change that recorded it; 0: a technical version
	Fact          string
	Before, After string // in words
}

// Load returns the sheets of every document (of vendor only, when not
// ""), by vendor and document.
func Load(ctx context.Context, st *store.Store, vendor string) ([]Sheet, error) {
	docs, err := st.ListDocuments(ctx, vendor)
	if err != nil {
		return nil, err
	}
	out := make([]Sheet, 0, len(docs))
	for _, d := range docs {
		rows, err := st.DocumentFacts(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		sh, err := sheet(d.Vendor, d.Type, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, nil
}

// sheet builds a document's sheet from its versions' facts, oldest first.
// A version whose facts were not read yet is passed over: what changed
// is told between the versions that were read.
func sheet(vendor, document string, rows []store.FactsRow) (Sheet, error) {
	sh := Sheet{Vendor: vendor, Document: document, ChangedAt: map[string]time.Time{}}
	if len(rows) == 0 {
		return sh, nil
	}
	last := rows[len(rows)-1]
	sh.Version, sh.Number, sh.RecordedAt = last.VersionID, last.Number, last.RecordedAt
	var prev *model.DocFacts
	prevFields := map[string]string{}
	for _, r := range rows {
		if r.Facts == nil {
			continue
		}
		var f model.DocFacts
		if err := json.Unmarshal(r.Facts, &f); err != nil {
			return sh, fmt.Errorf("facts of version %d: %w", r.VersionID, err)
		}
		for _, name := range model.FactNames() {
			v := string(field(name, f))
			if prev != nil && v == prevFields[name] {
				continue
			}
			prevFields[name] = v
			sh.ChangedAt[name] = r.RecordedAt
			if prev != nil && isTimeline(name) {
				sh.Timeline = append(sh.Timeline, Event{At: r.RecordedAt, Number: r.Number, VersionID: r.VersionID,
					ChangeID: r.ChangeID, Fact: name, Before: present.Fact(name, *prev), After: present.Fact(name, f)})
			}
		}
		prev = &f
	}
	if last.Facts != nil {
		sh.Facts = prev
	}
	return sh, nil
}

func isTimeline(name string) bool {
	for _, t := range timelineFacts {
		if t == name {
			return true
		}
	}
	return false
}

// field is one fact of a version as JSON: two versions state the fact
// alike when theirs are equal.
func field(name string, f model.DocFacts) []byte {
	var v any
	switch name {
	case model.FactCap:
		v = f.Cap
	case model.FactProtects:
		v = f.Protects
	case model.FactScopedCaps:
		v = f.ScopedCaps
	case model.FactCarveOuts:
		v = f.CarveOuts
	case model.FactExclusions:
		v = f.Exclusions
	case model.FactIndemnities:
		v = f.Indemnities
	}
	b, _ := json.Marshal(v)
	return b
}

// LastChanged is when any of the sheet's facts last changed; zero when
// none was read.
func (s Sheet) LastChanged() time.Time {
	var t time.Time
	for _, at := range s.ChangedAt {
		if at.After(t) {
			t = at
		}
	}
	return t
}

// Filters of the cross-vendor table.
const (
	FilterAll           = ""
	FilterCapTwelve     = "cap-12-months" // caps at or below 12 months of fees
	FilterYouIndemnify  = "you-indemnify" // you indemnify the vendor
	FilterNoCap         = "no-cap"        // no cap found
	SortVendor          = "vendor"
	SortRecentlyChanged = "changed"
)

// Filters lists the filters with what they mean, in the order offered.
func Filters() [][2]string {
	return [][2]string{
		{FilterAll, "every document"},
		{FilterCapTwelve, "caps at or below 12 months of fees"},
		{FilterYouIndemnify, "you indemnify the vendor"},
		{FilterNoCap, "no cap found"},
	}
}

// ValidFilter and ValidSort report whether a filter or sort name is known.
func ValidFilter(f string) bool {
	for _, x := range Filters() {
		if x[0] == f {
			return true
		}
	}
	return false
}

func ValidSort(s string) bool { return s == "" || s == SortVendor || s == SortRecentlyChanged }

// Select returns the sheets a filter keeps, sorted, and, for the
// 12-months filter, apart, the caps that cannot be compared with 12
// months of fees (the fees paid without a period, an unstated amount).
// Documents whose facts were not read yet are kept only by FilterAll.
func Select(sheets []Sheet, filter, sortBy string) (kept, apart []Sheet) {
	for _, s := range sheets {
		switch {
		case filter == FilterAll:
			kept = append(kept, s)
		case s.Facts == nil:
		case filter == FilterCapTwelve:
			switch twelveMonths(s.Facts.Cap) {
			case atOrBelow:
				kept = append(kept, s)
			case incomparable:
				apart = append(apart, s)
			}
		case filter == FilterYouIndemnify:
			if youIndemnify(*s.Facts) {
				kept = append(kept, s)
			}
		case filter == FilterNoCap:
			if s.Facts.Cap == nil {
				kept = append(kept, s)
			}
		}
	}
	if sortBy == SortRecentlyChanged {
		for _, l := range [][]Sheet{kept, apart} {
			sort.SliceStable(l, func(i, j int) bool { return l[i].LastChanged().After(l[j].LastChanged()) })
		}
	}
	return kept, apart
}

type comparison int

const (
	above comparison = iota
	atOrBelow
	incomparable
)

// twelveMonths compares a cap with 12 months of fees: fees over at most
// 12 months, the lesser of an amount and fees, a fixed amount and no
// liability at all are at or below; the greater of an amount and fees is
// not; the fees paid without a period and a cap of no stated basis cannot
// be compared. No cap at all is none of these (FilterNoCap).
func twelveMonths(c *model.Cap) comparison {
	if c == nil {
		return above
	}
	switch c.Basis {
	case model.BasisFees:
		if c.FeePeriodMonths == 0 {
			return incomparable
		}
		if c.FeePeriodMonths <= 12 {
			return atOrBelow
		}
		return above
	case model.BasisLesser, model.BasisFixed, model.BasisExcluded:
		return atOrBelow
	case model.BasisGreater:
		return above
	}
	return incomparable
}

// youIndemnify reports whether you give an indemnity (alone or mutual).
func youIndemnify(f model.DocFacts) bool {
	for _, i := range f.Indemnities {
		if i.Direction.Gives(model.PartyYou) {
			return true
		}
	}
	return false
}
