package graph_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/graph"
	"github.com/aslgen/aslgen/dsl/internal/shareddata"
	"github.com/aslgen/aslgen/golden"
)

// formats are the drawings, by the extension of their golden files.
var formats = []struct {
	ext  string
	draw func(*asl.StateMachine, *graph.Options) []byte
}{
	{".mmd", graph.Mermaid},
	{".dot", graph.DOT},
	{".svg", graph.SVG},
}

// examples returns the committed ASL of the repository's examples.
func examples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../examples/*/*.asl.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	return files
}

func decodeFile(t *testing.T, file string) *asl.StateMachine {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sm, err := asl.Unmarshal(data)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return sm
}

// TestGoldenExamples compares the three drawings of every example with
// testdata/NAME.{mmd,dot,svg}; -update rewrites them.
func TestGoldenExamples(t *testing.T) {
	for _, file := range examples(t) {
		sm := decodeFile(t, file)
		name := strings.TrimSuffix(filepath.Base(file), ".asl.json")
		for _, f := range formats {
			t.Run(name+f.ext, func(t *testing.T) {
				got := f.draw(sm, nil)
				if again := f.draw(sm, nil); !bytes.Equal(got, again) {
					t.Fatal("two drawings of the same machine differ")
				}
				golden.File(t, filepath.Join("testdata", name+f.ext), got)
			})
		}
	}
}

// corpus returns the examples and the shared corpus's definitions that
// decode.
func corpus(t *testing.T) map[string]*asl.StateMachine {
	t.Helper()
	out := map[string]*asl.StateMachine{}
	for _, file := range examples(t) {
		out[file] = decodeFile(t, file)
	}
	files := shareddata.Matches("corpus/workflows-collection/*.json")
	if len(files) == 0 {
		t.Log("shared corpus not found: checking the examples only")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if sm, err := asl.Unmarshal(data); err == nil {
			out[file] = sm
		}
	}
	return out
}

// TestSVGIsXML parses every SVG drawing of the examples and the corpus.
func TestSVGIsXML(t *testing.T) {
	for file, sm := range corpus(t) {
		svg := graph.SVG(sm, nil)
		if err := wellFormed(svg); err != nil {
			t.Errorf("%s: the SVG is not well-formed XML: %v", file, err)
		}
	}
}

func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if !root {
				return errors.New("no root element")
			}
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && !root {
			if se.Name.Local != "svg" {
				return errors.New("the root element is " + se.Name.Local)
			}
			root = true
		}
	}
}

// TestDOTAcceptedByGraphviz runs dot over the DOT drawing of every example
// and corpus definition, where Graphviz is installed.
func TestDOTAcceptedByGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("skipping: Graphviz dot is not installed (apt-get install graphviz)")
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for file, sm := range corpus(t) {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			cmd := exec.Command(dot, "-Tsvg", "-o", os.DevNull)
			cmd.Stdin = bytes.NewReader(graph.DOT(sm, nil))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil || strings.Contains(stderr.String(), "Error") {
				t.Errorf("%s: dot rejects the drawing: %v\n%s", file, err, stderr.String())
			}
		}()
	}
	wg.Wait()
}

// TestREADMEDiagram checks that the README's Diagrams section shows the
// order fulfilment example as Mermaid draws it now.
func TestREADMEDiagram(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Mermaid(decodeFile(t, "../../examples/fulfilment/orderfulfilment.asl.json"), nil)
	if !bytes.Contains(readme, append([]byte("```mermaid\n"), want...)) {
		t.Errorf("README.md's Diagrams section lacks the current drawing of orderfulfilment.asl.json:\n%s", want)
	}
}

// TestMermaidParses parses the Mermaid drawings of the examples, the corpus
// and the constructs with Mermaid's own parser, through the Node script in
// testdata/mermaidcheck, when Node and the script's packages are there
// (npm install in that directory).
func TestMermaidParses(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("skipping: node is not installed (Mermaid's parser runs in Node)")
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "mermaidcheck"))
	probe := exec.Command(node, "--input-type=module", "-e", "await import('mermaid'); await import('jsdom')")
	probe.Dir = script
	if out, err := probe.CombinedOutput(); err != nil {
		t.Skipf("skipping: Mermaid is not installed for %s (run npm install there): %v\n%s", script, err, firstLine(out))
	}
	dir := t.TempDir()
	var files []string
	write := func(name string, data []byte) {
		path := filepath.Join(dir, fmt.Sprintf("%03d-%s.mmd", len(files), name))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	for file, sm := range corpus(t) {
		write(filepath.Base(file), graph.Mermaid(sm, nil))
	}
	for _, doc := range []string{everything, jsonataMachine} {
		sm, err := asl.Unmarshal([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		ov := &graph.Overlay{}
		for name := range sm.States.All() {
			ov.AddState(name)
			ov.AddFailed(name)
		}
		ov.AddEdge(graph.EdgeOf(sm, "", sm.StartAt, false))
		write("construct", graph.Mermaid(sm, nil))
		write("overlay", graph.Mermaid(sm, &graph.Options{Overlay: ov}))
	}
	cmd := exec.Command(node, append([]string{"check.mjs"}, files...)...)
	cmd.Dir = script
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("Mermaid rejects drawings: %v\n%s", err, out)
	}
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}
