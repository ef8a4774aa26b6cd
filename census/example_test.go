package census_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/workingtogether/safeguarding/census"
)

// A small census: one child whose strategy discussion was on Thursday
// 2 June 2022, a bank holiday, as was Friday 3 June; the conference was due
// 15 working days later, on Friday 24 June, and was held on Thursday 23rd.
const small = `<Message>
<Header><CollectionDetails><Collection>CIN</Collection><Year>2023</Year>
<ReferenceDate>2023-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child>
<ChildIdentifiers><LAchildID>EX-1</LAchildID><Sex>M</Sex></ChildIdentifiers>
<CINdetails>
<CINreferralDate>2022-05-31</CINreferralDate>
<Assessments><AssessmentActualStartDate>2022-05-31</AssessmentActualStartDate>
<AssessmentAuthorisationDate>2022-06-30</AssessmentAuthorisationDate>
<FactorsIdentifiedAtAssessment><AssessmentFactors>2B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>
<Section47><S47ActualStartDate>2022-06-02</S47ActualStartDate>
<InitialCPCtarget>2022-06-23</InitialCPCtarget><DateOfInitialCPC>2022-06-23</DateOfInitialCPC>
<ICPCnotRequired>false</ICPCnotRequired></Section47>
<ReferralNFA>0</ReferralNFA>
</CINdetails>
</Child></Children>
</Message>`

// Audit a whole file: each child's findings, then the file's figures.
func ExampleAudit() {
	rep, err := census.Audit(strings.NewReader(small), census.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range rep.Children {
		for _, f := range c.Findings {
			fmt.Println(f)
		}
	}
	a := rep.Figures.Assessments
	fmt.Printf("assessments: %d completed, %d within 45 working days (%s)\n", a.Completed, a.Within45, a.PercentWithin45)
	cf := rep.Figures.Conferences
	if cf.Median != nil { // nil when no conference could be timed
		fmt.Printf("conferences: %d held, median %g working days after the strategy discussion\n", cf.Held, *cf.Median)
	}
	// Output:
	// census: line 11: child "EX-1": Section47[1]/InitialCPCtarget: InitialCPCtarget 2022-06-23 is 1 working day early: 2022-06-02 plus 15 working days is 2022-06-24
	// census: line 8: child "EX-1": Assessments[1]/AssessmentAuthorisationDate: Assessment concluded (section 17 or 47): due 2022-08-04, met on 2022-06-30
	// census: line 11: child "EX-1": Section47[1]/DateOfInitialCPC: Initial child protection conference: due 2022-06-24, met on 2022-06-23
	// assessments: 1 completed, 1 within 45 working days (100.0%)
	// conferences: 1 held, median 14 working days after the strategy discussion
}

// Read a large file one child at a time, keeping only the running figures.
func ExampleReader_Next() {
	r := census.NewReader(strings.NewReader(small))
	h, err := r.Header()
	if err != nil {
		fmt.Println(err)
		return
	}
	a := census.NewAuditor(h, census.Config{})
	for {
		c, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		rep := a.Audit(c)
		fmt.Printf("%s: %d episode(s), %d finding(s), stage %s\n", c.LAchildID, len(c.Episodes), len(rep.Findings), rep.Cases[0].Stage)
	}
	fmt.Println("children:", a.Figures().Children)
	// Output:
	// EX-1: 1 episode(s), 3 finding(s), stage open
	// children: 1
}

// A file that cannot be read gives a *census.Error naming the child, the
// element and the line.
func ExampleError() {
	bad := strings.Replace(small, "<CINreferralDate>2022-05-31", "<CINreferralDate>31/05/2022", 1)
	_, err := census.Audit(strings.NewReader(bad), census.Config{})
	fmt.Println(err)
	var e *census.Error
	if errors.As(err, &e) {
		fmt.Println(e.LAchildID, e.Line, e.Value)
	}
	// Output:
	// census: line 7: child "EX-1": Message/Children/Child/CINdetails/CINreferralDate: "31/05/2022": not a date (want YYYY-MM-DD)
	// EX-1 7 31/05/2022
}

// Read a small file whole: the header, then each child's episodes.
func ExampleReadAll() {
	f, err := census.ReadAll(strings.NewReader(small))
	if err != nil {
		fmt.Println(err)
		return
	}
	start, _ := f.Header.PeriodStart()
	fmt.Printf("%s %d: %s to %s\n", f.Header.Collection, f.Header.Year, start, f.Header.ReferenceDate)
	for _, c := range f.Children {
		for _, e := range c.Episodes {
			s := e.Section47s[0]
			fmt.Printf("%s: referral %s, strategy discussion %s, conference %s\n", c.LAchildID, e.ReferralDate, s.StartDate, s.DateOfInitialCPC)
		}
	}
	// Output:
	// CIN 2023: 2022-04-01 to 2023-03-31
	// EX-1: referral 2022-05-31, strategy discussion 2022-06-02, conference 2022-06-23
}

// An element the reader does not know is skipped with a warning that gives
// its path and line.
func ExampleReader_All() {
	doc := strings.Replace(small, "<ReferralNFA>", "<FutureModule><X>1</X></FutureModule>\n<ReferralNFA>", 1)
	r := census.NewReader(strings.NewReader(doc))
	for c, err := range r.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, w := range c.Warnings {
			fmt.Println(w)
		}
	}
	// Output:
	// census: line 14: child "EX-1": Message/Children/Child/CINdetails/FutureModule: unknown element, skipped
}

