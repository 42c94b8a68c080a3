package diff

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// textOld and textNew exercise every kind of line WriteText renders.
var (
	textOld = lines(
		"# Terms of Service",
		"You must be at least eighteen years old to open an account.",
		"These terms are governed by the laws of Ireland and the courts of Dublin decide any dispute between us.",
		"We may suspend your account if you break these terms.",
		"Our total liability to you is limited to the fees you paid us in the last twelve months, or one hundred euros if that is more.",
		"Payments are due within thirty days of the invoice date.",
		"This paragraph will be removed entirely from the new version.",
		"Notices are sent by email to the address on your account.",
	)
	textNew = lines(
		"# Terms of Service",
		"You must be at least sixteen years old to open an account.",
		"We may suspend your account if you break these terms.",
		"Payments are due within thirty days of the invoice date.",
		"Notices are sent by email to the address on your account.",
		"Our total liability to you is limited to the fees you paid us in the last twelve months, or one hundred euros if that is more.",
		"These terms are governed by the laws of France and the courts of Paris decide any dispute between us.",
		"A brand new arbitration clause appears here.",
	)
)

func TestWriteTextGolden(t *testing.T) {
	r := Compute(textOld, textNew)
	var buf bytes.Buffer
	if err := r.WriteText(&buf, false); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "writetext.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got := buf.String(); got != string(want) {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteText(t *testing.T) {
	long := strings.Repeat("word ", 30) + "end of a long paragraph"
	tests := []struct {
		name        string
		old, new    string
		color       bool
		contains    []string
		notContains []string
	}{
		{
			name:     "plain change markers",
			old:      "The quick brown fox.",
			new:      "The quick red fox.",
			contains: []string{"@@ line 1 @@\n", "The quick [-brown-]{+red+} fox.\n"},
		},
		{
			name:        "colour change",
			old:         "The quick brown fox.",
			new:         "The quick red fox.",
			color:       true,
			contains:    []string{ansiRed + "brown" + ansiReset, ansiGreen + "red" + ansiReset, ansiCyan + "@@ line 1 @@" + ansiReset},
			notContains: []string{"[-", "{+"},
		},
		{
			name:     "move note quotes 80 characters",
			old:      lines(long, pA, pB),
			new:      lines(pA, pB, long),
			contains: []string{"@@ line 3, moved @@\nmoved from line 1 to line 3: " + long[:80] + "…\n"},
		},
		{
			name:        "control characters are replaced",
			old:         "safe",
			new:         "evil \x1b[2J text",
			contains:    []string{"{+evil \uFFFD[2J text+}"},
			notContains: []string{"\x1b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Compute(tt.old, tt.new).WriteText(&buf, tt.color); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			for _, s := range tt.contains {
				if !strings.Contains(got, s) {
					t.Errorf("got\n%q\nwant it to contain %q", got, s)
				}
			}
			for _, s := range tt.notContains {
				if strings.Contains(got, s) {
					t.Errorf("got\n%q\nwant it not to contain %q", got, s)
				}
			}
		})
	}
}

type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteTextError(t *testing.T) {
	err := Compute("a", "b").WriteText(failWriter{}, false)
	if !errors.Is(err, errWrite) {
		t.Errorf("got error %v, want %v", err, errWrite)
	}
}
