package jsonata

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// sexpr renders a tree as a fully bracketed S-expression, to check its
// shape independently of Format.
func sexpr(n Node) string {
	switch n := n.(type) {
	case nil:
		return "nil"
	case *Number:
		return n.Text
	case *String:
		return fmt.Sprintf("%q", n.Value)
	case *Bool:
		return fmt.Sprint(n.Value)
	case *Null:
		return "null"
	case *Regex:
		return "/" + n.Pattern + "/" + n.Flags
	case *Name:
		if n.Quoted {
			return "`" + n.Value + "`"
		}
		return n.Value
	case *Variable:
		return "$" + n.Name
	case *Wildcard:
		return "*"
	case *Descendants:
		return "**"
	case *Parent:
		if n.Label == "" {
			return "%?"
		}
		return "%" + n.Label
	case *Placeholder:
		return "?"
	case *Path:
		parts := []string{"path"}
		for _, s := range n.Steps {
			parts = append(parts, sexprStep(s.Expr, s.Focus, s.Stages, s.KeepArray, s.Group)+anc(s.Ancestor))
		}
		if n.Group != nil {
			parts = append(parts, "group"+sexprPairs(n.Group.Pairs))
		}
		if n.KeepSingletonArray {
			parts = append(parts, "keep")
		}
		return "(" + strings.Join(parts, " ") + ")"
	case *Postfix:
		return "(postfix " + sexprStep(n.Expr, n.Focus, n.Stages, n.KeepArray, n.Group) + ")"
	case *Sort:
		parts := []string{"sort"}
		for _, t := range n.Terms {
			d := "<"
			if t.Descending {
				d = ">"
			}
			parts = append(parts, d+sexpr(t.Expr))
		}
		return "(" + strings.Join(parts, " ") + ")"
	case *Negate:
		return "(- " + sexpr(n.Expr) + ")"
	case *Binary:
		return "(" + string(n.Op) + " " + sexpr(n.Lhs) + " " + sexpr(n.Rhs) + ")"
	case *Apply:
		k := ""
		if n.KeepArray {
			k = " keep"
		}
		return "(~> " + sexpr(n.Lhs) + " " + sexpr(n.Rhs) + k + ")"
	case *Bind:
		return "(:= " + sexpr(n.Var) + " " + sexpr(n.Value) + ")"
	case *Condition:
		return "(? " + sexpr(n.Cond) + " " + sexpr(n.Then) + " " + sexpr(n.Else) + ")"
	case *Block:
		return "(block" + sexprList(n.Exprs) + ")"
	case *Array:
		return "[" + strings.TrimPrefix(sexprList(n.Items), " ") + "]"
	case *Range:
		return "(.. " + sexpr(n.Lo) + " " + sexpr(n.Hi) + ")"
	case *Object:
		return "(object" + sexprPairs(n.Pairs) + ")"
	case *Call:
		return "(call " + sexpr(n.Func) + sexprList(n.Args) + ")"
	case *Lambda:
		var ps []string
		for _, p := range n.Params {
			ps = append(ps, sexpr(p))
		}
		sig := ""
		if n.Signature != nil {
			sig = " " + n.Signature.Text
		}
		return "(lambda (" + strings.Join(ps, " ") + ")" + sig + " " + sexpr(n.Body) + ")"
	case *Transform:
		return "(| " + sexpr(n.Pattern) + " " + sexpr(n.Update) + " " + sexpr(n.Delete) + ")"
	}
	return fmt.Sprintf("<%T>", n)
}

func anc(label string) string {
	if label == "" {
		return ""
	}
	return "^" + label
}

func sexprList(ns []Node) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString(" " + sexpr(n))
	}
	return b.String()
}

func sexprPairs(ps []Pair) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, sexpr(p.Key)+":"+sexpr(p.Value))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func sexprStep(e Node, focus *Variable, stages []Stage, keep bool, g *Group) string {
	s := sexpr(e)
	if focus != nil {
		s += "@" + sexpr(focus)
	}
	for _, st := range stages {
		switch st := st.(type) {
		case *Predicate:
			s += "[" + sexpr(st.Expr) + "]"
		case *IndexBind:
			s += "#" + sexpr(st.Var)
		}
	}
	if keep {
		s += "[]"
	}
	if g != nil {
		s += sexprPairs(g.Pairs)
	}
	return s
}

