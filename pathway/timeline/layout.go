// Package timeline draws one case as a picture: its stages as bands, its
// events as ticks, each deadline as a row from its anchor to its due date
// with what happened, and the as-of date as a line.
//
// Drawing is two steps. [New] lays the case out: every position and label
// as numbers and text, which tests and other renderers can read. [Layout.WriteSVG]
// writes that layout as SVG, which a browser shows as it is or inline in a
// page.
package timeline

import (
	"fmt"
	"strings"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// Sizes, in pixels. Text sizes are chosen to stay readable when a browser
// scales the picture to a laptop screen's width.
const (
	Width       = 1440
	labelWidth  = 330 // rule names on the left
	noteWidth   = 330 // verdicts on the right
	plotLeft    = labelWidth + 10
	plotRight   = Width - noteWidth - 10
	rowHeight   = 30
	stageHeight = 34
	fontSize    = 13
	labelSize   = 12
	charWidth   = 7.2 // rough advance of a 13px sans-serif character
)

// A Layout is a case laid out for drawing as of a date: everything is
// worked out before the first byte is written.
type Layout struct {
	Case     string
	AsOf     holidays.Date
	Stage    pathway.Stage // the stage at the end of the as-of day
	From, To holidays.Date // the dates the plot spans
	Height   int

	// Vertical positions of the parts.
	AxisY, StagesY, EventsY, RowsY, RowsEnd, LegendY int
	AsOfX                                            float64

	Ticks    []Tick
	Holidays []Band
	Stages   []Band
	Events   []EventLabel
	Rows     []Row
	// Notes say what is not drawn: clocks not yet started, later events.
	Notes []string
}

// A Tick marks the start of a month on the axis.
type Tick struct {
	X     float64
	Label string
}

// A Band is a span of days drawn as a rectangle: a stage, or a bank holiday.
type Band struct {
	X, W     float64
	From, To holidays.Date
	Label    string // drawn inside when it fits ("" when it does not)
	Title    string // the tooltip
	Stage    pathway.Stage
	Colour   string
}

// An EventLabel is the label of the events of one day, in the first lane
// where it clears the label before it.
type EventLabel struct {
	Date holidays.Date
	X    float64
	Lane int
	Text string
}

// A Row is one deadline: the window from anchor to due date, the late
// stretch, the due date and when it was done.
type Row struct {
	Clock pathway.Clock
	Y     int // top of the row
	// Label is the rule's name, with its anchor when the case has more than
	// one clock of the rule (the review after each review).
	Label  string
	Title  string // tooltip: bound, anchor, reason and citation
	Note   string // the verdict written at the end of the row
	Colour string
	// X0 and X1 bound the window; Cut0 and Cut1 say it runs off the plot.
	X0, X1     float64
	Cut0, Cut1 bool
	// LateX0 and LateX1 bound the stretch past the due date (equal when
	// none).
	LateX0, LateX1 float64
	// DoneX is where the target happened (or the clock stopped); HasDone
	// says whether it did.
	DoneX   float64
	HasDone bool
}

// New lays out the case as it stood at the end of asOf. An asOf outside the
// calendar is a *holidays.RangeError.
func New(c *pathway.Case, asOf holidays.Date) (*Layout, error) {
	all, err := c.Deadlines(asOf)
	if err != nil {
		return nil, err
	}
	l := &Layout{Case: c.ID(), AsOf: asOf, Stage: c.StageAt(asOf)}
	var clocks, waiting []pathway.Clock
	for _, k := range all {
		if k.Status == pathway.NotStarted {
			waiting = append(waiting, k)
		} else {
			clocks = append(clocks, k)
		}
	}
	var events []pathway.Event
	later := 0
	for _, e := range c.Events() {
		if e.Date.After(asOf) {
			later++
			continue
		}
		events = append(events, e)
	}
	l.span(events, clocks)
	if err := l.layHolidays(); err != nil {
		return nil, err
	}
	l.layStages(c, events)
	l.layEvents(events)

	const titleArea = 78
	l.AxisY = titleArea
	l.StagesY = l.AxisY + 10
	l.EventsY = l.StagesY + stageHeight + 14
	lanes := 0
	for _, e := range l.Events {
		lanes = max(lanes, e.Lane+1)
	}
	l.RowsY = l.EventsY + 18 + lanes*16 + 14
	l.layRows(clocks)
	l.RowsEnd = l.RowsY + len(l.Rows)*rowHeight
	l.LegendY = l.RowsEnd + 44
	l.Height = l.LegendY + 64
	l.AsOfX = l.x(asOf)
	l.layTicks()

	if len(waiting) > 0 {
		names := make([]string, len(waiting))
		for i, k := range waiting {
			names[i] = k.Rule.Name
		}
		l.Notes = append(l.Notes, "next on this route, not yet started: "+strings.Join(names, ", "))
	}
	if later > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("%d later %s after the as-of date not drawn", later, plural(later, "event", "events")))
	}
	if len(l.Notes) > 0 {
		l.Height += 22
	}
	return l, nil
}

