package extract

// Tests of eight bytes at once, on one little-endian word: the hot loops
// of extraction (plain lines, runs of words, the cue tests before the
// volatile patterns) pass over most bytes eight at a time with these.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load8 reads s[i:i+8] as one little-endian word, for tests of eight bytes
// at once.
func load8(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// printable8 reports eight bytes of printable ASCII (' ' to '~'): none
// below ' ' (x - ' ' borrows into a high bit that x lacks) and none of
// 0x7f or above (x or x+1 has its high bit).
func printable8(x uint64) bool {
	return (x-' '*ones)&^x&highs == 0 && (x|(x+ones))&highs == 0
}

// eq8 returns the high bit of each of eight bytes that equals c.
func eq8(x uint64, c byte) uint64 {
	v := x ^ uint64(c)*ones
	const lows = 0x7f * ones
	return ^((v&lows + lows) | v) & highs // no carry: each byte is below 0x80 before the add
}
