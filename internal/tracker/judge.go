package tracker

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/capture"
	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

// judge compares a capture (or its failure, fetchErr) with the document's
// latest version, head, and records the outcome. It returns
// store.ErrConflict when head is no longer the latest version.
func (t *Tracker) judge(ctx, work context.Context, doc model.Document, start time.Time, docID int64, info store.DocInfo, head *store.Head, got capture.Page, fetchErr error) (Result, error) {
	res := Result{Vendor: doc.Vendor, Document: doc.Type}
	key := capture.ExtractKey(doc)
	rec := store.Check{DocumentID: docID, StartedAt: start, ValidatorsURL: doc.URL}
	// base is the text the new capture is compared with: the latest
	// version's, or its technical re-extraction. Its text is loaded only
	// when the hashes differ, which most checks never need.
	var base *baseline
	var reextractErr error
	if head != nil {
		rec.ExpectLatest = head.Version.ID
		base = &baseline{sha: head.Version.SHA256}
		var tech *store.NewVersion
		if tech, reextractErr = t.reextract(ctx, doc, head, key); tech != nil {
			rec.New = append(rec.New, *tech)
			base = &baseline{sha: store.Hash([]byte(tech.Text)), text: &tech.Text}
		}
	}
	rec.HTTPStatus = got.Status
	rec.Duration = t.now().Sub(start)
	switch {
	case fetchErr != nil:
		return t.fail(ctx, rec, res, fetchErr)
	case got.NotModified && reextractErr != nil:
		// The page is the stored one, and the settings do not fit it.
		return t.fail(ctx, rec, res, reextractErr)
	case got.NotModified:
		rec.ETag, rec.LastModified = info.ETag, info.LastModified
	default:
		rec.ETag, rec.LastModified = got.ETag, got.LastModified
	}
	if got.NotModified {
		return t.unchanged(ctx, rec, res)
	}
	var sum string // the new text's hash, taken once, when there is a baseline
	if base != nil {
		if sum = store.Hash([]byte(got.Text)); sum == base.sha {
			return t.unchanged(ctx, rec, res)
		}
	}
	nv := store.NewVersion{Kind: model.KindFirst, Text: got.Text, Raw: got.Raw, ExtractKey: key}
	rec.Outcome = model.OutcomeNew
	if base == nil {
		if cue := extract.UnavailableCue(got.Text); cue != "" && len(got.Text) < extract.FirstCaptureLimit {
			return t.fail(ctx, rec, res, model.FailureUnavailable.Wrap(fmt.Errorf("the page says %q and has %d characters: an error or maintenance page, not the document", cue, len(got.Text))))
		}
		rec.New = append(rec.New, nv)
		return t.record(ctx, rec, res)
	}
	old, err := base.load(ctx, t.store)
	if err != nil {
		return res, err
	}
	if extract.LinkQueriesOnly(old, got.Text) {
		// Per-visit values in link queries (see extract.LinkQueriesOnly).
		return t.unchanged(ctx, rec, res)
	}
	allGone := func() bool { return len(t.clauseTypes(old)) > 0 && len(t.clauseTypes(got.Text)) == 0 }
	if err := unavailable(old, got.Text, allGone); err != nil {
		return t.fail(ctx, rec, res, err)
	}
	if urlEdited(doc, info) && sharedParagraphs(old, got.Text) >= urlEditShared {
		// The document's url was edited in vendors.yaml and the new page
		// is mostly the same text: how it is read changed, not the terms.
		nv.Kind = model.KindTechnical
		rec.Outcome = model.OutcomeTechnical
		rec.New = append(rec.New, nv)
		return t.record(ctx, rec, res)
	}
	// The clauses are compared once, when first needed: by the drastic
	// check when nothing cheaper tells (is every clause of a type gone?),
	// and for the change recorded.
	var ccs []model.ClauseChange
	var facts model.DocFacts // of the new text, read by the comparison
	compared := false
	clauseChanges := func() []model.ClauseChange {
		if !compared && t.opts.Compare != nil {
			ccs, facts = t.opts.Compare(old, got.Text)
		}
		compared = true
		return ccs
	}
	if reason := drastic(old, got.Text, func() []string { return removedTypes(clauseChanges()) }); reason != "" {
		seen, err := t.sightings(work, doc, info, got.Text, sum)
		if err != nil {
			return t.fail(ctx, rec, res, capture.OverBudget(work, err))
		}
		if need := t.confirmChecks(doc) + 1; seen < need {
			rec.Outcome = model.OutcomeUnconfirmed
			rec.New = nil // a technical re-extraction waits for a trustworthy check too
			res.Failure = model.FailureUnconfirmed
			if seen == 0 {
				rec.Error = fmt.Sprintf("%s: the text changed drastically (%s) and a second fetch did not agree; nothing recorded", model.FailureUnconfirmed, reason)
			} else {
				rec.PendingSHA256, rec.PendingSeen = sum, seen
				rec.Error = fmt.Sprintf("%s: the text changed drastically (%s); seen by %d of the %d checks in a row that record it", model.FailureUnconfirmed, reason, seen, need)
			}
			return t.record(ctx, rec, res)
		}
	}
	nv.Kind = model.KindChange
	rec.Outcome = model.OutcomeChanged
	nv.ClauseChanges = clauseChanges()
	nv.Diff = pagedDiff(nv.ClauseChanges, old, got.Text)
	if t.opts.Compare != nil {
		nv.Analysis = t.opts.Analysis
		t.keepFacts(&nv, facts)
	}
	nv.DateOnly = extract.DateOnly(old, got.Text)
	if nv.Alert, err = t.alert(ctx, docID, base.sha, sum); err != nil {
		return res, err
	}
	if t.opts.Notify != nil && nv.Alert.Raised() {
		ccs := nv.ClauseChanges
		if nv.DateOnly {
			ccs = nil // a date-only change is low, whatever its clauses say (its stored severity too)
		}
		nv.Notify = t.opts.Notify(doc.Vendor, ccs)
	}
	rec.New = append(rec.New, nv)
	return t.record(ctx, rec, res)
}

