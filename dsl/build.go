package dsl

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/shape"
)

// Build compiles the machine to an ASL document and validates it. Every
// problem found, in the builder calls and by [asl.Validate], is returned as an
// [ErrorList] sorted by position, each error at the builder call that caused
// it. Build does not change the machine and may be called again.
func (m *Machine) Build() (*asl.StateMachine, error) {
	sm, _, _, err := m.build()
	return sm, err
}

// Check builds the machine like Build and also returns its warnings,
// positioned like errors: the validator's (such as UNDEFINED_VARIABLE,
// NO_DOLLAR, PASS_RESULT_IS_STATIC, an unreachable catcher, a Resource that
// names no integration or a parameter it does not take), each with its
// code in parentheses, and the data-flow analysis's (paths into members
// that declared types mark optional or nullable, which may select
// nothing). Under [Machine.Strict] they are errors instead.
func (m *Machine) Check() (*asl.StateMachine, ErrorList, error) {
	sm, _, warnings, err := m.build()
	return sm, warnings, err
}

func (m *Machine) build() (*asl.StateMachine, *shape.Analysis, ErrorList, error) {
	b := &builder{m: m}
	b.probs.list = append(b.probs.list, m.problems.list...)
	sm := &asl.StateMachine{
		Comment:        m.comment,
		QueryLanguage:  m.ql,
		TimeoutSeconds: m.timeout,
		Version:        m.version,
	}
	sm.StartAt, sm.States = b.graph(m.Graph)
	// The builder's own findings (paths, templates, intrinsics) come first;
	// the validator's at the same call would say the same again.
	reported := make(map[problem]bool, len(b.probs.list))
	for _, p := range b.probs.list {
		reported[problem{at: p.at, state: p.state}] = true
	}
	var checks problems // the validator's warnings
	for _, d := range asl.Validate(sm) {
		if d.Code == asl.CodeDuplicateStateName {
			continue // reported where the second state was created
		}
		at, state := b.locate(d.Location)
		if d.Severity != asl.SeverityError {
			if reported[problem{at: at, state: state}] {
				continue // as for errors below (a LambdaInvoke parameter: UNSUPPORTED_PARAMETER)
			}
			if f := stateField(d.Location); f != "" {
				checks.add(at, state, "%s: %s (%s)", f, d.Message, d.Code)
			} else {
				checks.add(at, state, "%s (%s)", d.Message, d.Code)
			}
			continue
		}
		if d.Code == asl.CodeMissingTransitionTarget && b.badTransition[state] {
			continue // reported with the builder call that crossed the boundary
		}
		if reported[problem{at: at, state: state}] {
			continue
		}
		if f := stateField(d.Location); f != "" && d.Code == asl.CodeInvalidJSONata {
			b.probs.add(at, state, "%s: %s", f, d.Message) // which of the state's expressions
			continue
		}
		// The error names the state already: AWS's "State "X" is ..." would
		// say it twice.
		msg := d.Message
		if rest, ok := strings.CutPrefix(msg, fmt.Sprintf("State %q ", state)); ok {
			msg = "the state " + rest
		}
		b.probs.add(at, state, "%s", msg)
	}
	var an *shape.Analysis
	var warnings problems
	if len(b.probs.list) == 0 {
		if decl, ok := m.declared(); ok {
			an = shape.Analyze(sm, decl)
			for _, f := range an.Findings {
				at, state := b.locate(f.Location)
				switch {
				case f.Field == "OutputType" && m.outputAt != 0:
					at = m.outputAt // the declared output, located at its terminal state
				case f.Field == "ResultType" || f.Field == "InputType":
					if s, ok := m.names[state]; ok {
						at = b.fieldPos(s.core(), f.Field) // the task's declaration
					}
				}
				if f.Severity == shape.Error {
					b.probs.add(at, state, "%s: %s", f.Field, f.Message)
				} else {
					warnings.add(at, state, "%s: %s", f.Field, f.Message)
				}
			}
		}
	}
	warnings.list = append(checks.list, warnings.list...)
	if m.strict {
		// Strict: warnings are errors.
		b.probs.list = append(b.probs.list, warnings.list...)
		warnings.list = nil
	}
	if len(b.probs.list) > 0 {
		return nil, nil, nil, b.errorList()
	}
	return sm, an, (&builder{m: m, probs: warnings}).errorList(), nil
}