func mustParse(t *testing.T, s string) *Expr {
	t.Helper()
	e, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return e
}

// TestTrees checks the shape of the tree for each construct and for the
// binding powers of the operators.
func TestTrees(t *testing.T) {
	tests := []struct{ in, want string }{
		// literals
		{`42`, `42`},
		{`-1.5e3`, `-1.5e3`},
		{`-(1)`, `(- (block 1))`},
		{`"a\"b\u00e9\ud834\udd1e"`, `"a\"bé𝄞"`},
		{`'it''s'`, ``}, // error, see TestErrors
		{`true`, `true`},
		{`null`, `null`},
		{`/a\/b/im`, `/a\/b/im`},
		// paths
		{`a`, `(path a)`},
		{`a.b.c`, `(path a b c)`},
		{"`a b`.c", "(path `a b` c)"},
		{`"a"."b"`, "(path `a` `b`)"},
		{`$`, `$`},
		{`$$.a`, `(path $$ a)`},
		{`$x.y`, `(path $x y)`},
		{`*.**`, `(path * **)`},
		{`a[0]`, `(path a[0])`},
		{`a[0][1]`, `(path a[0][1])`},
		{`a.b[c = 1].d`, `(path a b[(= (path c) 1)] d)`},
		{`a[]`, `(path a[] keep)`},
		{`a.b[].c`, `(path a b[] c keep)`},
		{`$x[0]`, `(postfix $x[0])`},
		{`(a.b)[0]`, `(postfix (block (path a b))[0])`},
		{`[1,2][0]`, `(postfix [1 2][0])`},
		{`$x[]`, `(postfix $x[])`},
		{`and.or.in`, `(path and or in)`},
		{`function.λ`, `(path function λ)`},
		// focus and index bindings, order-by
		{`a@$x.b`, `(path a@$x b)`},
		{`a#$i[0]`, `(path a#$i[0])`},
		{`a[0]#$i`, `(path a[0]#$i)`},
		{`a#$i#$j`, `(path a#$j)`},
		{`$#$i`, `(path $#$i)`},
		{`a^(b)`, `(path a (sort <(path b)))`},
		{`a.b^(>c, <d)[0]`, `(path a b (sort >(path c) <(path d))[0])`},
		{`a + b^(c)`, `(path (+ (path a) (path b)) (sort <(path c)))`},
		// grouping
		{`a{b: c}`, `(path a group{(path b):(path c)})`},
		{`a.b{"k": c}`, `(path a b group{"k":(path c)})`},
		{`$x{"k": 1}`, `(postfix $x{"k":1})`},
		{`{"k": 1}`, `(object{"k":1})`},
		// constructors and blocks
		{`[]`, `[]`},
		{`[1, [2], 3..5]`, `[1 [2] (.. 3 5)]`},
		{`{}`, `(object{})`},
		{`()`, `(block)`},
		{`(a; b;)`, `(block (path a) (path b))`},
		// functions
		{`$f()`, `(call $f)`},
		{`$f(1, ?)`, `(call $f 1 ?)`},
		{`$f(1)(2)`, `(call (call $f 1) 2)`},
		{`a.$f(b)`, `(path a (call $f (path b)))`},
		{`function($x, $y){$x + $y}`, `(lambda ($x $y) (+ $x $y))`},
		{`λ($x)<n:n>{$x}(1)`, `(call (lambda ($x) <n:n> $x) 1)`},
		{`a.function($x){$x}`, `(path a (lambda ($x) $x))`},
		{`|a|{"b": 1}|`, `(| (path a) (object{"b":1}) nil)`},
		{`|a|{}, ["c"]|`, `(| (path a) (object{}) ["c"])`},
		// operators and precedence
		{`1 + 2 * 3`, `(+ 1 (* 2 3))`},
		{`1 * 2 + 3`, `(+ (* 1 2) 3)`},
		{`1 - 2 - 3`, `(- (- 1 2) 3)`},
		{`8 / 4 % 3`, `(% (/ 8 4) 3)`},
		{`a & b + c`, `(+ (& (path a) (path b)) (path c))`},
		{`a & b * c`, `(& (path a) (* (path b) (path c)))`},
		{`a = b and c != d`, `(and (= (path a) (path b)) (!= (path c) (path d)))`},
		{`a or b and c`, `(or (path a) (and (path b) (path c)))`},
		{`a < b <= c`, `(<= (< (path a) (path b)) (path c))`},
		{`a in [1]`, `(in (path a) [1])`},
		{`-a.b`, `(- (path a b))`},
		{`-$x[0]`, `(- (postfix $x[0]))`},
		{`--1`, `--1`}, // folded like the reference: the literal 1
		{`a ? b : c`, `(? (path a) (path b) (path c))`},
		{`a ? b`, `(? (path a) (path b) nil)`},
		{`a ? b ? c : d : e`, `(? (path a) (? (path b) (path c) (path d)) (path e))`},
		{`a or b ? c : d`, `(? (or (path a) (path b)) (path c) (path d))`},
		{`a ?: b`, `(?: (path a) (path b))`},
		{`a ?? b ?? c`, `(?? (path a) (?? (path b) (path c)))`},
		{`a ?: b and c`, `(?: (path a) (and (path b) (path c)))`},
		{`x and a ?: b`, `(and (path x) (?: (path a) (path b)))`},
		{`$x := $y := 1 + 2`, `(:= $x (:= $y (+ 1 2)))`},
		{`$x[] := 1`, `(:= $x 1)`},
		{`a ~> $f() ~> $g`, `(~> (~> (path a) (call $f)) $g)`},
		{`a ~> $f()[]`, `(~> (path a) (postfix (call $f)[]) keep)`},
		{`a = b ~> $f()`, `(~> (= (path a) (path b)) (call $f))`},
		{`1 + 2 = 3`, `(= (+ 1 2) 3)`},
		// parent operator
		{`a.b.%`, `(path a b^%1 %%1)`},
		{`a.b.%.%`, `(path a^%2 b^%1 %%1 %%2)`},
		{`a.b[%.c = 1]`, `(path a b[(= (path %%1 c) 1)]^%1)`},
		{`a.b.{"x": %.c}`, `(path a b^%1 (object{"x":(path %%1 c)}))`},
		{`a.(b.c).%`, `(path a (block (path b c^%1)) %%1)`},
		{`a@$x.b@$y.%`, `(path a@$x^%1 b@$y %%1)`},
		{`a.b^(%.c)`, `(path a b^%1 (sort <(path %%1 c)))`},
		{`a.$f(function(){%})`, `(path a (call $f (lambda () %?)))`},
		{`a.*[%.x]`, `(path a *[(path %%1 x)]^%1)`},
		// comments and white space
		{"/* c */ a /* d */ . /**/ b", `(path a b)`},
		{"\ta\n+\r\nb ", `(+ (path a) (path b))`},
	}
	for _, tt := range tests {
		if tt.want == "" {
			continue
		}
		e, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := sexpr(e.Root); got != tt.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// TestErrors checks the error code and position of malformed input.
func TestErrors(t *testing.T) {
	tests := []struct {
		in     string
		code   string
		offset int
		msg    string // substring of the message
	}{
		{`"abc`, "S0101", 0, "terminated"},
		{`'it\'s'`, "S0103", 3, `\'`},
		{`"\u12x4"`, "S0104", 1, "4 hex digits"},
		{`1e400`, "S0102", 0, "out of range"},
		{"`abc", "S0105", 0, "backquote"},
		{`a /* b`, "S0106", 2, "comment"},
		{`a b`, "S0201", 2, `unexpected "b"`},
		{`a;`, "S0201", 1, `unexpected ";"`},
		{`[1, 2)`, "S0202", 5, `expected "]", got ")"`},
		{`$f(1`, "S0203", 4, `expected ")" before end`},
		{`a ! b`, "S0204", 2, "unknown operator: !"},
		{`1 +`, "S0207", 3, "unexpected end"},
		{`function(x){1}`, "S0208", 9, "variable"},
		{`a{b: c}[0]`, "", 0, ""}, // a predicate on a path's last step is allowed
		{`$x{"a": 1}[0]`, "S0209", 10, "grouping"},
		{`a{b: c}{d: e}`, "S0210", 7, "one grouping"},
		{`@a`, "S0211", 0, `"@" cannot be used as a unary`},
		{`a := 1`, "S0212", 2, ":="},
		{`a.1`, "S0213", 2, "literal value 1"},
		{`a.true`, "S0213", 2, "literal value true"},
		{`a@b`, "S0214", 1, `right side of "@"`},
		{`a#1`, "S0214", 1, `right side of "#"`},
		{`a[0]@$x`, "S0215", 5, "predicates"},
		{`a^(b)@$x`, "S0216", 6, "order-by"},
		{`%`, "S0217", 0, "parent"},
		{`$.%`, "S0217", 2, "parent"},
		{`a.b.%.%.%`, "S0217", 8, "parent"},
		{`//`, "S0301", 0, "empty regular expression"},
		{`/abc`, "S0302", 0, "no terminating /"},
		{`/+/`, "", 0, "nothing to repeat"},
		{`/[z-a]/`, "", 0, "range out of order"},
		{`/a/ii`, "", 4, "repeated regular expression flag"},
		{`λ($x)<n<n>>{1}`, "S0401", 8, "type parameters"}, // byte offsets: λ takes two
		{`λ($x)<(sa<n>)>{1}`, "S0402", 10, "choice groups"},
		{`λ($x)<s?+>{1}`, "", 9, "modifiers"},
		{`λ($x)<n{1}`, "S0202", 8, `expected ">"`},
		{`(/x/)`, "S0211", 1, `"/" cannot be used as a unary`}, // as in the reference
		{`a[] / 2`, "S0302", 4, "no terminating /"},            // idem
		{strings.Repeat("(", 2000), "", 1000, "nested too deeply"},
		{"", "S0207", 0, "unexpected end"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("Parse(%q): %v", tt.in, err)
			}
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, want *SyntaxError %s", tt.in, err, tt.code)
			continue
		}
		if se.Code != tt.code || se.Offset != tt.offset || !strings.Contains(se.Msg, tt.msg) || se.Input != tt.in {
			t.Errorf("Parse(%q) = %s %q at %d, want %s %q at %d", tt.in, se.Code, se.Msg, se.Offset, tt.code, tt.msg, tt.offset)
		}
		if want := fmt.Sprintf(" at column %d", tt.offset+1); !strings.HasSuffix(err.Error(), want) {
			t.Errorf("Parse(%q): error %q does not end with %q", tt.in, err, want)
		}
	}
}

// TestOffsets checks that nodes carry the offsets of their first
// character.
func TestOffsets(t *testing.T) {
	e := mustParse(t, `  $f(a.b, "s") + -c[0] ? {"k": 1} : λ($x){2}`)
	var got []string
	Inspect(e.Root, func(n Node) bool {
		got = append(got, fmt.Sprintf("%T@%d", n, n.Pos()))
		return true
	})
	want := "*jsonata.Condition@2 *jsonata.Binary@2 *jsonata.Call@2 *jsonata.Variable@2 " +
		"*jsonata.Path@5 *jsonata.Name@5 *jsonata.Name@7 *jsonata.String@10 *jsonata.Negate@17 " +
		"*jsonata.Path@18 *jsonata.Name@18 *jsonata.Number@20 *jsonata.Object@25 *jsonata.String@26 " +
		"*jsonata.Number@31 *jsonata.Lambda@36 *jsonata.Variable@39 *jsonata.Number@43"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("offsets\n got %s\nwant %s", g, want)
	}
}

