// Package feed builds the RSS and Atom feeds of recorded changes: one item
// per change a vendor made to a tracked document (technical versions, which
// come from a change of extraction settings, are not changes and never
// appear). The web UI serves the feeds and the cli writes them.
package feed

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
)

// DefaultLimit is the number of items of a feed when Options.Limit is 0.
const DefaultLimit = 50

// MaxLimit bounds Options.Limit: every item costs two texts and a diff.
const MaxLimit = 500

// ErrInvalidClause is returned for a clause filter other than liability or
// indemnification.
var ErrInvalidClause = errors.New("invalid clause filter (want liability or indemnification)")

// Options select the changes of a feed and label it.
type Options struct {
	Vendor  string // only this vendor's changes (case-insensitive); "" for all
	Clause  string // "", model.Liability or model.Indemnification: only changes that moved such a clause
	BaseURL string // absolute URL of the web UI, for links and guids; a trailing slash is ignored
	Limit   int    // at most this many items, newest first; 0: DefaultLimit
	Title   string // the feed's title; "": a title made from the filters
}

// Validate reports an invalid filter.
func (o Options) Validate() error {
	switch o.Clause {
	case "", model.Liability, model.Indemnification:
		return nil
	}
	return fmt.Errorf("%w: %q", ErrInvalidClause, o.Clause)
}

// Filter returns the store filter that selects the feed's changes.
func (o Options) Filter() store.ChangeFilter {
	limit := o.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	// One item per alert, not per recorded version: a document flipping
	// between two texts is one item (see model.Alert).
	return store.ChangeFilter{Vendor: o.Vendor, Clause: o.Clause, Limit: limit, Alerting: true}
}

func (o Options) title() string {
	if o.Title != "" {
		return o.Title
	}
	t := "toswatch: terms changes"
	if o.Vendor != "" {
		t += " of " + o.Vendor
	}
	if o.Clause != "" {
		t += " (" + o.Clause + " clauses)"
	}
	return t
}

// Build returns the feed of the recorded changes that opts select, newest
// first. Render it with RSS or Atom.
func Build(ctx context.Context, st *store.Store, opts Options) (*feeds.Feed, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	changes, err := st.Changes(ctx, opts.Filter())
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	f := &feeds.Feed{
		Title:       plain(opts.title()),
		Link:        &feeds.Link{Href: strings.TrimRight(opts.BaseURL, "/") + "/"},
		Description: "Changes to tracked terms of service, newest first.",
		// An empty feed still needs a date; the epoch keeps the output
		// the same from one request to the next.
		Updated: time.Unix(0, 0).UTC(),
	}
	if len(changes) > 0 {
		f.Updated = changes[0].RecordedAt
	}
	for _, c := range changes {
		it, err := item(ctx, st, opts, c)
		if err != nil {
			return nil, err
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

func item(ctx context.Context, st *store.Store, opts Options, c model.Change) (*feeds.Item, error) {
	// The first page of the diff holds the paragraphs an item shows.
	first, err := diff.PageOf(c, 0, func(n int) ([]byte, error) { return st.DiffPage(ctx, c.ID, n) },
		func() (string, string, error) {
			from, err := st.Version(ctx, c.FromVersion)
			if err != nil {
				return "", "", fmt.Errorf("feed: change %d: %w", c.ID, err)
			}
			to, err := st.Version(ctx, c.ToVersion)
			if err != nil {
				return "", "", fmt.Errorf("feed: change %d: %w", c.ID, err)
			}
			return from.Text, to.Text, nil
		}, nil)
	if err != nil {
		return nil, err
	}
	link := present.ChangeURL(opts.BaseURL, c.ID)
	d, err := describe(c, first, link)
	if err != nil {
		return nil, err
	}
	return &feeds.Item{
		Title:       plain(c.Vendor + " — " + c.Document + ": " + d.summary),
		Link:        &feeds.Link{Href: link},
		Id:          link,
		IsPermaLink: "true",
		Description: d.html,
		Created:     c.RecordedAt,
		Updated:     c.RecordedAt,
	}, nil
}

// plain keeps a title plain text for every reader: titles are text in Atom
// and in most RSS readers, but some RSS readers render them as HTML, where
// a vendor's "<script>" would come alive. Look-alike angle quotes keep the
// text readable and inert everywhere.
func plain(s string) string {
	return strings.NewReplacer("<", "‹", ">", "›").Replace(s)
}

// RSS renders a feed as RSS 2.0.
func RSS(f *feeds.Feed) (string, error) {
	r := (&feeds.Rss{Feed: f}).RssFeed()
	r.Generator = "toswatch"
	s, err := feeds.ToXML(r)
	if err != nil {
		return "", fmt.Errorf("rss: %w", err)
	}
	return s, nil
}

// Atom renders a feed as Atom 1.0.
func Atom(f *feeds.Feed) (string, error) {
	a := (&feeds.Atom{Feed: f}).AtomFeed()
	if a.Author == nil {
		// Atom wants an author for the feed or every entry; RSS has
		// none, as its managingEditor must be an e-mail address.
		a.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: "toswatch"}}
	}
	s, err := feeds.ToXML(a)
	if err != nil {
		return "", fmt.Errorf("atom: %w", err)
	}
	return s, nil
}
