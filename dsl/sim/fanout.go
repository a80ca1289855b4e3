package sim

import (
	"context"
	"fmt"
	"math"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// fanout runs the children of a Parallel or Map state: at most limit at a
// time (0: no limit), each started once the one before it has run until it
// finished or waited, so that a history reads iteration by iteration.
type fanout struct {
	p        *process
	n, limit int
	eager    bool // start every child at once (Parallel), not one after the other (Map)
	next     int
	running  int
	done     int
	err      *stateError
	results  []any
	children []*process
	// start creates child i, or fails the state.
	start func(i int) (*process, *stateError)
	// childDone records child i's end: the result to keep, or a fatal error
	// that fails the state.
	childDone func(i int, out any, err *stateError) (any, *stateError)
	succeed   func(results []any)
	failed    func(err *stateError)
}

func (f *fanout) run() {
	f.results = make([]any, f.n)
	f.p.children = f.p.children[:0]
	f.advance()
}

// advance is the parent's continuation: start children, or end the state.
func (f *fanout) advance() {
	p := f.p
	switch {
	case f.err != nil:
		f.failed(f.err)
		return
	case f.done == f.n:
		f.succeed(f.results)
		return
	case f.next < f.n && (f.limit <= 0 || f.running < f.limit):
		i := f.next
		f.next++
		child, err := f.start(i)
		if err != nil {
			f.err = err
			f.cancelChildren(nil)
			f.failed(err)
			return
		}
		f.running++
		f.children = append(f.children, child)
		p.children = append(p.children, child)
		child.onDone = func(out any, err *stateError) {
			if f.err != nil || p.cancelled {
				return
			}
			f.running--
			f.done++
			if result, fatal := f.childDone(i, out, err); fatal != nil {
				f.err = fatal
				f.cancelChildren(child)
			} else {
				f.results[i] = result
			}
			p.wake()
		}
		child.wake()
		if f.eager {
			f.advance()
			return
		}
		p.yield(f.advance)
	default:
		p.block(f.advance) // until a child ends
	}
}

func (f *fanout) cancelChildren(except *process) {
	for _, c := range f.children {
		if c != except && !c.finished {
			c.cancel()
		}
	}
}

// parallel runs the branches of a Parallel state.
func (p *process) parallel() {
	s := p.cur
	if p.x.ts != nil && p == p.x.ts.root {
		p.testFanout()
		return
	}
	eff, err := p.effectiveInput()
	if err != nil {
		p.fail(asStateError(err))
		return
	}
	p.x.emit(p, Event{Type: "ParallelStateStarted"})
	f := &fanout{p: p, n: len(s.branches), eager: true}
	f.start = func(i int) (*process, *stateError) {
		child := p.x.newProcess(s.branches[i], eff, p.last, p.vars)
		child.quiet = p.quiet
		child.interleave = true
		return child, nil
	}
	f.childDone = func(i int, out any, err *stateError) (any, *stateError) { return out, err }
	f.succeed = func(results []any) {
		p.x.emit(p, Event{Type: "ParallelStateSucceeded"})
		p.afterResult(results)
	}
	f.failed = func(err *stateError) { p.failWith(err, &Event{Type: "ParallelStateFailed"}) }
	f.run()
}

// mapState runs a Map state's item processor over its items.
func (p *process) mapState() {
	s := p.cur
	if p.x.ts != nil && p == p.x.ts.root {
		p.testFanout()
		return
	}
	m := s.mapSpec
	var eff any
	var cfg mapConfig
	var serr *stateError
	if s.jsonata {
		eff = p.input
		cfg, serr = p.jsonataMapConfig()
		if serr != nil {
			p.failWith(serr, &Event{Type: "MapStateFailed"})
			return
		}
	} else {
		v, err := p.env(p.input).apply(s.inputPath, "InputPath")
		if err != nil {
			p.fail(asStateError(err))
			return
		}
		eff = v
		if cfg, serr = p.mapConfig(eff); serr != nil {
			p.fail(serr)
			return
		}
	}
	items, limit, tolCount, tolPct := cfg.items, cfg.limit, cfg.tolCount, cfg.tolPct
	x := p.x
	x.emit(p, Event{Type: "MapStateStarted", Length: len(items)})
	mapRunARN := ""
	if m.distributed {
		mapRunARN = fmt.Sprintf("arn:aws:states:%s:%s:mapRun:%s/%s:%s", x.s.opts.region, x.s.opts.account, x.s.name, s.name, uuid(x.rng)[:8])
		x.emit(p, Event{Type: "MapRunStarted", MapRunARN: mapRunARN})
	}
	f := &fanout{p: p, n: len(items), limit: limit}
	failures := 0
	f.start = func(i int) (*process, *stateError) {
		input := items[i]
		if m.itemSelector != nil {
			e := p.env(eff)
			saved := p.item
			p.item, p.ctxObj = &mapItem{index: i, value: items[i]}, nil
			v, err := e.evalTemplate(m.itemSelector)
			p.item, p.ctxObj = saved, nil
			if err != nil {
				return nil, asStateError(err)
			}
			input = v
		}
		if !m.distributed {
			x.emit(p, Event{Type: "MapIterationStarted", Name: s.name, Index: i})
		}
		outer := p.vars
		if m.distributed {
			outer = nil // a child execution: the machine's variables are out of its reach
		}
		child := x.newProcess(m.processor, input, p.last, outer)
		if m.distributed {
			child.quiet, child.last = true, 1 // a child execution: its first state is event #2
		}
		return child, nil
	}
	f.childDone = func(i int, out any, err *stateError) (any, *stateError) {
		if err == nil {
			if !m.distributed {
				x.emit(p, Event{Type: "MapIterationSucceeded", Name: s.name, Index: i})
			}
			return out, nil
		}
		if !m.distributed {
			x.emit(p, Event{Type: "MapIterationFailed", Name: s.name, Index: i})
			return nil, err
		}
		failures++
		if tolCount < 0 && tolPct < 0 {
			return nil, err
		}
		countOK := tolCount >= 0 && failures <= tolCount
		pctOK := tolPct >= 0 && float64(failures)*100 <= tolPct*float64(f.n)
		if countOK || pctOK {
			errOut := jsonvalue.NewObject(2)
			errOut.Set("Error", err.name)
			errOut.Set("Cause", err.cause)
			return errOut, nil
		}
		return nil, &stateError{name: errTolerated, cause: "The specified tolerated failure threshold was exceeded"}
	}
	f.succeed = func(results []any) {
		if m.distributed {
			x.emit(p, Event{Type: "MapRunSucceeded"})
		}
		x.emit(p, Event{Type: "MapStateSucceeded"})
		var result any = results
		if m.resultWriter {
			o := jsonvalue.NewObject(2)
			o.Set("MapRunArn", mapRunARN)
			rw := jsonvalue.NewObject(2)
			rw.Set("Bucket", "")
			rw.Set("Key", "")
			o.Set("ResultWriterDetails", rw)
			result = o
		}
		p.afterResult(result)
	}
	f.failed = func(err *stateError) {
		if m.distributed {
			x.emit(p, Event{Type: "MapRunFailed", Error: err.name, Cause: err.cause, hasError: true})
		}
		p.failWith(err, &Event{Type: "MapStateFailed"})
	}
	f.run()
}

// mapItems finds a Map state's items: from the ItemReader's handler, from
// ItemsPath, or the input itself.
func (p *process) mapItems(eff any) ([]any, *stateError) {
	s := p.cur
	m := s.mapSpec
	if m.reader != nil {
		params, err := p.env(eff).evalTemplate(m.readerParams)
		if err != nil {
			return nil, asStateError(err)
		}
		h, ok := p.x.handlerFor(s.name+"/ItemReader", m.reader.Resource)
		if !ok {
			return nil, &stateError{name: ErrorUnmocked, cause: fmt.Sprintf(
				"the ItemReader of Map state %q (Resource %s) has no mock: register one with sim.OnState(%q, ...) or sim.OnResource(%q, ...)",
				s.name, m.reader.Resource, s.name+"/ItemReader", m.reader.Resource)}
		}
		call := &Call{State: s.name + "/ItemReader", Resource: m.reader.Resource, Input: params, x: p.x}
		out, herr := h.resolve(call).invoke(context.WithValue(p.x.ctx, execKey{}, p.x), call)
		if herr != nil {
			se := taskError(herr)
			return nil, &stateError{name: "States.ItemReaderFailed", cause: se.cause}
		}
		arr, ok := out.([]any)
		if !ok {
			return nil, &stateError{name: "States.ItemReaderFailed", cause: "the ItemReader's mock returned " + jsonvalue.Kind(out) + ", not an array of items"}
		}
		return arr, nil
	}
	v := eff
	if m.itemsPath != nil {
		var err error
		v, err = p.env(eff).apply(m.itemsPath, "ItemsPath")
		if err != nil {
			return nil, asStateError(err)
		}
	}
	arr, ok := p.itemsOf(v)
	if !ok {
		return nil, runtimeError("Map state input must be an array but was: %s", jsonvalue.String(v))
	}
	return arr, nil
}

// itemsOf returns the items a Map state iterates over when its items
// (ItemsPath's value, Items' value or the input) are v: the elements of an
// array, or, as AWS documents it, the members of an object, each as an
// item {"key": name, "value": value}, in the object's order. It reports
// false for any other value, and for an object when the simulator has the
// option MapItemsArraysOnly.
func (p *process) itemsOf(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case *jsonvalue.Object:
		if p.x.s.opts.arraysOnly {
			return nil, false
		}
		return objectItems(x), true
	}
	return nil, false
}

