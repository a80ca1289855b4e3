package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/aslgen/aslgen/gen"
)

// generateFlags are the flags of generating.
type generateFlags struct {
	check, diff, verbose, work, strict, graph *bool
	tags                                      *string
}

// newGenerateFlags defines the flags of generating. The manual (doc.go)
// documents them, so they have no usage text of their own.
func newGenerateFlags(stderr io.Writer) (*flag.FlagSet, *generateFlags) {
	fs := newFlagSet("generate", stderr)
	return fs, &generateFlags{
		check:   fs.Bool("check", false, ""),
		diff:    fs.Bool("diff", false, ""),
		verbose: fs.Bool("v", false, ""),
		work:    fs.Bool("work", false, ""),
		strict:  fs.Bool("strict", false, ""),
		graph:   fs.Bool("graph", false, ""),
		tags:    fs.String("tags", "", ""),
	}
}

// generateCommand is aslgen [flags] [packages]: it runs the generator and
// prints what it found.
func generateCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, f := newGenerateFlags(stderr)
	if code, done := parse(fs, "generate", args); done {
		return code
	}
	cfg := gen.Config{Patterns: fs.Args(), Tags: *f.tags, KeepWork: *f.work, Strict: *f.strict, Graph: *f.graph}
	switch {
	case *f.check && *f.diff:
		fmt.Fprintln(stderr, "aslgen: -check and -diff cannot be used together")
		return exitError
	case *f.check:
		cfg.Mode = gen.ModeCheck
	case *f.diff:
		cfg.Mode = gen.ModeDiff
	}
	if *f.verbose {
		cfg.Logf = func(format string, args ...any) { fmt.Fprintf(stderr, "aslgen: "+format+"\n", args...) }
	}
	res, err := gen.Run(ctx, cfg)
	printFindings(stderr, res, *f.verbose)
	if err != nil {
		printGenError(stderr, err)
		return exitError
	}
	return printFiles(stdout, stderr, cfg.Mode, res.Files, *f.verbose)
}

// printFindings prints what the generator found besides the files: its
// notes, the work directories it kept, what the user's code printed (with
// -v) and the warnings.
func printFindings(w io.Writer, res *gen.Result, verbose bool) {
	for _, n := range res.Notes {
		fmt.Fprintf(w, "aslgen: %s\n", n)
	}
	for _, dir := range res.Work {
		fmt.Fprintf(w, "WORK=%s\n", dir)
	}
	if verbose {
		w.Write(res.Output)
	}
	for _, warning := range res.Warnings {
		fmt.Fprintln(w, warning)
	}
}

// printGenError prints an error of the generator: the problems in the
// user's code one per line, as the Go tools print them, and any other
// error after the command's name.
func printGenError(w io.Writer, err error) {
	var list gen.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(w, e)
		}
		return
	}
	fmt.Fprintf(w, "aslgen: %v\n", err)
}

// printFiles prints what the generator did or would do to the files, by
// mode: the list of files to change (-check), their diffs (-diff), and
// with -v each file written, unchanged or deleted. It returns the exit code.
func printFiles(stdout, stderr io.Writer, mode gen.Mode, files []gen.File, verbose bool) int {
	stale := 0
	for _, f := range files {
		switch {
		case !f.Changed:
			if verbose {
				fmt.Fprintf(stderr, "aslgen: unchanged %s\n", f.Path)
			}
			continue
		case mode == gen.ModeCheck:
			fmt.Fprintln(stdout, f.Path)
		case mode == gen.ModeDiff:
			stdout.Write(f.Diff)
		case verbose && f.Delete:
			fmt.Fprintf(stderr, "aslgen: deleted %s, which is no longer needed\n", f.Path)
		case verbose:
			fmt.Fprintf(stderr, "aslgen: wrote %s\n", f.Path)
		}
		stale++
	}
	switch {
	case mode == gen.ModeWrite || stale == 0:
		return exitOK
	case mode == gen.ModeCheck && stale == 1:
		fmt.Fprintln(stderr, "aslgen: 1 generated file is out of date; run go generate")
	case mode == gen.ModeCheck:
		fmt.Fprintf(stderr, "aslgen: %d generated files are out of date; run go generate\n", stale)
	}
	return exitStale
}
