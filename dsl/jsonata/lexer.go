package jsonata

import (
	"math"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// tokKind classifies tokens.
type tokKind int

const (
	tEOF      tokKind = iota
	tNumber           // 12, 1.5e3
	tString           // "..." or '...'; text holds the decoded value
	tName             // field name, plain or `backquoted`; text holds the name
	tVariable         // $name, $, $$; text holds the name without the leading $
	tValue            // true, false, null; text holds the word
	tRegex            // /pattern/flags; text holds the pattern
	tOp               // operator or punctuation; text holds the symbol
)

// token is one lexical token.
type token struct {
	kind   tokKind
	text   string  // see tokKind
	num    float64 // tNumber
	flags  string  // tRegex
	quoted bool    // tName: written in backquotes
	pos    int     // byte offset of the first character
	end    int     // byte offset after the last character
}

// describe renders the token for error messages.
func (t token) describe(src string) string {
	if t.kind == tEOF {
		return "end of expression"
	}
	return src[t.pos:t.end]
}

// twoCharOps are the operators spelt with two characters. They are matched
// before the single-character ones.
var twoCharOps = [...]string{"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"}

// isOpChar reports whether c is a single-character operator or punctuation
// symbol. These characters and white space end a name.
func isOpChar(c byte) bool {
	switch c {
	case '.', '[', ']', '{', '}', '(', ')', ',', '@', '#', ';', ':', '?',
		'+', '-', '*', '/', '%', '|', '=', '<', '>', '^', '&', '!', '~':
		return true
	}
	return false
}

// isSpace reports whether c is white space between tokens.
func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}

// isNameEnd reports whether c ends a name or variable name. Quotes do not:
// a"b" is one name, as in the reference implementation.
func isNameEnd(c byte) bool {
	return isSpace(c) || isOpChar(c)
}

// lexer splits src[pos:end] into tokens on demand. Tokens are produced one at
// a time because whether "/" starts a regular expression or is the division
// operator depends on the parser's state, and because an error in a token
// must not be reported before the syntax errors that precede it.
type lexer struct {
	src string
	pos int
	end int
	// jsonata20 reads ?: and ?? as two tokens, as JSONata 2.0 (which lacks
	// these operators) does.
	jsonata20 bool
}

// errAt builds a SyntaxError at offset off.
func (lx *lexer) errAt(off int, code, tok, msg string) *SyntaxError {
	return &SyntaxError{Input: lx.src, Offset: off, Code: code, Token: tok, Msg: msg}
}

// next returns the next token. regexOK tells whether "/" starts a regular
// expression literal (otherwise it is the division operator).
func (lx *lexer) next(regexOK bool) (token, *SyntaxError) {
	if err := lx.skipSpace(); err != nil {
		return token{}, err
	}
	start := lx.pos
	if start >= lx.end {
		return token{kind: tEOF, pos: lx.end, end: lx.end}, nil
	}
	src := lx.src
	c := src[start]
	if c == '/' && regexOK {
		return lx.regex()
	}
	if start+1 < lx.end {
		two := src[start : start+2]
		for _, op := range twoCharOps {
			if two == op && !(lx.jsonata20 && (op == "?:" || op == "??")) {
				lx.pos = start + 2
				return token{kind: tOp, text: op, pos: start, end: lx.pos}, nil
			}
		}
	}
	switch {
	case isOpChar(c):
		lx.pos = start + 1
		return token{kind: tOp, text: src[start:lx.pos], pos: start, end: lx.pos}, nil
	case c == '"' || c == '\'':
		return lx.str(c)
	case c == '`':
		i := strings.IndexByte(src[start+1:lx.end], '`')
		if i < 0 {
			return token{}, lx.errAt(start, codeUnterminatedQuote, "`", "quoted property name must be terminated with a backquote (`)")
		}
		lx.pos = start + 1 + i + 1
		return token{kind: tName, text: src[start+1 : start+1+i], quoted: true, pos: start, end: lx.pos}, nil
	case c >= '0' && c <= '9':
		return lx.number()
	case c == '$':
		i := start + 1
		for i < lx.end && !isNameEnd(src[i]) {
			i++
		}
		lx.pos = i
		return token{kind: tVariable, text: src[start+1 : i], pos: start, end: i}, nil
	}
	i := start
	for i < lx.end && !isNameEnd(src[i]) {
		i++
	}
	lx.pos = i
	word := src[start:i]
	t := token{kind: tName, text: word, pos: start, end: i}
	switch word {
	case "and", "or", "in":
		t.kind = tOp
	case "true", "false", "null":
		t.kind = tValue
	}
	return t, nil
}

