package pathway

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/workingtogether/safeguarding/timescales"
)

// A Transition is one edge of the pathway: in stage From, an event of type
// Event with outcome Outcome moves the case to stage To, with Effects on the
// case's clocks. Outcome is NoOutcome for the event types that have none.
type Transition struct {
	From    Stage
	Event   EventType
	Outcome Outcome
	To      Stage
	// Effects are what the event does to the clocks, in order: the
	// settlements act on the clocks running before the event, and the
	// clocks it starts are added after them.
	Effects []Effect
}

// String returns the edge as "from --event(outcome)--> to", followed by its
// effects in brackets.
func (t Transition) String() string {
	s := fmt.Sprintf("%s --%s--> %s", t.From, t.Event, t.To)
	if t.Outcome != NoOutcome {
		s = fmt.Sprintf("%s --%s(%s)--> %s", t.From, t.Event, t.Outcome, t.To)
	}
	if len(t.Effects) == 0 {
		return s
	}
	fx := make([]string, len(t.Effects))
	for i, e := range t.Effects {
		fx[i] = e.String()
	}
	return s + " [" + strings.Join(fx, "; ") + "]"
}

// An EffectKind is what an event does to the clocks of one rule.
type EffectKind uint8

// The effect kinds.
const (
	_ EffectKind = iota
	// Starts opens a clock of the rule from the effect's anchor.
	Starts
	// Settles judges every running clock of the rule on the event's date:
	// its target happened.
	Settles
	// Withdraws stops every running clock of the rule (of every rule, when
	// the effect names none) because its target will not happen now: such a
	// clock is missed if it was already past due, and otherwise is no longer
	// a deadline.
	Withdraws
	// Waives stops every running clock of the rule because its target is no
	// longer required, which is never a failure, however late.
	Waives
	numEffectKinds
)

var effectKindNames = [numEffectKinds]string{"", "starts", "settles", "withdraws", "waives"}

// String returns the kind's name, for example "settles".
func (k EffectKind) String() string {
	if k > 0 && k < numEffectKinds {
		return effectKindNames[k]
	}
	return fmt.Sprintf("EffectKind(%d)", uint8(k))
}

// An Anchor is the date a clock runs from.
type Anchor uint8

// The anchors.
const (
	AtEvent    Anchor = iota // the date of the event that starts the clock
	AtReferral               // the date of the case's latest referral
	// AtBirth is the child's date of birth; a clock anchored at birth is
	// not started while the birth date is unknown.
	AtBirth
	numAnchors
)

var anchorNames = [numAnchors]string{"event", "referral", "birth"}

// String returns the anchor's name, for example "referral".
func (a Anchor) String() string {
	if a < numAnchors {
		return anchorNames[a]
	}
	return fmt.Sprintf("Anchor(%d)", uint8(a))
}

// An Effect is what one transition does to the clocks of one rule: a row
// beside the transition, so that which clocks an event starts, settles or
// stops is data that can be listed and checked, not control flow.
type Effect struct {
	Kind   EffectKind
	Rule   timescales.RuleID // empty only for Withdraws: every running clock
	Anchor Anchor            // for Starts: the date the clock runs from
	// ref is Rule's index in pathwayRules, set when the table is built, so
	// that applying an effect needs no lookup by name.
	ref ruleRef
}

// String returns the effect as, for example, "starts assessment from
// referral" or "withdraws every clock".
func (e Effect) String() string {
	switch {
	case e.Kind == Starts:
		return fmt.Sprintf("starts %s from %s", e.Rule, e.Anchor)
	case e.Rule == "":
		return e.Kind.String() + " every clock"
	}
	return e.Kind.String() + " " + string(e.Rule)
}

// starts sets the ref itself, for the effects listed outside the table
// (the clocks just ahead that Deadlines lists).
func starts(r timescales.RuleID, a Anchor) Effect {
	return Effect{Kind: Starts, Rule: r, Anchor: a, ref: refs[r]}
}
func settles(r timescales.RuleID) Effect   { return Effect{Kind: Settles, Rule: r} }
func withdraws(r timescales.RuleID) Effect { return Effect{Kind: Withdraws, Rule: r} }

// fx joins groups of effects into one row's list.
func fx(groups ...[]Effect) []Effect { return slices.Concat(groups...) }

