package timescales

import (
	"sync"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
)

// National returns the national rulebook: Working Together to Safeguard
// Children 2023, 2018, 2015 and 2013, each with the date it came into force
// and the timescales it sets. It is built once; every caller gets the same
// immutable value, so a host that needs local protocols lays them over it
// with [Rulebook.WithLocal] rather than changing it.
//
// The 2018 edition's rules on serious incidents apply from 29 June 2018, a
// few days before the edition itself (see [Rule.InForce]).
func National() *Rulebook { return national() }

// national panics only if the literals below are inconsistent, which the
// package's tests would catch before any release: it is not reachable from
// input.
var national = sync.OnceValue(func() *Rulebook {
	b, err := nationalEditions()
	if err != nil {
		panic("timescales: the national rulebook does not validate: " + err.Error())
	}
	return b
})

// nationalEditions builds each older edition from the next newer one.
func nationalEditions() (*Rulebook, error) {
	eds := []Edition{edition2023()}
	for _, older := range []func(newer Edition) (Edition, error){edition2018, edition2015, edition2013} {
		e, err := older(eds[len(eds)-1])
		if err != nil {
			return nil, err
		}
		eds = append(eds, e)
	}
	return NewRulebook(eds)
}

// Edition titles, as cited.
const (
	wt2023 = "Working Together to Safeguard Children 2023"
	wt2018 = "Working Together to Safeguard Children 2018"
	wt2015 = "Working Together to Safeguard Children 2015"
	wt2013 = "Working Together to Safeguard Children 2013"
)

// Chapter and section headings of the 2023 edition, as cited.
const (
	ch2Yearly      = "Chapter 2: Multi-agency safeguarding arrangements; Yearly report"
	ch3Timeliness  = "Chapter 3: Providing help, support and protection; Section 2: Safeguarding and promoting the welfare of children; Timeliness"
	ch3Immediate   = "Chapter 3: Providing help, support and protection; Section 3: Child protection; Immediate protection"
	ch3Outcome47   = "Chapter 3: Providing help, support and protection; Section 3: Child protection; Outcome of section 47 enquiries"
	ch3Plan        = "Chapter 3: Providing help, support and protection; Section 3: Child protection; The child protection plan"
	ch3Review      = "Chapter 3: Providing help, support and protection; Section 3: Child protection; Child protection review conference"
	ch3Discontinue = "Chapter 3: Providing help, support and protection; Section 3: Child protection; Discontinuing the child protection plan"
	ch4Trust       = "Chapter 4: Organisational responsibilities; People in positions of trust"
	ch5Notify      = "Chapter 5: Learning from serious child safeguarding incidents; Duty on local authorities to notify incidents to the Child Safeguarding Practice Review Panel"
	ch5Report      = "Chapter 5: Learning from serious child safeguarding incidents; Safeguarding partners – expectations of the final report"
	ch5Box         = "Chapter 5: Learning from serious child safeguarding incidents; box: How to notify a serious incident, rapid review, and local child safeguarding practice review; The rapid review"
	ch1Assessing   = "Chapter 1: Assessing need and providing help" // of the 2013 and 2018 editions
	ch6Bodies      = "Chapter 6: Child death reviews; Specific responsibilities of relevant bodies in relation to child deaths"
)

// Anchors and targets shared by the editions, so that the same rule reads the
// same in each.
const (
	anchorReferral       = "referral received by local authority children's social care"
	anchorAssessDecision = "decision, on the next steps after a referral, that the referral requires further assessment"
	targetChildSeen      = "child seen"
	targetDecision       = "receipt acknowledged to the referrer and next steps decided by a social work qualified practice supervisor or manager"
	targetAssessment     = "assessment under section 17 or section 47 concluded, so that a decision on next steps can be reached"
	targetProtection     = "action taken to protect a child in need of immediate protection"
	anchorEmergency      = "emergency action taken by a single agency that had to act immediately"
	targetStrategy       = "strategy discussion held"
	anchorStrategy       = "strategy discussion at which section 47 enquiries were initiated (the later one, if more than one was held)"
	targetICPC           = "initial child protection conference held"
	anchorICPC           = "initial child protection conference at which the child became the subject of a child protection plan"
	targetCoreGroup      = "first core group meeting held"
	targetReviewFirst    = "first child protection review conference held"
	anchorReviewPrev     = "previous child protection review conference"
	targetReviewNext     = "next child protection review conference held"
	anchorMoveNotice     = "receiving local authority notified that a child subject to a child protection plan has moved permanently into its area"
	targetTransferConf   = "child protection conference convened by the receiving local authority (only after it may the original authority discontinue its plan)"
	anchorBirth          = "the child's date of birth"
	targetPlanEnds       = "child protection plan ended at 18, at a review planned in advance and held around the birthday"
)

