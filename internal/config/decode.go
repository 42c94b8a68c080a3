package config

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// The decoder walks the YAML AST itself rather than unmarshalling into
// structs: that is what lets it report every problem, each at the exact
// node (the package comment has the measurement).

const (
	// maxAliasHops bounds a chain of aliases (an alias of an anchored alias
	// ...), which a self-referencing anchor would make endless.
	maxAliasHops = 64
	// maxNodes bounds the work of expanding aliases: a few lines that alias
	// a list of lists of lists would otherwise take exponential time.
	maxNodes = 200_000
)

type decoder struct {
	file    string
	errs    []*Error
	seen    map[Error]bool // identical errors reached twice through aliases
	anchors map[string][]*ast.AnchorNode
	// nullKey maps an empty value ("url:") to its key: the parser places
	// such a value inconsistently past the colon, the key is where to look.
	nullKey map[ast.Node]ast.Node
	nodes   int
	tooBig  bool
	// notifyVendors are the vendors named by notify targets.
	notifyVendors []notifyVendor
}

// entry is one key of a mapping, after merge keys are expanded.
type entry struct {
	key   string
	keyN  ast.Node
	value ast.Node
}

func newDecoder(file string) *decoder {
	return &decoder{file: file, seen: map[Error]bool{}, anchors: map[string][]*ast.AnchorNode{}, nullKey: map[ast.Node]ast.Node{}}
}

