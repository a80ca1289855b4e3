package graph

import (
	"slices"
	"unicode"
)

// The sizes of the SVG drawing, in pixels.
const (
	fontSize      = 12.0
	labelFontSize = 11.0
	lineHeight    = 16.0
	labelLineH    = 14.0
	padX, padY    = 12.0, 8.0
	nodeGap       = 24.0 // between items of a rank
	rankGap       = 28.0 // between ranks
	blockPad      = 14.0 // inside a Parallel or Map block
	frameGap      = 16.0 // between the branches of a Parallel
	titleH        = 20.0 // a block's or frame's title
	circleR       = 20.0 // start and end
	joinR         = 5.0
)

// textWidth estimates the width of s at the given font size: about 0.6em
// a character, twice that for wide (East Asian) characters.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r >= 0x1F300:
			w += size * 1.1
		case unicode.IsUpper(r) || r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += size * 0.72
		case r == 'i' || r == 'l' || r == 'j' || r == '.' || r == ',' || r == '\'' || r == '|' || r == '!' || r == ':':
			w += size * 0.3
		default:
			w += size * 0.58
		}
	}
	return w
}

// lnode is a laid-out item: a state, start, end or join node, a Parallel
// or Map block, or a dummy point of a long edge. x, y are the top left.
type lnode struct {
	nd         *node
	x, y, w, h float64
	// A block's parts: its head, its frames (branches), its join.
	head, join *lnode
	frames     []*lscope
	// A dummy's edge label, if it carries one.
	label string
	dummy bool

	rank  int
	order int
}

func (l *lnode) cx() float64 { return l.x + l.w/2 }

// lscope is a laid-out scope: a machine, a branch or a processor.
type lscope struct {
	sc         *scope
	x, y, w, h float64
	content    float64 // the width of what the scope holds
	ranks      [][]*lnode
	all        []*lnode // items and dummies
}

// ledge is an edge as drawn: from the bottom of one node, through its
// dummies, to the top of another; a back edge goes round the right.
type ledge struct {
	e        *edge
	from, to *lnode
	via      []*lnode
	back     bool
	label    *lnode // the dummy that holds the label
	fromX    float64
	toX      float64
}

// layout lays the diagram out: it returns the laid-out machine and every
// edge, in drawing order.
type layout struct {
	d     *diagram
	item  map[*node]*lnode // a node's item in its scope (a join's is its block)
	point map[*node]*lnode // where a node's edges attach (a block's head, a join)
	edges map[*edge]*ledge
	up    map[*lnode][]*lnode // the items and dummies above each, in the scope being laid out
}

func newLayout(d *diagram) (*layout, *lscope) {
	lo := &layout{d: d, item: map[*node]*lnode{}, point: map[*node]*lnode{}, edges: map[*edge]*ledge{}}
	var start *node
	if len(d.top.nodes) > 0 {
		start = d.top.nodes[0]
	}
	top := lo.scope(d.top, start)
	lo.shift(top, 10, 10)
	return lo, top
}

// node sizes a leaf node.
func (lo *layout) leaf(nd *node) *lnode {
	l := &lnode{nd: nd}
	switch nd.shape {
	case shapeCircle:
		l.w, l.h = 2*circleR, 2*circleR
	case shapeJoin:
		l.w, l.h = 2*joinR, 2*joinR
	default:
		tw := 0.0
		for _, s := range nd.lines {
			tw = max(tw, textWidth(s, fontSize))
		}
		th := lineHeight * float64(len(nd.lines))
		l.w, l.h = tw+2*padX, th+2*padY
		switch nd.shape {
		case shapeDiamond:
			l.w, l.h = tw*1.3+40, th*1.5+24
		case shapeHexagon:
			l.w += 24
		case shapeStadium:
			l.w += l.h / 2
		}
		l.w = max(l.w, 60)
	}
	lo.point[nd] = l
	return l
}

