package shape

import (
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/jsonpath"
)

// problem is something wrong found while following a path through shapes.
type problem struct {
	sev Severity
	msg string // without the path text
	// at is the canonical text of the path up to the segment concerned; a
	// Choice uses it to drop "may be absent" warnings on paths it tests
	// with IsPresent or IsNull.
	at string
}

// walker follows one path through a shape.
type walker struct {
	p       *jsonpath.Path
	varName string // the workflow variable the path starts from, if any
	probs   []problem
}

// Select returns the shape of the value that path p selects from a value
// of shape root, as Step Functions evaluates it (Jayway JsonPath): a
// definite path selects one value, an indefinite one (wildcards, slices,
// filters, recursive descent, index unions) an array of its matches. It
// also returns the problems found, each as a message that begins with the
// path's canonical text: errors where the path can select nothing (a
// member a closed object does not have, a member of a string, an index of
// an object), warnings where it may select nothing (an Optional member, a
// member of a value that may be null, a member only some alternatives of a
// union have). Paths into Unknown and open objects yield Unknown without
// problems. Filters are not checked. The findings have only Severity, Path
// and Message set. A path that cannot select anything yields Unknown, so
// that one mistake is reported once.
func Select(root *Shape, p *jsonpath.Path) (*Shape, []Finding) {
	res, probs := selectPath(root, p)
	text := p.String()
	var out []Finding
	for _, pr := range probs {
		out = append(out, Finding{Severity: pr.sev, Path: text, Message: text + ": " + pr.msg})
	}
	return res, out
}

// selectPath is Select with problems not yet turned into findings.
func selectPath(root *Shape, p *jsonpath.Path) (*Shape, []problem) {
	return selectPathVar(root, p, "")
}

// selectPathVar is selectPath for a path that starts from workflow
// variable varName (p then holds the steps after the name, rooted at $),
// so that messages name the variable.
func selectPathVar(root *Shape, p *jsonpath.Path, varName string) (*Shape, []problem) {
	w := &walker{p: p, varName: varName}
	res, fail := w.sel(norm(root), 0, true)
	if fail != nil {
		w.probs = append(w.probs, *fail)
		return unknownShape, w.probs
	}
	if !definite(p) {
		// An indefinite path selects the list of its matches, unless a
		// function at its end aggregates them.
		if n := len(p.Segments); n == 0 || !isFunc(p.Segments[n-1]) {
			res = ArrayOf(res)
		}
	}
	return norm(res), w.probs
}

func isFunc(s jsonpath.Segment) bool {
	_, ok := s.(jsonpath.Func)
	return ok
}

