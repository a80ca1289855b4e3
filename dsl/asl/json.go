package asl

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// node is one parsed JSON value. Objects keep their keys in source order.
type node struct {
	kind   byte // one of the kind* constants
	off    int  // offset of the value's first byte in the source
	str    string
	b      bool
	keys   []string
	keyOff []int
	vals   []*node // object values (parallel to keys) or array elements
}

const (
	kindObject = 'o'
	kindArray  = 'a'
	kindString = 's'
	kindNumber = 'n'
	kindBool   = 'b'
	kindNull   = 'z'
)

// kindName names a JSON kind in error messages.
func kindName(k byte) string {
	switch k {
	case kindObject:
		return "an object"
	case kindArray:
		return "an array"
	case kindString:
		return "a string"
	case kindNumber:
		return "a number"
	case kindBool:
		return "a boolean"
	case kindNull:
		return "null"
	}
	return "nothing"
}

// get returns the value of key in an object node.
func (n *node) get(key string) *node {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 10000

type parser struct {
	src   []byte
	pos   int
	depth int
	err   *Error
}

// parseJSON parses src as exactly one JSON value. Duplicate object keys are errors.
func parseJSON(src []byte) (*node, *Error) {
	p := &parser{src: src}
	p.space()
	if p.pos >= len(p.src) {
		return nil, p.errAt(p.pos, "empty document")
	}
	n := p.value()
	if p.err != nil {
		return nil, p.err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.errAt(p.pos, fmt.Sprintf("unexpected %s after the top-level value", p.describe(p.pos)))
	}
	return n, nil
}

func (p *parser) errAt(off int, msg string) *Error {
	if p.err == nil {
		line, col := lineCol(p.src, off)
		p.err = &Error{Line: line, Column: col, Message: msg}
	}
	return p.err
}

func (p *parser) describe(off int) string {
	if off >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.src[off:])
	return strconv.QuoteRune(r)
}

func (p *parser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value() *node {
	if p.err != nil {
		return nil
	}
	if p.pos >= len(p.src) {
		p.errAt(p.pos, "unexpected end of input, expected a value")
		return nil
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		off := p.pos
		s, ok := p.string()
		if !ok {
			return nil
		}
		return &node{kind: kindString, off: off, str: s}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", &node{kind: kindBool, off: p.pos, b: true})
	case c == 'f':
		return p.literal("false", &node{kind: kindBool, off: p.pos})
	case c == 'n':
		return p.literal("null", &node{kind: kindNull, off: p.pos})
	}
	p.errAt(p.pos, fmt.Sprintf("unexpected %s, expected a value", p.describe(p.pos)))
	return nil
}

func (p *parser) literal(word string, n *node) *node {
	if !bytes.HasPrefix(p.src[p.pos:], []byte(word)) {
		p.errAt(p.pos, fmt.Sprintf("invalid literal, expected %s", word))
		return nil
	}
	p.pos += len(word)
	return n
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		p.errAt(p.pos, "nesting too deep")
		return false
	}
	return true
}

func (p *parser) object() *node {
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	n := &node{kind: kindObject, off: p.pos}
	p.pos++ // {
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		return n
	}
	var seen map[string]bool
	for {
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			p.errAt(p.pos, fmt.Sprintf("unexpected %s, expected a string key", p.describe(p.pos)))
			return nil
		}
		koff := p.pos
		k, ok := p.string()
		if !ok {
			return nil
		}
		if len(n.keys) >= 8 && seen == nil {
			seen = make(map[string]bool, 16)
			for _, old := range n.keys {
				seen[old] = true
			}
		}
		dup := false
		if seen != nil {
			dup = seen[k]
			seen[k] = true
		} else {
			for _, old := range n.keys {
				dup = dup || old == k
			}
		}
		if dup {
			p.errAt(koff, fmt.Sprintf("duplicate key %q", k))
			return nil
		}
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			p.errAt(p.pos, fmt.Sprintf("unexpected %s, expected ':' after object key", p.describe(p.pos)))
			return nil
		}
		p.pos++
		p.space()
		v := p.value()
		if v == nil {
			return nil
		}
		n.keys = append(n.keys, k)
		n.keyOff = append(n.keyOff, koff)
		n.vals = append(n.vals, v)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			return n
		}
		p.errAt(p.pos, fmt.Sprintf("unexpected %s, expected ',' or '}' in object", p.describe(p.pos)))
		return nil
	}
}

func (p *parser) array() *node {
	if !p.enter() {
		return nil
	}
	defer func() { p.depth-- }()
	n := &node{kind: kindArray, off: p.pos}
	p.pos++ // [
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		return n
	}
	for {
		p.space()
		v := p.value()
		if v == nil {
			return nil
		}
		n.vals = append(n.vals, v)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			return n
		}
		p.errAt(p.pos, fmt.Sprintf("unexpected %s, expected ',' or ']' in array", p.describe(p.pos)))
		return nil
	}
}

func (p *parser) number() *node {
	start := p.pos
	end, errAt, msg := jsonvalue.ScanNumber(p.src, start)
	if msg != "" {
		p.errAt(errAt, msg)
		return nil
	}
	p.pos = end
	return &node{kind: kindNumber, off: start, str: string(p.src[start:end])}
}

// string reads a quoted string at p.pos and returns its unescaped value.
func (p *parser) string() (string, bool) {
	v, end, errAt, msg := jsonvalue.ReadString(p.src, p.pos)
	if msg != "" {
		p.errAt(errAt, msg)
		return "", false
	}
	p.pos = end
	return v, true
}

// lineCol converts a byte offset to a 1-based line and column (in bytes).
func lineCol(src []byte, off int) (int, int) {
	if off > len(src) {
		off = len(src)
	}
	line := 1 + bytes.Count(src[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}

// appendString appends s as a JSON string as encoding/json writes it
// without HTML escaping: invalid UTF-8 as \ufffd, U+2028 and U+2029
// escaped.
func appendString(b []byte, s string) []byte {
	return jsonvalue.AppendStringWith(b, s, jsonvalue.EscapeInvalidUTF8|jsonvalue.EscapeLineSeparators)
}
