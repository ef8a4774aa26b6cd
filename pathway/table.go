package pathway

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// A Transition is one edge of the pathway: in stage From, an event of type
// Event with outcome Outcome moves the case to stage To. Outcome is
// NoOutcome for the event types that have none.
type Transition struct {
	From    Stage
	Event   EventType
	Outcome Outcome
	To      Stage
}

// String returns the edge as "from --event(outcome)--> to".
func (t Transition) String() string {
	if t.Outcome == NoOutcome {
		return fmt.Sprintf("%s --%s--> %s", t.From, t.Event, t.To)
	}
	return fmt.Sprintf("%s --%s(%s)--> %s", t.From, t.Event, t.Outcome, t.To)
}

// transitions is the pathway. It is never modified: [Transitions] hands out
// copies. Each (From, Event) pair lists every outcome its event type has, so
// that an event allowed in a stage is allowed whatever its outcome; a test
// holds the table to that.
var transitions = [...]Transition{
	{StageNew, EarlyHelpStarted, NoOutcome, StageEarlyHelp},
	{StageNew, ReferralReceived, NoOutcome, StageReferred},
	{StageNew, TransferInNotified, NoOutcome, StageTransferIn},

	{StageEarlyHelp, EarlyHelpEnded, NoOutcome, StageClosed},
	{StageEarlyHelp, ReferralReceived, NoOutcome, StageReferred}, // step up (para 150)

	// Para 153: the decision within one working day.
	{StageReferred, ReferralDecision, OutcomeNoFurtherAction, StageClosed},
	{StageReferred, ReferralDecision, OutcomeEarlyHelp, StageEarlyHelp},
	{StageReferred, ReferralDecision, OutcomeSection17Assessment, StageAwaitingAssessment},
	{StageReferred, ReferralDecision, OutcomeStrategyDiscussion, StageStrategyDiscussion},
	{StageReferred, ReferralDecision, OutcomeImmediateProtection, StageImmediateProtection},

	// Immediate protection: planned emergency action normally follows a
	// strategy discussion; single-agency action is followed by one.
	{StageImmediateProtection, ImmediateProtectionTaken, NoOutcome, StageStrategyDiscussion},
	{StageImmediateProtection, StrategyDiscussionHeld, OutcomeSection47, StageSection47},
	{StageImmediateProtection, StrategyDiscussionHeld, OutcomeNoSection47, StageAssessment},

	{StageStrategyDiscussion, StrategyDiscussionHeld, OutcomeSection47, StageSection47},
	{StageStrategyDiscussion, StrategyDiscussionHeld, OutcomeNoSection47, StageAssessment},
	{StageStrategyDiscussion, ImmediateProtectionTaken, NoOutcome, StageStrategyDiscussion},

	{StageAwaitingAssessment, AssessmentStarted, NoOutcome, StageAssessment},
	{StageAwaitingAssessment, StrategyDiscussionHeld, OutcomeSection47, StageSection47},
	{StageAwaitingAssessment, StrategyDiscussionHeld, OutcomeNoSection47, StageAwaitingAssessment},
	{StageAwaitingAssessment, ImmediateProtectionTaken, NoOutcome, StageStrategyDiscussion},

	{StageAssessment, AssessmentConcluded, OutcomeNoFurtherAction, StageClosed},
	{StageAssessment, AssessmentConcluded, OutcomeEarlyHelp, StageEarlyHelp},
	{StageAssessment, AssessmentConcluded, OutcomeChildInNeedPlan, StageChildInNeed},
	{StageAssessment, AssessmentConcluded, OutcomeStrategyDiscussion, StageStrategyDiscussion},
	// "A strategy discussion can take place ... during the assessment process."
	{StageAssessment, StrategyDiscussionHeld, OutcomeSection47, StageSection47},
	{StageAssessment, StrategyDiscussionHeld, OutcomeNoSection47, StageAssessment},
	{StageAssessment, ImmediateProtectionTaken, NoOutcome, StageStrategyDiscussion},

	{StageSection47, Section47Concluded, OutcomeSubstantiated, StageConferenceDue},
	{StageSection47, Section47Concluded, OutcomeNotSubstantiated, StageOpen},
	// "More than one discussion may be necessary": the enquiry goes on.
	{StageSection47, StrategyDiscussionHeld, OutcomeSection47, StageSection47},
	{StageSection47, StrategyDiscussionHeld, OutcomeNoSection47, StageSection47},
	{StageSection47, ImmediateProtectionTaken, NoOutcome, StageSection47},

	{StageConferenceDue, InitialConferenceHeld, OutcomePlan, StageChildProtectionPlan},
	{StageConferenceDue, InitialConferenceHeld, OutcomeNoPlan, StageOpen},
	{StageConferenceDue, StrategyDiscussionHeld, OutcomeSection47, StageConferenceDue},
	{StageConferenceDue, StrategyDiscussionHeld, OutcomeNoSection47, StageConferenceDue},
	{StageConferenceDue, ImmediateProtectionTaken, NoOutcome, StageConferenceDue},

	{StageChildProtectionPlan, CoreGroupMet, NoOutcome, StageChildProtectionPlan},
	{StageChildProtectionPlan, ReviewConferenceHeld, OutcomeContinue, StageChildProtectionPlan},
	{StageChildProtectionPlan, ReviewConferenceHeld, OutcomeEnd, StageOpen},
	{StageChildProtectionPlan, PlanEnded, OutcomeNoLongerAtRisk, StageOpen},
	{StageChildProtectionPlan, PlanEnded, OutcomeMovedAway, StageClosed},
	{StageChildProtectionPlan, PlanEnded, OutcomeReached18, StageClosed},
	{StageChildProtectionPlan, PlanEnded, OutcomeDied, StageClosed},
	{StageChildProtectionPlan, PlanEnded, OutcomeLeftUK, StageClosed},
	{StageChildProtectionPlan, PreProceedingsStarted, NoOutcome, StagePreProceedings},
	{StageChildProtectionPlan, ImmediateProtectionTaken, NoOutcome, StageChildProtectionPlan},
	// A strategy discussion "at any other time": for a child on a plan, its
	// findings go to the core group and the review conference.
	{StageChildProtectionPlan, StrategyDiscussionHeld, OutcomeSection47, StageChildProtectionPlan},
	{StageChildProtectionPlan, StrategyDiscussionHeld, OutcomeNoSection47, StageChildProtectionPlan},

	// Pre-proceedings run alongside the plan: its meetings and reviews go on.
	{StagePreProceedings, CoreGroupMet, NoOutcome, StagePreProceedings},
	{StagePreProceedings, ReviewConferenceHeld, OutcomeContinue, StagePreProceedings},
	{StagePreProceedings, ReviewConferenceHeld, OutcomeEnd, StageOpen},
	{StagePreProceedings, PlanEnded, OutcomeNoLongerAtRisk, StageOpen},
	{StagePreProceedings, PlanEnded, OutcomeMovedAway, StageClosed},
	{StagePreProceedings, PlanEnded, OutcomeReached18, StageClosed},
	{StagePreProceedings, PlanEnded, OutcomeDied, StageClosed},
	{StagePreProceedings, PlanEnded, OutcomeLeftUK, StageClosed},
	{StagePreProceedings, ImmediateProtectionTaken, NoOutcome, StagePreProceedings},
	{StagePreProceedings, StrategyDiscussionHeld, OutcomeSection47, StagePreProceedings},
	{StagePreProceedings, StrategyDiscussionHeld, OutcomeNoSection47, StagePreProceedings},
	{StagePreProceedings, CaseClosed, NoOutcome, StageClosed}, // care proceedings issued: outside this pathway

	{StageTransferIn, TransferInConferenceHeld, OutcomePlan, StageChildProtectionPlan},
	{StageTransferIn, TransferInConferenceHeld, OutcomeNoPlan, StageOpen},

	{StageChildInNeed, ChildInNeedPlanReviewed, NoOutcome, StageChildInNeed},
	{StageChildInNeed, ChildInNeedPlanEnded, NoOutcome, StageOpen},
	{StageChildInNeed, StrategyDiscussionHeld, OutcomeSection47, StageSection47},
	{StageChildInNeed, StrategyDiscussionHeld, OutcomeNoSection47, StageChildInNeed},
	{StageChildInNeed, ImmediateProtectionTaken, NoOutcome, StageStrategyDiscussion},
	{StageChildInNeed, ReferralReceived, NoOutcome, StageReferred},

	{StageOpen, ChildInNeedPlanStarted, NoOutcome, StageChildInNeed},
	{StageOpen, EarlyHelpStarted, NoOutcome, StageEarlyHelp},
	{StageOpen, ReferralReceived, NoOutcome, StageReferred},
	{StageOpen, StrategyDiscussionHeld, OutcomeSection47, StageSection47},
	{StageOpen, StrategyDiscussionHeld, OutcomeNoSection47, StageOpen},
	{StageOpen, ImmediateProtectionTaken, NoOutcome, StageStrategyDiscussion},
	{StageOpen, TransferInNotified, NoOutcome, StageTransferIn},
	{StageOpen, CaseClosed, NoOutcome, StageClosed},

	{StageClosed, ReferralReceived, NoOutcome, StageReferred},
	{StageClosed, EarlyHelpStarted, NoOutcome, StageEarlyHelp},
	{StageClosed, TransferInNotified, NoOutcome, StageTransferIn},
}

