package asl

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Marshal encodes sm deterministically: fixed key order, states in definition
// order, two-space indentation, no HTML escaping and a trailing newline.
// JSON held in RawMessage fields is re-indented with its key order kept.
func Marshal(sm *StateMachine) ([]byte, error) {
	if sm == nil {
		return nil, fmt.Errorf("asl: Marshal of a nil *StateMachine")
	}
	e := &encoder{buf: make([]byte, 0, 1024)}
	e.machine(sm)
	if e.err != nil {
		return nil, e.err
	}
	return append(e.buf, '\n'), nil
}

// MarshalJSON encodes sm with [Marshal].
func (sm *StateMachine) MarshalJSON() ([]byte, error) { return Marshal(sm) }

type encoder struct {
	buf   []byte
	stack []int // members written so far in each open object or array
	err   error
	ptr   string
}

func (e *encoder) newline() {
	e.buf = append(e.buf, '\n')
	for range e.stack {
		e.buf = append(e.buf, ' ', ' ')
	}
}

func (e *encoder) open(c byte) {
	e.buf = append(e.buf, c)
	e.stack = append(e.stack, 0)
}

func (e *encoder) close(c byte) {
	n := e.stack[len(e.stack)-1]
	e.stack = e.stack[:len(e.stack)-1]
	if n > 0 {
		e.newline()
	}
	e.buf = append(e.buf, c)
}

// elem starts the next member of the innermost object or array.
func (e *encoder) elem() {
	top := &e.stack[len(e.stack)-1]
	if *top > 0 {
		e.buf = append(e.buf, ',')
	}
	*top++
	e.newline()
}

func (e *encoder) key(k string) {
	e.elem()
	e.buf = appendString(e.buf, k)
	e.buf = append(e.buf, ':', ' ')
}

func (e *encoder) str(k, v string) {
	if v != "" {
		e.key(k)
		e.buf = appendString(e.buf, v)
	}
}

func (e *encoder) intp(k string, v *int) {
	if v != nil {
		e.key(k)
		e.buf = strconv.AppendInt(e.buf, int64(*v), 10)
	}
}

func (e *encoder) floatp(k string, v *float64) {
	if v != nil {
		e.key(k)
		e.buf = appendFloat(e.buf, *v)
	}
}

func (e *encoder) intOrExpr(k string, v *IntOrExpr) {
	switch {
	case v == nil:
	case v.Expr != "":
		e.str(k, v.Expr)
	default:
		e.key(k)
		e.buf = strconv.AppendInt(e.buf, int64(v.Int), 10)
	}
}

func (e *encoder) floatOrExpr(k string, v *FloatOrExpr) {
	switch {
	case v == nil:
	case v.Expr != "":
		e.str(k, v.Expr)
	default:
		e.key(k)
		e.buf = appendFloat(e.buf, v.Float)
	}
}

func (e *encoder) boolTrue(k string, v bool) {
	if v {
		e.key(k)
		e.buf = append(e.buf, "true"...)
	}
}

func (e *encoder) path(k string, v *Path) {
	switch {
	case v == nil:
	case v.Null:
		e.key(k)
		e.buf = append(e.buf, "null"...)
	default:
		e.key(k)
		e.buf = appendString(e.buf, v.Value)
	}
}

func (e *encoder) strings(k string, v []string) {
	if v == nil {
		return
	}
	e.key(k)
	e.open('[')
	for _, s := range v {
		e.elem()
		e.buf = appendString(e.buf, s)
	}
	e.close(']')
}

// raw writes a JSON value held as text, re-indented.
func (e *encoder) raw(k string, v json.RawMessage) {
	if len(v) == 0 {
		return
	}
	n, err := parseJSON(v)
	if err != nil {
		if e.err == nil {
			e.err = fmt.Errorf("asl: %s/%s holds invalid JSON: %v", e.ptr, k, err.Message)
		}
		return
	}
	e.key(k)
	e.node(n)
}

