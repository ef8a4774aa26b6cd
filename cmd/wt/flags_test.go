package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// testFlags is a flag set like a subcommand's: a bool, a string, a choice.
func testFlags() (fs *flagSet, verbose *bool, out, format *string) {
	fs = newFlags("check")
	verbose = fs.Bool("verbose", false, "say more")
	out = fs.String("out", "", "write to `FILE`")
	format = fs.choice("format", "text", []string{"text", "json"}, "output `FORMAT`")
	return fs, verbose, out, format
}

func TestFlagsParse(t *testing.T) {
	type result struct {
		Args    []string
		Verbose bool
		Out     string
		Format  string
	}
	tests := []struct {
		name string
		args []string
		want result
	}{
		{"before", []string{"--verbose", "--out", "x", "a", "b"}, result{[]string{"a", "b"}, true, "x", "text"}},
		{"after", []string{"a", "b", "--verbose", "--out", "x"}, result{[]string{"a", "b"}, true, "x", "text"}},
		{"between", []string{"a", "--out=x", "b", "-verbose"}, result{[]string{"a", "b"}, true, "x", "text"}},
		{"single dash with value", []string{"-format", "json", "a"}, result{[]string{"a"}, false, "", "json"}},
		{"double dash with =", []string{"--format=json", "a"}, result{[]string{"a"}, false, "", "json"}},
		{"bool given false", []string{"--verbose=false", "a"}, result{[]string{"a"}, false, "", "text"}},
		// A value may itself start with a dash: it follows its flag.
		{"dash value", []string{"--out", "-", "a"}, result{[]string{"a"}, false, "-", "text"}},
		{"stdin", []string{"-", "--verbose"}, result{[]string{"-"}, true, "", "text"}},
		{"negative number", []string{"add", "2024-04-02", "-7"}, result{[]string{"add", "2024-04-02", "-7"}, false, "", "text"}},
		{"after --", []string{"a", "--", "--verbose", "-x"}, result{[]string{"a", "--verbose", "-x"}, false, "", "text"}},
		{"nothing", nil, result{nil, false, "", "text"}},
	}
	for _, tt := range tests {
		fs, verbose, out, format := testFlags()
		var stdout, stderr bytes.Buffer
		args, code, ok := fs.parse(tt.args, &stdout, &stderr)
		if !ok || code != 0 || stdout.Len() != 0 || stderr.Len() != 0 {
			t.Errorf("%s: parse(%q): ok %v, code %d, stdout %q, stderr %q", tt.name, tt.args, ok, code, stdout.String(), stderr.String())
		}
		got := result{args, *verbose, *out, *format}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: parse(%q) mismatch (-want +got):\n%s", tt.name, tt.args, diff)
		}
	}
}

// A usage error is one line on stderr, status 2, nothing on stdout.
func TestFlagsUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"a", "--colour"}, `wt: check: unknown flag --colour; flags: --format, --out, --verbose (see wt check -h)`},
		{[]string{"-verbos"}, `wt: check: unknown flag -verbos (did you mean "--verbose"?); flags: --format, --out, --verbose (see wt check -h)`},
		{[]string{"---verbose"}, `wt: check: unknown flag ---verbose (did you mean "--verbose"?); flags: --format, --out, --verbose (see wt check -h)`},
		{[]string{"a", "--out"}, `wt: check: --out needs a value (see wt check -h)`},
		{[]string{"--format", "JSON"}, `wt: check: unknown --format "JSON" (did you mean "json"?); want one of text, json (see wt check -h)`},
		{[]string{"--format=yaml"}, `wt: check: unknown --format "yaml"; want one of text, json (see wt check -h)`},
		{[]string{"--verbose=perhaps"}, `wt: check: --verbose "perhaps": parse error (see wt check -h)`},
	}
	for _, tt := range tests {
		fs, _, _, _ := testFlags()
		var stdout, stderr bytes.Buffer
		_, code, ok := fs.parse(tt.args, &stdout, &stderr)
		if ok || code != 2 || stdout.Len() != 0 {
			t.Errorf("parse(%q): ok %v, code %d, stdout %q; want an error", tt.args, ok, code, stdout.String())
		}
		if diff := cmp.Diff(tt.want+"\n", stderr.String()); diff != "" {
			t.Errorf("parse(%q) stderr mismatch (-want +got):\n%s", tt.args, diff)
		}
	}
}

