package sim

import (
	"container/heap"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// execution is one run: a scheduler of processes on a virtual clock.
type execution struct {
	s      *Simulator
	ctx    context.Context
	now    time.Time
	rng    *rand.Rand
	record bool
	events *eventLog // nil when the run records no history
	lastID int64
	steps  int // events emitted, recorded or not
	ready  []*process
	timers timerHeap
	seq    int64
	done   bool
	result *Execution

	input      any
	execObj    *jsonvalue.Object // $$.Execution, built on first use
	calls      map[string]int    // task invocations per state name, made on first use
	lambdaMeta *jsonvalue.Object // the Lambda integration's SdkHttpMetadata for mocks, made on first use
	lambdaRM   *jsonvalue.Object // and its SdkResponseMetadata
	tokens     int
	callbacks  map[string]*callback // tasks waiting for SendTaskSuccess/Failure
	ts         *testRun             // a TestState call (teststate.go); nil for an execution
}

// process runs states of one graph in sequence: the machine's, a branch's or
// an iteration's.
type process struct {
	x          *execution
	g          *graph
	cur        *state
	input      any // the current state's raw input
	entered    int64
	enteredAt  time.Time
	last       int64 // the id of the process's previous event
	attempts   []int // per retrier of the current state
	retries    int   // $$.State.RetryCount
	item       *mapItem
	token      string // the current task's token
	quiet      bool   // a distributed map's child: records no events
	interleave bool   // a Parallel branch: lets the other branches run after each StateEntered, as AWS's history shows
	resume     func()
	blocked    bool
	queued     bool
	finished   bool
	cancelled  bool
	children   []*process
	onDone     func(out any, err *stateError)
	envBuf     env    // reused by env: evaluations of a process never nest
	ctxObj     any    // the current state's context object, once built
	vars       *scope // the workflow variables the process reads
	ownVars    bool   // vars is the process's own scope, not its enclosing one
}

type mapItem struct {
	index int
	value any
}

type timer struct {
	at  time.Time
	seq int64
	fn  func()
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(*timer)) }
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	*h = old[:len(old)-1]
	return t
}

// after runs fn at now+d on the virtual clock.
func (x *execution) after(d time.Duration, fn func()) {
	x.seq++
	heap.Push(&x.timers, &timer{at: x.now.Add(d), seq: x.seq, fn: fn})
}

const timeFormat = "2006-01-02T15:04:05.000Z"

func (s *Simulator) run(ctx context.Context, input any) *Execution {
	start := s.opts.start
	if !s.opts.startSet {
		start = time.Now().UTC().Truncate(time.Millisecond)
	}
	seed := uint64(s.opts.seed)
	x := &execution{
		s:      s,
		ctx:    ctx,
		now:    start,
		rng:    rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		record: s.opts.history || coverDir != "", // coverage reads the history (cover.go)
	}
	if x.record {
		x.events = &eventLog{first: s.eventHint, start: start}
	}
	name := uuid(x.rng)
	ex := &Execution{
		Name:      name,
		ARN:       s.arnPrefix + "execution:" + s.name + ":" + name,
		StartTime: start,
	}
	if s.opts.express {
		ex.ARN = s.arnPrefix + "express:" + s.name + ":" + name + ":" + uuid(x.rng)
	}
	ex.sim = s
	x.result = ex
	x.input = input

	x.emit(nil, Event{Type: "ExecutionStarted", Input: input, hasInput: true})
	root := x.newProcess(s.top, input, 0, nil)
	root.onDone = func(out any, err *stateError) {
		if err != nil {
			x.finish(Failed, nil, err)
			return
		}
		x.finish(Succeeded, out, nil)
	}
	if s.timeout > 0 {
		x.after(s.timeout, func() {
			if !x.done {
				x.finish(TimedOut, nil, nil)
			}
		})
	}
	x.scheduleAt()
	root.wake()
	x.loop()
	if coverDir != "" {
		x.cover()
	}
	return ex
}

