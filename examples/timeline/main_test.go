package main

import (
	"bytes"
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
