package asl

import (
	"encoding/json"
	"iter"
)

// QueryLanguage selects how a state's fields are evaluated.
type QueryLanguage string

// The two query languages of ASL. An empty QueryLanguage inherits the
// enclosing one; the top-level default is JSONPath.
const (
	JSONPath QueryLanguage = "JSONPath"
	JSONata  QueryLanguage = "JSONata"
)

// StateType names the type of a state, as written in its Type field.
type StateType string

// The eight state types.
const (
	TypeTask     StateType = "Task"
	TypePass     StateType = "Pass"
	TypeChoice   StateType = "Choice"
	TypeWait     StateType = "Wait"
	TypeSucceed  StateType = "Succeed"
	TypeFail     StateType = "Fail"
	TypeParallel StateType = "Parallel"
	TypeMap      StateType = "Map"
)

// StateMachine is a whole ASL document.
type StateMachine struct {
	// Comment is a human-readable description of the machine.
	Comment string
	// QueryLanguage is the default query language of every state (JSONPath when empty).
	QueryLanguage QueryLanguage
	// StartAt names the first state to run.
	StartAt string
	// States holds the machine's top-level states in definition order.
	States States
	// TimeoutSeconds bounds the whole execution; nil means no limit.
	TimeoutSeconds *int
	// Version is the ASL version, "1.0" when given.
	Version string
}

// Branch is a nested state machine: a Parallel branch.
type Branch struct {
	// Comment describes the branch.
	Comment string
	// StartAt names the branch's first state.
	StartAt string
	// States holds the branch's states in definition order.
	States States
}

// ItemProcessor is the nested state machine that a Map state runs for each
// item (ItemProcessor, or the legacy Iterator field).
type ItemProcessor struct {
	// Comment describes the processor.
	Comment string
	// ProcessorConfig selects inline or distributed processing.
	ProcessorConfig *ProcessorConfig
	// StartAt names the processor's first state.
	StartAt string
	// States holds the processor's states in definition order.
	States States
}

// Processing modes of a Map state's ProcessorConfig.Mode.
const (
	ModeInline      = "INLINE"
	ModeDistributed = "DISTRIBUTED"
)

// Execution types of a distributed Map's child workflows.
const (
	ExecutionStandard = "STANDARD"
	ExecutionExpress  = "EXPRESS"
)

// ProcessorConfig is a Map state's ItemProcessor.ProcessorConfig.
type ProcessorConfig struct {
	// Mode is ModeInline (the default) or ModeDistributed.
	Mode string
	// ExecutionType is ExecutionStandard or ExecutionExpress; distributed mode only.
	ExecutionType string
}

// States is an ordered set of named states. The zero value is empty and ready
// to use.
type States struct {
	names  []string
	byName map[string]State
}

// Add appends a state under name. It reports false, and changes nothing, when
// the name is already taken.
func (s *States) Add(name string, st State) bool {
	if _, dup := s.byName[name]; dup {
		return false
	}
	if s.byName == nil {
		s.byName = make(map[string]State)
	}
	s.names = append(s.names, name)
	s.byName[name] = st
	return true
}

// Get returns the state called name.
func (s States) Get(name string) (State, bool) {
	st, ok := s.byName[name]
	return st, ok
}

// Len returns the number of states.
func (s States) Len() int { return len(s.names) }

// Names returns the state names in definition order. The caller must not
// modify the slice.
func (s States) Names() []string { return s.names }

// All iterates over the states in definition order.
func (s States) All() iter.Seq2[string, State] {
	return func(yield func(string, State) bool) {
		for _, n := range s.names {
			if !yield(n, s.byName[n]) {
				return
			}
		}
	}
}

// State is one of *Task, *Pass, *Choice, *Wait, *Succeed, *Fail, *Parallel and *Map.
type State interface {
	// Type returns the state's Type field.
	Type() StateType
	// Base returns the fields every state has.
	Base() *StateBase
}

// StateBase holds the fields that every state type has.
type StateBase struct {
	// Comment describes the state.
	Comment string
	// QueryLanguage overrides the machine's query language for this state.
	QueryLanguage QueryLanguage
}

// Base returns b; it lets every state type satisfy [State].
func (b *StateBase) Base() *StateBase { return b }

