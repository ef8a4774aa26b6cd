package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workingtogether/safeguarding/internal/fixture"
)

// timelineCase is the case of examples/timeline (see package fixture).
const timelineCase = fixture.TimelineCase

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The command draws the case to the file named, and writes nothing else.
func TestTimelineWritesFile(t *testing.T) {
	in := writeFile(t, "case.json", timelineCase)
	out := filepath.Join(t.TempDir(), "case.svg")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"timeline", in, "--svg", out, "--as-of", "2025-10-20"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("wrote %q to stdout, want nothing", stdout.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, new(struct{})); err != nil || !bytes.Contains(data, []byte(`class="deadline" data-rule="core-group-first" data-status="late"`)) {
		t.Errorf("%s is not the case's timeline (XML error %v):\n%.300s", out, err, data)
	}
	stdout.Reset()
	if code := run([]string{"timeline", "--as-of=2025-10-20", "--svg=-", in}, &stdout, &stderr); code != 0 || !bytes.Equal(stdout.Bytes(), data) {
		t.Errorf("--svg - exit %d: standard output differs from the file", code)
	}
}

func TestTimelineErrors(t *testing.T) {
	two := writeFile(t, "two.jsonl", `{"id":"a","events":[]}
{"id":"b","events":[]}
`)
	bad := writeFile(t, "bad.json", `{"id":"a","events":[{"type":"referral-received","date":"2024-02-30"}]}`)
	out := filepath.Join(t.TempDir(), "x.svg")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"timeline", two, "--svg", out, "--as-of", "2024-01-01"}, "pick one with --case ID"},
		{[]string{"timeline", two, "--svg", out, "--case", "c", "--as-of", "2024-01-01"}, `holds no case "c"`},
		{[]string{"timeline", bad, "--svg", out, "--as-of", "2024-01-01"}, `bad.json:1: case "a": event 0 (referral-received): field "date"`},
		{[]string{"timeline", two, "--as-of", "2024-01-01"}, "--svg OUT is required"},
		{[]string{"timeline", "--svg", out}, "want one case FILE, got 0"},
		{[]string{"timeline", two, "--svg"}, "--svg needs a value"},
		{[]string{"timeline", two, "--svg", out, "--as-of", "2024-13-01"}, "--as-of"},
		{[]string{"timeline", two, "--svg", out, "--colour"}, "unknown flag --colour"},
		{[]string{"timeline", filepath.Join(t.TempDir(), "none.json"), "--svg", out}, "no such file"},
		{[]string{"timeline", two, "--case", "a", "--svg", out, "--as-of", "1900-01-01"}, "1900-01-01"},
		{[]string{"timeline", two, "--case", "a", "--svg", t.TempDir(), "--as-of", "2024-01-01"}, "is a directory: give a file name"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != 2 {
			t.Errorf("wt %s: exit %d, want 2", strings.Join(tt.args, " "), code)
		}
		if !strings.Contains(stderr.String(), tt.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("wt %s: stderr %q, want one line containing %q", strings.Join(tt.args, " "), stderr.String(), tt.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s behind (stat: %v)", out, err)
	}
}
