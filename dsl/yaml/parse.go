package yaml

import (
	"fmt"
	"unicode/utf8"
)

// parser reads one YAML document. It is a recursive descent over the bytes
// of the (normalized) text; errors are raised by panicking with an *Error,
// which parse recovers.
type parser struct {
	src       []byte
	pos       int
	line      int // line of pos, 1-based
	lineStart int // offset of the first byte of that line
	// ind is the column (0-based) of the content that starts the current
	// line, set by nextContentLine; -1 at the end of the input or at a
	// document marker.
	ind int
	// depth counts the collections being parsed.
	depth int
	// flowLine and flowCol locate the innermost open flow collection.
	flowLine, flowCol int
	// flowKey is set while the next flow node is a mapping key.
	flowKey bool
	anchors map[string]*value
}

// props are the properties of a node: its anchor and tag.
type props struct {
	anchor                string
	anchorLine, anchorCol int
	// tag is "!" (non-specific), "!Name" (a local tag) or a global tag such
	// as "tag:yaml.org,2002:str"; hasTag reports whether there is one.
	tag             string
	hasTag          bool
	tagLine, tagCol int
}

func (pr props) any() bool { return pr.anchor != "" || pr.hasTag }

// scalar is a scalar node before its tag is resolved.
type scalar struct {
	text      string
	plain     bool
	line, col int
	// key reports a mapping key, which becomes a JSON member name: a
	// plain .inf or .nan is then no error.
	key bool
}

func (p *parser) parse() (v *value, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			v, err = nil, e
		}
	}()
	return p.document(), nil
}

// Position and character helpers.

func (p *parser) at(i int) byte {
	if i < len(p.src) {
		return p.src[i]
	}
	return 0 // the input holds no NUL: normalize rejects it
}

func (p *parser) cur() byte { return p.at(p.pos) }
func (p *parser) col() int  { return p.pos - p.lineStart }

func isWhite(c byte) bool { return c == ' ' || c == '\t' }
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == 0 }
func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}

func (p *parser) newline() {
	p.pos++
	p.line++
	p.lineStart = p.pos
}

func (p *parser) skipWhite() {
	for isWhite(p.cur()) {
		p.pos++
	}
}

func (p *parser) skipToEOL() {
	for c := p.cur(); c != '\n' && c != 0; c = p.cur() {
		p.pos++
	}
}

func (p *parser) atComment() bool {
	return p.cur() == '#' && (p.pos == p.lineStart || isWhite(p.src[p.pos-1]))
}

// isMarker reports whether a document marker (--- or ...) starts at pos,
// which must be the start of a line.
func (p *parser) isMarker() bool {
	if p.pos != p.lineStart || p.pos+3 > len(p.src) {
		return false
	}
	s := string(p.src[p.pos : p.pos+3])
	return (s == "---" || s == "...") && isBlank(p.at(p.pos+3))
}

func (p *parser) markerIs(s string) bool {
	return p.isMarker() && string(p.src[p.pos:p.pos+3]) == s
}

type mark struct{ pos, line, lineStart int }

func (p *parser) mark() mark   { return mark{p.pos, p.line, p.lineStart} }
func (p *parser) reset(m mark) { p.pos, p.line, p.lineStart = m.pos, m.line, m.lineStart }

