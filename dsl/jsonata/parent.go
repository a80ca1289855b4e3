package jsonata

import "strconv"

// This file resolves the parent operator %. A % denotes the value from which
// the context value was selected: in Account.Order.Product.%, the Order that
// contains each Product. For each %, the parser finds the path step whose
// input value it denotes and gives that step (Step.Ancestor) and the Parent
// node (Parent.Label) the same label, so that an evaluator can bind the
// step's input under the label while it evaluates the rest of the path.
//
// Resolution happens while the tree is assembled, with the rules of the
// reference implementation, whose observable behaviour (which expressions
// are accepted, which steps % binds to) this reproduces:
//
//   - A % that is not yet resolved is "pending" on the construct that
//     contains it, with the number of levels it still has to climb. Most
//     constructs (operators, blocks, array and object constructors,
//     function arguments, assignments, conditions) pass their operands'
//     pending references on. Lambda bodies, transforms, groupings, the
//     operands of ~> and the called expression of a function call do not:
//     a % there that is not resolved inside them is left unlabelled.
//   - When a step is added to a path with ".", or a sort with "^", the
//     references pending on the new last step climb back through the
//     previous steps: a name or * step consumes one level and, at the last
//     one, becomes the ancestor; a % step adds a level; a block or a path
//     is entered through its last expression or step; a run of consecutive
//     focus-bound steps (a@$x.b@$y) counts as one step; any other step (a
//     variable, a call, a literal...) cannot be climbed: error S0217. What
//     is left after the first step is pending on the path.
//   - In a predicate, a reference that climbs one level refers to the input
//     of the filtered step or expression itself, which is climbed at once;
//     a deeper one skips it. A bare % predicate (a[%]) is not resolved.
//   - An expression that starts a path (the left operand of the first ".")
//     passes on nothing, unless it is a % itself.
//   - A reference still pending at the top of the expression is an error
//     (S0217).

// pending is a % still looking for its step: level is the number of levels
// it still has to climb from the current context.
type pending struct {
	p     *Parent
	level int
}

// slotsOf returns the references pending on n, including n's own if n is a
// % (possibly with predicates).
func (p *parser) slotsOf(n Node) []*pending {
	s := p.seek[n]
	e := n
	if pf, ok := n.(*Postfix); ok {
		e = pf.Expr
	}
	if par, ok := e.(*Parent); ok {
		s = append(s[:len(s):len(s)], p.own[par])
	}
	return s
}

// collect makes the references pending on srcs pending on dst. The
// sources are children of dst, whose own lists are not used again, so dst
// may take over the first list instead of copying it (which keeps long
// operator chains linear).
func (p *parser) collect(dst any, srcs ...Node) {
	for _, n := range srcs {
		if n == nil {
			continue
		}
		s := p.slotsOf(n)
		if len(s) == 0 {
			continue
		}
		if cur, ok := p.seek[dst]; ok {
			p.seek[dst] = append(cur, s...)
		} else {
			p.seek[dst] = s
		}
	}
}

// parentError is the S0217 error for the % of pd.
func (p *parser) parentError(pd *pending) *SyntaxError {
	return p.lx.errAt(pd.p.Offset, codeParent, "%", "the parent operator % cannot be derived from this expression")
}

// bind records that the % of pd denotes the input value of step s.
func (p *parser) bind(s *Step, pd *pending) {
	if s.Ancestor == "" {
		s.Ancestor = p.newLabel()
	}
	pd.p.Label = s.Ancestor
}

func (p *parser) newLabel() string {
	p.labels++
	return "%" + strconv.Itoa(p.labels)
}

// resolveLast climbs the references pending on the last step of path back
// through the previous steps; what climbs past the first step becomes
// pending on the path.
func (p *parser) resolveLast(path *Path) {
	last := path.Steps[len(path.Steps)-1]
	slots := p.seek[last]
	if par, ok := last.Expr.(*Parent); ok {
		slots = append(slots[:len(slots):len(slots)], p.own[par])
	}
	for _, pd := range slots {
		i := len(path.Steps) - 2
		for pd.level > 0 {
			if i < 0 {
				p.seek[path] = append(p.seek[path], pd)
				break
			}
			s := path.Steps[i]
			i--
			for i >= 0 && s.Focus != nil && path.Steps[i].Focus != nil {
				s = path.Steps[i]
				i--
			}
			p.climbStep(s, pd)
		}
	}
}

// resolvePredicate handles the references pending in predicate pr applied
// to target, a *Step or a non-path expression (through its Postfix).
func (p *parser) resolvePredicate(target any, pr Node) {
	slots := p.seek[pr]
	if len(slots) == 0 {
		return
	}
	for _, pd := range slots {
		if pd.level != 1 {
			pd.level--
			continue
		}
		switch t := target.(type) {
		case *Step:
			p.climbStep(t, pd)
		case *Postfix:
			p.climbNode(t.Expr, pd)
		}
	}
	p.seek[target] = append(p.seek[target], slots...)
}

// climbStep climbs pd through step s.
func (p *parser) climbStep(s *Step, pd *pending) {
	switch s.Expr.(type) {
	case *Name, *Wildcard:
		pd.level--
		if pd.level == 0 {
			p.bind(s, pd)
		}
	default:
		p.climbNode(s.Expr, pd)
	}
}

// climbNode climbs pd through the expression n that produced the context.
func (p *parser) climbNode(n Node, pd *pending) {
	switch n := n.(type) {
	case *Postfix:
		p.climbNode(n.Expr, pd)
	case *Wildcard:
		// Not (yet) a path step: the label is kept on the node and given
		// to the step if the node becomes one (*[%.a].b); otherwise
		// nothing binds it.
		pd.level--
		if pd.level == 0 {
			if p.nodeAnc[n] == "" {
				p.nodeAnc[n] = p.newLabel()
			}
			pd.p.Label = p.nodeAnc[n]
		}
	case *Parent:
		pd.level++
	case *Block:
		if len(n.Exprs) > 0 {
			n.Tuple = true
			p.climbNode(n.Exprs[len(n.Exprs)-1], pd)
		}
	case *Path:
		n.Tuple = true
		i := len(n.Steps) - 1
		p.climbStep(n.Steps[i], pd)
		for i--; pd.level > 0 && i >= 0; i-- {
			p.climbStep(n.Steps[i], pd)
		}
	default:
		p.deferred = append(p.deferred, p.parentError(pd))
		pd.level = 0
	}
}
