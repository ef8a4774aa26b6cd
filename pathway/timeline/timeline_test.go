package timeline_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/internal/fixture"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/pathway/timeline"
)

// timelineCase is the case of examples/timeline (see package fixture).
const timelineCase = fixture.TimelineCase

// draw lays out the one case in text as of the date and writes its SVG.
func draw(t *testing.T, text, asOf string) (*timeline.Layout, []byte) {
	t.Helper()
	c, err := pathway.NewDecoder(strings.NewReader(text)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	d, err := holidays.ParseDate(asOf)
	if err != nil {
		t.Fatal(err)
	}
	l, err := timeline.New(c, d)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := l.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	return l, b.Bytes()
}

// svgElement is any element of the picture, with the attributes and text
// the test looks for.
type svgElement struct {
	XMLName  xml.Name
	Attrs    []xml.Attr   `xml:",any,attr"`
	Text     string       `xml:",chardata"`
	Children []svgElement `xml:",any"`
}

func (e svgElement) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk calls f on e and every element under it.
func (e svgElement) walk(f func(svgElement)) {
	f(e)
	for _, c := range e.Children {
		c.walk(f)
	}
}

// allText is the text of e and everything under it.
func (e svgElement) allText() string {
	var b strings.Builder
	e.walk(func(x svgElement) { b.WriteString(x.Text) })
	return b.String()
}

func parseSVG(t *testing.T, data []byte) svgElement {
	t.Helper()
	// Well-formed first, strictly, token by token.
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
	var root svgElement
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element is %v, want svg in the SVG namespace", root.XMLName)
	}
	return root
}

type drawnDeadline struct{ Rule, Status, Due string }

func deadlinesIn(root svgElement) ([]drawnDeadline, map[string]string) {
	dueIn := regexp.MustCompile(`due (\d{4}-\d{2}-\d{2})`) // in a verdict
	var got []drawnDeadline
	notes := map[string]string{}
	root.walk(func(e svgElement) {
		if e.XMLName.Local == "g" && e.attr("class") == "deadline" {
			due := ""
			e.walk(func(x svgElement) {
				if m := dueIn.FindStringSubmatch(x.Text); x.attr("class") == "nt" && m != nil {
					due = m[1]
				}
			})
			got = append(got, drawnDeadline{e.attr("data-rule"), e.attr("data-status"), due})
			notes[e.attr("data-rule")] += e.allText()
		}
	})
	return got, notes
}

