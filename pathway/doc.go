// Package pathway models one child's case along England's child-protection
// pathway, as Working Together to Safeguard Children sets it out, as a typed
// state machine: dated events in, the stage and every statutory deadline out.
//
// # Model
//
// A [Case] holds a log of [Event]s in date order. Each event moves the case
// from one [Stage] to another along the transition table ([Transitions]),
// which is data: it can be listed, drawn ([Mermaid]), and asked what a stage
// allows ([Allowed]) without applying anything. An event is applied whole or
// not at all ([Case.Apply]): a refused event leaves the case exactly as it
// was and returns a *[TransitionError], *[OrderError] or *[EventError].
//
// The stage is where the case stands; the clocks are separate and run side
// by side. Which clocks an event starts (and from which anchor), settles,
// withdraws or waives is data too: each transition carries its [Effect]s,
// which [Transition.String] lists. A referral starts the one-working-day
// decision clock; a decision to assess further (to assess, to hold a
// strategy discussion, or to protect the child immediately) settles it and
// starts the child-seen clock and the 45-working-day assessment clock from
// the referral; a strategy discussion that initiates section 47 enquiries
// starts the initial-conference clock, and later discussions leave it
// running from that one; a plan starts the first core group, first review
// and (with a birth date) the age-18 clocks; each review that continues the
// plan starts the next review's clock from the day it was held, so a review
// brought forward moves the next one forward too. Single-agency emergency
// action starts the clock for the strategy discussion that must follow it;
// planned action starts none. Running clocks are indexed by rule, so that
// replaying a case costs time in proportion to its events.
//
// A case leaves the pathway when the child dies, when the family moves away
// permanently (with a plan, only after the receiving area's conference; with
// none, the case transfers out), when care proceedings are issued, or when
// it is closed. Every open stage has these exits, and every open stage
// allows strategy discussions and emergency action. When a case leaves, its
// clocks are withdrawn: one already past due is missed; the others are no
// longer deadlines and are not listed.
//
// # The assessment clock
//
// One rule settles the 45-working-day assessment clock (Working Together
// 2023, para 155, "from the point of referral"): the assessment's own
// conclusion, [AssessmentConcluded], which can be recorded during the
// assessment, during a section 47 enquiry, while the initial conference is
// due, on a plan, on a child in need plan begun before it concluded, and
// when the case is open. Nothing else settles it: not the enquiry's
// conclusion, not a conference, not a plan. When no conclusion is ever
// recorded, the clock runs until the case leaves the pathway, which
// withdraws it (missed if it was already past due), so that an assessment
// never concluded shows as overdue rather than as met on some other
// event's date.