func (p *parser) failAt(line, col int, format string, args ...any) {
	panic(&Error{Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) fail(format string, args ...any) {
	p.failAt(p.line, p.col()+1, format, args...)
}

// curDesc describes the character at pos for messages.
func (p *parser) curDesc() string {
	switch c := p.cur(); c {
	case 0:
		return "the end of the input"
	case '\n':
		return "the end of the line"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	return fmt.Sprintf("%q", r)
}

func (p *parser) enter(line, col int) {
	p.depth++
	if p.depth > maxDepth {
		p.failAt(line, col, "collections are nested more than %d deep", maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

// setDepth computes the nesting depth of a collection and checks it.
func (p *parser) setDepth(v *value, line, col int) {
	d := 0
	for _, m := range v.members {
		d = max(d, m.val.depth)
	}
	for _, e := range v.elems {
		d = max(d, e.val.depth)
	}
	v.depth = d + 1
	if v.depth > maxDepth {
		p.failAt(line, col, "collections are nested more than %d deep (counting aliases)", maxDepth)
	}
}

// nextContentLine moves to the first content character of the next line
// that is not blank or a comment, and sets ind. It must be called at the end
// of a line or at the start of one.
func (p *parser) nextContentLine() {
	if p.cur() == '\n' {
		p.newline()
	}
	for {
		if p.pos >= len(p.src) {
			p.ind = -1
			return
		}
		i := p.pos
		for p.at(i) == ' ' {
			i++
		}
		j := i
		for isWhite(p.at(j)) {
			j++
		}
		switch p.at(j) {
		case '\n':
			p.pos = j
			p.newline()
			continue
		case 0:
			p.pos = j
			p.ind = -1
			return
		case '#':
			p.pos = j
			p.skipToEOL()
			if p.cur() == '\n' {
				p.newline()
			}
			continue
		}
		if j > i {
			p.failAt(p.line, i-p.lineStart+1, "tab character in indentation; YAML indents with spaces only")
		}
		p.pos = i
		if p.isMarker() {
			p.ind = -1
			return
		}
		p.ind = i - p.lineStart
		return
	}
}

// endLine checks that nothing but white space and a comment follows a value
// on its line, and moves to the next content line.
func (p *parser) endLine() {
	p.skipWhite()
	if p.atComment() {
		p.skipToEOL()
	}
	switch c := p.cur(); {
	case c == '\n' || c == 0:
	case c == ':':
		p.fail("mapping values are not allowed in this context (is the line indented correctly?)")
	default:
		p.fail("unexpected %s after a value", p.curDesc())
	}
	p.nextContentLine()
}

// document parses the stream, which must hold exactly one document.
func (p *parser) document() *value {
	p.nextContentLine()
	directives := false
	for p.ind == 0 && p.cur() == '%' {
		p.directive()
		directives = true
	}
	var root *value
	switch {
	case p.ind < 0 && p.markerIs("---"):
		p.pos += 3
		root = p.blockNode(-1, true, false, false)
	case directives:
		p.fail("expected the document start marker --- after the directives")
	case p.ind < 0:
		p.fail("no YAML document")
	default:
		root = p.blockNode(-1, false, true, false)
	}
	if p.ind >= 0 {
		p.fail("unexpected content after the document's top-level value (is it indented correctly?)")
	}
	for p.markerIs("...") {
		p.pos += 3
		p.endLine()
	}
	if p.markerIs("---") {
		p.fail("a second YAML document; the input must hold exactly one")
	}
	if p.ind >= 0 {
		p.fail("content after the document end marker ...; the input must hold exactly one YAML document")
	}
	return root
}

// directive reads a %YAML or other directive line.
func (p *parser) directive() {
	line := p.line
	p.pos++
	start := p.pos
	for !isBlank(p.cur()) {
		p.pos++
	}
	switch string(p.src[start:p.pos]) {
	case "YAML":
		p.skipWhite()
		vs := p.pos
		for !isBlank(p.cur()) {
			p.pos++
		}
		if v := string(p.src[vs:p.pos]); len(v) < 2 || v[:2] != "1." {
			p.failAt(line, vs-p.lineStart+1, "unsupported YAML version %q", v)
		}
	case "TAG":
		p.failAt(line, 1, "%%TAG directives are not supported")
	}
	p.skipToEOL() // other directives are reserved and ignored
	p.nextContentLine()
}

// blockNode parses a node in block context whose parent is indented n
// columns (-1 for the top level). If inline, the parser is just after an
// indicator ("-", ":" or "---") and the node may start on the same line;
// otherwise it is at a content line (ind is set). compact allows a block
// collection to start on the current line, and seqSame allows a sequence
// indented as much as its parent (a mapping's value). On return the parser
// is at the next content line.
func (p *parser) blockNode(n int, inline, compact, seqSame bool) *value {
	line, col := p.line, p.col()+1
	var pr props
	propsOnLine := false
	startCol := 0 // column where the node's first property or content is
	for {
		if inline {
			p.skipWhite()
			if c := p.cur(); c == '\n' || c == 0 || p.atComment() {
				p.skipToEOL()
				p.nextContentLine()
				inline = false
			}
		}
		if !inline {
			if p.ind < 0 || !(p.ind > n || seqSame && p.ind == n && p.cur() == '-' && isBlank(p.at(p.pos+1))) {
				return p.scalarNode(scalar{plain: true, line: line, col: col}, pr)
			}
			inline, compact, propsOnLine = true, true, false
			line, col = p.line, p.col()+1
		}
		if !propsOnLine {
			startCol = p.col()
		}
		switch c := p.cur(); {
		case c == '&' && pr.anchor == "":
			p.anchorProp(&pr)
		case c == '!' && !pr.hasTag:
			p.tagProp(&pr)
		default:
			return p.blockContent(n, startCol, pr, propsOnLine, compact)
		}
		propsOnLine = true
		if c := p.cur(); !isBlank(c) {
			p.fail("expected white space after a node property, found %s", p.curDesc())
		}
	}
}

// blockContent parses the node that starts at pos, in block context.
// startCol is the column of the node's first property on this line, if
// any: a mapping whose first key has properties is indented that much.
func (p *parser) blockContent(n, startCol int, pr props, propsOnLine, compact bool) *value {
	c := p.cur()
	col := p.col()
	switch {
	case c == '-' && isBlank(p.at(p.pos+1)):
		if !compact {
			p.fail("a block sequence cannot start on the line of its key or of ---; start it on the next line")
		}
		return p.collection(p.blockSeq(col), pr)
	case c == '?' && isBlank(p.at(p.pos+1)):
		p.fail("explicit mapping keys (?) are not supported")
	case c == '|' || c == '>':
		v := p.scalarNode(p.blockScalar(n), pr)
		p.nextContentLine()
		return v
	}
	s := p.blockSimple()
	p.skipWhite()
	if p.cur() == ':' && (s.jsonLike || isBlank(p.at(p.pos+1))) {
		if !compact {
			p.fail("mapping values are not allowed in this context (a block mapping cannot start on the line of its key or of ---)")
		}
		keyPr, mapPr := pr, props{}
		if !propsOnLine {
			keyPr, mapPr = props{}, pr
		}
		k := p.keyOf(s, keyPr)
		if s.line != p.line {
			p.failAt(s.line, s.col, "a mapping key must be on a single line")
		}
		return p.collection(p.blockMap(startCol, k), mapPr)
	}
	var v *value
	switch {
	case s.isScalar:
		if s.sc.plain {
			s.sc.text = p.plainRest(s.sc.text, n, false)
		}
		v = p.scalarNode(s.sc, pr)
	case s.alias:
		if pr.any() {
			p.failAt(s.line, s.col, "an alias cannot have an anchor or a tag")
		}
		v = s.v
	default:
		v = p.collection(s.v, pr)
	}
	p.endLine()
	return v
}

// simple is a node that fits on a line (or is a flow collection or quoted
// scalar): a candidate mapping key.
type simple struct {
	sc        scalar
	isScalar  bool
	v         *value // a flow collection or an alias's value
	alias     bool
	jsonLike  bool // a quoted scalar or flow collection: ':' may follow directly
	line, col int
}

// blockSimple parses an alias, flow collection, quoted scalar or the first
// line of a plain scalar.
func (p *parser) blockSimple() simple {
	s := simple{line: p.line, col: p.col() + 1}
	switch p.cur() {
	case '[':
		s.v, s.jsonLike = p.flowSeq(), true
	case '{':
		s.v, s.jsonLike = p.flowMap(), true
	case '*':
		s.v, s.alias = p.alias(), true
	case '"', '\'':
		s.sc, s.isScalar, s.jsonLike = p.quoted(), true, true
	default:
		if !p.plainStart(false) {
			p.fail("a plain scalar cannot start with %s; quote the value", p.curDesc())
		}
		s.sc = scalar{text: p.plainSegment(false), plain: true, line: s.line, col: s.col}
		s.isScalar = true
	}
	return s
}

// keyInfo is a parsed mapping key.
type keyInfo struct {
	key       string
	line, col int
	merge     bool
}

// keyOf makes a mapping key of a simple node.
func (p *parser) keyOf(s simple, pr props) keyInfo {
	var v *value
	switch {
	case s.isScalar:
		s.sc.key = true
		v = p.scalarNode(s.sc, pr)
	case s.alias:
		if pr.any() {
			p.failAt(s.line, s.col, "an alias cannot have an anchor or a tag")
		}
		v = s.v
	default:
		v = p.collection(s.v, pr)
	}
	return p.keyOfValue(v, s.line, s.col)
}

func (p *parser) keyOfValue(v *value, line, col int) keyInfo {
	if !v.scalar {
		p.failAt(line, col, "mapping keys must be scalars")
	}
	return keyInfo{key: v.raw, line: line, col: col, merge: v.mergeKey}
}

// blockMap parses a block mapping at column c whose first key has been
// read; the parser is at the ':' after it.
func (p *parser) blockMap(c int, k keyInfo) *value {
	p.enter(k.line, k.col)
	defer p.leave()
	b := newMapBuilder(k.line)
	for {
		p.pos++ // ':'
		val := p.blockNode(c, true, false, true)
		b.add(p, k, val)
		if p.ind < c {
			break
		}
		if p.ind > c {
			p.fail("bad indentation of a mapping entry: expected column %d", c+1)
		}
		k = p.blockKey()
	}
	return b.finish(p, k.line, c+1)
}

// blockKey parses the key of a block mapping entry after the first.
func (p *parser) blockKey() keyInfo {
	var pr props
	for {
		c := p.cur()
		if c == '&' && pr.anchor == "" {
			p.anchorProp(&pr)
		} else if c == '!' && !pr.hasTag {
			p.tagProp(&pr)
		} else {
			break
		}
		p.skipWhite()
	}
	switch c := p.cur(); {
	case c == '-' && isBlank(p.at(p.pos+1)):
		p.fail("expected a mapping key, found a sequence entry (is it indented correctly?)")
	case c == '?' && isBlank(p.at(p.pos+1)):
		p.fail("explicit mapping keys (?) are not supported")
	case c == '|' || c == '>':
		p.fail("a block scalar cannot be a mapping key")
	case c == '[' || c == '{':
		p.fail("mapping keys must be scalars")
	case c == '\n' || c == 0 || p.atComment():
		p.fail("expected a mapping key")
	}
	s := p.blockSimple()
	p.skipWhite()
	if p.cur() != ':' || !(s.jsonLike || isBlank(p.at(p.pos+1))) {
		p.failAt(s.line, s.col, "expected a mapping key followed by ':'")
	}
	k := p.keyOf(s, pr)
	if s.line != p.line {
		p.failAt(s.line, s.col, "a mapping key must be on a single line")
	}
	return k
}

// blockSeq parses a block sequence whose entries' "-" are at column c.
func (p *parser) blockSeq(c int) *value {
	line := p.line
	p.enter(line, c+1)
	defer p.leave()
	v := &value{kind: kArray, line: line}
	for {
		el := p.line
		p.pos++ // '-'
		item := p.blockNode(c, true, true, false)
		v.elems = append(v.elems, elem{line: el, val: item})
		if p.ind > c {
			p.fail("bad indentation of a sequence entry: expected column %d", c+1)
		}
		if p.ind != c || p.cur() != '-' || !isBlank(p.at(p.pos+1)) {
			break
		}
	}
	p.setDepth(v, line, c+1)
	return v
}

// mapBuilder collects the entries of a mapping, rejecting duplicate keys
// and applying merge keys.
type mapBuilder struct {
	v      *value
	seen   map[string]int // explicit key → its line
	merges []mergeAt
}

type mergeAt struct {
	at   int // index in v.members before which the entries go
	srcs []*value
}

func newMapBuilder(line int) *mapBuilder {
	return &mapBuilder{v: &value{kind: kObject, line: line}, seen: map[string]int{}}
}

func (b *mapBuilder) add(p *parser, k keyInfo, val *value) {
	if k.merge {
		var srcs []*value
		switch val.kind {
		case kObject:
			srcs = []*value{val}
		case kArray:
			for _, e := range val.elems {
				if e.val.kind != kObject {
					p.failAt(k.line, k.col, "a merge key (<<) takes a mapping or a sequence of mappings")
				}
				srcs = append(srcs, e.val)
			}
		default:
			p.failAt(k.line, k.col, "a merge key (<<) takes a mapping or a sequence of mappings")
		}
		b.merges = append(b.merges, mergeAt{at: len(b.v.members), srcs: srcs})
		return
	}
	if first, ok := b.seen[k.key]; ok {
		p.failAt(k.line, k.col, "duplicate mapping key %s (first on line %d)", quote(k.key), first)
	}
	b.seen[k.key] = k.line
	b.v.members = append(b.v.members, member{key: k.key, line: k.line, val: val})
}

// finish applies the merge keys: merged entries go where their << was,
// unless the mapping has the key itself or an earlier source provided it.
func (b *mapBuilder) finish(p *parser, line, col int) *value {
	v := b.v
	if len(b.merges) > 0 {
		var out []member
		merged := map[string]bool{}
		next := 0
		for _, m := range b.merges {
			out = append(out, v.members[next:m.at]...)
			next = m.at
			for _, src := range m.srcs {
				for _, mm := range src.members {
					if _, ok := b.seen[mm.key]; ok || merged[mm.key] {
						continue
					}
					merged[mm.key] = true
					out = append(out, mm)
				}
			}
		}
		v.members = append(out, v.members[next:]...)
	}
	p.setDepth(v, line, col)
	return v
}

// Properties, aliases and tags.

func (p *parser) anchorName() string {
	start := p.pos
	for c := p.cur(); !isBlank(c) && !isFlowIndicator(c); c = p.cur() {
		p.pos++
	}
	return string(p.src[start:p.pos])
}

func (p *parser) anchorProp(pr *props) {
	pr.anchorLine, pr.anchorCol = p.line, p.col()+1
	p.pos++
	pr.anchor = p.anchorName()
	if pr.anchor == "" {
		p.failAt(pr.anchorLine, pr.anchorCol, "an anchor needs a name after '&'")
	}
}

func (p *parser) alias() *value {
	line, col := p.line, p.col()+1
	p.pos++
	name := p.anchorName()
	if name == "" {
		p.failAt(line, col, "an alias needs a name after '*'")
	}
	v, ok := p.anchors[name]
	if !ok {
		p.failAt(line, col, "unknown alias *%s (no anchor &%s before it)", name, name)
	}
	return v
}

const yamlTagPrefix = "tag:yaml.org,2002:"

// tagProp reads a tag: !, !local, !!core or !<verbatim>.
func (p *parser) tagProp(pr *props) {
	line, col := p.line, p.col()+1
	pr.tagLine, pr.tagCol, pr.hasTag = line, col, true
	start := p.pos
	if p.at(p.pos+1) == '<' {
		p.pos += 2
		vs := p.pos
		for c := p.cur(); c != '>'; c = p.cur() {
			if isBlank(c) {
				p.failAt(line, col, "unterminated verbatim tag")
			}
			p.pos++
		}
		t := string(p.src[vs:p.pos])
		p.pos++
		switch {
		case len(t) > 1 && t[0] == '!':
			pr.tag = t
		case len(t) > len(yamlTagPrefix) && t[:len(yamlTagPrefix)] == yamlTagPrefix:
			pr.tag = t
		default:
			p.failAt(line, col, "unsupported tag !<%s>", t)
		}
		return
	}
	p.pos++
	for c := p.cur(); !isBlank(c) && !isFlowIndicator(c); c = p.cur() {
		p.pos++
	}
	t := string(p.src[start:p.pos])
	switch {
	case t == "!":
		pr.tag = t
	case len(t) > 2 && t[1] == '!':
		pr.tag = yamlTagPrefix + t[2:]
	case t == "!!":
		p.failAt(line, col, "a tag needs a name after !!")
	default:
		for i := 1; i < len(t); i++ {
			if t[i] == '!' {
				p.failAt(line, col, "undefined tag handle %s (%%TAG directives are not supported)", t[:i+1])
			}
		}
		pr.tag = t
	}
}

func (p *parser) register(pr props, v *value) {
	if pr.anchor != "" {
		p.anchors[pr.anchor] = v
	}
}

// collection applies properties to a collection (or to an alias's value).
func (p *parser) collection(v *value, pr props) *value {
	if pr.hasTag {
		switch tag := pr.tag; {
		case tag == "!":
		case tag == yamlTagPrefix+"map" && v.kind == kObject:
		case tag == yamlTagPrefix+"seq" && v.kind == kArray:
		case len(tag) > len(yamlTagPrefix) && tag[:len(yamlTagPrefix)] == yamlTagPrefix:
			what := "a sequence"
			if v.kind == kObject {
				what = "a mapping"
			}
			p.failAt(pr.tagLine, pr.tagCol, "tag !!%s cannot be applied to %s", tag[len(yamlTagPrefix):], what)
		default:
			v = p.intrinsic(tag[1:], v, pr.tagLine, pr.tagCol)
		}
	}
	p.register(pr, v)
	return v
}

// Flow context.

// skipFlowSpace skips white space, line breaks and comments inside a flow
// collection.
func (p *parser) skipFlowSpace() {
	for {
		switch c := p.cur(); {
		case isWhite(c):
			p.pos++
		case c == '\n':
			p.newline()
			if p.isMarker() {
				p.failAt(p.flowLine, p.flowCol, "unterminated flow collection: a document marker comes before its end")
			}
		case p.atComment():
			p.skipToEOL()
		default:
			return
		}
	}
}

func (p *parser) openFlow(line, col int) (int, int) {
	ol, oc := p.flowLine, p.flowCol
	p.flowLine, p.flowCol = line, col
	p.enter(line, col)
	return ol, oc
}

func (p *parser) closeFlow(ol, oc int) {
	p.flowLine, p.flowCol = ol, oc
	p.leave()
}

// flowNode parses a node inside a flow collection.
func (p *parser) flowNode() *value {
	key := p.flowKey
	p.flowKey = false
	var pr props
	for {
		if c := p.cur(); c == '&' && pr.anchor == "" {
			p.anchorProp(&pr)
		} else if c == '!' && !pr.hasTag {
			p.tagProp(&pr)
		} else {
			break
		}
		p.skipFlowSpace()
	}
	line, col := p.line, p.col()+1
	switch c, next := p.cur(), p.at(p.pos+1); {
	case c == '[':
		return p.collection(p.flowSeq(), pr)
	case c == '{':
		return p.collection(p.flowMap(), pr)
	case c == '*':
		if pr.any() {
			p.fail("an alias cannot have an anchor or a tag")
		}
		return p.alias()
	case c == '"' || c == '\'':
		sc := p.quoted()
		sc.key = key
		return p.scalarNode(sc, pr)
	case c == 0 || isFlowIndicator(c) || c == ':' && (isBlank(next) || isFlowIndicator(next)):
		if pr.any() {
			return p.scalarNode(scalar{plain: true, line: line, col: col}, pr)
		}
		p.fail("expected a value, found %s", p.curDesc())
	case c == '|' || c == '>':
		p.fail("block scalars are not allowed inside flow collections")
	case !p.plainStart(true):
		p.fail("a plain scalar cannot start with %s; quote the value", p.curDesc())
	}
	text := p.plainRest(p.plainSegment(true), -1, true)
	return p.scalarNode(scalar{text: text, plain: true, line: line, col: col, key: key}, pr)
}

// flowSeq parses [a, b, ...]. An entry "k: v" is a mapping with one entry.
func (p *parser) flowSeq() *value {
	line, col := p.line, p.col()+1
	ol, oc := p.openFlow(line, col)
	defer p.closeFlow(ol, oc)
	p.pos++
	v := &value{kind: kArray, line: line}
	for {
		p.skipFlowSpace()
		c := p.cur()
		if c == ']' {
			v.end = p.line
			p.pos++
			break
		}
		if c == 0 {
			p.failAt(line, col, "unterminated flow sequence: no closing ']'")
		}
		if c == '?' && isBlank(p.at(p.pos+1)) {
			p.fail("explicit mapping keys (?) are not supported")
		}
		el, ec := p.line, p.col()+1
		item := p.flowNode()
		p.skipFlowSpace()
		if p.cur() == ':' {
			k := p.keyOfValue(item, el, ec)
			p.pos++
			p.skipFlowSpace()
			var val *value
			if c := p.cur(); c == ',' || c == ']' {
				val = &value{kind: kNull, line: p.line, scalar: true}
			} else {
				val = p.flowNode()
			}
			b := newMapBuilder(el)
			b.add(p, k, val)
			item = b.finish(p, el, ec)
			p.skipFlowSpace()
		}
		v.elems = append(v.elems, elem{line: el, val: item})
		switch p.cur() {
		case ',':
			p.pos++
		case ']':
		case 0:
			p.failAt(line, col, "unterminated flow sequence: no closing ']'")
		default:
			p.fail("expected ',' or ']' in a flow sequence, found %s", p.curDesc())
		}
	}
	p.setDepth(v, line, col)
	return v
}

// flowMap parses {k: v, ...}; a key without ':' has a null value.
func (p *parser) flowMap() *value {
	line, col := p.line, p.col()+1
	ol, oc := p.openFlow(line, col)
	defer p.closeFlow(ol, oc)
	p.pos++
	b := newMapBuilder(line)
	for {
		p.skipFlowSpace()
		c := p.cur()
		if c == '}' {
			b.v.end = p.line
			p.pos++
			break
		}
		if c == 0 {
			p.failAt(line, col, "unterminated flow mapping: no closing '}'")
		}
		if c == '?' && isBlank(p.at(p.pos+1)) {
			p.fail("explicit mapping keys (?) are not supported")
		}
		if c == ':' && (isBlank(p.at(p.pos+1)) || isFlowIndicator(p.at(p.pos+1))) {
			p.fail("missing mapping key before ':'")
		}
		kl, kc := p.line, p.col()+1
		p.flowKey = true
		k := p.keyOfValue(p.flowNode(), kl, kc)
		p.skipFlowSpace()
		val := &value{kind: kNull, line: kl, scalar: true}
		if p.cur() == ':' {
			p.pos++
			p.skipFlowSpace()
			if c := p.cur(); c != ',' && c != '}' {
				val = p.flowNode()
			}
			p.skipFlowSpace()
		}
		b.add(p, k, val)
		switch p.cur() {
		case ',':
			p.pos++
		case '}':
		case 0:
			p.failAt(line, col, "unterminated flow mapping: no closing '}'")
		default:
			p.fail("expected ',' or '}' in a flow mapping, found %s", p.curDesc())
		}
	}
	return b.finish(p, line, col)
}
