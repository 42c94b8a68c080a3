package config

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/goccy/go-yaml/ast"
)

// The readers below turn one value node into a Go value, reporting a
// problem at the node and returning the zero value when it does not fit.

// str reads a scalar as a string. Numbers and booleans are taken as typed
// ("type: 2024" is a fine document type); mappings and lists are errors.
func (d *decoder) str(n ast.Node, what string) (string, bool) {
	r := d.resolve(n)
	switch v := r.(type) {
	case nil, *ast.NullNode:
		return "", true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value != nil {
			return v.Value.Value, true
		}
		return "", true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	}
	d.errorf(n, "%s: expected a string, got %s", what, kind(r))
	return "", false
}

// strList reads "a string or a list of strings", with the node of each
// string for error positions.
func (d *decoder) strList(n ast.Node, what string) ([]string, []ast.Node) {
	r := d.resolve(n)
	switch v := r.(type) {
	case nil, *ast.NullNode:
		return nil, nil
	case *ast.SequenceNode:
		out := make([]string, 0, len(v.Values))
		nodes := make([]ast.Node, 0, len(v.Values))
		for _, item := range v.Values {
			if s, ok := d.str(item, what); ok {
				out = append(out, s)
				nodes = append(nodes, item)
			}
		}
		return out, nodes
	case *ast.MappingNode, *ast.MappingValueNode:
		d.errorf(n, "%s: expected a string or a list of strings, got %s", what, kind(r))
		return nil, nil
	}
	s, ok := d.str(n, what)
	if !ok {
		return nil, nil
	}
	return []string{s}, []ast.Node{n}
}

// integer reads a non-negative integer; a quoted number is an error since
// it is almost always a mistake in a hand-written file.
func (d *decoder) integer(n ast.Node, what string) int {
	r := d.resolve(n)
	switch v := r.(type) {
	case nil, *ast.NullNode:
		return 0
	case *ast.IntegerNode:
		var i int64
		switch x := v.Value.(type) {
		case int64:
			i = x
		case uint64:
			if x > math.MaxInt32 {
				d.errorf(n, "%s: %d is too large", what, x)
				return 0
			}
			i = int64(x)
		}
		if i < 0 {
			d.errorf(n, "%s: must not be negative, got %d", what, i)
			return 0
		}
		if i > math.MaxInt32 {
			d.errorf(n, "%s: %d is too large", what, i)
			return 0
		}
		return int(i)
	}
	d.errorf(n, "%s: expected an integer, got %s", what, kind(r))
	return 0
}

func (d *decoder) boolean(n ast.Node, what string) bool {
	r := d.resolve(n)
	switch v := r.(type) {
	case nil, *ast.NullNode:
		return false
	case *ast.BoolNode:
		return v.Value
	case *ast.StringNode:
		d.errorf(n, "%s: expected true or false, got %q", what, v.Value)
		return false
	}
	d.errorf(n, "%s: expected true or false, got %s", what, kind(r))
	return false
}

// duration reads a Go duration ("6h", "90m"); a bare 0 is allowed since
// it reads naturally as "the default".
func (d *decoder) duration(n ast.Node, what string) time.Duration {
	r := d.resolve(n)
	var s string
	switch v := r.(type) {
	case nil, *ast.NullNode:
		return 0
	case *ast.IntegerNode:
		if i, ok := v.Value.(int64); ok && i == 0 {
			return 0
		}
		s = v.Token.Value
	case *ast.StringNode:
		s = v.Value
	case *ast.FloatNode:
		s = v.Token.Value
	default:
		d.errorf(n, "%s: expected a duration such as \"6h\" or \"90s\", got %s", what, kind(r))
		return 0
	}
	dur, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		d.errorf(n, "%s: invalid duration %q (want a number with a unit, such as \"6h\", \"90m\" or \"30s\")", what, s)
		return 0
	}
	if dur < 0 {
		d.errorf(n, "%s: must not be negative, got %s", what, s)
		return 0
	}
	return dur
}

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9},
	{"b", 1},
}

// size reads a byte count: a plain number or one with a unit ("10MiB").
func (d *decoder) size(n ast.Node, what string) int64 {
	r := d.resolve(n)
	var s string
	switch v := r.(type) {
	case nil, *ast.NullNode:
		return 0
	case *ast.IntegerNode:
		s = v.Token.Value
		if i, ok := v.Value.(int64); ok {
			if i < 0 {
				d.errorf(n, "%s: must not be negative, got %d", what, i)
				return 0
			}
			return i
		}
	case *ast.StringNode:
		s = v.Value
	default:
		d.errorf(n, "%s: expected a size such as \"10MiB\", got %s", what, kind(r))
		return 0
	}
	size, err := parseSize(s)
	if err != nil {
		d.errorf(n, "%s: %v", what, err)
		return 0
	}
	return size
}

func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	num, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid size %q (want bytes, or a number with KiB, MiB or GiB)", s)
	}
	if num < 0 {
		return 0, fmt.Errorf("must not be negative, got %s", s)
	}
	if num > math.MaxInt64/mult {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return num * mult, nil
}

// httpURL checks that s is an absolute http(s) URL with a host.
func httpURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("invalid URL %q: %v", s, unwrapURLError(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q is not an http or https URL", s)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("URL %q has no host", s)
	}
	if u.User != nil {
		// A password in a URL ends up in logs, the database, the UI and
		// feeds: refuse it whole, without repeating it.
		u.User = nil
		return fmt.Errorf("URL %s carries a user name or password (user:password@): credentials do not belong in URLs, which are logged and shown; send them in a header whose value comes from the environment instead (headers_env: {Authorization: ENV_VAR})", u.Redacted())
	}
	return nil
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// checkSelector compiles a selector the way goquery will, so that a typo
// fails at load time rather than silently matching nothing.
func checkSelector(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("empty CSS selector")
	}
	if _, err := cascadia.Compile(s); err != nil {
		return fmt.Errorf("invalid CSS selector %q: %v", s, err)
	}
	return nil
}
