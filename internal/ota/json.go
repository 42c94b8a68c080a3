package ota

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// member is one key of a JSON object, its value left raw.
type member struct {
	key   string
	value json.RawMessage
}

// members reads a JSON object keeping its keys in order, which
// encoding/json's maps do not. A key given twice is an error: JSON parsers
// disagree on which one wins.
func members(data []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxError(data, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("expected an object, got %s", jsonKind(data))
	}
	var out []member
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntaxError(data, err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, fmt.Errorf("key %q given twice", key)
		}
		seen[key] = true
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, syntaxError(data, err)
		}
		out = append(out, member{key: key, value: v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntaxError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("malformed JSON: data after the object (line %d)", lineOf(data, int(dec.InputOffset())))
	}
	return out, nil
}

// syntaxError says where JSON is malformed, by line and column. The
// decoder's own offset is where it stopped reading, possibly past the
// culprit; a whole-document check points at the byte itself.
func syntaxError(data []byte, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("malformed JSON: unexpected end of file")
	}
	var v any
	var se *json.SyntaxError
	if errors.As(json.Unmarshal(data, &v), &se) {
		if se.Error() == "unexpected end of JSON input" {
			return fmt.Errorf("malformed JSON: unexpected end of file")
		}
		line, col := lineCol(data, int(se.Offset)-1)
		return fmt.Errorf("malformed JSON at line %d, column %d: %v", line, col, se)
	}
	return fmt.Errorf("malformed JSON: %v", err)
}

func lineOf(data []byte, off int) int {
	l, _ := lineCol(data, off)
	return l
}

func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = off - bytes.LastIndexByte(before, '\n')
	return line, col
}

// jsonKind names the type of a JSON value for messages.
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
