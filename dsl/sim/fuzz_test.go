package sim_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/sim"
)

// fuzzSeeds are small valid machines that between them use every state
// type, Retry and Catch, timeouts, intrinsic functions, paths, the context
// object, task tokens and distributed maps: the fuzzer mutates them into
// machines that run.
var fuzzSeeds = []struct{ def, input string }{
	{`{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.in","Parameters":{"sum.$":"States.MathAdd($.a, 2)","s.$":"States.Format('x={} y={}', $.a, $.b)","arr.$":"States.Array($.a, $.b, 3)","len.$":"States.ArrayLength($.list)","uuid.$":"States.UUID()","rand.$":"States.MathRandom(1, 10)","json.$":"States.StringToJson('{\"k\":[1,2]}')","enc.$":"States.Base64Encode($.b)","h.$":"States.Hash($.b, 'SHA-256')","ctx.$":"$$.Execution.Name"},"ResultPath":"$.out","OutputPath":"$.out","End":true}}}`,
		`{"in":{"a":1,"b":"two","list":[1,2,3]}}`},
	{`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"},{"And":[{"Variable":"$.s","IsString":true},{"Variable":"$.s","StringMatches":"a*"}],"Next":"W"},{"Not":{"Variable":"$.flag","BooleanEquals":true},"Next":"Bad"}],"Default":"W"},"Big":{"Type":"Pass","Result":"big","ResultPath":"$.size","Next":"W"},"W":{"Type":"Wait","SecondsPath":"$.wait","Next":"Done"},"Bad":{"Type":"Fail","ErrorPath":"$.err","CausePath":"$.s"},"Done":{"Type":"Succeed","OutputPath":"$.n"}}}`,
		`{"n":12,"s":"abc","flag":true,"wait":3,"err":"E"}`},
	{`{"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[{"StartAt":"T1","States":{"T1":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},"Retry":[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1,"MaxAttempts":2,"BackoffRate":2}],"End":true}}},{"StartAt":"B2","States":{"B2":{"Type":"Wait","Seconds":5,"Next":"B3"},"B3":{"Type":"Pass","End":true}}}],"ResultSelector":{"first.$":"$[0]","second.$":"$[1]"},"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Recover"}],"End":true},"Recover":{"Type":"Pass","End":true}}}`,
		`{"x":1}`},
	{`{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},"ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Parameters":{"TableName":"t","Item":{"v.$":"$.v"}},"Catch":[{"ErrorEquals":["Custom.Error"],"Next":"F"}],"End":true},"F":{"Type":"Fail","Error":"Item.Failed","Cause":"item"}}},"ResultPath":"$.results","End":true}}}`,
		`{"items":[1,"two",{"three":3},[4],null]}`},
	{`{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","TimeoutSeconds":3,"HeartbeatSeconds":2,"Retry":[{"ErrorEquals":["States.Timeout","States.HeartbeatTimeout"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":1.5,"MaxDelaySeconds":4,"JitterStrategy":"FULL"},{"ErrorEquals":["States.ALL"],"MaxAttempts":1}],"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":null,"Next":"Fallback"}],"Next":"Done"},"Fallback":{"Type":"Fail","Error":"Fallback.Failed"},"Done":{"Type":"Succeed"}}}`,
		`{}`},
	{`{"StartAt":"Init","States":{"Init":{"Type":"Pass","Result":{"i":0},"Next":"Inc"},"Inc":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)"},"Next":"Loop"},"Loop":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThan":5,"Next":"Inc"}],"Default":"End"},"End":{"Type":"Succeed"}}}`,
		`{}`},
	{`{"StartAt":"D","States":{"D":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},"ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"b":1}},"ToleratedFailureCount":1,"Label":"d","End":true}}}`,
		`[1,2,3,4,5]`},
	{`{"StartAt":"W","TimeoutSeconds":10,"States":{"W":{"Type":"Wait","Timestamp":"2030-01-01T00:00:00Z","Next":"W2"},"W2":{"Type":"Wait","TimestampPath":"$.when","End":true}}}`,
		`{"when":"2020-01-01T00:00:00Z"}`},
	{`{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token","input.$":"$"}},"TimeoutSecondsPath":"$.timeout","Next":"F"},"F":{"Type":"Fail","Cause":"no error name"}}}`,
		`{"timeout":30}`},
	{`{"StartAt":"R","States":{"R":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"b","Key":"k"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"ToleratedFailurePercentage":50,"End":true}}}`,
		`{}`},
	{`{"StartAt":"Outer","States":{"Outer":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Fail","Error":"B.Failed","Cause":"b"}}}],"Retry":[{"ErrorEquals":["B.Failed"],"MaxAttempts":1,"IntervalSeconds":1}],"End":true}}},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"Next":"Done"},"Done":{"Type":"Pass","End":true}}}`,
		`[{"a":1},{"a":2}]`},
}

