package jsonata

import (
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Format renders n in JSONata syntax: single spaces around binary
// operators, no comments, and parentheses only where the tree requires
// them. Parsing the result gives back an equivalent tree (parentheses
// become a Block), and formatting that tree again gives the same text.
func Format(n Node) string {
	if n == nil {
		return ""
	}
	return fmtNode(n).s
}

const (
	precPrimary = 100
	openClosed  = 1000
)

// item is a formatted subexpression.
type item struct {
	s    string
	prec int // binding power of its loosest operator; precPrimary if none
	// open is the lowest right binding power on the right edge: a following
	// operator with a higher binding power would be taken into the item.
	open int
	// colon is set when the right edge is a condition without else, which
	// would take a following ":".
	colon bool
	// regexNext is set when the item ends with a token after which the
	// reference implementation reads "/" as the start of a regular
	// expression ([], or the closing bracket of a sort, lambda or
	// transform), so it cannot be followed by the division operator.
	regexNext bool
}

func primary(s string) item { return item{s: s, prec: precPrimary, open: openClosed} }

// paren wraps it in parentheses.
func paren(it item) item { return primary("(" + it.s + ")") }

// closed returns it, parenthesised unless a postfix operator ("(", "[",
// "@", "#", "{") written after it applies to all of it.
func closed(it item) item {
	if it.open < infixBP["("] {
		return paren(it)
	}
	return it
}

func fmtNode(n Node) item {
	switch n := n.(type) {
	case *Number:
		if n.Value < 0 || strings.HasPrefix(n.Text, "-") {
			// Reads back as a negated literal: binds like unary minus.
			return item{s: n.Text, prec: 70, open: 70}
		}
		return primary(n.Text)
	case *String:
		return primary(quoteString(n.Value))
	case *Bool:
		return primary(strconv.FormatBool(n.Value))
	case *Null:
		return primary("null")
	case *Regex:
		return primary("/" + n.Pattern + "/" + n.Flags)
	case *Name:
		return primary(fmtName(n))
	case *Variable:
		return primary("$" + n.Name)
	case *Wildcard:
		return primary("*")
	case *Descendants:
		return primary("**")
	case *Parent:
		return primary("%")
	case *Placeholder:
		return primary("?")
	case *Path:
		return fmtPath(n)
	case *Postfix:
		var b strings.Builder
		b.WriteString(closed(fmtNode(n.Expr)).s)
		it := primary("")
		it.regexNext = fmtDecorations(&b, n.KeepArray, n.Focus, false, n.Stages, n.Group)
		it.s = b.String()
		if n.Group != nil {
			it.prec = infixBP["{"]
		}
		return it
	case *Sort:
		// Only valid as a path step; rendered by fmtPath.
		it := primary(fmtSort(n))
		it.regexNext = true
		return it
	case *Negate:
		x := fmtNode(n.Expr)
		if _, ok := n.Expr.(*Negate); !ok && x.prec <= 70 {
			x = paren(x)
		}
		return item{s: "-" + x.s, prec: 70, open: min(70, x.open), colon: x.colon, regexNext: x.regexNext}
	case *Binary:
		return fmtInfix(n.Lhs, string(n.Op), n.Rhs)
	case *Apply:
		return fmtInfix(n.Lhs, "~>", n.Rhs)
	case *Bind:
		return fmtInfix(n.Var, ":=", n.Value)
	case *Condition:
		c := fmtNode(n.Cond)
		if c.open < infixBP["?"] {
			c = paren(c)
		}
		t := fmtNode(n.Then)
		if n.Else == nil {
			return item{s: c.s + " ? " + t.s, prec: 20, open: 0, colon: true, regexNext: t.regexNext}
		}
		if t.colon {
			t = paren(t)
		}
		e := fmtNode(n.Else)
		return item{s: c.s + " ? " + t.s + " : " + e.s, prec: 20, open: 0, colon: e.colon, regexNext: e.regexNext}
	case *Block:
		parts := make([]string, len(n.Exprs))
		for i, e := range n.Exprs {
			parts[i] = fmtNode(e).s
		}
		return primary("(" + strings.Join(parts, "; ") + ")")
	case *Array:
		parts := make([]string, len(n.Items))
		for i, e := range n.Items {
			parts[i] = fmtNode(e).s
		}
		return primary("[" + strings.Join(parts, ", ") + "]")
	case *Range:
		return primary(fmtNode(n.Lo).s + ".." + fmtNode(n.Hi).s)
	case *Object:
		return primary(fmtPairs(n.Pairs))
	case *Call:
		parts := make([]string, len(n.Args))
		for i, e := range n.Args {
			parts[i] = fmtNode(e).s
		}
		return primary(closed(fmtNode(n.Func)).s + "(" + strings.Join(parts, ", ") + ")")
	case *Lambda:
		var b strings.Builder
		b.WriteString("function(")
		for i, p := range n.Params {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + p.Name)
		}
		b.WriteString(")")
		if n.Signature != nil {
			b.WriteString(n.Signature.Text)
		}
		b.WriteString("{" + fmtNode(n.Body).s + "}")
		it := primary(b.String())
		it.regexNext = true
		return it
	case *Transform:
		s := "|" + fmtNode(n.Pattern).s + "|" + fmtNode(n.Update).s
		if n.Delete != nil {
			s += ", " + fmtNode(n.Delete).s
		}
		it := primary(s + "|")
		it.regexNext = true
		return it
	}
	return primary("")
}

