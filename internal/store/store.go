// Package store keeps toswatch's history in SQLite: vendors, documents, the
// versions of their text, every check attempt and the changes between
// versions. SQL is hand-written, one file per table; migrations are the
// numbered files under migrations/, applied in order on Open.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrNotFound is returned when a vendor, document, version or change does not exist.
var ErrNotFound = errors.New("not found")

// Store is an open toswatch database.
type Store struct {
	db *sql.DB
	// wmu makes this process's writers take turns. SQLite allows one writer
	// at a time anyway; a writer that finds the database locked sleeps in
	// the busy handler for growing intervals, so queueing here instead keeps
	// many concurrent checks from wasting most of their time asleep. Other
	// processes are still kept out by SQLite's own locking.
	wmu  sync.Mutex
	path string // the database file, for messages
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// Log receives what the store recovers from without failing (nil:
	// slog.Default()).
	Log *slog.Logger
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date. It refuses a database written by a newer toswatch.
// path is a file name or an SQLite URI whose parameters are kept
// ("file:/srv/toswatch.db?mode=ro" opens it read-only).
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{db: db, path: File(path), Now: func() time.Time { return time.Now().UTC() }}
	op := OpOpen
	if _, err := os.Stat(s.path); err != nil {
		op = OpCreate
	}
	// WAL is a property of the file: set once, here, rather than by every
	// pooled connection. Switching a new file to WAL and migrating it need
	// the file to themselves, and SQLite answers SQLITE_BUSY at once (without
	// its busy handler) when another process is doing the same: wait for it.
	err = waitBusy(ctx, func() error {
		var mode string
		return db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
	})
	if err == nil {
		err = waitBusy(ctx, func() error { return s.migrate(ctx) })
	}
	if err != nil {
		db.Close()
		if err := s.fail(op, err); errors.As(err, new(*Error)) {
			return nil, err
		}
		return nil, fmt.Errorf("open database %s: %w", s.path, err)
	}
	return s, nil
}

// openWait bounds how long Open waits for other processes that are creating
// or migrating the same database.
const openWait = 30 * time.Second

// waitBusy runs f until it succeeds, fails for another reason than a busy
// database, or openWait has passed.
func waitBusy(ctx context.Context, f func() error) error {
	deadline := time.Now().Add(openWait)
	delay := 2 * time.Millisecond
	for {
		err := f()
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(delay):
		}
		delay = min(2*delay, 200*time.Millisecond)
	}
}

// isBusy reports whether err is SQLite's "database is locked" (any of its
// extended codes).
func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// busyTimeout is how long a writer waits for another process's write.
const busyTimeout = 30 * time.Second

// dsn puts the pragmas in the connection string so that every pooled
// connection gets them (WAL, for readers beside a writer, is set once by
// Open since it is kept in the file): a busy timeout so
// that two processes wait for each other instead of failing, and immediate
// transactions so that a check's read-then-write cannot deadlock. The
// parameters of a URI path come after them, so that they win.
func dsn(path string) string {
	q := url.Values{}
	for _, p := range []string{fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()), "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	if rest, ok := strings.CutPrefix(path, "file:"); ok {
		_, query, _ := strings.Cut(rest, "?")
		own, _ := url.ParseQuery(query)
		for k, vs := range own {
			if k != "_pragma" {
				q.Del(k)
			}
			for _, v := range vs {
				q.Add(k, v)
			}
		}
	}
	return "file:" + File(path) + "?" + q.Encode()
}

// File is the file name of a database path, which may be an SQLite URI.
func File(path string) string {
	if rest, ok := strings.CutPrefix(path, "file:"); ok {
		file, _, _ := strings.Cut(rest, "?")
		return file
	}
	return path
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrations returns the embedded migrations in order.
// migration is one numbered schema change: its SQL file and, for the few
// that must transform data SQL cannot read (compressed blobs), a Go step
// run after the SQL in the same transaction.
type migration struct {
	name string // the file name, "0008_version_parts.sql"
	sql  string
	step func(s *Store, ctx context.Context, tx *sql.Tx) error
}

// steps are the Go steps of migrations, by file name without its number,
// so that renumbering a migration only renames its file.
var steps = map[string]func(s *Store, ctx context.Context, tx *sql.Tx) error{
	"version_parts.sql": (*Store).partsMigration,
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for _, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		base := path.Base(n)
		_, key, _ := strings.Cut(base, "_")
		out = append(out, migration{name: base, sql: string(b), step: steps[key]})
	}
	return out, nil
}

// SchemaVersion is the schema version this binary writes.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	return s.apply(ctx, ms)
}

// apply brings the schema up to date with ms, each migration in a
// transaction of its own, whichever process applies it.
func (s *Store) apply(ctx context.Context, ms []migration) error {
	// An up-to-date database is only read: a read-only one opens too.
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v == len(ms) {
		return nil
	}
	if v > len(ms) {
		return newerSchema(v, len(ms))
	}
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		// Reading the schema first makes this connection load the schema
		// another process's migration changed: its copy of it may be from
		// before, and a statement such as DROP COLUMN is checked against
		// that copy when it is prepared ("no such column" for a column the
		// other process had added).
		var v, tables int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			tx.Rollback()
			return err
		}
		if v > len(ms) {
			tx.Rollback()
			return newerSchema(v, len(ms))
		}
		if v == len(ms) {
			return tx.Rollback()
		}
		m := ms[v]
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if m.step != nil {
			if err := m.step(s, ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
}

func newerSchema(v, supported int) error {
	return fmt.Errorf("database schema version %d is newer than this toswatch supports (%d): upgrade toswatch", v, supported)
}

// Backup writes a consistent copy of the live database to dest, which must
// not exist yet.
func (s *Store) Backup(ctx context.Context, dest string) error {
	// SQLite says neither of these in words ("SQL logic error: output
	// file already exists (1)", "unable to open database file (14)").
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("backup to %s: the file exists already (a backup never overwrites one)", dest)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		// The file system says why the file cannot be created.
		f, cerr := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if cerr != nil {
			return fmt.Errorf("backup to %s: %s", dest, osReason(cerr))
		}
		f.Close()
		os.Remove(dest)
		return fmt.Errorf("backup to %s: %w", dest, s.fail(OpRead, err))
	}
	return nil
}

// Size returns the database's size in bytes (pages in use).
func (s *Store) Size(ctx context.Context) (int64, error) {
	var n, size int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&n); err != nil {
		return 0, err
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil {
		return 0, err
	}
	return n * size, nil
}

const timeFormat = time.RFC3339Nano

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// parseTime reads a time this package wrote. One that does not parse
// (the file was edited by hand, or is damaged) reads as the zero time and
// is logged: one bad timestamp must not hide a whole history.
func (s *Store) parseTime(text string) time.Time {
	t, err := time.Parse(timeFormat, text)
	if err != nil {
		s.logger().Warn("stored time unreadable", slog.String("value", text), slog.Any("error", err))
	}
	return t
}

func (s *Store) logger() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

func (s *Store) nullTime(ns sql.NullString) *time.Time {
	if !ns.Valid || ns.String == "" {
		return nil
	}
	t := s.parseTime(ns.String)
	return &t
}

func nullInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

// inTx runs f in one immediate transaction: all of a check's writes land
// together or not at all.
func (s *Store) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fail(OpWrite, err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return s.fail(OpWrite, err)
	}
	return s.fail(OpWrite, tx.Commit())
}
