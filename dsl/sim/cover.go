package sim

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/coverage"
	diagram "github.com/aslgen/aslgen/dsl/graph"
)

// Workflow coverage (package dsl/coverage). With ASLGEN_COVERDIR set, read
// once when the package starts, New notes each machine's document and hash
// (coverRegister), every run records its history even with History(false)
// (and drops it at the end, so the execution has none, as asked), and at
// its end adds its counts to the directory (execution.cover): one appended
// line per run in this process's counts file. Unset, the cost is a test of
// a string at New and at the end of each run.

// coverDir is ASLGEN_COVERDIR.
var coverDir = os.Getenv("ASLGEN_COVERDIR")

var (
	coverMachines sync.Map // *graph (a Simulator's top) → *coverMachine
	coverOnce     sync.Once
	coverWriter   *coverage.Writer
	coverWarn     sync.Once
)

type coverMachine struct {
	doc  *asl.StateMachine
	hash string
}

// coverRegister notes the document of a compiled machine (New), when
// coverage is collected.
func coverRegister(top *graph, doc *asl.StateMachine) {
	if coverDir == "" {
		return
	}
	data, err := asl.Marshal(doc)
	if err != nil {
		return
	}
	coverMachines.Store(top, &coverMachine{doc: doc, hash: coverage.Hash(data)})
}

// cover adds the counts of the finished run to the coverage directory.
func (x *execution) cover() {
	if v, ok := coverMachines.Load(x.s.top); ok {
		m := v.(*coverMachine)
		p := &coverage.Profile{Hash: m.hash, Name: coverName(x.s.name), Doc: m.doc}
		addRun(p, x.result)
		coverOnce.Do(func() { coverWriter = coverage.NewWriter(coverDir) })
		if err := coverWriter.Add(p); err != nil {
			coverWarn.Do(func() { fmt.Fprintf(os.Stderr, "aslgen: ASLGEN_COVERDIR: %v\n", err) })
		}
	}
	if !x.s.opts.history {
		x.result.log = nil
	}
}

// coverName is the name of a machine in coverage data: the simulator's
// name, or for the default name, "StateMachine", the name of the current
// directory (go test runs a package's tests in its directory) and it:
// "orders.StateMachine".
func coverName(name string) string {
	if name != "StateMachine" {
		return name
	}
	if wd, err := os.Getwd(); err == nil {
		return filepath.Base(wd) + "." + name
	}
	return name
}

// noteRetry records that the retrier i of the state retried (failWith).
func (x *execution) noteRetry(state string, i int) {
	if x.result != nil {
		x.result.retried = append(x.result.retried, retryHit{State: state, Index: i})
	}
}

// addRun adds what ex did to p: the states it entered and edges it took
// (from its history, see Execution.Path) and the retries it made.
func addRun(p *coverage.Profile, ex *Execution) {
	path := ex.Path()
	for _, name := range path.Entered {
		p.AddState(name)
	}
	for _, t := range path.Transitions {
		p.AddEdge(diagram.EdgeOf(p.Doc, t.From, t.To, t.Caught))
	}
	for _, r := range ex.retried {
		p.AddRetry(r)
	}
}

// Coverage returns the workflow coverage of doc by executions of it: the
// states they entered, the edges they took (Next, Choice rules and Default,
// Catch, the ends) and the retriers that fired. States and edges are read
// from the histories, so executions run with History(false) add only their
// retries, and the child executions of a distributed Map add nothing. Use
// [coverage.Profile.Require] to assert it in a test:
//
//	sim.Coverage(doc, ex1, ex2).Require(t, coverage.Catchers)
func Coverage(doc *asl.StateMachine, execs ...*Execution) *coverage.Profile {
	name := ""
	if len(execs) > 0 && execs[0].sim != nil {
		name = execs[0].sim.name
	}
	p, err := coverage.New(doc, name)
	if err != nil {
		p = &coverage.Profile{Name: name, Doc: doc}
	}
	for _, ex := range execs {
		addRun(p, ex)
	}
	return p
}

// retryHit is a retrier that fired.
type retryHit = coverage.Retrier
