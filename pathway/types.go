package pathway

import "fmt"

// A Stage is where a case stands on the pathway: what the local authority is
// doing for the child now. The zero Stage is [StageNew], a case with no events.
//
// A Stage is not the whole state of a case: clocks started in one stage run
// on into the next (see [Case.Deadlines]).
type Stage uint8

// The stages, in pathway order.
const (
	StageNew                 Stage = iota // no event recorded yet
	StageEarlyHelp                        // early help under way (Working Together 2023, chapter 3, section 1)
	StageReferred                         // referral received, next steps not yet decided (para 153)
	StageImmediateProtection              // decided that the child needs immediate protection; action awaited (para 154)
	StageStrategyDiscussion               // a strategy discussion is due: decided at referral or assessment, or after emergency action
	StageAwaitingAssessment               // decided to assess under section 17; assessment not yet started
	StageAssessment                       // section 17 assessment under way (para 155)
	StageSection47                        // section 47 enquiries under way
	StageConferenceDue                    // section 47 concerns substantiated; initial child protection conference due
	StageChildProtectionPlan              // the child is the subject of a child protection plan
	StagePreProceedings                   // on a child protection plan, with pre-proceedings started
	StageTransferIn                       // a child on another area's plan has moved in; the receiving conference is due
	StageChildInNeed                      // a child in need plan is in place
	StageOpen                             // open to children's social care with nothing under way: the next step is to be recorded
	StageClosed                           // closed to children's social care
	numStages
)

var stageNames = [numStages]string{
	"new", "early-help", "referred", "immediate-protection", "strategy-discussion",
	"awaiting-assessment", "assessment", "section-47", "conference-due",
	"child-protection-plan", "pre-proceedings", "transfer-in", "child-in-need",
	"open", "closed",
}

// Stages returns every stage in pathway order.
func Stages() []Stage {
	s := make([]Stage, numStages)
	for i := range s {
		s[i] = Stage(i)
	}
	return s
}

// String returns the stage's name as the JSON format and the diagram spell
// it, for example "child-protection-plan".
func (s Stage) String() string {
	if s < numStages {
		return stageNames[s]
	}
	return fmt.Sprintf("Stage(%d)", uint8(s))
}

