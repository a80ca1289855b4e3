package yaml

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// plainStart reports whether a plain scalar can start at pos.
func (p *parser) plainStart(flow bool) bool {
	switch c := p.cur(); c {
	case '-', '?', ':':
		n := p.at(p.pos + 1)
		return !isBlank(n) && !(flow && isFlowIndicator(n))
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	default:
		return !isBlank(c)
	}
}

// plainSegment scans the part of a plain scalar on the current line and
// returns it without trailing white space, leaving pos after it. It stops
// at ": ", " #", the end of the line and, in flow context, at flow
// indicators.
func (p *parser) plainSegment(flow bool) string {
	start, end := p.pos, p.pos
	for i := start; i < len(p.src); i++ {
		c := p.src[i]
		if c == '\n' || flow && isFlowIndicator(c) {
			break
		}
		if c == ':' {
			if n := p.at(i + 1); isBlank(n) || flow && isFlowIndicator(n) {
				break
			}
		}
		if c == '#' && i > start && isWhite(p.src[i-1]) {
			break
		}
		if !isWhite(c) {
			end = i + 1
		}
	}
	p.pos = end
	return string(p.src[start:end])
}

// plainRest continues a plain scalar over the following lines, folding
// them: a single line break becomes a space and each empty line a newline.
// In block context the lines must be indented more than n.
func (p *parser) plainRest(text string, n int, flow bool) string {
	b := []byte(text)
	for {
		m := p.mark()
		p.skipWhite()
		if p.cur() != '\n' {
			p.reset(m)
			break
		}
		breaks, ok := 0, false
		for p.cur() == '\n' {
			p.newline()
			i := p.pos
			for p.at(i) == ' ' {
				i++
			}
			indent := i - p.lineStart
			for isWhite(p.at(i)) {
				i++
			}
			c := p.at(i)
			if c == '\n' {
				p.pos = i
				breaks++
				continue
			}
			if c == 0 || c == '#' || !flow && indent <= n || p.isMarker() {
				break
			}
			p.pos, ok = i, true
			break
		}
		if !ok {
			p.reset(m)
			break
		}
		seg := p.plainSegment(flow)
		if seg == "" {
			p.reset(m)
			break
		}
		if breaks == 0 {
			b = append(b, ' ')
		}
		for range breaks {
			b = append(b, '\n')
		}
		b = append(b, seg...)
	}
	return string(b)
}

// quoted parses a single- or double-quoted scalar.
func (p *parser) quoted() scalar {
	line, col := p.line, p.col()+1
	q := p.cur()
	p.pos++
	var b []byte
	// nextLine moves past a line break inside the scalar.
	nextLine := func() {
		p.newline()
		if p.isMarker() {
			p.failAt(line, col, "unterminated quoted string: a document marker comes before its closing quote")
		}
	}
	for {
		switch c := p.cur(); {
		case c == 0:
			what := "double"
			if q == '\'' {
				what = "single"
			}
			p.failAt(line, col, "unterminated %s-quoted string", what)
		case c == q:
			if q == '\'' && p.at(p.pos+1) == '\'' {
				b = append(b, '\'')
				p.pos += 2
				continue
			}
			p.pos++
			return scalar{text: string(b), line: line, col: col}
		case c == '\\' && q == '"':
			if p.at(p.pos+1) != '\n' {
				b = p.escape(b)
				continue
			}
			// An escaped line break joins the lines without a space.
			p.pos++
			nextLine()
			for p.skipWhite(); p.cur() == '\n'; p.skipWhite() {
				b = append(b, '\n')
				nextLine()
			}
		case isWhite(c):
			i := p.pos
			for isWhite(p.at(i)) {
				i++
			}
			if p.at(i) != '\n' { // white space before a line break is dropped
				b = append(b, p.src[p.pos:i]...)
			}
			p.pos = i
		case c == '\n':
			nextLine()
			breaks := 0
			for p.skipWhite(); p.cur() == '\n'; p.skipWhite() {
				breaks++
				nextLine()
			}
			if breaks == 0 {
				b = append(b, ' ')
			}
			for range breaks {
				b = append(b, '\n')
			}
		default:
			b = append(b, c)
			p.pos++
		}
	}
}

