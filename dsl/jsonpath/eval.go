package jsonpath

import (
	"math"
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// This file evaluates paths the way AWS Step Functions does: AWS runs the
// Jayway JsonPath engine (Java) over its JSON documents, so the rules below
// follow Jayway's evaluator token by token, quirks included. Where a rule is
// surprising, the comment says what Jayway does and why it matters.
//
// Jayway distinguishes "definite" paths (every step names at most one value:
// single names, single indexes, a union of names or a function at the very
// end) from indefinite ones. A definite path yields its value or fails with a
// PathNotFoundException; an indefinite path yields the list of its matches.
// A missing step raises that exception only while everything before it was
// definite ("upstream definite"); past the first wildcard, slice, filter,
// index union or recursive descent, missing things are skipped. AWS turns an
// exception on an indefinite path into an empty list (recorded: $.items[*]
// and $.item.items[1:] on {} give []).

// NotFoundError says that a definite path names no value. Error returns the
// message of the PathNotFoundException Jayway raises, which AWS quotes in
// some causes ("Invalid path '$.x' : No results for path: $['x']").
type NotFoundError struct {
	// Path is the path that was evaluated.
	Path *Path
	// Reason tells which rule failed.
	Reason NotFoundReason
	// At is the index in Path.Segments of the step that failed (for
	// NoResults, the number of segments).
	At int
	// Value is the value the failing step was applied to (nil for
	// NoResults).
	Value any
}

// NotFoundReason classifies a NotFoundError.
type NotFoundReason uint8

// The reasons for a NotFoundError, with Jayway's message for each.
const (
	// NoResults: the path ran to its end without a value: the last member
	// is missing or an index is out of range. "No results for path: $['a']['b']".
	NoResults NotFoundReason = iota
	// MissingProperty: a member before the last one is missing.
	// "Missing property in path $['a']".
	MissingProperty
	// NotAnObject: a member was looked up in a value that is not an object.
	// "Expected to find an object with property ['b'] in path $['a'] but
	// found 'java.lang.String'. This is not a json object according to the
	// JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."
	NotAnObject
	// NullArray: an index was applied to null. "The path $['a'] is null".
	NullArray
	// NotAnArray: an index was applied to a value that is neither an array
	// nor null. "Filter: [0] can only be applied to arrays. Current context
	// is: {b=1}".
	NotAnArray
)

// jsonProviderClass is the Jayway JSON provider AWS appears to use: objects
// reach intrinsic functions as java.util.LinkedHashMap (States.Format renders
// them as {Id=..., Name=...}), which is what JacksonJsonProvider produces.
const jsonProviderClass = "com.jayway.jsonpath.spi.json.JacksonJsonProvider"

// Error returns Jayway's exception message.
func (e *NotFoundError) Error() string {
	var b strings.Builder
	switch e.Reason {
	case MissingProperty:
		b.WriteString("Missing property in path ")
		writeNormalized(&b, e.Path.Segments[:e.At+1])
	case NotAnObject:
		b.WriteString("Expected to find an object with property ")
		writeFragment(&b, e.Path.Segments[e.At])
		b.WriteString(" in path ")
		writeNormalized(&b, e.Path.Segments[:e.At])
		b.WriteString(" but found '")
		b.WriteString(javaClass(e.Value))
		b.WriteString("'. This is not a json object according to the JsonProvider: '")
		b.WriteString(jsonProviderClass)
		b.WriteString("'.")
	case NullArray:
		b.WriteString("The path ")
		writeNormalized(&b, e.Path.Segments[:e.At])
		b.WriteString(" is null")
	case NotAnArray:
		b.WriteString("Filter: ")
		for _, s := range e.Path.Segments[e.At:] {
			writeFragment(&b, s)
		}
		b.WriteString(" can only be applied to arrays. Current context is: ")
		b.WriteString(jsonvalue.JavaString(e.Value))
	default:
		b.WriteString("No results for path: ")
		writeNormalized(&b, e.Path.Segments)
	}
	return b.String()
}

// EvalError reports a failure that Jayway raises as an exception other than
// a PathNotFoundException: a filter applied to a scalar right after a
// definite path, an aggregation function without numbers to work on, an
// operand of the wrong kind for in/subsetof/empty, a regular expression that
// does not compile, or an index or slice Jayway cannot represent.
type EvalError struct {
	// Path is the path that was evaluated.
	Path *Path
	// Msg is Jayway's message where known.
	Msg string
}

// Error returns Msg.
func (e *EvalError) Error() string { return e.Msg }

// Normalized returns the form Jayway gives a compiled path in its messages:
// "$" followed by ['name'] for members, [i] for indexes, ['a','b'] and [0,1]
// for unions, [*] for wildcards, [start:end] for slices (a step is dropped,
// as Jayway ignores it), [?] for filters, .. for recursive descent and
// .name() for a function. Context paths ($$...) are rendered with a single
// $, as Jayway sees them. For example $.a['b c'][0] becomes
// $['a']['b c'][0].
func (p *Path) Normalized() string {
	var b strings.Builder
	writeNormalized(&b, p.Segments)
	return b.String()
}

func writeNormalized(b *strings.Builder, segs []Segment) {
	b.WriteByte('$')
	for _, s := range segs {
		writeFragment(b, s)
	}
}

// writeFragment writes Jayway's path fragment for one segment.
func writeFragment(b *strings.Builder, s Segment) {
	switch s := s.(type) {
	case Child:
		b.WriteString("['")
		b.WriteString(s.Name)
		b.WriteString("']")
	case Index:
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(s.I))
		b.WriteByte(']')
	case Union:
		b.WriteByte('[')
		for i, it := range s.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			switch it := it.(type) {
			case Child:
				b.WriteByte('\'')
				b.WriteString(it.Name)
				b.WriteByte('\'')
			case Index:
				b.WriteString(strconv.Itoa(it.I))
			}
		}
		b.WriteByte(']')
	case Wildcard:
		b.WriteString("[*]")
	case Slice:
		b.WriteByte('[')
		if s.Start != nil {
			b.WriteString(strconv.Itoa(*s.Start))
		}
		b.WriteByte(':')
		if s.End != nil {
			b.WriteString(strconv.Itoa(*s.End))
		}
		b.WriteByte(']')
	case Filter:
		b.WriteString("[?]")
	case Descend:
		b.WriteString("..")
		if s.Sel != nil {
			writeFragment(b, s.Sel)
		}
	case Func:
		b.WriteByte('.')
		b.WriteString(s.Name)
		b.WriteString("()")
	}
}

