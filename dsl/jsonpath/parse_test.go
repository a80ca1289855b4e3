package jsonpath

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func ip(i int) *int { return &i }

func TestParseAST(t *testing.T) {
	rel := func(names ...string) RelPath {
		var segs []Segment
		for _, n := range names {
			segs = append(segs, Child{Name: n})
		}
		return RelPath{Segments: segs}
	}
	tests := []struct {
		in   string
		want *Path
	}{
		{"$", &Path{}},
		{"$$", &Path{Context: true}},
		{"$.a.b", &Path{Segments: []Segment{Child{"a"}, Child{"b"}}}},
		{"$$.Map.Item.Value", &Path{Context: true, Segments: []Segment{Child{"Map"}, Child{"Item"}, Child{"Value"}}}},
		{"$$.Execution.Input.orderId", &Path{Context: true, Segments: []Segment{Child{"Execution"}, Child{"Input"}, Child{"orderId"}}}},
		{"$.detail.requestParameters['bucketName']", &Path{Segments: []Segment{Child{"detail"}, Child{"requestParameters"}, Child{"bucketName"}}}},
		{"$.items[-1]", &Path{Segments: []Segment{Child{"items"}, Index{-1}}}},
		{"$.my-key", &Path{Segments: []Segment{Child{"my-key"}}}},
		{"$.detail-type", &Path{Segments: []Segment{Child{"detail-type"}}}},
		{"$.a_b", &Path{Segments: []Segment{Child{"a_b"}}}},
		{"$.ünïcödé.名前", &Path{Segments: []Segment{Child{"ünïcödé"}, Child{"名前"}}}},
		{"$.aws:region", &Path{Segments: []Segment{Child{"aws:region"}}}},
		{"$.@type", &Path{Segments: []Segment{Child{"@type"}}}},
		{"$.0", &Path{Segments: []Segment{Child{"0"}}}},
		{"$['a b']", &Path{Segments: []Segment{Child{"a b"}}}},
		{`$["x"]`, &Path{Segments: []Segment{Child{"x"}}}},
		{`$['it\'s']`, &Path{Segments: []Segment{Child{"it's"}}}},
		// In bracket names a backslash escapes only the quote and itself
		// (AWS's recorded answer for $['Test\""Name"']).
		{`$["q\"\\\/\b\u00e9"]`, &Path{Segments: []Segment{Child{`q"\\/\b\u00e9`}}}},
		{`$['Test\""Name"']`, &Path{Segments: []Segment{Child{`Test\""Name"`}}}},
		{`$['\ud800']`, &Path{Segments: []Segment{Child{`\ud800`}}}},
		{"$['']", &Path{Segments: []Segment{Child{""}}}},
		{"$.abc.['def ghi']", &Path{Segments: []Segment{Child{"abc"}, Child{"def ghi"}}}},
		{"$[ 'a' , \"b\" ]", &Path{Segments: []Segment{Union{[]Segment{Child{"a"}, Child{"b"}}}}}},
		{"$[0]", &Path{Segments: []Segment{Index{0}}}},
		{"$[ 3 ]", &Path{Segments: []Segment{Index{3}}}},
		{"$[0,1, 2]", &Path{Segments: []Segment{Union{[]Segment{Index{0}, Index{1}, Index{2}}}}}},
		{"$.*", &Path{Segments: []Segment{Wildcard{}}}},
		{"$[*]", &Path{Segments: []Segment{Wildcard{}}}},
		{"$.a[*].b", &Path{Segments: []Segment{Child{"a"}, Wildcard{}, Child{"b"}}}},
		{"$[1:]", &Path{Segments: []Segment{Slice{Start: ip(1)}}}},
		{"$[:2]", &Path{Segments: []Segment{Slice{End: ip(2)}}}},
		{"$[1:5:2]", &Path{Segments: []Segment{Slice{Start: ip(1), End: ip(5), Step: ip(2)}}}},
		{"$[-2:]", &Path{Segments: []Segment{Slice{Start: ip(-2)}}}},
		{"$[::-1]", &Path{Segments: []Segment{Slice{Step: ip(-1)}}}},
		{"$[:]", &Path{Segments: []Segment{Slice{}}}},
		{"$..name", &Path{Segments: []Segment{Descend{Child{"name"}}}}},
		{"$..[0]", &Path{Segments: []Segment{Descend{Index{0}}}}},
		{"$..*", &Path{Segments: []Segment{Descend{Wildcard{}}}}},
		{"$..['a b']", &Path{Segments: []Segment{Descend{Child{"a b"}}}}},
		{"$.a.length()", &Path{Segments: []Segment{Child{"a"}, Func{"length"}}}},
		{"$.keys( )", &Path{Segments: []Segment{Func{"keys"}}}},
		{"$..book[?(@.price < 10)].title", &Path{Segments: []Segment{
			Descend{Child{"book"}},
			Filter{Binary{OpLt, rel("price"), NumberLit{"10", 10}}},
			Child{"title"},
		}}},
		{"$[?(@.isbn)]", &Path{Segments: []Segment{Filter{Exists{rel("isbn")}}}}},
		{"$[?(!@.x)]", &Path{Segments: []Segment{Filter{Not{Exists{rel("x")}}}}}},
		{"$[?(@)]", &Path{Segments: []Segment{Filter{Exists{RelPath{}}}}}},
		{"$[?($.flag)]", &Path{Segments: []Segment{Filter{Exists{AbsPath{&Path{Segments: []Segment{Child{"flag"}}}}}}}}},
		{"$[?(@.a == 'x' && @.b != \"y\" || @.c)]", &Path{Segments: []Segment{Filter{Binary{OpOr,
			Binary{OpAnd,
				Binary{OpEq, rel("a"), StringLit{"x"}},
				Binary{OpNe, rel("b"), StringLit{"y"}}},
			Exists{rel("c")}}}}}},
		{"$[?(@.a && (@.b || @.c))]", &Path{Segments: []Segment{Filter{Binary{OpAnd,
			Exists{rel("a")},
			Binary{OpOr, Exists{rel("b")}, Exists{rel("c")}}}}}}},
		{"$[?(@.a<=-1.5e3)]", &Path{Segments: []Segment{Filter{Binary{OpLe, rel("a"), NumberLit{"-1.5e3", -1500}}}}}},
		{"$[?(10 > @.price)]", &Path{Segments: []Segment{Filter{Binary{OpGt, NumberLit{"10", 10}, rel("price")}}}}},
		{"$[?(@.name =~ /^a.*\\/b$/i)]", &Path{Segments: []Segment{Filter{Binary{OpMatch, rel("name"), RegexLit{`^a.*\/b$`, "i"}}}}}},
		{"$[?(@.a in ['x', \"y\"])]", &Path{Segments: []Segment{Filter{Binary{OpIn, rel("a"), ArrayLit{[]Expr{StringLit{"x"}, StringLit{"y"}}}}}}}},
		{"$[?(@.a nin [1, [true, null], []])]", &Path{Segments: []Segment{Filter{Binary{OpNin, rel("a"),
			ArrayLit{[]Expr{NumberLit{"1", 1}, ArrayLit{[]Expr{BoolLit{true}, NullLit{}}}, ArrayLit{}}}}}}}},
		{"$[?(@.tags subsetof ['a'])]", &Path{Segments: []Segment{Filter{Binary{OpSubsetOf, rel("tags"), ArrayLit{[]Expr{StringLit{"a"}}}}}}}},
		{"$[?(@.tags anyof $.wanted)]", &Path{Segments: []Segment{Filter{Binary{OpAnyOf, rel("tags"), AbsPath{&Path{Segments: []Segment{Child{"wanted"}}}}}}}}},
		{"$[?(@.tags noneof ['a'])]", &Path{Segments: []Segment{Filter{Binary{OpNoneOf, rel("tags"), ArrayLit{[]Expr{StringLit{"a"}}}}}}}},
		{"$[?(@.tags size 2)]", &Path{Segments: []Segment{Filter{Binary{OpSize, rel("tags"), NumberLit{"2", 2}}}}}},
		{"$[?(@.tags empty false)]", &Path{Segments: []Segment{Filter{Binary{OpEmpty, rel("tags"), BoolLit{false}}}}}},
		{"$[?(@.a.length() > 2)]", &Path{Segments: []Segment{Filter{Binary{OpGt, RelPath{[]Segment{Child{"a"}, Func{"length"}}}, NumberLit{"2", 2}}}}}},
		{"$[?(@['a b'][0] == null)]", &Path{Segments: []Segment{Filter{Binary{OpEq, RelPath{[]Segment{Child{"a b"}, Index{0}}}, NullLit{}}}}}},
		{"$[?( @.a )]", &Path{Segments: []Segment{Filter{Exists{rel("a")}}}}},
		{"$[ ?( @.a ) ]", &Path{Segments: []Segment{Filter{Exists{rel("a")}}}}},
		{"$[?(@.a[?(@.b)])]", &Path{Segments: []Segment{Filter{Exists{RelPath{[]Segment{Child{"a"}, Filter{Exists{rel("b")}}}}}}}}},
		{"$[?(!!@.a)]", &Path{Segments: []Segment{Filter{Not{Not{Exists{rel("a")}}}}}}},
		{"$[?(!(@.a == true))]", &Path{Segments: []Segment{Filter{Not{Binary{OpEq, rel("a"), BoolLit{true}}}}}}},
		{"$[?(/x/ =~ @.a)]", &Path{Segments: []Segment{Filter{Binary{OpMatch, RegexLit{"x", ""}, rel("a")}}}}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) =\n  %#v\nwant\n  %#v", tt.in, got, tt.want)
		}
		checkRoundTrip(t, tt.in, got)
	}
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"$", "$"},
		{"$$", "$$"},
		{"$.a.b", "$.a.b"},
		{"$['a']", "$.a"},
		{"$.abc.['def ghi']", "$.abc['def ghi']"},
		{"$.my-key", "$['my-key']"},
		{"$.0", "$['0']"},
		{"$._x1", "$._x1"},
		{`$["it's"]`, `$['it\'s']`},
		{`$['a\\b']`, `$['a\\b']`},
		{"$['\u0001']", "$['\u0001']"}, // kept raw: a bracket name has no escapes but \' and \\
		{"$.*", "$[*]"},
		{"$..*", "$..*"},
		{"$..['x y']", "$..['x y']"},
		{"$..[*]", "$..*"},
		{"$..a[0]", "$..a[0]"},
		{"$[ 0 , 1 ]", "$[0,1]"},
		{"$[ 'a' , 'b' ]", "$['a','b']"},
		{"$[-0]", "$[0]"},
		{"$[1 :]", "$[1:]"},
		{"$[: 2]", "$[:2]"},
		{"$[::]", "$[:]"},
		{"$[1:5:2]", "$[1:5:2]"},
		{"$.a.length( )", "$.a.length()"},
		{"$[?(@.a==1)]", "$[?(@.a == 1)]"},
		{"$[?(@.a==1&&@.b||!@.c)]", "$[?(@.a == 1 && @.b || !@.c)]"},
		{"$[?(@.a && (@.b || @.c))]", "$[?(@.a && (@.b || @.c))]"},
		{"$[?((@.a && @.b) && @.c)]", "$[?(@.a && @.b && @.c)]"},
		{"$[?(@.a && (@.b && @.c))]", "$[?(@.a && (@.b && @.c))]"},
		{"$[?((@.a || @.b) && @.c)]", "$[?((@.a || @.b) && @.c)]"},
		{"$[?(!(@.a || @.b))]", "$[?(!(@.a || @.b))]"},
		{`$[?(@.a in ["x",'y'])]`, `$[?(@.a in ['x','y'])]`},
		{"$[?(@.a =~ /x/i)]", "$[?(@.a =~ /x/i)]"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := p.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		checkRoundTrip(t, tt.in, p)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		msg    string
		offset int
	}{
		{"", "path must start with $", 0},
		{"a.b", "path must start with $", 0},
		{"@.a", "path must start with $", 0},
		{" $", "path must start with $", 0},
		{"$.payment[", "unterminated bracket", 9},
		{"$[0", "unterminated bracket", 1},
		{"$['a'", "unterminated bracket", 1},
		{"$['a", "unterminated string", 2},
		{`$['a\`, "unterminated string", 2},
		{"$%", "unexpected character '%'", 1},
		{"$a", "unexpected character 'a'", 1},
		{" $", "path must start with $", 0},
		{"$.a \t", "unexpected character ' '", 3},
		{"$.a\n", "unexpected character '\\n'", 3},
		{"$.a b", "unexpected character ' '", 3},
		{"$.a)", "unexpected character ')'", 3},
		{"$$$", "unexpected character '$'", 2},
		{"$.", "empty path segment", 2},
		{"$.a.", "empty path segment", 4},
		{"$..", "empty path segment", 3},
		{"$. a", "empty path segment", 2},
		{"$...a", "unexpected character '.'", 3},
		{"$.'a'", "unexpected character '\\''", 2},
		{"$[]", "empty brackets", 2},
		{"$[ ]", "empty brackets", 3},
		{"$[a]", "unexpected character 'a'", 2},
		{"$[-]", "invalid index", 2},
		{"$[1:-]", "invalid slice", 4},
		{"$[1:2:3:4]", "invalid slice", 7},
		{"$[1:2:0]", "slice step cannot be zero", 6},
		{"$[0,1:2]", "unexpected character ':'", 5},
		{"$[0,]", "unexpected character ']'", 4},
		{"$['a',0]", "unexpected character '0'", 6},
		{"$['a' 'b']", "unexpected character '\\''", 6},
		{"$[99999999999999999999]", "index out of range", 2},
		{"$[*", "unterminated bracket", 1},
		{"$[*a]", "unexpected character 'a'", 3},
		{"$.a.foo()", "unknown function foo()", 4},
		{"$.a.length(", "unterminated parenthesis", 10},
		{"$.a.length(1)", "unexpected character '1'", 11},
		{"$.a.length().b", "function must be the last path segment", 12},
		{"$.a.length()[0]", "function must be the last path segment", 12},
		{"$..length()", "function cannot follow ..", 3},
		{"$[?]", "expected ( after ?", 3},
		{"$[?", "unterminated bracket", 1},
		{"$[?(", "unterminated parenthesis", 3},
		{"$[?()]", "expected operand", 4},
		{"$.a[?(@.b", "unterminated parenthesis", 5},
		{"$.a[?(@.b)", "unterminated bracket", 3},
		{"$[?(@.a ==)]", "expected operand", 10},
		{"$[?(@.a = 1)]", "unexpected character '='", 8},
		{"$[?(@.a === 1)]", "unexpected character '='", 10},
		{"$[?(1)]", "expected comparison operator", 5},
		{"$[?('a')]", "expected comparison operator", 7},
		{"$[?(@.a == tr ue)]", "unexpected character 'u'", 14},
		{"$[(@.length)]", "unsupported script expression: only (@.length-N), with N >= 1, is supported", 2},
		{"$[(@.length-0)]", "unsupported script expression: only (@.length-N), with N >= 1, is supported", 2},
		{"$[(@.size-1)]", "unsupported script expression: only (@.length-N), with N >= 1, is supported", 2},
		{"$[(@.length-1]", "unexpected character ']'", 13},
		{"$[?(@.a == 01)]", "unexpected character '1'", 12},
		{"$[?(@.a == -)]", "invalid number", 11},
		{"$[?(@.a == 1e999)]", "number out of range", 11},
		{"$[?(@.a =~ 'x')]", "=~ requires one regex operand", 8},
		{"$[?(@.a == /x/)]", "regex requires =~", 11},
		{"$[?(@.a =~ /x)]", "unterminated regex", 11},
		{"$[?(@.a =~ /x/q)]", "invalid regex flag 'q'", 14},
		{"$[?(@.a in [1,)]", "unexpected character ')'", 14},
		{"$[?(@.a in [1,2)]", "unexpected character ')'", 15},
		{"$[?(@.a in [@.b])]", "unexpected character '@'", 12},
		{"$[?(@.a && )]", "expected operand", 11},
		{"$[?(@.a) && @.b]", "unexpected character '&'", 9},
		{"$[?((@.a)]", "unexpected character ']'", 9},
		{"$[?($$.a)]", "unexpected character '$'", 5},
		{"$[?(@.a foo)]", "unexpected character 'f'", 8},
		{"$.a\xff", "invalid UTF-8", 3},
		{"$[?(" + strings.Repeat("!", 100) + "@.a)]", "expression nested too deeply", 66},
		{"$" + strings.Repeat("[?(@", 40), "expression nested too deeply", 129},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error %q", tt.in, p, tt.msg)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error %T, want *SyntaxError", tt.in, err)
			continue
		}
		if se.Msg != tt.msg || se.Offset != tt.offset || se.Input != tt.in {
			t.Errorf("Parse(%q) error = {%q, %d}, want {%q, %d}", tt.in, se.Msg, se.Offset, tt.msg, tt.offset)
		}
	}
}

func TestSyntaxErrorString(t *testing.T) {
	_, err := Parse("$.payment[")
	if got, want := err.Error(), "unterminated bracket at column 10"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestParsePrefix(t *testing.T) {
	tests := []struct {
		in   string
		want string
		n    int
	}{
		{"$.a, 'x')", "$.a", 3},
		{"$.a)", "$.a", 3},
		{"$['a,b'], 1", "$['a,b']", 8},
		{"$[?(@.a == ')')].b)", "$[?(@.a == ')')].b", 18},
		{"$ ", "$", 1},
		{"$$.x y", "$$.x", 4},
	}
	for _, tt := range tests {
		p, n, err := ParsePrefix(tt.in)
		if err != nil {
			t.Errorf("ParsePrefix(%q): %v", tt.in, err)
			continue
		}
		if p.String() != tt.want || n != tt.n {
			t.Errorf("ParsePrefix(%q) = %q, %d; want %q, %d", tt.in, p, n, tt.want, tt.n)
		}
	}
}

func TestPredicates(t *testing.T) {
	tests := []struct {
		in                  string
		definite, reference bool
	}{
		{"$", true, true},
		{"$$", true, false},
		{"$.a.b[0]", true, true},
		{"$['a b'][2]", true, true},
		{"$.a[-1]", true, false},
		{"$$.Execution.Id", true, false},
		{"$.a[*]", false, false},
		{"$.*", false, false},
		{"$.a[0,1]", false, false},
		{"$.a[1:]", false, false},
		{"$..a", false, false},
		{"$.a[?(@.b)]", false, false},
		{"$.a.length()", false, false},
	}
	for _, tt := range tests {
		p := MustParse(tt.in)
		if got := p.Definite(); got != tt.definite {
			t.Errorf("%q.Definite() = %v, want %v", tt.in, got, tt.definite)
		}
		if got := p.IsReference(); got != tt.reference {
			t.Errorf("%q.IsReference() = %v, want %v", tt.in, got, tt.reference)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse did not panic")
		}
	}()
	MustParse("$[")
}

// checkRoundTrip verifies that p.String() re-parses to an AST equal to p.
func checkRoundTrip(t *testing.T, in string, p *Path) {
	t.Helper()
	s := p.String()
	q, err := Parse(s)
	if err != nil {
		t.Errorf("Parse(%q).String() = %q, which does not parse: %v", in, s, err)
		return
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("Parse(%q).String() = %q, which parses to\n  %#v\nwant\n  %#v", in, s, q, p)
	}
	if s2 := q.String(); s2 != s {
		t.Errorf("String not stable for %q: %q then %q", in, s, s2)
	}
}
