package jsonpath

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// SyntaxError describes a syntax error in a path (or, in package intrinsic,
// in an intrinsic function call).
type SyntaxError struct {
	// Input is the complete text that was being parsed.
	Input string
	// Offset is the byte offset in Input at which the problem was found.
	Offset int
	// Msg is a short lower-case description such as "unterminated bracket".
	Msg string
}

// Error returns Msg followed by " at column N", where N is Offset+1
// (columns count bytes, starting at 1).
func (e *SyntaxError) Error() string {
	return e.Msg + " at column " + strconv.Itoa(e.Offset+1)
}

// maxDepth bounds the nesting of brackets, parentheses and negations so
// that hostile input cannot exhaust the stack.
const maxDepth = 64

var functions = map[string]bool{
	"min": true, "max": true, "avg": true, "stddev": true,
	"sum": true, "length": true, "keys": true,
}

var wordOps = map[string]Op{
	"in": OpIn, "nin": OpNin, "subsetof": OpSubsetOf, "anyof": OpAnyOf,
	"noneof": OpNoneOf, "size": OpSize, "empty": OpEmpty,
}

// symbolOps is ordered so that longer operators are tried first.
var symbolOps = []Op{OpEq, OpNe, OpLe, OpGe, OpMatch, OpLt, OpGt}

// Parse parses a complete path such as "$.a.b[0]" or "$$.Execution.Id".
// The whole of s must be a path, but for trailing spaces, which Jayway
// trims before it compiles a path and which AWS therefore accepts
// ("$$.Execution.Name " is deployed in AWS's samples); a leading space is
// an error. Errors are of type *SyntaxError.
func Parse(s string) (*Path, error) {
	p, n, err := ParsePrefix(s)
	if err != nil {
		return nil, err
	}
	if n < len(s) && strings.TrimRight(s[n:], " ") != "" {
		ps := &parser{s: s}
		return nil, ps.unexpected(n)
	}
	return p, nil
}

// MustParse is like Parse but panics if s is not a valid path. It is meant
// for paths known at compile time.
func MustParse(s string) *Path {
	p, err := Parse(s)
	if err != nil {
		panic("jsonpath: MustParse(" + strconv.Quote(s) + "): " + err.Error())
	}
	return p
}

// ParsePrefix parses the path at the start of s and returns it together with
// the number of bytes it occupies. Parsing stops before the first character
// that cannot continue the path (white space, ',' or ')' outside brackets,
// for example), which lets callers embed paths in a larger syntax, as
// intrinsic function arguments do. Errors are of type *SyntaxError, with
// offsets relative to s.
func ParsePrefix(s string) (*Path, int, error) {
	if i := invalidUTF8(s); i >= 0 {
		return nil, 0, &SyntaxError{Input: s, Offset: i, Msg: "invalid UTF-8"}
	}
	p := &parser{s: s}
	path, err := p.path()
	if err != nil {
		return nil, 0, err
	}
	return path, p.pos, nil
}

func invalidUTF8(s string) int {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

type opening struct {
	off  int
	kind string // "bracket" or "parenthesis"
}

type parser struct {
	s     string
	pos   int
	depth int
	opens []opening
}

func (p *parser) errAt(off int, msg string) error {
	return &SyntaxError{Input: p.s, Offset: off, Msg: msg}
}

// unexpected reports the character at off (or the end of input).
func (p *parser) unexpected(off int) error {
	if off >= len(p.s) {
		return p.eofErr()
	}
	r, _ := utf8.DecodeRuneInString(p.s[off:])
	return p.errAt(off, fmt.Sprintf("unexpected character %q", r))
}

// eofErr reports the end of input inside the innermost open bracket or
// parenthesis.
func (p *parser) eofErr() error {
	if n := len(p.opens); n > 0 {
		o := p.opens[n-1]
		return p.errAt(o.off, "unterminated "+o.kind)
	}
	return p.errAt(len(p.s), "unexpected end of input")
}

func (p *parser) open(kind string) error {
	p.opens = append(p.opens, opening{p.pos, kind})
	if err := p.enter(); err != nil {
		return err
	}
	p.pos++
	return nil
}

func (p *parser) close() {
	p.opens = p.opens[:len(p.opens)-1]
	p.depth--
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errAt(p.pos, "expression nested too deeply")
	}
	return nil
}

