package census

import "github.com/workingtogether/safeguarding/holidays"

// Element names are the DfE's (Children in need census guide, "Data items"
// and the CIN XML schema); field comments give the census definition where it
// decides how a date is used.

// A Header is the census file's header: which collection and year it is, and
// the reference date that ends the collection year.
type Header struct {
	// Collection is "CIN" in every children-in-need census.
	Collection string `json:"collection,omitempty"`
	// Year is the collection year as given (the year in which the census
	// closes, for example 2022 for 1 April 2021 to 31 March 2022); 0 if absent.
	Year int `json:"year,omitempty"`
	// ReferenceDate is the last day of the collection year (31 March): the
	// census counts what was open on it and what happened in the twelve months
	// up to it. The zero Date if absent.
	ReferenceDate holidays.Date `json:"reference_date,omitzero"`
	// Source holds the Source elements (LEA is the authority's three-digit
	// code).
	Sources []Source `json:"sources,omitempty"`
	// Line is where the Header element starts.
	Line int `json:"line,omitempty"`
}

// A Source says which authority and software sent the file.
type Source struct {
	SourceLevel  string `json:"source_level,omitempty"`
	LEA          string `json:"lea,omitempty"`
	SoftwareCode string `json:"software_code,omitempty"`
	Release      string `json:"release,omitempty"`
	SerialNo     string `json:"serial_no,omitempty"`
	DateTime     string `json:"date_time,omitempty"` // xs:dateTime, kept as text: nothing is timed from it
}

// PeriodStart returns the first day of the collection year that ends on the
// reference date (1 April of the year before, for 31 March), and false when
// the header has no reference date.
func (h Header) PeriodStart() (holidays.Date, bool) {
	start := h.ReferenceDate.AddMonths(-12).AddDays(1)
	if !h.ReferenceDate.IsValid() || !start.IsValid() {
		return holidays.Date{}, false
	}
	return start, true
}

// A Flag is a census yes/no item, which may also be absent. The census
// writes booleans as 0 or 1 (the XSD's yesnotype); suppliers also send true,
// false, TRUE and FALSE, which are read the same way.
type Flag int8

// The values of a Flag.
const (
	Unset Flag = iota // the element was absent or empty
	No
	Yes
)

// String returns "true", "false" or "unset".
func (f Flag) String() string {
	switch f {
	case No:
		return "false"
	case Yes:
		return "true"
	}
	return "unset"
}

// MarshalText writes a Flag as true, false or unset.
func (f Flag) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// A Child is one child's record: the Child element.
type Child struct {
	// LAchildID is the authority's own identifier for the child.
	LAchildID  string `json:"la_child_id"`
	UPN        string `json:"upn,omitempty"`
	FormerUPN  string `json:"former_upn,omitempty"`
	UPNunknown string `json:"upn_unknown,omitempty"`
	// BirthDate is PersonBirthDate; an unborn child has ExpectedBirthDate
	// (ExpectedPersonBirthDate) instead, and may have a referral before it.
	BirthDate         holidays.Date `json:"birth_date,omitzero"`
	ExpectedBirthDate holidays.Date `json:"expected_birth_date,omitzero"`
	DeathDate         holidays.Date `json:"death_date,omitzero"`
	// Sex is the 2026 schema's Sex (M, F or U). Files up to 2025 carry
	// GenderCurrent (0 not known, 1 male, 2 female, 9 not specified) instead;
	// each is kept as written, neither is translated into the other.
	Sex           string   `json:"sex,omitempty"`
	GenderCurrent string   `json:"gender_current,omitempty"`
	Ethnicity     string   `json:"ethnicity,omitempty"`
	Disabilities  []string `json:"disabilities,omitempty"`
	// Episodes are the CINdetails elements in file order: each is one
	// episode of need, from referral to closure.
	Episodes []Episode `json:"episodes"`
	// Line is where the Child element starts.
	Line int `json:"line"`
	// Warnings are what the reader passed over within this child.
	Warnings []Warning `json:"warnings,omitempty"`
}

