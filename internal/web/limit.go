package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// What one request may cost. A change page shows one page of the diff
// recorded with the change, so it is cheap whatever the size of the
// documents; a heavy render is one that reads or compares whole versions:
// a version page of a long text, or the change page of a change recorded
// before diffs were kept.
const (
	// maxHeavy heavy renders run at once; a request for another one is
	// answered 503 with Retry-After at once rather than queued.
	maxHeavy        = 2
	heavyRetryAfter = 5 * time.Second
	// heavyText is the length from which a version's text is heavy to
	// render.
	heavyText = 1 << 20
	// requestTimeout bounds every request.
	requestTimeout = 30 * time.Second
	// maxClauseDiff bounds the texts of a clause change compared word by
	// word on the change page; longer ones are too long to read that way,
	// and their paragraphs are marked in the diff anyway.
	maxClauseDiff = 32 << 10
)

// withTimeout bounds the request's context by the server's timeout
// (requestTimeout): the database and heavy renders stop when it ends.
func (s *server) withTimeout(r *http.Request) (*http.Request, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
	return r.WithContext(ctx), cancel
}

// heavily runs work in one of the maxHeavy slots and reports whether it
// completed. When every slot is taken it answers 503 with Retry-After; when
// the request's time runs out first it answers 503 too, and work finishes
// in its slot all the same, so that the slots really bound the load.
func (s *server) heavily(w http.ResponseWriter, r *http.Request, work func()) bool {
	if r.Context().Err() != nil {
		s.tooLong(w, r)
		return false
	}
	select {
	case s.heavy <- struct{}{}:
	default:
		w.Header().Set("Retry-After", strconv.Itoa(int(heavyRetryAfter/time.Second)))
		s.fail(w, r, http.StatusServiceUnavailable, fmt.Sprintf("The server is busy with other large pages; try again in %d seconds.", int(heavyRetryAfter/time.Second)))
		return false
	}
	done := make(chan struct{})
	go func() {
		defer func() { <-s.heavy }()
		defer close(done)
		work()
	}()
	select {
	case <-done:
		return true
	case <-r.Context().Done():
		s.tooLong(w, r)
		return false
	}
}

func (s *server) tooLong(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", strconv.Itoa(int(heavyRetryAfter/time.Second)))
	s.fail(w, r, http.StatusServiceUnavailable, fmt.Sprintf("This page took longer than %s to prepare; try again later.", s.timeout))
}
