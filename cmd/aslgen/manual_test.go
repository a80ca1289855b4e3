package main

import (
	"flag"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// commandFlags returns the flag sets of the commands, as the commands
// define them.
func commandFlags() map[string]*flag.FlagSet {
	gen, _ := newGenerateFlags(io.Discard)
	validate, _ := newValidateFlags(io.Discard)
	run, _ := newRunFlags(io.Discard)
	graph, _ := newGraphFlags(io.Discard)
	cover, _ := newCoverFlags(io.Discard)
	return map[string]*flag.FlagSet{"generate": gen, "validate": validate, "run": run, "graph": graph, "cover": cover}
}

// TestManualListsEveryFlag checks that the manual documents every flag of
// every command, in a flag table (a line of a code block that starts with
// the flag), and that its Usage block names the flag in the command's
// synopsis.
func TestManualListsEveryFlag(t *testing.T) {
	text := manual()
	for command, fs := range commandFlags() {
		n := 0
		fs.VisitAll(func(f *flag.Flag) {
			n++
			if !regexp.MustCompile(`(?m)^    -` + regexp.QuoteMeta(f.Name) + `\b`).MatchString(text) {
				t.Errorf("the manual has no entry for the flag -%s of %s", f.Name, command)
			}
			if !strings.Contains(synopsis(command), "-"+f.Name+" ") && !strings.Contains(synopsis(command), "-"+f.Name+"]") {
				t.Errorf("the synopsis of %s lacks -%s:\n%s", command, f.Name, synopsis(command))
			}
		})
		if n == 0 {
			t.Errorf("%s defines no flag", command)
		}
	}
	for _, command := range []string{"aslgen validate", "aslgen run", "aslgen help", "aslgen generate"} {
		if !strings.Contains(text, command) {
			t.Errorf("the manual does not mention %q", command)
		}
	}
	for _, section := range []string{"# Generating", "# Validating", "# Running", "# Batches", "# Exit codes"} {
		if !strings.Contains(text, "\n"+section+"\n") {
			t.Errorf("the manual lacks the section %q", section)
		}
	}
}

// TestHelpPrintsManual checks that aslgen help prints the manual on
// standard output, and -h (of aslgen and of every command) on standard
// error, exiting 0.
func TestHelpPrintsManual(t *testing.T) {
	want := manual()
	if !strings.HasPrefix(want, "Command aslgen turns Go workflow constructors") {
		t.Fatalf("the manual starts %q", want[:min(len(want), 80)])
	}
	r := runInProcess("help")
	if r.code != 0 || r.stdout != want || r.stderr != "" {
		t.Errorf("aslgen help: exit %d, stdout %d bytes, stderr %q", r.code, len(r.stdout), r.stderr)
	}
	for _, args := range [][]string{{"-h"}, {"-help"}, {"generate", "-h"}, {"validate", "-h"}, {"run", "-h"}} {
		r := runInProcess(args...)
		if r.code != 0 || r.stderr != want || r.stdout != "" {
			t.Errorf("aslgen %v: exit %d, stdout %q, stderr %d bytes", args, r.code, r.stdout, len(r.stderr))
		}
	}
}

// TestManualIsGoDoc checks that aslgen -h shows what go doc shows.
func TestManualIsGoDoc(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go doc; skipped with -short")
	}
	out, err := exec.Command("go", "doc", ".").Output()
	if err != nil {
		t.Skipf("go doc: %v", err)
	}
	if got := manual(); got != string(out) {
		t.Errorf("aslgen -h and go doc differ:\n--- aslgen -h\n%s\n--- go doc\n%s", got, out)
	}
}

func TestSynopsis(t *testing.T) {
	for command, want := range map[string]string{
		"generate": "usage: aslgen [-check | -diff] [-strict] [-graph] [-v] [-work] [-tags list] [packages]\n",
		"validate": "usage: aslgen validate [-json] FILE...\n",
		"run": "usage: aslgen run [-input JSON|@FILE] [-mock-config FILE -test-case NAME] [-name NAME] [-account ID] [-region REGION] [-history] [-graph FILE] DEFINITION\n" +
			"       aslgen run [-account ID] [-region REGION] -cases FILE.jsonl\n",
		"help": "usage: aslgen help\n",
	} {
		if got := synopsis(command); got != want {
			t.Errorf("synopsis(%q) = %q, want %q", command, got, want)
		}
	}
	r := runInProcess("run", "-nonsense")
	if r.code != 2 || !strings.HasPrefix(r.stderr, "flag provided but not defined: -nonsense\n"+synopsis("run")) {
		t.Errorf("a bad flag: exit %d, stderr %q", r.code, r.stderr)
	}
}