// objectItems lists the members of o as Map items, {"key": name, "value":
// value}, in o's order.
func objectItems(o *jsonvalue.Object) []any {
	items := make([]any, 0, o.Len())
	for k, v := range o.All() {
		it := jsonvalue.NewObject(2)
		it.Set("key", k)
		it.Set("value", v)
		items = append(items, it)
	}
	return items
}

// MapItemsArraysOnly makes Map states iterate over arrays only, as AWS did
// before it iterated over JSON objects: items that are an object fail the
// state as any other non-array does (States.Runtime in JSONPath,
// States.QueryEvaluationError in JSONata). It is for replaying executions
// recorded before that change, such as the conformance data of 2023 and
// 2024. By default a Map state whose items are an object iterates over its
// members, each as an item {"key": name, "value": value}, in the object's
// order, in either query language and in inline and distributed mode.
func MapItemsArraysOnly() Option { return func(o *options) { o.arraysOnly = true } }

// batch groups a distributed Map's items as its ItemBatcher says.
func (p *process) batch(items []any, eff any, maxItems int) ([]any, *stateError) {
	m := p.cur.mapSpec
	var batchInput any
	if m.batchInput != nil {
		v, err := p.env(eff).evalTemplate(m.batchInput)
		if err != nil {
			return nil, asStateError(err)
		}
		batchInput = v
	}
	var out []any
	var cur []any
	curBytes := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		b := jsonvalue.NewObject(2)
		if batchInput != nil {
			b.Set("BatchInput", batchInput)
		}
		b.Set("Items", cur)
		out = append(out, b)
		cur, curBytes = nil, 0
	}
	for _, it := range items {
		n := len(jsonvalue.Marshal(it))
		if len(cur) > 0 && ((maxItems > 0 && len(cur) >= maxItems) || (m.batchMaxBytes > 0 && curBytes+n > m.batchMaxBytes)) {
			flush()
		}
		cur = append(cur, it)
		curBytes += n
	}
	flush()
	return out, nil
}

