package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
)

// replayDiff prints the lines that differ at every unexpected or missed
// change of TestReplayCorpus, to find the noise behind it.
var replayDiff = flag.Bool("replaydiff", false, "log the differing lines of unexpected changes in TestReplayCorpus")

// replayResult is what one replay of one sequence measured.
type replayResult struct {
	changes, extra, missed, failures int
	similarity                       float64
}

func (r replayResult) String() string {
	return fmt.Sprintf("changes=%d extra_changes=%d missed_changes=%d failures=%d similarity=%.3f",
		r.changes, r.extra, r.missed, r.failures, r.similarity)
}

func replaySequence(t *testing.T, dir string, m corpustest.Replay, opts Options) replayResult {
	t.Helper()
	var res replayResult
	minute := func(s string) string { return s[:min(16, len(s))] }
	expected, optional := map[string]bool{}, map[string]bool{}
	for _, d := range m.OptionalChangeAt {
		optional[minute(d)] = true
	}
	for _, d := range m.ExpectedChangeAt {
		if !optional[minute(d)] {
			expected[minute(d)] = true
		}
	}
	var order []string
	prev, prevAt := "", ""
	changed := map[string]bool{}
	for i, s := range m.Snapshots {
		order = append(order, minute(s.FetchedAt))
		body, err := m.Snapshot(i)
		if err != nil {
			t.Fatalf("read %s: %v", s.File, err)
		}
		text, err := HTML(body, opts)
		if err != nil {
			if !slices.Contains(m.ExpectedFailedAt, s.FetchedAt) {
				res.failures++
				t.Logf("%s %s: %v", m.Service, s.File, err)
			}
			continue
		}
		if prev != "" && text != prev {
			res.changes++
			changed[minute(s.FetchedAt)] = true
			if *replayDiff && !expected[minute(s.FetchedAt)] && !optional[minute(s.FetchedAt)] {
				t.Logf("%s: unexpected change %s → %s (%s):\n%s", m.Service, prevAt, s.FetchedAt, s.File, lineDiff(prev, text))
			}
		}
		prev, prevAt = text, s.FetchedAt
	}
	extra, missed := matchChanges(order, expected, optional, changed)
	res.extra, res.missed = len(extra), len(missed)
	if *replayDiff {
		for _, d := range missed {
			t.Logf("%s: missed change at %s", m.Service, d)
		}
	}
	final, err := os.ReadFile(filepath.Join(dir, m.FinalVersion))
	if err != nil {
		t.Fatalf("read final version: %v", err)
	}
	res.similarity = wordRatio(words(prev), words(string(final)))
	return res
}

// replayLag is how many captures after the one that brought it a change may
// be recorded (a drastic change is confirmed by the following checks), as
// in shared/bench/replay.py.
const replayLag = 3

// matchChanges pairs each expected change with one of ours at the same
// capture or up to replayLag captures later, then the optional ones, as
// shared/bench/replay.py does; what is left of ours is extra.
func matchChanges(order []string, expected, optional, ours map[string]bool) (extra, missed []string) {
	pos := map[string]int{}
	for i, k := range order {
		pos[k] = i
	}
	byPos := func(set map[string]bool) []string {
		var keys []string
		for k := range set {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return pos[a] - pos[b] })
		return keys
	}
	left := byPos(ours)
	take := func(targets map[string]bool) (unmatched []string) {
		for _, t := range byPos(targets) {
			hit := slices.IndexFunc(left, func(c string) bool { d := pos[c] - pos[t]; return d >= 0 && d <= replayLag })
			if hit < 0 {
				unmatched = append(unmatched, t)
				continue
			}
			left = slices.Delete(left, hit, hit+1)
		}
		return unmatched
	}
	missed = take(expected)
	take(optional)
	return left, missed
}