func edition2023() Edition {
	cite := func(chapter, para, quote string) Citation {
		return Citation{Edition: wt2023, Chapter: chapter, Paragraph: para, Quote: quote}
	}
	return Edition{
		Year:    2023,
		Title:   wt2023,
		InForce: holidays.Date{Year: 2023, Month: time.December, Day: 15},
		Source: "The edition is dated December 2023 on its title page and says at paragraph 2 that it " +
			"replaces Working Together to Safeguard Children 2018; it states no commencement day. " +
			"It applies from 15 December 2023, the day the Department for Education published it on GOV.UK " +
			"(\"Working together to safeguard children 2023\").",
		Rules: []Rule{
			{
				ID:        ReferralDecision,
				Name:      "Referral acknowledged and next steps decided",
				Anchor:    anchorReferral,
				Target:    targetDecision,
				Bound:     Bound{N: 1, Unit: WorkingDays},
				Statutory: true,
				Citation: cite(ch3Timeliness, "153",
					"Within one working day of a referral being received, local authority children's social care should acknowledge receipt to the referrer and a social work qualified practice supervisor or manager should decide next steps and the type of response required."),
			},
			{
				// Para 153 lists what the next-steps decision determines,
				// among them "to see the child as soon as possible if the
				// decision is taken that the referral requires further
				// assessment": the clock starts on that decision, not on the
				// referral, and only when the decision is to assess further.
				ID:        ChildSeen,
				Name:      "Child seen after a decision to assess further",
				Anchor:    anchorAssessDecision,
				Target:    targetChildSeen,
				Bound:     Bound{Unit: AsSoonAsPossible},
				Statutory: true,
				Citation: cite(ch3Timeliness, "153",
					"This will include determining whether: ... to see the child as soon as possible if the decision is taken that the referral requires further assessment"),
			},
			{
				ID:        Assessment,
				Name:      "Assessment concluded (section 17 or 47)",
				Anchor:    anchorReferral,
				Target:    targetAssessment,
				Bound:     Bound{N: 45, Unit: WorkingDays},
				Statutory: true,
				Citation: cite(ch3Timeliness, "155",
					"The maximum timeframe for the assessment to conclude, such that it is possible to reach a decision on next steps, should be no longer than 45 working days from the point of referral. If, in discussion with a child and their family and other practitioners, an assessment exceeds 45 working days, the lead practitioner should record the reasons for exceeding the time limit."),
			},
			{
				ID:        ImmediateProtection,
				Name:      "Immediate protection",
				Anchor:    "referral made to local authority children's social care",
				Target:    targetProtection,
				Bound:     Bound{Unit: AsSoonAsPossible},
				Statutory: true,
				Citation: cite(ch3Timeliness, "154",
					"For children in need of immediate protection, action must be taken by the local authority, the police (including British Transport Police) or the NSPCC if removal is required. This should happen as soon as possible after the referral has been made to local authority children's social care."),
			},
			{
				ID:        StrategyAfterEmergency,
				Name:      "Strategy discussion after single-agency emergency action",
				Anchor:    anchorEmergency,
				Target:    targetStrategy,
				Bound:     Bound{Unit: AsSoonAsPossible},
				Statutory: true,
				Citation: cite(ch3Immediate, "",
					"Where a single agency has to act immediately, a strategy discussion should take place as soon as possible after action has been taken"),
			},
			{
				ID:        ICPC,
				Name:      "Initial child protection conference",
				Anchor:    anchorStrategy,
				Target:    targetICPC,
				Bound:     Bound{N: 15, Unit: WorkingDays},
				Statutory: true,
				Citation: cite(ch3Outcome47, "",
					"The initial child protection conference should take place within 15 working days of a strategy discussion, or the strategy discussion at which section 47 enquiries were initiated if more than one has been held"),
			},
			{
				ID:        CoreGroupFirst,
				Name:      "First core group meeting",
				Anchor:    anchorICPC,
				Target:    targetCoreGroup,
				Bound:     Bound{N: 10, Unit: WorkingDays},
				Statutory: true,
				Citation: cite(ch3Plan, "",
					"The core group should: meet within 10 working days from the initial child protection conference if the child is the subject of a child protection plan"),
			},
			{
				ID:        ReviewFirst,
				Name:      "First child protection review conference",
				Anchor:    anchorICPC,
				Target:    targetReviewFirst,
				Bound:     Bound{N: 3, Unit: CalendarMonths},
				Statutory: true,
				Citation: cite(ch3Review, "",
					"determine when the review conference should be held within three months of the initial conference, and thereafter at maximum intervals of six months"),
			},
			{
				ID:        ReviewNext,
				Name:      "Later child protection review conference",
				Anchor:    anchorReviewPrev,
				Target:    targetReviewNext,
				Bound:     Bound{N: 6, Unit: CalendarMonths},
				Statutory: true,
				Citation: cite(ch3Review, "",
					"determine when the review conference should be held within three months of the initial conference, and thereafter at maximum intervals of six months"),
			},
			{
				ID:        TransferInConference,
				Name:      "Conference after a child on a plan moves in",
				Anchor:    anchorMoveNotice,
				Target:    targetTransferConf,
				Bound:     Bound{N: 15, Unit: WorkingDays},
				Statutory: true,
				Citation: cite(ch3Discontinue, "",
					"the child and family have moved permanently to another local authority area. In such cases, the receiving local authority should convene a child protection conference within 15 working days of being notified of the move. Only after this event may the original local authority discontinue its child protection"),
			},
			{
				ID:        PlanEndsAt18,
				Name:      "Child protection plan ends at 18",
				Anchor:    anchorBirth,
				Target:    targetPlanEnds,
				Bound:     Bound{N: 18, Unit: YearsOfAge},
				Statutory: true,
				Citation: cite(ch3Discontinue, "",
					"the child has reached the age of 18 years (to end the child protection plan, the local authority should have a review around the child's birthday, and this should be planned in advance)"),
			},
			{
				ID:        AllegationToLADO,
				Name:      "Allegation against a person who works with children reported to the designated officer",
				Anchor:    "allegation comes to the employer's attention, or is made directly to the police",
				Target:    "designated officer (or team of officers) informed",
				Bound:     Bound{N: 1, Unit: WorkingDays},
				Statutory: true,
				Citation: cite(ch4Trust, "226",
					"The designated officer, or team of officers, should also be informed within one working day of all allegations that come to an employer's attention or that are made directly to the police."),
			},
			{
				ID:        SeriousIncidentNotice,
				Name:      "Serious incident notified to the Child Safeguarding Practice Review Panel",
				Anchor:    "local authority becomes aware that a serious child safeguarding incident has occurred",
				Target:    "notification made to the panel through the Child Safeguarding Online Notification System",
				Bound:     Bound{N: 5, Unit: WorkingDays},
				Statutory: true,
				Citation: cite(ch5Notify, "330",
					"The local authority should notify the panel of any incident that meets the above criteria via the Child Safeguarding Online Notification System. It should do so within five working days of becoming aware it has occurred."),
			},
			{
				ID:        RapidReview,
				Name:      "Rapid review submitted to the panel",
				Anchor:    "the serious incident",
				Target:    "rapid review submitted to the panel",
				Bound:     Bound{N: 15, Unit: WorkingDays},
				Statutory: false,
				Citation: cite(ch5Box, "",
					"Rapid reviews should be submitted to the panel within 15 working days of the incident. This is a non-statutory requirement"),
			},
			{
				ID:        PracticeReviewPublished,
				Name:      "Local child safeguarding practice review report published",
				Anchor:    "decision to initiate the local child safeguarding practice review",
				Target:    "review report completed and published",
				Bound:     Bound{N: 6, Unit: CalendarMonths},
				Statutory: true,
				Citation: cite(ch5Report, "365",
					"the report should be completed and published as soon as possible and no later than six months from the date of the decision to initiate a review"),
			},
			{
				ID:        PracticeReviewToPanel,
				Name:      "Full review report sent to the panel and the Secretary of State",
				Anchor:    "date of publication of the review report",
				Target:    "full report (or the information about improvements) sent to the panel and the Secretary of State",
				Bound:     Bound{N: 7, Unit: WorkingDays, Before: true},
				Statutory: true,
				Citation: cite(ch5Report, "364 and footnote 209",
					"Safeguarding partners must send a copy of the full report to the panel and to the Secretary of State no later than seven working days before the date of publication."),
			},
			{
				// The same paragraph: "They should also provide the report, or
				// information about improvements, to Ofsted within the same
				// timescale", the timescale of the copy to the panel.
				ID:        PracticeReviewToOfsted,
				Name:      "Review report sent to Ofsted",
				Anchor:    "date of publication of the review report",
				Target:    "report (or the information about improvements) provided to Ofsted",
				Bound:     Bound{N: 7, Unit: WorkingDays, Before: true},
				Statutory: true,
				Citation: cite(ch5Report, "364 and footnote 209",
					"Safeguarding partners must send a copy of the full report to the panel and to the Secretary of State no later than seven working days before the date of publication. ... They should also provide the report, or information about improvements, to Ofsted within the same timescale."),
			},
			{
				ID:        YearlyReportPublished,
				Name:      "Yearly report submitted and published",
				Anchor:    "end of the financial year reported on (31 March)",
				Target:    "yearly report submitted and published",
				Bound:     Bound{N: 6, Unit: CalendarMonths}, // 31 March + 6 months = 30 September, "the end of September"
				Statutory: true,
				Citation: cite(ch2Yearly, "109",
					"these should be submitted and published by the end of September every year, starting from 2024, and should be reflective of work undertaken the previous financial year (April to March)"),
			},
			{
				ID:        YearlyReportToPanel,
				Name:      "Yearly report sent to the panel and Foundations",
				Anchor:    "publication of the yearly report",
				Target:    "copy sent to the Child Safeguarding Practice Review Panel and to Foundations (What Works Centre for Children and Families)",
				Bound:     Bound{N: 7, Unit: CalendarDays},
				Statutory: true,
				Citation: cite(ch2Yearly, "109",
					"A copy should be sent to the Child Safeguarding Practice Review Panel ... and Foundations (What Works Centre for Children and Families) ..., given its focus on learning within 7 days of publication."),
			},
			{
				ID:        CoronerToChildDeathReview,
				Name:      "Coroner notifies the child death review partners",
				Anchor:    "coroner decides to investigate a child's death or commission a post-mortem",
				Target:    "child death review partners for the area where the child died or the body was found notified",
				Bound:     Bound{N: 3, Unit: WorkingDays},
				Statutory: true,
				Citation: cite(ch6Bodies, "",
					"Coroner's duty to notify the child death review partners for the area in which the child died or where the child's body was found within three working days of deciding to investigate a death or commission a post-mortem."),
			},
			{
				// Section 31 of the Children and Young Persons Act 2008, as
				// chapter 6 sets it out: "seven days", not working days (the
				// coroner's duty beside it says "three working days"). Each
				// entry is its own clock: a registration, a correction of the
				// register, or a Certificate of No Liability to Register.
				ID:        RegistrarToChildDeathReview,
				Name:      "Registrar supplies the child death review partners",
				Anchor:    "death of a person who was or may have been under 18 registered, or the entry corrected, or a Certificate of No Liability to Register issued",
				Target:    "particulars of the death entered in the register (or the correction, or notice of the certificate) supplied to the child death review partners for the sub-district in which the register is kept",
				Bound:     Bound{N: 7, Unit: CalendarDays},
				Statutory: true,
				Citation: cite(ch6Bodies, "",
					"The information must be provided to the appropriate child death review partners (which cover the sub-district in which the register is kept) no later than seven days from the date the death was registered, the date the correction was made or the date the certificate was issued."),
			},
		},
	}
}