// mapConfig is what a Map state's fields say before its iterations start.
type mapConfig struct {
	items    []any
	limit    int     // MaxConcurrency; 0: no limit
	tolCount int     // -1: not set
	tolPct   float64 // -1: not set
}

// mapConfig evaluates the fields of a JSONPath Map state over its effective
// input.
func (p *process) mapConfig(eff any) (mapConfig, *stateError) {
	m := p.cur.mapSpec
	items, serr := p.mapItems(eff)
	if serr != nil {
		return mapConfig{}, serr
	}
	cfg := mapConfig{limit: m.maxConc, tolCount: -1, tolPct: -1}
	if m.maxConcPath != nil {
		v, err := p.env(eff).selectPath(m.maxConcPath)
		n, ok := intValue(v)
		if err != nil || !ok || n < 0 {
			return mapConfig{}, runtimeError("The MaxConcurrencyPath field refers to value \"%s\" which is not a valid integer: %s", plain(v), m.maxConcPath.text)
		}
		cfg.limit = n
	}
	if m.tolCountSet {
		cfg.tolCount = m.tolCount
	}
	if m.tolPctSet {
		cfg.tolPct = m.tolPct
	}
	if m.tolCountPath != nil {
		v, err := p.env(eff).selectPath(m.tolCountPath)
		n, ok := numberValue(v)
		i, isInt := n.Int64()
		switch {
		case err != nil || !ok || !isInt || !n.IsInteger():
			return mapConfig{}, runtimeError("The ToleratedFailureCountPath field refers to value \"%s\" which is not a valid integer: %s", plain(v), m.tolCountPath.text)
		case i < 0:
			return mapConfig{}, runtimeError("ToleratedFailureCount cannot be negative.")
		}
		cfg.tolCount = int(i)
	}
	if m.tolPctPath != nil {
		v, err := p.env(eff).selectPath(m.tolPctPath)
		n, ok := numberValue(v)
		switch {
		case err != nil || !ok:
			return mapConfig{}, runtimeError("The ToleratedFailurePercentagePath field refers to value \"%s\" which is not a valid float: %s", plain(v), m.tolPctPath.text)
		case n.Float64() < 0 || n.Float64() > 100:
			return mapConfig{}, runtimeError("ToleratedFailurePercentage must be between 0 and 100.")
		}
		cfg.tolPct = n.Float64()
	}
	if m.batched {
		maxItems := m.batchMaxItems
		if m.batchMaxPath != nil {
			v, err := p.env(eff).selectPath(m.batchMaxPath)
			n, ok := intValue(v)
			if err != nil || !ok || n <= 0 {
				return mapConfig{}, runtimeError("The MaxItemsPerBatchPath field refers to value \"%s\" which is not a valid integer: %s", plain(v), m.batchMaxPath.text)
			}
			maxItems = n
		}
		batches, serr := p.batch(items, eff, maxItems)
		if serr != nil {
			return mapConfig{}, serr
		}
		items = batches
	}
	cfg.items = items
	return cfg, nil
}