// An Episode is one CINdetails element: an episode of need that starts with a
// referral and ends, if it has ended, with a closure.
type Episode struct {
	// ReferralDate is CINreferralDate: the date the referral was received.
	ReferralDate    holidays.Date `json:"referral_date,omitzero"`
	ReferralSource  string        `json:"referral_source,omitempty"`
	PrimaryNeedCode string        `json:"primary_need_code,omitempty"`
	// ClosureDate is CINclosureDate: the date the episode of need ended.
	ClosureDate      holidays.Date `json:"closure_date,omitzero"`
	ReasonForClosure string        `json:"reason_for_closure,omitempty"`
	// DateOfInitialCPC at episode level records an initial conference that
	// is not tied to a Section47 element of the same episode (for example
	// one that followed an enquiry in an earlier episode).
	DateOfInitialCPC holidays.Date `json:"date_of_initial_cpc,omitzero"`
	Assessments      []Assessment  `json:"assessments,omitempty"`
	CINPlans         []CINPlan     `json:"cin_plans,omitempty"`
	Section47s       []Section47   `json:"section47s,omitempty"`
	// ReferralNFA says that the referral led to no further action.
	ReferralNFA Flag             `json:"referral_nfa"`
	Plans       []ProtectionPlan `json:"child_protection_plans,omitempty"`
	Line        int              `json:"line"`
}

// An Assessment is one Assessments element: a social work assessment under
// the Children Act 1989 (section 17, or section 47 alongside an enquiry).
type Assessment struct {
	// StartDate is AssessmentActualStartDate.
	StartDate          holidays.Date `json:"start_date,omitzero"`
	InternalReviewDate holidays.Date `json:"internal_review_date,omitzero"`
	// AuthorisationDate is AssessmentAuthorisationDate: the date a manager
	// signed the assessment off, which the census takes as its completion.
	// Zero while the assessment is still open.
	AuthorisationDate holidays.Date `json:"authorisation_date,omitzero"`
	Factors           []string      `json:"factors,omitempty"`
	Line              int           `json:"line"`
}

// A CINPlan is one CINPlanDates element: a child-in-need plan.
type CINPlan struct {
	StartDate holidays.Date `json:"start_date,omitzero"`
	EndDate   holidays.Date `json:"end_date,omitzero"`
	Line      int           `json:"line"`
}

// A Section47 is one Section47 element: an enquiry under section 47 of the
// Children Act 1989.
type Section47 struct {
	// StartDate is S47ActualStartDate, which the census defines as the date
	// of the strategy discussion that initiated the enquiry (Annex A, list 5:
	// "Strategy discussion initiating Section 47 Enquiry Start Date"). It is
	// therefore the anchor of the 15-working-day initial conference timescale.
	StartDate holidays.Date `json:"start_date,omitzero"`
	// InitialCPCtarget is the authority's own due date for the initial
	// conference, as written in the file: 15 working days after StartDate.
	InitialCPCtarget holidays.Date `json:"initial_cpc_target,omitzero"`
	DateOfInitialCPC holidays.Date `json:"date_of_initial_cpc,omitzero"`
	// ICPCnotRequired says the enquiry concluded that no initial conference
	// was needed.
	ICPCnotRequired Flag `json:"icpc_not_required"`
	Line            int  `json:"line"`
}

// A ProtectionPlan is one ChildProtectionPlans element.
type ProtectionPlan struct {
	// StartDate is CPPstartDate, which the census expects to equal the date
	// of the initial conference that made the plan.
	StartDate       holidays.Date `json:"start_date,omitzero"`
	EndDate         holidays.Date `json:"end_date,omitzero"`
	InitialCategory string        `json:"initial_category,omitempty"`
	LatestCategory  string        `json:"latest_category,omitempty"`
	// PreviousPlans is NumberOfPreviousCPP, or -1 when absent.
	PreviousPlans int `json:"number_of_previous_cpp"`
	// Reviews are the CPPreviewDate elements in file order: the dates of
	// review conferences.
	Reviews []holidays.Date `json:"reviews,omitempty"`
	Line    int             `json:"line"`
}
