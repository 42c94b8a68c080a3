package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/toswatch/toswatch/internal/model"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Error is a failure of the database itself: it could not be created,
// opened, read or written. Its message says what happened in words
// ("cannot write to database /srv/toswatch.db: the disk is full"), never
// with an SQLite result code; the driver's error stays reachable through
// Unwrap.
type Error struct {
	Op     string // OpCreate, OpOpen, OpRead or OpWrite
	Path   string // the database file
	Reason string
	Err    error
}

// Operations of an Error.
const (
	OpCreate = "create"
	OpOpen   = "open"
	OpRead   = "read"
	OpWrite  = "write"
)

func (e *Error) Error() string {
	switch e.Op {
	case OpCreate:
		return fmt.Sprintf("cannot create database in %s: %s", filepath.Dir(e.Path), e.Reason)
	case OpWrite:
		return fmt.Sprintf("cannot write to database %s: %s", e.Path, e.Reason)
	}
	return fmt.Sprintf("cannot %s database %s: %s", e.Op, e.Path, e.Reason)
}

func (e *Error) Unwrap() error { return e.Err }

// FailureKind makes a check that failed on the database one of kind
// database, for model.FailureOf.
func (e *Error) FailureKind() model.FailureKind { return model.FailureDatabase }

// Is makes errors.Is(err, model.FailureDatabase) match.
func (e *Error) Is(target error) bool { return target == model.FailureDatabase }

// fail turns an error of SQLite into an *Error that says in words what went
// wrong; other errors (ErrNotFound, ErrConflict, a cancelled context, one
// already turned) come back as they are.
func (s *Store) fail(op string, err error) error {
	var se *sqlite.Error
	var done *Error
	if err == nil || !errors.As(err, &se) || errors.As(err, &done) {
		return err
	}
	// Not a failure of the database file itself (an SQL error, a failed
	// migration): its message, with its context, is the reason.
	reason := err.Error()
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_READONLY:
		reason = "it is read-only"
	case sqlite3.SQLITE_FULL:
		reason = "the disk is full (or the database reached its size limit)"
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		reason = fmt.Sprintf("another process kept it locked for more than %s", busyTimeout)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		reason = "the file is damaged or is not a toswatch database"
	case sqlite3.SQLITE_IOERR:
		reason = "input/output error (a failing disk, or the file was removed)"
	case sqlite3.SQLITE_NOMEM:
		reason = "out of memory"
	case sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		reason = "permission denied"
	case sqlite3.SQLITE_CANTOPEN:
		reason = cannotOpen(s.path)
	}
	return &Error{Op: op, Path: s.path, Reason: reason, Err: err}
}

// cannotOpen finds out from the file system why SQLite could not open the
// database at path, which SQLite does not say.
func cannotOpen(path string) string {
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return osReason(err)
	}
	// The file is fine or missing: creating it, or its -wal and -shm
	// files beside it, failed.
	f, err := os.CreateTemp(filepath.Dir(path), ".toswatch-probe-*")
	if err != nil {
		return osReason(err)
	}
	f.Close()
	os.Remove(f.Name())
	return "SQLite could not open the file"
}

// osReason is the system's reason alone ("permission denied"), without the
// path and operation the caller states already.
func osReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
