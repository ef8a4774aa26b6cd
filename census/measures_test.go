package census

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// TestBothMeasures: the child, referred on Tuesday 2 May 2023, its
// assessment started on Tuesday 30 May and authorised on Friday 28 July.
//
// The DfE's measure counts from the start: 31 May-2 June (3), 5-9 June (8),
// 12-16 (13), 19-23 (18), 26-30 (23), 3-7 July (28), 10-14 (33), 17-21 (38),
// 24-28 (43): 43 working days, within 45.
//
// Working Together (2023, chapter 3, para 155) counts 45 working days from
// the referral: 3-5 May (3), 9-12 (7; 8 May the coronation holiday), 15-19
// (12), 22-26 (17), 30 May-2 June (21; 29 May the spring holiday), 5-9 June
// (26), 12-16 (31), 19-23 (36), 26-30 (41), 3-6 July (45): due Thursday 6
// July; authorised 28 July, 7, 10-14, 17-21, 24-28 July = 16 working days
// late.
func TestBothMeasures(t *testing.T) {
	doc := `<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>BOTH</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-05-02</CINreferralDate>
<Assessments><AssessmentActualStartDate>2023-05-30</AssessmentActualStartDate><AssessmentAuthorisationDate>2023-07-28</AssessmentAuthorisationDate>
<FactorsIdentifiedAtAssessment><AssessmentFactors>1A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>
<ReferralNFA>0</ReferralNFA></CINdetails></Child></Children></Message>`
	rep, err := Audit(strings.NewReader(doc), Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := []AssessmentTimeliness{{Episode: 1, Assessment: 1, Line: 4,
		DfE:             DfEAssessmentMeasure{Start: d(2023, 5, 30), Authorised: d(2023, 7, 28), Timed: true, Workdays: 43, Within: true},
		WorkingTogether: WorkingTogetherAssessment{OnPathway: true, Referral: d(2023, 5, 2), Due: d(2023, 7, 6), Status: pathway.Late, Late: 16},
	}}
	if diff := cmp.Diff(want, rep.Children[0].Assessments); diff != "" {
		t.Errorf("measures (-want +got):\n%s", diff)
	}
	// The figures count it within 45; the finding says 16 working days late:
	// each is named, and they agree with the side-by-side record.
	if f := rep.Figures.Assessments; f.Within45 != 1 || f.Completed != 1 {
		t.Errorf("figures: %+v", f)
	}
	var late []string
	for _, f := range rep.Children[0].Findings {
		if f.Rule == timescales.Assessment {
			late = append(late, f.Message())
		}
	}
	if diff := cmp.Diff([]string{"Assessment concluded (section 17 or 47): due 2023-07-06, held 2023-07-28, 16 working days late"}, late); diff != "" {
		t.Errorf("assessment findings (-want +got):\n%s", diff)
	}
}

// TestNotJudgedMeansNotJudged runs every test file and checks that no note
// says "not judged" about anything the child's findings, its case's
// deadlines (and so its JSON) or the figures judge or count.
func TestNotJudgedMeansNotJudged(t *testing.T) {
	files, err := filepath.Glob("testdata/*.xml")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("testdata/rules/*.xml")
	files = append(files, more...)
	notes := 0
	for _, name := range files {
		rep := auditFile(t, strings.TrimPrefix(name, "testdata/"))
		for _, c := range rep.Children {
			for _, cs := range c.Cases {
				b, err := json.Marshal(cs)
				if err != nil {
					t.Fatal(err)
				}
				for _, note := range cs.Notes {
					n := note.String()
					if !strings.Contains(n, "not judged") {
						continue
					}
					notes++
					checkUnjudged(t, name, c, cs, n, string(b))
				}
			}
		}
	}
	if notes == 0 {
		t.Fatal("no note says \"not judged\": the test checks nothing")
	}
}

func checkUnjudged(t *testing.T, file string, c ChildReport, cs Case, note, caseJSON string) {
	t.Helper()
	// Each note that says a timescale is "not judged", with the rule it
	// means. A note saying "not judged" about anything else fails the
	// test, so that a new note must say what it leaves out and be checked
	// here.
	unjudged := [...]struct {
		phrase string
		rule   timescales.RuleID
	}{
		{"referral decision:", timescales.ReferralDecision},
		{"the first core group is not judged", timescales.CoreGroupFirst},
		{"the plan-ends-at-18 timescale is not judged", timescales.PlanEndsAt18},
	}
	for _, u := range unjudged {
		if !strings.Contains(note, u.phrase) {
			continue
		}
		for _, f := range c.Findings {
			if f.Episode == cs.Episode && f.Rule == u.rule {
				t.Errorf("%s %s/%d: note %q, yet finding %s", file, c.LAchildID, cs.Episode, note, f)
			}
		}
		for _, k := range cs.Deadlines {
			if k.Rule.ID == u.rule {
				t.Errorf("%s %s/%d: note %q, yet the case's deadlines list %s as %s", file, c.LAchildID, cs.Episode, note, k.Rule.ID, k.Status)
			}
		}
		if strings.Contains(caseJSON, `"id":"`+string(u.rule)+`"`) {
			t.Errorf("%s %s/%d: note %q, yet the case's JSON has a %s clock", file, c.LAchildID, cs.Episode, note, u.rule)
		}
		return
	}
	t.Errorf("%s %s/%d: note %q says \"not judged\" about something this test does not know", file, c.LAchildID, cs.Episode, note)
}
