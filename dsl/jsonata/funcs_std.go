package jsonata

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// numArg returns argument i as a number, undefined as ok=false, and a
// T0410 error for any other type.
func numArg(name string, a []any, i, pos int) (float64, bool, error) {
	if a[i] == undefined {
		return 0, false, nil
	}
	f, ok := num(a[i])
	if !ok {
		return 0, false, rterr("T0410", pos, "argument %d of function %q does not match function signature", i+1, name)
	}
	return f, true, nil
}

// strArg returns argument i as a string, like numArg.
func strArg(name string, a []any, i, pos int) (string, bool, error) {
	if a[i] == undefined {
		return "", false, nil
	}
	s, ok := a[i].(string)
	if !ok {
		return "", false, rterr("T0410", pos, "argument %d of function %q does not match function signature", i+1, name)
	}
	return s, true, nil
}

func numFn(name string, f func(float64) float64) {
	def(name, func(_ *evaluator, a []any, pos int) (any, error) {
		x, ok, err := numArg(name, a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		return f(x), nil
	})
}

// roundHalfEven rounds to the given number of decimal places, halves to
// even, as $round does.
func roundHalfEven(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	v := x * p
	r := math.RoundToEven(v)
	// Guard against representation error such as 2.675*100 = 267.49999.
	if s, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64); err == nil {
		r = math.RoundToEven(s)
	}
	return r / p
}

