package diff

import (
	"fmt"
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestDiffFormat(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n"
	new := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\nx\n"
	want := `--- a/x.asl.json
+++ b/x.asl.json
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 e
 f
 g
@@ -12,3 +12,4 @@
 l
 m
 n
+x
`
	if got := string(Unified("a/x.asl.json", "b/x.asl.json", []byte(old), []byte(new))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDiffMergesCloseChanges(t *testing.T) {
	old := "1\n2\n3\n4\n5\n6\n7\n8\n9\n"
	new := "1\nTWO\n3\n4\n5\n6\n7\nEIGHT\n9\n"
	want := `--- a
+++ b
@@ -1,9 +1,9 @@
 1
-2
+TWO
 3
 4
 5
 6
 7
-8
+EIGHT
 9
`
	if got := string(Unified("a", "b", []byte(old), []byte(new))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDiffEdges(t *testing.T) {
	if d := Unified("a", "b", []byte("same\n"), []byte("same\n")); d != nil {
		t.Errorf("equal inputs give %q", d)
	}
	tests := []struct{ name, old, new, want string }{
		{"new file", "", "x\ny\n", "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n"},
		{"emptied", "x\n", "", "--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n"},
		{"missing newline", "x\ny", "x\ny\n", "--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n"},
		{"one line", "x\n", "y\n", "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n"},
	}
	for _, tt := range tests {
		if got := string(Unified("a", "b", []byte(tt.old), []byte(tt.new))); got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

var hunkRE = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// apply applies a unified diff made by Unified to old, checking the hunk
// headers and the context as patch(1) would.
func apply(t *testing.T, old []string, diff string) []string {
	t.Helper()
	lines := strings.SplitAfter(diff, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		t.Fatalf("bad header in\n%s", diff)
	}
	var out []string
	pos := 0 // next line of old to copy
	num := func(s string, def int) int {
		if s == "" {
			return def
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	i := 2
	for i < len(lines) && lines[i] != "" {
		m := hunkRE.FindStringSubmatch(strings.TrimSuffix(lines[i], "\n"))
		if m == nil {
			t.Fatalf("bad hunk header %q in\n%s", lines[i], diff)
		}
		aStart, aCount := num(m[1], 0), num(m[2], 1)
		bCount := num(m[4], 1)
		first := aStart - 1
		if aCount == 0 {
			first = aStart
		}
		if first < pos {
			t.Fatalf("hunks overlap in\n%s", diff)
		}
		out = append(out, old[pos:first]...)
		pos = first
		i++
		gotA, gotB := 0, 0
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			text := l[1:]
			if i < len(lines) && strings.HasPrefix(lines[i], `\ No newline`) {
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			switch l[0] {
			case ' ':
				if pos >= len(old) || old[pos] != text {
					t.Fatalf("context %q does not match line %d of old in\n%s", text, pos+1, diff)
				}
				out = append(out, text)
				pos++
				gotA++
				gotB++
			case '-':
				if pos >= len(old) || old[pos] != text {
					t.Fatalf("deleted %q does not match line %d of old in\n%s", text, pos+1, diff)
				}
				pos++
				gotA++
			case '+':
				out = append(out, text)
				gotB++
			default:
				t.Fatalf("bad line %q in\n%s", l, diff)
			}
		}
		if gotA != aCount || gotB != bCount {
			t.Fatalf("hunk counts %d,%d but header %s in\n%s", gotA, gotB, m[0], diff)
		}
	}
	return append(out, old[pos:]...)
}

// lcs returns the length of the longest common subsequence.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// TestDiffRandom checks on random inputs that applying the diff to the old
// text gives the new one and that the diff is minimal.
func TestDiffRandom(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	gen := func() string {
		var b strings.Builder
		n := r.Intn(30)
		for range n {
			fmt.Fprintf(&b, "%c\n", 'a'+r.Intn(4))
		}
		s := b.String()
		if s != "" && r.Intn(5) == 0 {
			s = s[:len(s)-1] // no final newline
		}
		return s
	}
	for range 2000 {
		old, new := gen(), gen()
		d := string(Unified("a", "b", []byte(old), []byte(new)))
		if old == new {
			if d != "" {
				t.Fatalf("equal inputs give a diff")
			}
			continue
		}
		a, b := splitLines([]byte(old)), splitLines([]byte(new))
		if got := strings.Join(apply(t, a, d), ""); got != new {
			t.Fatalf("applying\n%s\nto %q gives %q, want %q", d, old, got, new)
		}
		changes := 0
		for _, e := range diffLines(a, b) {
			if e.kind != ' ' {
				changes++
			}
		}
		if want := len(a) + len(b) - 2*lcs(a, b); changes != want {
			t.Fatalf("%d changed lines from %q to %q, minimal is %d", changes, old, new, want)
		}
	}
}

func TestDiffLarge(t *testing.T) {
	// Completely different large inputs exceed the edit-distance bound and
	// fall back to one replacement, which must still apply.
	var a, b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&a, "old %d\n", i)
		fmt.Fprintf(&b, "new %d\n", i)
	}
	d := Unified("a", "b", []byte(a.String()), []byte(b.String()))
	got := strings.Join(apply(t, splitLines([]byte(a.String())), string(d)), "")
	if got != b.String() {
		t.Fatal("the large diff does not apply")
	}
}
