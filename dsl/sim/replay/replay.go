package replay

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/dsl/sim/pylambda"
)

// Case is one execution to replay: a definition (inline, or a file that
// the caller reads), an input, and the options it ran with.
type Case struct {
	// ID names the case.
	ID string `json:"id"`
	// Definition is the ASL document; DefinitionFile names a file that
	// holds it instead, for the caller to read (see [Case.Run]).
	Definition     json.RawMessage `json:"definition,omitempty"`
	DefinitionFile string          `json:"definition_file,omitempty"`
	// Input is the execution's input; none means {}.
	Input json.RawMessage `json:"input,omitempty"`
	// MockConfig is a Step Functions Local mock configuration, inline, and
	// TestCase the test case of it to run (sim.UseMockConfig).
	MockConfig json.RawMessage `json:"mock_config,omitempty"`
	TestCase   string          `json:"test_case,omitempty"`
	// StartTime, in RFC 3339, is when the execution starts on the virtual
	// clock (sim.StartTime); empty leaves the clock to the other options.
	// Recorded cases carry the time AWS ran them, since their inputs may
	// hold times computed from it.
	StartTime string `json:"start_time,omitempty"`
	// Type is the state machine's type: "STANDARD" (or empty) or
	// "EXPRESS" (sim.Express).
	Type string `json:"type,omitempty"`
	// StateMachineName is the state machine's name (sim.Name), which
	// also picks the entry of the mock configuration's StateMachines.
	StateMachineName string `json:"state_machine_name,omitempty"`
	// Lambdas maps each Lambda function the execution may call, by name or
	// ARN as the definition or input names it, to its handler's kind
	// ({"my-function": "identity"}); LambdaHandlers maps kinds to their
	// handlers' sources ({"identity": {"file", "runtime", "source"}}).
	// Package pylambda makes the functions (sim.OnFunction).
	Lambdas        json.RawMessage `json:"lambdas,omitempty"`
	LambdaHandlers json.RawMessage `json:"lambda_handlers,omitempty"`
}

// Options returns the simulator options that the case's own fields ask
// for: its start time, its state machine's name and type, its mock
// configuration and test case, and its Lambda functions. parse parses the
// mock configuration; nil means sim.ParseMockConfig (a caller that runs
// many cases may keep the configurations it parsed).
func (c *Case) Options(parse func(text []byte) (*sim.MockConfig, error)) ([]sim.Option, error) {
	var opts []sim.Option
	if c.StartTime != "" {
		t, err := time.Parse(time.RFC3339Nano, c.StartTime)
		if err != nil {
			return nil, fmt.Errorf("start_time %q is not an RFC 3339 time", c.StartTime)
		}
		opts = append(opts, sim.StartTime(t.UTC()))
	}
	if c.StateMachineName != "" {
		opts = append(opts, sim.Name(c.StateMachineName))
	}
	switch c.Type {
	case "", "STANDARD":
	case "EXPRESS":
		opts = append(opts, sim.Express())
	default:
		return nil, fmt.Errorf("type %q is neither STANDARD nor EXPRESS", c.Type)
	}
	if given(c.MockConfig) {
		if parse == nil {
			parse = sim.ParseMockConfig
		}
		cfg, err := parse(c.MockConfig)
		if err != nil {
			return nil, err
		}
		opts = append(opts, sim.UseMockConfig(cfg, c.TestCase))
	}
	if given(c.Lambdas) {
		var lambdas map[string]string
		if err := json.Unmarshal(c.Lambdas, &lambdas); err != nil {
			return nil, fmt.Errorf("lambdas is not an object of function names (or ARNs) and handler kinds: %v", err)
		}
		var handlers map[string]pylambda.Source
		if given(c.LambdaHandlers) {
			if err := json.Unmarshal(c.LambdaHandlers, &handlers); err != nil {
				return nil, fmt.Errorf("lambda_handlers is not an object of handler kinds and their {\"file\", \"runtime\", \"source\"}: %v", err)
			}
		}
		fns, err := pylambda.Options(lambdas, handlers)
		if err != nil {
			return nil, err
		}
		opts = append(opts, fns...)
	}
	return opts, nil
}

