package gen

import (
	"errors"
	"fmt"
	"go/token"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestErrorFormat(t *testing.T) {
	list := ErrorList{
		errorAt("/m", "/m/orders/flow.go", 12, "state %q: ResultPath %q: unterminated bracket", "Pay", "$.x["),
		{Msg: "# example.com/m/orders\norders/flow.go:6:14: cannot use 1 as string"},
		errorAt("/m", "", 0, "no place"),
	}
	want := filepath.Join("orders", "flow.go") + `:12: state "Pay": ResultPath "$.x[": unterminated bracket` + "\n" +
		"# example.com/m/orders\norders/flow.go:6:14: cannot use 1 as string\n" +
		"no place"
	if got := list.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if p := list[0].Pos; p.Filename != filepath.Join("orders", "flow.go") || p.Line != 12 {
		t.Errorf("position %+v", p)
	}
	var err error = fmt.Errorf("wrapped: %w", list)
	var got ErrorList
	if !errors.As(err, &got) || len(got) != 3 {
		t.Errorf("errors.As: %v", got)
	}
}

func TestErrorListSort(t *testing.T) {
	list := ErrorList{
		{Pos: token.Position{Filename: "flow.go", Line: 10}, Msg: "b"},
		{Pos: token.Position{Filename: "flow.go", Line: 9}, Msg: "c"},
		{Pos: token.Position{Filename: "a.go", Line: 30}, Msg: "d"},
		{Pos: token.Position{Filename: "flow.go", Line: 10}, Msg: "a"},
	}
	list.sortByPos()
	want := "a.go:30: d\nflow.go:9: c\nflow.go:10: a\nflow.go:10: b"
	if got := list.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestPackageErrors(t *testing.T) {
	dir := filepath.FromSlash("/m")
	file := filepath.Join(dir, "c", "broken.go")
	list := packageErrors(dir, []packages.Error{
		{Pos: file + ":3:5", Msg: "expected ';', found x"},
		{Pos: file + ":7", Msg: "undefined: y"},
		{Pos: "-", Msg: "no Go files in /m/empty"},
		{Pos: "", Msg: "stat /m/missing: directory not found"},
		{Pos: "/m/go.mod:3", Msg: "unknown directive"},
	})
	short := filepath.Join("c", "broken.go")
	want := []string{
		short + ":3:5: expected ';', found x",
		short + ":7: undefined: y",
		"no Go files in /m/empty",
		"stat /m/missing: directory not found",
		"/m/go.mod:3: unknown directive",
	}
	for i, e := range list {
		if e.Error() != want[i] {
			t.Errorf("error %d: %q, want %q", i, e.Error(), want[i])
		}
	}
}

func TestShortPath(t *testing.T) {
	root := filepath.FromSlash("/home/user/project")
	tests := []struct{ path, want string }{
		{"/home/user/project/orders/flow.go", "orders/flow.go"},
		{"/home/user/project/flow.go", "flow.go"},
		{"/home/user/other/flow.go", "../other/flow.go"},
		{"/a.go", "/a.go"},
	}
	for _, tt := range tests {
		if got := shortPath(root, filepath.FromSlash(tt.path)); got != filepath.FromSlash(tt.want) {
			t.Errorf("shortPath(%s) = %s, want %s", tt.path, got, tt.want)
		}
	}
}
