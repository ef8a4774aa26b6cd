package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/internal/golden"
)

func TestTimelineGolden(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(nil, &out, &errOut); code != 0 {
		t.Fatalf("run() = %d, want 0; stderr: %s", code, errOut.String())
	}
	golden.File(t, filepath.Join("testdata", "timeline.golden"), out.Bytes())
}

func TestTimelineSVG(t *testing.T) {
	out := filepath.Join(t.TempDir(), "case.svg")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--svg", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("run(--svg) = %d; stderr: %s", code, stderr.String())
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The late first core group is drawn as late, under its rule's name.
	for _, want := range []string{`data-rule="core-group-first" data-status="late"`, ">First core group meeting<", "2 working days late"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("picture lacks %q", want)
		}
	}
}

func TestTimelineRejectsArguments(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"extra"}, &out, &errOut); code != 2 {
		t.Errorf("run(extra) = %d, want 2", code)
	}
	if out.Len() != 0 || errOut.Len() == 0 {
		t.Errorf("stdout %q, stderr %q: want only a usage line on stderr", out.String(), errOut.String())
	}
}

// The hand-counted due dates in the package comment, held to the library.
func TestTimelineHandCountedDates(t *testing.T) {
	c, err := replay()
	if err != nil {
		t.Fatal(err)
	}
	clocks, err := c.Deadlines(date(2025, 10, 9))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, k := range clocks {
		if !k.Due.IsZero() { // as soon as possible: no due date to count
			got[string(k.Rule.ID)] = k.Due.String()
		}
	}
	want := map[string]string{
		"referral-decision": "2024-12-12",
		"assessment":        "2025-02-17",
		"icpc":              "2025-01-14",
		"core-group-first":  "2025-01-27",
		"review-first":      "2025-04-13",
		"review-next":       "2025-10-10",
		"plan-ends-at-18":   "2034-06-14",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("due dates mismatch (-want +got):\n%s", diff)
	}
}
