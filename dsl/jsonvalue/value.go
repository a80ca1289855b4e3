package jsonvalue

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Number is a JSON number held as its text.
type Number string

// Float64 returns the number's value.
func (n Number) Float64() float64 {
	f, _ := strconv.ParseFloat(string(n), 64)
	return f
}

// Int64 returns the number as an integer when it is integral and fits.
func (n Number) Int64() (int64, bool) {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<63-1024 {
		return 0, false
	}
	return int64(f), true
}

// IsInteger reports whether the number is written without a fraction or
// exponent, as an integer literal.
func (n Number) IsInteger() bool {
	for i := 0; i < len(n); i++ {
		if c := n[i]; c == '.' || c == 'e' || c == 'E' {
			return false
		}
	}
	return true
}

// Int returns the Number for an integer.
func Int(i int64) Number { return Number(strconv.FormatInt(i, 10)) }

// Float returns the Number for a float, formatted as Java's Double.toString
// would for values that are integral (1.0) and as the shortest form
// otherwise.
func Float(f float64) Number {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "null"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e7 {
		return Number(strconv.FormatFloat(f, 'f', 1, 64))
	}
	return Number(strconv.FormatFloat(f, 'g', -1, 64))
}

// Object is a JSON object that keeps its keys in insertion order.
type Object struct {
	keys []string
	vals []any
	idx  map[string]int // built once the object grows past a few keys
}

// NewObject returns an empty object with room for n keys.
func NewObject(n int) *Object {
	return &Object{keys: make([]string, 0, n), vals: make([]any, 0, n)}
}

// Len returns the number of keys.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.keys)
}

func (o *Object) find(k string) int {
	if o == nil {
		return -1
	}
	if o.idx != nil {
		if i, ok := o.idx[k]; ok {
			return i
		}
		return -1
	}
	for i, key := range o.keys {
		if key == k {
			return i
		}
	}
	return -1
}

// Get returns the value of key k.
func (o *Object) Get(k string) (any, bool) {
	if i := o.find(k); i >= 0 {
		return o.vals[i], true
	}
	return nil, false
}

// Set sets key k to v: in place when k exists, else at the end.
func (o *Object) Set(k string, v any) {
	if i := o.find(k); i >= 0 {
		o.vals[i] = v
		return
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
	if o.idx != nil {
		o.idx[k] = len(o.keys) - 1
	} else if len(o.keys) > 16 {
		o.idx = make(map[string]int, len(o.keys)*2)
		for i, key := range o.keys {
			o.idx[key] = i
		}
	}
}

// Delete removes key k.
func (o *Object) Delete(k string) {
	i := o.find(k)
	if i < 0 {
		return
	}
	o.keys = append(o.keys[:i], o.keys[i+1:]...)
	o.vals = append(o.vals[:i], o.vals[i+1:]...)
	if o.idx != nil {
		delete(o.idx, k)
		for j := i; j < len(o.keys); j++ {
			o.idx[o.keys[j]] = j
		}
	}
}

// Keys returns the keys in order. The caller must not modify the slice.
func (o *Object) Keys() []string {
	if o == nil {
		return nil
	}
	return o.keys
}

// All iterates over the members in order.
func (o *Object) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		if o == nil {
			return
		}
		for i, k := range o.keys {
			if !yield(k, o.vals[i]) {
				return
			}
		}
	}
}

// Clone returns a shallow copy of o.
func (o *Object) Clone() *Object {
	c := &Object{keys: append([]string(nil), o.Keys()...), vals: make([]any, o.Len())}
	if o != nil {
		copy(c.vals, o.vals)
	}
	if len(c.keys) > 16 {
		c.idx = make(map[string]int, len(c.keys)*2)
		for i, k := range c.keys {
			c.idx[k] = i
		}
	}
	return c
}

// Kind names the JSON type of v: "null", "boolean", "string", "number",
// "object" or "array".
func Kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case Number:
		return "number"
	case *Object:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

// Equal reports whether a and b are the same JSON value: numbers compare
// by value (1 equals 1.0 and 1e0), objects regardless of key order, arrays
// element by element. JavaEqual compares numbers as Java does.
func Equal(a, b any) bool { return equal(a, b, numbersEqual) }

// equal is Equal and JavaEqual, with numbers compared by numEq.
func equal(a, b any, numEq func(x, y Number) bool) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case Number:
		y, ok := b.(Number)
		return ok && (x == y || numEq(x, y))
	case *Object:
		y, ok := b.(*Object)
		if !ok || x.Len() != y.Len() {
			return false
		}
		for k, v := range x.All() {
			w, ok := y.Get(k)
			if !ok || !equal(v, w, numEq) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i], numEq) {
				return false
			}
		}
		return true
	}
	return false
}

// numbersEqual compares numbers by value: exactly when both are integers
// that fit an int64, else as float64s.
func numbersEqual(x, y Number) bool {
	if xi, ok := x.Int64(); ok {
		if yi, ok := y.Int64(); ok {
			return xi == yi
		}
	}
	return x.Float64() == y.Float64()
}

