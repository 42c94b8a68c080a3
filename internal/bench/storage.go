package bench

import (
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

// versions returns the number of versions the store holds for each
// document, in the order of r.docs.
func (r *runner) versions(ctx context.Context) ([]int, error) {
	if r.ids == nil {
		infos, err := r.store.ListDocuments(ctx, "")
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		byName := make(map[[2]string]int64, len(infos))
		for _, d := range infos {
			byName[[2]string{d.Vendor, d.Type}] = d.ID
		}
		r.ids = make([]int64, len(r.docs))
		for i, d := range r.docs {
			r.ids[i] = byName[[2]string{d.Vendor, d.Type}] // 0: never stored
		}
	}
	out := make([]int, len(r.docs))
	for i, id := range r.ids {
		if id == 0 {
			continue
		}
		vs, err := r.store.Versions(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("versions of %s: %w", r.docs[i].URL, err)
		}
		out[i] = len(vs)
	}
	return out, nil
}

// storage measures the database against the gzip size of what it holds:
// every distinct version text (read back from the store) and every raw
// body kept (rendered again, byte for byte, from the farm's record of what
// it served), each compressed on its own at gzip's default level, as a
// store that must read any one of them back would have to.
func (r *runner) storage(ctx context.Context, rep *Report) error {
	r.progress("measuring storage")
	size, err := r.store.Size(ctx)
	if err != nil {
		return fmt.Errorf("bench: database size: %w", err)
	}
	rep.DBBytes = size
	rep.DBFileBytes = fileSize(r.dbPath) + fileSize(r.dbPath+"-wal")

	var texts []int64 // version ids with distinct texts
	seen := map[string]bool{}
	for _, id := range r.ids {
		vs, err := r.store.Versions(ctx, id)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		for _, v := range vs {
			if !seen[v.SHA256] {
				seen[v.SHA256] = true
				texts = append(texts, v.ID)
			}
		}
	}
	rep.DistinctTexts = len(texts)
	type rawJob struct {
		page int
		rot  rotation
	}
	var raws []rawJob
	for i, rots := range r.farm.served {
		for _, rot := range rots {
			raws = append(raws, rawJob{i, rot})
		}
	}
	rep.RawBodies = len(raws)

	var textGz, rawGz atomic.Int64
	var firstErr error
	var errOnce sync.Once
	jobs := make(chan func(*gzipCounter) error)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gz := newGzipCounter()
			for job := range jobs {
				if err := job(gz); err != nil {
					errOnce.Do(func() { firstErr = err })
				}
			}
		}()
	}
	for _, id := range texts {
		jobs <- func(gz *gzipCounter) error {
			v, err := r.store.Version(ctx, id)
			if err != nil {
				return err
			}
			textGz.Add(gz.size([]byte(v.Text)))
			return nil
		}
	}
	for _, j := range raws {
		jobs <- func(gz *gzipCounter) error {
			gz.buf = r.farm.body(j.page, j.rot, gz.buf[:0])
			rawGz.Add(gz.size(gz.buf))
			return nil
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return fmt.Errorf("bench: reading versions back: %w", firstErr)
	}
	rep.TextGzip, rep.RawGzip = textGz.Load(), rawGz.Load()
	rep.CompressedBytes = rep.TextGzip + rep.RawGzip
	return nil
}

// gzipCounter compresses one buffer at a time and counts the output.
type gzipCounter struct {
	w   *gzip.Writer
	n   int64
	buf []byte
}

func newGzipCounter() *gzipCounter {
	g := &gzipCounter{}
	g.w = gzip.NewWriter(g)
	return g
}

func (g *gzipCounter) Write(p []byte) (int, error) {
	g.n += int64(len(p))
	return len(p), nil
}

func (g *gzipCounter) size(b []byte) int64 {
	g.n = 0
	g.w.Reset(g)
	g.w.Write(b)
	g.w.Close()
	return g.n
}

// fileSize is the size of a file, 0 when it does not exist.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