// escape decodes the escape sequence at pos in a double-quoted scalar.
func (p *parser) escape(b []byte) []byte {
	line, col := p.line, p.col()+1
	p.pos++
	c := p.cur()
	p.pos++
	switch c {
	case '0':
		return append(b, 0)
	case 'a':
		return append(b, '\a')
	case 'b':
		return append(b, '\b')
	case 't', '\t':
		return append(b, '\t')
	case 'n':
		return append(b, '\n')
	case 'v':
		return append(b, '\v')
	case 'f':
		return append(b, '\f')
	case 'r':
		return append(b, '\r')
	case 'e':
		return append(b, 0x1b)
	case ' ', '"', '/', '\\':
		return append(b, c)
	case 'N':
		return utf8.AppendRune(b, 0x85)
	case '_':
		return utf8.AppendRune(b, 0xa0)
	case 'L':
		return utf8.AppendRune(b, 0x2028)
	case 'P':
		return utf8.AppendRune(b, 0x2029)
	case 'x':
		return utf8.AppendRune(b, p.hexEscape(2, line, col))
	case 'u':
		r := p.hexEscape(4, line, col)
		if r >= 0xd800 && r < 0xdc00 && p.cur() == '\\' && p.at(p.pos+1) == 'u' {
			// A UTF-16 surrogate pair, as JSON writes characters
			// outside the Basic Multilingual Plane.
			m := p.mark()
			p.pos += 2
			if r2 := p.hexEscape(4, line, col); r2 >= 0xdc00 && r2 < 0xe000 {
				return utf8.AppendRune(b, 0x10000+(r-0xd800)<<10+(r2-0xdc00))
			}
			p.reset(m)
		}
		if r >= 0xd800 && r < 0xe000 {
			r = utf8.RuneError // a lone surrogate, as encoding/json decodes it
		}
		return utf8.AppendRune(b, r)
	case 'U':
		r := p.hexEscape(8, line, col)
		if r > utf8.MaxRune || r >= 0xd800 && r < 0xe000 {
			p.failAt(line, col, "escape \\U%08X is not a Unicode character", r)
		}
		return utf8.AppendRune(b, r)
	case 0, '\n':
		p.failAt(line, col, "unterminated escape sequence")
	}
	p.pos--
	p.failAt(line, col, "invalid escape sequence \\%s", p.curDesc()[1:len(p.curDesc())-1])
	return nil
}

func (p *parser) hexEscape(n, line, col int) rune {
	var r rune
	for range n {
		c := p.cur()
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			p.failAt(line, col, "escape sequence needs %d hexadecimal digits", n)
		}
		r = r<<4 | rune(d)
		p.pos++
	}
	return r
}

// blockScalar parses a literal (|) or folded (>) block scalar whose parent
// is indented n columns. It leaves the parser at the start of the first line
// after the scalar.
func (p *parser) blockScalar(n int) scalar {
	line, col := p.line, p.col()+1
	folded := p.cur() == '>'
	p.pos++
	var chomp byte
	explicit := 0
	for range 2 {
		c := p.cur()
		if (c == '-' || c == '+') && chomp == 0 {
			chomp = c
		} else if c >= '1' && c <= '9' && explicit == 0 {
			explicit = int(c - '0')
		} else {
			break
		}
		p.pos++
	}
	p.skipWhite()
	if p.atComment() {
		p.skipToEOL()
	}
	if c := p.cur(); c != '\n' && c != 0 {
		p.fail("invalid block scalar header: expected an indentation indicator (1-9), a chomping indicator (- or +) or a comment, found %s", p.curDesc())
	}
	if p.cur() == '\n' {
		p.newline()
	}
	indent := explicit
	if explicit > 0 && n >= 0 {
		indent += n
	}
	if explicit == 0 {
		indent = p.detectIndent(n)
	}
	var lines []string
	finalBreak := true
	for p.pos < len(p.src) {
		ls := p.pos
		sp := 0
		for sp < indent && p.cur() == ' ' {
			p.pos++
			sp++
		}
		c := p.cur()
		if sp < indent {
			if c == '\n' {
				lines = append(lines, "")
				p.newline()
				continue
			}
			if c != 0 {
				p.pos = ls // a less indented line ends the scalar
			}
			break
		}
		if indent == 0 && p.isMarker() {
			break
		}
		start := p.pos
		p.skipToEOL()
		lines = append(lines, string(p.src[start:p.pos]))
		if p.cur() == '\n' {
			p.newline()
		} else {
			finalBreak = false
		}
	}
	return scalar{text: composeBlock(lines, folded, chomp, finalBreak), line: line, col: col}
}

