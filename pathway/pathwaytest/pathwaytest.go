// Package pathwaytest checks case logs against the statutory timescales from
// a host's own tests: a local authority or a case-management vendor exports
// its case records in the pathway JSON format, and a go test loads them
// ([LoadCases]) and fails, with a readable diff, for every case with a
// deadline that was missed ([CheckOnTime]).
//
// It is intended to be used only in tests, as go-cmp is: it reports through
// [testing.TB], it depends on go-cmp, and the form of its messages (which
// include a go-cmp diff) is for people to read and may change between
// releases. Programs that need the verdicts as data should call
// [pathway.Case.Late] or [pathway.Case.Deadlines] themselves.
//
// The helpers report with Errorf, never Fatalf, so that one bad case or file
// does not hide the rest, and so that a test double of testing.TB need not
// stop its goroutine.
package pathwaytest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// A Missed is one deadline a case did not meet, as [CheckOnTime] shows it in
// its diff: the fields an auditor needs to find the record and defend the
// verdict, without the rule's full text.
type Missed struct {
	Rule   timescales.RuleID
	Status pathway.Status // late, overdue or missed
	Anchor holidays.Date  // the day the clock started
	Due    holidays.Date  // the last day in time
	// Done is the day the target happened (late) or the clock stopped
	// without it (missed); the zero Date while it is still overdue.
	Done         holidays.Date
	LateWorkdays int    // working days after Due, up to Done or the as-of date
	Reason       string // the reason recorded for the delay, if any
	// Citation is the rule's edition and paragraph (or section heading,
	// where the guidance numbers no paragraph), short enough for a diff line
	// to show whole: "Working Together 2023, para 155".
	Citation string
}

// MissedDeadlines returns the deadlines c had not met as of asOf, in the
// order [pathway.Case.Deadlines] lists them. A nil slice means every
// deadline so far was met or is still open in time.
func MissedDeadlines(c *pathway.Case, asOf holidays.Date) ([]Missed, error) {
	if c == nil {
		return nil, errors.New("pathwaytest: nil case")
	}
	late, err := c.Late(asOf)
	if err != nil {
		return nil, err
	}
	var out []Missed
	for _, k := range late {
		out = append(out, Missed{
			Rule:         k.Rule.ID,
			Status:       k.Status,
			Anchor:       k.Anchor,
			Due:          k.Due,
			Done:         k.Done,
			LateWorkdays: k.Late,
			Reason:       k.Reason,
			Citation:     shortCitation(k),
		})
	}
	return out, nil
}

// CheckOnTime reports an error on t for each deadline of c that was late,
// overdue or missed as of asOf, and returns whether there was none. The
// message names the case and the as-of date and shows the missed deadlines
// as a go-cmp diff against the empty list a compliant case would give:
//
//	pathwaytest: case "c-2" as of 2024-03-20: missed deadlines (-want +got):
//	  []pathwaytest.Missed(
//	- 	nil,
//	+ 	{
//	+ 		{
//	+ 			Rule:         "icpc",
//	+ 			Status:       "late",
//	+ 			Due:          s"2024-03-11",
//	+ 			LateWorkdays: 2,
//	...
//
// A reason recorded for a delay does not make the deadline met: paragraph
// 155 of the 2023 edition asks for reasons when an assessment runs late, it
// does not excuse it. A host that accepts recorded reasons can filter
// [MissedDeadlines] itself.
//
// A nil case or an as-of date outside the calendar is reported as an error
// too: a check that cannot be made has not passed.
func CheckOnTime(t testing.TB, c *pathway.Case, asOf holidays.Date) bool {
	t.Helper()
	missed, err := MissedDeadlines(c, asOf)
	if err != nil {
		t.Errorf("pathwaytest: cannot check: %v", err)
		return false
	}
	if len(missed) == 0 {
		return true
	}
	t.Errorf("pathwaytest: case %q as of %s: missed deadlines (-want +got):\n%s",
		c.ID(), asOf, cmp.Diff([]Missed(nil), missed))
	return false
}

// LoadCases reads and replays every case in the files that match glob (as
// [filepath.Glob] matches them), in file-name order, then in the order each
// file holds them. A file may hold one case log (the format of
// [pathway.Log]), several separated by white space, or JSON Lines with one
// case per line; the options apply to every case.
//
// Each file that cannot be read and each case that cannot be replayed is
// reported as an error on t, with the file name, the line and what is wrong
// (a *[pathway.DecodeError]); the cases that could be replayed are still
// returned. A glob that matches no file is an error too, because a
// misspelt pattern would otherwise check nothing and pass.
func LoadCases(t testing.TB, glob string, opts ...pathway.Option) []*pathway.Case {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil {
		t.Errorf("pathwaytest: LoadCases(%q): %v", glob, err)
		return nil
	}
	if len(files) == 0 {
		t.Errorf("pathwaytest: LoadCases(%q): no file matches", glob)
		return nil
	}
	var cases []*pathway.Case
	for _, name := range files {
		cases = append(cases, loadFile(t, name, opts)...)
	}
	return cases
}

// LoadCasesFS is [LoadCases] on a file system, such as the [embed.FS] of
// a program that carries its own sample cases; pattern is as [fs.Glob]
// matches it, with slash-separated paths.
func LoadCasesFS(t testing.TB, fsys fs.FS, pattern string, opts ...pathway.Option) []*pathway.Case {
	t.Helper()
	files, err := fs.Glob(fsys, pattern)
	if err != nil {
		t.Errorf("pathwaytest: LoadCasesFS(%q): %v", pattern, err)
		return nil
	}
	if len(files) == 0 {
		t.Errorf("pathwaytest: LoadCasesFS(%q): no file matches", pattern)
		return nil
	}
	var cases []*pathway.Case
	for _, name := range files {
		f, err := fsys.Open(name)
		if err != nil {
			t.Errorf("pathwaytest: %v", err)
			continue
		}
		cases = append(cases, loadReader(t, name, f, opts)...)
		f.Close()
	}
	return cases
}

func loadFile(t testing.TB, name string, opts []pathway.Option) []*pathway.Case {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Errorf("pathwaytest: %v", err)
		return nil
	}
	defer f.Close()
	return loadReader(t, name, f, opts)
}

func loadReader(t testing.TB, name string, r io.Reader, opts []pathway.Option) []*pathway.Case {
	t.Helper()
	var cases []*pathway.Case
	for c, err := range pathway.NewDecoder(r, opts...).All() {
		if err != nil {
			// One bad case is reported; the decoder goes on with the next.
			t.Errorf("pathwaytest: %s: %s", name, strings.TrimPrefix(err.Error(), "pathway: "))
			continue
		}
		cases = append(cases, c)
	}
	return cases
}

// shortCitation names the edition and the paragraph, or the section heading
// where the guidance numbers none: the full chapter headings of the 2023
// edition are long enough that go-cmp would cut the paragraph off.
func shortCitation(k pathway.Clock) string {
	c := k.Rule.Citation
	s := c.Edition
	if !k.Rule.Local {
		s = fmt.Sprintf("Working Together %d", k.Edition)
	}
	switch {
	case c.Paragraph != "":
		return s + ", para " + c.Paragraph
	case c.Chapter != "":
		return s + ", " + strings.TrimSpace(c.Chapter[strings.LastIndex(c.Chapter, ";")+1:])
	}
	return s
}
