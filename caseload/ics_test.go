package caseload_test

import (
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/caseload"
)

// The agenda of threeCases as a calendar: it parses back, each event is
// all-day in the form Outlook and Google read (DTSTART;VALUE=DATE, DTEND the
// next day), the overdue one is marked, and the UIDs do not change between
// runs.
func TestICSParsesBackAllDay(t *testing.T) {
	text := strings.Replace(threeCases, `{"id":"late"`, `not json
{"id":"late"`, 1)
	r := read(t, caseload.Options{AsOf: d(2025, 6, 10)}, text)
	var b strings.Builder
	if err := r.WriteICS(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"DTSTART;VALUE=DATE:20250603\r\n", "DTEND;VALUE=DATE:20250604\r\n",
		"DTSTART;VALUE=DATE:20250624\r\n", "DTEND;VALUE=DATE:20250625\r\n", "BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n"} {
		if !strings.Contains(out, s) {
			t.Errorf("calendar lacks %q:\n%s", s, out)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	if err != nil {
		t.Fatalf("calendar does not parse back: %v\n%s", err, out)
	}
	type event struct{ UID, Summary, Start, End string }
	var got []event
	for _, ev := range cal.Events() {
		prop := func(p ics.ComponentProperty) string {
			if x := ev.GetProperty(p); x != nil {
				return x.Value
			}
			return ""
		}
		got = append(got, event{ev.Id(), prop(ics.ComponentPropertySummary), prop(ics.ComponentPropertyDtStart), prop(ics.ComponentPropertyDtEnd)})
		if desc := prop(ics.ComponentPropertyDescription); !strings.Contains(desc, "Working Together to Safeguard Children 2023") {
			t.Errorf("event %s: description %q lacks the citation", ev.Id(), desc)
		}
	}
	want := []event{
		{`"undecided"/referral-decision/2025-06-02@safeguarding`, "OVERDUE: Referral acknowledged and next steps decided - case undecided", "20250603", "20250604"},
		{`"icpc"/icpc/2025-06-03@safeguarding`, "Initial child protection conference - case icpc", "20250624", "20250625"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(out, "5 working days") || !strings.Contains(out, "10 working days left") {
		t.Errorf("descriptions lack the working days:\n%s", out)
	}
	calDesc := cal.CalendarProperties
	found := false
	for _, p := range calDesc {
		if p.IANAToken == string(ics.PropertyDescription) && strings.Contains(p.Value, "cases.jsonl:3") {
			found = true
		}
	}
	if !found {
		t.Errorf("the unreadable case on line 3 is not listed in the calendar:\n%s", out)
	}
}
