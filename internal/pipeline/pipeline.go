// Package pipeline wires toswatch's checking machinery once, from the
// configuration: capture (the fetcher, the browser, the PDF converter and
// extraction; internal/capture) and, given a database, recording (the store
// and the clause analyser; internal/tracker). check, run, validate, demo and
// bench all get theirs from New, so that every command reads a page the
// same way.
package pipeline

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/toswatch/toswatch/internal/browser"
	"github.com/toswatch/toswatch/internal/capture"
	"github.com/toswatch/toswatch/internal/clause"
	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/notify"
	"github.com/toswatch/toswatch/internal/pdf"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/tracker"
)

// Options are what a command adds to the configuration.
type Options struct {
	// Store is the database checks are recorded in; nil: capture only
	// (validate), and Pipeline.Tracker is nil.
	Store *store.Store
	Log   *slog.Logger // nil: no logging
	// Now is the tracker's clock (the demo moves it back in time).
	Now func() time.Time
	// Observe, when set, sees every check's result (metrics).
	Observe func(tracker.Result)
	// Getenv reads the environment variables documents' headers_env name;
	// every one of them must be set.
	Getenv func(string) string
	// ObserveHTTP, when set, sees every request under the fetcher's
	// politeness limits (fetch.Options.Observe): the bench's client-side
	// record of them.
	ObserveHTTP func(http.RoundTripper) http.RoundTripper
}

// ErrMissingEnv is returned by New when an environment variable that a
// document's headers_env names is not set.
var ErrMissingEnv = errors.New("environment variable not set")

// Pipeline is the checking machinery of one configuration.
type Pipeline struct {
	Capture *capture.Capturer
	Tracker *tracker.Tracker // nil without Options.Store

	client *fetch.Client
}

// New wires the pipeline of cfg.
func New(cfg *config.Config, opts Options) (*Pipeline, error) {
	if cfg == nil {
		return nil, errors.New("pipeline: no configuration")
	}
	s := cfg.Settings
	fo := capture.FetchOptions(s)
	fo.Observe = opts.ObserveHTTP
	client, err := fetch.New(fo)
	if err != nil {
		return nil, err
	}
	if err := checkHeadersEnv(cfg, opts.Getenv); err != nil {
		return nil, err
	}
	copts := capture.Options{Fetch: client, PDF: pdf.New(), Log: opts.Log, Getenv: opts.Getenv}
	// The browser starts lazily, on the first page that needs it; without a
	// Chromium, such pages fail with a message saying how to get one.
	if _, err := browser.Find(s.Browser.Path); err == nil {
		b, err := browser.New(browser.Options{Path: s.Browser.Path, Tabs: s.Browser.Tabs, Timeout: s.Fetch.Timeout,
			UserAgent: s.UserAgent, Log: opts.Log, Guard: client})
		if err != nil {
			return nil, err
		}
		copts.Browser = b
	}
	c, err := capture.New(copts)
	if err != nil {
		return nil, err
	}
	p := &Pipeline{Capture: c, client: client}
	if opts.Store == nil {
		return p, nil
	}
	topts := tracker.Options{
		Compare: func(oldText, newText string) ([]model.ClauseChange, model.DocFacts) {
			ccs, facts := clause.CompareFacts(oldText, newText)
			return present.Summarise(ccs), facts
		},
		Analyze:          clause.Analyze,
		Facts:            clause.Facts,
		Analysis:         clause.Revision,
		ConfirmDelay:     s.Fetch.ConfirmDelay,
		ConfirmChecks:    s.Fetch.ConfirmChecks,
		FailureThreshold: s.Fetch.FailureThreshold,
		Log:              opts.Log,
		Now:              opts.Now,
		Observe:          opts.Observe,
		Budget:           capture.BudgetFor(client.Options(), s.Fetch.ConfirmDelay, s.Fetch.Timeout),
	}
	if targets := s.Notify; len(targets) > 0 {
		topts.Notify = func(vendor string, ccs []model.ClauseChange) []string { return notify.Wants(targets, vendor, ccs) }
	}
	if p.Tracker, err = tracker.New(opts.Store, c, topts); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Close stops the browser, if one was started, and the fetcher's idle
// connections. The database is the caller's.
func (p *Pipeline) Close() error {
	p.client.CloseIdleConnections()
	return p.Capture.Close()
}

// checkHeadersEnv makes sure that every variable a document's headers_env
// names is set, so that a missing credential is a configuration error at
// start rather than a login wall at each check.
func checkHeadersEnv(cfg *config.Config, getenv func(string) string) error {
	var errs []error
	for _, v := range cfg.Vendors {
		for _, d := range v.Documents {
			for name, env := range d.HeadersEnv {
				if getenv == nil || getenv(env) == "" {
					errs = append(errs, fmt.Errorf("%s / %s: header %s: %w: %s", d.Vendor, d.Type, name, ErrMissingEnv, env))
				}
			}
		}
	}
	return errors.Join(errs...)
}