// declared returns the shapes of the Go types declared on the machine and
// its tasks; ok is false when none is declared.
func (m *Machine) declared() (shape.Declared, bool) {
	types := m.PayloadTypes()
	if len(types) == 0 {
		return shape.Declared{}, false
	}
	d := shape.Declared{TaskInput: map[string]*shape.Shape{}, TaskResult: map[string]*shape.Shape{}}
	for _, pt := range types {
		sh := shape.FromGo(pt.Type.Reflect())
		switch {
		case pt.State == "" && pt.Role == RoleInput:
			d.Input = sh
		case pt.Role == RoleInput:
			d.TaskInput[pt.State] = sh
		case pt.State == "" && pt.Role == RoleOutput:
			d.Output = sh
		case pt.Role == RoleResult:
			d.TaskResult[pt.State] = sh
		}
	}
	return d, true
}

// Analyze builds the machine and infers the shape of every state's input
// and output from the declared Go types. Its findings include the warnings
// that Build does not report, such as paths into optional fields.
func (m *Machine) Analyze() (*asl.StateMachine, *shape.Analysis, error) {
	doc, an, _, err := m.build()
	if err != nil {
		return nil, nil, err
	}
	if an == nil {
		an = shape.Analyze(doc, shape.Declared{})
	}
	return doc, an, nil
}

type builder struct {
	m             *Machine
	probs         problems
	badTransition map[string]bool
}

func (b *builder) errorList() ErrorList {
	seen := make(map[problem]bool, len(b.probs.list))
	var out ErrorList
	for _, p := range b.probs.list {
		if seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, &Error{Pos: p.at.position(), State: p.state, Msg: p.msg})
	}
	out.sort()
	return out
}

func (b *builder) graph(g *Graph) (string, asl.States) {
	var states asl.States
	for _, s := range g.states {
		states.Add(s.Name(), b.state(s))
	}
	start := g.start
	if start == nil && len(g.states) > 0 {
		start = g.states[0]
	}
	if start == nil {
		return "", states
	}
	return start.Name(), states
}

// mode returns how the state's templates treat paths, from its query language.
func (b *builder) mode(c *stateCore) templateMode {
	ql := c.ql
	if ql == "" {
		ql = b.m.ql
	}
	if ql == asl.JSONata {
		return jsonataTemplate
	}
	return dynamicTemplate
}

func (b *builder) fieldPos(c *stateCore, field string) pos {
	if at, ok := c.fieldAt[field]; ok {
		return at
	}
	return c.at
}

// path compiles an InputPath, OutputPath or ResultPath field.
func (b *builder) path(c *stateCore, f *pathField, field string) *asl.Path {
	if f == nil {
		return nil
	}
	if f.p == NullPath {
		return asl.NullPath()
	}
	check := checkPath
	if field == "ResultPath" {
		check = checkReferencePath
	}
	if err := check(string(f.p)); err != nil {
		b.probs.add(f.at, c.name, "%s %q: %v", field, f.p, err)
	}
	return asl.PathOf(string(f.p))
}

// items checks a Map's Items: a Path (ItemsPath) in a JSONPath state, a
// JSON array or expression in a JSONata state. It returns the ItemsPath.
func (b *builder) items(c *stateCore, s *MapState, jsonata bool) string {
	switch {
	case s.itemsPath != nil && jsonata:
		b.probs.add(s.itemsPath.at, c.name, "Items: dsl.Path(%q) is for JSONPath states (ItemsPath); in a JSONata state give a JSON array or a \"{%% ... %%}\" expression", s.itemsPath.p)
		return string(s.itemsPath.p)
	case s.itemsPath != nil:
		if err := checkPath(string(s.itemsPath.p)); err != nil {
			b.probs.add(s.itemsPath.at, c.name, "ItemsPath %q: %v", s.itemsPath.p, err)
		}
		return string(s.itemsPath.p)
	case s.items != nil && !jsonata:
		b.probs.add(s.items.at, c.name, "Items: in a JSONPath state give a dsl.Path to the array (ItemsPath); a JSON array or expression is for JSONata states")
	}
	return ""
}

func (b *builder) tmpl(c *stateCore, t *template, field string, mode templateMode) json.RawMessage {
	if t == nil {
		return nil
	}
	raw, errs := compileTemplate(t.v, mode)
	for _, e := range errs {
		b.probs.add(t.at, c.name, "%s: %s", field, e)
	}
	return raw
}

