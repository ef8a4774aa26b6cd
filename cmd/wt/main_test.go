package main

import (
	"bytes"
	"strings"
	"testing"
)

// Every subcommand answers -h and --help with its usage on stdout and exit
// status 0, before its own flag parsing can call the request an error.
func TestSubcommandHelp(t *testing.T) {
	for name, cmd := range commands() {
		for _, flag := range []string{"-h", "--help"} {
			var out, errOut bytes.Buffer
			if code := run([]string{name, flag}, &out, &errOut); code != 0 {
				t.Errorf("wt %s %s: exit %d, want 0; stderr %q", name, flag, code, errOut.String())
			}
			if want := "usage: wt " + cmd.usage + "\n"; out.String() != want {
				t.Errorf("wt %s %s: stdout %q, want %q", name, flag, out.String(), want)
			}
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"frobnicate"}, &out, &errOut); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if got := errOut.String(); !strings.HasPrefix(got, "wt: unknown command \"frobnicate\"") || strings.Count(got, "\n") != 1 {
		t.Errorf("stderr %q, want one line naming the command", got)
	}
}
