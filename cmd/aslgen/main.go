package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/aslgen/aslgen/gen"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage: aslgen [-check | -diff] [-strict] [-v] [-work] [-tags list] [packages]
       aslgen validate [-json] FILE...
       aslgen run [-input JSON|@FILE] [-mock-config FILE -test-case NAME] [-name NAME] [-account ID] [-region REGION] [-history] DEFINITION.json
       aslgen run [-account ID] [-region REGION] -cases FILE.jsonl

aslgen writes the ASL file of every workflow constructor in the packages
(default "."): <name>.asl.json beside the package's Go files; and, when a
machine declares Go types, aslgen_gen.go (payload types, embedded ASL) and
aslgen_gen_test.go (simulator and typed mocks). Only packages with a
go:generate line that runs aslgen are generated, checked or diffed.

  -check      write nothing; list the files that are missing, out of date or to delete (exit 1 if any)
  -diff       write nothing; print a unified diff of each file that would change (exit 1 if any)
  -strict     treat warnings (the validator's and the data-flow analysis's) as errors (exit 2, nothing written)
  -v          report packages, constructors and files written or unchanged
  -work       keep the runner's work directory and print its path
  -tags list  build tags, as for go build

aslgen validate checks ASL documents and prints their diagnostics:
FILE:LINE:COL: SEVERITY CODE: message (at /States/X/Next).

  -json       print the diagnostics as one JSON array

aslgen run runs one execution in the simulator and prints one JSON object:
{"status":"SUCCEEDED","output":...} or {"status":"FAILED","error":...,"cause":...}
(also TIMED_OUT, ABORTED), with "events" under -history. Exit 0 when the
execution succeeded, 1 for any other status, 2 when it cannot run.
With -cases it runs a batch: one case a line in, one result a line out;
a line's start_time (RFC 3339) and type (STANDARD or EXPRESS) set the
execution's start on the virtual clock and the state machine's type.

  -input JSON        the execution input, or @FILE to read it (default {})
  -mock-config FILE  a Step Functions Local mock configuration file
  -test-case NAME    the test case of the mock configuration to use
  -name NAME         the state machine's name, for ARNs and the mock configuration
  -account ID        the AWS account in ARNs (default 123456789012)
  -region REGION     the AWS region in ARNs (default us-east-1)
  -history           add the execution's history events
  -cases FILE        run the cases of a JSONL batch file ("-" for standard input)

Exit codes: 0 ok, 1 out-of-date files or invalid documents, 2 error.
Run "go doc github.com/aslgen/aslgen/cmd/aslgen" for more.
`

// run is the command without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && isCommandName(args[0]) {
		switch args[0] {
		case "validate":
			return validate(args[1:], stdout, stderr)
		case "run":
			return runCommand(ctx, args[1:], os.Stdin, stdout, stderr)
		case "generate":
			return generate(ctx, args[1:], stdout, stderr)
		case "help":
			fmt.Fprint(stdout, usage)
			return gen.ExitOK
		default:
			fmt.Fprintf(stderr, "aslgen: unknown command %q\nRun 'aslgen -h' for usage.\n", args[0])
			return gen.ExitError
		}
	}
	return generate(ctx, args, stdout, stderr)
}

// isCommandName tells a subcommand from a package pattern: a package pattern
// is a path (".", "./...", "example.com/orders"), a command a bare word.
// A module whose path is a bare word is named with a relative path, such as
// "." or "./...".
func isCommandName(arg string) bool {
	return arg != "" && !strings.HasPrefix(arg, "-") && !strings.ContainsAny(arg, "./\\")
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return fs
}

// parse parses the flags; done is set when the command should exit with code.
func parse(fs *flag.FlagSet, args []string) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return gen.ExitOK, true
	case err != nil:
		return gen.ExitError, true
	}
	return 0, false
}

func generate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("aslgen", stderr)
	check := fs.Bool("check", false, "")
	diff := fs.Bool("diff", false, "")
	verbose := fs.Bool("v", false, "")
	work := fs.Bool("work", false, "")
	strict := fs.Bool("strict", false, "")
	tags := fs.String("tags", "", "")
	if code, done := parse(fs, args); done {
		return code
	}
	cfg := gen.Config{
		Patterns: fs.Args(),
		Tags:     *tags,
		Verbose:  *verbose,
		KeepWork: *work,
		Strict:   *strict,
		Stdout:   stdout,
		Stderr:   stderr,
	}
	switch {
	case *check && *diff:
		fmt.Fprintln(stderr, "aslgen: -check and -diff cannot be used together")
		return gen.ExitError
	case *check:
		cfg.Mode = gen.ModeCheck
	case *diff:
		cfg.Mode = gen.ModeDiff
	}
	return gen.Run(ctx, cfg)
}

func validate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("aslgen validate", stderr)
	asJSON := fs.Bool("json", false, "")
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: aslgen validate [-json] FILE...")
		return gen.ExitError
	}
	return gen.Validate(gen.ValidateConfig{Files: fs.Args(), JSON: *asJSON, Stdout: stdout, Stderr: stderr})
}
