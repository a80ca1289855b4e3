package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/aslgen/aslgen/cmd/aslgen/internal/batch"
	"github.com/aslgen/aslgen/cmd/aslgen/internal/definition"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
)

// runFlags are the flags of aslgen run.
type runFlags struct {
	input, mockConfig, testCase, name, account, region, cases *string
	graph                                                     *string
	history                                                   *bool
}

// newRunFlags defines the flags of aslgen run. The manual (doc.go)
// documents them, so they have no usage text of their own.
func newRunFlags(stderr io.Writer) (*flag.FlagSet, *runFlags) {
	fs := newFlagSet("run", stderr)
	return fs, &runFlags{
		input:      fs.String("input", "{}", ""),
		mockConfig: fs.String("mock-config", "", ""),
		testCase:   fs.String("test-case", "", ""),
		name:       fs.String("name", "", ""),
		account:    fs.String("account", "", ""),
		region:     fs.String("region", "", ""),
		history:    fs.Bool("history", false, ""),
		cases:      fs.String("cases", "", ""),
		graph:      fs.String("graph", "", ""),
	}
}

// where returns the options of the account and region that the simulated
// executions run in: they apply to a single run and to every case of a
// batch.
func (f *runFlags) where() []sim.Option {
	var opts []sim.Option
	if *f.account != "" {
		opts = append(opts, sim.Account(*f.account))
	}
	if *f.region != "" {
		opts = append(opts, sim.Region(*f.region))
	}
	return opts
}

// runCommand is aslgen run: one execution, or a batch with -cases.
func runCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags, f := newRunFlags(stderr)
	if code, done := parse(flags, "run", args); done {
		return code
	}
	if *f.cases != "" {
		if err := batchOnly(flags); err != nil {
			fmt.Fprintf(stderr, "aslgen run: %v\n", err)
			return exitError
		}
		return runBatch(ctx, *f.cases, stdin, stdout, stderr, f.where())
	}
	if flags.NArg() != 1 {
		usage(stderr, "run")
		return exitError
	}
	ex, err := runOne(ctx, flags.Arg(0), f, stderr)
	if err == nil {
		err = printExecution(stdout, ex, *f.history)
	}
	if err == nil && *f.graph != "" {
		err = drawExecution(flags.Arg(0), ex, *f.graph)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	if ex.Status != sim.Succeeded {
		return exitFailed
	}
	return exitOK
}

// batchOnly checks the arguments of a batch: no definition file, and no
// flags but -cases, -account and -region.
func batchOnly(flags *flag.FlagSet) error {
	if flags.NArg() > 0 {
		return errors.New("-cases takes no definition file")
	}
	var others []string
	flags.Visit(func(f *flag.Flag) {
		if f.Name != "cases" && f.Name != "account" && f.Name != "region" {
			others = append(others, "-"+f.Name)
		}
	})
	if len(others) > 0 {
		return fmt.Errorf("-cases takes its inputs and mocks from the batch file, not from %s", strings.Join(others, " "))
	}
	return nil
}

// batchGCPercent is the GOGC of a batch run.
const batchGCPercent = 400

// runBatch runs the batch in file ("-" for stdin) with cases relative to
// its directory.
func runBatch(ctx context.Context, file string, stdin io.Reader, stdout, stderr io.Writer, opts []sim.Option) int {
	r, dir := stdin, "."
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			fmt.Fprintf(stderr, "aslgen run: %v\n", err)
			return exitError
		}
		defer f.Close()
		r, dir = f, filepath.Dir(file)
	}
	// A batch is a throughput job whose live data is small (the cases in
	// flight): collecting garbage a quarter as often halves its time for a
	// few times the memory (about 55 MiB at its peak on 20,000 cases).
	// GOGC, when set, decides instead.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(batchGCPercent))
	}
	if err := batch.Run(ctx, r, stdout, dir, opts...); err != nil {
		fmt.Fprintf(stderr, "aslgen run: %v\n", err)
		return exitError
	}
	return exitOK
}

