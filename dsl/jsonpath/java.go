package jsonpath

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Java semantics that Jayway's results depend on: how Java prints numbers
// (Double.toString, BigDecimal.toString), compares BigDecimals and strings
// (UTF-16 code units), and renders values in messages (Map.toString).

// javaClass names the Java class of a value as Jackson's provider holds it.
func javaClass(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "java.lang.Boolean"
	case string:
		return "java.lang.String"
	case jsonvalue.Number:
		// Jackson reads an integer into the smallest of these that holds
		// it, anything else into a Double.
		if !v.IsInteger() {
			return "java.lang.Double"
		}
		i, err := strconv.ParseInt(string(v), 10, 64)
		switch {
		case err != nil:
			return "java.math.BigInteger"
		case i >= math.MinInt32 && i <= math.MaxInt32:
			return "java.lang.Integer"
		}
		return "java.lang.Long"
	case *jsonvalue.Object:
		return "java.util.LinkedHashMap"
	case []any:
		return "java.util.ArrayList"
	}
	return "java.lang.Object"
}

// decimal is a parsed decimal number: value = ±0.d1d2...dn × 10^exp, where
// the significant digits d1..dn (no leading or trailing zeros; n = 0 for
// zero) are read from ip (the integer part) then fp (the fraction), skipping
// lead digits.
type decimal struct {
	neg    bool
	ip, fp string
	lead   int
	n      int
	exp    int
}

// digit returns significant digit k (0-based), '0' beyond the last one.
func (d *decimal) digit(k int) byte {
	if k >= d.n {
		return '0'
	}
	k += d.lead
	if k < len(d.ip) {
		return d.ip[k]
	}
	return d.fp[k-len(d.ip)]
}

// parseDecimal parses Java BigDecimal syntax: [+-] digits [. digits]
// [eE [+-] digits], with at least one digit in the mantissa.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		d.neg = s[i] == '-'
		i++
	}
	intStart := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	d.ip = s[intStart:i]
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		d.fp = s[fs:i]
	}
	if d.ip == "" && d.fp == "" {
		return d, false
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		es := i
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		ds := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if ds == i {
			return d, false
		}
		v, err := strconv.Atoi(s[es:i])
		if err != nil {
			return d, false
		}
		exp = v
	}
	if i != len(s) {
		return d, false
	}
	total := len(d.ip) + len(d.fp)
	at := func(k int) byte {
		if k < len(d.ip) {
			return d.ip[k]
		}
		return d.fp[k-len(d.ip)]
	}
	for d.lead < total && at(d.lead) == '0' {
		d.lead++
	}
	last := total
	for last > d.lead && at(last-1) == '0' {
		last--
	}
	d.n = last - d.lead
	d.exp = len(d.ip) - d.lead + exp
	if d.n == 0 {
		d.neg = false
		d.exp = 0
	}
	return d, true
}

// isBigDecimal reports whether Java's new BigDecimal(s) accepts s.
func isBigDecimal(s string) bool {
	_, ok := parseDecimal(s)
	return ok
}

// decCompare compares two decimal texts numerically, as BigDecimal's
// compareTo does. Unparsable texts compare as zero.
func decCompare(a, b string) int {
	if a == b {
		return 0
	}
	x, _ := parseDecimal(a)
	y, _ := parseDecimal(b)
	sign := func(d *decimal) int {
		switch {
		case d.n == 0:
			return 0
		case d.neg:
			return -1
		}
		return 1
	}
	sx, sy := sign(&x), sign(&y)
	if sx != sy {
		if sx < sy {
			return -1
		}
		return 1
	}
	if sx == 0 {
		return 0
	}
	c := 0
	if x.exp != y.exp {
		c = 1
		if x.exp < y.exp {
			c = -1
		}
		return c * sx
	}
	for k := 0; k < max(x.n, y.n); k++ {
		if dx, dy := x.digit(k), y.digit(k); dx != dy {
			c = 1
			if dx < dy {
				c = -1
			}
			return c * sx
		}
	}
	return 0
}

// decIntValue is BigDecimal.intValue: the integer part, truncated toward
// zero, reduced to 32 bits.
func decIntValue(s string) int64 {
	d, ok := parseDecimal(s)
	if !ok || d.n == 0 || d.exp <= 0 {
		return 0
	}
	var v uint32
	for i := 0; i < d.exp; i++ {
		v = v*10 + uint32(d.digit(i)-'0')
	}
	r := int64(int32(v))
	if d.neg {
		r = int64(-int32(v))
	}
	return r
}

// bigDecimalString returns Java's new BigDecimal(s).toString(): plain
// notation while the exponent is small ("100.0", "0.001"), else scientific
// ("1E+3", "1.5E-7"), keeping the scale of s.
func bigDecimalString(s string) string {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var unscaled strings.Builder
	scale := 0
	seenPoint := false
	for ; i < len(s) && (isDigit(s[i]) || s[i] == '.'); i++ {
		if s[i] == '.' {
			seenPoint = true
			continue
		}
		unscaled.WriteByte(s[i])
		if seenPoint {
			scale++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil {
			return s
		}
		scale -= e
	}
	u := strings.TrimLeft(unscaled.String(), "0")
	if u == "" {
		u = "0"
		neg = false
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	adjusted := -scale + len(u) - 1
	switch {
	case scale == 0:
		b.WriteString(u)
	case scale > 0 && adjusted >= -6:
		if len(u) > scale {
			b.WriteString(u[:len(u)-scale])
			b.WriteByte('.')
			b.WriteString(u[len(u)-scale:])
		} else {
			b.WriteString("0.")
			b.WriteString(strings.Repeat("0", scale-len(u)))
			b.WriteString(u)
		}
	default:
		b.WriteByte(u[0])
		if len(u) > 1 {
			b.WriteByte('.')
			b.WriteString(u[1:])
		}
		b.WriteByte('E')
		if adjusted >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(adjusted))
	}
	return b.String()
}

// compareUTF16 compares strings as Java does, by UTF-16 code units.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		if a[0] < utf8.RuneSelf && b[0] < utf8.RuneSelf {
			if a[0] != b[0] {
				return int(a[0]) - int(b[0])
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ua, ub := firstUnit(ra), firstUnit(rb)
			if ua != ub {
				return int(ua) - int(ub)
			}
			return int(secondUnit(ra)) - int(secondUnit(rb))
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

func firstUnit(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}

func secondUnit(r rune) rune {
	if r >= 0x10000 {
		return 0xDC00 + (r-0x10000)&0x3FF
	}
	return 0
}

// lenUTF16 is Java's String.length.
func lenUTF16(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// javaTrim is Java's String.trim: it strips characters up to U+0020.
func javaTrim(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	return s[i:j]
}

// javaUnescape resolves backslash escapes as Jayway's Utils.unescape does:
// \\ \' \" \r \f \t \n \b and \uXXXX; a backslash before any other
// character is dropped, and a trailing backslash is kept.
func javaUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(s) {
			b.WriteByte('\\')
			break
		}
		i++
		switch s[i] {
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'b':
			b.WriteByte('\b')
		case 'u':
			if r, ok := hex4(s, i+1); ok {
				b.WriteRune(r)
				i += 4
			}
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
