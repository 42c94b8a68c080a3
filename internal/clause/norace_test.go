//go:build !race

package clause

const raceEnabled = false
