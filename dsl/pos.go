package dsl

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// pos is the position of a builder call in the user's code, kept as a program
// counter and resolved to file:line only when an error is reported.
type pos uintptr

// here returns the position of the caller of the builder function that calls here.
func here() pos {
	var pc [1]uintptr
	runtime.Callers(3, pc[:])
	return pos(pc[0])
}

// Position is a file and line in the user's code.
type Position struct {
	File string
	Line int
}

// String formats p as file:line, with the file relative to the working
// directory when that is shorter.
func (p Position) String() string {
	if p.File == "" {
		return "-"
	}
	file := p.File
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, file); err == nil && len(rel) < len(file) && !strings.HasPrefix(rel, ".."+string(filepath.Separator)+"..") {
			file = rel
		}
	}
	return fmt.Sprintf("%s:%d", file, p.Line)
}

func (p pos) position() Position {
	if p == 0 {
		return Position{}
	}
	f, _ := runtime.CallersFrames([]uintptr{uintptr(p)}).Next()
	return Position{File: f.File, Line: f.Line}
}

// Error is a problem in a workflow definition, at the builder call that
// caused it.
type Error struct {
	Pos Position
	// State names the state concerned, if any.
	State string
	// Msg says what is wrong.
	Msg string
}

// Error formats e as `file:line: state "Name": message`.
func (e *Error) Error() string {
	if e.State != "" {
		return fmt.Sprintf("%s: state %q: %s", e.Pos, e.State, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
}

// ErrorList is the list of problems that Build found, sorted by position.
type ErrorList []*Error

// Error joins the errors one per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
}

// problems collects errors with unresolved positions.
type problems struct {
	list []problem
}

type problem struct {
	at    pos
	state string
	msg   string
}

func (p *problems) add(at pos, state, format string, args ...any) {
	p.list = append(p.list, problem{at: at, state: state, msg: fmt.Sprintf(format, args...)})
}
