// Package graph draws a state machine: the states of an [asl.StateMachine]
// as a diagram, in three formats.
//
//   - [Mermaid] writes a Mermaid flowchart, which GitHub and GitLab render
//     in Markdown inside a ```mermaid block.
//   - [DOT] writes Graphviz DOT, for dot -Tsvg or any Graphviz tool.
//   - [SVG] writes a self-contained SVG image that this package lays out
//     itself (no Graphviz needed): states in layers by their longest path
//     from StartAt, ordered within a layer to reduce crossings, boxes sized
//     to their labels, edges as curves with their labels.
//
// The three drawings show the same graph. Start and end are small circles.
// A Task is a box (with its resource, shortened), a Pass a rounded box, a
// Wait a hexagon, a Succeed or Fail a stadium, a Choice a diamond whose
// edges carry each rule's condition in short form ($.amount > 100,
// And(...), the text of a JSONata Condition) and whose Default edge is
// labelled Default. A Parallel state is a cluster that holds its branches,
// a Map state a cluster that holds its item processor; edges into the
// state go to its head, its Next leaves from its join. Catch edges are
// dashed and labelled with their error names, and a state with Retry says
// so ("retry ×3": its largest MaxAttempts).
//
// An [Overlay] draws an execution, or coverage, on the diagram: how often
// each state was entered and each edge taken (edges are named by an
// [EdgeKey]: from, to, kind and index), and which states failed. Entered
// states and taken edges are highlighted, failed states marked. The
// overlay is plain data: the simulator's [Execution.Path] (package
// dsl/sim) gives the transitions of a run, and [EdgeOf] names the edge each
// one took.
//
// Output is deterministic: the same machine and overlay give the same
// bytes. Node identifiers are s0, s1, ... in definition order; names and
// labels are escaped for each format, so any state name (quotes, brackets,
// unicode) draws as written.
//
// A machine built with package dsl is drawn from its document:
//
//	doc, err := machine.Build()
//	...
//	os.WriteFile("orders.mmd", graph.Mermaid(doc, nil), 0o666)
//
// [Execution.Path]: https://pkg.go.dev/github.com/aslgen/aslgen/dsl/sim#Execution.Path
package graph