// The DfE's validation rules come back as findings with the rule's code,
// severity and message; a record that breaks an error rule is left out of
// the figures and counted as rejected. Here a review is dated on the plan's
// start day (error 8841), so it is never the plan's first review.
func ExampleFinding_dfe() {
	doc := `<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>EX-2</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-05-15</CINreferralDate>
<Section47><S47ActualStartDate>2023-05-16</S47ActualStartDate><DateOfInitialCPC>2023-06-01</DateOfInitialCPC><ICPCnotRequired>0</ICPCnotRequired></Section47>
<ReferralNFA>0</ReferralNFA>
<ChildProtectionPlans><CPPstartDate>2023-06-01</CPPstartDate><Reviews><CPPreviewDate>2023-06-01</CPPreviewDate></Reviews></ChildProtectionPlans>
</CINdetails></Child></Children></Message>`
	rep, err := census.Audit(strings.NewReader(doc), census.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Children[0].Findings {
		if f.Source() == census.SourceDfE {
			fmt.Println(f.Code, f.Severity, f.Path(), "line", f.Line)
			fmt.Println(f.Message())
		}
	}
	r := rep.Figures.Reviews
	fmt.Printf("reviews on time: %d of %d (%s), rejected %d\n", r.OnTime, r.Plans, r.PercentOnTime, r.Rejected)
	// Output:
	// 8841 error ChildProtectionPlans[1]/Reviews/CPPreviewDate[1] line 6
	// The review date cannot be on the same day or before the Child protection Plan start date.
	// reviews on time: 0 of 0 (n/a), rejected 1
}

// Each assessment is measured both ways: the DfE's working days from start
// to authorisation, and Working Together's deadline from the referral.
func ExampleAssessmentTimeliness() {
	doc := `<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>EX-3</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-05-02</CINreferralDate>
<Assessments><AssessmentActualStartDate>2023-05-30</AssessmentActualStartDate><AssessmentAuthorisationDate>2023-07-28</AssessmentAuthorisationDate></Assessments>
<ReferralNFA>0</ReferralNFA></CINdetails></Child></Children></Message>`
	rep, err := census.Audit(strings.NewReader(doc), census.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range rep.Children[0].Assessments {
		fmt.Printf("DfE, start to authorisation: %d working days, within 45: %v\n", m.DfE.Workdays, m.DfE.Within)
		wt := m.WorkingTogether
		fmt.Printf("Working Together, from the referral: due %s, %s by %d working days\n", wt.Due, wt.Status, wt.Late)
	}
	// Output:
	// DfE, start to authorisation: 43 working days, within 45: true
	// Working Together, from the referral: due 2023-07-06, late by 16 working days
}

// A percentage of nothing is not 0%.
func ExamplePercent() {
	fmt.Println(census.Percent{N: 3, Of: 4}, census.Percent{})
	b, _ := json.Marshal(census.Percent{})
	fmt.Println(string(b))
	// Output:
	// 75.0% n/a
	// {"n":0,"of":0,"percent":null}
}

// The rule table: each DfE rule with its code, severity and message.
func ExampleDfERules() {
	for _, r := range census.DfERules() {
		if r.Code == "8670Q" || r.Code == "8875" {
			fmt.Printf("%s (%s) on %s: %s\n", r.Code, r.Severity, r.Element, r.Message)
		}
	}
	// Output:
	// 8670Q (query) on Assessments/AssessmentActualStartDate: Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.
	// 8875 (error) on Section47/DateOfInitialCPC: The Date of Initial Child Protection Conference cannot be a weekend
}

// Rule 2883 is about the whole return: more plans starting in the year than
// initial conferences held in it.
func ExampleAuditor_FileFindings() {
	doc := `<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>EX-4</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-05-15</CINreferralDate><ReferralNFA>0</ReferralNFA>
<ChildProtectionPlans><CPPstartDate>2023-06-01</CPPstartDate></ChildProtectionPlans>
</CINdetails></Child></Children></Message>`
	r := census.NewReader(strings.NewReader(doc))
	h, err := r.Header()
	if err != nil {
		fmt.Println(err)
		return
	}
	a := census.NewAuditor(h, census.Config{})
	for c, err := range r.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		a.Audit(c)
	}
	for _, f := range a.FileFindings() {
		fmt.Println(f.Code, f.Severity+":", f.Message())
	}
	// Output:
	// 2883 error: There are more child protection plans starting than initial conferences taking place
}

// A Pipeline judges children on several goroutines and gives their reports
// in file order; its figures and file findings count the children reported.
func ExamplePipeline() {
	doc := `<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>EX-5</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-05-15</CINreferralDate><ReferralNFA>0</ReferralNFA>
<ChildProtectionPlans><CPPstartDate>2023-06-01</CPPstartDate></ChildProtectionPlans>
</CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>EX-6</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-09-01</CINreferralDate><ReferralNFA>0</ReferralNFA>
<Assessments><AssessmentActualStartDate>2023-09-01</AssessmentActualStartDate>
<AssessmentAuthorisationDate>2023-11-03</AssessmentAuthorisationDate></Assessments>
</CINdetails></Child></Children></Message>`
	p := census.NewPipeline(strings.NewReader(doc), census.Config{}, 2)
	for rep, err := range p.Reports() {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(rep.LAchildID, "line", rep.Line)
	}
	a := p.Figures().Assessments
	fmt.Printf("assessments: %d completed, %d within %d working days\n", a.Completed, a.Within45, a.Bound)
	for _, f := range p.FileFindings() {
		fmt.Println(f.Code, f.Severity+":", f.Message())
	}
	// Output:
	// EX-5 line 2
	// EX-6 line 6
	// assessments: 1 completed, 1 within 45 working days
	// 2883 error: There are more child protection plans starting than initial conferences taking place
}

// Judge a file child by child, writing each report over the last one, so
// that its memory (findings, cases, clocks, notes) is reused: a host that
// writes each report out before judging the next allocates next to nothing
// per child. Every finding is formatted only when written, by appending.
func ExampleAuditor_AuditInto() {
	rd := census.NewReader(strings.NewReader(small))
	h, err := rd.Header()
	if err != nil {
		fmt.Println(err)
		return
	}
	a := census.NewAuditor(h, census.Config{})
	var rep census.ChildReport // recycled from child to child
	var line []byte
	for c, err := range rd.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		a.AuditInto(&rep, &c)
		for i := range rep.Findings {
			f := &rep.Findings[i] // a finding is large: format it in place
			line = f.AppendPath(append(append(line[:0], rep.LAchildID...), ": "...))
			line = f.AppendMessage(append(line, ": "...))
			fmt.Println(string(line))
		}
	}
	fmt.Println(a.Figures().Children, "child")
	// Output:
	// EX-1: Section47[1]/InitialCPCtarget: InitialCPCtarget 2022-06-23 is 1 working day early: 2022-06-02 plus 15 working days is 2022-06-24
	// EX-1: Assessments[1]/AssessmentAuthorisationDate: Assessment concluded (section 17 or 47): due 2022-08-04, met on 2022-06-30
	// EX-1: Section47[1]/DateOfInitialCPC: Initial child protection conference: due 2022-06-24, met on 2022-06-23
	// 1 child
}