// block lays out a Parallel or Map state: its head at the top, its
// branches side by side, its join at the bottom.
func (lo *layout) block(nd *node) *lnode {
	c := nd.comp
	head := lo.leaf(nd)
	join := lo.leaf(c.join)
	b := &lnode{nd: nd, head: head, join: join}
	starts := map[*scope]*node{}
	for _, e := range c.starts {
		for _, sc := range c.scopes {
			if slices.Contains(sc.nodes, e.to) {
				starts[sc] = e.to
			}
		}
	}
	framesW, framesH := 0.0, 0.0
	for _, sc := range c.scopes {
		f := lo.scope(sc, starts[sc])
		f.content = f.w
		// Wide enough that the title stays clear of the edge down the middle.
		f.w = max(f.w+2*blockPad, 2*(textWidth(sc.label, labelFontSize)+16))
		f.h += titleH + blockPad
		b.frames = append(b.frames, f)
		framesW += f.w
		framesH = max(framesH, f.h)
	}
	if len(b.frames) > 1 {
		framesW += frameGap * float64(len(b.frames)-1)
	}
	title := 2 * (textWidth(nd.name+" ("+c.label+")", labelFontSize) + blockPad + 8)
	b.w = max(head.w, framesW, title) + 2*blockPad
	// title, head, gap, frames, gap, join
	y := titleH + 4
	head.x, head.y = (b.w-head.w)/2, y
	y += head.h + rankGap
	x := (b.w - framesW) / 2
	for _, f := range b.frames {
		// centre the scope's content in its frame
		lo.shift(f, x+(f.w-f.content)/2, y+titleH)
		f.x, f.y = x, y
		f.h = framesH
		x += f.w + frameGap
	}
	y += framesH + rankGap
	join.x, join.y = (b.w-join.w)/2, y
	b.h = y + join.h + blockPad
	for _, e := range c.starts {
		lo.edges[e] = &ledge{e: e, from: head, to: lo.point[e.to]}
	}
	for _, e := range c.ends {
		lo.edges[e] = &ledge{e: e, from: lo.point[e.from], to: join}
	}
	lo.point[c.join] = join
	return b
}

// shift moves a scope and everything in it.
func (lo *layout) shift(ls *lscope, dx, dy float64) {
	ls.x += dx
	ls.y += dy
	for _, l := range ls.all {
		lo.shiftNode(l, dx, dy)
	}
}

func (lo *layout) shiftNode(l *lnode, dx, dy float64) {
	l.x += dx
	l.y += dy
	if l.head != nil {
		l.head.x += dx
		l.head.y += dy
		l.join.x += dx
		l.join.y += dy
		for _, f := range l.frames {
			lo.shift(f, dx, dy)
		}
	}
}

// scope lays out a scope with its top left at 0, 0: ranks by longest path
// from start, dummies on long edges, barycentric ordering, then positions.
func (lo *layout) scope(sc *scope, start *node) *lscope {
	ls := &lscope{sc: sc}
	var items []*lnode
	for _, nd := range sc.nodes {
		var l *lnode
		if nd.comp != nil {
			l = lo.block(nd)
			lo.item[nd.comp.join] = l
		} else {
			l = lo.leaf(nd)
		}
		lo.item[nd] = l
		items = append(items, l)
	}
	// Successors in the scope, in edge order.
	succ := map[*lnode][]*edge{}
	for _, e := range sc.edges {
		f := lo.item[e.from]
		succ[f] = append(succ[f], e)
	}
	// Depth-first from the start, then from the other items in order:
	// back edges are those to a node on the stack.
	const (
		unseen = iota
		active
		done
	)
	state := map[*lnode]int{}
	back := map[*edge]bool{}
	var post []*lnode
	var visit func(l *lnode)
	visit = func(l *lnode) {
		state[l] = active
		for _, e := range succ[l] {
			t := lo.item[e.to]
			switch state[t] {
			case unseen:
				visit(t)
			case active:
				back[e] = true
			}
		}
		state[l] = done
		post = append(post, l)
	}
	if start != nil && lo.item[start] != nil {
		visit(lo.item[start])
	}
	for _, l := range items {
		if state[l] == unseen {
			visit(l)
		}
	}
	// Longest path, in topological order (reverse postorder).
	rank := map[*lnode]int{}
	for i := len(post) - 1; i >= 0; i-- {
		l := post[i]
		for _, e := range succ[l] {
			if back[e] {
				continue
			}
			minlen := 1
			if e.label != "" {
				minlen = 2
			}
			t := lo.item[e.to]
			rank[t] = max(rank[t], rank[l]+minlen)
		}
	}
	// The machine's end goes to the last rank.
	maxRank := 0
	for _, l := range items {
		maxRank = max(maxRank, rank[l])
	}
	for _, l := range items {
		if l.nd.id == "finish" {
			rank[l] = maxRank
		}
	}
	ls.ranks = make([][]*lnode, maxRank+1)
	// Items in rank by discovery order (reverse postorder).
	for i := len(post) - 1; i >= 0; i-- {
		l := post[i]
		l.rank = rank[l]
		ls.ranks[l.rank] = append(ls.ranks[l.rank], l)
		ls.all = append(ls.all, l)
	}
	// Edges, with dummies on the ranks they cross.
	var chains [][]*lnode
	for _, e := range sc.edges {
		le := &ledge{e: e, from: lo.point[e.from], to: lo.point[e.to]}
		if l := le.to; l != nil && l.head != nil {
			le.to = l.head
		}
		lo.edges[e] = le
		f, t := lo.item[e.from], lo.item[e.to]
		if back[e] || t.rank <= f.rank {
			le.back = true
			continue
		}
		chain := []*lnode{f}
		for r := f.rank + 1; r < t.rank; r++ {
			dm := &lnode{dummy: true, rank: r, w: 8}
			if r == f.rank+1 && e.label != "" {
				dm.label = e.label
				dm.w = textWidth(e.label, labelFontSize) + 8
				dm.h = labelLineH + 4
				le.label = dm
			}
			le.via = append(le.via, dm)
			ls.ranks[r] = append(ls.ranks[r], dm)
			ls.all = append(ls.all, dm)
			chain = append(chain, dm)
		}
		chains = append(chains, append(chain, t))
	}
	lo.order(ls, chains)
	lo.place(ls)
	return ls
}