// This package does no date arithmetic of its own: every due date comes from
// the [timescales.Rulebook] (by default [timescales.National]) on the
// [holidays.Calendar] (by default [holidays.EnglandAndWales]), under the
// edition in force on the clock's anchor date, and every [Clock] carries its
// rule, with the rule's ID and citation, and the edition.
//
// [Case.Deadlines] answers, for any as-of date, what was open (due date and
// working days left), met, late (by how many working days, with the reason
// recorded on the event that settled it), missed (stopped after its due date
// without its target), done (as-soon-as-possible rules, which have no
// verdict, only the working days taken) and not yet started. [Case.StageAt]
// gives the stage at a past date.
//
// # Where the guidance is silent
//
// Each choice below rests on the passage cited (Working Together to
// Safeguard Children 2023, chapter 3, unless another is named).
//
//   - A case starts in [StageNew]; a referral, early help or a transfer-in
//     notification opens it. A closed case reopens on a new referral (para
//     150: anyone with concerns may refer).
//   - A referral decided "no further action" closes the case; an assessment
//     concluded that way during the assessment too. A child in need plan,
//     early help or closure follows [StageOpen], where a case with nothing
//     under way waits (paras 153 and 155: the decision and the assessment
//     decide "next steps").
//   - A new referral is allowed on a case open to early help, on a child in
//     need plan, open with nothing under way, or closed; during an
//     assessment, an enquiry or a plan, new information goes into that work
//     (strategy discussion: it "can take place ... when new information is
//     received on an already open case").
//   - Protection at any time: every open stage allows a strategy discussion
//     (strategy discussion: "following a referral or at any other time") and
//     emergency action (immediate protection: the area where the child is
//     found "is responsible for taking emergency action", even for a child
//     on another area's plan). Held while a referral awaits its decision,
//     either takes the decision's place: it settles the decision clock and
//     starts what a decision to assess further starts (para 153). During an
//     enquiry, while a conference is due, on a plan or while a transfer-in
//     conference is due, a discussion that initiates enquiries starts no
//     new conference clock: the conference already due, or the plan's
//     review, hears it.
//   - Emergency action says whether a single agency acted immediately,
//     which starts the clock for the strategy discussion "as soon as possible
//     after action has been taken", or was planned at a discussion already
//     held, which starts none (immediate protection: "Planned emergency
//     action will normally take place following an immediate strategy
//     discussion"). Where no enquiry, conference or plan is under way, a
//     discussion is due after either kind. The power used may be recorded
//     ([Power]).
//   - The child-seen clock (para 153) starts on a decision to assess
//     further, from that decision, and settles on the first [ChildSeen]
//     after it. A visit can be recorded once such a decision can have been
//     taken; before it (a referral awaiting its decision, early help), there
//     is no clock for it to settle, and accepting it there would let the
//     same facts recorded in another order on the decision's day give
//     another verdict. An edition that sets no such timescale (before 2023)
//     starts no clock.
//   - An unborn child's case is made without a birth date; [ChildBorn]
//     records the birth (the event's date), once. The age-18 clock runs from
//     the birth: started with the plan when the birth date is known, or at
//     the birth when a plan is already in force (initial child protection
//     conference: a conference may be held "prior to the child's birth").
//   - Exits: a child's death ([ChildDied]) and care proceedings
//     ([ProceedingsIssued]; initiating pre-proceedings: "proceedings can be
//     initiated at any stage") close the case from every open stage. A
//     family that moves away permanently with no plan in force transfers out
//     ([TransferredOut]); with a plan, the plan ends only after the
//     receiving area's conference (discontinuing the child protection plan:
//     "Only after this event may the original local authority discontinue
//     its child protection plan"), recorded by plan-ended with the date of
//     that conference. [CaseClosed] closes a case with nothing else under
//     way, or abandons the work in progress outside a plan; early help and
//     a referral awaiting its decision close by their own events.
//   - Why a case closed is typed data on [CaseClosed] (JSON "closure"),
//     coded as the children in need census codes it ([Closure]:
//     ReasonForClosure RC1 to RC9), apart from the free-text reason, which
//     is the reason for lateness. It is optional: Working Together 2023 asks
//     for no reason for closing a case, and logs written before the field
//     existed must still replay; absent means not recorded. The census asks
//     for one whenever an episode of need closes (DfE rule 8805) and accepts
//     only its own codes (rule 8640), so a host making a census return
//     should record it. The closure settles, withdraws and starts no clock:
//     a case closed with any closure, or none, gets the same verdicts.
//   - Ending a plan at 18 needs the birth date. The age-18 clock is settled
//     whenever the plan ends, and is late only if the plan outlived the 18th
//     birthday (discontinuing the child protection plan: "a review around
//     the child's birthday"; a 29 February birthday falls on 1 March in a
//     common year). The rulebook judges it by the edition in force on that
//     birthday. A conference cannot make a plan for someone already 18
//     ([AdultError]).
//   - A conference held after a child on a plan moves in, that makes a plan,
//     starts the same clocks as an initial conference (discontinuing the
//     child protection plan: the receiving area "should convene a child
//     protection conference").
//   - Pre-proceedings start under a child protection plan and run beside it:
//     core groups and reviews go on (initiating pre-proceedings: "Once the
//     child protection process has been carried out").
//   - A section 47 enquiry that does not substantiate concerns waives the
//     conference clock: no conference is due, however long the enquiry took
//     (outcome of section 47 enquiries).
//   - Lateness is always counted in working days, even for calendar-month
//     rules, and is at least 1 once the due date has passed: a review due on
//     a Saturday and held on Monday is one working day late.
//   - An event dated before 15 April 2013 (the oldest edition in the national
//     rulebook) is refused: no edition of the guidance applies to it.
//
// # JSON format
//
// A case's log is one JSON object ([Log]); the events carry a "type" and an
// ISO 8601 "date", then the fields of their type (see [Event]):
//
//	{"id":"case-1","birth_date":"2012-05-04","events":[
//	  {"type":"referral-received","date":"2024-03-28"},
//	  {"type":"referral-decision","date":"2024-04-02","decision":"section-17-assessment"},
//	  {"type":"child-seen","date":"2024-04-02"},
//	  {"type":"assessment-started","date":"2024-04-03"},
//	  {"type":"strategy-discussion","date":"2024-05-10","outcome":"section-47"},
//	  {"type":"assessment-concluded","date":"2024-06-12","outcome":"strategy-discussion","reason":"awaiting medical"},
//	  {"type":"section-47-concluded","date":"2024-06-12","outcome":"substantiated"},
//	  {"type":"initial-conference","date":"2024-06-14","outcome":"plan","category":"neglect"},
//	  {"type":"core-group-met","date":"2024-06-20"},
//	  {"type":"review-conference","date":"2024-09-10","outcome":"continue"},
//	  {"type":"plan-ended","date":"2025-01-17","ground":"moved-away","receiving_conference":"2025-01-15"}]}
//
// "birth_date" is optional. An unknown event type, an unknown field, a field
// that the event's type does not carry, a field given twice, or a value of
// the wrong JSON type is an error naming the event's index and the field. Replaying a log ([Replay])
// gives the same case; [Case.MarshalJSON] writes it on one line.
//
// A [Decoder] reads many cases: JSON Lines with one case per line, or any
// sequence of case objects; its errors are *[DecodeError]s with the line on
// which the event at fault (or else the case) starts.
//
// # Concurrency
//
// Cases share only the immutable calendar and rulebook, so separate cases
// can be replayed and judged in parallel. The transition table is read-only.
package pathway