// TestSignature checks the reading of function signatures.
func TestSignature(t *testing.T) {
	e := mustParse(t, `λ($a, $b, $c, $d)<a<n>s?(sn)-f<n:n>+:a<s>>{1}`)
	sig := e.Root.(*Lambda).Signature
	if sig.Text != "<a<n>s?(sn)-f<n:n>+:a<s>>" || sig.Offset != 18 {
		t.Errorf("signature text %q at %d", sig.Text, sig.Offset)
	}
	var got []string
	for _, p := range sig.Params {
		s := string(p.Type.Symbol) + p.Type.Choice
		if p.Type.Elem != nil {
			s += "<" + string(p.Type.Elem.Symbol) + ">"
		}
		if p.Type.Func != nil {
			s += p.Type.Func.Text
		}
		if p.Optional {
			s += "?"
		}
		if p.Context {
			s += "-"
		}
		if p.Variadic {
			s += "+"
		}
		got = append(got, s)
	}
	if g := strings.Join(got, " "); g != "a<n> s? (sn- f<n:n>+" {
		t.Errorf("params %s", g)
	}
	if sig.Result == nil || sig.Result.Symbol != 'a' || sig.Result.Elem == nil || sig.Result.Elem.Symbol != 's' {
		t.Errorf("result %+v", sig.Result)
	}
}

