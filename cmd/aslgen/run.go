package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/dsl/yaml"
	"github.com/aslgen/aslgen/gen"
)

// runCommand is `aslgen run`: one execution, or a batch with -cases.
func runCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("aslgen run", stderr)
	input := fs.String("input", "{}", "")
	mockConfig := fs.String("mock-config", "", "")
	testCase := fs.String("test-case", "", "")
	history := fs.Bool("history", false, "")
	cases := fs.String("cases", "", "")
	name := fs.String("name", "", "")
	account := fs.String("account", "", "")
	region := fs.String("region", "", "")
	if code, done := parse(fs, args); done {
		return code
	}
	// The account and region are where the simulated executions run: they
	// apply to a single run and to every case of a batch.
	var where []sim.Option
	if *account != "" {
		where = append(where, sim.Account(*account))
	}
	if *region != "" {
		where = append(where, sim.Region(*region))
	}
	if *cases != "" {
		if fs.NArg() > 0 {
			fmt.Fprintln(stderr, "aslgen run: -cases takes no definition file")
			return gen.ExitError
		}
		var others []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name != "cases" && f.Name != "account" && f.Name != "region" {
				others = append(others, "-"+f.Name)
			}
		})
		if len(others) > 0 {
			fmt.Fprintf(stderr, "aslgen run: -cases takes its inputs and mocks from the batch file, not from %s\n", strings.Join(others, " "))
			return gen.ExitError
		}
		return runCases(ctx, *cases, stdin, stdout, stderr, where)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: aslgen run [-input JSON|@FILE] [-mock-config FILE -test-case NAME] [-name NAME] [-account ID] [-region REGION] [-history] DEFINITION.json")
		return gen.ExitError
	}
	file := fs.Arg(0)
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "aslgen run: %v\n", err)
		return gen.ExitError
	}
	if gen.IsYAML(file) {
		if data, _, err = yaml.ToJSON(data); err != nil {
			fmt.Fprintf(stderr, "%s:%v\n", file, err)
			return gen.ExitError
		}
	}
	doc, err := asl.Unmarshal(data)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "%s:%s\n", file, line)
		}
		return gen.ExitError
	}
	in := []byte(*input)
	if strings.HasPrefix(*input, "@") {
		if in, err = os.ReadFile((*input)[1:]); err != nil {
			fmt.Fprintf(stderr, "aslgen run: -input: %v\n", err)
			return gen.ExitError
		}
	}
	inValue, err := jsonvalue.Parse(in)
	if err != nil {
		fmt.Fprintf(stderr, "aslgen run: -input is not JSON: %v\n", err)
		return gen.ExitError
	}
	// The history is recorded even without -history, so that AWS's limit of
	// 25,000 history events applies as it does on AWS (and as under -cases,
	// which lists event types).
	opts := append([]sim.Option{sim.History(true)}, where...)
	if *name != "" {
		opts = append(opts, sim.Name(*name))
	}
	if *mockConfig != "" {
		cfg, err := sim.LoadMockConfig(*mockConfig)
		if err != nil {
			fmt.Fprintf(stderr, "aslgen run: %v\n", err)
			return gen.ExitError
		}
		opts = append(opts, sim.UseMockConfig(cfg, *testCase))
	} else if *testCase != "" {
		fmt.Fprintln(stderr, "aslgen run: -test-case needs -mock-config")
		return gen.ExitError
	}
	s, err := sim.New(doc, opts...)
	if err != nil {
		fmt.Fprintf(stderr, "aslgen run: %s: %v\n", file, err)
		return gen.ExitError
	}
	ex, err := s.Run(ctx, inValue)
	if err != nil {
		fmt.Fprintf(stderr, "aslgen run: %v\n", err)
		return gen.ExitError
	}
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
	if *history {
		events, err := json.Marshal(ex.Events)
		if err != nil {
			fmt.Fprintf(stderr, "aslgen run: %v\n", err)
			return gen.ExitError
		}
		line = append(line[:len(line)-1], `,"events":`...)
		line = append(append(line, events...), '}')
	}
	fmt.Fprintf(stdout, "%s\n", line)
	if ex.Status != sim.Succeeded {
		return gen.ExitStale
	}
	return gen.ExitOK
}

func runCases(ctx context.Context, file string, stdin io.Reader, stdout, stderr io.Writer, opts []sim.Option) int {
	r, dir := stdin, "."
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			fmt.Fprintf(stderr, "aslgen run: %v\n", err)
			return gen.ExitError
		}
		defer f.Close()
		r, dir = f, filepath.Dir(file)
	}
	if err := sim.RunCases(ctx, r, stdout, dir, opts...); err != nil {
		fmt.Fprintf(stderr, "aslgen run: %v\n", err)
		return gen.ExitError
	}
	return gen.ExitOK
}
