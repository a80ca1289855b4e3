package importer

import (
	"encoding/json"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/aslgen/aslgen/dsl/asl"
)

// graph writes the states of one graph (the machine, a branch or an item
// processor, held in the variable gv) to out: their declarations in
// definition order, each Parallel's and Map's nested graphs after it, and
// then the graph's transitions.
func (g *gen) graph(out *[]jen.Code, gv, loc, startAt string, states asl.States, _ asl.QueryLanguage) {
	for name := range states.All() {
		g.vars[name] = g.ident(name, "state")
	}
	for name, st := range states.All() {
		g.declare(out, gv, ptr(loc, "States", name), name, st)
	}
	g.transitions(out, gv, loc, startAt, states)
}

// jsonata reports whether a state's fields are JSONata, as the builder
// decides it: the state's QueryLanguage, or else the machine's.
func (g *gen) jsonata(b *asl.StateBase) bool {
	ql := b.QueryLanguage
	if ql == "" {
		ql = g.sm.QueryLanguage
	}
	return ql == asl.JSONata
}

// declare writes the declaration of one state: its variable and every
// field that is no transition.
func (g *gen) declare(out *[]jen.Code, gv, loc, name string, st asl.State) {
	v := g.vars[name]
	b := st.Base()
	jsonata := g.jsonata(b)
	mode := modePath
	if jsonata {
		mode = modeJSONata
	}
	var calls []jen.Code
	var notes []jen.Code
	add := func(method string, args ...jen.Code) { calls = append(calls, call(method, args...)) }
	common := func() {
		if b.Comment != "" {
			add("Comment", jen.Lit(b.Comment))
		}
		if b.QueryLanguage != "" {
			add("QueryLanguage", queryLanguage(b.QueryLanguage))
		}
	}
	path := func(method string, p *asl.Path) {
		if p != nil {
			add(method, pathArg(p))
		}
	}
	tmpl := func(method string, raw json.RawMessage, m tmplMode) {
		if raw != nil {
			add(method, g.value(raw, m, ptr(loc, method)))
		}
	}
	var ctor *jen.Statement
	switch s := st.(type) {
	case *asl.Task:
		params, args := s.Parameters, s.Arguments
		if fn, p, a, ok := lambdaInvoke(s, jsonata); ok {
			ctor = jen.Id(gv).Dot("LambdaInvoke").Call(jen.Lit(name), jen.Lit(fn))
			params, args = p, a
		} else {
			ctor = jen.Id(gv).Dot("Task").Call(jen.Lit(name))
			if s.ResourceIntrinsic != nil {
				add("ResourceIntrinsic", g.value(s.ResourceIntrinsic, modeStatic, ptr(loc, "Resource")))
			} else {
				add("Resource", jen.Lit(s.Resource))
			}
		}
		common()
		tmpl("Credentials", s.Credentials, mode)
		path("InputPath", s.InputPath)
		tmpl("Parameters", params, mode)
		tmpl("Arguments", args, modeJSONata)
		tmpl("ResultSelector", s.ResultSelector, mode)
		path("ResultPath", s.ResultPath)
		path("OutputPath", s.OutputPath)
		tmpl("Output", s.Output, modeJSONata)
		tmpl("Assign", s.Assign, mode)
		if c := secondsValue(s.TimeoutSeconds, s.TimeoutSecondsPath); c != nil {
			add("Timeout", c)
		}
		if c := secondsValue(s.HeartbeatSeconds, s.HeartbeatSecondsPath); c != nil {
			add("Heartbeat", c)
		}
		calls = g.retry(calls, s.Retry, loc)
	case *asl.Pass:
		ctor = jen.Id(gv).Dot("Pass").Call(jen.Lit(name))
		common()
		path("InputPath", s.InputPath)
		tmpl("Parameters", s.Parameters, mode)
		tmpl("Result", s.Result, modeStatic)
		path("ResultPath", s.ResultPath)
		path("OutputPath", s.OutputPath)
		tmpl("Output", s.Output, modeJSONata)
		tmpl("Assign", s.Assign, mode)
	case *asl.Choice:
		ctor = jen.Id(gv).Dot("Choice").Call(jen.Lit(name))
		common()
		path("InputPath", s.InputPath)
		path("OutputPath", s.OutputPath)
		tmpl("Output", s.Output, modeJSONata)
		tmpl("Assign", s.Assign, mode)
	case *asl.Wait:
		ctor = jen.Id(gv).Dot("Wait").Call(jen.Lit(name))
		common()
		path("InputPath", s.InputPath)
		path("OutputPath", s.OutputPath)
		if c := secondsValue(s.Seconds, s.SecondsPath); c != nil {
			add("For", c)
		}
		switch {
		case s.TimestampPath != "":
			add("Until", pathValue(s.TimestampPath))
		case s.Timestamp != "" && jsonata && isExpr(s.Timestamp):
			add("Until", jen.Qual(dslPath, "Expr").Call(jen.Lit(s.Timestamp)))
		case s.Timestamp != "":
			if t, ok := timeCode(s.Timestamp); ok {
				add("Until", jen.Qual(dslPath, "Time").Call(t))
			} else if isTimestamp(s.Timestamp) {
				add("Until", jen.Qual(dslPath, "Timestamp").Call(jen.Lit(s.Timestamp)))
			} else {
				g.gap(ptr(loc, "Timestamp"), "the builder takes an RFC 3339 timestamp, not %q", s.Timestamp)
				notes = append(notes, gapComment("Timestamp was %q", s.Timestamp))
			}
		}
		tmpl("Output", s.Output, modeJSONata)
		tmpl("Assign", s.Assign, mode)
	case *asl.Succeed:
		ctor = jen.Id(gv).Dot("Succeed").Call(jen.Lit(name))
		common()
		path("InputPath", s.InputPath)
		path("OutputPath", s.OutputPath)
		tmpl("Output", s.Output, modeJSONata)
	case *asl.Fail:
		ctor = jen.Id(gv).Dot("Fail").Call(jen.Lit(name))
		common()
		if c := textValue(s.Error, s.ErrorPath, jsonata, true); c != nil {
			add("Error", c)
		}
		if c := textValue(s.Cause, s.CausePath, jsonata, false); c != nil {
			add("Cause", c)
		}
	case *asl.Parallel:
		ctor = jen.Id(gv).Dot("Parallel").Call(jen.Lit(name))
		common()
		path("InputPath", s.InputPath)
		tmpl("Parameters", s.Parameters, mode)
		tmpl("Arguments", s.Arguments, modeJSONata)
		tmpl("ResultSelector", s.ResultSelector, mode)
		path("ResultPath", s.ResultPath)
		path("OutputPath", s.OutputPath)
		tmpl("Output", s.Output, modeJSONata)
		tmpl("Assign", s.Assign, mode)
		calls = g.retry(calls, s.Retry, loc)
	case *asl.Map:
		ctor = jen.Id(gv).Dot("Map").Call(jen.Lit(name))
		common()
		path("InputPath", s.InputPath)
		if s.ItemsPath != "" {
			add("Items", jen.Qual(dslPath, "Path").Call(jen.Lit(s.ItemsPath)))
		}
		tmpl("Items", s.Items, modeJSONata)
		tmpl("ItemSelector", s.ItemSelector, mode)
		tmpl("Parameters", s.Parameters, mode)
		calls, notes = g.mapFields(calls, notes, s, loc, mode)
		tmpl("ResultSelector", s.ResultSelector, mode)
		path("ResultPath", s.ResultPath)
		path("OutputPath", s.OutputPath)
		tmpl("Output", s.Output, modeJSONata)
		tmpl("Assign", s.Assign, mode)
		calls = g.retry(calls, s.Retry, loc)
	}
	*out = append(*out, notes...)
	if g.known[v] {
		*out = append(*out, jen.Id(v).Op(":=").Add(chain(ctor, calls)))
	} else {
		*out = append(*out, chain(ctor, calls))
	}
	switch s := st.(type) {
	case *asl.Parallel:
		for i, br := range s.Branches {
			bv := g.ident(name+" Branch"+itoa(i+1), "branch")
			decl := g.refVar(v).Dot("Branch").Call()
			if br.Comment != "" {
				decl = decl.Dot("Comment").Call(jen.Lit(br.Comment))
			}
			*out = append(*out, jen.Line(), jen.Id(bv).Op(":=").Add(decl))
			g.graph(out, bv, ptr(loc, "Branches", i), br.StartAt, br.States, "")
		}
		*out = append(*out, jen.Line())
	case *asl.Map:
		p := s.Processor()
		if p == nil {
			return
		}
		field := "ItemProcessor"
		if s.Iterator != nil {
			field = "Iterator"
		}
		pv := g.ident(name+" Items", "items")
		decl := g.refVar(v).Dot("ItemProcessor").Call()
		if p.Comment != "" {
			decl = decl.Dot("Comment").Call(jen.Lit(p.Comment))
		}
		*out = append(*out, jen.Line(), jen.Id(pv).Op(":=").Add(decl))
		g.graph(out, pv, ptr(loc, field), p.StartAt, p.States, "")
		*out = append(*out, jen.Line())
	}
}