func (p *parser) eof() bool { return p.pos >= len(p.s) }

func (p *parser) peek() byte {
	if p.pos >= len(p.s) {
		return 0
	}
	return p.s[p.pos]
}

func (p *parser) skipWS() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// expect consumes the closing character c of the innermost opening.
func (p *parser) expect(c byte) error {
	p.skipWS()
	if p.eof() {
		return p.eofErr()
	}
	if p.s[p.pos] != c {
		return p.unexpected(p.pos)
	}
	p.pos++
	p.close()
	return nil
}

func (p *parser) path() (*Path, error) {
	if p.peek() != '$' {
		return nil, p.errAt(0, "path must start with $")
	}
	p.pos++
	path := &Path{}
	if p.peek() == '$' {
		path.Context = true
		p.pos++
	}
	segs, err := p.segments()
	if err != nil {
		return nil, err
	}
	path.Segments = segs
	return path, nil
}

// segments parses segments until a character that cannot start one.
func (p *parser) segments() ([]Segment, error) {
	var segs []Segment
	for !p.eof() {
		start := p.pos
		var seg Segment
		var err error
		switch p.s[p.pos] {
		case '.':
			if p.pos+1 < len(p.s) && p.s[p.pos+1] == '.' {
				p.pos += 2
				seg, err = p.descend()
			} else {
				p.pos++
				seg, err = p.dotSelector()
			}
		case '[':
			seg, err = p.bracket()
		default:
			return segs, nil
		}
		if err != nil {
			return nil, err
		}
		if n := len(segs); n > 0 {
			if _, ok := segs[n-1].(Func); ok {
				return nil, p.errAt(start, "function must be the last path segment")
			}
		}
		segs = append(segs, seg)
	}
	return segs, nil
}

// missingSegment reports the absence of a selector after '.' or '..'.
func (p *parser) missingSegment() error {
	if p.eof() {
		if len(p.opens) > 0 {
			return p.eofErr()
		}
		return p.errAt(p.pos, "empty path segment")
	}
	switch p.s[p.pos] {
	case ' ', '\t', '\n', '\r', ',', ')', ']':
		return p.errAt(p.pos, "empty path segment")
	}
	return p.unexpected(p.pos)
}

// dotSelector parses what follows a single '.'.
func (p *parser) dotSelector() (Segment, error) {
	start := p.pos
	switch p.peek() {
	case '*':
		p.pos++
		return Wildcard{}, nil
	case '[':
		return p.bracket()
	}
	name := p.name()
	if name == "" {
		return nil, p.missingSegment()
	}
	if p.peek() == '(' {
		return p.function(start, name)
	}
	return Child{Name: name}, nil
}

// descend parses what follows '..'.
func (p *parser) descend() (Segment, error) {
	start := p.pos
	var sel Segment
	switch p.peek() {
	case '*':
		p.pos++
		sel = Wildcard{}
	case '[':
		var err error
		if sel, err = p.bracket(); err != nil {
			return nil, err
		}
	default:
		name := p.name()
		if name == "" {
			return nil, p.missingSegment()
		}
		if p.peek() == '(' {
			return nil, p.errAt(start, "function cannot follow ..")
		}
		sel = Child{Name: name}
	}
	return Descend{Sel: sel}, nil
}

func (p *parser) function(start int, name string) (Segment, error) {
	if !functions[name] {
		return nil, p.errAt(start, "unknown function "+name+"()")
	}
	if err := p.open("parenthesis"); err != nil {
		return nil, err
	}
	if err := p.expect(')'); err != nil {
		return nil, err
	}
	return Func{Name: name}, nil
}

