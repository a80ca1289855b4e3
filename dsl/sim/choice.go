package sim

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// rule is a compiled Choice rule.
type rule struct {
	op       asl.Operator
	variable *pathSpec
	operand  any       // the literal operand
	other    *pathSpec // the operand of a *Path operator
	stamp    time.Time // a Timestamp operator's literal operand
	and, or  []rule
	not      *rule
	next     string
	assign   tnode // a top-level rule's Assign
	cond     tnode // JSONata: the Condition
	output   tnode // JSONata: the rule's Output
}

func (c *compiler) rule(loc string, r *asl.ChoiceRule) rule {
	var out rule
	switch {
	case r.And != nil:
		for i := range r.And {
			out.and = append(out.and, c.rule(fmt.Sprintf("%s/And/%d", loc, i), &r.And[i]))
		}
	case r.Or != nil:
		for i := range r.Or {
			out.or = append(out.or, c.rule(fmt.Sprintf("%s/Or/%d", loc, i), &r.Or[i]))
		}
	case r.Not != nil:
		n := c.rule(loc+"/Not", r.Not)
		out.not = &n
	case r.Operator != "":
		out.op = r.Operator
		out.variable = c.path(loc+"/Variable", r.Variable)
		v, err := jsonvalue.Parse(r.Operand)
		if err != nil {
			c.errorf("%s/%s: %v", loc, r.Operator, err)
		}
		if r.Operator.Kind() == asl.OperandPath {
			s, _ := v.(string)
			out.other = c.path(loc+"/"+string(r.Operator), s)
		} else {
			out.operand = v
			if strings.HasPrefix(string(r.Operator), "Timestamp") {
				s, _ := v.(string)
				t, ok := parseTimestamp(s)
				if !ok {
					c.errorf("%s/%s: %q is not a timestamp", loc, r.Operator, s)
				}
				out.stamp = t
			}
		}
	default:
		c.errorf("%s: a rule of a JSONPath Choice state needs an operator, And, Or or Not", loc)
	}
	return out
}

