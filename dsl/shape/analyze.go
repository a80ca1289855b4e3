package shape

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonpath"
)

// Declared holds the shapes a developer declared for a machine.
type Declared struct {
	// Input is the shape of the execution input (nil: Unknown).
	Input *Shape
	// TaskInput holds, per Task state name, the declared effective input:
	// what the resource receives. For the optimized Lambda integration
	// (arn:aws:states:::lambda:invoke) it is the shape of the function's
	// event, which Parameters gives as its Payload member.
	TaskInput map[string]*Shape
	// TaskResult holds, per Task state name, the declared raw result:
	// what the resource returns, before ResultSelector and ResultPath. For
	// lambda:invoke it is the function's return value, which the
	// integration wraps in {Payload: ..., StatusCode: ..., ...}.
	TaskResult map[string]*Shape
	// Output is the declared shape of the execution output (nil: none).
	// Analyze reports each top-level terminal state whose output does not
	// fit it.
	Output *Shape
}

// Analysis is what [Analyze] found out about a machine.
type Analysis struct {
	// Input and Output hold, per state reached, its raw input and its
	// output (Fail states have no output). State names are unique in a
	// valid machine, nested states included.
	Input, Output map[string]*Shape
	// EffectiveInput holds, per Task state, what its resource receives:
	// the input after InputPath and Parameters (JSONPath), or Arguments
	// (JSONata).
	EffectiveInput map[string]*Shape
	// Result holds, per Task state, the raw result used: the declared
	// result (wrapped for lambda:invoke), else Unknown.
	Result map[string]*Shape
	// MachineOutput is the union of the outputs of the top-level terminal
	// states (End states and Succeed states; Fail states contribute
	// nothing); Unknown when there is none.
	MachineOutput *Shape
	// Findings lists the problems found, in document order of Location.
	Findings []Finding
}

// Field ranks: the order of fields within a state in a document, for
// sorting findings.
const (
	rankState = iota
	rankCredentials
	rankInputPath
	rankItemsPath
	rankItems
	rankItemSelector
	rankParameters
	rankArguments
	rankChoices
	rankBranches
	rankProcessor
	rankItemReader
	rankItemBatcher
	rankResultWriter
	rankMaxConcurrency
	rankMaxConcurrencyPath
	rankToleratedFailurePercentage
	rankToleratedFailurePercentagePath
	rankToleratedFailureCount
	rankToleratedFailureCountPath
	rankResultSelector
	rankResultPath
	rankOutputPath
	rankOutput
	rankAssign
	rankTimeoutSeconds
	rankTimeoutSecondsPath
	rankHeartbeatSeconds
	rankHeartbeatSecondsPath
	rankSeconds
	rankSecondsPath
	rankTimestamp
	rankTimestampPath
	rankError
	rankErrorPath
	rankCause
	rankCausePath
	rankCatch
	rankDeclared // a declared type that does not fit: ResultType, the machine's OutputType
)

// maxTransfers bounds the work of one analysis: the states' transfer
// functions it evaluates, nested graphs included (a nested graph is
// analyzed again each time its enclosing state is). A machine that needs
// more is reported with one warning instead of shapes.
const maxTransfers = 50000

// maxChanges bounds how often a state's input may change while the
// analysis looks for a fixed point; past it the input widens to Unknown.
const maxChanges = 8

type analyzer struct {
	sm    *asl.StateMachine
	d     Declared
	input *Shape // the execution input
	res   *Analysis
	info  map[string]*stateInfo
	steps int               // transfers evaluated
	ctxs  map[ctxKey]*Shape // context objects built
}

// ctxKey tells the context objects of states apart, outside ItemSelectors.
type ctxKey struct {
	input          *Shape
	retries, token bool
	root           string
}

// stateContext is contextObject(input, st, nil, false, root), built once
// per kind of state.
func (a *analyzer) stateContext(input *Shape, st asl.State, root string) *Shape {
	retries, token := contextFlags(st)
	k := ctxKey{input, retries, token, root}
	if c, ok := a.ctxs[k]; ok {
		return c
	}
	c := contextObject(input, st, nil, false, root)
	if a.ctxs == nil {
		a.ctxs = map[ctxKey]*Shape{}
	}
	a.ctxs[k] = c
	return c
}

type stateInfo struct {
	ptr      string
	key      []int
	findings []keyed
}

type keyed struct {
	key []int
	f   Finding
}

// edge is a shape flowing to a state, with the workflow variables.
type edge struct {
	to    string
	shape *Shape
	vars  *vars
}

