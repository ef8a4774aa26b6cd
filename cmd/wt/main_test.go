package main

import (
	"bytes"
	"strings"
	"testing"
)

// Every subcommand answers -h and --help, before or after its arguments,
// with its usage on stdout and exit status 0, before its own argument checks
// can call the request an error. The help describes the command and every
// flag it takes.
func TestSubcommandHelp(t *testing.T) {
	flags := map[string][]string{
		"holidays": {"--json "},
		"rules":    {"--edition YEAR ", "--json "},
		"due":      {"--edition YEAR "},
		"check":    {"--as-of DATE ", "--format FORMAT ", "--allow-empty ", "--workers N "},
		"census":   {"--format FORMAT ", "--workers N "},
		"timeline": {"--as-of DATE ", "--case ID ", "--svg OUT "},
	}
	for name, cmd := range commands() {
		for _, args := range [][]string{{"-h"}, {"--help"}, {"-help"}, {"2024", "--help"}} {
			var out, errOut bytes.Buffer
			args = append([]string{name}, args...)
			if code := run(args, &out, &errOut); code != 0 || errOut.Len() != 0 {
				t.Errorf("wt %s: exit %d, want 0; stderr %q", strings.Join(args, " "), code, errOut.String())
			}
			got := out.String()
			want := "usage: wt " + cmd.usage + "\n\n" + cmd.about + "\n\nflags:\n"
			if !strings.HasPrefix(got, want) {
				t.Errorf("wt %s: stdout %q, want it to begin %q", strings.Join(args, " "), got, want)
			}
			for _, f := range flags[name] {
				if !strings.Contains(got, "\n  "+f) {
					t.Errorf("wt %s: help does not describe %q:\n%s", strings.Join(args, " "), f, got)
				}
			}
		}
	}
}

// The help of wt rules and wt due lists the editions and the rule IDs.
func TestRulebookHelp(t *testing.T) {
	for _, name := range []string{"rules", "due"} {
		var out, errOut bytes.Buffer
		run([]string{name, "-h"}, &out, &errOut)
		for _, want := range []string{
			"\n  2018  Working Together to Safeguard Children 2018, in force from 2018-07-04\n",
			"\n  icpc                              Initial child protection conference (2023, 2018, 2015, 2013)\n",
			"\n  rapid-review                      Rapid review submitted to the panel (2023, 2018)\n",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("wt %s -h lacks %q:\n%s", name, want, out.String())
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
