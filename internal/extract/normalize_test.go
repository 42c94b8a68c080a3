package extract

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"nbsp and narrow spaces", "30\u00a0days\u202fnotice\u2007x", "30 days notice x"},
		{"invisible", "in\u00addemn\u200bify\u200c\u200d\ufeff\u2060 now", "indemnify now"},
		{"nfc", "Re\u0301siliation", "R\u00e9siliation"},
		{"blank lines and crlf", "a\r\n\r\n\r\nb  \t c\rd", "a\nb c\nd"},
		{"list indent kept", "- a\n    - b\n   c", "- a\n    - b\nc"},
		{"leading blanks dropped", "   text", "text"},
		{"odd list indent", "- a\n   - b\n - c\n\t- d", "- a\n  - b\n- c\n    - d"},
		{"dropped invisible composes", "e\u200b\u0301 and e\u034f\u0301", "\u00e9 and \u00e9"},
		{"plain lines, empty lines between", "a b\n\nc\n\n", "a b\nc"},
		{"plain lines", "a b\nc", "a b\nc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"hard-wrapped paragraphs joined",
			"These terms govern your use of the services that we\nprovide to you, and they were hard-wrapped at about\nfifty-five columns by an editor.\n\nSecond paragraph.\n",
			"These terms govern your use of the services that we provide to you, and they were hard-wrapped at about fifty-five columns by an editor.\nSecond paragraph."},
		{"setext and atx headings",
			"Terms of Service\r\n================\r\n\r\nLiability\n---------\n\n## Fees\n",
			"# Terms of Service\n## Liability\n## Fees"},
		{"wrapped list items",
			"- the first item of the list is long enough that it had\n  to be wrapped onto a second line by the editor\n- the second item\n",
			"- the first item of the list is long enough that it had to be wrapped onto a second line by the editor\n- the second item"},
		{"short lines stay lines",
			"Acme Ltd\n1 Example Street\nLondon\n",
			"Acme Ltd\n1 Example Street\nLondon"},
		{"one paragraph per line stays",
			"A first paragraph that is written on one single line without any hard wrapping at all, as HTML gives it.\nA second one.\n| a | b |\n",
			"A first paragraph that is written on one single line without any hard wrapping at all, as HTML gives it.\nA second one.\n| a | b |"},
	}
	filler := strings.TrimSpace(strings.Repeat("filler text ", 10))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Text([]byte(tt.in+"\n\n"+filler), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want+"\n"+filler {
				t.Errorf("got %q, want %q", got, tt.want+"\n"+filler)
			}
			if again, _ := Text([]byte(got), Options{}); again != got {
				t.Errorf("Text of its own text: got %q, want %q", again, got)
			}
		})
	}
	if _, err := Text([]byte("short"), Options{}); err == nil || !strings.HasPrefix(err.Error(), "too_short: extracted text is 5 characters") {
		t.Errorf("got error %v, want too_short", err)
	}
}

// The tests of eight bytes at once say what the byte by byte tests say,
// for every byte at every place among printable and upper-case neighbours.
func TestEightBytesAtOnce(t *testing.T) {
	for _, fill := range []byte{'a', 'Z', ' ', '~', 0, 0xff} {
		for c := range 256 {
			for p := range 8 {
				w := []byte(strings.Repeat(string(fill), 8))
				w[p] = byte(c)
				x := load8(string(w), 0)
				printable, upper := true, uint64(0)
				for i, b := range w {
					printable = printable && b >= ' ' && b <= '~'
					if b >= 'A' && b <= 'Z' {
						upper |= 0x80 << (8 * i)
					}
				}
				if got := printable8(x); got != printable {
					t.Errorf("printable8(%q) = %v, want %v", w, got, printable)
				}
				run := printable && !strings.Contains(string(w), "  ") && w[7] != ' '
				if got := wordRun8(x); got != run {
					t.Errorf("wordRun8(%q) = %v, want %v", w, got, run)
				}
				for _, target := range []byte{'i', 'd', 0, 0x80, 0xff, byte(c)} {
					var eq uint64
					for i, b := range w {
						if b == target {
							eq |= 0x80 << (8 * i)
						}
					}
					if got := eq8(x, target); got != eq {
						t.Errorf("eq8(%q, %q) = %x, want %x", w, target, got, eq)
					}
				}
				if x&highs == 0 {
					if got := upper8(x); got != upper {
						t.Errorf("upper8(%q) = %x, want %x", w, got, upper)
					}
				}
			}
		}
	}
}