// fmtInfix formats a binary operator expression.
func fmtInfix(lhs Node, op string, rhs Node) item {
	lbp := infixBP[op]
	rbp := lbp
	switch op {
	case "?:", "??":
		rbp = 0
	case ":=":
		rbp = lbp - 1
	}
	// A left operand needs parentheses only if the operator would be
	// taken into its right edge; a right operand, if it binds more loosely
	// than the operator.
	l := fmtNode(lhs)
	if l.open < lbp || (op == "/" && l.regexNext) {
		l = paren(l)
	}
	r := fmtNode(rhs)
	if r.prec <= rbp {
		r = paren(r)
	}
	return item{s: l.s + " " + op + " " + r.s, prec: lbp, open: min(rbp, r.open), colon: r.colon, regexNext: r.regexNext}
}

// fmtPath formats a path.
func fmtPath(p *Path) item {
	var b strings.Builder
	it := primary("")
	if len(p.Steps) > 1 {
		it.prec = infixBP["."]
	}
	for i, s := range p.Steps {
		keep := s.KeepArray
		if a, ok := s.Expr.(*Apply); ok && a.KeepArray {
			keep = false // implied by the ~> operand's []
		}
		if sort, ok := s.Expr.(*Sort); ok {
			b.WriteString(fmtSort(sort))
			it.prec = min(it.prec, infixBP["^"])
			it.regexNext = true
		} else {
			if i > 0 {
				b.WriteString(".")
			}
			name, isName := s.Expr.(*Name)
			switch {
			case isName && i == 0 && s.Group != nil:
				// A string literal with its own grouping ("a"{...}.b):
				// written as a name, the grouping would apply to the path.
				b.WriteString(quoteString(name.Value))
			case i == 0 && len(p.Steps) > 1 && isSortStep(p.Steps[1]) && !decorated(s, keep):
				// x ^(...) applies to any operand binding at least as
				// tightly as ^, as in a = b^(c).
				x := fmtNode(s.Expr)
				if x.open < infixBP["^"] {
					x = paren(x)
				}
				b.WriteString(x.s)
			case i == 0:
				b.WriteString(closed(fmtNode(s.Expr)).s)
			default:
				// The right operand of ".", read with binding power 75.
				x := fmtNode(s.Expr)
				if x.prec <= infixBP["."] {
					x = paren(x)
				}
				b.WriteString(x.s)
			}
			it.regexNext = false
		}
		// On a lone step, [] after a focus binding does not mark the path.
		afterFocus := len(p.Steps) == 1 && !p.KeepSingletonArray
		if fmtDecorations(&b, keep, s.Focus, afterFocus, s.Stages, s.Group) {
			it.regexNext = true
		} else if decorated(s, keep) {
			it.regexNext = false
		}
		if s.Group != nil {
			it.prec = min(it.prec, infixBP["{"])
		}
	}
	if p.Group != nil {
		b.WriteString(fmtPairs(p.Group.Pairs))
		it.prec = min(it.prec, infixBP["{"])
		it.regexNext = false
	}
	it.s = b.String()
	if len(p.Steps) > 1 && !endsWithSort(p) && p.Group == nil {
		// A postfix operator after a.b would apply to b only.
		it.open = infixBP["."]
	}
	return it
}