// Path is the value of an InputPath, OutputPath or ResultPath field: a path,
// or JSON null (Null true). A null InputPath or OutputPath gives {}; a null
// ResultPath discards the state's result.
type Path struct {
	// Value is the path, such as "$.order".
	Value string
	// Null is true for a JSON null value; Value is then empty.
	Null bool
}

// PathOf returns a *Path holding p.
func PathOf(p string) *Path { return &Path{Value: p} }

// NullPath returns a *Path holding JSON null.
func NullPath() *Path { return &Path{Null: true} }

// IntOrExpr is an integer field that a JSONata state may instead give as a
// "{% ... %}" expression string (TimeoutSeconds, Seconds, MaxConcurrency, ...).
type IntOrExpr struct {
	// Int is the integer value when Expr is empty.
	Int int
	// Expr is the JSONata expression, "{% ... %}", if given instead of a number.
	Expr string
}

// Int returns an *IntOrExpr holding n.
func Int(n int) *IntOrExpr { return &IntOrExpr{Int: n} }

// Expr returns an *IntOrExpr holding a JSONata expression.
func Expr(e string) *IntOrExpr { return &IntOrExpr{Expr: e} }

// FloatOrExpr is a number field that a JSONata state may instead give as a
// "{% ... %}" expression string (ToleratedFailurePercentage).
type FloatOrExpr struct {
	// Float is the number when Expr is empty.
	Float float64
	// Expr is the JSONata expression, "{% ... %}", if given instead of a number.
	Expr string
}

// Retrier is one element of a Retry field.
type Retrier struct {
	// Comment describes the retrier.
	Comment string
	// ErrorEquals lists the error names this retrier handles.
	ErrorEquals []string
	// IntervalSeconds is the delay before the first retry (default 1).
	IntervalSeconds *int
	// MaxAttempts is the maximum number of retries (default 3; 0 never retries).
	MaxAttempts *int
	// BackoffRate multiplies the delay on each retry (default 2.0).
	BackoffRate *float64
	// MaxDelaySeconds caps the delay between retries.
	MaxDelaySeconds *int
	// JitterStrategy is JitterFull or JitterNone (the default).
	JitterStrategy string
}

// Values of Retrier.JitterStrategy.
const (
	JitterFull = "FULL"
	JitterNone = "NONE"
)

// Catcher is one element of a Catch field.
type Catcher struct {
	// Comment describes the catcher.
	Comment string
	// ErrorEquals lists the error names this catcher handles.
	ErrorEquals []string
	// ResultPath places the error output in the state's input (JSONPath).
	ResultPath *Path
	// Output shapes the catcher's output (JSONata).
	Output json.RawMessage
	// Assign sets variables when the catcher matches.
	Assign json.RawMessage
	// Next names the state to go to.
	Next string
}

// Task is a Task state: it runs the work named by Resource.
type Task struct {
	StateBase
	// Resource is the ARN of the work to run, or a ${...} substitution.
	Resource string
	// ResourceIntrinsic holds a CloudFormation intrinsic function object, such
	// as {"Ref": "Fn"} or {"Fn::GetAtt": [...]}, given instead of a Resource
	// string in templates that embed the definition. Resource is then empty.
	ResourceIntrinsic json.RawMessage
	// Credentials names a role to assume for the task (a payload template).
	Credentials json.RawMessage

	// InputPath selects the part of the input the state uses (JSONPath); null gives {}.
	InputPath *Path
	// Parameters is the payload template of the effective input (JSONPath).
	Parameters json.RawMessage
	// Arguments is the effective input (JSONata): an object or a "{% %}" expression.
	Arguments json.RawMessage
	// ResultSelector shapes the raw result (JSONPath).
	ResultSelector json.RawMessage
	// ResultPath places the result in the input (JSONPath); null discards it.
	ResultPath *Path
	// OutputPath selects the part of the output passed on (JSONPath); null gives {}.
	OutputPath *Path
	// Output is the state's output (JSONata).
	Output json.RawMessage
	// Assign sets variables.
	Assign json.RawMessage

	// TimeoutSeconds bounds one attempt of the task.
	TimeoutSeconds *IntOrExpr
	// TimeoutSecondsPath reads TimeoutSeconds from the state's input.
	TimeoutSecondsPath string
	// HeartbeatSeconds bounds the time between heartbeats of the task.
	HeartbeatSeconds *IntOrExpr
	// HeartbeatSecondsPath reads HeartbeatSeconds from the state's input.
	HeartbeatSecondsPath string

	// Retry lists the retriers, tried in order.
	Retry []Retrier
	// Catch lists the catchers, tried in order.
	Catch []Catcher

	// Next names the following state; End marks a terminal state.
	Next string
	// End marks a terminal state.
	End bool
}