// given reports whether a raw field holds a value other than null.
func given(raw json.RawMessage) bool {
	return len(raw) > 0 && !bytes.Equal(raw, []byte("null"))
}

// Resolved returns the case ready to run, with def, its definition's text
// (inline, or read from its DefinitionFile), as its Definition. It makes a
// recorded case runnable where the recorder replaced the names of its
// Lambda functions by placeholders ("<lambda_function_name>", in the
// definition, the input and Lambdas alike): such a name is no function's (a
// function name is letters, digits, - and _), and a definition that names
// it in a Resource ARN does not validate. Each function of Lambdas whose
// name is a placeholder gets the name inside the angle brackets, with what
// a function name cannot hold left out ("lambda_function_name", with a
// number added when Lambdas has a function of that name already), wherever
// the texts of the definition, the input and Lambdas hold the placeholder.
// The recorder's answers hold the same placeholders, which stand for any
// name. A case without such names is returned as it is. c is not changed.
func (c *Case) Resolved(def []byte) Case {
	r := *c
	r.Definition = def
	if !given(c.Lambdas) || !bytes.Contains(c.Lambdas, []byte("<")) {
		return r
	}
	var lambdas map[string]string
	if json.Unmarshal(c.Lambdas, &lambdas) != nil {
		return r // Options reports it
	}
	taken := map[string]bool{}
	var placeholders []string
	for key := range lambdas {
		name := functionName(key)
		if strings.HasPrefix(name, "<") && strings.HasSuffix(name, ">") {
			if !slices.Contains(placeholders, name) {
				placeholders = append(placeholders, name)
			}
		} else {
			taken[name] = true
		}
	}
	if len(placeholders) == 0 {
		return r
	}
	sort.Strings(placeholders)
	var pairs []string
	for _, p := range placeholders {
		base := strings.Map(func(r rune) rune {
			if r == '-' || r == '_' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return r
			}
			return -1
		}, p)
		if base == "" {
			base = "function"
		}
		name := base
		for i := 2; taken[name]; i++ {
			name = base + "_" + strconv.Itoa(i)
		}
		taken[name] = true
		pairs = append(pairs, p, name)
	}
	rep := strings.NewReplacer(pairs...)
	replace := func(b []byte) []byte {
		if len(b) == 0 {
			return b
		}
		return []byte(rep.Replace(string(b)))
	}
	r.Definition, r.Input, r.Lambdas = replace(def), replace(c.Input), replace(c.Lambdas)
	return r
}

// functionName returns the function name of a name or ARN: what follows
// "function:", without a qualifier, or the name itself.
func functionName(nameOrARN string) string {
	if _, rest, ok := strings.Cut(nameOrARN, ":function:"); ok {
		nameOrARN = rest
	} else if strings.HasPrefix(nameOrARN, "arn:") {
		return nameOrARN
	}
	if i := strings.LastIndex(nameOrARN, ">"); i >= 0 {
		// A placeholder may hold a colon; a qualifier follows it.
		if j := strings.IndexByte(nameOrARN[i:], ':'); j >= 0 {
			return nameOrARN[:i+j]
		}
		return nameOrARN
	}
	name, _, _ := strings.Cut(nameOrARN, ":")
	return name
}

// Run runs the case with its inline definition: opts apply first, then
// the case's own options, on its input ({} when it has none).
func (c *Case) Run(ctx context.Context, opts ...sim.Option) (*sim.Execution, error) {
	if len(c.Definition) == 0 {
		return nil, errors.New("replay: the case has no inline definition")
	}
	r := c.Resolved(c.Definition)
	doc, err := asl.Unmarshal(r.Definition)
	if err != nil {
		return nil, fmt.Errorf("the definition does not decode: %v", err)
	}
	own, err := r.Options(nil)
	if err != nil {
		return nil, err
	}
	s, err := sim.New(doc, append(opts[:len(opts):len(opts)], own...)...)
	if err != nil {
		return nil, err
	}
	return s.Run(ctx, r.InputJSON())
}

// InputJSON returns the case's input, {} when it has none.
func (c *Case) InputJSON() json.RawMessage {
	if len(c.Input) == 0 {
		return json.RawMessage("{}")
	}
	return c.Input
}
