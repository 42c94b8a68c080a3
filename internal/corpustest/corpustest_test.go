package corpustest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestPathIsNextToTheRepository(t *testing.T) {
	want, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "versions"))
	if err != nil {
		t.Fatal(err)
	}
	if got := Path("versions"); got != want {
		t.Errorf("Path = %s, want %s", got, want)
	}
}

// TestDir runs a test that needs an absent part of the corpus in a child
// process, with and without RequireEnv, and in -short mode.
func TestDir(t *testing.T) {
	if os.Getenv("CORPUSTEST_CHILD") == "1" {
		Dir(t, "no-such-part")
		t.Log("REACHED")
		return
	}
	for _, tt := range []struct {
		name    string
		args    []string
		require string
		fails   bool
		want    string
	}{
		{"absent", nil, "", false, "corpus no-such-part absent"},
		{"absent and required", nil, "1", true, "requires it"},
		{"short", []string{"-test.short"}, "1", false, "skipped in -short mode"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-test.run", "^TestDir$", "-test.v"}, tt.args...)
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), "CORPUSTEST_CHILD=1", RequireEnv+"="+tt.require)
			out, err := cmd.CombinedOutput()
			if (err != nil) != tt.fails {
				t.Errorf("child failed: %v, want failed %v\n%s", err, tt.fails, out)
			}
			if !strings.Contains(string(out), tt.want) || strings.Contains(string(out), "REACHED") {
				t.Errorf("child output lacks %q or went on past Dir:\n%s", tt.want, out)
			}
		})
	}
}