// newProcess starts a process on graph g that reads the variables of outer
// (nil: none) and assigns its own.
func (x *execution) newProcess(g *graph, input any, last int64, outer *scope) *process {
	return &process{x: x, g: g, cur: g.states[g.startAt], input: input, last: last, vars: outer}
}

// loop runs ready processes until the execution ends; when none is ready it
// moves the clock to the next timer.
func (x *execution) loop() {
	for !x.done {
		if x.abortIfCancelled() {
			return
		}
		if len(x.ready) > 0 {
			p := x.ready[0]
			x.ready[0] = nil
			x.ready = x.ready[1:]
			p.queued = false
			if !p.cancelled && !p.finished {
				p.blocked = false
				p.run()
			}
			continue
		}
		if x.timers.Len() == 0 {
			x.finish(Failed, nil, &stateError{name: errRuntime,
				cause: "The execution cannot go on: every branch waits for a task token that nothing will send, and no timer is set"})
			return
		}
		t := heap.Pop(&x.timers).(*timer)
		if t.at.After(x.now) {
			x.now = t.at
		}
		t.fn()
	}
}

// finish ends the execution.
// abortIfCancelled ends the execution as Aborted when the run's context is
// done, and reports whether it did.
func (x *execution) abortIfCancelled() bool {
	err := x.ctx.Err()
	if err != nil {
		x.finish(Aborted, nil, &stateError{name: "States.Aborted", cause: err.Error()})
	}
	return err != nil
}

func (x *execution) finish(status Status, out any, err *stateError) {
	if x.done {
		return
	}
	x.done = true
	ex := x.result
	ex.Status = status
	ex.StopTime = x.now
	switch status {
	case Succeeded:
		ex.Output = out
		x.emit(nil, Event{Type: "ExecutionSucceeded", Output: out, hasOutput: true})
	case Failed:
		ex.Error, ex.Cause = err.name, err.cause
		x.emit(nil, Event{Type: "ExecutionFailed", Error: err.name, Cause: err.cause, hasError: true})
	case TimedOut:
		x.emit(nil, Event{Type: "ExecutionTimedOut"})
	case Aborted:
		ex.Error, ex.Cause = err.name, err.cause
		x.emit(nil, Event{Type: "ExecutionAborted"})
	}
	x.closeHistory()
}

// closeHistory gives the execution's result its history, which records
// nothing more: a branch still running when the execution ends emits
// events that are not part of it.
func (x *execution) closeHistory() {
	if x.record {
		x.events.closed = true
		x.result.log = x.events
	}
}

// emit records an event of process p (nil: the execution's own) and returns
// its id.
func (x *execution) emit(p *process, ev Event) int64 {
	x.steps++
	if x.steps > maxSteps && !x.done {
		x.stop(fmt.Sprintf("The execution passed %d events without ending; does it loop?", maxSteps))
		return 0
	}
	if p != nil && p.quiet { // a distributed map's child execution: its own ids
		p.last++
		return p.last
	}
	// The limit counts the events of the history, recorded or not: until
	// the execution ends, lastID is their number.
	if x.lastID >= MaxEvents-1 && !x.done { // room for ExecutionFailed
		x.stop(fmt.Sprintf("The execution reached the maximum number of history events (%d).", MaxEvents))
		return x.lastID
	}
	x.lastID++
	id := x.lastID
	if p != nil {
		ev.PreviousEventID = p.last
		p.last = id
	} else if x.record && x.events.n > 0 {
		ev.PreviousEventID = x.events.lastID
	}
	if !x.record {
		return id
	}
	ev.ID = id
	ev.Timestamp = x.now
	x.events.add(&ev)
	return id
}

// maxSteps bounds the events of one run, those of a distributed map's
// child executions included (which MaxEvents does not count), so that a
// definition that loops forever without waiting still ends.
const maxSteps = 5_000_000

