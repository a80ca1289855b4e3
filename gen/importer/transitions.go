package importer

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/aslgen/aslgen/dsl/asl"
)

func itoa(n int) string { return strconv.Itoa(n) }

// transitions writes the transitions of one graph: catchers, Choice
// rules, the graph's start when Chain does not give it, and the Next links
// as Chain calls (linear runs) or Next calls.
func (g *gen) transitions(out *[]jen.Code, gv, loc, startAt string, states asl.States) {
	var stmts []jen.Code
	target := func(from, to, where string) (jen.Code, bool) {
		if _, ok := states.Get(to); !ok {
			g.gap(where, "the target %q is no state of this graph; the builder cannot refer to it", to)
			stmts = append(stmts, gapComment("%s went to %q, which is no state of this graph", where, to))
			return nil, false
		}
		return g.ref(to), true
	}

	// Catchers: shared when identical within the graph.
	catchUses := map[string]int{}
	for _, st := range states.All() {
		for _, c := range catchers(st) {
			catchUses[compactValue(c)]++
		}
	}
	catchVars := map[string]string{}
	for name, st := range states.All() {
		cs := catchers(st)
		if len(cs) == 0 {
			continue
		}
		var args []jen.Code
		for i, c := range cs {
			where := ptr(loc, "States", name, "Catch", i)
			key := compactValue(c)
			if v, ok := catchVars[key]; ok {
				args = append(args, jen.Id(v))
				continue
			}
			t, ok := target(name, c.Next, ptr(where, "Next"))
			if !ok {
				continue
			}
			code := g.catcher(c, t, where, g.jsonata(st.Base()))
			if catchUses[key] > 1 {
				v := g.ident("catch "+c.Next, "catch")
				catchVars[key] = v
				stmts = append(stmts, jen.Id(v).Op(":=").Add(code))
				args = append(args, jen.Id(v))
				continue
			}
			args = append(args, code)
		}
		if len(args) > 0 {
			stmts = append(stmts, g.ref(name).Dot("Catch").Call(args...))
		}
	}

	// Choice rules.
	for name, st := range states.All() {
		ch, ok := st.(*asl.Choice)
		if !ok {
			continue
		}
		var calls []jen.Code
		for i, r := range ch.Choices {
			where := ptr(loc, "States", name, "Choices", i)
			cond := g.cond(r, true, where, g.jsonata(st.Base()))
			t, ok := target(name, r.Next, ptr(where, "Next"))
			if !ok {
				continue
			}
			calls = append(calls, call("When", cond, t))
		}
		if ch.Default != "" {
			if t, ok := target(name, ch.Default, ptr(loc, "States", name, "Default")); ok {
				calls = append(calls, call("Otherwise", t))
			}
		}
		if len(calls) > 0 {
			stmts = append(stmts, chain(g.ref(name), calls))
		}
	}

	// Next links: each state's Next is chained with its target unless
	// another state, earlier in definition order, already chains with it.
	names := states.Names()
	next := map[string]string{}
	pred := map[string]string{}
	for _, name := range names {
		st, _ := states.Get(name)
		n, _, ok := asl.NextOf(st)
		if !ok || n == "" {
			continue
		}
		if _, ok := states.Get(n); !ok {
			g.gap(ptr(loc, "States", name, "Next"), "the target %q is no state of this graph; the builder cannot refer to it", n)
			stmts = append(stmts, gapComment("%q went to %q, which is no state of this graph", name, n))
			continue
		}
		next[name] = n
	}
	// Prefer the state defined just before the target, then the first.
	for i, name := range names {
		if n, ok := next[name]; ok && i+1 < len(names) && names[i+1] == n {
			pred[n] = name
		}
	}
	for _, name := range names {
		if n, ok := next[name]; ok {
			if _, taken := pred[n]; !taken && n != name {
				pred[n] = name
			}
		}
	}
	var chains [][]string
	done := map[string]bool{}
	walk := func(head string) {
		c := []string{head}
		done[head] = true
		for cur := head; ; {
			n, ok := next[cur]
			if !ok || pred[n] != cur || done[n] {
				break
			}
			c = append(c, n)
			done[n] = true
			cur = n
		}
		chains = append(chains, c)
	}
	// The run from the start first, so that Chain starts the graph.
	if _, ok := states.Get(startAt); ok {
		if _, has := pred[startAt]; !has {
			walk(startAt)
		}
	}
	for _, name := range names {
		if _, has := pred[name]; !has && !done[name] {
			walk(name)
		}
	}
	for _, name := range names { // cycles
		if !done[name] {
			walk(name)
		}
	}
	linked := map[string]bool{} // states whose Next a chain sets
	var chainStmts []jen.Code
	var inferred string
	for _, c := range chains {
		if len(c) < 2 {
			continue
		}
		if inferred == "" {
			inferred = c[0]
		}
		args := make([]jen.Code, len(c))
		for i, n := range c {
			args[i] = g.ref(n)
			if i+1 < len(c) {
				linked[n] = true
			}
		}
		chainStmts = append(chainStmts, jen.Id(gv).Dot("Chain").Call(args...))
	}
	if inferred == "" && len(names) > 0 {
		inferred = names[0]
	}
	if startAt != inferred {
		if _, ok := states.Get(startAt); ok {
			stmts = append(stmts, jen.Id(gv).Dot("StartAt").Call(g.ref(startAt)))
		} else {
			where := ptr(loc, "StartAt")
			g.gap(where, "StartAt %q names no state of this graph", startAt)
			stmts = append(stmts, gapComment("StartAt was %q, which is no state of this graph", startAt))
		}
	}
	stmts = append(stmts, chainStmts...)
	for _, name := range names {
		if n, ok := next[name]; ok && !linked[name] {
			stmts = append(stmts, g.ref(name).Dot("Next").Call(g.ref(n)))
		}
	}
	// A state with neither Next nor End: the builder ends it.
	for _, name := range names {
		st, _ := states.Get(name)
		n, end, ok := asl.NextOf(st)
		if ok && n == "" && !end {
			g.gap(ptr(loc, "States", name), "the state has neither Next nor End; the builder ends it (End: true)")
		}
	}
	if len(stmts) > 0 {
		*out = append(*out, jen.Line())
		*out = append(*out, stmts...)
	}
}