func (e *encoder) node(n *node) {
	switch n.kind {
	case kindObject:
		e.open('{')
		for i, k := range n.keys {
			e.key(k)
			e.node(n.vals[i])
		}
		e.close('}')
	case kindArray:
		e.open('[')
		for _, v := range n.vals {
			e.elem()
			e.node(v)
		}
		e.close(']')
	default:
		e.buf = appendScalar(e.buf, n)
	}
}

func appendScalar(b []byte, n *node) []byte {
	switch n.kind {
	case kindString:
		return appendString(b, n.str)
	case kindNumber:
		return append(b, n.str...)
	case kindBool:
		if n.b {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	}
	return append(b, "null"...)
}

// appendCompact appends n as compact JSON.
func appendCompact(b []byte, n *node) []byte {
	switch n.kind {
	case kindObject:
		b = append(b, '{')
		for i, k := range n.keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendCompact(b, n.vals[i])
		}
		return append(b, '}')
	case kindArray:
		b = append(b, '[')
		for i, v := range n.vals {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCompact(b, v)
		}
		return append(b, ']')
	}
	return appendScalar(b, n)
}

// appendFloat formats f as encoding/json does.
func appendFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, 64)
}

func (e *encoder) machine(sm *StateMachine) {
	e.open('{')
	e.str("Comment", sm.Comment)
	e.str("QueryLanguage", string(sm.QueryLanguage))
	e.str("StartAt", sm.StartAt)
	e.states("", sm.States)
	e.intp("TimeoutSeconds", sm.TimeoutSeconds)
	e.str("Version", sm.Version)
	e.close('}')
}

func (e *encoder) states(ptr string, s States) {
	e.key("States")
	e.open('{')
	for name, st := range s.All() {
		p := Join(ptr+"/States", name)
		e.key(name)
		e.state(p, st)
	}
	e.close('}')
}

