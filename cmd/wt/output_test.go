package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// failWriter fails every write, as standard output does on a full disk
// (> /dev/full) or a closed pipe.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Output that cannot be written is a failure, in every subcommand: a script
// must not take a missing answer for a good one.
func TestWriteErrorsExitNonZero(t *testing.T) {
	cases := writeCase(t, "cases.jsonl", okCase+"\n"+lateCase+"\n")
	for _, args := range [][]string{
		{"holidays", "2024"},
		{"holidays", "--json", "2024"},
		{"workdays", "add", "2024-03-28", "1"},
		{"workdays", "between", "2024-03-28", "2024-04-02"},
		{"rules"},
		{"rules", "--json"},
		{"due", "icpc", "2024-01-02"},
		{"diagram"},
		{"check", "--as-of", "2024-12-31", cases},
		{"check", "--as-of", "2024-12-31", "--format", "json", cases},
		{"check", "--as-of", "2024-12-31", "--format", "junit", cases},
		{"holidays", "-h"},
	} {
		var errOut bytes.Buffer
		code := run(args, failWriter{}, &errOut)
		if code != 2 {
			t.Errorf("wt %s to a failing writer: exit %d, want 2", strings.Join(args, " "), code)
		}
		if got := errOut.String(); !strings.Contains(got, "no space left on device") || strings.Count(got, "\n") != 1 {
			t.Errorf("wt %s to a failing writer: stderr %q, want one line naming the write error", strings.Join(args, " "), got)
		}
	}
}
