package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workingtogether/safeguarding/internal/golden"
)

// The program shows the late case failing and the others passing, and
// exits 1 as a failing go test would.
func TestComplianceGolden(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(nil, &out, &errOut); code != 1 {
		t.Fatalf("run() = %d, want 1 (one case is late); stderr: %s", code, errOut.String())
	}
	golden.File(t, filepath.Join("testdata", "compliance.golden"), out.Bytes())
}

// The late case is reported, with its rule, due date and lateness; every
// other case passes; nothing else fails.
func TestLateCaseReported(t *testing.T) {
	var out, errOut bytes.Buffer
	run(nil, &out, &errOut)
	got := out.String()
	for _, want := range []string{
		"--- FAIL: TestExportedCasesOnTime/c-1004\n",
		`case "c-1004" as of 2025-06-30: missed deadlines (-want +got)`,
		`Rule:         "icpc"`,
		`Due:          s"2025-04-28"`,
		"LateWorkdays: 3,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, id := range []string{"c-1001", "c-1002", "c-1003"} {
		if !strings.Contains(got, "--- PASS: TestExportedCasesOnTime/"+id+"\n") {
			t.Errorf("case %s did not pass", id)
		}
	}
	if n := strings.Count(got, "--- FAIL"); n != 1 {
		t.Errorf("%d failures, want 1", n)
	}
	if strings.ContainsRune(got, '\u00a0') {
		t.Error("output holds a non-breaking space from go-cmp")
	}
}

// Later, the plan's first review becomes overdue too, and an export from
// disk is read like the embedded sample.
func TestComplianceAsOfAndDir(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"--as-of", "2025-08-05", filepath.Join("testdata", "cases")}, &out, &errOut); code != 1 {
		t.Fatalf("run() = %d, want 1; stderr: %s", code, errOut.String())
	}
	got := out.String()
	// c-1002: first review due Tuesday 29 July 2025; c-1004: Friday 1 August.
	for _, want := range []string{"--- FAIL: TestExportedCasesOnTime/c-1002", `Due:          s"2025-07-29"`, `Status:       "overdue"`, "from testdata/cases as of Tuesday 2025-08-05"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestComplianceBadInput(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.json"), []byte(`{"id":"x","events":[{"type":"referral-received","date":"2025-06-31"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{dir}, &out, &errOut); code != 1 {
		t.Errorf("run(bad dir) = %d, want 1", code)
	}
	if !strings.Contains(out.String(), `x.json: line 1: case "x": event 0 (referral-received): field "date"`) {
		t.Errorf("output does not say what and where:\n%s", out.String())
	}
	for _, args := range [][]string{{"--as-of", "2025-02-30"}, {"--bogus"}, {"a", "b"}} {
		out.Reset()
		errOut.Reset()
		if code := run(args, &out, &errOut); code != 2 || errOut.Len() == 0 {
			t.Errorf("run(%q) = %d, stderr %q; want 2 and a message", args, code, errOut.String())
		}
	}
}
