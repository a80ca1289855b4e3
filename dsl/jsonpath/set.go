package jsonpath

import (
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// SetError says that Path.Set cannot place a value where the path points.
// The simulator reports it as AWS does for ResultPath
// (States.ResultPathMatchFailure); the fields give what a cause needs.
type SetError struct {
	// Path is the path being applied.
	Path *Path
	// Reason tells which rule failed.
	Reason SetReason
	// At is the index in Path.Segments of the segment that could not be
	// applied.
	At int
	// Value is the value that segment was applied to (nil for
	// NotReferencePath).
	Value any
}

// SetReason classifies a SetError.
type SetReason uint8

// The reasons for a SetError.
const (
	// NotReferencePath: the path is not a reference path: it is a context
	// path ($$...) or has a segment other than a member name or a
	// non-negative index.
	NotReferencePath SetReason = iota
	// SetNotAnObject: a member name was applied to a value that is not an
	// object (an array, a scalar or null).
	SetNotAnObject
	// SetNotAnArray: an index was applied to a value that is not an array.
	SetNotAnArray
	// SetIndexOutOfRange: an index is beyond the end of the array (an index
	// equal to the length appends).
	SetIndexOutOfRange
)

// Error describes the failure in words; it is not an AWS message.
func (e *SetError) Error() string {
	var b strings.Builder
	b.WriteString("cannot set ")
	b.WriteString(e.Path.String())
	if e.Reason != NotReferencePath {
		b.WriteString(": ")
		b.WriteString((&Path{Segments: e.Path.Segments[:e.At]}).String())
		b.WriteString(" is ")
	}
	switch e.Reason {
	case NotReferencePath:
		b.WriteString(": not a reference path")
	case SetNotAnObject:
		b.WriteString(jsonvalue.Kind(e.Value))
		b.WriteString(", not an object")
	case SetNotAnArray:
		b.WriteString(jsonvalue.Kind(e.Value))
		b.WriteString(", not an array")
	case SetIndexOutOfRange:
		b.WriteString("an array of length ")
		a, _ := e.Value.([]any)
		b.WriteString(strconv.Itoa(len(a)))
		b.WriteString(", too short for ")
		b.WriteString(e.Path.Segments[e.At].String())
	}
	return b.String()
}

// Set returns a copy of root with the value p points at replaced by v, as
// ResultPath places a state's result into its input. p must be a reference
// path (p.IsReference): member names and non-negative indexes under $.
// "$" returns v itself.
//
// Missing members are created: a missing member followed by a name becomes
// an empty object, one followed by an index an empty array. An index equal
// to the length of an array appends to it, so $.list[0] creates
// {"list": [v]} (AWS does this); a larger index is an error.
//
// Only the objects and arrays on the way to the target are copied; the rest
// of root is shared with the result, and root itself is never modified.
// Errors are of type *SetError.
func (p *Path) Set(root any, v any) (any, error) {
	if p.Context {
		return nil, &SetError{Path: p, Reason: NotReferencePath}
	}
	return p.setAt(0, root, true, v)
}

// setAt returns cur (present reports whether it exists) with
// Segments[i:] set to v.
func (p *Path) setAt(i int, cur any, present bool, v any) (any, error) {
	if i == len(p.Segments) {
		return v, nil
	}
	if !present {
		switch p.Segments[i].(type) {
		case Child:
			cur = jsonvalue.NewObject(1)
		case Index:
			cur = []any{}
		}
	}
	switch s := p.Segments[i].(type) {
	case Child:
		o, ok := cur.(*jsonvalue.Object)
		if !ok {
			return nil, &SetError{Path: p, Reason: SetNotAnObject, At: i, Value: cur}
		}
		child, found := o.Get(s.Name)
		nv, err := p.setAt(i+1, child, found, v)
		if err != nil {
			return nil, err
		}
		c := o.Clone()
		c.Set(s.Name, nv)
		return c, nil
	case Index:
		if s.I < 0 {
			return nil, &SetError{Path: p, Reason: NotReferencePath, At: i}
		}
		a, ok := cur.([]any)
		if !ok {
			return nil, &SetError{Path: p, Reason: SetNotAnArray, At: i, Value: cur}
		}
		if s.I > len(a) {
			return nil, &SetError{Path: p, Reason: SetIndexOutOfRange, At: i, Value: cur}
		}
		var child any
		found := s.I < len(a)
		if found {
			child = a[s.I]
		}
		nv, err := p.setAt(i+1, child, found, v)
		if err != nil {
			return nil, err
		}
		c := make([]any, len(a), max(len(a), s.I+1))
		copy(c, a)
		if found {
			c[s.I] = nv
		} else {
			c = append(c, nv)
		}
		return c, nil
	}
	return nil, &SetError{Path: p, Reason: NotReferencePath, At: i}
}
