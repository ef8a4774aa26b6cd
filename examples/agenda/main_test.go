package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workingtogether/safeguarding/internal/golden"
)

func TestAgendaGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.html")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--html", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("run() = %d; stderr: %s", code, stderr.String())
	}
	golden.File(t, filepath.Join("testdata", "agenda.golden"), stdout.Bytes())
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), `<section class="case"`); n != 6 {
		t.Errorf("the report has %d case sections, want 6", n)
	}
}

// The hand-counted lines of the package comment, held to the output.
func TestAgendaHandCounted(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--html", filepath.Join(t.TempDir(), "r.html")}, &stdout, &stderr); code != 0 {
		t.Fatalf("run() = %d; stderr: %s", code, stderr.String())
	}
	for _, want := range []string{
		"2025-06-05  s-203  Referral acknowledged and next steps decided  overdue by 2 working days",
		"2025-06-13  n-102  First core group meeting",
		"4 working days left",
		"2025-06-18  n-101  Initial child protection conference",
		"7 working days left",
		"2025-06-20  s-202  Assessment concluded (section 17 or 47)       9 working days left",
		"late: s-201",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestAgendaRejectsArguments(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"extra"}, &stdout, &stderr); code != 2 || stdout.Len() != 0 {
		t.Errorf("run(extra) = %d, stdout %q; want 2 and nothing", code, stdout.String())
	}
}