// span chooses the dates the plot spans: the events and the as-of date, and
// the due dates that fall within three months after them. A far-off due
// date (the plan ending at 18) would squeeze the rest into a corner, so its
// row is drawn to the edge with an arrow and the date written out.
func (l *Layout) span(events []pathway.Event, clocks []pathway.Clock) {
	lo, hi := l.AsOf, l.AsOf
	if len(events) > 0 {
		lo = events[0].Date
	}
	horizon := hi.AddDays(92)
	for _, k := range clocks {
		if !k.Due.IsZero() && !k.Due.After(horizon) && k.Due.After(hi) {
			hi = k.Due
		}
	}
	pad := max(3, hi.DaysSince(lo)/40)
	l.From, l.To = lo.AddDays(-pad), hi.AddDays(pad)
}

// x is the position of a day on the plot.
func (l *Layout) x(d holidays.Date) float64 {
	span := float64(l.To.DaysSince(l.From))
	return plotLeft + float64(d.DaysSince(l.From))/span*float64(plotRight-plotLeft)
}

// clampX is x limited to the plot, with whether it was cut.
func (l *Layout) clampX(d holidays.Date) (float64, bool) {
	switch {
	case d.Before(l.From):
		return plotLeft, true
	case d.After(l.To):
		return plotRight, true
	}
	return l.x(d), false
}

// layHolidays finds the bank holidays in the span: they are why
// working-day deadlines fall where they do.
func (l *Layout) layHolidays() error {
	cal := holidays.EnglandAndWales()
	first, last := cal.Range()
	dayWidth := max(l.x(l.From.AddDays(1))-l.x(l.From), 2)
	for y := max(l.From.Year, first.Year); y <= min(l.To.Year, last.Year); y++ {
		hs, err := cal.Holidays(y)
		if err != nil {
			return err
		}
		for _, h := range hs {
			if !h.Date.Before(l.From) && !h.Date.After(l.To) {
				l.Holidays = append(l.Holidays, Band{X: l.x(h.Date), W: dayWidth, From: h.Date, To: h.Date,
					Title: h.Name + " " + h.Date.String(), Colour: colourHoliday})
			}
		}
	}
	return nil
}

// layStages makes a band per stage the case passed through, from the event
// that began it to the one that began the next (or the as-of date).
func (l *Layout) layStages(c *pathway.Case, events []pathway.Event) {
	for _, e := range events {
		s := c.StageAt(e.Date)
		if n := len(l.Stages); n > 0 {
			if l.Stages[n-1].Stage == s {
				continue
			}
			l.Stages[n-1].To = e.Date
		}
		l.Stages = append(l.Stages, Band{Stage: s, From: e.Date})
	}
	if n := len(l.Stages); n > 0 {
		l.Stages[n-1].To = l.AsOf
	}
	colours, short := stageColours(), shortStages()
	for i := range l.Stages {
		b := &l.Stages[i]
		x0, x1 := l.x(b.From), l.x(b.To)
		b.X, b.W = x0, max(x1-x0, 2)
		b.Colour = colours[b.Stage]
		b.Title = fmt.Sprintf("%s: %s to %s", b.Stage, b.From, b.To)
		if name := b.Stage.String(); textWidth(name)+8 <= b.W {
			b.Label = name
		} else if short := short[b.Stage]; short != "" && textWidth(short)+6 <= b.W {
			b.Label = short
		}
	}
}

// shortStages abbreviate stage names for a narrow band.
func shortStages() map[pathway.Stage]string {
	return map[pathway.Stage]string{
		pathway.StageChildProtectionPlan: "CP plan",
		pathway.StageSection47:           "s47",
		pathway.StageAwaitingAssessment:  "awaiting",
		pathway.StageConferenceDue:       "ICPC due",
		pathway.StageStrategyDiscussion:  "strategy",
		pathway.StageAssessment:          "s17",
	}
}

// layEvents places each day's label in the first lane where it clears the
// label before it; events on one day share a label.
func (l *Layout) layEvents(events []pathway.Event) {
	var ends []float64 // right edge of the last label in each lane
	for i := 0; i < len(events); {
		d := events[i].Date
		var names []string
		for ; i < len(events) && events[i].Date == d; i++ {
			names = append(names, eventText(events[i]))
		}
		text := fmt.Sprintf("%02d %s %s", d.Day, d.Month.String()[:3], strings.Join(names, " + "))
		x := l.x(d)
		lane := 0
		for lane < len(ends) && ends[lane] > x+3-6 {
			lane++
		}
		if lane == len(ends) {
			ends = append(ends, 0)
		}
		ends[lane] = x + 3 + textWidth(text)*11/fontSize
		l.Events = append(l.Events, EventLabel{Date: d, X: x, Lane: lane, Text: text})
	}
}

