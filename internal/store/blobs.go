package store

import (
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"

	fastflate "github.com/klauspost/compress/flate"
)

// Hash returns the hex SHA-256 of b, the key of texts and raw bodies.
func Hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// blobLevel is the compression level of stored blobs. Blobs are raw
// DEFLATE (RFC 1951), read by the standard library's compress/flate;
// klauspost/compress writes the same format at a third of the CPU of the
// standard library's default level, for 2% more bytes on real pages and
// texts and 15–22% more on the bench's generated ones (see BENCHMARKS.md,
// "Storing versions").
const blobLevel = 6

var writers = sync.Pool{New: func() any {
	w, _ := fastflate.NewWriter(nil, blobLevel)
	return w
}}

func compress(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b) / 4)
	w := writers.Get().(*fastflate.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	writers.Put(w)
	return buf.Bytes()
}

// blob is content ready to store: hashed and compressed, which is done
// before the write transaction so that the database is locked for as
// short a time as possible.
type blob struct {
	sha  string
	size int
	data []byte // compressed
}

func makeBlob(b []byte) blob {
	return blob{sha: Hash(b), size: len(b), data: compress(b)}
}

// putBlob stores b unless content with its hash is already there.
func putBlob(ctx context.Context, tx *sql.Tx, b blob) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
		b.sha, b.size, b.data); err != nil {
		return fmt.Errorf("store blob: %w", err)
	}
	return nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getBlob(ctx context.Context, q queryer, sum string) ([]byte, error) {
	var size int
	var data []byte
	err := q.QueryRowContext(ctx, "SELECT size, data FROM blobs WHERE sha256 = ?", sum).Scan(&size, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("blob %s: %w", sum, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, size)
	r := flate.NewReader(bytes.NewReader(data))
	defer r.Close()
	buf := bytes.NewBuffer(out)
	if _, err := io.Copy(buf, r); err != nil {
		return nil, fmt.Errorf("blob %s: corrupt: %w", sum, err)
	}
	if Hash(buf.Bytes()) != sum {
		return nil, fmt.Errorf("blob %s: corrupt: content does not match its hash", sum)
	}
	return buf.Bytes(), nil
}
