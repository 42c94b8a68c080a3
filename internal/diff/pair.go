package diff

import (
	"cmp"
	"slices"
	"time"
	"unicode"
)

// pairKind says how a paragraph outside the kept lines is reported.
type pairKind uint8

const (
	unpaired   pairKind = iota // a plain deletion or insertion
	pairChange                 // edited in place: a Change with its partner
	pairMove                   // moved, maybe edited: a Move with its partner
)

// hunk is a run of paragraphs between two kept lines: a[a0:a1] were
// replaced by b[b0:b1] (either may be empty).
type hunk struct{ a0, a1, b0, b1 int }

// pairing decides which deleted and inserted paragraphs are one paragraph
// that changed or moved. Indexes are into a (old) and b (new).
type pairing struct {
	a, b         []para
	hunks        []hunk
	inHunkA      []bool // not kept in place
	inHunkB      []bool
	partA, partB []int // partner on the other side, when paired
	kindA, kindB []pairKind
	bagA, bagB   [][]uint64 // token bags, computed when first needed
}

func newPairing(a, b []para, ms []match) *pairing {
	p := &pairing{
		a: a, b: b,
		inHunkA: make([]bool, len(a)), inHunkB: make([]bool, len(b)),
		partA: make([]int, len(a)), partB: make([]int, len(b)),
		kindA: make([]pairKind, len(a)), kindB: make([]pairKind, len(b)),
		bagA: make([][]uint64, len(a)), bagB: make([][]uint64, len(b)),
	}
	prevA, prevB := 0, 0
	addHunk := func(a1, b1 int) {
		if a1 > prevA || b1 > prevB {
			p.hunks = append(p.hunks, hunk{prevA, a1, prevB, b1})
			for i := prevA; i < a1; i++ {
				p.inHunkA[i] = true
			}
			for j := prevB; j < b1; j++ {
				p.inHunkB[j] = true
			}
		}
	}
	for _, m := range ms {
		addHunk(m.a, m.b)
		prevA, prevB = m.a+1, m.b+1
	}
	addHunk(len(a), len(b))
	return p
}

func (p *pairing) link(i, j int, k pairKind) {
	p.partA[i], p.partB[j] = j, i
	p.kindA[i], p.kindB[j] = k, k
}

// linkSimilar pairs two paragraphs of a hunk as a change, or as a move when
// their texts are the same (lines without words, which pairMoves skips),
// as a change must change something.
func (p *pairing) linkSimilar(i, j int) {
	if p.a[i].text == p.b[j].text {
		p.link(i, j, pairMove)
	} else {
		p.link(i, j, pairChange)
	}
}

func (p *pairing) bagOfA(i int) []uint64 {
	if p.bagA[i] == nil {
		p.bagA[i] = bag(p.a[i].text)
	}
	return p.bagA[i]
}

func (p *pairing) bagOfB(j int) []uint64 {
	if p.bagB[j] == nil {
		p.bagB[j] = bag(p.b[j].text)
	}
	return p.bagB[j]
}

