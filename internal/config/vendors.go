package config

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/toswatch/toswatch/internal/model"
)

// firstSeen remembers where a name was first defined, for duplicate errors
// that point at both places.
type firstSeen map[string][2]int

func (d *decoder) duplicate(seen firstSeen, n ast.Node, what, name string) bool {
	key := strings.ToLower(name)
	line, col := pos(n)
	if first, dup := seen[key]; dup {
		d.errorAt(line, col, "duplicate %s %q (first defined at %s:%d:%d)", what, name, d.file, first[0], first[1])
		return true
	}
	seen[key] = [2]int{line, col}
	return false
}

// list returns the items of a YAML sequence; an absent or null one has
// none, anything else is an error ("what, got a string").
func (d *decoder) list(n ast.Node, what string) []ast.Node {
	r := d.resolve(n)
	switch v := r.(type) {
	case nil, *ast.NullNode:
		return nil
	case *ast.SequenceNode:
		return v.Values
	}
	d.errorf(n, "%s, got %s", what, kind(r))
	return nil
}

func (d *decoder) vendors(n ast.Node) []model.Vendor {
	items := d.list(n, "vendors: expected a list")
	seen := firstSeen{}
	var out []model.Vendor
	for _, item := range items {
		v, nameNode, ok := d.vendor(item)
		if !ok {
			continue
		}
		if d.duplicate(seen, nameNode, "vendor", v.Name) {
			continue
		}
		out = append(out, v)
	}
	return out
}

// vendor decodes one vendor; ok is false when it has no usable name.
func (d *decoder) vendor(n ast.Node) (v model.Vendor, nameNode ast.Node, ok bool) {
	var docsNode ast.Node
	byKey, isMap := d.fields(n, "vendor", map[string]func(ast.Node){
		"name":      func(x ast.Node) { v.Name = d.required(x, "name") },
		"documents": func(x ast.Node) { docsNode = x },
	})
	if !isMap {
		return v, nil, false
	}
	// Documents are decoded after the name so that their errors and
	// Vendor fields can use it whatever the key order.
	if docsNode != nil {
		v.Documents = d.documents(docsNode, v.Name)
	}
	if v.Name == "" {
		if _, present := byKey["name"]; !present {
			d.errorf(n, "vendor: missing \"name\"")
		}
		return v, nil, false
	}
	if _, present := byKey["documents"]; !present || (len(v.Documents) == 0 && d.isEmptyList(docsNode)) {
		d.errorf(n, "vendor %q: no documents", v.Name)
	}
	return v, byKey["name"].value, true
}

// isEmptyList reports a missing, null or empty list: "no documents" is
// then the problem, rather than errors already reported inside the list.
func (d *decoder) isEmptyList(n ast.Node) bool {
	switch v := d.resolve(n).(type) {
	case nil, *ast.NullNode:
		return true
	case *ast.SequenceNode:
		return len(v.Values) == 0
	}
	return false
}

func (d *decoder) documents(n ast.Node, vendor string) []model.Document {
	items := d.list(n, "documents: expected a list")
	seen := firstSeen{}
	var out []model.Document
	for _, item := range items {
		doc, typeNode, ok := d.document(item, vendor)
		if !ok {
			continue
		}
		if d.duplicate(seen, typeNode, "document type", doc.Type) {
			continue
		}
		out = append(out, doc)
	}
	return out
}