// fuzzFacts is what a fuzz case needs to know of its document.
type fuzzFacts struct {
	resources   []string // Task resources, once each (one OnResource per resource)
	readers     []string // names of Map states with an ItemReader
	distributed bool     // a distributed Map: see the note in checkExecution
	bareFail    bool     // a Fail state without Error or ErrorPath
}

func (f *fuzzFacts) walk(states asl.States) {
	for name, st := range states.All() {
		switch s := st.(type) {
		case *asl.Task:
			f.addResource(s.Resource)
		case *asl.Fail:
			if s.Error == "" && s.ErrorPath == "" {
				f.bareFail = true
			}
		case *asl.Parallel:
			for _, b := range s.Branches {
				f.walk(b.States)
			}
		case *asl.Map:
			if s.ItemReader != nil {
				f.readers = append(f.readers, name)
				f.addResource(s.ItemReader.Resource)
			}
			if p := s.Processor(); p != nil {
				if p.ProcessorConfig != nil && p.ProcessorConfig.Mode == asl.ModeDistributed {
					f.distributed = true
				}
				f.walk(p.States)
			}
		}
	}
}

// addResource notes a resource, unless it has been noted.
func (f *fuzzFacts) addResource(r string) {
	if !slices.Contains(f.resources, r) {
		f.resources = append(f.resources, r)
	}
}

// mix draws a deterministic number from the seed and a call.
func mix(seed int64, key string, n int) uint64 {
	h := fnv.New64a()
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], uint64(seed))
	binary.LittleEndian.PutUint64(b[8:], uint64(n))
	h.Write(b[:])
	h.Write([]byte(key))
	return h.Sum64()
}

// fuzzHandler answers a task as the seed says: its input, a fixed result, or
// an error, after no time, a little time, or longer than most timeouts.
func fuzzHandler(seed int64, resource string) sim.Handler {
	h := sim.Respond(func(ctx context.Context, c *sim.Call) (any, error) {
		switch mix(seed, c.State, c.Invocation) % 8 {
		case 0, 1, 2:
			return c.Input, nil
		case 3:
			return json.RawMessage(`{"ok":true,"items":[1,"a",{"b":null}],"Payload":{"n":1}}`), nil
		case 4:
			return json.RawMessage(`[1,2,3]`), nil
		case 5:
			return nil, &sim.TaskError{Name: "States.TaskFailed", Cause: "fuzz"}
		case 6:
			return nil, &sim.TaskError{Name: "Custom.Error", Cause: "fuzz"}
		default:
			return nil, errors.New("a plain error")
		}
	})
	switch mix(seed, resource, -1) % 4 {
	case 0:
		h = h.After(2 * time.Second)
	case 1:
		h = h.After(400 * time.Second)
	}
	return h
}

// fuzzReader answers a Map's ItemReader.
func fuzzReader(seed int64) sim.Handler {
	return sim.Respond(func(ctx context.Context, c *sim.Call) (any, error) {
		switch mix(seed, c.State, c.Invocation) % 4 {
		case 0, 1:
			return json.RawMessage(`[1,{"a":2},"three",[4],null]`), nil
		case 2:
			return json.RawMessage(`{"not":"an array"}`), nil
		default:
			return nil, &sim.TaskError{Name: "S3.NoSuchKey", Cause: "fuzz"}
		}
	})
}

// machineGen builds a machine from the fuzzer's bytes, read as a stream of
// choices, so that inputs that are not ASL documents still run machines:
// states of every type that jump to one another (loops included), nested
// Parallel and Map states, Retry and Catch, paths and intrinsic functions.
type machineGen struct {
	data    []byte
	n       int  // states made so far, to bound the document
	jsonata bool // the machine's query language is JSONata
}

// pick returns a number below n drawn from the stream; 0 once it runs out.
func (g *machineGen) pick(n int) int {
	if len(g.data) == 0 || n <= 1 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return int(b) % n
}

