package jsonata

import "fmt"

// maxDepth bounds the nesting of expressions so that hostile input cannot
// exhaust the stack.
const maxDepth = 1000

// infixBP holds the binding power of each infix (and postfix) operator, as
// in the JSONata reference implementation. Tokens not listed here end an
// expression when met where an operator could follow.
var infixBP = map[string]int{
	".": 75, "[": 80, "{": 70, "(": 80, "@": 80, "#": 80,
	"?": 20, "?:": 40, "??": 40,
	"+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "&": 50,
	"=": 40, "!=": 40, "<": 40, "<=": 40, ">": 40, ">=": 40, "in": 40,
	"^": 40, "~>": 40, ":=": 10, "and": 30, "or": 25,
}

// Parse parses a JSONata expression, without the {% %} delimiters of an
// Amazon States Language template, as JSONata 2.2 (the version of the
// reference test suite). Errors are of type *SyntaxError; Parse never
// panics.
//
// Parse reports everything the JSONata reference implementation reports
// when it compiles an expression: lexical and syntax errors, misplaced
// bindings, steps that cannot be part of a path, and % operators that
// cannot be resolved.
func Parse(expr string) (*Expr, error) {
	return parse(expr, 0, len(expr), Options{})
}

// Options adjust the language accepted by ParseWith.
type Options struct {
	// JSONata20 accepts only JSONata 2.0, the version AWS Step Functions
	// evaluates: the ?: (default) and ?? (coalescing) operators of JSONata
	// 2.1 are rejected.
	JSONata20 bool
}

// ParseWith parses a JSONata expression like Parse, with options.
func ParseWith(expr string, opts Options) (*Expr, error) {
	return parse(expr, 0, len(expr), opts)
}

// bailout carries a SyntaxError up the parser's call stack.
type bailout struct{ err *SyntaxError }

// parse parses src[start:end]; offsets are relative to src.
func parse(src string, start, end int, opts Options) (e *Expr, err error) {
	p := &parser{
		lx:     lexer{src: src, pos: start, end: end, jsonata20: opts.JSONata20},
		seek:   map[any][]*pending{},
		own:    map[*Parent]*pending{},
		lastOp: map[Node]string{},

		nodeAnc:  map[Node]string{},
		pathKeep: map[*Path]bool{},
		checked:  map[*Path]int{},
	}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			e, err = nil, b.err
		}
	}()
	p.advance(true)
	root := p.expression(0)
	if p.tok.kind != tEOF {
		d := p.tok.describe(src)
		p.fail(p.tok.pos, codeSyntax, d, fmt.Sprintf("syntax error: unexpected %q", d))
	}
	if len(p.deferred) > 0 {
		return nil, p.deferred[0]
	}
	if slots := p.slotsOf(root); len(slots) > 0 {
		return nil, p.parentError(slots[0])
	}
	return &Expr{Source: src, Root: root}, nil
}

// parser is a Pratt (top-down operator precedence) parser.
type parser struct {
	lx    lexer
	tok   token // the current token
	depth int
	// deferred holds the errors found while assembling the tree, in the
	// order in which the reference implementation finds them (in a pass
	// after parsing). The first is reported when the whole expression is
	// syntactically valid.
	deferred []*SyntaxError
	// seek holds the % references pending on nodes and steps; own holds
	// the reference of each % node. See parent.go.
	seek   map[any][]*pending
	own    map[*Parent]*pending
	labels int
	// lastOp records, for the result of ".", "@", "#", "^" and a grouping,
	// which of these operators produced it; [] depends on it.
	lastOp map[Node]string
	// nodeAnc holds the ancestor labels of expressions that are not yet
	// path steps; pathKeep marks the paths to which [] was applied (see
	// keepsArray).
	nodeAnc  map[Node]string
	pathKeep map[*Path]bool
	// checked counts the leading steps of a path that "." has checked.
	checked map[*Path]int
}

// endNode stands for a missing operand at the end of the input. The
// reference implementation reports it (S0207) only if no other syntax
// error comes first, so parsing goes on.
type endNode struct{ Offset int }

func (n *endNode) Pos() int { return n.Offset }
func (*endNode) node()      {}

func (p *parser) fail(off int, code, tok, msg string) {
	panic(bailout{p.lx.errAt(off, code, tok, msg)})
}