// isNameRune reports whether r may appear in a dot-notation member name.
func isNameRune(r rune) bool {
	if r < utf8.RuneSelf {
		if r <= ' ' || r == 0x7f {
			return false
		}
		return !strings.ContainsRune(".[]()'\",*?=!<>~&|\\", r)
	}
	return !unicode.IsSpace(r) && !unicode.IsControl(r)
}

// isSimpleName reports whether Child{s} is rendered in dot notation: s is a
// letter or '_' followed by letters, digits and '_' (the member-name
// shorthand that AWS requires inside intrinsic function arguments).
func isSimpleName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r)) {
			continue
		}
		return false
	}
	return true
}

func (p *parser) name() string {
	start := p.pos
	for p.pos < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.pos:])
		if !isNameRune(r) {
			break
		}
		p.pos += n
	}
	return p.s[start:p.pos]
}

// bracket parses a '[' ... ']' segment.
func (p *parser) bracket() (Segment, error) {
	if err := p.open("bracket"); err != nil {
		return nil, err
	}
	p.skipWS()
	if p.eof() {
		return nil, p.eofErr()
	}
	switch c := p.s[p.pos]; {
	case c == '?':
		return p.filter()
	case c == '*':
		p.pos++
		if err := p.expect(']'); err != nil {
			return nil, err
		}
		return Wildcard{}, nil
	case c == '\'' || c == '"':
		return p.names()
	case c == ']':
		return nil, p.errAt(p.pos, "empty brackets")
	case c == '-' || c == ':' || isDigit(c):
		return p.indices()
	case c == '(':
		return p.script()
	default:
		return nil, p.unexpected(p.pos)
	}
}

