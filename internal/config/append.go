package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/toswatch/toswatch/internal/model"
)

// ErrCannotAppend is returned by AppendVendors when the file's vendors list
// is not one it can add lines to (a flow-style list, JSON).
var ErrCannotAppend = errors.New("cannot append to this vendors list")

// Appended says what AppendVendors did.
type Appended struct {
	Data    []byte   // the new file
	Added   []string // "Vendor" for a new vendor, "Vendor / Type" for a new document of a known one
	Skipped []string // "Vendor / Type (reason)" for documents left out
}

// AppendVendors adds vendors to the vendors.yaml held in data: vendors it
// does not have (names compared case-insensitively) go at the end of the
// vendors list, new documents of vendors it has at the end of their
// documents list, and documents it already has are skipped. The file is
// edited as text, lines inserted and nothing else touched, so its comments
// and layout stay as they are. The result is checked to load.
func AppendVendors(path string, data []byte, vendors []model.Vendor) (Appended, error) {
	var res Appended
	cfg, err := Parse(path, data)
	if err != nil {
		return res, err
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	list, err := vendorsList(f)
	if err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	tokens := lexer.Tokenize(string(data))
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}

	// Where each vendor already in the file can take more documents.
	type known struct {
		name  string
		types map[string]bool
		docs  *ast.SequenceNode // nil when its documents cannot be located
	}
	byName := map[string]*known{}
	for _, v := range cfg.Vendors {
		k := &known{name: v.Name, types: map[string]bool{}}
		for _, d := range v.Documents {
			k.types[strings.ToLower(d.Type)] = true
		}
		byName[strings.ToLower(v.Name)] = k
	}
	for _, item := range list.Values {
		name, docs := vendorNodes(item)
		if k := byName[strings.ToLower(name)]; k != nil && docs != nil && !docs.IsFlowStyle {
			k.docs = docs
		}
	}

	var inserts []insertion
	var fresh []model.Vendor
	freshIdx := map[string]int{}
	for _, v := range vendors {
		key := strings.ToLower(v.Name)
		if k := byName[key]; k != nil {
			var add strings.Builder
			for _, d := range v.Documents {
				switch {
				case k.types[strings.ToLower(d.Type)]:
					res.Skipped = append(res.Skipped, fmt.Sprintf("%s / %s (already in %s)", k.name, d.Type, path))
				case k.docs == nil:
					res.Skipped = append(res.Skipped, fmt.Sprintf("%s / %s (the documents of %s are not a block list; add it by hand)", k.name, d.Type, k.name))
				default:
					k.types[strings.ToLower(d.Type)] = true
					formatDocument(&add, d, startOf(k.docs).Column-1)
					res.Added = append(res.Added, k.name+" / "+d.Type)
				}
			}
			if add.Len() > 0 {
				inserts = append(inserts, insertion{after: endLine(k.docs, tokens, lines), text: add.String()})
			}
			continue
		}
		if i, ok := freshIdx[key]; ok {
			// The same vendor twice in the import: one entry.
			seen := map[string]bool{}
			for _, d := range fresh[i].Documents {
				seen[strings.ToLower(d.Type)] = true
			}
			for _, d := range v.Documents {
				if seen[strings.ToLower(d.Type)] {
					res.Skipped = append(res.Skipped, fmt.Sprintf("%s / %s (imported twice)", v.Name, d.Type))
					continue
				}
				fresh[i].Documents = append(fresh[i].Documents, d)
			}
			continue
		}
		freshIdx[key] = len(fresh)
		fresh = append(fresh, model.Vendor{Name: v.Name, Documents: slices.Clone(v.Documents)})
		res.Added = append(res.Added, v.Name)
	}
	if len(fresh) > 0 {
		indent := startOf(list).Column - 1
		inserts = append(inserts, insertion{after: endLine(list, tokens, lines), text: "\n" + FormatVendors(fresh, indent)})
	}
	res.Data = []byte(insertLines(lines, inserts))
	if _, err := Parse(path, res.Data); err != nil {
		return res, fmt.Errorf("the merged file would not load (nothing written):\n%w", err)
	}
	return res, nil
}

// vendorsList finds the block sequence under the top-level "vendors" key.
func vendorsList(f *ast.File) (*ast.SequenceNode, error) {
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		for _, mv := range mappingValues(doc.Body) {
			if keyText(mv.Key) != "vendors" {
				continue
			}
			seq, ok := unwrap(mv.Value).(*ast.SequenceNode)
			if !ok || seq.IsFlowStyle || len(seq.Values) == 0 {
				return nil, fmt.Errorf("%w: \"vendors\" is not a block list (\"- name: ...\" lines); add the entries by hand", ErrCannotAppend)
			}
			return seq, nil
		}
	}
	return nil, fmt.Errorf("%w: no \"vendors\" list", ErrCannotAppend)
}

// vendorNodes returns the name of a vendor item and its documents list,
// when they are written out in it (not brought in by an alias).
func vendorNodes(item ast.Node) (name string, docs *ast.SequenceNode) {
	for _, mv := range mappingValues(unwrap(item)) {
		switch keyText(mv.Key) {
		case "name":
			if s, ok := unwrap(mv.Value).(*ast.StringNode); ok {
				name = strings.TrimSpace(s.Value)
			}
		case "documents":
			docs, _ = unwrap(mv.Value).(*ast.SequenceNode)
		}
	}
	return name, docs
}

func mappingValues(n ast.Node) []*ast.MappingValueNode {
	switch m := unwrap(n).(type) {
	case *ast.MappingNode:
		if m.IsFlowStyle {
			return nil
		}
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	}
	return nil
}

// unwrap strips anchors and tags, which do not move where lines go.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

// startOf is the position of a block sequence's first "-".
func startOf(seq *ast.SequenceNode) *token.Position {
	return seq.Start.Position
}

// endLine is the last line of a block sequence: the line before the first
// token after it that is left of its dashes, or level with them and not a
// dash, less the blank lines and the comments no deeper than the dashes in
// between (they introduce what follows, or are items commented out). A
// line holding part of the sequence's last token is never given back.
func endLine(seq *ast.SequenceNode, tokens token.Tokens, lines []string) int {
	start := startOf(seq)
	last := start.Line
	stop := len(lines) + 1
	for _, tk := range tokens {
		p := tk.Position
		if p == nil || p.Offset <= start.Offset || tk.Type == token.CommentType {
			continue
		}
		if p.Column < start.Column || (p.Column == start.Column && tk.Type != token.SequenceEntryType) {
			stop = p.Line
			break
		}
		last = p.Line
	}
	end := stop - 1
	for end > last {
		l := lines[end-1]
		trimmed := strings.TrimLeft(l, " \t")
		indent := len(l) - len(trimmed)
		trimmed = strings.TrimSpace(trimmed)
		// A comment indented past the dashes belongs to the last item.
		if trimmed != "" && (!strings.HasPrefix(trimmed, "#") || indent >= start.Column) {
			break
		}
		end--
	}
	return end
}

// insertion is text to insert after a line (1-based).
type insertion struct {
	after int
	text  string
}

// insertLines inserts the texts, those after the same line in the order
// given.
func insertLines(lines []string, ins []insertion) string {
	slices.SortStableFunc(ins, func(a, b insertion) int { return a.after - b.after })
	var b strings.Builder
	j := 0
	for i, l := range lines {
		b.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			b.WriteByte('\n')
		}
		for ; j < len(ins) && ins[j].after == i+1; j++ {
			b.WriteString(ins[j].text)
		}
	}
	for ; j < len(ins); j++ {
		b.WriteString(ins[j].text)
	}
	return b.String()
}
