package jsonata

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// defineExtra defines built-in functions; builtins calls it, once.
func defineExtra() {
	def("formatNumber", func(_ *evaluator, a []any, pos int) (any, error) {
		x, ok, err := numArg("formatNumber", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		pic, ok, err := strArg("formatNumber", a, 1, pos)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, rterr("T0410", pos, "argument 2 of function \"formatNumber\" does not match function signature")
		}
		var opts *jsonvalue.Object
		if a[2] != undefined {
			o, isObj := a[2].(*jsonvalue.Object)
			if !isObj {
				return nil, rterr("T0410", pos, "argument 3 of function \"formatNumber\" does not match function signature")
			}
			opts = o
		}
		s, err := formatNumber(x, pic, opts, pos)
		if err != nil {
			return nil, err
		}
		return s, nil
	})
	def("formatBase", func(_ *evaluator, a []any, pos int) (any, error) {
		x, ok, err := numArg("formatBase", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		radix := 10.0
		if r, ok, err := numArg("formatBase", a, 1, pos); err != nil {
			return nil, err
		} else if ok {
			radix = jsRound(r, 0)
		}
		if radix < 2 || radix > 36 {
			return nil, rterr("D3100", pos, "the radix of the formatBase function must be between 2 and 36; it was given %s", jsNumberString(radix))
		}
		return formatRadix(jsRound(x, 0), int(radix)), nil
	})
	urlFn := func(name string, f func(string) (string, bool)) {
		def(name, func(_ *evaluator, a []any, pos int) (any, error) {
			s, ok, err := strArg(name, a, 0, pos)
			if err != nil || !ok {
				return undefined, err
			}
			out, ok := f(s)
			if !ok {
				return nil, rterr("D3140", pos, "Malformed URL passed to $%s(): %s", name, jsonvalue.String(s))
			}
			return out, nil
		})
	}
	urlFn("encodeUrlComponent", func(s string) (string, bool) { return encodeURI(s, uriUnreserved) })
	urlFn("encodeUrl", func(s string) (string, bool) { return encodeURI(s, uriUnreserved+uriReserved+"#") })
	urlFn("decodeUrlComponent", func(s string) (string, bool) { return decodeURI(s, "") })
	urlFn("decodeUrl", func(s string) (string, bool) { return decodeURI(s, uriReserved+"#") })
	def("base64encode", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("base64encode", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		return base64Encode(s), nil
	})
	def("base64decode", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("base64decode", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		return base64Decode(s), nil
	})
	def("shuffle", func(_ *evaluator, a []any, _ int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		in := items(a[0])
		if len(in) <= 1 {
			return append([]any{}, in...), nil
		}
		out := append([]any{}, in...)
		rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out, nil
	})
	// $clone copies a value through its JSON text, as jsonata-js does
	// (JSON.parse($string(arg))): numbers rounded to 15 significant
	// digits, functions become "".
	def("clone", func(_ *evaluator, a []any, pos int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		s, err := stringify(a[0], pos)
		if err != nil {
			return nil, err
		}
		return jsonvalue.Parse([]byte(s))
	})
	def("sift", func(ev *evaluator, a []any, pos int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		obj, ok := a[0].(*jsonvalue.Object)
		if !ok {
			return nil, rterr("T0410", pos, "argument 1 of function \"sift\" does not match function signature")
		}
		fn, ok := a[1].(Function)
		if !ok {
			return nil, rterr("T0410", pos, "argument 2 of function \"sift\" does not match function signature")
		}
		out := jsonvalue.NewObject(0)
		for k, v := range obj.All() {
			args := []any{v}
			if n := fn.arity(); n >= 2 {
				args = append(args, k)
				if n >= 3 {
					args = append(args, obj)
				}
			}
			res, err := ev.invoke(fn, args, v, pos)
			if err != nil {
				return nil, err
			}
			if truthy(res) {
				out.Set(k, v)
			}
		}
		if out.Len() == 0 {
			return undefined, nil
		}
		return out, nil
	})
}

// formatRadix writes the integer x in the radix, as JavaScript's
// Number.prototype.toString(radix) does. Like V8, it writes the digits
// that lie below the precision of a double, from 2^53 on, as zeros.
func formatRadix(x float64, radix int) string {
	if radix == 10 || math.IsNaN(x) || math.IsInf(x, 0) {
		return jsNumberString(x)
	}
	const chars = "0123456789abcdefghijklmnopqrstuvwxyz"
	neg := x < 0
	n, r := math.Floor(math.Abs(x)), float64(radix)
	var digits []byte
	for n/r >= 1<<53 {
		n /= r
		digits = append(digits, '0')
	}
	for {
		rem := math.Mod(n, r)
		digits = append(digits, chars[int(rem)])
		n = (n - rem) / r
		if n <= 0 {
			break
		}
	}
	if neg {
		digits = append(digits, '-')
	}
	slices.Reverse(digits)
	return string(digits)
}

// The characters encodeURIComponent and encodeURI leave as they are
// (ECMA-262, 19.2.6): unreserved ones, and for encodeURI reserved ones and
// "#" too. decodeURI keeps escapes of reserved characters and "#".
const (
	uriUnreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()"
	uriReserved   = ";/?:@&=+$,"
)

// encodeURI percent-encodes the UTF-8 bytes of s except the characters in
// keep. ok is false when s is not valid UTF-8 (an unpaired surrogate), for
// which JavaScript raises a URIError.
func encodeURI(s, keep string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String(), true
}

func uriHexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// decodeURI decodes percent escapes of UTF-8 sequences, keeping the escapes
// of the ASCII characters in reserved, as decodeURI/decodeURIComponent do.
// ok is false for a malformed escape or invalid UTF-8 (a URIError).
func decodeURI(s, reserved string) (string, bool) {
	if strings.IndexByte(s, '%') < 0 {
		return s, true
	}
	escape := func(k int) (byte, bool) {
		if k+2 >= len(s) || s[k] != '%' {
			return 0, false
		}
		h, ok1 := uriHexDigit(s[k+1])
		l, ok2 := uriHexDigit(s[k+2])
		return h<<4 | l, ok1 && ok2
	}
	var b strings.Builder
	for k := 0; k < len(s); k++ {
		if s[k] != '%' {
			b.WriteByte(s[k])
			continue
		}
		c, ok := escape(k)
		if !ok {
			return "", false
		}
		if c < utf8.RuneSelf {
			if strings.IndexByte(reserved, c) >= 0 {
				b.WriteString(s[k : k+3])
			} else {
				b.WriteByte(c)
			}
			k += 2
			continue
		}
		var n int
		switch {
		case c&0xE0 == 0xC0:
			n = 2
		case c&0xF0 == 0xE0:
			n = 3
		case c&0xF8 == 0xF0:
			n = 4
		default:
			return "", false
		}
		octets := []byte{c}
		k += 3
		for j := 1; j < n; j++ {
			c, ok := escape(k)
			if !ok || c&0xC0 != 0x80 {
				return "", false
			}
			octets = append(octets, c)
			k += 3
		}
		k-- // the loop's k++
		if !utf8.Valid(octets) {
			return "", false
		}
		b.Write(octets)
	}
	return b.String(), true
}

// base64Encode encodes s as the reference implementation does under
// Node.js, Buffer.from(s, "binary"): each UTF-16 code unit gives one byte,
// its low 8 bits.
func base64Encode(s string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	units := utf16.Encode([]rune(s))
	var b strings.Builder
	for i := 0; i < len(units); i += 3 {
		var chunk [3]byte
		n := 0
		for ; n < 3 && i+n < len(units); n++ {
			chunk[n] = byte(units[i+n])
		}
		v := uint(chunk[0])<<16 | uint(chunk[1])<<8 | uint(chunk[2])
		for j := 0; j < 4; j++ {
			if j <= n {
				b.WriteByte(alphabet[v>>(18-6*j)&63])
			} else {
				b.WriteByte('=')
			}
		}
	}
	return b.String()
}

// base64Decode decodes s as Node.js's Buffer.from(s, "base64") does: both
// the standard and the URL-safe alphabets, other characters skipped,
// decoding stopping at "=". Each byte becomes one character (latin1).
func base64Decode(s string) string {
	var vals []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		var v byte
		switch {
		case c >= 'A' && c <= 'Z':
			v = c - 'A'
		case c >= 'a' && c <= 'z':
			v = c - 'a' + 26
		case c >= '0' && c <= '9':
			v = c - '0' + 52
		case c == '+' || c == '-':
			v = 62
		case c == '/' || c == '_':
			v = 63
		case c == '=':
			i = len(s)
			continue
		default:
			continue
		}
		vals = append(vals, v)
	}
	var out []rune
	for i := 0; i+1 < len(vals); i += 4 {
		var v uint
		n := 0
		for ; n < 4 && i+n < len(vals); n++ {
			v |= uint(vals[i+n]) << (18 - 6*n)
		}
		for j := 0; j < n-1; j++ {
			out = append(out, rune(byte(v>>(16-8*j))))
		}
	}
	return string(out)
}
