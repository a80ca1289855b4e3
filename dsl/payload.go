package dsl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/intrinsic"
	"github.com/aslgen/aslgen/dsl/jsonpath"
)

// Path is a JSONPath reference path such as "$.order.id", or a context object
// path such as "$$.Execution.Id". Untyped string constants convert to Path, so
// ResultPath("$.payment") works as written. Build checks the syntax.
//
// Inside a payload template ([Obj]), a Path value is evaluated at run time: the
// key is written with the ".$" suffix that ASL requires.
type Path string

// NullPath is the JSON null path: as InputPath or OutputPath it gives {}, as
// ResultPath it discards the result.
const NullPath Path = "null"

// Paths into the context object ($$), for use as payload template values.
const (
	ExecutionID        Path = "$$.Execution.Id"
	ExecutionName      Path = "$$.Execution.Name"
	ExecutionInput     Path = "$$.Execution.Input"
	ExecutionStartTime Path = "$$.Execution.StartTime"
	ExecutionRoleArn   Path = "$$.Execution.RoleArn"
	StateName          Path = "$$.State.Name"
	StateEnteredTime   Path = "$$.State.EnteredTime"
	StateRetryCount    Path = "$$.State.RetryCount"
	StateMachineID     Path = "$$.StateMachine.Id"
	StateMachineName   Path = "$$.StateMachine.Name"
	TaskToken          Path = "$$.Task.Token"
	MapItemIndex       Path = "$$.Map.Item.Index"
	MapItemValue       Path = "$$.Map.Item.Value"
)

