package graph_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/graph"
)

// TestSVGCoverage checks Options.Coverage: untaken edges red, and titles
// with the counts of states and edges; without it, the drawing is as before.
func TestSVGCoverage(t *testing.T) {
	doc, err := asl.Unmarshal([]byte(`{"StartAt":"A","States":{
	  "A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"B"}],"Default":"C"},
	  "B":{"Type":"Pass","End":true},"C":{"Type":"Succeed"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	var ov graph.Overlay
	for _, s := range []string{"A", "B", "A", "B"} {
		ov.AddState(s)
	}
	ov.AddEdge(graph.EdgeKey{To: "A", Kind: graph.EdgeStart})
	ov.AddEdge(graph.EdgeKey{To: "A", Kind: graph.EdgeStart})
	ov.AddEdge(graph.EdgeKey{From: "A", To: "B", Kind: graph.EdgeRule})
	ov.AddEdge(graph.EdgeKey{From: "A", To: "B", Kind: graph.EdgeRule})
	ov.AddEdge(graph.EdgeKey{From: "B", Kind: graph.EdgeEnd})
	plain := graph.SVG(doc, &graph.Options{Overlay: &ov})
	cov := graph.SVG(doc, &graph.Options{Overlay: &ov, Coverage: true})
	if bytes.Contains(plain, []byte("#d32f2f")) || bytes.Contains(plain, []byte("entered")) {
		t.Errorf("without Coverage the drawing has coverage marks:\n%s", plain)
	}
	for _, want := range []string{
		"<title>A: entered 2 times</title>",
		"<title>C: entered 0 times</title>",
		"<title>A → B (rule 1): taken 2 times</title>",
		"<title>A → C (Default): taken 0 times</title>",
		"<title>B → End: taken 1 time</title>",
		`stroke="#d32f2f"`,
	} {
		if !strings.Contains(string(cov), want) {
			t.Errorf("the coverage drawing lacks %q:\n%s", want, cov)
		}
	}
}
