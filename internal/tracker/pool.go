package tracker

import (
	"context"
	"net/url"
	"sync"

	"github.com/toswatch/toswatch/internal/model"
)

// CheckAll checks documents with at most workers at a time and returns
// their results in the order given. progress, when set, is called after
// each check (from several goroutines, one call at a time). One document's
// failure never stops the others.
func (t *Tracker) CheckAll(ctx context.Context, docs []model.Document, workers int, progress func(done int, r Result)) []Result {
	if workers < 1 {
		workers = 1
	}
	results := make([]Result, len(docs))
	jobs := make(chan int)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for w := 0; w < workers && w < len(docs); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = t.Check(ctx, docs[i])
				if progress != nil {
					mu.Lock()
					done++
					progress(done, results[i])
					mu.Unlock()
				}
			}
		}()
	}
	for _, i := range interleaveHosts(docs) {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i := range results {
		if results[i].Status == "" { // not reached before cancellation
			msg := string(model.FailureCanceled) + ": " + context.Cause(ctx).Error()
			results[i] = Result{Vendor: docs[i].Vendor, Document: docs[i].Type, Status: model.OutcomeFailed, Error: &msg}
		}
	}
	return results
}

// interleaveHosts orders document indexes round-robin over their hosts, so
// that the workers spread over many hosts instead of queueing behind the
// per-host limit of one.
func interleaveHosts(docs []model.Document) []int {
	var hosts []string
	byHost := map[string][]int{}
	for i, d := range docs {
		h := d.URL
		if u, err := url.Parse(d.URL); err == nil {
			h = u.Host
		}
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], i)
	}
	order := make([]int, 0, len(docs))
	for round := 0; len(order) < len(docs); round++ {
		for _, h := range hosts {
			if round < len(byHost[h]) {
				order = append(order, byHost[h][round])
			}
		}
	}
	return order
}
