package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aslgen/aslgen/dsl/asl"
	"github.com/aslgen/aslgen/dsl/coverage"
	"github.com/aslgen/aslgen/dsl/graph"
)

const coverASL = `{"StartAt":"Check","States":{
 "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Work"}],"Default":"Done"},
 "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
  "Retry":[{"ErrorEquals":["Busy"]}],
  "Catch":[{"ErrorEquals":["Bad"],"Next":"Oops"},{"ErrorEquals":["States.ALL"],"Next":"Oops"}],"Next":"Done"},
 "Oops":{"Type":"Fail","Error":"Oops"},
 "Done":{"Type":"Succeed"}}}`

// writeCoverDir writes coverage data of two machines to a new directory:
// Flow, run through Work to its first catcher, and Tiny, run once.
func writeCoverDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	w := coverage.NewWriter(dir)
	defer w.Close()
	doc, err := asl.Unmarshal([]byte(coverASL))
	if err != nil {
		t.Fatal(err)
	}
	p, err := coverage.New(doc, "Flow")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Check", "Work", "Oops"} {
		p.AddState(s)
	}
	p.AddEdge(graph.EdgeKey{To: "Check", Kind: graph.EdgeStart})
	p.AddEdge(graph.EdgeKey{From: "Check", To: "Work", Kind: graph.EdgeRule})
	p.AddEdge(graph.EdgeKey{From: "Work", To: "Oops", Kind: graph.EdgeCatch})
	p.AddRetry(coverage.Retrier{State: "Work"})
	if err := w.Add(p); err != nil {
		t.Fatal(err)
	}
	tiny, _ := asl.Unmarshal([]byte(`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`))
	q, _ := coverage.New(tiny, "Tiny")
	q.AddState("A")
	q.AddEdge(graph.EdgeKey{To: "A", Kind: graph.EdgeStart})
	q.AddEdge(graph.EdgeKey{From: "A", Kind: graph.EdgeEnd})
	if err := w.Add(q); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCoverFunc(t *testing.T) {
	dir := writeCoverDir(t)
	r := runInProcess("cover", "-func", dir)
	r.want(t, 0)
	want := `machine    states     edges  catchers  retriers
Flow       75.0%     42.9%     50.0%    100.0%
Tiny      100.0%    100.0%         -         -
total:     80.0%     55.6%     50.0%    100.0%
`
	if r.stdout != want {
		t.Errorf("cover -func:\n%s\nwant:\n%s", r.stdout, want)
	}
	for _, args := range [][]string{{"cover"}, {"cover", "-func", dir, "-html", dir}, {"cover", "-func", dir, "-o", "x.html"}, {"cover", "-func", dir, "extra"}} {
		r := runInProcess(args...)
		if r.code != 2 || !strings.Contains(r.stderr, "usage: aslgen cover") {
			t.Errorf("aslgen %q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	r = runInProcess("cover", "-func", t.TempDir())
	if r.code != 2 || !strings.Contains(r.stderr, "no workflow coverage data") {
		t.Errorf("empty directory: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCoverHTML(t *testing.T) {
	dir := writeCoverDir(t)
	out := filepath.Join(t.TempDir(), "coverage.html")
	r := runInProcess("cover", "-html", dir, "-o", out)
	r.want(t, 0)
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	checkCoverPage(t, page)
}

// checkCoverPage checks that a page parses (as XML: it is written to), has
// a drawing per machine with hover titles and red untaken edges, and
// fetches nothing.
func checkCoverPage(t *testing.T, page []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	svgs, titles := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the page does not parse: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "svg":
				svgs++
			case "title":
				titles++
			case "script", "link", "img", "iframe":
				t.Errorf("the page has a <%s> element", se.Name.Local)
			}
		}
	}
	if svgs == 0 || titles < 5 {
		t.Errorf("the page has %d drawings and %d titles", svgs, titles)
	}
	text := string(page)
	for _, want := range []string{"Work → Oops (Catch 2): taken 0 times", "Check: entered 1 time", `stroke="#d32f2f"`, "<style>"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	external := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?[a-z]+:|url\(\s*["']?[a-z]+:|@import`)
	if m := external.FindString(text); m != "" {
		t.Errorf("the page refers to something outside it: %q", m)
	}
}

// TestCoverEndToEnd runs the tests of examples/orderprocessing with
// ASLGEN_COVERDIR set, then aslgen cover -func on what they wrote.
func TestCoverEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test; skipped with -short")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "./examples/orderprocessing")
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "ASLGEN_COVERDIR="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	r := runInProcess("cover", "-func", dir)
	r.want(t, 0)
	if !regexp.MustCompile(`(?m)^OrderProcessing +100\.0% +\d+\.\d%`).MatchString(r.stdout) ||
		!regexp.MustCompile(`(?m)^total: +\d`).MatchString(r.stdout) {
		t.Errorf("cover -func:\n%s", r.stdout)
	}
	t.Logf("aslgen cover -func:\n%s", r.stdout)
}

// TestCoverScreenshot draws the page with headless Chromium, when it is
// installed, and checks that the picture has the red of untaken edges.
func TestCoverScreenshot(t *testing.T) {
	if testing.Short() {
		t.Skip("runs chromium; skipped with -short")
	}
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("chromium is not installed: skipping the screenshot of the coverage page")
	}
	dir := writeCoverDir(t)
	tmp := t.TempDir()
	page, shot := filepath.Join(tmp, "coverage.html"), filepath.Join(tmp, "coverage.png")
	runInProcess("cover", "-html", dir, "-o", page).want(t, 0)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--user-data-dir="+filepath.Join(tmp, "profile"), "--window-size=1000,900", "--screenshot="+shot, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	red, green := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case r > 180 && g < 90 && bl < 90:
				red++
			case g > 100 && r < 60 && bl < 80:
				green++
			}
		}
	}
	if red == 0 || green == 0 {
		t.Errorf("the screenshot has %d red and %d green pixels; want both (untaken and taken edges)", red, green)
	}
	if dst := os.Getenv("ASLGEN_COVER_SCREENSHOT"); dst != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(dst, data, 0o644)
	}
}
