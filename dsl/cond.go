package dsl

import (
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
)

// Cond is a Choice rule's condition: a comparison such as
// NumericGreaterThan("$.total", 100), a combination with And, Or and Not, or
// a JSONata Condition. Give it to a Choice state's When method.
type Cond struct {
	at       pos
	op       asl.Operator
	variable Path
	operand  any
	and, or  []*Cond
	not      *Cond
	jsonata  string
	comment  string
	output   *template
	assign   *template
}

func compare(at pos, op asl.Operator, variable Path, operand any) *Cond {
	return &Cond{at: at, op: op, variable: variable, operand: operand}
}

// Comment describes the rule (top-level rules only).
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

// Condition is a JSONata condition, "{% ... %}", for JSONata Choice states.
func Condition(expr string) *Cond { return &Cond{at: here(), jsonata: expr} }

// StringEquals tests the string at path for equality with value.
func StringEquals(path Path, value string) *Cond {
	return compare(here(), asl.OpStringEquals, path, value)
}

// StringEqualsPath compares the strings at two paths for equality.
func StringEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpStringEqualsPath, path, other)
}

// StringLessThan tests path < value, comparing strings.
func StringLessThan(path Path, value string) *Cond {
	return compare(here(), asl.OpStringLessThan, path, value)
}

// StringLessThanPath tests path < other, comparing strings.
func StringLessThanPath(path, other Path) *Cond {
	return compare(here(), asl.OpStringLessThanPath, path, other)
}

// StringGreaterThan tests path > value, comparing strings.
func StringGreaterThan(path Path, value string) *Cond {
	return compare(here(), asl.OpStringGreaterThan, path, value)
}

// StringGreaterThanPath tests path > other, comparing strings.
func StringGreaterThanPath(path, other Path) *Cond {
	return compare(here(), asl.OpStringGreaterThanPath, path, other)
}

// StringLessThanEquals tests path <= value, comparing strings.
func StringLessThanEquals(path Path, value string) *Cond {
	return compare(here(), asl.OpStringLessThanEquals, path, value)
}

// StringLessThanEqualsPath tests path <= other, comparing strings.
func StringLessThanEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpStringLessThanEqualsPath, path, other)
}

// StringGreaterThanEquals tests path >= value, comparing strings.
func StringGreaterThanEquals(path Path, value string) *Cond {
	return compare(here(), asl.OpStringGreaterThanEquals, path, value)
}

// StringGreaterThanEqualsPath tests path >= other, comparing strings.
func StringGreaterThanEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpStringGreaterThanEqualsPath, path, other)
}

// StringMatches tests the string at path against pattern, in which * matches
// any run of characters and \* and \\ stand for * and \.
func StringMatches(path Path, pattern string) *Cond {
	return compare(here(), asl.OpStringMatches, path, pattern)
}

// NumericEquals tests the number at path for equality with value.
func NumericEquals(path Path, value float64) *Cond {
	return compare(here(), asl.OpNumericEquals, path, value)
}

// NumericEqualsPath compares the numbers at two paths for equality.
func NumericEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpNumericEqualsPath, path, other)
}

// NumericLessThan tests path < value.
func NumericLessThan(path Path, value float64) *Cond {
	return compare(here(), asl.OpNumericLessThan, path, value)
}

// NumericLessThanPath tests path < other.
func NumericLessThanPath(path, other Path) *Cond {
	return compare(here(), asl.OpNumericLessThanPath, path, other)
}

// NumericGreaterThan tests path > value.
func NumericGreaterThan(path Path, value float64) *Cond {
	return compare(here(), asl.OpNumericGreaterThan, path, value)
}

// NumericGreaterThanPath tests path > other.
func NumericGreaterThanPath(path, other Path) *Cond {
	return compare(here(), asl.OpNumericGreaterThanPath, path, other)
}

// NumericLessThanEquals tests path <= value.
func NumericLessThanEquals(path Path, value float64) *Cond {
	return compare(here(), asl.OpNumericLessThanEquals, path, value)
}

// NumericLessThanEqualsPath tests path <= other.
func NumericLessThanEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpNumericLessThanEqualsPath, path, other)
}

// NumericGreaterThanEquals tests path >= value.
func NumericGreaterThanEquals(path Path, value float64) *Cond {
	return compare(here(), asl.OpNumericGreaterThanEquals, path, value)
}

// NumericGreaterThanEqualsPath tests path >= other.
func NumericGreaterThanEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpNumericGreaterThanEqualsPath, path, other)
}

// BooleanEquals tests the boolean at path for equality with value.
func BooleanEquals(path Path, value bool) *Cond {
	return compare(here(), asl.OpBooleanEquals, path, value)
}

// BooleanEqualsPath compares the booleans at two paths for equality.
func BooleanEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpBooleanEqualsPath, path, other)
}

// TimestampEquals tests the timestamp at path for equality with t.
func TimestampEquals(path Path, t time.Time) *Cond {
	return compare(here(), asl.OpTimestampEquals, path, t)
}

// TimestampEqualsPath compares the timestamps at two paths for equality.
func TimestampEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpTimestampEqualsPath, path, other)
}

// TimestampLessThan tests path < t (path is earlier).
func TimestampLessThan(path Path, t time.Time) *Cond {
	return compare(here(), asl.OpTimestampLessThan, path, t)
}

// TimestampLessThanPath tests path < other.
func TimestampLessThanPath(path, other Path) *Cond {
	return compare(here(), asl.OpTimestampLessThanPath, path, other)
}

// TimestampGreaterThan tests path > t (path is later).
func TimestampGreaterThan(path Path, t time.Time) *Cond {
	return compare(here(), asl.OpTimestampGreaterThan, path, t)
}

// TimestampGreaterThanPath tests path > other.
func TimestampGreaterThanPath(path, other Path) *Cond {
	return compare(here(), asl.OpTimestampGreaterThanPath, path, other)
}

// TimestampLessThanEquals tests path <= t.
func TimestampLessThanEquals(path Path, t time.Time) *Cond {
	return compare(here(), asl.OpTimestampLessThanEquals, path, t)
}

// TimestampLessThanEqualsPath tests path <= other.
func TimestampLessThanEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpTimestampLessThanEqualsPath, path, other)
}

// TimestampGreaterThanEquals tests path >= t.
func TimestampGreaterThanEquals(path Path, t time.Time) *Cond {
	return compare(here(), asl.OpTimestampGreaterThanEquals, path, t)
}

// TimestampGreaterThanEqualsPath tests path >= other.
func TimestampGreaterThanEqualsPath(path, other Path) *Cond {
	return compare(here(), asl.OpTimestampGreaterThanEqualsPath, path, other)
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
