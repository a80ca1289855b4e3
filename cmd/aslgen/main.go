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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// The exit codes of aslgen, as the manual (doc.go) lists them. Each command
// gives 1 a meaning of its own.
const (
	// exitOK: files generated or up to date, documents valid, the
	// execution succeeded.
	exitOK = 0
	// exitStale: generating with -check or -diff found a file to change.
	exitStale = 1
	// exitInvalid: validate found an error in a document.
	exitInvalid = 1
	// exitFailed: run's execution did not succeed (FAILED, TIMED_OUT or
	// ABORTED).
	exitFailed = 1
	// exitError: the command could not do its work (bad flags, a broken
	// package, an unreadable file, ...); nothing was written.
	exitError = 2
)

// run is the command without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && isCommandName(args[0]) {
		switch args[0] {
		case "validate":
			return validateCommand(args[1:], stdout, stderr)
		case "run":
			return runCommand(ctx, args[1:], stdin, stdout, stderr)
		case "import":
			return importCommand(args[1:], stdin, stdout, stderr)
		case "graph":
			return graphCommand(args[1:], stdin, stdout, stderr)
		case "cover":
			return coverCommand(args[1:], stdout, stderr)
		case "test-state":
			return testStateCommand(args[1:], stdin, stdout, stderr)
		case "generate":
			return generateCommand(ctx, args[1:], stdout, stderr)
		case "help":
			fmt.Fprint(stdout, manual())
			return exitOK
		default:
			fmt.Fprintf(stderr, "aslgen: unknown command %q\nRun 'aslgen -h' for usage.\n", args[0])
			return exitError
		}
	}
	return generateCommand(ctx, args, stdout, stderr)
}

// isCommandName tells a subcommand from a package pattern: a package pattern
// is a path (".", "./...", "example.com/orders"), a command a bare word.
// A module whose path is a bare word is named with a relative path, such as
// "." or "./...".
func isCommandName(arg string) bool {
	return arg != "" && !strings.HasPrefix(arg, "-") && !strings.ContainsAny(arg, "./\\")
}

// newFlagSet returns the flag set of a command ("generate", "validate",
// "run"), whose messages go to stderr. Its usage is printed by parse.
func newFlagSet(command string, stderr io.Writer) *flag.FlagSet {
	name := "aslgen"
	if command != "generate" {
		name += " " + command
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	return fs
}

// parse parses a command's flags; done is set when the command should exit
// with code: after -h, which prints the manual, or a bad flag, which the
// flag package reports and after which parse prints the command's usage.
func parse(fs *flag.FlagSet, command string, args []string) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(fs.Output(), manual())
		return exitOK, true
	case err != nil:
		usage(fs.Output(), command)
		return exitError, true
	}
	return 0, false
}

// usage prints the synopsis of a command and where to read more.
func usage(w io.Writer, command string) {
	fmt.Fprintf(w, "%sRun 'aslgen -h' for the manual.\n", synopsis(command))
}
