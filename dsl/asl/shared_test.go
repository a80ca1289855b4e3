package asl

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aslgen/aslgen/dsl/internal/shareddata"
)

// sharedDoc is one ASL document from ../shared.
type sharedDoc struct {
	name string
	data []byte
}

// sharedDocs returns every ASL document in ../shared: the recorded and sealed
// executions' definitions, the validator fixtures and the corpus.
func sharedDocs(t testing.TB) []sharedDoc {
	t.Helper()
	var docs []sharedDoc
	for _, f := range []string{"conformance/aws-recorded.jsonl", "conformance/holdout.jsonl"} {
		path, ok := shareddata.Lookup(f)
		if !ok {
			t.Logf("shared data %s not found: its documents are not checked", f)
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for line, text := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(text)) == 0 {
				continue
			}
			var c struct {
				ID         string          `json:"id"`
				Definition json.RawMessage `json:"definition"`
			}
			if err := json.Unmarshal(text, &c); err != nil {
				t.Fatalf("%s:%d: %v", f, line+1, err)
			}
			docs = append(docs, sharedDoc{name: f + ":" + c.ID, data: c.Definition})
		}
	}
	dir, _ := shareddata.Dir()
	for _, pattern := range []string{"conformance/validator/*.json", "corpus/workflows-collection/*.json"} {
		for _, f := range shareddata.Matches(pattern) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, f)
			docs = append(docs, sharedDoc{name: filepath.ToSlash(rel), data: data})
		}
	}
	if len(docs) == 0 {
		shareddata.Path(t, "conformance") // skips when the shared data is absent
		t.Fatal("no ASL documents found in the shared data")
	}
	return docs
}

func isInvalidFixture(name string) bool {
	return strings.HasPrefix(filepath.Base(name), "invalid-")
}
