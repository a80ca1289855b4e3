package jsonata

import "sync"

// Node is a node of the syntax tree. The concrete types are the pointer
// types declared in this file; a type switch over them is exhaustive.
type Node interface {
	// Pos returns the byte offset of the node's first character in the
	// parsed text.
	Pos() int
	node()
}

// Expr is a parsed JSONata expression.
type Expr struct {
	// Source is the text that was parsed: the expression given to Parse, or
	// the whole template given to ParseTemplate. Node offsets index it.
	Source string
	// Root is the top of the syntax tree.
	Root Node
}

// String renders the expression in canonical JSONata syntax; see Format.
func (e *Expr) String() string { return Format(e.Root) }

// Number is a number literal. As in the reference implementation, unary
// minus applied to a literal gives a negative literal: -1 is a Number with
// Text "-1" (and -(1) is a Negate of a Block).
type Number struct {
	Offset int
	Value  float64
	Text   string // as written, e.g. "1e3" or "-2.5"
}

// String is a string literal with its escapes decoded. An escaped UTF-16
// surrogate that is not part of a pair (\ud800) is kept as the three-byte
// generalized UTF-8 (WTF-8) encoding of the surrogate, which is not valid
// UTF-8, so that an evaluator can treat it as JavaScript does.
type String struct {
	Offset int
	Value  string
}

// Bool is the literal true or false.
type Bool struct {
	Offset int
	Value  bool
}

// Null is the literal null.
type Null struct {
	Offset int
}

// Regex is a regular expression literal /Pattern/Flags. Pattern is the text
// between the slashes, unchanged; it uses JavaScript regular expression
// syntax. Flags holds any of "g", "i" and "m".
type Regex struct {
	Offset  int
	Pattern string
	Flags   string
}

// Name is a field reference, a step of a path: a plain name, a `backquoted`
// name (Quoted) or a string literal used as a path step ("a"."b" selects
// the same as a.b; such a step also has Quoted set).
//
// A Name never stands alone in the tree: the parser always places it in a
// Path, as the reference implementation does.
type Name struct {
	Offset int
	Value  string
	Quoted bool
}

// Variable is a variable reference: $name. Name is "" for $ (the context
// value) and "$" for $$ (the root input).
type Variable struct {
	Offset int
	Name   string
}

// Wildcard is *, the values of all fields of the context object.
type Wildcard struct {
	Offset int
}

// Descendants is **, the context value and all its descendants.
type Descendants struct {
	Offset int
}

// Parent is %, the parent of the context value. The parser resolves each %
// to the path step whose input it denotes: that Step's Ancestor equals
// Label. Label is "", or a label that no step carries, where JSONata leaves
// the % unresolved without rejecting the expression (a bare % predicate, a
// % in a grouping, a lambda body, a transform, an operand of ~> or a
// called expression); it then evaluates to nothing.
type Parent struct {
	Offset int
	Label  string
}

// Path is a location path: steps separated by ".", evaluated left to right,
// each step applied to every value produced by the previous one.
//
// A bare field name is a one-step path. Step.Expr is never a Path.
type Path struct {
	Steps []*Step
	// KeepSingletonArray is set when a step ends in [] (a.b[]): the result
	// is always an array, even with a single value. As in the reference
	// implementation, it is set by a [] on a field name and by joining
	// steps with ".", not by a [] on the last step of a path such as
	// $x@$y[] or a#$i[] (the latter has no effect at all).
	KeepSingletonArray bool
	// Group is a grouping object constructor applied to the whole path
	// result, as in Account.Order{OrderID: Product}. As in the reference
	// implementation, it stays on the path when more steps are joined:
	// a{k: v}.b groups the values of b.
	Group *Group
	// Tuple is set when a % inside a following construct is resolved
	// through this path, so the path must carry the ancestors' bindings.
	Tuple bool
}