// retry adds a Retry call for rs, with shared retriers as variables.
func (g *gen) retry(calls []jen.Code, rs []asl.Retrier, loc string) []jen.Code {
	if len(rs) == 0 {
		return calls
	}
	args := make([]jen.Code, len(rs))
	for i, r := range rs {
		key := retrierKey(r)
		code := g.retrier(r)
		if g.retryUses[key] < 2 {
			args[i] = code
			continue
		}
		v, ok := g.retryVars[key]
		if !ok {
			base := "retry"
			if len(r.ErrorEquals) == 1 {
				base = "retry " + r.ErrorEquals[0]
			}
			v = g.ident(base, "retry")
			g.retryVars[key] = v
			g.retryDecl = append(g.retryDecl, jen.Id(v).Op(":=").Add(code))
		}
		args[i] = jen.Id(v)
	}
	return append(calls, call("Retry", args...))
}

func (g *gen) retrier(r asl.Retrier) jen.Code {
	var calls []jen.Code
	if r.IntervalSeconds != nil {
		calls = append(calls, call("Interval", duration(*r.IntervalSeconds)))
	}
	if r.MaxAttempts != nil {
		calls = append(calls, call("MaxAttempts", jen.Lit(*r.MaxAttempts)))
	}
	if r.BackoffRate != nil {
		calls = append(calls, call("Backoff", floatLit(*r.BackoffRate)))
	}
	if r.MaxDelaySeconds != nil {
		calls = append(calls, call("MaxDelay", duration(*r.MaxDelaySeconds)))
	}
	switch r.JitterStrategy {
	case "":
	case asl.JitterFull:
		calls = append(calls, call("Jitter", jen.Qual(dslPath, "JitterFull")))
	case asl.JitterNone:
		calls = append(calls, call("Jitter", jen.Qual(dslPath, "JitterNone")))
	default:
		calls = append(calls, call("Jitter", jen.Qual(dslPath, "JitterStrategy").Call(jen.Lit(r.JitterStrategy))))
	}
	if r.Comment != "" {
		calls = append(calls, call("Comment", jen.Lit(r.Comment)))
	}
	return chainInline(jen.Qual(dslPath, "Retry").Call(errorNames(r.ErrorEquals)...), calls)
}

