package dsl

import (
	"reflect"

	"github.com/aslgen/aslgen/dsl/asl"
)

// State is a state of a workflow: *TaskState, *PassState, *ChoiceState,
// *WaitState, *SucceedState, *FailState, *ParallelState or *MapState. States
// are created by a [Graph] (the machine, a Parallel branch or a Map item
// processor) and belong to it. Each state type has the methods of its own
// fields and those of the field groups ASL grants it, which it embeds
// ([Common], [IO], [Vars], [Transition], [Data], [Outcome], [Args]). A
// group's type parameter S is the state type, which its setters return,
// so that calls chain.
type State interface {
	// Name returns the state's name.
	Name() string
	core() *stateCore
}

// The query languages, for QueryLanguage methods.
const (
	JSONPath = asl.JSONPath
	JSONata  = asl.JSONata
)

// stateCore holds what every state builder records.
type stateCore struct {
	g       *Graph
	self    State // the state that embeds the core
	name    string
	typ     asl.StateType
	at      pos
	fieldAt map[string]pos // where each field was set, for locating validation findings

	comment string
	ql      asl.QueryLanguage

	inputPath, outputPath, resultPath                     *pathField
	parameters, arguments, resultSelector, output, assign *template
	retry                                                 []*Retrier
	catch                                                 []*Catcher

	next   State
	nextAt pos
}

type pathField struct {
	p  Path
	at pos
}

func (c *stateCore) core() *stateCore { return c }

func (c *stateCore) mark(field string, at pos) {
	if c.fieldAt == nil {
		c.fieldAt = make(map[string]pos, 4)
	}
	c.fieldAt[field] = at
}

func (c *stateCore) problem(at pos, format string, args ...any) {
	c.g.m.problems.add(at, c.name, format, args...)
}

func (c *stateCore) setTemplate(dst **template, field string, v any, at pos) {
	*dst = &template{v: v, at: at}
	c.mark(field, at)
}

func (c *stateCore) setPath(dst **pathField, field string, p Path, at pos) {
	*dst = &pathField{p: p, at: at}
	c.mark(field, at)
}

// coreOf returns the core of s, or nil for a nil State (also a typed nil).
func coreOf(s State) *stateCore {
	if s == nil {
		return nil
	}
	if v := reflect.ValueOf(s); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil
	}
	return s.core()
}

func (c *stateCore) setNext(s State, at pos) {
	target := coreOf(s)
	switch {
	case target == nil:
		c.problem(at, "Next: missing transition target: the state is nil")
	case c.next != nil:
		c.problem(at, "Next: the state already continues to %q (set at %s); a state has one Next", c.next.Name(), c.nextAt.position())
	default:
		c.next, c.nextAt = s, at
		c.mark("Next", at)
	}
}

func (c *stateCore) addRetriers(rs []*Retrier, at pos) {
	for _, r := range rs {
		if r == nil {
			c.problem(at, "Retry: nil retrier")
			continue
		}
		c.retry = append(c.retry, r)
	}
}

func (c *stateCore) addCatchers(cs []*Catcher, at pos) {
	for _, k := range cs {
		if k == nil {
			c.problem(at, "Catch: nil catcher")
			continue
		}
		c.catch = append(c.catch, k)
	}
}

// bind points the field groups a state embeds at its core.
func bind(s State) {
	c := s.core()
	c.self = s
	switch s := s.(type) {
	case *TaskState:
		s.Common.c, s.IO.c, s.Vars.c, s.Transition.c, s.Data.c, s.Outcome.c, s.Args.c = c, c, c, c, c, c, c
	case *PassState:
		s.Common.c, s.IO.c, s.Vars.c, s.Transition.c, s.Data.c = c, c, c, c, c
	case *ChoiceState:
		s.Common.c, s.IO.c, s.Vars.c = c, c, c
	case *WaitState:
		s.Common.c, s.IO.c, s.Vars.c, s.Transition.c = c, c, c, c
	case *SucceedState:
		s.Common.c, s.IO.c = c, c
	case *FailState:
		s.Common.c = c
	case *ParallelState:
		s.Common.c, s.IO.c, s.Vars.c, s.Transition.c, s.Data.c, s.Outcome.c, s.Args.c = c, c, c, c, c, c, c
	case *MapState:
		s.Common.c, s.IO.c, s.Vars.c, s.Transition.c, s.Data.c, s.Outcome.c = c, c, c, c, c, c
	}
}