// Pass is a Pass state: it passes its input, or Result, to its output.
type Pass struct {
	StateBase
	// InputPath selects the part of the input the state uses (JSONPath); null gives {}.
	InputPath *Path
	// Parameters is the payload template of the effective input (JSONPath).
	Parameters json.RawMessage
	// Result is the fixed result of the state.
	Result json.RawMessage
	// ResultPath places the result in the input (JSONPath); null discards it.
	ResultPath *Path
	// OutputPath selects the part of the output passed on (JSONPath); null gives {}.
	OutputPath *Path
	// Output is the state's output (JSONata).
	Output json.RawMessage
	// Assign sets variables.
	Assign json.RawMessage
	// Next names the following state.
	Next string
	// End marks a terminal state.
	End bool
}

// Choice is a Choice state: it goes to the Next of the first matching rule, or
// to Default.
type Choice struct {
	StateBase
	// InputPath selects the part of the input the state uses (JSONPath); null gives {}.
	InputPath *Path
	// OutputPath selects the part of the output passed on (JSONPath); null gives {}.
	OutputPath *Path
	// Choices are the rules, tried in order.
	Choices []ChoiceRule
	// Default names the state to go to when no rule matches.
	Default string
	// Output is the state's output (JSONata).
	Output json.RawMessage
	// Assign sets variables.
	Assign json.RawMessage
}

// ChoiceRule is an element of a Choice state's Choices, or a rule nested in
// And, Or or Not. Exactly one of Condition (JSONata), Operator (with
// Variable), And, Or and Not is set.
type ChoiceRule struct {
	// Comment describes the rule.
	Comment string
	// Condition is the JSONata condition, a "{% ... %}" string or a boolean.
	Condition json.RawMessage
	// Variable is the path of the value to compare.
	Variable string
	// Operator is the comparison, such as OpNumericGreaterThan.
	Operator Operator
	// Operand is the operator's JSON value: a string, number or boolean as the
	// operator requires (a path string for the *Path operators).
	Operand json.RawMessage
	// And, Or and Not combine nested rules.
	And []ChoiceRule
	Or  []ChoiceRule
	Not *ChoiceRule
	// Next names the state to go to; only on top-level rules.
	Next string
	// Output and Assign apply when the rule matches (JSONata; top level only).
	Output json.RawMessage
	// Assign sets variables.
	Assign json.RawMessage
}

// Operator is a Choice rule's comparison operator.
type Operator string