// The effect groups several transitions share.
var (
	// Para 155: 45 working days "from the point of referral".
	assessFromReferral = []Effect{starts(timescales.Assessment, AtReferral)}
	// A plan starts its first core group and first review, and (the birth
	// date known) its end at 18.
	planStarts = []Effect{
		starts(timescales.CoreGroupFirst, AtEvent), starts(timescales.ReviewFirst, AtEvent),
		starts(timescales.PlanEndsAt18, AtBirth),
	}
	// When a plan ends, whether it ended by 18 is judged; its meetings and
	// reviews are no longer due.
	planEnds = []Effect{
		settles(timescales.PlanEndsAt18), withdraws(timescales.CoreGroupFirst),
		withdraws(timescales.ReviewFirst), withdraws(timescales.ReviewNext),
	}
	// A case that leaves the pathway stops every clock it was running.
	leaves = []Effect{{Kind: Withdraws}}
)

// An openStage is a stage in which the case is open, with where protection
// leads from it. Every open stage allows strategy discussions and emergency
// action ("A strategy discussion can take place following a referral or at
// any other time", Working Together 2023, chapter 3, strategy discussion;
// the area where a child is found "is responsible for taking emergency
// action", chapter 3, immediate protection), and every open stage has its
// exits: the child dies, the family moves away, care proceedings are issued
// ("proceedings can be initiated at any stage", chapter 3, initiating
// pre-proceedings), or the case is closed.
type openStage struct {
	stage Stage
	plan  bool // a child protection plan is in force: exits end it
	// action is the stage after emergency action; s47 and noS47 after a
	// strategy discussion that did or did not initiate section 47 enquiries.
	action, s47, noS47 Stage
	// enquiry: a discussion initiating section 47 enquiries here starts the
	// initial conference clock (none is started where an enquiry, a
	// conference or a plan is already under way).
	enquiry bool
	// decides: protection here takes the place of the referral decision
	// not yet made.
	decides bool
	// closes: the stage may be closed by case-closed (early help and a
	// referral awaiting its decision have their own ways to close).
	closes bool
	// undecided: no decision to assess further has been taken, so there is
	// no child-seen clock for a visit to settle (para 153 asks for the
	// child to be seen once "the decision is taken that the referral
	// requires further assessment"). Recording a visit here would let the
	// same facts, recorded in another order on the decision's day, give
	// another verdict.
	undecided bool
}

var openStages = [...]openStage{
	{stage: StageEarlyHelp, action: StageStrategyDiscussion, s47: StageSection47, noS47: StageEarlyHelp, enquiry: true, undecided: true},
	{stage: StageReferred, action: StageStrategyDiscussion, s47: StageSection47, noS47: StageReferred, enquiry: true, decides: true, undecided: true},
	{stage: StageImmediateProtection, action: StageStrategyDiscussion, s47: StageSection47, noS47: StageAssessment, enquiry: true, closes: true},
	{stage: StageStrategyDiscussion, action: StageStrategyDiscussion, s47: StageSection47, noS47: StageAssessment, enquiry: true, closes: true},
	{stage: StageAwaitingAssessment, action: StageStrategyDiscussion, s47: StageSection47, noS47: StageAwaitingAssessment, enquiry: true, closes: true},
	// "A strategy discussion can take place ... during the assessment process."
	{stage: StageAssessment, action: StageStrategyDiscussion, s47: StageSection47, noS47: StageAssessment, enquiry: true, closes: true},
	// "More than one discussion may be necessary": the enquiry goes on.
	{stage: StageSection47, action: StageSection47, s47: StageSection47, noS47: StageSection47, closes: true},
	{stage: StageConferenceDue, action: StageConferenceDue, s47: StageConferenceDue, noS47: StageConferenceDue, closes: true},
	// For a child on a plan, a discussion's findings go to the core group
	// and the review conference.
	{stage: StageChildProtectionPlan, plan: true, action: StageChildProtectionPlan, s47: StageChildProtectionPlan, noS47: StageChildProtectionPlan},
	{stage: StagePreProceedings, plan: true, action: StagePreProceedings, s47: StagePreProceedings, noS47: StagePreProceedings},
	// The receiving area's conference stays due while the child is protected.
	{stage: StageTransferIn, action: StageTransferIn, s47: StageTransferIn, noS47: StageTransferIn, closes: true},
	{stage: StageChildInNeed, action: StageStrategyDiscussion, s47: StageSection47, noS47: StageChildInNeed, enquiry: true, closes: true},
	{stage: StageOpen, action: StageStrategyDiscussion, s47: StageSection47, noS47: StageOpen, enquiry: true, closes: true},
}