func (d *decoder) document(n ast.Node, vendor string) (doc model.Document, typeNode ast.Node, ok bool) {
	doc.Vendor = vendor
	var urlNode ast.Node
	var parts []model.Part
	byKey, isMap := d.fields(n, "document", map[string]func(ast.Node){
		"type":        func(x ast.Node) { doc.Type = d.required(x, "type") },
		"url":         func(x ast.Node) { urlNode = x; doc.URL = d.pageURL(x) },
		"select":      func(x ast.Node) { doc.Select, doc.Ranges = d.selection(x) },
		"remove":      func(x ast.Node) { doc.Remove = d.selectors(x, "remove") },
		"schedule":    func(x ast.Node) { doc.Schedule = d.schedule(x) },
		"render":      func(x ast.Node) { doc.Render = d.render(x) },
		"combine":     func(x ast.Node) { parts = d.parts(x) },
		"headers_env": func(x ast.Node) { doc.HeadersEnv = d.headersEnv(x) },
		"ignore":      func(x ast.Node) { doc.Ignore = d.patterns(x, "ignore") },
		"confirm_checks": func(x ast.Node) {
			n := d.integer(x, "confirm_checks")
			doc.ConfirmChecks = &n
		},
	})
	if !isMap {
		return doc, nil, false
	}
	if doc.Render == "" {
		doc.Render = RenderAuto
	}
	valid := true
	if doc.Type == "" {
		if _, present := byKey["type"]; !present {
			d.errorf(n, "document: missing \"type\"")
		}
		valid = false
	}
	combine, hasCombine := byKey["combine"]
	switch {
	case urlNode == nil && !hasCombine:
		d.errorf(n, "document: missing \"url\"")
		valid = false
	case urlNode == nil && d.isEmptyList(combine.value):
		d.errorf(combine.value, "combine: no parts and no \"url\"")
		valid = false
	}
	if len(parts) > 0 {
		// A top-level url is the first part; parts without their own
		// selectors use the document's, so that consumers need only
		// look at Combine.
		if doc.URL != "" {
			parts = append([]model.Part{{URL: doc.URL}}, parts...)
		}
		for i := range parts {
			if parts[i].Select == nil && parts[i].Ranges == nil {
				parts[i].Select, parts[i].Ranges = doc.Select, doc.Ranges
			}
			if parts[i].Remove == nil {
				parts[i].Remove = doc.Remove
			}
		}
		doc.URL = parts[0].URL
		doc.Combine = parts
	}
	return doc, byKey["type"].value, valid
}

// required reads a string that must not be empty: "name:" with nothing
// after it is reported at the key, as "name: empty".
func (d *decoder) required(n ast.Node, what string) string {
	s, ok := d.lineOK(n, what)
	if ok && s == "" {
		d.errorf(n, "%s: empty", what)
	}
	return s
}

// pageURL reads and checks the URL of a page.
func (d *decoder) pageURL(n ast.Node) string {
	s := d.required(n, "url")
	if s == "" {
		return ""
	}
	if err := httpURL(s); err != nil {
		d.errorf(n, "url: %v", err)
		return ""
	}
	return s
}

func (d *decoder) selectors(n ast.Node, what string) []string {
	list, nodes := d.strList(n, what)
	out := make([]string, 0, len(list))
	for i, s := range list {
		s = strings.TrimSpace(s)
		if err := checkSelector(s); err != nil {
			d.errorf(nodes[i], "%s: %v", what, err)
			continue
		}
		out = append(out, s)
	}
	return out
}

func (d *decoder) render(n ast.Node) string {
	s := strings.ToLower(d.line(n, "render"))
	switch s {
	case "", RenderAuto, RenderHTTP, RenderBrowser:
		return s
	}
	d.errorf(n, "render: invalid value %q (want auto, http or browser)", s)
	return ""
}

func (d *decoder) parts(n ast.Node) []model.Part {
	items := d.list(n, "combine: expected a list of parts")
	var out []model.Part
	for _, item := range items {
		var p model.Part
		var hasURL bool
		_, isMap := d.fields(item, "combine part", map[string]func(ast.Node){
			"url":    func(x ast.Node) { hasURL = true; p.URL = d.pageURL(x) },
			"select": func(x ast.Node) { p.Select, p.Ranges = d.selection(x) },
			"remove": func(x ast.Node) { p.Remove = d.selectors(x, "remove") },
		})
		if !isMap {
			continue
		}
		if !hasURL {
			d.errorf(item, "combine part: missing \"url\"")
			continue
		}
		out = append(out, p)
	}
	return out
}

// headersEnv reads a mapping of header names to the environment variables
// that hold their values.
func (d *decoder) headersEnv(n ast.Node) map[string]string {
	entries, ok := d.mapping(n, "headers_env")
	if !ok {
		return nil
	}
	out := map[string]string{}
	for _, e := range entries {
		name := http.CanonicalHeaderKey(strings.TrimSpace(e.key))
		if !validHeaderName(name) || strings.EqualFold(name, "Host") {
			d.errorf(e.keyN, "headers_env: %q is not a header toswatch can send", e.key)
			continue
		}
		if env := d.envName(e.value, "headers_env: "+name); env != "" {
			out[name] = env
		}
	}
	return out
}

// validHeaderName reports whether s is an HTTP header name (RFC 9110 token).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}

// patterns reads a list of RE2 regular expressions (a string or a list).
func (d *decoder) patterns(n ast.Node, what string) []string {
	list, nodes := d.strList(n, what)
	out := make([]string, 0, len(list))
	for i, p := range list {
		if _, err := regexp.Compile(p); err != nil {
			d.errorf(nodes[i], "%s: invalid regular expression %q: %v", what, p, err)
			continue
		}
		out = append(out, p)
	}
	return out
}