// unchanged records a check that found the latest text again (after a
// technical re-extraction, if any).
func (t *Tracker) unchanged(ctx context.Context, rec store.Check, res Result) (Result, error) {
	rec.Outcome = model.OutcomeUnchanged
	if len(rec.New) > 0 {
		rec.Outcome = model.OutcomeTechnical
	}
	return t.record(ctx, rec, res)
}

// urlEdited reports whether the document's url was edited in vendors.yaml
// since its page was last read ("": never read, or before this was kept).
func urlEdited(doc model.Document, info store.DocInfo) bool {
	return info.ValidatorsURL != "" && info.ValidatorsURL != doc.URL
}

// urlEditShared is the share of the latest version's paragraphs that the
// page at an edited url must have for its text to count as the same
// document read from elsewhere (technical) rather than a change.
const urlEditShared = 0.7

// confirmChecks is how many checks after the first must see a drastic new
// text again before it is recorded.
func (t *Tracker) confirmChecks(doc model.Document) int {
	if doc.ConfirmChecks != nil {
		return *doc.ConfirmChecks
	}
	return t.opts.ConfirmChecks
}

// sightings returns how many checks in a row, this one included, saw the
// drastic text: one more than the pending count when it is the pending
// text; otherwise this check is its first sighting once an immediate
// re-fetch agrees (1), or no sighting when it does not (0). sum is the
// text's hash.
func (t *Tracker) sightings(ctx context.Context, doc model.Document, info store.DocInfo, text, sum string) (int, error) {
	if info.PendingSHA256 == sum && info.PendingSeen > 0 {
		return info.PendingSeen + 1, nil
	}
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-time.After(t.opts.ConfirmDelay):
	}
	again, err := t.capture.Capture(ctx, doc, capture.Validators{})
	if err != nil {
		return 0, fmt.Errorf("%s: confirming a drastic change: %w", model.FailureUnconfirmed, err)
	}
	if again.Text != text {
		return 0, nil
	}
	return 1, nil
}

// clauseTypes returns which clause types a text has (nil without an
// analyser). Only an unavailability cue makes a check ask.
func (t *Tracker) clauseTypes(text string) map[string]bool {
	if t.opts.Analyze == nil {
		return nil
	}
	types := map[string]bool{}
	for _, c := range t.opts.Analyze(text) {
		types[c.Type] = true
	}
	return types
}

