// Package timescales is the rulebook of Working Together to Safeguard
// Children: every timescale the guidance sets, as data with its edition and
// paragraph, and the arithmetic that turns a rule and an anchor date into a
// deadline on an England and Wales [holidays.Calendar], and an actual date
// into a verdict.
//
// It knows nothing of cases: the pathway package decides which anchor
// applies; this package says what follows from it.
package timescales

import (
	"fmt"

	"github.com/workingtogether/safeguarding/holidays"
)

// A RuleID names a rule stably across editions: the same ID in the 2018 and
// 2023 editions is the same requirement, perhaps with another paragraph.
type RuleID string

// The national rules. Every edition carries the rules that it sets.
const (
	ReferralDecision            RuleID = "referral-decision"        // acknowledge and decide next steps
	ChildSeen                   RuleID = "child-seen"               // child seen after a decision to assess further
	Assessment                  RuleID = "assessment"               // section 17 or 47 assessment concluded
	ImmediateProtection         RuleID = "immediate-protection"     // action to protect a child at risk
	StrategyAfterEmergency      RuleID = "strategy-after-emergency" // strategy discussion after single-agency emergency action
	ICPC                        RuleID = "icpc"                     // initial child protection conference
	CoreGroupFirst              RuleID = "core-group-first"         // first core group meeting
	ReviewFirst                 RuleID = "review-first"             // first review conference
	ReviewNext                  RuleID = "review-next"              // each later review conference
	TransferInConference        RuleID = "transfer-in-conference"   // conference after a child on a plan moves in
	PlanEndsAt18                RuleID = "plan-ends-at-18"          // child protection plan ends at 18
	AllegationToLADO            RuleID = "allegation-to-designated-officer"
	SeriousIncidentNotice       RuleID = "serious-incident-notification"
	RapidReview                 RuleID = "rapid-review"
	PracticeReviewPublished     RuleID = "practice-review-published"
	PracticeReviewToPanel       RuleID = "practice-review-to-panel"
	PracticeReviewToOfsted      RuleID = "practice-review-to-ofsted"
	YearlyReportPublished       RuleID = "yearly-report-published"
	YearlyReportToPanel         RuleID = "yearly-report-to-panel"
	CoronerToChildDeathReview   RuleID = "coroner-to-child-death-review"
	RegistrarToChildDeathReview RuleID = "registrar-to-child-death-review"
)

// A Unit is what a bound counts.
type Unit string

// The units of a bound.
const (
	WorkingDays      Unit = "working-days"        // on the calendar; the anchor is day 0
	CalendarDays     Unit = "calendar-days"       // the anchor is day 0
	CalendarMonths   Unit = "calendar-months"     // by the corresponding-date rule
	YearsOfAge       Unit = "years-of-age"        // a birthday: 29 February births reach it on 1 March in a common year
	AsSoonAsPossible Unit = "as-soon-as-possible" // no fixed bound: elapsed time is reported, not a verdict
)

// A Bound is how long a rule allows: N units after the anchor, or, when
// Before is set, N units before it (the latest day something may happen,
// as in "7 working days before publication").
type Bound struct {
	N      int  `json:"n,omitempty"`
	Unit   Unit `json:"unit"`
	Before bool `json:"before,omitempty"`
}

// String gives the bound as the guidance words it: "within 15 working days",
// "7 working days before", "as soon as possible".
func (b Bound) String() string {
	switch b.Unit {
	case AsSoonAsPossible:
		return "as soon as possible"
	case YearsOfAge:
		return fmt.Sprintf("at %d years of age", b.N)
	}
	unit := map[Unit]string{WorkingDays: "working day", CalendarDays: "day", CalendarMonths: "month"}[b.Unit]
	if b.N != 1 {
		unit += "s"
	}
	if b.Before {
		return fmt.Sprintf("%d %s before", b.N, unit)
	}
	return fmt.Sprintf("within %d %s", b.N, unit)
}

// A Citation says where a rule comes from, precisely enough to defend a
// deadline by paragraph: the document by title and edition, its chapter or
// section, and its paragraph.
type Citation struct {
	Edition   string `json:"edition"`             // for example "Working Together to Safeguard Children 2023"
	Chapter   string `json:"chapter,omitempty"`   // chapter or section heading
	Paragraph string `json:"paragraph,omitempty"` // paragraph number, footnote or box
	Quote     string `json:"quote,omitempty"`     // the words that set the timescale
	// Unverified marks a citation whose paragraph and wording have not been
	// checked against the edition's published text: the edition, its
	// chapter and the timescale are those the guidance restates in its next
	// edition, but a reader defending a deadline should confirm the passage
	// in the published edition first.
	Unverified bool `json:"unverified,omitempty"`
}

// String gives the citation as a reader looks it up: edition, chapter and
// paragraph, without the quoted words, and a warning when it is
// [Citation.Unverified].
func (c Citation) String() string {
	s := c.Edition
	if c.Chapter != "" {
		s += ", " + c.Chapter
	}
	if c.Paragraph != "" {
		s += ", para " + c.Paragraph
	}
	if c.Unverified {
		s += " (not checked against the published text)"
	}
	return s
}

// A Rule is one timescale: from an anchor event to a target event, within a
// bound.
type Rule struct {
	ID        RuleID   `json:"id"`
	Name      string   `json:"name"`
	Anchor    string   `json:"anchor"` // the event the clock starts from
	Target    string   `json:"target"` // the event that must happen in time
	Bound     Bound    `json:"bound"`
	Statutory bool     `json:"statutory"`       // statutory guidance, or non-statutory advice
	Local     bool     `json:"local,omitempty"` // set by a local protocol, not the national guidance
	Citation  Citation `json:"citation"`
	// InForce is the day the edition's rule applies from when that is not
	// the edition's own in-force date, and the zero Date otherwise. The
	// serious incident notification of the 2018 edition applies from
	// 29 June 2018, when the duty commenced, though the guidance was
	// published on 4 July: an anchor on or after InForce takes this rule,
	// before it the rule of the older edition in force then, if any.
	InForce holidays.Date `json:"in_force,omitzero"`
}
