package jsonata

import "math"

// This file evaluates paths that bind variables as they go: focus steps
// (a@$v), index bindings (a#$i) and steps whose input a % refers to. Such a
// path is evaluated as a stream of tuples, each a context value with the
// variables bound on the way to it, as the reference implementation does.

// tuple is one value of a tuple stream with its bindings.
type tuple struct {
	ctx any
	b   map[string]any
}

// tupleSeq is the result of a path whose bindings a following construct
// needs (Path.Tuple); anywhere else it stands for its context values.
type tupleSeq struct {
	tuples []tuple
	keep   bool
}

// values returns the context values of a tuple stream.
func (s *tupleSeq) values() *sequence {
	out := make([]any, len(s.tuples))
	for i, t := range s.tuples {
		out[i] = t.ctx
	}
	return &sequence{items: out, keepSingleton: s.keep}
}

// needsTuples reports whether a path must be evaluated as a tuple stream.
func needsTuples(p *Path) bool {
	if p.Tuple {
		return true
	}
	for _, st := range p.Steps {
		if st.Focus != nil || st.Ancestor != "" {
			return true
		}
		switch x := st.Expr.(type) {
		case *Path:
			if x.Tuple {
				return true
			}
		case *Block:
			if x.Tuple {
				return true
			}
		}
		for _, sg := range st.Stages {
			if _, ok := sg.(*IndexBind); ok {
				return true
			}
		}
	}
	return false
}

// tupleEnv returns an environment with a tuple's bindings.
func tupleEnv(e *env, b map[string]any) *env {
	if len(b) == 0 {
		return e
	}
	vars := make(map[string]any, len(b))
	for k, v := range b {
		vars[k] = v
	}
	return &env{vars: vars, parent: e}
}

func withBinding(b map[string]any, k string, v any) map[string]any {
	nb := make(map[string]any, len(b)+1)
	for x, y := range b {
		nb[x] = y
	}
	nb[k] = v
	return nb
}

// tuplePath evaluates a path as a tuple stream.
func (ev *evaluator) tuplePath(p *Path, input any, e *env) (any, error) {
	var ts []tuple
	switch in := input.(type) {
	case *tupleSeq:
		ts = in.tuples
	default:
		for _, x := range items(input) {
			ts = append(ts, tuple{ctx: x})
		}
		if _, isVar := p.Steps[0].Expr.(*Variable); isVar || !isNavigational(p.Steps[0].Expr) {
			ts = []tuple{{ctx: input}}
		}
	}
	keep := p.KeepSingletonArray
	for _, st := range p.Steps {
		stages := st.Stages
		if srt, isSort := st.Expr.(*Sort); isSort {
			sorted, err := ev.sortTuples(srt, ts, e)
			if err != nil {
				return nil, err
			}
			if ts, err = ev.tupleStages(stages, sorted, e); err != nil {
				return nil, err
			}
			continue
		}
		// An index binding before any predicate numbers each input's
		// results; after a predicate it numbers the whole stream.
		var localIndex *Variable
		if len(stages) > 0 {
			if ib, ok := stages[0].(*IndexBind); ok {
				localIndex = ib.Var
				stages = stages[1:]
			}
		}
		var next []tuple
		for _, t := range ts {
			res, err := ev.eval(st.Expr, t.ctx, tupleEnv(e, t.b))
			if err != nil {
				return nil, err
			}
			if sub, ok := res.(*tupleSeq); ok {
				for _, rt := range sub.tuples {
					nb := t.b
					for k, v := range rt.b {
						nb = withBinding(nb, k, v)
					}
					next = append(next, tuple{ctx: rt.ctx, b: nb})
				}
				continue
			}
			// Unlike a plain path, a tuple stream flattens the arrays
			// that array constructors produce.
			var vals []any
			for _, y := range items(finish(res)) {
				if arr, isArr := y.([]any); isArr && !st.KeepArray {
					vals = append(vals, flatten(arr)...)
					continue
				}
				vals = append(vals, y)
			}
			for bb, v := range vals {
				nt := tuple{ctx: v, b: t.b}
				if st.Focus != nil {
					nt.ctx = t.ctx
					nt.b = withBinding(nt.b, st.Focus.Name, v)
				}
				if localIndex != nil {
					nt.b = withBinding(nt.b, localIndex.Name, float64(bb))
				}
				if st.Ancestor != "" {
					nt.b = withBinding(nt.b, st.Ancestor, t.ctx)
				}
				next = append(next, nt)
			}
		}
		var err error
		if ts, err = ev.tupleStages(stages, next, e); err != nil {
			return nil, err
		}
		if st.KeepArray {
			keep = true
		}
	}
	if p.Group != nil {
		vals := make([]any, len(ts))
		binds := make([]map[string]any, len(ts))
		for i, t := range ts {
			vals[i], binds[i] = t.ctx, t.b
		}
		return ev.groupWith(p.Group, vals, binds, e)
	}
	if p.Tuple {
		return &tupleSeq{tuples: ts, keep: keep}, nil
	}
	return (&tupleSeq{tuples: ts, keep: keep}).values(), nil
}

// tupleStages applies predicates and index bindings to a whole stream.
func (ev *evaluator) tupleStages(stages []Stage, ts []tuple, e *env) ([]tuple, error) {
	for _, sg := range stages {
		switch sg := sg.(type) {
		case *IndexBind:
			out := make([]tuple, len(ts))
			for i, t := range ts {
				out[i] = tuple{ctx: t.ctx, b: withBinding(t.b, sg.Var.Name, float64(i))}
			}
			ts = out
		case *Predicate:
			var out []tuple
			if n, ok := sg.Expr.(*Number); ok {
				i := int(math.Floor(n.Value))
				if i < 0 {
					i += len(ts)
				}
				if i >= 0 && i < len(ts) {
					out = append(out, ts[i])
				}
				ts = out
				continue
			}
			for i, t := range ts {
				r, err := ev.eval(sg.Expr, t.ctx, tupleEnv(e, t.b))
				if err != nil {
					return nil, err
				}
				if keeps(finish(r), i, len(ts)) {
					out = append(out, t)
				}
			}
			ts = out
		}
	}
	return ts, nil
}

// sortTuples sorts a tuple stream by order-by terms evaluated with each
// tuple's bindings.
func (ev *evaluator) sortTuples(s *Sort, ts []tuple, e *env) ([]tuple, error) {
	vals := make([]any, len(ts))
	envs := make([]*env, len(ts))
	for i, t := range ts {
		vals[i], envs[i] = t.ctx, tupleEnv(e, t.b)
	}
	order, err := ev.sortOrder(s, vals, envs)
	if err != nil {
		return nil, err
	}
	out := make([]tuple, len(ts))
	for i, k := range order {
		out[i] = ts[k]
	}
	return out, nil
}
