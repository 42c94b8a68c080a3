package diff

import (
	"slices"
	"strings"
)

// para is one paragraph: a line of a text that is not blank.
type para struct {
	text string
	line int // 1-based line number in the text
}

// paragraphs splits text into its non-blank lines. The texts are substrings
// of text, so no paragraph is copied.
func paragraphs(text string) []para {
	ps := make([]para, 0, strings.Count(text, "\n")+1)
	for n := 1; text != ""; n++ {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, para{line, n})
	}
	return ps
}

// match pairs an old and a new element that are equal and kept in place.
type match struct{ a, b int }

// matchLines returns the equal paragraphs of a and b that a line diff keeps
// in place, in increasing order of both indexes.
func matchLines(a, b []para) []match {
	// Comparing strings directly is cheaper than hashing them, and most of
	// two versions of a document is often a common head and tail.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].text == b[pre].text {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].text == b[len(b)-1-suf].text {
		suf++
	}
	out := make([]match, 0, min(len(a), len(b)))
	for i := range pre {
		out = append(out, match{i, i})
	}
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(midA) > 0 && len(midB) > 0 {
		ids := make(map[string]int32, len(midA)+len(midB))
		seqA, seqB := make([]int32, len(midA)), make([]int32, len(midB))
		for i, p := range midA {
			seqA[i] = internID(ids, p.text)
		}
		for i, p := range midB {
			seqB[i] = internID(ids, p.text)
		}
		for _, m := range matchSeqs(seqA, seqB, len(ids)) {
			out = append(out, match{m.a + pre, m.b + pre})
		}
	}
	for i := range suf {
		out = append(out, match{len(a) - suf + i, len(b) - suf + i})
	}
	return out
}

func internID(ids map[string]int32, s string) int32 {
	id, ok := ids[s]
	if !ok {
		id = int32(len(ids))
		ids[s] = id
	}
	return id
}

// maxPatienceDepth bounds the recursion of the patience diff so that its
// work stays linear; deeper gaps go straight to the bounded Myers diff.
const maxPatienceDepth = 8

// matchSeqs diffs two sequences of ids in [0, nids) with a patience diff:
// elements that occur exactly once on each side anchor the alignment (the
// longest increasing run of them), and the gaps between anchors are
// diffed recursively, then with Myers' algorithm. Anchoring on unique
// paragraphs keeps a moved or repeated paragraph from skewing the
// alignment of the rest of the document.
func matchSeqs(a, b []int32, nids int) []match {
	s := &seqMatcher{
		a: a, b: b,
		countA: make([]int32, nids),
		countB: make([]int32, nids),
		posB:   make([]int32, nids),
		out:    make([]match, 0, min(len(a), len(b))),
	}
	s.diff(0, len(a), 0, len(b), 0)
	return s.out
}

type seqMatcher struct {
	a, b                 []int32
	countA, countB, posB []int32 // by id; zero outside unique()
	out                  []match
}

func (s *seqMatcher) diff(a0, a1, b0, b1, depth int) {
	for a0 < a1 && b0 < b1 && s.a[a0] == s.b[b0] {
		s.out = append(s.out, match{a0, b0})
		a0, b0 = a0+1, b0+1
	}
	suf := 0
	for a1-suf > a0 && b1-suf > b0 && s.a[a1-1-suf] == s.b[b1-1-suf] {
		suf++
	}
	a1, b1 = a1-suf, b1-suf
	if a0 < a1 && b0 < b1 {
		var anchors []match
		if depth < maxPatienceDepth {
			anchors = s.unique(a0, a1, b0, b1)
		}
		if len(anchors) > 0 {
			pa, pb := a0, b0
			for _, m := range anchors {
				s.diff(pa, m.a, pb, m.b, depth+1)
				s.out = append(s.out, m)
				pa, pb = m.a+1, m.b+1
			}
			s.diff(pa, a1, pb, b1, depth+1)
		} else if ms, ok := myers(s.a[a0:a1], s.b[b0:b1]); ok {
			for _, m := range ms {
				s.out = append(s.out, match{m.a + a0, m.b + b0})
			}
		}
		// Otherwise the gap is too costly to align and stays a replacement.
	}
	for i := range suf {
		s.out = append(s.out, match{a1 + i, b1 + i})
	}
}