func (p *parser) deferErr(off int, code, tok, msg string) {
	p.deferred = append(p.deferred, p.lx.errAt(off, code, tok, msg))
}

// advance reads the next token. regexOK tells whether a "/" there starts a
// regular expression: as in the reference implementation, it does after
// operators and separators, but not after the first token of an operand
// (including "(", "[", "{" and unary "-") nor after most closing brackets.
func (p *parser) advance(regexOK bool) {
	t, err := p.lx.next(regexOK)
	if err != nil {
		panic(bailout{err})
	}
	if t.kind == tOp && (t.text == "!" || t.text == "~") {
		p.fail(t.pos, codeUnknownOperator, t.text, "unknown operator: "+t.text)
	}
	p.tok = t
}

// is reports whether the current token is the operator op.
func (p *parser) is(op string) bool {
	return p.tok.kind == tOp && p.tok.text == op
}

// expect consumes the operator op; regexOK tells how to read the token
// after it (see advance). It returns the offset of op.
func (p *parser) expect(op string, regexOK bool) int {
	if !p.is(op) {
		if p.tok.kind == tEOF {
			p.fail(p.tok.pos, codeExpectedBeforeEnd, op, fmt.Sprintf("expected %q before end of expression", op))
		}
		d := p.tok.describe(p.lx.src)
		p.fail(p.tok.pos, codeExpected, d, fmt.Sprintf("expected %q, got %q", op, d))
	}
	pos := p.tok.pos
	p.advance(regexOK)
	return pos
}

// lbp returns the binding power of the current token as an infix operator.
func (p *parser) lbp() int {
	if p.tok.kind != tOp {
		return 0
	}
	return infixBP[p.tok.text]
}

// expression parses an expression whose operators bind more tightly than
// rbp.
func (p *parser) expression(rbp int) Node {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.tok.pos, "", "", "expression nested too deeply")
	}
	mark := len(p.deferred)
	left := p.nud()
	for rbp < p.lbp() {
		t := p.tok
		p.advance(true)
		left = p.led(t, left, mark)
		switch t.text {
		case ".", "@", "#", "^", "{":
			p.lastOp[left] = t.text
		}
	}
	p.depth--
	return left
}

// namePath returns the one-step path selecting field name.
func namePath(pos int, name string, quoted bool) *Path {
	return &Path{Steps: []*Step{{Expr: &Name{Offset: pos, Value: name, Quoted: quoted}}}}
}

// nud parses the operand starting at the current token.
func (p *parser) nud() Node {
	t := p.tok
	switch t.kind {
	case tEOF:
		p.deferErr(t.pos, codeUnexpectedEnd, "", "unexpected end of expression")
		return &endNode{Offset: t.pos}
	case tNumber:
		p.advance(false)
		return &Number{Offset: t.pos, Value: t.num, Text: t.text}
	case tString:
		p.advance(false)
		return &String{Offset: t.pos, Value: t.text}
	case tValue:
		p.advance(false)
		switch t.text {
		case "true":
			return &Bool{Offset: t.pos, Value: true}
		case "false":
			return &Bool{Offset: t.pos, Value: false}
		}
		return &Null{Offset: t.pos}
	case tRegex:
		p.advance(false)
		return &Regex{Offset: t.pos, Pattern: t.text, Flags: t.flags}
	case tName:
		p.advance(false)
		return namePath(t.pos, t.text, t.quoted)
	case tVariable:
		p.advance(false)
		return &Variable{Offset: t.pos, Name: t.text}
	}
	switch t.text {
	case "and", "or", "in":
		// The word operators are field names where an operand is expected.
		p.advance(false)
		return namePath(t.pos, t.text, false)
	case "-":
		p.advance(false)
		e := p.expression(70)
		// A negated number literal is a negative literal, as in the
		// reference implementation (so a.-1 is a literal step, S0213).
		if num, ok := e.(*Number); ok {
			return &Number{Offset: t.pos, Value: -num.Value, Text: "-" + num.Text}
		}
		if pf, ok := e.(*Postfix); ok {
			if num, ok := pf.Expr.(*Number); ok {
				pf.Expr = &Number{Offset: t.pos, Value: -num.Value, Text: "-" + num.Text}
				return pf
			}
		}
		n := &Negate{Offset: t.pos, Expr: e}
		p.collect(n, n.Expr)
		return n
	case "*":
		p.advance(false)
		return &Wildcard{Offset: t.pos}
	case "**":
		p.advance(false)
		return &Descendants{Offset: t.pos}
	case "%":
		p.advance(false)
		n := &Parent{Offset: t.pos}
		p.own[n] = &pending{p: n, level: 1}
		return n
	case "(":
		p.advance(false)
		return p.block(t.pos)
	case "[":
		p.advance(false)
		return p.array(t.pos)
	case "{":
		p.advance(false)
		n := &Object{Offset: t.pos, Pairs: p.pairs()}
		for _, pr := range n.Pairs {
			p.collect(n, pr.Key, pr.Value)
		}
		return n
	case "|":
		p.advance(false)
		return p.transform(t.pos)
	}
	// The reference implementation reads the next token before it finds
	// that this one cannot start an operand, so errors in that token come
	// first.
	p.advance(false)
	msg := fmt.Sprintf("the symbol %q cannot be used as a unary operator", t.text)
	if p.lx.jsonata20 && (t.text == ":" || t.text == "?") && t.pos > 0 && p.lx.src[t.pos-1] == '?' {
		msg += "; the ?: and ?? operators need JSONata 2.1, and AWS Step Functions evaluates JSONata 2.0"
	}
	p.fail(t.pos, codeNotPrefix, t.text, msg)
	return nil
}

