package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/graph"
)

const graphExample = "../../examples/fulfilment/orderfulfilment.asl.json"

func TestGraphFormats(t *testing.T) {
	data, err := os.ReadFile(graphExample)
	if err != nil {
		t.Fatal(err)
	}
	sm, err := asl.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want []byte
	}{
		{[]string{"graph", graphExample}, graph.Mermaid(sm, nil)},
		{[]string{"graph", "-format", "mermaid", graphExample}, graph.Mermaid(sm, nil)},
		{[]string{"graph", "-format", "dot", graphExample}, graph.DOT(sm, nil)},
		{[]string{"graph", "-format", "svg", graphExample}, graph.SVG(sm, nil)},
	} {
		r := runInProcess(c.args...)
		if r.code != 0 || r.stderr != "" || r.stdout != string(c.want) {
			t.Errorf("aslgen %v: exit %d, stderr %q, stdout as expected: %v", c.args, r.code, r.stderr, r.stdout == string(c.want))
		}
	}
	dir := t.TempDir()
	for ext, want := range map[string][]byte{".svg": graph.SVG(sm, nil), ".dot": graph.DOT(sm, nil), ".gv": graph.DOT(sm, nil), ".mmd": graph.Mermaid(sm, nil)} {
		out := filepath.Join(dir, "flow"+ext)
		r := runInProcess("graph", "-o", out, graphExample)
		got, err := os.ReadFile(out)
		if r.code != 0 || r.stdout != "" || r.stderr != "" || err != nil || !bytes.Equal(got, want) {
			t.Errorf("aslgen graph -o %s: exit %d, stdout %q, stderr %q, %v, as expected: %v", out, r.code, r.stdout, r.stderr, err, bytes.Equal(got, want))
		}
	}
}

func TestGraphYAMLAndStdin(t *testing.T) {
	dir := t.TempDir()
	yamlFile := filepath.Join(dir, "flow.asl.yaml")
	if err := os.WriteFile(yamlFile, []byte("StartAt: A\nStates:\n  A:\n    Type: Succeed\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	r := runInProcess("graph", yamlFile)
	if r.code != 0 || !strings.Contains(r.stdout, `s0(["A<br>Succeed"])`) {
		t.Errorf("aslgen graph on YAML: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"graph", "-"}, strings.NewReader(`{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}`), &stdout, &stderr)
	if code != 0 || !strings.Contains(stdout.String(), "s0 --> finish") {
		t.Errorf("aslgen graph -: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

func TestGraphErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.asl.json")
	os.WriteFile(bad, []byte(`{"StartAt": "A", "States": {"A": {"Type": "Nope"}}}`), 0o666)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"graph"}, "usage: aslgen graph"},
		{[]string{"graph", "-format", "png", graphExample}, `-format "png": want mermaid, dot or svg`},
		{[]string{"graph", filepath.Join(dir, "missing.json")}, "no such file"},
		{[]string{"graph", bad}, "does not decode"},
	} {
		r := runInProcess(c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("aslgen %v: exit %d, stderr %q, want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

func TestRunGraph(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "flow.asl.json")
	os.WriteFile(def, []byte(`{
  "StartAt": "Check",
  "States": {
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "Big"}], "Default": "Small"},
    "Big": {"Type": "Pass", "Next": "Boom"},
    "Boom": {"Type": "Fail", "Error": "Too.Big"},
    "Small": {"Type": "Succeed"}
  }
}`), 0o666)
	mmd := filepath.Join(dir, "run.mmd")
	r := runInProcess("run", "-input", `{"n": 2}`, "-graph", mmd, def)
	if r.code != 1 || !strings.Contains(r.stdout, `"error":"Too.Big"`) || strings.Contains(r.stdout, `"events"`) {
		t.Fatalf("aslgen run -graph: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(mmd)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"class s0,s1 entered", "class s2 failed", "linkStyle 0,1,3 stroke:#1b7a34"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the drawn execution lacks %q:\n%s", want, got)
		}
	}
	svg := filepath.Join(dir, "run.svg")
	if r := runInProcess("run", "-input", `{"n": 0}`, "-graph", svg, def); r.code != 0 {
		t.Fatalf("aslgen run -graph: exit %d, stderr %q", r.code, r.stderr)
	}
	data, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, new(struct{})); err != nil || !bytes.Contains(data, []byte("arrow-taken")) {
		t.Errorf("the SVG of the run: %v\n%s", err, data)
	}
	if r := runInProcess("run", "-graph", filepath.Join(dir, "no", "such", "dir.svg"), def); r.code != 2 || !strings.Contains(r.stderr, "-graph") {
		t.Errorf("aslgen run -graph into a missing directory: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestGenerateGraph checks -graph of generating: a diagram beside each ASL
// file, for a package whose //go:generate line asks for it, or for every
// package with the flag; -check reports a stale one, and a hand-written
// .mmd is not overwritten.
func TestGenerateGraph(t *testing.T) {
	t.Parallel()
	withGraph := strings.Replace(simpleFlow, "go tool aslgen\n", "go tool aslgen -graph\n", 1)
	mod := newModule(t, map[string]string{"orders/flow.go": withGraph, "plain/flow.go": strings.Replace(simpleFlow, "package orders", "package plain", 1)})
	aslgen(t, mod, "./...").want(t, 0)
	if got := listDir(t, filepath.Join(mod, "orders")); got != "flow.go x.asl.json x.mmd" {
		t.Errorf("orders holds %s", got)
	}
	if got := listDir(t, filepath.Join(mod, "plain")); got != "flow.go x.asl.json" {
		t.Errorf("plain holds %s", got)
	}
	mmd := filepath.Join(mod, "orders", "x.mmd")
	want := "%% Code generated by aslgen. DO NOT EDIT.\nflowchart TD\n  begin((\"Start\"))\n  s0(\"A<br>Pass\")\n"
	if got := readFile(t, mmd); !strings.HasPrefix(got, want) {
		t.Errorf("x.mmd is\n%s\nwant it to start\n%s", got, want)
	}
	aslgen(t, mod, "-check", "./...").want(t, 0)
	os.WriteFile(mmd, []byte("%% Code generated by aslgen. DO NOT EDIT.\nflowchart TD\n"), 0o644)
	r := aslgen(t, mod, "-check", "./...")
	r.want(t, 1)
	if !strings.Contains(r.stdout, "x.mmd") {
		t.Errorf("-check on a stale diagram printed %q", r.stdout)
	}
	aslgen(t, mod, "-graph", "./...").want(t, 0)
	if got := listDir(t, filepath.Join(mod, "plain")); got != "flow.go x.asl.json x.mmd" {
		t.Errorf("with -graph, plain holds %s", got)
	}
	os.WriteFile(mmd, []byte("flowchart LR\n  mine\n"), 0o644)
	r = aslgen(t, mod, "./...")
	r.want(t, 2)
	if !strings.Contains(r.stderr, "x.mmd exists and was not written by aslgen") {
		t.Errorf("a hand-written diagram: stderr %q", r.stderr)
	}
}