// Select evaluates p against input ($ paths) or context ($$ paths); the
// other argument is not used and may be nil.
//
// A path that Jayway treats as definite returns the single value it names,
// or a *NotFoundError when it names nothing. Definite paths are those for
// which p.Definite reports true, plus paths whose last segment is a union of
// member names or a function: $['a','b'] yields an object holding those of
// the members that exist (an empty object if none does), and $.a.length()
// yields the function's result.
//
// Any other path returns an []any of its matches in Jayway's order (empty,
// never nil, when there are none): wildcards list object members in key
// order, recursive descent visits a value before its descendants, filters
// keep array elements in order and, applied to an object, test the object
// itself. A function after an indefinite path is applied to every match.
//
// Values are returned as they are in the document (shared, not copied);
// numbers keep their text. Function results are new values: length() is an
// integer, min() max() avg() sum() stddev() are Java doubles (sum of [1,2]
// is 3.0) and keys() is an array of strings.
//
// Errors are *NotFoundError (definite paths only) and *EvalError.
func (p *Path) Select(input, context any) (any, error) {
	doc := input
	if p.Context {
		doc = context
	}
	if !p.Definite() {
		return p.selectGeneral(doc)
	}
	// A chain of members and indexes, looked up without allocating.
	segs := p.Segments
	v := doc
	for i, s := range segs {
		switch s := s.(type) {
		case Child:
			o, ok := v.(*jsonvalue.Object)
			if !ok {
				return nil, &NotFoundError{Path: p, Reason: NotAnObject, At: i, Value: v}
			}
			nv, ok := o.Get(s.Name)
			if !ok {
				if i == len(segs)-1 {
					return nil, &NotFoundError{Path: p, Reason: NoResults, At: len(segs)}
				}
				return nil, &NotFoundError{Path: p, Reason: MissingProperty, At: i, Value: v}
			}
			v = nv
		case Index:
			if s.I > math.MaxInt32 || s.I < math.MinInt32 {
				return nil, indexRangeError(p, s.I)
			}
			a, ok := v.([]any)
			if !ok {
				if v == nil {
					return nil, &NotFoundError{Path: p, Reason: NullArray, At: i}
				}
				return nil, &NotFoundError{Path: p, Reason: NotAnArray, At: i, Value: v}
			}
			j := s.I
			if j < 0 {
				j += len(a)
			}
			if j < 0 || j >= len(a) {
				return nil, &NotFoundError{Path: p, Reason: NoResults, At: len(segs)}
			}
			v = a[j]
		}
	}
	return v, nil
}

