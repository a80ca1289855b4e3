package coverage

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/graph"
)

// Kind is a kind of item that coverage counts.
type Kind int

// The kinds of items.
const (
	// States are the states of the machine, branches and item processors
	// included.
	States Kind = iota
	// Edges are the transitions of the diagram of package dsl/graph: the
	// start, each Next and End, each Choice rule and Default, each Catch,
	// the start of each Parallel branch and Map item processor.
	Edges
	// Catchers are the Catch edges (also counted among Edges).
	Catchers
	// Retriers are the retriers (the entries of each Retry field).
	Retriers
)

// Kinds lists every kind, in report order.
var Kinds = []Kind{States, Edges, Catchers, Retriers}

func (k Kind) String() string {
	switch k {
	case States:
		return "states"
	case Edges:
		return "edges"
	case Catchers:
		return "catchers"
	case Retriers:
		return "retriers"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Retrier names a retrier: the state and its index in Retry.
type Retrier struct {
	State string
	Index int
}

// Profile is the coverage of one state machine.
type Profile struct {
	// Hash identifies the machine: the start of the SHA-256 of its
	// canonical ASL ([Hash]).
	Hash string
	// Name is the machine's name (the simulator's sim.Name).
	Name string
	// Doc is the machine.
	Doc *asl.StateMachine
	// States counts the entries of each state, by name.
	States map[string]int
	// Edges counts the transitions along each edge.
	Edges map[graph.EdgeKey]int
	// Retriers counts the retries each retrier made.
	Retriers map[Retrier]int
}

// Hash returns the identity of a definition: the first 20 hexadecimal
// digits of the SHA-256 of its canonical JSON (asl.Marshal).
func Hash(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return hex.EncodeToString(sum[:10])
}

// New returns an empty profile of doc, with its hash.
func New(doc *asl.StateMachine, name string) (*Profile, error) {
	data, err := asl.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return &Profile{Hash: Hash(data), Name: name, Doc: doc}, nil
}

// AddState counts one entry of a state.
func (p *Profile) AddState(name string) { add(&p.States, name, 1) }

// AddEdge counts one transition along an edge.
func (p *Profile) AddEdge(k graph.EdgeKey) { add(&p.Edges, k, 1) }

// AddRetry counts one retry by the retrier.
func (p *Profile) AddRetry(r Retrier) { add(&p.Retriers, r, 1) }

func add[K comparable](m *map[K]int, k K, n int) {
	if *m == nil {
		*m = make(map[K]int)
	}
	(*m)[k] += n
}

// Merge adds the counts of q, a profile of the same machine, to p.
func (p *Profile) Merge(q *Profile) {
	for k, n := range q.States {
		add(&p.States, k, n)
	}
	for k, n := range q.Edges {
		add(&p.Edges, k, n)
	}
	for k, n := range q.Retriers {
		add(&p.Retriers, k, n)
	}
}

// Item is one thing coverage counts: a state, an edge or a retrier.
type Item struct {
	Kind Kind
	// Name describes it: a state's name; an edge as "From → To" with its
	// kind ("(rule 2)", "(Default)", "(Catch 1: States.ALL)"), Start and
	// End for the ends of the machine; a retrier as "State Retry 1:
	// States.TaskFailed".
	Name  string
	Count int
}

// Items lists every item of the machine, with its count: states in
// definition order, then edges, catchers (again), retriers.
func (p *Profile) Items() []Item {
	var states, edges, catchers, retriers []Item
	var walk func(sts *asl.States, startAt, from string)
	walk = func(sts *asl.States, startAt, from string) {
		edge := func(k graph.EdgeKey, what string) {
			it := Item{Kind: Edges, Name: k.String() + what, Count: p.Edges[k]}
			edges = append(edges, it)
			if k.Kind == graph.EdgeCatch {
				it.Kind = Catchers
				catchers = append(catchers, it)
			}
		}
		edge(graph.EdgeKey{From: from, To: startAt, Kind: graph.EdgeStart}, "")
		for name, st := range sts.All() {
			states = append(states, Item{Kind: States, Name: name, Count: p.States[name]})
			switch s := st.(type) {
			case *asl.Choice:
				for i, r := range s.Choices {
					edge(graph.EdgeKey{From: name, To: r.Next, Kind: graph.EdgeRule, Index: i}, "")
				}
				if s.Default != "" {
					edge(graph.EdgeKey{From: name, To: s.Default, Kind: graph.EdgeDefault}, "")
				}
			case *asl.Succeed:
				edge(graph.EdgeKey{From: name, Kind: graph.EdgeEnd}, "")
			case *asl.Fail:
			default:
				if next, end, _ := asl.NextOf(st); end {
					edge(graph.EdgeKey{From: name, Kind: graph.EdgeEnd}, "")
				} else if next != "" {
					edge(graph.EdgeKey{From: name, To: next, Kind: graph.EdgeNext}, "")
				}
			}
			retry, catch := asl.HandlersOf(st)
			for i, c := range catch {
				edge(graph.EdgeKey{From: name, To: c.Next, Kind: graph.EdgeCatch, Index: i}, ": "+errorList(c.ErrorEquals))
			}
			for i, r := range retry {
				k := Retrier{State: name, Index: i}
				retriers = append(retriers, Item{Kind: Retriers, Name: name + " Retry " + strconv.Itoa(i+1) + ": " + errorList(r.ErrorEquals), Count: p.Retriers[k]})
			}
			switch s := st.(type) {
			case *asl.Parallel:
				for i := range s.Branches {
					walk(&s.Branches[i].States, s.Branches[i].StartAt, name)
				}
			case *asl.Map:
				if pr := s.Processor(); pr != nil {
					walk(&pr.States, pr.StartAt, name)
				}
			}
		}
	}
	if p.Doc != nil {
		walk(&p.Doc.States, p.Doc.StartAt, "")
	}
	return slices.Concat(states, edges, catchers, retriers)
}

func errorList(errs []string) string { return strings.Join(errs, ", ") }

// Figure is the coverage of one kind: items covered (count > 0) of all.
type Figure struct {
	Covered, Total int
}

// Percent is Covered/Total in percent; 100 when there is nothing to cover.
func (f Figure) Percent() float64 {
	if f.Total == 0 {
		return 100
	}
	return 100 * float64(f.Covered) / float64(f.Total)
}

// String is "75.0%", or "-" when there is nothing to cover.
func (f Figure) String() string {
	if f.Total == 0 {
		return "-"
	}
	return strconv.FormatFloat(f.Percent(), 'f', 1, 64) + "%"
}

// Summary returns the figures of each kind, indexed by Kind.
func (p *Profile) Summary() [4]Figure {
	var s [4]Figure
	for _, it := range p.Items() {
		s[it.Kind].Total++
		if it.Count > 0 {
			s[it.Kind].Covered++
		}
	}
	return s
}

// Missing describes the items of the given kinds (all kinds when none is
// given) that were never reached, in the order of [Profile.Items].
func (p *Profile) Missing(kinds ...Kind) []string {
	if len(kinds) == 0 {
		kinds = Kinds
	}
	var out []string
	for _, it := range p.Items() {
		if it.Count == 0 && slices.Contains(kinds, it.Kind) {
			out = append(out, it.Kind.String()[:len(it.Kind.String())-1]+" "+it.Name)
		}
	}
	return out
}

// TB is the part of testing.TB that Require uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Require reports, as one test error, every item of the given kinds (all
// kinds when none is given) that the profile never reached.
func (p *Profile) Require(t TB, kinds ...Kind) {
	t.Helper()
	if p == nil {
		t.Errorf("coverage: no profile (no executions)")
		return
	}
	if m := p.Missing(kinds...); len(m) > 0 {
		t.Errorf("coverage of %s: %d not reached:\n\t%s", p.Name, len(m), strings.Join(m, "\n\t"))
	}
}

// Overlay returns the profile's counts as an overlay for package dsl/graph.
func (p *Profile) Overlay() *graph.Overlay {
	return &graph.Overlay{States: maps.Clone(p.States), Edges: maps.Clone(p.Edges)}
}

// counts is one line of a counts file: the counts of one run (or more) of
// the machine Hash. Edges are [from, to, kind, index, count], retriers
// [state, index, count].
type counts struct {
	Hash     string         `json:"hash"`
	States   map[string]int `json:"states,omitempty"`
	Edges    [][5]any       `json:"edges,omitempty"`
	Retriers [][3]any       `json:"retriers,omitempty"`
}

// definition is a definition file.
type definition struct {
	Version    int             `json:"version"`
	Hash       string          `json:"hash"`
	Name       string          `json:"name"`
	Definition json.RawMessage `json:"definition"`
}

var kindNames = map[graph.EdgeKind]string{
	graph.EdgeNext: "next", graph.EdgeRule: "rule", graph.EdgeDefault: "default",
	graph.EdgeCatch: "catch", graph.EdgeStart: "start", graph.EdgeEnd: "end",
}

func kindOf(name string) (graph.EdgeKind, bool) {
	for k, n := range kindNames {
		if n == name {
			return k, true
		}
	}
	return 0, false
}

// marshalCounts encodes the counts of p as one line.
func marshalCounts(p *Profile) []byte {
	c := counts{Hash: p.Hash, States: p.States}
	for _, k := range slices.SortedFunc(maps.Keys(p.Edges), cmpEdge) {
		c.Edges = append(c.Edges, [5]any{k.From, k.To, kindNames[k.Kind], k.Index, p.Edges[k]})
	}
	for _, r := range slices.SortedFunc(maps.Keys(p.Retriers), func(a, b Retrier) int {
		return cmp.Or(cmp.Compare(a.State, b.State), cmp.Compare(a.Index, b.Index))
	}) {
		c.Retriers = append(c.Retriers, [3]any{r.State, r.Index, p.Retriers[r]})
	}
	data, _ := json.Marshal(c) // strings, numbers: cannot fail
	return append(data, '\n')
}

func cmpEdge(a, b graph.EdgeKey) int {
	return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Index, b.Index))
}