// TaskState is a Task state: it runs the work named by its Resource.
type TaskState struct {
	Common[*TaskState]
	IO[*TaskState]
	Vars[*TaskState]
	Transition[*TaskState]
	Data[*TaskState]
	Outcome[*TaskState]
	Args[*TaskState]
	stateCore

	resource    string
	resourceFn  *template // a CloudFormation intrinsic function object given as the Resource
	credentials *template
	timeout     valueField
	heartbeat   valueField
	inputType   Type
	resultType  Type
	// lambda is the payload template LambdaInvoke set: in a JSONata state
	// it becomes Arguments.
	lambda *template
}

// Resource sets the ARN of the work to run, such as
// "arn:aws:states:::lambda:invoke", or a "${...}" substitution for the deploy
// tool to fill in.
func (s *TaskState) Resource(arn string) *TaskState {
	s.resource, s.resourceFn = arn, nil
	s.mark("Resource", here())
	return s
}

// ResourceIntrinsic sets the Resource as a CloudFormation intrinsic function
// object rather than a string, as a definition embedded in a CloudFormation
// or SAM template (Definition, not DefinitionString) may give it:
// dsl.Obj{"Ref": "MyFunction"} or dsl.Obj{"Fn::GetAtt": []any{"MyFunction",
// "Arn"}}. The object is written as it is, for the deploy tool to resolve;
// its values are literal (no [Path] or [Intrinsic]). It replaces a Resource
// string, as Resource replaces it.
func (s *TaskState) ResourceIntrinsic(fn Obj) *TaskState {
	s.resource = ""
	s.setTemplate(&s.resourceFn, "Resource", fn, here())
	return s
}

// Credentials sets the role to assume for the task, such as
// dsl.Obj{"RoleArn": "arn:aws:iam::123456789012:role/Role"}.
func (s *TaskState) Credentials(v any) *TaskState {
	s.setTemplate(&s.credentials, "Credentials", v, here())
	return s
}

// Timeout bounds one attempt of the task (TimeoutSeconds):
// dsl.Duration(5*time.Minute), a [Path] to the seconds in the state's input
// (TimeoutSecondsPath) or an [Expr].
func (s *TaskState) Timeout(v DurationValue) *TaskState {
	s.setValue(&s.timeout, "TimeoutSeconds", v, here())
	return s
}

// Heartbeat bounds the time between the task's heartbeats
// (HeartbeatSeconds): dsl.Duration(time.Minute), a [Path]
// (HeartbeatSecondsPath) or an [Expr].
func (s *TaskState) Heartbeat(v DurationValue) *TaskState {
	s.setValue(&s.heartbeat, "HeartbeatSeconds", v, here())
	return s
}

// InputType declares the Go type of what the task's handler receives. For
// the optimized Lambda integration (lambda:invoke, with any pattern:
// request-response, .waitForTaskToken) that is the function's event, the
// Payload of Parameters or Arguments; for every other resource it is the
// whole effective input (Parameters, Arguments, or the state's input). The
// generated mock of the task, and sim.Func, receive exactly this.
func (s *TaskState) InputType(t Type) *TaskState {
	s.inputType = t
	s.mark("InputType", here())
	return s
}

// ResultType declares the Go type of what the task's handler returns. For
// lambda:invoke with the request-response pattern that is the function's
// return value, which the integration wraps in its response ({"Payload":
// ..., "StatusCode": 200, ...}: read it as $.Payload or
// $states.result.Payload); with .waitForTaskToken it is what the callback
// (SendTaskSuccess) sends, the task's result as it is. For every other
// resource it is the task's raw result, before ResultSelector and
// ResultPath (or Output).
func (s *TaskState) ResultType(t Type) *TaskState {
	s.resultType = t
	s.mark("ResultType", here())
	return s
}

// PassState is a Pass state: it passes its input, or a fixed Result, on.
type PassState struct {
	Common[*PassState]
	IO[*PassState]
	Vars[*PassState]
	Transition[*PassState]
	Data[*PassState]
	stateCore

	result *template
}