// The comparison operators of Choice rules.
const (
	OpStringEquals                   Operator = "StringEquals"
	OpStringEqualsPath               Operator = "StringEqualsPath"
	OpStringLessThan                 Operator = "StringLessThan"
	OpStringLessThanPath             Operator = "StringLessThanPath"
	OpStringGreaterThan              Operator = "StringGreaterThan"
	OpStringGreaterThanPath          Operator = "StringGreaterThanPath"
	OpStringLessThanEquals           Operator = "StringLessThanEquals"
	OpStringLessThanEqualsPath       Operator = "StringLessThanEqualsPath"
	OpStringGreaterThanEquals        Operator = "StringGreaterThanEquals"
	OpStringGreaterThanEqualsPath    Operator = "StringGreaterThanEqualsPath"
	OpStringMatches                  Operator = "StringMatches"
	OpNumericEquals                  Operator = "NumericEquals"
	OpNumericEqualsPath              Operator = "NumericEqualsPath"
	OpNumericLessThan                Operator = "NumericLessThan"
	OpNumericLessThanPath            Operator = "NumericLessThanPath"
	OpNumericGreaterThan             Operator = "NumericGreaterThan"
	OpNumericGreaterThanPath         Operator = "NumericGreaterThanPath"
	OpNumericLessThanEquals          Operator = "NumericLessThanEquals"
	OpNumericLessThanEqualsPath      Operator = "NumericLessThanEqualsPath"
	OpNumericGreaterThanEquals       Operator = "NumericGreaterThanEquals"
	OpNumericGreaterThanEqualsPath   Operator = "NumericGreaterThanEqualsPath"
	OpBooleanEquals                  Operator = "BooleanEquals"
	OpBooleanEqualsPath              Operator = "BooleanEqualsPath"
	OpTimestampEquals                Operator = "TimestampEquals"
	OpTimestampEqualsPath            Operator = "TimestampEqualsPath"
	OpTimestampLessThan              Operator = "TimestampLessThan"
	OpTimestampLessThanPath          Operator = "TimestampLessThanPath"
	OpTimestampGreaterThan           Operator = "TimestampGreaterThan"
	OpTimestampGreaterThanPath       Operator = "TimestampGreaterThanPath"
	OpTimestampLessThanEquals        Operator = "TimestampLessThanEquals"
	OpTimestampLessThanEqualsPath    Operator = "TimestampLessThanEqualsPath"
	OpTimestampGreaterThanEquals     Operator = "TimestampGreaterThanEquals"
	OpTimestampGreaterThanEqualsPath Operator = "TimestampGreaterThanEqualsPath"
	OpIsNull                         Operator = "IsNull"
	OpIsPresent                      Operator = "IsPresent"
	OpIsNumeric                      Operator = "IsNumeric"
	OpIsString                       Operator = "IsString"
	OpIsBoolean                      Operator = "IsBoolean"
	OpIsTimestamp                    Operator = "IsTimestamp"
)

// OperandKind is the JSON type an operator's operand must have.
type OperandKind int

// Operand kinds.
const (
	OperandString OperandKind = iota + 1
	OperandNumber
	OperandBool
	OperandPath
)

var operatorKinds = map[Operator]OperandKind{}

func init() {
	for _, op := range Operators() {
		name := string(op)
		switch {
		case len(name) > 4 && name[len(name)-4:] == "Path":
			operatorKinds[op] = OperandPath
		case name[:2] == "Is" || name[:7] == "Boolean":
			operatorKinds[op] = OperandBool
		case name[:7] == "Numeric":
			operatorKinds[op] = OperandNumber
		default:
			operatorKinds[op] = OperandString
		}
	}
}

// Operators returns every comparison operator in the order AWS documents them.
func Operators() []Operator {
	return []Operator{
		OpStringEquals, OpStringEqualsPath, OpStringLessThan, OpStringLessThanPath,
		OpStringGreaterThan, OpStringGreaterThanPath, OpStringLessThanEquals, OpStringLessThanEqualsPath,
		OpStringGreaterThanEquals, OpStringGreaterThanEqualsPath, OpStringMatches,
		OpNumericEquals, OpNumericEqualsPath, OpNumericLessThan, OpNumericLessThanPath,
		OpNumericGreaterThan, OpNumericGreaterThanPath, OpNumericLessThanEquals, OpNumericLessThanEqualsPath,
		OpNumericGreaterThanEquals, OpNumericGreaterThanEqualsPath,
		OpBooleanEquals, OpBooleanEqualsPath,
		OpTimestampEquals, OpTimestampEqualsPath, OpTimestampLessThan, OpTimestampLessThanPath,
		OpTimestampGreaterThan, OpTimestampGreaterThanPath, OpTimestampLessThanEquals, OpTimestampLessThanEqualsPath,
		OpTimestampGreaterThanEquals, OpTimestampGreaterThanEqualsPath,
		OpIsNull, OpIsPresent, OpIsNumeric, OpIsString, OpIsBoolean, OpIsTimestamp,
	}
}

// Kind returns the JSON type of op's operand, or 0 for an unknown operator.
func (op Operator) Kind() OperandKind { return operatorKinds[op] }

