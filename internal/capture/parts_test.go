package capture

import "testing"

func TestReadPartsRejectsCorruptBodies(t *testing.T) {
	for _, raw := range []string{"junk", "\x00part text/html http://x 99\nshort", "\x00part text/html\n"} {
		if _, err := readParts([]byte(raw)); err == nil {
			t.Errorf("readParts(%q): no error", raw)
		}
	}
}