// led parses the rest of an infix or postfix operator t whose left operand
// is left; t has been consumed.
//
// mark is the number of deferred errors before left was parsed.
func (p *parser) led(t token, left Node, mark int) Node {
	switch t.text {
	case ".":
		return p.dot(left, p.expression(75))
	case "[":
		if p.is("]") {
			p.advance(true) // sic: a "/" after "[]" starts a regular expression
			return p.keepArray(left)
		}
		return p.predicate(left, t.pos)
	case "{":
		return p.group(left, t.pos)
	case "(":
		return p.call(left, t.pos, mark)
	case "@", "#":
		rhs := p.expression(80)
		v, ok := rhs.(*Variable)
		if !ok {
			p.fail(t.pos, codeBindingNotVariable, t.text, fmt.Sprintf("the right side of %q must be a variable name (start with $)", t.text))
		}
		if t.text == "@" {
			return p.focus(left, v)
		}
		return p.index(left, &IndexBind{Offset: t.pos, Var: v})
	case "^":
		return p.sort(left, t.pos)
	case "?":
		c := &Condition{Cond: left, Then: p.expression(0)}
		if p.is(":") {
			p.advance(true)
			c.Else = p.expression(0)
		}
		p.collect(c, c.Cond, c.Then, c.Else)
		return c
	case ":=":
		v, ok := bareVariable(left)
		if !ok {
			p.fail(t.pos, codeBindNotVariable, ":=", "the left side of := must be a variable name (start with $)")
		}
		b := &Bind{OpOffset: t.pos, Var: v, Value: p.expression(infixBP[":="] - 1)}
		p.collect(b, b.Value)
		return b
	case "~>":
		// The operands' % references are not passed on, as in the
		// reference implementation.
		a := &Apply{OpOffset: t.pos, Lhs: left, Rhs: p.expression(infixBP["~>"])}
		a.KeepArray = p.keepsArray(a.Lhs) || p.keepsArray(a.Rhs)
		return a
	}
	rbp := infixBP[t.text]
	if t.text == "?:" || t.text == "??" {
		rbp = 0
	}
	b := &Binary{Op: BinaryOp(t.text), OpOffset: t.pos, Lhs: left, Rhs: p.expression(rbp)}
	p.collect(b, b.Lhs, b.Rhs)
	return b
}

// block parses the rest of ( expr; expr; ... ) after "(".
func (p *parser) block(pos int) Node {
	b := &Block{Offset: pos}
	for !p.is(")") {
		e := p.expression(0)
		b.Exprs = append(b.Exprs, e)
		p.collect(b, e)
		if !p.is(";") {
			break
		}
		p.advance(true)
	}
	p.expect(")", false)
	return b
}

// array parses the rest of an array constructor after "[".
func (p *parser) array(pos int) Node {
	a := &Array{Offset: pos}
	if !p.is("]") {
		for {
			item := p.expression(0)
			if p.is("..") {
				p.advance(true)
				r := &Range{Lo: item, Hi: p.expression(0)}
				p.collect(r, r.Lo, r.Hi)
				item = r
			}
			a.Items = append(a.Items, item)
			p.collect(a, item)
			if !p.is(",") {
				break
			}
			p.advance(true)
		}
	}
	p.expect("]", false)
	return a
}

