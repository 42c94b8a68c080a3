package digest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
)

// view is what the templates render.
type view struct {
	Subject string
	Date    string
	Window  string
	BaseURL string
	Changes int
	High    []item // changes with a high-severity clause change
	Other   []item
	Failing []failing
	Resumed []resumed
}

// item is one change as the digest shows it.
type item struct {
	ID       int64
	Vendor   string
	Document string
	At       string
	Link     string // "" without a base URL
	High     bool
	Reverts  bool
	Stats    string // what moved in the text, "" when unknown
	Note     string // what the change is as a whole (present.ChangeSummary), "" when its clauses say it
	Clauses  []clauseLine

	capsLowered, indemnitiesBroadened, highClauses int
}

// rank orders high-severity items: a lowered cap first, then a broadened
// indemnity, then the rest.
func (it item) rank() int {
	switch {
	case it.capsLowered > 0:
		return 2
	case it.indemnitiesBroadened > 0:
		return 1
	}
	return 0
}

// clauseLine is one clause change of a change.
type clauseLine struct {
	Label   string // "Limitation of liability" or "Indemnification"
	Kind    string
	High    bool
	Summary string
	Caps    string // "$1,000,000 → $100" when a cap moved
}

type failing struct {
	Vendor   string
	Document string
	URL      string
	Failures int
	Checks   string // "5 failed checks"
	// NeverRead: listed before FailureThreshold failures because no
	// check has read the document yet.
	NeverRead bool
	Since     string
	Error     string
}

type resumed struct {
	Vendor   string
	Document string
	Checks   string // "4 failed checks", "200+ failed checks" when the streak was longer than looked at
	At       string
}

const timeLayout = "2006-01-02 15:04 MST"

// maxErrorRunes keeps a page's worth of error text out of the mail.
const maxErrorRunes = 300

func newItem(ctx context.Context, st *store.Store, c model.Change, opts Options) (item, error) {
	it := item{
		ID:       c.ID,
		Vendor:   oneLine(c.Vendor),
		Document: oneLine(c.Document),
		At:       c.RecordedAt.In(opts.Location).Format(timeLayout),
		Reverts:  c.RevertsTo != nil,
	}
	if opts.BaseURL != "" {
		it.Link = present.ChangeURL(opts.BaseURL, c.ID)
	}
	it.Note = present.ChangeSummary(c)
	for _, cc := range c.ClauseChanges {
		if c.DateOnly {
			break // only a date moved: no clause line, and not in the headline
		}
		l := clauseLine{Label: present.ClauseTitle(cc.Type), Kind: cc.Kind, High: cc.Severity == model.SeverityHigh,
			Summary: oneLine(cc.Summary), Caps: oneLine(present.CapMove(cc))}
		if l.Summary == "" {
			l.Summary = "clause " + cc.Kind
		}
		if l.High {
			it.High = true
			it.highClauses++
		}
		if isCapLowered(cc) {
			it.capsLowered++
		}
		if isIndemnityBroadened(cc) {
			it.indemnitiesBroadened++
		}
		it.Clauses = append(it.Clauses, l)
	}
	// High-severity lines first, so that the reason an item is highlighted
	// is the first thing read.
	sort.SliceStable(it.Clauses, func(i, j int) bool { return it.Clauses[i].High && !it.Clauses[j].High })
	stats, err := textStats(ctx, st, c)
	if err != nil {
		return it, err
	}
	it.Stats = stats
	return it, nil
}

// textStats says how many paragraphs moved between the two versions of a
// change.
func textStats(ctx context.Context, st *store.Store, c model.Change) (string, error) {
	// Page -1: the counts, without any page of the recorded diff.
	res, err := diff.PageOf(c, -1, nil, func() (string, string, error) {
		from, err := st.Version(ctx, c.FromVersion)
		if err != nil {
			return "", "", err
		}
		to, err := st.Version(ctx, c.ToVersion)
		return from.Text, to.Text, err
	}, nil)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("digest: change %d: %w", c.ID, err)
	}
	s := res.Stats
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, plural(n, "paragraph", "paragraphs")+" "+what)
		}
	}
	add(s.Changed, "changed")
	add(s.Inserted, "added")
	add(s.Deleted, "removed")
	add(s.Moved, "moved")
	return strings.Join(parts, ", "), nil
}

func newFailing(d store.DocInfo, opts Options) failing {
	f := failing{Vendor: oneLine(d.Vendor), Document: oneLine(d.Type), URL: oneLine(d.URL), Failures: d.Failures,
		Checks: plural(d.Failures, "failed check", "failed checks"), NeverRead: d.Failures < opts.FailureThreshold}
	if d.FailingSince != nil {
		f.Since = d.FailingSince.In(opts.Location).Format(timeLayout)
	}
	if d.LastCheck != nil {
		f.Error = truncate(oneLine(d.LastCheck.Error), maxErrorRunes)
	}
	if f.Error == "" {
		f.Error = "no error recorded"
	}
	return f
}

// A failure streak is looked for in the latest firstPage checks, and
// counted up to maxStreak.
const (
	firstPage = 16
	maxStreak = 200
)

// resumedSince reports a document that works again after failing at least
// FailureThreshold times in a row, when the success that ended the streak
// falls in the window.
func resumedSince(ctx context.Context, st *store.Store, d store.DocInfo, from time.Time, opts Options) (resumed, bool, error) {
	if d.Failures > 0 || d.LastCheck == nil || d.LastCheck.StartedAt.Before(from) {
		return resumed{}, false, nil
	}
	// Most documents never failed: a short page of checks settles them, and
	// only a streak reaching the end of it needs the long one.
	var checks []store.CheckInfo
	var k, n int
	for _, limit := range []int{firstPage, maxStreak} {
		var err error
		checks, err = st.Checks(ctx, d.ID, limit)
		if err != nil {
			return resumed{}, false, fmt.Errorf("digest: checks of %s/%s: %w", d.Vendor, d.Type, err)
		}
		k = 0
		for k < len(checks) && !failed(checks[k]) && !checks[k].StartedAt.Before(from) {
			k++
		}
		if k == 0 || k == len(checks) && len(checks) < limit {
			return resumed{}, false, nil
		}
		if k < len(checks) && !failed(checks[k]) {
			return resumed{}, false, nil // a success before the window, no failure after it
		}
		n = 0
		for k+n < len(checks) && failed(checks[k+n]) {
			n++
		}
		if k+n < len(checks) || len(checks) < limit {
			break
		}
	}
	if n < opts.FailureThreshold {
		return resumed{}, false, nil
	}
	r := resumed{Vendor: oneLine(d.Vendor), Document: oneLine(d.Type), Checks: plural(n, "failed check", "failed checks"),
		At: checks[k-1].StartedAt.In(opts.Location).Format(timeLayout)}
	if k+n == len(checks) && len(checks) == maxStreak {
		r.Checks = strconv.Itoa(n) + "+ failed checks"
	}
	return r, true, nil
}

func failed(c store.CheckInfo) bool {
	return c.Outcome.Failed()
}

// oneLine makes untrusted text safe for one line of a mail: control
// characters (newlines included, which would split a header) become
// spaces, bidirectional overrides that could disguise text are dropped,
// and runs of spaces collapse.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			return -1
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == unicode.ReplacementChar:
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
