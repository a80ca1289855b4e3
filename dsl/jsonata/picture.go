package jsonata

// Integer picture strings, as XPath F&O 3.1 fn:format-integer defines them
// and JSONata's $formatInteger and $parseInteger (and the integer-valued
// components of date/time pictures) use them.

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// intStyle is the primary format of an integer picture.
type intStyle int

const (
	styleDecimal  intStyle = iota // a decimal-digit pattern, "#,##0"
	styleLetters                  // "a" or "A": a, b, ..., z, aa, ab, ...
	styleRoman                    // "i" or "I"
	styleWords                    // "w", "W" or "Ww"
	styleSequence                 // any other numbering sequence (unsupported)
)

// letterCase is the case of alphabetic output: of words, letters, roman
// numerals, and of names in date/time pictures.
type letterCase int

const (
	caseNone letterCase = iota
	caseLower
	caseUpper
	caseTitle
)

// groupSep is a grouping separator of a decimal-digit pattern: the
// character and the number of digit positions to its right.
type groupSep struct {
	pos int
	ch  string
}

// intPicture is an analysed integer picture.
type intPicture struct {
	style   intStyle
	cas     letterCase
	ordinal bool
	token   string // the picture of an unsupported sequence

	// Decimal-digit patterns only.
	zero      rune    // the zero digit of the digit family
	mandatory float64 // digits always written (NaN after a bad width)
	optional  int     // "#" signs
	regular   bool    // one separator repeating every seps[0].pos digits
	seps      []groupSep
	// parseWidth, when non-zero, is the exact number of digits the
	// component matches when parsing a date/time (set when another
	// integer component follows without a literal in between).
	parseWidth float64
}

// decimalZeros are the zero digits of the Unicode decimal digit families
// recognised in decimal-digit patterns.
var decimalZeros = []rune{0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
	0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946,
	0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
	0xAA50, 0xABF0, 0xFF10}

func digitZero(r rune) (rune, bool) {
	for _, z := range decimalZeros {
		if r >= z && r <= z+9 {
			return z, true
		}
	}
	return 0, false
}

// analyseIntPicture interprets an integer picture: a primary format and an
// optional ";o" (ordinal) modifier after the last semicolon.
func analyseIntPicture(picture string, pos int) (*intPicture, error) {
	f := &intPicture{style: styleDecimal, cas: caseLower}
	primary := picture
	if i := strings.LastIndex(picture, ";"); i >= 0 {
		primary = picture[:i]
		f.ordinal = strings.HasPrefix(picture[i+1:], "o")
	}
	switch primary {
	case "A":
		f.style, f.cas = styleLetters, caseUpper
	case "a":
		f.style = styleLetters
	case "I":
		f.style, f.cas = styleRoman, caseUpper
	case "i":
		f.style = styleRoman
	case "W":
		f.style, f.cas = styleWords, caseUpper
	case "Ww":
		f.style, f.cas = styleWords, caseTitle
	case "w":
		f.style = styleWords
	default:
		rs := []rune(primary)
		mandatory, position := 0, 0
		var zero rune = -1
		var seps []groupSep
		for i := len(rs) - 1; i >= 0; i-- {
			r := rs[i]
			if z, ok := digitZero(r); ok {
				mandatory++
				position++
				if zero < 0 {
					zero = z
				} else if z != zero {
					return nil, rterr("D3131", pos, "in a decimal digit pattern, all digits must be from the same decimal group")
				}
				continue
			}
			if r == '#' {
				position++
				f.optional++
				continue
			}
			seps = append(seps, groupSep{pos: position, ch: string(r)})
		}
		if mandatory == 0 {
			f.style = styleSequence
			f.token = primary
			return f, nil
		}
		f.zero = zero
		f.mandatory = float64(mandatory)
		if every := regularGrouping(seps); every > 0 {
			f.regular = true
			f.seps = []groupSep{{pos: every, ch: seps[0].ch}}
		} else {
			f.seps = seps
		}
	}
	return f, nil
}