// Result sets the state's fixed result: any JSON value or Go value that
// encodes to JSON. Paths are not evaluated in a Result; use Parameters.
func (s *PassState) Result(v any) *PassState {
	s.setTemplate(&s.result, "Result", v, here())
	return s
}

// ChoiceState is a Choice state: it goes to the state of the first rule that
// matches, or to the Otherwise state.
type ChoiceState struct {
	Common[*ChoiceState]
	IO[*ChoiceState]
	Vars[*ChoiceState]
	stateCore

	rules []choiceRule
	def   State
	defAt pos
}

type choiceRule struct {
	cond *Cond
	next State
	at   pos
}

// When adds a rule: if cond holds, go to next. Rules are tried in order.
func (s *ChoiceState) When(cond *Cond, next State) *ChoiceState {
	at := here()
	if cond == nil {
		s.problem(at, "When: nil condition")
		return s
	}
	if coreOf(next) == nil {
		s.problem(at, "When: missing transition target: the state is nil")
		return s
	}
	s.rules = append(s.rules, choiceRule{cond: cond, next: next, at: at})
	return s
}

// Otherwise sets the Default state, taken when no rule matches. Without it,
// no match fails the execution with States.NoChoiceMatched.
func (s *ChoiceState) Otherwise(next State) *ChoiceState {
	at := here()
	switch {
	case coreOf(next) == nil:
		s.problem(at, "Otherwise: missing transition target: the state is nil")
	case s.def != nil:
		s.problem(at, "Otherwise: the Default is already %q (set at %s)", s.def.Name(), s.defAt.position())
	default:
		s.def, s.defAt = next, at
		s.mark("Default", at)
	}
	return s
}

// WaitState is a Wait state: it pauses for a duration or until a time. Give
// it exactly one of For and Until.
type WaitState struct {
	Common[*WaitState]
	IO[*WaitState]
	Vars[*WaitState]
	Transition[*WaitState]
	stateCore

	seconds   valueField
	timestamp valueField
}

// For waits for a number of seconds (Seconds): dsl.Duration(time.Hour), a
// [Path] to the seconds in the state's input (SecondsPath) or an [Expr].
func (s *WaitState) For(v DurationValue) *WaitState {
	s.setValue(&s.seconds, "Seconds", v, here())
	return s
}

// Until waits until a time (Timestamp): dsl.Time(t), a [Timestamp] kept as
// written, a [Path] to an RFC 3339 timestamp in the state's input
// (TimestampPath) or an [Expr].
func (s *WaitState) Until(v TimeValue) *WaitState {
	s.setValue(&s.timestamp, "Timestamp", v, here())
	return s
}

// SucceedState is a Succeed state: it ends the execution, branch or
// iteration successfully.
type SucceedState struct {
	Common[*SucceedState]
	IO[*SucceedState]
	stateCore
}

// FailState is a Fail state: it ends the execution with an error and a cause.
type FailState struct {
	Common[*FailState]
	stateCore

	err   valueField
	cause valueField
}

// Error sets the error name the execution fails with: an [ErrorName]
// constant; a [Path] to it in the state's input or an [Intrinsic] call
// (ErrorPath); or an [Expr].
func (s *FailState) Error(v TextValue) *FailState {
	s.setValue(&s.err, "Error", v, here())
	return s
}

// Cause sets the human-readable cause of the failure: dsl.Text("..."); a
// [Path] or an [Intrinsic] call such as dsl.Format("order {} failed",
// dsl.Path("$.id")) (CausePath); or an [Expr].
func (s *FailState) Cause(v TextValue) *FailState {
	s.setValue(&s.cause, "Cause", v, here())
	return s
}

// ParallelState is a Parallel state: it runs its branches concurrently and
// outputs their results as an array.
type ParallelState struct {
	Common[*ParallelState]
	IO[*ParallelState]
	Vars[*ParallelState]
	Transition[*ParallelState]
	Data[*ParallelState]
	Outcome[*ParallelState]
	Args[*ParallelState]
	stateCore

	branches []*Graph
}

// Branch adds a branch and returns it; create the branch's states on it.
func (s *ParallelState) Branch() *Graph {
	g := newGraph(s.g.m, here(), s, len(s.branches))
	s.branches = append(s.branches, g)
	return g
}

