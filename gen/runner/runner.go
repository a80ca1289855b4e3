package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"

	"github.com/aslgen/aslgen/dsl"
	"github.com/aslgen/aslgen/dsl/asl"
)

// Version is the version of the [Description] format that this package
// writes. It changes only when a change to the format would make an older
// reader misread it.
const Version = 1

// Constructor is one workflow constructor of the user's code, as the
// generated runner passes it to [Main].
type Constructor struct {
	// Pkg is the import path of the constructor's package.
	Pkg string
	// Func is the constructor's name.
	Func string
	// New calls the constructor. Wrap a func() *dsl.Machine with [Plain].
	New func() (*dsl.Machine, error)
}

// Plain adapts a constructor that returns only a machine to the form of
// [Constructor.New].
func Plain(f func() *dsl.Machine) func() (*dsl.Machine, error) {
	return func() (*dsl.Machine, error) { return f(), nil }
}

// Description is what the runner writes: the result of every constructor.
type Description struct {
	// Version is the format's version, [Version] when written by this package.
	Version int `json:"version"`
	// Machines holds one entry per constructor, in the order given to [Main].
	Machines []Machine `json:"machines"`
}

// Machine is the result of one constructor. Exactly one of ASL, Error,
// Errors and Panic is set.
type Machine struct {
	// Pkg and Func name the constructor.
	Pkg  string `json:"pkg"`
	Func string `json:"func"`
	// Name is the machine's name, when the constructor returned a machine.
	Name string `json:"name,omitempty"`
	// ASL is the machine's canonical ASL text, as asl.Marshal writes it.
	ASL string `json:"asl,omitempty"`
	// Error is set when the constructor returned an error or a nil machine,
	// or when the built machine could not be encoded.
	Error string `json:"error,omitempty"`
	// Errors are the problems Build found, each at the builder call that
	// caused it.
	Errors []Error `json:"errors,omitempty"`
	// Panic is the value the constructor (or Build) panicked with, formatted
	// with %v, and Stack the frames of the code that panicked, innermost
	// first, without the runtime's and this package's frames.
	Panic string  `json:"panic,omitempty"`
	Stack []Frame `json:"stack,omitempty"`
	// Warnings are what the data-flow analysis warns of, such as paths into
	// optional members of declared types.
	Warnings []Error `json:"warnings,omitempty"`
	// Types describes the machine's data when it declares Go types.
	Types *Types `json:"types,omitempty"`
}

// Failed reports whether the constructor did not produce ASL.
func (m *Machine) Failed() bool {
	return m.Error != "" || len(m.Errors) > 0 || m.Panic != ""
}

// Error is one problem that Build reported.
type Error struct {
	// File and Line locate the builder call; File is absolute, or empty when
	// the position is unknown.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// State names the state concerned, if any.
	State string `json:"state,omitempty"`
	// Message says what is wrong.
	Message string `json:"message"`
}

// Frame is one frame of a panic's stack.
type Frame struct {
	// Func is the function's full name, such as example.com/orders.Flow.
	Func string `json:"func"`
	// File and Line locate the call or the panic in the function.
	File string `json:"file"`
	Line int    `json:"line"`
}

// Main is the generated runner's main function. It reads the output path
// from os.Args[1], runs every constructor with [Run] and writes the
// [Description] there as JSON. It exits with status 0 even when constructors
// fail (the caller reports them) and with a non-zero status only when it
// cannot write its output.
func Main(constructors []Constructor) {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: aslgen-runner OUTPUT.json (this program is run by aslgen)")
		os.Exit(2)
	}
	d := Run(constructors)
	data, err := json.MarshalIndent(d, "", "  ")
	if err == nil {
		err = os.WriteFile(os.Args[1], append(data, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "aslgen runner: %v\n", err)
		os.Exit(1)
	}
}

// Run calls every constructor and builds and encodes its machine, each in a
// goroutine of its own and under recover, so that a panic, a call to
// runtime.Goexit, a nil machine, a returned error or Build's errors become
// part of the result instead of stopping the others. Constructors run one at
// a time, in order.
func Run(constructors []Constructor) *Description {
	d := &Description{Version: Version, Machines: make([]Machine, 0, len(constructors))}
	for _, c := range constructors {
		d.Machines = append(d.Machines, runOne(c))
	}
	return d
}

func runOne(c Constructor) Machine {
	done := make(chan Machine, 1)
	go func() {
		res := Machine{Pkg: c.Pkg, Func: c.Func}
		finished := false
		defer func() {
			if r := recover(); r != nil {
				res = Machine{Pkg: c.Pkg, Func: c.Func, Name: res.Name, Panic: panicValue(r), Stack: panicStack()}
			} else if !finished {
				res = Machine{Pkg: c.Pkg, Func: c.Func, Name: res.Name,
					Error: "called runtime.Goexit (for example through testing's FailNow or Skip) instead of returning"}
			}
			done <- res
		}()
		build(c, &res)
		finished = true
	}()
	return <-done
}

// build fills in res; it may panic, and its caller recovers.
func build(c Constructor, res *Machine) {
	if c.New == nil {
		res.Error = "no constructor function"
		return
	}
	m, err := c.New()
	if err != nil {
		res.Error = "returned an error: " + err.Error()
		if m != nil {
			res.Name = m.Name()
		}
		return
	}
	if m == nil {
		res.Error = "returned a nil *dsl.Machine"
		return
	}
	res.Name = m.Name()
	sm, warnings, err := m.Check()
	for _, w := range warnings {
		res.Warnings = append(res.Warnings, Error{File: w.Pos.File, Line: w.Pos.Line, State: w.State, Message: w.Msg})
	}
	if err != nil {
		var list dsl.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				if e == nil {
					continue
				}
				res.Errors = append(res.Errors, Error{File: e.Pos.File, Line: e.Pos.Line, State: e.State, Message: e.Msg})
			}
		}
		if len(res.Errors) == 0 {
			res.Errors = append(res.Errors, Error{Message: err.Error()})
		}
		return
	}
	if sm == nil {
		res.Error = "Build returned neither a state machine nor an error"
		return
	}
	data, err := asl.Marshal(sm)
	if err != nil {
		res.Error = "cannot encode the machine: " + err.Error()
		return
	}
	res.ASL = string(data)
	res.Types = typesOf(m)
}

func panicValue(r any) string {
	s := fmt.Sprintf("%v", r)
	if s == "" {
		s = fmt.Sprintf("%#v", r)
	}
	return s
}

// selfPrefix is the prefix of this package's function names, and selfFile
// the name of this file: a frame of either is the runner's, even when the
// compiler inlined it into its caller.
var (
	selfPrefix        = reflect.TypeFor[Frame]().PkgPath() + "."
	_, selfFile, _, _ = runtime.Caller(0)
)

// panicStack returns the frames between the panic and this package: the
// code that panicked and its callers, innermost first. It is called from
// the deferred function that recovered.
func panicStack() []Frame {
	pcs := make([]uintptr, 128)
	n := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var out []Frame
	seenPanic := false
	for {
		f, more := frames.Next()
		switch {
		case !seenPanic:
			seenPanic = f.Function == "runtime.gopanic"
		case strings.HasPrefix(f.Function, selfPrefix) || f.File == selfFile:
			return out
		case strings.HasPrefix(f.Function, "runtime."):
			// runtime.sigpanic, runtime.panicmem, runtime.goPanicIndex, ...
		default:
			out = append(out, Frame{Func: f.Function, File: f.File, Line: f.Line})
		}
		if !more {
			return out
		}
	}
}