// pairs parses the rest of key: value, ... } after "{".
func (p *parser) pairs() []Pair {
	var ps []Pair
	if !p.is("}") {
		for {
			k := p.expression(0)
			p.expect(":", true)
			v := p.expression(0)
			ps = append(ps, Pair{Key: k, Value: v})
			if !p.is(",") {
				break
			}
			p.advance(true)
		}
	}
	p.expect("}", false)
	return ps
}

// transform parses the rest of | pattern | update [, delete] | after "|".
func (p *parser) transform(pos int) Node {
	t := &Transform{Offset: pos, Pattern: p.expression(0)}
	p.expect("|", true)
	t.Update = p.expression(0)
	if p.is(",") {
		p.advance(true)
		t.Delete = p.expression(0)
	}
	p.expect("|", true) // sic, as in the reference implementation
	return t
}

// call parses the rest of a function call (or definition) after "(".
func (p *parser) call(left Node, pos int, mark int) Node {
	procErrs := len(p.deferred)
	var args []Node
	if !p.is(")") {
		for {
			if p.is("?") {
				args = append(args, &Placeholder{Offset: p.tok.pos})
				p.advance(true) // sic, as in the reference implementation
			} else {
				args = append(args, p.expression(0))
			}
			if !p.is(",") {
				break
			}
			p.advance(true)
		}
	}
	p.expect(")", false)
	// The reference implementation checks the arguments before the
	// called expression.
	if procErrs > mark && len(p.deferred) > procErrs {
		reordered := append(append(append([]*SyntaxError(nil), p.deferred[:mark]...), p.deferred[procErrs:]...), p.deferred[mark:procErrs]...)
		p.deferred = reordered
	}
	if isFunctionKeyword(left) {
		return p.lambda(left.Pos(), args)
	}
	c := &Call{Func: left, Offset: pos, Args: args}
	p.collect(c, args...)
	return c
}

// isFunctionKeyword reports whether n is the bare name function or λ, which
// start a function definition when followed by "(".
func isFunctionKeyword(n Node) bool {
	path, ok := n.(*Path)
	if !ok || len(path.Steps) != 1 || path.Group != nil {
		return false
	}
	s := path.Steps[0]
	name, ok := s.Expr.(*Name)
	// function[] is still the keyword for the reference implementation.
	return ok && !name.Quoted && (name.Value == "function" || name.Value == "λ") &&
		s.Focus == nil && len(s.Stages) == 0 && s.Group == nil
}

// bareVariable returns n as a variable, looking through a [] that the
// reference implementation ignores in this position ($v[] := 1).
func bareVariable(n Node) (*Variable, bool) {
	if pf, ok := n.(*Postfix); ok && len(pf.Stages) == 0 && pf.Group == nil && pf.Focus == nil {
		n = pf.Expr
	}
	v, ok := n.(*Variable)
	return v, ok
}

// lambda parses the rest of a function definition after its parameter list.
func (p *parser) lambda(pos int, args []Node) Node {
	l := &Lambda{Offset: pos}
	for _, a := range args {
		v, ok := bareVariable(a)
		if !ok {
			p.fail(a.Pos(), codeParamNotVariable, "", "parameters of a function definition must be variable names (start with $)")
		}
		l.Params = append(l.Params, v)
	}
	if p.is("<") {
		l.Signature = p.signature()
	}
	p.expect("{", true)
	l.Body = p.expression(0)
	p.expect("}", true) // sic, as in the reference implementation
	return l
}

// signature parses the type signature <...> starting at the current token.
// Like the reference implementation, it reads tokens up to the matching
// ">" token (or a "{") and then interprets the text of those tokens.
func (p *parser) signature() *Signature {
	start := p.tok.pos
	var text []byte
	var offs []int
	add := func(t token) {
		for i := t.pos; i < t.end; i++ {
			text = append(text, p.lx.src[i])
			offs = append(offs, i)
		}
	}
	add(p.tok)
	depth := 1
	for depth > 0 && !p.is("{") && p.tok.kind != tEOF {
		p.advance(true)
		if p.is(">") {
			depth--
		} else if p.is("<") {
			depth++
		}
		add(p.tok)
	}
	end := p.tok.end
	p.expect(">", true)
	sig, err := p.parseSignature(string(text), offs)
	if err != nil {
		panic(bailout{err})
	}
	sig.Offset, sig.Text = start, p.lx.src[start:end]
	return sig
}