// skipSpace skips white space and /* comments */.
func (lx *lexer) skipSpace() *SyntaxError {
	for lx.pos < lx.end {
		c := lx.src[lx.pos]
		if isSpace(c) {
			lx.pos++
			continue
		}
		if c == '/' && lx.pos+1 < lx.end && lx.src[lx.pos+1] == '*' {
			i := strings.Index(lx.src[lx.pos+2:lx.end], "*/")
			if i < 0 {
				return lx.errAt(lx.pos, codeUnterminatedComment, "/*", "comment has no closing tag")
			}
			lx.pos += 2 + i + 2
			continue
		}
		break
	}
	return nil
}

// number scans an unsigned JSON-style number: an integer part without
// leading zeros, an optional fraction and an optional exponent.
func (lx *lexer) number() (token, *SyntaxError) {
	src, start := lx.src, lx.pos
	i := start
	digits := func() {
		for i < lx.end && src[i] >= '0' && src[i] <= '9' {
			i++
		}
	}
	if src[i] == '0' {
		i++
	} else {
		digits()
	}
	if i+1 < lx.end && src[i] == '.' && src[i+1] >= '0' && src[i+1] <= '9' {
		i++
		digits()
	}
	if i < lx.end && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < lx.end && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < lx.end && src[j] >= '0' && src[j] <= '9' {
			i = j
			digits()
		}
	}
	raw := src[start:i]
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil && !math.IsInf(v, 0) {
		// Not reachable for the digits scanned above, but keep the
		// error path total.
		return token{}, lx.errAt(start, codeNumberRange, raw, "number out of range: "+raw)
	}
	if math.IsInf(v, 0) {
		return token{}, lx.errAt(start, codeNumberRange, raw, "number out of range: "+raw)
	}
	lx.pos = i
	return token{kind: tNumber, text: raw, num: v, pos: start, end: i}, nil
}

// str scans a string literal delimited by quote and decodes its escapes:
// \" \\ \/ \b \f \n \r \t and \uXXXX (UTF-16 surrogate pairs are combined;
// an unpaired surrogate is kept as WTF-8, see String).
func (lx *lexer) str(quote byte) (token, *SyntaxError) {
	src, start := lx.src, lx.pos
	var b strings.Builder
	i := start + 1
	for i < lx.end {
		c := src[i]
		switch c {
		case quote:
			lx.pos = i + 1
			return token{kind: tString, text: b.String(), pos: start, end: lx.pos}, nil
		case '\\':
			if i+1 >= lx.end {
				return token{}, lx.errAt(i, codeBadEscape, "\\", "unsupported escape sequence at end of input")
			}
			e := src[i+1]
			switch e {
			case '"', '\\', '/':
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
				r, ok := hex4(src, i+2, lx.end)
				if !ok && i+6 > lx.end && i+2 < lx.end && allHex(src[i+2:lx.end]) {
					// Cut short by the end of the input, like the string.
					return token{}, lx.errAt(start, codeUnterminatedString, string(quote), "string literal must be terminated by a matching quote")
				}
				if !ok {
					return token{}, lx.errAt(i, codeBadUnicodeEscape, "\\u", `the escape sequence \u must be followed by 4 hex digits`)
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r < 0xdc00 && i+1 < lx.end && src[i] == '\\' && src[i+1] == 'u' {
						if r2, ok := hex4(src, i+2, lx.end); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
							b.WriteRune(utf16.DecodeRune(r, r2))
							i += 6
							continue
						}
					}
					// Keep the lone surrogate as WTF-8.
					b.WriteByte(byte(0xe0 | r>>12))
					b.WriteByte(byte(0x80 | (r>>6)&0x3f))
					b.WriteByte(byte(0x80 | r&0x3f))
					continue
				}
				b.WriteRune(r)
				continue
			default:
				_, n := utf8.DecodeRuneInString(src[i+1 : lx.end])
				return token{}, lx.errAt(i, codeBadEscape, src[i:i+1+n], "unsupported escape sequence: "+src[i:i+1+n])
			}
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return token{}, lx.errAt(start, codeUnterminatedString, string(quote), "string literal must be terminated by a matching quote")
}

// allHex reports whether s consists of hexadecimal digits.
func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if _, ok := hex4("000"+s[i:i+1], 0, 4); !ok {
			return false
		}
	}
	return true
}

