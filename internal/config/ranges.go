package config

import (
	"slices"

	"github.com/goccy/go-yaml/ast"
	"github.com/toswatch/toswatch/internal/model"
)

// Range keys of a select item, as written in vendors.yaml.
const (
	keyStartBefore = "start_before"
	keyStartAfter  = "start_after"
	keyEndBefore   = "end_before"
	keyEndAfter    = "end_after"
)

var rangeKeys = map[string]bool{keyStartBefore: true, keyStartAfter: true, keyEndBefore: true, keyEndAfter: true}

// selection reads a "select" value: a CSS selector, a range mapping, or a
// list mixing both. Strings keep the shape selectors has always given
// (a present list is never nil unless it holds only ranges), so that a part
// with its own select does not inherit the document's.
func (d *decoder) selection(n ast.Node) (sels []string, ranges []model.Range) {
	r := d.resolve(n)
	var items []ast.Node
	switch v := r.(type) {
	case nil, *ast.NullNode:
		return nil, nil
	case *ast.SequenceNode:
		items = v.Values
	case *ast.MappingNode, *ast.MappingValueNode:
		if rg, ok := d.rangeItem(n); ok {
			return nil, []model.Range{rg}
		}
		return nil, nil
	default:
		return d.selectors(n, "select"), nil
	}
	sels = make([]string, 0, len(items))
	for _, item := range items {
		switch d.resolve(item).(type) {
		case *ast.MappingNode, *ast.MappingValueNode:
			if rg, ok := d.rangeItem(item); ok {
				ranges = append(ranges, rg)
			}
		case *ast.SequenceNode:
			d.errorf(item, "select: expected a CSS selector or a range, got a list")
		default:
			sels = append(sels, d.selectors(item, "select")...)
		}
	}
	if len(sels) == 0 && len(ranges) > 0 {
		sels = nil
	}
	return sels, ranges
}

// rangeItem reads one range mapping; ok is false when it has a problem
// (reported at the node).
func (d *decoder) rangeItem(n ast.Node) (model.Range, bool) {
	var rg model.Range
	valid := true
	sel := func(dst *string, key string) func(ast.Node) {
		return func(v ast.Node) {
			s, ok := d.lineOK(v, "select "+key)
			if !ok {
				valid = false
				return
			}
			if err := checkSelector(s); err != nil {
				d.errorf(v, "select %s: %v", key, err)
				valid = false
				return
			}
			*dst = s
		}
	}
	entries, isMap := d.mapping(n, "select range")
	if !isMap {
		return rg, false
	}
	if !slices.ContainsFunc(entries, func(e entry) bool { return rangeKeys[e.key] }) {
		// Not meant as a range at all: one error rather than one per key.
		d.errorf(n, "select: expected a CSS selector, a range or a list of them, got a mapping without %s, %s, %s or %s", keyStartBefore, keyStartAfter, keyEndBefore, keyEndAfter)
		return rg, false
	}
	before := len(d.errs)
	byKey, isMap := d.fields(n, "select range", map[string]func(ast.Node){
		keyStartBefore: sel(&rg.StartBefore, keyStartBefore),
		keyStartAfter:  sel(&rg.StartAfter, keyStartAfter),
		keyEndBefore:   sel(&rg.EndBefore, keyEndBefore),
		keyEndAfter:    sel(&rg.EndAfter, keyEndAfter),
	})
	if !isMap {
		return rg, false
	}
	if len(d.errs) > before {
		valid = false // an unknown key, or a bad selector
	}
	_, sb := byKey[keyStartBefore]
	_, sa := byKey[keyStartAfter]
	_, eb := byKey[keyEndBefore]
	_, ea := byKey[keyEndAfter]
	switch {
	case sb && sa:
		d.errorf(byKey[keyStartAfter].keyN, "select range: both start_before and start_after; give one start")
		valid = false
	case !sb && !sa:
		d.errorf(n, "select range: missing start (start_before or start_after)")
		valid = false
	}
	switch {
	case eb && ea:
		d.errorf(byKey[keyEndAfter].keyN, "select range: both end_before and end_after; give one end")
		valid = false
	case !eb && !ea:
		d.errorf(n, "select range: missing end (end_before or end_after)")
		valid = false
	}
	return rg, valid
}
