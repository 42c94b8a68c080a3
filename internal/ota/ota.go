// Package ota reads Open Terms Archive declarations (one JSON file per
// service, listing the terms to track, where to fetch them and which part
// of the page is the text) and converts them into toswatch vendors, so that
// the thousands of declarations the OTA community maintains can seed a
// vendors.yaml. What has no toswatch equivalent (filter functions, ranges
// in remove, unknown keys) is reported as a warning rather than dropped in
// silence.
package ota

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// ErrInvalid is wrapped by every error about a declaration's content.
var ErrInvalid = errors.New("invalid declaration")

// Declaration is one service's declaration file.
type Declaration struct {
	File    string   // where it was read from, for messages; set by ParseFile
	Name    string   // the service name
	Terms   []Term   // in file order
	Unknown []string // top-level keys that are not part of the format
}

// Term is one tracked terms document of a service. Its Page holds the page
// to fetch or, with Combine, what the parts share.
type Term struct {
	Type string // "Terms of Service", "Privacy Policy", …
	Page
	Combine []Page
}

// Page is where a text comes from and how it is cut out of the page.
type Page struct {
	Fetch                string
	Select               []Selector
	Remove               []Selector
	Filter               []string // names of the service's filter functions
	ExecuteClientScripts *bool    // nil when not set
	Unknown              []string // keys that are not part of the format
}

// Selector is a CSS selector or, when Range is set, a range of the page.
type Selector struct {
	CSS   string
	Range *model.Range
}

// ParseFile reads and parses the declaration at path; errors name the file.
func ParseFile(path string) (Declaration, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Declaration{}, fmt.Errorf("read declaration: %w", err)
	}
	d, err := Parse(data)
	if err != nil {
		return Declaration{}, fmt.Errorf("%s: %w", path, err)
	}
	d.File = path
	return d, nil
}

