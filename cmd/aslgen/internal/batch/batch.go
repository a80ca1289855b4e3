package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/aslgen/aslgen/cmd/aslgen/internal/definition"
	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/dsl/sim/replay"
)

// Case is one line of a batch: a definition (inline, or a file relative to
// the batch file), an input, and what else decides how the execution runs
// (start time, type, state machine name, mock configuration and test case,
// Lambda functions), as package replay reads recorded executions.
type Case = replay.Case

// Result is one line of a batch's output. Status is an execution status,
// or "ERROR" with a Cause when the case cannot run.
type Result struct {
	ID         string          `json:"id"`
	Status     string          `json:"status"`
	Output     json.RawMessage `json:"output,omitempty"`
	Error      string          `json:"error,omitempty"`
	Cause      string          `json:"cause,omitempty"`
	EventTypes []string        `json:"event_types"`
}

// statusError is the Status of a case that cannot run.
const statusError = "ERROR"

// Run reads cases, one JSON object a line, and writes one result line for
// each, in the same order. dir resolves relative definition files; opts
// apply to every case, before the case's own. It fails only when it cannot
// read or write; a case that cannot run is an "ERROR" line.
//
// Cases run on as many goroutines as GOMAXPROCS allows; the results are
// written in the order of the lines all the same.
func Run(ctx context.Context, r io.Reader, w io.Writer, dir string, opts ...sim.Option) error {
	workers := runtime.GOMAXPROCS(0)
	// order holds the jobs in the order of their lines, so that the
	// writer below waits for each in turn; its size bounds the lines read
	// ahead of the one being written.
	order := make(chan *job, 4*workers)
	work := make(chan *job, 4*workers)
	machines := &machines{}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			for j := range work {
				j.run(ctx, dir, machines, opts)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(order)
		defer close(work)
		readErr = readJobs(ctx, r, func(j *job) {
			order <- j
			work <- j
		})
	}()
	err := writeJobs(w, order)
	// On a write error, stop reading and drain what was read.
	cancel()
	for j := range order {
		<-j.done
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return readErr
}

// job is a run of consecutive lines of a batch: read by the reader, run
// (decoded, executed and encoded) by a worker, and written by the writer
// once done is closed. Jobs of many lines keep the hand-offs between
// goroutines few.
type job struct {
	text  []byte // the lines' text
	lines []line
	out   []byte // the result lines, once done
	done  chan struct{}
}

// line is a non-blank line of a job: text[start:end] is line number n.
type line struct {
	n          int
	start, end int
}

// Jobs end after jobLines lines or jobBytes bytes of text, whichever
// comes first.
const (
	jobLines = 64
	jobBytes = 256 << 10
)

// readJobs reads r's lines and gives them to send in jobs, until r ends or
// ctx is cancelled.
func readJobs(ctx context.Context, r io.Reader, send func(*job)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	var j *job
	size := 0 // of the last job's text: the next one's likely size
	for n := 1; sc.Scan(); n++ {
		if ctx.Err() != nil {
			return nil
		}
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		if j == nil {
			j = &job{text: make([]byte, 0, size), done: make(chan struct{})}
		}
		start := len(j.text)
		j.text = append(j.text, text...)
		j.lines = append(j.lines, line{n: n, start: start, end: len(j.text)})
		if len(j.lines) == jobLines || len(j.text) >= jobBytes {
			size = len(j.text)
			send(j)
			j = nil
		}
	}
	if j != nil {
		send(j)
	}
	return sc.Err()
}

// run decodes, runs and encodes the job's cases, then closes done.
func (j *job) run(ctx context.Context, dir string, m *machines, opts []sim.Option) {
	defer close(j.done)
	var d decoder
	for _, l := range j.lines {
		text := j.text[l.start:l.end]
		var c Case
		var res Result
		if !d.decode(text, &c) {
			if err := json.Unmarshal(text, &c); err != nil {
				res = Result{ID: fmt.Sprintf("line %d", l.n), Status: statusError, Cause: fmt.Sprintf("line %d: %v", l.n, err), EventTypes: []string{}}
			}
		}
		if res.Status == "" {
			res = runCase(ctx, &c, dir, m, opts)
		}
		j.out = res.appendJSON(j.out)
	}
}

// writeJobs writes the results of each job of order, in turn, as each is
// done.
func writeJobs(w io.Writer, order <-chan *job) error {
	bw := bufio.NewWriter(w)
	for j := range order {
		<-j.done
		if _, err := bw.Write(j.out); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// goEscaping is how encoding/json escapes strings when it does not escape
// HTML.
const goEscaping = jsonvalue.EscapeInvalidUTF8 | jsonvalue.EscapeLineSeparators

// appendJSON appends r's JSON line to b: the bytes a json.Encoder that
// does not escape HTML writes for r, without its reflection. r.Output must
// be compact JSON, as jsonvalue.Marshal writes it.
func (r *Result) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = jsonvalue.AppendStringWith(b, r.ID, goEscaping)
	b = append(b, `,"status":`...)
	b = jsonvalue.AppendStringWith(b, r.Status, goEscaping)
	if len(r.Output) > 0 {
		b = append(b, `,"output":`...)
		b = append(b, r.Output...)
	}
	if r.Error != "" {
		b = append(b, `,"error":`...)
		b = jsonvalue.AppendStringWith(b, r.Error, goEscaping)
	}
	if r.Cause != "" {
		b = append(b, `,"cause":`...)
		b = jsonvalue.AppendStringWith(b, r.Cause, goEscaping)
	}
	b = append(b, `,"event_types":`...)
	if r.EventTypes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, t := range r.EventTypes {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonvalue.AppendStringWith(b, t, goEscaping)
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

// machines keeps the definitions a batch has compiled and the mock
// configurations it has parsed, by their text, so that the cases of one
// definition decode, validate and compile it once (sim.Simulator.With gives
// each case its own options). Each map holds at most maxMachines entries;
// past that it starts again. It is safe for concurrent use.
type machines struct {
	mu     sync.Mutex
	byDef  map[string]*once[*sim.Simulator]
	byMock map[string]*once[*sim.MockConfig]
}

// once is a value made once, or why it cannot be made.
type once[T any] struct {
	sync.Once
	v   T
	err error
}

const maxMachines = 256

// entry returns the entry of text in *m, adding an empty one when there is
// none (and starting a new map when *m is full).
func entry[T any](mu *sync.Mutex, m *map[string]*once[T], text []byte) *once[T] {
	mu.Lock()
	defer mu.Unlock()
	if e, ok := (*m)[string(text)]; ok {
		return e
	}
	if *m == nil || len(*m) >= maxMachines {
		*m = map[string]*once[T]{}
	}
	e := &once[T]{}
	(*m)[string(text)] = e
	return e
}

// mockConfig returns the parsed mock configuration text, parsing it when m
// does not hold it.
func (m *machines) mockConfig(text []byte) (*sim.MockConfig, error) {
	e := entry(&m.mu, &m.byMock, text)
	e.Do(func() { e.v, e.err = sim.ParseMockConfig(text) })
	return e.v, e.err
}

// get returns the simulator of def with opts, compiling it when m does not
// hold it.
func (m *machines) get(def []byte, opts []sim.Option) (*sim.Simulator, error) {
	e := entry(&m.mu, &m.byDef, def)
	e.Do(func() { e.v, e.err = compile(def, opts) })
	return e.v, e.err
}

// compile decodes, validates and compiles def with opts.
func compile(def []byte, opts []sim.Option) (*sim.Simulator, error) {
	doc, err := asl.Unmarshal(def)
	if err != nil {
		return nil, fmt.Errorf("the definition does not decode: %v", err)
	}
	return sim.New(doc, opts...)
}

func runCase(ctx context.Context, c *Case, dir string, m *machines, opts []sim.Option) Result {
	res := Result{ID: c.ID, EventTypes: []string{}}
	fail := func(format string, args ...any) Result {
		res.Status, res.Cause = statusError, fmt.Sprintf(format, args...)
		return res
	}
	def, err := definitionOf(c, dir)
	if err != nil {
		return fail("%v", err)
	}
	rc := c.Resolved(def)
	more, err := rc.Options(m.mockConfig)
	if err != nil {
		return fail("%v", err)
	}
	base, err := m.get(rc.Definition, opts)
	if err != nil {
		return fail("%v", err)
	}
	s, err := base.With(more...)
	if err != nil {
		return fail("%v", err)
	}
	ex, err := s.Run(ctx, rc.InputJSON())
	if err != nil {
		return fail("%v", err)
	}
	res.Status = string(ex.Status)
	if ex.Status == sim.Succeeded {
		res.Output = jsonvalue.Marshal(ex.Output)
	}
	res.Error, res.Cause = ex.Error, ex.Cause
	res.EventTypes = ex.EventTypes()
	return res
}

// definition returns the case's definition: read from its file, or inline.
func definitionOf(c *Case, dir string) ([]byte, error) {
	def := c.Definition
	if c.DefinitionFile != "" {
		path := c.DefinitionFile
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		d, err := definition.Read(path)
		if err != nil {
			return nil, err
		}
		def = d.JSON
	}
	if len(def) == 0 {
		return nil, fmt.Errorf("the case has neither definition nor definition_file")
	}
	return def, nil
}