// maybe reports true one time in n; false once the stream runs out, so that
// short inputs make small machines.
func (g *machineGen) maybe(n int) bool { return g.pick(n) == 1 }

func (g *machineGen) oneOf(options ...any) any { return options[g.pick(len(options))] }

var (
	genPaths  = []any{"$", "$.a", "$.n", "$.s", "$.items", "$.items[0]", "$.obj.k", "$.missing", nil}
	genValues = []any{"$", "$.a", "$.n", "$.items", "$$.State.Name", "$$.Execution.Input", "$$.Map.Item.Value", "$$.State.RetryCount", "$$.Task.Token",
		"States.MathAdd($.n, 1)", "States.Format('{}-{}', $.s, $.n)", "States.ArrayPartition($.items, 2)", "States.ArrayContains($.items, 1)",
		"States.ArrayRange(1, 9, 2)", "States.ArrayGetItem($.items, 0)", "States.ArrayUnique($.items)", "States.ArrayLength($.items)",
		"States.StringSplit($.s, ',')", "States.JsonMerge($.obj, $.obj, false)", "States.JsonToString($)", "States.StringToJson($.s)",
		"States.Base64Encode($.s)", "States.Base64Decode($.s)", "States.UUID()", "States.MathRandom(1, 9)", "States.Hash($.s, 'MD5')",
		"States.Array($.a, $.s)", "States.Format('{}', $.missing)", "$d0a", "$d1a.k", "States.Format('{}', $d0b)"}
	// genExprs are JSONata expressions for any field; some fail, some read
	// variables that may not be set, some give nothing.
	genExprs = []any{"{% $states.input %}", "{% $states.input.n + 1 %}", "{% $states.input.items[0] %}", "{% $states.result %}",
		"{% $states.errorOutput %}", "{% $states.context.State.Name %}", "{% $d0a %}", "{% $d1a.k %}", "{% $count($states.input.items) %}",
		"{% $states.input.missing %}", "{% $string($states.input) %}", "{% $states.input.s & 'x' %}", "{% [1, 2, 3] %}",
		"{% $states.input.n / 0 %}", "{% $partition($states.input.items, 2) %}", "{% {'k': $states.input.a} %}", 3, "lit"}
	genConditions = []any{"{% $states.input.flag %}", "{% $states.input.n > 2 %}", "{% $exists($d0a) %}", true, false,
		"{% $states.input.s %}", "{% $states.input.items[0] = 1 %}"}
	genResources = []any{"arn:aws:states:::lambda:invoke", "arn:aws:states:::dynamodb:putItem", "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
		"arn:aws:lambda:us-east-1:123456789012:function:f", "arn:aws:states:::sns:publish"}
	genErrors = []any{"States.ALL", "States.TaskFailed", "States.Timeout", "States.HeartbeatTimeout", "Custom.Error", "States.Runtime",
		"States.NoChoiceMatched", "States.DataLimitExceeded", "Gen.Fail"}
)

func (g *machineGen) path() any { return g.oneOf(genPaths...) }

// template is a Parameters, ResultSelector or ItemSelector object.
func (g *machineGen) template() map[string]any {
	t := map[string]any{}
	for i, n := 0, 1+g.pick(3); i < n; i++ {
		if g.maybe(4) {
			t["lit"+string(rune('a'+i))] = g.oneOf(1, "x", true, nil, []any{1, 2}, map[string]any{"k": 1})
		} else {
			t["v"+string(rune('a'+i))+".$"] = g.oneOf(genValues...)
		}
	}
	return t
}

// transition sets End on the scope's last state; any other state goes on
// to the next, so that every state is reachable. (Choice rules and catchers
// jump anywhere: they make the loops.)
func (g *machineGen) transition(st map[string]any, names []string, i int) {
	if i == len(names)-1 {
		st["End"] = true
		return
	}
	st["Next"] = names[i+1]
}