// MarshalText implements [encoding.TextMarshaler].
func (s Stage) MarshalText() ([]byte, error) {
	if s >= numStages {
		return nil, fmt.Errorf("pathway: cannot marshal unknown stage %d", uint8(s))
	}
	return []byte(stageNames[s]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Stage) UnmarshalText(b []byte) error {
	if i, ok := findName(&stageSet, b); ok {
		*s = Stage(i)
		return nil
	}
	return fmt.Errorf("pathway: unknown stage %q", b)
}

// An EventType is what happened. Each event type has a fixed set of fields
// (see [Event]).
type EventType uint8

// The event types. The zero EventType is invalid, so that an Event literal
// without a Type is rejected rather than taken for some event.
const (
	_                        EventType = iota
	EarlyHelpStarted                   // early help offered and accepted
	EarlyHelpEnded                     // early help finished without a referral; closes the case
	ReferralReceived                   // a referral received by children's social care (starts the 1-day and 45-day clocks)
	ReferralDecision                   // next steps decided on the latest referral; Outcome is the decision
	ImmediateProtectionTaken           // emergency action taken to protect the child; Outcome single-agency or planned
	AssessmentStarted                  // section 17 assessment started
	AssessmentConcluded                // section 17 assessment concluded; Outcome is the next step
	StrategyDiscussionHeld             // strategy discussion held; Outcome says whether section 47 enquiries were initiated
	Section47Concluded                 // section 47 enquiry concluded; Outcome says whether concerns were substantiated
	InitialConferenceHeld              // initial child protection conference held; Outcome plan (with Category) or no plan
	CoreGroupMet                       // core group meeting held
	ReviewConferenceHeld               // child protection review conference held; Outcome continue or end the plan
	ChildInNeedPlanStarted             // child in need plan started outside an assessment's conclusion
	ChildInNeedPlanReviewed            // child in need plan reviewed
	ChildInNeedPlanEnded               // child in need plan ended
	PlanEnded                          // child protection plan ended outside a review conference; Outcome is the ground
	TransferInNotified                 // this area notified that a child on another area's plan has moved in
	TransferInConferenceHeld           // the receiving area's conference held; Outcome plan (with Category) or no plan
	PreProceedingsStarted              // pre-proceedings started under a child protection plan
	CaseClosed                         // case closed to children's social care
	ChildSeen                          // the child seen by the lead practitioner (para 153)
	ChildBorn                          // an unborn child's birth; the event's date is the date of birth
	ChildDied                          // the child died; the case leaves the pathway
	TransferredOut                     // the family moved permanently to another area, with no plan in force; the case leaves
	ProceedingsIssued                  // care proceedings issued; the case leaves this pathway for the court's timetable
	numEventTypes
)

var eventNames = [numEventTypes]string{
	"", "early-help-started", "early-help-ended", "referral-received", "referral-decision",
	"immediate-protection-taken", "assessment-started", "assessment-concluded",
	"strategy-discussion", "section-47-concluded", "initial-conference", "core-group-met",
	"review-conference", "child-in-need-plan-started", "child-in-need-plan-reviewed",
	"child-in-need-plan-ended", "plan-ended", "transfer-in-notified", "transfer-in-conference",
	"pre-proceedings-started", "case-closed", "child-seen", "child-born", "child-died",
	"transferred-out", "care-proceedings-issued",
}

// EventTypes returns every valid event type in pathway order.
func EventTypes() []EventType {
	s := make([]EventType, 0, numEventTypes-1)
	for i := EventType(1); i < numEventTypes; i++ {
		s = append(s, i)
	}
	return s
}

// String returns the event type's name in the JSON format, for example
// "referral-received".
func (t EventType) String() string {
	if t > 0 && t < numEventTypes {
		return eventNames[t]
	}
	return fmt.Sprintf("EventType(%d)", uint8(t))
}

func (t EventType) valid() bool { return t > 0 && t < numEventTypes }

// MarshalText implements [encoding.TextMarshaler].
func (t EventType) MarshalText() ([]byte, error) {
	if !t.valid() {
		return nil, fmt.Errorf("pathway: cannot marshal unknown event type %d", uint8(t))
	}
	return []byte(eventNames[t]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *EventType) UnmarshalText(b []byte) error {
	if v, ok := parseEventType(b); ok {
		*t = v
		return nil
	}
	return fmt.Errorf("pathway: unknown event type %q", b)
}

func parseEventType[T ~string | ~[]byte](s T) (EventType, bool) {
	if i, ok := findName(&eventTypeSet, s); ok {
		return EventType(i + 1), true
	}
	return 0, false
}

// An Outcome is the decision, outcome or ground an event records: what the
// referral decision decided, whether a strategy discussion initiated section
// 47 enquiries, why a plan ended. Each event type that has one accepts only
// its own outcomes ([Outcomes]); it decides which stage follows.
type Outcome uint8

// The outcomes. The zero Outcome means "none": the event type has no outcome.
const (
	NoOutcome                  Outcome = iota
	OutcomeNoFurtherAction             // referral decision, assessment concluded
	OutcomeEarlyHelp                   // referral decision, assessment concluded: step down to early help
	OutcomeSection17Assessment         // referral decision
	OutcomeStrategyDiscussion          // referral decision, assessment concluded
	OutcomeImmediateProtection         // referral decision
	OutcomeChildInNeedPlan             // assessment concluded
	OutcomeSection47                   // strategy discussion: section 47 enquiries initiated
	OutcomeNoSection47                 // strategy discussion: no section 47 enquiries
	OutcomeSubstantiated               // section 47 concluded: concerns of significant harm substantiated
	OutcomeNotSubstantiated            // section 47 concluded: not substantiated
	OutcomePlan                        // conference: the child becomes (or remains) the subject of a child protection plan
	OutcomeNoPlan                      // conference: no child protection plan
	OutcomeContinue                    // review conference: the plan continues
	OutcomeEnd                         // review conference: the plan ends (no longer at risk)
	OutcomeNoLongerAtRisk              // plan ended: no longer suffering or likely to suffer significant harm
	OutcomeMovedAway                   // plan ended: moved permanently to another area, whose conference has been held
	OutcomeReached18                   // plan ended: the child reached 18
	OutcomeLeftUK                      // plan ended: the child permanently left the United Kingdom
	OutcomeSingleAgency                // emergency action: a single agency acted immediately; a strategy discussion is due after
	OutcomePlanned                     // emergency action: planned at a strategy discussion already held
	numOutcomes
)

var outcomeNames = [numOutcomes]string{
	"", "no-further-action", "early-help", "section-17-assessment", "strategy-discussion",
	"immediate-protection", "child-in-need-plan", "section-47", "no-section-47",
	"substantiated", "not-substantiated", "plan", "no-plan", "continue", "end",
	"no-longer-at-risk", "moved-away", "reached-18", "left-uk", "single-agency", "planned",
}

// String returns the outcome's name in the JSON format, or "" for NoOutcome.
func (o Outcome) String() string {
	if o < numOutcomes {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

func parseOutcome[T ~string | ~[]byte](s T) (Outcome, bool) {
	if i, ok := findName(&outcomeSet, s); ok {
		return Outcome(i + 1), true
	}
	return 0, false
}

// A Category is the category of abuse or neglect under which a conference
// makes a child the subject of a child protection plan, as recorded in the
// children in need census.
type Category uint8

// The categories. The zero Category means none was recorded.
const (
	NoCategory Category = iota
	CategoryNeglect
	CategoryPhysicalAbuse
	CategoryEmotionalAbuse
	CategorySexualAbuse
	CategoryMultiple
	numCategories
)

var categoryNames = [numCategories]string{
	"", "neglect", "physical-abuse", "emotional-abuse", "sexual-abuse", "multiple",
}

// String returns the category's name in the JSON format, or "" for NoCategory.
func (c Category) String() string {
	if c < numCategories {
		return categoryNames[c]
	}
	return fmt.Sprintf("Category(%d)", uint8(c))
}

func parseCategory[T ~string | ~[]byte](s T) (Category, bool) {
	if i, ok := findName(&categorySet, s); ok {
		return Category(i + 1), true
	}
	return 0, false
}

// A Power is the statutory power under which emergency action removed or
// kept a child safe, when the event records it (Working Together 2023,
// chapter 3, immediate protection: an emergency protection order "wherever
// possible", police powers "only in exceptional circumstances").
type Power uint8

// The powers. The zero Power means none was recorded.
const (
	NoPower                  Power = iota
	PolicePowers                   // police protection (Children Act 1989, section 46)
	EmergencyProtectionOrder       // an emergency protection order made by the court (section 44)
	numPowers
)

var powerNames = [numPowers]string{"", "police-protection", "emergency-protection-order"}

// String returns the power's name in the JSON format, or "" for NoPower.
func (p Power) String() string {
	if p < numPowers {
		return powerNames[p]
	}
	return fmt.Sprintf("Power(%d)", uint8(p))
}

// A Closure is why a case was closed, as the children in need census records
// it (ReasonForClosure, codes RC1 to RC9 of the DfE's CIN census schema). It
// is typed data, apart from an event's free-text Reason, which records why
// the event was late.
//
// In JSON a closure is written by its name ("adopted", "died", ...), not its
// census code, so that a log reads without the census guide; [Closure.Code]
// gives the code.
type Closure uint8

// The closures, in census code order. The zero Closure means none was
// recorded.
const (
	NoClosure                         Closure = iota
	ClosureAdopted                            // RC1: adopted
	ClosureDied                               // RC2: died
	ClosureChildArrangementsOrder             // RC3: child arrangements order
	ClosureSpecialGuardianshipOrder           // RC4: special guardianship order
	ClosureTransferredToAnotherLA             // RC5: transferred to services of another local authority
	ClosureTransferredToAdultServices         // RC6: transferred to adult social care services
	ClosureServicesCeased                     // RC7: services ceased for any other reason, including child no longer in need
	ClosureAssessedNoFurtherAction            // RC8: case closed after assessment, no further action
	ClosureAssessedEarlyHelp                  // RC9: case closed after assessment, referred to early help
	numClosures
)

var closureNames = [numClosures]string{
	"", "adopted", "died", "child-arrangements-order", "special-guardianship-order",
	"transferred-to-another-local-authority", "transferred-to-adult-social-care",
	"services-ceased", "assessed-no-further-action", "assessed-referred-to-early-help",
}

// Closures returns every closure, in census code order, without NoClosure.
func Closures() []Closure {
	s := make([]Closure, 0, numClosures-1)
	for i := Closure(1); i < numClosures; i++ {
		s = append(s, i)
	}
	return s
}

// String returns the closure's name in the JSON format, or "" for NoClosure.
func (c Closure) String() string {
	if c < numClosures {
		return closureNames[c]
	}
	return fmt.Sprintf("Closure(%d)", uint8(c))
}

// Code returns the closure's ReasonForClosure code in the children in need
// census, "RC1" to "RC9", or "" for NoClosure or an unknown closure.
func (c Closure) Code() string {
	if c == NoClosure || c >= numClosures {
		return ""
	}
	return closureCodes[3*(c-1) : 3*c]
}

// closureCodes holds the census codes RC1 to RC9 end to end, so that Code
// slices it rather than formatting one for each call.
const closureCodes = "RC1RC2RC3RC4RC5RC6RC7RC8RC9"
