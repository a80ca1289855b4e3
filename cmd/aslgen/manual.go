package main

import (
	_ "embed"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
)

// docGo is this command's doc.go, whose package comment is the manual: the
// one source of the text that go doc and aslgen -h show.
//
//go:embed doc.go
var docGo []byte

// manualDoc returns the parsed package comment of doc.go.
func manualDoc() *comment.Doc {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", docGo, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic("aslgen: the embedded doc.go has no package comment") // a build of a broken tree
	}
	var p comment.Parser
	return p.Parse(f.Doc.Text())
}

// manual returns the manual as go doc prints it: paragraphs wrapped at 80
// columns, code blocks indented by four spaces.
func manual() string {
	pr := comment.Printer{TextCodePrefix: "    "}
	return string(pr.Text(manualDoc()))
}

// synopsis returns the lines of the manual's Usage block for a command
// ("generate", "validate", "run", "help"), as a usage message.
func synopsis(command string) string {
	var lines []string
	for _, b := range manualDoc().Content {
		code, ok := b.(*comment.Code)
		if !ok {
			continue
		}
		for _, line := range strings.Split(strings.TrimSuffix(code.Text, "\n"), "\n") {
			words := strings.Fields(line)
			if len(words) < 2 || words[0] != "aslgen" {
				continue
			}
			if words[1] == command || command == "generate" && strings.ContainsAny(words[1][:1], "[-") {
				lines = append(lines, line)
			}
		}
		break // the first code block is the Usage block
	}
	return "usage: " + strings.Join(lines, "\n       ") + "\n"
}