func (g *machineGen) retryCatch(st map[string]any, names []string) {
	if g.maybe(2) {
		r := map[string]any{"ErrorEquals": []any{g.oneOf(genErrors...)}, "MaxAttempts": g.pick(4), "IntervalSeconds": 1 + g.pick(3)}
		if g.maybe(2) {
			r["BackoffRate"] = g.oneOf(1.0, 1.5, 2.0)
			r["MaxDelaySeconds"] = 1 + g.pick(5)
			r["JitterStrategy"] = g.oneOf("FULL", "NONE")
		}
		st["Retry"] = []any{r}
	}
	if g.maybe(2) {
		c := map[string]any{"ErrorEquals": []any{g.oneOf(genErrors...)}, "Next": names[g.pick(len(names))]}
		if g.maybe(2) {
			c["ResultPath"] = g.oneOf("$.error", nil, "$")
		}
		st["Catch"] = []any{c}
	}
}

func (g *machineGen) io(st map[string]any, result bool) {
	if g.maybe(3) {
		st["InputPath"] = g.path()
	}
	if g.maybe(3) {
		st["OutputPath"] = g.path()
	}
	if result && g.maybe(3) {
		st["ResultPath"] = g.oneOf("$", "$.r", "$.obj.r", nil, "$.a")
	}
}

