package graph

import (
	"strconv"

	"github.com/aslgen/aslgen/dsl/asl"
)

// EdgeKind says why an edge is taken.
type EdgeKind int

// The kinds of edges.
const (
	// EdgeNext is a state's Next.
	EdgeNext EdgeKind = iota
	// EdgeRule is a Choice rule's Next; its EdgeKey.Index is the rule's.
	EdgeRule
	// EdgeDefault is a Choice state's Default.
	EdgeDefault
	// EdgeCatch is a catcher's Next; its EdgeKey.Index is the catcher's.
	EdgeCatch
	// EdgeStart enters a machine (From "") or a Parallel branch or Map
	// processor (From the Parallel or Map state).
	EdgeStart
	// EdgeEnd leaves a terminal state (End or Succeed): To is "".
	EdgeEnd
)

var kindNames = [...]string{"next", "rule", "default", "catch", "start", "end"}

// String returns the kind's name: next, rule, default, catch, start or end.
func (k EdgeKind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "EdgeKind(" + strconv.Itoa(int(k)) + ")"
}

// EdgeKey names an edge of the diagram by the states it joins. The edge
// from the start of the machine has From ""; the edge into the end of the
// machine, or out of a branch's terminal state, has To "". A Parallel
// state's Next leaves from the state (From is the Parallel's name) once
// its branches are done.
type EdgeKey struct {
	From, To string
	Kind     EdgeKind
	// Index is the rule's index in Choices (EdgeRule) or the catcher's in
	// Catch (EdgeCatch); 0 otherwise.
	Index int
}

// String describes the edge: "From → To", with Start and End for the
// ends of the machine or of a branch, and its kind unless Next: "(rule
// 2)", "(Default)", "(Catch 1)".
func (k EdgeKey) String() string {
	from, to := k.From, k.To
	if from == "" {
		from = "Start"
	}
	if to == "" {
		to = "End"
	}
	s := from + " → " + to
	switch k.Kind {
	case EdgeRule:
		s += " (rule " + strconv.Itoa(k.Index+1) + ")"
	case EdgeDefault:
		s += " (Default)"
	case EdgeCatch:
		s += " (Catch " + strconv.Itoa(k.Index+1) + ")"
	}
	return s
}

// Overlay is what to draw over the diagram: counts per state and per edge,
// from one execution or from many (coverage). Entered states (count > 0)
// and taken edges are highlighted; failed states are marked. A nil map
// counts nothing.
type Overlay struct {
	// States counts the entries of each state, by name.
	States map[string]int
	// Edges counts the transitions along each edge.
	Edges map[EdgeKey]int
	// Failed names the states that failed (their error was caught or not).
	Failed map[string]bool
}

// AddState counts one entry of the named state.
func (o *Overlay) AddState(name string) {
	if o.States == nil {
		o.States = make(map[string]int)
	}
	o.States[name]++
}

// AddEdge counts one transition along the edge.
func (o *Overlay) AddEdge(k EdgeKey) {
	if o.Edges == nil {
		o.Edges = make(map[EdgeKey]int)
	}
	o.Edges[k]++
}

// AddFailed marks the named state as failed.
func (o *Overlay) AddFailed(name string) {
	if o.Failed == nil {
		o.Failed = make(map[string]bool)
	}
	o.Failed[name] = true
}

// Options adjust a drawing; nil means the defaults.
type Options struct {
	// Overlay, when set, highlights the states and edges it counts.
	Overlay *Overlay
	// Coverage draws the Overlay as coverage (SVG only): edges it does not
	// count are red, and each state and edge has a title (shown on hover)
	// with its count.
	Coverage bool
}

func (o *Options) overlay() *Overlay {
	if o == nil {
		return nil
	}
	return o.Overlay
}

// EdgeOf returns the key of the edge that a transition from one state to
// another took in sm: from "" is the start of the machine, to "" the end of
// the machine or of a branch; a transition from a Parallel or Map state to
// a state of its branches or processor enters it. caught says the state
// from failed and a catcher chose to. A Choice's transition is its first
// rule that goes to the state, or Default. The result is an EdgeNext key
// when sm has no such edge.
func EdgeOf(sm *asl.StateMachine, from, to string, caught bool) EdgeKey {
	k := EdgeKey{From: from, To: to, Kind: EdgeNext}
	switch {
	case from == "":
		k.Kind = EdgeStart
		return k
	case to == "":
		k.Kind = EdgeEnd
		return k
	}
	st := findState(&sm.States, from)
	if st == nil {
		return k
	}
	if caught {
		_, cs := asl.HandlersOf(st)
		for i, c := range cs {
			if c.Next == to {
				k.Kind, k.Index = EdgeCatch, i
				return k
			}
		}
	}
	switch s := st.(type) {
	case *asl.Choice:
		for i, r := range s.Choices {
			if r.Next == to {
				k.Kind, k.Index = EdgeRule, i
				return k
			}
		}
		if s.Default == to {
			k.Kind = EdgeDefault
		}
	case *asl.Parallel:
		for _, b := range s.Branches {
			if b.StartAt == to && s.Next != to {
				k.Kind = EdgeStart
			}
		}
	case *asl.Map:
		if p := s.Processor(); p != nil && p.StartAt == to && s.Next != to {
			k.Kind = EdgeStart
		}
	}
	return k
}

