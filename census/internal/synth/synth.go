// Package synth writes large synthetic children-in-need census files for
// benchmarks and load tests. The output is deterministic for a seed, so a
// benchmark measures the same file on every machine. The children are
// invented: their identifiers say so (SYN...).
package synth

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/workingtogether/safeguarding/holidays"
)

// ReferenceDate returns the reference date the generated files carry.
func ReferenceDate() holidays.Date { return holidays.Date{Year: 2025, Month: 3, Day: 31} }

// Write writes a census file of n children, generated from seed, to w.
// Each child has one to three episodes of need (two on average). About a
// fifth of referrals end in no further action, a third lead to a section
// 47 enquiry, and most enquiries to a conference and a plan with reviews;
// half the other assessed children get a child in need plan. Some dates
// fall on weekends, and some timescales are missed, so that every check has
// work to do. A child carries about ten dated events.
func Write(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	referenceDate := ReferenceDate()
	var body bytes.Buffer // one episode after its closure date, in schema order
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	cal := holidays.EnglandAndWales()
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n<Header><CollectionDetails><Collection>CIN</Collection>"+
		"<Year>2025</Year><ReferenceDate>%s</ReferenceDate></CollectionDetails>"+
		"<Source><SourceLevel>L</SourceLevel><LEA>999</LEA></Source></Header>\n<Children>\n", referenceDate)
	start := holidays.Date{Year: 2023, Month: 4, Day: 1}
	span := referenceDate.DaysSince(start)
	cats := []string{"NEG", "PHY", "EMO", "SAB", "MUL"}
	for i := range n {
		birth := start.AddDays(-rng.IntN(17 * 365))
		sex := "MFU"[rng.IntN(3)]
		fmt.Fprintf(bw, "<Child><ChildIdentifiers><LAchildID>SYN%07d</LAchildID><PersonBirthDate>%s</PersonBirthDate><Sex>%c</Sex></ChildIdentifiers>"+
			"<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>\n", i, birth, sex)
		episodes := 1 + rng.IntN(3)
		for range episodes {
			ref := start.AddDays(rng.IntN(span - 10))
			fmt.Fprintf(bw, "<CINdetails><CINreferralDate>%s</CINreferralDate><ReferralSource>%d</ReferralSource>", ref, 1+rng.IntN(9))
			var closure holidays.Date
			if rng.IntN(5) == 0 {
				closure = ref.AddDays(rng.IntN(3))
				fmt.Fprintf(bw, "<CINclosureDate>%s</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure><ReferralNFA>1</ReferralNFA></CINdetails>\n", closure)
				continue
			}
			body.Reset()
			// Assessment.
			as := ref.AddDays(rng.IntN(4))
			fmt.Fprintf(&body, "<Assessments><AssessmentActualStartDate>%s</AssessmentActualStartDate>", as)
			if auth := as.AddDays(5 + rng.IntN(75)); !auth.After(referenceDate) && rng.IntN(10) > 0 {
				fmt.Fprintf(&body, "<AssessmentAuthorisationDate>%s</AssessmentAuthorisationDate>", auth)
			}
			body.WriteString("<FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>")
			last := as
			if rng.IntN(3) == 0 {
				s47 := as.AddDays(rng.IntN(10))
				target, _ := cal.AddWorkdays(s47, 15)
				fmt.Fprintf(&body, "<Section47><S47ActualStartDate>%s</S47ActualStartDate><InitialCPCtarget>%s</InitialCPCtarget>", s47, target)
				icpc := s47.AddDays(7 + rng.IntN(25))
				if rng.IntN(4) > 0 && !icpc.After(referenceDate) {
					fmt.Fprintf(&body, "<DateOfInitialCPC>%s</DateOfInitialCPC><ICPCnotRequired>0</ICPCnotRequired></Section47><ReferralNFA>0</ReferralNFA>", icpc)
					fmt.Fprintf(&body, "<ChildProtectionPlans><CPPstartDate>%s</CPPstartDate>", icpc)
					var end holidays.Date
					if rng.IntN(3) == 0 {
						end = icpc.AddDays(60 + rng.IntN(300))
						if end.After(referenceDate) {
							end = holidays.Date{}
						} else {
							fmt.Fprintf(&body, "<CPPendDate>%s</CPPendDate>", end)
						}
					}
					c := cats[rng.IntN(len(cats))]
					fmt.Fprintf(&body, "<InitialCategoryOfAbuse>%s</InitialCategoryOfAbuse><LatestCategoryOfAbuse>%s</LatestCategoryOfAbuse><NumberOfPreviousCPP>%d</NumberOfPreviousCPP>", c, c, rng.IntN(3))
					r := icpc.AddMonths(3).AddDays(5 - rng.IntN(12))
					first := true
					for !r.After(referenceDate) && (end.IsZero() || !r.After(end)) {
						if first {
							body.WriteString("<Reviews>")
							first = false
						}
						fmt.Fprintf(&body, "<CPPreviewDate>%s</CPPreviewDate>", r)
						r = r.AddMonths(6).AddDays(5 - rng.IntN(12))
					}
					if !first {
						body.WriteString("</Reviews>")
					}
					body.WriteString("</ChildProtectionPlans>")
					if !end.IsZero() {
						last = end
					} else {
						last = referenceDate
					}
				} else {
					body.WriteString("<ICPCnotRequired>1</ICPCnotRequired></Section47><ReferralNFA>0</ReferralNFA>")
				}
			} else {
				// A child in need plan for half the children not on a
				// protection enquiry, from the assessment's end.
				if rng.IntN(2) == 0 {
					ps := as.AddDays(10 + rng.IntN(50))
					if !ps.After(referenceDate) {
						fmt.Fprintf(&body, "<CINPlanDates><CINPlanStartDate>%s</CINPlanStartDate>", ps)
						last = ps
						if pe := ps.AddDays(30 + rng.IntN(200)); rng.IntN(2) == 0 && !pe.After(referenceDate) {
							fmt.Fprintf(&body, "<CINPlanEndDate>%s</CINPlanEndDate>", pe)
							last = pe
						}
						body.WriteString("</CINPlanDates>")
					}
				}
				body.WriteString("<ReferralNFA>0</ReferralNFA>")
			}
			if rng.IntN(2) == 0 && last.Before(referenceDate) {
				closure = last.AddDays(rng.IntN(60))
				if !closure.After(referenceDate) {
					fmt.Fprintf(bw, "<CINclosureDate>%s</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>", closure)
				}
			}
			body.WriteTo(bw)
			bw.WriteString("</CINdetails>\n")
		}
		bw.WriteString("</Child>\n")
	}
	bw.WriteString("</Children>\n</Message>\n")
	return bw.Flush()
}
