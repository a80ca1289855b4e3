package awsapi

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Mode is how strictly a result is checked against its shape: TestState's
// mock fieldValidationMode.
type Mode uint8

// The validation modes.
const (
	// Strict checks that every required field is present and that every
	// field present that the shape names has the right type and fits the
	// model's constraints. It is TestState's default.
	Strict Mode = iota
	// Present checks only the fields present.
	Present
	// None checks nothing.
	None
)

// String returns the mode as TestState spells it: "STRICT", "PRESENT" or
// "NONE".
func (m Mode) String() string {
	switch m {
	case Strict:
		return "STRICT"
	case Present:
		return "PRESENT"
	case None:
		return "NONE"
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// ParseMode reads a fieldValidationMode: "STRICT", "PRESENT" or "NONE";
// "" (absent) is Strict, AWS's default.
func ParseMode(s string) (Mode, bool) {
	switch s {
	case "", "STRICT":
		return Strict, true
	case "PRESENT":
		return Present, true
	case "NONE":
		return None, true
	}
	return Strict, false
}

// ProblemKind classifies a [Problem].
type ProblemKind uint8

// The kinds of problems.
const (
	// MissingRequired: a required field is absent (Strict mode, and
	// parameters).
	MissingRequired ProblemKind = iota + 1
	// WrongType: the value is not of the field's JSON type.
	WrongType
	// BelowMinimum and AboveMaximum: a number outside the model's range.
	BelowMinimum
	AboveMaximum
	// TooShort and TooLong: a string, blob, list or map whose length is
	// outside the model's range.
	TooShort
	TooLong
	// NotInEnum: a string that is not one of the model's values.
	NotInEnum
	// UnknownField: a field the shape does not have.
	UnknownField
	// NotSupported: a parameter the API has but the optimized integration
	// does not pass on.
	NotSupported
)

// Problem is one way a value does not fit a shape.
type Problem struct {
	// Kind says what is wrong.
	Kind ProblemKind
	// Path locates the value as a JSON Pointer relative to the value
	// checked ("/Entries/1/EventId"; "" for the value itself), with
	// parameter names as written, ".$" included.
	Path string
	// Field is the name of the field at fault, as AWS's messages give it
	// (the innermost field: for an array element or a map value, the
	// field that holds the array or map).
	Field string
	// Message says what is wrong, in AWS's words where AWS's are known:
	// "Field 'EventId' must be a string".
	Message string
	// Suggestion is a field name the author may have meant.
	Suggestion string
}

// Error returns the message, after the path when there is one, with the
// suggestion.
func (p Problem) Error() string {
	msg := p.Message
	if p.Path != "" {
		msg = p.Path + ": " + msg
	}
	if p.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", p.Suggestion)
	}
	return msg
}

// MockResultPrefix starts the message of the ValidationException that
// TestState answers for a mocked result that does not fit the API.
const MockResultPrefix = "Mock result schema validation error: "

// MockResultMessage returns the message of the ValidationException that
// TestState answers for a mocked result with these problems (from
// [Integration.CheckResult]): AWS reports the first. It returns "" when
// there are none.
func MockResultMessage(problems []Problem) string {
	if len(problems) == 0 {
		return ""
	}
	return MockResultPrefix + problems[0].Message
}

// CheckResult checks a task's result (a mocked result, or a handler's)
// against the integration's Result shape in the given mode, as TestState
// checks a mock. The problems are in the order AWS meets them: depth
// first, and at each object the missing required fields before the fields
// present, in their order. It returns nil when the result fits, when mode
// is None and when the integration's result is unknown.
func (in *Integration) CheckResult(v any, mode Mode) []Problem {
	if in == nil || in.Result == nil {
		return nil
	}
	return in.Result.Check(v, mode)
}

// Check checks the JSON value v (as package jsonvalue holds values)
// against s in the given mode, following the rules of TestState's mock
// validation:
//
//   - fields that the shape does not name are allowed and not checked, in
//     both modes (AWS: "forward compatibility");
//   - in Strict mode every required field must be present, at every level;
//     Present mode checks only what is there;
//   - a field present must have its JSON type: strings, timestamps and
//     blobs are strings, numbers numbers (integers integral), booleans
//     booleans, lists arrays, structures and maps objects; a document is
//     any value;
//   - numbers must be within the model's range, strings in its enum, and
//     strings, blobs, lists and maps within its length bounds;
//   - a null field counts as absent.
func (s *Shape) Check(v any, mode Mode) []Problem {
	if s == nil || mode == None {
		return nil
	}
	if s.Type == Structure {
		if _, ok := v.(*jsonvalue.Object); !ok {
			return []Problem{{Kind: WrongType, Message: "The result must be a JSON object"}}
		}
	}
	c := getChecker(mode)
	c.value(v, s, "")
	problems := c.problems
	putChecker(c)
	return problems
}

// checkers recycles checkers, and the paths they keep.
var checkers = sync.Pool{New: func() any { return &checker{path: make([]segment, 0, 16)} }}

func getChecker(mode Mode) *checker {
	c := checkers.Get().(*checker)
	c.mode = mode
	return c
}

func putChecker(c *checker) {
	c.problems, c.path, c.unknown = nil, c.path[:0], false
	checkers.Put(c)
}

// checker walks a value and its shape, keeping the path to the current
// value.
type checker struct {
	mode     Mode
	problems []Problem
	path     []segment
	unknown  bool // UnknownFields: report fields that shapes do not name
}

// segment is one step of a path: a key, or an index when key is "".
type segment struct {
	key   string
	index int
	isKey bool
}

func (c *checker) pushKey(k string) { c.path = append(c.path, segment{key: k, isKey: true}) }
func (c *checker) pushIndex(i int)  { c.path = append(c.path, segment{index: i}) }
func (c *checker) pop()             { c.path = c.path[:len(c.path)-1] }

// pointer returns the JSON Pointer of the current path, with key appended
// when it is not "".
func (c *checker) pointer(key ...string) string {
	var b strings.Builder
	for _, seg := range c.path {
		b.WriteByte('/')
		if seg.isKey {
			writePointerKey(&b, seg.key)
		} else {
			b.WriteString(strconv.Itoa(seg.index))
		}
	}
	for _, k := range key {
		b.WriteByte('/')
		writePointerKey(&b, k)
	}
	return b.String()
}

func writePointerKey(b *strings.Builder, k string) {
	for i := 0; i < len(k); i++ {
		switch k[i] {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(k[i])
		}
	}
}

func (c *checker) add(kind ProblemKind, field, message string) {
	c.problems = append(c.problems, Problem{Kind: kind, Path: c.pointer(), Field: field, Message: message})
}

// structure checks an object against a structure shape.
func (c *checker) structure(obj *jsonvalue.Object, s *Shape) {
	if c.mode == Strict && !c.unknown {
		for i := range s.Members {
			m := &s.Members[i]
			if !m.Required {
				continue
			}
			if v, ok := obj.Get(m.Name); !ok || v == nil {
				c.problems = append(c.problems, Problem{
					Kind: MissingRequired, Path: c.pointer(m.Name), Field: m.Name,
					Message: "Required field '" + m.Name + "' is missing",
				})
			}
		}
	}
	for k, v := range obj.All() {
		m := s.Member(k)
		if m == nil {
			if c.unknown {
				c.problems = append(c.problems, Problem{
					Kind: UnknownField, Path: c.pointer(k), Field: k,
					Message:    "Field '" + k + "' is not part of the API's response",
					Suggestion: suggest(k, memberNames(s)),
				})
			}
			continue
		}
		c.pushKey(k)
		c.value(v, m.Shape, k)
		c.pop()
	}
}

// value checks v, the value of field, against s.
func (c *checker) value(v any, s *Shape, field string) {
	if v == nil || s.Type == Document {
		return
	}
	switch s.Type {
	case Structure:
		obj, ok := v.(*jsonvalue.Object)
		if !ok {
			c.wrongType(field, "an object")
			return
		}
		c.structure(obj, s)
	case Map:
		obj, ok := v.(*jsonvalue.Object)
		if !ok {
			c.wrongType(field, "an object")
			return
		}
		c.length(obj.Len(), s, field)
		for k, e := range obj.All() {
			c.pushKey(k)
			c.value(e, s.Elem, field)
			c.pop()
		}
	case List:
		arr, ok := v.([]any)
		if !ok {
			c.wrongType(field, "an array")
			return
		}
		c.length(len(arr), s, field)
		for i, e := range arr {
			c.pushIndex(i)
			c.value(e, s.Elem, field)
			c.pop()
		}
	case String, Timestamp:
		str, ok := v.(string)
		if !ok {
			c.wrongType(field, "a string")
			return
		}
		if len(s.Enum) > 0 && !c.unknown && !contains(s.Enum, str) {
			c.add(NotInEnum, field, "Field '"+field+"' is not an expected value")
			return
		}
		if s.HasMin || s.HasMax {
			c.length(jsonvalue.UTF16Len(str), s, field)
		}
	case Blob:
		str, ok := v.(string)
		if !ok {
			c.wrongType(field, "a string")
			return
		}
		if s.HasMin || s.HasMax {
			n := len(str)
			if b, err := base64.StdEncoding.DecodeString(str); err == nil {
				n = len(b)
			}
			c.length(n, s, field)
		}
	case Integer, Long, Float, Double:
		n, ok := v.(jsonvalue.Number)
		if !ok {
			c.wrongType(field, "a number")
			return
		}
		if s.Type == Integer || s.Type == Long {
			if _, ok := n.Int64(); !ok {
				c.wrongType(field, "an integer")
				return
			}
		}
		if c.unknown || !(s.HasMin || s.HasMax) {
			return
		}
		f := n.Float64()
		switch {
		case s.HasMin && f < s.Min:
			c.add(BelowMinimum, field, "Field '"+field+"' is less than the minimum value")
		case s.HasMax && f > s.Max:
			c.add(AboveMaximum, field, "Field '"+field+"' exceeds the maximum value")
		}
	case Boolean:
		if _, ok := v.(bool); !ok {
			c.wrongType(field, "a boolean")
		}
	}
}

func (c *checker) wrongType(field, want string) {
	if c.unknown {
		return
	}
	c.add(WrongType, field, "Field '"+field+"' must be "+want)
}

// length checks a length against the shape's bounds.
func (c *checker) length(n int, s *Shape, field string) {
	if c.unknown {
		return
	}
	switch {
	case s.HasMin && float64(n) < s.Min:
		c.add(TooShort, field, "Field '"+field+"' length is less than the minimum length")
	case s.HasMax && float64(n) > s.Max:
		c.add(TooLong, field, "Field '"+field+"' length exceeds the maximum length")
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func memberNames(s *Shape) []string {
	names := make([]string, len(s.Members))
	for i, m := range s.Members {
		names[i] = m.Name
	}
	return names
}

// UnknownFields reports the fields of v, at any depth, that s does not
// name, with the nearest name the shape has ("executionArn" for
// "ExecutionArn"). AWS allows such fields in mocked results; aslgen reports
// them as warnings, since a misspelt field is the likeliest cause.
func (s *Shape) UnknownFields(v any) []Problem {
	if s == nil {
		return nil
	}
	c := getChecker(Present)
	c.unknown = true
	c.value(v, s, "")
	problems := c.problems
	putChecker(c)
	return problems
}

// CheckParameters checks the names in a Task's Parameters (JSONPath) or
// Arguments (JSONata) against the integration's Params shape: a name the
// API does not have, or that an optimized integration does not pass on, is
// a problem with AWS's message ("The field \"Foo\" is not supported by
// Step Functions."), and so is a missing required field. Names may end in
// ".$" (a path or intrinsic whose value comes at run time); the names of
// nested objects are checked where the value is written out, through
// lists and maps. Values are not checked: they may be expressions. It
// returns nil when the integration's parameters are unknown or params is
// not an object (a JSONata expression).
func (in *Integration) CheckParameters(params any) []Problem {
	if in == nil || in.Params == nil {
		return nil
	}
	obj, ok := params.(*jsonvalue.Object)
	if !ok {
		return nil
	}
	var api *Shape // the API's own input, at the top level
	if in.API != nil {
		api = in.API.Input
	}
	var c checker
	c.params(obj, in.Params, api)
	return c.problems
}

// params checks the names of obj against the structure s. At the top level
// of an optimized integration's parameters, api is the API's input, which
// may have members the integration does not pass on.
func (c *checker) params(obj *jsonvalue.Object, s *Shape, api *Shape) {
	for k, v := range obj.All() {
		name, dynamic := strings.CutSuffix(k, ".$")
		m := s.Member(name)
		if m == nil {
			kind := UnknownField
			if api != nil && api.Member(name) != nil {
				kind = NotSupported
			}
			c.problems = append(c.problems, Problem{
				Kind: kind, Path: c.pointer(k), Field: name,
				Message:    fmt.Sprintf("The field %q is not supported by Step Functions.", name),
				Suggestion: suggest(name, memberNames(s)),
			})
			continue
		}
		if dynamic {
			continue
		}
		c.pushKey(k)
		c.paramValue(v, m.Shape)
		c.pop()
	}
	for _, m := range s.Members {
		if !m.Required {
			continue
		}
		if _, ok := obj.Get(m.Name); ok {
			continue
		}
		if _, ok := obj.Get(m.Name + ".$"); ok {
			continue
		}
		c.problems = append(c.problems, Problem{
			Kind: MissingRequired, Path: c.pointer(m.Name), Field: m.Name,
			Message: fmt.Sprintf("The field %q is required.", m.Name),
		})
	}
}

// paramValue checks the names inside a parameter's value.
func (c *checker) paramValue(v any, s *Shape) {
	switch s.Type {
	case Structure:
		if obj, ok := v.(*jsonvalue.Object); ok {
			c.params(obj, s, nil)
		}
	case List:
		if arr, ok := v.([]any); ok {
			for i, e := range arr {
				c.pushIndex(i)
				c.paramValue(e, s.Elem)
				c.pop()
			}
		}
	case Map:
		if obj, ok := v.(*jsonvalue.Object); ok {
			for k, e := range obj.All() {
				c.pushKey(k)
				c.paramValue(e, s.Elem)
				c.pop()
			}
		}
	}
}