// script parses the one script expression in use, [(@.length-N)] with
// N >= 1 (Goessner's "last element" idiom, accepted by AWS's validators),
// as the index it denotes, [-N]; it follows the '['.
func (p *parser) script() (Segment, error) {
	start := p.pos
	if err := p.open("parenthesis"); err != nil {
		return nil, err
	}
	bad := func() error {
		return p.errAt(start, "unsupported script expression: only (@.length-N), with N >= 1, is supported")
	}
	p.skipWS()
	if !strings.HasPrefix(p.s[p.pos:], "@.length") {
		return nil, bad()
	}
	p.pos += len("@.length")
	p.skipWS()
	if p.peek() != '-' {
		return nil, bad()
	}
	p.pos++
	p.skipWS()
	nOff := p.pos
	for isDigit(p.peek()) {
		p.pos++
	}
	n, err := strconv.Atoi(p.s[nOff:p.pos])
	if err != nil || n < 1 {
		return nil, bad()
	}
	if err := p.expect(')'); err != nil {
		return nil, err
	}
	if err := p.expect(']'); err != nil {
		return nil, err
	}
	return Index{I: -n}, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// names parses ['a'] or ['a','b',...].
func (p *parser) names() (Segment, error) {
	var items []Segment
	for {
		if p.eof() {
			return nil, p.eofErr()
		}
		if c := p.s[p.pos]; c != '\'' && c != '"' {
			return nil, p.unexpected(p.pos)
		}
		s, err := p.quotedName()
		if err != nil {
			return nil, err
		}
		items = append(items, Child{Name: s})
		p.skipWS()
		if p.peek() != ',' {
			break
		}
		p.pos++
		p.skipWS()
	}
	if err := p.expect(']'); err != nil {
		return nil, err
	}
	if len(items) == 1 {
		return items[0], nil
	}
	return Union{Items: items}, nil
}

// quotedName parses a quoted property name in brackets, as AWS reads it:
// a backslash escapes the quote and itself; any other backslash is kept, so
// $['Test\\"Name'] names the key Test\\"Name. (AWS's recorded answer.)
func (p *parser) quotedName() (string, error) {
	start := p.pos
	q := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for {
		if p.eof() {
			return "", p.errAt(start, "unterminated string")
		}
		c := p.s[p.pos]
		switch {
		case c == q:
			p.pos++
			return b.String(), nil
		case c == '\\' && p.pos+1 < len(p.s) && (p.s[p.pos+1] == q || p.s[p.pos+1] == '\\'):
			b.WriteByte(p.s[p.pos+1])
			p.pos += 2
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
}

// quoteName renders a property name for quotedName.
func quoteName(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// quoted parses a single- or double-quoted string with JSON-style escapes.
func (p *parser) quoted() (string, error) {
	start := p.pos
	q := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for {
		if p.eof() {
			return "", p.errAt(start, "unterminated string")
		}
		c := p.s[p.pos]
		switch {
		case c == q:
			p.pos++
			return b.String(), nil
		case c != '\\':
			b.WriteByte(c)
			p.pos++
			continue
		}
		if p.pos+1 >= len(p.s) {
			return "", p.errAt(start, "unterminated string")
		}
		esc := p.pos
		switch e := p.s[p.pos+1]; e {
		case '\\', '\'', '"', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(p.s, p.pos+2)
			if !ok {
				return "", p.errAt(esc, "invalid escape sequence")
			}
			p.pos += 6
			if utf16.IsSurrogate(r) && strings.HasPrefix(p.s[p.pos:], `\u`) {
				if r2, ok := hex4(p.s, p.pos+2); ok {
					if d := utf16.DecodeRune(r, r2); d != unicode.ReplacementChar {
						r = d
						p.pos += 6
					}
				}
			}
			b.WriteRune(r) // a lone surrogate becomes U+FFFD
			continue
		default:
			return "", p.errAt(esc, "invalid escape sequence")
		}
		p.pos += 2
	}
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}

// integer parses an optional -?[0-9]+; it returns nil if none starts here.
func (p *parser) integer(msg string) (*int, error) {
	start := p.pos
	if c := p.peek(); c != '-' && !isDigit(c) {
		return nil, nil
	}
	if p.peek() == '-' {
		p.pos++
	}
	if !isDigit(p.peek()) {
		return nil, p.errAt(start, msg)
	}
	for isDigit(p.peek()) {
		p.pos++
	}
	v, err := strconv.Atoi(p.s[start:p.pos])
	if err != nil {
		return nil, p.errAt(start, "index out of range")
	}
	return &v, nil
}

// indices parses [i], [i,j,...] and slices.
func (p *parser) indices() (Segment, error) {
	first, err := p.integer("invalid index")
	if err != nil {
		return nil, err
	}
	p.skipWS()
	if p.peek() == ':' {
		return p.slice(first)
	}
	items := []Segment{Index{I: *first}}
	for p.peek() == ',' {
		p.pos++
		p.skipWS()
		v, err := p.integer("invalid index")
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, p.unexpected(p.pos)
		}
		items = append(items, Index{I: *v})
		p.skipWS()
	}
	if err := p.expect(']'); err != nil {
		return nil, err
	}
	if len(items) == 1 {
		return items[0], nil
	}
	return Union{Items: items}, nil
}

// slice parses the rest of [start:end:step] from the first ':'.
func (p *parser) slice(start *int) (Segment, error) {
	s := Slice{Start: start}
	p.pos++ // ':'
	p.skipWS()
	var err error
	if s.End, err = p.integer("invalid slice"); err != nil {
		return nil, err
	}
	p.skipWS()
	if p.peek() == ':' {
		p.pos++
		p.skipWS()
		stepOff := p.pos
		if s.Step, err = p.integer("invalid slice"); err != nil {
			return nil, err
		}
		if s.Step != nil && *s.Step == 0 {
			return nil, p.errAt(stepOff, "slice step cannot be zero")
		}
		p.skipWS()
		if p.peek() == ':' {
			return nil, p.errAt(p.pos, "invalid slice")
		}
	}
	if err := p.expect(']'); err != nil {
		return nil, err
	}
	return s, nil
}

// filter parses ?( expr ) ] after the '['.
func (p *parser) filter() (Segment, error) {
	p.pos++ // '?'
	p.skipWS()
	if p.eof() {
		return nil, p.eofErr()
	}
	if p.s[p.pos] != '(' {
		return nil, p.errAt(p.pos, "expected ( after ?")
	}
	if err := p.open("parenthesis"); err != nil {
		return nil, err
	}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	if err := p.expect(')'); err != nil {
		return nil, err
	}
	if err := p.expect(']'); err != nil {
		return nil, err
	}
	return Filter{Expr: e}, nil
}

func (p *parser) or() (Expr, error)  { return p.chain(OpOr, p.and) }
func (p *parser) and() (Expr, error) { return p.chain(OpAnd, p.unary) }

// chain parses operands joined by op (|| or &&), which associates to the
// left.
func (p *parser) chain(op Op, operand func() (Expr, error)) (Expr, error) {
	l, err := operand()
	if err != nil {
		return nil, err
	}
	for {
		p.skipWS()
		if !strings.HasPrefix(p.s[p.pos:], string(op)) {
			return l, nil
		}
		p.pos += len(op)
		r, err := operand()
		if err != nil {
			return nil, err
		}
		l = Binary{Op: op, L: l, R: r}
	}
}

func (p *parser) unary() (Expr, error) {
	p.skipWS()
	if p.eof() {
		return nil, p.eofErr()
	}
	switch p.s[p.pos] {
	case '!':
		if err := p.enter(); err != nil {
			return nil, err
		}
		p.pos++
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		p.depth--
		return Not{X: x}, nil
	case '(':
		if err := p.open("parenthesis"); err != nil {
			return nil, err
		}
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if err := p.expect(')'); err != nil {
			return nil, err
		}
		return e, nil
	}
	return p.comparison()
}

func isPath(e Expr) bool {
	switch e.(type) {
	case RelPath, AbsPath:
		return true
	}
	return false
}

func (p *parser) comparison() (Expr, error) {
	lOff := p.pos
	l, err := p.operand()
	if err != nil {
		return nil, err
	}
	p.skipWS()
	opOff := p.pos
	op, ok := p.operator()
	if !ok {
		if isPath(l) {
			return Exists{Path: l}, nil
		}
		if p.eof() {
			return nil, p.eofErr()
		}
		return nil, p.errAt(opOff, "expected comparison operator")
	}
	p.skipWS()
	rOff := p.pos
	r, err := p.operand()
	if err != nil {
		return nil, err
	}
	_, lre := l.(RegexLit)
	_, rre := r.(RegexLit)
	switch {
	case op == OpMatch && lre == rre:
		return nil, p.errAt(opOff, "=~ requires one regex operand")
	case op != OpMatch && lre:
		return nil, p.errAt(lOff, "regex requires =~")
	case op != OpMatch && rre:
		return nil, p.errAt(rOff, "regex requires =~")
	}
	return Binary{Op: op, L: l, R: r}, nil
}

func (p *parser) operator() (Op, bool) {
	rest := p.s[p.pos:]
	for _, op := range symbolOps {
		if strings.HasPrefix(rest, string(op)) {
			p.pos += len(op)
			return op, true
		}
	}
	if w := word(rest); w != "" {
		if op, ok := wordOps[w]; ok {
			p.pos += len(w)
			return op, true
		}
	}
	return "", false
}

// word returns the identifier [A-Za-z][A-Za-z0-9_]* at the start of s.
func word(s string) string {
	if s == "" || !isLetter(s[0]) {
		return ""
	}
	i := 1
	for i < len(s) && (isLetter(s[i]) || isDigit(s[i]) || s[i] == '_') {
		i++
	}
	return s[:i]
}

// bareWord returns the unquoted word [A-Za-z_][A-Za-z0-9_-]* at the start
// of s.
func bareWord(s string) string {
	if s == "" || !isLetter(s[0]) && s[0] != '_' {
		return ""
	}
	i := 1
	for i < len(s) && (isLetter(s[i]) || isDigit(s[i]) || s[i] == '_' || s[i] == '-') {
		i++
	}
	return s[:i]
}

func (p *parser) operand() (Expr, error) {
	if p.eof() {
		return nil, p.eofErr()
	}
	switch c := p.s[p.pos]; c {
	case '@':
		p.pos++
		segs, err := p.segments()
		if err != nil {
			return nil, err
		}
		return RelPath{Segments: segs}, nil
	case '$':
		p.pos++
		segs, err := p.segments()
		if err != nil {
			return nil, err
		}
		return AbsPath{Path: &Path{Segments: segs}}, nil
	case '/':
		return p.regex()
	case ')':
		return nil, p.errAt(p.pos, "expected operand")
	}
	return p.literal()
}

// literal parses a string, number, true, false, null or array literal. An
// unquoted word other than true, false and null is a string: AWS accepts
// and runs filters such as [?(@.Name==Receipt)], deployed in its published
// samples, comparing with the string "Receipt".
func (p *parser) literal() (Expr, error) {
	if p.eof() {
		return nil, p.eofErr()
	}
	c := p.s[p.pos]
	switch {
	case c == '\'' || c == '"':
		s, err := p.quoted()
		if err != nil {
			return nil, err
		}
		return StringLit{Value: s}, nil
	case c == '-' || isDigit(c):
		return p.number()
	case c == '[':
		return p.array()
	case isLetter(c) || c == '_':
		w := bareWord(p.s[p.pos:])
		var e Expr
		switch w {
		case "true":
			e = BoolLit{Value: true}
		case "false":
			e = BoolLit{Value: false}
		case "null":
			e = NullLit{}
		default:
			e = StringLit{Value: w}
		}
		p.pos += len(w)
		return e, nil
	}
	return nil, p.unexpected(p.pos)
}

// number parses a JSON number.
func (p *parser) number() (Expr, error) {
	start := p.pos
	end, _, _ := jsonvalue.ScanNumber(p.s, start)
	if end == start {
		return nil, p.errAt(start, "invalid number")
	}
	p.pos = end
	text := p.s[start:p.pos]
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, p.errAt(start, "number out of range")
	}
	return NumberLit{Text: text, Value: v}, nil
}

func (p *parser) array() (Expr, error) {
	if err := p.open("bracket"); err != nil {
		return nil, err
	}
	var elems []Expr
	p.skipWS()
	if p.peek() != ']' {
		for {
			p.skipWS()
			e, err := p.literal()
			if err != nil {
				return nil, err
			}
			elems = append(elems, e)
			p.skipWS()
			if p.peek() != ',' {
				break
			}
			p.pos++
		}
	}
	if err := p.expect(']'); err != nil {
		return nil, err
	}
	return ArrayLit{Elems: elems}, nil
}

const regexFlags = "dimsuxU"

func (p *parser) regex() (Expr, error) {
	start := p.pos
	p.pos++
	for {
		if p.eof() {
			return nil, p.errAt(start, "unterminated regex")
		}
		c := p.s[p.pos]
		if c == '/' {
			break
		}
		if c == '\\' {
			if p.pos+1 >= len(p.s) {
				return nil, p.errAt(start, "unterminated regex")
			}
			p.pos++
		}
		p.pos++
	}
	pattern := p.s[start+1 : p.pos]
	p.pos++
	flagStart := p.pos
	for p.pos < len(p.s) && isLetter(p.s[p.pos]) {
		if !strings.ContainsRune(regexFlags, rune(p.s[p.pos])) {
			return nil, p.errAt(p.pos, fmt.Sprintf("invalid regex flag %q", rune(p.s[p.pos])))
		}
		p.pos++
	}
	return RegexLit{Pattern: pattern, Flags: p.s[flagStart:p.pos]}, nil
}

// quote renders s as a single-quoted string literal.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\'':
			b.WriteString(`\'`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}