// TestStringEscapes checks the decoding of string literals.
func TestStringEscapes(t *testing.T) {
	tests := map[string]string{
		`"\"\\\/\b\f\n\r\t"`: "\"\\/\b\f\n\r\t",
		`'a"b'`:              `a"b`,
		`"\u00e9\u20AC"`:     "é€",
		`"\ud83d\ude00"`:     "😀",
		`"\ud800x"`:          "\xed\xa0\x80x", // lone surrogate kept as WTF-8
		"\"line\nbreak\"":    "line\nbreak",
	}
	for in, want := range tests {
		e := mustParse(t, in)
		if got := e.Root.(*String).Value; got != want {
			t.Errorf("Parse(%s) = %q, want %q", in, got, want)
		}
		if s := e.String(); mustParse(t, s).Root.(*String).Value != want {
			t.Errorf("Format(%s) = %s does not read back", in, s)
		}
	}
}

// TestJSONata20 checks the JSONata 2.0 dialect used by AWS.
func TestJSONata20(t *testing.T) {
	for _, s := range []string{"a ?: b", "a ?? b", "a?:b"} {
		if _, err := Parse(s); err != nil {
			t.Errorf("Parse(%q): %v", s, err)
		}
		_, err := ParseWith(s, Options{JSONata20: true})
		var se *SyntaxError
		if !errors.As(err, &se) || se.Code != "S0211" || !strings.Contains(se.Msg, "JSONata 2.0") {
			t.Errorf("ParseWith(%q, JSONata20) = %v, want S0211 mentioning JSONata 2.0", s, err)
		}
	}
	// ?: inside a signature is not the operator.
	if _, err := ParseWith(`λ($a, $s)<as?:s>{$s}`, Options{JSONata20: true}); err != nil {
		t.Errorf("signature with ?: in JSONata 2.0: %v", err)
	}
}

