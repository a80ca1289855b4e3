package jsonata

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// $formatNumber follows the reference implementation, which implements
// fn:format-number of XPath and XQuery Functions and Operators 3.1 (4.7)
// over JavaScript strings. To give the same results for every picture,
// including unusual ones, the picture and the decimal-format properties are
// handled as UTF-16 code units, as JavaScript handles them.

// u16 is a JavaScript string: a sequence of UTF-16 code units.
type u16 = []uint16

func toU16(s string) u16   { return utf16.Encode([]rune(s)) }
func fromU16(u u16) string { return string(utf16.Decode(u)) }

func u16Eq(a, b u16) bool { return len(a) == len(b) && u16Same(a, b) }

// u16Same reports whether b starts with a.
func u16Same(a, b u16) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func u16Cat(parts ...u16) u16 {
	out := u16{}
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// jsIndexOf is String.prototype.indexOf(sub, from).
func jsIndexOf(s, sub u16, from int) int {
	if from < 0 {
		from = 0
	}
	if from > len(s) {
		from = len(s)
	}
	for i := from; i+len(sub) <= len(s); i++ {
		if u16Same(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// jsLastIndexOf is String.prototype.lastIndexOf(sub).
func jsLastIndexOf(s, sub u16) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if u16Same(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func clampIdx(i, n int) int {
	if i < 0 {
		return 0
	}
	if i > n {
		return n
	}
	return i
}

// u16Substring is String.prototype.substring(a, b): indexes clamp to the
// string and swap when reversed.
func u16Substring(s u16, a, b int) u16 {
	a, b = clampIdx(a, len(s)), clampIdx(b, len(s))
	if a > b {
		a, b = b, a
	}
	return s[a:b]
}

// jsSlice is String.prototype.slice(a, b): negative indexes count from the
// end.
func jsSlice(s u16, a, b int) u16 {
	if a < 0 {
		a += len(s)
	}
	if b < 0 {
		b += len(s)
	}
	a, b = clampIdx(a, len(s)), clampIdx(b, len(s))
	if a >= b {
		return nil
	}
	return s[a:b]
}

// jsCharAt is String.prototype.charAt(i).
func jsCharAt(s u16, i int) u16 {
	if i < 0 || i >= len(s) {
		return nil
	}
	return s[i : i+1]
}

// jsSplit is String.prototype.split(sep).
func jsSplit(s, sep u16) []u16 {
	if len(sep) == 0 {
		out := make([]u16, len(s))
		for i := range s {
			out[i] = s[i : i+1]
		}
		return out
	}
	var out []u16
	start := 0
	for {
		i := jsIndexOf(s, sep, start)
		if i < 0 {
			return append(out, s[start:])
		}
		out = append(out, s[start:i])
		start = i + len(sep)
	}
}

func repeatU16(s u16, n int) u16 {
	var out u16
	for i := 0; i < n; i++ {
		out = append(out, s...)
	}
	return out
}

// decimalFormat holds the properties of a decimal format, the defaults
// overridden by the options argument of $formatNumber.
type decimalFormat struct {
	decimalSep, groupingSep, exponentSep, minusSign, percent, perMille, zeroDigit, digit, patternSep u16
	infinity, nan                                                                                    string
	family                                                                                           []uint16 // the ten digits from zeroDigit
}

func newDecimalFormat(options *jsonvalue.Object) *decimalFormat {
	props := map[string]string{
		"decimal-separator":  ".",
		"grouping-separator": ",",
		"exponent-separator": "e",
		"infinity":           "Infinity",
		"minus-sign":         "-",
		"NaN":                "NaN",
		"percent":            "%",
		"per-mille":          "\u2030",
		"zero-digit":         "0",
		"digit":              "#",
		"pattern-separator":  ";",
	}
	if options != nil {
		for k, v := range options.All() {
			if s, ok := v.(string); ok {
				props[k] = s
			}
		}
	}
	f := &decimalFormat{
		decimalSep:  toU16(props["decimal-separator"]),
		groupingSep: toU16(props["grouping-separator"]),
		exponentSep: toU16(props["exponent-separator"]),
		minusSign:   toU16(props["minus-sign"]),
		percent:     toU16(props["percent"]),
		perMille:    toU16(props["per-mille"]),
		zeroDigit:   toU16(props["zero-digit"]),
		digit:       toU16(props["digit"]),
		patternSep:  toU16(props["pattern-separator"]),
		infinity:    props["infinity"],
		nan:         props["NaN"],
	}
	if len(f.zeroDigit) > 0 {
		for i := 0; i < 10; i++ {
			f.family = append(f.family, f.zeroDigit[0]+uint16(i))
		}
	}
	return f
}

// isUnit reports whether the one code unit c equals the property p.
func isUnit(c uint16, p u16) bool { return len(p) == 1 && p[0] == c }

func (f *decimalFormat) isDigit(c uint16) bool {
	for _, d := range f.family {
		if d == c {
			return true
		}
	}
	return false
}

func (f *decimalFormat) isActive(c uint16) bool {
	return f.isDigit(c) || isUnit(c, f.decimalSep) || isUnit(c, f.exponentSep) || isUnit(c, f.groupingSep) ||
		isUnit(c, f.digit) || isUnit(c, f.patternSep)
}

func (f *decimalFormat) count(s u16, pred func(uint16) bool) int {
	n := 0
	for _, c := range s {
		if pred(c) {
			n++
		}
	}
	return n
}

func (f *decimalFormat) isDigitOrOptional(c uint16) bool { return f.isDigit(c) || isUnit(c, f.digit) }

// pictureParts is a sub-picture split into its parts (F&O 4.7.3).
type pictureParts struct {
	prefix, suffix, active, mantissa, exponent, integer, fraction, picture u16
	hasExponent                                                            bool
}

func (f *decimalFormat) split(sp u16) *pictureParts {
	p := &pictureParts{picture: sp, prefix: u16{}, suffix: u16{}}
	for i, c := range sp {
		if f.isActive(c) && !isUnit(c, f.exponentSep) {
			p.prefix = sp[:i]
			break
		}
	}
	for i := len(sp) - 1; i >= 0; i-- {
		if c := sp[i]; f.isActive(c) && !isUnit(c, f.exponentSep) {
			p.suffix = sp[i+1:]
			break
		}
	}
	p.active = u16Substring(sp, len(p.prefix), len(sp)-len(p.suffix))
	// As in the reference, the position found in the whole sub-picture is
	// used to cut the active part.
	ep := jsIndexOf(sp, f.exponentSep, len(p.prefix))
	if ep == -1 || ep > len(sp)-len(p.suffix) {
		p.mantissa = p.active
	} else {
		p.mantissa = u16Substring(p.active, 0, ep)
		p.exponent = u16Substring(p.active, ep+1, len(p.active))
		p.hasExponent = true
	}
	if dp := jsIndexOf(p.mantissa, f.decimalSep, 0); dp == -1 {
		p.integer = p.mantissa
		p.fraction = p.suffix
	} else {
		p.integer = u16Substring(p.mantissa, 0, dp)
		p.fraction = u16Substring(p.mantissa, dp+1, len(p.mantissa))
	}
	return p
}

// validate checks a sub-picture; like the reference, the last failed rule
// gives the error code.
func (f *decimalFormat) validate(p *pictureParts, pos int) error {
	code := ""
	sp := p.picture
	dp := jsIndexOf(sp, f.decimalSep, 0)
	if dp != jsLastIndexOf(sp, f.decimalSep) {
		code = "D3081"
	}
	if jsIndexOf(sp, f.percent, 0) != jsLastIndexOf(sp, f.percent) {
		code = "D3082"
	}
	if jsIndexOf(sp, f.perMille, 0) != jsLastIndexOf(sp, f.perMille) {
		code = "D3083"
	}
	if jsIndexOf(sp, f.percent, 0) != -1 && jsIndexOf(sp, f.perMille, 0) != -1 {
		code = "D3084"
	}
	if f.count(p.mantissa, f.isDigitOrOptional) == 0 {
		code = "D3085"
	}
	if f.count(p.active, func(c uint16) bool { return !f.isActive(c) }) > 0 {
		code = "D3086"
	}
	if dp != -1 {
		if u16Eq(jsCharAt(sp, dp-1), f.groupingSep) || u16Eq(jsCharAt(sp, dp+1), f.groupingSep) {
			code = "D3087"
		}
	} else if u16Eq(jsCharAt(p.integer, len(p.integer)-1), f.groupingSep) {
		code = "D3088"
	}
	if jsIndexOf(sp, u16Cat(f.groupingSep, f.groupingSep), 0) != -1 {
		code = "D3089"
	}
	if i := jsIndexOf(p.integer, f.digit, 0); i != -1 && f.count(u16Substring(p.integer, 0, i), f.isDigit) > 0 {
		code = "D3090"
	}
	if i := jsLastIndexOf(p.fraction, f.digit); i != -1 && f.count(u16Substring(p.fraction, i, len(p.fraction)), f.isDigit) > 0 {
		code = "D3091"
	}
	if p.hasExponent && len(p.exponent) > 0 && (jsIndexOf(sp, f.percent, 0) != -1 || jsIndexOf(sp, f.perMille, 0) != -1) {
		code = "D3092"
	}
	if p.hasExponent && (len(p.exponent) == 0 || f.count(p.exponent, func(c uint16) bool { return !f.isDigit(c) }) > 0) {
		code = "D3093"
	}
	if code != "" {
		return rterr(code, pos, "%s", formatNumberErrors[code])
	}
	return nil
}

var formatNumberErrors = map[string]string{
	"D3080": "the picture string must not contain more than one instance of the pattern separator",
	"D3081": "a sub-picture must not contain more than one instance of the decimal separator",
	"D3082": "a sub-picture must not contain more than one instance of the percent character",
	"D3083": "a sub-picture must not contain more than one instance of the per-mille character",
	"D3084": "a sub-picture must not contain both a percent and a per-mille character",
	"D3085": "the mantissa part of a sub-picture must contain at least one character that is either an optional digit character or a member of the decimal digit family",
	"D3086": "a sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character",
	"D3087": "a group separator must not be adjacent to a decimal separator",
	"D3088": "the integer part of a sub-picture must not end with a group separator",
	"D3089": "a sub-picture must not contain two adjacent group separators",
	"D3090": "the integer part of a sub-picture must not contain a member of the decimal digit family that is followed by an optional digit character",
	"D3091": "the fractional part of a sub-picture must not contain an optional digit character that is followed by a member of the decimal digit family",
	"D3092": "a sub-picture that contains a percent or per-mille character must not contain a character treated as an exponent separator",
	"D3093": "the exponent part of a sub-picture must contain at least one character and only members of the decimal digit family",
}

// pictureVars are the variables of a sub-picture's analysis (F&O 4.7.4).
type pictureVars struct {
	intGroups, fracGroups                     []int
	regular                                   int
	minInt, scaling, minFrac, maxFrac, minExp int
	prefix, suffix, picture                   u16
}

func (f *decimalFormat) analyse(p *pictureParts) pictureVars {
	groups := func(part u16, toLeft bool) []int {
		var out []int
		if len(f.groupingSep) == 0 {
			return nil
		}
		g := jsIndexOf(part, f.groupingSep, 0)
		for g != -1 {
			var seg u16
			if toLeft {
				seg = u16Substring(part, 0, g)
			} else {
				seg = u16Substring(part, g, len(part))
			}
			out = append(out, f.count(seg, f.isDigitOrOptional))
			// As in the reference, later separators are looked for in
			// the integer part.
			g = jsIndexOf(p.integer, f.groupingSep, g+1)
		}
		return out
	}
	v := pictureVars{prefix: p.prefix, suffix: p.suffix, picture: p.picture}
	v.intGroups = groups(p.integer, false)
	v.regular = numberGroupingInterval(v.intGroups)
	v.fracGroups = groups(p.fraction, true)
	v.minInt = f.count(p.integer, f.isDigit)
	v.scaling = v.minInt
	v.minFrac = f.count(p.fraction, f.isDigit)
	v.maxFrac = f.count(p.fraction, f.isDigitOrOptional)
	if v.minInt == 0 && v.maxFrac == 0 {
		if p.hasExponent {
			v.minFrac, v.maxFrac = 1, 1
		} else {
			v.minInt = 1
		}
	}
	if p.hasExponent && v.minInt == 0 && jsIndexOf(p.integer, f.digit, 0) != -1 {
		v.minInt = 1
	}
	if v.minInt == 0 && v.minFrac == 0 {
		v.minFrac = 1
	}
	if p.hasExponent {
		v.minExp = f.count(p.exponent, f.isDigit)
	}
	return v
}

// numberGroupingInterval returns the interval of regularly placed grouping
// separators, or 0 when they are not regular.
func numberGroupingInterval(pos []int) int {
	if len(pos) == 0 {
		return 0
	}
	var gcd func(a, b int) int
	gcd = func(a, b int) int {
		if b == 0 {
			return a
		}
		return gcd(b, a%b)
	}
	factor := pos[0]
	for _, p := range pos[1:] {
		factor = gcd(factor, p)
	}
	for i := 1; i <= len(pos); i++ {
		found := false
		for _, p := range pos {
			if p == i*factor {
				found = true
				break
			}
		}
		if !found {
			return 0
		}
	}
	return factor
}

// formatNumber implements $formatNumber(value, picture, options).
func formatNumber(value float64, picture string, options *jsonvalue.Object, pos int) (string, error) {
	f := newDecimalFormat(options)
	subs := jsSplit(toU16(picture), f.patternSep)
	if len(subs) > 2 {
		return "", rterr("D3080", pos, "%s", formatNumberErrors["D3080"])
	}
	parts := make([]*pictureParts, len(subs))
	for i, s := range subs {
		parts[i] = f.split(s)
	}
	for _, p := range parts {
		if err := f.validate(p, pos); err != nil {
			return "", err
		}
	}
	vars := make([]pictureVars, len(parts))
	for i, p := range parts {
		vars[i] = f.analyse(p)
	}
	if len(vars) == 1 {
		neg := vars[0]
		neg.prefix = u16Cat(f.minusSign, vars[0].prefix)
		vars = append(vars, neg)
	}
	if math.IsNaN(value) {
		return f.nan, nil
	}
	pic := vars[0]
	if !(value >= 0) {
		pic = vars[1]
	}
	if math.IsInf(value, 0) {
		return fromU16(pic.prefix) + f.infinity + fromU16(pic.suffix), nil
	}
	adjusted := value
	if jsIndexOf(pic.picture, f.percent, 0) != -1 {
		adjusted = value * 100
	} else if jsIndexOf(pic.picture, f.perMille, 0) != -1 {
		adjusted = value * 1000
	}
	mantissa := adjusted
	exponent, hasExponent := 0, pic.minExp != 0
	if hasExponent {
		maxM := math.Pow(10, float64(pic.scaling))
		minM := math.Pow(10, float64(pic.scaling-1))
		if mantissa != 0 {
			for math.Abs(mantissa) < minM {
				mantissa *= 10
				exponent--
			}
			for math.Abs(mantissa) > maxM {
				mantissa /= 10
				exponent++
			}
		}
	}
	rounded := jsRound(mantissa, pic.maxFrac)
	makeString := func(x float64, dp int) u16 {
		s := toU16(jsToFixed(math.Abs(x), dp))
		if !u16Eq(f.zeroDigit, u16{'0'}) {
			out := u16{}
			for _, c := range s {
				if c >= '0' && c <= '9' {
					if int(c-'0') < len(f.family) {
						out = append(out, f.family[c-'0'])
					}
				} else {
					out = append(out, c)
				}
			}
			s = out
		}
		return s
	}
	sv := makeString(rounded, pic.maxFrac)
	if i := jsIndexOf(sv, u16{'.'}, 0); i == -1 {
		sv = u16Cat(sv, f.decimalSep)
	} else {
		sv = u16Cat(sv[:i], f.decimalSep, sv[i+1:])
	}
	for len(sv) > 0 && u16Eq(jsCharAt(sv, 0), f.zeroDigit) {
		sv = sv[1:]
	}
	for len(sv) > 0 && u16Eq(jsCharAt(sv, len(sv)-1), f.zeroDigit) {
		sv = sv[:len(sv)-1]
	}
	dp := jsIndexOf(sv, f.decimalSep, 0)
	padLeft := pic.minInt - dp
	padRight := pic.minFrac - (len(sv) - dp - 1)
	if padLeft > 0 {
		sv = u16Cat(repeatU16(f.zeroDigit, padLeft), sv)
	}
	if padRight > 0 {
		sv = u16Cat(sv, repeatU16(f.zeroDigit, padRight))
	}
	dp = jsIndexOf(sv, f.decimalSep, 0)
	if pic.regular > 0 {
		groupCount := int(math.Floor(float64(dp-1) / float64(pic.regular)))
		for g := 1; g <= groupCount; g++ {
			at := dp - g*pic.regular
			sv = u16Cat(jsSlice(sv, 0, at), f.groupingSep, jsSlice(sv, at, len(sv)))
		}
	} else {
		for _, p := range pic.intGroups {
			at := dp - p
			sv = u16Cat(jsSlice(sv, 0, at), f.groupingSep, jsSlice(sv, at, len(sv)))
			dp++
		}
	}
	dp = jsIndexOf(sv, f.decimalSep, 0)
	for _, p := range pic.fracGroups {
		at := p + dp + 1
		sv = u16Cat(jsSlice(sv, 0, at), f.groupingSep, jsSlice(sv, at, len(sv)))
	}
	dp = jsIndexOf(sv, f.decimalSep, 0)
	if jsIndexOf(pic.picture, f.decimalSep, 0) == -1 || dp == len(sv)-1 {
		sv = u16Substring(sv, 0, len(sv)-1)
	}
	if hasExponent {
		se := makeString(float64(exponent), 0)
		if pad := pic.minExp - len(se); pad > 0 {
			se = u16Cat(repeatU16(f.zeroDigit, pad), se)
		}
		sign := u16{}
		if exponent < 0 {
			sign = f.minusSign
		}
		sv = u16Cat(sv, f.exponentSep, sign, se)
	}
	return fromU16(u16Cat(pic.prefix, sv, pic.suffix)), nil
}

// jsRound is the reference implementation's round: half to even at the
// given number of decimal places, the decimal point moved in the decimal
// representation so that binary representation error does not matter.
func jsRound(x float64, places int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	if places != 0 {
		x = shiftDecimal(x, places)
	}
	r := math.Floor(x)
	if x-r >= 0.5 {
		r++ // Math.round rounds halves up
	}
	if math.Abs(r-x) == 0.5 && math.Abs(math.Mod(r, 2)) == 1 {
		r--
	}
	if places != 0 {
		r = shiftDecimal(r, -places)
	}
	if r == 0 {
		r = 0 // no negative zero
	}
	return r
}

// shiftDecimal multiplies x by 10^n by editing the exponent of its
// shortest decimal representation, as +(mantissa + "e" + exponent) does in
// JavaScript.
func shiftDecimal(x float64, n int) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	s := strconv.FormatFloat(x, 'e', -1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	v, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(e+n), 64)
	if err != nil && !math.IsInf(v, 0) {
		return x
	}
	return v
}

// jsToFixed is Number.prototype.toFixed(dp) for x >= 0: the exact value
// rounded to dp decimals, halves up; JavaScript's number to string
// conversion from 1e21 on.
func jsToFixed(x float64, dp int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) >= 1e21 {
		return jsNumberString(x)
	}
	exact := strconv.FormatFloat(x, 'f', 1100, 64)
	_, frac, _ := strings.Cut(exact, ".")
	if dp < len(frac) && frac[dp] == '5' && strings.TrimRight(frac[dp+1:], "0") == "" {
		// An exact tie: toFixed takes the larger value, Go the even one.
		x = math.Nextafter(x, math.Inf(1))
	}
	return strconv.FormatFloat(x, 'f', dp, 64)
}

// jsNumberString is JavaScript's Number.prototype.toString(): the
// shortest representation, in exponent form below 1e-6 and from 1e21.
func jsNumberString(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	case x == 0:
		return "0"
	}
	if a := math.Abs(x); a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	s := strconv.FormatFloat(x, 'e', -1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	sign := exp[:1]
	exp = strings.TrimLeft(exp[1:], "0")
	return mant + "e" + sign + exp
}