// decision is what a referral decision to go further does: the decision is
// made (para 153), the child is to be seen "as soon as possible if the
// decision is taken that the referral requires further assessment" (para
// 153), and the assessment is due 45 working days from the referral (para
// 155).
var decision = fx([]Effect{settles(timescales.ReferralDecision), starts(timescales.ChildSeen, AtEvent)}, assessFromReferral)

// The rows of the stages' own work. The protection and exit rows of every
// open stage are added from openStages.
var stageRows = [...]Transition{
	{StageNew, EarlyHelpStarted, NoOutcome, StageEarlyHelp, nil},
	{StageNew, ReferralReceived, NoOutcome, StageReferred, fx([]Effect{starts(timescales.ReferralDecision, AtEvent)})},
	{StageNew, TransferInNotified, NoOutcome, StageTransferIn, fx([]Effect{starts(timescales.TransferInConference, AtEvent)})},

	{StageEarlyHelp, EarlyHelpEnded, NoOutcome, StageClosed, leaves},
	{StageEarlyHelp, ReferralReceived, NoOutcome, StageReferred, fx([]Effect{starts(timescales.ReferralDecision, AtEvent)})}, // step up (para 150)

	// Para 153: the decision within one working day.
	{StageReferred, ReferralDecision, OutcomeNoFurtherAction, StageClosed, fx([]Effect{settles(timescales.ReferralDecision)}, leaves)},
	{StageReferred, ReferralDecision, OutcomeEarlyHelp, StageEarlyHelp, fx([]Effect{settles(timescales.ReferralDecision)})},
	{StageReferred, ReferralDecision, OutcomeSection17Assessment, StageAwaitingAssessment, decision},
	{StageReferred, ReferralDecision, OutcomeStrategyDiscussion, StageStrategyDiscussion, decision},
	// Para 154: protection "as soon as possible after the referral".
	{StageReferred, ReferralDecision, OutcomeImmediateProtection, StageImmediateProtection,
		fx(decision, []Effect{starts(timescales.ImmediateProtection, AtReferral)})},

	{StageAwaitingAssessment, AssessmentStarted, NoOutcome, StageAssessment, nil},

	{StageSection47, Section47Concluded, OutcomeSubstantiated, StageConferenceDue, nil},
	// "Where concerns of significant harm are not substantiated" no
	// conference is held: its clock is waived, however long the enquiry took.
	{StageSection47, Section47Concluded, OutcomeNotSubstantiated, StageOpen, fx([]Effect{{Kind: Waives, Rule: timescales.ICPC}})},

	{StageConferenceDue, InitialConferenceHeld, OutcomePlan, StageChildProtectionPlan, fx([]Effect{settles(timescales.ICPC)}, planStarts)},
	{StageConferenceDue, InitialConferenceHeld, OutcomeNoPlan, StageOpen, fx([]Effect{settles(timescales.ICPC)})},

	{StageChildProtectionPlan, PreProceedingsStarted, NoOutcome, StagePreProceedings, nil},

	{StageTransferIn, TransferInConferenceHeld, OutcomePlan, StageChildProtectionPlan, fx([]Effect{settles(timescales.TransferInConference)}, planStarts)},
	{StageTransferIn, TransferInConferenceHeld, OutcomeNoPlan, StageOpen, fx([]Effect{settles(timescales.TransferInConference)})},

	{StageChildInNeed, ChildInNeedPlanReviewed, NoOutcome, StageChildInNeed, nil},
	{StageChildInNeed, ChildInNeedPlanEnded, NoOutcome, StageOpen, nil},
	{StageChildInNeed, ReferralReceived, NoOutcome, StageReferred, fx([]Effect{starts(timescales.ReferralDecision, AtEvent)})},

	{StageOpen, ChildInNeedPlanStarted, NoOutcome, StageChildInNeed, nil},
	{StageOpen, EarlyHelpStarted, NoOutcome, StageEarlyHelp, nil},
	{StageOpen, ReferralReceived, NoOutcome, StageReferred, fx([]Effect{starts(timescales.ReferralDecision, AtEvent)})},
	{StageOpen, TransferInNotified, NoOutcome, StageTransferIn, fx([]Effect{starts(timescales.TransferInConference, AtEvent)})},

	{StageClosed, ReferralReceived, NoOutcome, StageReferred, fx([]Effect{starts(timescales.ReferralDecision, AtEvent)})},
	{StageClosed, EarlyHelpStarted, NoOutcome, StageEarlyHelp, nil},
	{StageClosed, TransferInNotified, NoOutcome, StageTransferIn, fx([]Effect{starts(timescales.TransferInConference, AtEvent)})},
}