// Transitions returns the transition table: every edge of the pathway, in
// pathway order. The slice is the caller's own.
func Transitions() []Transition { return slices.Clone(transitions[:]) }

// tableIndex holds, for each stage and event type, the edges leaving it,
// and for each event type the set of its outcomes. It is computed once from
// transitions and never modified.
type tableIndex struct {
	edges    [numStages][numEventTypes][]Transition
	outcomes [numEventTypes]uint32 // bit o set: outcome o is one of the type's
}

var index = func() *tableIndex {
	var ix tableIndex
	for _, t := range transitions {
		ix.edges[t.From][t.Event] = append(ix.edges[t.From][t.Event], t)
		if t.Outcome != NoOutcome {
			ix.outcomes[t.Event] |= 1 << t.Outcome
		}
	}
	return &ix
}()

// hasOutcome reports whether event type t carries an outcome.
func hasOutcome(t EventType) bool { return t.valid() && index.outcomes[t] != 0 }

// outcomeOf reports whether o is one of event type t's outcomes.
func outcomeOf(t EventType, o Outcome) bool {
	return t.valid() && o < numOutcomes && index.outcomes[t]&(1<<o) != 0
}

// next returns the stage that event e with outcome o leads to from s.
func next(s Stage, e EventType, o Outcome) (Stage, bool) {
	if s >= numStages || !e.valid() {
		return 0, false
	}
	for _, t := range index.edges[s][e] {
		if t.Outcome == o {
			return t.To, true
		}
	}
	return 0, false
}