// graph makes a scope: StartAt and States, with its last state terminal.
func (g *machineGen) graph(prefix string, depth int) map[string]any {
	n := 1 + g.pick(5)
	if g.n > 40 {
		n = 1
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	states := map[string]any{}
	for i, name := range names {
		g.n++
		states[name] = g.state(names, i, depth)
	}
	return map[string]any{"StartAt": names[0], "States": states}
}

// state makes state i of a scope. Fail and Succeed states end it: only the
// last state may be one, so that every state is reachable.
func (g *machineGen) state(names []string, i, depth int) map[string]any {
	name, last := names[i], i == len(names)-1
	kinds := []int{0, 1, 2, 3, 6, 7}
	if last {
		kinds = append(kinds, 4, 5)
	}
	if depth >= 2 {
		kinds = slices.DeleteFunc(kinds, func(k int) bool { return k >= 6 }) // no more nesting
	}
	st := map[string]any{}
	defer func() {
		if g.jsonata {
			g.toJSONata(st, depth)
		} else if t := st["Type"]; t != "Succeed" && t != "Fail" && g.maybe(3) {
			st["Assign"] = map[string]any{g.varName(depth) + ".$": g.oneOf(genValues...), g.varName(depth): g.oneOf(1, "x", nil)}
		}
	}()
	switch kinds[g.pick(len(kinds))] {
	case 0:
		st["Type"] = "Pass"
		g.io(st, true)
		switch g.pick(3) {
		case 0:
			st["Parameters"] = g.template()
		case 1:
			st["Result"] = g.oneOf(map[string]any{"n": 1, "items": []any{1, 2}}, "s", 3, nil)
		}
		g.transition(st, names, i)
	case 1:
		st["Type"] = "Task"
		st["Resource"] = g.oneOf(genResources...)
		g.io(st, true)
		if g.maybe(2) {
			st["Parameters"] = g.template()
		}
		if g.maybe(3) {
			st["ResultSelector"] = g.template()
		}
		switch g.pick(4) {
		case 0:
			st["TimeoutSeconds"] = 1 + g.pick(500)
		case 1:
			st["TimeoutSeconds"] = 10
			st["HeartbeatSeconds"] = 1 + g.pick(9)
		case 2:
			st["TimeoutSecondsPath"] = g.oneOf("$.n", "$.a", "$.s")
		}
		g.retryCatch(st, names)
		g.transition(st, names, i)
	case 2:
		st["Type"] = "Choice"
		if last {
			// A Choice cannot end a scope: the last state, which
			// must, succeeds instead.
			st = map[string]any{"Type": "Succeed"}
			break
		}
		rules := []any{g.rule(2)}
		rules[0].(map[string]any)["Next"] = names[i+1]
		for j, n := 0, g.pick(3); j < n; j++ {
			rule := g.rule(2)
			rule["Next"] = names[g.pick(len(names))]
			rules = append(rules, rule)
		}
		st["Choices"] = rules
		if g.maybe(2) {
			st["Default"] = names[g.pick(len(names))]
		}
	case 3:
		st["Type"] = "Wait"
		switch g.pick(4) {
		case 0:
			st["Seconds"] = g.pick(100)
		case 1:
			st["SecondsPath"] = g.oneOf("$.n", "$.a", "$.s", "$.missing")
		case 2:
			st["Timestamp"] = g.oneOf("2000-01-01T00:00:00Z", "2025-06-01T12:00:05Z", "2031-01-01T00:00:00+01:00")
		default:
			st["TimestampPath"] = g.oneOf("$.when", "$.s", "$.n")
		}
		g.io(st, false)
		g.transition(st, names, i)
	case 4:
		st["Type"] = "Fail"
		switch g.pick(4) {
		case 0:
			st["Error"], st["Cause"] = "Gen.Fail", "generated"
		case 1:
			st["ErrorPath"], st["CausePath"] = g.oneOf("$.s", "$.n", "$$.State.Name"), "$.s"
		case 2:
			st["Error"] = "Custom.Error"
		}
	case 5:
		st["Type"] = "Succeed"
		g.io(st, false)
	case 6:
		st["Type"] = "Parallel"
		var branches []any
		for j, n := 0, 1+g.pick(3); j < n; j++ {
			branches = append(branches, g.graph(fmt.Sprintf("%s_B%d_", name, j), depth+1))
		}
		st["Branches"] = branches
		g.io(st, true)
		g.retryCatch(st, names)
		g.transition(st, names, i)
	default:
		st["Type"] = "Map"
		proc := g.graph(name+"_I", depth+1)
		if g.maybe(4) {
			proc["ProcessorConfig"] = map[string]any{"Mode": "DISTRIBUTED", "ExecutionType": g.oneOf("STANDARD", "EXPRESS")}
			if g.maybe(2) {
				st["ToleratedFailureCount"] = g.pick(3)
			}
			if g.maybe(3) {
				st["ItemBatcher"] = map[string]any{"MaxItemsPerBatch": 1 + g.pick(3)}
			}
		}
		st["ItemProcessor"] = proc
		st["ItemsPath"] = g.oneOf("$.items", "$", "$.a", "$.obj")
		if g.maybe(2) {
			st["MaxConcurrency"] = g.pick(3)
		}
		if g.maybe(2) {
			st["ItemSelector"] = g.template()
		}
		g.retryCatch(st, names)
		g.transition(st, names, i)
	}
	return st
}

// varName is a variable for a state at depth to assign: each depth has
// names of its own, since a nested scope may not assign an outer one's.
func (g *machineGen) varName(depth int) string {
	return fmt.Sprintf("d%d%c", depth, 'a'+g.pick(2))
}

// expr is a value for a JSONata field: an expression, a literal, or an
// object holding one.
func (g *machineGen) expr() any {
	if g.maybe(4) {
		return map[string]any{"x": g.oneOf(genExprs...), "y": 1}
	}
	return g.oneOf(genExprs...)
}

// toJSONata turns a generated JSONPath state into a JSONata one: the
// JSONPath fields go, and Arguments, Output, Assign, Items, Condition and
// expression fields come.
func (g *machineGen) toJSONata(st map[string]any, depth int) {
	for _, f := range []string{"InputPath", "OutputPath", "ResultPath", "ResultSelector", "Parameters", "Result", "ItemsPath",
		"TimeoutSecondsPath", "ItemSelector"} {
		delete(st, f)
	}
	typ := st["Type"]
	if typ != "Fail" && g.maybe(2) {
		st["Output"] = g.expr()
	}
	if typ != "Fail" && typ != "Succeed" && g.maybe(2) {
		st["Assign"] = map[string]any{g.varName(depth): g.oneOf(genExprs...)}
	}
	if c, ok := st["Catch"].([]any); ok {
		k := c[0].(map[string]any)
		delete(k, "ResultPath")
		if g.maybe(2) {
			k["Output"] = g.oneOf("{% $states.errorOutput %}", "{% $states.input %}", "{% $states.errorOutput.Cause %}")
		}
		if g.maybe(2) {
			k["Assign"] = map[string]any{g.varName(depth): "{% $states.errorOutput.Error %}"}
		}
	}
	switch typ {
	case "Task", "Parallel":
		if g.maybe(2) {
			st["Arguments"] = g.expr()
		}
	case "Choice":
		for _, r := range st["Choices"].([]any) {
			rule := r.(map[string]any)
			next := rule["Next"]
			clear(rule)
			rule["Condition"], rule["Next"] = g.oneOf(genConditions...), next
		}
	case "Wait":
		if _, ok := st["SecondsPath"]; ok {
			delete(st, "SecondsPath")
			st["Seconds"] = g.oneOf("{% $states.input.n %}", "{% $states.input.s %}", "{% -1 %}")
		}
		if _, ok := st["TimestampPath"]; ok {
			delete(st, "TimestampPath")
			st["Timestamp"] = g.oneOf("{% $states.input.when %}", "{% $states.input.n %}")
		}
	case "Fail":
		if _, ok := st["ErrorPath"]; ok {
			delete(st, "ErrorPath")
			delete(st, "CausePath")
			st["Error"], st["Cause"] = "{% $states.input.s %}", g.oneOf("{% $string($states.input.n) %}", "{% $states.input.n %}")
		}
	case "Map":
		if g.maybe(2) {
			st["Items"] = g.oneOf("{% $states.input.items %}", "{% $states.input.a %}", []any{1, "{% $states.input.n %}"}, "{% $d0a %}")
		}
		if g.maybe(2) {
			st["ItemSelector"] = map[string]any{"v": "{% $states.context.Map.Item.Value %}", "i": "{% $states.context.Map.Item.Index %}"}
		}
		if g.maybe(3) {
			st["MaxConcurrency"] = g.oneOf("{% $states.input.n %}", "{% 1 %}")
		}
	}
}

// rule makes a Choice rule: a comparison, or And, Or and Not of rules.
func (g *machineGen) rule(depth int) map[string]any {
	if depth > 0 {
		switch g.pick(6) {
		case 0:
			return map[string]any{"And": []any{g.rule(depth - 1), g.rule(depth - 1)}}
		case 1:
			return map[string]any{"Or": []any{g.rule(depth - 1), g.rule(depth - 1)}}
		case 2:
			return map[string]any{"Not": g.rule(depth - 1)}
		}
	}
	v := g.oneOf("$.a", "$.n", "$.s", "$.items", "$.flag", "$.missing", "$.items[0]").(string)
	switch g.pick(8) {
	case 0:
		return map[string]any{"Variable": v, g.oneOf("NumericEquals", "NumericLessThan", "NumericGreaterThanEquals").(string): g.oneOf(0, 1, 3, 2.5)}
	case 1:
		return map[string]any{"Variable": v, g.oneOf("StringEquals", "StringLessThan").(string): g.oneOf("x", "", "abc")}
	case 2:
		return map[string]any{"Variable": v, "StringMatches": g.oneOf("*", "a*c", "x\\*")}
	case 3:
		return map[string]any{"Variable": v, "BooleanEquals": g.maybe(2)}
	case 4:
		return map[string]any{"Variable": v, g.oneOf("IsPresent", "IsNull", "IsString", "IsNumeric", "IsBoolean").(string): g.maybe(2)}
	case 5:
		return map[string]any{"Variable": v, "NumericEqualsPath": g.oneOf("$.n", "$.a")}
	case 6:
		return map[string]any{"Variable": v, "TimestampLessThan": "2025-06-01T12:00:00Z"}
	default:
		return map[string]any{"Variable": v, "StringEqualsPath": "$.s"}
	}
}

// generate returns the machine the bytes describe.
func generateMachine(data []byte) []byte {
	g := &machineGen{data: data}
	g.jsonata = g.maybe(3)
	m := g.graph("S", 0)
	if g.jsonata {
		m["QueryLanguage"] = "JSONata"
	}
	if g.maybe(4) {
		m["TimeoutSeconds"] = 1 + g.pick(200)
	}
	out, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return out
}

// fuzzInput is the input of machines whose fuzzed input is not JSON: one
// that the generated paths find.
const fuzzInput = `{"a":1,"n":3,"s":"a,b","flag":true,"items":[1,"x",{"k":2},[3]],"obj":{"k":"v"},"when":"2025-06-01T12:00:10Z"}`

var fuzzStart = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// fuzzSimulator compiles def with a mock for every task; ok is false when
// the document does not decode or compile.
func fuzzSimulator(def []byte, seed int64) (*sim.Simulator, *fuzzFacts, bool) {
	doc, err := asl.Unmarshal(def)
	if err != nil {
		return nil, nil, false
	}
	facts := &fuzzFacts{}
	facts.walk(doc.States)
	opts := []sim.Option{sim.Seed(seed), sim.StartTime(fuzzStart), sim.History(true)}
	for _, r := range facts.resources {
		opts = append(opts, sim.OnResource(r, fuzzHandler(seed, r)))
	}
	for _, name := range facts.readers {
		opts = append(opts, sim.OnState(name+"/ItemReader", fuzzReader(seed)))
	}
	s, err := sim.New(doc, opts...)
	if err != nil {
		return nil, nil, false
	}
	return s, facts, true
}

// fuzzRun runs one execution with a deadline; it fails the test when the
// run does not end soon after the deadline.
func fuzzRun(t *testing.T, s *sim.Simulator, input []byte) (*sim.Execution, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	type ret struct {
		ex  *sim.Execution
		err error
	}
	done := make(chan ret, 1)
	go func() {
		ex, err := s.Run(ctx, json.RawMessage(input))
		done <- ret{ex, err}
	}()
	select {
	case r := <-done:
		return r.ex, r.err
	case <-time.After(20 * time.Second):
		t.Fatalf("the execution did not end 18 s after its context was done")
		return nil, nil
	}
}

var endEvents = map[sim.Status]string{
	sim.Succeeded: "ExecutionSucceeded",
	sim.Failed:    "ExecutionFailed",
	sim.TimedOut:  "ExecutionTimedOut",
	sim.Aborted:   "ExecutionAborted",
}

// checkExecution checks what every execution must be.
func checkExecution(t *testing.T, ex *sim.Execution, facts *fuzzFacts) {
	t.Helper()
	end, ok := endEvents[ex.Status]
	if !ok {
		t.Fatalf("status %q", ex.Status)
	}
	switch ex.Status {
	case sim.Succeeded:
		if out := ex.OutputJSON(); !json.Valid(out) {
			t.Fatalf("output %q is not JSON", out)
		}
	case sim.Failed:
		// A Fail state may name no error; any other failure has a name.
		if ex.Error == "" && !facts.bareFail {
			t.Fatalf("FAILED without an error name (cause %q)", ex.Cause)
		}
	}
	if ex.StopTime.Before(ex.StartTime) {
		t.Fatalf("stopped at %v, before its start at %v", ex.StopTime, ex.StartTime)
	}
	evs := ex.Events()
	if len(evs) < 2 {
		t.Fatalf("%d events", len(evs))
	}
	if len(evs) > sim.MaxEvents+1 {
		t.Fatalf("%d events, more than AWS's limit of %d", len(evs), sim.MaxEvents)
	}
	if evs[0].Type != "ExecutionStarted" {
		t.Fatalf("first event %s", evs[0].Type)
	}
	// At the limit of history events the execution fails without an
	// ExecutionFailed event (reported; see the package's fuzz notes).
	atLimit := len(evs) == sim.MaxEvents && strings.Contains(ex.Cause, "maximum number of history events")
	if last := evs[len(evs)-1].Type; last != end && !atLimit {
		t.Fatalf("status %s, last event %s (want %s)", ex.Status, last, end)
	}
	for i := range evs {
		ev := &evs[i]
		// A distributed Map's iterations use up ids without recording
		// events, so ids then skip (reported): check only that they grow.
		if facts.distributed {
			if i > 0 && ev.ID <= evs[i-1].ID {
				t.Fatalf("event %d (%s) has id %d after id %d", i, ev.Type, ev.ID, evs[i-1].ID)
			}
		} else if ev.ID != int64(i+1) {
			t.Fatalf("event %d (%s) has id %d, want %d", i, ev.Type, ev.ID, i+1)
		}
		if ev.PreviousEventID < 0 || ev.PreviousEventID >= ev.ID {
			t.Fatalf("event %d (%s) has previousEventId %d", ev.ID, ev.Type, ev.PreviousEventID)
		}
		if i > 0 && ev.Timestamp.Before(evs[i-1].Timestamp) {
			t.Fatalf("event %d (%s) at %v goes back from %v", ev.ID, ev.Type, ev.Timestamp, evs[i-1].Timestamp)
		}
		if ev.Type == "" {
			t.Fatalf("event %d has no type", ev.ID)
		}
	}
	// The events encode, as AWS's API writes them. (Only the last ones: a
	// loop that grows its data can make a history of gigabytes.)
	data, err := json.Marshal(evs[max(0, len(evs)-20):])
	if err != nil || !json.Valid(data) {
		t.Fatalf("the history does not encode: %v", err)
	}
}

// FuzzRun checks that the simulator never panics and always ends, whatever
// the machine and input, that every execution is well formed, and that an
// execution replays the same with the same seed.
func FuzzRun(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s.def), []byte(s.input), int64(i))
		f.Add([]byte(s.def), []byte(s.input), int64(1000+i*7919))
	}
	f.Fuzz(fuzzCase)
}