// planRows are the rows of the two plan stages: pre-proceedings run beside
// the plan, so its meetings and reviews go on.
func planRows(s Stage) []Transition {
	reviewed := []Effect{settles(timescales.ReviewFirst), settles(timescales.ReviewNext)}
	return []Transition{
		{s, CoreGroupMet, NoOutcome, s, fx([]Effect{settles(timescales.CoreGroupFirst)})},
		// A review brought forward restarts the clock from the one held.
		{s, ReviewConferenceHeld, OutcomeContinue, s, fx(reviewed, []Effect{starts(timescales.ReviewNext, AtEvent)})},
		{s, ReviewConferenceHeld, OutcomeEnd, StageOpen, fx(reviewed, planEnds)},
		{s, PlanEnded, OutcomeNoLongerAtRisk, StageOpen, planEnds},
		{s, PlanEnded, OutcomeMovedAway, StageClosed, fx(planEnds, leaves)},
		{s, PlanEnded, OutcomeReached18, StageClosed, fx(planEnds, leaves)},
		{s, PlanEnded, OutcomeLeftUK, StageClosed, fx(planEnds, leaves)},
	}
}

// assessmentRows are the conclusions of the assessment. The 45-day clock
// settles on the assessment's own conclusion wherever it is recorded (para
// 155): during the assessment, where the outcome leads on, and during the
// enquiry, while the conference is due, on a plan, on a child in need plan
// that began before it concluded, or open, where the stage's own work goes
// on.
func assessmentRows() []Transition {
	done := fx([]Effect{settles(timescales.Assessment)})
	rows := []Transition{
		{StageAssessment, AssessmentConcluded, OutcomeNoFurtherAction, StageClosed, fx(done, leaves)},
		{StageAssessment, AssessmentConcluded, OutcomeEarlyHelp, StageEarlyHelp, done},
		{StageAssessment, AssessmentConcluded, OutcomeChildInNeedPlan, StageChildInNeed, done},
		{StageAssessment, AssessmentConcluded, OutcomeStrategyDiscussion, StageStrategyDiscussion, done},
	}
	// After an enquiry that found no significant harm, or a conference that
	// made no plan, the case is open: its next step is recorded by its own
	// event.
	for _, s := range []Stage{StageSection47, StageConferenceDue, StageChildProtectionPlan, StagePreProceedings, StageChildInNeed, StageOpen} {
		for _, o := range []Outcome{OutcomeNoFurtherAction, OutcomeEarlyHelp, OutcomeChildInNeedPlan, OutcomeStrategyDiscussion} {
			rows = append(rows, Transition{s, AssessmentConcluded, o, s, done})
		}
	}
	return rows
}

// anywhereRows are the rows every open stage has: protection, the child
// born, the exits, and, once a decision to assess further can have been
// taken, the child seen.
func anywhereRows(o openStage) []Transition {
	s := o.stage
	var decided, ended, born []Effect
	if o.decides {
		decided = decision
	}
	if o.plan {
		ended = planEnds
		born = []Effect{starts(timescales.PlanEndsAt18, AtBirth)}
	}
	s47 := fx(decided, []Effect{settles(timescales.StrategyAfterEmergency)})
	if o.enquiry {
		s47 = fx(s47, []Effect{starts(timescales.ICPC, AtEvent)})
	}
	action := fx(decided, []Effect{settles(timescales.ImmediateProtection)})
	rows := []Transition{
		// "Where a single agency has to act immediately, a strategy
		// discussion should take place as soon as possible after action has
		// been taken"; planned action follows a discussion and starts none.
		{s, ImmediateProtectionTaken, OutcomeSingleAgency, o.action, fx(action, []Effect{starts(timescales.StrategyAfterEmergency, AtEvent)})},
		{s, ImmediateProtectionTaken, OutcomePlanned, o.action, action},
		{s, StrategyDiscussionHeld, OutcomeSection47, o.s47, s47},
		{s, StrategyDiscussionHeld, OutcomeNoSection47, o.noS47, fx([]Effect{settles(timescales.StrategyAfterEmergency)})},
		{s, ChildBorn, NoOutcome, s, born},
		{s, ChildDied, NoOutcome, StageClosed, fx(ended, leaves)},
		{s, ProceedingsIssued, NoOutcome, StageClosed, fx(ended, leaves)},
	}
	if !o.plan {
		// With a plan, the family's move ends it only after the receiving
		// area's conference (plan-ended, moved-away).
		rows = append(rows, Transition{s, TransferredOut, NoOutcome, StageClosed, leaves})
	}
	if o.closes {
		rows = append(rows, Transition{s, CaseClosed, NoOutcome, StageClosed, leaves})
	}
	if !o.undecided {
		rows = append(rows, Transition{s, ChildSeen, NoOutcome, s, fx([]Effect{settles(timescales.ChildSeen)})})
	}
	return rows
}