// target checks a transition target and returns its name.
func (b *builder) target(c *stateCore, t State, at pos, what string) string {
	tc := t.core()
	if tc.g != c.g {
		if b.badTransition == nil {
			b.badTransition = make(map[string]bool)
		}
		b.badTransition[c.name] = true
		if tc.g.m != c.g.m {
			b.probs.add(at, c.name, "%s: missing transition target: %q belongs to another machine, %q", what, tc.name, tc.g.m.name)
		} else {
			b.probs.add(at, c.name, "%s: missing transition target: %q is in %s (created at %s), but this state is in %s; transitions cannot cross a Parallel or Map boundary",
				what, tc.name, tc.g.describe(), tc.at.position(), c.g.describe())
		}
	}
	return tc.name
}

// transition returns the state's Next and End.
func (b *builder) transition(c *stateCore) (string, bool) {
	if c.next != nil {
		return b.target(c, c.next, c.nextAt, "Next"), false
	}
	return "", true // explicit End, or a state with nothing after it
}

func (b *builder) retriers(c *stateCore) []asl.Retrier {
	if c.retry == nil {
		return nil
	}
	out := make([]asl.Retrier, len(c.retry))
	for i, r := range c.retry {
		for _, p := range r.problems.list {
			b.probs.add(p.at, c.name, "%s", p.msg)
		}
		out[i] = r.r
		out[i].ErrorEquals = append([]string{}, r.r.ErrorEquals...)
	}
	return out
}

func (b *builder) catchers(c *stateCore, mode templateMode) []asl.Catcher {
	if c.catch == nil {
		return nil
	}
	out := make([]asl.Catcher, len(c.catch))
	for i, k := range c.catch {
		cc := asl.Catcher{Comment: k.comment, ErrorEquals: errorNames(k.errs)}
		if k.resultPath != nil {
			cc.ResultPath = b.path(c, &pathField{p: *k.resultPath, at: k.at}, "ResultPath")
		}
		cc.Output = b.tmpl(c, k.output, "Catch Output", mode)
		cc.Assign = b.tmpl(c, k.assign, "Catch Assign", mode)
		if coreOf(k.next) == nil {
			b.probs.add(k.at, c.name, "Catch: missing transition target: the state is nil")
		} else {
			cc.Next = b.target(c, k.next, k.at, "Catch")
		}
		out[i] = cc
	}
	return out
}