// fuzzCase is one case of FuzzRun.
func fuzzCase(t *testing.T, def, input []byte, seed int64) {
	// Bytes that are not an ASL document describe a generated one.
	if _, err := asl.Unmarshal(def); err != nil {
		def = generateMachine(def)
	}
	s, facts, ok := fuzzSimulator(def, seed)
	if !ok {
		return
	}
	if !json.Valid(input) {
		input = []byte(fuzzInput)
	}
	ex, err := fuzzRun(t, s, input)
	if err != nil {
		return // input that the simulator does not take
	}
	checkExecution(t, ex, facts)
	if ex.Status == sim.Aborted {
		return // cut short by the deadline: not replayable
	}

	// The same seed replays the same execution, from a simulator
	// compiled again.
	s2, _, ok := fuzzSimulator(def, seed)
	if !ok {
		t.Fatal("the definition compiled once, not twice")
	}
	ex2, err := fuzzRun(t, s2, input)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if ex2.Status == sim.Aborted {
		return
	}
	if ex.Status != ex2.Status || ex.Error != ex2.Error || ex.Cause != ex2.Cause || ex.Name != ex2.Name ||
		string(ex.OutputJSON()) != string(ex2.OutputJSON()) || !ex.StopTime.Equal(ex2.StopTime) {
		t.Fatalf("replay differs:\n%s %s %s %s\n%s %s %s %s", ex.Status, ex.Error, ex.Cause, ex.OutputJSON(),
			ex2.Status, ex2.Error, ex2.Cause, ex2.OutputJSON())
	}
	if !reflect.DeepEqual(ex.EventTypes(), ex2.EventTypes()) {
		t.Fatalf("replay's events differ:\n%v\n%v", ex.EventTypes(), ex2.EventTypes())
	}
	if !reflect.DeepEqual(ex.Events(), ex2.Events()) {
		for i := range ex.Events() {
			if !reflect.DeepEqual(ex.Events()[i], ex2.Events()[i]) {
				t.Fatalf("replay's event %d differs:\n%+v\n%+v", i, ex.Events()[i], ex2.Events()[i])
			}
		}
	}
}

