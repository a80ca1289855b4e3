package intrinsic

import (
	_ "crypto/md5" // the algorithms of States.Hash (hashAlgorithms)
	_ "crypto/sha1"
	_ "crypto/sha256"
	_ "crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/jsonpath"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// Env is what evaluation needs besides the call.
type Env struct {
	// Input is the value $ selects from: the state's effective input.
	// Error messages about arguments that are not found print it.
	Input any
	// Context is the value $$ selects from: the context object.
	Context any
	// Var returns the value of a workflow variable, for arguments such as
	// $name.a; ok is false when no such variable is set. A nil Var sets
	// none.
	Var func(name string) (v any, ok bool)
	// Rand supplies the randomness of States.UUID and of States.MathRandom
	// without a seed (a *rand.Rand of math/rand/v2). The simulator seeds it
	// so that runs repeat; when it is nil, the global generator of
	// math/rand/v2 is used. States.MathRandom with a seed does not use it.
	Rand *rand.Rand
}

// ErrorRuntime is the error name AWS raises for every failure of an
// intrinsic function at run time: arguments of the wrong type or out of
// range, and path arguments that select nothing. (States.IntrinsicFailure
// is a predefined error name, but AWS does not raise it for these.)
const ErrorRuntime = "States.Runtime"

// Error is an evaluation failure, with the ASL error name AWS raises and
// AWS's message text.
//
// Name is always ErrorRuntime. Msg has the shape
//
//	The function '<expression>' had the following error: <detail>
//
// where <expression> is the whole top-level call exactly as written
// (Call.Source; Call.String for a call built by hand), even when the
// failing call is nested inside it, and <detail> is one of
//
//	The JsonPath argument for the field '<path>' could not be found in the input '<input>'
//	Invalid arguments in <function name>
//	Invalid arguments in States.Format: number of arguments do not match the occurrences of {}.
//	Invalid template in States.Format: matching '}' not found for '{'.
//	Invalid template in States.Format: matching '{' not found for '}'.
//	Filter: [0] can only be applied to arrays. Current context is: 1
//
// <path> is the path argument as written and <input> is Env.Input in
// compact JSON (the state's input, also for a $$ path). The last form is
// the message of a path error other than "not found" (see
// jsonpath.NotFoundError and jsonpath.EvalError), which AWS passes on.
//
// The simulator reports Name as the error and prefixes Msg with the state,
// giving AWS's cause:
//
//	An error occurred while executing the state '<state>' (entered at the event id #<n>). <Msg>
type Error struct {
	// Name is the ASL error name: ErrorRuntime.
	Name string
	// Msg is AWS's message, without the state prefix.
	Msg string
}

// Error returns Name and Msg.
func (e *Error) Error() string { return e.Name + ": " + e.Msg }

// failure is the <detail> of an Error, raised while evaluating a call.
type failure string

func invalidArgs(name string) failure { return failure("Invalid arguments in " + name) }

// evaluator evaluates one top-level call.
type evaluator struct {
	env Env
	src string // the top-level call's source text, "" when unknown
}

// Eval evaluates the call against env. Errors are *Error values. Eval is
// safe for concurrent use when env.Rand is nil or not shared.
func (c *Call) Eval(env Env) (any, error) {
	ev := evaluator{env: env, src: c.Source}
	v, f := ev.call(c)
	if f != "" {
		expr := c.Source
		if expr == "" {
			expr = c.String()
		}
		return nil, &Error{Name: ErrorRuntime, Msg: "The function '" + expr + "' had the following error: " + string(f)}
	}
	return v, nil
}

// arg evaluates one argument. Literal string arguments give their decoded
// value.
func (ev *evaluator) arg(a Arg) (any, failure) {
	switch a := a.(type) {
	case *StringLit:
		return a.Value, ""
	case *NumberLit:
		if a.Text == "" {
			return jsonvalue.Number(strconv.FormatFloat(a.Value, 'g', -1, 64)), ""
		}
		return jsonvalue.Number(a.Text), ""
	case *BoolLit:
		return a.Value, ""
	case *NullLit:
		return nil, ""
	case *PathArg:
		return ev.path(a)
	case *Call:
		return ev.call(a)
	}
	return nil, failure(fmt.Sprintf("unsupported argument %T", a))
}

// path selects a path argument. A definite path that selects nothing is a
// failure; a path that selects null gives null.
func (ev *evaluator) path(a *PathArg) (any, failure) {
	input := ev.env.Input
	if a.Var != "" {
		var ok bool
		if ev.env.Var != nil {
			input, ok = ev.env.Var(a.Var)
		}
		if !ok {
			return nil, failure("The variable '$" + a.Var + "' is not defined")
		}
	}
	v, err := selectPath(a.Path, input, ev.env.Context)
	if err == nil {
		return v, ""
	}
	if !isNotFound(err) {
		return nil, failure(err.Error())
	}
	return nil, failure("The JsonPath argument for the field '" + ev.pathText(a) +
		"' could not be found in the input '" + jsonvalue.String(ev.env.Input) + "'")
}

// pathText returns the path argument as written in the source, or in
// canonical form when the source is unknown.
func (ev *evaluator) pathText(a *PathArg) string {
	if a.Offset >= 0 && a.Offset+len(a.Var) < len(ev.src) {
		if _, n, err := jsonpath.ParsePrefix("$" + ev.src[a.Offset+1+len(a.Var):]); err == nil && n > 0 {
			return ev.src[a.Offset : a.Offset+len(a.Var)+n]
		}
	}
	return a.Path.String()
}

// args evaluates all arguments of c.
func (ev *evaluator) args(c *Call) ([]any, failure) {
	vals := make([]any, len(c.Args))
	for i, a := range c.Args {
		v, f := ev.arg(a)
		if f != "" {
			return nil, f
		}
		vals[i] = v
	}
	return vals, ""
}

// call evaluates c, its arguments first, left to right.
func (ev *evaluator) call(c *Call) (any, failure) {
	fn, ok := funcs[c.Name]
	if !ok {
		return nil, failure("Unknown intrinsic function " + c.Name)
	}
	sp := specs[c.Name]
	if n := len(c.Args); n < sp.min || sp.max >= 0 && n > sp.max {
		return nil, invalidArgs(c.Name)
	}
	args, f := ev.args(c)
	if f != "" {
		return nil, f
	}
	return fn(ev, c, args)
}

// funcs implements the intrinsic functions. Each receives the call (for
// the kinds of its arguments) and the argument values; the argument count
// has been checked against specs.
var funcs = map[string]func(ev *evaluator, c *Call, args []any) (any, failure){
	"States.Format":         evalFormat,
	"States.StringToJson":   evalStringToJson,
	"States.JsonToString":   evalJsonToString,
	"States.Array":          evalArray,
	"States.ArrayPartition": evalArrayPartition,
	"States.ArrayContains":  evalArrayContains,
	"States.ArrayRange":     evalArrayRange,
	"States.ArrayGetItem":   evalArrayGetItem,
	"States.ArrayLength":    evalArrayLength,
	"States.ArrayUnique":    evalArrayUnique,
	"States.Base64Encode":   evalBase64Encode,
	"States.Base64Decode":   evalBase64Decode,
	"States.Hash":           evalHash,
	"States.JsonMerge":      evalJsonMerge,
	"States.MathRandom":     evalMathRandom,
	"States.MathAdd":        evalMathAdd,
	"States.StringSplit":    evalStringSplit,
	"States.UUID":           evalUUID,
}

// maxStringLen is the longest string (in UTF-16 code units, as Java
// counts) that States.Base64Encode, States.Base64Decode and States.Hash
// accept.
const maxStringLen = 10000

// States.Format(template, args...): each {} is replaced by the next
// argument as Java prints it (strings raw, numbers as Java prints them,
// null as null, objects as {k=v, ...}, arrays as [a, b]). A template from
// a path is read like a literal one: \{ \} \' and \\ are escapes.
func evalFormat(ev *evaluator, c *Call, args []any) (any, failure) {
	var raw string
	switch t := c.Args[0].(type) {
	case *StringLit:
		raw = t.Raw
		if raw == "" {
			raw = escapeTemplate(t.Value)
		}
	default:
		s, ok := args[0].(string)
		if !ok {
			return nil, invalidArgs(c.Name)
		}
		raw = s
	}
	parts, f := templateParts(raw)
	if f != "" {
		return nil, f
	}
	if len(parts)-1 != len(args)-1 {
		return nil, "Invalid arguments in States.Format: number of arguments do not match the occurrences of {}."
	}
	var b strings.Builder
	b.WriteString(parts[0])
	for i, v := range args[1:] {
		if sub, ok := c.Args[i+1].(*Call); ok && sub.Name == "States.StringToJson" {
			// States.StringToJson gives a Jackson tree, which prints as JSON.
			b.WriteString(jacksonJSON(v))
		} else {
			b.WriteString(jsonvalue.JavaString(v))
		}
		b.WriteString(parts[i+1])
	}
	return b.String(), ""
}

// escapeTemplate escapes the reserved characters of a template's text.
func escapeTemplate(s string) string {
	q := Quote(s)
	return q[1 : len(q)-1]
}

// templateParts splits a States.Format template at its {} placeholders,
// decoding the escapes \{ \} \' and \\. An unescaped brace that is not
// part of a {} is an error.
func templateParts(raw string) ([]string, failure) {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\\':
			if i+1 < len(raw) && strings.IndexByte(`'{}\`, raw[i+1]) >= 0 {
				i++
				b.WriteByte(raw[i])
			} else {
				b.WriteByte(c)
			}
		case '{':
			if i+1 >= len(raw) || raw[i+1] != '}' {
				return nil, "Invalid template in States.Format: matching '}' not found for '{'."
			}
			i++
			parts = append(parts, b.String())
			b.Reset()
		case '}':
			return nil, "Invalid template in States.Format: matching '{' not found for '}'."
		default:
			b.WriteByte(c)
		}
	}
	return append(parts, b.String()), ""
}

// States.StringToJson(s): s parsed as JSON, as Jackson reads it: an empty
// or blank string gives null, text after the first value is ignored, and
// numbers come out as Jackson writes them (-0 is 0, 1.50 is 1.5).
func evalStringToJson(ev *evaluator, c *Call, args []any) (any, failure) {
	s, ok := args[0].(string)
	if !ok {
		return nil, invalidArgs(c.Name)
	}
	if strings.TrimLeft(s, " \t\r\n") == "" {
		return nil, ""
	}
	v, err := jsonvalue.Parse([]byte(s))
	if err != nil {
		// Jackson stops after the first value and ignores what follows,
		// except that a number, true, false or null must be followed by
		// white space.
		var se *jsonvalue.SyntaxError
		if !errors.As(err, &se) || se.Offset <= 0 || se.Offset > len(s) {
			return nil, invalidArgs(c.Name)
		}
		v, err = jsonvalue.Parse([]byte(s[:se.Offset]))
		if err != nil {
			return nil, invalidArgs(c.Name)
		}
		switch v.(type) {
		case jsonvalue.Number, bool, nil:
			if !isSpace(s[se.Offset-1]) {
				return nil, invalidArgs(c.Name)
			}
		}
	}
	return normalizeNumbers(v), ""
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// normalizeNumbers rewrites every number in v as Jackson writes it.
func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case jsonvalue.Number:
		return jacksonNumber(x)
	case *jsonvalue.Object:
		for k, e := range x.All() {
			switch e.(type) {
			case jsonvalue.Number, *jsonvalue.Object, []any:
				x.Set(k, normalizeNumbers(e))
			}
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = normalizeNumbers(e)
		}
		return x
	}
	return v
}

// States.JsonToString(v): v as compact JSON, as Jackson writes it.
func evalJsonToString(ev *evaluator, c *Call, args []any) (any, failure) {
	return jacksonJSON(args[0]), ""
}

// States.Array(args...): the arguments as an array.
func evalArray(ev *evaluator, c *Call, args []any) (any, failure) {
	return args, ""
}

// States.ArrayPartition(array, size): chunks of size elements, the last
// one shorter; size is truncated to an integer and must then be positive.
func evalArrayPartition(ev *evaluator, c *Call, args []any) (any, failure) {
	arr, ok := args[0].([]any)
	size, ok2 := truncInt(args[1])
	if !ok || !ok2 || size <= 0 {
		return nil, invalidArgs(c.Name)
	}
	out := make([]any, 0, (int64(len(arr))+size-1)/size)
	for i := 0; i < len(arr); i += int(size) {
		end := min(i+int(size), len(arr))
		out = append(out, append([]any(nil), arr[i:end]...))
	}
	return out, ""
}

// States.ArrayContains(array, value): whether an element equals value
// (Java equality: see jsonvalue.JavaEqual).
func evalArrayContains(ev *evaluator, c *Call, args []any) (any, failure) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(c.Name)
	}
	for _, e := range arr {
		if jsonvalue.JavaEqual(e, args[1]) {
			return true, ""
		}
	}
	return false, ""
}

// maxRangeItems is the largest array States.ArrayRange may produce.
const maxRangeItems = 1000

// States.ArrayRange(first, last, step): first, first+step, ... up to and
// including last; the arguments are truncated to integers, step must not
// be zero, a step that points away from last gives [], and at most 1000
// elements may result.
func evalArrayRange(ev *evaluator, c *Call, args []any) (any, failure) {
	first, ok1 := truncInt(args[0])
	last, ok2 := truncInt(args[1])
	step, ok3 := truncInt(args[2])
	if !ok1 || !ok2 || !ok3 || step == 0 {
		return nil, invalidArgs(c.Name)
	}
	if step > 0 && first > last || step < 0 && first < last {
		return []any{}, ""
	}
	n := (last-first)/step + 1
	if n > maxRangeItems {
		return nil, invalidArgs(c.Name)
	}
	out := make([]any, n)
	for i := range out {
		out[i] = jsonvalue.Int(first + int64(i)*step)
	}
	return out, ""
}

// States.ArrayGetItem(array, index): the element at index, which is
// truncated to an integer and must be within the array. An empty array
// gives null for any index, as AWS does.
func evalArrayGetItem(ev *evaluator, c *Call, args []any) (any, failure) {
	arr, ok := args[0].([]any)
	i, ok2 := truncInt(args[1])
	if !ok || !ok2 {
		return nil, invalidArgs(c.Name)
	}
	if len(arr) == 0 {
		return nil, ""
	}
	if i < 0 || i >= int64(len(arr)) {
		return nil, invalidArgs(c.Name)
	}
	return arr[i], ""
}

// States.ArrayLength(array): the number of elements.
func evalArrayLength(ev *evaluator, c *Call, args []any) (any, failure) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(c.Name)
	}
	return jsonvalue.Int(int64(len(arr))), ""
}

// States.ArrayUnique(array): the elements without repeats, each at its
// first occurrence (Java equality: see jsonvalue.JavaEqual).
func evalArrayUnique(ev *evaluator, c *Call, args []any) (any, failure) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(c.Name)
	}
	seen := make(map[string]bool, len(arr))
	out := make([]any, 0, len(arr))
	for _, e := range arr {
		k := jsonvalue.JavaKey(e)
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out, ""
}

// States.Base64Encode(s): the standard Base64 encoding, with padding, of
// the UTF-8 bytes of s (at most 10,000 characters).
func evalBase64Encode(ev *evaluator, c *Call, args []any) (any, failure) {
	s, ok := args[0].(string)
	if !ok || jsonvalue.UTF16Len(s) > maxStringLen {
		return nil, invalidArgs(c.Name)
	}
	return base64.StdEncoding.EncodeToString([]byte(s)), ""
}

// States.Base64Decode(s): s (at most 10,000 characters) decoded leniently
// (see base64Decode), the bytes read as UTF-8 (see javaUTF8).
func evalBase64Decode(ev *evaluator, c *Call, args []any) (any, failure) {
	s, ok := args[0].(string)
	if !ok || jsonvalue.UTF16Len(s) > maxStringLen {
		return nil, invalidArgs(c.Name)
	}
	return javaUTF8(base64Decode(s)), ""
}

// States.Hash(data, algorithm): the lower-case hex digest of data's UTF-8
// bytes. data that is not a string is hashed as Java prints it (see
// javaString); null is rejected. The algorithm names are case-sensitive.
func evalHash(ev *evaluator, c *Call, args []any) (any, failure) {
	if args[0] == nil {
		return nil, invalidArgs(c.Name)
	}
	data, ok := args[0].(string)
	if !ok {
		data = jsonvalue.JavaString(args[0])
	}
	alg, _ := args[1].(string)
	ch, ok := hashAlgorithms[alg]
	if !ok {
		return nil, invalidArgs(c.Name)
	}
	if jsonvalue.UTF16Len(data) > maxStringLen {
		return nil, invalidArgs(c.Name)
	}
	h := ch.New()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), ""
}

// States.JsonMerge(a, b, false): a shallow merge: a's keys in a's order
// with b's values where b has them, then b's other keys in b's order. The
// third argument must be the boolean false.
func evalJsonMerge(ev *evaluator, c *Call, args []any) (any, failure) {
	a, ok1 := args[0].(*jsonvalue.Object)
	b, ok2 := args[1].(*jsonvalue.Object)
	deep, ok3 := args[2].(bool)
	if !ok1 || !ok2 || !ok3 || deep || a == nil || b == nil {
		return nil, invalidArgs(c.Name)
	}
	out := a.Clone()
	for k, v := range b.All() {
		out.Set(k, v)
	}
	return out, ""
}

// States.MathRandom(start, end[, seed]): an integer in [start, end); start
// and end are truncated to integers and start must be below end. With a
// seed (truncated to a long) the result is start +
// new java.util.Random(seed).nextInt(end - start), as on AWS; without one
// it comes from Env.Rand.
func evalMathRandom(ev *evaluator, c *Call, args []any) (any, failure) {
	start, ok1 := truncInt(args[0])
	end, ok2 := truncInt(args[1])
	if !ok1 || !ok2 || start >= end || end-start > 1<<31-1 {
		return nil, invalidArgs(c.Name)
	}
	bound := end - start
	if len(args) == 3 {
		seed, ok := truncLong(args[2])
		if !ok {
			return nil, invalidArgs(c.Name)
		}
		return jsonvalue.Int(start + int64(newJavaRandom(seed).nextInt(int32(bound)))), ""
	}
	var r int64
	if ev.env.Rand != nil {
		r = ev.env.Rand.Int64N(bound)
	} else {
		r = rand.Int64N(bound)
	}
	return jsonvalue.Int(start + r), ""
}

// States.MathAdd(a, b): the sum of a and b, each first rounded half up
// (Java's Math.round: 1.5 is 2, -1.5 is -1); both must be in the 32-bit
// integer range.
func evalMathAdd(ev *evaluator, c *Call, args []any) (any, failure) {
	a, ok1 := roundInt(args[0])
	b, ok2 := roundInt(args[1])
	if !ok1 || !ok2 {
		return nil, invalidArgs(c.Name)
	}
	return jsonvalue.Int(a + b), ""
}

// States.StringSplit(s, delimiters): s split at every character of
// delimiters, empty pieces dropped (Java's StringTokenizer).
func evalStringSplit(ev *evaluator, c *Call, args []any) (any, failure) {
	s, ok1 := args[0].(string)
	sep, ok2 := args[1].(string)
	if !ok1 || !ok2 {
		return nil, invalidArgs(c.Name)
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(sep, r) })
	out := make([]any, len(fields))
	for i, f := range fields {
		out[i] = f
	}
	return out, ""
}

// States.UUID(): a version 4 UUID drawn from Env.Rand, in lower case.
func evalUUID(ev *evaluator, c *Call, args []any) (any, failure) {
	var hi, lo uint64
	if ev.env.Rand != nil {
		hi, lo = ev.env.Rand.Uint64(), ev.env.Rand.Uint64()
	} else {
		hi, lo = rand.Uint64(), rand.Uint64()
	}
	hi = hi&^0xF000 | 0x4000           // version 4
	lo = lo&^(0xC000<<48) | 0x8000<<48 // variant 10
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, hi>>16&0xFFFF, hi&0xFFFF, lo>>48, lo&(1<<48-1)), ""
}