// scopeEnv is what the states of one graph (the machine, a branch, a Map's
// item processor) share.
type scopeEnv struct {
	execInput *Shape // $$.Execution.Input
	ctx       *Shape // the context object of the state being analyzed
}

// Analyze infers the shape of every state's input and output from the
// declared shapes d and reports paths that cannot resolve and data that
// does not fit. It follows JSONPath data processing (InputPath,
// Parameters, the task's result, ResultSelector, ResultPath, OutputPath;
// Pass Result), JSONata data processing (Arguments, Output, Items,
// ItemSelector and Condition expressions over $states and the workflow
// variables), the variables each Assign sets in either language, and
// Choice, Catch, Parallel and Map flows, with loops iterated to a fixed
// point. Untyped data is Unknown and never causes a finding. Analyze never
// panics, whatever the document.
func Analyze(sm *asl.StateMachine, d Declared) *Analysis {
	a := &analyzer{
		sm:    sm,
		d:     d,
		input: norm(d.Input),
		res: &Analysis{
			Input:          map[string]*Shape{},
			Output:         map[string]*Shape{},
			EffectiveInput: map[string]*Shape{},
			Result:         map[string]*Shape{},
			MachineOutput:  unknownShape,
		},
		info: map[string]*stateInfo{},
	}
	if sm == nil {
		return a.res
	}
	a.index(sm.States, "", nil)
	se := scopeEnv{execInput: a.input}
	if out := a.scope(sm.States, sm.StartAt, a.input, nil, se); out != nil {
		a.res.MachineOutput = out
	}
	a.checkOutput(sm.States)
	if a.steps >= maxTransfers {
		// The shapes did not reach a fixed point: they may miss values, so
		// neither they nor the findings can be trusted.
		*a.res = Analysis{
			Input:          map[string]*Shape{},
			Output:         map[string]*Shape{},
			EffectiveInput: map[string]*Shape{},
			Result:         map[string]*Shape{},
			MachineOutput:  unknownShape,
			Findings: []Finding{{Severity: Warning, Location: "", Field: "States",
				Message: "the data flow is too complex to analyze (more than " + strconv.Itoa(maxTransfers) + " steps); shapes are not checked"}},
		}
		return a.res
	}
	infos := make([]*stateInfo, 0, len(a.info))
	for _, inf := range a.info {
		infos = append(infos, inf)
	}
	slices.SortFunc(infos, func(x, y *stateInfo) int {
		if c := slices.Compare(x.key, y.key); c != 0 {
			return c
		}
		return strings.Compare(x.ptr, y.ptr)
	})
	var all []keyed
	for _, inf := range infos {
		all = append(all, inf.findings...)
	}
	slices.SortStableFunc(all, func(x, y keyed) int { return slices.Compare(x.key, y.key) })
	for _, k := range all {
		a.res.Findings = append(a.res.Findings, k.f)
	}
	return a.res
}

// index records each state's pointer and sort key, nested states included.
func (a *analyzer) index(states asl.States, base string, key []int) {
	for i, name := range states.Names() {
		st, _ := states.Get(name)
		ptr := asl.Join(base+"/States", name)
		k := append(append([]int(nil), key...), i)
		if _, dup := a.info[name]; !dup {
			a.info[name] = &stateInfo{ptr: ptr, key: k}
		}
		switch x := st.(type) {
		case *asl.Parallel:
			for b, br := range x.Branches {
				a.index(br.States, ptr+"/Branches/"+strconv.Itoa(b), append(append([]int(nil), k...), rankBranches, b))
			}
		case *asl.Map:
			if x.ItemProcessor != nil {
				a.index(x.ItemProcessor.States, ptr+"/ItemProcessor", append(append([]int(nil), k...), rankProcessor, 0))
			}
			if x.Iterator != nil {
				a.index(x.Iterator.States, ptr+"/Iterator", append(append([]int(nil), k...), rankProcessor, 1))
			}
		}
	}
}

// report records a finding at site at.
func (a *analyzer) report(at site, sev Severity, path, msg string) {
	inf := a.info[at.state]
	if inf == nil {
		return
	}
	for _, k := range inf.findings {
		if k.f.Location == at.ptr && k.f.Message == msg {
			return // the same path twice in one field (an intrinsic's arguments)
		}
	}
	inf.findings = append(inf.findings, keyed{key: at.key, f: Finding{
		Severity: sev, Location: at.ptr, State: at.state, Field: at.field, Path: path, Message: msg,
	}})
}

