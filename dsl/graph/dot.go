package graph

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
)

// DOT returns a Graphviz digraph of sm, top to bottom, ending in a
// newline: "dot -Tsvg" draws it.
func DOT(sm *asl.StateMachine, opts *Options) []byte {
	d := build(sm, opts)
	var b bytes.Buffer
	b.WriteString("digraph StateMachine {\n")
	b.WriteString("  rankdir=TB;\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=11, style=filled, fillcolor=\"#ffffff\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=10];\n")
	d.dotScope(&b, d.top, "  ")
	for _, e := range d.edges {
		var attrs []string
		if e.label != "" {
			attrs = append(attrs, "label="+dotString(e.label))
		}
		if e.dashed {
			attrs = append(attrs, "style=dashed")
		}
		if e.key.Kind == EdgeDefault {
			attrs = append(attrs, "fontcolor=\"#555555\"")
		}
		if d.taken(e) {
			attrs = append(attrs, `color="#1b7a34"`, "penwidth=3")
		}
		fmt.Fprintf(&b, "  %s -> %s", e.from.id, e.to.id)
		if len(attrs) > 0 {
			fmt.Fprintf(&b, " [%s]", strings.Join(attrs, ", "))
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func (d *diagram) dotScope(b *bytes.Buffer, sc *scope, indent string) {
	for _, nd := range sc.nodes {
		if c := nd.comp; c != nil {
			fmt.Fprintf(b, "%ssubgraph cluster_%s {\n", indent, nd.id)
			fmt.Fprintf(b, "%s  label=%s;\n%s  style=rounded;\n", indent, dotString(nd.name+" ("+c.label+")"), indent)
			d.dotNode(b, nd, indent+"  ")
			for _, inner := range c.scopes {
				fmt.Fprintf(b, "%s  subgraph cluster_%s {\n", indent, inner.id)
				fmt.Fprintf(b, "%s    label=%s;\n%s    style=dashed;\n", indent, dotString(inner.label), indent)
				d.dotScope(b, inner, indent+"    ")
				fmt.Fprintf(b, "%s  }\n", indent)
			}
			d.dotNode(b, c.join, indent+"  ")
			fmt.Fprintf(b, "%s}\n", indent)
			continue
		}
		d.dotNode(b, nd, indent)
	}
}

func (d *diagram) dotNode(b *bytes.Buffer, nd *node, indent string) {
	attrs := []string{"label=" + dotString(strings.Join(nd.lines, "\n"))}
	switch nd.shape {
	case shapeBox:
		attrs = append(attrs, "shape=box")
	case shapeRound:
		attrs = append(attrs, "shape=box", `style="rounded,filled"`)
	case shapeDiamond:
		attrs = append(attrs, "shape=diamond")
	case shapeHexagon:
		attrs = append(attrs, "shape=hexagon")
	case shapeStadium:
		attrs = append(attrs, "shape=box", `style="rounded,filled"`, "peripheries=2")
	case shapeSub:
		attrs = append(attrs, "shape=box", "peripheries=2")
	case shapeCircle:
		attrs = append(attrs, "shape=circle", `fillcolor="#333333"`, `fontcolor="#ffffff"`, "width=0.5", "fixedsize=true", "fontsize=9")
	case shapeJoin:
		attrs = append(attrs[:0], `label=""`, "shape=point", "width=0.15")
	}
	switch {
	case d.failed(nd):
		attrs = append(attrs, `fillcolor="#f8b4b4"`, `color="#b71c1c"`, "penwidth=3")
	case d.entered(nd):
		attrs = append(attrs, `fillcolor="#d7f5dd"`, `color="#1b7a34"`, "penwidth=3")
	case nd.fail:
		attrs = append(attrs, `fillcolor="#fde2e1"`, `color="#c62828"`)
	}
	fmt.Fprintf(b, "%s%s [%s];\n", indent, nd.id, strings.Join(attrs, ", "))
}

// dotString returns s as a DOT quoted string: backslashes and quotes
// escaped, line breaks as \n (centred lines).
func dotString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