// detectIndent finds the indentation of a block scalar's content: that of
// its first non-empty line.
func (p *parser) detectIndent(n int) int {
	maxEmpty, line := 0, p.line
	for i := p.pos; i < len(p.src); line++ {
		sp := 0
		for p.at(i) == ' ' {
			i++
			sp++
		}
		switch p.at(i) {
		case '\n':
			maxEmpty = max(maxEmpty, sp)
			i++
			continue
		case 0:
			return max(maxEmpty, n+1)
		}
		if sp <= n {
			return n + 1 // the scalar is empty
		}
		if maxEmpty > sp {
			p.failAt(line, 1, "a leading empty line of a block scalar has more spaces than its first non-empty line")
		}
		return sp
	}
	return max(maxEmpty, n+1)
}

// composeBlock joins the lines of a block scalar (indentation removed),
// folding them if folded and applying the chomping indicator. finalBreak
// reports whether the last line ended with a line break.
func composeBlock(lines []string, folded bool, chomp byte, finalBreak bool) string {
	last := -1
	for i, l := range lines {
		if l != "" {
			last = i
		}
	}
	if last < 0 {
		if chomp == '+' {
			return strings.Repeat("\n", len(lines))
		}
		return ""
	}
	var b strings.Builder
	prevMore, first, pending := false, true, 0
	for _, l := range lines[:last+1] {
		if l == "" {
			pending++
			continue
		}
		// A more indented line keeps the line breaks around it.
		more := l[0] == ' ' || l[0] == '\t'
		switch {
		case first:
			b.WriteString(strings.Repeat("\n", pending))
		case folded && !prevMore && !more:
			if pending == 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Repeat("\n", pending))
		default:
			b.WriteString(strings.Repeat("\n", pending+1))
		}
		b.WriteString(l)
		prevMore, first, pending = more, false, 0
	}
	if chomp != '-' && (finalBreak || last < len(lines)-1) {
		b.WriteByte('\n')
	}
	if chomp == '+' {
		b.WriteString(strings.Repeat("\n", len(lines)-1-last))
	}
	return b.String()
}

// Tag resolution.

// scalarNode resolves a scalar under its properties and registers its
// anchor.
func (p *parser) scalarNode(sc scalar, pr props) *value {
	v := p.resolveScalar(sc, pr)
	p.register(pr, v)
	return v
}

func (p *parser) resolveScalar(sc scalar, pr props) *value {
	v := &value{kind: kString, s: sc.text, line: sc.line, scalar: true, raw: sc.text}
	if !pr.hasTag {
		if sc.plain {
			v.mergeKey = sc.text == "<<"
			p.core(v, sc, "")
		}
		return v
	}
	tag := pr.tag
	switch {
	case tag == "!":
		return v
	case strings.HasPrefix(tag, yamlTagPrefix):
		switch name := tag[len(yamlTagPrefix):]; name {
		case "str", "binary", "timestamp":
		case "null", "bool", "int", "float":
			p.core(v, sc, name)
		case "map", "seq":
			p.failAt(pr.tagLine, pr.tagCol, "tag !!%s cannot be applied to a scalar", name)
		default:
			p.failAt(pr.tagLine, pr.tagCol, "unsupported tag !!%s", name)
		}
		return v
	default:
		return p.intrinsic(tag[1:], v, pr.tagLine, pr.tagCol)
	}
}