// lineDiff lists the lines only in a (-) and only in b (+).
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	var out strings.Builder
	for _, l := range strings.Split(a, "\n") {
		if !inb[l] {
			fmt.Fprintf(&out, "- %.400s\n", l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ina[l] {
			fmt.Fprintf(&out, "+ %.400s\n", l)
		}
	}
	return out.String()
}

var (
	linkTarget = regexp.MustCompile(`\]\([^)]*\)`)
	mdPunct    = regexp.MustCompile("[#*_>`|\\[\\]\\\\]")
	word       = regexp.MustCompile(`[\p{L}\p{N}_\p{M}]+`)
)

// words splits Markdown into lower-case words the way
// shared/bench/replay.py does before comparing texts.
func words(md string) []string {
	md = linkTarget.ReplaceAllString(md, "]")
	md = mdPunct.ReplaceAllString(md, " ")
	return word.FindAllString(strings.ToLower(md), -1)
}

// wordRatio is Python's difflib.SequenceMatcher(None, a, b,
// autojunk=False).ratio(): twice the matched words over all words, the
// matches found by recursively taking the longest common block.
func wordRatio(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	b2j := map[string][]int{}
	for j, w := range b {
		b2j[w] = append(b2j[w], j)
	}
	longest := func(alo, ahi, blo, bhi int) (int, int, int) {
		besti, bestj, bestsize := alo, blo, 0
		j2len := map[int]int{}
		for i := alo; i < ahi; i++ {
			next := map[int]int{}
			for _, j := range b2j[a[i]] {
				if j < blo {
					continue
				}
				if j >= bhi {
					break
				}
				k := j2len[j-1] + 1
				next[j] = k
				if k > bestsize {
					besti, bestj, bestsize = i-k+1, j-k+1, k
				}
			}
			j2len = next
		}
		for besti > alo && bestj > blo && a[besti-1] == b[bestj-1] {
			besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
		}
		for besti+bestsize < ahi && bestj+bestsize < bhi && a[besti+bestsize] == b[bestj+bestsize] {
			bestsize++
		}
		return besti, bestj, bestsize
	}
	matched := 0
	queue := [][4]int{{0, len(a), 0, len(b)}}
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		i, j, k := longest(q[0], q[1], q[2], q[3])
		if k == 0 {
			continue
		}
		matched += k
		if q[0] < i && q[2] < j {
			queue = append(queue, [4]int{q[0], i, q[2], j})
		}
		if i+k < q[1] && j+k < q[3] {
			queue = append(queue, [4]int{i + k, q[1], j + k, q[3]})
		}
	}
	return 2 * float64(matched) / float64(len(a)+len(b))
}

func TestWordRatio(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"a b c d", "a b c d", 1},
		{"a b c d", "a x c d", 0.75},
		{"one two", "three four", 0},
		{"the [Terms](https://x.example/a) apply", "**The** terms apply", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a, func(t *testing.T) {
			if got := wordRatio(words(tt.a), words(tt.b)); got != tt.want {
				t.Errorf("wordRatio(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestReplayCorpus replays the real capture sequences of
// shared/corpus/replay: with the manifest's selectors no noise may make a
// change, no real change may be missed, and the final text must match the
// reference; without selectors the figures are only reported.
func TestReplayCorpus(t *testing.T) {
	for _, m := range corpustest.Replays(t) {
		dir := m.Dir
		t.Run(filepath.Base(dir), func(t *testing.T) {
			sel := replaySequence(t, dir, m, Options{Select: corpustest.Selectors(m.Select), Remove: corpustest.Selectors(m.Remove), BaseURL: m.URL})
			t.Logf("selectors: captures=%d expected_changes=%d %v", len(m.Snapshots), len(m.ExpectedChangeAt), sel)
			if sel.extra != 0 || sel.missed != 0 || sel.failures != 0 || sel.similarity < 0.97 {
				t.Errorf("selectors: got %v, want extra_changes=0 missed_changes=0 failures=0 similarity>=0.970", sel)
			}
			auto := replaySequence(t, dir, m, Options{BaseURL: m.URL})
			t.Logf("auto:      captures=%d expected_changes=%d %v", len(m.Snapshots), len(m.ExpectedChangeAt), auto)
		})
	}
}