func (d *decoder) errorAt(line, col int, format string, args ...any) {
	e := Error{File: d.file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	if d.seen[e] {
		return
	}
	d.seen[e] = true
	d.errs = append(d.errs, &e)
}

func (d *decoder) errorf(n ast.Node, format string, args ...any) {
	if k, ok := d.nullKey[n]; ok {
		n = k
	}
	line, col := pos(n)
	d.errorAt(line, col, format, args...)
}

// result returns the collected errors sorted by position, or nil.
func (d *decoder) result() error {
	if len(d.errs) == 0 {
		return nil
	}
	sort.SliceStable(d.errs, func(i, j int) bool {
		a, b := d.errs[i], d.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return &Errors{List: d.errs}
}

// pos is where a user would look for a node. A block mapping's own token is
// its first ':', so its first key stands for it instead.
func pos(n ast.Node) (line, col int) {
	switch n := n.(type) {
	case nil:
		return 0, 0
	case *ast.MappingNode:
		if !n.IsFlowStyle && len(n.Values) > 0 && n.Values[0].Key != nil {
			return pos(n.Values[0].Key)
		}
	case *ast.MappingValueNode:
		if n.Key != nil {
			return pos(n.Key)
		}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// collectAnchors records every anchor in document order, so that an alias
// resolves to the last anchor of its name defined before it.
func (d *decoder) collectAnchors(n ast.Node, depth int) {
	if n == nil || depth > 1000 {
		return
	}
	switch n := n.(type) {
	case *ast.AnchorNode:
		if name, ok := n.Name.(*ast.StringNode); ok {
			d.anchors[name.Value] = append(d.anchors[name.Value], n)
		}
		d.collectAnchors(n.Value, depth+1)
	case *ast.MappingNode:
		for _, mv := range n.Values {
			d.collectAnchors(mv, depth+1)
		}
	case *ast.MappingValueNode:
		d.collectAnchors(n.Key, depth+1)
		d.collectAnchors(n.Value, depth+1)
	case *ast.MappingKeyNode:
		d.collectAnchors(n.Value, depth+1)
	case *ast.SequenceNode:
		for _, v := range n.Values {
			d.collectAnchors(v, depth+1)
		}
	case *ast.TagNode:
		d.collectAnchors(n.Value, depth+1)
	}
}

func offset(n ast.Node) int {
	if n == nil {
		return -1
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return -1
	}
	return tk.Position.Offset
}

// resolve strips anchors, aliases and tags down to the node holding the
// value. It returns nil for a missing value and for an alias that points
// nowhere (reported here).
func (d *decoder) resolve(n ast.Node) ast.Node {
	for hops := 0; ; hops++ {
		if hops > maxAliasHops {
			d.errorf(n, "alias chain too long or circular")
			return nil
		}
		switch v := n.(type) {
		case nil:
			return nil
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			name := ""
			if s, ok := v.Value.(*ast.StringNode); ok {
				name = s.Value
			}
			var target *ast.AnchorNode
			for _, a := range d.anchors[name] {
				if offset(a) < offset(v) {
					target = a
				}
			}
			if target == nil {
				d.errorf(v, "unknown alias %q", name)
				return nil
			}
			n = target.Value
		default:
			d.nodes++
			if d.nodes > maxNodes {
				if !d.tooBig {
					d.tooBig = true
					d.errorf(n, "too many nodes after expanding aliases (more than %d)", maxNodes)
				}
				return nil
			}
			return n
		}
	}
}

func kind(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "null"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	case *ast.IntegerNode:
		return "an integer"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	}
	return "a " + n.Type().String()
}

// keyText is the text of a mapping key as the user typed it.
func keyText(n ast.Node) string {
	switch k := n.(type) {
	case *ast.StringNode:
		return k.Value
	case *ast.MappingKeyNode:
		return keyText(k.Value)
	case *ast.AnchorNode:
		return keyText(k.Value)
	case *ast.TagNode:
		return keyText(k.Value)
	case nil:
		return ""
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// mapping returns the entries of a mapping node, with "<<" merge keys
// expanded (keys written in the mapping itself win). A null value is an
// empty mapping. ok is false, and an error reported, for anything else.
func (d *decoder) mapping(n ast.Node, what string) (entries []entry, ok bool) {
	return d.mappingDepth(n, what, 0)
}

func (d *decoder) mappingDepth(n ast.Node, what string, depth int) ([]entry, bool) {
	r := d.resolve(n)
	var values []*ast.MappingValueNode
	switch m := r.(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.MappingNode:
		values = m.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{m}
	default:
		d.errorf(n, "%s: expected a mapping, got %s", what, kind(r))
		return nil, false
	}
	var own, merged []entry
	for _, mv := range values {
		if isMergeKey(mv.Key) {
			if depth > 8 {
				d.errorf(mv.Key, "merge keys nested too deep")
				continue
			}
			merged = append(merged, d.mergeSources(mv.Value, what, depth)...)
			continue
		}
		if _, null := mv.Value.(*ast.NullNode); null {
			d.nullKey[mv.Value] = mv.Key
		}
		own = append(own, entry{key: keyText(mv.Key), keyN: mv.Key, value: mv.Value})
	}
	if len(merged) == 0 {
		return own, true
	}
	have := map[string]bool{}
	for _, e := range own {
		have[e.key] = true
	}
	out := own
	for _, e := range merged {
		if !have[e.key] {
			have[e.key] = true
			out = append(out, e)
		}
	}
	return out, true
}

func isMergeKey(k ast.MapKeyNode) bool {
	if k == nil {
		return false
	}
	if _, ok := k.(*ast.MergeKeyNode); ok {
		return true
	}
	return k.IsMergeKey()
}

// mergeSources expands the value of "<<": a mapping or a list of them,
// the earlier ones winning.
func (d *decoder) mergeSources(n ast.Node, what string, depth int) []entry {
	if seq, ok := d.resolve(n).(*ast.SequenceNode); ok {
		var out []entry
		for _, v := range seq.Values {
			e, _ := d.mappingDepth(v, what, depth+1)
			out = append(out, e...)
		}
		return out
	}
	e, _ := d.mappingDepth(n, what, depth+1)
	return e
}

// fields dispatches each entry of a mapping to the handler for its key and
// reports unknown keys with the nearest known one. It returns the entries
// by key for presence checks.
func (d *decoder) fields(n ast.Node, what string, handlers map[string]func(ast.Node)) (map[string]entry, bool) {
	entries, ok := d.mapping(n, what)
	if !ok {
		return nil, false
	}
	byKey := make(map[string]entry, len(entries))
	for _, e := range entries {
		h, known := handlers[e.key]
		if !known {
			d.errorf(e.keyN, "%s", unknownKey(e.key, handlers))
			continue
		}
		byKey[e.key] = e
		h(e.value)
	}
	return byKey, true
}

func unknownKey(key string, handlers map[string]func(ast.Node)) string {
	known := make([]string, 0, len(handlers))
	for k := range handlers {
		known = append(known, k)
	}
	sort.Strings(known)
	best, bestDist := "", math.MaxInt
	for _, k := range known {
		dist := levenshtein(strings.ToLower(key), k)
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" && bestDist <= max(2, len(key)/3) {
		return fmt.Sprintf("unknown key %q (did you mean %q?)", key, best)
	}
	return fmt.Sprintf("unknown key %q (known keys: %s)", key, strings.Join(known, ", "))
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
