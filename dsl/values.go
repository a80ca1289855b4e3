package dsl

import (
	"fmt"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/intrinsic"
)

// Expr is a JSONata expression, written "{% ... %}". It is one way to give
// a field that takes a value ([DurationValue], [TimeValue], [IntValue],
// [PercentValue], [TextValue]), and it may stand wherever a JSONata state
// takes a JSON value (Output, Arguments, Assign, Items, ...). Expr is for
// JSONata states; Build reports one in a JSONPath state, and one that is
// not written "{% ... %}".
//
//	task.Timeout(dsl.Expr("{% $states.input.timeoutSeconds %}"))
type Expr string

// Field values. A field that ASL lets a state give as a constant, as a
// path into its input (its ...Path form) or as a JSONata expression is set
// by one method taking one of the interfaces below; the package doc says
// how. Path and Expr implement them all, Intrinsic and ErrorName
// TextValue; each constant constructor implements one, so a constant of
// the wrong kind does not compile.

// DurationValue is how a whole number of seconds is given: a Task's
// TimeoutSeconds and HeartbeatSeconds, a Wait's Seconds. It is
// [Duration](d); a [Path] to the number of seconds in the state's input
// (TimeoutSecondsPath, HeartbeatSecondsPath, SecondsPath); or an [Expr].
type DurationValue interface{ durationValue() }

// TimeValue is how a Wait's Timestamp is given: [Time](t) or a
// [Timestamp]; a [Path] to an RFC 3339 timestamp in the state's input
// (TimestampPath); or an [Expr].
type TimeValue interface{ timeValue() }

// IntValue is how an integer field is given: a Map's MaxConcurrency and
// ToleratedFailureCount, an ItemReader's MaxItems, an ItemBatcher's
// MaxItemsPerBatch and MaxInputBytesPerBatch. It is [Int](n); a [Path] to
// the number in the state's input (the field's ...Path form); or an [Expr].
type IntValue interface{ intValue() }

// PercentValue is how a Map's ToleratedFailurePercentage is given:
// [Percent](p); a [Path] to the number in the state's input
// (ToleratedFailurePercentagePath); or an [Expr].
type PercentValue interface{ percentValue() }

// TextValue is how a Fail state's Error and Cause are given: an [ErrorName]
// (such as a typed constant) or [Text](s); a [Path] to the string in the
// state's input or an [Intrinsic] function call such as [Format]
// (ErrorPath, CausePath); or an [Expr].
type TextValue interface{ textValue() }

// Duration gives a [DurationValue] as a constant, which must be a whole
// number of seconds.
func Duration(d time.Duration) DurationValue { return durationConst(d) }

// Time gives a [TimeValue] as a constant, written in RFC 3339 form
// (time.RFC3339Nano).
func Time(t time.Time) TimeValue { return timeConst(t) }

// Timestamp is an RFC 3339 timestamp kept as it is written, such as
// "2016-03-14T01:59:00+00:00" or "2016-03-14T01:59:00.500Z". It is a
// [TimeValue] (a Wait's Until) and what the Timestamp comparisons
// ([TimestampEquals], ...) may compare with, where [Time] and a time.Time
// are written in time.RFC3339Nano's form ("Z" for UTC, no trailing zeros
// in the fraction); use it to keep a document's text exactly. Build
// reports one that is not an RFC 3339 timestamp.
type Timestamp string

// Int gives an [IntValue] as a constant.
func Int(n int) IntValue { return intConst(n) }

// Percent gives a [PercentValue] as a constant, from 0 to 100.
func Percent(p float64) PercentValue { return percentConst(p) }

// Text gives a [TextValue] as a constant string.
func Text(s string) TextValue { return textConst(s) }

type (
	durationConst time.Duration
	timeConst     time.Time
	intConst      int
	percentConst  float64
	textConst     string
)

func (durationConst) durationValue() {}
func (timeConst) timeValue()         {}
func (intConst) intValue()           {}
func (percentConst) percentValue()   {}
func (textConst) textValue()         {}
func (Timestamp) timeValue()         {}
func (ErrorName) textValue()         {}

func (Path) durationValue() {}
func (Path) timeValue()     {}
func (Path) intValue()      {}
func (Path) percentValue()  {}
func (Path) textValue()     {}

func (Expr) durationValue() {}
func (Expr) timeValue()     {}
func (Expr) intValue()      {}
func (Expr) percentValue()  {}
func (Expr) textValue()     {}

func (Intrinsic) textValue() {}

// valueField is a field set by a value, with the position of the call.
type valueField struct {
	v  any // a DurationValue, TimeValue, IntValue, PercentValue or TextValue
	at pos
}

// pathForm reports whether v stands for the field's ...Path form.
func pathForm(v any) bool {
	switch v.(type) {
	case Path, Intrinsic:
		return true
	}
	return false
}

