package shape

// Fits reports whether every value of shape s can be stored in a value of
// shape t, as when a task's computed input is decoded into its declared Go
// input type. When it cannot, why says where and how they differ, such as
// `.amount: string does not fit number` or `missing field "currency"`.
//
// Unknown on either side fits (untyped data never produces false errors).
// Integer fits Number, Timestamp fits String, but not the reverse (a
// fractional number does not decode into a Go int, nor an arbitrary string
// into a time.Time). Null fits only a shape that admits null. An object
// fits another when each of its members fits the member of the same name
// (or the element of an open target); members the target does not list
// are ignored, as encoding/json ignores them; a member the target requires
// (not Optional) is missing only when s is a closed object without it. A
// member that s has as Optional fits a required one: when it is absent,
// the target gets its zero value, which is what was left out. Arrays fit
// element-wise; a tuple fits an array when every element fits; an array
// fits a tuple never.
func (s *Shape) Fits(t *Shape) (ok bool, why string) {
	return fits(norm(s), norm(t), "")
}

func fits(s, t *Shape, at string) (bool, string) {
	if s.kind == KindUnknown || t.kind == KindUnknown {
		return true, ""
	}
	if s.kind == KindUnion {
		for _, a := range s.elems {
			if ok, why := fits(a, t, at); !ok {
				return false, why
			}
		}
		return true, ""
	}
	if t.kind == KindUnion {
		var first string
		for _, b := range t.elems {
			ok, why := fits(s, b, at)
			if ok {
				return true, ""
			}
			if first == "" && b.kind == s.kind {
				first = why
			}
		}
		if first != "" {
			return false, first
		}
		return false, mismatch(s, t, at)
	}
	switch t.kind {
	case KindNull, KindBool, KindString, KindInteger:
		if s.kind == t.kind || t.kind == KindString && s.kind == KindTimestamp {
			return true, ""
		}
		if t.kind == KindInteger && s.kind == KindNumber {
			return false, prefix(at) + "number may not be an integer"
		}
	case KindNumber:
		if s.kind == KindNumber || s.kind == KindInteger {
			return true, ""
		}
	case KindTimestamp:
		switch s.kind {
		case KindTimestamp:
			return true, ""
		case KindString:
			return false, prefix(at) + "string may not be an RFC 3339 timestamp"
		}
	case KindArray:
		switch s.kind {
		case KindArray:
			return fits(s.elem, t.elem, at+"[]")
		case KindTuple:
			for i, e := range s.elems {
				if ok, why := fits(e, t.elem, at+"["+itoa(i)+"]"); !ok {
					return false, why
				}
			}
			return true, ""
		}
	case KindTuple:
		if s.kind == KindTuple && len(s.elems) == len(t.elems) {
			for i, e := range s.elems {
				if ok, why := fits(e, t.elems[i], at+"["+itoa(i)+"]"); !ok {
					return false, why
				}
			}
			return true, ""
		}
	case KindObject:
		if s.kind == KindObject {
			return fitsObject(s, t, at)
		}
	}
	return false, mismatch(s, t, at)
}

func fitsObject(s, t *Shape, at string) (bool, string) {
	for _, f := range s.fields {
		g, ok := t.Field(f.Name)
		switch {
		case ok:
		case t.open:
			g = Field{Shape: t.elem}
		default:
			continue // dropped when decoding
		}
		if ok, why := fits(f.Shape, g.Shape, at+"."+memberPath(f.Name)); !ok {
			return false, why
		}
	}
	if s.open && t.open {
		if ok, why := fits(s.elem, t.elem, at+".*"); !ok {
			return false, why
		}
	}
	if !s.open {
		for _, g := range t.fields {
			if _, ok := s.Field(g.Name); !ok && !g.Optional {
				return false, prefix(at) + "missing field " + quote(g.Name) + " of " + t.String()
			}
		}
	}
	return true, ""
}

func mismatch(s, t *Shape, at string) string {
	if s.kind == KindNull {
		return prefix(at) + "may be null, which does not fit " + t.String()
	}
	return prefix(at) + s.String() + " does not fit " + t.String()
}

func prefix(at string) string {
	if at == "" {
		return ""
	}
	return at + ": "
}