// fmtDecorations writes the postfix operators of a step or Postfix, in an
// order that parses back to the same tree: [] (before the focus binding,
// or after it when afterFocus is set), the focus binding, the stages in
// order, the grouping. It reports whether the text ends with [].
func fmtDecorations(b *strings.Builder, keep bool, focus *Variable, afterFocus bool, stages []Stage, g *Group) bool {
	endsKeep := false
	if keep && !afterFocus {
		b.WriteString("[]")
		endsKeep = true
	}
	if focus != nil {
		b.WriteString("@$" + focus.Name)
		endsKeep = false
	}
	if keep && afterFocus {
		b.WriteString("[]")
		endsKeep = true
	}
	// A step's own grouping follows its predicates and precedes the index
	// bindings made after it ($x{...}#$i); written after them, it would
	// group the whole path.
	groupAt := len(stages)
	if g != nil {
		for groupAt > 0 {
			if _, ok := stages[groupAt-1].(*IndexBind); !ok {
				break
			}
			groupAt--
		}
	}
	for i := 0; i <= len(stages); i++ {
		if i == groupAt && g != nil {
			b.WriteString(fmtPairs(g.Pairs))
			endsKeep = false
		}
		if i == len(stages) {
			break
		}
		switch st := stages[i].(type) {
		case *Predicate:
			b.WriteString("[" + fmtNode(st.Expr).s + "]")
		case *IndexBind:
			b.WriteString("#$" + st.Var.Name)
		}
		endsKeep = false
	}
	return endsKeep
}

// isSortStep reports whether s is an order-by step.
func isSortStep(s *Step) bool {
	_, ok := s.Expr.(*Sort)
	return ok
}

// decorated reports whether s has postfix operators; keep tells whether
// it is written with [].
func decorated(s *Step, keep bool) bool {
	return keep || s.Focus != nil || len(s.Stages) > 0 || s.Group != nil
}

// endsWithSort reports whether a postfix operator written after p applies
// to the whole of p: p ends with an order-by clause and has no grouping.
func endsWithSort(p *Path) bool {
	return len(p.Steps) > 1 && isSortStep(p.Steps[len(p.Steps)-1]) && p.Group == nil
}

// fmtSort formats an order-by clause.
func fmtSort(s *Sort) string {
	parts := make([]string, len(s.Terms))
	for i, t := range s.Terms {
		parts[i] = fmtNode(t.Expr).s
		if t.Descending {
			parts[i] = ">" + parts[i]
		}
	}
	return "^(" + strings.Join(parts, ", ") + ")"
}

// fmtPairs formats {key: value, ...}.
func fmtPairs(ps []Pair) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		k := fmtNode(p.Key)
		if k.colon {
			k = paren(k)
		}
		parts[i] = k.s + ": " + fmtNode(p.Value).s
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// fmtName formats a field name, in backquotes when it is not a plain name.
func fmtName(n *Name) string {
	v := n.Value
	plain := v != "" && !(v[0] >= '0' && v[0] <= '9') && strings.IndexByte("$\"'`", v[0]) < 0
	switch v {
	case "and", "or", "in", "true", "false", "null", "function", "λ":
		plain = false
	}
	for i := 0; plain && i < len(v); i++ {
		if isNameEnd(v[i]) {
			plain = false
		}
	}
	if plain {
		return v
	}
	if strings.Contains(v, "`") {
		// Only reachable for a string literal used as a step, which is a
		// name again when parsed back.
		return quoteString(v)
	}
	return "`" + v + "`"
}

// quoteString renders s as a JSONata string literal: a JSON string in
// which a lone surrogate (kept in s as WTF-8, see String) is an escape.
func quoteString(s string) string {
	return string(jsonvalue.AppendStringWith(nil, s, jsonvalue.EscapeSurrogates))
}