// chainInline renders recv.c1().c2() on one line, or one call a line when
// there are more than two.
func chainInline(recv *jen.Statement, calls []jen.Code) *jen.Statement {
	if len(calls) > 2 {
		return chain(recv, calls)
	}
	s := recv.Clone()
	for _, c := range calls {
		s = s.Op(".").Add(c)
	}
	return s
}

func (g *gen) catcher(c asl.Catcher, target jen.Code, where string, jsonata bool) jen.Code {
	mode := modePath
	if jsonata {
		mode = modeJSONata
	}
	var calls []jen.Code
	if c.ResultPath != nil {
		calls = append(calls, call("ResultPath", pathArg(c.ResultPath)))
	}
	if c.Output != nil {
		calls = append(calls, call("Output", g.value(c.Output, modeJSONata, ptr(where, "Output"))))
	}
	if c.Assign != nil {
		calls = append(calls, call("Assign", g.value(c.Assign, mode, ptr(where, "Assign"))))
	}
	if c.Comment != "" {
		calls = append(calls, call("Comment", jen.Lit(c.Comment)))
	}
	args := append([]jen.Code{target}, errorNames(c.ErrorEquals)...)
	return chainInline(jen.Qual(dslPath, "Catch").Call(args...), calls)
}

// errorConsts maps the predefined error names to their dsl constants.
var errorConsts = map[string]string{
	"States.ALL":                             "ErrAll",
	"States.TaskFailed":                      "ErrTaskFailed",
	"States.Timeout":                         "ErrTimeout",
	"States.HeartbeatTimeout":                "ErrHeartbeatTimeout",
	"States.Permissions":                     "ErrPermissions",
	"States.Runtime":                         "ErrRuntime",
	"States.DataLimitExceeded":               "ErrDataLimitExceeded",
	"States.BranchFailed":                    "ErrBranchFailed",
	"States.NoChoiceMatched":                 "ErrNoChoiceMatched",
	"States.IntrinsicFailure":                "ErrIntrinsicFailure",
	"States.ParameterPathFailure":            "ErrParameterPathFailure",
	"States.ResultPathMatchFailure":          "ErrResultPathMatchFailure",
	"States.ExceedToleratedFailureThreshold": "ErrExceedToleratedFailureThreshold",
	"States.ItemReaderFailed":                "ErrItemReaderFailed",
	"States.ResultWriterFailed":              "ErrResultWriterFailed",
	"States.QueryEvaluationError":            "ErrQueryEvaluationError",
	"Lambda.ServiceException":                "ErrLambdaServiceException",
	"Lambda.AWSLambdaException":              "ErrLambdaAWSLambdaException",
	"Lambda.SdkClientException":              "ErrLambdaSdkClientException",
	"Lambda.TooManyRequestsException":        "ErrLambdaTooManyRequestsException",
}

// errorNames renders error names: the dsl constants where there is one,
// else string constants (which convert to dsl.ErrorName).
func errorNames(names []string) []jen.Code {
	out := make([]jen.Code, len(names))
	for i, n := range names {
		out[i] = errorName(n, false)
	}
	return out
}

func errorName(n string, typed bool) jen.Code {
	if c, ok := errorConsts[n]; ok {
		return jen.Qual(dslPath, c)
	}
	if typed {
		return jen.Qual(dslPath, "ErrorName").Call(jen.Lit(n))
	}
	return jen.Lit(n)
}

// catchers returns a state's catchers.
func catchers(st asl.State) []asl.Catcher {
	_, c := asl.HandlersOf(st)
	return c
}
