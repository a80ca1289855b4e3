package pylambda

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// The values of this file are JSON values as package jsonvalue holds them,
// seen as Python's json.loads gives them: null is None, a number written
// as an integer (without fraction or exponent) an int, any other number a
// float, an object a dict in the order of its keys.

// Repr returns Python's repr of v: {'a': [1, 2.0, None, True]}.
func Repr(v any) string {
	var b strings.Builder
	writeRepr(&b, v)
	return b.String()
}

// Str returns Python's str of v: a string as it is, any other value as
// Repr writes it.
func Str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return Repr(v)
}

func writeRepr(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("None")
	case bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case jsonvalue.Number:
		b.WriteString(number(x, false))
	case string:
		writeStrRepr(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, e)
		}
		b.WriteByte(']')
	case *jsonvalue.Object:
		b.WriteByte('{')
		i := 0
		for k, e := range x.All() {
			if i > 0 {
				b.WriteString(", ")
			}
			i++
			writeStrRepr(b, k)
			b.WriteString(": ")
			writeRepr(b, e)
		}
		b.WriteByte('}')
	}
}

// number returns the text Python gives the number n: an int's digits, or a
// float's repr (json.dumps: Infinity and NaN for the values repr writes
// inf and nan).
func number(n jsonvalue.Number, dumps bool) string {
	if n.IsInteger() {
		s := string(n)
		if strings.TrimLeft(s, "-0") == "" {
			return "0" // -0 is the int 0
		}
		return s
	}
	f, _ := strconv.ParseFloat(string(n), 64) // ±Inf past the float range, as Python's float
	return floatRepr(f, dumps)
}

// floatRepr returns Python's repr of f: the shortest digits that read back
// as f, in positional notation with at least one decimal when the decimal
// point falls among the first 16 digits or 3 zeros after it, and in
// exponent notation otherwise (1e+16, 1.5e-05).
func floatRepr(f float64, dumps bool) string {
	switch {
	case math.IsInf(f, 1):
		if dumps {
			return "Infinity"
		}
		return "inf"
	case math.IsInf(f, -1):
		if dumps {
			return "-Infinity"
		}
		return "-inf"
	case math.IsNaN(f):
		if dumps {
			return "NaN"
		}
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX, as Python writes the exponent form
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if decpt := exp + 1; decpt <= -4 || decpt > 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// writeStrRepr writes Python's repr of a str: in single quotes, or double
// ones when it holds a single quote and no double one; backslash, the
// quote, \t, \n and \r escaped, and the other characters that are not
// printable as \xhh, \uhhhh or \Uhhhhhhhh.
func writeStrRepr(b *strings.Builder, s string) {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	b.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == rune(quote) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x7f && r >= 0x20:
			b.WriteRune(r)
		case r >= 0x80 && printable(r):
			b.WriteRune(r)
		case r < 0x100:
			b.WriteString(`\x`)
			writeHex(b, r, 2)
		case r < 0x10000:
			b.WriteString(`\u`)
			writeHex(b, r, 4)
		default:
			b.WriteString(`\U`)
			writeHex(b, r, 8)
		}
	}
	b.WriteByte(quote)
}

// printable reports whether Python's str.isprintable holds for r: letters,
// marks, numbers, punctuation and symbols (not the other and separator
// categories), which is Go's unicode.IsPrint.
func printable(r rune) bool { return unicode.IsPrint(r) }

func writeHex(b *strings.Builder, r rune, digits int) {
	const hex = "0123456789abcdef"
	for i := digits - 1; i >= 0; i-- {
		b.WriteByte(hex[r>>(4*i)&0xf])
	}
}

// Dumps returns Python's json.dumps(v) with its defaults: ", " between
// items, ": " after keys, every character outside printable ASCII escaped
// (\uhhhh, lower case, with surrogate pairs past U+FFFF), floats as repr
// writes them. It is how Python's Lambda runtime writes a handler's
// response and its error documents.
func Dumps(v any) []byte { return appendDumps(nil, v) }

func appendDumps(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		if x {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case jsonvalue.Number:
		return append(b, number(x, true)...)
	case string:
		return appendDumpsString(b, x)
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendDumps(b, e)
		}
		return append(b, ']')
	case *jsonvalue.Object:
		b = append(b, '{')
		i := 0
		for k, e := range x.All() {
			if i > 0 {
				b = append(b, ", "...)
			}
			i++
			b = appendDumpsString(b, k)
			b = append(b, ": "...)
			b = appendDumps(b, e)
		}
		return append(b, '}')
	}
	return append(b, "null"...)
}

// appendDumpsString appends s as json.dumps writes a str with
// ensure_ascii: ", \, \n, \r, \t, \b and \f escaped as such, every other
// character outside ' ' to '~' as \uhhhh.
func appendDumpsString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	u := func(b []byte, r rune) []byte {
		return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r == '\b':
			b = append(b, `\b`...)
		case r == '\f':
			b = append(b, `\f`...)
		case r >= 0x20 && r <= 0x7e:
			b = append(b, byte(r))
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			b = u(u(b, r1), r2)
		default:
			b = u(b, r)
		}
	}
	return append(b, '"')
}