func (e *encoder) state(ptr string, st State) {
	if isNilState(st) {
		if e.err == nil {
			e.err = fmt.Errorf("asl: %s is a nil state", ptr)
		}
		e.buf = append(e.buf, "null"...)
		return
	}
	saved := e.ptr
	e.ptr = ptr
	defer func() { e.ptr = saved }()
	e.open('{')
	e.str("Type", string(st.Type()))
	b := st.Base()
	e.str("Comment", b.Comment)
	e.str("QueryLanguage", string(b.QueryLanguage))
	switch s := st.(type) {
	case *Task:
		if len(s.ResourceIntrinsic) > 0 {
			e.raw("Resource", s.ResourceIntrinsic)
		} else {
			e.str("Resource", s.Resource)
		}
		e.raw("Credentials", s.Credentials)
		e.path("InputPath", s.InputPath)
		e.raw("Parameters", s.Parameters)
		e.raw("Arguments", s.Arguments)
		e.raw("ResultSelector", s.ResultSelector)
		e.path("ResultPath", s.ResultPath)
		e.path("OutputPath", s.OutputPath)
		e.raw("Output", s.Output)
		e.raw("Assign", s.Assign)
		e.intOrExpr("TimeoutSeconds", s.TimeoutSeconds)
		e.str("TimeoutSecondsPath", s.TimeoutSecondsPath)
		e.intOrExpr("HeartbeatSeconds", s.HeartbeatSeconds)
		e.str("HeartbeatSecondsPath", s.HeartbeatSecondsPath)
		e.retry(s.Retry)
		e.catch(s.Catch)
		e.str("Next", s.Next)
		e.boolTrue("End", s.End)
	case *Pass:
		e.path("InputPath", s.InputPath)
		e.raw("Parameters", s.Parameters)
		e.raw("Result", s.Result)
		e.path("ResultPath", s.ResultPath)
		e.path("OutputPath", s.OutputPath)
		e.raw("Output", s.Output)
		e.raw("Assign", s.Assign)
		e.str("Next", s.Next)
		e.boolTrue("End", s.End)
	case *Choice:
		e.path("InputPath", s.InputPath)
		e.path("OutputPath", s.OutputPath)
		if s.Choices != nil {
			e.key("Choices")
			e.open('[')
			for i := range s.Choices {
				e.elem()
				e.rule(&s.Choices[i])
			}
			e.close(']')
		}
		e.str("Default", s.Default)
		e.raw("Output", s.Output)
		e.raw("Assign", s.Assign)
	case *Wait:
		e.path("InputPath", s.InputPath)
		e.path("OutputPath", s.OutputPath)
		e.intOrExpr("Seconds", s.Seconds)
		e.str("SecondsPath", s.SecondsPath)
		e.str("Timestamp", s.Timestamp)
		e.str("TimestampPath", s.TimestampPath)
		e.raw("Output", s.Output)
		e.raw("Assign", s.Assign)
		e.str("Next", s.Next)
		e.boolTrue("End", s.End)
	case *Succeed:
		e.path("InputPath", s.InputPath)
		e.path("OutputPath", s.OutputPath)
		e.raw("Output", s.Output)
	case *Fail:
		e.str("Error", s.Error)
		e.str("ErrorPath", s.ErrorPath)
		e.str("Cause", s.Cause)
		e.str("CausePath", s.CausePath)
	case *Parallel:
		e.path("InputPath", s.InputPath)
		e.raw("Parameters", s.Parameters)
		e.raw("Arguments", s.Arguments)
		if s.Branches != nil {
			e.key("Branches")
			e.open('[')
			for i, br := range s.Branches {
				e.elem()
				e.open('{')
				e.str("Comment", br.Comment)
				e.str("StartAt", br.StartAt)
				e.states(ptr+"/Branches/"+strconv.Itoa(i), br.States)
				e.close('}')
			}
			e.close(']')
		}
		e.raw("ResultSelector", s.ResultSelector)
		e.path("ResultPath", s.ResultPath)
		e.path("OutputPath", s.OutputPath)
		e.raw("Output", s.Output)
		e.raw("Assign", s.Assign)
		e.retry(s.Retry)
		e.catch(s.Catch)
		e.str("Next", s.Next)
		e.boolTrue("End", s.End)
	case *Map:
		e.path("InputPath", s.InputPath)
		e.str("ItemsPath", s.ItemsPath)
		e.raw("Items", s.Items)
		e.itemReader(s.ItemReader)
		e.raw("ItemSelector", s.ItemSelector)
		e.raw("Parameters", s.Parameters)
		e.itemBatcher(s.ItemBatcher)
		e.itemProcessor(ptr+"/ItemProcessor", "ItemProcessor", s.ItemProcessor)
		e.itemProcessor(ptr+"/Iterator", "Iterator", s.Iterator)
		e.resultWriter(s.ResultWriter)
		e.intOrExpr("MaxConcurrency", s.MaxConcurrency)
		e.str("MaxConcurrencyPath", s.MaxConcurrencyPath)
		e.floatOrExpr("ToleratedFailurePercentage", s.ToleratedFailurePercentage)
		e.str("ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath)
		e.intOrExpr("ToleratedFailureCount", s.ToleratedFailureCount)
		e.str("ToleratedFailureCountPath", s.ToleratedFailureCountPath)
		e.str("Label", s.Label)
		e.raw("ResultSelector", s.ResultSelector)
		e.path("ResultPath", s.ResultPath)
		e.path("OutputPath", s.OutputPath)
		e.raw("Output", s.Output)
		e.raw("Assign", s.Assign)
		e.retry(s.Retry)
		e.catch(s.Catch)
		e.str("Next", s.Next)
		e.boolTrue("End", s.End)
	}
	e.close('}')
}

func (e *encoder) rule(r *ChoiceRule) {
	e.open('{')
	e.str("Comment", r.Comment)
	e.raw("Condition", r.Condition)
	e.str("Variable", r.Variable)
	if r.Operator != "" {
		e.raw(string(r.Operator), r.Operand)
	}
	for _, group := range []struct {
		name  string
		rules []ChoiceRule
	}{{"And", r.And}, {"Or", r.Or}} {
		if group.rules == nil {
			continue
		}
		e.key(group.name)
		e.open('[')
		for i := range group.rules {
			e.elem()
			e.rule(&group.rules[i])
		}
		e.close(']')
	}
	if r.Not != nil {
		e.key("Not")
		e.rule(r.Not)
	}
	e.str("Next", r.Next)
	e.raw("Output", r.Output)
	e.raw("Assign", r.Assign)
	e.close('}')
}

func (e *encoder) retry(rs []Retrier) {
	if rs == nil {
		return
	}
	e.key("Retry")
	e.open('[')
	for _, r := range rs {
		e.elem()
		e.open('{')
		e.str("Comment", r.Comment)
		e.strings("ErrorEquals", r.ErrorEquals)
		e.intp("IntervalSeconds", r.IntervalSeconds)
		e.intp("MaxAttempts", r.MaxAttempts)
		e.floatp("BackoffRate", r.BackoffRate)
		e.intp("MaxDelaySeconds", r.MaxDelaySeconds)
		e.str("JitterStrategy", r.JitterStrategy)
		e.close('}')
	}
	e.close(']')
}

func (e *encoder) catch(cs []Catcher) {
	if cs == nil {
		return
	}
	e.key("Catch")
	e.open('[')
	for _, c := range cs {
		e.elem()
		e.open('{')
		e.str("Comment", c.Comment)
		e.strings("ErrorEquals", c.ErrorEquals)
		e.path("ResultPath", c.ResultPath)
		e.raw("Output", c.Output)
		e.raw("Assign", c.Assign)
		e.str("Next", c.Next)
		e.close('}')
	}
	e.close(']')
}

func (e *encoder) itemProcessor(ptr, k string, ip *ItemProcessor) {
	if ip == nil {
		return
	}
	e.key(k)
	e.open('{')
	e.str("Comment", ip.Comment)
	if pc := ip.ProcessorConfig; pc != nil {
		e.key("ProcessorConfig")
		e.open('{')
		e.str("Mode", pc.Mode)
		e.str("ExecutionType", pc.ExecutionType)
		e.close('}')
	}
	e.str("StartAt", ip.StartAt)
	e.states(ptr, ip.States)
	e.close('}')
}

func (e *encoder) itemReader(r *ItemReader) {
	if r == nil {
		return
	}
	e.key("ItemReader")
	e.open('{')
	e.str("Resource", r.Resource)
	if rc := r.ReaderConfig; rc != nil {
		e.key("ReaderConfig")
		e.open('{')
		e.str("InputType", rc.InputType)
		e.str("CSVHeaderLocation", rc.CSVHeaderLocation)
		e.strings("CSVHeaders", rc.CSVHeaders)
		e.str("CSVDelimiter", rc.CSVDelimiter)
		e.str("ManifestType", rc.ManifestType)
		e.intOrExpr("MaxItems", rc.MaxItems)
		e.str("MaxItemsPath", rc.MaxItemsPath)
		e.close('}')
	}
	e.raw("Parameters", r.Parameters)
	e.raw("Arguments", r.Arguments)
	e.close('}')
}

func (e *encoder) itemBatcher(b *ItemBatcher) {
	if b == nil {
		return
	}
	e.key("ItemBatcher")
	e.open('{')
	e.intOrExpr("MaxItemsPerBatch", b.MaxItemsPerBatch)
	e.str("MaxItemsPerBatchPath", b.MaxItemsPerBatchPath)
	e.intOrExpr("MaxInputBytesPerBatch", b.MaxInputBytesPerBatch)
	e.str("MaxInputBytesPerBatchPath", b.MaxInputBytesPerBatchPath)
	e.raw("BatchInput", b.BatchInput)
	e.close('}')
}

func (e *encoder) resultWriter(w *ResultWriter) {
	if w == nil {
		return
	}
	e.key("ResultWriter")
	e.open('{')
	e.str("Resource", w.Resource)
	if wc := w.WriterConfig; wc != nil {
		e.key("WriterConfig")
		e.open('{')
		e.str("OutputType", wc.OutputType)
		e.str("Transformation", wc.Transformation)
		e.close('}')
	}
	e.raw("Parameters", w.Parameters)
	e.raw("Arguments", w.Arguments)
	e.close('}')
}
