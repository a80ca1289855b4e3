package graph

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"

	"github.com/aslgen/aslgen/dsl/asl"
)

// SVG returns a self-contained SVG image of sm, laid out by this package:
// states in layers by their longest path from StartAt, ordered within a
// layer to reduce crossings, boxes sized to their labels (estimated: the
// image uses the viewer's sans-serif font), edges as curves through the
// layers they cross, labelled in the layer below their source; edges that
// go back up run round the right of their states.
func SVG(sm *asl.StateMachine, opts *Options) []byte {
	d := build(sm, opts)
	lo, top := newLayout(d)
	w, h := top.x+top.w+10, top.y+top.h+10
	// Back edges bulge out to the right: make room for them.
	var edges []*ledge
	for _, e := range d.edges {
		if le := lo.edges[e]; le != nil && le.from != nil && le.to != nil {
			edges = append(edges, le)
		}
	}
	lo.ports(edges)
	for _, le := range edges {
		if le.back {
			w = max(w, max(le.from.x+le.from.w, le.to.x+le.to.w)+backBulge+20)
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="Helvetica, Arial, sans-serif" font-size="%s">`+"\n",
		num(w), num(h), num(w), num(h), num(fontSize))
	b.WriteString(`<defs>` +
		`<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker>` +
		`<marker id="arrow-taken" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#1b7a34"/></marker>`)
	if d.cov {
		b.WriteString(`<marker id="arrow-untaken" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#d32f2f"/></marker>`)
	}
	b.WriteString("</defs>\n")
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#fff"/>`+"\n", num(w), num(h))
	lo.drawScope(&b, top)
	for _, le := range edges {
		lo.drawEdge(&b, le)
	}
	for _, le := range edges {
		lo.drawEdgeLabel(&b, le)
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

const backBulge = 40.0

// ports spreads the edges that leave a node along its bottom, and those
// that enter it along its top, in the order of their other ends.
func (lo *layout) ports(edges []*ledge) {
	out := map[*lnode][]*ledge{}
	in := map[*lnode][]*ledge{}
	var outKeys, inKeys []*lnode
	for _, le := range edges {
		le.fromX, le.toX = le.from.cx(), le.to.cx()
		if le.back {
			continue
		}
		if out[le.from] == nil {
			outKeys = append(outKeys, le.from)
		}
		out[le.from] = append(out[le.from], le)
		if in[le.to] == nil {
			inKeys = append(inKeys, le.to)
		}
		in[le.to] = append(in[le.to], le)
	}
	spread := func(l *lnode, les []*ledge, other func(*ledge) float64, set func(*ledge, float64)) {
		if len(les) < 2 || l.nd == nil || l.nd.shape == shapeCircle || l.nd.shape == shapeJoin {
			return
		}
		slices.SortStableFunc(les, func(a, b *ledge) int {
			switch oa, ob := other(a), other(b); {
			case oa < ob:
				return -1
			case oa > ob:
				return 1
			}
			return 0
		})
		span := l.w * 0.6
		if l.nd.shape == shapeDiamond {
			span = l.w * 0.2
		}
		for i, le := range les {
			set(le, l.cx()-span/2+span*float64(i)/float64(len(les)-1))
		}
	}
	for _, l := range outKeys {
		spread(l, out[l], func(le *ledge) float64 {
			if len(le.via) > 0 {
				return le.via[0].cx()
			}
			return le.to.cx()
		}, func(le *ledge, x float64) { le.fromX = x })
	}
	for _, l := range inKeys {
		spread(l, in[l], func(le *ledge) float64 {
			if len(le.via) > 0 {
				return le.via[len(le.via)-1].cx()
			}
			return le.from.cx()
		}, func(le *ledge, x float64) { le.toX = x })
	}
}

func (lo *layout) drawScope(b *bytes.Buffer, ls *lscope) {
	for _, l := range ls.all {
		if l.dummy {
			continue
		}
		if l.head != nil {
			lo.drawBlock(b, l)
			continue
		}
		lo.drawNode(b, l)
	}
}

func (lo *layout) drawBlock(b *bytes.Buffer, l *lnode) {
	d := lo.d
	stroke, width := "#777", "1.5"
	if d.entered(l.nd) {
		stroke, width = "#1b7a34", "2.5"
	}
	if d.failed(l.nd) {
		stroke, width = "#b71c1c", "3"
	}
	fmt.Fprintf(b, `<g class="block" id="%s">`+"\n", l.nd.id+"_c")
	fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="8" fill="#f6f8fa" stroke="%s" stroke-width="%s"/>`+"\n",
		num(l.x), num(l.y), num(l.w), num(l.h), stroke, width)
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="#444">%s</text>`+"\n",
		num(l.x+blockPad), num(l.y+15), num(labelFontSize), esc(l.nd.name+" ("+l.nd.comp.label+")"))
	for _, f := range l.frames {
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="#fff" stroke="#aaa" stroke-dasharray="4 3"/>`+"\n",
			num(f.x), num(f.y), num(f.w), num(f.h))
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="#666">%s</text>`+"\n",
			num(f.x+8), num(f.y+14), num(labelFontSize), esc(f.sc.label))
		lo.drawScope(b, f)
	}
	lo.drawNode(b, l.head)
	lo.drawNode(b, l.join)
	b.WriteString("</g>\n")
}

func (lo *layout) drawNode(b *bytes.Buffer, l *lnode) {
	d, nd := lo.d, l.nd
	fill, stroke, width := "#fff", "#555", "1.5"
	switch {
	case d.failed(nd):
		fill, stroke, width = "#f8b4b4", "#b71c1c", "4"
	case d.entered(nd):
		fill, stroke, width = "#d7f5dd", "#1b7a34", "3"
	case nd.fail:
		fill, stroke = "#fde2e1", "#c62828"
	}
	fmt.Fprintf(b, `<g class="node" id="%s">`, nd.id)
	if nd.name != "" {
		title := nd.name
		if d.cov && nd.shape != shapeJoin {
			title += ": entered " + times(d.ov.States[nd.name])
		}
		fmt.Fprintf(b, "<title>%s</title>", esc(title))
	}
	style := fmt.Sprintf(` fill="%s" stroke="%s" stroke-width="%s"`, fill, stroke, width)
	x, y, w, h := l.x, l.y, l.w, l.h
	switch nd.shape {
	case shapeCircle:
		fill := "#333"
		if d.reached(nd) {
			fill = "#1b7a34"
		}
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"/>`, num(x+w/2), num(y+h/2), num(w/2), fill)
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="10" fill="#fff">%s</text></g>`+"\n",
			num(x+w/2), num(y+h/2+3.5), esc(nd.lines[0]))
		return
	case shapeJoin:
		fill := "#999"
		if d.reached(nd) {
			fill = "#1b7a34"
		}
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"/></g>`+"\n", num(x+w/2), num(y+h/2), num(w/2), fill)
		return
	case shapeDiamond:
		fmt.Fprintf(b, `<polygon points="%s,%s %s,%s %s,%s %s,%s"%s/>`, num(x+w/2), num(y), num(x+w), num(y+h/2), num(x+w/2), num(y+h), num(x), num(y+h/2), style)
	case shapeHexagon:
		fmt.Fprintf(b, `<polygon points="%s,%s %s,%s %s,%s %s,%s %s,%s %s,%s"%s/>`,
			num(x+12), num(y), num(x+w-12), num(y), num(x+w), num(y+h/2), num(x+w-12), num(y+h), num(x+12), num(y+h), num(x), num(y+h/2), style)
	default:
		rx := 3.0
		switch nd.shape {
		case shapeRound:
			rx = 10
		case shapeStadium:
			rx = h / 2
		}
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s"%s/>`, num(x), num(y), num(w), num(h), num(rx), style)
		if nd.shape == shapeSub {
			fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`,
				num(x+5), num(y), num(x+5), num(y+h), stroke, num(x+w-5), num(y), num(x+w-5), num(y+h), stroke)
		}
	}
	ty := y + h/2 - lineHeight*float64(len(nd.lines))/2 + lineHeight - 4
	for i, line := range nd.lines {
		attrs := ""
		if i == 0 {
			attrs = ` font-weight="bold"`
		} else {
			attrs = ` fill="#555" font-size="11"`
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle"%s>%s</text>`, num(x+w/2), num(ty), attrs, esc(line))
		ty += lineHeight
	}
	b.WriteString("</g>\n")
}

type pt struct{ x, y float64 }

// path returns the points of an edge as drawn.
func (le *ledge) points() []pt {
	if le.back {
		f, t := le.from, le.to
		return []pt{{f.x + f.w, f.y + f.h/2}, {t.x + t.w, t.y + t.h/2}}
	}
	ps := []pt{{le.fromX, le.from.y + le.from.h}}
	for _, v := range le.via {
		ps = append(ps, pt{v.cx(), v.y}, pt{v.cx(), v.y + v.h})
	}
	return append(ps, pt{le.toX, le.to.y})
}

func (lo *layout) drawEdge(b *bytes.Buffer, le *ledge) {
	ps := le.points()
	var d bytes.Buffer
	fmt.Fprintf(&d, "M%s,%s", num(ps[0].x), num(ps[0].y))
	if le.back {
		p, q := ps[0], ps[1]
		bx := max(p.x, q.x) + backBulge
		if le.from == le.to {
			fmt.Fprintf(&d, " C%s,%s %s,%s %s,%s", num(bx), num(p.y-20), num(bx), num(q.y+20), num(q.x), num(q.y+6))
		} else {
			fmt.Fprintf(&d, " C%s,%s %s,%s %s,%s", num(bx), num(p.y), num(bx), num(q.y), num(q.x), num(q.y))
		}
	} else {
		for i := 0; i+1 < len(ps); i++ {
			p, q := ps[i], ps[i+1]
			if p.x == q.x {
				fmt.Fprintf(&d, " L%s,%s", num(q.x), num(q.y))
				continue
			}
			dy := (q.y - p.y) / 2
			fmt.Fprintf(&d, " C%s,%s %s,%s %s,%s", num(p.x), num(p.y+dy), num(q.x), num(q.y-dy), num(q.x), num(q.y))
		}
	}
	stroke, width, marker := "#555", "1.5", "arrow"
	if lo.d.taken(le.e) {
		stroke, width, marker = "#1b7a34", "3", "arrow-taken"
	} else if lo.d.cov {
		stroke, width, marker = "#d32f2f", "2", "arrow-untaken"
	}
	dash := ""
	if le.e.dashed {
		dash = ` stroke-dasharray="6 4"`
	}
	if !lo.d.cov {
		fmt.Fprintf(b, `<path class="edge" d="%s" fill="none" stroke="%s" stroke-width="%s"%s marker-end="url(#%s)"/>`+"\n",
			d.String(), stroke, width, dash, marker)
		return
	}
	fmt.Fprintf(b, `<path class="edge" d="%s" fill="none" stroke="%s" stroke-width="%s"%s marker-end="url(#%s)"><title>%s</title></path>`+"\n",
		d.String(), stroke, width, dash, marker, esc(le.e.key.String()+": taken "+times(lo.d.ov.Edges[le.e.key])))
}

// times says how many times: "1 time", "3 times".
func times(n int) string {
	if n == 1 {
		return "1 time"
	}
	return strconv.Itoa(n) + " times"
}

func (lo *layout) drawEdgeLabel(b *bytes.Buffer, le *ledge) {
	text := le.e.label
	if text == "" {
		return
	}
	var x, y float64
	switch {
	case le.label != nil:
		x, y = le.label.cx(), le.label.y+le.label.h/2
	case le.back:
		ps := le.points()
		x = max(ps[0].x, ps[1].x) + backBulge*0.75 + textWidth(text, labelFontSize)/2
		y = (ps[0].y + ps[1].y) / 2
	default:
		ps := le.points()
		x, y = (ps[0].x+ps[len(ps)-1].x)/2, (ps[0].y+ps[len(ps)-1].y)/2
	}
	tw := textWidth(text, labelFontSize)
	color := "#333"
	if le.e.key.Kind == EdgeCatch {
		color = "#b71c1c"
	}
	fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#fff" fill-opacity="0.9"/>`,
		num(x-tw/2-2), num(y-labelLineH/2), num(tw+4), num(labelLineH))
	fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="%s" fill="%s">%s</text>`+"\n",
		num(x), num(y+4), num(labelFontSize), color, esc(text))
}

// num formats a coordinate: at most one decimal.
func num(f float64) string {
	return strconv.FormatFloat(float64(int64(f*10+0.5*sign(f)))/10, 'f', -1, 64)
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// esc escapes text for XML; characters that XML cannot hold become U+FFFD.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
