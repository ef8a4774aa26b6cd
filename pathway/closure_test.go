package pathway

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
)

// The closures are the DfE children in need census's ReasonForClosure codes,
// listed here by hand from the census schema (reasonforclosuretype, 2026),
// each with the JSON name chosen for it.
func TestClosureCodes(t *testing.T) {
	want := []struct{ code, name string }{
		{"RC1", "adopted"},
		{"RC2", "died"},
		{"RC3", "child-arrangements-order"},
		{"RC4", "special-guardianship-order"},
		{"RC5", "transferred-to-another-local-authority"},
		{"RC6", "transferred-to-adult-social-care"},
		{"RC7", "services-ceased"},
		{"RC8", "assessed-no-further-action"},
		{"RC9", "assessed-referred-to-early-help"},
	}
	var got []struct{ code, name string }
	for _, c := range Closures() {
		got = append(got, struct{ code, name string }{c.Code(), c.String()})
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(struct{ code, name string }{})); diff != "" {
		t.Errorf("closures (-want +got):\n%s", diff)
	}
	if NoClosure.Code() != "" || numClosures.Code() != "" {
		t.Errorf("NoClosure.Code() = %q, numClosures.Code() = %q; want both empty", NoClosure.Code(), numClosures.Code())
	}
}

// closedWith is a case assessed and closed on Friday 9 August 2024 with
// closure c (NoClosure: none recorded).
func closedWith(t *testing.T, c Closure) *Case {
	return build(t, "closed", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 7, 1)},
		Event{Type: ReferralDecision, Date: d(2024, 7, 2), Outcome: OutcomeSection17Assessment},
		Event{Type: AssessmentStarted, Date: d(2024, 7, 3)},
		Event{Type: AssessmentConcluded, Date: d(2024, 8, 9), Outcome: OutcomeChildInNeedPlan},
		Event{Type: ChildInNeedPlanEnded, Date: d(2024, 8, 9)},
		Event{Type: CaseClosed, Date: d(2024, 8, 9), Closure: c},
	)
}

// A case-closed carries its closure through JSON, the decoder and replay,
// and the closure is data only: the verdicts are those of the same case
// closed with none recorded.
func TestClosureRoundTrip(t *testing.T) {
	c := closedWith(t, ClosureServicesCeased)
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `{"type":"case-closed","date":"2024-08-09","closure":"services-ceased"}`) {
		t.Errorf("JSON lacks the closure: %s", b)
	}
	var back Case
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c, &back, caseComparer()); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	for got, err := range NewDecoder(bytes.NewReader(b)).All() {
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c, got, caseComparer()); diff != "" {
			t.Errorf("decoder (-want +got):\n%s", diff)
		}
	}
	if e := c.Events()[5]; e.Closure != ClosureServicesCeased || e.Category != NoCategory {
		t.Errorf("event 5 = %+v, want closure services-ceased and no category", e)
	}
	asOf := d(2024, 9, 2)
	want, err := closedWith(t, NoClosure).Deadlines(asOf)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Deadlines(asOf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("verdicts with a closure (-without +with):\n%s", diff)
	}
}

// A closure belongs to case-closed only, must be one of the census's, and
// an unknown name gets the list of valid ones.
func TestClosureStrict(t *testing.T) {
	c := build(t, "strict", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 7, 1)},
		Event{Type: ReferralDecision, Date: d(2024, 7, 2), Outcome: OutcomeSection17Assessment},
	)
	for _, tc := range []struct {
		e    Event
		want string
	}{
		{Event{Type: AssessmentStarted, Date: d(2024, 7, 3), Closure: ClosureDied},
			`pathway: event 2 (assessment-started): field "closure": allowed only when a case is closed`},
		{Event{Type: CaseClosed, Date: d(2024, 7, 3), Closure: numClosures},
			`pathway: event 2 (case-closed): field "closure": unknown closure 10`},
	} {
		if err := c.Apply(tc.e); err == nil || err.Error() != tc.want {
			t.Errorf("Apply(%+v):\n got  %v\n want %s", tc.e, err, tc.want)
		}
	}
	if c.Len() != 2 {
		t.Errorf("refused events changed the case: %d events", c.Len())
	}
	valid := strings.Join(closureNames[1:], ", ")
	for _, tc := range []struct{ in, want string }{
		{`{"type":"referral-received","date":"2024-07-01","closure":"died"}`,
			`pathway: event 0 (referral-received): field "closure": unknown field for this event type`},
		{`{"type":"case-closed","date":"2024-07-01","closure":"RC7"}`,
			`pathway: event 0 (case-closed): field "closure": unknown closure "RC7"; want one of ` + valid},
		{`{"type":"case-closed","date":"2024-07-01","closure":"Died"}`,
			`pathway: event 0 (case-closed): field "closure": unknown closure "Died": did you mean "died"?; want one of ` + valid},
	} {
		err := new(Event).UnmarshalJSON([]byte(tc.in))
		if err == nil || err.Error() != tc.want {
			t.Errorf("UnmarshalJSON(%s):\n got  %v\n want %s", tc.in, err, tc.want)
		}
	}
	if _, err := (Event{Type: ChildDied, Date: d(2024, 7, 3), Closure: ClosureDied}).MarshalJSON(); err == nil {
		t.Error("MarshalJSON wrote a closure on child-died")
	}
}

// A record stays 16 bytes: the closure shares the detail byte with the
// category and the power.
func TestRecordSize(t *testing.T) {
	if got := unsafe.Sizeof(record{}); got != 16 {
		t.Errorf("record is %d bytes, want 16", got)
	}
}