// findState finds a state by name anywhere in states, branches and
// processors included.
func findState(states *asl.States, name string) asl.State {
	if st, ok := states.Get(name); ok {
		return st
	}
	for _, st := range states.All() {
		switch s := st.(type) {
		case *asl.Parallel:
			for i := range s.Branches {
				if f := findState(&s.Branches[i].States, name); f != nil {
					return f
				}
			}
		case *asl.Map:
			if p := s.Processor(); p != nil {
				if f := findState(&p.States, name); f != nil {
					return f
				}
			}
		}
	}
	return nil
}

// shape is how a node is drawn.
type shape int

const (
	shapeBox     shape = iota // Task
	shapeRound                // Pass
	shapeDiamond              // Choice
	shapeHexagon              // Wait
	shapeStadium              // Succeed, Fail
	shapeSub                  // the head of a Parallel or Map
	shapeCircle               // start and end
	shapeJoin                 // the join of a Parallel or Map
)

// node is a state, or the start, end or join of a scope.
type node struct {
	id    string
	name  string // the state's name; "" for start, end and joins
	lines []string
	shape shape
	fail  bool // a Fail state
	// comp is set for a Parallel or Map state: the node is its head.
	comp *compound
}

// compound is what a Parallel or Map state holds.
type compound struct {
	head   *node
	join   *node
	label  string   // "Parallel" or "Map"
	scopes []*scope // the branches, or the processor
	starts []*edge  // head to each scope's start
	ends   []*edge  // each terminal state to join
}

// scope is a machine, a branch or a processor: its states in definition
// order and the edges between them.
type scope struct {
	id    string
	label string
	nodes []*node // states; for the machine, begin first and finish last
	edges []*edge
}

// edge is one edge of the diagram.
type edge struct {
	from, to *node // as drawn: a compound's edges start at its join
	key      EdgeKey
	label    string
	dashed   bool
	index    int // the order of the edge in the drawing
}

// diagram is the drawing of a machine.
type diagram struct {
	top   *scope
	nodes []*node // all nodes, in drawing order
	edges []*edge // all edges, in drawing order
	ov    *Overlay
	cov   bool // Options.Coverage
}

// build turns sm into its diagram.
func build(sm *asl.StateMachine, opts *Options) *diagram {
	d := &diagram{ov: opts.overlay()}
	d.cov = opts != nil && opts.Coverage && d.ov != nil
	b := &builder{d: d}
	begin := b.newNode("begin", "", []string{"Start"}, shapeCircle)
	finish := &node{id: "finish", lines: []string{"End"}, shape: shapeCircle}
	b.finish = finish
	top := b.scope("machine", "", &sm.States, nil)
	top.nodes = append([]*node{begin}, top.nodes...)
	if t := find(top, sm.StartAt); t != nil {
		top.edges = append([]*edge{b.newEdge(begin, t, EdgeKey{To: sm.StartAt, Kind: EdgeStart}, "", false)}, top.edges...)
	}
	if b.finishUsed {
		top.nodes = append(top.nodes, finish)
		d.nodes = append(d.nodes, finish)
	}
	d.top = top
	// Number the edges in drawing order: scopes depth first.
	add := func(es []*edge) {
		for _, e := range es {
			e.index = len(d.edges)
			d.edges = append(d.edges, e)
		}
	}
	var number func(s *scope)
	number = func(s *scope) {
		for _, nd := range s.nodes {
			if c := nd.comp; c != nil {
				add(c.starts)
				for _, sc := range c.scopes {
					number(sc)
				}
				add(c.ends)
			}
		}
		add(s.edges)
	}
	number(top)
	return d
}

type builder struct {
	d          *diagram
	finish     *node
	n          int
	finishUsed bool
}

func (b *builder) newNode(id, name string, lines []string, sh shape) *node {
	nd := &node{id: id, name: name, lines: lines, shape: sh}
	b.d.nodes = append(b.d.nodes, nd)
	return nd
}

func (b *builder) newEdge(from, to *node, k EdgeKey, label string, dashed bool) *edge {
	return &edge{from: from, to: to, key: k, label: label, dashed: dashed}
}

