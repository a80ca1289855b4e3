package graph

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/aslgen/aslgen/dsl/asl"
)

// Mermaid returns a Mermaid flowchart of sm, top to bottom, ending in a
// newline. Put it in a ```mermaid block of a Markdown file to have GitHub
// or GitLab draw it.
func Mermaid(sm *asl.StateMachine, opts *Options) []byte {
	d := build(sm, opts)
	var b bytes.Buffer
	b.WriteString("flowchart TD\n")
	d.mermaidScope(&b, d.top, "  ")
	for _, e := range d.edges {
		arrow := "-->"
		if e.dashed {
			arrow = "-.->"
		}
		if e.label != "" {
			arrow += "|" + mermaidText(e.label) + "|"
		}
		fmt.Fprintf(&b, "  %s %s %s\n", e.from.id, arrow, e.to.id)
	}
	b.WriteString("  classDef startEnd fill:#333,stroke:#333,color:#fff\n")
	b.WriteString("  classDef join fill:#999,stroke:#999,color:#999\n")
	b.WriteString("  classDef fail fill:#fde2e1,stroke:#c62828\n")
	if d.ov != nil {
		b.WriteString("  classDef entered fill:#d7f5dd,stroke:#1b7a34,stroke-width:3px\n")
		b.WriteString("  classDef failed fill:#f8b4b4,stroke:#b71c1c,stroke-width:4px\n")
	}
	var ends, joins, fails, entered, failed []string
	for _, nd := range d.nodes {
		switch {
		case nd.shape == shapeCircle:
			ends = append(ends, nd.id)
		case nd.shape == shapeJoin:
			joins = append(joins, nd.id)
		}
		switch {
		case d.failed(nd):
			failed = append(failed, nd.id)
		case d.entered(nd):
			entered = append(entered, nd.id)
		case nd.fail:
			fails = append(fails, nd.id)
		}
	}
	for _, c := range []struct {
		class string
		ids   []string
	}{{"startEnd", ends}, {"join", joins}, {"fail", fails}, {"entered", entered}, {"failed", failed}} {
		if len(c.ids) > 0 {
			fmt.Fprintf(&b, "  class %s %s\n", strings.Join(c.ids, ","), c.class)
		}
	}
	var taken []string
	for _, e := range d.edges {
		if d.taken(e) {
			taken = append(taken, fmt.Sprint(e.index))
		}
	}
	if len(taken) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:#1b7a34,stroke-width:3px\n", strings.Join(taken, ","))
	}
	return b.Bytes()
}

// mermaidScope writes the nodes of a scope, with subgraphs for the
// branches and processors of its Parallel and Map states.
func (d *diagram) mermaidScope(b *bytes.Buffer, sc *scope, indent string) {
	for _, nd := range sc.nodes {
		if c := nd.comp; c != nil {
			fmt.Fprintf(b, "%ssubgraph %s_c[%s]\n", indent, nd.id, mermaidText(nd.name+" ("+c.label+")"))
			d.mermaidNode(b, nd, indent+"  ")
			for _, inner := range c.scopes {
				fmt.Fprintf(b, "%s  subgraph %s[%s]\n", indent, inner.id, mermaidText(inner.label))
				d.mermaidScope(b, inner, indent+"    ")
				fmt.Fprintf(b, "%s  end\n", indent)
			}
			d.mermaidNode(b, c.join, indent+"  ")
			fmt.Fprintf(b, "%send\n", indent)
			continue
		}
		d.mermaidNode(b, nd, indent)
	}
}

func (d *diagram) mermaidNode(b *bytes.Buffer, nd *node, indent string) {
	text := make([]string, len(nd.lines))
	for i, l := range nd.lines {
		text[i] = mermaidEscape(l)
	}
	label := `"` + strings.Join(text, "<br>") + `"`
	var open, close string
	switch nd.shape {
	case shapeBox:
		open, close = "[", "]"
	case shapeRound:
		open, close = "(", ")"
	case shapeDiamond:
		open, close = "{", "}"
	case shapeHexagon:
		open, close = "{{", "}}"
	case shapeStadium:
		open, close = "([", "])"
	case shapeSub:
		open, close = "[[", "]]"
	case shapeCircle:
		open, close = "((", "))"
	case shapeJoin:
		open, close, label = "((", "))", `" "`
	}
	fmt.Fprintf(b, "%s%s%s%s%s\n", indent, nd.id, open, label, close)
}

// mermaidText returns s as a quoted Mermaid label.
func mermaidText(s string) string {
	return `"` + mermaidEscape(s) + `"`
}

// mermaidEscape escapes the characters that Mermaid reads inside a quoted
// label as its own: quotes, entity and markup characters, and the
// characters of edge syntax, as #code; entities.
func mermaidEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"', '#', '&', '<', '>', '|', '`':
			fmt.Fprintf(&b, "#%d;", r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
