package coverage_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/coverage"
	"github.com/aslgen/aslgen/dsl/graph"
)

const def = `{"StartAt":"Check","States":{
 "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Work"}],"Default":"Done"},
 "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
  "Retry":[{"ErrorEquals":["Busy"]}],
  "Catch":[{"ErrorEquals":["Bad"],"Next":"Oops"},{"ErrorEquals":["States.ALL"],"Next":"Oops"}],"Next":"Done"},
 "Oops":{"Type":"Fail","Error":"Oops"},
 "Done":{"Type":"Succeed"}}}`

func newProfile(t *testing.T) *coverage.Profile {
	t.Helper()
	doc, err := asl.Unmarshal([]byte(def))
	if err != nil {
		t.Fatal(err)
	}
	p, err := coverage.New(doc, "Flow")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// run adds a run that went Check → Work → (caught by Catch 1) → Oops.
func addCaughtRun(p *coverage.Profile) {
	p.AddState("Check")
	p.AddState("Work")
	p.AddState("Oops")
	p.AddEdge(graph.EdgeKey{To: "Check", Kind: graph.EdgeStart})
	p.AddEdge(graph.EdgeKey{From: "Check", To: "Work", Kind: graph.EdgeRule})
	p.AddEdge(graph.EdgeKey{From: "Work", To: "Oops", Kind: graph.EdgeCatch, Index: 0})
	p.AddRetry(coverage.Retrier{State: "Work"})
}

func TestItemsAndSummary(t *testing.T) {
	p := newProfile(t)
	addCaughtRun(p)
	s := p.Summary()
	want := [4]coverage.Figure{{3, 4}, {3, 7}, {1, 2}, {1, 1}}
	if s != want {
		t.Errorf("summary %v, want %v", s, want)
	}
	if got := fmt.Sprint(s[0], " ", s[1], " ", coverage.Figure{}); got != "75.0% 42.9% -" {
		t.Errorf("figures print as %q", got)
	}
	missing := p.Missing(coverage.Catchers)
	if want := []string{"catcher Work → Oops (Catch 2): States.ALL"}; !reflect.DeepEqual(missing, want) {
		t.Errorf("missing catchers %q, want %q", missing, want)
	}
	all := p.Missing()
	if len(all) != 1+4+1 {
		t.Errorf("missing %q", all)
	}
}

type fakeT struct{ errs []string }

func (f *fakeT) Helper()                        {}
func (f *fakeT) Errorf(format string, a ...any) { f.errs = append(f.errs, fmt.Sprintf(format, a...)) }

func TestRequire(t *testing.T) {
	p := newProfile(t)
	addCaughtRun(p)
	var ft fakeT
	p.Require(&ft, coverage.Retriers)
	if len(ft.errs) != 0 {
		t.Errorf("Require(Retriers): %q", ft.errs)
	}
	p.Require(&ft, coverage.Catchers)
	if len(ft.errs) != 1 || !strings.Contains(ft.errs[0], "Catch 2") || !strings.Contains(ft.errs[0], "Flow") {
		t.Errorf("Require(Catchers): %q", ft.errs)
	}
	p.AddEdge(graph.EdgeKey{From: "Work", To: "Oops", Kind: graph.EdgeCatch, Index: 1})
	ft.errs = nil
	p.Require(&ft, coverage.Catchers)
	if len(ft.errs) != 0 {
		t.Errorf("Require(Catchers) with both taken: %q", ft.errs)
	}
}

// TestConcurrentWriters writes from many writers at once, as the test
// processes of go test ./... do, and checks that Read merges every count.
func TestConcurrentWriters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cover") // created by the writers
	const writers, runs = 8, 50
	var wg sync.WaitGroup
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := coverage.NewWriter(dir)
			defer w.Close()
			for range runs {
				p := newProfile(t)
				addCaughtRun(p)
				if err := w.Add(p); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	files, _ := filepath.Glob(filepath.Join(dir, "aslcov.counts.*.jsonl"))
	defs, _ := filepath.Glob(filepath.Join(dir, "aslcov.def.*.json"))
	if len(files) != writers || len(defs) != 1 {
		t.Fatalf("%d counts files and %d definitions, want %d and 1", len(files), len(defs), writers)
	}
	// A process killed while writing leaves a partial line: ignored.
	f, err := os.OpenFile(files[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"hash":"`)
	f.Close()

	ps, err := coverage.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("%d profiles", len(ps))
	}
	p := ps[0]
	const n = writers * runs
	if p.Name != "Flow" || p.States["Work"] != n || p.Edges[graph.EdgeKey{From: "Work", To: "Oops", Kind: graph.EdgeCatch}] != n ||
		p.Retriers[coverage.Retrier{State: "Work"}] != n || p.States["Done"] != 0 {
		t.Errorf("merged %+v", p)
	}
	if p.Doc == nil || p.Doc.StartAt != "Check" {
		t.Errorf("definition not read back: %+v", p.Doc)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := coverage.Read(dir); !coverage.IsNoData(err) {
		t.Errorf("empty directory: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "aslcov.counts.1.x.jsonl"), []byte(`{"hash":"abc"}`+"\n"), 0o666)
	os.WriteFile(filepath.Join(dir, "aslcov.def.def.json"), []byte(`{"version":1,"hash":"def","name":"X","definition":{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}}`), 0o666)
	if _, err := coverage.Read(dir); err == nil || !strings.Contains(err.Error(), "no definition") {
		t.Errorf("counts without definition: %v", err)
	}
}