// core types a scalar by the YAML 1.2 core schema. If want is not empty,
// the scalar must have that type (null, bool, int or float).
func (p *parser) core(v *value, sc scalar, want string) {
	t := sc.text
	got := ""
	switch t {
	case "", "~", "null", "Null", "NULL":
		v.kind, got = kNull, "null"
	case "true", "True", "TRUE":
		v.kind, v.s, got = kBool, "true", "bool"
	case "false", "False", "FALSE":
		v.kind, v.s, got = kBool, "false", "bool"
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
		if want == "float" || want == "" && !sc.key {
			p.failAt(sc.line, sc.col, "%s is a number JSON cannot represent; quote it for a string", t)
		}
	default:
		if s, ok := intNumber(t); ok {
			v.kind, v.s, got = kNumber, s, "int"
		} else if s, ok := floatNumber(t); ok {
			v.kind, v.s, got = kNumber, s, "float"
		}
	}
	if want != "" && got != want && !(want == "float" && got == "int") {
		p.failAt(sc.line, sc.col, "%s is not a valid !!%s", quote(t), want)
	}
}

// intNumber converts a core schema integer (decimal, 0o octal or 0x
// hexadecimal) to a JSON number.
func intNumber(t string) (string, bool) {
	base := 0
	switch {
	case strings.HasPrefix(t, "0o"):
		base = 8
	case strings.HasPrefix(t, "0x"):
		base = 16
	}
	if base != 0 {
		var n big.Int
		for _, c := range t[2:] {
			if !(c >= '0' && c <= '7' || base == 16 && (c >= '8' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
				return "", false
			}
		}
		if _, ok := n.SetString(t[2:], base); !ok {
			return "", false
		}
		return n.String(), true
	}
	digits := strings.TrimLeft(t, "+-")
	if len(t)-len(digits) > 1 || digits == "" {
		return "", false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", false
		}
	}
	return floatNumber(t)
}

// floatNumber converts a core schema float, such as 1.5, -.5, 1. or 2e10,
// to a JSON number.
func floatNumber(t string) (string, bool) {
	i := 0
	neg := false
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		neg = t[i] == '-'
		i++
	}
	digits := func() string {
		s := i
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		return t[s:i]
	}
	whole := digits()
	frac := ""
	if i < len(t) && t[i] == '.' {
		i++
		frac = digits()
	}
	if whole == "" && frac == "" {
		return "", false
	}
	exp := ""
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		s := i
		i++
		if i < len(t) && (t[i] == '+' || t[i] == '-') {
			i++
		}
		if digits() == "" {
			return "", false
		}
		exp = t[s:i]
	}
	if i != len(t) {
		return "", false
	}
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(whole)
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	b.WriteString(exp)
	return b.String(), true
}

// intrinsic applies a CloudFormation short-form tag such as !Ref or !Sub,
// giving the long form: {"Ref": v}, {"Condition": v} or {"Fn::Name": v}.
// !GetAtt a.b gives {"Fn::GetAtt": ["a", "b"]}.
func (p *parser) intrinsic(name string, v *value, line, col int) *value {
	key := "Fn::" + name
	switch name {
	case "Ref", "Condition":
		key = name
	case "GetAtt":
		if v.kind == kString {
			parts := []string{v.s}
			if i := strings.IndexByte(v.s, '.'); i >= 0 {
				parts = []string{v.s[:i], v.s[i+1:]}
			}
			arr := &value{kind: kArray, line: v.line}
			for _, s := range parts {
				arr.elems = append(arr.elems, elem{line: v.line, val: &value{kind: kString, s: s, line: v.line}})
			}
			arr.depth = 1
			v = arr
		}
	}
	obj := &value{kind: kObject, line: line, members: []member{{key: key, line: line, val: v}}}
	p.setDepth(obj, line, col)
	return obj
}
