package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aslgen/aslgen/dsl/sim"
	"github.com/aslgen/aslgen/dsl/sim/replay"
)

// exitRefused: test-state's request was refused, as AWS refuses it (a
// ValidationException or InvalidDefinition).
const exitRefused = 1

// testStateFlags are the flags of aslgen test-state, named as those of
// aws stepfunctions test-state.
type testStateFlags struct {
	definition, input, level, mock, context, variables, stateName, config, roleARN, account, cases *string
	revealSecrets                                                                                  *bool
}

// newTestStateFlags defines the flags of aslgen test-state. The manual
// (doc.go) documents them.
func newTestStateFlags(stderr io.Writer) (*flag.FlagSet, *testStateFlags) {
	fs := newFlagSet("test-state", stderr)
	return fs, &testStateFlags{
		definition:    fs.String("definition", "", ""),
		input:         fs.String("input", "", ""),
		level:         fs.String("inspection-level", "", ""),
		mock:          fs.String("mock", "", ""),
		context:       fs.String("context", "", ""),
		variables:     fs.String("variables", "", ""),
		stateName:     fs.String("state-name", "", ""),
		config:        fs.String("state-configuration", "", ""),
		roleARN:       fs.String("role-arn", "", ""),
		account:       fs.String("account", "", ""),
		revealSecrets: fs.Bool("reveal-secrets", false, ""),
		cases:         fs.String("cases", "", ""),
	}
}

// testStateCommand is aslgen test-state: one TestState call, or a batch
// with -cases.
func testStateCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags, f := newTestStateFlags(stderr)
	if code, done := parse(flags, "test-state", args); done {
		return code
	}
	if flags.NArg() != 0 {
		usage(stderr, "test-state")
		return exitError
	}
	var opts []sim.Option
	if *f.account != "" {
		opts = append(opts, sim.Account(*f.account))
	}
	if *f.cases != "" {
		if err := testStateBatch(*f.cases, stdin, stdout, opts); err != nil {
			fmt.Fprintf(stderr, "aslgen test-state: %v\n", err)
			return exitError
		}
		return exitOK
	}
	c, err := f.request()
	if err != nil {
		fmt.Fprintf(stderr, "aslgen test-state: %v\n", err)
		return exitError
	}
	res, err := c.Run(opts...)
	var ve *sim.ValidationError
	switch {
	case errors.As(err, &ve):
		fmt.Fprintf(stderr, "\nAn error occurred (%s) when calling the TestState operation: %s\n", ve.Code, ve.Message)
		return exitRefused
	case err != nil:
		fmt.Fprintf(stderr, "aslgen test-state: %v\n", err)
		return exitError
	}
	data, err := json.MarshalIndent(cliResponse(res), "", "    ")
	if err != nil {
		fmt.Fprintf(stderr, "aslgen test-state: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "%s\n", data)
	return exitOK
}

// request makes the TestState request of the flags.
func (f *testStateFlags) request() (*replay.TestStateCase, error) {
	if *f.definition == "" {
		return nil, errors.New("-definition is required")
	}
	c := &replay.TestStateCase{InspectionLevel: *f.level, RevealSecrets: *f.revealSecrets, RoleARN: *f.roleARN}
	if *f.stateName != "" {
		c.StateName = f.stateName
	}
	def, err := flagValue("definition", *f.definition)
	if err != nil {
		return nil, err
	}
	c.Definition = def
	for _, v := range []struct {
		name, text string
		dst        *json.RawMessage
	}{{"input", *f.input, &c.Input}, {"context", *f.context, &c.Context}, {"variables", *f.variables, &c.Variables}} {
		if v.text == "" {
			continue
		}
		data, err := flagValue(v.name, v.text)
		if err != nil {
			return nil, err
		}
		*v.dst = data
	}
	for _, v := range []struct {
		name, text string
		dst        any
	}{{"mock", *f.mock, &c.Mock}, {"state-configuration", *f.config, &c.StateConfiguration}} {
		if v.text == "" {
			continue
		}
		data, err := flagValue(v.name, v.text)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v.dst); err != nil {
			return nil, fmt.Errorf("-%s: %v", v.name, err)
		}
	}
	return c, nil
}