// mapFields adds a Map state's own fields: the item processor's mode,
// concurrency and tolerated failures, and the Distributed Map's reader,
// batcher, writer and label.
func (g *gen) mapFields(calls, notes []jen.Code, s *asl.Map, loc string, mode tmplMode) ([]jen.Code, []jen.Code) {
	add := func(method string, args ...jen.Code) { calls = append(calls, call(method, args...)) }
	p, field := s.ItemProcessor, "ItemProcessor"
	if s.Iterator != nil {
		p, field = s.Iterator, "Iterator"
		add("UseIterator")
	}
	if p != nil {
		pc := p.ProcessorConfig
		switch {
		case pc == nil && s.Iterator != nil:
		case pc == nil:
			add("OmitProcessorConfig")
		case pc.Mode == asl.ModeDistributed:
			add("Distributed", executionType(pc.ExecutionType))
		case pc.Mode == asl.ModeInline && pc.ExecutionType == "" && s.Iterator == nil:
		case pc.Mode == asl.ModeInline && pc.ExecutionType == "":
			add("Inline")
		default:
			g.gap(ptr(loc, field, "ProcessorConfig"), "the builder cannot write the ProcessorConfig %s in %s", compactValue(pc), field)
			notes = append(notes, gapComment("the ProcessorConfig was %s", compactValue(pc)))
		}
	}
	if c := intValue(s.MaxConcurrency, s.MaxConcurrencyPath); c != nil {
		add("MaxConcurrency", c)
	}
	if s.ToleratedFailurePercentage != nil || s.ToleratedFailurePercentagePath != "" {
		var c jen.Code
		switch f := s.ToleratedFailurePercentage; {
		case s.ToleratedFailurePercentagePath != "":
			c = pathValue(s.ToleratedFailurePercentagePath)
		case f.Expr != "":
			c = jen.Qual(dslPath, "Expr").Call(jen.Lit(f.Expr))
		default:
			c = jen.Qual(dslPath, "Percent").Call(floatLit(f.Float))
		}
		add("ToleratedFailurePercentage", c)
	}
	if c := intValue(s.ToleratedFailureCount, s.ToleratedFailureCountPath); c != nil {
		add("ToleratedFailureCount", c)
	}
	if s.Label != "" {
		add("Label", jen.Lit(s.Label))
	}
	if r := s.ItemReader; r != nil {
		d := jen.Dict{}
		if r.Resource != "" {
			d[jen.Id("Resource")] = jen.Lit(r.Resource)
		}
		if r.Parameters != nil {
			d[jen.Id("Parameters")] = g.value(r.Parameters, mode, ptr(loc, "ItemReader", "Parameters"))
		}
		if r.Arguments != nil {
			d[jen.Id("Arguments")] = g.value(r.Arguments, modeJSONata, ptr(loc, "ItemReader", "Arguments"))
		}
		if rc := r.ReaderConfig; rc != nil {
			empty := true
			str := func(k, v string) {
				if v != "" {
					d[jen.Id(k)] = jen.Lit(v)
					empty = false
				}
			}
			str("InputType", rc.InputType)
			str("CSVHeaderLocation", rc.CSVHeaderLocation)
			str("CSVDelimiter", rc.CSVDelimiter)
			str("ManifestType", rc.ManifestType)
			if rc.CSVHeaders != nil {
				hs := make([]jen.Code, len(rc.CSVHeaders))
				for i, h := range rc.CSVHeaders {
					hs[i] = jen.Lit(h)
				}
				d[jen.Id("CSVHeaders")] = jen.Index().String().Values(hs...)
				empty = false
			}
			if c := intValue(rc.MaxItems, rc.MaxItemsPath); c != nil {
				d[jen.Id("MaxItems")] = c
				empty = false
			}
			if empty {
				d[jen.Id("KeepEmptyReaderConfig")] = jen.True()
			}
		}
		add("ItemReader", jen.Qual(dslPath, "ItemReader").Values(d))
	}
	if bt := s.ItemBatcher; bt != nil {
		d := jen.Dict{}
		if c := intValue(bt.MaxItemsPerBatch, bt.MaxItemsPerBatchPath); c != nil {
			d[jen.Id("MaxItemsPerBatch")] = c
		}
		if c := intValue(bt.MaxInputBytesPerBatch, bt.MaxInputBytesPerBatchPath); c != nil {
			d[jen.Id("MaxInputBytesPerBatch")] = c
		}
		if bt.BatchInput != nil {
			d[jen.Id("BatchInput")] = g.value(bt.BatchInput, mode, ptr(loc, "ItemBatcher", "BatchInput"))
		}
		add("ItemBatcher", jen.Qual(dslPath, "ItemBatcher").Values(d))
	}
	if w := s.ResultWriter; w != nil {
		d := jen.Dict{}
		if w.Resource != "" {
			d[jen.Id("Resource")] = jen.Lit(w.Resource)
		}
		if w.Parameters != nil {
			d[jen.Id("Parameters")] = g.value(w.Parameters, mode, ptr(loc, "ResultWriter", "Parameters"))
		}
		if w.Arguments != nil {
			d[jen.Id("Arguments")] = g.value(w.Arguments, modeJSONata, ptr(loc, "ResultWriter", "Arguments"))
		}
		if wc := w.WriterConfig; wc != nil {
			if wc.OutputType == "" && wc.Transformation == "" {
				d[jen.Id("KeepEmptyWriterConfig")] = jen.True()
			}
			if wc.OutputType != "" {
				d[jen.Id("OutputType")] = jen.Lit(wc.OutputType)
			}
			if wc.Transformation != "" {
				d[jen.Id("Transformation")] = jen.Lit(wc.Transformation)
			}
		}
		add("ResultWriter", jen.Qual(dslPath, "ResultWriter").Values(d))
	}
	return calls, notes
}

