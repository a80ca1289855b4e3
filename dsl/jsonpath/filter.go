package jsonpath

import (
	"regexp"
	"strings"
	"sync"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Filters follow Jayway's filter evaluator. Each operand becomes a "value
// node" (Jayway's ValueNode): a number (kept as the decimal text Java would
// print, compared as a BigDecimal), a string, a boolean, null, a JSON
// array or object, a regular expression, or "undefined" when a path finds
// nothing. The operators then apply Jayway's rules, which are not
// symmetric in places; each evaluator below says what it does.

type nodeKind uint8

const (
	nUndef nodeKind = iota // a path that found nothing
	nNull
	nBool
	nNum   // s is the number's decimal value; see javaText
	nStr   // s is the string
	nJSON  // j is an []any or *jsonvalue.Object
	nRegex // re is the literal
	nPath  // a string element that Jayway reads as a path: equals nothing
)

type node struct {
	kind nodeKind
	b    bool
	s    string
	j    any
	// lit marks a JSON literal written in the filter: Jayway keeps its
	// source text unparsed, so as the left operand of == it never equals
	// anything.
	lit bool
	re  RegexLit
	// doc is set for a number found in the document: Jayway sees it as
	// Java prints the Integer, Long, BigInteger or Double Jackson parsed
	// it into, which is what javaText returns. s then holds a text with the
	// same numeric value, cheaper to get.
	doc jsonvalue.Number
}

// javaText returns the decimal text Jayway builds a number node from.
func (n node) javaText() string {
	if n.doc != "" {
		return jsonvalue.JavaNumber(n.doc)
	}
	return n.s
}

// valueNode converts a JSON value found by a path.
func valueNode(v any) node {
	switch v := v.(type) {
	case nil:
		return node{kind: nNull}
	case bool:
		return node{kind: nBool, b: v}
	case string:
		return node{kind: nStr, s: v}
	case jsonvalue.Number:
		if exactDouble(v) {
			return node{kind: nNum, s: string(v), doc: v}
		}
		return node{kind: nNum, s: jsonvalue.JavaNumber(v)}
	case *jsonvalue.Object, []any:
		return node{kind: nJSON, j: v}
	}
	return node{kind: nUndef}
}

// exactDouble reports whether a number keeps its exact value when Jackson
// reads it: integers always do; a number with a fraction or exponent does
// when it has at most 15 significant digits and a moderate exponent (a
// double then reads back as the same decimal).
func exactDouble(n jsonvalue.Number) bool {
	if n.IsInteger() {
		return true
	}
	d, ok := parseDecimal(string(n))
	return ok && d.n <= 15 && d.exp > -290 && d.exp < 290
}

// accept reports whether item passes filter f; an evaluation error is left
// in e.err (and accept returns false).
func (e *evaluator) accept(f Filter, item any) bool {
	if e.err != nil || f.Expr == nil {
		return false
	}
	return e.test(f.Expr, item)
}

func (e *evaluator) test(x Expr, item any) bool {
	if e.err != nil {
		return false
	}
	switch x := x.(type) {
	case Binary:
		switch x.Op {
		case OpOr:
			return e.test(x.L, item) || e.test(x.R, item)
		case OpAnd:
			return e.test(x.L, item) && e.test(x.R, item)
		}
		l := e.operand(x.L, item)
		if e.err != nil {
			return false
		}
		r := e.operand(x.R, item)
		if e.err != nil {
			return false
		}
		return e.compare(x.Op, l, r)
	case Not:
		ok := e.test(x.X, item)
		return e.err == nil && !ok
	case Exists:
		return e.exists(x.Path, item)
	}
	return false
}

// exists is Jayway's existence test ([?(@.isbn)]): the path is evaluated
// with REQUIRE_PROPERTIES, so any missing member makes it false. A
// definite path must find a value (null counts); an indefinite one is true
// whenever it does not fail, even with no matches ([?(@.a[*])] holds for
// {"a": 1}). Quirk: Jayway evaluates a $-path here on the element being
// filtered, not on the document.
func (e *evaluator) exists(x Expr, item any) bool {
	var segs []Segment
	switch x := x.(type) {
	case RelPath:
		segs = x.Segments
	case AbsPath:
		if x.Path != nil {
			segs = x.Path.Segments
		}
	default:
		return false
	}
	_, found := e.sub(segs, item, true)
	return found && e.err == nil
}

// operand evaluates one side of a comparison.
func (e *evaluator) operand(x Expr, item any) node {
	switch x := x.(type) {
	case RelPath:
		v, found := e.sub(x.Segments, item, false)
		if !found {
			return node{kind: nUndef}
		}
		return valueNode(v)
	case AbsPath:
		var segs []Segment
		if x.Path != nil {
			segs = x.Path.Segments
		}
		v, found := e.sub(segs, e.root, false)
		if !found {
			return node{kind: nUndef}
		}
		return valueNode(v)
	case NumberLit:
		return node{kind: nNum, s: x.Text}
	case StringLit:
		return node{kind: nStr, s: x.Value}
	case BoolLit:
		return node{kind: nBool, b: x.Value}
	case NullLit:
		return node{kind: nNull}
	case ArrayLit:
		return node{kind: nJSON, j: literalValue(x), lit: true}
	case RegexLit:
		return node{kind: nRegex, re: x}
	}
	return node{kind: nUndef}
}

// literalValue converts an array literal to a JSON value.
func literalValue(x Expr) any {
	switch x := x.(type) {
	case NumberLit:
		return jsonvalue.Number(x.Text)
	case StringLit:
		return x.Value
	case BoolLit:
		return x.Value
	case ArrayLit:
		a := make([]any, len(x.Elems))
		for i, el := range x.Elems {
			a[i] = literalValue(el)
		}
		return a
	}
	return nil
}

func (e *evaluator) compare(op Op, l, r node) bool {
	switch op {
	case OpEq:
		return jaywayEquals(l, r)
	case OpNe:
		// Jayway's != is the negation of ==, so a missing operand makes it
		// true.
		return !jaywayEquals(l, r)
	case OpLt, OpLe, OpGt, OpGe:
		var c int
		switch {
		case l.kind == nNum && r.kind == nNum:
			c = decCompare(l.s, r.s)
		case l.kind == nStr && r.kind == nStr:
			c = compareUTF16(l.s, r.s)
		default:
			return false
		}
		switch op {
		case OpLt:
			return c < 0
		case OpLe:
			return c <= 0
		case OpGt:
			return c > 0
		}
		return c >= 0
	case OpMatch:
		return e.match(l, r)
	case OpIn, OpNin:
		list, ok := e.valueList(r)
		if e.err != nil {
			return false
		}
		in := false
		if ok {
			for _, n := range list {
				if nodeEquals(l, n) {
					in = true
					break
				}
			}
		}
		return in == (op == OpIn)
	case OpSubsetOf, OpAnyOf, OpNoneOf:
		right, ok := e.valueList(r)
		if e.err != nil || !ok {
			return false
		}
		left, ok := e.valueList(l)
		if e.err != nil || !ok {
			return false
		}
		switch op {
		case OpSubsetOf:
			for _, a := range left {
				if !containsNode(right, a) {
					return false
				}
			}
			return true
		case OpAnyOf:
			for _, a := range left {
				if containsNode(right, a) {
					return true
				}
			}
			return false
		}
		for _, a := range left {
			if containsNode(right, a) {
				return false
			}
		}
		return true
	case OpSize:
		if r.kind != nNum {
			return false
		}
		n := decIntValue(r.s)
		switch l.kind {
		case nStr:
			return int64(lenUTF16(l.s)) == n
		case nJSON:
			if a, ok := l.j.([]any); ok {
				return int64(len(a)) == n
			}
			return n == -1 // Jayway's length of a non-array JSON node
		}
		return false
	case OpEmpty:
		switch l.kind {
		case nStr, nJSON:
		default:
			return false
		}
		if r.kind != nBool {
			e.fail("Expected boolean node")
			return false
		}
		empty := true
		switch x := l.j.(type) {
		case []any:
			empty = len(x) == 0
		case *jsonvalue.Object:
			empty = x.Len() == 0
		}
		if l.kind == nStr {
			empty = l.s == ""
		}
		return empty == r.b
	}
	return false
}

func containsNode(list []node, n node) bool {
	for _, m := range list {
		if nodeEquals(n, m) {
			return true
		}
	}
	return false
}

// jaywayEquals is Jayway's == : JSON values compare structurally (as Java's
// equals on the parsed values, unless the left one is a literal), anything
// else with nodeEquals.
func jaywayEquals(l, r node) bool {
	if l.kind == nJSON && r.kind == nJSON {
		if l.lit {
			return false
		}
		return jsonvalue.JavaEqual(l.j, r.j)
	}
	return nodeEquals(l, r)
}

// nodeEquals is Java's l.equals(r) on Jayway value nodes. A string equals a
// number whose BigDecimal text it spells ("42" == 42 but "42.0" != 42),
// while a number equals a string that parses to the same BigDecimal
// (42 == "42.0"). Undefined equals nothing, not even undefined.
func nodeEquals(l, r node) bool {
	switch l.kind {
	case nNull:
		return r.kind == nNull
	case nBool:
		return r.kind == nBool && l.b == r.b
	case nStr:
		switch r.kind {
		case nStr:
			return l.s == r.s
		case nNum:
			return l.s == bigDecimalString(r.javaText())
		}
	case nNum:
		switch r.kind {
		case nNum:
			return decCompare(l.s, r.s) == 0
		case nStr:
			return isBigDecimal(r.s) && decCompare(l.s, r.s) == 0
		}
	case nJSON:
		return r.kind == nJSON && l.lit == r.lit && jsonvalue.JavaEqual(l.j, r.j)
	}
	return false
}

// valueList turns an operand of in, nin, subsetof, anyof or noneof into
// Jayway's list of value nodes. ok is false when the operand is JSON but not
// an array (the operator is then false, or true for nin). Any other operand
// kind is an error in Jayway ("Expected value list node"), as is an array
// holding arrays or objects ("Could not determine value type").
func (e *evaluator) valueList(n node) ([]node, bool) {
	if n.kind != nJSON {
		e.fail("Expected value list node")
		return nil, false
	}
	a, ok := n.j.([]any)
	if !ok {
		return nil, false
	}
	list := make([]node, len(a))
	for i, v := range a {
		switch v := v.(type) {
		case string:
			list[i] = stringElement(v)
		case *jsonvalue.Object, []any:
			e.fail("Could not determine value type")
			return nil, false
		default:
			list[i] = valueNode(v)
		}
	}
	return list, true
}

// stringElement converts a string found in a value list the way Jayway's
// ValueNode.toValueNode does: a string that compiles as a path ($... or
// @...) or parses as a JSON array or object becomes a node that equals
// nothing; otherwise one pair of enclosing quotes is removed and backslash
// escapes are resolved.
func stringElement(s string) node {
	t := javaTrim(s)
	if t != "" && (t[0] == '$' || t[0] == '@') {
		if _, err := Parse("$" + t[1:]); err == nil {
			return node{kind: nPath}
		}
	}
	if len(t) > 1 && (t[0] == '[' && t[len(t)-1] == ']' || t[0] == '{' && t[len(t)-1] == '}') {
		if _, err := jsonvalue.Parse([]byte(t)); err == nil {
			return node{kind: nPath}
		}
	}
	if len(s) > 1 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return node{kind: nStr, s: javaUnescape(s)}
}

// match is =~ : exactly one operand must be a regular expression, which
// must match the whole of the other operand's text. Numbers match their
// decimal text, booleans "true" or "false", anything else (null, objects,
// a missing value) the empty string; an array matches if any element does.
func (e *evaluator) match(l, r node) bool {
	if (l.kind == nRegex) == (r.kind == nRegex) {
		return false
	}
	pat, other := l, r
	if r.kind == nRegex {
		pat, other = r, l
	}
	re, err := compileRegex(pat.re)
	if err != nil {
		e.fail(err.Error())
		return false
	}
	if _, ok := other.j.([]any); ok && other.kind == nJSON {
		list, _ := e.valueList(other)
		if e.err != nil {
			return false
		}
		for _, n := range list {
			if re.MatchString(regexInput(n)) {
				return true
			}
		}
		return false
	}
	return re.MatchString(regexInput(other))
}

func regexInput(n node) string {
	switch n.kind {
	case nStr:
		return n.s
	case nNum:
		return bigDecimalString(n.javaText())
	case nBool:
		if n.b {
			return "true"
		}
		return "false"
	}
	return ""
}

var regexCache sync.Map // RegexLit -> regexResult

type regexResult struct {
	re  *regexp.Regexp
	err error
}

type regexError struct{ msg string }

func (e *regexError) Error() string { return e.msg }

// compileRegex compiles a Java regular expression literal for a whole-input
// match. Go's RE2 syntax covers the common Java syntax; Java-only features
// (look-around, back references, possessive quantifiers) fail to compile
// and make the filter fail. Flags i, m and s map to RE2 flags; d, u, U and x
// are accepted and ignored.
func compileRegex(r RegexLit) (*regexp.Regexp, error) {
	if v, ok := regexCache.Load(r); ok {
		res := v.(regexResult)
		return res.re, res.err
	}
	var flags strings.Builder
	for _, f := range r.Flags {
		switch f {
		case 'i', 'm', 's':
			if !strings.ContainsRune(flags.String(), f) {
				flags.WriteRune(f)
			}
		}
	}
	src := `\A(?:` + r.Pattern + `)\z`
	if flags.Len() > 0 {
		src = "(?" + flags.String() + ")" + src
	}
	re, err := regexp.Compile(src)
	var res regexResult
	if err != nil {
		res.err = &regexError{msg: "invalid regular expression /" + r.Pattern + "/" + r.Flags + ": " + err.Error()}
	} else {
		res.re = re
	}
	regexCache.Store(r, res)
	return res.re, res.err
}
