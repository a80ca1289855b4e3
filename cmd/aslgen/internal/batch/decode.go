package batch

import (
	"bytes"
	"encoding/json"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// decoder decodes batch lines. It remembers the last object, array or
// string each raw field (definition, input, mock configuration) held: the
// lines of a batch often repeat them, and a line whose field starts with
// text already checked needs no second check, since such a value ends
// where its text does (no JSON text of an object, array or string is a
// prefix of another value).
type decoder struct {
	known [numRaw][]byte
}

// The raw fields of a Case, which decoder remembers.
const (
	rawDefinition = iota
	rawInput
	rawMockConfig
	rawLambdas
	rawLambdaHandlers
	numRaw
)

// decode decodes a batch line into c, exactly as json.Unmarshal would,
// without encoding/json's reflection: the raw fields are checked in place
// and kept as slices of line. It reports false for anything but an object
// whose keys are the Case's own JSON names, spelt exactly, with strings for
// its string fields; the caller then decodes the line with json.Unmarshal,
// which gives the same Case or the error to report.
func (d *decoder) decode(line []byte, c *Case) bool {
	*c = Case{}
	i := space(line, 0)
	if i >= len(line) || line[i] != '{' {
		return false
	}
	i = space(line, i+1)
	if i < len(line) && line[i] == '}' {
		return space(line, i+1) == len(line)
	}
	for {
		if i >= len(line) || line[i] != '"' {
			return false
		}
		// A key spelt exactly as a field's name has no escapes.
		end := bytes.IndexByte(line[i+1:], '"')
		if end < 0 {
			return false
		}
		raw, str := field(c, line[i+1:i+1+end])
		if raw < 0 && str == nil {
			return false
		}
		i = space(line, i+2+end)
		if i >= len(line) || line[i] != ':' {
			return false
		}
		start := space(line, i+1)
		var stop int
		if raw >= 0 && len(d.known[raw]) > 0 && bytes.HasPrefix(line[start:], d.known[raw]) {
			stop = start + len(d.known[raw])
		} else {
			var err error
			if stop, err = jsonvalue.Skip(line, start); err != nil {
				return false
			}
		}
		value := line[start:stop]
		if raw >= 0 {
			*rawField(c, raw) = value
			if value[0] == '{' || value[0] == '[' || value[0] == '"' {
				d.known[raw] = value
			}
		} else {
			if value[0] != '"' {
				return false
			}
			s, _, _, msg := jsonvalue.ReadString(value, 0)
			if msg != "" {
				return false
			}
			*str = s
		}
		i = space(line, stop)
		if i < len(line) && line[i] == ',' {
			i = space(line, i+1)
			continue
		}
		if i < len(line) && line[i] == '}' {
			return space(line, i+1) == len(line)
		}
		return false
	}
}

// field returns the field of c whose JSON name is key: the number of a raw
// field, or -1 and a string field, or -1 and nil when there is none.
func field(c *Case, key []byte) (raw int, str *string) {
	switch string(key) {
	case "definition":
		return rawDefinition, nil
	case "input":
		return rawInput, nil
	case "mock_config":
		return rawMockConfig, nil
	case "lambdas":
		return rawLambdas, nil
	case "lambda_handlers":
		return rawLambdaHandlers, nil
	case "id":
		return -1, &c.ID
	case "definition_file":
		return -1, &c.DefinitionFile
	case "test_case":
		return -1, &c.TestCase
	case "start_time":
		return -1, &c.StartTime
	case "type":
		return -1, &c.Type
	case "state_machine_name":
		return -1, &c.StateMachineName
	}
	return -1, nil
}

// rawField returns the raw field of c numbered n.
func rawField(c *Case, n int) *json.RawMessage {
	switch n {
	case rawDefinition:
		return &c.Definition
	case rawInput:
		return &c.Input
	case rawLambdas:
		return &c.Lambdas
	case rawLambdaHandlers:
		return &c.LambdaHandlers
	}
	return &c.MockConfig
}

// space returns the offset of the first byte at or after i in b that is
// not JSON white space.
func space(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
