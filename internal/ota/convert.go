package ota

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/andybalholm/cascadia"
	"github.com/toswatch/toswatch/internal/model"
)

// Warning is something of a declaration that the conversion could not
// carry over.
type Warning struct {
	File string // the declaration file; "" when not read from one
	Term string // the term type; "" for the declaration as a whole
	Msg  string
}

// String formats a warning as "file: term: message".
func (w Warning) String() string {
	var parts []string
	if w.File != "" {
		parts = append(parts, w.File)
	}
	if w.Term != "" {
		parts = append(parts, w.Term)
	}
	return strings.Join(append(parts, w.Msg), ": ")
}

// Convert maps a declaration to a vendor shaped as config.Load gives one:
// Render "auto" unless the declaration runs client scripts ("browser"),
// and a combined document listing all its parts in Combine, each with its
// selectors (its own, or the document's). A term that cannot be tracked as
// declared (no URL, an invalid selector) is left out with a warning; the
// vendor may then have no documents.
func Convert(d Declaration) (model.Vendor, []Warning) {
	v := model.Vendor{Name: d.Name}
	var warns []Warning
	warn := func(term, format string, args ...any) {
		warns = append(warns, Warning{File: d.File, Term: term, Msg: fmt.Sprintf(format, args...)})
	}
	for _, k := range d.Unknown {
		warn("", "unknown key %q ignored", k)
	}
	for _, t := range d.Terms {
		doc, ok := convertTerm(d.Name, t, func(format string, args ...any) { warn(t.Type, format, args...) })
		if ok {
			v.Documents = append(v.Documents, doc)
		}
	}
	if len(v.Documents) == 0 {
		warn("", "no term could be imported")
	}
	return v, warns
}

// convertTerm maps one term; ok is false when it cannot be tracked.
func convertTerm(vendor string, t Term, warn func(string, ...any)) (model.Document, bool) {
	doc := model.Document{Vendor: vendor, Type: t.Type, Render: "auto"}
	shared, ok := convertPage("", t.Page, warn)
	doc.Select, doc.Ranges, doc.Remove = shared.sel, shared.ranges, shared.remove
	browser := shared.browser

	switch {
	case len(t.Combine) == 0 && t.Fetch == "":
		warn(`no "fetch" URL and no "combine"; not imported`)
		return doc, false
	case len(t.Combine) == 0:
		doc.URL = t.Fetch
	default:
		if t.Fetch != "" {
			// As in vendors.yaml, a URL beside the parts is the first part.
			doc.Combine = append(doc.Combine, model.Part{URL: t.Fetch})
		}
		for i, p := range t.Combine {
			where := fmt.Sprintf("combine[%d]: ", i)
			pg, pok := convertPage(where, p, warn)
			ok = ok && pok
			browser = browser || pg.browser
			if p.Fetch == "" {
				warn(`%smissing "fetch"; not imported`, where)
				ok = false
				continue
			}
			doc.Combine = append(doc.Combine, model.Part{URL: p.Fetch, Select: pg.sel, Ranges: pg.ranges, Remove: pg.remove})
		}
		for i := range doc.Combine {
			part := &doc.Combine[i]
			if part.Select == nil && part.Ranges == nil {
				part.Select, part.Ranges = doc.Select, doc.Ranges
			}
			if part.Remove == nil {
				part.Remove = doc.Remove
			}
		}
		if len(doc.Combine) > 0 {
			doc.URL = doc.Combine[0].URL
		}
	}
	for _, u := range append([]string{doc.URL}, partURLs(doc.Combine)...) {
		if err := httpURL(u); err != nil {
			warn("%v; not imported", err)
			ok = false
			break
		}
	}
	if browser {
		doc.Render = "browser"
	}
	return doc, ok
}

func partURLs(parts []model.Part) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p.URL
	}
	return out
}

// page is the toswatch side of a Page.
type page struct {
	sel     []string
	ranges  []model.Range
	remove  []string
	browser bool
}

// convertPage maps the selectors and options of a page, warning about what
// it drops; ok is false when a selector is not valid CSS, since the text
// would then not be the one declared.
func convertPage(where string, p Page, warn func(string, ...any)) (page, bool) {
	var out page
	ok := true
	for _, s := range p.Select {
		if s.Range != nil {
			for _, css := range []string{s.Range.StartBefore, s.Range.StartAfter, s.Range.EndBefore, s.Range.EndAfter} {
				ok = checkCSS(where+"select", css, warn) && ok
			}
			out.ranges = append(out.ranges, *s.Range)
			continue
		}
		if s.CSS == "" {
			warn("%sselect: empty selector ignored", where)
			continue
		}
		ok = checkCSS(where+"select", s.CSS, warn) && ok
		out.sel = append(out.sel, s.CSS)
	}
	for _, s := range p.Remove {
		if s.Range != nil {
			warn("%sremove: range %s not imported: toswatch removes CSS matches only, so the text may hold more than Open Terms Archive's", where, formatRange(*s.Range))
			continue
		}
		if s.CSS == "" {
			warn("%sremove: empty selector ignored", where)
			continue
		}
		ok = checkCSS(where+"remove", s.CSS, warn) && ok
		out.remove = append(out.remove, s.CSS)
	}
	if len(p.Filter) > 0 {
		warn("%sfilter [%s] not imported: toswatch has no filter functions, so the text may differ from Open Terms Archive's", where, strings.Join(p.Filter, ", "))
	}
	for _, k := range p.Unknown {
		warn("%sunknown key %q ignored", where, k)
	}
	if p.ExecuteClientScripts != nil && *p.ExecuteClientScripts {
		out.browser = true
	}
	return out, ok
}

func checkCSS(what, css string, warn func(string, ...any)) bool {
	if css == "" {
		return true // the unset side of a range
	}
	if _, err := cascadia.Compile(css); err != nil {
		warn("%s: CSS selector %q is not supported (%v); not imported", what, css, err)
		return false
	}
	return true
}

// httpURL checks that s is an absolute http(s) URL, as vendors.yaml wants.
func httpURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http or https URL", s)
	}
	return nil
}

// formatRange writes a range as the declaration does.
func formatRange(r model.Range) string {
	var parts []string
	for _, kv := range [][2]string{
		{"startBefore", r.StartBefore}, {"startAfter", r.StartAfter},
		{"endBefore", r.EndBefore}, {"endAfter", r.EndAfter},
	} {
		if kv[1] != "" {
			parts = append(parts, fmt.Sprintf("%s: %q", kv[0], kv[1]))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