// order reduces crossings: a few sweeps of barycentric ordering.
func (lo *layout) order(ls *lscope, chains [][]*lnode) {
	up := map[*lnode][]*lnode{}
	down := map[*lnode][]*lnode{}
	for _, c := range chains {
		for i := 0; i+1 < len(c); i++ {
			down[c[i]] = append(down[c[i]], c[i+1])
			up[c[i+1]] = append(up[c[i+1]], c[i])
		}
	}
	renumber := func(r []*lnode) {
		for i, l := range r {
			l.order = i
		}
	}
	for _, r := range ls.ranks {
		renumber(r)
	}
	sweep := func(r []*lnode, adj map[*lnode][]*lnode) {
		bary := map[*lnode]float64{}
		for _, l := range r {
			ns := adj[l]
			if len(ns) == 0 {
				bary[l] = float64(l.order)
				continue
			}
			s := 0.0
			for _, n := range ns {
				s += float64(n.order)
			}
			bary[l] = s / float64(len(ns))
		}
		slices.SortStableFunc(r, func(a, b *lnode) int {
			switch {
			case bary[a] < bary[b]:
				return -1
			case bary[a] > bary[b]:
				return 1
			}
			return 0
		})
		renumber(r)
	}
	for range 4 {
		for i := 1; i < len(ls.ranks); i++ {
			sweep(ls.ranks[i], up)
		}
		for i := len(ls.ranks) - 2; i >= 0; i-- {
			sweep(ls.ranks[i], down)
		}
	}
	for i := 1; i < len(ls.ranks); i++ {
		sweep(ls.ranks[i], up)
	}
	lo.up = up
}

// place gives the items of a laid-out scope their positions: ranks top to
// bottom, each item under the average of its predecessors where there is
// room.
func (lo *layout) place(ls *lscope) {
	y := 0.0
	for _, r := range ls.ranks {
		h := 0.0
		for _, l := range r {
			h = max(h, l.h)
		}
		if h == 0 {
			h = 4
		}
		x := -1e9 // no bound on the left: items go where they want
		for i, l := range r {
			want := x
			if i == 0 {
				want = 0
			}
			if ps := lo.up[l]; len(ps) > 0 {
				s := 0.0
				for _, p := range ps {
					s += p.cx()
				}
				want = s/float64(len(ps)) - l.w/2
			}
			nx, ny := max(x, want), y+(h-l.h)/2
			if l.dummy && l.label == "" {
				ny, l.h = y, h
			}
			lo.shiftNode(l, nx-l.x, ny-l.y)
			x = l.x + l.w + nodeGap
		}
		y += h + rankGap
	}
	ls.h = max(0, y-rankGap)
	minX, maxX := 0.0, 0.0
	first := true
	for _, l := range ls.all {
		if first || l.x < minX {
			minX = l.x
		}
		if first || l.x+l.w > maxX {
			maxX = l.x + l.w
		}
		first = false
	}
	for _, l := range ls.all {
		lo.shiftNode(l, -minX, 0)
	}
	ls.w = maxX - minX
}
