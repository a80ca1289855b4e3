package graph

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/asl"
)

// maxLabel is the length, in characters, beyond which a label is cut
// short with "…".
const maxLabel = 60

// short cuts s to maxLabel characters.
func short(s string) string {
	if utf8.RuneCountInString(s) <= maxLabel {
		return s
	}
	r := []rune(s)
	return string(r[:maxLabel-1]) + "…"
}

// joinErrors is the label of a catch edge: its error names.
func joinErrors(names []string) string {
	return short(strings.Join(names, ", "))
}

// Condition returns a short readable rendering of a Choice rule's
// condition: "$.amount > 100", "$.kind == \"book\"", "$.x is present",
// "And($.a > 1, Not($.b == true))", or the text of a JSONata Condition
// without its {% %} delimiters. It is at most 60 characters long: a longer
// rendering is cut short with "…".
func Condition(r *asl.ChoiceRule) string {
	return short(condition(r))
}

func condition(r *asl.ChoiceRule) string {
	switch {
	case len(r.Condition) > 0:
		var s string
		if json.Unmarshal(r.Condition, &s) == nil {
			s = strings.TrimSpace(s)
			if t, ok := strings.CutPrefix(s, "{%"); ok {
				if t, ok = strings.CutSuffix(t, "%}"); ok {
					s = strings.TrimSpace(t)
				}
			}
			return s
		}
		return string(r.Condition)
	case len(r.And) > 0:
		return "And(" + conditions(r.And) + ")"
	case len(r.Or) > 0:
		return "Or(" + conditions(r.Or) + ")"
	case r.Not != nil:
		return "Not(" + condition(r.Not) + ")"
	}
	op := string(r.Operator)
	v := r.Variable
	operand := string(r.Operand)
	isPath := strings.HasSuffix(op, "Path")
	if isPath {
		var p string
		if json.Unmarshal(r.Operand, &p) == nil {
			operand = p
		}
		op = strings.TrimSuffix(op, "Path")
	}
	switch op {
	case "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp":
		what := strings.ToLower(strings.TrimPrefix(op, "Is"))
		if what == "present" {
			if operand == "false" {
				return v + " is absent"
			}
			return v + " is present"
		}
		if operand == "false" {
			return v + " is not " + what
		}
		return v + " is " + what
	case "StringMatches":
		return v + " matches " + operand
	}
	for _, c := range comparisons {
		if rest, ok := strings.CutSuffix(op, c.name); ok && rest != "" {
			return v + " " + c.sym + " " + operand
		}
	}
	if op == "" {
		return "?"
	}
	return v + " " + op + " " + operand
}

var comparisons = []struct{ name, sym string }{
	{"GreaterThanEquals", ">="},
	{"LessThanEquals", "<="},
	{"GreaterThan", ">"},
	{"LessThan", "<"},
	{"Equals", "=="},
}

func conditions(rs []asl.ChoiceRule) string {
	parts := make([]string, len(rs))
	for i := range rs {
		parts[i] = condition(&rs[i])
	}
	return strings.Join(parts, ", ")
}

// stateLines returns the lines of a state's label: its name, and what
// kind of work it does.
func stateLines(name string, st asl.State) []string {
	lines := []string{name}
	var detail string
	switch s := st.(type) {
	case *asl.Task:
		detail = resource(s)
	case *asl.Wait:
		switch {
		case s.Seconds != nil && s.Seconds.Expr != "":
			detail = "wait " + s.Seconds.Expr
		case s.Seconds != nil:
			detail = "wait " + strconv.Itoa(s.Seconds.Int) + "s"
		case s.SecondsPath != "":
			detail = "wait " + s.SecondsPath + " s"
		case s.Timestamp != "":
			detail = "until " + s.Timestamp
		case s.TimestampPath != "":
			detail = "until " + s.TimestampPath
		}
	case *asl.Fail:
		detail = "Fail"
		if s.Error != "" {
			detail += ": " + s.Error
		} else if s.ErrorPath != "" {
			detail += ": " + s.ErrorPath
		}
	case *asl.Succeed:
		detail = "Succeed"
	case *asl.Pass:
		detail = "Pass"
	case *asl.Parallel:
		detail = "Parallel"
	case *asl.Map:
		detail = "Map"
		if p := s.Processor(); p != nil && p.ProcessorConfig != nil && p.ProcessorConfig.Mode == asl.ModeDistributed {
			detail = "Map (distributed)"
		}
	}
	if detail != "" {
		lines = append(lines, short(detail))
	}
	if rs, _ := asl.HandlersOf(st); len(rs) > 0 {
		most := 0
		for _, r := range rs {
			n := 3
			if r.MaxAttempts != nil {
				n = *r.MaxAttempts
			}
			most = max(most, n)
		}
		lines = append(lines, "retry ×"+strconv.Itoa(most))
	}
	return lines
}

// resource shortens a Task's resource: "lambda:invoke" for
// arn:aws:states:::lambda:invoke, "λ Name" for a function ARN.
func resource(t *asl.Task) string {
	r := t.Resource
	if r == "" {
		return "Task"
	}
	if rest, ok := strings.CutPrefix(r, "arn:aws:states:::"); ok {
		return rest
	}
	if _, fn, ok := strings.Cut(r, ":function:"); ok {
		return "λ " + fn
	}
	if _, act, ok := strings.Cut(r, ":activity:"); ok {
		return "activity " + act
	}
	return short(r)
}
