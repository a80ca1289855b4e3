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

// evalAssign evaluates an Assign field: a template whose result is an
// object of variable names and values, nil when it sets none. Every value
// is computed from the values variables had when the state was entered;
// none is set yet.
func (e *env) evalAssign(t tnode) (*jsonvalue.Object, error) {
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
	return o, nil
}

// applyAssign sets the variables a state assigned (from evalAssign) in the
// process's scope and returns them as the StateExited event records them.
func (p *process) applyAssign(a *jsonvalue.Object) (map[string]any, *stateError) {
	if a == nil {
		return nil, nil
	}
	outer := p.vars
	if p.ownVars {
		outer = p.vars.parent
	}
	total := 0 // AWS's limit on the values one Assign sets is the payload limit, 256 KiB
	for name, v := range a.All() {
		if size(v, &total) {
			return nil, &stateError{name: errDataLimit, runtime: true, terminal: true, cause: fmt.Sprintf(
				"The variables assigned by the state '%s' exceed the maximum size of %d bytes.", p.cur.name, payloadLimit)}
		}
		if _, ok := outer.get(name); ok {
			return nil, runtimeError("Cannot assign the variable '%s': it belongs to an outer scope.", name)
		}
	}
	if !p.ownVars {
		// The process's first assignment: its scope of its own, nested in
		// the one it has read so far.
		p.vars = &scope{parent: p.vars, vals: make(map[string]any, a.Len())}
		p.ownVars = true
	}
	rec := make(map[string]any, a.Len())
	for name, v := range a.All() {
		p.vars.vals[name] = v
		rec[name] = v
	}
	return rec, nil
}