// transitions is the pathway. It is never modified: [Transitions] hands out
// copies. Each (From, Event) pair lists every outcome its event type has, so
// that an event allowed in a stage is allowed whatever its outcome; a test
// holds the table to that.
var transitions = func() []Transition {
	rows := slices.Clone(stageRows[:])
	rows = append(rows, planRows(StageChildProtectionPlan)...)
	rows = append(rows, planRows(StagePreProceedings)...)
	rows = append(rows, assessmentRows()...)
	for _, o := range openStages {
		rows = append(rows, anywhereRows(o)...)
	}
	slices.SortStableFunc(rows, func(a, b Transition) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Event, b.Event))
	})
	for i := range rows {
		// Each row gets effects of its own, with their refs set.
		rows[i].Effects = slices.Clone(rows[i].Effects)
		for j := range rows[i].Effects {
			rows[i].Effects[j].ref = refs[rows[i].Effects[j].Rule]
		}
	}
	return slices.Clip(rows)
}()

// Transitions returns the transition table: every edge of the pathway, in
// pathway order, with its effects. The slice and the effects are the
// caller's own.
func Transitions() []Transition {
	out := slices.Clone(transitions)
	for i := range out {
		out[i].Effects = slices.Clone(out[i].Effects)
	}
	return out
}

// tableIndex holds, for each stage and event type, the steps leaving it,
// and for each event type the set of its outcomes. It is computed once from
// transitions and never modified.
type tableIndex struct {
	steps    [numStages][numEventTypes][]step
	outcomes [numEventTypes]uint32 // bit o set: outcome o is one of the type's
}

// A step is a transition as Apply takes it: its outcome, the stage it
// leads to, and its effects split into the clocks it starts and the
// settlements, in their order, each cut down to the fields Apply reads, so
// that applying an event visits each effect once and copies no rule name.
type step struct {
	outcome Outcome
	to      Stage
	starts  []opening
	stops   []stopping
}

// An opening is a Starts effect: the rule whose clock it starts, and the
// anchor it runs from.
type opening struct {
	ref ruleRef
	at  Anchor
}

// A stopping is any other effect: what it does, and to the clocks of which
// rule, or, when every is set (the effect names no rule), of every rule.
type stopping struct {
	kind  EffectKind
	ref   ruleRef
	every bool
}

var index = func() tableIndex {
	var ix tableIndex
	for _, t := range transitions {
		st := step{outcome: t.Outcome, to: t.To}
		for _, ef := range t.Effects {
			if ef.Kind == Starts {
				st.starts = append(st.starts, opening{ef.ref, ef.Anchor})
			} else {
				st.stops = append(st.stops, stopping{ef.Kind, ef.ref, ef.Rule == ""})
			}
		}
		ix.steps[t.From][t.Event] = append(ix.steps[t.From][t.Event], st)
		if t.Outcome != NoOutcome {
			ix.outcomes[t.Event] |= 1 << t.Outcome
		}
	}
	return ix
}()

// hasOutcome reports whether event type t carries an outcome.
func hasOutcome(t EventType) bool { return t.valid() && index.outcomes[t] != 0 }

// outcomeOf reports whether o is one of event type t's outcomes.
func outcomeOf(t EventType, o Outcome) bool {
	return t.valid() && o < numOutcomes && index.outcomes[t]&(1<<o) != 0
}

// edge returns the step event e with outcome o takes from s.
func edge(s Stage, e EventType, o Outcome) (*step, bool) {
	if s >= numStages || !e.valid() {
		return nil, false
	}
	steps := index.steps[s][e]
	for i := range steps {
		if steps[i].outcome == o {
			return &steps[i], true
		}
	}
	return nil, false
}

// Allowed returns the event types allowed in stage s, in pathway order,
// without applying anything. Each is allowed with every outcome of its type.
func Allowed(s Stage) []EventType {
	var out []EventType
	if s >= numStages {
		return out
	}
	for e := EventType(1); e < numEventTypes; e++ {
		if len(index.steps[s][e]) > 0 {
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
