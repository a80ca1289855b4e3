package intrinsic

// This file reproduces the Java behaviours that show through AWS's
// intrinsic functions: how Java converts numbers to int and rounds them,
// how Jackson writes JSON (States.JsonToString), how java.util.Random draws
// seeded numbers (States.MathRandom), and how a lenient Base64 decoder and
// Java's UTF-8 decoder treat bad input (States.Base64Decode). How Java
// prints values (States.Format) and compares them (States.ArrayContains,
// States.ArrayUnique) is package jsonvalue's: JavaString, JavaEqual.

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Numbers: a JSON integer (no fraction, no exponent) is an Integer, Long or
// BigInteger in Java; any other number is a Double.

// jacksonNumber returns the number Jackson produces when it reads n and
// writes it again: a canonical integer, or a Double in Java's notation.
// Values that do not fit a double keep their text.
func jacksonNumber(n jsonvalue.Number) jsonvalue.Number {
	if n.IsInteger() {
		return jsonvalue.Number(jsonvalue.JavaNumber(n))
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(f, 0) {
		return n
	}
	return jsonvalue.Number(jsonvalue.JavaDouble(f))
}

// jacksonJSON writes v compactly as Jackson does: keys in order, no
// spaces, control characters escaped (\n \t \r \b \f, else \u00XX with
// upper-case hex), numbers as Java prints them.
func jacksonJSON(v any) string {
	return string(jsonvalue.AppendWith(nil, v, jsonvalue.UpperHex, func(n jsonvalue.Number) string {
		return string(jacksonNumber(n))
	}))
}

// Integer conversions. AWS converts numeric arguments to Java ints: most
// functions truncate toward zero (Number.intValue), States.MathAdd rounds
// half up (Math.round). Values outside the int range are rejected, as
// the AWS documentation requires 32-bit integers.

// truncInt returns n truncated toward zero, and whether it is a number in
// the int range.
func truncInt(v any) (int64, bool) {
	return toInt(v, math.Trunc)
}

// roundInt returns n rounded as Java's Math.round does (half up: 2.5 is 3,
// -2.5 is -2), and whether it is a number in the int range.
func roundInt(v any) (int64, bool) {
	return toInt(v, func(f float64) float64 {
		fl := math.Floor(f)
		if f-fl >= 0.5 {
			return fl + 1
		}
		return fl
	})
}

func toInt(v any, conv func(float64) float64) (int64, bool) {
	n, ok := v.(jsonvalue.Number)
	if !ok {
		return 0, false
	}
	if n.IsInteger() {
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || i < math.MinInt32 || i > math.MaxInt32 {
			return 0, false
		}
		return i, true
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return 0, false
	}
	f = conv(f)
	if f < math.MinInt32 || f > math.MaxInt32 {
		return 0, false
	}
	return int64(f), true
}

// truncLong converts a number to a Java long, truncating a fraction
// (Number.longValue); it reports false for values that are not numbers.
// Out-of-range values saturate, as Java's double-to-long conversion does;
// integers beyond the long range keep their low 64 bits, as
// BigInteger.longValue does.
func truncLong(v any) (int64, bool) {
	n, ok := v.(jsonvalue.Number)
	if !ok {
		return 0, false
	}
	if n.IsInteger() {
		if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
			return i, true
		}
		z, ok := new(big.Int).SetString(string(n), 10)
		if !ok {
			return 0, false
		}
		lo := new(big.Int).And(z, new(big.Int).SetUint64(math.MaxUint64))
		return int64(lo.Uint64()), true
	}
	f, err := strconv.ParseFloat(string(n), 64)
	switch {
	case err != nil && !math.IsInf(f, 0):
		return 0, false
	case f >= math.MaxInt64:
		return math.MaxInt64, true
	case f <= math.MinInt64:
		return math.MinInt64, true
	}
	return int64(f), true
}

// javaRandom is java.util.Random: a 48-bit linear congruential generator.
type javaRandom struct{ seed uint64 }

const (
	randMultiplier = 0x5DEECE66D
	randAddend     = 0xB
	randMask       = 1<<48 - 1
)

func newJavaRandom(seed int64) *javaRandom {
	return &javaRandom{seed: (uint64(seed) ^ randMultiplier) & randMask}
}

func (r *javaRandom) next(bits uint) int32 {
	r.seed = (r.seed*randMultiplier + randAddend) & randMask
	return int32(r.seed >> (48 - bits))
}

// nextInt returns a value in [0, bound); bound must be positive.
func (r *javaRandom) nextInt(bound int32) int32 {
	v := r.next(31)
	m := bound - 1
	if bound&m == 0 {
		return int32((int64(bound) * int64(v)) >> 31)
	}
	for u := v; ; u = r.next(31) {
		v = u % bound
		if u-v+m >= 0 { // int32 overflow here means a biased draw: retry
			return v
		}
	}
}

// base64Decode decodes s leniently, as Apache Commons Codec's Base64 does:
// characters outside the alphabet (standard and URL-safe) are skipped, the
// first '=' ends the data, padding is optional, and a final lone character
// is dropped.
func base64Decode(s string) []byte {
	out := make([]byte, 0, len(s)*3/4+2)
	var acc uint32
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d byte
		switch {
		case c >= 'A' && c <= 'Z':
			d = c - 'A'
		case c >= 'a' && c <= 'z':
			d = c - 'a' + 26
		case c >= '0' && c <= '9':
			d = c - '0' + 52
		case c == '+' || c == '-':
			d = 62
		case c == '/' || c == '_':
			d = 63
		case c == '=':
			i = len(s)
			continue
		default:
			continue
		}
		acc = acc<<6 | uint32(d)
		n++
		if n == 4 {
			out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, n = 0, 0
		}
	}
	switch n {
	case 2:
		out = append(out, byte(acc>>4))
	case 3:
		out = append(out, byte(acc>>10), byte(acc>>2))
	}
	return out
}

// javaUTF8 decodes b as Java's new String(b, UTF_8) does: each maximal
// invalid subsequence becomes one U+FFFD, and an encoded surrogate
// (ED A0..BF xx) becomes a single U+FFFD.
func javaUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	cont := func(i int, lo, hi byte) bool { return i < len(b) && b[i] >= lo && b[i] <= hi }
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			sb.WriteByte(c)
			i++
			continue
		case c >= 0xC2 && c <= 0xDF:
			if cont(i+1, 0x80, 0xBF) {
				sb.Write(b[i : i+2])
				i += 2
				continue
			}
			i++
		case c >= 0xE0 && c <= 0xEF:
			lo, hi := byte(0x80), byte(0xBF)
			if c == 0xE0 {
				lo = 0xA0
			}
			switch {
			case !cont(i+1, lo, hi):
				i++
			case !cont(i+2, 0x80, 0xBF):
				i += 2
			case c == 0xED && b[i+1] >= 0xA0:
				i += 3 // a surrogate
			default:
				sb.Write(b[i : i+3])
				i += 3
				continue
			}
		case c >= 0xF0 && c <= 0xF4:
			lo, hi := byte(0x80), byte(0xBF)
			switch c {
			case 0xF0:
				lo = 0x90
			case 0xF4:
				hi = 0x8F
			}
			switch {
			case !cont(i+1, lo, hi):
				i++
			case !cont(i+2, 0x80, 0xBF):
				i += 2
			case !cont(i+3, 0x80, 0xBF):
				i += 3
			default:
				sb.Write(b[i : i+4])
				i += 4
				continue
			}
		default:
			i++
		}
		sb.WriteRune(utf8.RuneError)
	}
	return sb.String()
}