// definite reports whether p selects one value in Jayway's sense: members
// and indexes, with a union of names or a function allowed last.
func definite(p *jsonpath.Path) bool {
	for i, s := range p.Segments {
		switch s := s.(type) {
		case jsonpath.Child, jsonpath.Index:
		case jsonpath.Func:
			if i != len(p.Segments)-1 {
				return false
			}
		case jsonpath.Union:
			if _, names := s.Items[0].(jsonpath.Child); !names || i != len(p.Segments)-1 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// prefixText is the canonical text of the path's first n segments.
func (w *walker) prefixText(n int) string {
	t := (&jsonpath.Path{Context: w.p.Context, Segments: w.p.Segments[:n]}).String()
	if w.varName != "" {
		t = "$" + w.varName + t[1:]
	}
	return t
}

// prefixName names the value the first n segments select, for messages:
// "total" for $.total, "$" for the root.
func (w *walker) prefixName(n int) string {
	return displayName(w.prefixText(n))
}

func displayName(s string) string {
	for _, p := range []string{"$$.", "$."} {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

func (w *walker) fail(n int, format string, args ...string) *problem {
	return &problem{sev: Error, msg: sprintf(format, args...), at: w.prefixText(n)}
}

func (w *walker) warn(n int, format string, args ...string) {
	w.probs = append(w.probs, problem{sev: Warning, msg: sprintf(format, args...), at: w.prefixText(n)})
}

// sprintf substitutes %s in format with args in order.
func sprintf(format string, args ...string) string {
	var b strings.Builder
	for {
		i := strings.Index(format, "%s")
		if i < 0 || len(args) == 0 {
			b.WriteString(format)
			return b.String()
		}
		b.WriteString(format[:i])
		b.WriteString(args[0])
		args = args[1:]
		format = format[i+2:]
	}
}

// funcResult is the shape a Jayway path function returns.
func funcResult(name string) *Shape {
	switch name {
	case "length":
		return integerShape
	case "keys":
		return ArrayOf(stringShape)
	}
	return numberShape
}

// sel follows segments i... from a value of shape s. def reports that the
// segments before i were all definite. It returns the union of the shapes
// of the values selected (nil: nothing), or a failure when nothing can be
// selected because of what the shapes say.
func (w *walker) sel(s *Shape, i int, def bool) (*Shape, *problem) {
	segs := w.p.Segments
	if i == len(segs) {
		return s, nil
	}
	if f, ok := segs[i].(jsonpath.Func); ok {
		return funcResult(f.Name), nil
	}
	if s.kind == KindUnknown {
		if f, ok := segs[len(segs)-1].(jsonpath.Func); ok {
			return funcResult(f.Name), nil
		}
		return unknownShape, nil
	}
	if s.kind == KindUnion {
		return w.selUnion(s, i, def)
	}
	switch seg := segs[i].(type) {
	case jsonpath.Child:
		return w.child(s, seg.Name, i, def)
	case jsonpath.Index:
		switch s.kind {
		case KindArray:
			return w.sel(s.elem, i+1, def)
		case KindTuple:
			j := seg.I
			if j < 0 {
				j += len(s.elems)
			}
			if j < 0 || j >= len(s.elems) {
				return nil, w.fail(i+1, "%s has %s elements, so no index %s", w.prefixName(i), strconv.Itoa(len(s.elems)), strconv.Itoa(seg.I))
			}
			return w.sel(s.elems[j], i+1, def)
		}
		return nil, w.notA(s, i, "an array")
	case jsonpath.Slice:
		switch s.kind {
		case KindArray:
			return w.sel(s.elem, i+1, false)
		case KindTuple:
			return w.each(s.elems, i+1)
		}
		if def {
			return nil, w.notA(s, i, "an array")
		}
		return nil, nil
	case jsonpath.Union:
		if _, names := seg.Items[0].(jsonpath.Child); names {
			return w.names(s, seg, i, def)
		}
		switch s.kind {
		case KindArray:
			return w.sel(s.elem, i+1, false)
		case KindTuple:
			var sub []*Shape
			for _, it := range seg.Items {
				j := it.(jsonpath.Index).I
				if j < 0 {
					j += len(s.elems)
				}
				if j >= 0 && j < len(s.elems) {
					sub = append(sub, s.elems[j])
				}
			}
			return w.each(sub, i+1)
		}
		if def {
			return nil, w.notA(s, i, "an array")
		}
		return nil, nil
	case jsonpath.Wildcard:
		switch s.kind {
		case KindArray:
			return w.sel(s.elem, i+1, false)
		case KindTuple:
			return w.each(s.elems, i+1)
		case KindObject:
			var sub []*Shape
			for _, f := range s.fields {
				sub = append(sub, f.Shape)
			}
			if s.open {
				sub = append(sub, s.elem)
			}
			return w.each(sub, i+1)
		}
		return nil, nil
	case jsonpath.Filter:
		switch s.kind {
		case KindArray:
			return w.sel(s.elem, i+1, false)
		case KindTuple:
			return w.each(s.elems, i+1)
		case KindObject:
			return w.sel(s, i+1, false)
		}
		return nil, nil
	case jsonpath.Descend:
		return w.descend(s, seg.Sel, i)
	}
	return unknownShape, nil
}

// notA is the failure of segment i, which needs want, on a value of shape s.
func (w *walker) notA(s *Shape, i int, want string) *problem {
	return w.fail(i+1, "%s is %s, not %s", w.prefixName(i), s.String(), want)
}

// each follows segments i... from each of shapes, in an indefinite
// context, and joins what they select. It fails only when every shape
// fails.
func (w *walker) each(shapes []*Shape, i int) (*Shape, *problem) {
	var out *Shape
	var first *problem
	for _, s := range shapes {
		r, f := w.sel(s, i, false)
		if f != nil {
			if first == nil {
				first = f
			}
			continue
		}
		out = join(out, r)
	}
	if out == nil && first != nil {
		return nil, first
	}
	return out, nil
}

// selUnion follows segments i... from each alternative of a union.
func (w *walker) selUnion(s *Shape, i int, def bool) (*Shape, *problem) {
	var out *Shape
	var fails []*problem
	null := false
	selected := false
	mark := len(w.probs) // warnings about this value go before those about its members
	for _, a := range s.elems {
		if a.kind == KindNull {
			null = true
			continue
		}
		r, f := w.sel(a, i, def)
		if f != nil {
			fails = append(fails, f)
			continue
		}
		selected = true
		out = join(out, r)
	}
	switch {
	case !selected && len(fails) > 0:
		return nil, fails[0]
	case !selected && null:
		return nil, w.fail(i, "%s is null", w.prefixName(i))
	}
	if def {
		inner := append([]problem(nil), w.probs[mark:]...)
		w.probs = w.probs[:mark]
		if null {
			w.warn(i, "%s may be null", w.prefixName(i))
		}
		if len(fails) > 0 {
			w.warn(i, "may be absent: %s", fails[0].msg)
		}
		w.probs = append(w.probs, inner...)
	}
	return out, nil
}

// child follows member name of an object.
func (w *walker) child(s *Shape, name string, i int, def bool) (*Shape, *problem) {
	if s.kind != KindObject {
		if s.kind == KindNull {
			return nil, w.fail(i+1, "%s is null, not an object", w.prefixName(i))
		}
		return nil, w.notA(s, i, "an object")
	}
	if f, ok := s.Field(name); ok {
		if f.Optional && def {
			w.warn(i+1, "field %s of %s may be absent", strconv.Quote(name), s.String())
		}
		return w.sel(f.Shape, i+1, def)
	}
	if s.open {
		return w.sel(s.elem, i+1, def)
	}
	return nil, w.fail(i+1, "no field %s in %s%s", strconv.Quote(name), s.String(), didYouMean(name, s))
}

// names applies a union of member names ($['a','b']). As the last segment
// it selects one object of the members present; elsewhere each member is
// followed.
func (w *walker) names(s *Shape, u jsonpath.Union, i int, def bool) (*Shape, *problem) {
	if s.kind != KindObject {
		if def {
			return nil, w.notA(s, i, "an object")
		}
		return nil, nil
	}
	last := i == len(w.p.Segments)-1
	var fields []Field
	var sub []*Shape
	for _, it := range u.Items {
		name := it.(jsonpath.Child).Name
		f, ok := s.Field(name)
		switch {
		case ok:
		case s.open:
			f = Field{Name: name, Shape: s.elem, Optional: true}
		default:
			w.probs = append(w.probs, *w.fail(i+1, "no field %s in %s%s", strconv.Quote(name), s.String(), didYouMean(name, s)))
			continue
		}
		fields = append(fields, f)
		sub = append(sub, f.Shape)
	}
	if last {
		return ObjectOf(fields, false), nil
	}
	return w.each(sub, i+1)
}

// maxDescendants bounds the values recursive descent considers.
const maxDescendants = 256

// descend applies recursive descent ($..sel) at segment i.
func (w *walker) descend(s *Shape, sel jsonpath.Segment, i int) (*Shape, *problem) {
	var all []*Shape
	unknown := false
	var visit func(s *Shape, depth int)
	visit = func(s *Shape, depth int) {
		if unknown || len(all) >= maxDescendants || depth > 32 {
			unknown = true
			return
		}
		switch s.kind {
		case KindUnknown:
			unknown = true
		case KindUnion:
			for _, a := range s.elems {
				visit(a, depth)
			}
		case KindObject:
			if s.open && s.elem.kind == KindUnknown {
				unknown = true
				return
			}
			all = append(all, s)
			for _, f := range s.fields {
				visit(f.Shape, depth+1)
			}
			if s.open {
				visit(s.elem, depth+1)
			}
		case KindArray:
			all = append(all, s)
			visit(s.elem, depth+1)
		case KindTuple:
			all = append(all, s)
			for _, e := range s.elems {
				visit(e, depth+1)
			}
		}
	}
	visit(s, 0)
	if unknown {
		return unknownShape, nil
	}
	// Apply the selector to each container, without failures, then the
	// rest of the path.
	sw := &walker{p: &jsonpath.Path{Context: w.p.Context, Segments: append([]jsonpath.Segment{sel}, w.p.Segments[i+1:]...)}}
	var out *Shape
	for _, c := range all {
		if ch, ok := sel.(jsonpath.Child); ok {
			if _, has := c.Field(ch.Name); !has && !c.open {
				continue
			}
		}
		r, f := sw.sel(c, 0, false)
		if f == nil {
			out = join(out, r)
		}
	}
	return out, nil
}

// didYouMean suggests the member of object s closest to name, if close
// enough: ` (did you mean "amount"?)`.
func didYouMean(name string, s *Shape) string {
	n := len([]rune(name))
	if n > 64 {
		return ""
	}
	limit := min(1+n/4, 3)
	best, bestD := "", limit+1
	lname := strings.ToLower(name)
	for _, f := range s.fields {
		if m := len([]rune(f.Name)); m > n+limit || m < n-limit {
			continue
		}
		if d := editDistance(lname, strings.ToLower(f.Name)); d < bestD && d < n {
			best, bestD = f.Name, d
		}
	}
	if best == "" {
		// A lambda:invoke response: the function's result is its Payload.
		if p, ok := s.Field("Payload"); ok {
			if _, ok := norm(p.Shape).Field(name); ok && norm(p.Shape).kind == KindObject {
				return " (did you mean " + strconv.Quote("Payload."+name) + "?)"
			}
		}
		return ""
	}
	return " (did you mean " + strconv.Quote(best) + "?)"
}

// editDistance is the optimal string alignment distance between a and b,
// in runes: insertions, deletions, substitutions and transpositions of
// adjacent runes each count 1 ("qyt" is 1 from "qty").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// place returns the shape of a value of shape s after a value of shape r
// is placed at reference path p, as ResultPath does: missing members are
// created, a closed object gains the member, Unknown becomes an open
// object with it. It fails when the path runs into a scalar or into an
// object where an index is needed.
func place(s *Shape, p *jsonpath.Path, r *Shape) (*Shape, []problem) {
	w := &walker{p: p}
	out, fail := w.place(s, 0, r)
	if fail != nil {
		w.probs = append(w.probs, *fail)
		return unknownShape, w.probs
	}
	return out, w.probs
}

// place puts r at segments i... of a value of shape s (nil: absent).
func (w *walker) place(s *Shape, i int, r *Shape) (*Shape, *problem) {
	segs := w.p.Segments
	if i == len(segs) {
		return r, nil
	}
	if s != nil && s.kind == KindUnion {
		var out *Shape
		var first *problem
		for _, a := range s.elems {
			v, f := w.place(a, i, r)
			if f != nil {
				if first == nil {
					first = f
				}
				continue
			}
			out = join(out, v)
		}
		if out == nil {
			return nil, first
		}
		return out, nil
	}
	switch seg := segs[i].(type) {
	case jsonpath.Child:
		switch {
		case s == nil:
			v, f := w.place(nil, i+1, r)
			if f != nil {
				return nil, f
			}
			return ObjectOf([]Field{{Name: seg.Name, Shape: v}}, false), nil
		case s.kind == KindUnknown:
			v, f := w.place(unknownShape, i+1, r)
			if f != nil {
				return nil, f
			}
			return ObjectOf([]Field{{Name: seg.Name, Shape: v}}, true), nil
		case s.kind == KindObject:
			var old *Shape
			if f, ok := s.Field(seg.Name); ok {
				old = f.Shape
			} else if s.open {
				old = s.elem
			}
			v, f := w.place(old, i+1, r)
			if f != nil {
				return nil, f
			}
			c := &Shape{kind: KindObject, open: s.open, elem: s.elem}
			for _, f := range s.fields {
				c.setField(f)
			}
			c.setField(Field{Name: seg.Name, Shape: v})
			return sized(c), nil
		case s.kind == KindNull:
			return nil, w.fail(i+1, "%s is null, not an object", w.prefixName(i))
		}
		return nil, w.notA(s, i, "an object")
	case jsonpath.Index:
		switch {
		case s == nil:
			v, f := w.place(nil, i+1, r)
			if f != nil {
				return nil, f
			}
			return ArrayOf(v), nil
		case s.kind == KindUnknown:
			return unknownShape, nil
		case s.kind == KindArray:
			v, f := w.place(s.elem, i+1, r)
			if f != nil {
				return nil, f
			}
			return ArrayOf(Union(s.elem, v)), nil
		case s.kind == KindTuple:
			if seg.I > len(s.elems) {
				return nil, w.fail(i+1, "%s has %s elements, so no index %s", w.prefixName(i), strconv.Itoa(len(s.elems)), strconv.Itoa(seg.I))
			}
			var old *Shape
			if seg.I < len(s.elems) {
				old = s.elems[seg.I]
			}
			v, f := w.place(old, i+1, r)
			if f != nil {
				return nil, f
			}
			elems := append([]*Shape(nil), s.elems...)
			if seg.I == len(elems) {
				elems = append(elems, v)
			} else {
				elems[seg.I] = v
			}
			return TupleOf(elems...), nil
		case s.kind == KindNull:
			return nil, w.fail(i+1, "%s is null, not an array", w.prefixName(i))
		}
		return nil, w.notA(s, i, "an array")
	}
	return unknownShape, nil
}
