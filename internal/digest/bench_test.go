package digest

import (
	"context"
	"testing"
)

// BenchmarkBuild renders the fixture's digest: three changes (each diffed),
// a failing document and a resumed one.
func BenchmarkBuild(b *testing.B) {
	f := newFixture(b)
	opts := fixtureOptions()
	ctx := context.Background()
	for b.Loop() {
		if _, err := Build(ctx, f.st, opts); err != nil {
			b.Fatal(err)
		}
	}
}
