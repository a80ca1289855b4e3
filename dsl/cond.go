package dsl

import (
	"reflect"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
)

// Cond is a Choice rule's condition: a comparison such as
// NumericGreaterThan("$.total", 100), a combination with And, Or and Not, or
// a JSONata Condition. Give it to a Choice state's When method.
type Cond struct {
	at        pos
	op        asl.Operator
	variable  Path
	operand   any
	and, or   []*Cond
	not       *Cond
	condition any // a JSONata Condition: a "{% ... %}" string or a bool
	comment   string
	output    *template
	assign    *template
}

// compare makes a comparison; a Path operand makes it the operator's Path
// form (StringEquals → StringEqualsPath).
func compare(at pos, op asl.Operator, variable Path, operand any) *Cond {
	if _, ok := operand.(Path); ok {
		op += "Path"
	}
	return &Cond{at: at, op: op, variable: variable, operand: operand}
}

// Comment describes the rule; a rule nested in And, Or or Not may have one
// too.
func (c *Cond) Comment(text string) *Cond {
	c.comment = text
	return c
}

// Output shapes the Choice state's output when this rule matches (JSONata;
// top-level rules only).
func (c *Cond) Output(v any) *Cond {
	c.output = &template{v: v, at: here()}
	return c
}

// Assign sets variables when this rule matches (top-level rules only).
func (c *Cond) Assign(v any) *Cond {
	c.assign = &template{v: v, at: here()}
	return c
}

// And is true when every condition is.
func And(conds ...*Cond) *Cond { return &Cond{at: here(), and: conds} }

// Or is true when any condition is.
func Or(conds ...*Cond) *Cond { return &Cond{at: here(), or: conds} }

// Not negates a condition.
func Not(c *Cond) *Cond { return &Cond{at: here(), not: c} }

// Condition is a JSONata condition, for JSONata Choice states: an
// expression written "{% ... %}" (a string or an [Expr]), or a boolean
// constant, written as a JSON boolean ("Condition": true), for a rule that
// always (true) or never (false) matches.
func Condition[T ~string | ~bool](cond T) *Cond {
	k := &Cond{at: here()}
	switch v := reflect.ValueOf(cond); v.Kind() {
	case reflect.Bool:
		k.condition = v.Bool()
	default:
		if s := v.String(); s != "" {
			k.condition = s
		}
	}
	return k
}

// Number is what a Numeric comparison compares with: a Go number, or a
// [Path] to the number at another path, as in
// NumericGreaterThan("$.total", dsl.Path("$.limit")), ASL's
// NumericGreaterThanPath.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64 | Path
}

// StringEquals tests the string at path for equality with value; value may be
// a [Path] to another value (StringEqualsPath).
func StringEquals[T ~string](path Path, value T) *Cond {
	return compare(here(), asl.OpStringEquals, path, value)
}

// StringLessThan tests path < value, comparing strings; value may be a [Path]
// to another value (StringLessThanPath).
func StringLessThan[T ~string](path Path, value T) *Cond {
	return compare(here(), asl.OpStringLessThan, path, value)
}

// StringGreaterThan tests path > value, comparing strings; value may be a
// [Path] to another value (StringGreaterThanPath).
func StringGreaterThan[T ~string](path Path, value T) *Cond {
	return compare(here(), asl.OpStringGreaterThan, path, value)
}

// StringLessThanEquals tests path <= value, comparing strings; value may be a
// [Path] to another value (StringLessThanEqualsPath).
func StringLessThanEquals[T ~string](path Path, value T) *Cond {
	return compare(here(), asl.OpStringLessThanEquals, path, value)
}

// StringGreaterThanEquals tests path >= value, comparing strings; value may
// be a [Path] to another value (StringGreaterThanEqualsPath).
func StringGreaterThanEquals[T ~string](path Path, value T) *Cond {
	return compare(here(), asl.OpStringGreaterThanEquals, path, value)
}

// StringMatches tests the string at path against pattern, in which * matches
// any run of characters and \* and \\ stand for * and \.
func StringMatches(path Path, pattern string) *Cond {
	return compare(here(), asl.OpStringMatches, path, pattern)
}

