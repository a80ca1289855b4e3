package jsonata

import (
	"slices"
	"testing"
)

func TestFreeVariables(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{"$a + $b.c[0]", []string{"a", "b"}},
		{"$a + $a", []string{"a"}},
		{"$states.input.x", []string{"states"}},
		{"$$.a + $ + a.b", nil},
		// Built-in functions, called or not, are not variables.
		{"$count($a) ~> $string", []string{"a"}},
		{"$map($a, $uppercase) & $partition($b, 2) & $clone($c)", []string{"a", "b", "c"}},
		// Names in strings, comments, regexes and backquotes are not read.
		{"'$s' & \"$t\" & `$u` /* $w */ & $match($z, /$r/)", []string{"z"}},
		// A block binds what it assigns, wherever the assignment stands.
		{"($x := 1; $x + $y)", []string{"y"}},
		{"($f := function() { $later }; $later := 2; $f())", nil},
		{"$x := $x + 1", nil},
		// ... but only within the block.
		{"($x := 1; $x) + $x", []string{"x"}},
		{"$x + ($x := 1)", []string{"x"}},
		{"(($x := 1); $x)", []string{"x"}},
		// Parameters are bound in their function's body.
		{"function($p, $q) { $p + $q + $r }", []string{"r"}},
		{"λ($p) { ($p := $p + 1; $p) }($q)", []string{"q"}},
		{"($f := function($p) { $p }; $p)", []string{"p"}},
		// A recursive function reads its own name.
		{"($fact := function($n) { $n < 2 ? 1 : $n * $fact($n - 1) }; $fact($k))", []string{"k"}},
		// Focus and index bindings are bound in the rest of their path.
		{"a@$o.b#$i[$i < $n].{'o': $o.id, 'i': $i}", []string{"n"}},
		{"a@$o.b{$o.k: $v}", []string{"v"}},
		{"(a@$o.b).$o", []string{"o"}},
		// A focus binding that no step follows binds nothing.
		{"$x@$y ~> $f($y)", []string{"x", "f", "y"}},
		// Operands of every kind are walked.
		{"$c ? [$d..$e] : {$k: -$v}", []string{"c", "d", "e", "k", "v"}},
		{"|$t|{'a': $u}, [$w]|", []string{"t", "u", "w"}},
		{"$s^(>$x, <$y)[$z]{}", []string{"s", "x", "y", "z"}},
		{"$g(?, $h)", []string{"g", "h"}},
		{"$a and $b or $c in $d", []string{"a", "b", "c", "d"}},
	} {
		e, err := Parse(tc.expr)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		if got := FreeVariables(e.Root); !slices.Equal(got, tc.want) {
			t.Errorf("FreeVariables(%s) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}

// TestBuiltinNames checks that the names FreeVariables leaves out are
// exactly the functions an evaluation defines.
func TestBuiltinNames(t *testing.T) {
	for name := range builtins().vars {
		if !isBuiltin(name) {
			t.Errorf("$%s is defined but not a built-in name", name)
		}
	}
	for name := range builtinSignatures {
		if _, ok := builtins().vars[name]; !ok {
			t.Errorf("$%s has a signature but is not defined", name)
		}
	}
}
