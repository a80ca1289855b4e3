package importcheck

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/gen/importer"
)

// definition is one document to import, with where it came from.
type definition struct {
	from string // file, or file#id for a JSON Lines case
	data []byte
}

// sharedDefinitions returns the distinct definitions of the shared data:
// the corpus, the validator's valid fixtures and the definitions of every
// JSON Lines file of conformance/ (those of TestState calls only when they
// are whole machines).
func sharedDefinitions(t *testing.T) (corpus, conformance []definition) {
	seen := map[string]bool{}
	add := func(list *[]definition, from string, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			*list = append(*list, definition{from, data}) // reported as not valid
			return
		}
		if m, ok := v.(map[string]any); !ok || m["States"] == nil {
			return // a single state (TestState), not a machine
		}
		key, _ := json.Marshal(v)
		if seen[string(key)] {
			return
		}
		seen[string(key)] = true
		*list = append(*list, definition{from, data})
	}
	for _, file := range shareddata.Matches("corpus/*/*.json") {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		add(&corpus, filepath.Base(file), data)
	}
	for _, file := range shareddata.Matches("conformance/validator/valid-*.json") {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		add(&conformance, "validator/"+filepath.Base(file), data)
	}
	for _, file := range shareddata.Matches("conformance/*.jsonl") {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var line struct {
				ID         string          `json:"id"`
				Definition json.RawMessage `json:"definition"`
			}
			if json.Unmarshal(sc.Bytes(), &line) != nil || line.Definition == nil {
				continue
			}
			def := []byte(line.Definition)
			var s string
			if json.Unmarshal(def, &s) == nil {
				def = []byte(s) // a definition given as a JSON string
			}
			add(&conformance, filepath.Base(file)+"#"+line.ID, def)
		}
	}
	if len(corpus)+len(conformance) == 0 {
		t.Skipf("no shared data: set %s or put it in ../shared beside the module root", shareddata.EnvVar)
	}
	return corpus, conformance
}

// TestImportSharedDefinitions imports every distinct definition of the
// shared corpus and conformance data that validates into one package of a
// temporary module, vets the package, and builds every imported machine:
// each must give the original document back as a JSON value, unless the
// importer reported a gap (a field the builder cannot express).
func TestImportSharedDefinitions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module; skipped with -short")
	}
	corpus, conformance := sharedDefinitions(t)
	type entry struct {
		definition
		name, set string
		gaps      []importer.Gap
	}
	var entries []*entry
	files := map[string]string{}
	invalid := map[string]int{}
	for _, set := range []struct {
		name string
		defs []definition
	}{{"corpus", corpus}, {"conformance", conformance}} {
		for _, d := range set.defs {
			if asl.HasErrors(asl.ValidateJSON(d.data)) {
				invalid[set.name]++
				continue
			}
			sm, err := asl.Unmarshal(d.data)
			if err != nil {
				t.Errorf("%s: validates but does not decode: %v", d.from, err)
				continue
			}
			e := &entry{definition: d, name: fmt.Sprintf("M%04d", len(entries)+1), set: set.name}
			res, err := importer.Generate(sm, importer.Options{Name: e.name, Package: "flows", Source: d.from})
			if err != nil {
				t.Errorf("%s: %v", d.from, err)
				continue
			}
			e.gaps = res.Gaps
			entries = append(entries, e)
			files["flows/"+strings.ToLower(e.name)+".go"] = string(res.Source)
			files["flows/testdata/"+e.name+".json"] = string(d.data)
		}
	}
	var table strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&table, "\t%q: %s,\n", e.name, e.name)
	}
	files["flows/roundtrip_test.go"] = strings.Replace(roundTripTest, "\t// TABLE\n", table.String(), 1)
	dir := newModule(t, files)
	run(t, dir, "go", "vet", "./...")
	out := run(t, dir, "go", "test", "-v", "-count=1", "-run", "TestRoundTrip", "./flows")

	status := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if name, rest, ok := strings.Cut(line, " "); ok && strings.HasPrefix(name, "M") {
			status[name] = rest
		}
	}
	imported := map[string]int{}
	same := map[string]int{}
	gapped := map[string]int{}
	var gapLines []string
	for _, e := range entries {
		imported[e.set]++
		st := status[e.name]
		switch {
		case st == "ok":
			same[e.set]++
		case len(e.gaps) > 0:
			gapped[e.set]++
			for _, g := range e.gaps {
				gapLines = append(gapLines, fmt.Sprintf("%s: %s", e.from, g))
			}
		default:
			t.Errorf("%s (%s): the imported machine does not give the document back: %s", e.from, e.name, st)
		}
	}
	sort.Strings(gapLines)
	for _, l := range gapLines {
		t.Logf("gap: %s", l)
	}
	for _, set := range []string{"corpus", "conformance"} {
		t.Logf("%s: %d distinct definitions, %d not valid (not imported), %d imported, %d round-tripped, %d with builder gaps",
			set, map[string]int{"corpus": len(corpus), "conformance": len(conformance)}[set], invalid[set], imported[set], same[set], gapped[set])
	}
}

// roundTripTest is the test of the temporary module's package: it builds
// each machine and compares its document with the original as JSON values,
// printing one line per machine: "NAME ok" or "NAME what differs".
const roundTripTest = `package flows

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"testing"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
)

var machines = map[string]func() *dsl.Machine{
	// TABLE
}

func TestRoundTrip(t *testing.T) {
	names := make([]string, 0, len(machines))
	for name := range machines {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		want, err := os.ReadFile("testdata/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		sm, err := machines[name]().Build()
		if err != nil {
			fmt.Printf("%s build: %q\n", name, err.Error())
			continue
		}
		got, err := asl.Marshal(sm)
		if err != nil {
			fmt.Printf("%s marshal: %v\n", name, err)
			continue
		}
		var a, b any
		json.Unmarshal(got, &a)
		json.Unmarshal(want, &b)
		if !reflect.DeepEqual(a, b) {
			fmt.Printf("%s differs: got %s\n", name, compact(got))
			continue
		}
		fmt.Printf("%s ok\n", name)
	}
}

func compact(data []byte) string {
	var v any
	json.Unmarshal(data, &v)
	out, _ := json.Marshal(v)
	return string(out)
}
`

// newModule writes a module example.com/m that requires this repository
// through a replace directive, with the given files (slash-separated
// paths), and returns its directory.
func newModule(t *testing.T, files map[string]string) string {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files["go.mod"] = fmt.Sprintf("module example.com/m\n\ngo 1.24.0\n\nrequire github.com/aslgen/aslgen v0.0.0\n\nreplace github.com/aslgen/aslgen => %s\n", root)
	files["go.sum"] = string(sum)
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs a command in dir with modules from this repository and the
// module cache only, and returns its output; it fails the test when the
// command fails.
func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, firstLines(string(out), 60))
	}
	return string(out)
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