// defineStd defines built-in functions; builtins calls it, once.
func defineStd() {
	numFn("abs", math.Abs)
	numFn("floor", math.Floor)
	numFn("ceil", math.Ceil)
	def("sqrt", func(_ *evaluator, a []any, pos int) (any, error) {
		x, ok, err := numArg("sqrt", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		if x < 0 {
			return nil, rterr("D3060", pos, "the sqrt function cannot be applied to a negative number: %v", x)
		}
		return math.Sqrt(x), nil
	})
	def("power", func(_ *evaluator, a []any, pos int) (any, error) {
		x, ok, err := numArg("power", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		y, _, err := numArg("power", a, 1, pos)
		if err != nil {
			return nil, err
		}
		r := math.Pow(x, y)
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return nil, rterr("D3061", pos, "the power function has resulted in a value that cannot be represented as a JSON number")
		}
		return r, nil
	})
	def("round", func(_ *evaluator, a []any, pos int) (any, error) {
		x, ok, err := numArg("round", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		p, _, err := numArg("round", a, 1, pos)
		if err != nil {
			return nil, err
		}
		return roundHalfEven(x, int(p)), nil
	})
	def("number", func(_ *evaluator, a []any, pos int) (any, error) {
		switch v := a[0].(type) {
		case *undefinedType:
			return undefined, nil
		case float64, jsonvalue.Number:
			return v, nil
		case bool:
			if v {
				return 1.0, nil
			}
			return 0.0, nil
		case string:
			if f, ok := parseJSONataNumber(v); ok {
				return f, nil
			}
			return nil, rterr("D3030", pos, "unable to cast value to a number: %q", v)
		}
		return nil, rterr("T0410", pos, "argument 1 of function \"number\" does not match function signature")
	})
	def("substring", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("substring", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		start, _, err := numArg("substring", a, 1, pos)
		if err != nil {
			return nil, err
		}
		rs := []rune(s)
		n := len(rs)
		st := int(start)
		if st < 0 {
			st = max(n+st, 0)
		}
		if st > n {
			return "", nil
		}
		end := n
		if a[2] != undefined {
			l, _, err := numArg("substring", a, 2, pos)
			if err != nil {
				return nil, err
			}
			if l <= 0 {
				return "", nil
			}
			end = min(st+int(l), n)
		}
		return string(rs[st:end]), nil
	})
	def("substringBefore", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("substringBefore", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		t, _, err := strArg("substringBefore", a, 1, pos)
		if err != nil {
			return nil, err
		}
		if i := strings.Index(s, t); i >= 0 {
			return s[:i], nil
		}
		return s, nil
	})
	def("substringAfter", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("substringAfter", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		t, _, err := strArg("substringAfter", a, 1, pos)
		if err != nil {
			return nil, err
		}
		if i := strings.Index(s, t); i >= 0 {
			return s[i+len(t):], nil
		}
		return s, nil
	})
	def("join", func(_ *evaluator, a []any, pos int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		sep, _, err := strArg("join", a, 1, pos)
		if err != nil {
			return nil, err
		}
		var parts []string
		for _, x := range items(a[0]) {
			s, ok := x.(string)
			if !ok {
				return nil, rterr("T0412", pos, "argument 1 of function \"join\" must be an array of strings")
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, sep), nil
	})
	def("reverse", func(_ *evaluator, a []any, _ int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		in := items(a[0])
		out := make([]any, len(in))
		for i, x := range in {
			out[len(in)-1-i] = x
		}
		return out, nil
	})
	def("distinct", func(_ *evaluator, a []any, _ int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		if _, isArr := a[0].([]any); !isArr {
			return a[0], nil
		}
		var out []any
	next:
		for _, x := range items(a[0]) {
			for _, y := range out {
				if deepEqual(x, y) {
					continue next
				}
			}
			out = append(out, x)
		}
		return out, nil
	})
	def("type", func(_ *evaluator, a []any, _ int) (any, error) {
		switch a[0].(type) {
		case *undefinedType:
			return undefined, nil
		case Function:
			return "function", nil
		case float64:
			return "number", nil
		}
		return jsonvalue.Kind(a[0]), nil
	})
	def("lookup", func(_ *evaluator, a []any, pos int) (any, error) {
		k, _, err := strArg("lookup", a, 1, pos)
		if err != nil {
			return nil, err
		}
		var out []any
		for _, x := range items(a[0]) {
			if o, ok := x.(*jsonvalue.Object); ok {
				if v, ok := o.Get(k); ok {
					out = append(out, items(v)...)
				}
			}
		}
		return &sequence{items: out}, nil
	})
	def("merge", func(_ *evaluator, a []any, pos int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		out := jsonvalue.NewObject(0)
		for _, x := range items(a[0]) {
			o, ok := x.(*jsonvalue.Object)
			if !ok {
				return nil, rterr("T0412", pos, "argument 1 of function \"merge\" must be an array of objects")
			}
			for k, v := range o.All() {
				out.Set(k, v)
			}
		}
		return out, nil
	})
	def("spread", func(_ *evaluator, a []any, _ int) (any, error) {
		var out []any
		for _, x := range items(a[0]) {
			o, ok := x.(*jsonvalue.Object)
			if !ok {
				out = append(out, x)
				continue
			}
			for k, v := range o.All() {
				p := jsonvalue.NewObject(1)
				p.Set(k, v)
				out = append(out, p)
			}
		}
		return &sequence{items: out}, nil
	})
	def("each", func(ev *evaluator, a []any, pos int) (any, error) {
		o, ok := a[0].(*jsonvalue.Object)
		if !ok {
			return undefined, nil
		}
		var out []any
		for k, v := range o.All() {
			r, err := ev.invokeHOF(a[1], []any{v, k, o}, o, pos)
			if err != nil {
				return nil, err
			}
			if r = finish(r); r != undefined {
				out = append(out, r)
			}
		}
		return &sequence{items: out}, nil
	})
	def("reduce", func(ev *evaluator, a []any, pos int) (any, error) {
		if fn, ok := a[1].(Function); ok && fn.arity() < 2 {
			return nil, rterr("D3050", pos, "the second argument of reduce function must be a function with at least two arguments")
		}
		in := items(a[0])
		if len(in) == 0 {
			return a[2], nil
		}
		acc, first := a[2], 0
		if acc == undefined {
			acc, in, first = in[0], in[1:], 1
		}
		for i, x := range in {
			r, err := ev.invokeHOF(a[1], []any{acc, x, float64(i + first), a[0]}, x, pos)
			if err != nil {
				return nil, err
			}
			acc = finish(r)
		}
		return acc, nil
	})
	def("sort", func(ev *evaluator, a []any, pos int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		in := append([]any{}, items(a[0])...)
		// after reports whether x sorts after y.
		after := func(x, y any) (bool, error) {
			if a[1] != undefined {
				r, err := ev.invoke(a[1], []any{x, y}, undefined, pos)
				if err != nil {
					return false, err
				}
				return truthy(r), nil
			}
			xf, xn := num(x)
			yf, yn := num(y)
			if xn && yn {
				return xf > yf, nil
			}
			xs, xok := x.(string)
			ys, yok := y.(string)
			if xok && yok {
				return xs > ys, nil
			}
			return false, rterr("D3070", pos, "the single argument form of the sort function can only be applied to an array of strings or an array of numbers")
		}
		return mergeSort(in, after)
	})
	def("zip", func(_ *evaluator, a []any, _ int) (any, error) {
		var lists [][]any
		n := math.MaxInt
		for _, x := range a {
			if x == undefined {
				return []any{}, nil
			}
			l := items(x)
			lists = append(lists, l)
			n = min(n, len(l))
		}
		if len(lists) == 0 {
			return []any{}, nil
		}
		out := make([]any, 0, n)
		for i := 0; i < n; i++ {
			row := make([]any, len(lists))
			for j, l := range lists {
				row[j] = l[i]
			}
			out = append(out, row)
		}
		return out, nil
	})
	def("pad", func(_ *evaluator, a []any, pos int) (any, error) {
		s, ok, err := strArg("pad", a, 0, pos)
		if err != nil || !ok {
			return undefined, err
		}
		w, _, err := numArg("pad", a, 1, pos)
		if err != nil {
			return nil, err
		}
		ch := " "
		if a[2] != undefined {
			if ch, _, err = strArg("pad", a, 2, pos); err != nil {
				return nil, err
			}
		}
		if ch == "" {
			ch = " "
		}
		n := int(math.Abs(w)) - utf8.RuneCountInString(s)
		if n <= 0 {
			return s, nil
		}
		pad := []rune(strings.Repeat(ch, n))[:n]
		if w < 0 {
			return string(pad) + s, nil
		}
		return s + string(pad), nil
	})
	def("single", func(ev *evaluator, a []any, pos int) (any, error) {
		if a[0] == undefined {
			return undefined, nil
		}
		var found []any
		for i, x := range items(a[0]) {
			keep := true
			if a[1] != undefined {
				r, err := ev.invokeHOF(a[1], []any{x, float64(i), a[0]}, x, pos)
				if err != nil {
					return nil, err
				}
				keep = truthy(r)
			}
			if keep {
				found = append(found, x)
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 0:
			return nil, rterr("D3139", pos, "the $single() function expected exactly 1 matching result; instead it found none")
		}
		return nil, rterr("D3138", pos, "the $single() function expected exactly 1 matching result; instead it matched more")
	})
	def("error", func(_ *evaluator, a []any, pos int) (any, error) {
		msg := "$error() function evaluated"
		if s, ok := a[0].(string); ok {
			msg = s
		}
		return nil, rterr("D3137", pos, "%s", msg)
	})
	def("assert", func(_ *evaluator, a []any, pos int) (any, error) {
		b, ok := a[0].(bool)
		if !ok {
			return nil, rterr("T0410", pos, "argument 1 of function \"assert\" does not match function signature")
		}
		if !b {
			msg := "$assert() statement failed"
			if s, ok := a[1].(string); ok {
				msg = s
			}
			return nil, rterr("D3141", pos, "%s", msg)
		}
		return undefined, nil
	})
}

// mergeSort sorts stably with a comparator that says whether its first
// argument sorts after its second, calling it as the reference does, so
// that comparators that are not consistent give the reference's order.
func mergeSort(in []any, after func(x, y any) (bool, error)) ([]any, error) {
	if len(in) <= 1 {
		return in, nil
	}
	mid := len(in) / 2
	l, err := mergeSort(in[:mid:mid], after)
	if err != nil {
		return nil, err
	}
	r, err := mergeSort(in[mid:], after)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(in))
	for len(l) > 0 && len(r) > 0 {
		swap, err := after(l[0], r[0])
		if err != nil {
			return nil, err
		}
		if swap {
			out, r = append(out, r[0]), r[1:]
		} else {
			out, l = append(out, l[0]), l[1:]
		}
	}
	out = append(out, l...)
	return append(out, r...), nil
}

// parseJSONataNumber parses a string as $number does: JSON number syntax,
// plus hexadecimal, octal and binary literals.
func parseJSONataNumber(s string) (float64, bool) {
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			n, err := strconv.ParseUint(s[2:], base, 64)
			return float64(n), err == nil
		}
	}
	if !decimalNumber().MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsInf(f, 0)
}

// decimalNumber is the decimal syntax $number accepts: JSON's, except
// that leading zeros are allowed.
var decimalNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$`) }) // compiled on first use