// The older editions are derived from the newer: each states only what
// differs (its title, date and source, its citations, and the rules it does
// not set).

// panelDuties (in edition2018) is the day the duty to notify the Child Safeguarding Practice
// Review Panel, and the regulations on rapid and local reviews, commenced:
// GOV.UK's "Report a serious child safeguarding incident" ("From 29 June 2018
// local authorities in England must notify ... within 5 working days") and
// the Department for Education's serious incident notifications methodology
// ("The statutory duty to notify the Panel came into effect from 29 June
// 2018. Prior to this, notifications were made to Ofsted").
// Chapter 4 of the 2018 edition, by the headings of its contents.
const (
	ch4Notify2018 = "Chapter 4: Improving child protection and safeguarding practice; Duty on local authorities to notify incidents to the Child Safeguarding Practice Review Panel"
	ch4Report2018 = "Chapter 4: Improving child protection and safeguarding practice; Expectations for the final report"
	ch4Box2018    = "Chapter 4: Improving child protection and safeguarding practice; box: How to notify a serious incident, rapid review, and local child safeguarding practice review"
)

func edition2018(newer Edition) (Edition, error) {
	panelDuties := holidays.Date{Year: 2018, Month: time.June, Day: 29}
	return newer.derive(Edition{
		Year:    2018,
		Title:   wt2018,
		InForce: holidays.Date{Year: 2018, Month: time.July, Day: 4},
		Source: "The edition is dated July 2018 on its title page and says at paragraph 2 that it " +
			"replaces Working Together to Safeguard Children 2015; it states no commencement day. " +
			"It applies from 4 July 2018, the day the Department for Education published it on GOV.UK. " +
			"Its panel rules (serious incident notification, rapid review, local practice review) apply from " +
			"29 June 2018, when the notification duty and the Child Safeguarding Practice Review and Relevant " +
			"Agency (England) Regulations 2018 commenced (GOV.UK, \"Report a serious child safeguarding incident\").",
	}, Citation{Edition: wt2018, Chapter: ch1Assessing, Unverified: true}, map[RuleID]Rule{
		SeriousIncidentNotice:   {InForce: panelDuties, Citation: Citation{Chapter: ch4Notify2018}},
		RapidReview:             {InForce: panelDuties, Citation: Citation{Chapter: ch4Box2018}},
		PracticeReviewPublished: {InForce: panelDuties, Citation: Citation{Chapter: ch4Report2018}},
	}, ChildSeen, AllegationToLADO, PracticeReviewToPanel, PracticeReviewToOfsted,
		YearlyReportPublished, YearlyReportToPanel, CoronerToChildDeathReview, RegistrarToChildDeathReview)
}

