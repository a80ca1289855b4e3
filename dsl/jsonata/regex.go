package jsonata

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// This file holds regular expressions: the translation of JavaScript
// regular expressions to Go's regexp (RE2) syntax, regex values, and the
// built-ins that take a pattern ($match, $replace, $split, $contains).
//
// As in the reference implementation, a regex value is a function: called
// with a string it returns its first match as an object
//
//	{"match": m, "start": s, "end": e, "groups": [g1, ...], "next": function}
//
// or undefined, and next() returns the following match. $match, $replace,
// $split and $contains accept such a function, and also any function that
// behaves the same way (a "custom matcher"). Offsets count UTF-16 code
// units, as JavaScript's do.
//
// A group that takes no part in a match is null in "groups" (JavaScript
// has undefined there, which JSON renders as null).
//
// JavaScript constructs that RE2 lacks (look-ahead, look-behind and
// back-references) are reported with error U1003 when the regex is
// evaluated. Remaining differences: ^ and $ in multi-line mode only treat
// "\n" as a line terminator (JavaScript also treats "\r", U+2028 and
// U+2029 so), and a capture group inside a repeated group keeps its value
// from an earlier iteration where JavaScript resets it.

// codeRegexUnsupported is the code of the error for a regular expression
// that uses JavaScript syntax RE2 cannot express. The reference has no
// such error; the U prefix marks this package's own codes.
const codeRegexUnsupported = "U1003"

// compiledRegex is a translated regular expression.
type compiledRegex struct {
	source string
	// re matches the pattern from the start of a string; its group 1 is
	// the whole match and its further groups the pattern's groups.
	re *regexp.Regexp
	// from matches the pattern at or after the second rune of a string,
	// with the first rune as context: see find.
	from   *regexp.Regexp
	groups int
}

// regexMatcher is a regex value: a JSONata function that returns the first
// match of its regular expression in a string.
type regexMatcher struct {
	re  *compiledRegex
	pos int
}

var regexCache sync.Map // flags + "/" + pattern -> *compiledRegex or error

// compileRegex translates a regular expression literal for evaluation.
func compileRegex(n *Regex) (*regexMatcher, error) {
	key := n.Flags + "/" + n.Pattern
	v, ok := regexCache.Load(key)
	if !ok {
		c, err := translateRegex(n.Pattern, n.Flags)
		if err != nil {
			v = err
		} else {
			v = c
		}
		regexCache.Store(key, v)
	}
	switch v := v.(type) {
	case *compiledRegex:
		return &regexMatcher{re: v, pos: n.Offset}, nil
	case *regexCompileError:
		return nil, rterr(v.code, n.Offset, "%s", v.msg)
	}
	return nil, rterr(codeRegexUnsupported, n.Offset, "invalid regular expression")
}

func (ev *evaluator) regexValue(n *Regex) (any, error) {
	m, err := compileRegex(n)
	if err != nil {
		return nil, err
	}
	return m, nil
}

type regexCompileError struct{ code, msg string }

func (e *regexCompileError) Error() string { return e.msg }

// translateRegex compiles a JavaScript pattern with flags among g, i, m.
func translateRegex(pattern, flags string) (*compiledRegex, error) {
	t := &regexTranslator{src: pattern}
	t.countGroups()
	if err := t.translate(); err != nil {
		return nil, err
	}
	mods := ""
	if strings.Contains(flags, "i") {
		mods += "i"
	}
	if strings.Contains(flags, "m") {
		mods += "m"
	}
	body := t.out.String()
	if mods != "" {
		body = "(?" + mods + ":" + body + ")"
	} else {
		body = "(?:" + body + ")"
	}
	re, err := regexp.Compile("(" + body + ")")
	if err != nil {
		return nil, &regexCompileError{codeRegexUnsupported, "regular expression /" + pattern + "/ is not supported: " + err.Error()}
	}
	from, err := regexp.Compile(`\A(?s:.)(?s:.*?)(` + body + ")")
	if err != nil {
		return nil, &regexCompileError{codeRegexUnsupported, "regular expression /" + pattern + "/ is not supported: " + err.Error()}
	}
	return &compiledRegex{source: pattern, re: re, from: from, groups: re.NumSubexp() - 1}, nil
}