// Step is one step of a Path with the operators that apply to it.
type Step struct {
	// Expr computes the step's values from each input value: a *Name,
	// *Wildcard, *Descendants, *Parent, *Variable, *Block, *Call,
	// *Array, *Object, *Sort, or any other expression.
	//
	// A *Sort step (order-by, a^(b)) sorts the whole sequence produced by
	// the previous steps instead of mapping over it.
	Expr Node
	// Focus is the variable of a focus binding, a@$v: each value of the
	// step is bound to $v while the context stays that of the step's
	// input. Nil when absent.
	Focus *Variable
	// Stages are the predicates [..] and index bindings #$i of the step, in
	// the order they apply.
	Stages []Stage
	// KeepArray is set when the step is followed by [] (or is an *Apply
	// whose KeepArray is set).
	KeepArray bool
	// Group is set only on a first step whose expression is not a path,
	// e.g. $x{...}.y; the grouping applies to that step's own result.
	Group *Group
	// Ancestor, when not empty, is the label of the Parent nodes that
	// denote this step's input value: an evaluator binds each input value
	// of the step under this label while it evaluates the rest of the path.
	Ancestor string
}

// Pos returns the offset of the step's expression.
func (s *Step) Pos() int { return s.Expr.Pos() }

// Stage is a *Predicate or an *IndexBind applied to the values of a step.
type Stage interface {
	Pos() int
	stage()
}

// Predicate is a filter [Expr]: a number (or array of numbers) selects by
// index, anything else is evaluated as a boolean for each value.
type Predicate struct {
	Offset int // of "["
	Expr   Node
}

// IndexBind is a positional variable binding, #$i: each value of the step
// is bound to its position in the sequence at this stage.
type IndexBind struct {
	Offset int // of "#"
	Var    *Variable
}

// Pos returns the offset of "[".
func (p *Predicate) Pos() int { return p.Offset }

// Pos returns the offset of "#".
func (p *IndexBind) Pos() int { return p.Offset }

func (*Predicate) stage() {}
func (*IndexBind) stage() {}

// Postfix is an expression that is not a path, such as a variable, a block
// or a function call, followed by predicates, [], a grouping or a focus
// binding: $x[0], (a.b)[], [1,2,3]{...}. Unlike in a Path, the predicates
// apply to the whole value of Expr. A focus binding outside a path has no
// effect, as in the reference implementation.
type Postfix struct {
	Expr      Node
	Stages    []Stage // only *Predicate
	KeepArray bool
	Group     *Group
	Focus     *Variable
}

// Group is a grouping expression {key: value, ...} applied to a sequence.
type Group struct {
	Offset int // of "{"
	Pairs  []Pair
}

// Pair is one key: value entry of an object constructor or grouping.
type Pair struct {
	Key   Node
	Value Node
}

// Sort is the order-by clause ^(terms) of a path; it appears only as the
// Expr of a Step.
type Sort struct {
	Offset int // of "^"
	Terms  []SortTerm
}

// SortTerm is one sort key: <expr (ascending, the default) or >expr.
type SortTerm struct {
	Descending bool
	Expr       Node
}

// Negate is unary minus.
type Negate struct {
	Offset int
	Expr   Node
}

// BinaryOp is the operator of a Binary.
type BinaryOp string

// The binary operators.
const (
	OpAdd      BinaryOp = "+"
	OpSub      BinaryOp = "-"
	OpMul      BinaryOp = "*"
	OpDiv      BinaryOp = "/"
	OpMod      BinaryOp = "%"
	OpEq       BinaryOp = "="
	OpNe       BinaryOp = "!="
	OpLt       BinaryOp = "<"
	OpLe       BinaryOp = "<="
	OpGt       BinaryOp = ">"
	OpGe       BinaryOp = ">="
	OpConcat   BinaryOp = "&"
	OpAnd      BinaryOp = "and"
	OpOr       BinaryOp = "or"
	OpIn       BinaryOp = "in"
	OpDefault  BinaryOp = "?:" // Lhs if it is truthy, else Rhs (JSONata 2.1)
	OpCoalesce BinaryOp = "??" // Lhs if it exists, else Rhs (JSONata 2.1)
)

// Binary is a binary operator expression. and, or, ?: and ?? evaluate Rhs
// only when needed.
type Binary struct {
	Op       BinaryOp
	OpOffset int
	Lhs, Rhs Node
}

