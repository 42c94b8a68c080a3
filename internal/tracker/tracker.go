// Package tracker records checks: for one document it captures the page
// (internal/capture), compares the text with the latest stored version,
// analyses what moved, and records the outcome in one transaction.
package tracker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/toswatch/toswatch/internal/capture"
	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/store"
)

// Options are the tracker's settings; every field is optional.
type Options struct {
	// Compare classifies how the liability and indemnification clauses
	// moved between two texts; nil records changes without analysis.
	Compare func(oldText, newText string) []model.ClauseChange
	// Analysis is the revision of the analyser behind Compare, recorded
	// with each change (clause.Revision).
	Analysis int
	// ConfirmDelay is how long to wait before re-fetching a page whose text
	// changed drastically, to confirm the change before recording it.
	ConfirmDelay time.Duration
	// FailureThreshold is the number of failed checks in a row after which
	// a document counts as failing (and its recovery is reported); 0:
	// config.DefaultFailureThreshold.
	FailureThreshold int
	Log              *slog.Logger
	// Now is the clock of the checks (time.Now by default).
	Now func() time.Time
	// Observe, when set, sees every result (for metrics).
	Observe func(Result)
	// Notify, when set, names the notification targets that want a change
	// of vendor's with these clause changes; they are queued in the outbox
	// with the change (see internal/notify).
	Notify func(vendor string, ccs []model.ClauseChange) []string
	// Budget bounds a check of a one-page document (n times that for n
	// pages) from when its first request leaves, after the politeness
	// wait: then it fails with kind timeout. 0: unbounded. See
	// capture.BudgetFor.
	Budget time.Duration
}

// Tracker checks documents: it captures each one and records what it finds.
type Tracker struct {
	store   *store.Store
	capture *capture.Capturer
	opts    Options

	docIDs sync.Map // vendor, type and URL → document id
}

// New returns a tracker that captures with c and records into st.
func New(st *store.Store, c *capture.Capturer, opts Options) (*Tracker, error) {
	switch {
	case st == nil:
		return nil, errors.New("tracker: no database")
	case c == nil:
		return nil, errors.New("tracker: no capturer")
	case opts.ConfirmDelay < 0:
		return nil, fmt.Errorf("tracker: negative confirm delay %s", opts.ConfirmDelay)
	case opts.Budget < 0:
		return nil, fmt.Errorf("tracker: negative check budget %s", opts.Budget)
	case opts.FailureThreshold < 0:
		return nil, fmt.Errorf("tracker: negative failure threshold %d", opts.FailureThreshold)
	}
	if opts.FailureThreshold == 0 {
		opts.FailureThreshold = config.DefaultFailureThreshold
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Now().UTC() }
	}
	return &Tracker{store: st, capture: c, opts: opts}, nil
}

// Store is the database the tracker records into.
func (t *Tracker) Store() *store.Store { return t.store }

// Result is the outcome of one check, as `check --json` prints it.
type Result struct {
	Vendor    string        `json:"vendor"`
	Document  string        `json:"document"`
	Status    model.Outcome `json:"status"`
	Version   *int64        `json:"version"`
	RevertsTo *int64        `json:"reverts_to"`
	Error     *string       `json:"error"`
	// Failure is the kind of a failed or unconfirmed check's error.
	Failure model.FailureKind `json:"-"`
	// Resumed is set when a document that had been failing works again.
	Resumed  bool          `json:"resumed,omitempty"`
	Duration time.Duration `json:"-"`
}

// Check checks one document now and records the outcome.
func (t *Tracker) Check(ctx context.Context, doc model.Document) Result {
	start := t.now()
	work, stop := capture.WithBudget(ctx, t.opts.Budget, doc)
	defer stop()
	res, err := t.check(ctx, work, doc, start)
	if err != nil {
		err = unrecorded(ctx, err)
		msg := err.Error()
		res.Status, res.Error, res.Failure = model.OutcomeFailed, &msg, model.FailureOf(err)
	}
	res.Duration = t.now().Sub(start)
	t.log(res)
	if t.opts.Observe != nil {
		t.opts.Observe(res)
	}
	return res
}

// unrecorded is the error of a check that could not be recorded: the
// database failed (kind database, in its plain words), or toswatch was
// stopped meanwhile.
func unrecorded(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return model.FailureCanceled.Wrap(context.Cause(ctx))
	}
	var de *store.Error
	if errors.As(err, &de) {
		err = de // its message says all; "record check of document 3" adds nothing
	}
	return model.FailureDatabase.Wrap(err)
}

// maxConflicts bounds how often a check compares its capture again because
// other processes recorded versions of the document meanwhile. Each
// conflict is another process's progress, and comparing again needs no
// fetch, so a check waits through many before it gives up.
const maxConflicts = 20