// regularGrouping returns the interval of separators that are all the same
// character at every multiple of one interval, else 0.
func regularGrouping(seps []groupSep) int {
	if len(seps) == 0 {
		return 0
	}
	for _, s := range seps[1:] {
		if s.ch != seps[0].ch {
			return 0
		}
	}
	gcd := func(a, b int) int {
		for b != 0 {
			a, b = b, a%b
		}
		return a
	}
	factor := seps[0].pos
	for _, s := range seps[1:] {
		factor = gcd(factor, s.pos)
	}
	for i := 1; i <= len(seps); i++ {
		found := false
		for _, s := range seps {
			if s.pos == i*factor {
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

// formatIntPicture writes value (an integral number) as the picture says.
func formatIntPicture(value float64, f *intPicture, pos int) (string, error) {
	negative := value < 0
	value = math.Abs(value)
	if math.IsInf(value, 0) && (f.style == styleLetters || f.style == styleWords) {
		return "", dtFail(pos, "the number %s cannot be written in this format", jsNumberString(value))
	}
	if math.IsNaN(value) && f.style == styleWords {
		return "", dtFail(pos, "NaN cannot be written in words")
	}
	var out string
	switch f.style {
	case styleLetters:
		a := 'a'
		if f.cas == caseUpper {
			a = 'A'
		}
		out = toLetters(value, a)
	case styleRoman:
		s, err := toRoman(value, pos)
		if err != nil {
			return "", err
		}
		out = s
		if f.cas == caseUpper {
			out = strings.ToUpper(out)
		}
	case styleWords:
		out = toWords(value, f.ordinal)
		switch f.cas {
		case caseUpper:
			out = strings.ToUpper(out)
		case caseLower:
			out = strings.ToLower(out)
		}
	case styleDecimal:
		out = formatDecimal(value, f)
	default:
		return "", rterr("D3130", pos, "formatting or parsing an integer as a sequence starting with %s is not supported", f.token)
	}
	if negative {
		out = "-" + out
	}
	return out, nil
}

func formatDecimal(value float64, f *intPicture) string {
	rs := []rune(jsNumberString(value))
	if pad := f.mandatory - float64(len(rs)); pad > 0 {
		rs = append([]rune(strings.Repeat("0", int(pad))), rs...)
	}
	if f.zero != '0' {
		for i, r := range rs {
			rs[i] = r + f.zero - '0'
		}
	}
	if f.regular {
		every := f.seps[0].pos
		n := (len(rs) - 1) / every
		for i := n; i > 0; i-- {
			rs = jsInsert(rs, len(rs)-i*every, f.seps[0].ch)
		}
	} else {
		// Highest position first, as the reference does.
		for i := len(f.seps) - 1; i >= 0; i-- {
			rs = jsInsert(rs, len(rs)-f.seps[i].pos, f.seps[i].ch)
		}
	}
	if f.ordinal {
		suffix := "th"
		if len(rs) > 0 {
			switch rs[len(rs)-1] {
			case '1':
				suffix = "st"
			case '2':
				suffix = "nd"
			case '3':
				suffix = "rd"
			}
			if len(rs) > 1 && rs[len(rs)-2] == '1' {
				suffix = "th"
			}
		}
		rs = append(rs, []rune(suffix)...)
	}
	return string(rs)
}

// jsInsert inserts s into rs at at, as s.substr(0, at) + s + s.substr(at)
// does in JavaScript: a negative position drops the characters before it
// and counts the rest from the end.
func jsInsert(rs []rune, at int, s string) []rune {
	var head, tail []rune
	if at >= 0 {
		head = rs[:min(at, len(rs))]
		tail = rs[min(at, len(rs)):]
	} else {
		tail = rs[max(len(rs)+at, 0):]
	}
	out := make([]rune, 0, len(head)+len(tail)+len(s))
	out = append(out, head...)
	out = append(out, []rune(s)...)
	return append(out, tail...)
}

// toLetters writes value in the letters sequence a..z, aa..az, ...
func toLetters(value float64, a rune) string {
	var rs []rune
	for value > 0 {
		rs = append([]rune{rune(math.Mod(value-1, 26)) + a}, rs...)
		value = math.Floor((value - 1) / 26)
	}
	return string(rs)
}

var romanNumerals = []struct {
	v float64
	s string
}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
	{50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}

// maxRoman bounds the numbers written in roman numerals (the reference
// implementation recurses once per numeral and fails on large numbers).
const maxRoman = 1e7

func toRoman(value float64, pos int) (string, error) {
	if value > maxRoman {
		return "", dtFail(pos, "the number %s is too large to be written in roman numerals", jsNumberString(value))
	}
	var b strings.Builder
	for _, n := range romanNumerals {
		for value >= n.v {
			b.WriteString(n.s)
			value -= n.v
		}
	}
	return b.String(), nil
}

var (
	wordsFew = []string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
		"Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"}
	wordsOrdinal = []string{"Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
		"Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth",
		"Seventeenth", "Eighteenth", "Nineteenth"}
	wordsDecades    = []string{"Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"}
	wordsMagnitudes = []string{"Thousand", "Million", "Billion", "Trillion"}
)

// toWords writes an integral value in English words, title case, with
// "and" in lower case: "Three Thousand, Seven Hundred and Thirty-First".
func toWords(value float64, ordinal bool) string {
	var lookup func(num float64, prev, ord bool) string
	lookup = func(num float64, prev, ord bool) string {
		var words string
		switch {
		case num <= 19:
			if prev {
				words = " and "
			}
			i := int(num)
			if ord {
				words += wordsOrdinal[i]
			} else {
				words += wordsFew[i]
			}
		case num < 100:
			tens := int(math.Floor(num / 10))
			rem := math.Mod(num, 10)
			if prev {
				words = " and "
			}
			words += wordsDecades[tens-2]
			if rem > 0 {
				words += "-" + lookup(rem, false, ord)
			} else if ord {
				words = words[:len(words)-1] + "ieth"
			}
		case num < 1000:
			hundreds := int(math.Floor(num / 100))
			rem := math.Mod(num, 100)
			if prev {
				words = ", "
			}
			words += wordsFew[hundreds] + " Hundred"
			if rem > 0 {
				words += lookup(rem, true, ord)
			} else if ord {
				words += "th"
			}
		default:
			// The magnitude is floor(log10(num)/3), at most trillions.
			mag := 1
			for mag < len(wordsMagnitudes) && num >= math.Pow10(3*(mag+1)) {
				mag++
			}
			factor := math.Pow10(3 * mag)
			mant := math.Floor(num / factor)
			whole := float64(mant * factor)
			rem := num - whole
			if prev {
				words = ", "
			}
			words += lookup(mant, false, false) + " " + wordsMagnitudes[mag-1]
			if rem > 0 {
				words += lookup(rem, true, ord)
			} else if ord {
				words += "th"
			}
		}
		return words
	}
	return lookup(value, false, ordinal)
}

// wordValue is a word of a number written in words and its value.
type wordValue struct {
	word  string
	value float64
}

// numberWords lists the words that numbers are written in, in the order
// the reference implementation tries them when matching.
var numberWords = func() []wordValue {
	var ws []wordValue
	for i, w := range wordsFew {
		ws = append(ws, wordValue{strings.ToLower(w), float64(i)})
	}
	for i, w := range wordsOrdinal {
		ws = append(ws, wordValue{strings.ToLower(w), float64(i)})
	}
	for i, w := range wordsDecades {
		lw := strings.ToLower(w)
		v := float64((i + 2) * 10)
		ws = append(ws, wordValue{lw, v}, wordValue{lw[:len(lw)-1] + "ieth", v})
	}
	ws = append(ws, wordValue{"hundredth", 100})
	for i, w := range wordsMagnitudes {
		lw := strings.ToLower(w)
		v := math.Pow10(3 * (i + 1))
		ws = append(ws, wordValue{lw, v}, wordValue{lw + "th", v})
	}
	return ws
}()

var numberWordValues = func() map[string]float64 {
	m := map[string]float64{}
	for _, w := range numberWords {
		m[w.word] = w.value
	}
	return m
}()

// jsSpace is JavaScript's \s as a character class body.
const jsSpace = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

var wordSplit = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`,[` + jsSpace + `]|[` + jsSpace + `]and[` + jsSpace + `]|[` + jsSpace + `\\-]`)
}) // compiled on first use