// sort parses the rest of an order-by clause ^( terms ) after "^".
func (p *parser) sort(left Node, pos int) Node {
	p.expect("(", true)
	s := &Sort{Offset: pos}
	for {
		var t SortTerm
		if p.is("<") {
			p.advance(true)
		} else if p.is(">") {
			t.Descending = true
			p.advance(true)
		}
		t.Expr = p.expression(0)
		s.Terms = append(s.Terms, t)
		if !p.is(",") {
			break
		}
		p.advance(true)
	}
	p.expect(")", true) // sic, as in the reference implementation
	path := p.toPath(left)
	step := &Step{Expr: s}
	for _, t := range s.Terms {
		p.collect(step, t.Expr)
	}
	path.Steps = append(path.Steps, step)
	p.resolveLast(path)
	return path
}

// toStep makes n a path step, moving the operators of a Postfix onto the
// step.
func (p *parser) toStep(n Node) *Step {
	s := &Step{Expr: n}
	if pf, ok := n.(*Postfix); ok {
		s = &Step{Expr: pf.Expr, Focus: pf.Focus, Stages: pf.Stages, KeepArray: pf.KeepArray, Group: pf.Group}
	}
	if slots := p.seek[n]; len(slots) > 0 {
		p.seek[s] = slots
	}
	s.Ancestor = p.nodeAnc[s.Expr]
	if a, ok := n.(*Apply); ok && a.KeepArray {
		s.KeepArray = true
	}
	return s
}

// toPath returns n as a path: n itself, or a one-step path.
func (p *parser) toPath(n Node) *Path {
	if path, ok := n.(*Path); ok {
		return path
	}
	return &Path{Steps: []*Step{p.toStep(n)}}
}

// asPostfix returns n as a Postfix, wrapping it if needed. n is not a Path.
func (p *parser) asPostfix(n Node) *Postfix {
	if pf, ok := n.(*Postfix); ok {
		return pf
	}
	pf := &Postfix{Expr: n}
	if slots := p.seek[n]; len(slots) > 0 {
		p.seek[pf] = slots
	}
	return pf
}

// dot joins left and right into a path (the "." operator).
func (p *parser) dot(left, right Node) Node {
	path, ok := left.(*Path)
	if !ok {
		path = p.toPath(left)
		// The references pending in the first step are dropped, except
		// when the step is a % itself.
		if par, ok := path.Steps[0].Expr.(*Parent); ok {
			p.seek[path] = []*pending{p.own[par]}
		}
	}
	if rp, ok := right.(*Path); ok {
		path.Steps = append(path.Steps, rp.Steps...)
		if rp.KeepSingletonArray {
			path.KeepSingletonArray = true
		}
	} else {
		path.Steps = append(path.Steps, p.toStep(right))
	}
	// String literals are field names in a path; other literals cannot be
	// steps. (Steps already checked by an earlier "." are skipped.)
	for _, s := range path.Steps[p.checked[path]:] {
		if s.KeepArray {
			path.KeepSingletonArray = true
		}
		switch e := s.Expr.(type) {
		case *String:
			s.Expr = &Name{Offset: e.Offset, Value: e.Value, Quoted: true}
		case *Number:
			p.deferErr(e.Offset, codeLiteralStep, e.Text, fmt.Sprintf("the literal value %s cannot be used as a step within a path expression", e.Text))
		case *Bool:
			v := fmt.Sprint(e.Value)
			p.deferErr(e.Offset, codeLiteralStep, v, fmt.Sprintf("the literal value %s cannot be used as a step within a path expression", v))
		case *Null:
			p.deferErr(e.Offset, codeLiteralStep, "null", "the literal value null cannot be used as a step within a path expression")
		}
	}
	p.checked[path] = len(path.Steps)
	p.resolveLast(path)
	return path
}