// scope analyzes one graph of states from start with input in and the
// workflow variables vin, iterating to a fixed point, and returns the
// union of its terminal states' outputs (nil when none is reached). The
// variables the graph's states assign end with it.
func (a *analyzer) scope(states asl.States, start string, in *Shape, vin *vars, se scopeEnv) *Shape {
	names := states.Names()
	pos := make(map[string]int, len(names))
	for i, n := range names {
		if _, dup := pos[n]; !dup {
			pos[n] = i
		}
	}
	s0, ok := pos[start]
	if !ok {
		return nil
	}
	inputs := make([]*Shape, len(names))
	ivars := make([]*vars, len(names))
	changes := make([]int, len(names))
	dirty := make([]bool, len(names))
	terms := make([]*Shape, len(names))
	inputs[s0], ivars[s0], dirty[s0] = norm(in), vin, true
	for a.steps < maxTransfers {
		i := slices.Index(dirty, true)
		if i < 0 {
			break
		}
		dirty[i] = false
		st, _ := states.Get(names[i])
		edges, term := a.transfer(names[i], st, inputs[i], ivars[i], se)
		terms[i] = term
		for _, e := range edges {
			j, ok := pos[e.to]
			if !ok {
				continue
			}
			next := join(inputs[j], norm(e.shape))
			nv := joinVars(ivars[j], e.vars)
			if inputs[j] != nil && next.Equal(inputs[j]) && nv.equal(ivars[j]) {
				continue
			}
			changes[j]++
			if changes[j] > maxChanges {
				next, nv = unknownShape, nv.widen()
			}
			inputs[j], ivars[j], dirty[j] = next, nv, true
		}
	}
	var out *Shape
	for i, n := range names {
		if inputs[i] != nil {
			a.res.Input[n] = inputs[i]
		}
		out = join(out, terms[i])
	}
	return out
}

// queryLanguage returns the effective query language of st.
func (a *analyzer) queryLanguage(st asl.State) asl.QueryLanguage {
	if q := st.Base().QueryLanguage; q != "" {
		return q
	}
	if a.sm.QueryLanguage != "" {
		return a.sm.QueryLanguage
	}
	return asl.JSONPath
}

