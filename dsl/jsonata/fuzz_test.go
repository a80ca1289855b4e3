package jsonata

import (
	"errors"
	"testing"
)

// fuzzSeeds are the seed expressions of FuzzParse.
var fuzzSeeds = []string{
	"a.b.c", "Account.Order[0].Product.{'name': `Product Name`, 'order': %.OrderID}",
	"$sum(Account.Order.Product.(Price * Quantity))", "$x := 1; $y := $x + 1",
	"(a; b; c)", "[1..5][$ % 2 = 0]", "library.loans@$l.books@$b[$l.isbn=$b.isbn].{'t': $b.title}",
	"$#$pos[$pos<3]^(>$)[-1][]", "Account.Order{OrderID: $sum(Product.Price)}",
	"function($x, $y)<n-n:n>{$x + $y}(1, 2)", "λ($f){λ($x){$x($x)}}", "$f(?, 2)",
	"| Account.Order | {'Total': 1}, ['Product'] |", "a ? b : c ?: d ?? e",
	`$match("abc", /b+/i)`, `"a\u00e9\ud834\udd1e" & 'b'`, "/* comment */ **.x[*]",
	"$states.input.items ~> $map(function($v){$v.id})", "-1 * -(2) in [1, -2]",
	"a.b^(<c, >d)#$i[$i > 0]@$x", "{\"k\": [1, {\"n\": null}], `x`: true}",
}

// FuzzParse checks that Parse never panics, reports only *SyntaxError
// values within the input, and that what it accepts formats to text that
// parses back and formats to the same text.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ParseWith(s, Options{JSONata20: true})
		ParseTemplate("{% " + s + " %}")
		e, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T, want *SyntaxError", s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) || se.Input != s {
				t.Fatalf("Parse(%q) error offset %d out of range (input %q)", s, se.Offset, se.Input)
			}
			return
		}
		Inspect(e.Root, func(n Node) bool {
			if p := n.Pos(); p < 0 || p > len(s) {
				t.Fatalf("Parse(%q): %T at offset %d out of range", s, n, p)
			}
			return true
		})
		text := e.String()
		e2, err := Parse(text)
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) && se.Code == codeParent {
				// A predicate applied to a joined path can resolve %
				// differently from the same predicate written inside the
				// path (see Format).
				return
			}
			t.Fatalf("Parse(%q) formats as %q, which does not parse: %v", s, text, err)
		}
		if text2 := e2.String(); text2 != text {
			t.Fatalf("Parse(%q): unstable format:\n%s\n%s", s, text, text2)
		}
	})
}