// Wait is a Wait state: it pauses for Seconds or until Timestamp (or their
// *Path forms; exactly one of the four is set).
type Wait struct {
	StateBase
	// InputPath selects the part of the input the state uses (JSONPath); null gives {}.
	InputPath *Path
	// OutputPath selects the part of the output passed on (JSONPath); null gives {}.
	OutputPath *Path
	// Seconds is how long to wait.
	Seconds *IntOrExpr
	// SecondsPath reads Seconds from the input.
	SecondsPath string
	// Timestamp is when to stop waiting, in RFC 3339 form.
	Timestamp string
	// TimestampPath reads Timestamp from the input.
	TimestampPath string
	// Output is the state's output (JSONata).
	Output json.RawMessage
	// Assign sets variables.
	Assign json.RawMessage
	// Next names the following state.
	Next string
	// End marks a terminal state.
	End bool
}

// Succeed is a Succeed state: it ends the execution (or branch) successfully.
type Succeed struct {
	StateBase
	// InputPath selects the part of the input the state uses (JSONPath); null gives {}.
	InputPath *Path
	// OutputPath selects the part of the output passed on (JSONPath); null gives {}.
	OutputPath *Path
	// Output is the state's output (JSONata).
	Output json.RawMessage
}

// Fail is a Fail state: it ends the execution with an error and a cause.
type Fail struct {
	StateBase
	// Error is the error name.
	Error string
	// ErrorPath reads the error name from the input.
	ErrorPath string
	// Cause is the human-readable cause.
	Cause string
	// CausePath reads the cause from the input.
	CausePath string
}

// Parallel is a Parallel state: it runs its branches concurrently.
type Parallel struct {
	StateBase
	// InputPath selects the part of the input the state uses (JSONPath); null gives {}.
	InputPath *Path
	// Parameters is the payload template of the effective input (JSONPath).
	Parameters json.RawMessage
	// Arguments is the effective input (JSONata): an object or a "{% %}" expression.
	Arguments json.RawMessage
	// Branches run concurrently; the output is the array of their outputs.
	Branches []Branch
	// ResultSelector shapes the raw result (JSONPath).
	ResultSelector json.RawMessage
	// ResultPath places the result in the input (JSONPath); null discards it.
	ResultPath *Path
	// OutputPath selects the part of the output passed on (JSONPath); null gives {}.
	OutputPath *Path
	// Output is the state's output (JSONata).
	Output json.RawMessage
	// Assign sets variables.
	Assign json.RawMessage
	// Retry lists the retriers, tried in order.
	Retry []Retrier
	// Catch lists the catchers, tried in order.
	Catch []Catcher
	// Next names the following state.
	Next string
	// End marks a terminal state.
	End bool
}

// Map is a Map state: it runs ItemProcessor for each item of its input.
type Map struct {
	StateBase
	// InputPath selects the part of the input the state uses (JSONPath); null gives {}.
	InputPath *Path
	// ItemsPath selects the array, or the object, to iterate over
	// (JSONPath): an object's members are iterated as items {"key": name,
	// "value": value}.
	ItemsPath string
	// Items is the array or object to iterate over, or a JSONata
	// expression giving it (JSONata).
	Items json.RawMessage
	// ItemReader reads the items from a data source (distributed mode).
	ItemReader *ItemReader
	// ItemSelector shapes each item's input (Parameters in the legacy form).
	ItemSelector json.RawMessage
	// Parameters is the legacy name of ItemSelector.
	Parameters json.RawMessage
	// ItemBatcher batches items (distributed mode).
	ItemBatcher   *ItemBatcher
	ItemProcessor *ItemProcessor
	// Iterator is the legacy name of ItemProcessor.
	Iterator *ItemProcessor
	// ResultWriter writes the results to a data store (distributed mode).
	ResultWriter *ResultWriter

	// MaxConcurrency bounds the iterations running at once (0: no bound).
	MaxConcurrency *IntOrExpr
	// MaxConcurrencyPath reads MaxConcurrency from the input.
	MaxConcurrencyPath string
	// ToleratedFailurePercentage is the share of items that may fail (distributed mode).
	ToleratedFailurePercentage *FloatOrExpr
	// ToleratedFailurePercentagePath reads ToleratedFailurePercentage from the input.
	ToleratedFailurePercentagePath string
	// ToleratedFailureCount is the number of items that may fail (distributed mode).
	ToleratedFailureCount *IntOrExpr
	// ToleratedFailureCountPath reads ToleratedFailureCount from the input.
	ToleratedFailureCountPath string
	// Label names the child executions of a distributed Map.
	Label string

	// ResultSelector shapes the raw result (JSONPath).
	ResultSelector json.RawMessage
	// ResultPath places the result in the input (JSONPath); null discards it.
	ResultPath *Path
	// OutputPath selects the part of the output passed on (JSONPath); null gives {}.
	OutputPath *Path
	// Output is the state's output (JSONata).
	Output json.RawMessage
	// Assign sets variables.
	Assign json.RawMessage
	// Retry lists the retriers, tried in order.
	Retry []Retrier
	// Catch lists the catchers, tried in order.
	Catch []Catcher
	// Next names the following state.
	Next string
	// End marks a terminal state.
	End bool
}