// transfer computes what state name does with input in and the variables
// vin: the shapes (and variables) it sends to other states and, for a
// terminal state, its output.
func (a *analyzer) transfer(name string, st asl.State, in *Shape, vin *vars, se scopeEnv) (edges []edge, term *Shape) {
	inf := a.info[name]
	if inf == nil || st == nil || a.steps >= maxTransfers {
		return nil, nil
	}
	a.steps++
	inf.findings = inf.findings[:0]
	root := site{state: name, ptr: inf.ptr, key: inf.key}
	if a.queryLanguage(st) == asl.JSONata {
		return a.jsonata(name, st, in, vin, root, se)
	}
	se.ctx = a.stateContext(se.execInput, st, "$$")
	ev := func(dollar *Shape) env { return env{dollar: dollar, ctx: se.ctx, vars: vin} }
	e := ev(in)
	// assign returns the variables after the state's Assign, evaluated
	// with $ the given value.
	assign := func(raw []byte, dollar *Shape, at site) *vars {
		return vin.with(a.template(raw, ev(dollar), at))
	}
	var out *Shape
	switch x := st.(type) {
	case *asl.Task:
		eff := a.selectIO(x.InputPath, in, e, root.child("InputPath", rankInputPath))
		ee := ev(eff)
		a.template(x.Credentials, ee, root.child("Credentials", rankCredentials))
		params := eff
		if p := a.template(x.Parameters, ee, root.child("Parameters", rankParameters)); p != nil {
			params = p
		}
		a.res.EffectiveInput[name] = params
		a.checkInput(name, x.Resource, params, root, inputFields{raw: x.Parameters, field: "Parameters", rank: rankParameters, inputPath: x.InputPath != nil})
		result := a.taskResult(name, x.Resource, root)
		vout := assign(x.Assign, result, root.child("Assign", rankAssign))
		if r := a.template(x.ResultSelector, ev(result), root.child("ResultSelector", rankResultSelector)); r != nil {
			result = r
		}
		a.wantPath(x.TimeoutSecondsPath, wantNumber, ee, root.child("TimeoutSecondsPath", rankTimeoutSecondsPath))
		a.wantPath(x.HeartbeatSecondsPath, wantNumber, ee, root.child("HeartbeatSecondsPath", rankHeartbeatSecondsPath))
		out = a.resultPath(x.ResultPath, in, result, root.child("ResultPath", rankResultPath))
		out = a.selectIO(x.OutputPath, out, ev(out), root.child("OutputPath", rankOutputPath))
		edges = a.catches(x.Catch, in, vin, se.ctx, root)
		return a.finish(name, out, vout, x.Next, x.End, edges)
	case *asl.Pass:
		eff := a.selectIO(x.InputPath, in, e, root.child("InputPath", rankInputPath))
		result := eff
		if p := a.template(x.Parameters, ev(eff), root.child("Parameters", rankParameters)); p != nil {
			result = p
		}
		if len(x.Result) > 0 {
			result = Literal(x.Result)
		}
		vout := assign(x.Assign, result, root.child("Assign", rankAssign))
		out = a.resultPath(x.ResultPath, in, result, root.child("ResultPath", rankResultPath))
		out = a.selectIO(x.OutputPath, out, ev(out), root.child("OutputPath", rankOutputPath))
		return a.finish(name, out, vout, x.Next, x.End, nil)
	case *asl.Choice:
		eff := a.selectIO(x.InputPath, in, e, root.child("InputPath", rankInputPath))
		a.choices(x, ev(eff), root)
		out = a.selectIO(x.OutputPath, eff, ev(eff), root.child("OutputPath", rankOutputPath))
		a.res.Output[name] = out
		at := root.child("Choices", rankChoices)
		for i, r := range x.Choices {
			vout := assign(r.Assign, eff, at.sub(strconv.Itoa(i), "["+strconv.Itoa(i)+"]", i).sub("Assign", ".Assign"))
			if r.Next != "" {
				edges = append(edges, edge{r.Next, out, vout})
			}
		}
		vout := assign(x.Assign, eff, root.child("Assign", rankAssign))
		if x.Default != "" {
			edges = append(edges, edge{x.Default, out, vout})
		}
		return edges, nil
	case *asl.Wait:
		eff := a.selectIO(x.InputPath, in, e, root.child("InputPath", rankInputPath))
		ee := ev(eff)
		a.wantPath(x.SecondsPath, wantNumber, ee, root.child("SecondsPath", rankSecondsPath))
		a.wantPath(x.TimestampPath, wantTimestamp, ee, root.child("TimestampPath", rankTimestampPath))
		vout := assign(x.Assign, eff, root.child("Assign", rankAssign))
		out = a.selectIO(x.OutputPath, eff, ee, root.child("OutputPath", rankOutputPath))
		return a.finish(name, out, vout, x.Next, x.End, nil)
	case *asl.Succeed:
		eff := a.selectIO(x.InputPath, in, e, root.child("InputPath", rankInputPath))
		out = a.selectIO(x.OutputPath, eff, ev(eff), root.child("OutputPath", rankOutputPath))
		return a.finish(name, out, vin, "", true, nil)
	case *asl.Fail:
		a.wantDynamic(x.ErrorPath, e, root.child("ErrorPath", rankErrorPath))
		a.wantDynamic(x.CausePath, e, root.child("CausePath", rankCausePath))
		return nil, nil
	case *asl.Parallel:
		eff := a.selectIO(x.InputPath, in, e, root.child("InputPath", rankInputPath))
		bin := eff
		if p := a.template(x.Parameters, ev(eff), root.child("Parameters", rankParameters)); p != nil {
			bin = p
		}
		outs := make([]*Shape, len(x.Branches))
		for b, br := range x.Branches {
			outs[b] = a.scope(br.States, br.StartAt, bin, vin, se)
		}
		result := TupleOf(outs...)
		vout := assign(x.Assign, result, root.child("Assign", rankAssign))
		if r := a.template(x.ResultSelector, ev(result), root.child("ResultSelector", rankResultSelector)); r != nil {
			result = r
		}
		out = a.resultPath(x.ResultPath, in, result, root.child("ResultPath", rankResultPath))
		out = a.selectIO(x.OutputPath, out, ev(out), root.child("OutputPath", rankOutputPath))
		edges = a.catches(x.Catch, in, vin, se.ctx, root)
		return a.finish(name, out, vout, x.Next, x.End, edges)
	case *asl.Map:
		eff := a.selectIO(x.InputPath, in, e, root.child("InputPath", rankInputPath))
		result := a.mapResult(x, eff, vin, se, root)
		vout := assign(x.Assign, result, root.child("Assign", rankAssign))
		if r := a.template(x.ResultSelector, ev(result), root.child("ResultSelector", rankResultSelector)); r != nil {
			result = r
		}
		out = a.resultPath(x.ResultPath, in, result, root.child("ResultPath", rankResultPath))
		out = a.selectIO(x.OutputPath, out, ev(out), root.child("OutputPath", rankOutputPath))
		edges = a.catches(x.Catch, in, vin, se.ctx, root)
		return a.finish(name, out, vout, x.Next, x.End, edges)
	}
	return nil, nil
}