func TestTimelineSVG(t *testing.T) {
	_, data := draw(t, timelineCase, "2025-10-20")
	root := parseSVG(t, data)

	// Every deadline of the case, with its due date and verdict.
	got, notes := deadlinesIn(root)
	want := []drawnDeadline{
		{"referral-decision", "met", "2024-12-12"},
		{"child-seen", "done", ""},
		{"assessment", "met", "2025-02-17"},
		{"icpc", "met", "2025-01-14"},
		{"core-group-first", "late", "2025-01-27"},
		{"review-first", "met", "2025-04-13"},
		{"plan-ends-at-18", "met", "2034-06-14"},
		{"review-next", "met", "2025-10-10"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deadlines drawn mismatch (-want +got):\n%s", diff)
	}
	names := map[string]string{
		"referral-decision": "Referral acknowledged and next steps decided",
		"assessment":        "Assessment concluded (section 17 or 47)",
		"icpc":              "Initial child protection conference",
		"core-group-first":  "First core group meeting",
		"review-first":      "First child protection review conference",
		"plan-ends-at-18":   "Child protection plan ends at 18",
		"review-next":       "Later child protection review conference",
	}
	for _, d := range want {
		note := notes[d.Rule]
		if !strings.Contains(note, names[d.Rule]) || !strings.Contains(note, d.Due) {
			t.Errorf("deadline %s: its text %q does not show the rule's name and due date", d.Rule, note)
		}
	}
	if n := notes["core-group-first"]; !strings.Contains(n, "2 working days late") || !strings.Contains(n, "school and health visitor") {
		t.Errorf("late core group's text %q lacks the verdict or the reason", n)
	}

	// Met and late differ in colour: each verdict is written in its
	// deadline's colour, which the picture's style sheet sets by status.
	style := ""
	root.walk(func(e svgElement) {
		if e.XMLName.Local == "style" {
			style += e.Text
		}
	})
	colour := func(status string) string {
		_, rest, ok := strings.Cut(style, "[data-status="+status+"]{color:")
		if !ok {
			t.Fatalf("style sheet sets no colour for status %s:\n%s", status, style)
		}
		c, _, _ := strings.Cut(rest, "}")
		return c
	}
	for _, late := range []string{"late", "missed", "overdue"} {
		if colour("met") == colour(late) {
			t.Errorf("met and %s deadlines share the colour %s", late, colour("met"))
		}
	}
	root.walk(func(e svgElement) {
		if e.XMLName.Local == "g" && e.attr("class") == "deadline" {
			notes := 0
			e.walk(func(x svgElement) {
				if x.XMLName.Local == "text" && x.attr("class") == "nt" {
					notes++
				}
			})
			if notes != 1 {
				t.Errorf("deadline %s has %d verdicts in its colour, want 1", e.attr("data-rule"), notes)
			}
		}
	})

	// The stages as bands, in order, and the as-of line.
	var stages []string
	var asOf string
	root.walk(func(e svgElement) {
		switch {
		case e.XMLName.Local == "g" && e.attr("class") == "stages":
			e.walk(func(x svgElement) {
				if x.attr("data-stage") != "" {
					stages = append(stages, x.attr("data-stage"))
				}
			})
		case e.XMLName.Local == "g" && e.attr("class") == "as-of":
			asOf = e.allText()
		}
	})
	wantStages := []string{"referred", "awaiting-assessment", "assessment", "section-47", "conference-due", "child-protection-plan", "open"}
	if diff := cmp.Diff(wantStages, stages); diff != "" {
		t.Errorf("stage bands mismatch (-want +got):\n%s", diff)
	}
	if asOf != "as of 2025-10-20" {
		t.Errorf("as-of line label %q, want %q", asOf, "as of 2025-10-20")
	}
}

// Before the conference, a deadline is overdue, later events are left out,
// and what comes next is named.
func TestTimelineSVGAsOfMidCase(t *testing.T) {
	_, data := draw(t, timelineCase, "2025-01-28")
	root := parseSVG(t, data)
	got, _ := deadlinesIn(root)
	want := []drawnDeadline{
		{"referral-decision", "met", "2024-12-12"},
		{"child-seen", "done", ""},
		{"assessment", "met", "2025-02-17"},
		{"icpc", "met", "2025-01-14"},
		{"core-group-first", "overdue", "2025-01-27"},
		{"review-first", "open", "2025-04-13"},
		{"plan-ends-at-18", "open", "2034-06-14"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deadlines drawn mismatch (-want +got):\n%s", diff)
	}
	text := root.allText()
	for _, s := range []string{"not yet started: Later child protection review conference", "3 later events after the as-of date not drawn", "1 working day overdue"} {
		if !strings.Contains(text, s) {
			t.Errorf("picture lacks %q", s)
		}
	}
}

// Text from the input is escaped, and every kind of clock is drawn.
func TestTimelineSVGEscapesAndAsSoonAsPossible(t *testing.T) {
	_, data := draw(t, `{"id":"<ip & \"q\">","events":[
{"type":"referral-received","date":"2024-03-27"},
{"type":"referral-decision","date":"2024-03-28","decision":"immediate-protection"},
{"type":"child-seen","date":"2024-03-28"},
{"type":"immediate-protection-taken","date":"2024-04-02","outcome":"single-agency","reason":"a \u0001 ]]> b"},
{"type":"strategy-discussion","date":"2024-04-04","outcome":"section-47"}]}`, "2024-06-12")
	root := parseSVG(t, data)
	if !strings.Contains(root.allText(), `Case <ip & "q">`) {
		t.Error("the case ID does not survive escaping")
	}
	got, _ := deadlinesIn(root)
	want := []drawnDeadline{
		{"referral-decision", "met", "2024-03-28"},
		{"child-seen", "done", ""},
		{"assessment", "overdue", "2024-06-04"},
		{"immediate-protection", "done", ""},
		{"strategy-after-emergency", "done", ""},
		{"icpc", "overdue", "2024-04-25"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deadlines drawn mismatch (-want +got):\n%s", diff)
	}
}

// Rows are named by rule; the reviews after each review share a rule and
// are told apart by the review they run from. Positions are numbers a test
// can hold: rows stack down the picture, the as-of line is on the plot.
func TestLayoutRowsNamedAndPlaced(t *testing.T) {
	text := strings.Replace(timelineCase, `"date":"2025-10-09","outcome":"end"}`,
		`"date":"2025-10-09","outcome":"continue"},
{"type":"review-conference","date":"2026-03-05","outcome":"continue"}`, 1)
	l, _ := draw(t, text, "2026-03-10")
	var labels []string
	for i, r := range l.Rows {
		labels = append(labels, r.Label)
		if i > 0 && r.Y != l.Rows[i-1].Y+30 {
			t.Errorf("row %d at y=%d, want 30 below the one before (%d)", i, r.Y, l.Rows[i-1].Y)
		}
		if r.X0 > r.X1 {
			t.Errorf("row %q: window runs backwards, %v to %v", r.Label, r.X0, r.X1)
		}
	}
	want := []string{
		"Referral acknowledged and next steps decided",
		"Child seen after a decision to assess further",
		"Assessment concluded (section 17 or 47)",
		"Initial child protection conference",
		"First core group meeting",
		"First child protection review conference",
		"Child protection plan ends at 18",
		"Later child protection review conference from 10 Apr 2025",
		"Later child protection review conference from 9 Oct 2025",
		"Later child protection review conference from 5 Mar 2026",
	}
	if diff := cmp.Diff(want, labels); diff != "" {
		t.Errorf("row labels mismatch (-want +got):\n%s", diff)
	}
	if l.AsOfX <= l.Rows[0].X0 || l.AsOfX > float64(timeline.Width) {
		t.Errorf("as-of line at x=%v, want right of the first anchor (%v) and on the picture", l.AsOfX, l.Rows[0].X0)
	}
	if l.RowsEnd != l.RowsY+len(l.Rows)*30 || l.Height <= l.RowsEnd {
		t.Errorf("rows end at %d (start %d, %d rows), height %d", l.RowsEnd, l.RowsY, len(l.Rows), l.Height)
	}
}

// Referral Thursday 28 March 2024, decided Wednesday 3 April: due the next
// working day, Tuesday 2 April (Good Friday and Easter Monday intervene), so
// 1 working day late. The assessment's 45 working days: 2-5 April are days
// 1-4, 8 April to 3 May 5-24, 7-24 May (after the early May holiday) 25-38,
// 28-31 May (after the spring holiday) 39-42, 3-5 June 43-45: due Wednesday
// 5 June, 41 working days after Friday 5 April.
func ExampleNew() {
	c, err := pathway.NewDecoder(strings.NewReader(`{"id":"c-1","events":[
{"type":"referral-received","date":"2024-03-28"},
{"type":"referral-decision","date":"2024-04-03","decision":"section-17-assessment"},{"type":"child-seen","date":"2024-04-03"}]}`)).Decode()
	if err != nil {
		fmt.Println(err)
		return
	}
	l, err := timeline.New(c, holidays.NewDate(2024, time.April, 5))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range l.Rows {
		fmt.Printf("%s: %s\n", r.Label, r.Note)
	}
	// Output:
	// Referral acknowledged and next steps decided: 1 working day late, due 2024-04-02
	// Child seen after a decision to assess further: done after 0 working days
	// Assessment concluded (section 17 or 47): due 2024-06-05, 41 working days left
}

// The inline form drops the legend and stage key (a page shows them once,
// with WriteLegend), the style sheet (the page's) and the title at the top
// (the page heads each case): it is 64 pixels shorter below and 56 above.
// Both forms are well-formed.
func TestInlineSVGAndLegend(t *testing.T) {
	l, _ := draw(t, timelineCase, "2025-10-20")
	var b bytes.Buffer
	if err := l.WriteInlineSVG(&b); err != nil {
		t.Fatal(err)
	}
	// HTML puts an svg element in the SVG namespace; XML needs telling.
	inline, ok := bytes.CutPrefix(b.Bytes(), []byte("<svg "))
	if !ok || bytes.Contains(inline, []byte("xmlns")) {
		t.Fatalf("inline picture does not start <svg without a namespace: %.60s", b.Bytes())
	}
	// A page of thousands keeps every line break as a text node.
	if n := bytes.Count(inline, []byte("\n")); n > 0 {
		t.Errorf("inline picture has %d line breaks, want none", n)
	}
	root := parseSVG(t, append([]byte(`<svg xmlns="http://www.w3.org/2000/svg" `), inline...))
	// The last event label, "09 Oct review-conference (end)", ends right of
	// the plot (which ends at 1100) and sets the width.
	w, h := l.InlineWidth(), strconv.Itoa(l.Height-64-56)
	if want := fmt.Sprintf("0 56 %d %s", w, h); root.attr("height") != h || root.attr("viewBox") != want || w <= 1116 || w >= timeline.Width {
		t.Errorf("inline height %s, viewBox %s, want %s, between the plot's edge and the full width", root.attr("height"), root.attr("viewBox"), want)
	}
	root.walk(func(e svgElement) {
		if c := e.attr("class"); c == "lg" || c == "sk" || c == "hd" || e.XMLName.Local == "style" {
			t.Errorf("inline picture has a %s %s", e.XMLName.Local, c)
		}
		if e.XMLName.Local == "title" && strings.Contains(e.Text, "Working Together") {
			t.Errorf("inline tooltip %q cites the rule, which the page's table does", e.Text)
		}
		if c := e.attr("class"); c == "nt" {
			t.Errorf("inline picture has a verdict %q, which the page's table gives", e.Text)
		}
	})
	b.Reset()
	if err := timeline.WriteLegend(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(parseSVG(t, b.Bytes()).allText(), "late or missed") {
		t.Error("the legend does not name the late mark")
	}
}

// The image form is the inline picture as a document of its own, for an
// img element: well-formed XML in the SVG namespace, of the inline size,
// on one line, with a style sheet that colours the stages it draws and no
// others.
func TestImageSVG(t *testing.T) {
	l, _ := draw(t, timelineCase, "2025-10-20")
	var inline, image bytes.Buffer
	if err := l.WriteInlineSVG(&inline); err != nil {
		t.Fatal(err)
	}
	if err := l.WriteImageSVG(&image); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(image.Bytes(), []byte("\n")); n > 0 {
		t.Errorf("image has %d line breaks, want none", n)
	}
	root := parseSVG(t, image.Bytes())
	if w, h := root.attr("width"), root.attr("height"); w != strconv.Itoa(l.InlineWidth()) || h != strconv.Itoa(l.InlineHeight()) || l.InlineHeight() != l.Height-64-56 {
		t.Errorf("image is %sx%s, want %dx%d", w, h, l.InlineWidth(), l.InlineHeight())
	}
	var style string
	root.walk(func(e svgElement) {
		if e.XMLName.Local == "style" {
			style += e.Text
		}
	})
	drawn := map[string]bool{}
	for _, b := range l.Stages {
		drawn[b.Stage.String()] = true
		if !strings.Contains(style, "[data-stage="+b.Stage.String()+"]{fill:"+b.Colour+"}") {
			t.Errorf("image style does not colour stage %s %s", b.Stage, b.Colour)
		}
	}
	for _, m := range regexp.MustCompile(`\[data-stage=([a-z0-9-]+)\]`).FindAllStringSubmatch(style, -1) {
		if !drawn[m[1]] {
			t.Errorf("image style colours stage %s, which it does not draw", m[1])
		}
	}
	// Apart from its namespace and style, the image draws what the inline
	// picture draws.
	rest, _, _ := strings.Cut(image.String(), "<style>")
	_, after, _ := strings.Cut(image.String(), "</style>")
	if got, want := strings.Replace(rest, ` xmlns="http://www.w3.org/2000/svg"`, "", 1)+after, inline.String(); got != want {
		t.Errorf("image without its namespace and style differs from the inline picture:\n%s\n%s", got, want)
	}
}

// Over years, holidays a day apart fall on one stroke: it is drawn once,
// and every holiday is still named.
func TestHolidayStrokesDrawnOnce(t *testing.T) {
	l, data := draw(t, `{"id":"long","events":[{"type":"referral-received","date":"2015-01-05"}]}`, "2025-06-10")
	var d, title string
	parseSVG(t, data).walk(func(e svgElement) {
		if e.attr("class") == "hol" {
			d = e.attr("d")
			for _, c := range e.Children {
				title += c.Text
			}
		}
	})
	strokes := strings.Split(d, "M")[1:]
	seen := map[string]bool{}
	for _, s := range strokes {
		if seen[s] {
			t.Errorf("holiday stroke M%s drawn twice", s)
		}
		seen[s] = true
	}
	if len(strokes) >= len(l.Holidays) || len(strokes) < len(l.Holidays)/2 {
		t.Errorf("%d strokes for %d holidays: want fewer (some share a stroke), but most apart", len(strokes), len(l.Holidays))
	}
	if got := strings.Count(title, ","); got != len(l.Holidays)-1 {
		t.Errorf("tooltip names %d holidays, want all %d", got+1, len(l.Holidays))
	}
}
