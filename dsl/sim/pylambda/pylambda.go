package pylambda

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
)

// Source is a handler's source, as the recorded files give it beside its
// kind (lambda_handlers: {"file", "runtime", "source"}).
type Source struct {
	// File is where the source came from, such as a path in the test
	// suite that recorded it.
	File string `json:"file"`
	// Runtime is the Lambda runtime it ran on, such as "python3.12".
	Runtime string `json:"runtime"`
	// Source is the handler's Python code.
	Source string `json:"source"`
}

// The deployed handler, as the stack traces of the recordings name it:
// the source ran as /var/task/handler.py, and its entry point is the
// function handler.
const (
	deployedFile = "/var/task/handler.py"
	entryPoint   = "handler"
)

// Options returns the options that register the functions of a recorded
// case with the simulator ([sim.OnFunction]): lambdas maps each function
// name or ARN to its handler's kind, and handlers gives each kind's source
// (which a raise kind needs for its stack trace, and which may be nil for
// the other kinds).
func Options(lambdas map[string]string, handlers map[string]Source) ([]sim.Option, error) {
	names := make([]string, 0, len(lambdas))
	for name := range lambdas {
		names = append(names, name)
	}
	sort.Strings(names)
	made := map[string]sim.Handler{}
	opts := make([]sim.Option, 0, len(names))
	for _, name := range names {
		kind := lambdas[name]
		h, ok := made[kind]
		if !ok {
			var src *Source
			if s, ok := handlers[kind]; ok {
				src = &s
			}
			var err error
			if h, err = Function(kind, src); err != nil {
				return nil, fmt.Errorf("lambdas: function %q: %w", name, err)
			}
			made[kind] = h
		}
		opts = append(opts, sim.OnFunction(name, h))
	}
	return opts, nil
}

// kiloBytes is the form of a raw-bytes kind that describes its bytes
// rather than giving them: "257KiB of 'a' (263168 bytes, ...)".
var kiloBytes = regexp.MustCompile(`^(\d+)KiB of '(.)'`)

// Function returns the simulator function for a handler kind (see the
// package documentation); src is the handler's source, or nil.
func Function(kind string, src *Source) (sim.Handler, error) {
	name, arg, _ := strings.Cut(kind, ":")
	switch name {
	case "identity":
		if arg != "" {
			break
		}
		return respond(func(event any) ([]byte, error) { return Dumps(event), nil }), nil
	case "constant":
		v, err := jsonvalue.Parse([]byte(arg))
		if err != nil {
			return sim.Handler{}, fmt.Errorf("kind %q: the constant is not JSON: %v", kind, err)
		}
		body := Dumps(v)
		return respond(func(any) ([]byte, error) { return body, nil }), nil
	case "raw-bytes":
		body := []byte(arg)
		if m := kiloBytes.FindStringSubmatch(arg); m != nil {
			n, err := strconv.Atoi(m[1])
			if err != nil || n > 1<<20 {
				return sim.Handler{}, fmt.Errorf("kind %q: too many bytes", kind)
			}
			body = bytes.Repeat([]byte(m[2]), n<<10)
		}
		return respond(func(any) ([]byte, error) { return body, nil }), nil
	case "python-str":
		template := arg
		if src != nil {
			if t, ok := returnedFString(src.Source); ok {
				template = t
			}
		}
		parts, err := parseFString(template)
		if err != nil {
			return sim.Handler{}, fmt.Errorf("kind %q: %v", kind, err)
		}
		return respond(func(event any) ([]byte, error) {
			var b strings.Builder
			for _, p := range parts {
				switch p {
				case fieldStr:
					b.WriteString(Str(event))
				case fieldRepr:
					b.WriteString(Repr(event))
				default:
					b.WriteString(p)
				}
			}
			return Dumps(b.String()), nil
		}), nil
	case "raise":
		typ, msg, ok := strings.Cut(arg, ":")
		if !ok || typ == "" {
			return sim.Handler{}, fmt.Errorf("kind %q: want raise:TYPE:MESSAGE", kind)
		}
		var trace []any
		if src != nil {
			if frame, ok := raisingFrame(src.Source); ok {
				trace = []any{frame}
			}
		}
		return sim.RawFunction(func(_ context.Context, inv *sim.Invocation) ([]byte, error) {
			doc := jsonvalue.NewObject(4)
			doc.Set("errorMessage", msg)
			doc.Set("errorType", typ)
			doc.Set("requestId", inv.RequestID)
			doc.Set("stackTrace", append([]any{}, trace...))
			return nil, &sim.FunctionError{Type: typ, Message: msg, StackTrace: strings0(trace), Document: Dumps(doc)}
		}), nil
	case "sleep":
		d, then, ok := strings.Cut(arg, " then ")
		if !ok {
			break
		}
		dur, err := time.ParseDuration(d)
		if err != nil || dur < 0 {
			return sim.Handler{}, fmt.Errorf("kind %q: %q is not a duration", kind, d)
		}
		h, err := Function(then, src)
		if err != nil {
			return sim.Handler{}, err
		}
		return h.After(dur), nil
	}
	return sim.Handler{}, fmt.Errorf("unknown handler kind %q (want identity, constant:JSON, raw-bytes:TEXT, python-str:TEMPLATE, raise:TYPE:MESSAGE or sleep:DURATION then KIND)", kind)
}