// stop fails the execution at once with a States.Runtime cause.
func (x *execution) stop(cause string) {
	x.lastID++
	if x.record {
		x.events.add(&Event{ID: x.lastID, PreviousEventID: x.lastID - 1, Timestamp: x.now,
			Type: "ExecutionFailed", Error: errRuntime, Cause: cause, hasError: true})
	}
	x.done = true
	x.result.Status = Failed
	x.result.Error = errRuntime
	x.result.Cause = cause
	x.result.StopTime = x.now
	x.closeHistory()
}

// run runs the process until it finishes or waits.
func (p *process) run() {
	for !p.finished && !p.blocked && !p.cancelled && !p.x.done {
		if r := p.resume; r != nil {
			p.resume = nil
			r()
			continue
		}
		p.enter()
	}
}

// block makes the process wait; resume runs when it is woken.
func (p *process) block(resume func()) {
	p.blocked = true
	p.resume = resume
}

// wake makes a waiting process ready.
func (p *process) wake() {
	if p.cancelled || p.finished || p.queued {
		return
	}
	p.queued = true
	p.x.ready = append(p.x.ready, p)
}

// yield lets the processes ahead in the queue run, then runs then.
func (p *process) yield(then func()) {
	p.block(then)
	p.wake()
}

// sleep waits d on the virtual clock, then runs then.
func (p *process) sleep(d time.Duration, then func()) {
	p.block(then)
	p.x.after(d, p.wake)
}

// cancel stops the process and its children.
func (p *process) cancel() {
	p.cancelled = true
	for _, c := range p.children {
		c.cancel()
	}
}

// finish ends the process's graph with an output or an error.
func (p *process) finish(out any, err *stateError) {
	p.finished = true
	if p.onDone != nil {
		p.onDone(out, err)
	}
}

// env returns the evaluation environment for v, the current state's input
// or a value derived from it.
func (p *process) env(v any) *env {
	p.envBuf = env{input: v, p: p}
	return &p.envBuf
}

// contextObject builds the context object ($$) of the current state.
func (p *process) contextObject() any {
	x := p.x
	if x.execObj == nil {
		ex := x.result
		x.execObj = jsonvalue.NewObject(6)
		x.execObj.Set("Id", ex.ARN)
		x.execObj.Set("Input", x.input)
		x.execObj.Set("StartTime", ex.StartTime.UTC().Format(timeFormat))
		x.execObj.Set("Name", ex.Name)
		x.execObj.Set("RoleArn", "arn:aws:iam::"+x.s.opts.account+":role/StepFunctionsRole")
		if !x.s.opts.express {
			x.execObj.Set("RedriveCount", jsonvalue.Int(0))
		}
	}
	o := jsonvalue.NewObject(5)
	o.Set("Execution", x.execObj)
	o.Set("StateMachine", x.s.smObj)
	if x.ts != nil && x.ts.req.hasContext {
		return x.ts.req.context
	}
	st := jsonvalue.NewObject(3)
	st.Set("Name", p.cur.name)
	st.Set("EnteredTime", p.enteredAt.UTC().Format(timeFormat))
	if len(p.cur.retry) > 0 || x.ts != nil && (p.cur.typ == asl.TypeTask || p.cur.typ == asl.TypeMap || p.cur.typ == asl.TypeParallel) {
		st.Set("RetryCount", jsonvalue.Int(int64(p.retries)))
	}
	o.Set("State", st)
	if p.token != "" {
		t := jsonvalue.NewObject(1)
		t.Set("Token", p.token)
		o.Set("Task", t)
	}
	if p.item != nil {
		it := jsonvalue.NewObject(2)
		it.Set("Index", jsonvalue.Int(int64(p.item.index)))
		it.Set("Value", p.item.value)
		m := jsonvalue.NewObject(1)
		m.Set("Item", it)
		o.Set("Map", m)
	}
	return o
}

// uuid returns a version 4 UUID drawn from rng.
func uuid(rng *rand.Rand) string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], rng.Uint64())
	binary.LittleEndian.PutUint64(b[8:], rng.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:16])
	return string(out[:])
}
