package intrinsic

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/aslgen/aslgen/dsl/jsonpath"
)

// Call is an intrinsic function invocation, either the whole expression or
// a nested argument.
type Call struct {
	// Name is the full function name, for example "States.Format".
	Name string
	// Args are the arguments in source order.
	Args []Arg
	// Offset is the byte offset of Name in the parsed text.
	Offset int
	// Source is the complete text given to Parse, set on the call that
	// Parse returns (not on nested calls, and empty for calls built by
	// hand). Eval quotes it, as written, in its error messages, as AWS
	// does. Equal ignores it.
	Source string
}

// Arg is an argument of a Call. The concrete types are *StringLit,
// *NumberLit, *BoolLit, *NullLit, *PathArg and *Call.
type Arg interface {
	// Pos returns the byte offset of the argument in the parsed text.
	Pos() int
	// String renders the argument in canonical form.
	String() string
	isArg()
}

// StringLit is a single-quoted string literal.
type StringLit struct {
	// Value is the decoded string: \' \{ \} and \\ are replaced by the
	// characters they stand for.
	Value string
	// Raw is the source text between the quotes, escapes kept. It tells an
	// escaped \{ from a States.Format placeholder {}.
	Raw    string
	Offset int
}

// NumberLit is a numeric literal.
type NumberLit struct {
	// Text is the source spelling, for example "-1.50".
	Text string
	// Value is the value of Text.
	Value  float64
	Offset int
}

// BoolLit is true or false.
type BoolLit struct {
	Value  bool
	Offset int
}

// NullLit is null.
type NullLit struct {
	Offset int
}

// PathArg is a JSONPath argument such as $.a or $$.Execution.Id.
type PathArg struct {
	Path *jsonpath.Path
	// Var names the variable the path starts from ($name.a.b); it is empty
	// for paths from $ and $$. Path then holds the steps after the name,
	// rooted at $.
	Var    string
	Offset int
}

func (*Call) isArg()      {}
func (*StringLit) isArg() {}
func (*NumberLit) isArg() {}
func (*BoolLit) isArg()   {}
func (*NullLit) isArg()   {}
func (*PathArg) isArg()   {}

// Pos returns c.Offset.
func (c *Call) Pos() int { return c.Offset }

// Pos returns s.Offset, the offset of the opening quote.
func (s *StringLit) Pos() int { return s.Offset }

// Pos returns n.Offset.
func (n *NumberLit) Pos() int { return n.Offset }

// Pos returns b.Offset.
func (b *BoolLit) Pos() int { return b.Offset }

// Pos returns n.Offset.
func (n *NullLit) Pos() int { return n.Offset }

// Pos returns p.Offset, the offset of the leading $.
func (p *PathArg) Pos() int { return p.Offset }

// String renders c canonically as Name(arg, arg, ...). The result parses
// back to a Call that is Equal to c, provided c is well formed (as every
// Call returned by Parse is).
func (c *Call) String() string {
	var b strings.Builder
	b.WriteString(c.Name)
	b.WriteByte('(')
	for i, a := range c.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.String())
	}
	b.WriteByte(')')
	return b.String()
}

// String renders s in single quotes. It writes Raw when Raw is set (or
// Value is empty) and Quote(Value) otherwise, so a StringLit built with
// only a Value renders with every reserved character escaped.
func (s *StringLit) String() string {
	if s.Raw != "" || s.Value == "" {
		return "'" + s.Raw + "'"
	}
	return Quote(s.Value)
}

// String returns n.Text.
func (n *NumberLit) String() string { return n.Text }

// String renders true or false.
func (b *BoolLit) String() string { return strconv.FormatBool(b.Value) }

// String renders null.
func (*NullLit) String() string { return "null" }

// String renders the path canonically (see jsonpath.Path.String).
func (p *PathArg) String() string {
	if p.Var != "" {
		return "$" + p.Var + p.Path.String()[1:]
	}
	return p.Path.String()
}

// Quote renders v as an intrinsic string literal, escaping every reserved
// character (' { } and \). Quote("it's {x}") is 'it\'s \{x\}'.
func Quote(v string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\'', '{', '}', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// FormatParts splits s, used as a States.Format template, at its
// placeholders: the unescaped two-character sequences {}. It returns the
// decoded text between them, so the result has one more element than there
// are placeholders. Escaped braces (\{ \}) never form a placeholder.
//
// FormatParts works on Raw; when Raw is empty it returns []string{Value}.
func (s *StringLit) FormatParts() []string {
	if s.Raw == "" {
		return []string{s.Value}
	}
	var parts []string
	var b strings.Builder
	raw := s.Raw
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '\\' && i+1 < len(raw):
			i++
			b.WriteByte(raw[i])
		case c == '{' && i+1 < len(raw) && raw[i+1] == '}':
			i++
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(parts, b.String())
}

// Placeholders returns the number of {} placeholders in s used as a
// States.Format template (see FormatParts).
func (s *StringLit) Placeholders() int { return len(s.FormatParts()) - 1 }

// Equal reports whether c and d have the same structure and values,
// ignoring offsets.
func (c *Call) Equal(d *Call) bool {
	if c == nil || d == nil {
		return c == d
	}
	if c.Name != d.Name || len(c.Args) != len(d.Args) {
		return false
	}
	for i := range c.Args {
		if !argEqual(c.Args[i], d.Args[i]) {
			return false
		}
	}
	return true
}

func argEqual(a, b Arg) bool {
	switch a := a.(type) {
	case *Call:
		b, ok := b.(*Call)
		return ok && a.Equal(b)
	case *StringLit:
		b, ok := b.(*StringLit)
		return ok && a.Value == b.Value && a.Raw == b.Raw
	case *NumberLit:
		b, ok := b.(*NumberLit)
		return ok && a.Text == b.Text && a.Value == b.Value
	case *BoolLit:
		b, ok := b.(*BoolLit)
		return ok && a.Value == b.Value
	case *NullLit:
		_, ok := b.(*NullLit)
		return ok
	case *PathArg:
		b, ok := b.(*PathArg)
		return ok && reflect.DeepEqual(a.Path, b.Path)
	}
	return false
}