// check checks a document once and records the outcome. Pages are fetched
// with work, which the check's budget bounds; the outcome is recorded with
// ctx. A returned error is a database error; failures of the page itself
// are recorded checks.
func (t *Tracker) check(ctx, work context.Context, doc model.Document, start time.Time) (Result, error) {
	res := Result{Vendor: doc.Vendor, Document: doc.Type}
	docID, err := t.documentID(ctx, doc)
	if err != nil {
		return res, err
	}
	var info store.DocInfo
	var head *store.Head
	var got capture.Page
	var fetchErr error
	refetch := true
	for conflicts := 0; ; conflicts++ {
		if refetch {
			if info, err = t.store.GetDocument(ctx, docID); err != nil {
				return res, err
			}
		}
		if head, err = t.store.Latest(ctx, docID); err != nil {
			return res, err
		}
		if refetch {
			got, fetchErr = t.capture.Capture(work, doc, conditional(info, head))
			fetchErr = capture.OverBudget(work, fetchErr)
		}
		res, err = t.judge(ctx, work, doc, start, docID, info, head, got, fetchErr)
		if !errors.Is(err, store.ErrConflict) {
			return res, err
		}
		if conflicts == maxConflicts {
			return res, fmt.Errorf("%w, %d times in a row", err, conflicts+1)
		}
		// Another process recorded a version meanwhile: compare the same
		// capture with it. A "not modified" answer was relative to the
		// version known before, so it takes a new fetch.
		refetch = got.NotModified
	}
}

// conditional returns the validators of the last check once there is a
// version to fall back on.
func conditional(info store.DocInfo, head *store.Head) capture.Validators {
	if head == nil {
		return capture.Validators{}
	}
	return capture.Validators{ETag: info.ETag, LastModified: info.LastModified}
}

func (t *Tracker) log(r Result) {
	attrs := []any{slog.String("vendor", r.Vendor), slog.String("document", r.Document),
		slog.String("status", string(r.Status)), slog.Duration("duration", r.Duration)}
	if r.Version != nil {
		attrs = append(attrs, slog.Int64("version", *r.Version))
	}
	if r.Error != nil {
		t.opts.Log.Warn("check failed", append(attrs, slog.String("error", *r.Error))...)
		return
	}
	if r.Resumed {
		t.opts.Log.Info("tracking resumed", attrs...)
	}
	t.opts.Log.Info("checked", attrs...)
}

func (t *Tracker) now() time.Time { return t.opts.Now() }

// judge compares a capture (or its failure, fetchErr) with the document's
// latest version, head, and records the outcome. It returns
// store.ErrConflict when head is no longer the latest version.
func (t *Tracker) judge(ctx, work context.Context, doc model.Document, start time.Time, docID int64, info store.DocInfo, head *store.Head, got capture.Page, fetchErr error) (Result, error) {
	res := Result{Vendor: doc.Vendor, Document: doc.Type}
	key := capture.ExtractKey(doc)
	rec := store.Check{DocumentID: docID, StartedAt: start}
	// base is the text the new capture is compared with: the latest
	// version's, or its technical re-extraction. Its text is loaded only
	// when the hashes differ, which most checks never need.
	var base *baseline
	if head != nil {
		rec.ExpectLatest = head.Version.ID
		base = &baseline{sha: head.Version.SHA256}
		if tech := t.reextract(ctx, doc, head, key); tech != nil {
			rec.New = append(rec.New, *tech)
			base = &baseline{sha: store.Hash([]byte(tech.Text)), text: &tech.Text}
		}
	}
	rec.HTTPStatus = got.Status
	rec.Duration = t.now().Sub(start)
	switch {
	case fetchErr != nil:
		return t.fail(ctx, rec, res, fetchErr)
	case got.NotModified:
		rec.ETag, rec.LastModified = info.ETag, info.LastModified
	default:
		rec.ETag, rec.LastModified = got.ETag, got.LastModified
	}
	if got.NotModified || (base != nil && store.Hash([]byte(got.Text)) == base.sha) {
		rec.Outcome = model.OutcomeUnchanged
		if len(rec.New) > 0 {
			rec.Outcome = model.OutcomeTechnical
		}
		return t.record(ctx, rec, res)
	}
	nv := store.NewVersion{Kind: model.KindFirst, Text: got.Text, Raw: got.Raw, ExtractKey: key}
	rec.Outcome = model.OutcomeNew
	if base != nil {
		old, err := base.load(ctx, t.store)
		if err != nil {
			return res, err
		}
		if drastic(old, got.Text) {
			confirmed, err := t.confirm(work, doc, got.Text)
			if err != nil {
				return t.fail(ctx, rec, res, capture.OverBudget(work, err))
			}
			if !confirmed {
				rec.Outcome = model.OutcomeUnconfirmed
				rec.New = nil // a technical re-extraction waits for a trustworthy check too
				rec.Error = string(model.FailureUnconfirmed) + ": the text changed drastically and a second fetch did not agree; nothing recorded"
				res.Failure = model.FailureUnconfirmed
				return t.record(ctx, rec, res)
			}
		}
		nv.Kind = model.KindChange
		rec.Outcome = model.OutcomeChanged
		nv.ClauseChanges, nv.Diff = Analyse(t.opts.Compare, old, got.Text)
		if t.opts.Compare != nil {
			nv.Analysis = t.opts.Analysis
		}
		if t.opts.Notify != nil {
			nv.Notify = t.opts.Notify(doc.Vendor, nv.ClauseChanges)
		}
	}
	rec.New = append(rec.New, nv)
	return t.record(ctx, rec, res)
}

