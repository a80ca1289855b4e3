package sim_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/aslgen/aslgen/dsl/coverage"
	"github.com/aslgen/aslgen/dsl/graph"
	"github.com/aslgen/aslgen/dsl/sim"
)

const coverDef = `{"StartAt":"Check","States":{
 "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Work"}],"Default":"Done"},
 "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
  "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1}],
  "Catch":[{"ErrorEquals":["Bad"],"Next":"Oops"},{"ErrorEquals":["States.ALL"],"Next":"Oops"}],"Next":"Done"},
 "Oops":{"Type":"Fail","Error":"Oops"},
 "Done":{"Type":"Succeed"}}}`

// coverRuns runs the machine three times: by Default; through Work, which
// is retried once and then caught by its first catcher; and with opts.
func coverRuns(t *testing.T, opts ...sim.Option) []*sim.Execution {
	t.Helper()
	doc := mustDecode(coverDef)
	s, err := sim.New(doc, append([]sim.Option{sim.Name("Flow"),
		sim.OnState("Work", sim.Sequence(sim.Throw("Busy", ""), sim.Throw("Bad", "")))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	var out []*sim.Execution
	for _, in := range []string{`{"n":0}`, `{"n":5}`} {
		ex, err := s.Run(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ex)
	}
	return out
}

func TestCoverage(t *testing.T) {
	execs := coverRuns(t)
	p := sim.Coverage(mustDecode(coverDef), execs...)
	if p.Name != "Flow" || p.States["Check"] != 2 || p.States["Work"] != 1 || p.States["Oops"] != 1 {
		t.Errorf("states %v", p.States)
	}
	for k, want := range map[graph.EdgeKey]int{
		{To: "Check", Kind: graph.EdgeStart}:                        2,
		{From: "Check", To: "Done", Kind: graph.EdgeDefault}:        1,
		{From: "Check", To: "Work", Kind: graph.EdgeRule}:           1,
		{From: "Work", To: "Oops", Kind: graph.EdgeCatch, Index: 0}: 1,
		{From: "Done", Kind: graph.EdgeEnd}:                         1,
	} {
		if p.Edges[k] != want {
			t.Errorf("edge %v: %d, want %d (edges %v)", k, p.Edges[k], want, p.Edges)
		}
	}
	if p.Retriers[coverage.Retrier{State: "Work"}] != 1 {
		t.Errorf("retriers %v", p.Retriers)
	}
	p.Require(t, coverage.States, coverage.Retriers)
	if m := p.Missing(coverage.Catchers); len(m) != 1 {
		t.Errorf("missing catchers %q, want the second", m)
	}
}

// TestCoverDir runs this test binary again with ASLGEN_COVERDIR set (the
// variable is read once, when the package starts) and reads what its runs
// wrote, History(false) runs included.
func TestCoverDir(t *testing.T) {
	if os.Getenv("ASLGEN_COVER_CHILD") == "1" {
		coverRuns(t)
		execs := coverRuns(t, sim.History(false))
		if execs[1].Events() != nil || len(execs[1].Path().Entered) != 0 {
			t.Errorf("History(false) run has a history with coverage on")
		}
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCoverDir$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ASLGEN_COVERDIR="+dir, "ASLGEN_COVER_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	ps, err := coverage.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Fatalf("%d profiles, want 1", len(ps))
	}
	p := ps[0]
	if p.Name != "Flow" || p.States["Check"] != 4 || p.States["Work"] != 2 ||
		p.Edges[graph.EdgeKey{From: "Work", To: "Oops", Kind: graph.EdgeCatch}] != 2 ||
		p.Retriers[coverage.Retrier{State: "Work"}] != 2 {
		t.Errorf("profile %s: states %v, edges %v, retriers %v", p.Name, p.States, p.Edges, p.Retriers)
	}
}
