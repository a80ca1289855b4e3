package jsonata

// FreeVariables returns the names of the variables that the expression
// rooted at n reads without binding them itself: the variables an
// evaluation takes from its bindings or its Vars, such as the workflow
// variables of a Step Functions state. Each name appears once, in the
// order of its first reference, without the $.
//
// A variable is bound within the block whose := assigns it (wherever in
// the block the assignment stands, as a function defined in the block may
// run after it), within the body of the function whose parameter it is,
// and within the path whose focus (@$v) or index (#$i) binding names it.
// $ and $$ are not variables, and the names of the built-in functions
// ($sum, $string, ...) are left out: they denote the built-in function
// unless the caller binds them.
func FreeVariables(n Node) []string {
	var fv freeVars
	fv.scope(nil, nil, n)
	return fv.names
}

// freeVars collects the free variables of an expression.
type freeVars struct {
	names []string
	seen  map[string]bool
}

// varScope is the names that a block, a function body or a path binds,
// within the scopes around it.
type varScope struct {
	names  map[string]bool
	parent *varScope
}

func (s *varScope) bind(name string) {
	if s.names == nil {
		s.names = map[string]bool{}
	}
	s.names[name] = true
}

func (s *varScope) binds(name string) bool {
	for ; s != nil; s = s.parent {
		if s.names[name] {
			return true
		}
	}
	return false
}

// scope walks body, the expressions of a new scope within parent, which
// binds params and the names that body assigns with := outside nested
// blocks and functions.
func (fv *freeVars) scope(parent *varScope, params []*Variable, body ...Node) {
	s := &varScope{parent: parent}
	for _, p := range params {
		s.bind(p.Name)
	}
	for _, b := range body {
		Inspect(b, func(n Node) bool {
			switch n := n.(type) {
			case *Bind:
				s.bind(n.Var.Name)
			case *Block, *Lambda:
				return false // a scope of its own
			}
			return true
		})
	}
	for _, b := range body {
		fv.walk(b, s)
	}
}

// walk records the free variables that n reads in scope s.
func (fv *freeVars) walk(n Node, s *varScope) {
	Inspect(n, func(n Node) bool {
		switch n := n.(type) {
		case *Variable:
			fv.read(n.Name, s)
		case *Bind:
			fv.walk(n.Value, s) // n.Var is assigned, not read
			return false
		case *Block:
			fv.scope(s, nil, n.Exprs...)
			return false
		case *Lambda:
			fv.scope(s, n.Params, n.Body)
			return false
		case *Path:
			fv.path(n, s)
			return false
		case *Postfix:
			// A focus binding here binds nothing that can be read (see
			// Postfix), so n.Focus is neither read nor bound.
			fv.walk(n.Expr, s)
			fv.stages(n.Stages, s)
			if n.Group != nil {
				fv.pairs(n.Group.Pairs, s)
			}
			return false
		}
		return true
	})
}

// path walks a path, in the scope of the variables its focus and index
// bindings bind.
func (fv *freeVars) path(p *Path, s *varScope) {
	for _, st := range p.Steps {
		if st.Focus != nil {
			s = &varScope{names: map[string]bool{st.Focus.Name: true}, parent: s}
		}
		for _, sg := range st.Stages {
			if ib, ok := sg.(*IndexBind); ok {
				s = &varScope{names: map[string]bool{ib.Var.Name: true}, parent: s}
			}
		}
	}
	for _, st := range p.Steps {
		fv.walk(st.Expr, s)
		fv.stages(st.Stages, s)
		if st.Group != nil {
			fv.pairs(st.Group.Pairs, s)
		}
	}
	if p.Group != nil {
		fv.pairs(p.Group.Pairs, s)
	}
}

func (fv *freeVars) stages(ss []Stage, s *varScope) {
	for _, sg := range ss {
		if p, ok := sg.(*Predicate); ok {
			fv.walk(p.Expr, s)
		}
	}
}

func (fv *freeVars) pairs(ps []Pair, s *varScope) {
	for _, p := range ps {
		fv.walk(p.Key, s)
		fv.walk(p.Value, s)
	}
}

// read records a read of $name in scope s.
func (fv *freeVars) read(name string, s *varScope) {
	if name == "" || name == "$" || fv.seen[name] || s.binds(name) || isBuiltin(name) {
		return
	}
	if fv.seen == nil {
		fv.seen = map[string]bool{}
	}
	fv.seen[name] = true
	fv.names = append(fv.names, name)
}

// isBuiltin reports whether $name is a built-in function (see
// builtinSignatures).
func isBuiltin(name string) bool {
	_, ok := builtinSignatures[name]
	return ok
}