func executionType(t string) jen.Code {
	switch t {
	case asl.ExecutionStandard:
		return jen.Qual(dslPath, "Standard")
	case asl.ExecutionExpress:
		return jen.Qual(dslPath, "Express")
	}
	return jen.Qual(dslPath, "ExecutionType").Call(jen.Lit(t))
}

// lambdaInvoke reports whether a Task is what Graph.LambdaInvoke builds:
// the lambda:invoke integration (request-response, in the aws partition)
// with a constant FunctionName and only lambda:invoke's parameters. It
// returns the function and the Parameters and Arguments to set on top of
// LambdaInvoke's own (nil when LambdaInvoke's defaults are the state's).
func lambdaInvoke(s *asl.Task, jsonata bool) (fn string, params, args json.RawMessage, ok bool) {
	if s.Resource != "arn:aws:states:::lambda:invoke" || s.ResourceIntrinsic != nil {
		return "", nil, nil, false
	}
	raw, other := s.Parameters, s.Arguments
	def := `{"Payload.$":"$"}`
	if jsonata {
		raw, other = s.Arguments, s.Parameters
		def = `{"Payload":"{% $states.input %}"}`
	}
	if raw == nil || other != nil {
		return "", nil, nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return "", nil, nil, false
	}
	if json.Unmarshal(m["FunctionName"], &fn) != nil {
		return "", nil, nil, false
	}
	delete(m, "FunctionName")
	for k := range m {
		if !lambdaParams[strings.TrimSuffix(k, ".$")] {
			return "", nil, nil, false
		}
	}
	rest, _ := json.Marshal(m)
	if sameJSON(rest, []byte(def)) {
		return fn, nil, nil, true
	}
	if jsonata {
		return fn, nil, rest, true
	}
	return fn, rest, nil, true
}

var lambdaParams = map[string]bool{"Payload": true, "InvocationType": true,
	"LogType": true, "ClientContext": true, "Qualifier": true}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

func compact(raw json.RawMessage) string {
	var b strings.Builder
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	data, _ := json.Marshal(v)
	b.Write(data)
	return b.String()
}

func compactValue(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}
