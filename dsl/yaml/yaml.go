package yaml

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Error is a YAML syntax error at a line and column.
type Error struct {
	// Line and Column give the position of the problem in the YAML text,
	// both 1-based; Column counts bytes.
	Line, Column int
	// Msg says what is wrong.
	Msg string
}

// Error formats the error as "line:column: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Msg)
}

// ToJSON converts one YAML document to JSON text. The JSON is indented (two
// spaces), one member or element per line, keys in document order, so that
// every JSON line starts one value; Lines maps a JSON line (1-based) to the
// YAML line (1-based) the value on it came from.
//
// The JSON ends with a newline, and len(lines) is its number of lines: the
// YAML line of JSON line n is lines[n-1]. A line holding a member maps to the
// line of the member's key; a line holding a sequence element maps to the
// line of its "-" (or of the element itself in a flow sequence); a closing
// bracket maps to the line of the closing bracket of a flow collection, and
// to the line of the opening one for a block collection. A value reached
// through an alias or a merge key keeps the lines where it was written. So
// JSON text already laid out this way maps every line to itself.
//
// On a syntax error ToJSON returns an *Error.
func ToJSON(src []byte) (json []byte, lines []int, err error) {
	src, err = normalize(src)
	if err != nil {
		return nil, nil, err
	}
	p := &parser{src: src, line: 1, anchors: map[string]*value{}}
	root, err := p.parse()
	if err != nil {
		return nil, nil, err
	}
	e := &emitter{limit: maxOutputBase + maxOutputFactor*len(src)}
	if err := e.emit(root); err != nil {
		return nil, nil, err
	}
	return e.buf, e.lines, nil
}

// Limits on the JSON produced, which aliases can make much larger than the
// YAML: at most maxOutputBase bytes plus maxOutputFactor bytes per byte of
// YAML. They are variables so that tests can lower them.
var (
	maxOutputBase   = 32 << 20
	maxOutputFactor = 64
)

// maxDepth bounds the nesting of collections, counting collections reached
// through aliases.
const maxDepth = 1000

// normalize turns CR LF and lone CR line breaks into LF, drops a leading
// byte order mark and rejects text that YAML does not allow in a stream:
// invalid UTF-8 and non-printable characters.
func normalize(src []byte) ([]byte, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.IndexByte(src, '\r') >= 0 {
		out := make([]byte, 0, len(src))
		for i := 0; i < len(src); i++ {
			c := src[i]
			if c == '\r' {
				if i+1 < len(src) && src[i+1] == '\n' {
					continue
				}
				c = '\n'
			}
			out = append(out, c)
		}
		src = out
	}
	line, lineStart := 1, 0
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				line++
				lineStart = i + 1
			case c == '\t':
			case c < 0x20 || c == 0x7f:
				return nil, &Error{Line: line, Column: i - lineStart + 1, Msg: fmt.Sprintf("control character %#02x is not allowed in YAML", c)}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return nil, &Error{Line: line, Column: i - lineStart + 1, Msg: "invalid UTF-8"}
		}
		if !(r == 0x85 || r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000) {
			return nil, &Error{Line: line, Column: i - lineStart + 1, Msg: fmt.Sprintf("character %U is not allowed in YAML", r)}
		}
		i += size
	}
	return src, nil
}

// kind is the JSON type of a value.
type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kObject
	kArray
)

// value is a converted node. Values reached through aliases are shared, so
// the lines of members and elements are kept in their containers.
type value struct {
	kind kind
	// s is the JSON text of a boolean or number, or the content of a
	// string.
	s string
	// line is the YAML line where the node starts; end, if not 0, is the
	// line of the closing bracket of a flow collection.
	line, end int
	// depth is the nesting of collections in the value, 0 for a scalar.
	depth int
	// members of an object, in order.
	members []member
	// elems of an array.
	elems []elem
	// scalar reports a value made from a scalar node, which can be a
	// mapping key; raw is then the scalar's content as written.
	scalar bool
	raw    string
	// mergeKey reports the plain, untagged scalar <<.
	mergeKey bool
}

type member struct {
	key  string
	line int
	val  *value
}

type elem struct {
	line int
	val  *value
}

// emitter writes values as indented JSON and records the YAML line of every
// JSON line.
type emitter struct {
	buf   []byte
	lines []int
	limit int
}

// errTooLarge aborts emission.
type errTooLarge struct{ line int }

func (e *emitter) emit(root *value) (err error) {
	defer func() {
		if r := recover(); r != nil {
			t, ok := r.(errTooLarge)
			if !ok {
				panic(r)
			}
			err = &Error{Line: t.line, Column: 1, Msg: "document is too large after expanding aliases"}
		}
	}()
	e.lines = append(e.lines, root.line)
	e.value(root, 0, root.line)
	e.buf = append(e.buf, '\n')
	return nil
}

func (e *emitter) newline(depth, line int) {
	if len(e.buf) > e.limit {
		panic(errTooLarge{line})
	}
	e.buf = append(e.buf, '\n')
	for range depth {
		e.buf = append(e.buf, ' ', ' ')
	}
	e.lines = append(e.lines, line)
}

func (e *emitter) value(v *value, depth, line int) {
	switch v.kind {
	case kNull:
		e.buf = append(e.buf, "null"...)
	case kBool, kNumber:
		e.buf = append(e.buf, v.s...)
	case kString:
		e.buf = appendString(e.buf, v.s)
	case kObject:
		if len(v.members) == 0 {
			e.buf = append(e.buf, "{}"...)
			return
		}
		e.buf = append(e.buf, '{')
		for i, m := range v.members {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.newline(depth+1, m.line)
			e.buf = appendString(e.buf, m.key)
			e.buf = append(e.buf, ": "...)
			e.value(m.val, depth+1, m.line)
		}
		e.newline(depth, closing(v, line))
		e.buf = append(e.buf, '}')
	case kArray:
		if len(v.elems) == 0 {
			e.buf = append(e.buf, "[]"...)
			return
		}
		e.buf = append(e.buf, '[')
		for i, el := range v.elems {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.newline(depth+1, el.line)
			e.value(el.val, depth+1, el.line)
		}
		e.newline(depth, closing(v, line))
		e.buf = append(e.buf, ']')
	}
}

// closing gives the YAML line for the closing bracket of v, written on a
// JSON line whose value came from line.
func closing(v *value, line int) int {
	if v.end != 0 {
		return v.end
	}
	return line
}

// appendString appends s as a JSON string. It escapes what JSON requires
// and the characters YAML does not allow unescaped, so that the JSON is also
// valid YAML.
func appendString(b []byte, s string) []byte {
	return jsonvalue.AppendStringWith(b, s, jsonvalue.EscapeNonYAML)
}

// quote is strconv.Quote, for messages.
func quote(s string) string { return strconv.Quote(s) }