// NumericEquals tests the number at path for equality with value; value may
// be a [Path] to another value (NumericEqualsPath).
func NumericEquals[T Number](path Path, value T) *Cond {
	return compare(here(), asl.OpNumericEquals, path, value)
}

// NumericLessThan tests path < value; value may be a [Path] to another value
// (NumericLessThanPath).
func NumericLessThan[T Number](path Path, value T) *Cond {
	return compare(here(), asl.OpNumericLessThan, path, value)
}

// NumericGreaterThan tests path > value; value may be a [Path] to another
// value (NumericGreaterThanPath).
func NumericGreaterThan[T Number](path Path, value T) *Cond {
	return compare(here(), asl.OpNumericGreaterThan, path, value)
}

// NumericLessThanEquals tests path <= value; value may be a [Path] to another
// value (NumericLessThanEqualsPath).
func NumericLessThanEquals[T Number](path Path, value T) *Cond {
	return compare(here(), asl.OpNumericLessThanEquals, path, value)
}

// NumericGreaterThanEquals tests path >= value; value may be a [Path] to
// another value (NumericGreaterThanEqualsPath).
func NumericGreaterThanEquals[T Number](path Path, value T) *Cond {
	return compare(here(), asl.OpNumericGreaterThanEquals, path, value)
}

// BooleanEquals tests the boolean at path for equality with value; value may
// be a [Path] to another value (BooleanEqualsPath).
func BooleanEquals[T ~bool | Path](path Path, value T) *Cond {
	return compare(here(), asl.OpBooleanEquals, path, value)
}

// TimestampEquals tests the timestamp at path for equality with t: a
// time.Time, a [Timestamp] kept as written, or a [Path] to another value
// (TimestampEqualsPath).
func TimestampEquals[T time.Time | Timestamp | Path](path Path, t T) *Cond {
	return compare(here(), asl.OpTimestampEquals, path, t)
}

// TimestampLessThan tests path < t (path is earlier); t may be a
// [Timestamp] or a [Path] to another value (TimestampLessThanPath).
func TimestampLessThan[T time.Time | Timestamp | Path](path Path, t T) *Cond {
	return compare(here(), asl.OpTimestampLessThan, path, t)
}

// TimestampGreaterThan tests path > t (path is later); t may be a
// [Timestamp] or a [Path] to another value (TimestampGreaterThanPath).
func TimestampGreaterThan[T time.Time | Timestamp | Path](path Path, t T) *Cond {
	return compare(here(), asl.OpTimestampGreaterThan, path, t)
}

// TimestampLessThanEquals tests path <= t; t may be a [Timestamp] or a
// [Path] to another value (TimestampLessThanEqualsPath).
func TimestampLessThanEquals[T time.Time | Timestamp | Path](path Path, t T) *Cond {
	return compare(here(), asl.OpTimestampLessThanEquals, path, t)
}

// TimestampGreaterThanEquals tests path >= t; t may be a [Timestamp] or a
// [Path] to another value (TimestampGreaterThanEqualsPath).
func TimestampGreaterThanEquals[T time.Time | Timestamp | Path](path Path, t T) *Cond {
	return compare(here(), asl.OpTimestampGreaterThanEquals, path, t)
}

// IsNull tests whether the value at path is null (want true) or not (false).
func IsNull(path Path, want bool) *Cond { return compare(here(), asl.OpIsNull, path, want) }

// IsPresent tests whether path exists in the input (want true) or not (false).
func IsPresent(path Path, want bool) *Cond { return compare(here(), asl.OpIsPresent, path, want) }

// IsNumeric tests whether the value at path is a number (want true) or not.
func IsNumeric(path Path, want bool) *Cond { return compare(here(), asl.OpIsNumeric, path, want) }

// IsString tests whether the value at path is a string (want true) or not.
func IsString(path Path, want bool) *Cond { return compare(here(), asl.OpIsString, path, want) }

// IsBoolean tests whether the value at path is a boolean (want true) or not.
func IsBoolean(path Path, want bool) *Cond { return compare(here(), asl.OpIsBoolean, path, want) }

// IsTimestamp tests whether the value at path is a timestamp string (want
// true) or not.
func IsTimestamp(path Path, want bool) *Cond {
	return compare(here(), asl.OpIsTimestamp, path, want)
}