func (b *builder) state(s State) asl.State {
	c := s.core()
	mode := b.mode(c)
	jsonata := mode == jsonataTemplate
	base := asl.StateBase{Comment: c.comment, QueryLanguage: c.ql}
	switch s := s.(type) {
	case *TaskState:
		next, end := b.transition(c)
		params, args := c.parameters, c.arguments
		if s.lambda != nil {
			params, args = b.lambdaTemplates(c, s, mode)
		}
		timeout, timeoutPath := b.seconds(c, s.timeout, "TimeoutSeconds", jsonata)
		heartbeat, heartbeatPath := b.seconds(c, s.heartbeat, "HeartbeatSeconds", jsonata)
		return &asl.Task{
			StateBase:            base,
			Resource:             s.resource,
			ResourceIntrinsic:    b.resourceIntrinsic(c, s.resourceFn),
			Credentials:          b.tmpl(c, s.credentials, "Credentials", mode),
			InputPath:            b.path(c, c.inputPath, "InputPath"),
			Parameters:           b.tmpl(c, params, "Parameters", mode),
			Arguments:            b.tmpl(c, args, "Arguments", jsonataTemplate),
			ResultSelector:       b.tmpl(c, c.resultSelector, "ResultSelector", mode),
			ResultPath:           b.path(c, c.resultPath, "ResultPath"),
			OutputPath:           b.path(c, c.outputPath, "OutputPath"),
			Output:               b.tmpl(c, c.output, "Output", jsonataTemplate),
			Assign:               b.tmpl(c, c.assign, "Assign", mode),
			TimeoutSeconds:       timeout,
			TimeoutSecondsPath:   timeoutPath,
			HeartbeatSeconds:     heartbeat,
			HeartbeatSecondsPath: heartbeatPath,
			Retry:                b.retriers(c),
			Catch:                b.catchers(c, mode),
			Next:                 next,
			End:                  end,
		}
	case *PassState:
		next, end := b.transition(c)
		return &asl.Pass{
			StateBase:  base,
			InputPath:  b.path(c, c.inputPath, "InputPath"),
			Parameters: b.tmpl(c, c.parameters, "Parameters", mode),
			Result:     b.tmpl(c, s.result, "Result", staticTemplate),
			ResultPath: b.path(c, c.resultPath, "ResultPath"),
			OutputPath: b.path(c, c.outputPath, "OutputPath"),
			Output:     b.tmpl(c, c.output, "Output", jsonataTemplate),
			Assign:     b.tmpl(c, c.assign, "Assign", mode),
			Next:       next,
			End:        end,
		}
	case *ChoiceState:
		st := &asl.Choice{
			StateBase:  base,
			InputPath:  b.path(c, c.inputPath, "InputPath"),
			OutputPath: b.path(c, c.outputPath, "OutputPath"),
			Output:     b.tmpl(c, c.output, "Output", jsonataTemplate),
			Assign:     b.tmpl(c, c.assign, "Assign", mode),
			Choices:    make([]asl.ChoiceRule, 0, len(s.rules)),
		}
		for _, r := range s.rules {
			rule := b.rule(c, r.cond, true, mode)
			rule.Next = b.target(c, r.next, r.at, "When")
			st.Choices = append(st.Choices, rule)
		}
		if s.def != nil {
			st.Default = b.target(c, s.def, s.defAt, "Otherwise")
		}
		return st
	case *WaitState:
		next, end := b.transition(c)
		secs, secsPath := b.seconds(c, s.seconds, "Seconds", jsonata)
		ts, tsPath := b.timestamp(c, s.timestamp, "Timestamp", jsonata)
		return &asl.Wait{
			StateBase:     base,
			InputPath:     b.path(c, c.inputPath, "InputPath"),
			OutputPath:    b.path(c, c.outputPath, "OutputPath"),
			Seconds:       secs,
			SecondsPath:   secsPath,
			Timestamp:     ts,
			TimestampPath: tsPath,
			Output:        b.tmpl(c, c.output, "Output", jsonataTemplate),
			Assign:        b.tmpl(c, c.assign, "Assign", mode),
			Next:          next,
			End:           end,
		}
	case *SucceedState:
		return &asl.Succeed{
			StateBase:  base,
			InputPath:  b.path(c, c.inputPath, "InputPath"),
			OutputPath: b.path(c, c.outputPath, "OutputPath"),
			Output:     b.tmpl(c, c.output, "Output", jsonataTemplate),
		}
	case *FailState:
		st := &asl.Fail{StateBase: base}
		st.Error, st.ErrorPath = b.text(c, s.err, "Error", jsonata)
		st.Cause, st.CausePath = b.text(c, s.cause, "Cause", jsonata)
		return st
	case *ParallelState:
		next, end := b.transition(c)
		st := &asl.Parallel{
			StateBase:      base,
			InputPath:      b.path(c, c.inputPath, "InputPath"),
			Parameters:     b.tmpl(c, c.parameters, "Parameters", mode),
			Arguments:      b.tmpl(c, c.arguments, "Arguments", jsonataTemplate),
			Branches:       make([]asl.Branch, len(s.branches)),
			ResultSelector: b.tmpl(c, c.resultSelector, "ResultSelector", mode),
			ResultPath:     b.path(c, c.resultPath, "ResultPath"),
			OutputPath:     b.path(c, c.outputPath, "OutputPath"),
			Output:         b.tmpl(c, c.output, "Output", jsonataTemplate),
			Assign:         b.tmpl(c, c.assign, "Assign", mode),
			Retry:          b.retriers(c),
			Catch:          b.catchers(c, mode),
			Next:           next,
			End:            end,
		}
		for i, g := range s.branches {
			st.Branches[i].Comment = g.comment
			st.Branches[i].StartAt, st.Branches[i].States = b.graph(g)
		}
		return st
	case *MapState:
		return b.mapState(s, base, mode)
	}
	return nil
}

// lambdaParams are the request parameters of lambda:invoke.
var lambdaParams = map[string]bool{"FunctionName": true, "Payload": true, "InvocationType": true,
	"LogType": true, "ClientContext": true, "Qualifier": true}