// finish records a state's output and adds its Next edge, with the
// variables after the state, or returns the output as terminal.
func (a *analyzer) finish(name string, out *Shape, vout *vars, next string, end bool, edges []edge) ([]edge, *Shape) {
	a.res.Output[name] = out
	if end {
		return edges, out
	}
	if next != "" {
		edges = append(edges, edge{next, out, vout})
	}
	return edges, nil
}

// taskResult returns the raw result of a Task state: the declared result,
// wrapped as lambda:invoke returns a function's result, else Unknown.
func (a *analyzer) taskResult(name, resource string, root site) *Shape {
	result := unknownShape
	if r := a.d.TaskResult[name]; r != nil {
		result = r
		if lambdaWraps(resource) {
			result = lambdaResult(r)
			a.checkLambdaResult(r, root)
		}
	}
	a.res.Result[name] = result
	return result
}

// child returns the site of a top-level field of a state.
func (at site) child(name string, rank int) site {
	return site{state: at.state, ptr: asl.Join(at.ptr, name), field: name, key: append(append([]int(nil), at.key...), rank)}
}

// selectIO applies an InputPath or OutputPath to cur: nil keeps it, null
// gives an empty object.
func (a *analyzer) selectIO(p *asl.Path, cur *Shape, e env, at site) *Shape {
	switch {
	case p == nil:
		return cur
	case p.Null:
		return ObjectOf(nil, false)
	}
	return a.path(p.Value, e, at, pathOpt{})
}

// resultPath places result into the raw input as ResultPath says.
func (a *analyzer) resultPath(p *asl.Path, raw, result *Shape, at site) *Shape {
	switch {
	case p == nil:
		return result
	case p.Null:
		return raw
	}
	jp, err := jsonpath.Parse(p.Value)
	if err != nil || !jp.IsReference() {
		return unknownShape
	}
	out, probs := place(raw, jp, result)
	for _, pr := range probs {
		a.report(at, pr.sev, p.Value, p.Value+": "+pr.msg)
	}
	return out
}

// errorOutput is the shape of what a catcher places in the input.
var errorOutput = ObjectOf([]Field{{Name: "Error", Shape: stringShape}, {Name: "Cause", Shape: stringShape}}, false)

// catches returns the edges of a JSONPath state's catchers: the raw input
// with the error output placed at each catcher's ResultPath, and the
// variables after the catcher's Assign (which reads the error output).
func (a *analyzer) catches(cs []asl.Catcher, in *Shape, vin *vars, ctx *Shape, root site) []edge {
	var edges []edge
	for i, c := range cs {
		at := root.child("Catch", rankCatch).sub(strconv.Itoa(i), "["+strconv.Itoa(i)+"]", i)
		vout := vin.with(a.template(c.Assign, env{dollar: errorOutput, ctx: ctx, vars: vin}, at.sub("Assign", ".Assign")))
		edges = append(edges, edge{c.Next, a.resultPath(c.ResultPath, in, errorOutput, at.sub("ResultPath", ".ResultPath")), vout})
	}
	return edges
}

// wantPath checks that a path field (SecondsPath, ...) resolves, to a value
// of class w.
func (a *analyzer) wantPath(text string, w want, e env, at site) {
	if text == "" {
		return
	}
	s := a.path(text, e, at, pathOpt{})
	if !admits(s, w) {
		a.report(at, Error, text, text+": "+at.field+" must select "+wantNames[w]+", but "+displayName(text)+" is "+s.String())
	}
}

// wantDynamic checks a Fail state's ErrorPath or CausePath (a path or an
// intrinsic function): it must give a string.
func (a *analyzer) wantDynamic(text string, e env, at site) {
	if text == "" {
		return
	}
	s := a.dynamic(text, e, at)
	if !admits(s, wantString) {
		a.report(at, Error, text, text+": "+at.field+" must select a string, but "+displayName(text)+" is "+s.String())
	}
}

// lambdaWraps reports whether a task's result is a Lambda function's return
// value wrapped in Payload: lambda:invoke with the request-response pattern.
func lambdaWraps(resource string) bool {
	in, ok := asl.ParseIntegration(resource)
	return ok && in.IsLambdaInvoke() && in.Pattern == asl.RequestResponse
}