// TestFormat checks the canonical rendering.
func TestFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a.b  [ 0 ]`, `a.b[0]`},
		{`(1+2)*3`, `(1 + 2) * 3`},
		{`1+(2*3)`, `1 + (2 * 3)`},
		{`a-(b-c)`, `a - (b - c)`},
		{`$x:=$y:=1`, `$x := $y := 1`},
		{`a?(b?c):d`, `a ? (b ? c) : d`},
		{`{(a?b):c}`, `{(a ? b): c}`},
		{`'s'&"t"`, `"s" & "t"`},
		{"`a b`.c.`and`", "`a b`.c.`and`"},
		{`"a"{"x": 1}.b`, `"a"{"x": 1}.b`},
		{`a@$x[]`, `a@$x[]`},
		{`a[]@$x`, `a[]@$x`},
		{`$x{"k":1}#$i`, `$x{"k": 1}#$i`},
		{`a + b^(c)`, `a + b^(c)`},
		{`a^(b)(1)`, `a^(b)(1)`},
		{`(a.b)(1)`, `(a.b)(1)`},
		{`function($x)<n:n>{$x}`, `function($x)<n:n>{$x}`},
		{`|a|b, c|`, `|a|b, c|`},
		{`/* c */ [1..3]`, `[1..3]`},
	}
	for _, tt := range tests {
		e := mustParse(t, tt.in)
		got := e.String()
		if got != tt.want {
			t.Errorf("Format(%q) = %q, want %q", tt.in, got, tt.want)
		}
		e2 := mustParse(t, got)
		if sexpr(e2.Root) != sexpr(e.Root) {
			t.Errorf("Format(%q) = %q reads back as %s, want %s", tt.in, got, sexpr(e2.Root), sexpr(e.Root))
		}
	}
}

