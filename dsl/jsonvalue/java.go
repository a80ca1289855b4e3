package jsonvalue

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// AWS Step Functions runs on Java: where it prints a value in a message or
// an intrinsic function's result, it prints it as Java does. These functions
// give that text.

// JavaNumber returns the text of a JSON number as Java prints the value
// Jackson parses it into: integers exactly (Integer, Long or BigInteger),
// anything with a fraction or exponent as a double (Double.toString).
func JavaNumber(n Number) string {
	if n.IsInteger() {
		s := string(n)
		neg := strings.HasPrefix(s, "-")
		d := strings.TrimLeft(strings.TrimLeft(s, "+-"), "0")
		switch {
		case d == "":
			return "0"
		case neg:
			return "-" + d
		}
		return d
	}
	return JavaDouble(n.Float64())
}

// JavaEqual reports whether a and b are equal as Java's equals compares
// the values Jackson parses JSON into, as AWS's JSONPath engine (Jayway)
// and intrinsic functions compare them: objects regardless of key order,
// arrays element by element, and numbers only when both are integers
// (Integer, Long or BigInteger) of the same value or both are doubles with
// the same bits: 1 does not equal 1.0, nor 0.0 -0.0. Equal compares
// numbers by value.
func JavaEqual(a, b any) bool { return equal(a, b, javaNumbersEqual) }

func javaNumbersEqual(x, y Number) bool { return javaNumberKey(x) == javaNumberKey(y) }

// javaNumberKey identifies a number as Java's equals compares it: "i" and
// the canonical integer, or "d" and the bits of the double.
func javaNumberKey(n Number) string {
	if n.IsInteger() {
		return "i" + JavaNumber(n)
	}
	return "d" + strconv.FormatUint(math.Float64bits(n.Float64()), 16)
}

// JavaKey returns a string that is the same for two values exactly when
// JavaEqual holds for them, for use as a map key.
func JavaKey(v any) string {
	var b strings.Builder
	appendJavaKey(&b, v)
	return b.String()
}

func appendJavaKey(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteByte('z')
	case bool:
		if x {
			b.WriteByte('t')
		} else {
			b.WriteByte('f')
		}
	case string:
		b.WriteByte('s')
		b.WriteString(strconv.Quote(x))
	case Number:
		b.WriteString(javaNumberKey(x))
		b.WriteByte(';')
	case *Object:
		keys := slices.Sorted(slices.Values(x.Keys()))
		b.WriteByte('{')
		for _, k := range keys {
			e, _ := x.Get(k)
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			appendJavaKey(b, e)
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for _, e := range x {
			appendJavaKey(b, e)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	}
}

// UTF16Len returns the length of s in UTF-16 code units, what Java's
// String.length and JavaScript's length count: 2 for a character beyond
// U+FFFF, 1 for any other (and for each byte that is not UTF-8).
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// JavaString renders v as Java's toString does on Jackson's values:
// {a=1, b=[x, y]}.
func JavaString(v any) string {
	var b strings.Builder
	writeJava(&b, v)
	return b.String()
}

func writeJava(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case string:
		b.WriteString(v)
	case Number:
		b.WriteString(JavaNumber(v))
	case *Object:
		b.WriteByte('{')
		i := 0
		for k, w := range v.All() {
			if i > 0 {
				b.WriteString(", ")
			}
			i++
			b.WriteString(k)
			b.WriteByte('=')
			writeJava(b, w)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, w := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJava(b, w)
		}
		b.WriteByte(']')
	}
}

// JavaDouble formats f as Java's Double.toString: the shortest decimal that
// reads back as f (two digits when one would do but a closer two-digit
// decimal exists, as for 4.9E-324), in plain notation with at least one
// fractional digit when 1e-3 <= |f| < 1e7, else as d.dddE±n.
func JavaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	digits, exp := shortestDigits(f)
	var b strings.Builder
	if f < 0 {
		b.WriteByte('-')
	}
	abs := math.Abs(f)
	if abs >= 1e-3 && abs < 1e7 {
		// exp is the position of the decimal point: value = 0.digits × 10^exp.
		switch {
		case exp <= 0:
			b.WriteString("0.")
			b.WriteString(strings.Repeat("0", -exp))
			b.WriteString(digits)
		case exp >= len(digits):
			b.WriteString(digits)
			b.WriteString(strings.Repeat("0", exp-len(digits)))
			b.WriteString(".0")
		default:
			b.WriteString(digits[:exp])
			b.WriteByte('.')
			b.WriteString(digits[exp:])
		}
		return b.String()
	}
	b.WriteByte(digits[0])
	b.WriteByte('.')
	if len(digits) > 1 {
		b.WriteString(digits[1:])
	} else {
		b.WriteByte('0')
	}
	b.WriteByte('E')
	b.WriteString(strconv.Itoa(exp - 1))
	return b.String()
}

// shortestDigits returns the significant digits of |f| (no trailing zeros)
// and the exponent e such that |f| = 0.digits × 10^e.
func shortestDigits(f float64) (string, int) {
	f = math.Abs(f)
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mant, ex, _ := strings.Cut(s, "e")
	digits := strings.Replace(mant, ".", "", 1)
	if len(digits) == 1 {
		// Java picks the two-digit decimal closest to f when one digit is
		// enough to identify it.
		s2 := strconv.FormatFloat(f, 'e', 1, 64)
		if g, err := strconv.ParseFloat(s2, 64); err == nil && g == f {
			mant, ex, _ = strings.Cut(s2, "e")
			digits = strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
		}
	}
	e, _ := strconv.Atoi(ex)
	return digits, e + 1
}
