package store

import (
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// blobContents are contents of the shapes a store holds: empty, tiny,
// text and markup over several DEFLATE blocks and windows, and bytes that
// do not compress.
func blobContents() map[string][]byte {
	var text strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&text, "%d. In no event shall Acme's aggregate liability exceed the fees paid in the %d months before the claim (clause %d).\n", i, 1+i%24, i*7)
	}
	var page strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&page, `<p class="c%d"><a href="/terms?utm_source=x&amp;sid=%x">Section %d</a> — Customer will indemnify Acme.</p>`+"\n", i%17, i*2654435761, i)
	}
	random := make([]byte, 200<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	return map[string][]byte{
		"empty":  {},
		"byte":   []byte("a"),
		"text":   []byte(text.String()),
		"page":   []byte(page.String()),
		"random": random,
		"é×3":    []byte(strings.Repeat("Conditions générales d'utilisation — responsabilité limitée. ", 3)),
	}
}

// TestBlobsOfTheOldWriterStillRead: blobs that the standard library's
// compress/flate wrote at its default level, as every database before the
// writer changed holds them, read back as they were.
func TestBlobsOfTheOldWriterStillRead(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	for name, b := range blobContents() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := flate.NewWriter(&buf, flate.DefaultCompression)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(b)
			w.Close()
			sum := Hash(b)
			if _, err := s.db.Exec("INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)", sum, len(b), buf.Bytes()); err != nil {
				t.Fatal(err)
			}
			got, err := s.Text(ctx, sum)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(b) {
				t.Errorf("read back %d bytes, want the %d written", len(got), len(b))
			}
		})
	}
}

// TestBlobRoundTrip: a blob written now reads back as it was given, is
// smaller than its content when that compresses, and is plain DEFLATE that
// the standard library inflates (so the format stays the one old databases
// hold, whichever writer made it).
func TestBlobRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	for name, b := range blobContents() {
		t.Run(name, func(t *testing.T) {
			blob := makeBlob(b)
			tx, err := s.db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := putBlob(ctx, tx, blob); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			got, err := s.Text(ctx, Hash(b))
			if err != nil {
				t.Fatal(err)
			}
			if got != string(b) {
				t.Errorf("read back %d bytes, want the %d written", len(got), len(b))
			}
			inflated, err := io.ReadAll(flate.NewReader(bytes.NewReader(blob.data)))
			if err != nil || !bytes.Equal(inflated, b) {
				t.Errorf("compress/flate reads %d bytes (%v), want the %d written", len(inflated), err, len(b))
			}
			if (name == "text" || name == "page") && len(blob.data) > len(b)/4 {
				t.Errorf("%d bytes stored for %d: not compressed", len(blob.data), len(b))
			}
		})
	}
}
