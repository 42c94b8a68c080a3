package diff

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func FuzzCompute(f *testing.F) {
	f.Add("", "")
	f.Add(lines(pA, pB, pC), lines(pA, pC, pB))
	f.Add(lines(pA, pB, pC, pD), lines(pD, strings.Replace(pB, "old", "young", 1), pA))
	f.Add("a\nb\na\nb\n", "b\na\nb\na\n")
	f.Add("x\r\n\n---\n---\ny", "---\nx y\n---\r\n")
	f.Add("本サービスの利用規約\ncafé fermé", "café ouvert\n本サービスの利用条件")
	f.Add("a, b; c.\n1,000 don't", "a; b, c!\n2,000 won't")
	f.Fuzz(func(t *testing.T, old, new string) {
		r := Compute(old, new)
		checkResult(t, old, new, r)
		_, ta := testParas(old)
		_, tb := testParas(new)
		la, _ := testParas(old)
		lb, _ := testParas(new)
		same := len(la) == len(lb)
		for i := 0; same && i < len(la); i++ {
			same = ta[la[i]] == tb[lb[i]]
		}
		if r.Changed() == same {
			t.Errorf("got Changed() %v for paragraphs that are the same: %v", r.Changed(), same)
		}
		checkWords(t, old, new, Words(old, new))
		var buf bytes.Buffer
		if err := r.WriteText(&buf, false); err != nil {
			t.Fatal(err)
		}
		if !r.Changed() && buf.Len() > 0 {
			t.Errorf("got text %q for no change", buf.String())
		}
	})
}

// TestComputeRandom checks the invariants on document-sized inputs, from
// realistic revisions to unrelated documents and repetitive text.
func TestComputeRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	repetitive := func(n int) []string {
		ps := make([]string, n)
		for i := range ps {
			ps[i] = []string{pA, pB, pC}[rng.IntN(3)]
		}
		return ps
	}
	tests := []struct {
		name     string
		old, new func() []string
	}{
		{"realistic", nil, nil},
		{"heavy edits", func() []string { return genDoc(rng, 300) }, nil},
		{"unrelated documents", func() []string { return genDoc(rng, 500) }, func() []string { return genDoc(rng, 500) }},
		{"repetitive", func() []string { return repetitive(600) }, func() []string { return repetitive(600) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 5 {
				var a, b []string
				switch {
				case tt.old == nil:
					a = genDoc(rng, 400)
					b = mutate(rng, a, realistic)
				case tt.new == nil:
					a = tt.old()
					b = mutate(rng, a, mutation{changes: 150, inserts: 40, deletes: 40, moves: 20, editedMoves: 20})
				default:
					a, b = tt.old(), tt.new()
				}
				old, new := joinDoc(a), joinDoc(b)
				checkResult(t, old, new, Compute(old, new))
			}
		})
	}
}

// On a realistic revision, the edits made are what is reported.
func TestComputeFindsEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	a := genDoc(rng, 2000)
	b := slices.Clone(a)
	b[100] = editWords(rng, b[100], 1)           // change
	b = slices.Insert(b, 500, genParagraph(rng)) // insert
	b = slices.Delete(b, 900, 901)               // delete
	moved := b[1200]                             // move far down
	b = slices.Insert(slices.Delete(b, 1200, 1201), 1800, moved)
	r := Compute(joinDoc(a), joinDoc(b))
	want := Stats{Inserted: 1, Deleted: 1, Changed: 1, Moved: 1}
	if a[100] == b[100] {
		want.Changed = 0
	}
	if r.Stats != want {
		t.Errorf("got stats %+v, want %+v", r.Stats, want)
	}
}