// runOne runs one execution of the definition in file, as the flags say.
// Its errors are messages for standard error: those about the definition
// name the file and the position, the others start with "aslgen run:".
// Warnings (about the mock configuration) go to stderr.
func runOne(ctx context.Context, file string, f *runFlags, stderr io.Writer) (*sim.Execution, error) {
	doc, err := loadDefinition(file)
	if err != nil {
		return nil, err
	}
	input, err := readInput(*f.input)
	if err != nil {
		return nil, fmt.Errorf("aslgen run: %v", err)
	}
	opts, err := f.options(stderr)
	if err != nil {
		return nil, fmt.Errorf("aslgen run: %v", err)
	}
	s, err := sim.New(doc, opts...)
	if err != nil {
		return nil, fmt.Errorf("aslgen run: %s: %v", file, err)
	}
	ex, err := s.Run(ctx, input)
	if err != nil {
		return nil, fmt.Errorf("aslgen run: %v", err)
	}
	return ex, nil
}

// loadDefinition reads and decodes the definition in file.
func loadDefinition(file string) (*asl.StateMachine, error) {
	def, err := definition.Read(file)
	switch {
	case errors.As(err, new(*fs.PathError)):
		return nil, fmt.Errorf("aslgen run: %v", err)
	case err != nil:
		return nil, err // a YAML syntax error, file:line:column: message
	}
	return def.Decode()
}

// readInput returns the execution input of -input: JSON text, or @FILE.
func readInput(input string) (any, error) {
	data := []byte(input)
	if file, ok := strings.CutPrefix(input, "@"); ok {
		var err error
		if data, err = os.ReadFile(file); err != nil {
			return nil, fmt.Errorf("-input: %v", err)
		}
	}
	v, err := jsonvalue.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("-input is not JSON: %v", err)
	}
	return v, nil
}

// options returns the simulator options of a single run: the history, the
// machine's name and the mock configuration, and where it runs. It prints
// the mock configuration's warnings on stderr.
func (f *runFlags) options(stderr io.Writer) ([]sim.Option, error) {
	// The history is recorded for -history and -graph only: AWS's limit of 25,000
	// history events applies whether it is recorded or not.
	opts := append([]sim.Option{sim.History(*f.history || *f.graph != "")}, f.where()...)
	if *f.name != "" {
		opts = append(opts, sim.Name(*f.name))
	}
	switch {
	case *f.mockConfig != "":
		cfg, err := sim.LoadMockConfig(*f.mockConfig)
		if err != nil {
			return nil, err
		}
		for _, w := range cfg.Warnings() {
			fmt.Fprintf(stderr, "aslgen run: warning: %s: %s\n", *f.mockConfig, w)
		}
		opts = append(opts, sim.UseMockConfig(cfg, *f.testCase))
	case *f.testCase != "":
		return nil, errors.New("-test-case needs -mock-config")
	}
	return opts, nil
}

// printExecution prints an execution as one line of JSON: its status, its
// output or its error and cause, and with history its events.
func printExecution(w io.Writer, ex *sim.Execution, history bool) error {
	out := jsonvalue.NewObject(4)
	out.Set("status", string(ex.Status))
	if ex.Status == sim.Succeeded {
		out.Set("output", ex.Output)
	} else {
		if ex.Error != "" {
			out.Set("error", ex.Error)
		}
		if ex.Cause != "" {
			out.Set("cause", ex.Cause)
		}
	}
	line := jsonvalue.Marshal(out)
	if history {
		events, err := json.Marshal(ex.Events())
		if err != nil {
			return fmt.Errorf("aslgen run: %v", err)
		}
		line = append(line[:len(line)-1], `,"events":`...)
		line = append(append(line, events...), '}')
	}
	if _, err := fmt.Fprintf(w, "%s\n", line); err != nil {
		return fmt.Errorf("aslgen run: %v", err)
	}
	return nil
}