// pairMoves pairs each inserted paragraph with a deleted paragraph of the
// same text, first come first served. Lines without a letter or digit
// (rules, table separators) are left alone: their sameness means nothing.
func (p *pairing) pairMoves() {
	byText := make(map[string][]int)
	for i, in := range p.inHunkA {
		if in && hasWord(p.a[i].text) {
			byText[p.a[i].text] = append(byText[p.a[i].text], i)
		}
	}
	if len(byText) == 0 {
		return
	}
	for j, in := range p.inHunkB {
		if !in {
			continue
		}
		if q := byText[p.b[j].text]; len(q) > 0 {
			p.link(q[0], j, pairMove)
			byText[p.b[j].text] = q[1:]
		}
	}
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// pairChanges pairs, within each hunk, deleted and inserted paragraphs that
// are similar enough to be shown as one edited paragraph. Pairs keep the
// order of both sides so that the result reads top to bottom.
func (p *pairing) pairChanges() {
	var ds, is []int
	for _, h := range p.hunks {
		ds, is = ds[:0], is[:0]
		for i := h.a0; i < h.a1; i++ {
			if p.kindA[i] == unpaired {
				ds = append(ds, i)
			}
		}
		for j := h.b0; j < h.b1; j++ {
			if p.kindB[j] == unpaired {
				is = append(is, j)
			}
		}
		switch {
		case len(ds) == 0 || len(is) == 0:
		case len(ds)*len(is) <= maxPairCells:
			p.alignBest(ds, is)
		default:
			p.alignGreedy(ds, is)
		}
	}
}

// alignBest pairs ds with is so that the total similarity of the pairs is
// the largest possible, by dynamic programming over the similarity matrix.
func (p *pairing) alignBest(ds, is []int) {
	n, m := len(ds), len(is)
	sim := make([]float64, n*m)
	for x, i := range ds {
		for y, j := range is {
			if s := dice(p.bagOfA(i), p.bagOfB(j)); s >= changeMin {
				sim[x*m+y] = s
			}
		}
	}
	w := m + 1
	best := make([]float64, (n+1)*w) // best[x*w+y]: of ds[:x] and is[:y]
	for x := 1; x <= n; x++ {
		for y := 1; y <= m; y++ {
			v := max(best[(x-1)*w+y], best[x*w+y-1])
			if s := sim[(x-1)*m+y-1]; s > 0 {
				v = max(v, best[(x-1)*w+y-1]+s)
			}
			best[x*w+y] = v
		}
	}
	for x, y := n, m; x > 0 && y > 0; {
		switch s := sim[(x-1)*m+y-1]; {
		case s > 0 && best[x*w+y] == best[(x-1)*w+y-1]+s:
			p.linkSimilar(ds[x-1], is[y-1])
			x, y = x-1, y-1
		case best[x*w+y] == best[(x-1)*w+y]:
			x--
		default:
			y--
		}
	}
}

// alignGreedy pairs each of ds with the most similar of the next
// pairWindow unpaired paragraphs of is: linear work for huge hunks, such
// as between unrelated documents.
func (p *pairing) alignGreedy(ds, is []int) {
	next := 0
	for _, i := range ds {
		best, at := 0.0, -1
		for y := next; y < len(is) && y < next+pairWindow; y++ {
			if s := dice(p.bagOfA(i), p.bagOfB(is[y])); s > best {
				best, at = s, y
			}
		}
		if best >= changeMin {
			p.linkSimilar(i, is[at])
			next = at + 1
		}
	}
}

// pairEditedMoves pairs the deleted and inserted paragraphs left over that
// are very similar, wherever they are: a paragraph moved and edited.
func (p *pairing) pairEditedMoves() {
	var ds, is []int
	for i, in := range p.inHunkA {
		if in && p.kindA[i] == unpaired && len(p.bagOfA(i)) >= moveMinTokens {
			ds = append(ds, i)
		}
	}
	for j, in := range p.inHunkB {
		if in && p.kindB[j] == unpaired && len(p.bagOfB(j)) >= moveMinTokens {
			is = append(is, j)
		}
	}
	if len(ds) == 0 || len(is) == 0 || len(ds)*len(is) > maxMoveCells {
		return
	}
	type cand struct {
		i, j int
		s    float64
	}
	var cs []cand
	for _, i := range ds {
		for _, j := range is {
			if s := dice(p.bagA[i], p.bagB[j]); s >= moveMin {
				cs = append(cs, cand{i, j, s})
			}
		}
	}
	slices.SortStableFunc(cs, func(x, y cand) int { return cmp.Compare(y.s, x.s) })
	for _, c := range cs {
		if p.kindA[c.i] == unpaired && p.kindB[c.j] == unpaired {
			p.link(c.i, c.j, pairMove)
		}
	}
}

// result lists the paragraphs that differ, hunk by hunk in document order.
// Word diffs are computed until deadline, then replaced by whole
// paragraphs so that a pathological input cannot take unbounded time.
func (p *pairing) result(deadline time.Time) Result {
	r := Result{Lines: make([]Line, 0)}
	for _, h := range p.hunks {
		i, j := h.a0, h.b0
		for i < h.a1 || j < h.b1 {
			// Deletions come before insertions at the same place.
			if i < h.a1 && p.kindA[i] != pairChange {
				if p.kindA[i] == unpaired {
					r.add(Line{Op: Delete, OldLine: p.a[i].line, Old: p.a[i].text})
				}
				i++
				continue
			}
			if j < h.b1 && p.kindB[j] != pairChange {
				switch p.kindB[j] {
				case unpaired:
					r.add(Line{Op: Insert, NewLine: p.b[j].line, New: p.b[j].text})
				case pairMove:
					r.add(p.line(Move, p.partB[j], j, deadline))
				}
				j++
				continue
			}
			// Changes keep the order of both sides, so the next change on
			// each side must be the same pair.
			if i >= h.a1 || j >= h.b1 || p.partA[i] != j {
				panic("diff: changed paragraphs paired out of order")
			}
			r.add(p.line(Change, i, j, deadline))
			i, j = i+1, j+1
		}
	}
	return r
}

func (p *pairing) line(op Op, i, j int, deadline time.Time) Line {
	l := Line{Op: op, OldLine: p.a[i].line, NewLine: p.b[j].line, Old: p.a[i].text, New: p.b[j].text}
	if l.Old != l.New {
		l.Words = wordDiff(l.Old, l.New, deadline)
	}
	return l
}

func (r *Result) add(l Line) {
	r.Lines = append(r.Lines, l)
	switch l.Op {
	case Insert:
		r.Stats.Inserted++
	case Delete:
		r.Stats.Deleted++
	case Change:
		r.Stats.Changed++
	case Move:
		r.Stats.Moved++
	}
}
