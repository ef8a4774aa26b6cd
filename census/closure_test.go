package census

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/pathway"
)

// An episode closed with a census reason for closure maps to a case-closed
// event that carries it; a code the census does not have (DfE rule 8640)
// carries none.
func TestClosureMapped(t *testing.T) {
	for _, tc := range []struct {
		code string
		want pathway.Closure
	}{
		{"RC7", pathway.ClosureServicesCeased},
		{"RC5", pathway.ClosureTransferredToAnotherLA},
		{"RC10", pathway.NoClosure},
		{"", pathway.NoClosure},
	} {
		ep := Episode{
			ReferralDate: d(2023, 6, 5), ClosureDate: d(2023, 12, 1), ReasonForClosure: tc.code, ReferralNFA: No,
			Assessments: []Assessment{{StartDate: d(2023, 6, 6), AuthorisationDate: d(2023, 7, 10)}},
			CINPlans:    []CINPlan{{StartDate: d(2023, 7, 10), EndDate: d(2023, 12, 1)}},
		}
		rep := NewAuditor(Header{ReferenceDate: d(2024, 3, 31)}, Config{}).Audit(Child{LAchildID: "RC", Episodes: []Episode{ep}})
		if len(rep.Cases) != 1 {
			t.Fatalf("%q: %d cases, want 1", tc.code, len(rep.Cases))
		}
		want := []pathway.Event{
			{Type: pathway.ReferralReceived, Date: d(2023, 6, 5)},
			{Type: pathway.ReferralDecision, Date: d(2023, 6, 5), Outcome: pathway.OutcomeSection17Assessment},
			{Type: pathway.AssessmentStarted, Date: d(2023, 6, 6)},
			{Type: pathway.AssessmentConcluded, Date: d(2023, 7, 10), Outcome: pathway.OutcomeChildInNeedPlan},
			{Type: pathway.ChildInNeedPlanEnded, Date: d(2023, 12, 1)},
			{Type: pathway.CaseClosed, Date: d(2023, 12, 1), Closure: tc.want},
		}
		if diff := cmp.Diff(want, rep.Cases[0].Case.Events()); diff != "" {
			t.Errorf("%q: events (-want +got):\n%s", tc.code, diff)
		}
	}
}
