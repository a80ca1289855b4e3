package sim

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/aslgen/aslgen/dsl/asl"
)

// mockKey names a mock as the options give it: a state's (OnState) or a
// resource's (OnResource).
type mockKey struct {
	resource bool
	name     string
}

func (k mockKey) String() string {
	if k.resource {
		return fmt.Sprintf("OnResource(%q)", k.name)
	}
	return fmt.Sprintf("OnState(%q)", k.name)
}

// give notes a mock given by an option of the New or With call being
// configured: a second one for the same state or resource is a problem.
func (o *options) give(k mockKey) {
	if o.given[k] {
		what := "state"
		if k.resource {
			what = "resource"
		}
		o.problems = append(o.problems, fmt.Sprintf("%v is given twice: there is one mock per %s", k, what))
		return
	}
	if o.given == nil {
		o.given = map[mockKey]bool{}
	}
	o.given[k] = true
}

// numberMocks gives each mock of the options its place among the
// simulator's mocks (Handler.mock), states first, then resources, each in
// name order, and returns their names in that order. A mock
// configuration's mocks follow, numbered by their test case (mockCase).
func (o *options) numberMocks() []string {
	if len(o.byState)+len(o.byResource) == 0 {
		return nil
	}
	names := make([]string, 0, len(o.byState)+len(o.byResource))
	for _, m := range []map[string]Handler{o.byState, o.byResource} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			h := m[k]
			names = append(names, k)
			h.mock = len(names)
			m[k] = h
		}
	}
	return names
}

// called counts a call of the mock numbered m (Handler.mock, plus the
// base of a mock configuration's mocks); 0 is no mock.
func (x *execution) called(m int) {
	if m == 0 {
		return
	}
	ex := x.result
	if ex.calls == nil {
		n := len(x.s.mockNames)
		if x.s.mocks != nil {
			n += len(x.s.mocks.names)
		}
		if n <= len(ex.callBuf) {
			ex.calls = ex.callBuf[:n]
		} else {
			ex.calls = make([]int32, n)
		}
	}
	ex.calls[m-1]++
}

// MockCalls returns how many times the execution called each mock of its
// simulator, retries included: a mock given with [OnState], or by the
// test case of a mock configuration ([UseMockConfig]), under its state's
// name ("Map/ItemReader" for an ItemReader); one given with [OnResource]
// under its Resource. Mocks never called are there with 0. A test asserts
// on them:
//
//	if n := ex.MockCalls()["ChargeCard"]; n != 3 {
//		t.Errorf("ChargeCard was called %d times, want 3 (two retries)", n)
//	}
func (e *Execution) MockCalls() map[string]int {
	out := map[string]int{}
	e.eachMock(func(name string, calls int) { out[name] = calls })
	return out
}

// UnusedMocks returns the names of the mocks that the execution never
// called, named as in [Execution.MockCalls], in order; nil when it called
// every one.
func (e *Execution) UnusedMocks() []string {
	var out []string
	e.eachMock(func(name string, calls int) {
		if calls == 0 {
			out = append(out, name)
		}
	})
	slices.Sort(out)
	return out
}

// eachMock calls f with each mock of the execution's simulator and its
// number of calls.
func (e *Execution) eachMock(f func(name string, calls int)) {
	s := e.sim
	if s == nil {
		return
	}
	count := func(i int) int {
		if i < len(e.calls) {
			return int(e.calls[i])
		}
		return 0
	}
	for i, name := range s.mockNames {
		f(name, count(i))
	}
	if mc := s.mocks; mc != nil {
		base := len(s.mockNames)
		for i, name := range mc.names {
			if _, replaced := s.opts.byState[name]; !replaced {
				f(name, count(base+i))
			}
		}
	}
}

// mockTargets is what the mocks of a machine may name: the states that
// take one (Task states, wherever they are, and the ItemReaders of Map
// states, as "Map/ItemReader"), the type of every other state, and the
// Resources of the states that take mocks.
type mockTargets struct {
	once      sync.Once
	top       *graph
	types     map[string]string // state name → its type ("ItemReader" for Map/ItemReader)
	takers    []string          // the names that take mocks, in order
	resources []string          // their resources, in order, once each
}