func indexRangeError(p *Path, i int) *EvalError {
	return &EvalError{Path: p, Msg: "Failed to parse token in ArrayIndexOperation: " + strconv.Itoa(i)}
}

// selectGeneral evaluates any path with the full Jayway evaluator.
func (p *Path) selectGeneral(doc any) (any, error) {
	if err := checkRanges(p, p.Segments); err != nil {
		return nil, err
	}
	segs := p.Segments
	if len(segs) >= 2 {
		if _, ok := segs[0].(Descend); ok {
			if f, ok := segs[len(segs)-1].(Func); ok {
				r, err := scanFunction(p, f.Name, segs[:len(segs)-1], doc, doc, false)
				if err == errNotFound {
					// The argument is indefinite: nothing is missing.
					err = nil
				}
				return r, err
			}
		}
	}
	e := evaluator{path: p, segs: segs, root: doc}
	e.initQuirk()
	e.eval(0, doc, true)
	definite := jaywayDefinite(segs)
	if e.err != nil {
		if e.err != errNotFound {
			return nil, e.err
		}
		if !definite {
			return []any{}, nil
		}
		return nil, &NotFoundError{Path: p, Reason: e.nfReason, At: e.nfAt, Value: e.nfValue}
	}
	if definite {
		if len(e.out) == 0 {
			return nil, &NotFoundError{Path: p, Reason: NoResults, At: len(segs)}
		}
		return e.out[len(e.out)-1], nil
	}
	if e.out == nil {
		return []any{}, nil
	}
	return e.out, nil
}

