package dsl

import (
	"fmt"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
)

// Graph is a set of states with a start: the machine's top level, a Parallel
// branch or a Map item processor. States are created on the graph they belong
// to, and transitions stay inside it.
type Graph struct {
	m       *Machine
	at      pos
	parent  State // the Parallel or Map owning the graph; nil at the top level
	branch  int   // index of a Parallel branch; -1 for a Map item processor
	states  []State
	start   State
	startAt pos
	startBy bool // the start was set explicitly by StartAt
	comment string
}

func newGraph(m *Machine, at pos, parent State, branch int) *Graph {
	return &Graph{m: m, at: at, parent: parent, branch: branch}
}

// describe names the graph for messages: `machine "M"`, `branch 1 of
// Parallel "P"` or `the item processor of Map "M"`.
func (g *Graph) describe() string {
	switch {
	case g.parent == nil:
		return fmt.Sprintf("machine %q", g.m.name)
	case g.branch >= 0:
		return fmt.Sprintf("branch %d of Parallel %q", g.branch+1, g.parent.Name())
	default:
		return fmt.Sprintf("the item processor of Map %q", g.parent.Name())
	}
}

// add registers a new state on the graph, checking that its name is unique in
// the whole machine.
func (g *Graph) add(s State, c *stateCore, name string, typ asl.StateType, at pos) {
	c.g, c.name, c.typ, c.at = g, name, typ, at
	bind(s)
	if prev, dup := g.m.names[name]; dup {
		pc := prev.core()
		g.m.problems.add(at, name, "duplicate state name: a %s state named %q already exists (created at %s, in %s)", pc.typ, name, pc.at.position(), pc.g.describe())
		return
	}
	g.m.names[name] = s
	g.states = append(g.states, s)
}

// Task creates a Task state; set its Resource.
func (g *Graph) Task(name string) *TaskState { return g.newTask(name, here()) }

func (g *Graph) newTask(name string, at pos) *TaskState {
	s := &TaskState{}
	g.add(s, &s.stateCore, name, asl.TypeTask, at)
	return s
}

// LambdaInvoke creates a Task state that invokes a Lambda function through the
// optimized integration (arn:aws:states:::lambda:invoke), passing the state's
// input as the payload. function is a function name, ARN or "${...}"
// substitution. The result is the integration's response; add
// OutputPath("$.Payload") or ResultSelector to keep only the function's output.
//
// In a JSONPath state the payload is Parameters {"FunctionName": function,
// "Payload.$": "$"}; in a JSONata state it is Arguments {"FunctionName":
// function, "Payload": "{% $states.input %}"}, and Output("{%
// $states.result.Payload %}") keeps only the function's output.
//
// Parameters or Arguments set on the state replace that template and keep
// the function: they hold lambda:invoke's parameters (Payload, Qualifier,
// InvocationType, ...) and FunctionName is added. Build reports one that is
// not an object, names another function, or has a member that is no
// parameter of lambda:invoke (the function's event belongs in Payload).
func (g *Graph) LambdaInvoke(name, function string) *TaskState {
	at := here()
	s := g.newTask(name, at)
	s.resource = "arn:aws:states:::lambda:invoke"
	s.parameters = &template{v: Obj{"FunctionName": function, "Payload": Path("$")}, at: at}
	s.lambda = s.parameters
	return s
}

// Pass creates a Pass state.
func (g *Graph) Pass(name string) *PassState {
	s := &PassState{}
	g.add(s, &s.stateCore, name, asl.TypePass, here())
	return s
}

// Choice creates a Choice state; add rules with When and a default with Otherwise.
func (g *Graph) Choice(name string) *ChoiceState {
	s := &ChoiceState{}
	g.add(s, &s.stateCore, name, asl.TypeChoice, here())
	return s
}

// Wait creates a Wait state; set how long with For or until when with Until.
func (g *Graph) Wait(name string) *WaitState {
	s := &WaitState{}
	g.add(s, &s.stateCore, name, asl.TypeWait, here())
	return s
}

// Succeed creates a Succeed state.
func (g *Graph) Succeed(name string) *SucceedState {
	s := &SucceedState{}
	g.add(s, &s.stateCore, name, asl.TypeSucceed, here())
	return s
}

// Fail creates a Fail state; set its Error and Cause.
func (g *Graph) Fail(name string) *FailState {
	s := &FailState{}
	g.add(s, &s.stateCore, name, asl.TypeFail, here())
	return s
}

// Parallel creates a Parallel state; add branches with Branch.
func (g *Graph) Parallel(name string) *ParallelState {
	s := &ParallelState{}
	g.add(s, &s.stateCore, name, asl.TypeParallel, here())
	return s
}

// Map creates a Map state; create the per-item states on its ItemProcessor.
func (g *Graph) Map(name string) *MapState {
	s := &MapState{}
	g.add(s, &s.stateCore, name, asl.TypeMap, here())
	return s
}

// StartAt sets the graph's first state. Without it, the first state given to
// Chain starts the graph, or else the first state created on it.
func (g *Graph) StartAt(s State) *Graph {
	at := here()
	switch c := coreOf(s); {
	case c == nil:
		g.m.problems.add(at, "", "StartAt: missing transition target: the state is nil")
	case g.startBy:
		g.m.problems.add(at, "", "StartAt: %s already starts at %q (set at %s)", g.describe(), g.start.Name(), g.startAt.position())
	case g.checkMember(c, at, "StartAt"):
		g.start, g.startAt, g.startBy = s, at, true
	}
	return g
}

