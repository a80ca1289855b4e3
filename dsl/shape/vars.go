package shape

import "slices"

// vars holds the shapes of the workflow variables at a point of the data
// flow: the variables that an Assign on some path to that point may have
// set. It is immutable and sorted by name; nil holds none. A variable it
// does not hold reads as Unknown, so that untyped data stays silent.
//
// Step Functions sets a state's variables when the state exits; the state's
// own expressions (Output and Assign alike) read the values its entry saw.
// A Parallel branch and a Map iteration read the variables of the scope
// around them, and those they assign end with them; a Distributed Map's
// iterations are child executions that see none.
type vars struct {
	names  []string
	shapes []*Shape
	// any is set after an Assign that could not be followed: it may have
	// set variables not listed, of unknown shape.
	any bool
}

// get returns the shape of variable name.
func (v *vars) get(name string) (*Shape, bool) {
	if v == nil {
		return nil, false
	}
	i, ok := slices.BinarySearch(v.names, name)
	if !ok {
		return nil, false
	}
	return v.shapes[i], true
}

// with returns v with the variables of the object shape assigned set: each
// member becomes a variable of the member's shape, replacing any earlier
// one. A shape that is not an object (an Assign that could not be
// followed) makes every variable v holds Unknown, since it may have set
// any of them.
func (v *vars) with(assigned *Shape) *vars {
	if assigned == nil {
		return v
	}
	if assigned.kind != KindObject || assigned.open {
		out := &vars{any: true}
		if v != nil {
			out.names = v.names
			out.shapes = make([]*Shape, len(v.shapes))
			for i := range out.shapes {
				out.shapes[i] = unknownShape
			}
		}
		return out
	}
	if len(assigned.fields) == 0 {
		return v
	}
	out := &vars{}
	if v != nil {
		out.any = v.any
		out.names = append([]string(nil), v.names...)
		out.shapes = append([]*Shape(nil), v.shapes...)
	}
	for _, f := range assigned.fields {
		s := f.Shape
		if f.Optional {
			s = unknownShape
		}
		i, ok := slices.BinarySearch(out.names, f.Name)
		if ok {
			out.shapes[i] = s
			continue
		}
		out.names = slices.Insert(out.names, i, f.Name)
		out.shapes = slices.Insert(out.shapes, i, s)
	}
	return out
}

// joinVars returns the variables of either: a variable both hold has the
// union of their shapes; one only one of them holds keeps its shape (on
// the other path it was not set, and reading it there fails), unless the
// other may have set it untracked (any), which makes it Unknown.
func joinVars(a, b *vars) *vars {
	switch {
	case a == nil:
		return b
	case b == nil || a == b:
		return a
	}
	out := &vars{any: a.any || b.any}
	only := func(s *Shape, otherAny bool) *Shape {
		if otherAny {
			return unknownShape
		}
		return s
	}
	i, j := 0, 0
	for i < len(a.names) || j < len(b.names) {
		switch {
		case j == len(b.names) || i < len(a.names) && a.names[i] < b.names[j]:
			out.names, out.shapes = append(out.names, a.names[i]), append(out.shapes, only(a.shapes[i], b.any))
			i++
		case i == len(a.names) || b.names[j] < a.names[i]:
			out.names, out.shapes = append(out.names, b.names[j]), append(out.shapes, only(b.shapes[j], a.any))
			j++
		default:
			out.names, out.shapes = append(out.names, a.names[i]), append(out.shapes, Union(a.shapes[i], b.shapes[j]))
			i++
			j++
		}
	}
	return out
}

// equal reports whether a and b hold the same variables with Equal shapes.
func (a *vars) equal(b *vars) bool {
	if a == b {
		return true
	}
	if a == nil {
		a = &vars{}
	}
	if b == nil {
		b = &vars{}
	}
	if a.any != b.any || len(a.names) != len(b.names) {
		return false
	}
	for i := range a.names {
		if a.names[i] != b.names[i] || !a.shapes[i].Equal(b.shapes[i]) {
			return false
		}
	}
	return true
}

// widen returns v with every variable Unknown.
func (v *vars) widen() *vars {
	return v.with(unknownShape)
}
