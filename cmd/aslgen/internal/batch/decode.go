package batch

import (
	"bytes"
	"encoding/json"

	"github.com/aslgen/aslgen/dsl/jsonvalue"
)

// decodeCase decodes a batch line into c, exactly as json.Unmarshal would,
// without encoding/json's reflection and without decoding the raw fields
// (definition, input, mock configuration) more than once: they are checked
// in place and kept as slices of line. It reports false for anything but an
// object whose keys are the Case's own JSON names, spelt exactly, with
// strings for its string fields; the caller then decodes the line with
// json.Unmarshal, which gives the same Case or the error to report.
func decodeCase(line []byte, c *Case) bool {
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
		key := line[i+1 : i+1+end]
		i = space(line, i+2+end)
		if i >= len(line) || line[i] != ':' {
			return false
		}
		start := space(line, i+1)
		stop, err := jsonvalue.Skip(line, start)
		if err != nil {
			return false
		}
		value := line[start:stop]
		if !c.set(key, value) {
			return false
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

// set sets the field whose JSON name is key to value, a well-formed JSON
// value; it reports false for any other key, or for a string field whose
// value is not a string.
func (c *Case) set(key, value []byte) bool {
	var raw *json.RawMessage
	var str *string
	switch string(key) {
	case "id":
		str = &c.ID
	case "definition":
		raw = &c.Definition
	case "definition_file":
		str = &c.DefinitionFile
	case "input":
		raw = &c.Input
	case "mock_config":
		raw = &c.MockConfig
	case "test_case":
		str = &c.TestCase
	case "start_time":
		str = &c.StartTime
	case "type":
		str = &c.Type
	default:
		return false
	}
	if raw != nil {
		*raw = value
		return true
	}
	if value[0] != '"' {
		return false
	}
	s, _, _, msg := jsonvalue.ReadString(value, 0)
	*str = s
	return msg == ""
}

// space returns the offset of the first byte at or after i in b that is
// not JSON white space.
func space(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