// TestFuzzSeedsRun checks that every seed of FuzzRun compiles and runs, so
// that the fuzzer starts from machines that work.
func TestFuzzSeedsRun(t *testing.T) {
	for i, seed := range fuzzSeeds {
		s, facts, ok := fuzzSimulator([]byte(seed.def), int64(i))
		if !ok {
			doc, err := asl.Unmarshal([]byte(seed.def))
			if err == nil {
				_, err = sim.New(doc)
			}
			t.Errorf("seed %d does not compile: %v", i, err)
			continue
		}
		ex, err := fuzzRun(t, s, []byte(seed.input))
		if err != nil {
			t.Errorf("seed %d: %v", i, err)
			continue
		}
		checkExecution(t, ex, facts)
		t.Logf("seed %d: %s %s %s, %d events", i, ex.Status, ex.Error, ex.OutputJSON(), len(ex.Events()))
	}
}

// TestFuzzSeedsConcurrent runs each seed machine from several goroutines at
// once on one Simulator, which is documented as safe for concurrent use:
// every run is the same execution. (Run it with -race.)
func TestFuzzSeedsConcurrent(t *testing.T) {
	for i, seed := range fuzzSeeds {
		s, _, ok := fuzzSimulator([]byte(seed.def), int64(i))
		if !ok {
			continue // TestFuzzSeedsRun reports it
		}
		want, err := s.Run(context.Background(), json.RawMessage(seed.input))
		if err != nil {
			continue
		}
		const n = 4
		got := make(chan *sim.Execution, n)
		for range n {
			go func() {
				ex, _ := s.Run(context.Background(), json.RawMessage(seed.input))
				got <- ex
			}()
		}
		for range n {
			ex := <-got
			if ex == nil || ex.Status != want.Status || string(ex.OutputJSON()) != string(want.OutputJSON()) ||
				!reflect.DeepEqual(ex.EventTypes(), want.EventTypes()) {
				t.Errorf("seed %d: a concurrent run differs from the first", i)
			}
		}
	}
}