// Allowed returns the event types allowed in stage s, in pathway order,
// without applying anything. Each is allowed with every outcome of its type.
func Allowed(s Stage) []EventType {
	var out []EventType
	if s >= numStages {
		return out
	}
	for e := EventType(1); e < numEventTypes; e++ {
		if len(index.edges[s][e]) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// Outcomes returns the outcomes an event type accepts, in declaration order;
// it is empty for a type that has none.
func Outcomes(e EventType) []Outcome {
	var out []Outcome
	for o := Outcome(1); o < numOutcomes; o++ {
		if outcomeOf(e, o) {
			out = append(out, o)
		}
	}
	return out
}

// Mermaid renders the transition table as a Mermaid state diagram
// (stateDiagram-v2). Lines are sorted, so the text changes only when the
// table does.
func Mermaid() string {
	id := func(s Stage) string { return strings.ReplaceAll(s.String(), "-", "_") }
	lines := make([]string, 0, len(transitions))
	for _, t := range transitions {
		label := t.Event.String()
		if t.Outcome != NoOutcome {
			label += " (" + t.Outcome.String() + ")"
		}
		lines = append(lines, fmt.Sprintf("    %s --> %s: %s", id(t.From), id(t.To), label))
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	stages := Stages()
	slices.SortFunc(stages, func(a, b Stage) int { return cmp.Compare(a.String(), b.String()) })
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	b.WriteString("    [*] --> new\n")
	for _, s := range stages {
		fmt.Fprintf(&b, "    state \"%s\" as %s\n", s, id(s))
	}
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}
