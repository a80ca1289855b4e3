package shape

import (
	"encoding/json"
	"strconv"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonata"
)

// statesObject is the shape of $states in a JSONata expression: the
// state's input and context object, its result (Output and Assign of a
// Task, Parallel or Map state) and the error output (a catcher's Output and
// Assign); nil result and errOut are absent.
func statesObject(in, ctx, result, errOut *Shape) *Shape {
	fields := []Field{{Name: "input", Shape: in}, {Name: "context", Shape: ctx}}
	if result != nil {
		fields = append(fields, Field{Name: "result", Shape: result})
	}
	if errOut != nil {
		fields = append(fields, Field{Name: "errorOutput", Shape: errOut})
	}
	return labeled(ObjectOf(fields, false), "$states")
}

// jsonata analyzes a state in JSONata mode with input in and variables
// vin.
func (a *analyzer) jsonata(name string, st asl.State, in *Shape, vin *vars, root site, se scopeEnv) ([]edge, *Shape) {
	ctx := a.stateContext(se.execInput, st, "$states.context")
	env := func(result, errOut *Shape) jenv {
		return jenv{states: statesObject(in, ctx, result, errOut), vars: vin}
	}
	base := env(nil, nil)
	field := func(name string, rank int) site { return root.child(name, rank) }
	switch x := st.(type) {
	case *asl.Task:
		a.jtemplate(x.Credentials, base, field("Credentials", rankCredentials))
		args := in
		if s := a.jtemplate(x.Arguments, base, field("Arguments", rankArguments)); s != nil {
			args = s
		}
		a.res.EffectiveInput[name] = args
		a.checkInput(name, x.Resource, args, root, inputFields{raw: x.Arguments, field: "Arguments", rank: rankArguments})
		result := a.taskResult(name, x.Resource, root)
		a.jwantInt(x.TimeoutSeconds, base, field("TimeoutSeconds", rankTimeoutSeconds))
		a.jwantInt(x.HeartbeatSeconds, base, field("HeartbeatSeconds", rankHeartbeatSeconds))
		out, vout := a.jexit(env(result, nil), x.Output, x.Assign, result, root)
		edges := a.jcatches(x.Catch, in, ctx, vin, root)
		return a.finish(name, out, vout, x.Next, x.End, edges)
	case *asl.Pass:
		out, vout := a.jexit(base, x.Output, x.Assign, in, root)
		return a.finish(name, out, vout, x.Next, x.End, nil)
	case *asl.Choice:
		var edges []edge
		var all *Shape
		at := field("Choices", rankChoices)
		for i, r := range x.Choices {
			rs := at.sub(strconv.Itoa(i), "["+strconv.Itoa(i)+"]", i)
			a.jcondition(r.Condition, base, rs.sub("Condition", ".Condition"))
			out := in
			if s := a.jtemplate(r.Output, base, rs.sub("Output", ".Output")); s != nil {
				out = s
			}
			vout := vin.with(a.jtemplate(r.Assign, base, rs.sub("Assign", ".Assign")))
			all = join(all, out)
			if r.Next != "" {
				edges = append(edges, edge{r.Next, out, vout})
			}
		}
		out, vout := a.jexit(base, x.Output, x.Assign, in, root)
		if x.Default != "" {
			all = join(all, out)
			edges = append(edges, edge{x.Default, out, vout})
		}
		a.res.Output[name] = norm(all)
		return edges, nil
	case *asl.Wait:
		a.jwantInt(x.Seconds, base, field("Seconds", rankSeconds))
		a.jwantText(x.Timestamp, "Timestamp", wantTimestamp, base, field("Timestamp", rankTimestamp))
		out, vout := a.jexit(base, x.Output, x.Assign, in, root)
		return a.finish(name, out, vout, x.Next, x.End, nil)
	case *asl.Succeed:
		out, _ := a.jexit(base, x.Output, nil, in, root)
		return a.finish(name, out, vin, "", true, nil)
	case *asl.Fail:
		a.jwantText(x.Error, "Error", wantString, base, field("Error", rankError))
		a.jwantText(x.Cause, "Cause", wantString, base, field("Cause", rankCause))
		return nil, nil
	case *asl.Parallel:
		bin := in
		if s := a.jtemplate(x.Arguments, base, field("Arguments", rankArguments)); s != nil {
			bin = s
		}
		outs := make([]*Shape, len(x.Branches))
		for b, br := range x.Branches {
			outs[b] = a.scope(br.States, br.StartAt, bin, vin, se)
		}
		result := TupleOf(outs...)
		out, vout := a.jexit(env(result, nil), x.Output, x.Assign, result, root)
		edges := a.jcatches(x.Catch, in, ctx, vin, root)
		return a.finish(name, out, vout, x.Next, x.End, edges)
	case *asl.Map:
		result := a.jmapResult(x, in, vin, base, root, se)
		out, vout := a.jexit(env(result, nil), x.Output, x.Assign, result, root)
		edges := a.jcatches(x.Catch, in, ctx, vin, root)
		return a.finish(name, out, vout, x.Next, x.End, edges)
	}
	return nil, nil
}

