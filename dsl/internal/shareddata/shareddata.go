package shareddata

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// EnvVar names the environment variable that locates the shared folder.
const EnvVar = "ASLGEN_SHARED"

// Dir returns the shared folder: $ASLGEN_SHARED, or ../shared beside the
// module root. It does not check that the folder exists.
func Dir() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	dir := os.Getenv(EnvVar)
	if dir == "" {
		dir = filepath.Join("..", "shared")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	return filepath.Clean(dir), nil
}

// moduleRoot is the nearest directory at or above the working directory
// that holds a go.mod file: a test runs in its package's directory.
func moduleRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("no go.mod at or above %s", wd)
		}
	}
}

// Lookup returns the path of rel (slash-separated, such as
// "conformance/aws-recorded.jsonl") inside the shared folder, and whether
// it exists.
func Lookup(rel string) (string, bool) {
	dir, err := Dir()
	if err != nil {
		return "", false
	}
	path := filepath.Join(dir, filepath.FromSlash(rel))
	_, err = os.Stat(path)
	return path, err == nil
}

// Path returns the path of rel inside the shared folder, or skips the test
// with a message saying what is missing and where it was looked for.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	path, ok := Lookup(rel)
	if !ok {
		skip(tb, rel)
	}
	return path
}

// Glob returns the files inside the shared folder that match pattern
// (slash-separated, as filepath.Match takes it), sorted; it skips the test
// with a message when none matches.
func Glob(tb testing.TB, pattern string) []string {
	tb.Helper()
	files := Matches(pattern)
	if len(files) == 0 {
		skip(tb, pattern)
	}
	return files
}

// Matches is Glob without the skip: the files matching pattern, or none.
func Matches(pattern string) []string {
	dir, err := Dir()
	if err != nil {
		return nil
	}
	files, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
	return files
}

// Lines returns the non-empty lines of a JSON Lines file inside the shared
// folder, skipping the test when the file is absent and failing it when the
// file cannot be read.
func Lines(tb testing.TB, rel string) [][]byte {
	tb.Helper()
	data, err := os.ReadFile(Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	return splitLines(data)
}

// splitLines splits JSON Lines text into its non-empty lines.
func splitLines(data []byte) [][]byte {
	var lines [][]byte
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		if line = bytes.TrimSpace(line); len(line) > 0 {
			lines = append(lines, line)
		}
	}
	return lines
}

// skip skips tb, naming what is missing.
func skip(tb testing.TB, what string) {
	tb.Helper()
	dir, err := Dir()
	if err != nil {
		tb.Skipf("skipping: shared data %s not found: %v", what, err)
	}
	if os.Getenv(EnvVar) != "" {
		tb.Skipf("skipping: shared data %s not found in %s (from %s)", what, dir, EnvVar)
	}
	tb.Skipf("skipping: shared data %s not found in %s, ../shared beside the module (set %s to read it from elsewhere)", what, dir, EnvVar)
}