// Chain links states in sequence, each one's Next the state after it, and
// starts the graph at the first one unless StartAt says otherwise. A Choice,
// Succeed or Fail state can only come last.
//
//	m.Chain(validate, pay, ship)
func (g *Graph) Chain(states ...State) *Graph {
	at := here()
	for i, s := range states {
		c := coreOf(s)
		if c == nil {
			g.m.problems.add(at, "", "Chain: missing transition target: state %d is nil", i+1)
			return g
		}
		if !g.checkMember(c, at, "Chain") {
			return g
		}
	}
	if len(states) > 0 && g.start == nil {
		g.start, g.startAt = states[0], at
	}
	for i := 0; i+1 < len(states); i++ {
		c := states[i].core()
		switch c.typ {
		case asl.TypeChoice:
			c.problem(at, "Chain: a Choice state cannot be followed by %q; route it with When and Otherwise", states[i+1].Name())
		case asl.TypeSucceed, asl.TypeFail:
			c.problem(at, "Chain: a %s state ends its graph and cannot be followed by %q", c.typ, states[i+1].Name())
		default:
			c.setNext(states[i+1], at)
		}
	}
	return g
}

// checkMember reports, with a problem, a state that belongs to another graph.
func (g *Graph) checkMember(c *stateCore, at pos, what string) bool {
	if c.g == g {
		return true
	}
	if c.g.m != g.m {
		g.m.problems.add(at, c.name, "%s: the state belongs to another machine, %q", what, c.g.m.name)
	} else {
		g.m.problems.add(at, c.name, "%s: the state belongs to %s (created at %s), not to %s", what, c.g.describe(), c.at.position(), g.describe())
	}
	return false
}

// Comment describes the graph (a Parallel branch or Map item processor).
func (g *Graph) Comment(text string) *Graph {
	g.comment = text
	return g
}

// Machine is a workflow under construction. Create it with [NewMachine],
// create its states on it, and call Build to get the ASL document.
type Machine struct {
	*Graph
	name       string
	comment    string
	ql         asl.QueryLanguage
	timeout    *int
	timeoutAt  pos
	version    string
	inputType  Type
	outputType Type
	outputAt   pos // where OutputType was called: a declared output that does not fit is reported there
	names      map[string]State
	problems   problems
	strict     bool
}

// Strict makes the machine's warnings errors: Build and Check fail on
// them as on any other problem, each at its builder call. aslgen -strict
// does the same for every machine it generates.
func (m *Machine) Strict() *Machine {
	m.strict = true
	return m
}

// NewMachine starts a workflow called name. The name also names the
// generated file: OrderProcessing → orderprocessing.asl.json.
func NewMachine(name string) *Machine {
	m := &Machine{name: name, names: make(map[string]State)}
	m.Graph = newGraph(m, here(), nil, 0)
	if name == "" {
		m.problems.add(m.Graph.at, "", "NewMachine: the machine needs a name")
	}
	return m
}

// Name returns the machine's name.
func (m *Machine) Name() string { return m.name }

// Comment describes the machine.
func (m *Machine) Comment(text string) *Machine {
	m.comment = text
	return m
}

// QueryLanguage sets the default query language of every state (JSONPath
// unless set).
func (m *Machine) QueryLanguage(ql asl.QueryLanguage) *Machine {
	m.ql = ql
	return m
}

// Timeout bounds the whole execution (TimeoutSeconds).
func (m *Machine) Timeout(d time.Duration) *Machine {
	m.timeoutAt = here()
	n := seconds(&m.problems, m.timeoutAt, "", "TimeoutSeconds", d)
	m.timeout = &n
	return m
}

// Version sets the ASL version field ("1.0").
func (m *Machine) Version(v string) *Machine {
	m.version = v
	return m
}

// InputType declares the Go type of the execution input.
func (m *Machine) InputType(t Type) *Machine {
	m.inputType = t
	return m
}

// OutputType declares the Go type of the execution output. Build reports,
// at this call, a machine whose inferred output cannot fit it.
func (m *Machine) OutputType(t Type) *Machine {
	m.outputType, m.outputAt = t, here()
	return m
}

// PayloadTypes returns the Go types declared for the machine's input and
// output and for its tasks' inputs and results, machine first, then states in
// creation order.
func (m *Machine) PayloadTypes() []PayloadType {
	var out []PayloadType
	if !m.inputType.IsZero() {
		out = append(out, PayloadType{Role: RoleInput, Type: m.inputType})
	}
	if !m.outputType.IsZero() {
		out = append(out, PayloadType{Role: RoleOutput, Type: m.outputType})
	}
	var walk func(g *Graph)
	walk = func(g *Graph) {
		for _, s := range g.states {
			switch s := s.(type) {
			case *TaskState:
				if !s.inputType.IsZero() {
					out = append(out, PayloadType{State: s.name, Role: RoleInput, Type: s.inputType})
				}
				if !s.resultType.IsZero() {
					out = append(out, PayloadType{State: s.name, Role: RoleResult, Type: s.resultType})
				}
			case *ParallelState:
				for _, b := range s.branches {
					walk(b)
				}
			case *MapState:
				if s.proc != nil {
					walk(s.proc)
				}
			}
		}
	}
	walk(m.Graph)
	return out
}
