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
// by side. A referral starts the one-working-day decision clock; a decision
// to assess (or to hold a strategy discussion, or to protect the child
// immediately) starts the 45-working-day assessment clock from the referral;
// a strategy discussion that initiates section 47 enquiries starts the
// initial-conference clock, and later discussions leave it running from that
// one; a plan starts the first core group, first review and (with a birth
// date) the age-18 clocks; each review that continues the plan starts the
// next review's clock from the day it was held, so a review brought forward
// moves the next one forward too. A section 47 enquiry is the assessment
// continued, so its conclusion settles the assessment clock.
//
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
//   - A case starts in [StageNew]; a referral, early help or a transfer-in
//     notification opens it. A closed case reopens on a new referral.
//   - A referral decided "no further action" closes the case; an assessment
//     concluded that way too. A child in need plan, early help or closure
//     follows [StageOpen], where a case with nothing under way waits.
//   - A new referral is allowed on a case open to early help, on a child in
//     need plan, open with nothing under way, or closed; during an
//     assessment, an enquiry or a plan, new information goes into that work
//     (a strategy discussion can be held) rather than a new referral.
//   - Ending a plan because the child moved away needs the date the
//     receiving area held its conference, not after the plan's end. Ending
//     it at 18 needs the birth date. The age-18 clock is settled whenever the
//     plan ends, and is late only if the plan outlived the 18th birthday.
//     (The rulebook judges it by the edition in force on that birthday.) A
//     conference cannot make a plan for someone already 18 ([AdultError]).
//   - A conference held after a child on a plan moves in, that makes a plan,
//     starts the same clocks as an initial conference.
//   - Pre-proceedings start under a child protection plan and run beside it:
//     core groups and reviews go on.
//   - Lateness is always counted in working days, even for calendar-month
//     rules; a review due on a Saturday and held on Monday is one working day
//     late.
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
//	  {"type":"assessment-started","date":"2024-04-03"},
//	  {"type":"strategy-discussion","date":"2024-05-10","outcome":"section-47"},
//	  {"type":"section-47-concluded","date":"2024-06-12","outcome":"substantiated","reason":"awaiting medical"},
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
