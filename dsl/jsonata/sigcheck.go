package jsonata

import (
	"regexp"
	"strings"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// builtinSignatures are the type signatures of the built-in functions, as
// the JSONata documentation gives them, and its keys are the names of
// those functions: JSONata's, $clone (which jsonata-js defines for the
// transform operator) and those AWS Step Functions adds. A function's
// arguments are checked against its signature before it runs: this gives
// the reference's T0410/T0411/T0412 errors, supplies the context value for
// "-" parameters and wraps single values given for array parameters. The
// map is never written, so that it can be read without defining the
// functions (builtins).
var builtinSignatures = map[string]string{
	"sum": "<a<n>:n>", "count": "<a:n>", "max": "<a<n>:n>", "min": "<a<n>:n>", "average": "<a<n>:n>",
	"string": "<x-b?:s>", "length": "<s-:n>", "substring": "<s-nn?:s>", "substringBefore": "<s-s:s>",
	"substringAfter": "<s-s:s>", "lowercase": "<s-:s>", "uppercase": "<s-:s>", "trim": "<s-:s>",
	"pad": "<s-ns?:s>", "contains": "<s-(sf):b>", "split": "<s-(sf)n?:a<s>>", "join": "<a<s>s?:s>",
	"match": "<s-f<s:o>n?:a<o>>", "replace": "<s-(sf)(sf)n?:s>",
	"number": "<(nsb)-:n>", "abs": "<n-:n>", "floor": "<n-:n>", "ceil": "<n-:n>", "round": "<n-n?:n>",
	"power": "<n-n:n>", "sqrt": "<n-:n>", "random": "<n?:n>", "formatNumber": "<n-so?:s>",
	"formatBase": "<n-n?:s>", "formatInteger": "<n-s:s>", "parseInteger": "<s-s:n>",
	"boolean": "<x-:b>", "not": "<x-:b>", "exists": "<x:b>",
	"keys": "<x-:a<s>>", "lookup": "<x-s:x>", "spread": "<x-:a<o>>", "merge": "<a<o>:o>",
	"sift": "<o-f?:o>", "each": "<o-f:a>", "error": "<s?:x>", "assert": "<bs?:x>", "type": "<x:s>",
	"append": "<xx:a>", "reverse": "<a:a>", "shuffle": "<a:a>", "distinct": "<x:x>", "sort": "<af?:a>",
	"zip": "<a+>", "map": "<af>", "filter": "<af>", "single": "<af?>", "reduce": "<afj?:j>",
	"fromMillis": "<n-s?s?:s>", "toMillis": "<s-s?:n>", "now": "<s?s?:s>", "millis": "<:n>",
	"encodeUrl": "<s-:s>", "encodeUrlComponent": "<s-:s>", "decodeUrl": "<s-:s>",
	"decodeUrlComponent": "<s-:s>", "base64encode": "<s-:s>", "base64decode": "<s-:s>",
	"eval": "<sx?:x>", "clone": "<(oa)-:o>",
	// The functions AWS Step Functions adds; its $random takes an optional
	// seed.
	"partition": "<an:a>", "range": "<nnn?:a<n>>", "hash": "<ss?:s>", "uuid": "<:s>", "parse": "<s:j>",
}

// sigMatcher checks arguments against a signature.
type sigMatcher struct {
	sig *Signature
	re  *regexp.Regexp
}

// parseSigText reads signature text such as "<s-n?:s>".
func parseSigText(text string) *Signature {
	offs := make([]int, len(text))
	for i := range offs {
		offs[i] = i
	}
	r := &sigReader{text: text, offs: offs, mk: func(off int, code, tok, msg string) *SyntaxError {
		return &SyntaxError{Input: text, Offset: off, Code: code, Token: tok, Msg: msg}
	}}
	sig := &Signature{Text: text}
	end := len(text)
	if end > 1 && text[end-1] == '>' {
		end--
	}
	if err := r.params(sig, 1, end, true); err != nil {
		panic("jsonata: bad built-in signature " + text + ": " + err.Error())
	}
	return sig
}

// typeClass is the set of value symbols a signature type accepts; every
// type but f also accepts m, a missing value.
func typeClass(t SigType) string {
	switch t.Symbol {
	case 'a', 'x':
		return "[asnblfom]"
	case 'j':
		return "[asnblom]"
	case 'u':
		return "[snblm]"
	case 'f':
		return "f"
	case '(':
		return "[" + t.Choice + "m]"
	}
	return "[" + string(t.Symbol) + "m]"
}

func newSigMatcher(sig *Signature) *sigMatcher {
	var b strings.Builder
	b.WriteString("^")
	for _, p := range sig.Params {
		b.WriteString("(")
		b.WriteString(typeClass(p.Type))
		switch {
		case p.Variadic:
			b.WriteString("+")
		case p.Optional, p.Context:
			b.WriteString("?")
		}
		b.WriteString(")")
	}
	b.WriteString("$")
	return &sigMatcher{sig: sig, re: regexp.MustCompile(b.String())}
}

// symbol is the one-letter type of a value used in signature matching.
func symbol(v any) byte {
	switch v.(type) {
	case *undefinedType:
		return 'm'
	case Function:
		return 'f'
	case string:
		return 's'
	case float64, jsonvalue.Number:
		return 'n'
	case bool:
		return 'b'
	case nil:
		return 'l'
	case []any, *sequence:
		return 'a'
	case *jsonvalue.Object:
		return 'o'
	}
	return 'x'
}

// check validates args, returning the arguments the function receives.
func (m *sigMatcher) check(name string, args []any, context any, pos int) ([]any, error) {
	syms := make([]byte, len(args))
	for i, a := range args {
		syms[i] = symbol(a)
	}
	loc := m.re.FindSubmatchIndex(syms)
	if loc == nil {
		return nil, m.mismatch(name, syms, pos)
	}
	// As in the reference, arguments are taken in order: a parameter that
	// matched nothing takes the context value (a "-" parameter when
	// arguments are missing) or else the next argument, which moves the
	// following parameters along.
	arg := func(i int) any {
		if i < len(args) {
			return args[i]
		}
		return undefined
	}
	out := make([]any, 0, len(m.sig.Params))
	ai := 0
	for i, p := range m.sig.Params {
		start, end := loc[2+2*i], loc[3+2*i]
		if start == end {
			if p.Context {
				ctx := finish(context)
				if !strings.ContainsRune(strings.Trim(typeClass(p.Type), "[]"), rune(symbol(ctx))) {
					return nil, rterr("T0411", pos, "context value is not a compatible type with argument %d of function %q", ai+1, name)
				}
				out = append(out, ctx)
				continue
			}
			out = append(out, arg(ai))
			ai++
			continue
		}
		for k := start; k < end; k++ {
			a := arg(ai)
			if p.Type.Symbol == 'a' && a != undefined {
				arr, isArr := a.([]any)
				if !isArr {
					arr = []any{a}
				}
				if p.Type.Elem != nil && len(arr) > 0 {
					want := p.Type.Elem.Symbol
					for _, x := range arr {
						if s := symbol(x); want != 'x' && s != want {
							return nil, rterr("T0412", pos, "argument %d of function %q must be an array of %s", ai+1, name, typeName(want))
						}
					}
				}
				a = arr
			}
			out = append(out, a)
			ai++
		}
	}
	return out, nil
}

// mismatch reports the first argument that cannot match.
func (m *sigMatcher) mismatch(name string, syms []byte, pos int) error {
	// The longest prefix of the arguments that some match could extend.
	for k := len(syms); k >= 0; k-- {
		var b strings.Builder
		b.WriteString("^")
		for _, p := range m.sig.Params {
			b.WriteString("(?:")
			b.WriteString(typeClass(p.Type))
			switch {
			case p.Variadic:
				b.WriteString("*")
			default:
				b.WriteString("?")
			}
			b.WriteString(")")
		}
		b.WriteString("$")
		if regexp.MustCompile(b.String()).Match(syms[:k]) {
			return rterr("T0410", pos, "argument %d of function %q does not match function signature", k+1, name)
		}
	}
	return rterr("T0410", pos, "argument 1 of function %q does not match function signature", name)
}

func typeName(s byte) string {
	switch s {
	case 'n':
		return "numbers"
	case 's':
		return "strings"
	case 'o':
		return "objects"
	case 'b':
		return "booleans"
	case 'a':
		return "arrays"
	case 'f':
		return "functions"
	}
	return "values"
}