// match evaluates a rule against a state's effective input.
func (r *rule) match(e *env) (bool, error) {
	switch {
	case r.and != nil:
		for i := range r.and {
			ok, err := r.and[i].match(e)
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case r.or != nil:
		for i := range r.or {
			ok, err := r.or[i].match(e)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	case r.not != nil:
		ok, err := r.not.match(e)
		return !ok, err
	}
	v, err := e.selectPath(r.variable)
	if err != nil {
		if r.op == asl.OpIsPresent {
			return r.operand == false, nil
		}
		return false, runtimeError("Invalid path '%s': The choice state's condition path references an invalid value.", r.variable.text)
	}
	switch r.op {
	case asl.OpIsPresent:
		return r.operand == true, nil
	case asl.OpIsNull:
		return (v == nil) == (r.operand == true), nil
	case asl.OpIsNumeric:
		_, ok := v.(jsonvalue.Number)
		return ok == (r.operand == true), nil
	case asl.OpIsString:
		_, ok := v.(string)
		return ok == (r.operand == true), nil
	case asl.OpIsBoolean:
		_, ok := v.(bool)
		return ok == (r.operand == true), nil
	case asl.OpIsTimestamp:
		s, ok := v.(string)
		if ok {
			_, ok = parseTimestamp(s)
		}
		return ok == (r.operand == true), nil
	}
	operand := r.operand
	stamp := r.stamp
	if r.other != nil {
		o, err := e.selectPath(r.other)
		if err != nil {
			return false, runtimeError("Invalid path '%s': The choice state's condition path references an invalid value.", r.other.text)
		}
		operand = o
		if strings.HasPrefix(string(r.op), "Timestamp") {
			s, ok := o.(string)
			if !ok {
				return false, nil
			}
			if stamp, ok = parseTimestamp(s); !ok {
				return false, nil
			}
		}
	}
	op := strings.TrimSuffix(string(r.op), "Path")
	switch {
	case strings.HasPrefix(op, "String"):
		s, ok := v.(string)
		o, ok2 := operand.(string)
		if !ok || !ok2 {
			return false, nil
		}
		if op == "StringMatches" {
			return stringMatches(s, o), nil
		}
		return compare(op[len("String"):], compareUTF16(s, o)), nil
	case strings.HasPrefix(op, "Numeric"):
		n, ok := v.(jsonvalue.Number)
		o, ok2 := operand.(jsonvalue.Number)
		if !ok || !ok2 {
			return false, nil
		}
		return compare(op[len("Numeric"):], compareNumbers(n, o)), nil
	case strings.HasPrefix(op, "Boolean"):
		b, ok := v.(bool)
		o, ok2 := operand.(bool)
		return ok && ok2 && b == o, nil
	case strings.HasPrefix(op, "Timestamp"):
		s, ok := v.(string)
		if !ok {
			return false, nil
		}
		t, ok := parseTimestamp(s)
		if !ok {
			return false, nil
		}
		return compare(op[len("Timestamp"):], t.Compare(stamp)), nil
	}
	return false, nil
}

// compare applies a comparison suffix (Equals, LessThan, ...) to an ordering.
func compare(how string, cmp int) bool {
	switch how {
	case "Equals":
		return cmp == 0
	case "LessThan":
		return cmp < 0
	case "GreaterThan":
		return cmp > 0
	case "LessThanEquals":
		return cmp <= 0
	case "GreaterThanEquals":
		return cmp >= 0
	}
	return false
}

func compareNumbers(a, b jsonvalue.Number) int {
	if ai, ok := a.Int64(); ok {
		if bi, ok := b.Int64(); ok {
			switch {
			case ai < bi:
				return -1
			case ai > bi:
				return 1
			}
			return 0
		}
	}
	af, bf := a.Float64(), b.Float64()
	switch {
	case af < bf:
		return -1
	case af > bf:
		return 1
	}
	return 0
}

// compareUTF16 orders strings as Java's String.compareTo does: by UTF-16
// code units.
func compareUTF16(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return strings.Compare(a, b)
	}
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			if ua[i] < ub[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(ua) < len(ub):
		return -1
	case len(ua) > len(ub):
		return 1
	}
	return 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stringMatches matches s against a StringMatches pattern: * matches any run
// of characters; \* and \\ stand for * and \.
func stringMatches(s, pattern string) bool {
	type tok struct {
		star bool
		lit  string
	}
	var toks []tok
	var lit strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern) && (pattern[i+1] == '*' || pattern[i+1] == '\\'):
			lit.WriteByte(pattern[i+1])
			i++
		case c == '*':
			toks = append(toks, tok{lit: lit.String()}, tok{star: true})
			lit.Reset()
		default:
			lit.WriteByte(c)
		}
	}
	toks = append(toks, tok{lit: lit.String()})
	// Greedy glob matching over literal runs separated by stars.
	var parts []string
	for _, t := range toks {
		if !t.star {
			parts = append(parts, t.lit)
		}
	}
	if len(parts) == 1 {
		return s == parts[0]
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return len(s) >= len(last) && strings.HasSuffix(s, last)
}

// parseTimestamp parses an ISO-8601 extended offset date-time as AWS reads
// it: 2016-03-14T01:59:00Z, with optional seconds, a fraction of up to nine
// digits, and Z or a ±hh:mm offset.
func parseTimestamp(s string) (time.Time, bool) {
	i := strings.IndexByte(s, 'T')
	if i != 10 {
		return time.Time{}, false
	}
	rest := s[i+1:]
	var zone string
	switch {
	case strings.HasSuffix(rest, "Z"):
		zone, rest = "Z", rest[:len(rest)-1]
	default:
		j := strings.LastIndexAny(rest, "+-")
		if j < 0 {
			return time.Time{}, false
		}
		zone, rest = rest[j:], rest[:j]
	}
	layout := "2006-01-02T15:04"
	switch {
	case len(rest) == 5:
	case len(rest) == 8 && rest[5] == ':':
		layout += ":05"
	case len(rest) >= 10 && len(rest) <= 18 && rest[5] == ':' && rest[8] == '.':
		layout += ":05" // time.Parse accepts the fraction after the seconds
	default:
		return time.Time{}, false
	}
	zl := "Z07:00"
	if len(zone) == 9 {
		zl = "Z07:00:00"
	}
	t, err := time.Parse(layout+zl, s[:i+1]+rest+zone)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// selectPath is a helper for rules: it selects with e's input and context.
func (e *env) selectPath(p *pathSpec) (any, error) {
	if p.varName != "" {
		v, ok := e.p.vars.get(p.varName)
		if !ok {
			return nil, fmt.Errorf("the variable $%s is not defined", p.varName)
		}
		return p.p.Select(v, nil)
	}
	if p.p.Context {
		return p.p.Select(nil, e.context())
	}
	return p.p.Select(e.input, nil)
}
