package yaml

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
)

// corpus returns the JSON documents of the shared workflow corpus, skipping
// the test if there are none.
func corpus(t *testing.T) map[string][]byte {
	t.Helper()
	files := shareddata.Glob(t, "corpus/workflows-collection/*.json")
	docs := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) {
			continue // not JSON, so not a YAML test either
		}
		docs[filepath.Base(f)] = data
	}
	return docs
}

// TestCorpusJSONIsYAML checks that every JSON document of the corpus, read
// as YAML flow syntax, converts to the same JSON value; when the JSON is
// already laid out as ToJSON lays it out, the text and the line map must be
// the identity.
func TestCorpusJSONIsYAML(t *testing.T) {
	identical := 0
	for name, data := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			got, out, lines := convert(t, string(data))
			if want := decode(t, "corpus document", data); !reflect.DeepEqual(got, want) {
				t.Fatalf("ToJSON changed the value:\n%s", out)
			}
			if strings.TrimRight(string(data), "\n") == strings.TrimRight(string(out), "\n") {
				identical++
				for i, l := range lines {
					if l != i+1 {
						t.Fatalf("identical text, but JSON line %d maps to YAML line %d", i+1, l)
					}
				}
			}
		})
	}
	t.Logf("%d documents were already in ToJSON's layout", identical)
}

// TestCorpusBlockYAML writes every corpus document as block-style YAML, in
// several layouts, and checks that ToJSON gives the same value back.
func TestCorpusBlockYAML(t *testing.T) {
	for name, data := range corpus(t) {
		v := decode(t, "corpus document", data)
		for style := range 3 {
			t.Run(name+"/style"+itoa(style), func(t *testing.T) {
				var w yamlWriter
				w.style = style
				w.node(v, 0, false)
				src := w.b.String()
				got, _, _ := convert(t, src)
				if !reflect.DeepEqual(got, v) {
					t.Fatalf("value differs after converting\n%s", src)
				}
			})
		}
	}
}

// TestBlockYAMLWriter checks the test's YAML writer on strings that need
// its various scalar styles.
func TestBlockYAMLWriter(t *testing.T) {
	v := map[string]any{
		"plain":               "States.Format('{}', $.x[0])",
		"arn":                 "arn:aws:states:::lambda:invoke",
		"keyword":             "true",
		"number-like":         "123",
		"colon end":           "a:",
		"lines":               "one\ntwo\n",
		"lines strip":         "one\n\n  two",
		"lines keep":          "one\n\n",
		"lines indent":        "  indented\nnot\n",
		"lines leading empty": "\n\nx",
		"quote":               "it's \"x\"",
		"tab":                 "a\tb",
		"unicode":             "naïve ✓",
		"empty":               "",
		"list":                []any{"a", map[string]any{"k": []any{}, "m": map[string]any{}}, []any{json.Number("1"), nil, true}},
	}
	for style := range 3 {
		var w yamlWriter
		w.style = style
		w.node(v, 0, false)
		got, _, _ := convert(t, w.b.String())
		want := decode(t, "value", mustMarshal(t, v))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("style %d: value differs after converting\n%s", style, w.b.String())
		}
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// yamlWriter writes a decoded JSON value as block YAML. style varies the
// layout: 0 indents sequences under their key by two, 1 puts them at the
// key's indentation and indents mappings by four, 2 writes strings
// single-quoted where other styles use double quotes.
type yamlWriter struct {
	b     strings.Builder
	style int
}

func (w *yamlWriter) step() int {
	if w.style == 1 {
		return 4
	}
	return 2
}

// node writes v as the value of a mapping entry (afterKey) or sequence
// entry whose key or "-" is indented n columns; the writer is just after
// "key:" or "-".
func (w *yamlWriter) node(v any, n int, afterKey bool) {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			w.b.WriteString(" {}\n")
			return
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		ind := n + w.step()
		if w.b.Len() == 0 {
			ind = 0
		} else {
			w.b.WriteString("\n")
		}
		for _, k := range keys {
			w.b.WriteString(strings.Repeat(" ", ind))
			w.key(k)
			w.b.WriteString(":")
			w.node(v[k], ind, true)
		}
	case []any:
		if len(v) == 0 {
			w.b.WriteString(" []\n")
			return
		}
		ind := n + 2
		if w.style == 1 && afterKey {
			ind = n // a sequence at its key's indentation
		}
		w.b.WriteString("\n")
		for _, e := range v {
			w.b.WriteString(strings.Repeat(" ", ind) + "-")
			w.node(e, ind, false)
		}
	case string:
		w.b.WriteString(" ")
		w.str(v, n)
	case nil:
		w.b.WriteString(" null\n")
	case bool:
		if v {
			w.b.WriteString(" true\n")
		} else {
			w.b.WriteString(" false\n")
		}
	case json.Number:
		w.b.WriteString(" " + string(v) + "\n")
	default:
		panic("unexpected value")
	}
}

func (w *yamlWriter) key(k string) {
	if plainSafe(k) {
		w.b.WriteString(k)
	} else {
		w.quoted(k)
	}
}

func (w *yamlWriter) quoted(s string) {
	if w.style == 2 && !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r > 0x7e }) {
		w.b.WriteString("'" + strings.ReplaceAll(s, "'", "''") + "'")
		return
	}
	data, _ := json.Marshal(s) // JSON escapes are YAML escapes
	w.b.Write(data)
}

func (w *yamlWriter) str(s string, n int) {
	switch {
	case plainSafe(s):
		w.b.WriteString(s + "\n")
	case blockSafe(s):
		w.b.WriteString("|")
		first := strings.TrimLeft(s, "\n")
		if strings.HasPrefix(first, " ") {
			w.b.WriteString("2")
		}
		trimmed := strings.TrimRight(s, "\n")
		switch len(s) - len(trimmed) {
		case 0:
			w.b.WriteString("-")
		case 1:
		default:
			w.b.WriteString("+")
		}
		w.b.WriteString("\n")
		for _, l := range strings.Split(trimmed, "\n") {
			if l != "" {
				w.b.WriteString(strings.Repeat(" ", n+2) + l)
			}
			w.b.WriteString("\n")
		}
		for range len(s) - len(trimmed) - 1 {
			w.b.WriteString("\n")
		}
	default:
		w.quoted(s)
		w.b.WriteString("\n")
	}
}

// plainSafe reports whether s can be written as a plain scalar in block
// context and read back as the same string.
func plainSafe(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z' || s[0] == '$') {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "null":
		return false
	}
	if strings.HasSuffix(s, " ") || strings.HasSuffix(s, ":") || strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// blockSafe reports whether s can be written as a literal block scalar.
func blockSafe(s string) bool {
	if !strings.Contains(s, "\n") || strings.TrimSpace(s) == "" {
		return false
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" && l != "" {
			return false // a white-space-only line
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 && s[i] != '\n' || s[i] == 0x7f {
			return false
		}
	}
	return true
}