// ExecutionType is the kind of child workflow a distributed Map starts.
type ExecutionType string

// Execution types.
const (
	Standard ExecutionType = asl.ExecutionStandard
	Express  ExecutionType = asl.ExecutionExpress
)

// MapState is a Map state: it runs its item processor for each item of an
// array, inline or as a distributed map of child workflows.
type MapState struct {
	Common[*MapState]
	IO[*MapState]
	Vars[*MapState]
	Transition[*MapState]
	Data[*MapState]
	Outcome[*MapState]
	stateCore

	itemsPath    *pathField
	items        *template
	itemSelector *template
	proc         *Graph
	legacy       bool
	procConfig   procConfig
	execType     ExecutionType

	maxConc  valueField
	tolPct   valueField
	tolCount valueField
	label    string

	reader  *ItemReader
	batcher *ItemBatcher
	writer  *ResultWriter
	readAt  pos
	batchAt pos
	writeAt pos
}

// Items sets the array to iterate over: in a JSONPath state a [Path] to it
// in the state's input (ItemsPath); in a JSONata state a JSON array or a
// "{% ... %}" expression (Items).
func (s *MapState) Items(v any) *MapState {
	at := here()
	if p, ok := v.(Path); ok {
		s.items = nil
		s.setPath(&s.itemsPath, "ItemsPath", p, at)
		return s
	}
	s.itemsPath = nil
	s.setTemplate(&s.items, "Items", v, at)
	return s
}

// ItemSelector shapes each item's input: an [Obj] payload template in which
// dsl.MapItemValue and dsl.MapItemIndex select the item and its index.
func (s *MapState) ItemSelector(v any) *MapState {
	s.setTemplate(&s.itemSelector, "ItemSelector", v, here())
	return s
}

// ItemProcessor returns the graph run for each item; create its states on it.
func (s *MapState) ItemProcessor() *Graph {
	if s.proc == nil {
		s.proc = newGraph(s.g.m, here(), s, -1)
	}
	return s.proc
}

// UseIterator writes the item processor in the legacy form, as Iterator; use
// Parameters (rather than ItemSelector) with it for the legacy form of both.
// The Iterator has no ProcessorConfig unless [MapState.Inline] or
// [MapState.Distributed] asks for one.
func (s *MapState) UseIterator() *MapState {
	s.legacy = true
	return s
}

// procConfig says what a Map's item processor writes as its ProcessorConfig.
type procConfig int

const (
	procDefault     procConfig = iota // {"Mode": "INLINE"} in an ItemProcessor, nothing in an Iterator
	procInline                        // {"Mode": "INLINE"}
	procOmit                          // nothing
	procDistributed                   // {"Mode": "DISTRIBUTED", "ExecutionType": ...}
)

// Distributed runs the map in DISTRIBUTED mode: each item (or batch) in a
// child workflow of the given type. It replaces an earlier Inline or
// OmitProcessorConfig.
func (s *MapState) Distributed(t ExecutionType) *MapState {
	s.procConfig, s.execType = procDistributed, t
	s.mark("ItemProcessor", here())
	return s
}

// Inline runs the map in INLINE mode, each iteration inside the
// execution, and says so: ProcessorConfig {"Mode": "INLINE"}. That is what
// an ItemProcessor gets without the call; with [MapState.UseIterator], whose
// Iterator otherwise has no ProcessorConfig, Inline adds it. It replaces an
// earlier Distributed or OmitProcessorConfig.
func (s *MapState) Inline() *MapState {
	s.procConfig, s.execType = procInline, ""
	s.mark("ItemProcessor", here())
	return s
}

// OmitProcessorConfig leaves ProcessorConfig out of the item processor, which
// then runs in INLINE mode, AWS's default: the same behaviour as without the
// call, in a different document. Without it the builder writes
// ProcessorConfig {"Mode": "INLINE"} in an ItemProcessor; use it to build
// again a definition that has none. It replaces an earlier Distributed or
// Inline.
func (s *MapState) OmitProcessorConfig() *MapState {
	s.procConfig, s.execType = procOmit, ""
	s.mark("ItemProcessor", here())
	return s
}

