package asl

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Unmarshal decodes an ASL document strictly. Every problem found is reported,
// in source order, as an [ErrorList] of [*Error] values that name their
// location. The document's states are not checked against each other: that
// is [Validate]'s job.
func Unmarshal(data []byte) (*StateMachine, error) {
	root, perr := parseJSON(data)
	if perr != nil {
		perr.Code = CodeInvalidJSON
		return nil, ErrorList{perr}
	}
	d := &decoder{src: data}
	sm := d.machine(root)
	if len(d.errs) > 0 {
		d.errs.sort()
		return nil, d.errs
	}
	return sm, nil
}

// UnmarshalJSON decodes data into sm with [Unmarshal].
func (sm *StateMachine) UnmarshalJSON(data []byte) error {
	out, err := Unmarshal(data)
	if err != nil {
		return err
	}
	*sm = *out
	return nil
}

// maxErrors bounds the errors reported for one document.
const maxErrors = 100

type decoder struct {
	src  []byte
	errs ErrorList
	ql   QueryLanguage // the machine's query language
	cur  QueryLanguage // the query language of the state being decoded
}

func (d *decoder) failAt(off int, ptr, code, format string, args ...any) {
	if len(d.errs) >= maxErrors {
		return
	}
	line, col := lineCol(d.src, off)
	d.errs = append(d.errs, &Error{Pointer: ptr, Line: line, Column: col, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) fail(n *node, ptr, format string, args ...any) {
	d.failAt(n.off, ptr, CodeSchemaValidationFailed, format, args...)
}

// want reports an error unless n has the given kind.
func (d *decoder) want(n *node, ptr string, kind byte) bool {
	if n.kind == kind {
		return true
	}
	d.fail(n, ptr, "expected %s, got %s", kindName(kind), kindName(n.kind))
	return false
}

// object iterates over the members of an object node; field reports whether
// it knew the key. Unknown keys are errors.
func (d *decoder) object(n *node, ptr string, field func(k string, v *node, p string) bool) {
	if !d.want(n, ptr, kindObject) {
		return
	}
	for i, k := range n.keys {
		p := Join(ptr, k)
		if !field(k, n.vals[i], p) {
			d.failAt(n.keyOff[i], p, CodeSchemaValidationFailed, "field %q is not supported by Step Functions", k)
		}
	}
}

func (d *decoder) str(n *node, ptr string) string {
	if d.want(n, ptr, kindString) {
		return n.str
	}
	return ""
}

func (d *decoder) boolean(n *node, ptr string) bool {
	if d.want(n, ptr, kindBool) {
		return n.b
	}
	return false
}

func (d *decoder) strings(n *node, ptr string) []string {
	if !d.want(n, ptr, kindArray) {
		return nil
	}
	out := make([]string, 0, len(n.vals))
	for i, v := range n.vals {
		out = append(out, d.str(v, ptr+"/"+strconv.Itoa(i)))
	}
	return out
}

func (d *decoder) path(n *node, ptr string) *Path {
	switch n.kind {
	case kindNull:
		return NullPath()
	case kindString:
		return PathOf(n.str)
	}
	d.fail(n, ptr, "expected a string or null, got %s", kindName(n.kind))
	return nil
}

// integer parses an integral JSON number; 10.0 is accepted as 10.
func (d *decoder) integer(n *node, ptr string) (int, bool) {
	if !d.want(n, ptr, kindNumber) {
		return 0, false
	}
	if i, err := strconv.ParseInt(n.str, 10, 64); err == nil && i >= math.MinInt && i <= math.MaxInt {
		return int(i), true
	}
	f, err := strconv.ParseFloat(n.str, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		d.fail(n, ptr, "expected an integer, got %s", n.str)
		return 0, false
	}
	return int(f), true
}

func (d *decoder) intp(n *node, ptr string) *int {
	if i, ok := d.integer(n, ptr); ok {
		return &i
	}
	return nil
}

func (d *decoder) float(n *node, ptr string) *float64 {
	if !d.want(n, ptr, kindNumber) {
		return nil
	}
	f, err := strconv.ParseFloat(n.str, 64)
	if err != nil {
		d.fail(n, ptr, "number %s is out of range", n.str)
		return nil
	}
	return &f
}

// jsonataString reports whether a string may stand for a number: only in
// JSONata states, as a "{% %}" expression.
func (d *decoder) jsonataString(n *node, ptr, want string) bool {
	if d.cur == JSONata {
		return true
	}
	d.fail(n, ptr, "expected %s, got a string (an expression instead of a number needs QueryLanguage JSONata)", want)
	return false
}

func (d *decoder) intOrExpr(n *node, ptr string) *IntOrExpr {
	if n.kind == kindString {
		if !d.jsonataString(n, ptr, "an integer") {
			return nil
		}
		return &IntOrExpr{Expr: n.str}
	}
	if n.kind != kindNumber {
		d.fail(n, ptr, "expected an integer or a JSONata expression string, got %s", kindName(n.kind))
		return nil
	}
	if i, ok := d.integer(n, ptr); ok {
		return &IntOrExpr{Int: i}
	}
	return nil
}

func (d *decoder) floatOrExpr(n *node, ptr string) *FloatOrExpr {
	if n.kind == kindString {
		if !d.jsonataString(n, ptr, "a number") {
			return nil
		}
		return &FloatOrExpr{Expr: n.str}
	}
	if n.kind != kindNumber {
		d.fail(n, ptr, "expected a number or a JSONata expression string, got %s", kindName(n.kind))
		return nil
	}
	if f := d.float(n, ptr); f != nil {
		return &FloatOrExpr{Float: *f}
	}
	return nil
}

// raw returns any JSON value, compactly encoded with its key order kept.
func (d *decoder) raw(n *node) json.RawMessage {
	return appendCompact(nil, n)
}

// rawObject returns an object value, compactly encoded.
func (d *decoder) rawObject(n *node, ptr string) json.RawMessage {
	if d.want(n, ptr, kindObject) {
		return d.raw(n)
	}
	return nil
}

// rawObjectOrExpr returns an object or a JSONata expression string.
func (d *decoder) rawObjectOrExpr(n *node, ptr string) json.RawMessage {
	if n.kind == kindObject || n.kind == kindString {
		return d.raw(n)
	}
	d.fail(n, ptr, "expected an object or a JSONata expression string, got %s", kindName(n.kind))
	return nil
}

func (d *decoder) queryLanguage(n *node, ptr string) QueryLanguage {
	s := d.str(n, ptr)
	if s != "" && s != string(JSONPath) && s != string(JSONata) {
		d.fail(n, ptr, "QueryLanguage must be JSONPath or JSONata, got %q", s)
	}
	return QueryLanguage(s)
}

func (d *decoder) machine(n *node) *StateMachine {
	sm := &StateMachine{}
	if n.kind == kindObject {
		if q := n.get("QueryLanguage"); q != nil && q.kind == kindString {
			d.ql = QueryLanguage(q.str)
		}
	}
	d.object(n, "", func(k string, v *node, p string) bool {
		switch k {
		case "Comment":
			sm.Comment = d.str(v, p)
		case "QueryLanguage":
			sm.QueryLanguage = d.queryLanguage(v, p)
		case "StartAt":
			sm.StartAt = d.str(v, p)
		case "States":
			sm.States = d.states(v, p)
		case "TimeoutSeconds":
			sm.TimeoutSeconds = d.intp(v, p)
		case "Version":
			sm.Version = d.str(v, p)
		default:
			return false
		}
		return true
	})
	return sm
}

func (d *decoder) states(n *node, ptr string) States {
	var s States
	if !d.want(n, ptr, kindObject) {
		return s
	}
	for i, name := range n.keys {
		if st := d.state(n.vals[i], Join(ptr, name)); st != nil {
			s.Add(name, st)
		}
	}
	return s
}

// stateFields lists, for each state type, the fields it allows besides Type,
// Comment and QueryLanguage; it words the error for a misplaced field.
var stateFields = map[StateType]string{
	TypeTask:     " Resource Credentials InputPath Parameters Arguments ResultSelector ResultPath OutputPath Output Assign TimeoutSeconds TimeoutSecondsPath HeartbeatSeconds HeartbeatSecondsPath Retry Catch Next End ",
	TypePass:     " InputPath Parameters Result ResultPath OutputPath Output Assign Next End ",
	TypeChoice:   " InputPath OutputPath Choices Default Output Assign ",
	TypeWait:     " InputPath OutputPath Seconds SecondsPath Timestamp TimestampPath Output Assign Next End ",
	TypeSucceed:  " InputPath OutputPath Output ",
	TypeFail:     " Error ErrorPath Cause CausePath ",
	TypeParallel: " InputPath Parameters Arguments Branches ResultSelector ResultPath OutputPath Output Assign Retry Catch Next End ",
	TypeMap:      " InputPath ItemsPath Items ItemReader ItemSelector Parameters ItemBatcher ItemProcessor Iterator ResultWriter MaxConcurrency MaxConcurrencyPath ToleratedFailurePercentage ToleratedFailurePercentagePath ToleratedFailureCount ToleratedFailureCountPath Label ResultSelector ResultPath OutputPath Output Assign Retry Catch Next End ",
}

func (d *decoder) state(n *node, ptr string) State {
	if !d.want(n, ptr, kindObject) {
		return nil
	}
	tn := n.get("Type")
	if tn == nil {
		d.fail(n, ptr, "These fields are required: [Type]")
		return nil
	}
	if !d.want(tn, ptr+"/Type", kindString) {
		return nil
	}
	var st State
	var field func(k string, v *node, p string) bool
	switch StateType(tn.str) {
	case TypeTask:
		s := &Task{}
		st, field = s, d.taskField(s)
	case TypePass:
		s := &Pass{}
		st, field = s, d.passField(s)
	case TypeChoice:
		s := &Choice{}
		st, field = s, d.choiceField(s)
	case TypeWait:
		s := &Wait{}
		st, field = s, d.waitField(s)
	case TypeSucceed:
		s := &Succeed{}
		st, field = s, d.succeedField(s)
	case TypeFail:
		s := &Fail{}
		st, field = s, d.failField(s)
	case TypeParallel:
		s := &Parallel{}
		st, field = s, d.parallelField(s)
	case TypeMap:
		s := &Map{}
		st, field = s, d.mapField(s)
	default:
		d.fail(tn, ptr+"/Type", "unknown state type %q: expected Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map", tn.str)
		return nil
	}
	typ := st.Type()
	base := st.Base()
	saved := d.cur
	defer func() { d.cur = saved }()
	d.cur = d.ql
	if q := n.get("QueryLanguage"); q != nil && q.kind == kindString {
		d.cur = QueryLanguage(q.str)
	}
	for i, k := range n.keys {
		v, p := n.vals[i], Join(ptr, k)
		switch k {
		case "Type":
			continue
		case "Comment":
			base.Comment = d.str(v, p)
			continue
		case "QueryLanguage":
			base.QueryLanguage = d.queryLanguage(v, p)
			continue
		}
		if field(k, v, p) {
			continue
		}
		if _, known := knownStateField[k]; known {
			d.failAt(n.keyOff[i], p, CodeSchemaValidationFailed, "field %q is not allowed in a %s state", k, typ)
		} else {
			d.failAt(n.keyOff[i], p, CodeSchemaValidationFailed, "field %q is not supported by Step Functions", k)
		}
	}
	return st
}

var knownStateField = map[string]struct{}{}

func init() {
	for _, fields := range stateFields {
		for _, f := range strings.Fields(fields) {
			knownStateField[f] = struct{}{}
		}
	}
}

// io decodes the data-flow fields shared by several state types. A nil
// destination means the state type does not have the field.
type ioFields struct {
	inputPath, resultPath, outputPath                  **Path
	parameters, arguments, resultSelector, out, assign *json.RawMessage
	retry                                              *[]Retrier
	catch                                              *[]Catcher
	next                                               *string
	end                                                *bool
}

func (d *decoder) io(f ioFields, k string, v *node, p string) bool {
	switch {
	case k == "InputPath" && f.inputPath != nil:
		*f.inputPath = d.path(v, p)
	case k == "ResultPath" && f.resultPath != nil:
		*f.resultPath = d.path(v, p)
	case k == "OutputPath" && f.outputPath != nil:
		*f.outputPath = d.path(v, p)
	case k == "Parameters" && f.parameters != nil:
		*f.parameters = d.raw(v)
	case k == "Arguments" && f.arguments != nil:
		*f.arguments = d.rawObjectOrExpr(v, p)
	case k == "ResultSelector" && f.resultSelector != nil:
		*f.resultSelector = d.rawObjectOrExpr(v, p)
	case k == "Output" && f.out != nil:
		*f.out = d.raw(v)
	case k == "Assign" && f.assign != nil:
		*f.assign = d.rawObjectOrExpr(v, p)
	case k == "Retry" && f.retry != nil:
		*f.retry = d.retriers(v, p)
	case k == "Catch" && f.catch != nil:
		*f.catch = d.catchers(v, p)
	case k == "Next" && f.next != nil:
		*f.next = d.str(v, p)
	case k == "End" && f.end != nil:
		*f.end = d.boolean(v, p)
	default:
		return false
	}
	return true
}

func (d *decoder) taskField(s *Task) func(string, *node, string) bool {
	f := ioFields{inputPath: &s.InputPath, resultPath: &s.ResultPath, outputPath: &s.OutputPath,
		parameters: &s.Parameters, arguments: &s.Arguments, resultSelector: &s.ResultSelector,
		out: &s.Output, assign: &s.Assign, retry: &s.Retry, catch: &s.Catch, next: &s.Next, end: &s.End}
	return func(k string, v *node, p string) bool {
		switch k {
		case "Resource":
			switch v.kind {
			case kindString:
				s.Resource = v.str
			case kindObject:
				s.ResourceIntrinsic = d.raw(v)
			default:
				d.fail(v, p, "expected a string, got %s", kindName(v.kind))
			}
		case "Credentials":
			s.Credentials = d.rawObjectOrExpr(v, p)
		case "TimeoutSeconds":
			s.TimeoutSeconds = d.intOrExpr(v, p)
		case "TimeoutSecondsPath":
			s.TimeoutSecondsPath = d.str(v, p)
		case "HeartbeatSeconds":
			s.HeartbeatSeconds = d.intOrExpr(v, p)
		case "HeartbeatSecondsPath":
			s.HeartbeatSecondsPath = d.str(v, p)
		default:
			return d.io(f, k, v, p)
		}
		return true
	}
}

func (d *decoder) passField(s *Pass) func(string, *node, string) bool {
	f := ioFields{inputPath: &s.InputPath, resultPath: &s.ResultPath, outputPath: &s.OutputPath,
		parameters: &s.Parameters, out: &s.Output, assign: &s.Assign, next: &s.Next, end: &s.End}
	return func(k string, v *node, p string) bool {
		if k == "Result" {
			s.Result = d.raw(v)
			return true
		}
		return d.io(f, k, v, p)
	}
}

func (d *decoder) choiceField(s *Choice) func(string, *node, string) bool {
	f := ioFields{inputPath: &s.InputPath, outputPath: &s.OutputPath, out: &s.Output, assign: &s.Assign}
	return func(k string, v *node, p string) bool {
		switch k {
		case "Choices":
			if d.want(v, p, kindArray) {
				s.Choices = make([]ChoiceRule, len(v.vals))
				for i, r := range v.vals {
					d.choiceRule(&s.Choices[i], r, p+"/"+strconv.Itoa(i), true)
				}
			}
		case "Default":
			s.Default = d.str(v, p)
		default:
			return d.io(f, k, v, p)
		}
		return true
	}
}

func (d *decoder) choiceRule(r *ChoiceRule, n *node, ptr string, top bool) {
	d.object(n, ptr, func(k string, v *node, p string) bool {
		switch k {
		case "Comment":
			r.Comment = d.str(v, p)
		case "Condition":
			if v.kind != kindString && v.kind != kindBool {
				d.fail(v, p, "expected a JSONata expression string or a boolean, got %s", kindName(v.kind))
			}
			r.Condition = d.raw(v)
		case "Variable":
			r.Variable = d.str(v, p)
		case "And", "Or":
			if !d.want(v, p, kindArray) {
				return true
			}
			rules := make([]ChoiceRule, len(v.vals))
			for i, sub := range v.vals {
				d.choiceRule(&rules[i], sub, p+"/"+strconv.Itoa(i), false)
			}
			if k == "And" {
				r.And = rules
			} else {
				r.Or = rules
			}
		case "Not":
			r.Not = &ChoiceRule{}
			d.choiceRule(r.Not, v, p, false)
		case "Next":
			if !top {
				return false
			}
			r.Next = d.str(v, p)
		case "Output":
			if !top {
				return false
			}
			r.Output = d.raw(v)
		case "Assign":
			if !top {
				return false
			}
			r.Assign = d.rawObjectOrExpr(v, p)
		default:
			op := Operator(k)
			kind := op.Kind()
			if kind == 0 {
				return false
			}
			if r.Operator != "" {
				d.fail(v, p, "a choice rule has one comparison operator, this one also has %s", r.Operator)
				return true
			}
			want := map[OperandKind]byte{OperandString: kindString, OperandPath: kindString, OperandNumber: kindNumber, OperandBool: kindBool}[kind]
			if d.want(v, p, want) {
				r.Operator, r.Operand = op, d.raw(v)
			}
		}
		return true
	})
}

func (d *decoder) waitField(s *Wait) func(string, *node, string) bool {
	f := ioFields{inputPath: &s.InputPath, outputPath: &s.OutputPath, out: &s.Output, assign: &s.Assign, next: &s.Next, end: &s.End}
	return func(k string, v *node, p string) bool {
		switch k {
		case "Seconds":
			s.Seconds = d.intOrExpr(v, p)
		case "SecondsPath":
			s.SecondsPath = d.str(v, p)
		case "Timestamp":
			s.Timestamp = d.str(v, p)
		case "TimestampPath":
			s.TimestampPath = d.str(v, p)
		default:
			return d.io(f, k, v, p)
		}
		return true
	}
}

func (d *decoder) succeedField(s *Succeed) func(string, *node, string) bool {
	f := ioFields{inputPath: &s.InputPath, outputPath: &s.OutputPath, out: &s.Output}
	return func(k string, v *node, p string) bool { return d.io(f, k, v, p) }
}

func (d *decoder) failField(s *Fail) func(string, *node, string) bool {
	return func(k string, v *node, p string) bool {
		switch k {
		case "Error":
			s.Error = d.str(v, p)
		case "ErrorPath":
			s.ErrorPath = d.str(v, p)
		case "Cause":
			s.Cause = d.str(v, p)
		case "CausePath":
			s.CausePath = d.str(v, p)
		default:
			return false
		}
		return true
	}
}

func (d *decoder) parallelField(s *Parallel) func(string, *node, string) bool {
	f := ioFields{inputPath: &s.InputPath, resultPath: &s.ResultPath, outputPath: &s.OutputPath,
		parameters: &s.Parameters, arguments: &s.Arguments, resultSelector: &s.ResultSelector,
		out: &s.Output, assign: &s.Assign, retry: &s.Retry, catch: &s.Catch, next: &s.Next, end: &s.End}
	return func(k string, v *node, p string) bool {
		if k != "Branches" {
			return d.io(f, k, v, p)
		}
		if d.want(v, p, kindArray) {
			s.Branches = make([]Branch, len(v.vals))
			for i, b := range v.vals {
				d.branch(&s.Branches[i], b, p+"/"+strconv.Itoa(i))
			}
		}
		return true
	}
}

func (d *decoder) branch(b *Branch, n *node, ptr string) {
	d.object(n, ptr, func(k string, v *node, p string) bool {
		switch k {
		case "Comment":
			b.Comment = d.str(v, p)
		case "StartAt":
			b.StartAt = d.str(v, p)
		case "States":
			b.States = d.states(v, p)
		default:
			return false
		}
		return true
	})
}

func (d *decoder) itemProcessor(n *node, ptr string) *ItemProcessor {
	ip := &ItemProcessor{}
	d.object(n, ptr, func(k string, v *node, p string) bool {
		switch k {
		case "Comment":
			ip.Comment = d.str(v, p)
		case "StartAt":
			ip.StartAt = d.str(v, p)
		case "States":
			ip.States = d.states(v, p)
		case "ProcessorConfig":
			pc := &ProcessorConfig{}
			d.object(v, p, func(k string, v *node, p string) bool {
				switch k {
				case "Mode":
					pc.Mode = d.str(v, p)
				case "ExecutionType":
					pc.ExecutionType = d.str(v, p)
				default:
					return false
				}
				return true
			})
			ip.ProcessorConfig = pc
		default:
			return false
		}
		return true
	})
	return ip
}

func (d *decoder) mapField(s *Map) func(string, *node, string) bool {
	f := ioFields{inputPath: &s.InputPath, resultPath: &s.ResultPath, outputPath: &s.OutputPath,
		parameters: &s.Parameters, resultSelector: &s.ResultSelector,
		out: &s.Output, assign: &s.Assign, retry: &s.Retry, catch: &s.Catch, next: &s.Next, end: &s.End}
	return func(k string, v *node, p string) bool {
		switch k {
		case "ItemsPath":
			s.ItemsPath = d.str(v, p)
		case "Items":
			if v.kind != kindArray && v.kind != kindObject && v.kind != kindString {
				d.fail(v, p, "expected an array, an object or a JSONata expression string, got %s", kindName(v.kind))
			}
			s.Items = d.raw(v)
		case "ItemSelector":
			s.ItemSelector = d.rawObjectOrExpr(v, p)
		case "ItemProcessor":
			s.ItemProcessor = d.itemProcessor(v, p)
		case "Iterator":
			s.Iterator = d.itemProcessor(v, p)
		case "ItemReader":
			s.ItemReader = d.itemReader(v, p)
		case "ItemBatcher":
			s.ItemBatcher = d.itemBatcher(v, p)
		case "ResultWriter":
			s.ResultWriter = d.resultWriter(v, p)
		case "MaxConcurrency":
			s.MaxConcurrency = d.intOrExpr(v, p)
		case "MaxConcurrencyPath":
			s.MaxConcurrencyPath = d.str(v, p)
		case "ToleratedFailurePercentage":
			s.ToleratedFailurePercentage = d.floatOrExpr(v, p)
		case "ToleratedFailurePercentagePath":
			s.ToleratedFailurePercentagePath = d.str(v, p)
		case "ToleratedFailureCount":
			s.ToleratedFailureCount = d.intOrExpr(v, p)
		case "ToleratedFailureCountPath":
			s.ToleratedFailureCountPath = d.str(v, p)
		case "Label":
			s.Label = d.str(v, p)
		default:
			return d.io(f, k, v, p)
		}
		return true
	}
}

func (d *decoder) itemReader(n *node, ptr string) *ItemReader {
	r := &ItemReader{}
	d.object(n, ptr, func(k string, v *node, p string) bool {
		switch k {
		case "Resource":
			r.Resource = d.str(v, p)
		case "Parameters":
			r.Parameters = d.rawObject(v, p)
		case "Arguments":
			r.Arguments = d.rawObjectOrExpr(v, p)
		case "ReaderConfig":
			rc := &ReaderConfig{}
			d.object(v, p, func(k string, v *node, p string) bool {
				switch k {
				case "InputType":
					rc.InputType = d.str(v, p)
				case "CSVHeaderLocation":
					rc.CSVHeaderLocation = d.str(v, p)
				case "CSVHeaders":
					rc.CSVHeaders = d.strings(v, p)
				case "CSVDelimiter":
					rc.CSVDelimiter = d.str(v, p)
				case "ManifestType":
					rc.ManifestType = d.str(v, p)
				case "MaxItems":
					rc.MaxItems = d.intOrExpr(v, p)
				case "MaxItemsPath":
					rc.MaxItemsPath = d.str(v, p)
				default:
					return false
				}
				return true
			})
			r.ReaderConfig = rc
		default:
			return false
		}
		return true
	})
	return r
}

func (d *decoder) itemBatcher(n *node, ptr string) *ItemBatcher {
	b := &ItemBatcher{}
	d.object(n, ptr, func(k string, v *node, p string) bool {
		switch k {
		case "MaxItemsPerBatch":
			b.MaxItemsPerBatch = d.intOrExpr(v, p)
		case "MaxItemsPerBatchPath":
			b.MaxItemsPerBatchPath = d.str(v, p)
		case "MaxInputBytesPerBatch":
			b.MaxInputBytesPerBatch = d.intOrExpr(v, p)
		case "MaxInputBytesPerBatchPath":
			b.MaxInputBytesPerBatchPath = d.str(v, p)
		case "BatchInput":
			b.BatchInput = d.rawObjectOrExpr(v, p)
		default:
			return false
		}
		return true
	})
	return b
}

func (d *decoder) resultWriter(n *node, ptr string) *ResultWriter {
	w := &ResultWriter{}
	d.object(n, ptr, func(k string, v *node, p string) bool {
		switch k {
		case "Resource":
			w.Resource = d.str(v, p)
		case "Parameters":
			w.Parameters = d.rawObject(v, p)
		case "Arguments":
			w.Arguments = d.rawObjectOrExpr(v, p)
		case "WriterConfig":
			wc := &WriterConfig{}
			d.object(v, p, func(k string, v *node, p string) bool {
				switch k {
				case "OutputType":
					wc.OutputType = d.str(v, p)
				case "Transformation":
					wc.Transformation = d.str(v, p)
				default:
					return false
				}
				return true
			})
			w.WriterConfig = wc
		default:
			return false
		}
		return true
	})
	return w
}

func (d *decoder) retriers(n *node, ptr string) []Retrier {
	if !d.want(n, ptr, kindArray) {
		return nil
	}
	out := make([]Retrier, len(n.vals))
	for i, v := range n.vals {
		r := &out[i]
		d.object(v, ptr+"/"+strconv.Itoa(i), func(k string, v *node, p string) bool {
			switch k {
			case "Comment":
				r.Comment = d.str(v, p)
			case "ErrorEquals":
				r.ErrorEquals = d.strings(v, p)
			case "IntervalSeconds":
				r.IntervalSeconds = d.intp(v, p)
			case "MaxAttempts":
				r.MaxAttempts = d.intp(v, p)
			case "BackoffRate":
				r.BackoffRate = d.float(v, p)
			case "MaxDelaySeconds":
				r.MaxDelaySeconds = d.intp(v, p)
			case "JitterStrategy":
				r.JitterStrategy = d.str(v, p)
			default:
				return false
			}
			return true
		})
	}
	return out
}

func (d *decoder) catchers(n *node, ptr string) []Catcher {
	if !d.want(n, ptr, kindArray) {
		return nil
	}
	out := make([]Catcher, len(n.vals))
	for i, v := range n.vals {
		c := &out[i]
		d.object(v, ptr+"/"+strconv.Itoa(i), func(k string, v *node, p string) bool {
			switch k {
			case "Comment":
				c.Comment = d.str(v, p)
			case "ErrorEquals":
				c.ErrorEquals = d.strings(v, p)
			case "ResultPath":
				c.ResultPath = d.path(v, p)
			case "Output":
				c.Output = d.raw(v)
			case "Assign":
				c.Assign = d.rawObjectOrExpr(v, p)
			case "Next":
				c.Next = d.str(v, p)
			default:
				return false
			}
			return true
		})
	}
	return out
}