// find returns the submatch offsets (whole match first, then each group,
// -1 for a group that did not take part) of the first match in s at or
// after byte offset from, or nil.
func (c *compiledRegex) find(s string, from int) []int {
	if from <= 0 {
		loc := c.re.FindStringSubmatchIndex(s)
		if loc == nil {
			return nil
		}
		return loc[2:]
	}
	if from > len(s) {
		return nil
	}
	// Searching s[from:] alone would lose the context of ^ and \b, so the
	// search starts one rune earlier and skips that rune.
	_, size := utf8.DecodeLastRuneInString(s[:from])
	base := from - size
	loc := c.from.FindStringSubmatchIndex(s[base:])
	if loc == nil {
		return nil
	}
	loc = loc[2:]
	for i, x := range loc {
		if x >= 0 {
			loc[i] = x + base
		}
	}
	return loc
}

// regexTranslator rewrites a JavaScript pattern (without the u flag, with
// the web-compatibility syntax of Annex B) as an RE2 pattern.
type regexTranslator struct {
	src     string
	i       int
	out     strings.Builder
	ngroups int  // capturing groups in the pattern
	named   bool // the pattern has named groups
}

func regexUnsupported(format string, args ...any) error {
	return &regexCompileError{codeRegexUnsupported, fmt.Sprintf(format, args...)}
}

// countGroups counts the capturing groups, which decides whether \N is a
// back-reference.
func (t *regexTranslator) countGroups() {
	s := t.src
	inClass := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
		case c == '(':
			if i+1 < len(s) && s[i+1] == '?' {
				if strings.HasPrefix(s[i:], "(?<") && !strings.HasPrefix(s[i:], "(?<=") && !strings.HasPrefix(s[i:], "(?<!") {
					t.ngroups++
					t.named = true
				}
				continue
			}
			t.ngroups++
		}
	}
}

func (t *regexTranslator) translate() error {
	s := t.src
	// canRepeat tells whether what precedes can take a quantifier: not
	// the start of an alternative, an assertion or another quantifier.
	canRepeat := false
	quantifier := func(n int) error {
		if !canRepeat {
			return &regexCompileError{codeRegexUnsupported, "invalid regular expression: nothing to repeat"}
		}
		t.out.WriteString(s[t.i : t.i+n])
		t.i += n
		if t.i < len(s) && s[t.i] == '?' {
			t.out.WriteByte('?')
			t.i++
		}
		canRepeat = false
		return nil
	}
	for t.i < len(s) {
		c := s[t.i]
		switch c {
		case '\\':
			if t.i+1 < len(s) && (s[t.i+1] == 'b' || s[t.i+1] == 'B') {
				t.out.WriteString(s[t.i : t.i+2])
				t.i += 2
				canRepeat = false
				continue
			}
			if err := t.escape(); err != nil {
				return err
			}
			canRepeat = true
			continue
		case '[':
			if err := t.class(); err != nil {
				return err
			}
			canRepeat = true
			continue
		case '.':
			t.out.WriteString(`[^\n\r\x{2028}\x{2029}]`)
			canRepeat = true
		case '(':
			rest := s[t.i:]
			canRepeat = false
			switch {
			case strings.HasPrefix(rest, "(?:"):
				t.out.WriteString("(?:")
				t.i += 3
				continue
			case strings.HasPrefix(rest, "(?="), strings.HasPrefix(rest, "(?!"):
				return regexUnsupported("look-ahead %s...) in a regular expression is not supported", rest[:3])
			case strings.HasPrefix(rest, "(?<="), strings.HasPrefix(rest, "(?<!"):
				return regexUnsupported("look-behind %s...) in a regular expression is not supported", rest[:4])
			case strings.HasPrefix(rest, "(?<"):
				// Groups are only numbered in JSONata: drop the name.
				end := strings.IndexByte(rest, '>')
				if end < 0 {
					return regexUnsupported("invalid group name in regular expression")
				}
				t.out.WriteString("(")
				t.i += end + 1
				continue
			case strings.HasPrefix(rest, "(?"):
				return regexUnsupported("invalid group in regular expression")
			}
			t.out.WriteByte('(')
		case ')':
			t.out.WriteByte(c)
			canRepeat = true
		case '|', '^', '$':
			t.out.WriteByte(c)
			canRepeat = false
		case '*', '+', '?':
			if err := quantifier(1); err != nil {
				return err
			}
			continue
		case '{':
			if n := quantifierLen(s[t.i:]); n > 0 {
				if err := quantifier(n); err != nil {
					return err
				}
				continue
			}
			t.out.WriteString(`\{`)
			canRepeat = true
		default:
			r, size := utf8.DecodeRuneInString(s[t.i:])
			t.out.WriteString(regexp.QuoteMeta(string(r)))
			t.i += size
			canRepeat = true
			continue
		}
		t.i++
	}
	return nil
}