// baseline is the text a capture is compared with, by hash first.
type baseline struct {
	sha  string
	text *string
}

func (b *baseline) load(ctx context.Context, st *store.Store) (string, error) {
	if b.text == nil {
		text, err := st.Text(ctx, b.sha)
		if err != nil {
			return "", err
		}
		b.text = &text
	}
	return *b.text, nil
}

// documentID returns the database id of a document, creating or updating
// its row once per tracker rather than on every check.
func (t *Tracker) documentID(ctx context.Context, doc model.Document) (int64, error) {
	key := doc.Vendor + "\x00" + doc.Type + "\x00" + doc.URL
	if id, ok := t.docIDs.Load(key); ok {
		return id.(int64), nil
	}
	id, err := t.store.SyncDocument(ctx, doc)
	if err == nil {
		t.docIDs.Store(key, id)
	}
	return id, err
}

func (t *Tracker) fail(ctx context.Context, rec store.Check, res Result, err error) (Result, error) {
	rec.Outcome, rec.Error, rec.New = model.OutcomeFailed, err.Error(), nil
	res.Failure = model.FailureOf(err)
	return t.record(ctx, rec, res)
}

func (t *Tracker) record(ctx context.Context, rec store.Check, res Result) (Result, error) {
	r, err := t.store.RecordCheck(ctx, rec)
	if err != nil {
		return res, err
	}
	res.Status = rec.Outcome
	if r.VersionID != 0 {
		id := r.VersionID
		res.Version = &id
	}
	if len(rec.New) > 0 {
		res.RevertsTo = r.RevertsTo
	}
	if rec.Error != "" {
		msg := rec.Error
		res.Error = &msg
	}
	res.Resumed = r.PriorFailures >= t.opts.FailureThreshold
	return res, nil
}

// reextract applies the document's current extraction settings to the raw
// body of its latest version when those settings changed since. A
// different text is a technical version: the page did not change, the way
// it is read did.
func (t *Tracker) reextract(ctx context.Context, doc model.Document, head *store.Head, key string) *store.NewVersion {
	if head.ExtractKey == key {
		return nil
	}
	raw, err := t.store.RawPages(ctx, head.Version.ID)
	if len(raw) == 0 && err == nil {
		return nil // not kept
	}
	if err != nil {
		t.opts.Log.Warn("re-extraction skipped: the latest version's raw body cannot be read",
			slog.String("vendor", doc.Vendor), slog.String("document", doc.Type), slog.Any("error", err))
		return nil
	}
	text, err := t.capture.Reextract(ctx, doc, raw)
	if errors.Is(err, capture.ErrPartsChanged) {
		return nil // only a new fetch can tell
	}
	if err != nil {
		// Settings made for a new layout may well not fit the old page:
		// the next capture is compared with the latest text as it is.
		t.opts.Log.Info("re-extraction with the new settings failed; the latest version stays the baseline",
			slog.String("vendor", doc.Vendor), slog.String("document", doc.Type), slog.Any("error", err))
		return nil
	}
	if store.Hash([]byte(text)) == head.Version.SHA256 {
		return nil
	}
	return &store.NewVersion{Kind: model.KindTechnical, Text: text, Raw: raw, ExtractKey: key}
}

// drastic reports whether a new text is so different from the current one
// that it may be a broken capture rather than a new version: less than half
// as long, or sharing less than 30% of its paragraphs.
func drastic(old, new string) bool {
	if len(new) < len(old)/2 {
		return true
	}
	oldParas := strings.Split(old, "\n")
	seen := make(map[string]bool, len(oldParas))
	for _, p := range oldParas {
		seen[p] = true
	}
	shared := 0
	for _, p := range strings.Split(new, "\n") {
		if seen[p] {
			shared++
		}
	}
	return float64(shared) < 0.3*float64(len(oldParas))
}

// confirm fetches the page again after ConfirmDelay and reports whether it
// gives the same text.
func (t *Tracker) confirm(ctx context.Context, doc model.Document, text string) (bool, error) {
	select {
	case <-ctx.Done():
		return false, ctx.Err()
	case <-time.After(t.opts.ConfirmDelay):
	}
	again, err := t.capture.Capture(ctx, doc, capture.Validators{})
	if err != nil {
		return false, fmt.Errorf("%s: confirming a drastic change: %w", model.FailureUnconfirmed, err)
	}
	return again.Text == text, nil
}
