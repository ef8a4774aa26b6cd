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

// wt alone is a mistake (usage on stderr, exit 2); wt help is a request
// (usage on stdout, exit 0).
func TestTopLevelUsage(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		onStdout bool
	}{{nil, 2, false}, {[]string{"help"}, 0, true}, {[]string{"-h"}, 0, true}, {[]string{"--help"}, 0, true}} {
		var out, errOut bytes.Buffer
		code := run(tc.args, &out, &errOut)
		got := errOut.String()
		if tc.onStdout {
			got = out.String()
		}
		if code != tc.code || !strings.Contains(got, "wt check") {
			t.Errorf("wt %v: exit %d, usage %q; want exit %d with usage on stdout=%v", tc.args, code, got, tc.code, tc.onStdout)
		}
	}
}
