package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/aslgen/aslgen/cmd/aslgen/internal/batch"
)

// TestWorkloadsRun checks that the batch files hold the workloads and that
// the batch runner runs them: the Pass chain and the 5-state workflow succeed;
// the 10,000-item inline Map passes AWS's 25,000-event history limit when its
// history is recorded, as it would on AWS.
func TestWorkloadsRun(t *testing.T) {
	dir := t.TempDir()
	if err := writeAll(dir, 2, 3); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, status string
		lines        int
	}{{"passchain.jsonl", "SUCCEEDED", 2}, {"fivestates.jsonl", "SUCCEEDED", 3}, {"map10000.jsonl", "FAILED", 2}} {
		in, err := os.Open(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := batch.Run(context.Background(), in, &out, dir); err != nil {
			t.Fatal(err)
		}
		in.Close()
		n := 0
		sc := bufio.NewScanner(&out)
		sc.Buffer(make([]byte, 1<<20), 64<<20) // a failed map's line lists 25,000 event types
		for ; sc.Scan(); n++ {
			var r batch.Result
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			if r.Status != tc.status {
				t.Errorf("%s: %s %s %s, want %s", tc.file, r.Status, r.Error, r.Cause, tc.status)
			}
		}
		if n != tc.lines {
			t.Errorf("%s: %d results, want %d", tc.file, n, tc.lines)
		}
	}
}