// unique returns the longest increasing sequence of elements that occur
// exactly once in a[a0:a1] and once in b[b0:b1].
func (s *seqMatcher) unique(a0, a1, b0, b1 int) []match {
	for _, id := range s.a[a0:a1] {
		s.countA[id]++
	}
	for j := b0; j < b1; j++ {
		s.countB[s.b[j]]++
		s.posB[s.b[j]] = int32(j)
	}
	var cands []match
	for i := a0; i < a1; i++ {
		if id := s.a[i]; s.countA[id] == 1 && s.countB[id] == 1 {
			cands = append(cands, match{i, int(s.posB[id])})
		}
	}
	for _, id := range s.a[a0:a1] {
		s.countA[id] = 0
	}
	for _, id := range s.b[b0:b1] {
		s.countB[id] = 0
	}
	return longestIncreasing(cands)
}

// longestIncreasing returns the longest subsequence of c (ordered by a)
// whose b are increasing, by patience sorting.
func longestIncreasing(c []match) []match {
	if len(c) == 0 {
		return nil
	}
	var tails []int // tails[k]: index in c of the smallest end of a run of length k+1
	prev := make([]int, len(c))
	for i, m := range c {
		k, _ := slices.BinarySearchFunc(tails, m.b, func(t, b int) int { return c[t].b - b })
		prev[i] = -1
		if k > 0 {
			prev[i] = tails[k-1]
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	out := make([]match, len(tails))
	for i, k := tails[len(tails)-1], len(tails)-1; k >= 0; i, k = prev[i], k-1 {
		out[k] = c[i]
	}
	return out
}

// Bounds of myers: the work is about (len(a)+len(b)) × D and the memory
// about D², where D is the number of edits.
const (
	myersWork = 20_000_000
	myersMaxD = 1024
)

// myers returns the matches of a shortest edit script of a and b (Myers,
// "An O(ND) difference algorithm", 1986), or false when that script needs
// more edits than the bounds allow.
func myers(a, b []int32) ([]match, bool) {
	n, m := len(a), len(b)
	if n+m == 0 {
		return nil, true
	}
	maxD := min(n+m, myersMaxD, myersWork/(n+m))
	off := maxD + 1
	v := make([]int32, 2*maxD+3) // v[off+k]: furthest x on diagonal k; -1 unreached
	for i := range v {
		v[i] = -1
	}
	// trace holds, for each d, v[off-d-1 : off+d+2] as it was before step d.
	var trace []int32
	for d := 0; d <= maxD; d++ {
		trace = append(trace, v[off-d-1:off+d+2]...)
		for k := -d; k <= d; k += 2 {
			x := step(v, off, k, d, n, m)
			if x < 0 {
				v[off+k] = -1
				continue
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = int32(x)
			if x == n && y == m {
				return backtrack(trace, d, n, m), true
			}
		}
	}
	return nil, false
}

// step returns where the furthest d-path on diagonal k starts its final
// snake, from the (d-1)-paths in v, or -1 when no such path stays inside
// the n×m grid. Keeping every point inside the grid lets backtrack retrace
// the choice exactly.
func step(v []int32, off, k, d, n, m int) int {
	if d == 0 {
		return 0
	}
	down, right := -1, -1
	if k < d {
		if x := int(v[off+k+1]); x >= 0 && x-k <= m {
			down = x
		}
	}
	if k > -d {
		if x := int(v[off+k-1]); x >= 0 && x+1 <= n {
			right = x + 1
		}
	}
	return max(down, right)
}

func backtrack(trace []int32, last, n, m int) []match {
	var rev []match
	x, y := n, m
	for d := last; d > 0; d-- {
		start := d*d + 2*d // len of trace before step d: sum of 2i+3 for i<d
		prev := trace[start : start+2*d+3]
		off := d + 1
		k := x - y
		x0 := step(prev, off, k, d, n, m)
		y0 := x0 - k
		for x > x0 && y > y0 {
			rev = append(rev, match{x - 1, y - 1})
			x, y = x-1, y-1
		}
		// Undo the edit that led to (x0, y0).
		if k < d && int(prev[off+k+1]) == x0 && x0-k <= m {
			y-- // came down from diagonal k+1
		} else {
			x--
		}
	}
	for x > 0 && y > 0 {
		rev = append(rev, match{x - 1, y - 1})
		x, y = x-1, y-1
	}
	slices.Reverse(rev)
	return rev
}
