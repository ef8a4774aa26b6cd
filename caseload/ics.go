package caseload

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
)

// WriteICS writes the agenda as an iCalendar file (RFC 5545): one all-day
// event per deadline on its due date (an as-soon-as-possible clock on the
// as-of date), with DTSTART;VALUE=DATE and DTEND the day after, the form
// Outlook and Google Calendar read as all-day. Each event's UID is
// [Entry.UID], so importing next week's file updates events rather than
// adding copies. The summary names the rule and the case, and starts
// "OVERDUE" when it is; the description gives the citation and the working
// days left or overdue as of the as-of date. Cases that could not be read
// are listed in the calendar's description.
//
// DTSTAMP is the start of the as-of day in UTC, not the time of the run, so
// the same caseload on the same day gives the same file.
func (r *Report) WriteICS(w io.Writer) error {
	cal := ics.NewCalendarFor("workingtogether//safeguarding caseload")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName("Safeguarding deadlines as of " + r.Options.AsOf.String())
	if len(r.Problems) > 0 {
		lines := make([]string, len(r.Problems))
		for i, p := range r.Problems {
			lines[i] = p.String()
		}
		cal.SetDescription(fmt.Sprintf("%d %s could not be read and %s not here:\n%s",
			len(r.Problems), plural(len(r.Problems), "case", "cases"), plural(len(r.Problems), "is", "are"), strings.Join(lines, "\n")))
	}
	stamp := r.Options.AsOf.In(time.UTC)
	for _, e := range r.Agenda {
		ev := cal.AddEvent(e.UID())
		ev.SetDtStampTime(stamp)
		day := e.Due
		if day.IsZero() {
			day = r.Options.AsOf
		}
		ev.SetAllDayStartAt(day.In(time.UTC))
		ev.SetAllDayEndAt(day.AddDays(1).In(time.UTC))
		ev.SetSummary(e.summary())
		ev.SetDescription(e.description(r.Options.AsOf))
		ev.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
		if e.Status == pathway.Overdue {
			ev.AddCategory("overdue")
		}
	}
	// RFC 5545 lines end in CRLF; the library defaults to LF.
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

func (e Entry) summary() string {
	s := e.Name + " - case " + e.Case
	if e.Status == pathway.Overdue {
		s = "OVERDUE: " + s
	}
	return s
}

// description is the event's text: how it stands, then the citation.
func (e Entry) description(asOf holidays.Date) string {
	return fmt.Sprintf("%s as of %s.\nAnchor %s.\n%s (edition %d).", e.Standing(), asOf, e.Anchor, e.Citation, e.Edition)
}

// Standing says how the deadline stands in words: "3 working days left",
// "due today", "overdue by 2 working days", "as soon as possible: 1 working
// day so far".
func (e Entry) Standing() string {
	switch {
	case e.Status == pathway.Overdue:
		return "overdue by " + workdays(e.Overdue)
	case e.Due.IsZero():
		return "as soon as possible: " + workdays(e.Elapsed) + " so far"
	case e.Left == 0:
		return "due today"
	}
	return workdays(e.Left) + " left"
}

func workdays(n int) string { return fmt.Sprintf("%d %s", n, plural(n, "working day", "working days")) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