// scope builds the nodes of states and their edges; terminal states go to
// the machine's end, or to the join of outer.
func (b *builder) scope(id, label string, states *asl.States, outer *compound) *scope {
	sc := &scope{id: id, label: label}
	// Transitions stay within their scope: ASL forbids them across a
	// Parallel or Map boundary, and a name may be used again in another
	// scope of a document that is not valid.
	local := make(map[string]*node, states.Len())
	for name, st := range states.All() {
		nd := b.newNode("s"+strconv.Itoa(b.n), name, stateLines(name, st), stateShape(st))
		b.n++
		_, nd.fail = st.(*asl.Fail)
		local[name] = nd
		sc.nodes = append(sc.nodes, nd)
		var subs []*asl.States
		var starts []string
		switch s := st.(type) {
		case *asl.Parallel:
			nd.comp = &compound{head: nd, label: "Parallel"}
			for i := range s.Branches {
				subs = append(subs, &s.Branches[i].States)
				starts = append(starts, s.Branches[i].StartAt)
			}
		case *asl.Map:
			nd.comp = &compound{head: nd, label: "Map"}
			if p := s.Processor(); p != nil {
				subs = append(subs, &p.States)
				starts = append(starts, p.StartAt)
			}
		}
		if c := nd.comp; c != nil {
			c.join = b.newNode(nd.id+"_join", "", nil, shapeJoin)
			for i, states := range subs {
				id, lab := nd.id+"_b"+strconv.Itoa(i), "Branch "+strconv.Itoa(i+1)
				if c.label == "Map" {
					id, lab = nd.id+"_p", "Item processor"
				}
				inner := b.scope(id, lab, states, c)
				c.scopes = append(c.scopes, inner)
				if t := find(inner, starts[i]); t != nil {
					c.starts = append(c.starts, b.newEdge(nd, t, EdgeKey{From: name, To: starts[i], Kind: EdgeStart}, "", false))
				}
			}
		}
	}
	// Edges, now that every state of the scope has its node.
	for name, st := range states.All() {
		from := local[name]
		if from.comp != nil {
			// The state's own edges leave from its join.
			from = from.comp.join
		}
		add := func(to string, k EdgeKey, label string, dashed bool) {
			if k.Kind == EdgeEnd {
				if outer == nil {
					b.finishUsed = true
					sc.edges = append(sc.edges, b.newEdge(from, b.finish, k, label, dashed))
					return
				}
				outer.ends = append(outer.ends, b.newEdge(from, outer.join, k, label, dashed))
				return
			}
			t := local[to]
			if t == nil {
				return
			}
			sc.edges = append(sc.edges, b.newEdge(from, t, k, label, dashed))
		}
		switch s := st.(type) {
		case *asl.Choice:
			for i, r := range s.Choices {
				add(r.Next, EdgeKey{From: name, To: r.Next, Kind: EdgeRule, Index: i}, Condition(&r), false)
			}
			if s.Default != "" {
				add(s.Default, EdgeKey{From: name, To: s.Default, Kind: EdgeDefault}, "Default", false)
			}
		case *asl.Succeed:
			add("", EdgeKey{From: name, Kind: EdgeEnd}, "", false)
		case *asl.Fail:
		default:
			next, isEnd, _ := asl.NextOf(st)
			if isEnd {
				add("", EdgeKey{From: name, Kind: EdgeEnd}, "", false)
			} else if next != "" {
				add(next, EdgeKey{From: name, To: next, Kind: EdgeNext}, "", false)
			}
		}
		_, cs := asl.HandlersOf(st)
		for i, c := range cs {
			add(c.Next, EdgeKey{From: name, To: c.Next, Kind: EdgeCatch, Index: i}, joinErrors(c.ErrorEquals), true)
		}
	}
	return sc
}

// find returns the node of the named state of a scope, or nil.
func find(sc *scope, name string) *node {
	for _, nd := range sc.nodes {
		if nd.name == name && nd.shape != shapeCircle {
			return nd
		}
	}
	return nil
}

func stateShape(st asl.State) shape {
	switch st.(type) {
	case *asl.Pass:
		return shapeRound
	case *asl.Choice:
		return shapeDiamond
	case *asl.Wait:
		return shapeHexagon
	case *asl.Succeed, *asl.Fail:
		return shapeStadium
	case *asl.Parallel, *asl.Map:
		return shapeSub
	}
	return shapeBox
}

// Highlight states of a node and an edge under an overlay.
func (d *diagram) entered(nd *node) bool {
	return d.ov != nil && nd.name != "" && d.ov.States[nd.name] > 0
}

func (d *diagram) failed(nd *node) bool {
	return d.ov != nil && nd.name != "" && d.ov.Failed[nd.name]
}

func (d *diagram) taken(e *edge) bool {
	return d.ov != nil && d.ov.Edges[e.key] > 0
}

// reached reports whether a start, end or join node was reached: an edge
// into or out of it was taken; for a state, whether it was entered.
func (d *diagram) reached(nd *node) bool {
	if d.ov == nil {
		return false
	}
	if nd.shape == shapeCircle {
		for _, e := range d.edges {
			if (e.from == nd || e.to == nd) && d.taken(e) {
				return true
			}
		}
		return false
	}
	if nd.shape == shapeJoin {
		for _, e := range d.edges {
			if (e.to == nd || e.from == nd) && d.taken(e) {
				return true
			}
		}
		return false
	}
	return d.entered(nd)
}
