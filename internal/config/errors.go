package config

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// ErrUnknownVendor is returned by Config.Documents for a vendor name that is
// not in the file.
var ErrUnknownVendor = errors.New("unknown vendor")

// Error is one problem found in a vendors.yaml, at the node that caused it.
// Line and Column are 1-based; they are 0 when the problem has no single
// place (an empty file).
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

// Error formats the problem the way compilers do, so that editors can jump
// to it: "vendors.yaml:12:9: unknown key ...".
func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Errors is every problem found in one vendors.yaml, sorted by position.
// A user fixing the file sees them all at once instead of one per run.
type Errors struct {
	List []*Error
}

// Error joins the problems one per line.
func (e *Errors) Error() string {
	lines := make([]string, len(e.List))
	for i, err := range e.List {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As reach the individual *Error values.
func (e *Errors) Unwrap() []error {
	errs := make([]error, len(e.List))
	for i, err := range e.List {
		errs[i] = err
	}
	return errs
}

// notFoundError tells a first-time user what to do instead of printing a
// bare "no such file or directory"; it still matches fs.ErrNotExist.
type notFoundError struct {
	path string
}

func (e *notFoundError) Error() string {
	return e.path + ": no such file; create one (see README) or pass --config"
}

func (e *notFoundError) Unwrap() error { return fs.ErrNotExist }
