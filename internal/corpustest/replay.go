package corpustest

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// Replay is one capture sequence of the replay corpus: its manifest.json
// (see the corpus README) and the directory of its captures.
type Replay struct {
	Dir       string          `json:"-"`
	Service   string          `json:"service"`
	Type      string          `json:"type"`
	URL       string          `json:"url"`
	Select    json.RawMessage `json:"select"` // null, a string or a list
	Remove    json.RawMessage `json:"remove"`
	Snapshots []struct {
		File      string `json:"file"`
		FetchedAt string `json:"fetched_at"`
	} `json:"snapshots"`
	ExpectedChangeAt []string `json:"expected_change_at"`
	OptionalChangeAt []string `json:"optional_change_at"`
	ExpectedFailedAt []string `json:"expected_failed_at"`
	FinalVersion     string   `json:"final_version"`
}

// Replays reads every capture sequence of the replay corpus, skipping or
// failing tb as Dir does without it, and failing it when the corpus holds
// none.
func Replays(tb testing.TB) []Replay {
	tb.Helper()
	dir := Dir(tb, "replay")
	mfs, err := filepath.Glob(filepath.Join(dir, "*", "manifest.json"))
	if err != nil || len(mfs) == 0 {
		tb.Fatalf("no capture sequences in %s: %v", dir, err)
	}
	out := make([]Replay, len(mfs))
	for i, mf := range mfs {
		raw, err := os.ReadFile(mf)
		if err != nil {
			tb.Fatal(err)
		}
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			tb.Fatalf("%s: %v", mf, err)
		}
		out[i].Dir = filepath.Dir(mf)
	}
	return out
}

// Selectors returns a selector field of a manifest (Select, Remove) as a
// list.
func Selectors(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil && one != "" {
		return []string{one}
	}
	var many []string
	_ = json.Unmarshal(raw, &many)
	return many
}

// Snapshot returns the i-th capture of the sequence, decompressed.
func (r Replay) Snapshot(i int) ([]byte, error) {
	f, err := os.Open(filepath.Join(r.Dir, r.Snapshots[i].File))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name(), err)
	}
	return io.ReadAll(z)
}
