package sim

import (
	"fmt"
	"strings"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/intrinsic"
	"github.com/aslgen/aslgen/dsl/jsonpath"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// graph is a compiled set of states with a start: the machine, a Parallel
// branch or a Map item processor.
type graph struct {
	startAt string
	states  map[string]*state
}

// state is a compiled state.
type state struct {
	name string
	typ  asl.StateType
	// entered and exited are the types of the state's StateEntered and
	// StateExited events: TaskStateEntered, PassStateExited, ...
	entered, exited string

	inputPath      *pathSpec // nil: the whole input
	outputPath     *pathSpec
	resultPath     *pathSpec
	parameters     tnode
	resultSelector tnode
	next           string
	end            bool
	retry          []retrier
	catch          []catcher

	// JSONata states: Arguments (Task, Parallel) and Output; nil Output
	// passes the default on. Assign is compiled in either language.
	jsonata   bool
	arguments tnode
	output    tnode
	assign    tnode

	task     *taskSpec
	result   any // Pass Result
	hasRes   bool
	choices  []rule
	dflt     string
	wait     *waitSpec
	fail     *failSpec
	branches []*graph
	mapSpec  *mapSpec
}

// pathSpec is a compiled path field: a path, or null.
type pathSpec struct {
	null    bool
	text    string
	varName string // the variable the path starts from ($name...); p is then the rest, from $
	p       *jsonpath.Path
}

type retrier struct {
	errs        []string
	interval    time.Duration
	maxAttempts int
	backoff     float64
	maxDelay    time.Duration
	jitter      bool
}

type catcher struct {
	errs       []string
	resultPath *pathSpec // nil: $
	output     tnode     // JSONata: the catcher's output (nil: the error output)
	assign     tnode
	next       string
}

type taskSpec struct {
	resource      string
	timeout       time.Duration
	timeoutPath   *pathSpec
	heartbeat     time.Duration
	heartbeatPath *pathSpec
	credentials   tnode
	timeoutExpr   tnode // JSONata: TimeoutSeconds and HeartbeatSeconds as expressions
	heartbeatExpr tnode
	waitForToken  bool
	lambdaPayload bool // lambda:invoke, any pattern: handlers made by Func get the Payload
	lambdaWrap    bool // lambda:invoke, request-response: a Func handler's result is wrapped in the integration's response
}

type waitSpec struct {
	seconds       int64
	hasSeconds    bool
	secondsPath   *pathSpec
	timestamp     string
	timestampPath *pathSpec
	secondsExpr   tnode // JSONata: Seconds or Timestamp as an expression
	timestampExpr tnode
}

type failSpec struct {
	err, cause         string
	errPath, causePath tnode // a path or an intrinsic function; in JSONata, Error and Cause
}

type mapSpec struct {
	itemsPath      *pathSpec
	items          tnode // JSONata Items
	maxConcExpr    tnode // JSONata: the numeric fields as expressions
	tolCountExpr   tnode
	tolPctExpr     tnode
	batchMaxExpr   tnode
	itemSelector   tnode
	processor      *graph
	distributed    bool
	maxConc        int
	maxConcPath    *pathSpec
	tolCount       int
	tolCountSet    bool
	tolCountPath   *pathSpec
	tolPct         float64
	tolPctSet      bool
	tolPctPath     *pathSpec
	reader         *asl.ItemReader
	readerParams   tnode
	batchMaxItems  int
	batchMaxPath   *pathSpec
	batchMaxBytes  int
	batchInput     tnode
	batched        bool
	resultWriter   bool
	writerResource string
	label          string
}

type compiler struct {
	ql   asl.QueryLanguage
	errs []string
}

func (c *compiler) errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

func (c *compiler) graph(ptr, startAt string, states asl.States) *graph {
	g := &graph{startAt: startAt, states: make(map[string]*state, states.Len())}
	for name, st := range states.All() {
		g.states[name] = c.state(asl.Join(ptr+"/States", name), name, st)
	}
	return g
}

func (c *compiler) path(loc, text string) *pathSpec {
	name, rest, isVar := jsonpath.SplitVariable(text)
	if !isVar {
		rest = text
	}
	p, err := jsonpath.Parse(rest)
	if err != nil {
		c.errorf("%s: path %q: %v", loc, text, err)
		return nil
	}
	return &pathSpec{text: text, varName: name, p: p}
}

func (c *compiler) pathField(loc string, f *asl.Path) *pathSpec {
	switch {
	case f == nil:
		return nil
	case f.Null:
		return &pathSpec{null: true}
	}
	return c.path(loc, f.Value)
}

func (c *compiler) optPath(loc, text string) *pathSpec {
	if text == "" {
		return nil
	}
	return c.path(loc, text)
}

func (c *compiler) retriers(loc string, rs []asl.Retrier) []retrier {
	out := make([]retrier, len(rs))
	for i, r := range rs {
		x := retrier{errs: r.ErrorEquals, interval: time.Second, maxAttempts: 3, backoff: 2}
		if r.IntervalSeconds != nil {
			x.interval = time.Duration(*r.IntervalSeconds) * time.Second
		}
		if r.MaxAttempts != nil {
			x.maxAttempts = *r.MaxAttempts
		}
		if r.BackoffRate != nil {
			x.backoff = *r.BackoffRate
		}
		if r.MaxDelaySeconds != nil {
			x.maxDelay = time.Duration(*r.MaxDelaySeconds) * time.Second
		}
		x.jitter = r.JitterStrategy == asl.JitterFull
		out[i] = x
	}
	return out
}

func (c *compiler) catchers(loc string, cs []asl.Catcher) []catcher {
	out := make([]catcher, len(cs))
	for i, k := range cs {
		kloc := fmt.Sprintf("%s/Catch/%d", loc, i)
		out[i] = catcher{errs: k.ErrorEquals, next: k.Next, resultPath: c.pathField(kloc+"/ResultPath", k.ResultPath),
			assign: c.template(kloc+"/Assign", k.Assign)}
	}
	return out
}

func (c *compiler) template(loc string, raw []byte) tnode {
	if len(raw) == 0 {
		return nil
	}
	v, err := jsonvalue.Parse(raw)
	if err != nil {
		c.errorf("%s: %v", loc, err)
		return nil
	}
	return c.tnode(loc, v)
}

// eventLabels are the prefixes of the event types of each type of state.
var eventLabels = map[asl.StateType]string{
	asl.TypeTask: "Task", asl.TypePass: "Pass", asl.TypeChoice: "Choice", asl.TypeWait: "Wait",
	asl.TypeSucceed: "Succeed", asl.TypeFail: "Fail", asl.TypeParallel: "Parallel", asl.TypeMap: "Map",
}

func (c *compiler) state(loc, name string, st asl.State) *state {
	label := eventLabels[st.Type()]
	s := &state{name: name, typ: st.Type(), entered: label + "StateEntered", exited: label + "StateExited"}
	ql := st.Base().QueryLanguage
	if ql == "" {
		ql = c.ql
	}
	if ql == asl.JSONata {
		s.jsonata = true
		c.jsonataState(loc, s, st)
		return s
	}
	switch x := st.(type) {
	case *asl.Task:
		s.inputPath = c.pathField(loc+"/InputPath", x.InputPath)
		s.parameters = c.template(loc+"/Parameters", x.Parameters)
		s.resultSelector = c.template(loc+"/ResultSelector", x.ResultSelector)
		s.resultPath = c.pathField(loc+"/ResultPath", x.ResultPath)
		s.outputPath = c.pathField(loc+"/OutputPath", x.OutputPath)
		s.retry = c.retriers(loc, x.Retry)
		s.catch = c.catchers(loc, x.Catch)
		s.assign = c.template(loc+"/Assign", x.Assign)
		s.next, s.end = x.Next, x.End
		t := &taskSpec{
			timeoutPath:   c.optPath(loc+"/TimeoutSecondsPath", x.TimeoutSecondsPath),
			heartbeatPath: c.optPath(loc+"/HeartbeatSecondsPath", x.HeartbeatSecondsPath),
			credentials:   c.template(loc+"/Credentials", x.Credentials),
		}
		if x.TimeoutSeconds != nil {
			t.timeout = time.Duration(x.TimeoutSeconds.Int) * time.Second
		}
		if x.HeartbeatSeconds != nil {
			t.heartbeat = time.Duration(x.HeartbeatSeconds.Int) * time.Second
		}
		t.setResource(x.Resource)
		s.task = t
	case *asl.Pass:
		s.inputPath = c.pathField(loc+"/InputPath", x.InputPath)
		s.parameters = c.template(loc+"/Parameters", x.Parameters)
		s.resultPath = c.pathField(loc+"/ResultPath", x.ResultPath)
		s.outputPath = c.pathField(loc+"/OutputPath", x.OutputPath)
		if len(x.Result) > 0 {
			v, err := jsonvalue.Parse(x.Result)
			if err != nil {
				c.errorf("%s/Result: %v", loc, err)
			}
			s.result, s.hasRes = v, true
		}
		s.assign = c.template(loc+"/Assign", x.Assign)
		s.next, s.end = x.Next, x.End
	case *asl.Choice:
		s.inputPath = c.pathField(loc+"/InputPath", x.InputPath)
		s.outputPath = c.pathField(loc+"/OutputPath", x.OutputPath)
		for i := range x.Choices {
			rloc := fmt.Sprintf("%s/Choices/%d", loc, i)
			r := c.rule(rloc, &x.Choices[i])
			r.next = x.Choices[i].Next
			r.assign = c.template(rloc+"/Assign", x.Choices[i].Assign)
			s.choices = append(s.choices, r)
		}
		s.dflt = x.Default
		s.assign = c.template(loc+"/Assign", x.Assign)
	case *asl.Wait:
		s.inputPath = c.pathField(loc+"/InputPath", x.InputPath)
		s.outputPath = c.pathField(loc+"/OutputPath", x.OutputPath)
		w := &waitSpec{
			secondsPath:   c.optPath(loc+"/SecondsPath", x.SecondsPath),
			timestamp:     x.Timestamp,
			timestampPath: c.optPath(loc+"/TimestampPath", x.TimestampPath),
		}
		if x.Seconds != nil {
			w.seconds, w.hasSeconds = int64(x.Seconds.Int), true
		}
		s.wait = w
		s.assign = c.template(loc+"/Assign", x.Assign)
		s.next, s.end = x.Next, x.End
	case *asl.Succeed:
		s.inputPath = c.pathField(loc+"/InputPath", x.InputPath)
		s.outputPath = c.pathField(loc+"/OutputPath", x.OutputPath)
	case *asl.Fail:
		s.fail = &failSpec{
			err: x.Error, cause: x.Cause,
			errPath:   c.dynamicField(loc, "ErrorPath", x.ErrorPath),
			causePath: c.dynamicField(loc, "CausePath", x.CausePath),
		}
	case *asl.Parallel:
		s.inputPath = c.pathField(loc+"/InputPath", x.InputPath)
		s.parameters = c.template(loc+"/Parameters", x.Parameters)
		s.resultSelector = c.template(loc+"/ResultSelector", x.ResultSelector)
		s.resultPath = c.pathField(loc+"/ResultPath", x.ResultPath)
		s.outputPath = c.pathField(loc+"/OutputPath", x.OutputPath)
		s.retry = c.retriers(loc, x.Retry)
		s.catch = c.catchers(loc, x.Catch)
		s.assign = c.template(loc+"/Assign", x.Assign)
		s.next, s.end = x.Next, x.End
		s.branches = c.branches(loc, x.Branches)
	case *asl.Map:
		s.inputPath = c.pathField(loc+"/InputPath", x.InputPath)
		s.resultSelector = c.template(loc+"/ResultSelector", x.ResultSelector)
		s.resultPath = c.pathField(loc+"/ResultPath", x.ResultPath)
		s.outputPath = c.pathField(loc+"/OutputPath", x.OutputPath)
		s.retry = c.retriers(loc, x.Retry)
		s.catch = c.catchers(loc, x.Catch)
		s.assign = c.template(loc+"/Assign", x.Assign)
		s.next, s.end = x.Next, x.End
		s.mapSpec = c.mapSpec(loc, x)
	}
	return s
}

// jsonataState compiles the fields of a JSONata state.
func (c *compiler) jsonataState(loc string, s *state, st asl.State) {
	switch x := st.(type) {
	case *asl.Task:
		s.arguments = c.jtemplate(loc, "Arguments", x.Arguments)
		s.output = c.jtemplate(loc, "Output", x.Output)
		s.assign = c.jtemplate(loc, "Assign", x.Assign)
		s.retry = c.retriers(loc, x.Retry)
		s.catch = c.jsonataCatchers(loc, x.Catch)
		s.next, s.end = x.Next, x.End
		t := &taskSpec{
			credentials:   c.jtemplate(loc, "Credentials", x.Credentials),
			timeoutExpr:   c.jint(loc, "TimeoutSeconds", x.TimeoutSeconds),
			heartbeatExpr: c.jint(loc, "HeartbeatSeconds", x.HeartbeatSeconds),
		}
		t.setResource(x.Resource)
		s.task = t
	case *asl.Pass:
		s.output = c.jtemplate(loc, "Output", x.Output)
		s.assign = c.jtemplate(loc, "Assign", x.Assign)
		s.next, s.end = x.Next, x.End
	case *asl.Choice:
		s.output = c.jtemplate(loc, "Output", x.Output)
		s.assign = c.jtemplate(loc, "Assign", x.Assign)
		for i := range x.Choices {
			r := &x.Choices[i]
			rloc := fmt.Sprintf("%s/Choices/%d", loc, i)
			if len(r.Condition) == 0 {
				c.errorf("%s: a rule of a JSONata Choice state needs a Condition", rloc)
				continue
			}
			s.choices = append(s.choices, rule{
				cond:   c.jtemplate(loc, "Condition", r.Condition),
				output: c.jtemplate(loc, "Output", r.Output),
				assign: c.jtemplate(loc, "Assign", r.Assign),
				next:   r.Next,
			})
		}
		s.dflt = x.Default
	case *asl.Wait:
		s.output = c.jtemplate(loc, "Output", x.Output)
		s.assign = c.jtemplate(loc, "Assign", x.Assign)
		s.wait = &waitSpec{
			secondsExpr:   c.jint(loc, "Seconds", x.Seconds),
			timestampExpr: c.jtext(loc, "Timestamp", x.Timestamp),
		}
		s.next, s.end = x.Next, x.End
	case *asl.Succeed:
		s.output = c.jtemplate(loc, "Output", x.Output)
		s.end = true
	case *asl.Fail:
		s.fail = &failSpec{
			errPath:   c.jtext(loc, "Error", x.Error),
			causePath: c.jtext(loc, "Cause", x.Cause),
		}
	case *asl.Parallel:
		s.arguments = c.jtemplate(loc, "Arguments", x.Arguments)
		s.output = c.jtemplate(loc, "Output", x.Output)
		s.assign = c.jtemplate(loc, "Assign", x.Assign)
		s.retry = c.retriers(loc, x.Retry)
		s.catch = c.jsonataCatchers(loc, x.Catch)
		s.next, s.end = x.Next, x.End
		s.branches = c.branches(loc, x.Branches)
	case *asl.Map:
		s.output = c.jtemplate(loc, "Output", x.Output)
		s.assign = c.jtemplate(loc, "Assign", x.Assign)
		s.retry = c.retriers(loc, x.Retry)
		s.catch = c.jsonataCatchers(loc, x.Catch)
		s.next, s.end = x.Next, x.End
		m := &mapSpec{
			items:        c.jtemplate(loc, "Items", x.Items),
			itemSelector: c.jtemplate(loc, "ItemSelector", x.ItemSelector),
			maxConcExpr:  c.jint(loc, "MaxConcurrency", x.MaxConcurrency),
			tolCountExpr: c.jint(loc, "ToleratedFailureCount", x.ToleratedFailureCount),
			tolPctExpr:   c.jfloat(loc, "ToleratedFailurePercentage", x.ToleratedFailurePercentage),
			reader:       x.ItemReader,
			label:        x.Label,
		}
		c.processor(loc, m, x)
		if r := x.ItemReader; r != nil {
			m.readerParams = c.jtemplate(loc, "ItemReader/Arguments", r.Arguments)
		}
		if b := x.ItemBatcher; b != nil {
			m.batched = true
			m.batchMaxExpr = c.jint(loc, "ItemBatcher/MaxItemsPerBatch", b.MaxItemsPerBatch)
			if b.MaxInputBytesPerBatch != nil {
				m.batchMaxBytes = b.MaxInputBytesPerBatch.Int
			}
			m.batchInput = c.jtemplate(loc, "ItemBatcher/BatchInput", b.BatchInput)
		}
		if w := x.ResultWriter; w != nil {
			m.resultWriter, m.writerResource = true, w.Resource
		}
		s.mapSpec = m
	}
}

// jsonataCatchers compiles the catchers of a JSONata state.
func (c *compiler) jsonataCatchers(loc string, cs []asl.Catcher) []catcher {
	out := make([]catcher, len(cs))
	for i, k := range cs {
		field := fmt.Sprintf("Catch/%d/", i)
		out[i] = catcher{errs: k.ErrorEquals, next: k.Next,
			output: c.jtemplate(loc, field+"Output", k.Output), assign: c.jtemplate(loc, field+"Assign", k.Assign)}
	}
	return out
}

func (c *compiler) mapSpec(loc string, x *asl.Map) *mapSpec {
	m := &mapSpec{
		itemsPath:    c.optPath(loc+"/ItemsPath", x.ItemsPath),
		maxConcPath:  c.optPath(loc+"/MaxConcurrencyPath", x.MaxConcurrencyPath),
		tolCountPath: c.optPath(loc+"/ToleratedFailureCountPath", x.ToleratedFailureCountPath),
		tolPctPath:   c.optPath(loc+"/ToleratedFailurePercentagePath", x.ToleratedFailurePercentagePath),
		reader:       x.ItemReader,
		label:        x.Label,
	}
	if len(x.ItemSelector) > 0 {
		m.itemSelector = c.template(loc+"/ItemSelector", x.ItemSelector)
	} else {
		m.itemSelector = c.template(loc+"/Parameters", x.Parameters)
	}
	c.processor(loc, m, x)
	if x.MaxConcurrency != nil {
		m.maxConc = x.MaxConcurrency.Int
	}
	if x.ToleratedFailureCount != nil {
		m.tolCount, m.tolCountSet = x.ToleratedFailureCount.Int, true
	}
	if x.ToleratedFailurePercentage != nil {
		m.tolPct, m.tolPctSet = x.ToleratedFailurePercentage.Float, true
	}
	if r := x.ItemReader; r != nil {
		m.readerParams = c.template(loc+"/ItemReader/Parameters", r.Parameters)
	}
	if b := x.ItemBatcher; b != nil {
		m.batched = true
		if b.MaxItemsPerBatch != nil {
			m.batchMaxItems = b.MaxItemsPerBatch.Int
		}
		m.batchMaxPath = c.optPath(loc+"/ItemBatcher/MaxItemsPerBatchPath", b.MaxItemsPerBatchPath)
		if b.MaxInputBytesPerBatch != nil {
			m.batchMaxBytes = b.MaxInputBytesPerBatch.Int
		}
		m.batchInput = c.template(loc+"/ItemBatcher/BatchInput", b.BatchInput)
	}
	if w := x.ResultWriter; w != nil {
		m.resultWriter, m.writerResource = true, w.Resource
	}
	return m
}

// setResource sets the task's resource and what its ARN tells.
func (t *taskSpec) setResource(arn string) {
	t.resource = arn
	t.waitForToken = strings.HasSuffix(arn, ".waitForTaskToken")
	in, ok := asl.ParseIntegration(arn)
	t.lambdaPayload = ok && in.IsLambdaInvoke()
	t.lambdaWrap = t.lambdaPayload && in.Pattern == asl.RequestResponse
}

// branches compiles a Parallel state's branches.
func (c *compiler) branches(loc string, bs []asl.Branch) []*graph {
	out := make([]*graph, len(bs))
	for i, b := range bs {
		out[i] = c.graph(fmt.Sprintf("%s/Branches/%d", loc, i), b.StartAt, b.States)
	}
	return out
}

// processor compiles a Map state's item processor.
func (c *compiler) processor(loc string, m *mapSpec, x *asl.Map) {
	if p := x.Processor(); p != nil {
		field := "/ItemProcessor"
		if x.ItemProcessor == nil {
			field = "/Iterator"
		}
		m.processor = c.graph(loc+field, p.StartAt, p.States)
		m.distributed = p.ProcessorConfig != nil && p.ProcessorConfig.Mode == asl.ModeDistributed
	}
}

// dynamicField compiles a field whose value is a path or an intrinsic
// function, such as a Fail state's ErrorPath.
func (c *compiler) dynamicField(loc, field, text string) tnode {
	if text == "" {
		return nil
	}
	if intrinsic.IsIntrinsic(text) {
		call, err := intrinsic.Parse(text)
		if err != nil {
			c.errorf("%s/%s: %v", loc, field, err)
			return nil
		}
		return &tIntrinsic{field: field, text: text, call: call}
	}
	spec := c.path(loc+"/"+field, text)
	if spec == nil {
		return nil
	}
	return &tPath{field: field, spec: spec}
}

// tnode is a compiled payload template node.
type tnode interface {
	eval(e *env) (any, error)
}

// tLiteral is a part of a template with nothing to evaluate.
type tLiteral struct{ v any }

// tObject is an object with fields to evaluate.
type tObject struct {
	keys []string // output keys (".$" removed)
	vals []tnode
}

type tArray struct{ elems []tnode }

// tPath selects a value with a path; field is the template key, with ".$".
type tPath struct {
	field string
	spec  *pathSpec
}

// tIntrinsic evaluates an intrinsic function.
type tIntrinsic struct {
	field string
	text  string
	call  *intrinsic.Call
}

func (c *compiler) tnode(loc string, v any) tnode {
	switch x := v.(type) {
	case *jsonvalue.Object:
		o := &tObject{}
		dynamic := false
		for k, val := range x.All() {
			if strings.HasSuffix(k, ".$") {
				s, ok := val.(string)
				if !ok {
					c.errorf("%s/%s: a .$ field needs a path or intrinsic function string", loc, k)
					continue
				}
				dynamic = true
				o.keys = append(o.keys, strings.TrimSuffix(k, ".$"))
				if intrinsic.IsIntrinsic(s) {
					call, err := intrinsic.Parse(s)
					if err != nil {
						c.errorf("%s/%s: %v", loc, k, err)
						o.vals = append(o.vals, tLiteral{})
						continue
					}
					o.vals = append(o.vals, &tIntrinsic{field: k, text: s, call: call})
					continue
				}
				spec := c.path(loc+"/"+k, s)
				if spec == nil {
					o.vals = append(o.vals, tLiteral{})
					continue
				}
				o.vals = append(o.vals, &tPath{field: k, spec: spec})
				continue
			}
			n := c.tnode(loc+"/"+k, val)
			if _, lit := n.(tLiteral); !lit {
				dynamic = true
			}
			o.keys = append(o.keys, k)
			o.vals = append(o.vals, n)
		}
		if !dynamic {
			return tLiteral{v: x}
		}
		return o
	case []any:
		a := &tArray{}
		dynamic := false
		for i, e := range x {
			n := c.tnode(fmt.Sprintf("%s/%d", loc, i), e)
			if _, lit := n.(tLiteral); !lit {
				dynamic = true
			}
			a.elems = append(a.elems, n)
		}
		if !dynamic {
			return tLiteral{v: x}
		}
		return a
	}
	return tLiteral{v: v}
}
