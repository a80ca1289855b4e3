package jsonvalue

import (
	"math"
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
