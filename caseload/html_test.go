package caseload_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/pathway/timeline"
)

// The page says once, at its end, what every case refers to: the rules'
// citations, as numbered notes every table links to, and the bank holidays
// the timelines shade. Every link lands.
func TestReportFootnotes(t *testing.T) {
	r := browserReport(t)
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, m := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if !strings.Contains(page, `id="`+m[1]+`"`) {
			t.Errorf("link to #%s lands nowhere", m[1])
		}
	}

	citations := map[string]bool{}
	clocks := 0
	for _, j := range r.Cases {
		for _, k := range j.Clocks {
			citations[k.Rule.Citation.String()] = true
			clocks++
		}
	}
	for _, e := range r.Agenda {
		citations[e.Citation] = true
	}
	_, notes, _ := strings.Cut(page, `<section id="citations">`)
	for c := range citations {
		if !strings.Contains(notes, c) {
			t.Errorf("citations at the end lack %q", c)
		}
	}
	if n := strings.Count(notes, "<li id=\"cite-"); n != len(citations) {
		t.Errorf("%d citations at the end, want each of the %d once", n, len(citations))
	}
	if n := strings.Count(page, `href="#cite-`); n != clocks+len(r.Agenda) {
		t.Errorf("%d links to citations, want one per deadline in the case tables and the agenda (%d)", n, clocks+len(r.Agenda))
	}

	_, listed, _ := strings.Cut(page, `<section id="holidays">`)
	shaded := 0
	for _, j := range r.Cases {
		l, err := timeline.New(j.Item.Case, r.Options.AsOf)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range l.Holidays {
			shaded++
			if !strings.Contains(listed, "<li>"+h.Title+"</li>") {
				t.Errorf("bank holidays at the end lack %q, shaded in case %s", h.Title, j.ID)
			}
		}
	}
	if shaded == 0 {
		t.Error("no case's timeline shades a bank holiday: the test checks nothing")
	}
}

// agendaBlock is how many rows of the agenda the page puts in one block
// (caseload's chunkRows).
const agendaBlock = 25

// A long report comes in blocks the browser can skip while they are off
// screen: the agenda's rows 25 to a block, the case sections 10 to a
// block, nothing lost or repeated at the seams.
func TestReportBlocks(t *testing.T) {
	data, _ := generated(123)
	r, err := caseload.Read(caseload.Options{AsOf: d(2024, 6, 28), KeepCases: true}, 2, []caseload.Input{{Name: "cases.jsonl", R: bytes.NewReader(data)}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	// blockSizes counts, in each block that open starts, the items that
	// begin with item before the block's end.
	blockSizes := func(open, item, end string) []int {
		var sizes []int
		for _, block := range strings.Split(page, open)[1:] {
			block, _, ok := strings.Cut(block, end)
			if !ok {
				t.Fatalf("a block %s has no end %q", open, end)
			}
			sizes = append(sizes, strings.Count(block, item))
		}
		return sizes
	}
	// 123 cases: twelve blocks of 10, then 3.
	if diff := cmp.Diff([]int{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3}, blockSizes(`<div class="cases">`, `<section class="case"`, "</section>\n</div>\n")); diff != "" {
		t.Errorf("case sections per block mismatch (-want +got):\n%s", diff)
	}
	var rows []int
	for n := len(r.Agenda); n > 0; n -= agendaBlock {
		rows = append(rows, min(n, agendaBlock))
	}
	if len(rows) < 2 {
		t.Fatalf("%d agenda entries fill one block: the test checks no seam", len(r.Agenda))
	}
	if diff := cmp.Diff(rows, blockSizes(`<div class="chunk">`, "<tr><td", "</table></div>")); diff != "" {
		t.Errorf("agenda rows per block mismatch (-want +got):\n%s", diff)
	}
}