// get walks the machine on first use.
func (t *mockTargets) get() *mockTargets {
	t.once.Do(func() {
		t.types = map[string]string{}
		res := map[string]bool{}
		var walk func(g *graph)
		walk = func(g *graph) {
			for name, st := range g.states {
				t.types[name] = string(st.typ)
				switch {
				case st.typ == asl.TypeTask && st.task != nil:
					t.takers = append(t.takers, name)
					res[st.task.resource] = true
				case st.mapSpec != nil:
					if r := st.mapSpec.reader; r != nil {
						t.types[name+"/ItemReader"] = "ItemReader"
						t.takers = append(t.takers, name+"/ItemReader")
						res[r.Resource] = true
					}
					if st.mapSpec.processor != nil {
						walk(st.mapSpec.processor)
					}
				}
				for _, b := range st.branches {
					walk(b)
				}
			}
		}
		walk(t.top)
		slices.Sort(t.takers)
		t.resources = slices.Sorted(maps.Keys(res))
	})
	return t
}

// checkMocks refuses mocks that can never run: an OnState, or a state of
// the mock configuration's test case, that names no state that takes a
// mock, and an OnResource for a Resource that no such state has.
func (s *Simulator) checkMocks() error {
	o := &s.opts
	if len(o.byState)+len(o.byResource) == 0 && s.mocks == nil {
		return nil
	}
	t := s.targets.get()
	if t.accepts(o, s.mocks) {
		return nil
	}
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(o.byState)) {
		if why := t.refuse(name); why != "" {
			problems = append(problems, fmt.Sprintf("OnState(%q): %s", name, why))
		}
	}
	for _, arn := range slices.Sorted(maps.Keys(o.byResource)) {
		if !slices.Contains(t.resources, arn) {
			problems = append(problems, fmt.Sprintf("OnResource(%q): no Task state has this Resource%s; the resources are %s",
				arn, didYouMean(arn, t.resources), strings.Join(t.resources, ", ")))
		}
	}
	if mc := s.mocks; mc != nil {
		for _, name := range mc.names {
			if why := t.refuseInCase(name); why != "" {
				problems = append(problems, fmt.Sprintf("mock config: test case %q of state machine %q names state %q, %s",
					mc.testCase, mc.machine, name, why))
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("sim: %s", strings.Join(problems, "\nsim: "))
}

// accepts reports whether every mock of o and of mc can run: the check
// that a batch's simulators (Simulator.With for each case) make, without
// the sorting and formatting that checkMocks does to report problems.
func (t *mockTargets) accepts(o *options, mc *mockCase) bool {
	for name := range o.byState {
		if typ, ok := t.types[name]; !ok || typ != "Task" && typ != "ItemReader" {
			return false
		}
	}
	for arn := range o.byResource {
		if !slices.Contains(t.resources, arn) {
			return false
		}
	}
	if mc != nil {
		for _, name := range mc.names {
			if typ, ok := t.types[name]; !ok || typ != "Task" && typ != "ItemReader" {
				return false
			}
		}
	}
	return true
}

// refuse says why a mock for the named state cannot run; "" when it can.
func (t *mockTargets) refuse(name string) string {
	typ, ok := t.types[name]
	switch {
	case ok && typ != "Task" && typ != "ItemReader":
		return fmt.Sprintf("state %q is a %s state, which takes no mock%s; %s", name, typ, didYouMean(name, t.takers), t.takersText())
	case !ok:
		return fmt.Sprintf("the state machine has no state %q%s; %s", name, didYouMean(name, t.takers), t.takersText())
	}
	return ""
}

// refuseInCase is refuse for a state of a mock configuration's test case.
func (t *mockTargets) refuseInCase(name string) string {
	typ, ok := t.types[name]
	switch {
	case ok && typ != "Task" && typ != "ItemReader":
		return fmt.Sprintf("a %s state, which takes no mock%s; %s", typ, didYouMean(name, t.takers), t.takersText())
	case !ok:
		return fmt.Sprintf("which the state machine does not have%s; %s", didYouMean(name, t.takers), t.takersText())
	}
	return ""
}

// takersText lists the states that take mocks.
func (t *mockTargets) takersText() string {
	if len(t.takers) == 0 {
		return "the state machine has no state that takes a mock"
	}
	return "the states that take mocks are " + strings.Join(t.takers, ", ")
}

// didYouMean suggests the closest of names to name, as ` (did you mean
// "X"?)`: the shortest that starts with name, or else the nearest by edit
// distance when it is near enough to be a typo; "" when none is.
func didYouMean(name string, names []string) string {
	best, bestDist := "", -1
	for _, n := range names {
		if strings.HasPrefix(n, name) && (best == "" || len(n) < len(best)) {
			best = n
		}
	}
	if best == "" {
		for _, n := range names {
			if d := editDistance(strings.ToLower(name), strings.ToLower(n)); d <= max(2, len(name)/3) && (bestDist < 0 || d < bestDist) {
				best, bestDist = n, d
			}
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance of a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
