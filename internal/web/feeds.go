package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/toswatch/toswatch/internal/feed"
)

type feedFormat struct {
	name        string
	contentType string
	render      func(*feeds.Feed) (string, error)
}

var (
	rssFormat  = feedFormat{"rss", "application/rss+xml; charset=utf-8", feed.RSS}
	atomFormat = feedFormat{"atom", "application/atom+xml; charset=utf-8", feed.Atom}
)

// feed serves a feed with conditional GET: feed readers poll often, and a
// feed only changes when a change is recorded, so the newest change's id
// (with the filters) makes the ETag and its time the Last-Modified, and
// an unchanged feed costs one indexed query.
func (s *server) feed(format feedFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		opts := feed.Options{Vendor: q.Get("vendor"), Clause: q.Get("clause"), BaseURL: s.baseURL(r)}
		if err := opts.Validate(); err != nil {
			s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("Unknown clause filter %q: use liability or indemnification.", opts.Clause))
			return
		}
		ctx := r.Context()
		f := opts.Filter()
		f.Limit = 1
		newest, err := s.st.Changes(ctx, f)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var newestID int64
		var modified time.Time
		if len(newest) > 0 {
			newestID, modified = newest[0].ID, newest[0].RecordedAt.Truncate(time.Second)
		}
		etag := feedETag(format.name, opts, newestID)
		h := w.Header()
		h.Set("ETag", etag)
		h.Set("Cache-Control", "no-cache")
		if !modified.IsZero() {
			h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
		}
		if notModified(r, etag, modified) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fd, err := feed.Build(ctx, s.st, opts)
		if errors.Is(err, feed.ErrInvalidClause) {
			s.fail(w, r, http.StatusBadRequest, err.Error())
			return
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		out, err := format.render(fd)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		h.Set("Content-Type", format.contentType)
		if r.Method != http.MethodHead {
			w.Write([]byte(out))
		}
	}
}

func feedETag(format string, o feed.Options, newest int64) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%s\x00%d\x00%d", format, o.BaseURL, o.Vendor, o.Clause, o.Filter().Limit, newest))
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// notModified applies If-None-Match, else If-Modified-Since (RFC 9110 13.2.2).
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return etagMatch(inm, etag)
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.After(t)
	}
	return false
}

// etagMatch is the weak comparison of If-None-Match.
func etagMatch(header, etag string) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}