// jsonataMapConfig evaluates the fields of a JSONata Map state: Items (by
// default the state's input) and the numeric fields, any of them an
// expression.
func (p *process) jsonataMapConfig() (mapConfig, *stateError) {
	m := p.cur.mapSpec
	e := p.env(p.input)
	var items []any
	switch {
	case m.reader != nil:
		arr, serr := p.mapItems(p.input)
		if serr != nil {
			return mapConfig{}, serr
		}
		items = arr
	case m.items != nil:
		v, err := m.items.eval(e)
		if err != nil {
			return mapConfig{}, asStateError(err)
		}
		arr, ok := p.itemsOf(v)
		if !ok {
			return mapConfig{}, wrongType(m.items, "Items", "array", v)
		}
		items = arr
	default:
		arr, ok := p.itemsOf(p.input)
		if !ok {
			return mapConfig{}, queryError("", "Map state input must be an array but was: %s", jsonvalue.String(p.input))
		}
		items = arr
	}
	cfg := mapConfig{tolCount: -1, tolPct: -1}
	n, ok, err := e.evalInt(m.maxConcExpr, "MaxConcurrency")
	switch {
	case err != nil:
		return mapConfig{}, asStateError(err)
	case ok && (n < 0 || n > math.MaxInt32):
		return mapConfig{}, queryError("MaxConcurrency", "The MaxConcurrency field must be a non-negative integer, but was: %d", n)
	case ok:
		cfg.limit = int(n)
	}
	n, ok, err = e.evalInt(m.tolCountExpr, "ToleratedFailureCount")
	switch {
	case err != nil:
		return mapConfig{}, asStateError(err)
	case ok && (n < 0 || n > math.MaxInt32):
		return mapConfig{}, queryError("ToleratedFailureCount", "ToleratedFailureCount cannot be negative.")
	case ok:
		cfg.tolCount = int(n)
	}
	f, ok, err := e.evalNumber(m.tolPctExpr, "ToleratedFailurePercentage")
	switch {
	case err != nil:
		return mapConfig{}, asStateError(err)
	case ok && (f < 0 || f > 100):
		return mapConfig{}, queryError("ToleratedFailurePercentage", "ToleratedFailurePercentage must be between 0 and 100.")
	case ok:
		cfg.tolPct = f
	}
	if m.batched {
		maxItems := m.batchMaxItems
		n, ok, err := e.evalInt(m.batchMaxExpr, "ItemBatcher/MaxItemsPerBatch")
		switch {
		case err != nil:
			return mapConfig{}, asStateError(err)
		case ok && (n <= 0 || n > math.MaxInt32):
			return mapConfig{}, queryError("ItemBatcher/MaxItemsPerBatch", "The MaxItemsPerBatch field must be a positive integer, but was: %d", n)
		case ok:
			maxItems = int(n)
		}
		batches, serr := p.batch(items, p.input, maxItems)
		if serr != nil {
			return mapConfig{}, serr
		}
		items = batches
	}
	cfg.items = items
	return cfg, nil
}

// numberValue reads a number from a *Path field's value; AWS also takes a
// string holding a number there.
func numberValue(v any) (jsonvalue.Number, bool) {
	switch x := v.(type) {
	case jsonvalue.Number:
		return x, true
	case string:
		if n, err := jsonvalue.Parse([]byte(x)); err == nil {
			num, ok := n.(jsonvalue.Number)
			return num, ok
		}
	}
	return "", false
}
