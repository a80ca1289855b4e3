package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/jsonvalue"
	"github.com/aslgen/aslgen/dsl/sim"
)

// Case is one line of a batch: a definition (inline, or a file relative to
// the batch file), an input, and optionally a Step Functions Local mock
// configuration (inline) and its test case, the execution's start time and
// the state machine's type.
type Case struct {
	ID             string          `json:"id"`
	Definition     json.RawMessage `json:"definition,omitempty"`
	DefinitionFile string          `json:"definition_file,omitempty"`
	Input          json.RawMessage `json:"input,omitempty"`
	MockConfig     json.RawMessage `json:"mock_config,omitempty"`
	TestCase       string          `json:"test_case,omitempty"`
	// StartTime, in RFC 3339, is when the execution starts on the virtual
	// clock (sim.StartTime); empty means the option given to RunCase, or
	// the wall clock. Recorded cases carry the time AWS ran them, since
	// their inputs may hold times computed from it.
	StartTime string `json:"start_time,omitempty"`
	// Type is the state machine's type: "STANDARD" (or empty) or
	// "EXPRESS" (sim.Express).
	Type string `json:"type,omitempty"`
}

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
func Run(ctx context.Context, r io.Reader, w io.Writer, dir string, opts ...sim.Option) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	machines := &machines{}
	for line := 1; sc.Scan(); line++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var c Case
		var res Result
		if err := json.Unmarshal(text, &c); err != nil {
			res = Result{ID: fmt.Sprintf("line %d", line), Status: statusError, Cause: fmt.Sprintf("line %d: %v", line, err), EventTypes: []string{}}
		} else {
			res = runCase(ctx, &c, dir, machines, opts)
		}
		if err := enc.Encode(res); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return bw.Flush()
}

// RunCase runs one case; dir resolves a relative DefinitionFile, and opts
// apply before the case's own options.
func RunCase(ctx context.Context, c *Case, dir string, opts ...sim.Option) Result {
	return runCase(ctx, c, dir, nil, opts)
}

// machines keeps the definitions a batch has compiled and the mock
// configurations it has parsed, by their text, so that the cases of one
// definition decode, validate and compile it once (sim.Simulator.With gives
// each case its own options). Each map holds at most maxMachines entries;
// past that it starts again.
type machines struct {
	byDef  map[string]compiled
	byMock map[string]parsedMock
}

// parsedMock is a parsed mock configuration, or why it does not parse.
type parsedMock struct {
	cfg *sim.MockConfig
	err error
}

// mockConfig returns the parsed mock configuration text, parsing it when m
// does not hold it (m may be nil: nothing is kept).
func (m *machines) mockConfig(text []byte) (*sim.MockConfig, error) {
	if m != nil {
		if p, ok := m.byMock[string(text)]; ok {
			return p.cfg, p.err
		}
	}
	var p parsedMock
	p.cfg, p.err = sim.ParseMockConfig(text)
	if m != nil {
		if m.byMock == nil || len(m.byMock) >= maxMachines {
			m.byMock = map[string]parsedMock{}
		}
		m.byMock[string(text)] = p
	}
	return p.cfg, p.err
}

// compiled is a definition compiled with the batch's options, or why it
// cannot be.
type compiled struct {
	s   *sim.Simulator
	err error
}

const maxMachines = 256

// get returns the simulator of def with opts, compiling it when m does not
// hold it (m may be nil: nothing is kept).
func (m *machines) get(def []byte, opts []sim.Option) (*sim.Simulator, error) {
	if m != nil {
		if c, ok := m.byDef[string(def)]; ok {
			return c.s, c.err
		}
	}
	var c compiled
	doc, err := asl.Unmarshal(def)
	if err != nil {
		c.err = fmt.Errorf("the definition does not decode: %v", err)
	} else {
		c.s, c.err = sim.New(doc, opts...)
	}
	if m != nil {
		if m.byDef == nil || len(m.byDef) >= maxMachines {
			m.byDef = map[string]compiled{}
		}
		m.byDef[string(def)] = c
	}
	return c.s, c.err
}

func runCase(ctx context.Context, c *Case, dir string, m *machines, opts []sim.Option) Result {
	res := Result{ID: c.ID, EventTypes: []string{}}
	fail := func(format string, args ...any) Result {
		res.Status, res.Cause = statusError, fmt.Sprintf(format, args...)
		return res
	}
	def, err := c.definition(dir)
	if err != nil {
		return fail("%v", err)
	}
	more, err := c.options(m)
	if err != nil {
		return fail("%v", err)
	}
	base, err := m.get(def, opts)
	if err != nil {
		return fail("%v", err)
	}
	s, err := base.With(more...)
	if err != nil {
		return fail("%v", err)
	}
	input := c.Input
	if len(input) == 0 {
		input = json.RawMessage("{}")
	}
	ex, err := s.Run(ctx, input)
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
func (c *Case) definition(dir string) ([]byte, error) {
	def := c.Definition
	if c.DefinitionFile != "" {
		path := c.DefinitionFile
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		def = data
	}
	if len(def) == 0 {
		return nil, fmt.Errorf("the case has neither definition nor definition_file")
	}
	return def, nil
}

// options returns the simulator options that the case's own fields ask
// for: its start time, its type and its mock configuration.
func (c *Case) options(m *machines) ([]sim.Option, error) {
	var opts []sim.Option
	if c.StartTime != "" {
		t, err := time.Parse(time.RFC3339Nano, c.StartTime)
		if err != nil {
			return nil, fmt.Errorf("start_time %q is not an RFC 3339 time", c.StartTime)
		}
		opts = append(opts, sim.StartTime(t.UTC()))
	}
	switch c.Type {
	case "", "STANDARD":
	case "EXPRESS":
		opts = append(opts, sim.Express())
	default:
		return nil, fmt.Errorf("type %q is neither STANDARD nor EXPRESS", c.Type)
	}
	if len(c.MockConfig) > 0 && !bytes.Equal(c.MockConfig, []byte("null")) {
		cfg, err := m.mockConfig(c.MockConfig)
		if err != nil {
			return nil, err
		}
		opts = append(opts, sim.UseMockConfig(cfg, c.TestCase))
	}
	return opts, nil
}
