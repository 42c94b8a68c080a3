package bench

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// farm is the loopback vendor farm: one HTTP server per host, each on its
// own loopback address (Linux routes all of 127.0.0.0/8 to lo), so the
// fetcher's per-host limits apply as they would to real vendors.
type farm struct {
	hosts []*host
	pages []*page

	// mu guards the pages' state: churn writes it between rounds, handlers
	// read it. The race detector does not see a socket as synchronisation.
	mu sync.RWMutex

	requests, notModified atomic.Int64
	renderNS              atomic.Int64 // time spent rendering bodies

	servedMu sync.Mutex
	served   [][]rotation // per page: the rotation of the first body served of each revision
}

// rotation identifies one exact body of a page.
type rotation struct{ rev, noise, changed int }

type host struct {
	index      int
	validators bool // sends ETag and Last-Modified and answers 304
	ln         net.Listener
	srv        *http.Server
	base       string // http://127.0.0.x:port
}

// hostAddr is the loopback address of host i: 127.0.0.1 … 127.0.0.254,
// then 127.0.1.1 and on.
func hostAddr(i int) string {
	return fmt.Sprintf("127.0.%d.%d", i/254, i%254+1)
}

// newFarm starts hosts servers and generates docs pages spread over them
// (dense ones with dense).
func newFarm(docs, hosts, minKB, maxKB int, dense bool, seed int64) (*farm, error) {
	f := &farm{served: make([][]rotation, docs)}
	for i := 0; i < hosts; i++ {
		ln, err := net.Listen("tcp", hostAddr(i)+":0")
		if err != nil {
			f.close()
			return nil, fmt.Errorf("farm host %d: %w", i, err)
		}
		h := &host{index: i, validators: i%2 == 0, ln: ln, base: "http://" + ln.Addr().String()}
		h.srv = &http.Server{Handler: f.handler(h), ReadHeaderTimeout: 10 * time.Second}
		f.hosts = append(f.hosts, h)
		go h.srv.Serve(ln)
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	vendors := make([]string, hosts)
	for i := range vendors {
		vendors[i] = vendorName(rng)
	}
	for i := 0; i < docs; i++ {
		size := (minKB + rng.IntN(maxKB-minKB+1)) * 1024
		f.pages = append(f.pages, newPage(i, i%hosts, vendors[i%hosts], rng.Uint64(), size, dense))
	}
	return f, nil
}

func (f *farm) close() {
	for _, h := range f.hosts {
		h.srv.Close()
	}
}

// documents returns the tracked documents, one per page.
func (f *farm) documents() []model.Document {
	docs := make([]model.Document, len(f.pages))
	for i, p := range f.pages {
		docs[i] = model.Document{
			Vendor: fmt.Sprintf("%s %03d", p.vendor, p.host), // names may repeat across hosts
			Type:   fmt.Sprintf("Terms of Service %04d", i),
			URL:    f.hosts[p.host].base + p.path,
		}
	}
	return docs
}

var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 320<<10); return &b }}

func (f *farm) handler(h *host) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.requests.Add(1)
		p := f.lookup(h, r.URL.Path)
		if p == nil {
			http.NotFound(w, r)
			return
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		if h.validators {
			etag, lm := p.etag(), p.lastModified()
			w.Header().Set("ETag", etag)
			w.Header().Set("Last-Modified", lm.Format(http.TimeFormat))
			if notModified(r, etag, lm) {
				f.notModified.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		start := time.Now()
		bp := bufs.Get().(*[]byte)
		body := p.html((*bp)[:0])
		f.renderNS.Add(int64(time.Since(start)))
		f.noteServed(p)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
		*bp = body
		bufs.Put(bp)
	})
}

// notModified applies the conditional request headers, If-None-Match
// taking precedence as RFC 9110 says.
func notModified(r *http.Request, etag string, lm time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for t := range strings.SplitSeq(inm, ",") {
			if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil {
		return !lm.Truncate(time.Second).After(ims)
	}
	return false
}

func (f *farm) lookup(h *host, path string) *page {
	i := strings.LastIndex(path, "/terms-")
	if i < 0 {
		return nil
	}
	n, err := strconv.Atoi(path[i+len("/terms-"):])
	if err != nil || n < 0 || n >= len(f.pages) || f.pages[n].host != h.index || f.pages[n].path != path {
		return nil
	}
	return f.pages[n]
}

// noteServed remembers the first body served of each revision: the raw
// body the store keeps with the version it records.
func (f *farm) noteServed(p *page) {
	f.servedMu.Lock()
	defer f.servedMu.Unlock()
	s := f.served[p.index]
	if len(s) == 0 || s[len(s)-1].rev != p.rev {
		f.served[p.index] = append(s, rotation{p.rev, p.noise, p.changed})
	}
}

// churn makes real wording changes to a share of the pages and rotates
// only the noise of another share. It returns how many pages of each.
func (f *farm) churn(rng *rand.Rand, changeShare, noiseShare float64) (changed, noisy int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	order := rng.Perm(len(f.pages))
	changed = int(changeShare * float64(len(f.pages)))
	noisy = int(noiseShare * float64(len(f.pages)))
	for i, n := range order[:changed+noisy] {
		if i < changed {
			f.pages[n].edit(rng)
		} else {
			f.pages[n].rotate()
		}
	}
	return changed, noisy
}

// revisions returns the number of wording revisions of each page.
func (f *farm) revisions() []int {
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := make([]int, len(f.pages))
	for i, p := range f.pages {
		out[i] = p.rev
	}
	return out
}

// body re-renders a page as it was served at rotation r (with the edits
// of revisions up to r.rev).
func (f *farm) body(i int, r rotation, buf []byte) []byte {
	f.mu.RLock()
	defer f.mu.RUnlock()
	p := *f.pages[i]
	p.edits = p.edits[:r.rev]
	p.rev, p.noise, p.changed = r.rev, r.noise, r.changed
	return p.html(buf)
}
