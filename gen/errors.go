package gen

import (
	"cmp"
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
)

// Error is a problem in the user's code, or a warning about it.
type Error struct {
	// Pos is where the problem is: Filename (relative to [Config.Dir] when
	// that is shorter) and Line. It is not valid when the problem has no
	// place of its own, such as a pattern that matches no directory, and
	// for the go command's output when the packages do not compile, which
	// carries the compiler's positions in Msg.
	Pos token.Position
	// Msg says what is wrong. It may span lines, as a panic's stack does.
	Msg string
}

// Error formats the problem as file:line: message, or as the message
// alone when it has no position.
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// ErrorList is a list of problems, in the style of go/scanner.ErrorList.
// [Run] returns one when the user's code has problems: panicking, failing
// or invalid constructors, names that clash, files aslgen may not
// overwrite, packages that do not compile.
type ErrorList []*Error

// Error joins the problems one per line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// sortByPos sorts the problems by file, line and message.
func (l ErrorList) sortByPos() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Pos.Filename, b.Pos.Filename), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Msg, b.Msg))
	})
}

// errorAt returns a problem at line of file, named relative to dir when
// that is shorter; a file of "" gives a problem without position.
func errorAt(dir, file string, line int, format string, args ...any) *Error {
	return &Error{Pos: position(dir, file, line), Msg: fmt.Sprintf(format, args...)}
}

// position returns the position of line in file, named relative to dir when
// that is shorter, or no position when file is "".
func position(dir, file string, line int) token.Position {
	if file == "" {
		return token.Position{}
	}
	return token.Position{Filename: shortPath(dir, file), Line: line}
}

// posString formats line of file as file:line, the file named relative to
// dir when that is shorter, or "-" when file is "".
func posString(dir, file string, line int) string {
	if file == "" {
		return "-"
	}
	return fmt.Sprintf("%s:%d", shortPath(dir, file), line)
}

// shortPath returns path relative to dir when that is shorter.
func shortPath(dir, path string) string {
	if dir == "" || path == "" {
		return path
	}
	if rel, err := filepath.Rel(dir, path); err == nil && len(rel) < len(path) {
		return rel
	}
	return path
}
