package clause

import (
	"regexp"
	"sync"
)

// lazyRE compiles a pattern of the package the first time it is used:
// compiling them all took about 2 ms of every toswatch process's start,
// though most processes (an unchanged check, a page of the web UI) never
// read a clause.
func lazyRE(pattern string) func() *regexp.Regexp {
	re := sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
	patterns = append(patterns, re)
	return re
}

// patterns are the package's lazily compiled patterns, so that a test can
// compile them all.
var patterns []func() *regexp.Regexp

// lazySearch is lazyRE for a pattern searched from where its matches can
// start (startSearch).
func lazySearch(pattern string) func() *startSearch {
	s := sync.OnceValue(func() *startSearch { return newStartSearch(pattern) })
	patterns = append(patterns, func() *regexp.Regexp { return s().re })
	return s
}
