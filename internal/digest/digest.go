// Package digest builds toswatch's e-mail digest of recent changes and sends
// it over SMTP. Build reads the store and renders one message with a plain
// text part and an HTML part (inline CSS, so that mail clients render it);
// a Mailer delivers it with retries; Deliver ties the two together and
// skips empty days.
//
// Everything that comes from a vendor's page (names, clause summaries, fetch
// errors) is untrusted: the HTML part escapes it through html/template, and
// both parts drop control characters from it.
package digest

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

// DefaultSince is the window of a digest when Options.Since is zero.
const DefaultSince = 24 * time.Hour

// Options say what a digest covers and how it links and dates things.
type Options struct {
	Since            time.Duration  // changes recorded in the last Since; 0: DefaultSince
	BaseURL          string         // public URL of the web interface; empty: no links
	FailureThreshold int            // failed checks in a row from which a document is listed; 0: the config default
	Location         *time.Location // time zone of the dates shown; nil: UTC
	Now              func() time.Time
}

// Digest is one rendered digest.
type Digest struct {
	Subject string
	Text    string // the text/plain part
	HTML    string // the text/html part

	Changes              int // changes recorded in the window
	HighSeverity         int // changes with at least one high-severity clause change
	CapsLowered          int // clause changes that lowered a liability cap
	IndemnitiesBroadened int // clause changes that broadened an indemnity given by the customer
	Failing              int // documents failing at least FailureThreshold times in a row, or never read yet
	Resumed              int // documents whose failure streak ended in the window

	// Empty is true when there is nothing to report: no change and no
	// failing document. Such a digest is only sent when asked for.
	Empty bool

	From, Until time.Time // the window covered

	highClauses int // high-severity clause changes, for the subject
}

// ShouldSend reports whether the digest is worth sending: it has news, or
// the configuration asks for empty digests too.
func (d *Digest) ShouldSend(sendEmpty bool) bool { return !d.Empty || sendEmpty }

// Build reads the changes recorded in the window and the failing documents
// from st and renders the digest.
func Build(ctx context.Context, st *store.Store, opts Options) (*Digest, error) {
	opts = opts.withDefaults()
	now := opts.Now()
	d := &Digest{From: now.Add(-opts.Since), Until: now}

	// One line per alert: further flips of a flip-flop are left out.
	all, err := st.Changes(ctx, store.ChangeFilter{Since: d.From, Alerting: true})
	if err != nil {
		return nil, fmt.Errorf("digest: read changes: %w", err)
	}
	// A digest built for an earlier day (Now in the past) stops there.
	changes := all[:0]
	for _, c := range all {
		if !c.RecordedAt.After(now) {
			changes = append(changes, c)
		}
	}
	docs, err := st.ListDocuments(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("digest: read documents: %w", err)
	}
	v := view{Date: now.In(opts.Location).Format("2006-01-02"), Window: window(opts.Since)}
	for _, c := range changes {
		it, err := newItem(ctx, st, c, opts)
		if err != nil {
			return nil, err
		}
		d.CapsLowered += it.capsLowered
		d.IndemnitiesBroadened += it.indemnitiesBroadened
		d.highClauses += it.highClauses
		if it.High {
			v.High = append(v.High, it)
		} else {
			v.Other = append(v.Other, it)
		}
	}
	// Within the high-severity section the events the subject names come
	// first, in the subject's order; the store's newest-first order stays
	// among equals.
	sort.SliceStable(v.High, func(i, j int) bool { return v.High[i].rank() > v.High[j].rank() })
	// Failing as on the dashboard: FailureThreshold failures in a row, or
	// every check so far failed (a first run where fetches fail is no
	// quiet day).
	failingDocs, err := st.FailingDocuments(ctx, opts.FailureThreshold)
	if err != nil {
		return nil, fmt.Errorf("digest: read failing documents: %w", err)
	}
	isFailing := map[int64]bool{}
	for _, doc := range failingDocs {
		v.Failing = append(v.Failing, newFailing(doc, opts))
		isFailing[doc.ID] = true
	}
	for _, doc := range docs {
		if isFailing[doc.ID] {
			continue
		}
		r, ok, err := resumedSince(ctx, st, doc, d.From, opts)
		if err != nil {
			return nil, err
		}
		if ok {
			v.Resumed = append(v.Resumed, r)
		}
	}
	d.Changes = len(changes)
	d.HighSeverity = len(v.High)
	d.Failing = len(v.Failing)
	d.Resumed = len(v.Resumed)
	d.Empty = d.Changes == 0 && d.Failing == 0
	d.Subject = subject(d, v.Date)
	v.Subject = d.Subject
	v.Changes = d.Changes
	v.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	d.Text = renderText(v)
	if d.HTML, err = renderHTML(v); err != nil {
		return nil, err
	}
	return d, nil
}

func (o Options) withDefaults() Options {
	if o.Since <= 0 {
		o.Since = DefaultSince
	}
	if o.FailureThreshold <= 0 {
		o.FailureThreshold = config.DefaultFailureThreshold
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// subject counts the changes, then names the most notable clause events:
// "toswatch: 3 changes, 1 liability cap lowered (2026-11-30)".
func subject(d *Digest, date string) string {
	var parts []string
	if d.Changes == 0 {
		parts = append(parts, "no changes")
	} else {
		parts = append(parts, plural(d.Changes, "change", "changes"))
	}
	if d.CapsLowered > 0 {
		parts = append(parts, plural(d.CapsLowered, "liability cap", "liability caps")+" lowered")
	}
	if d.IndemnitiesBroadened > 0 {
		parts = append(parts, plural(d.IndemnitiesBroadened, "indemnity", "indemnities")+" broadened")
	}
	// High-severity changes already named above are not counted twice.
	if n := d.highClauses - d.CapsLowered - d.IndemnitiesBroadened; n > 0 {
		label := "high-severity clause change"
		if d.CapsLowered+d.IndemnitiesBroadened > 0 {
			label = "other " + label
		}
		parts = append(parts, plural(n, label, label+"s"))
	}
	if d.Failing > 0 {
		parts = append(parts, plural(d.Failing, "document", "documents")+" failing")
	}
	return oneLine("toswatch: " + strings.Join(parts, ", ") + " (" + date + ")")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// isCapLowered reports whether a clause change lowered a cap on the
// provider's liability: the analyser names the rule that says so.
func isCapLowered(cc model.ClauseChange) bool {
	return cc.Type == model.Liability && cc.Fired(model.CapLoweringRules...)
}

// isIndemnityBroadened reports whether a clause change added or widened
// an indemnity you give.
func isIndemnityBroadened(cc model.ClauseChange) bool {
	return cc.Type == model.Indemnification && cc.Fired(model.YourIndemnityRules...)
}