// TestReferenceBehaviour pins down behaviour of the reference
// implementation (jsonata-js 2.2.2 and 2.0.6, which AWS Step Functions
// runs) that differential testing against it revealed; code "" means the
// expression is accepted.
func TestReferenceBehaviour(t *testing.T) {
	tests := []struct{ in, code string }{
		// % references that the reference leaves unresolved.
		{`a[%.%.b]`, ""},
		{`{"a": %}.b`, ""},
		{`(%).a`, ""},
		{`$x[%]`, ""},
		{`a.b{"x": %.%.%}`, ""},
		{`$x{"x": %}`, ""},
		{`a ~> %`, ""},
		{`%#$i`, ""},
		{`%^(a)`, ""},
		{`%()`, ""},
		{`function(){%}`, ""},
		// ... and those it rejects.
		{`%.a`, "S0217"},
		{`$x[%.%]`, "S0217"},
		{`*[%.x]`, "S0217"},
		{`(a)[%.x]`, "S0217"},
		{`$f(%)`, "S0217"},
		{`a.**.%`, "S0217"},
		// Names end only at white space and operators.
		{`a"b"`, ""},
		{`$x'`, ""},
		{"a`b`", ""},
		// [] is transparent in some positions.
		{`$foo[] := 1`, ""},
		{`function($v[]){1}`, ""},
		{`λ[]($x){1}`, ""},
		// Signatures are read leniently.
		{`λ($x)<x*y z>{1}`, ""},
		{`λ($x)<a<n<n>>>{1}`, ""},
		{`λ($x)<s??s>{1}`, ""},
		// Where "/" starts a regular expression.
		{`(4) / 2`, ""},
		{`$f(4) / 2`, ""},
		{`a[0] / 2`, ""},
		{`{"a": 4} / 2`, ""},
		{`(/x/)`, "S0211"},
		{`[/x/]`, "S0211"},
		{`{/x/: 1}`, "S0211"},
		{`-/x/`, "S0211"},
		{`|/x/|{}|`, "S0211"},
		{`[1, /x/]`, ""},
		{`$f(/x/)`, ""},
		{`a[] / 2`, "S0302"},
		{`a^(b) / 2`, "S0302"},
		{`function($x){$x} / 2`, "S0302"},
		{`|a|b| / 2`, "S0302"},
		// Escapes cut short by the end of the input.
		{`"\`, "S0103"},
		{`"\u`, "S0104"},
		{`"\u12`, "S0101"},
		// After a ? placeholder, "/" starts a regular expression.
		{`$f(?/1)`, "S0302"},
		// Errors found after parsing are reported in the reference's order.
		{`$.7 +`, "S0213"},
		{`$.7a`, "S0201"},
		{`a[0]@$x($.7)`, "S0213"},
		{`a{b:c}{d:e} +`, "S0210"},
		{`)')`, "S0101"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		code := ""
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("Parse(%q): %v", tt.in, err)
				continue
			}
			code = se.Code
		}
		if (err != nil) != (tt.code != "") || code != tt.code {
			t.Errorf("Parse(%q) = %v, want code %q", tt.in, err, tt.code)
		}
	}
}

