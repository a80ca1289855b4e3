package jsonata

import "github.com/aslgen/aslgen/dsl/jsonvalue"

// transformer is the function a transform expression |pattern|update,
// delete| denotes: it copies its argument, then updates (and deletes fields
// of) every object of the copy the pattern selects.
type transformer struct {
	node *Transform
	env  *env
}

func (t *transformer) arity() int { return 1 }

func (t *transformer) call(ev *evaluator, args []any, _ any, pos int) (any, error) {
	if len(args) == 0 || args[0] == undefined {
		return undefined, nil
	}
	obj := deepCopy(finish(args[0]))
	matches, err := ev.eval(t.node.Pattern, obj, t.env)
	if err != nil {
		return nil, err
	}
	for _, m := range items(finish(matches)) {
		o, ok := m.(*jsonvalue.Object)
		if !ok {
			continue
		}
		upd, err := ev.eval(t.node.Update, o, t.env)
		if err != nil {
			return nil, err
		}
		switch u := finish(upd).(type) {
		case *undefinedType:
		case *jsonvalue.Object:
			for k, v := range u.All() {
				o.Set(k, v)
			}
		default:
			return nil, rterr("T2011", t.node.Update.Pos(), "the insert/update clause of the transform expression must evaluate to an object")
		}
		if t.node.Delete == nil {
			continue
		}
		del, err := ev.eval(t.node.Delete, o, t.env)
		if err != nil {
			return nil, err
		}
		del = finish(del)
		if del == undefined {
			continue
		}
		for _, k := range items(del) {
			ks, ok := k.(string)
			if !ok {
				return nil, rterr("T2012", t.node.Delete.Pos(), "the delete clause of the transform expression must evaluate to a string or array of strings")
			}
			o.Delete(ks)
		}
	}
	return obj, nil
}

// deepCopy copies the arrays and objects of a value.
func deepCopy(v any) any {
	switch v := v.(type) {
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = deepCopy(x)
		}
		return out
	case *jsonvalue.Object:
		out := jsonvalue.NewObject(v.Len())
		for k, x := range v.All() {
			out.Set(k, deepCopy(x))
		}
		return out
	case *sequence:
		return deepCopy(finish(v))
	}
	return v
}
