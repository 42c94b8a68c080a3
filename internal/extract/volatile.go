package extract

import (
	"regexp"
	"strings"
	"sync"
)

// Per-request values inside the content: a page that says when it was
// generated ("Generated at 10:42:07", "as of 2025-05-01 10:42 UTC"), which
// request served it ("Request ID: 7f3a9c…", "Ray ID: 8c2a…") or how long
// that took, changes at every capture while its terms do not. Such values
// are masked in the extracted text: a value with a time of day becomes
// timeMask, a request id idMask. A bare date is never masked: "effective
// 1 May 2025" changing is a date-only edit, recorded (see DateOnly).
const (
	timeMask = "[time]"
	idMask   = "[id]"
)

// Month names of the languages the clause analyser reads (and a few
// neighbours), for dates written in words. Lower case; matched case-insensitively.
const monthNames = `jan(?:uary|uar|vier|uari)?|j[äa]nner|feb(?:ruary|ruar|ruari)?|f[ée]vrier|mar(?:ch|s)?|m[äa]rz|maart|apr(?:il|ile)?|avril|may|mai|mei|jun(?:e|i)?|juin|jul(?:y|i)?|juillet|aug(?:ust|ustus)?|ao[ûu]t|sep(?:t|tember)?|septembre|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|de[cz](?:ember|embre)?|d[ée]cembre|` +
	`enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p|t)tiembre|octubre|noviembre|diciembre|` +
	`gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|` +
	`janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro|` +
	`stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|listopada|grudnia|` +
	`stycze[ńn]|luty|marzec|kwiecie[ńn]|maj|czerwiec|lipiec|sierpie[ńn]|wrzesie[ńn]|pa[źz]dziernik|listopad|grudzie[ńn]`

// datePattern matches a date: numeric (2025-05-01, 01/05/2025, 1.5.2025),
// in words (May 1, 2025; 1 May 2025; 1er mai 2025; 1. Mai 2025; 1 de mayo
// de 2025; May 2025), optionally after a weekday.
const datePattern = `(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:` +
	`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}` +
	`|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}` +
	`|\d{1,2}(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?(?:` + monthNames + `)\.?,?\s+(?:de\s+)?\d{4}` +
	`|(?:` + monthNames + `)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}` +
	`|(?:` + monthNames + `)\.?,?\s+(?:de\s+)?\d{4}` +
	`)`

// timePattern matches a time of day: 10:42, 10:42:07.123, 10:42 am, with a
// zone (Z, UTC, CET, +02:00).
const timePattern = `(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:\s?[ap]\.?m\.?)?` + zonePattern

// zonePattern matches an optional time zone after a time of day: Z, UTC,
// CET, PDT, +02:00 (upper case only: "10:42 Trust" is no zone).
const zonePattern = `(?:\s?(?-i:Z|UTC|GMT|[A-Z][A-Z]?[DS]?T|[+-]\d{2}:?\d{2}))?`

// The patterns are compiled when first used (lazy): the date patterns alone
// took 4–8 ms of every toswatch process's start, most of which never mask
// a time or compare dates.
var (
	// dateRE: a date, or a copyright year ("© 2024–2025").
	dateRE = lazyRE(`(?i)(?:\b` + datePattern + `|(?:©|\(c\)|\bcopyright)\s*\d{4}(?:\s*[-–]\s*\d{4})?)`)
	// stampRE: a date with a time of day, either way round.
	stampRE = lazyRE(`(?i)\b(?:` + datePattern + `(?:t|,?\s+(?:at|à|um|alle|a las|o|às)?\s*)` + timePattern +
		`|` + timePattern + `,?\s+(?:on\s+|le\s+|am\s+|el\s+|il\s+|em\s+)?` + datePattern + `)\b`)
	// secondsRE: a time of day with seconds, which nothing in terms needs.
	secondsRE = lazyRE(`(?i)\b(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d(?:[.,]\d+)?(?:\s?[ap]\.?m\.?)?` + zonePattern + `\b`)
	// cuedTimeRE: a time of day after words that say when the page was made.
	cuedTimeRE = lazyRE(`(?i)\b((?:generated|rendered|retrieved|fetched|served|cached|printed|downloaded|accessed|refreshed|updated|created|built|snapshot|current time|as of|as at|time)\b[^\n\d]{0,12}?)` +
		`(` + timePattern + `)(?:\b|$)`)
	// durationRE: how long the request took.
	durationRE = lazyRE(`(?i)\b((?:generated|rendered|served|loaded|processed|executed|completed)\s+in\s+)\d+(?:[.,]\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?)\b`)
	// agoRE: a relative time ("5 minutes ago").
	agoRE = lazyRE(`(?i)\b\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\s+ago\b`)
	// requestIDRE: an id after words that name a per-request id.
	requestIDRE = lazyRE(`(?i)\b((?:x-)?(?:request|req|ray|trace|correlation|transaction|incident|session|support|error|event|span|activity|tracking)[ _-]?(?:id|identifier|number|no\.?|code)\b(?:\s+is)?\s*[:#=]?\s*)` +
		`([a-z0-9][a-z0-9._:+/=-]{5,}[a-z0-9=])`)
	// uuidRE: a UUID anywhere in the text.
	uuidRE = lazyRE(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)
)

