package intrinsic

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonpath"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// SyntaxError is the error type returned by Parse. It is the same type as
// jsonpath.SyntaxError, so callers can handle errors from both packages
// with a single errors.As target. Its Error method returns Msg followed by
// " at column N" (N = Offset+1, counted in bytes).
type SyntaxError = jsonpath.SyntaxError

// MaxDepth is the deepest allowed nesting of intrinsic function calls: a
// top-level call has depth 1. AWS allows up to 10 nested intrinsic
// functions within a field.
const MaxDepth = 10

// IsIntrinsic reports whether s looks like an intrinsic function call, that
// is, whether it starts with "States.". It does not validate s.
func IsIntrinsic(s string) bool { return strings.HasPrefix(s, "States.") }

// Parse parses an intrinsic function call. The whole of s must be one call,
// without surrounding white space. Errors are of type *SyntaxError.
func Parse(s string) (*Call, error) {
	p := &parser{s: s}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return nil, p.errAt(i, "invalid UTF-8")
		}
		i += n
	}
	name := ident(s)
	if name == "" || (!IsIntrinsic(s) && !strings.HasPrefix(s[len(name):], "(")) {
		return nil, p.errAt(0, "expected intrinsic function call")
	}
	c, err := p.call(1)
	if err != nil {
		return nil, err
	}
	if p.pos < len(s) {
		return nil, p.unexpected(p.pos)
	}
	c.Source = s
	return c, nil
}

// MustParse is like Parse but panics if s is not a valid call. It is meant
// for expressions known at compile time.
func MustParse(s string) *Call {
	c, err := Parse(s)
	if err != nil {
		panic("intrinsic: MustParse(" + strconv.Quote(s) + "): " + err.Error())
	}
	return c
}

type parser struct {
	s   string
	pos int
}

func (p *parser) errAt(off int, msg string) error {
	return &SyntaxError{Input: p.s, Offset: off, Msg: msg}
}

func (p *parser) unexpected(off int) error {
	r, _ := utf8.DecodeRuneInString(p.s[off:])
	return p.errAt(off, fmt.Sprintf("unexpected character %q", r))
}

func (p *parser) eof() bool { return p.pos >= len(p.s) }

func (p *parser) peek() byte {
	if p.pos >= len(p.s) {
		return 0
	}
	return p.s[p.pos]
}

func (p *parser) skipWS() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// ident returns the name [A-Za-z_][A-Za-z0-9_.]* at the start of s.
func ident(s string) string {
	if s == "" || !isLetter(s[0]) {
		return ""
	}
	i := 1
	for i < len(s) && (isLetter(s[i]) || isDigit(s[i]) || s[i] == '.') {
		i++
	}
	return s[:i]
}

// call parses Name(args) at p.pos; depth is the nesting depth of this call.
func (p *parser) call(depth int) (*Call, error) {
	start := p.pos
	name := ident(p.s[p.pos:])
	sp, ok := specs[name]
	if !ok {
		return nil, p.errAt(start, "unknown intrinsic function "+name)
	}
	if depth > MaxDepth {
		return nil, p.errAt(start, fmt.Sprintf("intrinsic functions nested more than %d deep", MaxDepth))
	}
	p.pos += len(name)
	if p.peek() != '(' {
		return nil, p.errAt(p.pos, "expected ( after "+name)
	}
	open := p.pos
	p.pos++
	c := &Call{Name: name, Offset: start}
	p.skipWS()
	if p.peek() != ')' {
		for {
			p.skipWS()
			a, err := p.arg(depth, open)
			if err != nil {
				return nil, err
			}
			c.Args = append(c.Args, a)
			p.skipWS()
			if p.peek() != ',' {
				break
			}
			p.pos++
		}
	}
	if p.eof() {
		return nil, p.errAt(open, "unterminated parenthesis")
	}
	if p.s[p.pos] != ')' {
		return nil, p.unexpected(p.pos)
	}
	p.pos++
	if err := sp.check(c); err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			se.Input = p.s
		}
		return nil, err
	}
	return c, nil
}

func (p *parser) arg(depth, open int) (Arg, error) {
	if p.eof() {
		return nil, p.errAt(open, "unterminated parenthesis")
	}
	start := p.pos
	switch c := p.s[p.pos]; {
	case c == '\'':
		return p.str()
	case c == '$':
		// A variable, $name followed by path steps, is parsed as the path
		// $ + steps, selected from the variable's value.
		name := jsonpath.VariableName(p.s[start+1:])
		text := p.s[start:]
		if name != "" {
			text = "$" + p.s[start+1+len(name):]
		}
		path, n, err := jsonpath.ParsePrefix(text)
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) {
				off := se.Offset
				if name != "" && off > 0 {
					off += len(name)
				}
				return nil, p.errAt(start+off, se.Msg)
			}
			return nil, err
		}
		p.pos += n + len(name)
		return &PathArg{Path: path, Var: name, Offset: start}, nil
	case c == '-' || isDigit(c):
		end, _, _ := jsonvalue.ScanNumber(p.s, start)
		if end == start {
			return nil, p.errAt(start, "invalid number")
		}
		text := p.s[start:end]
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, p.errAt(start, "number out of range")
		}
		p.pos = end
		return &NumberLit{Text: text, Value: v, Offset: start}, nil
	case isLetter(c):
		name := ident(p.s[start:])
		if IsIntrinsic(name) || strings.HasPrefix(p.s[start+len(name):], "(") {
			return p.call(depth + 1)
		}
		var a Arg
		switch name {
		case "true":
			a = &BoolLit{Value: true, Offset: start}
		case "false":
			a = &BoolLit{Value: false, Offset: start}
		case "null":
			a = &NullLit{Offset: start}
		default:
			return nil, p.errAt(start, "unexpected identifier "+name)
		}
		p.pos += len(name)
		return a, nil
	case c == ',' || c == ')':
		return nil, p.errAt(start, "expected argument")
	}
	return nil, p.unexpected(start)
}

// str parses a single-quoted string literal.
func (p *parser) str() (*StringLit, error) {
	start := p.pos
	p.pos++
	var b strings.Builder
	for {
		if p.eof() {
			return nil, p.errAt(start, "unterminated string")
		}
		c := p.s[p.pos]
		switch c {
		case '\'':
			p.pos++
			return &StringLit{Value: b.String(), Raw: p.s[start+1 : p.pos-1], Offset: start}, nil
		case '\\':
			if p.pos+1 >= len(p.s) {
				return nil, p.errAt(start, "unterminated string")
			}
			switch e := p.s[p.pos+1]; e {
			case '\'', '{', '}', '\\':
				b.WriteByte(e)
				p.pos += 2
			default:
				return nil, p.errAt(p.pos, "invalid escape sequence")
			}
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
}