// Parse decodes one JSON value. Numbers keep their text; a repeated object
// key keeps its last value, as AWS's parser does.
func Parse(data []byte) (any, error) {
	p := parser{src: data}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.errorf("unexpected data after the JSON value")
	}
	return v, nil
}

// MustParse is Parse for constants in tests and examples; it panics on error.
func MustParse(s string) any {
	v, err := Parse([]byte(s))
	if err != nil {
		panic(err)
	}
	return v
}

// SyntaxError is a JSON syntax error at a byte offset.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s at offset %d", e.Msg, e.Offset) }

type parser struct {
	src []byte
	pos int
}

const maxDepth = 10000

func (p *parser) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
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

func (p *parser) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, p.errorf("nesting too deep")
	}
	if p.pos >= len(p.src) {
		return nil, p.errorf("unexpected end of JSON input")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		p.pos++
		o := NewObject(4)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			return o, nil
		}
		for {
			p.space()
			if p.pos >= len(p.src) || p.src[p.pos] != '"' {
				return nil, p.errorf("expected a string key")
			}
			k, err := p.string()
			if err != nil {
				return nil, err
			}
			p.space()
			if p.pos >= len(p.src) || p.src[p.pos] != ':' {
				return nil, p.errorf("expected ':'")
			}
			p.pos++
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			o.Set(k, v)
			p.space()
			if p.pos < len(p.src) && p.src[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				p.pos++
				return o, nil
			}
			return nil, p.errorf("expected ',' or '}'")
		}
	case c == '[':
		p.pos++
		a := []any{}
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			return a, nil
		}
		for {
			p.space()
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
			p.space()
			if p.pos < len(p.src) && p.src[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				p.pos++
				return a, nil
			}
			return nil, p.errorf("expected ',' or ']'")
		}
	case c == '"':
		return p.string()
	case c == '-' || c >= '0' && c <= '9':
		start := p.pos
		end, _, msg := ScanNumber(p.src, start)
		if msg != "" {
			return nil, p.errorf("invalid number")
		}
		p.pos = end
		return Number(p.src[start:p.pos]), nil
	case bytes.HasPrefix(p.src[p.pos:], []byte("true")):
		p.pos += 4
		return true, nil
	case bytes.HasPrefix(p.src[p.pos:], []byte("false")):
		p.pos += 5
		return false, nil
	case bytes.HasPrefix(p.src[p.pos:], []byte("null")):
		p.pos += 4
		return nil, nil
	}
	return nil, p.errorf("invalid character %q", p.src[p.pos])
}

// ScanNumber reads the JSON number -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// that starts at s[i]. end is the end of the longest prefix of s[i:] that
// is such a number (i when none is). When s[i:] does not start with a
// complete number (no digit after "-", or a "." or an exponent not followed
// by a digit), errAt is the offset where a digit was expected and msg says
// what is wrong; otherwise msg is "".
func ScanNumber[S string | []byte](s S, i int) (end, errAt int, msg string) {
	digits := func(i int) int {
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i
	}
	end = i
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		i = digits(i)
	default:
		return end, i, "invalid number"
	}
	end = i
	if i < len(s) && s[i] == '.' {
		if i = digits(i + 1); i == end+1 {
			return end, i, "invalid number: expected a digit after '.'"
		}
		end = i
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := i
		if i = digits(i); i == j {
			return end, i, "invalid number: expected a digit in the exponent"
		}
		end = i
	}
	return end, 0, ""
}

func (p *parser) string() (string, error) {
	v, end, errAt, msg := ReadString(p.src, p.pos)
	if msg != "" {
		p.pos = errAt
		return "", p.errorf("%s", msg)
	}
	p.pos = end
	return v, nil
}

