package extract

import (
	"bytes"
	"encoding/binary"
	"regexp"
	"slices"
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
	var m masker
	done := 0 // text[:done] is in b
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if masked := m.mask(line); masked != line {
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
	var m masker
	return m.mask(line)
}

// masker masks per-request values line after line. Its lower-case buffer
// serves every line, so that the cheap tests before the patterns allocate
// nothing (strings.ToLower of every line was most of their cost).
type masker struct {
	buf []byte
}

func (m *masker) mask(line string) string {
	if !m.candidate(line) {
		return line
	}
	return outsideLinkTargets(line, m.segment)
}

// candidate is a cheap test that lets most lines skip the regular
// expressions, which would otherwise dominate the extraction of a long page.
func (m *masker) candidate(line string) bool {
	if clockTime(line) || uuidCue(line) {
		return true
	}
	if len(line) < 8 || indexDigit(line) < 0 {
		return false
	}
	return readWordCues(m.lower(line)).any()
}

// lower returns s in lower case for the cue tests, in the buffer: the ASCII
// letters folded, and the two letters that strings.ToLower makes ASCII
// (U+212A KELVIN SIGN → k, U+0130 İ → i) too, every other byte as it is.
// The cue words are ASCII, so they are found in it exactly where they are
// found in strings.ToLower(s), which made the same cues.
//
// The patterns behind the cues (durationRE, agoRE, requestIDRE) are (?i),
// which folds case by Unicode's simple folding: the cue tests are never
// stricter than they are, except for ſ (U+017F LONG S), which the patterns
// read as s ("ſession id") and the cues, like strings.ToLower, do not.
func (m *masker) lower(s string) []byte {
	b := slices.Grow(m.buf[:0], len(s))[:len(s)]
	j := 0
	for i := 0; i < len(s); i++ {
		if i+8 <= len(s) {
			if x := load8(s, i); x&highs == 0 { // eight ASCII bytes at once
				binary.LittleEndian.PutUint64(b[j:], x|upper8(x)>>2)
				i, j = i+7, j+8
				continue
			}
		}
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xE2 && strings.HasPrefix(s[i:], "\u212A"):
			c, i = 'k', i+2
		case c == 0xC4 && strings.HasPrefix(s[i:], "\u0130"):
			c, i = 'i', i+1
		}
		b[j] = c
		j++
	}
	m.buf = b
	return b[:j]
}

// upper8 returns the high bit of each byte of eight ASCII bytes that is an
// upper-case letter: byte+0x3f reaches it from 'A' on, byte+0x25 from
// past 'Z' on, and no sum carries into the next byte.
func upper8(x uint64) uint64 {
	return (x + 0x3f*ones) &^ (x + 0x25*ones) & highs
}

// clockTime reports a digit, a colon and two digits: a possible time of day.
func clockTime(s string) bool {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], ':')
		if i < 0 {
			return false
		}
		i += off
		if i >= 1 && i+2 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) {
			return true
		}
		off = i + 1
	}
}

// uuidCue reports the hyphens of a UUID (see uuidRE): four, with four hex
// digits between each and the next. Prose has hyphens enough to make
// uuidRE, which tries every position, a tenth of extracting a page.
func uuidCue(s string) bool {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], '-')
		if i < 0 {
			return false
		}
		i += off
		if i+15 < len(s) && s[i+5] == '-' && s[i+10] == '-' && s[i+15] == '-' &&
			hex4(s[i+1:i+5]) && hex4(s[i+6:i+10]) && hex4(s[i+11:i+15]) {
			return true
		}
		off = i + 1
	}
}

// hex4 reports four hex digits, in either case.
func hex4(s string) bool {
	for i := range 4 {
		c := s[i] | 0x20 // folds A-F to a-f, and no other byte to a hex digit
		if !isDigit(s[i]) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// wordCues are the words the duration, "ago" and request id patterns
// start from, found in a lower-case text.
type wordCues struct{ duration, ago, id bool }

func (c wordCues) any() bool { return c.duration || c.ago || c.id }

// readWordCues finds the cues of a lower-case text where they may start a
// change. Each of those patterns changes a text only with an ASCII digit
// (\d) on a certain side of its cue: a duration's after "… in ", the
// number before "ago", the digit after an id's cue without which the id is
// kept. So a cue counts only on that side of a digit, and a text without
// one has none: a paragraph without a number is read no further.
func readWordCues(l []byte) (c wordCues) {
	first := indexDigit(l)
	if first < 0 {
		return c
	}
	last := lastDigit(l)
	c.duration = durationCue(l[:last])
	c.ago = bytes.Contains(l[first:], []byte(" ago"))
	c.id = idCue(l[:last])
	return c
}

// indexDigit returns the index of the first ASCII digit of s, or -1.
func indexDigit[S ~string | ~[]byte](s S) int {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return i
		}
	}
	return -1
}