// flagValue reads a flag's JSON value: inline, or from the file named
// after file://, as the AWS CLI reads it.
func flagValue(name, text string) (json.RawMessage, error) {
	data := []byte(text)
	if path, ok := strings.CutPrefix(text, "file://"); ok {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("-%s: %v", name, err)
		}
	}
	data = bytes.TrimSpace(data)
	if !json.Valid(data) {
		return nil, fmt.Errorf("-%s: not valid JSON", name)
	}
	return data, nil
}

// cliInspection is the inspection data as the AWS CLI prints it: the data
// of each step as JSON text.
type cliInspection struct {
	Input                      string            `json:"input,omitempty"`
	AfterArguments             string            `json:"afterArguments,omitempty"`
	AfterInputPath             string            `json:"afterInputPath,omitempty"`
	AfterParameters            string            `json:"afterParameters,omitempty"`
	Result                     string            `json:"result,omitempty"`
	AfterResultSelector        string            `json:"afterResultSelector,omitempty"`
	AfterResultPath            string            `json:"afterResultPath,omitempty"`
	AfterItemsPath             string            `json:"afterItemsPath,omitempty"`
	Variables                  string            `json:"variables,omitempty"`
	ErrorDetails               *sim.ErrorDetails `json:"errorDetails,omitempty"`
	MaxConcurrency             *int              `json:"maxConcurrency,omitempty"`
	ToleratedFailureCount      *int              `json:"toleratedFailureCount,omitempty"`
	ToleratedFailurePercentage *float64          `json:"toleratedFailurePercentage,omitempty"`
}

// cliResult is the response as the AWS CLI prints it.
type cliResult struct {
	Output         *string        `json:"output,omitempty"`
	Error          string         `json:"error,omitempty"`
	Cause          *string        `json:"cause,omitempty"`
	InspectionData *cliInspection `json:"inspectionData,omitempty"`
	NextState      string         `json:"nextState,omitempty"`
	Status         sim.TestStatus `json:"status"`
}

func cliResponse(r *sim.TestStateResult) cliResult {
	out := cliResult{Error: r.Error, NextState: r.NextState, Status: r.Status}
	if r.Output != nil {
		s := string(r.Output)
		out.Output = &s
	}
	if r.Error != "" || r.Cause != "" {
		c := r.Cause
		out.Cause = &c
	}
	if d := r.InspectionData; d != nil {
		out.InspectionData = &cliInspection{
			Input: string(d.Input), AfterArguments: string(d.AfterArguments), AfterInputPath: string(d.AfterInputPath),
			AfterParameters: string(d.AfterParameters), Result: string(d.Result), AfterResultSelector: string(d.AfterResultSelector),
			AfterResultPath: string(d.AfterResultPath), AfterItemsPath: string(d.AfterItemsPath), Variables: string(d.Variables),
			ErrorDetails: d.ErrorDetails, MaxConcurrency: d.MaxConcurrency, ToleratedFailureCount: d.ToleratedFailureCount,
			ToleratedFailurePercentage: d.ToleratedFailurePercentage,
		}
	}
	return out
}

// testStateBatch answers each request of the JSON Lines file (or standard
// input for "-") with one line, in order.
func testStateBatch(file string, stdin io.Reader, stdout io.Writer, opts []sim.Option) error {
	r := stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(stdout)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var c replay.TestStateCase
		if err := json.Unmarshal(line, &c); err != nil {
			return fmt.Errorf("line %d: %v", n, err)
		}
		a, err := c.Answer(opts...)
		if err != nil {
			return fmt.Errorf("line %d: %v", n, err)
		}
		data, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("line %d: %v", n, err)
		}
		w.Write(data)
		w.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return w.Flush()
}