// MaxConcurrency bounds the iterations that run at once (dsl.Int(0): no
// bound): dsl.Int(n), a [Path] (MaxConcurrencyPath) or an [Expr].
func (s *MapState) MaxConcurrency(v IntValue) *MapState {
	s.setValue(&s.maxConc, "MaxConcurrency", v, here())
	return s
}

// ToleratedFailurePercentage lets a distributed map succeed while at most
// that percentage of its items fail: dsl.Percent(p), a [Path]
// (ToleratedFailurePercentagePath) or an [Expr].
func (s *MapState) ToleratedFailurePercentage(v PercentValue) *MapState {
	s.setValue(&s.tolPct, "ToleratedFailurePercentage", v, here())
	return s
}

// ToleratedFailureCount lets a distributed map succeed while at most that
// many of its items fail: dsl.Int(n), a [Path] (ToleratedFailureCountPath)
// or an [Expr].
func (s *MapState) ToleratedFailureCount(v IntValue) *MapState {
	s.setValue(&s.tolCount, "ToleratedFailureCount", v, here())
	return s
}

// Label names the child workflow executions of a distributed map.
func (s *MapState) Label(label string) *MapState {
	s.label = label
	s.mark("Label", here())
	return s
}

// ItemReader reads a distributed map's items from a data source such as S3.
func (s *MapState) ItemReader(r ItemReader) *MapState {
	s.reader, s.readAt = &r, here()
	s.mark("ItemReader", s.readAt)
	return s
}

// ItemBatcher groups a distributed map's items into batches.
func (s *MapState) ItemBatcher(b ItemBatcher) *MapState {
	s.batcher, s.batchAt = &b, here()
	s.mark("ItemBatcher", s.batchAt)
	return s
}

// ResultWriter writes a distributed map's results to S3.
func (s *MapState) ResultWriter(w ResultWriter) *MapState {
	s.writer, s.writeAt = &w, here()
	s.mark("ResultWriter", s.writeAt)
	return s
}

// ItemReader configures where a distributed Map reads its items.
type ItemReader struct {
	// Resource is the read API, such as "arn:aws:states:::s3:getObject" or
	// "arn:aws:states:::s3:listObjectsV2".
	Resource string
	// Parameters (JSONPath) or Arguments (JSONata) name the object or prefix.
	Parameters any
	Arguments  any
	// InputType is CSV, JSON, JSONL, MANIFEST or PARQUET.
	InputType string
	// CSVHeaderLocation is FIRST_ROW or GIVEN; CSVHeaders names the columns when GIVEN.
	CSVHeaderLocation string
	CSVHeaders        []string
	// CSVDelimiter is COMMA, PIPE, SEMICOLON, SPACE or TAB.
	CSVDelimiter string
	// ManifestType is S3_INVENTORY or ATHENA_DATA.
	ManifestType string
	// MaxItems limits the items read (nil: all): dsl.Int(n), a [Path]
	// (MaxItemsPath) or an [Expr].
	MaxItems IntValue
	// KeepEmptyReaderConfig writes "ReaderConfig": {} when none of the
	// fields above that make it (InputType to MaxItems) is set; without it
	// an empty ReaderConfig is left out.
	KeepEmptyReaderConfig bool
}

// ItemBatcher configures how a distributed Map batches its items. Nil fields
// are left out.
type ItemBatcher struct {
	// MaxItemsPerBatch and MaxInputBytesPerBatch bound a batch: dsl.Int(n),
	// a [Path] (their ...Path form) or an [Expr].
	MaxItemsPerBatch      IntValue
	MaxInputBytesPerBatch IntValue
	// BatchInput is added to every batch: an [Obj] payload template.
	BatchInput any
}

// ResultWriter configures where a distributed Map writes its results.
type ResultWriter struct {
	// Resource is "arn:aws:states:::s3:putObject".
	Resource string
	// Parameters (JSONPath) or Arguments (JSONata) name the bucket and prefix.
	Parameters any
	Arguments  any
	// OutputType is JSON or JSONL; Transformation is NONE, COMPACT or FLATTEN.
	OutputType     string
	Transformation string
	// KeepEmptyWriterConfig writes "WriterConfig": {} when neither
	// OutputType nor Transformation is set; without it an empty WriterConfig
	// is left out.
	KeepEmptyWriterConfig bool
}
