package dsl

import (
	"reflect"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
)

// State is a state of a workflow: *TaskState, *PassState, *ChoiceState,
// *WaitState, *SucceedState, *FailState, *ParallelState or *MapState. States
// are created by a [Graph] (the machine, a Parallel branch or a Map item
// processor) and belong to it.
type State interface {
	// Name returns the state's name.
	Name() string
	core() *stateCore
}

//go:generate go run ./internal/stategen

// The query languages, for QueryLanguage methods.
const (
	JSONPath = asl.JSONPath
	JSONata  = asl.JSONata
)

// stateCore holds what every state builder records.
type stateCore struct {
	g       *Graph
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
	end    bool
}

type pathField struct {
	p  Path
	at pos
}

// Name returns the state's name.
func (c *stateCore) Name() string { return c.name }

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

func (c *stateCore) setEnd(at pos) {
	if c.next != nil {
		c.problem(at, "End: the state already continues to %q (Next set at %s)", c.next.Name(), c.nextAt.position())
	}
	c.end = true
	c.mark("End", at)
}

func (c *stateCore) setNext(s State, at pos) {
	target := coreOf(s)
	switch {
	case target == nil:
		c.problem(at, "Next: missing transition target: the state is nil")
	case c.next != nil:
		c.problem(at, "Next: the state already continues to %q (set at %s); a state has one Next", c.next.Name(), c.nextAt.position())
	case c.end:
		c.problem(at, "Next: the state is marked End")
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

// TaskState is a Task state: it runs the work named by its Resource.
type TaskState struct {
	stateCore

	resource      string
	credentials   *template
	timeout       *asl.IntOrExpr
	timeoutPath   Path
	heartbeat     *asl.IntOrExpr
	heartbeatPath Path
	inputType     Type
	resultType    Type
	// lambda is the payload template LambdaInvoke set: in a JSONata state
	// it becomes Arguments.
	lambda *template
}

// Resource sets the ARN of the work to run, such as
// "arn:aws:states:::lambda:invoke", or a "${...}" substitution for the deploy
// tool to fill in.
func (s *TaskState) Resource(arn string) *TaskState {
	s.resource = arn
	s.mark("Resource", here())
	return s
}

// Credentials sets the role to assume for the task, such as
// dsl.Obj{"RoleArn": "arn:aws:iam::123456789012:role/Role"}.
func (s *TaskState) Credentials(v any) *TaskState {
	s.setTemplate(&s.credentials, "Credentials", v, here())
	return s
}

// Timeout bounds one attempt of the task (TimeoutSeconds).
func (s *TaskState) Timeout(d time.Duration) *TaskState {
	at := here()
	s.timeout = asl.Int(seconds(&s.g.m.problems, at, s.name, "TimeoutSeconds", d))
	s.mark("TimeoutSeconds", at)
	return s
}

// TimeoutPath reads TimeoutSeconds from the state's input.
func (s *TaskState) TimeoutPath(p Path) *TaskState {
	s.timeoutPath = p
	s.mark("TimeoutSecondsPath", here())
	return s
}

// TimeoutExpr sets TimeoutSeconds to a JSONata expression, "{% ... %}".
func (s *TaskState) TimeoutExpr(expr string) *TaskState {
	s.timeout = asl.Expr(expr)
	s.mark("TimeoutSeconds", here())
	return s
}

// Heartbeat bounds the time between the task's heartbeats (HeartbeatSeconds).
func (s *TaskState) Heartbeat(d time.Duration) *TaskState {
	at := here()
	s.heartbeat = asl.Int(seconds(&s.g.m.problems, at, s.name, "HeartbeatSeconds", d))
	s.mark("HeartbeatSeconds", at)
	return s
}

// HeartbeatPath reads HeartbeatSeconds from the state's input.
func (s *TaskState) HeartbeatPath(p Path) *TaskState {
	s.heartbeatPath = p
	s.mark("HeartbeatSecondsPath", here())
	return s
}

// HeartbeatExpr sets HeartbeatSeconds to a JSONata expression, "{% ... %}".
func (s *TaskState) HeartbeatExpr(expr string) *TaskState {
	s.heartbeat = asl.Expr(expr)
	s.mark("HeartbeatSeconds", here())
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

// WaitState is a Wait state: it pauses for a duration or until a time.
type WaitState struct {
	stateCore

	seconds       *asl.IntOrExpr
	secondsPath   Path
	timestamp     string
	timestampPath Path
}

// For waits for d, in whole seconds (Seconds).
func (s *WaitState) For(d time.Duration) *WaitState {
	at := here()
	s.seconds = asl.Int(seconds(&s.g.m.problems, at, s.name, "Seconds", d))
	s.mark("Seconds", at)
	return s
}

// SecondsPath waits for the number of seconds found at p in the input.
func (s *WaitState) SecondsPath(p Path) *WaitState {
	s.secondsPath = p
	s.mark("SecondsPath", here())
	return s
}

// SecondsExpr waits for the seconds given by a JSONata expression, "{% ... %}".
func (s *WaitState) SecondsExpr(expr string) *WaitState {
	s.seconds = asl.Expr(expr)
	s.mark("Seconds", here())
	return s
}

// Until waits until t (Timestamp), written in RFC 3339 form.
func (s *WaitState) Until(t time.Time) *WaitState {
	s.timestamp = t.Format(time.RFC3339Nano)
	s.mark("Timestamp", here())
	return s
}

// TimestampPath waits until the timestamp found at p in the input.
func (s *WaitState) TimestampPath(p Path) *WaitState {
	s.timestampPath = p
	s.mark("TimestampPath", here())
	return s
}

// TimestampExpr waits until the time given by a JSONata expression, "{% ... %}".
func (s *WaitState) TimestampExpr(expr string) *WaitState {
	s.timestamp = expr
	s.mark("Timestamp", here())
	return s
}

// SucceedState is a Succeed state: it ends the execution, branch or
// iteration successfully.
type SucceedState struct {
	stateCore
}

// FailState is a Fail state: it ends the execution with an error and a cause.
type FailState struct {
	stateCore

	err       ErrorName
	errPath   Path
	cause     string
	causePath Path
}

// Error sets the error name the execution fails with.
func (s *FailState) Error(name ErrorName) *FailState {
	s.err = name
	s.mark("Error", here())
	return s
}

// ErrorPath reads the error name from the state's input: a path, or an
// intrinsic function call such as
// ErrorPath("States.Format('Order.{}', $.reason)").
func (s *FailState) ErrorPath(p Path) *FailState {
	s.errPath = p
	s.mark("ErrorPath", here())
	return s
}

// Cause sets the human-readable cause of the failure.
func (s *FailState) Cause(text string) *FailState {
	s.cause = text
	s.mark("Cause", here())
	return s
}

// CausePath reads the cause from the state's input: a path, or an
// intrinsic function call such as
// CausePath("States.Format('order {} failed', $.orderId)").
func (s *FailState) CausePath(p Path) *FailState {
	s.causePath = p
	s.mark("CausePath", here())
	return s
}

// ParallelState is a Parallel state: it runs its branches concurrently and
// outputs their results as an array.
type ParallelState struct {
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
	stateCore

	itemsPath    Path
	items        *template
	itemSelector *template
	proc         *Graph
	legacy       bool
	distributed  bool
	execType     ExecutionType

	maxConc      *asl.IntOrExpr
	maxConcPath  Path
	tolPct       *asl.FloatOrExpr
	tolPctPath   Path
	tolCount     *asl.IntOrExpr
	tolCountPath Path
	label        string

	reader  *ItemReader
	batcher *ItemBatcher
	writer  *ResultWriter
	readAt  pos
	batchAt pos
	writeAt pos
}

// ItemsPath selects the array to iterate over (JSONPath mode).
func (s *MapState) ItemsPath(p Path) *MapState {
	s.itemsPath = p
	s.mark("ItemsPath", here())
	return s
}

// Items sets the array to iterate over (JSONata mode): a JSON array or a
// "{% ... %}" expression.
func (s *MapState) Items(v any) *MapState {
	s.setTemplate(&s.items, "Items", v, here())
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
func (s *MapState) UseIterator() *MapState {
	s.legacy = true
	return s
}

// Distributed runs the map in DISTRIBUTED mode: each item (or batch) in a
// child workflow of the given type.
func (s *MapState) Distributed(t ExecutionType) *MapState {
	s.distributed, s.execType = true, t
	s.mark("ItemProcessor", here())
	return s
}

// MaxConcurrency bounds the iterations that run at once (0: no bound).
func (s *MapState) MaxConcurrency(n int) *MapState {
	s.maxConc = asl.Int(n)
	s.mark("MaxConcurrency", here())
	return s
}

// MaxConcurrencyPath reads MaxConcurrency from the state's input.
func (s *MapState) MaxConcurrencyPath(p Path) *MapState {
	s.maxConcPath = p
	s.mark("MaxConcurrencyPath", here())
	return s
}

// MaxConcurrencyExpr sets MaxConcurrency to a JSONata expression.
func (s *MapState) MaxConcurrencyExpr(expr string) *MapState {
	s.maxConc = asl.Expr(expr)
	s.mark("MaxConcurrency", here())
	return s
}

// ToleratedFailurePercentage lets a distributed map succeed while at most pct
// percent of its items fail.
func (s *MapState) ToleratedFailurePercentage(pct float64) *MapState {
	s.tolPct = &asl.FloatOrExpr{Float: pct}
	s.mark("ToleratedFailurePercentage", here())
	return s
}

// ToleratedFailurePercentagePath reads ToleratedFailurePercentage from the input.
func (s *MapState) ToleratedFailurePercentagePath(p Path) *MapState {
	s.tolPctPath = p
	s.mark("ToleratedFailurePercentagePath", here())
	return s
}

// ToleratedFailurePercentageExpr sets ToleratedFailurePercentage to a JSONata expression.
func (s *MapState) ToleratedFailurePercentageExpr(expr string) *MapState {
	s.tolPct = &asl.FloatOrExpr{Expr: expr}
	s.mark("ToleratedFailurePercentage", here())
	return s
}

// ToleratedFailureCount lets a distributed map succeed while at most n of its
// items fail.
func (s *MapState) ToleratedFailureCount(n int) *MapState {
	s.tolCount = asl.Int(n)
	s.mark("ToleratedFailureCount", here())
	return s
}

// ToleratedFailureCountPath reads ToleratedFailureCount from the input.
func (s *MapState) ToleratedFailureCountPath(p Path) *MapState {
	s.tolCountPath = p
	s.mark("ToleratedFailureCountPath", here())
	return s
}

// ToleratedFailureCountExpr sets ToleratedFailureCount to a JSONata expression.
func (s *MapState) ToleratedFailureCountExpr(expr string) *MapState {
	s.tolCount = asl.Expr(expr)
	s.mark("ToleratedFailureCount", here())
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
	// MaxItems limits the items read (0: all); MaxItemsPath reads it from the input.
	MaxItems     int
	MaxItemsPath Path
}

// ItemBatcher configures how a distributed Map batches its items. Zero fields
// are left out.
type ItemBatcher struct {
	MaxItemsPerBatch          int
	MaxItemsPerBatchPath      Path
	MaxInputBytesPerBatch     int
	MaxInputBytesPerBatchPath Path
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
}