func edition2015(newer Edition) (Edition, error) {
	return newer.derive(Edition{
		Year:    2015,
		Title:   wt2015,
		InForce: holidays.Date{Year: 2015, Month: time.March, Day: 26},
		Source: "GOV.UK's publication page \"Working together to safeguard children\" gives the 2015 edition as " +
			"published on 26 March 2015, the day the 2013 edition's page was archived as replaced by it; " +
			"the edition states no commencement day, so it applies from publication.",
	}, Citation{Edition: wt2015, Chapter: ch1Assessing, Unverified: true}, nil,
		SeriousIncidentNotice, RapidReview, PracticeReviewPublished)
}

func edition2013(newer Edition) (Edition, error) {
	guide := func(quote string) Rule {
		return Rule{Citation: Citation{Quote: "Working Together to Safeguard Children: a guide for young people (2013): \"" + quote + "\""}}
	}
	return newer.derive(Edition{
		Year:    2013,
		Title:   wt2013,
		InForce: holidays.Date{Year: 2013, Month: time.April, Day: 15},
		Source: "Working Together to Safeguard Children: a guide for young people says the guidance was " +
			"published on 21 March 2013; the edition states no commencement day. It applies from 15 April 2013, " +
			"the day the Department for Education announced on publication that it would come into effect.",
	}, Citation{Edition: wt2013, Chapter: ch1Assessing, Unverified: true}, map[RuleID]Rule{
		ReferralDecision: guide("A social worker, with help from their manager, must decide within a day what happens next."),
		Assessment:       guide("The maximum time an assessment should take is no longer than 45 working days (or nine weeks) to complete."),
		ICPC:             guide("They should hold a meeting, called a Child Protection Conference, within 15 working days (or 3 weeks) of this discussion."),
	})
}