// TestFormatBuilt formats trees built by hand, which need parentheses that
// parsed trees carry as blocks.
func TestFormatBuilt(t *testing.T) {
	num := func(s string) Node { return &Number{Text: s} }
	name := func(s string) Node { return namePath(0, s, false) }
	bin := func(op BinaryOp, l, r Node) Node { return &Binary{Op: op, Lhs: l, Rhs: r} }
	tests := []struct {
		n    Node
		want string
	}{
		{bin(OpMul, bin(OpAdd, num("1"), num("2")), num("3")), "(1 + 2) * 3"},
		{bin(OpAdd, num("1"), bin(OpMul, num("2"), num("3"))), "1 + 2 * 3"},
		{bin(OpSub, name("a"), bin(OpSub, name("b"), name("c"))), "a - (b - c)"},
		{bin(OpEq, bin(OpDefault, name("a"), name("b")), name("c")), "(a ?: b) = c"},
		{bin(OpDefault, name("a"), bin(OpOr, name("b"), name("c"))), "a ?: b or c"},
		{&Condition{Cond: &Condition{Cond: name("a"), Then: name("b")}, Then: name("c"), Else: name("d")}, "(a ? b) ? c : d"},
		{&Condition{Cond: name("x"), Then: &Condition{Cond: name("a"), Then: name("b")}, Else: name("c")}, "x ? (a ? b) : c"},
		{&Negate{Expr: bin(OpAdd, num("1"), num("2"))}, "-(1 + 2)"},
		{&Negate{Expr: &Negate{Expr: name("a")}}, "--a"},
		{&Call{Func: &Path{Steps: []*Step{{Expr: &Name{Value: "a"}}, {Expr: &Name{Value: "b"}}}}, Args: []Node{num("1"), &Placeholder{}}}, "(a.b)(1, ?)"},
		{&Call{Func: &Negate{Expr: name("f")}}, "(-f)()"},
		{bin(OpDiv, &Postfix{Expr: &Variable{Name: "x"}, KeepArray: true}, num("2")), "($x[]) / 2"},
		{&Object{Pairs: []Pair{{Key: &Condition{Cond: name("a"), Then: name("b")}, Value: num("1")}}}, "{(a ? b): 1}"},
		{&Bind{Var: &Variable{Name: "x"}, Value: &Bind{Var: &Variable{Name: "y"}, Value: num("1")}}, "$x := $y := 1"},
		{&Apply{Lhs: bin(OpAdd, num("1"), num("2")), Rhs: &Variable{Name: "f"}}, "1 + 2 ~> $f"},
		{&Apply{Lhs: name("a"), Rhs: &Apply{Lhs: name("b"), Rhs: name("c")}}, "a ~> (b ~> c)"},
		{&Path{Steps: []*Step{{Expr: bin(OpAdd, name("a"), name("b"))}, {Expr: &Sort{Terms: []SortTerm{{Expr: name("c"), Descending: true}}}}}}, "a + b^(>c)"},
		{&Path{Steps: []*Step{{Expr: &Condition{Cond: name("a"), Then: name("b")}}, {Expr: name("c")}}}, "(a ? b).c"},
		{&Postfix{Expr: &Negate{Expr: name("a")}, Stages: []Stage{&Predicate{Expr: num("0")}}}, "(-a)[0]"},
		{&Path{Steps: []*Step{{Expr: &Name{Value: "a`b"}}, {Expr: &Name{Value: "c d"}}}}, "a`b.`c d`"},
		{&Path{Steps: []*Step{{Expr: &Name{Value: "`x"}}, {Expr: &Name{Value: "in"}}}}, "\"`x\".`in`"},
	}
	for _, tt := range tests {
		got := Format(tt.n)
		if got != tt.want {
			t.Errorf("Format(%s) = %q, want %q", sexpr(tt.n), got, tt.want)
			continue
		}
		if _, err := Parse(got); err != nil {
			t.Errorf("Format(%s) = %q does not parse: %v", sexpr(tt.n), got, err)
		}
	}
	if Format(nil) != "" {
		t.Error("Format(nil) not empty")
	}
	c := mustParse(t, `$f(1, ?)`).Root.(*Call)
	if !c.Partial() || mustParse(t, `$f(1)`).Root.(*Call).Partial() {
		t.Error("Call.Partial")
	}
}