// unmarshalCounts decodes a line into a profile (Hash and counts only).
func unmarshalCounts(line []byte) (*Profile, error) {
	var c struct {
		Hash     string               `json:"hash"`
		States   map[string]int       `json:"states"`
		Edges    [][5]json.RawMessage `json:"edges"`
		Retriers [][3]json.RawMessage `json:"retriers"`
	}
	if err := json.Unmarshal(line, &c); err != nil {
		return nil, err
	}
	if c.Hash == "" {
		return nil, fmt.Errorf("no hash")
	}
	p := &Profile{Hash: c.Hash, States: c.States}
	for _, e := range c.Edges {
		var k graph.EdgeKey
		var kind string
		var n int
		for i, dst := range []any{&k.From, &k.To, &kind, &k.Index, &n} {
			if err := json.Unmarshal(e[i], dst); err != nil {
				return nil, fmt.Errorf("edge: %v", err)
			}
		}
		var ok bool
		if k.Kind, ok = kindOf(kind); !ok {
			return nil, fmt.Errorf("edge kind %q", kind)
		}
		add(&p.Edges, k, n)
	}
	for _, e := range c.Retriers {
		var r Retrier
		var n int
		for i, dst := range []any{&r.State, &r.Index, &n} {
			if err := json.Unmarshal(e[i], dst); err != nil {
				return nil, fmt.Errorf("retrier: %v", err)
			}
		}
		add(&p.Retriers, r, n)
	}
	return p, nil
}