// jexit evaluates a JSONata state's Output (dflt when absent) and Assign,
// and returns its output and the variables after it.
func (a *analyzer) jexit(e jenv, output, assign json.RawMessage, dflt *Shape, root site) (*Shape, *vars) {
	out := dflt
	if s := a.jtemplate(output, e, root.child("Output", rankOutput)); s != nil {
		out = s
	}
	return out, e.vars.with(a.jtemplate(assign, e, root.child("Assign", rankAssign)))
}

// jcatches returns the edges of a JSONata state's catchers: each one's
// Output (by default the error output) over $states.input and
// $states.errorOutput, and the variables after its Assign.
func (a *analyzer) jcatches(cs []asl.Catcher, in, ctx *Shape, vin *vars, root site) []edge {
	var edges []edge
	e := jenv{states: statesObject(in, ctx, nil, errorOutput), vars: vin}
	for i, c := range cs {
		at := root.child("Catch", rankCatch).sub(strconv.Itoa(i), "["+strconv.Itoa(i)+"]", i)
		out := errorOutput
		if s := a.jtemplate(c.Output, e, at.sub("Output", ".Output")); s != nil {
			out = s
		}
		vout := vin.with(a.jtemplate(c.Assign, e, at.sub("Assign", ".Assign")))
		edges = append(edges, edge{c.Next, out, vout})
	}
	return edges
}

// jmapResult analyzes a JSONata Map state's iterations and returns its raw
// result.
func (a *analyzer) jmapResult(x *asl.Map, in *Shape, vin *vars, base jenv, root site, se scopeEnv) *Shape {
	item := unknownShape
	switch {
	case x.ItemReader != nil:
		a.jtemplate(x.ItemReader.Arguments, base, root.child("ItemReader", rankItemReader).sub("Arguments", " Arguments"))
		if rc := x.ItemReader.ReaderConfig; rc != nil {
			a.jwantInt(rc.MaxItems, base, root.child("ItemReader", rankItemReader).sub("ReaderConfig", " ReaderConfig").sub("MaxItems", "/MaxItems"))
		}
	case len(x.Items) > 0:
		at := root.child("Items", rankItems)
		items := a.jtemplate(x.Items, base, at)
		if !admitsItems(items) {
			text := "Items"
			var str string
			if json.Unmarshal(x.Items, &str) == nil {
				text = exprText(str)
			}
			a.report(at, Error, text, text+": Items must be an array or an object, but it is "+items.String())
		} else {
			item = itemOf(items)
		}
	default:
		if !admitsItems(in) {
			at := root
			at.field = "Items"
			at.key = append(append([]int(nil), root.key...), rankItems)
			a.report(at, Error, "$states.input", "$states.input: without Items, a Map state's input must be an array or an object, but it is "+in.String())
		} else {
			item = itemOf(in)
		}
	}
	a.jwantInt(x.MaxConcurrency, base, root.child("MaxConcurrency", rankMaxConcurrency))
	a.jwantInt(x.ToleratedFailureCount, base, root.child("ToleratedFailureCount", rankToleratedFailureCount))
	if f := x.ToleratedFailurePercentage; f != nil && f.Expr != "" {
		a.jwantText(f.Expr, "ToleratedFailurePercentage", wantNumber, base, root.child("ToleratedFailurePercentage", rankToleratedFailurePercentage))
	}
	iter := item
	sel := jenv{states: statesObject(in, contextObject(se.execInput, x, item, true, "$states.context"), nil, nil), vars: vin}
	if s := a.jtemplate(x.ItemSelector, sel, root.child("ItemSelector", rankItemSelector)); s != nil {
		iter = s
	}
	if b := x.ItemBatcher; b != nil {
		at := root.child("ItemBatcher", rankItemBatcher)
		a.jwantInt(b.MaxItemsPerBatch, base, at.sub("MaxItemsPerBatch", "/MaxItemsPerBatch"))
		a.jwantInt(b.MaxInputBytesPerBatch, base, at.sub("MaxInputBytesPerBatch", "/MaxInputBytesPerBatch"))
		a.jtemplate(b.BatchInput, base, at.sub("BatchInput", "/BatchInput"))
		iter = ObjectOf([]Field{{Name: "Items", Shape: ArrayOf(iter)}}, true)
	}
	if w := x.ResultWriter; w != nil {
		a.jtemplate(w.Arguments, base, root.child("ResultWriter", rankResultWriter).sub("Arguments", " Arguments"))
	}
	return a.iterations(x, iter, vin, se)
}