// lambdaTemplates returns the Parameters and Arguments of a task made by
// LambdaInvoke. Its own template passes the state's input as the Payload
// (as Arguments in a JSONata state). A template the user set instead keeps
// the function LambdaInvoke was given: FunctionName is added to it; a
// template that names another function, is not an object, or has members
// that are no parameters of lambda:invoke (the function's event belongs in
// Payload) is an error at the call that set it.
func (b *builder) lambdaTemplates(c *stateCore, s *TaskState, mode templateMode) (params, args *template) {
	fn := s.lambda.v.(Obj)["FunctionName"]
	field, t := "Parameters", c.parameters
	if mode == jsonataTemplate {
		field, t = "Arguments", c.arguments
		if t == nil {
			t = &template{v: Obj{"FunctionName": fn, "Payload": "{% $states.input %}"}, at: s.lambda.at}
		}
	}
	if t != s.lambda {
		t = b.keepFunction(c, t, field, fn)
	}
	if mode == jsonataTemplate {
		return nil, t
	}
	return t, c.arguments
}

// keepFunction adds the function fn to the template t that a LambdaInvoke
// task's field was set to, or reports why it cannot.
func (b *builder) keepFunction(c *stateCore, t *template, field string, fn any) *template {
	var m map[string]any
	switch v := t.v.(type) {
	case Obj:
		m = v
	case map[string]any:
		m = v
	default:
		b.probs.add(t.at, c.name, "%s: LambdaInvoke(%q) takes an object of lambda:invoke parameters with the function's event in Payload, so that it keeps FunctionName; for anything else use Task(%q).Resource(...)", field, fn, c.name)
		return t
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	named := false
	for _, k := range keys {
		switch name := strings.TrimSuffix(k, ".$"); {
		case name == "FunctionName":
			named = true
			if m[k] != fn {
				b.probs.add(t.at, c.name, "%s: %s %v names another function than LambdaInvoke's %q; pass the function to LambdaInvoke", field, k, m[k], fn)
				return t
			}
		case !lambdaParams[name]:
			b.probs.add(t.at, c.name, "%s: %q is not a parameter of lambda:invoke (FunctionName, Payload, InvocationType, LogType, ClientContext, Qualifier); put the function's event in Payload", field, k)
			return t
		}
	}
	if named {
		return t
	}
	out := make(Obj, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	out["FunctionName"] = fn
	return &template{v: out, at: t.at}
}

func (b *builder) mapState(s *MapState, base asl.StateBase, mode templateMode) *asl.Map {
	c := &s.stateCore
	jsonata := mode == jsonataTemplate
	next, end := b.transition(c)
	maxConc, maxConcPath := b.integer(c, s.maxConc, "MaxConcurrency", jsonata)
	tolPct, tolPctPath := b.percent(c, s.tolPct, "ToleratedFailurePercentage", jsonata)
	tolCount, tolCountPath := b.integer(c, s.tolCount, "ToleratedFailureCount", jsonata)
	st := &asl.Map{
		StateBase:                      base,
		InputPath:                      b.path(c, c.inputPath, "InputPath"),
		ItemsPath:                      b.items(c, s, jsonata),
		Items:                          b.tmpl(c, s.items, "Items", jsonataTemplate),
		ItemSelector:                   b.tmpl(c, s.itemSelector, "ItemSelector", mode),
		Parameters:                     b.tmpl(c, c.parameters, "Parameters", mode),
		MaxConcurrency:                 maxConc,
		MaxConcurrencyPath:             maxConcPath,
		ToleratedFailurePercentage:     tolPct,
		ToleratedFailurePercentagePath: tolPctPath,
		ToleratedFailureCount:          tolCount,
		ToleratedFailureCountPath:      tolCountPath,
		Label:                          s.label,
		ResultSelector:                 b.tmpl(c, c.resultSelector, "ResultSelector", mode),
		ResultPath:                     b.path(c, c.resultPath, "ResultPath"),
		OutputPath:                     b.path(c, c.outputPath, "OutputPath"),
		Output:                         b.tmpl(c, c.output, "Output", jsonataTemplate),
		Assign:                         b.tmpl(c, c.assign, "Assign", mode),
		Retry:                          b.retriers(c),
		Catch:                          b.catchers(c, mode),
		Next:                           next,
		End:                            end,
	}
	if s.proc != nil {
		ip := &asl.ItemProcessor{Comment: s.proc.comment}
		ip.StartAt, ip.States = b.graph(s.proc)
		switch s.procConfig {
		case procDistributed:
			ip.ProcessorConfig = &asl.ProcessorConfig{Mode: asl.ModeDistributed, ExecutionType: string(s.execType)}
		case procInline:
			ip.ProcessorConfig = &asl.ProcessorConfig{Mode: asl.ModeInline}
		case procDefault:
			if !s.legacy {
				ip.ProcessorConfig = &asl.ProcessorConfig{Mode: asl.ModeInline}
			}
		}
		if s.legacy {
			st.Iterator = ip
		} else {
			st.ItemProcessor = ip
		}
	}
	if r := s.reader; r != nil {
		st.ItemReader = &asl.ItemReader{
			Resource:   r.Resource,
			Parameters: b.tmpl(c, templateAt(r.Parameters, s.readAt), "ItemReader Parameters", mode),
			Arguments:  b.tmpl(c, templateAt(r.Arguments, s.readAt), "ItemReader Arguments", jsonataTemplate),
		}
		if r.InputType != "" || r.CSVHeaderLocation != "" || r.CSVHeaders != nil || r.CSVDelimiter != "" ||
			r.ManifestType != "" || r.MaxItems != nil || r.KeepEmptyReaderConfig {
			rc := &asl.ReaderConfig{
				InputType:         r.InputType,
				CSVHeaderLocation: r.CSVHeaderLocation,
				CSVHeaders:        r.CSVHeaders,
				CSVDelimiter:      r.CSVDelimiter,
				ManifestType:      r.ManifestType,
			}
			rc.MaxItems, rc.MaxItemsPath = b.integer(c, valueField{v: r.MaxItems, at: s.readAt}, "ItemReader MaxItems", jsonata)
			st.ItemReader.ReaderConfig = rc
		}
	}
	if bt := s.batcher; bt != nil {
		ib := &asl.ItemBatcher{BatchInput: b.tmpl(c, templateAt(bt.BatchInput, s.batchAt), "BatchInput", mode)}
		ib.MaxItemsPerBatch, ib.MaxItemsPerBatchPath = b.integer(c, valueField{v: bt.MaxItemsPerBatch, at: s.batchAt}, "ItemBatcher MaxItemsPerBatch", jsonata)
		ib.MaxInputBytesPerBatch, ib.MaxInputBytesPerBatchPath = b.integer(c, valueField{v: bt.MaxInputBytesPerBatch, at: s.batchAt}, "ItemBatcher MaxInputBytesPerBatch", jsonata)
		st.ItemBatcher = ib
	}
	if w := s.writer; w != nil {
		st.ResultWriter = &asl.ResultWriter{
			Resource:   w.Resource,
			Parameters: b.tmpl(c, templateAt(w.Parameters, s.writeAt), "ResultWriter Parameters", mode),
			Arguments:  b.tmpl(c, templateAt(w.Arguments, s.writeAt), "ResultWriter Arguments", jsonataTemplate),
		}
		if w.OutputType != "" || w.Transformation != "" || w.KeepEmptyWriterConfig {
			st.ResultWriter.WriterConfig = &asl.WriterConfig{OutputType: w.OutputType, Transformation: w.Transformation}
		}
	}
	return st
}

// resourceIntrinsic compiles a Task's Resource given as a CloudFormation
// intrinsic function object.
func (b *builder) resourceIntrinsic(c *stateCore, t *template) json.RawMessage {
	if t == nil {
		return nil
	}
	if len(t.v.(Obj)) == 0 {
		b.probs.add(t.at, c.name, "ResourceIntrinsic: give a CloudFormation intrinsic function object, such as dsl.Obj{\"Ref\": \"MyFunction\"}")
		return json.RawMessage("{}")
	}
	raw, errs := compileTemplate(t.v, literalTemplate)
	for _, e := range errs {
		b.probs.add(t.at, c.name, "ResourceIntrinsic: %s", e)
	}
	return raw
}

// templateAt wraps an optional template value given in a config struct.
func templateAt(v any, at pos) *template {
	if v == nil {
		return nil
	}
	return &template{v: v, at: at}
}

// rule compiles a Choice condition.
func (b *builder) rule(c *stateCore, k *Cond, top bool, mode templateMode) asl.ChoiceRule {
	r := asl.ChoiceRule{Comment: k.comment}
	if !top && (k.output != nil || k.assign != nil) {
		b.probs.add(k.at, c.name, "Output and Assign belong on the top-level condition given to When, not on a nested one")
	}
	if top {
		r.Output = b.tmpl(c, k.output, "When Output", jsonataTemplate)
		r.Assign = b.tmpl(c, k.assign, "When Assign", mode)
	}
	sub := func(list []*Cond) []asl.ChoiceRule {
		out := make([]asl.ChoiceRule, 0, len(list))
		for _, x := range list {
			if x == nil {
				b.probs.add(k.at, c.name, "nil condition")
				continue
			}
			out = append(out, b.rule(c, x, false, mode))
		}
		return out
	}
	switch {
	case k.condition != nil:
		r.Condition, _ = marshalNoEscape(k.condition)
	case k.op != "":
		if err := checkPath(string(k.variable)); err != nil {
			b.probs.add(k.at, c.name, "%s: Variable %q: %v", k.op, k.variable, err)
		}
		r.Variable, r.Operator = string(k.variable), k.op
		switch v := k.operand.(type) {
		case Path:
			if err := checkPath(string(v)); err != nil {
				b.probs.add(k.at, c.name, "%s %q: %v", k.op, v, err)
			}
			r.Operand, _ = marshalNoEscape(string(v))
		case Expr, Intrinsic:
			b.probs.add(k.at, c.name, "%s: compares with a constant or a dsl.Path, not %T %q", k.op, v, v)
			r.Operand, _ = marshalNoEscape(v)
		case time.Time:
			r.Operand, _ = marshalNoEscape(v.Format(time.RFC3339Nano))
		case Timestamp:
			if err := checkTimestamp(v); err != nil {
				b.probs.add(k.at, c.name, "%s: %v", k.op, err)
			}
			r.Operand, _ = marshalNoEscape(string(v))
		case float64:
			r.Operand = []byte(formatNumber(v))
		default:
			r.Operand, _ = marshalNoEscape(v)
		}
	case k.and != nil:
		r.And = sub(k.and)
	case k.or != nil:
		r.Or = sub(k.or)
	case k.not != nil:
		n := b.rule(c, k.not, false, mode)
		r.Not = &n
	default:
		b.probs.add(k.at, c.name, "empty condition: And and Or need at least one condition")
	}
	return r
}

// formatNumber writes a float64 as JSON, integers without a fraction.
func formatNumber(f float64) string {
	raw, err := marshalNoEscape(f)
	if err != nil {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return string(raw)
}

// locate maps a validation finding's location, such as
// /States/P/Branches/0/States/Pay/Retry/1, to the builder call behind it.
// stateField returns the part of a validation location inside its state,
// such as Output/total for /States/Sum/Output/total.
func stateField(loc string) string {
	i := strings.LastIndex(loc, "/States/")
	if i < 0 {
		return ""
	}
	rest := loc[i+len("/States/"):]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return ""
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(rest[j+1:])
}

func (b *builder) locate(loc string) (pos, string) {
	segs := strings.Split(strings.TrimPrefix(loc, "/"), "/")
	for i := range segs {
		segs[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(segs[i])
	}
	last := -1
	for i := 0; i+1 < len(segs); i++ {
		if segs[i] == "States" {
			last = i
		}
	}
	if last < 0 {
		if loc == "/TimeoutSeconds" && b.m.timeoutAt != 0 {
			return b.m.timeoutAt, ""
		}
		return b.m.Graph.at, ""
	}
	s, ok := b.m.names[segs[last+1]]
	if !ok {
		return b.m.Graph.at, ""
	}
	c := s.core()
	rest := segs[last+2:]
	if len(rest) == 0 {
		return c.at, c.name
	}
	index := func() int {
		if len(rest) < 2 {
			return -1
		}
		n, err := strconv.Atoi(rest[1])
		if err != nil {
			return -1
		}
		return n
	}
	switch rest[0] {
	case "Retry":
		if i := index(); i >= 0 && i < len(c.retry) {
			return c.retry[i].at, c.name
		}
	case "Catch":
		if i := index(); i >= 0 && i < len(c.catch) {
			return c.catch[i].at, c.name
		}
	case "Choices":
		if ch, ok := s.(*ChoiceState); ok {
			if i := index(); i >= 0 && i < len(ch.rules) {
				return ch.rules[i].at, c.name
			}
		}
	case "Branches":
		if p, ok := s.(*ParallelState); ok {
			if i := index(); i >= 0 && i < len(p.branches) {
				return p.branches[i].at, c.name
			}
		}
	case "ItemProcessor", "Iterator":
		if mp, ok := s.(*MapState); ok && mp.proc != nil {
			return mp.proc.at, c.name
		}
	}
	return b.fieldPos(c, rest[0]), c.name
}
