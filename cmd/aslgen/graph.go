package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/graph"
	"github.com/aslgen/aslgen/dsl/sim"
)

// graphFlags are the flags of aslgen graph.
type graphFlags struct {
	format, out *string
}

func newGraphFlags(stderr io.Writer) (*flag.FlagSet, graphFlags) {
	fs := newFlagSet("graph", stderr)
	return fs, graphFlags{
		format: fs.String("format", "", ""),
		out:    fs.String("o", "", ""),
	}
}

// graphCommand is aslgen graph [-format mermaid|dot|svg] [-o FILE]
// DEFINITION: it draws the definition.
func graphCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags, f := newGraphFlags(stderr)
	if code, done := parse(flags, "graph", args); done {
		return code
	}
	if flags.NArg() != 1 {
		usage(stderr, "graph")
		return exitError
	}
	format := *f.format
	if format == "" {
		format = formatOf(*f.out)
	}
	draw, err := drawer(format)
	if err != nil {
		fmt.Fprintf(stderr, "aslgen graph: %v\n", err)
		return exitError
	}
	file := flags.Arg(0)
	d, err := readDefinition(file, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "aslgen graph: %v\n", err)
		return exitError
	}
	sm, err := d.Decode()
	if err != nil {
		fmt.Fprintf(stderr, "%v\naslgen graph: %s does not decode, so there is nothing to draw\n", err, file)
		return exitError
	}
	out := draw(sm, nil)
	if *f.out == "" || *f.out == "-" {
		stdout.Write(out)
		return exitOK
	}
	if err := writeFile(*f.out, out); err != nil {
		fmt.Fprintf(stderr, "aslgen graph: %v\n", err)
		return exitError
	}
	return exitOK
}

// formatOf returns the format that a file's extension asks for: svg for
// .svg, dot for .dot and .gv, and mermaid otherwise.
func formatOf(file string) string {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".svg":
		return "svg"
	case ".dot", ".gv":
		return "dot"
	}
	return "mermaid"
}

// drawer returns the function that draws in format.
func drawer(format string) (func(*asl.StateMachine, *graph.Options) []byte, error) {
	switch format {
	case "mermaid":
		return graph.Mermaid, nil
	case "dot":
		return graph.DOT, nil
	case "svg":
		return graph.SVG, nil
	}
	return nil, fmt.Errorf("-format %q: want mermaid, dot or svg", format)
}

// writeFile writes data to file atomically: a temporary file in the same
// directory, renamed over it.
func writeFile(file string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".aslgen-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// drawExecution writes the drawing of an execution of the definition in
// file to out (aslgen run -graph), in the format of out's extension: the
// states it entered and the edges it took highlighted, the states that
// failed marked.
func drawExecution(file string, ex *sim.Execution, out string) error {
	draw, err := drawer(formatOf(out))
	if err != nil {
		return err
	}
	sm, err := loadDefinition(file)
	if err != nil {
		return err
	}
	p := ex.Path()
	ov := &graph.Overlay{}
	for _, name := range p.Entered {
		ov.AddState(name)
	}
	for _, t := range p.Transitions {
		ov.AddEdge(graph.EdgeOf(sm, t.From, t.To, t.Caught))
	}
	for _, name := range p.Failed {
		ov.AddFailed(name)
	}
	if err := writeFile(out, draw(sm, &graph.Options{Overlay: ov})); err != nil {
		return fmt.Errorf("aslgen run: -graph: %v", err)
	}
	return nil
}
