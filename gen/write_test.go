package gen

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/gen/internal/files"
)

// staleTree writes a package directory whose files the tests of the last
// two phases render: x.asl.json up to date, y.asl.json out of date, z.asl.json
// missing, and an aslgen_gen.go to delete.
func staleTree(t *testing.T) (dir string, list []*file) {
	t.Helper()
	dir = t.TempDir()
	const x = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"End\": true\n    }\n  }\n}\n"
	y := strings.Replace(x, `"A"`, `"B"`, -1)
	goFile := files.GeneratedHeader + "\n\npackage orders\n"
	for name, content := range map[string]string{"x.asl.json": x, "y.asl.json": x, files.GoFile: goFile} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list = []*file{
		{path: filepath.Join(dir, files.GoFile), old: []byte(goFile), exists: true, delete: true},
		{path: filepath.Join(dir, "x.asl.json"), content: []byte(x)},
		{path: filepath.Join(dir, "y.asl.json"), content: []byte(y)},
		{path: filepath.Join(dir, "z.asl.json"), content: []byte(x)},
	}
	return dir, list
}

func TestApply(t *testing.T) {
	for _, mode := range []Mode{ModeCheck, ModeDiff, ModeWrite} {
		dir, list := staleTree(t)
		cfg := &Config{Dir: dir, Mode: mode}
		if err := checkOwnership(cfg, list); err != nil {
			t.Fatal(err)
		}
		got, err := apply(cfg, list)
		if err != nil {
			t.Fatal(err)
		}
		var changed []string
		for _, f := range got {
			if f.Changed {
				changed = append(changed, f.Path)
			}
			if (f.Diff != nil) != (mode == ModeDiff && f.Changed) {
				t.Errorf("mode %d: %s: diff %q", mode, f.Path, f.Diff)
			}
		}
		if want := []string{files.GoFile, "y.asl.json", "z.asl.json"}; !reflect.DeepEqual(changed, want) {
			t.Errorf("mode %d: changed %v, want %v", mode, changed, want)
		}
		if mode == ModeDiff {
			for i, want := range []string{"--- a/" + files.GoFile + "\n+++ /dev/null\n", "", "--- a/y.asl.json\n+++ b/y.asl.json\n", "--- /dev/null\n+++ b/z.asl.json\n"} {
				if !strings.HasPrefix(string(got[i].Diff), want) {
					t.Errorf("diff of %s:\n%s\nwant it to start with %q", got[i].Path, got[i].Diff, want)
				}
			}
		}
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		want := []string{files.GoFile, "x.asl.json", "y.asl.json"}
		if mode == ModeWrite {
			want = []string{"x.asl.json", "y.asl.json", "z.asl.json"}
		}
		if !reflect.DeepEqual(names, want) {
			t.Errorf("mode %d: the directory holds %v, want %v", mode, names, want)
		}
	}
}

// TestCheckOwnership checks that the ownership phase refuses to change a file
// that aslgen did not write, and names it once.
func TestCheckOwnership(t *testing.T) {
	dir, list := staleTree(t)
	if err := os.WriteFile(filepath.Join(dir, "y.asl.json"), []byte(`{"StartAt": "A"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	err := checkOwnership(&Config{Dir: dir}, list)
	want := "y.asl.json exists and was not written by aslgen (it is not in aslgen's canonical form); move it away or delete it"
	if list, ok := err.(ErrorList); !ok || len(list) != 1 || list.Error() != want {
		t.Errorf("error %v (%T), want %q", err, err, want)
	}
}