// checkRanges rejects the indexes and slices Jayway refuses when it
// compiles a path: numbers that do not fit a Java int, and a slice with
// neither start nor end ([:], [::2]).
func checkRanges(p *Path, segs []Segment) error {
	for _, s := range segs {
		switch s := s.(type) {
		case Index:
			if s.I > math.MaxInt32 || s.I < math.MinInt32 {
				return indexRangeError(p, s.I)
			}
		case Union:
			for _, it := range s.Items {
				if it, ok := it.(Index); ok && (it.I > math.MaxInt32 || it.I < math.MinInt32) {
					return indexRangeError(p, it.I)
				}
			}
		case Slice:
			if err := checkSlice(p, s); err != nil {
				return err
			}
		case Descend:
			if err := checkRanges(p, []Segment{s.Sel}); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkSlice(p *Path, s Slice) error {
	big := func(v *int) bool { return v != nil && (*v > math.MaxInt32 || *v < math.MinInt32) }
	if s.Start == nil && s.End == nil || big(s.Start) || big(s.End) {
		return &EvalError{Path: p, Msg: "Failed to parse SliceOperation: " + strings.TrimSuffix(strings.TrimPrefix(s.String(), "["), "]")}
	}
	return nil
}

// jaywayDefinite reports whether Jayway treats a path made of segs as
// definite: single members and indexes, with a union of members or a
// function allowed as the last segment.
func jaywayDefinite(segs []Segment) bool {
	for i, s := range segs {
		switch s := s.(type) {
		case Child, Index:
		case Func:
		case Union:
			if i != len(segs)-1 {
				return false
			}
			if _, ok := s.Items[0].(Child); !ok {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// errNotFound marks an evaluation stopped by a PathNotFoundException; the
// details are in the evaluator's nf fields.
var errNotFound = &EvalError{Msg: "path not found"}

// evaluator walks a path the way Jayway's token chain does.
type evaluator struct {
	path *Path
	segs []Segment
	root any // the document, for $ inside filters
	out  []any
	// require is Jayway's REQUIRE_PROPERTIES option, which filters use to
	// test whether a path exists: every missing member is an error.
	require bool
	err     error
	// Where the PathNotFoundException happened (when err == errNotFound).
	nfReason NotFoundReason
	nfAt     int
	nfValue  any
	// quirkSeg, quirkIdx and quirkN emulate Jayway's "upstream array
	// index" (see initQuirk).
	quirkSeg int
	quirkIdx int
	quirkN   int
}

// initQuirk prepares the emulation of a Jayway quirk. When recursive
// descent reaches an array whose elements the selector after .. applies to
// and more segments follow, Jayway skips that selector and evaluates the
// next segment on every element, recording the element index in that next
// segment. If the next segment is the last one and is a member name or a
// wildcard, a value it finds in an object is kept only if no index was
// recorded yet or the selector after .. is the index [n] with n equal to the
// recorded index. So $..[1].key keeps element 1's key of every array, and
// $..*.key keeps nothing found after the first array has been scanned. (The
// recorded index lives in the compiled path, which Jayway caches, so it can
// even leak from one evaluation to the next; that part is not emulated.)
func (e *evaluator) initQuirk() {
	e.quirkSeg, e.quirkIdx, e.quirkN = -1, -1, -2
	n := len(e.segs)
	if n < 2 {
		return
	}
	d, ok := e.segs[n-2].(Descend)
	if !ok {
		return
	}
	switch e.segs[n-1].(type) {
	case Child, Wildcard:
	default:
		return
	}
	e.quirkSeg = n - 1
	if ix, ok := d.Sel.(Index); ok && ix.I >= 0 {
		e.quirkN = ix.I
	}
}

func (e *evaluator) notFound(reason NotFoundReason, at int, v any) {
	if e.err == nil {
		e.err = errNotFound
		e.nfReason, e.nfAt, e.nfValue = reason, at, v
	}
}

func (e *evaluator) fail(msg string) {
	if e.err == nil {
		e.err = &EvalError{Path: e.path, Msg: msg}
	}
}

func (e *evaluator) leaf(i int) bool { return i == len(e.segs)-1 }

// eval applies segs[i:] to v. upDef reports whether every segment before i
// was definite.
func (e *evaluator) eval(i int, v any, upDef bool) {
	if e.err != nil {
		return
	}
	if i == len(e.segs) {
		e.out = append(e.out, v)
		return
	}
	if d, ok := e.segs[i].(Descend); ok {
		e.scan(i, d.Sel, v)
		return
	}
	e.apply(e.segs[i], i, v, upDef)
}

// next hands v to the segment after i, or records it when i is the last.
func (e *evaluator) next(i int, v any, upDef bool) {
	if e.leaf(i) {
		e.out = append(e.out, v)
		return
	}
	e.eval(i+1, v, upDef)
}

// apply applies selector s, standing at position i, to v.
func (e *evaluator) apply(s Segment, i int, v any, upDef bool) {
	switch s := s.(type) {
	case Child:
		o, ok := v.(*jsonvalue.Object)
		if !ok {
			if upDef {
				e.notFound(NotAnObject, i, v)
			}
			return
		}
		e.property(s.Name, i, o, upDef, true)
	case Union:
		if _, names := s.Items[0].(Child); names {
			e.names(s, i, v, upDef)
			return
		}
		a, ok := e.array(i, v, upDef)
		if !ok {
			return
		}
		for _, it := range s.Items {
			e.index(it.(Index).I, i, a, false)
			if e.err != nil {
				return
			}
		}
	case Index:
		a, ok := e.array(i, v, upDef)
		if !ok {
			return
		}
		e.index(s.I, i, a, upDef)
	case Slice:
		a, ok := e.array(i, v, upDef)
		if !ok {
			return
		}
		e.slice(s, i, a)
	case Wildcard:
		switch x := v.(type) {
		case *jsonvalue.Object:
			for _, w := range x.All() {
				if e.leaf(i) {
					e.keep(i, w)
				} else {
					e.eval(i+1, w, false)
				}
				if e.err != nil {
					return
				}
			}
		case []any:
			for _, w := range x {
				e.next(i, w, false)
				if e.err != nil {
					return
				}
			}
		}
	case Filter:
		switch x := v.(type) {
		case *jsonvalue.Object:
			if e.accept(s, x) {
				e.next(i, x, false)
			}
		case []any:
			for _, w := range x {
				if e.accept(s, w) {
					e.next(i, w, false)
				}
				if e.err != nil {
					return
				}
			}
		default:
			if upDef {
				var b strings.Builder
				b.WriteString("Filter: ")
				for _, t := range e.segs[i:] {
					writeFragment(&b, t)
				}
				b.WriteString(" can not be applied to primitives. Current context is: ")
				b.WriteString(jsonvalue.JavaString(v))
				e.fail(b.String())
			}
		}
	case Func:
		r, err := callFunction(s.Name, v)
		if err != "" {
			e.fail(err)
			return
		}
		e.next(i, r, upDef)
	case Descend:
		e.scan(i, s.Sel, v)
	}
}

// keep records v, found by the last segment in an object, unless the
// upstream-array-index quirk drops it.
func (e *evaluator) keep(i int, v any) {
	if i == e.quirkSeg && e.quirkIdx != -1 && e.quirkIdx != e.quirkN {
		return
	}
	e.out = append(e.out, v)
}

// property handles one member name of a member step (Jayway's
// handleObjectProperty for a single property). tokDef is false for the
// members of a union that is not the last segment.
func (e *evaluator) property(name string, i int, o *jsonvalue.Object, upDef, tokDef bool) {
	w, ok := o.Get(name)
	if !ok {
		if e.leaf(i) {
			if e.require {
				e.notFound(NoResults, len(e.segs), nil)
			}
			return
		}
		if upDef && tokDef || e.require {
			e.notFound(MissingProperty, i, o)
		}
		return
	}
	if e.leaf(i) {
		e.keep(i, w)
		return
	}
	e.eval(i+1, w, upDef && tokDef)
}

// names applies a union of member names. As the last segment it yields one
// object holding the members that exist, in the union's order; elsewhere
// each member is followed separately.
func (e *evaluator) names(u Union, i int, v any, upDef bool) {
	o, ok := v.(*jsonvalue.Object)
	if !ok {
		if upDef {
			e.notFound(NotAnObject, i, v)
		}
		return
	}
	if !e.leaf(i) {
		for _, it := range u.Items {
			e.property(it.(Child).Name, i, o, upDef, false)
			if e.err != nil {
				return
			}
		}
		return
	}
	merged := jsonvalue.NewObject(len(u.Items))
	for _, it := range u.Items {
		name := it.(Child).Name
		w, ok := o.Get(name)
		if !ok {
			if e.require {
				e.notFound(MissingProperty, i, o)
				return
			}
			continue
		}
		merged.Set(name, w)
	}
	e.out = append(e.out, merged)
}

// array checks that an index, index union or slice applies to v.
func (e *evaluator) array(i int, v any, upDef bool) ([]any, bool) {
	a, ok := v.([]any)
	if ok {
		return a, true
	}
	if upDef {
		if v == nil {
			e.notFound(NullArray, i, nil)
		} else {
			e.notFound(NotAnArray, i, v)
		}
	}
	return nil, false
}

// index handles one array index; an index out of range is skipped, even in
// a definite path (which then has no result).
func (e *evaluator) index(j, i int, a []any, upDef bool) {
	if j < 0 {
		j += len(a)
	}
	if j < 0 || j >= len(a) {
		return
	}
	e.next(i, a[j], upDef)
}

// slice applies Jayway's slice rules, which differ from Python's: the step
// is ignored; [start:] and [:end] count negative bounds from the end, but
// [start:end] does not adjust either bound, so a negative start walks
// through negative indexes (each counted from the end) up to end, and a
// negative end selects nothing.
func (e *evaluator) slice(s Slice, i int, a []any) {
	n := len(a)
	switch {
	case s.Start != nil && s.End == nil:
		from := *s.Start
		if from < 0 {
			from += n
		}
		from = max(from, 0)
		for j := from; j < n && e.err == nil; j++ {
			e.index(j, i, a, false)
		}
	case s.Start != nil:
		from, to := *s.Start, min(*s.End, n)
		if from >= to || n == 0 {
			return
		}
		for j := from; j < to && e.err == nil; j++ {
			e.index(j, i, a, false)
		}
	default:
		if n == 0 {
			return
		}
		to := *s.End
		if to < 0 {
			to += n
		}
		to = min(to, n)
		for j := 0; j < to && e.err == nil; j++ {
			e.index(j, i, a, false)
		}
	}
}

// scan is recursive descent with selector sel at position i: Jayway's
// ScanPathToken. Each object or array is tested against the selector
// before its members are visited, in order.
func (e *evaluator) scan(i int, sel Segment, v any) {
	if e.err != nil {
		return
	}
	switch x := v.(type) {
	case *jsonvalue.Object:
		if e.scanMatch(sel, i, x) {
			e.apply(sel, i, x, false)
		}
		for _, w := range x.All() {
			e.scan(i, sel, w)
			if e.err != nil {
				return
			}
		}
	case []any:
		if e.scanMatch(sel, i, x) {
			if e.leaf(i) {
				e.apply(sel, i, x, false)
			} else {
				// Jayway applies the segment after the selector to every
				// element, skipping the selector (see initQuirk).
				for idx, w := range x {
					if i+1 == e.quirkSeg {
						e.quirkIdx = idx
					}
					e.eval(i+1, w, false)
					if e.err != nil {
						return
					}
				}
			}
		}
		for _, w := range x {
			e.scan(i, sel, w)
			if e.err != nil {
				return
			}
		}
	}
}

// scanMatch is the test recursive descent applies to a container before
// applying the selector to it.
func (e *evaluator) scanMatch(sel Segment, i int, v any) bool {
	switch sel := sel.(type) {
	case Child:
		o, ok := v.(*jsonvalue.Object)
		if !ok {
			return false
		}
		_, has := o.Get(sel.Name)
		return has
	case Union:
		if _, names := sel.Items[0].(Child); !names {
			_, ok := v.([]any)
			return ok
		}
		o, ok := v.(*jsonvalue.Object)
		if !ok {
			return false
		}
		if !e.leaf(i) {
			return true
		}
		for _, it := range sel.Items {
			if _, has := o.Get(it.(Child).Name); !has {
				return false
			}
		}
		return true
	case Index, Slice:
		_, ok := v.([]any)
		return ok
	case Wildcard:
		return true
	case Filter:
		return e.accept(sel, v)
	}
	return false
}

// scanFunction evaluates $..x.f(): Jayway rewrites a path that starts with
// recursive descent and ends with a function into $.f($..x). The function
// is applied to model (the value the path is evaluated on) and takes the
// descent as its argument: length() counts the results of $..x[*]
// evaluated on model; the numeric functions use the numbers of model, if it
// is an array, followed by the numbers among the results of $..x evaluated
// on root, the document (the same value, except in a filter); keys() ignores
// its argument.
func scanFunction(p *Path, name string, arg []Segment, model, root any, require bool) (any, error) {
	eval := func(segs []Segment, on any) ([]any, error) {
		e := evaluator{path: p, segs: segs, root: root, require: require}
		e.initQuirk()
		e.eval(0, on, true)
		return e.out, e.err
	}
	switch name {
	case "length":
		segs := make([]Segment, len(arg)+1)
		copy(segs, arg)
		segs[len(arg)] = Wildcard{}
		out, err := eval(segs, model)
		if err != nil {
			return nil, err
		}
		return jsonvalue.Int(int64(len(out))), nil
	case "keys":
		r, _ := callFunction(name, model)
		return r, nil
	}
	out, err := eval(arg, root)
	if err != nil {
		return nil, err
	}
	agg := aggregator{name: name}
	if a, ok := model.([]any); ok {
		for _, v := range a {
			agg.add(v)
		}
	}
	for _, v := range out {
		agg.add(v)
	}
	r, msg := agg.result()
	if msg != "" {
		return nil, &EvalError{Path: p, Msg: msg}
	}
	return r, nil
}

// sub evaluates a path found inside a filter on start, with the document
// root of e. It reports the value (for a definite path) or the list of
// matches, found=false when Jayway would raise PathNotFoundException, and
// any other error in e.
func (e *evaluator) sub(segs []Segment, start any, require bool) (v any, found bool) {
	// Fast path for chains of members and indexes.
	simple := true
	for _, s := range segs {
		switch s.(type) {
		case Child, Index:
		default:
			simple = false
		}
	}
	if simple {
		v = start
		for _, s := range segs {
			switch s := s.(type) {
			case Child:
				o, ok := v.(*jsonvalue.Object)
				if !ok {
					return nil, false
				}
				if v, ok = o.Get(s.Name); !ok {
					return nil, false
				}
			case Index:
				if s.I > math.MaxInt32 || s.I < math.MinInt32 {
					e.fail(indexRangeError(e.path, s.I).Msg)
					return nil, false
				}
				a, ok := v.([]any)
				if !ok {
					return nil, false
				}
				j := s.I
				if j < 0 {
					j += len(a)
				}
				if j < 0 || j >= len(a) {
					return nil, false
				}
				v = a[j]
			}
		}
		return v, true
	}
	if err := checkRanges(e.path, segs); err != nil {
		e.fail(err.Error())
		return nil, false
	}
	if len(segs) >= 2 {
		if _, ok := segs[0].(Descend); ok {
			if f, ok := segs[len(segs)-1].(Func); ok {
				r, err := scanFunction(e.path, f.Name, segs[:len(segs)-1], start, e.root, require)
				if err != nil {
					if err != errNotFound {
						e.fail(err.Error())
					}
					return nil, false
				}
				return r, true
			}
		}
	}
	s := evaluator{path: e.path, segs: segs, root: e.root, require: require}
	s.initQuirk()
	s.eval(0, start, true)
	if s.err != nil {
		if s.err != errNotFound {
			e.fail(s.err.Error())
		}
		return nil, false
	}
	if jaywayDefinite(segs) {
		if len(s.out) == 0 {
			return nil, false
		}
		return s.out[len(s.out)-1], true
	}
	if s.out == nil {
		return []any{}, true
	}
	return s.out, true
}