// fromWords reads a number written in (lower-case) words. Unknown words
// make the result NaN.
func fromWords(text string) float64 {
	segs := []float64{0}
	for _, part := range wordSplit().Split(text, -1) {
		v, ok := numberWordValues[part]
		if !ok {
			v = math.NaN()
		}
		top := segs[len(segs)-1]
		segs = segs[:len(segs)-1]
		if v < 100 {
			if top >= 1000 {
				segs = append(segs, top)
				top = 0
			}
			segs = append(segs, top+v)
		} else {
			segs = append(segs, top*v)
		}
	}
	sum := 0.0
	for _, s := range segs {
		sum += s
	}
	return sum
}

var romanValues = map[uint16]float64{'M': 1000, 'D': 500, 'C': 100, 'L': 50, 'X': 10, 'V': 5, 'I': 1}

// fromRoman reads upper-case roman numerals; other characters make the
// result NaN.
func fromRoman(s string) float64 {
	units := utf16.Encode([]rune(s))
	decimal, top := 0.0, 1.0
	for i := len(units) - 1; i >= 0; i-- {
		v, ok := romanValues[units[i]]
		if !ok {
			return math.NaN()
		}
		if v < top {
			decimal -= v
		} else {
			top = v
			decimal += v
		}
	}
	return decimal
}

