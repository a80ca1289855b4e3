package sim

import (
	"fmt"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// scope holds the workflow variables of one process: the machine's top
// level, a Parallel branch or a Map iteration. A nested scope reads the
// enclosing one (which cannot change while it runs: the enclosing process
// waits for its Parallel or Map state) and holds the variables of its own,
// which end with it; it is made at the process's first assignment, so that
// iterations that assign nothing cost nothing. A Distributed Map's
// iterations are child executions: they see nothing of the machine's
// variables. A nil *scope holds no variables.
type scope struct {
	parent *scope
	vals   map[string]any
}

// get returns the value of a variable, looking outwards.
func (s *scope) get(name string) (any, bool) {
	for ; s != nil; s = s.parent {
		if v, ok := s.vals[name]; ok {
			return v, true
		}
	}
	return nil, false
}

// assignment is the evaluated Assign field of a state: the new values, to
// take effect when the state exits.
type assignment struct {
	names []string
	vals  []any
}

// evalAssign evaluates an Assign field: a template whose result is an
// object of variable names and values. Every value is computed from the
// values variables had when the state was entered; none is set yet.
func (e *env) evalAssign(t tnode) (*assignment, error) {
	if t == nil {
		return nil, nil
	}
	v, err := t.eval(e)
	if err != nil {
		return nil, err
	}
	o, ok := v.(*jsonvalue.Object)
	if !ok || o.Len() == 0 {
		return nil, nil
	}
	a := &assignment{names: make([]string, 0, o.Len()), vals: make([]any, 0, o.Len())}
	for k, val := range o.All() {
		a.names = append(a.names, k)
		a.vals = append(a.vals, val)
	}
	return a, nil
}

// maxVariableBytes is AWS's limit on the size of one variable's value, and
// on the values one Assign field sets together: 256 KiB.
const maxVariableBytes = payloadLimit

// apply sets the assigned variables in the process's scope and returns them
// as the StateExited event records them.
func (p *process) applyAssign(a *assignment) (map[string]any, *stateError) {
	if a == nil {
		return nil, nil
	}
	total := 0
	for i, name := range a.names {
		n := 0
		size(a.vals[i], &n)
		total += n
		if n > maxVariableBytes || total > maxVariableBytes {
			return nil, &stateError{name: errDataLimit, runtime: true, cause: fmt.Sprintf(
				"The variables assigned by the state '%s' exceed the maximum size of %d bytes.", p.cur.name, maxVariableBytes)}
		}
		outer := p.vars
		if p.ownVars {
			outer = p.vars.parent
		}
		if _, ok := outer.get(name); ok {
			return nil, runtimeError("Cannot assign the variable '%s': it belongs to an outer scope.", name)
		}
	}
	if !p.ownVars {
		// The process's first assignment: its scope of its own, nested in
		// the one it has read so far.
		p.vars = &scope{parent: p.vars, vals: make(map[string]any, len(a.names))}
		p.ownVars = true
	}
	rec := make(map[string]any, len(a.names))
	for i, name := range a.names {
		p.vars.vals[name] = a.vals[i]
		rec[name] = a.vals[i]
	}
	return rec, nil
}