// setValue records a field given by a value; the position is marked under
// the ASL field it becomes (field, or field+"Path").
func (c *stateCore) setValue(dst *valueField, field string, v any, at pos) {
	if v == nil {
		c.problem(at, "%s: no value (nil); give a constant, a dsl.Path or a dsl.Expr", field)
	}
	*dst = valueField{v: v, at: at}
	if pathForm(v) {
		field += "Path"
	}
	c.mark(field, at)
}

// isJSONataExpr reports whether s is written "{% ... %}".
func isJSONataExpr(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// form compiles a value field: its constant (a durationConst, intConst,
// ...), its ...Path form, or its JSONata expression. Problems are reported
// at the call that set the field; field is its ASL name, such as
// TimeoutSeconds. A value of the wrong query language is reported and
// still written, so that the validator does not also report the field
// as missing.
func (b *builder) form(c *stateCore, f valueField, field string, jsonata bool) (konst any, path, expr string) {
	switch v := f.v.(type) {
	case nil:
		return nil, "", ""
	case Path:
		if jsonata {
			b.probs.add(f.at, c.name, "%s: dsl.Path(%q) is for JSONPath states (%sPath); in a JSONata state give a dsl.Expr(\"{%% ... %%}\")", field, v, field)
		} else if err := checkPath(string(v)); err != nil {
			b.probs.add(f.at, c.name, "%sPath %q: %v", field, v, err)
		}
		return nil, string(v), ""
	case Intrinsic:
		if jsonata {
			b.probs.add(f.at, c.name, "%s: intrinsic functions are for JSONPath states (%sPath); in a JSONata state give a dsl.Expr(\"{%% ... %%}\")", field, field)
		} else if _, err := intrinsic.Parse(string(v)); err != nil {
			b.probs.add(f.at, c.name, "%sPath %q: %v", field, v, err)
		}
		return nil, string(v), ""
	case Expr:
		switch {
		case !jsonata:
			b.probs.add(f.at, c.name, "%s: dsl.Expr(%q) is for JSONata states (QueryLanguage(dsl.JSONata)); in a JSONPath state give a dsl.Path", field, v)
		case !isJSONataExpr(string(v)):
			b.probs.add(f.at, c.name, "%s: dsl.Expr(%q) is not written \"{%% ... %%}\"", field, v)
		}
		return nil, "", string(v)
	}
	return f.v, "", ""
}

// seconds compiles a DurationValue field.
func (b *builder) seconds(c *stateCore, f valueField, field string, jsonata bool) (*asl.IntOrExpr, string) {
	k, path, expr := b.form(c, f, field, jsonata)
	switch {
	case expr != "":
		return asl.Expr(expr), ""
	case k != nil:
		return asl.Int(seconds(&b.probs, f.at, c.name, field, time.Duration(k.(durationConst)))), ""
	}
	return nil, path
}

// timestamp compiles a TimeValue field.
func (b *builder) timestamp(c *stateCore, f valueField, field string, jsonata bool) (string, string) {
	k, path, expr := b.form(c, f, field, jsonata)
	switch {
	case expr != "":
		return expr, ""
	case k != nil:
		if ts, ok := k.(Timestamp); ok {
			if err := checkTimestamp(ts); err != nil {
				b.probs.add(f.at, c.name, "%s: %v", field, err)
			}
			return string(ts), ""
		}
		return time.Time(k.(timeConst)).Format(time.RFC3339Nano), ""
	}
	return "", path
}

// checkTimestamp checks that a Timestamp is an RFC 3339 timestamp as Step
// Functions reads it: uppercase T and Z, optional fractional seconds.
func checkTimestamp(ts Timestamp) error {
	if _, err := time.Parse(time.RFC3339, string(ts)); err != nil {
		return fmt.Errorf("dsl.Timestamp(%q) is not an RFC 3339 timestamp such as 2016-03-14T01:59:00Z", string(ts))
	}
	return nil
}

// integer compiles an IntValue field.
func (b *builder) integer(c *stateCore, f valueField, field string, jsonata bool) (*asl.IntOrExpr, string) {
	k, path, expr := b.form(c, f, field, jsonata)
	switch {
	case expr != "":
		return asl.Expr(expr), ""
	case k != nil:
		return asl.Int(int(k.(intConst))), ""
	}
	return nil, path
}

// percent compiles a PercentValue field.
func (b *builder) percent(c *stateCore, f valueField, field string, jsonata bool) (*asl.FloatOrExpr, string) {
	k, path, expr := b.form(c, f, field, jsonata)
	switch {
	case expr != "":
		return &asl.FloatOrExpr{Expr: expr}, ""
	case k != nil:
		return &asl.FloatOrExpr{Float: float64(k.(percentConst))}, ""
	}
	return nil, path
}

// text compiles a TextValue field.
func (b *builder) text(c *stateCore, f valueField, field string, jsonata bool) (string, string) {
	k, path, expr := b.form(c, f, field, jsonata)
	switch k := k.(type) {
	case ErrorName:
		return string(k), ""
	case textConst:
		return string(k), ""
	}
	if expr != "" {
		return expr, ""
	}
	return "", path
}