// hex4 decodes four hexadecimal digits at src[i:i+4].
func hex4(src string, i, end int) (rune, bool) {
	if i+4 > end {
		return 0, false
	}
	var r rune
	for _, c := range []byte(src[i : i+4]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// regexFlags are the flags accepted after a regular expression literal.
const regexFlags = "gim"

// regex scans a regular expression literal /pattern/flags. The closing
// slash is the first one outside brackets, parentheses and braces that is
// not escaped by a backslash.
func (lx *lexer) regex() (token, *SyntaxError) {
	src, start := lx.src, lx.pos
	depth := 0
	for i := start + 1; i < lx.end; i++ {
		c := src[i]
		escaped := src[i-1] == '\\' && i-1 > start
		switch c {
		case '(', '[', '{':
			if !escaped {
				depth++
			}
		case ')', ']', '}':
			if !escaped {
				depth--
			}
		case '/':
			if depth != 0 {
				continue
			}
			n := 0
			for j := i - 1; j > start && src[j] == '\\'; j-- {
				n++
			}
			if n%2 != 0 {
				continue
			}
			pattern := src[start+1 : i]
			if pattern == "" {
				return token{}, lx.errAt(start, codeEmptyRegex, "//", "empty regular expressions are not allowed")
			}
			j := i + 1
			for j < lx.end && strings.IndexByte(regexFlags, src[j]) >= 0 {
				if strings.IndexByte(src[i+1:j], src[j]) >= 0 {
					return token{}, lx.errAt(j, "", src[j:j+1], "repeated regular expression flag "+src[j:j+1])
				}
				j++
			}
			if msg := regexError(pattern); msg != "" {
				return token{}, lx.errAt(start, "", "/", "invalid regular expression: "+msg)
			}
			lx.pos = j
			return token{kind: tRegex, text: pattern, flags: src[i+1 : j], pos: start, end: j}, nil
		}
	}
	return token{}, lx.errAt(start, codeUnterminatedRegex, "/", "no terminating / in regular expression")
}

// regexError reports whether pattern, a JavaScript regular expression, is
// certainly invalid, returning a description of the problem, or "".
//
// The reference implementation compiles regular expressions with
// JavaScript's RegExp when it parses an expression. Go's regexp/syntax
// accepts a different dialect, so only the errors that mean the same in
// both are reported: a repetition with nothing to repeat (+a, a**), an
// unbalanced parenthesis, and a character range out of order ([z-a]).
// Anything else (look-around, back-references...) is accepted here.
func regexError(pattern string) string {
	// Go's \Q...\E quoting and [:alpha:] classes have no JavaScript
	// equivalent, and JavaScript's [] and [^] classes mean something else
	// to Go: leave such patterns alone.
	for _, x := range []string{`\Q`, "[:", "[]", "[^]"} {
		if strings.Contains(pattern, x) {
			return ""
		}
	}
	_, err := syntax.Parse(pattern, syntax.Perl)
	se, ok := err.(*syntax.Error)
	if !ok {
		return ""
	}
	switch se.Code {
	case syntax.ErrMissingRepeatArgument, syntax.ErrInvalidRepeatOp:
		return "nothing to repeat: " + se.Expr
	case syntax.ErrMissingParen:
		return "unterminated group"
	case syntax.ErrUnexpectedParen:
		return "unmatched )"
	case syntax.ErrInvalidCharRange:
		if !strings.Contains(se.Expr, `\`) {
			return "range out of order in character class: " + se.Expr
		}
	}
	return ""
}