// Apply is the function application (chain) operator Lhs ~> Rhs: when Rhs is
// a function call, Lhs is inserted as its first argument; otherwise Rhs must
// evaluate to a function, called with Lhs (or composed with it, when Lhs is
// itself a function).
type Apply struct {
	OpOffset int
	Lhs, Rhs Node
	// KeepArray is set when an operand ends in [] (x[] ~> $f()): like the
	// reference implementation, the result is then kept as an array.
	KeepArray bool
}

// Bind is a variable assignment $Var := Value.
type Bind struct {
	OpOffset int
	Var      *Variable
	Value    Node
}

// Condition is Cond ? Then : Else. Else is nil when omitted.
type Condition struct {
	Cond, Then, Else Node
}

// Block is a parenthesised sequence of expressions separated by ";"
// evaluated in a new variable scope; its value is the last one's. An empty
// block () evaluates to nothing.
type Block struct {
	Offset int
	Exprs  []Node
	// Tuple is set when a % is resolved through this block; see Path.Tuple.
	Tuple bool
}

// Array is an array constructor [items]. Items may be *Range.
type Array struct {
	Offset int
	Items  []Node
}

// Range is Lo..Hi, allowed only as an item of an array constructor.
type Range struct {
	Lo, Hi Node
}

// Object is an object constructor {key: value, ...}.
type Object struct {
	Offset int
	Pairs  []Pair
}

// Call is a function call Func(Args...). Args may hold *Placeholder, in
// which case the call is a partial application returning a function.
type Call struct {
	Func Node
	// Offset is the offset of "(".
	Offset int
	Args   []Node
}

// Partial reports whether the call is a partial application: some argument
// is a ? placeholder.
func (c *Call) Partial() bool {
	for _, a := range c.Args {
		if _, ok := a.(*Placeholder); ok {
			return true
		}
	}
	return false
}

// Placeholder is a ? argument of a partial application.
type Placeholder struct {
	Offset int
}

// Lambda is a function definition function($a, $b)<sig>{body}, also
// written with λ.
type Lambda struct {
	Offset    int
	Params    []*Variable
	Signature *Signature // nil when absent
	Body      Node

	// sigOnce builds sig, the evaluator's checker for Signature, once
	// for all evaluations.
	sigOnce sync.Once
	sig     *sigMatcher
}

// Transform is the object transformer |Pattern|Update, Delete|. Delete is
// nil when omitted.
type Transform struct {
	Offset  int
	Pattern Node
	Update  Node
	Delete  Node
}

// Pos returns the offset of the Number.
func (n *Number) Pos() int { return n.Offset }

// Pos returns the offset of the String.
func (n *String) Pos() int { return n.Offset }

// Pos returns the offset of the Bool.
func (n *Bool) Pos() int { return n.Offset }

// Pos returns the offset of the Null.
func (n *Null) Pos() int { return n.Offset }

// Pos returns the offset of the Regex.
func (n *Regex) Pos() int { return n.Offset }

// Pos returns the offset of the Name.
func (n *Name) Pos() int { return n.Offset }

// Pos returns the offset of the Variable.
func (n *Variable) Pos() int { return n.Offset }

// Pos returns the offset of the Wildcard.
func (n *Wildcard) Pos() int { return n.Offset }

// Pos returns the offset of the Descendants.
func (n *Descendants) Pos() int { return n.Offset }

// Pos returns the offset of the Parent.
func (n *Parent) Pos() int { return n.Offset }

// Pos returns the offset of the Path.
func (n *Path) Pos() int { return n.Steps[0].Pos() }

// Pos returns the offset of the Postfix.
func (n *Postfix) Pos() int { return n.Expr.Pos() }

// Pos returns the offset of the Sort.
func (n *Sort) Pos() int { return n.Offset }

// Pos returns the offset of the Negate.
func (n *Negate) Pos() int { return n.Offset }

// Pos returns the offset of the Binary.
func (n *Binary) Pos() int { return n.Lhs.Pos() }

// Pos returns the offset of the Apply.
func (n *Apply) Pos() int { return n.Lhs.Pos() }

// Pos returns the offset of the Bind.
func (n *Bind) Pos() int { return n.Var.Pos() }

// Pos returns the offset of the Condition.
func (n *Condition) Pos() int { return n.Cond.Pos() }

// Pos returns the offset of the Block.
func (n *Block) Pos() int { return n.Offset }

