package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Test documents: terms-of-service-like text, one paragraph per line with
// blank lines between, made from a fixed seed so that runs compare.

var vocabulary = strings.Fields(`the you we us our your service services terms agreement account
	content data personal information may must shall will not any all such other third party parties
	provide use access including without limitation liability liable damages indirect incidental
	consequential loss profits revenue law laws applicable jurisdiction court courts dispute arbitration
	notice notices email time reasonable right rights reserve terminate suspend suspension termination
	fees payment payments invoice days months year subscription renewal cancel refund warranty warranties
	disclaim express implied merchantability fitness purpose indemnify defend hold harmless claims
	costs expenses attorneys arising connection breach violation policy privacy consent license grant
	limited non-exclusive transferable revocable intellectual property trademarks copyright company
	affiliates officers employees agents licensors partners users customers business individual legal
	entity authority bind accept agree changes modify update effective date continued constitutes`)

// genParagraph returns one paragraph of 12 to 40 words.
func genParagraph(rng *rand.Rand) string {
	n := 12 + rng.IntN(29)
	var sb strings.Builder
	for i := range n {
		w := vocabulary[rng.IntN(len(vocabulary))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			sb.WriteByte(' ')
		}
		sb.WriteString(w)
		switch rng.IntN(12) {
		case 0:
			sb.WriteByte(',')
		case 1:
			if i > 0 && i < n-1 {
				sb.WriteString(" (including $" + fmt.Sprint(rng.IntN(900)+100) + ")")
			}
		}
	}
	sb.WriteByte('.')
	return sb.String()
}

// genDoc returns n paragraphs, a heading every 15.
func genDoc(rng *rand.Rand, n int) []string {
	ps := make([]string, n)
	for i := range ps {
		if i%15 == 0 {
			ps[i] = fmt.Sprintf("## %d. %s", i/15+1, strings.ToUpper(vocabulary[rng.IntN(len(vocabulary))]))
			continue
		}
		ps[i] = genParagraph(rng)
	}
	return ps
}

// editWords changes, inserts or deletes a few words of a paragraph.
func editWords(rng *rand.Rand, p string, edits int) string {
	ws := strings.Split(p, " ")
	for range edits {
		i := rng.IntN(len(ws))
		switch rng.IntN(3) {
		case 0:
			ws[i] = vocabulary[rng.IntN(len(vocabulary))]
		case 1:
			ws = append(ws[:i], append([]string{vocabulary[rng.IntN(len(vocabulary))]}, ws[i:]...)...)
		default:
			if len(ws) > 3 {
				ws = append(ws[:i], ws[i+1:]...)
			}
		}
	}
	return strings.Join(ws, " ")
}

// mutation says how many of each edit mutate makes.
type mutation struct{ changes, inserts, deletes, moves, editedMoves int }

// realistic is a revision of a long document: a few dozen edits.
var realistic = mutation{changes: 20, inserts: 5, deletes: 5, moves: 3, editedMoves: 2}

// mutate returns a revision of ps.
func mutate(rng *rand.Rand, ps []string, m mutation) []string {
	out := append([]string(nil), ps...)
	for range m.changes {
		i := rng.IntN(len(out))
		out[i] = editWords(rng, out[i], 1+rng.IntN(3))
	}
	for range m.deletes {
		if len(out) > 0 {
			i := rng.IntN(len(out))
			out = append(out[:i], out[i+1:]...)
		}
	}
	for range m.inserts {
		i := rng.IntN(len(out) + 1)
		out = append(out[:i], append([]string{genParagraph(rng)}, out[i:]...)...)
	}
	for k := range m.moves + m.editedMoves {
		if len(out) < 2 {
			break
		}
		i := rng.IntN(len(out))
		p := out[i]
		out = append(out[:i], out[i+1:]...)
		if k >= m.moves {
			p = editWords(rng, p, 1)
		}
		j := rng.IntN(len(out) + 1)
		out = append(out[:j], append([]string{p}, out[j:]...)...)
	}
	return out
}

func joinDoc(ps []string) string { return strings.Join(ps, "\n\n") + "\n" }