// jtemplate evaluates a field of a JSONata state: a JSON value whose
// strings of the form "{% ... %}" are expressions, at any depth. Every
// expression must give a value (the state fails otherwise), so the members
// of the objects it builds are required. It returns nil when raw is empty.
func (a *analyzer) jtemplate(raw json.RawMessage, e jenv, at site) *Shape {
	if len(raw) == 0 {
		return nil
	}
	n, err := parseJSON(raw)
	if err != nil {
		return unknownShape
	}
	return a.jtemplateNode(n, e, at, nil)
}

func (a *analyzer) jtemplateNode(n *jnode, e jenv, at site, keys []string) *Shape {
	switch n.kind {
	case 's':
		if !jsonata.IsExpression(n.str) {
			return stringLiteral(n.str)
		}
		fat := at
		if len(keys) > 0 {
			fat = at.member(keys)
		}
		return a.jexpr(n.str, e, fat).s
	case 'o':
		fields := make([]Field, len(n.keys))
		for i, k := range n.keys {
			fields[i] = Field{Name: k, Shape: a.jtemplateNode(n.vals[i], e, at, append(append([]string(nil), keys...), k))}
		}
		return ObjectOf(fields, false)
	case 'a':
		if len(n.vals) == 0 {
			return ArrayOf(unknownShape)
		}
		elems := make([]*Shape, len(n.vals))
		for i, v := range n.vals {
			elems[i] = a.jtemplateNode(v, e, at, append(append([]string(nil), keys...), strconv.Itoa(i)))
		}
		return ArrayOf(Union(elems...))
	}
	return literalShape(n)
}

// jcondition checks a Choice rule's JSONata Condition: it must give a
// boolean.
func (a *analyzer) jcondition(raw json.RawMessage, e jenv, at site) {
	var text string
	if len(raw) == 0 || json.Unmarshal(raw, &text) != nil {
		return // a literal true or false
	}
	a.jwantText(text, "Condition", wantBool, e, at)
}

// jwantInt checks an integer field given as an expression.
func (a *analyzer) jwantInt(f *asl.IntOrExpr, e jenv, at site) {
	if f != nil && f.Expr != "" {
		a.jwantText(f.Expr, at.field, wantNumber, e, at)
	}
}

// jwantText checks a string field that may be an expression: its value
// must be of class w. what names the field in the message.
func (a *analyzer) jwantText(text, what string, w want, e jenv, at site) {
	if !jsonata.IsExpression(text) {
		return
	}
	v := a.jexpr(text, e, at)
	if !admits(v.s, w) {
		src := exprText(text)
		a.report(at, Error, src, src+": "+what+" must be "+wantNames[w]+", but it is "+v.s.String())
	}
}