// ReadString decodes the JSON string whose opening quote is src[start]. It
// returns the value and the offset just past the closing quote; for a
// malformed string, errMsg says what is wrong and errAt where. Invalid UTF-8
// and lone surrogates become U+FFFD, as encoding/json decodes them.
func ReadString(src []byte, start int) (value string, end, errAt int, errMsg string) {
	s := src
	i := start + 1
	// Fast path: no escapes, valid UTF-8, no control characters.
	for j := i; j < len(s); j++ {
		c := s[j]
		if c == '"' {
			if utf8.Valid(s[i:j]) {
				return string(s[i:j]), j + 1, 0, ""
			}
			break
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	var b []byte
	for {
		if i >= len(s) {
			return "", 0, start, "unterminated string"
		}
		c := s[i]
		switch {
		case c == '"':
			return string(b), i + 1, 0, ""
		case c < 0x20:
			return "", 0, i, "control character in string"
		case c == '\\':
			if i+1 >= len(s) {
				return "", 0, start, "unterminated string"
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(s, i+2)
				if !ok {
					return "", 0, i, "invalid \\u escape in string"
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r2, ok2 := rune(-1), false
					if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						r2, ok2 = hex4(s, i+2)
					}
					if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
				continue
			default:
				return "", 0, i, fmt.Sprintf("invalid escape '\\%c' in string", e)
			}
			i += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			b = utf8.AppendRune(b, r)
			i += size
		}
	}
}

func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range s[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// Marshal encodes v compactly, as AWS writes JSON in outputs and causes:
// no spaces, keys in order, only ", \ and control characters escaped.
func Marshal(v any) []byte { return Append(nil, v) }

// String returns Marshal(v) as a string.
func String(v any) string { return string(Append(nil, v)) }

// Append appends the compact encoding of v to b.
func Append(b []byte, v any) []byte { return AppendWith(b, v, 0, nil) }

// AppendWith appends the compact encoding of v to b as Append does, with
// strings escaped as e selects (see AppendStringWith) and each number
// written as number gives it (nil: as written).
func AppendWith(b []byte, v any, e Escaping, number func(Number) string) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		if x {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case string:
		return AppendStringWith(b, x, e)
	case Number:
		if number != nil {
			return append(b, number(x)...)
		}
		return append(b, x...)
	case *Object:
		b = append(b, '{')
		for i, k := range x.Keys() {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendStringWith(b, k, e)
			b = append(b, ':')
			b = AppendWith(b, x.vals[i], e, number)
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, el := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendWith(b, el, e, number)
		}
		return append(b, ']')
	}
	return append(b, "null"...)
}

// AppendString appends s as a JSON string, as AWS writes strings in
// outputs and causes: only ", \ and control characters are escaped
// (AppendStringWith with no optional escapes).
func AppendString(b []byte, s string) []byte { return AppendStringWith(b, s, 0) }

// Escaping selects what AppendStringWith writes beyond what JSON requires.
// JSON requires ", \ and the control characters U+0000 to U+001F to be
// escaped; the writers of JSON differ in the rest, and each flag gives one
// writer's rule.
type Escaping uint8

const (
	// EscapeInvalidUTF8 writes each byte that is not part of valid UTF-8
	// as \ufffd, as encoding/json does; without it such bytes are copied.
	EscapeInvalidUTF8 Escaping = 1 << iota
	// EscapeLineSeparators writes U+2028 and U+2029 as \u2028 and
	// \u2029, as encoding/json does.
	EscapeLineSeparators
	// EscapeSurrogates writes a UTF-16 surrogate kept in generalized UTF-8
	// (WTF-8: the bytes ED A0-BF 80-BF, as a JSONata string literal may
	// hold one) as \udxxx, as JavaScript's JSON.stringify does.
	EscapeSurrogates
	// UpperHex writes \u escapes with upper-case hexadecimal digits
	// (\u001F), as Jackson does; the default is lower case (\u001f).
	UpperHex
	// EscapeNonYAML writes the characters YAML does not allow unescaped
	// (DEL, the C1 controls but NEL, U+FFFE and U+FFFF) as \u escapes, so
	// that the JSON is also valid YAML.
	EscapeNonYAML
)

// AppendStringWith appends s as a JSON string: ", \ and the control
// characters are escaped (as \n, \t, \r, \b, \f or \u00xx), and what
// else is escaped is what e selects.
func AppendStringWith(b []byte, s string, e Escaping) []byte {
	hex := "0123456789abcdef"
	if e&UpperHex != 0 {
		hex = "0123456789ABCDEF"
	}
	b = append(b, '"')
	start := 0 // s[start:i] is still to be written
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (c != 0x7f || e&EscapeNonYAML == 0) {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		if e&(EscapeSurrogates|EscapeInvalidUTF8|EscapeLineSeparators|EscapeNonYAML) == 0 {
			i++
			continue
		}
		if e&EscapeSurrogates != 0 && c == 0xed && i+2 < len(s) && s[i+1] >= 0xa0 && s[i+1] <= 0xbf && s[i+2] >= 0x80 && s[i+2] <= 0xbf {
			r := rune(c&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f)
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hex[r>>12], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
			i += 3
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1 && e&EscapeInvalidUTF8 != 0:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			start = i + size
		case (r == '\u2028' || r == '\u2029') && e&EscapeLineSeparators != 0:
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			start = i + size
		case e&EscapeNonYAML != 0 && !(r == 0x85 || r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000):
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// FromGo converts a Go value to a JSON value through encoding/json.
func FromGo(v any) (any, error) {
	if raw, ok := v.(json.RawMessage); ok {
		return Parse(raw)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return Parse(buf.Bytes())
}

// ToGo stores the JSON value v in the Go value that ptr points to, through
// encoding/json.
func ToGo(v any, ptr any) error {
	return json.Unmarshal(Marshal(v), ptr)
}

// Clone returns a deep copy of v.
func Clone(v any) any {
	switch x := v.(type) {
	case *Object:
		c := x.Clone()
		for i := range c.vals {
			c.vals[i] = Clone(c.vals[i])
		}
		return c
	case []any:
		c := make([]any, len(x))
		for i := range x {
			c[i] = Clone(x[i])
		}
		return c
	}
	return v
}

// MarshalJSON encodes o with [Marshal], so encoding/json writes objects of
// this package in order.
func (o *Object) MarshalJSON() ([]byte, error) { return Marshal(o), nil }

// MarshalJSON writes the number's text.
func (n Number) MarshalJSON() ([]byte, error) {
	if n == "" {
		return []byte("0"), nil
	}
	return []byte(n), nil
}