// Pos returns the offset of the Array.
func (n *Array) Pos() int { return n.Offset }

// Pos returns the offset of the Range.
func (n *Range) Pos() int { return n.Lo.Pos() }

// Pos returns the offset of the Object.
func (n *Object) Pos() int { return n.Offset }

// Pos returns the offset of the Call.
func (n *Call) Pos() int { return n.Func.Pos() }

// Pos returns the offset of the Placeholder.
func (n *Placeholder) Pos() int { return n.Offset }

// Pos returns the offset of the Lambda.
func (n *Lambda) Pos() int { return n.Offset }

// Pos returns the offset of the Transform.
func (n *Transform) Pos() int { return n.Offset }

func (*Number) node()      {}
func (*String) node()      {}
func (*Bool) node()        {}
func (*Null) node()        {}
func (*Regex) node()       {}
func (*Name) node()        {}
func (*Variable) node()    {}
func (*Wildcard) node()    {}
func (*Descendants) node() {}
func (*Parent) node()      {}
func (*Path) node()        {}
func (*Postfix) node()     {}
func (*Sort) node()        {}
func (*Negate) node()      {}
func (*Binary) node()      {}
func (*Apply) node()       {}
func (*Bind) node()        {}
func (*Condition) node()   {}
func (*Block) node()       {}
func (*Array) node()       {}
func (*Range) node()       {}
func (*Object) node()      {}
func (*Call) node()        {}
func (*Placeholder) node() {}
func (*Lambda) node()      {}
func (*Transform) node()   {}

// Inspect traverses the tree rooted at n in depth-first order: it calls
// f(n); if that returns true, Inspect visits each child of n in source
// order. Path steps, stages and groupings are visited through their
// expressions (the Step, Stage, Group and Pair wrappers are not nodes).
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	pairs := func(ps []Pair) {
		for _, p := range ps {
			Inspect(p.Key, f)
			Inspect(p.Value, f)
		}
	}
	stages := func(ss []Stage) {
		for _, s := range ss {
			switch s := s.(type) {
			case *Predicate:
				Inspect(s.Expr, f)
			case *IndexBind:
				Inspect(s.Var, f)
			}
		}
	}
	switch n := n.(type) {
	case *Path:
		for _, s := range n.Steps {
			Inspect(s.Expr, f)
			if s.Focus != nil {
				Inspect(s.Focus, f)
			}
			stages(s.Stages)
			if s.Group != nil {
				pairs(s.Group.Pairs)
			}
		}
		if n.Group != nil {
			pairs(n.Group.Pairs)
		}
	case *Postfix:
		Inspect(n.Expr, f)
		if n.Focus != nil {
			Inspect(n.Focus, f)
		}
		stages(n.Stages)
		if n.Group != nil {
			pairs(n.Group.Pairs)
		}
	case *Sort:
		for _, t := range n.Terms {
			Inspect(t.Expr, f)
		}
	case *Negate:
		Inspect(n.Expr, f)
	case *Binary:
		Inspect(n.Lhs, f)
		Inspect(n.Rhs, f)
	case *Apply:
		Inspect(n.Lhs, f)
		Inspect(n.Rhs, f)
	case *Bind:
		Inspect(n.Var, f)
		Inspect(n.Value, f)
	case *Condition:
		Inspect(n.Cond, f)
		Inspect(n.Then, f)
		if n.Else != nil {
			Inspect(n.Else, f)
		}
	case *Block:
		for _, e := range n.Exprs {
			Inspect(e, f)
		}
	case *Array:
		for _, e := range n.Items {
			Inspect(e, f)
		}
	case *Range:
		Inspect(n.Lo, f)
		Inspect(n.Hi, f)
	case *Object:
		pairs(n.Pairs)
	case *Call:
		Inspect(n.Func, f)
		for _, a := range n.Args {
			Inspect(a, f)
		}
	case *Lambda:
		for _, p := range n.Params {
			Inspect(p, f)
		}
		Inspect(n.Body, f)
	case *Transform:
		Inspect(n.Pattern, f)
		Inspect(n.Update, f)
		if n.Delete != nil {
			Inspect(n.Delete, f)
		}
	}
}
