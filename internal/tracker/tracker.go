// Package tracker records checks: for one document it captures the page
// (internal/capture), compares the text with the latest stored version,
// analyses what moved, and records the outcome in one transaction.
package tracker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
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
	// moved between two texts, and reads on the way what the new text says
	// as Facts would (clause.CompareFacts), so that a changed version is
	// read once; nil records changes without analysis.
	Compare func(oldText, newText string) ([]model.ClauseChange, model.DocFacts)
	// Analysis is the revision of the analyser behind Compare and Facts,
	// recorded with each change and each version's facts (clause.Revision).
	Analysis int
	// Facts reads what a text says about liability and indemnities,
	// stored with each new version; nil records versions without facts.
	Facts func(text string) model.DocFacts
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
	// Analyze finds the clauses of a text (clause.Analyze): a capture that
	// lost every clause of a type is confirmed before it is recorded. Nil:
	// not looked at.
	Analyze func(text string) []model.Clause
	// ConfirmChecks is how many checks after the first must see a drastic
	// new text again before it is recorded (0: recorded at the first, once
	// an immediate re-fetch agrees); a document may say otherwise
	// (model.Document.ConfirmChecks).
	ConfirmChecks int
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
	case opts.ConfirmChecks < 0:
		return nil, fmt.Errorf("tracker: negative confirm checks %d", opts.ConfirmChecks)
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
			got, fetchErr = t.capture.Capture(work, doc, conditional(doc, info, head))
			if fetchErr == nil && got.NotModified && head == nil {
				// Nothing to fall back on: ask for the page itself.
				got, fetchErr = t.capture.Capture(work, doc, capture.Validators{})
				if fetchErr == nil && got.NotModified {
					fetchErr = model.FailureHTTPStatus.Wrap(errors.New("304 Not Modified to a request without validators, and no version recorded yet"))
				}
			}
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
// version to fall back on, when they were answered for the document's
// current url (an edit of the url in vendors.yaml drops them).
func conditional(doc model.Document, info store.DocInfo, head *store.Head) capture.Validators {
	if head == nil || urlEdited(doc, info) {
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

// readFacts reads the facts of a new version's text, so that the facts
// pages only read them.
func (t *Tracker) readFacts(nv *store.NewVersion) {
	if t.opts.Facts == nil || nv.Facts != nil {
		return
	}
	t.keepFacts(nv, t.opts.Facts(nv.Text))
}

// keepFacts records f as the facts of a new version, unless facts are not
// recorded at all (no Facts).
func (t *Tracker) keepFacts(nv *store.NewVersion, f model.DocFacts) {
	if t.opts.Facts == nil {
		return
	}
	nv.Facts, _ = json.Marshal(f) // plain data always marshals
	nv.FactsAnalysis = t.opts.Analysis
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
	for i := range rec.New {
		t.readFacts(&rec.New[i])
	}
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
// it is read did. The error says why the new settings do not fit the
// stored page (nil when there is nothing to re-extract).
func (t *Tracker) reextract(ctx context.Context, doc model.Document, head *store.Head, key string) (*store.NewVersion, error) {
	if head.ExtractKey == key {
		return nil, nil
	}
	raw, err := t.store.RawPages(ctx, head.Version.ID)
	if len(raw) == 0 && err == nil {
		return nil, nil // not kept
	}
	if err != nil {
		t.opts.Log.Warn("re-extraction skipped: the latest version's raw body cannot be read",
			slog.String("vendor", doc.Vendor), slog.String("document", doc.Type), slog.Any("error", err))
		return nil, nil
	}
	text, err := t.capture.Reextract(ctx, doc, raw)
	if errors.Is(err, capture.ErrPartsChanged) {
		return nil, nil // only a new fetch can tell
	}
	if err != nil {
		// Settings made for a new layout may well not fit the old page:
		// the next capture is compared with the latest text as it is
		// (unless the server says the page is still the stored one).
		t.opts.Log.Info("re-extraction with the new settings failed; the latest version stays the baseline",
			slog.String("vendor", doc.Vendor), slog.String("document", doc.Type), slog.Any("error", err))
		return nil, err
	}
	if store.Hash([]byte(text)) == head.Version.SHA256 {
		return nil, nil
	}
	return &store.NewVersion{Kind: model.KindTechnical, Text: text, Raw: raw, ExtractKey: key}, nil
}
