package jsonata

import "strings"

// Signature is the type signature of a function definition, such as
// <a<s>s?:s> in λ($arr, $sep)<a<s>s?:s>{...}. It lists the parameter types
// and, after ":", the result type.
type Signature struct {
	Offset int    // of "<"
	Text   string // as written, including the angle brackets
	Params []SigParam
	// Result is the declared result type, nil when absent. The reference
	// implementation does not check it.
	Result *SigType
}

// SigParam is one parameter of a Signature.
type SigParam struct {
	Type SigType
	// Optional is the ? modifier: the argument may be omitted.
	Optional bool
	// Variadic is the + modifier: one or more arguments of the type.
	Variadic bool
	// Context is the - modifier: when the argument is missing, the context
	// value is used.
	Context bool
}

// SigType is a type in a Signature.
type SigType struct {
	// Symbol is one of
	//
	//	b boolean   n number   s string   l null
	//	a array     o object   f function
	//	u any of b, n, s, l    j any JSON value    x anything
	//
	// or '(' for a choice group, whose symbols are in Choice.
	Symbol byte
	Choice string
	// Elem is the element type of a parameterized array, a<n>.
	Elem *SigType
	// Func is the signature of a parameterized function, f<n:n>.
	Func *Signature
}

// isTypeSymbol reports whether c is a type symbol of a signature.
func isTypeSymbol(c byte) bool { return strings.IndexByte("bnslaofujx", c) >= 0 }

// sigReader interprets signature text. text holds the characters of the
// signature's tokens (without white space or comments); offs holds the
// offset in the source of each byte of text.
type sigReader struct {
	text string
	offs []int
	mk   func(off int, code, tok, msg string) *SyntaxError
}

// parseSignature interprets a signature, "<...>".
//
// Like the reference implementation, it is lenient: characters that are not
// type symbols, modifiers or brackets are ignored, and so are the contents
// of type parameters and whatever follows the ":" that introduces the
// result type (Elem, Func and Result record what can be read there). The
// errors it reports are those of the reference: S0401 for type parameters
// on a type other than a or f, S0402 for a parameterized type in a choice
// group, and modifiers that cannot be combined (s?+).
func (p *parser) parseSignature(text string, offs []int) (*Signature, *SyntaxError) {
	r := &sigReader{text: text, offs: offs, mk: func(off int, code, tok, msg string) *SyntaxError {
		return p.lx.errAt(off, code, tok, msg)
	}}
	sig := &Signature{}
	end := len(text)
	if end > 1 && text[end-1] == '>' {
		end--
	}
	if err := r.params(sig, 1, end, true); err != nil {
		return nil, err
	}
	return sig, nil
}

// lenient reads the signature text[i:end] ignoring errors.
func (r *sigReader) lenient(i, end int) *Signature {
	sub := &Signature{Offset: r.offs[min(i, len(r.offs)-1)], Text: r.text[max(i-1, 0):min(end+1, len(r.text))]}
	r.params(sub, i, end, false)
	return sub
}

// matchAngle returns the index of the ">" closing the "<" at text[i], or
// end.
func (r *sigReader) matchAngle(i, end int) int {
	depth := 0
	for ; i < end; i++ {
		switch r.text[i] {
		case '<':
			depth++
		case '>':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return end
}

// params reads the parameters of a signature from text[i:end], the text
// between its angle brackets, into sig. check enables errors.
func (r *sigReader) params(sig *Signature, i, end int, check bool) *SyntaxError {
	text := r.text
	var mods []string // modifiers of each parameter, "-" read as "?"
	for i < end {
		c := text[i]
		switch {
		case c == ':':
			if res := r.lenient(i+1, end); len(res.Params) > 0 {
				t := res.Params[0].Type
				sig.Result = &t
			}
			i = end
		case isTypeSymbol(c):
			sig.Params = append(sig.Params, SigParam{Type: SigType{Symbol: c}})
			mods = append(mods, "")
			i++
		case c == '<':
			// Type parameters apply to the last parameter, which must be
			// an array or a function.
			n := len(sig.Params)
			if n == 0 || (sig.Params[n-1].Type.Symbol != 'a' && sig.Params[n-1].Type.Symbol != 'f') {
				if check {
					return r.mk(r.offs[i], codeTypeParameter, "<", "type parameters can only be applied to functions and arrays")
				}
				i++
				continue
			}
			t := &sig.Params[n-1].Type
			j := r.matchAngle(i, end)
			sub := r.lenient(i+1, j)
			if t.Symbol == 'f' {
				t.Func = sub
			} else if len(sub.Params) > 0 {
				e := sub.Params[0].Type
				t.Elem = &e
			}
			i = j + 1
		case c == '(':
			j := strings.IndexByte(text[i:end], ')')
			if j < 0 {
				j = end - i
			}
			inner := text[i+1 : i+j]
			if k := strings.IndexByte(inner, '<'); k >= 0 && check {
				return r.mk(r.offs[i+1+k], codeChoiceParameterized, "<", "choice groups containing parameterized types are not supported")
			}
			t := SigType{Symbol: '('}
			for k := 0; k < len(inner); k++ {
				if isTypeSymbol(inner[k]) {
					t.Choice += inner[k : k+1]
				}
			}
			i += j + 1
			sig.Params = append(sig.Params, SigParam{Type: t})
			mods = append(mods, "")
		case c == '+' || c == '?' || c == '-':
			if n := len(sig.Params); n > 0 {
				switch c {
				case '+':
					sig.Params[n-1].Variadic = true
					mods[n-1] += "+"
				case '?':
					sig.Params[n-1].Optional = true
					mods[n-1] += "?"
				case '-':
					sig.Params[n-1].Context = true
					mods[n-1] += "?"
				}
				if check {
					switch mods[n-1] {
					case "", "+", "?", "+?", "??":
					default:
						return r.mk(r.offs[i], "", text[i:i+1], "these modifiers cannot be combined in a function signature")
					}
				}
			}
			i++
		default:
			i++
		}
	}
	return nil
}