// lambdaResult wraps a function's declared result r as lambda:invoke
// returns it.
func lambdaResult(r *Shape) *Shape {
	return ObjectOf([]Field{
		{Name: "ExecutedVersion", Shape: stringShape},
		{Name: "Payload", Shape: r},
		{Name: "SdkHttpMetadata", Shape: unknownShape},
		{Name: "SdkResponseMetadata", Shape: unknownShape},
		{Name: "StatusCode", Shape: integerShape},
	}, false)
}

// inputFields says where a task's effective input comes from, for
// checkInput.
type inputFields struct {
	raw       []byte // Parameters (JSONPath) or Arguments (JSONata), as written
	field     string // "Parameters" or "Arguments"
	rank      int
	inputPath bool // a JSONPath InputPath is set
}

// checkInput reports a task whose effective input does not fit its
// declared input. For lambda:invoke the function receives the Payload
// member, whatever the pattern.
func (a *analyzer) checkInput(name, resource string, params *Shape, root site, src inputFields) {
	want := a.d.TaskInput[name]
	if want == nil {
		return
	}
	at := root
	at.field = src.field
	at.key = append(append([]int(nil), root.key...), src.rank)
	switch {
	case asl.IsLambdaInvoke(resource):
		if len(src.raw) == 0 {
			return
		}
		f, ok := norm(params).Field("Payload")
		if !ok {
			return
		}
		at.ptr = asl.Join(root.ptr, src.field)
		if n, err := parseJSON(src.raw); err == nil && n.kind == 'o' {
			key := "Payload"
			if slices.Contains(n.keys, "Payload.$") && src.field == "Parameters" {
				key = "Payload.$"
			}
			at = at.member([]string{key})
			at.ptr = asl.Join(asl.Join(root.ptr, src.field), key)
		}
		if ok, why := f.Shape.Fits(want); !ok {
			a.report(at, Error, "", "the Lambda payload "+f.Shape.String()+" does not fit the declared input "+want.String()+": "+why)
		}
		return
	case len(src.raw) > 0:
		at.ptr = asl.Join(root.ptr, src.field)
	case src.inputPath:
		at.ptr, at.field = asl.Join(root.ptr, "InputPath"), "InputPath"
		at.key = append(append([]int(nil), root.key...), rankInputPath)
	default:
		at.field = "input"
		at.key = append(append([]int(nil), root.key...), rankState)
	}
	if ok, why := norm(params).Fits(want); !ok {
		a.report(at, Error, "", "the effective input "+params.String()+" does not fit the declared input "+want.String()+": "+why)
	}
}

// checkLambdaResult warns about a result declared for a lambda:invoke task
// that looks like the integration's response rather than the function's
// return value: an object with both Payload and StatusCode members. The
// analysis wraps the declared result in Payload, so paths written for the
// response would then be checked against a response inside a response.
// It is a warning: a function may return such an object.
func (a *analyzer) checkLambdaResult(r *Shape, root site) {
	r = norm(r)
	if r.kind != KindObject {
		return
	}
	_, payload := r.Field("Payload")
	_, status := r.Field("StatusCode")
	if !payload || !status {
		return
	}
	at := root
	at.field = "ResultType"
	at.key = append(append([]int(nil), root.key...), rankDeclared)
	a.report(at, Warning, "", "the declared result "+r.String()+" looks like the lambda:invoke response ({Payload, StatusCode, ...}); "+
		"ResultType declares what the function returns, which the integration wraps in Payload")
}

// checkOutput reports each top-level terminal state whose output does not
// fit the declared machine output.
func (a *analyzer) checkOutput(states asl.States) {
	want := a.d.Output
	if want == nil {
		return
	}
	for name, st := range states.All() {
		out, ok := a.res.Output[name]
		if !ok || !terminal(st) {
			continue
		}
		if fit, why := out.Fits(want); !fit {
			inf := a.info[name]
			if inf == nil {
				continue
			}
			at := site{state: name, ptr: inf.ptr, field: "OutputType", key: append(append([]int(nil), inf.key...), rankDeclared)}
			a.report(at, Error, "", "the output "+out.String()+" does not fit the declared machine output "+want.String()+": "+why)
		}
	}
}

