package asl

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir is ../shared beside the repository, where the conformance data
// and the corpus live. Tests that need it skip with a message when it is absent.
var sharedDir = filepath.Join("..", "..", "..", "shared")

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
		fh, err := os.Open(filepath.Join(sharedDir, f))
		if os.IsNotExist(err) {
			t.Logf("shared data %s not found: its documents are not checked", f)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for line := 1; sc.Scan(); line++ {
			var c struct {
				ID         string          `json:"id"`
				Definition json.RawMessage `json:"definition"`
			}
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatalf("%s:%d: %v", f, line, err)
			}
			docs = append(docs, sharedDoc{name: f + ":" + c.ID, data: c.Definition})
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	for _, pattern := range []string{"conformance/validator/*.json", "corpus/workflows-collection/*.json"} {
		files, err := filepath.Glob(filepath.Join(sharedDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(sharedDir, f)
			docs = append(docs, sharedDoc{name: rel, data: data})
		}
	}
	if len(docs) == 0 {
		t.Skipf("skipping: no shared conformance data or corpus found under %s", sharedDir)
	}
	return docs
}

func isInvalidFixture(name string) bool {
	return strings.HasPrefix(filepath.Base(name), "invalid-")
}