// Parse parses a declaration. Both the current "terms" key and the older
// "documents" are accepted. A term's keys are read in file order, so that
// the vendors.yaml written from it lists documents as the file does.
func Parse(data []byte) (Declaration, error) {
	var d Declaration
	top, err := members(data)
	if err != nil {
		return d, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	var terms json.RawMessage
	termsKey := ""
	for _, m := range top {
		switch m.key {
		case "name":
			if err := json.Unmarshal(m.value, &d.Name); err != nil {
				return d, invalid("name", "expected a string, got %s", jsonKind(m.value))
			}
			d.Name = strings.TrimSpace(d.Name)
		case "terms", "documents":
			if termsKey != "" {
				return d, invalid(m.key, "the declaration also has %q; give one", termsKey)
			}
			termsKey, terms = m.key, m.value
		default:
			d.Unknown = append(d.Unknown, m.key)
		}
	}
	if d.Name == "" {
		return d, fmt.Errorf(`%w: missing "name" (is this a .history.json file?)`, ErrInvalid)
	}
	if termsKey == "" {
		return d, fmt.Errorf(`%w: missing "terms"`, ErrInvalid)
	}
	list, err := members(terms)
	if err != nil {
		return d, invalid(termsKey, "%v", err)
	}
	for _, m := range list {
		t, err := parseTerm(m.key, m.value)
		if err != nil {
			return d, err
		}
		d.Terms = append(d.Terms, t)
	}
	return d, nil
}

func parseTerm(typ string, raw json.RawMessage) (Term, error) {
	t := Term{Type: strings.TrimSpace(typ)}
	if t.Type == "" {
		return t, fmt.Errorf("%w: a term has an empty type", ErrInvalid)
	}
	fields, err := members(raw)
	if err != nil {
		return t, invalid(typ, "%v", err)
	}
	var page []member
	for _, m := range fields {
		if m.key != "combine" {
			page = append(page, m)
			continue
		}
		var parts []json.RawMessage
		if err := json.Unmarshal(m.value, &parts); err != nil {
			return t, invalid(typ+": combine", "expected a list of pages, got %s", jsonKind(m.value))
		}
		for i, p := range parts {
			pm, err := members(p)
			if err != nil {
				return t, invalid(fmt.Sprintf("%s: combine[%d]", typ, i), "%v", err)
			}
			pg, err := parsePage(fmt.Sprintf("%s: combine[%d]", typ, i), pm)
			if err != nil {
				return t, err
			}
			t.Combine = append(t.Combine, pg)
		}
	}
	t.Page, err = parsePage(typ, page)
	return t, err
}

func parsePage(where string, fields []member) (Page, error) {
	var p Page
	for _, m := range fields {
		var err error
		switch m.key {
		case "fetch":
			if e := json.Unmarshal(m.value, &p.Fetch); e != nil {
				err = fmt.Errorf("expected a URL string, got %s", jsonKind(m.value))
			}
			p.Fetch = strings.TrimSpace(p.Fetch)
		case "select":
			p.Select, err = parseSelectors(m.value)
		case "remove":
			p.Remove, err = parseSelectors(m.value)
		case "filter":
			p.Filter, err = parseFilters(m.value)
		case "executeClientScripts":
			var b bool
			if e := json.Unmarshal(m.value, &b); e != nil {
				err = fmt.Errorf("expected true or false, got %s", jsonKind(m.value))
			}
			p.ExecuteClientScripts = &b
		default:
			p.Unknown = append(p.Unknown, m.key)
		}
		if err != nil {
			return p, invalid(where+": "+m.key, "%v", err)
		}
	}
	return p, nil
}

// parseSelectors reads a selector, a range, or a list mixing both.
func parseSelectors(raw json.RawMessage) ([]Selector, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, err
		}
		out := make([]Selector, 0, len(items))
		for _, it := range items {
			s, err := parseSelector(it)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, err := parseSelector(raw)
	if err != nil {
		return nil, err
	}
	return []Selector{s}, nil
}

func parseSelector(raw json.RawMessage) (Selector, error) {
	raw = bytes.TrimSpace(raw)
	var s Selector
	if len(raw) > 0 && raw[0] == '"' {
		err := json.Unmarshal(raw, &s.CSS)
		s.CSS = strings.TrimSpace(s.CSS)
		return s, err
	}
	if len(raw) == 0 || raw[0] != '{' {
		return s, fmt.Errorf("expected a CSS selector or a range, got %s", jsonKind(raw))
	}
	fields, err := members(raw)
	if err != nil {
		return s, err
	}
	var r model.Range
	for _, m := range fields {
		var dst *string
		switch m.key {
		case "startBefore":
			dst = &r.StartBefore
		case "startAfter":
			dst = &r.StartAfter
		case "endBefore":
			dst = &r.EndBefore
		case "endAfter":
			dst = &r.EndAfter
		default:
			return s, fmt.Errorf("range: unknown key %q (want startBefore or startAfter, and endBefore or endAfter)", m.key)
		}
		if err := json.Unmarshal(m.value, dst); err != nil {
			return s, fmt.Errorf("range: %s: expected a CSS selector, got %s", m.key, jsonKind(m.value))
		}
		*dst = strings.TrimSpace(*dst)
	}
	if (r.StartBefore == "") == (r.StartAfter == "") {
		return s, fmt.Errorf("range: give exactly one of startBefore and startAfter")
	}
	if (r.EndBefore == "") == (r.EndAfter == "") {
		return s, fmt.Errorf("range: give exactly one of endBefore and endAfter")
	}
	s.Range = &r
	return s, nil
}

// parseFilters reads the names of filter functions: strings, or objects
// whose keys name a function and whose values are its parameters.
func parseFilters(raw json.RawMessage) ([]string, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("expected a list of filter names, got %s", jsonKind(raw))
	}
	var names []string
	for _, it := range items {
		var name string
		if json.Unmarshal(it, &name) == nil {
			names = append(names, name)
			continue
		}
		ms, err := members(it)
		if err != nil {
			return nil, fmt.Errorf("expected a filter name, got %s", jsonKind(it))
		}
		for _, m := range ms {
			names = append(names, m.key)
		}
	}
	return names, nil
}

func invalid(where, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalid, where, fmt.Sprintf(format, args...))
}