// fromLetters reads the letters sequence whose first letter is a.
func fromLetters(s string, a rune) float64 {
	units := utf16.Encode([]rune(s))
	decimal := 0.0
	for i := range units {
		c := float64(units[len(units)-i-1])
		decimal += (c - float64(a) + 1) * pow26(i)
	}
	return decimal
}

// pow26 is 26**i correctly rounded, as JavaScript's Math.pow gives it.
func pow26(i int) float64 {
	if i < 12 {
		return math.Pow(26, float64(i)) // exact
	}
	p := new(big.Int).Exp(big.NewInt(26), big.NewInt(int64(i)), nil)
	f, _ := new(big.Float).SetInt(p).Float64()
	return f
}

// intMatcher is how an integer component of a picture is read: the regular
// expression its text matches, and how the text converts to a number
// (ok=false for a name not recognised; an error where the reference
// implementation fails).
type intMatcher struct {
	re    string
	parse func(s string) (float64, bool, error)
}

// intMatcherFor returns the matcher of an integer picture.
func intMatcherFor(f *intPicture, pos int) (*intMatcher, error) {
	upper := f.cas == caseUpper
	switch f.style {
	case styleLetters:
		re, a := "[a-z]+", 'a'
		if upper {
			re, a = "[A-Z]+", 'A'
		}
		return &intMatcher{re: re, parse: func(s string) (float64, bool, error) { return fromLetters(s, a), true, nil }}, nil
	case styleRoman:
		re := "[mdclxvi]+"
		if upper {
			re = "[MDCLXVI]+"
		}
		return &intMatcher{re: re, parse: func(s string) (float64, bool, error) {
			if !upper {
				s = strings.ToUpper(s)
			}
			return fromRoman(s), true, nil
		}}, nil
	case styleWords:
		alts := make([]string, 0, len(numberWords)+2)
		for _, w := range numberWords {
			alts = append(alts, w.word)
		}
		alts = append(alts, "and", `[\-, ]`)
		return &intMatcher{re: "(?:" + strings.Join(alts, "|") + ")+", parse: func(s string) (float64, bool, error) {
			return fromWords(strings.ToLower(s)), true, nil
		}}, nil
	case styleDecimal:
		re := "[0-9]+"
		if w := f.parseWidth; w != 0 && !math.IsNaN(w) {
			re = "[0-9]{" + strconv.Itoa(int(w)) + "}"
		}
		if f.ordinal {
			re += "(?:th|st|nd|rd)"
		}
		return &intMatcher{re: re, parse: func(s string) (float64, bool, error) {
			v, ok := parseDecimal(s, f)
			if !ok {
				return 0, false, dtFail(pos, "%q has characters outside the digit family of the picture", s)
			}
			return v, true, nil
		}}, nil
	}
	return nil, rterr("D3130", pos, "formatting or parsing an integer as a sequence starting with %s is not supported", f.token)
}

// parseDecimal reads a number written with a decimal-digit pattern: the
// ordinal suffix and the separators are dropped and the digits read as
// JavaScript's parseInt does. ok is false for a character below the zero
// of a non-ASCII digit family, which the reference implementation cannot
// convert.
func parseDecimal(s string, f *intPicture) (v float64, ok bool) {
	units := utf16.Encode([]rune(s))
	if f.ordinal {
		units = units[:max(len(units)-2, 0)]
	}
	digits := string(utf16.Decode(units))
	if f.regular {
		digits = strings.ReplaceAll(digits, ",", "")
	} else {
		for _, sep := range f.seps {
			digits = strings.ReplaceAll(digits, sep.ch, "")
		}
	}
	if f.zero != '0' {
		rs := []rune(digits)
		for i, r := range rs {
			r = r - f.zero + '0'
			if r < 0 {
				return 0, false
			}
			rs[i] = r
		}
		digits = string(rs)
	}
	return jsParseInt(digits), true
}

// isJSSpace reports whether r is white space or a line terminator to
// JavaScript.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// jsParseInt is JavaScript's parseInt(s) without a radix.
func jsParseInt(s string) float64 {
	s = strings.TrimLeftFunc(s, isJSSpace)
	sign := 1.0
	if s != "" && (s[0] == '+' || s[0] == '-') {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	radix := 10
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		radix = 16
		s = s[2:]
	}
	end := 0
	for end < len(s) {
		c := s[end]
		if c >= '0' && c <= '9' || radix == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			end++
			continue
		}
		break
	}
	if end == 0 {
		return math.NaN()
	}
	if radix == 10 {
		v, _ := strconv.ParseFloat(s[:end], 64)
		return sign * v
	}
	v := 0.0
	for _, c := range s[:end] {
		d, _ := strconv.ParseUint(string(c), 16, 8)
		v = v*16 + float64(d)
	}
	return sign * v
}