// Processor returns the Map's item processor, from ItemProcessor or from the
// legacy Iterator field.
func (m *Map) Processor() *ItemProcessor {
	if m.ItemProcessor != nil {
		return m.ItemProcessor
	}
	return m.Iterator
}

// ItemReader reads a distributed Map's items from a data source.
type ItemReader struct {
	// Resource is the ARN of the API to call.
	Resource string
	// Parameters is the payload template of the effective input (JSONPath).
	Parameters json.RawMessage
	// Arguments is the effective input (JSONata): an object or a "{% %}" expression.
	Arguments    json.RawMessage
	ReaderConfig *ReaderConfig
}

// ReaderConfig configures an ItemReader.
type ReaderConfig struct {
	// InputType is CSV, JSON, JSONL, MANIFEST or PARQUET.
	InputType string
	// CSVHeaderLocation is FIRST_ROW or GIVEN.
	CSVHeaderLocation string
	// CSVHeaders are the column names when CSVHeaderLocation is GIVEN.
	CSVHeaders []string
	// CSVDelimiter is COMMA, PIPE, SEMICOLON, SPACE or TAB.
	CSVDelimiter string
	// ManifestType is S3_INVENTORY or ATHENA_DATA.
	ManifestType string
	// MaxItems limits the items read.
	MaxItems *IntOrExpr
	// MaxItemsPath reads MaxItems from the input.
	MaxItemsPath string
}

// ItemBatcher groups a distributed Map's items into batches.
type ItemBatcher struct {
	// MaxItemsPerBatch bounds the items in a batch.
	MaxItemsPerBatch *IntOrExpr
	// MaxItemsPerBatchPath reads MaxItemsPerBatch from the input.
	MaxItemsPerBatchPath string
	// MaxInputBytesPerBatch bounds the size of a batch.
	MaxInputBytesPerBatch *IntOrExpr
	// MaxInputBytesPerBatchPath reads MaxInputBytesPerBatch from the input.
	MaxInputBytesPerBatchPath string
	// BatchInput is added to every batch.
	BatchInput json.RawMessage
}

// ResultWriter writes a distributed Map's results to a data store.
type ResultWriter struct {
	// Resource is the ARN of the API to call.
	Resource string
	// Parameters is the payload template of the effective input (JSONPath).
	Parameters json.RawMessage
	// Arguments is the effective input (JSONata): an object or a "{% %}" expression.
	Arguments    json.RawMessage
	WriterConfig *WriterConfig
}

// WriterConfig configures a ResultWriter.
type WriterConfig struct {
	// OutputType is JSON or JSONL.
	OutputType string
	// Transformation is NONE, COMPACT or FLATTEN.
	Transformation string
}

// Type returns TypeTask.
func (*Task) Type() StateType { return TypeTask }

// Type returns TypePass.
func (*Pass) Type() StateType { return TypePass }

// Type returns TypeChoice.
func (*Choice) Type() StateType { return TypeChoice }

// Type returns TypeWait.
func (*Wait) Type() StateType { return TypeWait }

// Type returns TypeSucceed.
func (*Succeed) Type() StateType { return TypeSucceed }

// Type returns TypeFail.
func (*Fail) Type() StateType { return TypeFail }

// Type returns TypeParallel.
func (*Parallel) Type() StateType { return TypeParallel }

// Type returns TypeMap.
func (*Map) Type() StateType { return TypeMap }