// removedTypes returns the clause types of which the old text had clauses
// and the new one has none, as the comparison of the two says.
func removedTypes(ccs []model.ClauseChange) []string {
	var gone []string
	for _, cc := range ccs {
		if cc.Kind == model.ChangeRemoved {
			gone = append(gone, cc.Type)
		}
	}
	return gone
}

// unavailable returns a failure of kind unavailable when the new text is an
// error, maintenance, "not available" or loading page in place of the
// document: it says so (extract.UnavailableCue) and has lost most of the
// text, or every clause it had (allGone, asked only then).
func unavailable(old, new string, allGone func() bool) error {
	cue := extract.UnavailableCue(new)
	if cue == "" {
		return nil
	}
	if short := 2*len(new) < len(old); !short && !allGone() {
		return nil
	}
	return model.FailureUnavailable.Wrap(fmt.Errorf("the page says %q and has %d%% of the latest version's text: an error or maintenance page, not the document; nothing recorded",
		cue, 100*len(new)/max(len(old), 1)))
}

// drastic says why a new text may be a broken capture rather than a new
// version ("" when it is an ordinary change): cut short (a prefix of the
// latest text), much shorter, most paragraphs gone, or every clause of a
// type gone (gone, asked last: it takes the clause comparison). Such a text
// is recorded only once the next checks see it too.
func drastic(old, new string, gone func() []string) string {
	switch {
	case truncated(old, new):
		return fmt.Sprintf("cut short: the first %d%% of the latest text", 100*len(new)/max(len(old), 1))
	case 2*len(new) < len(old):
		return fmt.Sprintf("%d%% of the latest text's length", 100*len(new)/max(len(old), 1))
	case sharedParagraphs(old, new) < 0.5:
		return "most paragraphs gone"
	}
	if gone := gone(); len(gone) > 0 {
		return "every " + strings.Join(gone, " and ") + " clause gone"
	}
	return ""
}

// truncated reports whether new is old cut short: shorter, and every line
// of it is the line of old at the same place, the last one possibly cut.
func truncated(old, new string) bool {
	if len(new) >= len(old) {
		return false
	}
	if strings.HasPrefix(old, new) {
		return true
	}
	ol, nl := strings.Split(old, "\n"), strings.Split(new, "\n")
	if len(nl) > len(ol) {
		return false
	}
	for i, l := range nl {
		if l == ol[i] || i == len(nl)-1 && strings.HasPrefix(ol[i], strings.TrimRight(l, " …")) && len(l) > 0 {
			continue
		}
		return false
	}
	return true
}

// sharedParagraphs is the share of old's paragraphs that new has too.
func sharedParagraphs(old, new string) float64 {
	oldParas := strings.Split(old, "\n")
	seen := make(map[string]bool, len(oldParas))
	for _, p := range strings.Split(new, "\n") {
		seen[p] = true
	}
	shared := 0
	for _, p := range oldParas {
		if seen[p] {
			shared++
		}
	}
	return float64(shared) / float64(max(len(oldParas), 1))
}

// alert decides whether a change from the text fromSHA to toSHA alerts:
// a text not shown within model.AlternationWindow alerts as a change; the
// first return to one alerts once as an alternation; further flips among
// the two texts of that alternation alert no more, until a new text
// appears or the window has passed.
func (t *Tracker) alert(ctx context.Context, docID int64, fromSHA, toSHA string) (model.Alert, error) {
	since := t.now().Add(-model.AlternationWindow)
	seen, err := t.store.TextSeenSince(ctx, docID, toSHA, since)
	if err != nil || !seen {
		return model.AlertChange, err
	}
	last, err := t.store.LatestAlert(ctx, docID)
	if err != nil {
		return model.AlertChange, err
	}
	pair := func(sha string) bool { return last != nil && (sha == last.FromSHA256 || sha == last.ToSHA256) }
	if last != nil && last.Alert == model.AlertAlternation && !last.RecordedAt.Before(since) && pair(fromSHA) && pair(toSHA) {
		return model.AlertNone, nil
	}
	return model.AlertAlternation, nil
}
