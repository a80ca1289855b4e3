package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"io"
	"strconv"

	"github.com/aslgen/aslgen/dsl/coverage"
	"github.com/aslgen/aslgen/dsl/graph"
)

// coverFlags are the flags of aslgen cover.
type coverFlags struct {
	funcDir, htmlDir, out *string
}

func newCoverFlags(stderr io.Writer) (*flag.FlagSet, coverFlags) {
	fs := newFlagSet("cover", stderr)
	return fs, coverFlags{
		funcDir: fs.String("func", "", ""),
		htmlDir: fs.String("html", "", ""),
		out:     fs.String("o", "", ""),
	}
}

// coverCommand is aslgen cover -func DIR | -html DIR [-o FILE]: it reports
// the workflow coverage that simulator runs wrote to DIR (ASLGEN_COVERDIR).
func coverCommand(args []string, stdout, stderr io.Writer) int {
	flags, f := newCoverFlags(stderr)
	if code, done := parse(flags, "cover", args); done {
		return code
	}
	if flags.NArg() != 0 || (*f.funcDir == "") == (*f.htmlDir == "") || *f.out != "" && *f.htmlDir == "" {
		usage(stderr, "cover")
		return exitError
	}
	dir := *f.funcDir + *f.htmlDir
	profiles, err := coverage.Read(dir)
	if err != nil {
		fmt.Fprintf(stderr, "aslgen cover: %v\n", err)
		return exitError
	}
	if *f.funcDir != "" {
		stdout.Write(coverFunc(profiles))
		return exitOK
	}
	page := coverHTML(profiles)
	if *f.out == "" || *f.out == "-" {
		stdout.Write(page)
		return exitOK
	}
	if err := writeFile(*f.out, page); err != nil {
		fmt.Fprintf(stderr, "aslgen cover: %v\n", err)
		return exitError
	}
	return exitOK
}

// coverNames returns the name to show for each profile: its Name, with
// the start of its hash when another profile has the same name (two
// versions of a machine), and its hash when it has no name.
func coverNames(profiles []*coverage.Profile) []string {
	count := map[string]int{}
	for _, p := range profiles {
		count[p.Name]++
	}
	names := make([]string, len(profiles))
	for i, p := range profiles {
		switch {
		case p.Name == "":
			names[i] = p.Hash
		case count[p.Name] > 1:
			names[i] = p.Name + "@" + p.Hash[:8]
		default:
			names[i] = p.Name
		}
	}
	return names
}

// coverFunc is the report of -func: a line of figures per machine (the
// percentage of its states entered, edges taken, catchers taken and
// retriers fired; "-" when it has none), then the total of all of them.
func coverFunc(profiles []*coverage.Profile) []byte {
	names := coverNames(profiles)
	width := len("total:")
	for _, n := range names {
		width = max(width, len(n))
	}
	var b bytes.Buffer
	line := func(name string, f [4]coverage.Figure) {
		fmt.Fprintf(&b, "%-*s  %8s  %8s  %8s  %8s\n", width, name, f[0], f[1], f[2], f[3])
	}
	fmt.Fprintf(&b, "%-*s  %8s  %8s  %8s  %8s\n", width, "machine", "states", "edges", "catchers", "retriers")
	var total [4]coverage.Figure
	for i, p := range profiles {
		s := p.Summary()
		line(names[i], s)
		for k := range s {
			total[k].Covered += s[k].Covered
			total[k].Total += s[k].Total
		}
	}
	line("total:", total)
	return b.Bytes()
}

// coverHTML is the page of -html: the figures, then each machine drawn
// with its counts (hover a state or an edge for its count), its uncovered
// edges red, and the list of what was not reached. It is self-contained:
// inline CSS and SVG, nothing fetched.
func coverHTML(profiles []*coverage.Profile) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>Workflow coverage</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
table.figures { border-collapse: collapse; margin: 8px 0 24px; }
table.figures th, table.figures td { padding: 4px 12px; border-bottom: 1px solid #ddd; text-align: right; }
table.figures th:first-child, table.figures td:first-child { text-align: left; }
td.full { color: #1b7a34; } td.part { color: #b26a00; } td.none { color: #c62828; }
section { margin-bottom: 40px; }
h2 small { color: #777; font-weight: normal; font-size: 60%; }
.legend span { display: inline-block; margin-right: 16px; }
.legend i { display: inline-block; width: 24px; height: 3px; vertical-align: middle; margin-right: 4px; }
.drawing { overflow: auto; border: 1px solid #ddd; padding: 8px; }
</style>
</head>
<body>
<h1>Workflow coverage</h1>
<p class="legend"><span><i style="background:#1b7a34"></i>taken</span><span><i style="background:#d32f2f"></i>never taken</span><span>hover a state or an edge for its count</span></p>
`)
	names := coverNames(profiles)
	b.WriteString("<table class=\"figures\">\n<tr><th>machine</th><th>states</th><th>edges</th><th>catchers</th><th>retriers</th></tr>\n")
	var total [4]coverage.Figure
	for i, p := range profiles {
		s := p.Summary()
		fmt.Fprintf(&b, `<tr><td><a href="#m%d">%s</a></td>`, i, html.EscapeString(names[i]))
		for k := range s {
			figureCell(&b, s[k])
			total[k].Covered += s[k].Covered
			total[k].Total += s[k].Total
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("<tr><td>total</td>")
	for _, f := range total {
		figureCell(&b, f)
	}
	b.WriteString("</tr>\n</table>\n")
	for i, p := range profiles {
		s := p.Summary()
		fmt.Fprintf(&b, "<section id=\"m%d\">\n<h2>%s <small>%s</small></h2>\n", i, html.EscapeString(names[i]), p.Hash)
		fmt.Fprintf(&b, "<p>states %s, edges %s, catchers %s, retriers %s</p>\n", fig(s[0]), fig(s[1]), fig(s[2]), fig(s[3]))
		b.WriteString("<div class=\"drawing\">\n")
		b.Write(graph.SVG(p.Doc, &graph.Options{Overlay: p.Overlay(), Coverage: true}))
		b.WriteString("</div>\n")
		var retried []coverage.Item
		for _, it := range p.Items() {
			if it.Kind == coverage.Retriers {
				retried = append(retried, it)
			}
		}
		if len(retried) > 0 {
			b.WriteString("<p>Retriers:</p>\n<ul>\n")
			for _, it := range retried {
				fmt.Fprintf(&b, "<li>%s: %s</li>\n", html.EscapeString(it.Name), timesText(it.Count, "retry", "retries"))
			}
			b.WriteString("</ul>\n")
		}
		if missing := p.Missing(coverage.States, coverage.Edges, coverage.Retriers); len(missing) > 0 {
			fmt.Fprintf(&b, "<details><summary>Not reached (%d)</summary>\n<ul>\n", len(missing))
			for _, m := range missing {
				fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(m))
			}
			b.WriteString("</ul>\n</details>\n")
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes()
}

func figureCell(b *bytes.Buffer, f coverage.Figure) {
	class := "part"
	switch {
	case f.Total == 0 || f.Covered == f.Total:
		class = "full"
	case f.Covered == 0:
		class = "none"
	}
	fmt.Fprintf(b, `<td class="%s" title="%d of %d">%s</td>`, class, f.Covered, f.Total, f)
}

// fig is a figure with its counts: "75.0% (3/4)", or "none" when there is
// nothing to cover.
func fig(f coverage.Figure) string {
	if f.Total == 0 {
		return "none"
	}
	return f.String() + " (" + strconv.Itoa(f.Covered) + "/" + strconv.Itoa(f.Total) + ")"
}

func timesText(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