func TestFlagsHelp(t *testing.T) {
	fs, _, _, _ := testFlags()
	fs.notes = []string{"a note"}
	var stdout, stderr bytes.Buffer
	_, code, ok := fs.parse([]string{"a", "--verbose", "--help", "--nonesuch"}, &stdout, &stderr)
	if ok || code != 0 || stderr.Len() != 0 {
		t.Fatalf("--help: ok %v, code %d, stderr %q; want help and 0", ok, code, stderr.String())
	}
	cmd := commands()["check"]
	want := "usage: wt " + cmd.usage + "\n\n" + cmd.about + "\n\n" +
		"flags:\n" +
		"  --format FORMAT  output FORMAT (one of text, json) (default text)\n" +
		"  --out FILE       write to FILE\n" +
		"  --verbose        say more\n" +
		"  -h, --help       print this help\n" +
		"\na note\n"
	if diff := cmp.Diff(want, stdout.String()); diff != "" {
		t.Errorf("help mismatch (-want +got):\n%s", diff)
	}
	// Help that cannot be written is an error.
	_, code, _ = fs.parse([]string{"-h"}, failWriter{}, &stderr)
	if code != 2 {
		t.Errorf("-h to a failing writer: code %d, want 2", code)
	}
}

// Where the flags stand among the arguments makes no difference.
func TestFlagsAnyOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		words := rapid.SliceOfN(rapid.StringMatching(`[a-z0-9]{1,6}|-|-[0-9]{1,3}`), 0, 4).Draw(t, "args")
		flags := [][]string{{"--verbose"}, {"-out", rapid.StringMatching(`-?[a-z]{0,4}`).Draw(t, "out")}, {"--format=json"}}
		flags = flags[:rapid.IntRange(0, len(flags)).Draw(t, "flags")]
		// Put each flag, with its value, at a drawn place among the words.
		groups := make([][]string, len(words))
		for i, w := range words {
			groups[i] = []string{w}
		}
		for _, f := range flags {
			at := rapid.IntRange(0, len(groups)).Draw(t, "at")
			groups = slices.Insert(groups, at, f)
		}
		args := slices.Concat(groups...)
		fs, verbose, out, format := testFlags()
		got, code, ok := fs.parse(args, &bytes.Buffer{}, &bytes.Buffer{})
		if !ok || code != 0 {
			t.Fatalf("parse(%q) failed", args)
		}
		if diff := cmp.Diff(words, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("parse(%q) positional mismatch (-want +got):\n%s", args, diff)
		}
		if *verbose != (len(flags) > 0) || (*format == "json") != (len(flags) > 2) || (len(flags) > 1 && *out != flags[1][1]) {
			t.Fatalf("parse(%q): verbose %v, out %q, format %q", args, *verbose, *out, *format)
		}
	})
}

func TestSuggest(t *testing.T) {
	valid := []string{"icpc", "assessment", "review-first", "review-next"}
	tests := []struct {
		got, want string
	}{
		{"ICPC", "icpc"},              // case only
		{"asessment", "assessment"},   // one letter dropped
		{"Assesment", "assessment"},   // case and a letter
		{"review-nxt", "review-next"}, // close to one review only
		{"review", ""},                // as close to both reviews
		{"x", ""},                     // close to nothing
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := suggest(tt.got, valid)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("suggest(%q) = %q, %v; want %q", tt.got, got, ok, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"flaw", "lawn", 2}, {"é", "e", 1}, {"abc", "abc", 0}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

// FuzzFlagsParse feeds parse any arguments (NUL-separated): it never
// panics; it accepts, returning a subsequence of the arguments, or prints
// help on stdout with code 0, or one line on stderr with code 2. The seeds
// are in testdata/fuzz/FuzzFlagsParse.
func FuzzFlagsParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		fs, _, _, _ := testFlags()
		var stdout, stderr bytes.Buffer
		got, code, ok := fs.parse(args, &stdout, &stderr)
		switch {
		case ok:
			if code != 0 || stdout.Len() != 0 || stderr.Len() != 0 {
				t.Fatalf("parse(%q) ok with code %d, stdout %q, stderr %q", args, code, stdout.String(), stderr.String())
			}
			rest := args
			for _, g := range got {
				i := slices.Index(rest, g)
				if i < 0 {
					t.Fatalf("parse(%q) = %q: not a subsequence of the arguments", args, got)
				}
				rest = rest[i+1:]
			}
		case code == 0:
			if !strings.HasPrefix(stdout.String(), "usage: wt check ") || stderr.Len() != 0 {
				t.Fatalf("parse(%q): help %q, stderr %q", args, stdout.String(), stderr.String())
			}
		default:
			if code != 2 || stdout.Len() != 0 || strings.Count(stderr.String(), "\n") != 1 || !strings.HasSuffix(stderr.String(), "\n") {
				t.Fatalf("parse(%q): code %d, stdout %q, stderr %q; want 2 and one line", args, code, stdout.String(), stderr.String())
			}
		}
	})
}