// lastDigit returns the index of the last ASCII digit of s, or -1.
func lastDigit(s []byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if isDigit(s[i]) {
			return i
		}
	}
	return -1
}

// durationCue reports one of durationCues in a lower-case line. They all
// end with "ed in ", which is looked for first.
func durationCue(l []byte) bool {
	for off := 0; ; {
		i := bytes.Index(l[off:], []byte("ed in "))
		if i < 0 {
			return false
		}
		end := off + i + len("ed in ")
		for _, w := range durationCues {
			if bytes.HasSuffix(l[:end], []byte(w)) {
				return true
			}
		}
		off += i + 1
	}
}

// durationCues are the words before a duration (see durationRE), each
// followed by " in ".
var durationCues = []string{"generated in ", "rendered in ", "served in ", "loaded in ", "processed in ", "executed in ", "completed in "}

// idCues are the words before a per-request id (see requestIDRE).
var idCues = []string{"request", "req", "ray", "trace", "correlation", "transaction", "incident",
	"session", "support", "error", "event", "span", "activity", "tracking"}

// idCue reports a cue word followed by "id", "identifier", "number", "no"
// or "code", as requestIDRE needs, with one blank, underscore or hyphen
// between them or none, in a lower-case line. It reads the line once: at
// each place where one of those words starts, it looks for a cue word just
// before. Eight places at a time are passed over when none holds "id",
// "no", "nu" or "co", which is most of them.
func idCue(l []byte) bool {
	for p := 2; p+1 < len(l); {
		if p+9 <= len(l) && idStarts8(binary.LittleEndian.Uint64(l[p:]), binary.LittleEndian.Uint64(l[p+1:])) == 0 {
			p += 8
			continue
		}
		if idCueAt(l, p) {
			return true
		}
		p++
	}
	return false
}

// idStarts8 returns the high bit of each of eight bytes x that, with the
// byte after it (the same byte of y, which is x one byte on), starts "id",
// "no", "nu" or "co".
func idStarts8(x, y uint64) uint64 {
	return eq8(x, 'i')&eq8(y, 'd') | eq8(x, 'n')&(eq8(y, 'o')|eq8(y, 'u')) | eq8(x, 'c')&eq8(y, 'o')
}

// idCueAt reports an id word at l[p] after a cue word (see idCue).
func idCueAt(l []byte, p int) bool {
	switch l[p] {
	case 'i':
		if l[p+1] != 'd' {
			return false
		}
	case 'n':
		if l[p+1] != 'o' && !bytes.HasPrefix(l[p:], []byte("number")) {
			return false
		}
	case 'c':
		if !bytes.HasPrefix(l[p:], []byte("code")) {
			return false
		}
	default:
		return false
	}
	before := l[:p]
	if c := before[len(before)-1]; c == ' ' || c == '_' || c == '-' {
		return cueBefore(before[:len(before)-1])
	}
	return cueBefore(before)
}

// cueBefore reports whether s ends with one of idCues. Its last byte picks
// the few that may.
func cueBefore(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	last := s[len(s)-1]
	for _, w := range idCues {
		if w[len(w)-1] == last && bytes.HasSuffix(s, []byte(w)) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// segment masks a part of a line outside link targets.
func (m *masker) segment(s string) string {
	if clockTime(s) {
		s = stampRE().ReplaceAllString(s, timeMask)
		s = secondsRE().ReplaceAllString(s, timeMask)
		s = cuedTimeRE().ReplaceAllString(s, "${1}"+timeMask)
	}
	if uuidCue(s) {
		s = uuidRE().ReplaceAllString(s, idMask)
	}
	if len(s) < 8 {
		return s
	}
	if indexDigit(s) < 0 {
		return s
	}
	c := readWordCues(m.lower(s))
	if c.duration {
		s = durationRE().ReplaceAllString(s, "${1}"+timeMask)
	}
	if c.ago {
		s = agoRE().ReplaceAllString(s, timeMask+" ago")
	}
	if c.id {
		s = maskIDs(s)
	}
	return s
}

// maskIDs masks the ids that requestIDRE finds after their cue, those with
// a digit (a word is no id). The id is located where the pattern matched
// in s: matched again on its own, a match that a word boundary in s
// started ("xſession id: 1234567": ſ is no ASCII word character, x is) is
// no match at all.
func maskIDs(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for _, m := range requestIDRE().FindAllStringSubmatchIndex(s, -1) {
		id := s[m[4]:m[5]] // the id ends the match
		if !strings.ContainsAny(id, "0123456789") {
			continue
		}
		b.WriteString(s[done:m[4]])
		b.WriteString(idMask)
		done = m[5]
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
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