// terminal reports whether a state ends its graph with an output (End,
// or a Succeed state).
func terminal(st asl.State) bool {
	switch x := st.(type) {
	case *asl.Task:
		return x.End
	case *asl.Pass:
		return x.End
	case *asl.Wait:
		return x.End
	case *asl.Parallel:
		return x.End
	case *asl.Map:
		return x.End
	case *asl.Succeed:
		return true
	}
	return false
}

// mapResult analyzes a JSONPath Map state's iterations and returns its
// raw result.
func (a *analyzer) mapResult(x *asl.Map, eff *Shape, vin *vars, se scopeEnv, root site) *Shape {
	ee := env{dollar: eff, ctx: se.ctx, vars: vin}
	item := unknownShape
	if x.ItemReader == nil {
		text, at := x.ItemsPath, root.child("ItemsPath", rankItemsPath)
		if text == "" {
			text, at = "$", root.child("ItemsPath", rankItemsPath)
			at.ptr, at.field = root.ptr, "ItemsPath"
		}
		items := a.path(text, ee, at, pathOpt{})
		if !admitsItems(items) {
			a.report(at, Error, text, text+": ItemsPath must select an array or an object, but "+displayName(text)+" is "+items.String())
		} else {
			item = itemOf(items)
		}
	}
	a.wantPath(x.MaxConcurrencyPath, wantNumber, ee, root.child("MaxConcurrencyPath", rankMaxConcurrencyPath))
	a.wantPath(x.ToleratedFailurePercentagePath, wantNumber, ee, root.child("ToleratedFailurePercentagePath", rankToleratedFailurePercentagePath))
	a.wantPath(x.ToleratedFailureCountPath, wantNumber, ee, root.child("ToleratedFailureCountPath", rankToleratedFailureCountPath))
	iter := item
	selector, field := x.ItemSelector, "ItemSelector"
	if len(selector) == 0 {
		selector, field = x.Parameters, "Parameters"
	}
	rank := rankItemSelector
	if field == "Parameters" {
		rank = rankParameters
	}
	if s := a.template(selector, env{dollar: eff, ctx: contextObject(se.execInput, x, item, true, "$$"), vars: vin}, root.child(field, rank)); s != nil {
		iter = s
	}
	if x.ItemBatcher != nil {
		iter = ObjectOf([]Field{{Name: "Items", Shape: ArrayOf(iter)}}, true)
	}
	return a.iterations(x, iter, vin, se)
}

// iterations runs a Map state's item processor, in either query language,
// over items of shape iter, and returns the Map's result: the array of the
// iterations' outputs (Unknown when a ResultWriter writes them elsewhere).
func (a *analyzer) iterations(x *asl.Map, iter *Shape, vin *vars, se scopeEnv) *Shape {
	p := x.Processor()
	if p == nil {
		return unknownShape
	}
	ise, ivars := a.iterationEnv(x, iter, vin, se)
	out := a.scope(p.States, p.StartAt, iter, ivars, ise)
	if x.ResultWriter != nil {
		return unknownShape
	}
	return ArrayOf(out)
}

// iterationEnv is the scope of a Map's item processor and the variables
// its iterations see: those of the Map's scope, or none in a Distributed
// Map, whose iterations are child executions.
func (a *analyzer) iterationEnv(x *asl.Map, iter *Shape, vin *vars, se scopeEnv) (scopeEnv, *vars) {
	p := x.Processor()
	if p != nil && p.ProcessorConfig != nil && p.ProcessorConfig.Mode == asl.ModeDistributed {
		return scopeEnv{execInput: iter}, nil
	}
	return se, vin
}

// contextObject returns the shape of the context object ($$) in state st,
// as AWS records it: Execution.RedriveCount is absent in Express
// executions and RedriveTime until a redrive; State.RetryCount is present
// only in states that can retry (Task, Parallel, Map); Task.Token only in a
// .waitForTaskToken task (or one whose resource is substituted); Map.Item only in a Map's ItemSelector (inSelector),
// where Value has the item's shape.
//
// root names the object in messages: "$$" in JSONPath, "$states.context"
// in JSONata.
func contextObject(input *Shape, st asl.State, item *Shape, inSelector bool, root string) *Shape {
	f := func(name string, s *Shape) Field { return Field{Name: name, Shape: s} }
	opt := func(name string, s *Shape, optional bool) Field {
		return Field{Name: name, Shape: s, Optional: optional}
	}
	retries, token := contextFlags(st)
	obj := func(label string, fs ...Field) *Shape { return labeled(ObjectOf(fs, false), label) }
	return obj(root,
		f("Execution", obj(root+".Execution",
			f("Id", stringShape),
			f("Input", input),
			f("Name", stringShape),
			f("RoleArn", stringShape),
			f("StartTime", timestampShape),
			opt("RedriveCount", integerShape, true),
			opt("RedriveTime", timestampShape, true),
		)),
		f("State", obj(root+".State",
			f("EnteredTime", timestampShape),
			f("Name", stringShape),
			opt("RetryCount", integerShape, !retries),
		)),
		f("StateMachine", obj(root+".StateMachine",
			f("Id", stringShape),
			f("Name", stringShape),
		)),
		opt("Task", obj(root+".Task", f("Token", stringShape)), !token),
		opt("Map", obj(root+".Map",
			f("Item", obj(root+".Map.Item",
				f("Index", integerShape),
				f("Value", item),
			)),
		), !inSelector),
	)
}

