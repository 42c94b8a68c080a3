package config

import "fmt"

// Bounds checked before the YAML parser sees a file. The parser's memory
// grows with nesting: 200 KB of nested brackets took it 15 GB. A real
// vendors.yaml is a few hundred KB at most and nests under ten levels.
const (
	MaxFileSize = 1 << 20 // bytes
	MaxDepth    = 64      // brackets and indentation levels together
)

// prescan refuses data larger than MaxFileSize or nested deeper than
// MaxDepth. It reads YAML's structure only as far as nesting shows in it:
// flow brackets and block indentation (including compact "- - x"
// entries), outside quoted scalars, block scalars and comments.
func prescan(file string, data []byte) *Error {
	if len(data) > MaxFileSize {
		return &Error{File: file, Msg: fmt.Sprintf("file is larger than %d bytes (1 MiB); a vendors.yaml is far smaller, is this the right file?", MaxFileSize)}
	}
	s := scanner{data: data, line: 1, col: 1}
	return s.run(file)
}

type scanner struct {
	data      []byte
	i         int
	line, col int
	indents   []int // columns of the open block nodes
	flow      int   // open flow brackets
}

func (s *scanner) next() byte {
	c := s.data[s.i]
	s.i++
	if c == '\n' {
		s.line, s.col = s.line+1, 1
	} else {
		s.col++
	}
	return c
}

func (s *scanner) peek(k int) byte {
	if s.i+k < len(s.data) {
		return s.data[s.i+k]
	}
	return 0
}

func (s *scanner) tooDeep(file string) *Error {
	if len(s.indents)+s.flow > MaxDepth {
		return &Error{File: file, Line: s.line, Column: s.col, Msg: fmt.Sprintf("nested deeper than %d levels (brackets and indentation); vendors.yaml needs fewer than ten", MaxDepth)}
	}
	return nil
}

// push opens a block node at column col, closing those at or right of it.
func (s *scanner) push(col int) {
	for len(s.indents) > 0 && s.indents[len(s.indents)-1] >= col {
		s.indents = s.indents[:len(s.indents)-1]
	}
	s.indents = append(s.indents, col)
}

func (s *scanner) skipLine() {
	for s.i < len(s.data) && s.data[s.i] != '\n' {
		s.next()
	}
}

func (s *scanner) run(file string) *Error {
	blockScalar := -1 // inside a block scalar: the indentation its lines exceed
	for s.i < len(s.data) {
		// At the start of a line.
		indent := 0
		for s.peek(indent) == ' ' {
			indent++
		}
		if c := s.peek(indent); c == '\n' || c == '\r' || c == 0 {
			s.skipLine()
			if s.i < len(s.data) {
				s.next()
			}
			continue
		}
		if blockScalar >= 0 {
			if indent > blockScalar {
				s.skipLine()
				continue
			}
			blockScalar = -1
		}
		for range indent {
			s.next()
		}
		atStart := true // a scalar, collection or entry may start here
		if s.flow == 0 && s.peek(0) != '#' {
			s.push(s.col)
			// Compact entries ("- - x", "? x") each open a level.
			for (s.peek(0) == '-' || s.peek(0) == '?') && (s.peek(1) == ' ' || s.peek(1) == '\n' || s.peek(1) == 0) {
				s.next()
				for s.peek(0) == ' ' {
					s.next()
				}
				s.push(s.col)
			}
			if err := s.tooDeep(file); err != nil {
				return err
			}
		}
		var prev byte = ' '
		for s.i < len(s.data) && s.peek(0) != '\n' {
			c := s.peek(0)
			switch {
			case c == '#' && (prev == ' ' || prev == '\t'):
				s.skipLine()
				continue
			case (c == '[' || c == '{') && (s.flow > 0 || atStart):
				s.flow++
				if err := s.tooDeep(file); err != nil {
					return err
				}
				s.next()
				atStart, prev = true, c
				continue
			case (c == ']' || c == '}') && s.flow > 0:
				s.flow--
			case c == ',' && s.flow > 0:
				s.next()
				atStart, prev = true, c
				continue
			case c == ':' && (s.flow > 0 || s.peek(1) == ' ' || s.peek(1) == '\n' || s.peek(1) == 0):
				s.next()
				atStart, prev = true, c
				continue
			case c == ' ' || c == '\t' || c == '\r':
				s.next()
				prev = c
				continue
			case atStart && (c == '\'' || c == '"'):
				if !s.quoted(c) {
					return nil // unterminated: the parser reports it
				}
				atStart, prev = false, c
				continue
			case atStart && (c == '&' || c == '!'):
				// An anchor or tag comes before the node it names.
				for s.i < len(s.data) && s.peek(0) != ' ' && s.peek(0) != '\n' {
					s.next()
				}
				continue
			case atStart && s.flow == 0 && (c == '|' || c == '>'):
				blockScalar = indent
				s.skipLine()
				continue
			}
			s.next()
			atStart, prev = false, c
		}
		if s.i < len(s.data) {
			s.next()
		}
	}
	return nil
}

// quoted skips a quoted scalar, which may span lines; false if it never
// ends.
func (s *scanner) quoted(q byte) bool {
	s.next()
	for s.i < len(s.data) {
		c := s.next()
		switch {
		case q == '"' && c == '\\' && s.i < len(s.data):
			s.next()
		case c == q && q == '\'' && s.peek(0) == '\'':
			s.next() // '' is an escaped quote
		case c == q:
			return true
		}
	}
	return false
}