// eventText names an event briefly, with its outcome where that decides the
// route.
func eventText(e pathway.Event) string {
	s := e.Type.String()
	if e.Outcome != pathway.NoOutcome {
		s += " (" + e.Outcome.String() + ")"
	}
	return s
}

// layTicks puts a tick at the start of every month over a short span, fewer
// over a long one.
func (l *Layout) layTicks() {
	months := (l.To.Year-l.From.Year)*12 + int(l.To.Month) - int(l.From.Month)
	step := 1
	switch {
	case months > 48:
		step = 12
	case months > 18:
		step = 3
	}
	first := true
	for m := (holidays.Date{Year: l.From.Year, Month: l.From.Month, Day: 1}).AddMonths(1); !m.After(l.To); m = m.AddMonths(1) {
		if (int(m.Month)-1)%step != 0 {
			continue
		}
		label := m.Month.String()[:3]
		if first || m.Month == time.January {
			label += fmt.Sprintf(" %d", m.Year)
		}
		first = false
		l.Ticks = append(l.Ticks, Tick{X: l.x(m), Label: label})
	}
}

// statusColours: met and late differ in hue and in marker shape, so the
// picture reads in greyscale and for the colour-blind.
func statusColours() map[pathway.Status]string {
	return map[pathway.Status]string{
		pathway.Met: colourMet, pathway.Late: colourLate, pathway.Overdue: colourLate,
		pathway.Missed: colourLate, pathway.Open: colourOpen, pathway.Done: colourDone,
	}
}

// layRows makes one row per started clock.
func (l *Layout) layRows(clocks []pathway.Clock) {
	colours := statusColours()
	count := map[timescales.RuleID]int{}
	for _, k := range clocks {
		count[k.Rule.ID]++
	}
	for i, k := range clocks {
		r := Row{Clock: k, Y: l.RowsY + i*rowHeight, Label: k.Rule.Name, Title: clockTitle(k),
			Note: clockNote(k), Colour: colours[k.Status]}
		if count[k.Rule.ID] > 1 {
			r.Label += " from " + shortDate(k.Anchor)
		}
		// The window the rule allows; as soon as possible runs until done
		// or now.
		end := k.Due
		if end.IsZero() {
			end = k.Done
			if end.IsZero() {
				end = l.AsOf
			}
		}
		r.X0, r.Cut0 = l.clampX(k.Anchor)
		r.X1, r.Cut1 = l.clampX(end)
		r.LateX0, r.LateX1 = r.X1, r.X1
		if k.Status.IsLate() {
			stop := k.Done
			if stop.IsZero() {
				stop = l.AsOf
			}
			r.LateX0, _ = l.clampX(k.Due)
			r.LateX1, _ = l.clampX(stop)
		}
		if !k.Done.IsZero() {
			r.DoneX, _ = l.clampX(k.Done)
			r.HasDone = true
		}
		l.Rows = append(l.Rows, r)
	}
}

func shortDate(d holidays.Date) string {
	return fmt.Sprintf("%d %s %d", d.Day, d.Month.String()[:3], d.Year)
}

// clockNote is the verdict written at the end of a deadline's row, short
// enough to fit the column: the chart itself shows when it happened.
func clockNote(k pathway.Clock) string {
	due := k.Due.String()
	switch k.Status {
	case pathway.Met:
		return "met, due " + due
	case pathway.Late:
		return fmt.Sprintf("%s late, due %s", days(k.Late), due)
	case pathway.Missed:
		return fmt.Sprintf("missed by %s, due %s", days(k.Late), due)
	case pathway.Overdue:
		return fmt.Sprintf("%s overdue, due %s", days(k.Late), due)
	case pathway.Open:
		if k.Due.IsZero() {
			return fmt.Sprintf("as soon as possible: %s so far", days(k.Elapsed))
		}
		return fmt.Sprintf("due %s, %s left", due, days(k.WorkdaysLeft))
	case pathway.Done:
		return fmt.Sprintf("done after %s", days(k.Elapsed))
	}
	return string(k.Status)
}

// clockTitle is the tooltip: the rule's name, bound, reason and citation.
func clockTitle(k pathway.Clock) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)", k.Rule.Name, clockBrief(k))
	if k.Reason != "" {
		fmt.Fprintf(&b, "; reason recorded: %s", k.Reason)
	}
	fmt.Fprintf(&b, "; %s", k.Rule.Citation)
	return b.String()
}

// clockBrief is the rule's bound and the clock's anchor: the birth date of
// an age.
func clockBrief(k pathway.Clock) string {
	switch {
	case k.Anchor.IsZero():
		return k.Rule.Bound.String()
	case k.Rule.Bound.Unit == timescales.YearsOfAge:
		return fmt.Sprintf("%s, born %s", k.Rule.Bound, k.Anchor)
	}
	return fmt.Sprintf("%s from %s", k.Rule.Bound, k.Anchor)
}

func days(n int) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d working day", n)
	}
	return fmt.Sprintf("%d working days", n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func textWidth(s string) float64 { return float64(len([]rune(s))) * charWidth }