// predicate parses the rest of a predicate [expr] after "[" and applies it
// to left.
func (p *parser) predicate(left Node, pos int) Node {
	const msg = "a predicate cannot follow a grouping expression in a step"
	var target any
	var stages *[]Stage
	if path, ok := left.(*Path); ok {
		s := path.Steps[len(path.Steps)-1]
		if s.Group != nil {
			p.deferErr(pos, codePredicateAfterGroup, "[", msg)
		}
		target, stages = s, &s.Stages
	} else {
		pf := p.asPostfix(left)
		if pf.Group != nil {
			p.deferErr(pos, codePredicateAfterGroup, "[", msg)
		}
		target, stages, left = pf, &pf.Stages, pf
	}
	e := p.expression(0)
	p.expect("]", false)
	p.resolvePredicate(target, e)
	*stages = append(*stages, &Predicate{Offset: pos, Expr: e})
	return left
}

// keepArray applies [] to left. As in the reference implementation, []
// after the grouping of a path has no effect, and [] after a focus binding
// marks the step but not the path; after an index binding or an order-by
// clause (and the predicates that follow them) it keeps the whole path's
// result an array.
func (p *parser) keepArray(left Node) Node {
	op := p.lastOp[left]
	if path, ok := left.(*Path); ok {
		p.pathKeep[path] = true // seen by ~>
		switch op {
		case "{":
		case "@":
			path.Steps[len(path.Steps)-1].KeepArray = true
		default:
			path.Steps[len(path.Steps)-1].KeepArray = true
			path.KeepSingletonArray = true
		}
		return path
	}
	pf := p.asPostfix(left)
	pf.KeepArray = true
	return pf
}

// keepsArray reports whether n ends in [] for the ~> operator: a Postfix or
// Apply with KeepArray, or a path to which [] was applied before any "."
// that started it (as in the reference implementation).
func (p *parser) keepsArray(n Node) bool {
	switch n := n.(type) {
	case *Path:
		return p.pathKeep[n]
	case *Postfix:
		return n.KeepArray
	case *Apply:
		return n.KeepArray
	}
	return false
}

// group parses the rest of a grouping {key: value, ...} after "{" and
// applies it to left. The % references in the pairs are not passed on, as
// in the reference implementation.
func (p *parser) group(left Node, pos int) Node {
	const msg = "each step can only have one grouping expression"
	if path, ok := left.(*Path); ok {
		if path.Group != nil {
			p.deferErr(pos, codeTwoGroups, "{", msg)
		}
		g := &Group{Offset: pos, Pairs: p.pairs()}
		if path.Group == nil {
			path.Group = g
		}
		return path
	}
	pf := p.asPostfix(left)
	if pf.Group != nil {
		p.deferErr(pos, codeTwoGroups, "{", msg)
	}
	g := &Group{Offset: pos, Pairs: p.pairs()}
	if pf.Group == nil {
		pf.Group = g
	}
	return pf
}

// hasPredicate reports whether stages holds a predicate.
func hasPredicate(stages []Stage) bool {
	for _, s := range stages {
		if _, ok := s.(*Predicate); ok {
			return true
		}
	}
	return false
}

// focus applies the focus binding @v to left.
func (p *parser) focus(left Node, v *Variable) Node {
	const (
		afterPredicate = "a context variable binding must precede any predicates on a step"
		afterSort      = "a context variable binding must precede the order-by clause on a step"
	)
	if path, ok := left.(*Path); ok {
		s := path.Steps[len(path.Steps)-1]
		if hasPredicate(s.Stages) {
			p.deferErr(v.Offset, codeFocusAfterPredicate, "@", afterPredicate)
		}
		if _, ok := s.Expr.(*Sort); ok {
			p.deferErr(v.Offset, codeFocusAfterSort, "@", afterSort)
		}
		s.Focus = v
		return path
	}
	pf := p.asPostfix(left)
	if len(pf.Stages) > 0 {
		p.deferErr(v.Offset, codeFocusAfterPredicate, "@", afterPredicate)
	}
	pf.Focus = v
	return pf
}

// index applies the index binding ib to left, which becomes a path.
// Like the reference implementation, an index binding on a step that has
// no predicate yet is the step's own, and a second one replaces it (a#$i#$j
// binds only $j); after a predicate, index bindings accumulate.
func (p *parser) index(left Node, ib *IndexBind) Node {
	path := p.toPath(left)
	s := path.Steps[len(path.Steps)-1]
	if !hasPredicate(s.Stages) && len(s.Stages) > 0 {
		s.Stages[0] = ib
	} else {
		s.Stages = append(s.Stages, ib)
	}
	return path
}