// Field returns the path of the named child of p: $.order → $.order.id, or
// $.order['line items'] for names that need quoting.
func (p Path) Field(name string) Path {
	plain := name != ""
	for _, r := range name {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return p + "." + Path(name)
	}
	return p + "['" + Path(strings.ReplaceAll(strings.ReplaceAll(name, `\`, `\\`), "'", `\'`)) + "']"
}

// Index returns the path of element i of the array at p: $.items → $.items[0].
func (p Path) Index(i int) Path { return p + "[" + Path(strconv.Itoa(i)) + "]" }

// Obj is a JSON object in a payload template (Parameters, ResultSelector,
// ItemSelector, Arguments, Output, Assign, ...). Values may be strings,
// numbers, booleans, nil, nested Obj, []any, maps, structs (encoded with
// encoding/json), [Path] values (selected from the input at run time) and
// intrinsic function calls such as [Format]; keys are written in sorted order.
//
//	dsl.Obj{
//		"orderId":  dsl.Path("$.order.id"),
//		"greeting": dsl.Format("Hello, {}", dsl.Path("$.customer.name")),
//		"source":   "checkout",
//	}
type Obj map[string]any

// Intrinsic is an intrinsic function call in ASL syntax, such as
// States.Format('{}', $.name), for JSONPath states. The helpers [Format],
// [MathAdd], [UUID] and the rest build one from Go arguments; a conversion,
// dsl.Intrinsic("States.MathAdd($.n, 1)"), writes one directly. In a
// payload template it is evaluated at run time, like a [Path]; Build checks
// its syntax.
type Intrinsic string

// call renders an intrinsic function call from Go arguments.
func call(name string, args ...any) Intrinsic {
	var b strings.Builder
	b.WriteString("States.")
	b.WriteString(name)
	b.WriteByte('(')
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		writeIntrinsicArg(&b, a, i == 0 && name == "Format")
	}
	b.WriteByte(')')
	return Intrinsic(b.String())
}

func writeIntrinsicArg(b *strings.Builder, a any, formatTemplate bool) {
	switch v := a.(type) {
	case Path:
		b.WriteString(string(v))
	case Intrinsic:
		b.WriteString(string(v))
	case string:
		b.WriteByte('\'')
		for _, r := range v {
			switch {
			case r == '\'' || r == '\\':
				b.WriteByte('\\')
			case (r == '{' || r == '}') && !formatTemplate:
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('\'')
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	default:
		raw, err := json.Marshal(v)
		if err != nil {
			fmt.Fprintf(b, "<%T>", v)
			return
		}
		b.Write(raw)
	}
}

// The intrinsic functions of ASL. Arguments may be Go strings, numbers,
// booleans and nil (written as literals), [Path] values and other calls.

// Format returns States.Format(template, args...): template with each {}
// replaced by the next argument.
func Format(template string, args ...any) Intrinsic {
	return call("Format", append([]any{template}, args...)...)
}

// StringToJSON returns States.StringToJson(s): s parsed as JSON.
func StringToJSON(s any) Intrinsic { return call("StringToJson", s) }

// JSONToString returns States.JsonToString(v): v serialized as a string.
func JSONToString(v any) Intrinsic { return call("JsonToString", v) }

// Array returns States.Array(items...): the arguments as an array.
func Array(items ...any) Intrinsic { return call("Array", items...) }

// ArrayPartition returns States.ArrayPartition(array, size): array in chunks of size.
func ArrayPartition(array, size any) Intrinsic { return call("ArrayPartition", array, size) }

// ArrayContains returns States.ArrayContains(array, value).
func ArrayContains(array, value any) Intrinsic { return call("ArrayContains", array, value) }

// ArrayRange returns States.ArrayRange(first, last, step): at most 1,000 numbers.
func ArrayRange(first, last, step any) Intrinsic { return call("ArrayRange", first, last, step) }

// ArrayGetItem returns States.ArrayGetItem(array, index).
func ArrayGetItem(array, index any) Intrinsic { return call("ArrayGetItem", array, index) }

// ArrayLength returns States.ArrayLength(array).
func ArrayLength(array any) Intrinsic { return call("ArrayLength", array) }

// ArrayUnique returns States.ArrayUnique(array): array without duplicates.
func ArrayUnique(array any) Intrinsic { return call("ArrayUnique", array) }

// Base64Encode returns States.Base64Encode(s).
func Base64Encode(s any) Intrinsic { return call("Base64Encode", s) }

// Base64Decode returns States.Base64Decode(s).
func Base64Decode(s any) Intrinsic { return call("Base64Decode", s) }

// Hash algorithms for [Hash].
const (
	MD5    = "MD5"
	SHA1   = "SHA-1"
	SHA256 = "SHA-256"
	SHA384 = "SHA-384"
	SHA512 = "SHA-512"
)

// Hash returns States.Hash(data, algorithm), algorithm one of [MD5], [SHA1],
// [SHA256], [SHA384], [SHA512].
func Hash(data any, algorithm string) Intrinsic { return call("Hash", data, algorithm) }

// JSONMerge returns States.JsonMerge(a, b, false): a shallow merge of two objects.
func JSONMerge(a, b any) Intrinsic { return call("JsonMerge", a, b, false) }

// MathRandom returns States.MathRandom(start, end): a random integer in
// [start, end); MathRandom(start, end, seed) returns
// States.MathRandom(start, end, seed).
func MathRandom(start, end any, seed ...any) Intrinsic {
	return call("MathRandom", append([]any{start, end}, seed...)...)
}

// MathAdd returns States.MathAdd(a, b).
func MathAdd(a, b any) Intrinsic { return call("MathAdd", a, b) }

// StringSplit returns States.StringSplit(s, separators).
func StringSplit(s, separators any) Intrinsic { return call("StringSplit", s, separators) }

// UUID returns States.UUID(): a version 4 UUID.
func UUID() Intrinsic { return call("UUID") }

// template is a payload template given to a builder method, with the position
// of the call.
type template struct {
	v  any
	at pos
}

// templateMode says how a template field treats Path, Intrinsic and Expr values.
type templateMode int

const (
	dynamicTemplate templateMode = iota // JSONPath mode: Path/Intrinsic values get ".$" keys
	staticTemplate                      // Pass Result: values are literal
	jsonataTemplate                     // JSONata mode: strings may hold {% %} expressions
	literalTemplate                     // a Task's ResourceIntrinsic: values are literal
)

// compileTemplate renders a template as JSON; problems are returned as messages.
func compileTemplate(v any, mode templateMode) (json.RawMessage, []string) {
	t := &templateWriter{mode: mode}
	t.value(v, "", true)
	return t.buf.Bytes(), t.errs
}

type templateWriter struct {
	buf   bytes.Buffer
	mode  templateMode
	errs  []string
	depth int
}

// maxTemplateDepth bounds the nesting of a template, which also stops a
// template that contains itself.
const maxTemplateDepth = 500

func (t *templateWriter) errorf(format string, args ...any) {
	t.errs = append(t.errs, fmt.Sprintf(format, args...))
}

func where(path string) string {
	if path == "" {
		return "the template"
	}
	return path
}

// value writes v; path names its place in the template for error messages.
func (t *templateWriter) value(v any, path string, top bool) {
	t.depth++
	defer func() { t.depth-- }()
	if t.depth > maxTemplateDepth {
		if t.depth == maxTemplateDepth+1 {
			t.errorf("the template is nested more than %d levels deep (does it contain itself?)", maxTemplateDepth)
		}
		t.buf.WriteString("null")
		return
	}
	switch x := v.(type) {
	case Expr:
		switch {
		case t.mode != jsonataTemplate:
			t.errorf("%s: dsl.Expr(%q) is a JSONata expression, for JSONata states; in a JSONPath state give a dsl.Path or an intrinsic function", where(path), x)
		case !isJSONataExpr(string(x)):
			t.errorf("%s: dsl.Expr(%q) is not written \"{%% ... %%}\"", where(path), x)
		}
		t.goValue(string(x), path)
	case Path, Intrinsic:
		if top {
			t.errorf("a %T needs a key: use dsl.Obj{\"name\": value}", x)
		} else {
			t.errorf("%s: a %T must be the value of an object key", where(path), x)
		}
		t.buf.WriteString("null")
	case Obj:
		t.object(map[string]any(x), path)
	case map[string]any:
		t.object(x, path)
	case []any:
		t.buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				t.buf.WriteByte(',')
			}
			t.value(e, fmt.Sprintf("%s[%d]", path, i), false)
		}
		t.buf.WriteByte(']')
	case json.RawMessage:
		if !json.Valid(x) {
			t.errorf("%s: invalid JSON in json.RawMessage", where(path))
			t.buf.WriteString("null")
			return
		}
		t.buf.Write(x)
	default:
		t.goValue(v, path)
	}
}

func (t *templateWriter) object(m map[string]any, path string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	t.buf.WriteByte('{')
	written := map[string]string{}
	for i, k := range keys {
		v := m[k]
		key := k
		sub := path + "." + k
		if path == "" {
			sub = k
		}
		switch x := v.(type) {
		case Path:
			key = t.dynamicKey(k, sub)
			t.checkPath(string(x), sub)
			v = string(x)
		case Intrinsic:
			key = t.dynamicKey(k, sub)
			t.checkIntrinsic(string(x), sub)
			v = string(x)
		default:
			if strings.HasSuffix(k, ".$") && t.mode == dynamicTemplate {
				s, ok := v.(string)
				switch {
				case !ok:
					t.errorf("%s: a key ending in \".$\" needs a path or intrinsic function string, got %T", sub, v)
				case strings.HasPrefix(s, "$"):
					t.checkPath(s, sub)
				default:
					t.checkIntrinsic(s, sub)
				}
			}
		}
		// Only in a JSONPath template do "k" and "k.$" name the same field;
		// elsewhere ".$" means nothing and both keys are kept as written.
		if t.mode == dynamicTemplate {
			base := strings.TrimSuffix(key, ".$")
			if other, dup := written[base]; dup {
				t.errorf("%s: keys %q and %q both set field %q", where(path), other, key, base)
			}
			written[base] = key
		}
		if i > 0 {
			t.buf.WriteByte(',')
		}
		kb, _ := marshalNoEscape(key)
		t.buf.Write(kb)
		t.buf.WriteByte(':')
		t.value(v, sub, false)
	}
	t.buf.WriteByte('}')
}

func (t *templateWriter) dynamicKey(k, sub string) string {
	switch t.mode {
	case staticTemplate:
		t.errorf("%s: Result is static and cannot select from the input; use Parameters", sub)
	case literalTemplate:
		t.errorf("%s: the value is written as it is and cannot select from the input", sub)
	case jsonataTemplate:
		t.errorf("%s: paths and intrinsic functions are for JSONPath states; in JSONata write a \"{%% ... %%}\" expression", sub)
	}
	if strings.HasSuffix(k, ".$") {
		return k
	}
	return k + ".$"
}

func (t *templateWriter) checkPath(p, where string) {
	if err := checkPath(p); err != nil {
		t.errorf("%s: path %q: %v", where, p, err)
	}
}

func (t *templateWriter) checkIntrinsic(s, where string) {
	if _, err := intrinsic.Parse(s); err != nil {
		t.errorf("%s: %q: %v", where, s, err)
	}
}

func (t *templateWriter) goValue(v any, path string) {
	if v != nil {
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Func, reflect.Chan, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
			t.errorf("%s: a %T cannot be written as JSON", where(path), v)
			t.buf.WriteString("null")
			return
		case reflect.Slice:
			if rv.Type().Elem().Kind() != reflect.Uint8 { // []byte encodes as base64, as encoding/json does
				items := make([]any, rv.Len())
				for i := range items {
					items[i] = rv.Index(i).Interface()
				}
				t.value(items, path, false)
				return
			}
		case reflect.Map:
			if rv.Type().Key().Kind() == reflect.String {
				m := make(map[string]any, rv.Len())
				iter := rv.MapRange()
				for iter.Next() {
					m[iter.Key().String()] = iter.Value().Interface()
				}
				t.object(m, path)
				return
			}
		}
	}
	raw, err := marshalNoEscape(v)
	if err != nil {
		t.errorf("%s: %v", where(path), err)
		t.buf.WriteString("null")
		return
	}
	t.buf.Write(raw)
}

// marshalNoEscape encodes v with encoding/json without HTML escaping.
func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// checkPath checks the syntax of a path, which may start with a workflow
// variable ($name...).
func checkPath(p string) error {
	if _, rest, ok := jsonpath.SplitVariable(p); ok {
		p = rest
	}
	_, err := jsonpath.Parse(p)
	return err
}

// checkReferencePath checks a ResultPath: a reference path into the input,
// not the context object.
func checkReferencePath(p string) error {
	if name, _, ok := jsonpath.SplitVariable(p); ok {
		return fmt.Errorf("ResultPath cannot write the variable $%s; set variables with Assign", name)
	}
	parsed, err := jsonpath.Parse(p)
	if err != nil {
		return err
	}
	if parsed.Context {
		return fmt.Errorf("ResultPath cannot refer to the context object ($$)")
	}
	if !parsed.IsReference() {
		return fmt.Errorf("must be a reference path ($ followed by names and indexes only)")
	}
	return nil
}