// respond makes a function of Python's runtime from f, which gets the
// event as json.loads reads it and returns the response's bytes.
func respond(f func(event any) ([]byte, error)) sim.Handler {
	return sim.RawFunction(func(_ context.Context, inv *sim.Invocation) ([]byte, error) {
		event, err := jsonvalue.Parse(inv.Event)
		if err != nil {
			return nil, runtimeError("Runtime.UnmarshalError", fmt.Sprintf("Unable to unmarshal input: %v", err))
		}
		return f(event)
	})
}

// runtimeError is an error of the runtime itself, outside the handler.
func runtimeError(typ, msg string) error {
	return &sim.FunctionError{Type: typ, Message: msg}
}

func strings0(frames []any) []string {
	out := make([]string, len(frames))
	for i, f := range frames {
		out[i] = f.(string)
	}
	return out
}

// raisingFrame returns the stack trace frame of the raise statement that
// the handler runs: the first raise in the body of the entry point (or,
// failing that, the first one of the source), as Python's traceback
// module writes it: `  File "/var/task/handler.py", line N, in FUNC\n    TEXT\n`.
func raisingFrame(source string) (string, bool) {
	lines := strings.Split(source, "\n")
	type found struct {
		line int
		fn   string
	}
	var first, inEntry *found
	fn, fnIndent := "", -1
	for i, l := range lines {
		text := strings.TrimSpace(l)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if fnIndent >= 0 && indent <= fnIndent {
			fn, fnIndent = "", -1
		}
		if strings.HasPrefix(text, "def ") {
			name, _, _ := strings.Cut(strings.TrimPrefix(text, "def "), "(")
			fn, fnIndent = strings.TrimSpace(name), indent
			continue
		}
		if text != "raise" && !strings.HasPrefix(text, "raise ") && !strings.HasPrefix(text, "raise(") {
			continue
		}
		f := &found{line: i, fn: fn}
		if first == nil {
			first = f
		}
		if fn == entryPoint && inEntry == nil {
			inEntry = f
		}
	}
	f := inEntry
	if f == nil {
		f = first
	}
	if f == nil {
		return "", false
	}
	where := f.fn
	if where == "" {
		where = "<module>"
	}
	return fmt.Sprintf("  File \"%s\", line %d, in %s\n    %s\n", deployedFile, f.line+1, where, strings.TrimSpace(lines[f.line])), true
}

// The replacement fields of a python-str template.
const (
	fieldStr  = "\x00str"
	fieldRepr = "\x00repr"
)

// returnedFString returns the f-string a handler returns, when its source
// has one return statement and that returns an f-string literal.
func returnedFString(source string) (string, bool) {
	var template string
	n := 0
	for l := range strings.SplitSeq(source, "\n") {
		text := strings.TrimSpace(l)
		if text != "return" && !strings.HasPrefix(text, "return ") {
			continue
		}
		n++
		expr := strings.TrimSpace(strings.TrimPrefix(text, "return"))
		if len(expr) < 3 || expr[0] != 'f' || (expr[1] != '"' && expr[1] != '\'') || expr[len(expr)-1] != expr[1] {
			return "", false
		}
		template = expr[2 : len(expr)-1]
		if strings.ContainsAny(template, `\`+string(expr[1])) {
			return "", false
		}
	}
	return template, n == 1
}

// parseFString splits a python-str template into literal text and the
// fields fieldStr ({event}, {event!s}, {str(event)}) and fieldRepr
// ({event!r}, {repr(event)}); {{ and }} are braces.
func parseFString(t string) ([]string, error) {
	var parts []string
	var lit strings.Builder
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '{' && strings.HasPrefix(t[i:], "{{"), c == '}' && strings.HasPrefix(t[i:], "}}"):
			lit.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(t[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { in %q", t)
			}
			field := strings.TrimSpace(t[i+1 : i+end])
			var f string
			switch field {
			case "event", "event!s", "str(event)":
				f = fieldStr
			case "event!r", "repr(event)":
				f = fieldRepr
			default:
				return nil, fmt.Errorf("the field {%s} of %q is not {event}, {event!r}, {repr(event)} or {str(event)}", field, t)
			}
			if lit.Len() > 0 {
				parts = append(parts, lit.String())
				lit.Reset()
			}
			parts = append(parts, f)
			i += end
		case c == '}':
			return nil, fmt.Errorf("single } in %q", t)
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		parts = append(parts, lit.String())
	}
	return parts, nil
}