// contextFlags reports whether state st can retry (so that the context
// object has State.RetryCount) and may have a task token (Task.Token).
func contextFlags(st asl.State) (retries, token bool) {
	switch x := st.(type) {
	case *asl.Task:
		// A substituted resource (${...}, or a CloudFormation intrinsic)
		// may be a .waitForTaskToken integration.
		return true, strings.HasSuffix(x.Resource, ".waitForTaskToken") || strings.Contains(x.Resource, "${") || x.Resource == ""
	case *asl.Parallel, *asl.Map:
		return true, false
	}
	return false, false
}

// Choice operators' operand classes.
func operatorWant(op asl.Operator) want {
	s := string(op)
	switch {
	case strings.HasPrefix(s, "String"):
		return wantString
	case strings.HasPrefix(s, "Numeric"):
		return wantNumber
	case strings.HasPrefix(s, "Boolean"):
		return wantBool
	case strings.HasPrefix(s, "Timestamp"):
		return wantTimestamp
	}
	return wantAny
}

// choices checks a Choice state's rules against its effective input.
func (a *analyzer) choices(x *asl.Choice, e env, root site) {
	quiet := map[string]bool{}
	var tested func(r asl.ChoiceRule)
	tested = func(r asl.ChoiceRule) {
		if r.Operator == asl.OpIsPresent || r.Operator == asl.OpIsNull {
			rest, name := r.Variable, ""
			if n, r, ok := jsonpath.SplitVariable(r.Variable); ok {
				rest, name = r, n
			}
			if p, err := jsonpath.Parse(rest); err == nil {
				t := p.String()
				if name != "" {
					t = "$" + name + t[1:]
				}
				quiet[t] = true
			}
		}
		for _, s := range r.And {
			tested(s)
		}
		for _, s := range r.Or {
			tested(s)
		}
		if r.Not != nil {
			tested(*r.Not)
		}
	}
	for _, r := range x.Choices {
		tested(r)
	}
	at := root.child("Choices", rankChoices)
	a.rules(x.Choices, e, at, quiet)
}

func (a *analyzer) rules(rs []asl.ChoiceRule, e env, at site, quiet map[string]bool) {
	for i, r := range rs {
		a.rule(r, e, at.sub(strconv.Itoa(i), "["+strconv.Itoa(i)+"]", i), quiet)
	}
}

func (a *analyzer) rule(r asl.ChoiceRule, e env, at site, quiet map[string]bool) {
	if r.Variable != "" {
		vs := at.sub("Variable", ".Variable")
		s := a.path(r.Variable, e, vs, pathOpt{quiet: quiet, soft: r.Operator == asl.OpIsPresent})
		w := operatorWant(r.Operator)
		if !admits(s, w) {
			a.report(vs, Error, r.Variable, r.Variable+": "+string(r.Operator)+" needs "+wantNames[w]+", but "+displayName(r.Variable)+" is "+s.String())
		}
		var text string
		if r.Operator.Kind() == asl.OperandPath && json.Unmarshal(r.Operand, &text) == nil && text != "" {
			os := at.sub(string(r.Operator), "."+string(r.Operator))
			t := a.path(text, e, os, pathOpt{quiet: quiet})
			if !admits(t, w) {
				a.report(os, Error, text, text+": "+string(r.Operator)+" needs "+wantNames[w]+", but "+displayName(text)+" is "+t.String())
			}
		}
	}
	if len(r.And) > 0 {
		a.rules(r.And, e, at.sub("And", ".And"), quiet)
	}
	if len(r.Or) > 0 {
		a.rules(r.Or, e, at.sub("Or", ".Or"), quiet)
	}
	if r.Not != nil {
		a.rule(*r.Not, e, at.sub("Not", ".Not"), quiet)
	}
}