// lazyRE compiles a pattern the first time it is asked for.
func lazyRE(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// maskVolatileLines masks the per-request values of every line of text. It
// copies the text only when a line changes, which few pages need.
func maskVolatileLines(text string) string {
	var b strings.Builder
	done := 0 // text[:done] is in b
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if masked := maskVolatile(line); masked != line {
			if done == 0 {
				b.Grow(len(text))
			}
			b.WriteString(text[done:start])
			b.WriteString(masked)
			done = end
		}
		start = end + 1
	}
	if done == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// maskVolatile masks the per-request values of one line, outside Markdown
// link targets (cleanURL handles those).
func maskVolatile(line string) string {
	if !volatileCandidate(line) {
		return line
	}
	return outsideLinkTargets(line, maskSegment)
}

// volatileCandidate is a cheap test that lets most lines skip the regular
// expressions, which would otherwise dominate the extraction of a long page.
func volatileCandidate(line string) bool {
	return clockTime(line) || strings.Count(line, "-") >= 4 || len(line) >= 8 && wordCue(strings.ToLower(line))
}

// clockTime reports a digit, a colon and two digits: a possible time of day.
func clockTime(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] == ':' && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) {
			return true
		}
	}
	return false
}

// wordCue reports the words the duration, "ago" and request id patterns
// start from, in a lower-case line.
func wordCue(l string) bool {
	return durationCue(l) || strings.Contains(l, " ago") || idCue(l)
}

func durationCue(l string) bool {
	if !strings.Contains(l, "ed in ") {
		return false
	}
	for _, w := range durationCues {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// durationCues are the words before a duration (see durationRE), each
// followed by " in ".
var durationCues = []string{"generated in ", "rendered in ", "served in ", "loaded in ", "processed in ", "executed in ", "completed in "}

// idCues are the words before a per-request id (see requestIDRE).
var idCues = []string{"request", "req", "ray", "trace", "correlation", "transaction", "incident",
	"session", "support", "error", "event", "span", "activity", "tracking"}

// idCue reports a cue word followed by "id", "identifier", "number", "no"
// or "code", as requestIDRE needs, with one blank, underscore or hyphen
// between them or none. It reads the line once: at each place where one of
// those words starts, it looks for a cue word just before.
func idCue(l string) bool {
	for p := 2; p+1 < len(l); p++ {
		switch l[p] {
		case 'i':
			if l[p+1] != 'd' {
				continue
			}
		case 'n':
			if l[p+1] != 'o' && !strings.HasPrefix(l[p:], "number") {
				continue
			}
		case 'c':
			if !strings.HasPrefix(l[p:], "code") {
				continue
			}
		default:
			continue
		}
		before := l[:p]
		if c := before[len(before)-1]; c == ' ' || c == '_' || c == '-' {
			if cueBefore(before[:len(before)-1]) {
				return true
			}
		} else if cueBefore(before) {
			return true
		}
	}
	return false
}

// cueBefore reports whether s ends with one of idCues.
func cueBefore(s string) bool {
	for _, w := range idCues {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func maskSegment(s string) string {
	if clockTime(s) {
		s = stampRE().ReplaceAllString(s, timeMask)
		s = secondsRE().ReplaceAllString(s, timeMask)
		s = cuedTimeRE().ReplaceAllString(s, "${1}"+timeMask)
	}
	if strings.Count(s, "-") >= 4 {
		s = uuidRE().ReplaceAllString(s, idMask)
	}
	if len(s) < 8 {
		return s
	}
	l := strings.ToLower(s)
	if durationCue(l) {
		s = durationRE().ReplaceAllString(s, "${1}"+timeMask)
	}
	if strings.Contains(l, " ago") {
		s = agoRE().ReplaceAllString(s, timeMask+" ago")
	}
	if idCue(l) {
		s = requestIDRE().ReplaceAllStringFunc(s, func(m string) string {
			sub := requestIDRE().FindStringSubmatch(m)
			if !strings.ContainsAny(sub[2], "0123456789") || sub[2] == idMask {
				return m
			}
			return sub[1] + idMask
		})
	}
	return s
}

// outsideLinkTargets applies f to the parts of a Markdown line that are
// not link targets ("](…)").
func outsideLinkTargets(line string, f func(string) string) string {
	if !strings.Contains(line, "](") {
		return f(line)
	}
	var b strings.Builder
	for {
		i := strings.Index(line, "](")
		if i < 0 {
			b.WriteString(f(line))
			return b.String()
		}
		j := strings.IndexByte(line[i:], ')')
		if j < 0 {
			b.WriteString(f(line))
			return b.String()
		}
		b.WriteString(f(line[:i]))
		b.WriteString(line[i : i+j+1])
		line = line[i+j+1:]
	}
}

// maskDates replaces every date of a text with one mark.
func maskDates(s string) string {
	return outsideLinkTargets(s, func(seg string) string { return dateRE().ReplaceAllString(seg, "[date]") })
}

// DateOnly reports whether two different texts differ only in dates
// ("Last updated: 1 May 2025" → "Last updated: 3 June 2025"), and maybe in
// link query values (see LinkQueriesOnly): the edit that moves an effective
// or last-updated date and nothing else.
func DateOnly(old, new string) bool {
	if old == new {
		return false
	}
	lo, ln := strings.Split(old, "\n"), strings.Split(new, "\n")
	if len(lo) != len(ln) {
		return false
	}
	dates := false
	for i := range lo {
		if lo[i] == ln[i] {
			continue
		}
		a, b := dropLinkQueries(lo[i]), dropLinkQueries(ln[i])
		if a == b {
			continue
		}
		if maskDates(a) != maskDates(b) {
			return false
		}
		dates = true
	}
	return dates
}