// quantifierLen returns the length of a {n}, {n,} or {n,m} quantifier at
// the start of s, or 0.
func quantifierLen(s string) int {
	i := 1
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if digits() == 0 {
		return 0
	}
	if i < len(s) && s[i] == ',' {
		i++
		digits()
	}
	if i < len(s) && s[i] == '}' {
		return i + 1
	}
	return 0
}

type runeRange struct{ lo, hi rune }

var (
	digitRanges = []runeRange{{'0', '9'}}
	wordRanges  = []runeRange{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}
	spaceRanges = []runeRange{{'\t', '\r'}, {' ', ' '}, {0xa0, 0xa0}, {0x1680, 0x1680},
		{0x2000, 0x200a}, {0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f},
		{0x3000, 0x3000}, {0xfeff, 0xfeff}}
)

// complementRanges returns the code points not in rs, which are sorted and
// disjoint.
func complementRanges(rs []runeRange) []runeRange {
	var out []runeRange
	next := rune(0)
	for _, r := range rs {
		if r.lo > next {
			out = append(out, runeRange{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= utf8.MaxRune {
		out = append(out, runeRange{next, utf8.MaxRune})
	}
	return out
}

// classEscape returns the ranges of \d, \D, \w, \W, \s or \S.
func classEscape(c byte) []runeRange {
	switch c {
	case 'd':
		return digitRanges
	case 'D':
		return complementRanges(digitRanges)
	case 'w':
		return wordRanges
	case 'W':
		return complementRanges(wordRanges)
	case 's':
		return spaceRanges
	case 'S':
		return complementRanges(spaceRanges)
	}
	return nil
}

func writeRanges(b *strings.Builder, negate bool, rs []runeRange) {
	if len(rs) == 0 {
		// JavaScript's [] matches nothing and [^] anything.
		rs, negate = []runeRange{{0, utf8.MaxRune}}, !negate
	}
	b.WriteByte('[')
	if negate {
		b.WriteByte('^')
	}
	for _, r := range rs {
		fmt.Fprintf(b, `\x{%X}`, r.lo)
		if r.hi != r.lo {
			fmt.Fprintf(b, `-\x{%X}`, r.hi)
		}
	}
	b.WriteByte(']')
}

// escape translates an escape sequence outside a character class.
func (t *regexTranslator) escape() error {
	s := t.src
	if t.i+1 >= len(s) {
		return &regexCompileError{codeRegexUnsupported, "\\ at end of regular expression"}
	}
	c := s[t.i+1]
	switch c {
	case 'd', 'D', 'w', 'W', 's', 'S':
		writeRanges(&t.out, false, classEscape(c))
		t.i += 2
		return nil
	case 'k':
		if t.named {
			return regexUnsupported("back-reference \\k in a regular expression is not supported")
		}
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		j := t.i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if n, err := strconv.Atoi(s[t.i+1 : j]); err != nil || n <= t.ngroups {
			return regexUnsupported("back-reference %s in a regular expression is not supported", s[t.i:j])
		}
	}
	r, err := t.charEscape(false)
	if err != nil {
		return err
	}
	t.out.WriteString(regexp.QuoteMeta(string(r)))
	return nil
}

// charEscape reads an escape sequence at t.i that stands for one
// character, as JavaScript reads it without the u flag; inClass tells
// whether it is inside a character class, where \b is a backspace.
func (t *regexTranslator) charEscape(inClass bool) (rune, error) {
	s := t.src
	t.i++ // the backslash
	if t.i >= len(s) {
		return 0, &regexCompileError{codeRegexUnsupported, "\\ at end of regular expression"}
	}
	c := s[t.i]
	switch c {
	case 'f':
		t.i++
		return '\f', nil
	case 'n':
		t.i++
		return '\n', nil
	case 'r':
		t.i++
		return '\r', nil
	case 't':
		t.i++
		return '\t', nil
	case 'v':
		t.i++
		return '\v', nil
	case 'b':
		if inClass {
			t.i++
			return '\b', nil
		}
	case 'c':
		if t.i+1 < len(s) && isASCIILetter(s[t.i+1]) {
			r := rune(s[t.i+1] % 32)
			t.i += 2
			return r, nil
		}
		// \c without a letter is a backslash followed by c.
		return '\\', nil
	case 'x':
		if t.i+2 < len(s) {
			if v, err := strconv.ParseUint(s[t.i+1:t.i+3], 16, 32); err == nil {
				t.i += 3
				return rune(v), nil
			}
		}
		t.i++
		return 'x', nil
	case 'u':
		if r, n := unicodeEscape(s[t.i-1:]); n > 0 {
			t.i += n - 1
			return r, nil
		}
		t.i++
		return 'u', nil
	case '0', '1', '2', '3', '4', '5', '6', '7':
		// Octal escape (the web-compatibility syntax), at most \377.
		v := 0
		j := t.i
		for j < len(s) && j < t.i+3 && s[j] >= '0' && s[j] <= '7' && v*8+int(s[j]-'0') <= 0377 {
			v = v*8 + int(s[j]-'0')
			j++
		}
		t.i = j
		return rune(v), nil
	}
	r, size := utf8.DecodeRuneInString(s[t.i:])
	t.i += size
	return r, nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// unicodeEscape reads \uXXXX (a surrogate pair \uXXXX\uXXXX makes one
// character) or \u{X...} at the start of s, returning the character and
// the length read, or 0.
func unicodeEscape(s string) (rune, int) {
	hex4 := func(s string) (rune, bool) {
		if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(s[2:6], 16, 32)
		return rune(v), err == nil
	}
	if strings.HasPrefix(s, `\u{`) {
		if end := strings.IndexByte(s, '}'); end > 3 {
			if v, err := strconv.ParseUint(s[3:end], 16, 32); err == nil && v <= utf8.MaxRune {
				return rune(v), end + 1
			}
		}
		return 0, 0
	}
	r, ok := hex4(s)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r) && r < 0xdc00 {
		if r2, ok := hex4(s[6:]); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
			return utf16.DecodeRune(r, r2), 12
		}
	}
	return r, 6
}

// class translates a character class [...].
func (t *regexTranslator) class() error {
	s := t.src
	t.i++ // [
	negate := false
	if t.i < len(s) && s[t.i] == '^' {
		negate = true
		t.i++
	}
	var rs []runeRange
	// atom reads one class atom: a character (set == nil) or a class
	// escape.
	atom := func() (r rune, set []runeRange, err error) {
		if s[t.i] == '\\' && t.i+1 < len(s) {
			if set := classEscape(s[t.i+1]); set != nil {
				t.i += 2
				return 0, set, nil
			}
			r, err := t.charEscape(true)
			return r, nil, err
		}
		r, size := utf8.DecodeRuneInString(s[t.i:])
		t.i += size
		return r, nil, nil
	}
	for {
		if t.i >= len(s) {
			return &regexCompileError{codeRegexUnsupported, "unterminated character class in regular expression"}
		}
		if s[t.i] == ']' {
			t.i++
			break
		}
		lo, loSet, err := atom()
		if err != nil {
			return err
		}
		if loSet != nil {
			rs = append(rs, loSet...)
			continue
		}
		if t.i+1 < len(s) && s[t.i] == '-' && s[t.i+1] != ']' {
			t.i++
			hi, hiSet, err := atom()
			if err != nil {
				return err
			}
			if hiSet != nil {
				// [a-\d] is a, - and the digits.
				rs = append(rs, runeRange{lo, lo}, runeRange{'-', '-'})
				rs = append(rs, hiSet...)
				continue
			}
			if hi < lo {
				return &regexCompileError{codeRegexUnsupported, "range out of order in character class in regular expression"}
			}
			rs = append(rs, runeRange{lo, hi})
			continue
		}
		rs = append(rs, runeRange{lo, lo})
	}
	writeRanges(&t.out, negate, rs)
	return nil
}

// utf16Index converts between byte offsets in a string and JavaScript's
// offsets in UTF-16 code units.
type utf16Index struct {
	s     string
	ascii bool
	u16   []int // u16[b]: UTF-16 offset of byte offset b (rune starts)
	bytes []int // bytes[u]: byte offset of UTF-16 offset u
}

func newUTF16Index(s string) *utf16Index {
	x := &utf16Index{s: s, ascii: true}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			x.ascii = false
			break
		}
	}
	if x.ascii {
		return x
	}
	x.u16 = make([]int, len(s)+1)
	u := 0
	for b, r := range s {
		x.u16[b] = u
		x.bytes = append(x.bytes, b)
		if r >= 0x10000 {
			x.bytes = append(x.bytes, b) // the second half of a pair
			u += 2
		} else {
			u++
		}
		// Bytes inside a rune map to the rune's start.
		for k := b + 1; k < len(s) && !utf8.RuneStart(s[k]); k++ {
			x.u16[k] = u
		}
	}
	x.u16[len(s)] = u
	x.bytes = append(x.bytes, len(s))
	return x
}

// toU16 converts a byte offset to a UTF-16 offset.
func (x *utf16Index) toU16(b int) int {
	if x.ascii {
		return b
	}
	return x.u16[b]
}

// toByte converts a UTF-16 offset (a number, clamped to the string as
// JavaScript's substring does) to a byte offset.
func (x *utf16Index) toByte(f float64) int {
	n := len(x.s)
	if !x.ascii {
		n = len(x.bytes) - 1
	}
	u := 0
	switch {
	case math.IsNaN(f) || f <= 0:
		u = 0
	case f >= float64(n):
		u = n
	default:
		u = int(f)
	}
	if x.ascii {
		return u
	}
	return x.bytes[u]
}

// matchInfo is one match of a matcher (a regex or a custom matcher
// function) in a string.
type matchInfo struct {
	obj        *jsonvalue.Object // the match as the matcher's callers see it
	match      string
	start, end int // byte offsets of the match ("end" as the matcher gave it)
	matchEnd   int // byte offset of start + the length of match
	index      any // the "start" value, as $match reports it
	groups     []any
	groupsVal  any  // the "groups" value, as $match reports it
	regex      bool // a regex match, whose null groups did not take part
	next       func() (*matchInfo, error)
}

func (m *regexMatcher) arity() int { return 1 }

// call is the regex applied to a string: its first match at or after the
// optional second argument, a UTF-16 offset.
func (m *regexMatcher) call(_ *evaluator, args []any, _ any, _ int) (any, error) {
	if len(args) == 0 {
		return undefined, nil
	}
	s, ok := finish(args[0]).(string)
	if !ok {
		return undefined, nil
	}
	x := newUTF16Index(s)
	from := 0
	if len(args) > 1 {
		if f, ok := num(finish(args[1])); ok {
			from = x.toByte(f)
		}
	}
	mi, err := m.matchFrom(s, x, from, false)
	if err != nil || mi == nil {
		return undefined, err
	}
	return mi.obj, nil
}

// matchFrom finds the first match at or after byte offset from. A match
// found for next() must not be empty: it would repeat forever, and the
// reference raises D1004.
func (m *regexMatcher) matchFrom(s string, x *utf16Index, from int, isNext bool) (*matchInfo, error) {
	loc := m.re.find(s, from)
	if loc == nil {
		return nil, nil
	}
	if isNext && loc[0] == loc[1] {
		return nil, rterr("D1004", m.pos, "regular expression /%s/ matches zero length string", m.re.source)
	}
	mi := &matchInfo{match: s[loc[0]:loc[1]], start: loc[0], end: loc[1], matchEnd: loc[1], regex: true}
	mi.groups = make([]any, 0, len(loc)/2-1)
	for g := 2; g < len(loc); g += 2 {
		if loc[g] < 0 {
			// JavaScript has undefined here, which JSON renders as null.
			mi.groups = append(mi.groups, nil)
		} else {
			mi.groups = append(mi.groups, s[loc[g]:loc[g+1]])
		}
	}
	start := float64(x.toU16(loc[0]))
	mi.index = start
	mi.groupsVal = mi.groups
	mi.next = func() (*matchInfo, error) {
		if loc[1] >= len(s) {
			return nil, nil
		}
		return m.matchFrom(s, x, loc[1], true)
	}
	o := jsonvalue.NewObject(5)
	o.Set("match", mi.match)
	o.Set("start", start)
	o.Set("end", float64(x.toU16(loc[1])))
	o.Set("groups", mi.groups)
	o.Set("next", &nextFunc{mi: mi})
	mi.obj = o
	return mi, nil
}

// nextFunc is the next function of a match object.
type nextFunc struct{ mi *matchInfo }

func (f *nextFunc) arity() int { return 0 }

func (f *nextFunc) call(*evaluator, []any, any, int) (any, error) {
	n, err := f.mi.next()
	if err != nil || n == nil {
		return undefined, err
	}
	return n.obj, nil
}

// firstMatch applies a matcher to s, as the reference's evaluateMatcher
// does.
func (ev *evaluator) firstMatch(name string, matcher any, s string, pos int) (*matchInfo, error) {
	x := newUTF16Index(s)
	if m, ok := matcher.(*regexMatcher); ok {
		return m.matchFrom(s, x, 0, false)
	}
	r, err := ev.invoke(matcher, []any{s}, undefined, pos)
	if err != nil {
		return nil, err
	}
	return ev.customMatch(name, r, x, pos)
}

// customMatch reads the result of a custom matcher function.
func (ev *evaluator) customMatch(name string, r any, x *utf16Index, pos int) (*matchInfo, error) {
	r = finish(r)
	if r == undefined {
		return nil, nil
	}
	o, ok := r.(*jsonvalue.Object)
	valid := false
	if ok {
		start, _ := o.Get("start")
		groups, _ := o.Get("groups")
		next, _ := o.Get("next")
		_, isNum := num(start)
		_, isArr := groups.([]any)
		_, isFn := next.(Function)
		valid = isNum || isArr || isFn
	}
	if !valid {
		return nil, rterr("T1010", pos, "the matcher function argument passed to function %q does not return the correct object structure", name)
	}
	mi := &matchInfo{obj: o}
	if v, ok := o.Get("match"); ok {
		if mi.match, ok = v.(string); !ok {
			mi.match, _ = stringify(v, pos)
		}
	}
	startVal, _ := o.Get("start")
	mi.index = startVal
	if mi.index == nil {
		mi.index = undefined
	}
	start, _ := num(startVal)
	mi.start = x.toByte(start)
	end := start + float64(jsonvalue.UTF16Len(mi.match))
	mi.matchEnd = x.toByte(end)
	if v, ok := o.Get("end"); ok {
		if f, ok := num(v); ok {
			end = f
		}
	}
	mi.end = x.toByte(end)
	mi.groupsVal = undefined
	if g, ok := o.Get("groups"); ok {
		mi.groups = items(g)
		mi.groupsVal = g
	}
	mi.next = func() (*matchInfo, error) {
		nf, _ := o.Get("next")
		if _, ok := nf.(Function); !ok {
			return nil, nil
		}
		r, err := ev.invoke(nf, []any{undefined}, undefined, pos)
		if err != nil {
			return nil, err
		}
		return ev.customMatch(name, r, x, pos)
	}
	return mi, nil
}

// matchSubstring is JavaScript's s.substring(a, b) on byte offsets.
func matchSubstring(s string, a, b int) string {
	if a > b {
		a, b = b, a
	}
	return s[a:b]
}

// expandReplacement builds the replacement text for a match from a
// replacement string with $0, $1... and $$, as the reference does.
func expandReplacement(repl string, mi *matchInfo) string {
	var b strings.Builder
	position := 0
	index := strings.IndexByte(repl, '$')
	for index >= 0 && position < len(repl) {
		b.WriteString(repl[position:index])
		position = index + 1
		var dollar byte
		if position < len(repl) {
			dollar = repl[position]
		}
		switch dollar {
		case '$':
			b.WriteByte('$')
			position++
		case '0':
			b.WriteString(mi.match)
			position++
		default:
			ng := len(mi.groups)
			maxDigits := 1
			if ng > 0 {
				maxDigits = int(math.Floor(math.Log(float64(ng))*math.Log10E)) + 1
			}
			n, ok := dollarParseInt(repl[position:min(position+maxDigits, len(repl))])
			if ok && maxDigits > 1 && n > ng {
				n, ok = dollarParseInt(repl[position:min(position+maxDigits-1, len(repl))])
			}
			if ok {
				if ng > 0 && n-1 >= 0 && n-1 < ng {
					if g := mi.groups[n-1]; g != undefined && !(g == nil && mi.regex) {
						if gs, isStr := g.(string); isStr {
							b.WriteString(gs)
						} else {
							gs, _ := stringify(g, 0)
							b.WriteString(gs)
						}
					}
				}
				position += len(strconv.Itoa(n))
			} else {
				b.WriteByte('$')
			}
		}
		index = strings.IndexByte(repl[min(position, len(repl)):], '$')
		if index >= 0 {
			index += position
		}
	}
	b.WriteString(repl[min(position, len(repl)):])
	return b.String()
}

// dollarParseInt is JavaScript's parseInt(s, 10) for the short strings that
// follow a $ in a replacement string.
func dollarParseInt(s string) (int, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r\u00a0\ufeff")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	n, digits := 0, 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		n = n*10 + int(s[digits]-'0')
		digits++
	}
	if digits == 0 {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// matchLimitArg reads an optional limit argument: ok=false when it is
// absent; a negative limit is an error with the given code.
func matchLimitArg(name, code string, a []any, i, pos int) (limit float64, ok bool, err error) {
	l, ok, err := numArg(name, a, i, pos)
	if err != nil || !ok {
		return 0, false, err
	}
	if l < 0 {
		return 0, false, rterr(code, pos, "third argument of %s function must evaluate to a positive number", name)
	}
	return l, true, nil
}

// defineRegex defines built-in functions; builtins calls it, once.
func defineRegex() {
	def("match", func(ev *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("match", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		limit, hasLimit, err := matchLimitArg("match", "D3040", a, 2, pos)
		if err != nil {
			return nil, err
		}
		var out []any
		if hasLimit && limit <= 0 {
			return &sequence{}, nil
		}
		mi, err := ev.firstMatch("match", a[1], s, pos)
		for count := 0; err == nil && mi != nil && (!hasLimit || float64(count) < limit); count++ {
			o := jsonvalue.NewObject(3)
			o.Set("match", mi.match)
			o.Set("index", mi.index)
			o.Set("groups", mi.groupsVal)
			out = append(out, o)
			mi, err = mi.next()
		}
		if err != nil {
			return nil, err
		}
		return &sequence{items: out}, nil
	})
	def("contains", func(ev *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("contains", a, 0, pos)
		if err != nil || !ok || a[1] == undefined {
			return undefined, err
		}
		if t, isStr := a[1].(string); isStr {
			return strings.Contains(s, t), nil
		}
		mi, err := ev.firstMatch("contains", a[1], s, pos)
		if err != nil {
			return nil, err
		}
		return mi != nil, nil
	})
	def("split", func(ev *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("split", a, 0, pos)
		if err != nil || !ok || a[1] == undefined {
			return undefined, err
		}
		limit, hasLimit, err := matchLimitArg("split", "D3020", a, 2, pos)
		if err != nil {
			return nil, err
		}
		out := []any{}
		if hasLimit && limit <= 0 {
			return out, nil
		}
		if sep, isStr := a[1].(string); isStr {
			var parts []string
			if sep == "" {
				for _, r := range s {
					parts = append(parts, string(r))
				}
			} else {
				parts = strings.Split(s, sep)
			}
			if hasLimit && limit < float64(len(parts)) {
				parts = parts[:int(limit)]
			}
			for _, p := range parts {
				out = append(out, p)
			}
			return out, nil
		}
		mi, err := ev.firstMatch("split", a[1], s, pos)
		if err != nil {
			return nil, err
		}
		if mi == nil {
			return append(out, s), nil
		}
		start, count := 0, 0
		for ; mi != nil && (!hasLimit || float64(count) < limit); count++ {
			out = append(out, matchSubstring(s, start, mi.start))
			start = mi.end
			if mi, err = mi.next(); err != nil {
				return nil, err
			}
		}
		if !hasLimit || float64(count) < limit {
			out = append(out, s[min(start, len(s)):])
		}
		return out, nil
	})
	def("replace", func(ev *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("replace", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		if a[1] == "" {
			return nil, rterr("D3010", pos, "second argument of replace function cannot be an empty string")
		}
		limit, hasLimit, err := matchLimitArg("replace", "D3011", a, 3, pos)
		if err != nil {
			return nil, err
		}
		if a[1] == undefined || a[2] == undefined {
			return undefined, nil
		}
		if hasLimit && limit <= 0 {
			return s, nil
		}
		within := func(count int) bool { return !hasLimit || float64(count) < limit }
		replFn, isFn := a[2].(Function)
		replStr, _ := a[2].(string)
		replace := func(mi *matchInfo) (string, error) {
			if !isFn {
				return expandReplacement(replStr, mi), nil
			}
			r, err := ev.invoke(replFn, []any{mi.obj}, undefined, pos)
			if err != nil {
				return "", err
			}
			str, ok := finish(r).(string)
			if !ok {
				return "", rterr("D3012", pos, "attempted to replace a matched string with a non-string value")
			}
			return str, nil
		}
		var b strings.Builder
		if pat, isStr := a[1].(string); isStr {
			position := 0
			x := newUTF16Index(s)
			for count := 0; within(count); count++ {
				i := strings.Index(s[position:], pat)
				if i < 0 {
					break
				}
				i += position
				b.WriteString(s[position:i])
				if isFn {
					o := jsonvalue.NewObject(4)
					o.Set("match", pat)
					o.Set("start", float64(x.toU16(i)))
					o.Set("end", float64(x.toU16(i+len(pat))))
					o.Set("groups", []any{})
					r, err := replace(&matchInfo{obj: o, match: pat})
					if err != nil {
						return nil, err
					}
					b.WriteString(r)
				} else {
					b.WriteString(replStr)
				}
				position = i + len(pat)
			}
			b.WriteString(s[position:])
			return b.String(), nil
		}
		mi, err := ev.firstMatch("replace", a[1], s, pos)
		if err != nil {
			return nil, err
		}
		if mi == nil {
			return s, nil
		}
		position := 0
		for count := 0; mi != nil && within(count); count++ {
			b.WriteString(matchSubstring(s, position, mi.start))
			r, err := replace(mi)
			if err != nil {
				return nil, err
			}
			b.WriteString(r)
			position = mi.matchEnd
			if mi, err = mi.next(); err != nil {
				return nil, err
			}
		}
		b.WriteString(s[min(position, len(s)):])
		return b.String(), nil
	})
}
