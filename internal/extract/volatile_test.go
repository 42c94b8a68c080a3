package extract

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestMaskVolatile(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Generated at 10:42:07", "Generated at [time]"},
		{"Page generated at 10:42 UTC by our servers.", "Page generated at [time] by our servers."},
		{"Prices as of 9:05 am CET.", "Prices as of [time]."},
		{"Snapshot: 2025-05-01T10:42:07Z", "Snapshot: [time]"},
		{"Retrieved on May 1, 2025 at 10:42 PM.", "Retrieved on [time]."},
		{"Stand: 1. Mai 2025 um 10:42 Uhr", "Stand: [time] Uhr"},
		{"Mon, 01 May 2025 10:42:07 GMT", "[time]"},
		{"Request ID: 7f3a9c2e51b04d8a", "Request ID: [id]"},
		{"Cloudflare Ray ID: 8c2a1b3d4e5f6789 • Performance & security", "Cloudflare Ray ID: [id] • Performance & security"},
		{"Your support ID is: 18216239784523451", "Your support ID is: [id]"},
		{"trace-id=00-4bf92f3577b34da6-01", "trace-id=[id]"},
		{"Reference 0f8fad5b-d9cb-469f-a165-70867728950e.", "Reference [id]."},
		// A boundary before the cue only in the line: ſ is no ASCII word
		// character (it panicked).
		{"Ref xſession id: 12345678, request id 1234567", "Ref xſession id: [id], request id [id]"},
		{"Page generated in 0.123 seconds.", "Page generated in [time]."},
		{"Updated 5 minutes ago", "Updated [time] ago"},
		// values that are terms, not requests
		{"Last updated: May 1, 2025", "Last updated: May 1, 2025"},
		{"Effective 1 May 2025.", "Effective 1 May 2025."},
		{"Support is available 9:00 to 17:00 on business days.", "Support is available 9:00 to 17:00 on business days."},
		{"Event ID cards are required at the venue.", "Event ID cards are required at the venue."},
		{"Error codes are listed in Section 4.", "Error codes are listed in Section 4."},
		{"See [status](https://status.example.com/incidents/7f3a9c2e-51b0-4d8a-9f3e-1c2d3e4f5a6b?at=10:42:07).", "See [status](https://status.example.com/incidents/7f3a9c2e-51b0-4d8a-9f3e-1c2d3e4f5a6b?at=10:42:07)."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := maskVolatile(tt.in); got != tt.want {
				t.Errorf("maskVolatile(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := maskVolatile(tt.want); got != tt.want {
				t.Errorf("masking twice: %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDateOnly(t *testing.T) {
	const body = "# Terms\nThese terms apply to the services.\nOur liability is capped at $100."
	tests := []struct {
		name     string
		old, new string
		want     bool
	}{
		{"english words", "Last updated: May 1, 2025\n" + body, "Last updated: June 3, 2025\n" + body, true},
		{"iso", "Effective date: 2025-05-01\n" + body, "Effective date: 2025-06-03\n" + body, true},
		{"day month year", body + "\nEffective 1 May 2025.", body + "\nEffective 3rd June 2025.", true},
		{"french", "Dernière mise à jour : 1er mai 2025\n" + body, "Dernière mise à jour : 3 juin 2025\n" + body, true},
		{"german", "Stand: 1. Mai 2025\n" + body, "Stand: 3. Juni 2025\n" + body, true},
		{"spanish", "Actualizado el 1 de mayo de 2025\n" + body, "Actualizado el 3 de junio de 2025\n" + body, true},
		{"month year", "Version of May 2025\n" + body, "Version of June 2025\n" + body, true},
		{"copyright", body + "\n© 2024 Acme Inc.", body + "\n© 2025 Acme Inc.", true},
		{"numeric", "Updated 01/05/2025\n" + body, "Updated 03/06/2025\n" + body, true},
		{"date and wording", "Last updated: May 1, 2025\n" + body, "Last updated: June 3, 2025\n" + body + " Or $50.", false},
		{"a number that is no date", body + "\nNotice within 30 days.", body + "\nNotice within 60 days.", false},
		{"version number", body + "\nVersion 1.2.35", body + "\nVersion 1.2.36", false},
		{"line added", body, body + "\nEffective 1 May 2025.", false},
		{"same", body, body, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DateOnly(tt.old, tt.new); got != tt.want {
				t.Errorf("DateOnly = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUnavailableCue(t *testing.T) {
	terms := strings.Repeat("Customer may use the services in accordance with these terms and the documentation.\n", 30)
	tests := []struct {
		name, text, want string
	}{
		{"maintenance", "# We'll be back soon!\nSorry for the inconvenience, we are performing scheduled maintenance.", "we'll be back soon"},
		{"not available", "# This page isn't available\nThe link may be broken.", "this page isn't available"},
		{"loading", "Loading…", "loading…"},
		{"terms mentioning downtime", "# Terms\n" + terms + "The services may be temporarily unavailable during scheduled maintenance.\n" + terms, ""},
		{"long error page", "# Something went wrong\n" + terms, "something went wrong"},
		{"terms", "# Terms\n" + terms, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := UnavailableCue(tt.text); got != tt.want {
				t.Errorf("UnavailableCue = %q, want %q", got, tt.want)
			}
		})
	}
}

// A text too short to be terms that says it is a maintenance or loading
// page fails as unavailable, the better diagnosis than too_short.
func TestShortUnavailablePage(t *testing.T) {
	for _, tt := range []struct {
		page string
		want model.FailureKind
	}{
		{"<main><h1>We'll be back soon!</h1><p>Down for maintenance.</p></main>", model.FailureUnavailable},
		{"<main><p>Loading…</p></main>", model.FailureUnavailable},
		{"<main><p>We may change these terms at any time.</p></main>", model.FailureTooShort},
	} {
		_, err := HTML([]byte(tt.page), Options{})
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %s", tt.page, err, tt.want)
		}
	}
}

// idCueByWord is idCue as the request id pattern reads: each cue word, then
// one separator or none, then id, no, number or code.
func idCueByWord(l string) bool {
	for _, w := range idCues {
		for off := 0; ; {
			i := strings.Index(l[off:], w)
			if i < 0 {
				break
			}
			rest := l[off+i+len(w):]
			if rest != "" && (rest[0] == ' ' || rest[0] == '_' || rest[0] == '-') {
				rest = rest[1:]
			}
			if strings.HasPrefix(rest, "id") || strings.HasPrefix(rest, "no") || strings.HasPrefix(rest, "number") || strings.HasPrefix(rest, "code") {
				return true
			}
			off += i + len(w)
		}
	}
	return false
}

// idCue reads a line once; it must say what the word-by-word reading says.
func TestIDCue(t *testing.T) {
	lines := []string{"", "id", "reqid", "req id", "req-no", "req_number", "req  id", "request", "your request: no",
		"the session code", "ray-ide", "xrayid", "error-code 5", "tracking number", "trackingnumber", "spanish notes",
		"event-", "event-c", "we may require notice", "an incident notification", "activity- code"}
	// Every short string over the letters and separators that matter.
	alphabet := "reqayidnoumbc -_"
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		lines = append(lines, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(prefix+string(c), n-1)
		}
	}
	gen("", 4)
	for _, w := range idCues {
		for _, sep := range []string{"", " ", "-", "_", "  ", ":"} {
			for _, tail := range []string{"id", "no", "number", "code", "nu", "cod", "i", "x"} {
				lines = append(lines, w+sep+tail, "a "+w+sep+tail+" b", w[1:]+sep+tail)
			}
		}
	}
	for _, l := range lines {
		// Behind a few letters too, to fall anywhere in eight bytes.
		for k := range 9 {
			l := strings.Repeat("x", k) + l
			if got, want := idCue([]byte(l)), idCueByWord(l); got != want {
				t.Errorf("idCue(%q) = %v, want %v", l, got, want)
			}
		}
	}
}

// Masking line by line copies nothing when no line changes, and gives what
// masking every line and joining them gives.
func TestMaskVolatileLines(t *testing.T) {
	for _, text := range []string{"", "Terms\nNo values here.", "Generated at 10:42:07\nTerms",
		"Terms\nRequest ID: 7f3a9c2e51b04d8a", "a\nGenerated at 10:42:07\nb\nRequest ID: 7f3a9c2e51b04d8a\nc", "\n\nx\n"} {
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			lines[i] = maskVolatile(l)
		}
		if got, want := maskVolatileLines(text), strings.Join(lines, "\n"); got != want {
			t.Errorf("maskVolatileLines(%q) = %q, want %q", text, got, want)
		}
	}
}

// maskAll is maskVolatile without its cheap tests: every pattern run on
// every part of the line.
func maskAll(line string) string {
	return outsideLinkTargets(line, func(s string) string {
		s = stampRE().ReplaceAllString(s, timeMask)
		s = secondsRE().ReplaceAllString(s, timeMask)
		s = cuedTimeRE().ReplaceAllString(s, "${1}"+timeMask)
		s = uuidRE().ReplaceAllString(s, idMask)
		s = durationRE().ReplaceAllString(s, "${1}"+timeMask)
		s = agoRE().ReplaceAllString(s, timeMask+" ago")
		return maskIDs(s)
	})
}

// The cheap tests before the patterns (a time's colon, a UUID's hyphens,
// cue words read in lower case on the right side of a digit) never keep a
// pattern from masking: on lines made of cues, values and words in any
// case and order, maskVolatile masks what every pattern run everywhere
// masks.
func TestCheapTestsHideNoMask(t *testing.T) {
	pieces := []string{"Request ID: 7f3a9c12ab", "ray id 8c2a1b3c4d5e", "Trace-Id=abc123def9", "session_number 123456abc",
		"error code: E12345x", "tracking no. AB12345678", "support id is 18216239784523451", "Request ID: abcdefghij",
		"generated in 123 ms", "Served in 0.3s", "completed in 12 seconds", "loaded in x ms", "5 minutes ago", "2 HRS AGO",
		"minutes ago", "Generated at 10:42:07", "as of 2025-05-01 10:42 UTC", "0f8fad5b-d9cb-469f-a165-70867728950e",
		"[req id](https://x.example/a?b=1)", "The customer agrees", "7", " ", "-", ":", "ed in ", "ago", "id", "no", "code", "number"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for k := rng.IntN(5); k >= 0; k-- {
			p := pieces[rng.IntN(len(pieces))]
			if i := rng.IntN(len(p) + 1); rng.IntN(3) == 0 {
				p = p[:i] // a cue or value cut short
			}
			switch rng.IntN(3) {
			case 0:
				p = strings.ToUpper(p)
			case 1:
				p = strings.ToLower(p)
			}
			b.WriteString(p)
			if rng.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		l := b.String()
		if got, want := maskVolatile(l), maskAll(l); got != want {
			t.Errorf("maskVolatile(%q) = %q, want %q", l, got, want)
		}
	}
}
