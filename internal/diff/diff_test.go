package diff

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const (
	pA = "These terms govern your use of the service and form a contract between you and us."
	pB = "You must be at least eighteen years old to open an account with the company."
	pC = "We may suspend your account if you break these terms or the law applies to you."
	pD = "Payments are due within thirty days of the invoice date unless agreed otherwise."
	pE = "Our total liability to you is limited to the fees you paid us in the last twelve months."
)

func lines(ps ...string) string { return strings.Join(ps, "\n") + "\n" }

func TestCompute(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Line
		stats    Stats
	}{
		{
			name: "identical",
			old:  lines(pA, pB, pC),
			new:  lines(pA, pB, pC),
		},
		{
			name: "blank lines and line endings only",
			old:  "\n" + pA + "\n\n" + pB + "\n",
			new:  pA + "\r\n   \r\n\r\n" + pB,
		},
		{
			name: "one word changed",
			old:  lines(pA, pB, pC),
			new:  lines(pA, strings.Replace(pB, "eighteen", "sixteen", 1), pC),
			want: []Line{{Op: Change, OldLine: 2, NewLine: 2, Old: pB,
				New: strings.Replace(pB, "eighteen", "sixteen", 1),
				Words: []Word{
					{Equal, "You must be at least "},
					{Delete, "eighteen"},
					{Insert, "sixteen"},
					{Equal, " years old to open an account with the company."},
				}}},
			stats: Stats{Changed: 1},
		},
		{
			name:  "paragraph inserted",
			old:   lines(pA, pC),
			new:   lines(pA, pB, pC),
			want:  []Line{{Op: Insert, NewLine: 2, New: pB}},
			stats: Stats{Inserted: 1},
		},
		{
			name:  "paragraph deleted",
			old:   lines(pA, pB, pC),
			new:   lines(pA, pC),
			want:  []Line{{Op: Delete, OldLine: 2, Old: pB}},
			stats: Stats{Deleted: 1},
		},
		{
			name:  "paragraph moved",
			old:   lines(pA, pB, pC, pD),
			new:   lines(pB, pC, pA, pD),
			want:  []Line{{Op: Move, OldLine: 1, NewLine: 3, Old: pA, New: pA}},
			stats: Stats{Moved: 1},
		},
		{
			name: "paragraph moved and edited",
			old:  lines(pA, pB, pC, pD, pE),
			new:  lines(pA, strings.Replace(pE, "twelve", "six", 1), pB, pC, pD),
			want: []Line{{Op: Move, OldLine: 5, NewLine: 2, Old: pE,
				New: strings.Replace(pE, "twelve", "six", 1),
				Words: []Word{
					{Equal, "Our total liability to you is limited to the fees you paid us in the last "},
					{Delete, "twelve"},
					{Insert, "six"},
					{Equal, " months."},
				}}},
			stats: Stats{Moved: 1},
		},
		{
			name: "dissimilar paragraphs replaced",
			old:  lines(pA, pB, pE),
			new:  lines(pA, pD, pE),
			want: []Line{
				{Op: Delete, OldLine: 2, Old: pB},
				{Op: Insert, NewLine: 2, New: pD},
			},
			stats: Stats{Inserted: 1, Deleted: 1},
		},
		{
			name: "punctuation only",
			old:  lines("We may, at any time, change these terms."),
			new:  lines("We may, at any time; change these terms!"),
			want: []Line{{Op: Change, OldLine: 1, NewLine: 1,
				Old: "We may, at any time, change these terms.",
				New: "We may, at any time; change these terms!",
				Words: []Word{
					{Equal, "We may, at any time"},
					{Delete, ","},
					{Insert, ";"},
					{Equal, " change these terms"},
					{Delete, "."},
					{Insert, "!"},
				}}},
			stats: Stats{Changed: 1},
		},
		{
			name: "accented words are whole words",
			old:  lines("Le café est fermé le dimanche et les jours fériés."),
			new:  lines("Le café est ouvert le dimanche et les jours fériés."),
			want: []Line{{Op: Change, OldLine: 1, NewLine: 1,
				Old: "Le café est fermé le dimanche et les jours fériés.",
				New: "Le café est ouvert le dimanche et les jours fériés.",
				Words: []Word{
					{Equal, "Le café est "},
					{Delete, "fermé"},
					{Insert, "ouvert"},
					{Equal, " le dimanche et les jours fériés."},
				}}},
			stats: Stats{Changed: 1},
		},
		{
			name: "CJK characters are words",
			old:  lines("本サービスの利用規約に同意します。"),
			new:  lines("本サービスの利用条件に同意します。"),
			want: []Line{{Op: Change, OldLine: 1, NewLine: 1,
				Old: "本サービスの利用規約に同意します。",
				New: "本サービスの利用条件に同意します。",
				Words: []Word{
					{Equal, "本サービスの利用"},
					{Delete, "規約"},
					{Insert, "条件"},
					{Equal, "に同意します。"},
				}}},
			stats: Stats{Changed: 1},
		},
		{
			name: "empty old text",
			old:  "",
			new:  lines(pA, pB),
			want: []Line{
				{Op: Insert, NewLine: 1, New: pA},
				{Op: Insert, NewLine: 2, New: pB},
			},
			stats: Stats{Inserted: 2},
		},
		{
			name: "empty new text",
			old:  lines(pA, pB),
			new:  "",
			want: []Line{
				{Op: Delete, OldLine: 1, Old: pA},
				{Op: Delete, OldLine: 2, Old: pB},
			},
			stats: Stats{Deleted: 2},
		},
		{
			name: "both empty",
		},
		{
			name: "deletion placed before insertion",
			old:  lines(pA, pB, pC, pE),
			new:  lines(pA, pD, strings.Replace(pC, "suspend", "close", 1), pE),
			want: []Line{
				{Op: Delete, OldLine: 2, Old: pB},
				{Op: Insert, NewLine: 2, New: pD},
				{Op: Change, OldLine: 3, NewLine: 3, Old: pC,
					New: strings.Replace(pC, "suspend", "close", 1),
					Words: []Word{
						{Equal, "We may "},
						{Delete, "suspend"},
						{Insert, "close"},
						{Equal, " your account if you break these terms or the law applies to you."},
					}},
			},
			stats: Stats{Inserted: 1, Deleted: 1, Changed: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(tt.old, tt.new)
			checkResult(t, tt.old, tt.new, got)
			if len(got.Lines) != len(tt.want) || (len(tt.want) > 0 && !reflect.DeepEqual(got.Lines, tt.want)) {
				t.Errorf("got lines\n%+v\nwant\n%+v", got.Lines, tt.want)
			}
			if got.Stats != tt.stats {
				t.Errorf("got stats %+v, want %+v", got.Stats, tt.stats)
			}
			if got.Changed() != (len(tt.want) > 0) {
				t.Errorf("got Changed() %v, want %v", got.Changed(), len(tt.want) > 0)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Word
	}{
		{"same", "a b", "a b", []Word{{Equal, "a b"}}},
		{"both empty", "", "", nil},
		{"from empty", "", "new text", []Word{{Insert, "new text"}}},
		{"to empty", "old text", "", []Word{{Delete, "old text"}}},
		{"number is one word", "a cap of $1,000.00 per claim", "a cap of $2,500.00 per claim",
			[]Word{{Equal, "a cap of $"}, {Delete, "1,000.00"}, {Insert, "2,500.00"}, {Equal, " per claim"}}},
		{"contraction is one word", "we don't sell data", "we won't sell data",
			[]Word{{Equal, "we "}, {Delete, "don't"}, {Insert, "won't"}, {Equal, " sell data"}}},
		{"no partial words", "the contractor", "the contract",
			[]Word{{Equal, "the "}, {Delete, "contractor"}, {Insert, "contract"}}},
		{"short equalities merged into the edit", "The Company may terminate your account",
			"The Provider shall suspend your account",
			[]Word{{Equal, "The "}, {Delete, "Company may terminate"}, {Insert, "Provider shall suspend"}, {Equal, " your account"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.old, tt.new)
			checkWords(t, tt.old, tt.new, got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// A long paragraph goes past go-diff to the bounded patience diff, and still
// gets a word diff rather than a whole replacement.
func TestWordsLongParagraph(t *testing.T) {
	old := strings.Repeat(pA+" "+pB+" "+pC+" ", 800)
	mid := len(old) / 2
	new := old[:mid] + "inserted words " + old[mid:]
	got := Words(old, new)
	checkWords(t, old, new, got)
	var changed []Word
	for _, w := range got {
		if w.Op != Equal {
			changed = append(changed, w)
		}
	}
	if len(changed) != 1 || changed[0].Op != Insert || strings.TrimSpace(changed[0].Text) != "inserted words" {
		t.Errorf("got changes %+v, want one insertion of %q", changed, "inserted words")
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, world!", []string{"Hello", ",", " ", "world", "!"}},
		{"  two  spaces", []string{"  ", "two", "  ", "spaces"}},
		{"naïve café", []string{"naïve", " ", "café"}},
		{"e\u0301te\u0301", []string{"e\u0301te\u0301"}},
		{"利用規約", []string{"利", "用", "規", "約"}},
		{"한국어 약관", []string{"한국어", " ", "약관"}},
		{"it's 3.5%", []string{"it's", " ", "3.5", "%"}},
		{"end.", []string{"end", "."}},
		{"a\xffb", []string{"a", "\xff", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := tokenize(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// The JSON form is read by scripts and the web UI: keep its field names.
func TestResultJSON(t *testing.T) {
	r := Compute(lines(pA, pB, pC, pD), lines(pA, strings.Replace(pB, "eighteen", "sixteen", 1), pD, pC, pE))
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"lines":[{"op":"change","old_line":2,"new_line":2,"old":"` + pB + `","new":"` +
		strings.Replace(pB, "eighteen", "sixteen", 1) + `","words":[{"op":"equal","text":"You must be at least "},` +
		`{"op":"delete","text":"eighteen"},{"op":"insert","text":"sixteen"},` +
		`{"op":"equal","text":" years old to open an account with the company."}]},` +
		`{"op":"move","old_line":3,"new_line":4,"old":"` + pC + `","new":"` + pC + `"},` +
		`{"op":"insert","new_line":5,"new":"` + pE + `"}],"stats":{"inserted":1,"deleted":0,"changed":1,"moved":1}}`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got, _ := json.Marshal(Compute("x", "x")); string(got) != `{"lines":[],"stats":{"inserted":0,"deleted":0,"changed":0,"moved":0}}` {
		t.Errorf("no change: got %s", got)
	}
}

// Repetitive paragraphs are the worst case of go-diff's searches; they
// must still give an exact diff, however coarse.
func TestWordsRepetitive(t *testing.T) {
	n := maxGoDiffTokens / 2
	tests := []struct{ name, old, new string }{
		{"one word", strings.Repeat("a ", n) + "b", strings.Repeat("a ", n*4/5) + "c " + strings.Repeat("a ", n/5) + "d"},
		{"two words swapped", strings.Repeat("a b ", n/2), strings.Repeat("b a ", n/2) + "x"},
		{"three words", strings.Repeat("a b c ", n/3), strings.Repeat("a c b ", n/3)},
		{"halves swapped", strings.Repeat("x y ", n/4) + strings.Repeat("a ", n/2), strings.Repeat("a ", n/2) + strings.Repeat("x y ", n/4)},
		{"past go-diff", strings.Repeat("a b c ", n), strings.Repeat("a c b ", n)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkWords(t, tt.old, tt.new, Words(tt.old, tt.new))
		})
	}
}
