package diff

import (
	"slices"
	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

const (
	// wordTimeout bounds go-diff on one pair of paragraphs; past it go-diff
	// returns a coarser but still exact diff.
	wordTimeout = 100 * time.Millisecond
	// maxGoDiffTokens bounds the token count handed to go-diff, whose
	// substring searches are quadratic on repetitive input; longer
	// paragraphs use the bounded patience diff of this package.
	maxGoDiffTokens = 10_000
)

// Words returns the word-level diff of two strings: runs of Equal, Delete
// and Insert that start and end on word boundaries. Within the runs
// between two Equal runs, the Delete comes before the Insert.
func Words(oldText, newText string) []Word {
	return wordDiff(oldText, newText, time.Now().Add(wordBudget))
}

func wordDiff(a, b string, deadline time.Time) []Word {
	if a == b {
		if a == "" {
			return nil
		}
		return []Word{{Equal, a}}
	}
	ta, tb := tokenize(a), tokenize(b)
	pre, preLen := 0, 0
	for pre < len(ta) && pre < len(tb) && ta[pre] == tb[pre] {
		preLen += len(ta[pre])
		pre++
	}
	suf, sufLen := 0, 0
	for suf < len(ta)-pre && suf < len(tb)-pre && ta[len(ta)-1-suf] == tb[len(tb)-1-suf] {
		sufLen += len(ta[len(ta)-1-suf])
		suf++
	}
	ma, mb := ta[pre:len(ta)-suf], tb[pre:len(tb)-suf]
	midA, midB := a[preLen:len(a)-sufLen], b[preLen:len(b)-sufLen]

	var mid []Word
	ok := false
	timeout := min(wordTimeout, time.Until(deadline))
	switch {
	case len(ma) == 0 || len(mb) == 0 || timeout <= 0:
	case len(ma) <= maxGoDiffTokens && len(mb) <= maxGoDiffTokens:
		mid, ok = goDiffTokens(ma, mb, timeout)
	default:
		mid, ok = patienceTokens(ma, mb, midA, midB)
	}
	// The check is cheap and guards against any slip in the cleanups, which
	// work on strings rather than tokens.
	if !ok || !rebuilds(mid, midA, midB) {
		mid = []Word{{Delete, midA}, {Insert, midB}}
	}
	out := make([]Word, 0, len(mid)+2)
	out = append(out, Word{Equal, a[:preLen]})
	out = append(out, mid...)
	out = append(out, Word{Equal, a[len(a)-sufLen:]})
	return normalize(out)
}

// goDiffTokens diffs two token sequences with go-diff by giving each
// distinct token a rune of its own.
func goDiffTokens(ta, tb []string, timeout time.Duration) ([]Word, bool) {
	var enc tokenCodec
	ra, rb := enc.encode(ta), enc.encode(tb)
	if ra == nil || rb == nil {
		return nil, false
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = timeout
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	out := make([]Word, 0, len(diffs))
	var sb strings.Builder
	for _, d := range diffs {
		sb.Reset()
		for _, r := range d.Text {
			t, ok := enc.decode(r)
			if !ok {
				return nil, false
			}
			sb.WriteString(t)
		}
		op := Equal
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = Delete
		case diffmatchpatch.DiffInsert:
			op = Insert
		}
		out = append(out, Word{op, sb.String()})
	}
	return out, true
}

// tokenCodec maps tokens to runes and back. Tokens get private-use runes,
// except the first whitespace tokens, which get ASCII whitespace so that
// go-diff's semantic cleanup still sees where words end.
type tokenCodec struct {
	ids    map[string]rune
	tokens []string // by id
	spaces []string // tokens given spaceRunes, in order
}

var spaceRunes = []rune{' ', '\t', '\f'}

// Private-use areas: the BMP one, then planes 15 and 16.
const (
	pua1, pua1Size = 0xE000, 0x1900
	pua2, pua2Size = 0xF0000, 0x1FFFE
)

func (c *tokenCodec) encode(ts []string) []rune {
	if c.ids == nil {
		c.ids = make(map[string]rune)
	}
	rs := make([]rune, len(ts))
	for i, t := range ts {
		r, ok := c.ids[t]
		if !ok {
			switch n := len(c.tokens); {
			case len(c.spaces) < len(spaceRunes) && isSpaceToken(t):
				r = spaceRunes[len(c.spaces)]
				c.spaces = append(c.spaces, t)
			case n < pua1Size:
				r = rune(pua1 + n)
				c.tokens = append(c.tokens, t)
			case n < pua1Size+pua2Size:
				r = rune(pua2 + n - pua1Size)
				c.tokens = append(c.tokens, t)
			default:
				return nil
			}
			c.ids[t] = r
		}
		rs[i] = r
	}
	return rs
}

func (c *tokenCodec) decode(r rune) (string, bool) {
	var n int
	switch {
	case r >= pua1 && r < pua1+pua1Size:
		n = int(r - pua1)
	case r >= pua2 && r < pua2+pua2Size:
		n = int(r-pua2) + pua1Size
	default:
		if i := slices.Index(spaceRunes, r); i >= 0 && i < len(c.spaces) {
			return c.spaces[i], true
		}
		return "", false
	}
	if n >= len(c.tokens) {
		return "", false
	}
	return c.tokens[n], true
}

// patienceTokens diffs long token sequences, the tokens of a and b, with
// the bounded patience diff used for paragraphs: rare tokens (names,
// amounts) anchor the alignment, so the work stays near linear.
func patienceTokens(ta, tb []string, a, b string) ([]Word, bool) {
	ids := make(map[string]int32)
	sa, sb := make([]int32, len(ta)), make([]int32, len(tb))
	offA, offB := make([]int, len(ta)+1), make([]int, len(tb)+1)
	for i, t := range ta {
		sa[i] = internID(ids, t)
		offA[i+1] = offA[i] + len(t)
	}
	for i, t := range tb {
		sb[i] = internID(ids, t)
		offB[i+1] = offB[i] + len(t)
	}
	var out []Word
	i, j := 0, 0 // tokens before them are done
	eq := 0      // matched tokens pending before i
	flushEqual := func() {
		if eq > 0 {
			out = append(out, Word{Equal, a[offA[i-eq]:offA[i]]})
			eq = 0
		}
	}
	for _, m := range append(matchSeqs(sa, sb, len(ids)), match{len(ta), len(tb)}) {
		if m.a > i || m.b > j {
			flushEqual()
			out = append(out, Word{Delete, a[offA[i]:offA[m.a]]}, Word{Insert, b[offB[j]:offB[m.b]]})
		}
		i, j = m.a+1, m.b+1
		eq++
	}
	i-- // past the sentinel
	eq--
	flushEqual()
	return out, true
}

// rebuilds reports whether ws turns a into b.
func rebuilds(ws []Word, a, b string) bool {
	for _, w := range ws {
		if w.Op != Insert {
			if !strings.HasPrefix(a, w.Text) {
				return false
			}
			a = a[len(w.Text):]
		}
		if w.Op != Delete {
			if !strings.HasPrefix(b, w.Text) {
				return false
			}
			b = b[len(w.Text):]
		}
	}
	return a == "" && b == ""
}

// normalize drops empty runs and merges neighbours, so that Equal runs
// alternate with one Delete and/or one Insert, the Delete first.
func normalize(ws []Word) []Word {
	out := make([]Word, 0, len(ws))
	var eq, del, ins strings.Builder
	flush := func() {
		for _, r := range []struct {
			op Op
			b  *strings.Builder
		}{{Equal, &eq}, {Delete, &del}, {Insert, &ins}} {
			if r.b.Len() > 0 {
				out = append(out, Word{r.op, r.b.String()})
				r.b.Reset()
			}
		}
	}
	for _, w := range ws {
		switch {
		case w.Text == "":
		case w.Op == Equal:
			if del.Len() > 0 || ins.Len() > 0 {
				flush()
			}
			eq.WriteString(w.Text)
		default:
			if eq.Len() > 0 {
				flush()
			}
			if w.Op == Delete {
				del.WriteString(w.Text)
			} else {
				ins.WriteString(w.Text)
			}
		}
	}
	flush()
	return out
}
