package census

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
)

func d(y int, m time.Month, day int) holidays.Date { return holidays.Date{Year: y, Month: m, Day: day} }

func readFile(t *testing.T, name string) *File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	file, err := ReadAll(f)
	if err != nil {
		t.Fatalf("ReadAll(%s): %v", name, err)
	}
	return file
}

// TestReadOld checks every element of an old-style (GenderCurrent) file.
func TestReadOld(t *testing.T) {
	got := readFile(t, "old-2018.xml")
	want := &File{
		Header: Header{
			Collection: "CIN", Year: 2018, ReferenceDate: d(2018, 3, 31), Line: 6,
			Sources: []Source{{SourceLevel: "L", LEA: "999", SoftwareCode: "Test Suite", Release: "1.0",
				SerialNo: "042", DateTime: "2018-05-01T09:30:00"}},
		},
		Children: []Child{
			{
				LAchildID: "OLD-1", UPN: "Z111111111111", FormerUPN: "Z22222222222Q", UPNunknown: "UN2",
				BirthDate: d(2010, 7, 14), ExpectedBirthDate: d(2010, 7, 20), DeathDate: d(2018, 3, 20),
				GenderCurrent: "2", Ethnicity: "WIRI", Disabilities: []string{"MOB", "VIS"}, Line: 27,
				Episodes: []Episode{
					{
						ReferralDate: d(2017, 6, 5), ReferralSource: "2A", PrimaryNeedCode: "N1",
						ClosureDate: d(2018, 3, 20), ReasonForClosure: "RC2", DateOfInitialCPC: d(2017, 7, 3),
						Assessments: []Assessment{{StartDate: d(2017, 6, 5), InternalReviewDate: d(2017, 6, 19),
							AuthorisationDate: d(2017, 7, 31), Factors: []string{"3A", "4B"}, Line: 52}},
						CINPlans: []CINPlan{{StartDate: d(2017, 8, 1), EndDate: d(2017, 9, 1), Line: 61}},
						Section47s: []Section47{{StartDate: d(2017, 6, 12), InitialCPCtarget: d(2017, 7, 3),
							DateOfInitialCPC: d(2017, 7, 3), ICPCnotRequired: No, Line: 65}},
						ReferralNFA: No,
						Plans: []ProtectionPlan{{StartDate: d(2017, 7, 3), EndDate: d(2018, 3, 20), InitialCategory: "NEG",
							LatestCategory: "EMO", PreviousPlans: 1, Reviews: []holidays.Date{d(2017, 9, 28), d(2018, 3, 15)}, Line: 72}},
						Line: 45,
					},
					{ReferralDate: d(2018, 3, 29), ReferralSource: "5A", ReferralNFA: Yes, Line: 84},
				},
			},
			{
				LAchildID: "OLD-2", UPNunknown: "UN1", ExpectedBirthDate: d(2018, 5, 1), GenderCurrent: "0",
				Ethnicity: "NOBT", Line: 90,
				Episodes: []Episode{{
					ReferralDate: d(2018, 1, 8), ReferralSource: "3B", PrimaryNeedCode: "N0",
					Section47s:  []Section47{{StartDate: d(2018, 1, 9), ICPCnotRequired: Yes, Line: 104}},
					ReferralNFA: No, Line: 100,
				}},
			},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadAll(old-2018.xml) mismatch (-want +got):\n%s", diff)
	}
}

// TestReadNew checks the 2026 schema (Sex), boolean spellings, empty
// elements, and the warnings for an unknown element, stray text and a
// repeated element.
func TestReadNew(t *testing.T) {
	got := readFile(t, "new-2026.xml")
	want := &File{
		Header: Header{Collection: "CIN", Year: 2026, ReferenceDate: d(2026, 3, 31), Line: 7,
			Sources: []Source{{SourceLevel: "L", LEA: "998"}}},
		Children: []Child{
			{
				LAchildID: "NEW-1", UPN: "A000000000001", BirthDate: d(2019, 2, 28), Sex: "F",
				Ethnicity: "MWBA", Disabilities: []string{"NONE"}, Line: 19,
				Episodes: []Episode{{
					ReferralDate: d(2025, 11, 3), ReferralSource: "1C", PrimaryNeedCode: "N4",
					Assessments: []Assessment{{StartDate: d(2025, 11, 4), AuthorisationDate: d(2025, 12, 23), Line: 38}},
					Section47s: []Section47{{StartDate: d(2025, 12, 15), InitialCPCtarget: d(2026, 1, 8),
						DateOfInitialCPC: d(2026, 1, 7), ICPCnotRequired: No, Line: 43}},
					ReferralNFA: No,
					Plans: []ProtectionPlan{{StartDate: d(2026, 1, 7), InitialCategory: "MUL", LatestCategory: "MUL",
						PreviousPlans: 0, Line: 50}},
					Line: 33,
				}},
				Warnings: []Warning{{LAchildID: "NEW-1", Element: "Message/Children/Child/CINdetails/FamilyGroupConference",
					Line: 56, Message: "unknown element, skipped"}},
			},
			{
				LAchildID: "NEW-2", BirthDate: d(2014, 9, 30), Sex: "U", Ethnicity: "REFU", Line: 61,
				Episodes: []Episode{{ReferralDate: d(2026, 2, 2), ReferralSource: "10", ReferralNFA: Yes, Line: 71}},
				Warnings: []Warning{
					{LAchildID: "NEW-2", Element: "Message/Children/Child/ChildIdentifiers", Line: 64,
						Message: `unexpected text "stray words", ignored`},
					{LAchildID: "NEW-2", Element: "Message/Children/Child/CINdetails/CINreferralDate", Line: 73,
						Message: "repeated element, the first is kept"},
				},
			},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadAll(new-2026.xml) mismatch (-want +got):\n%s", diff)
	}
}

func TestFlags(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Flag
		ok   bool
	}{
		{"true", Yes, true}, {"TRUE", Yes, true}, {"1", Yes, true}, {" True ", Yes, true},
		{"false", No, true}, {"FALSE", No, true}, {"0", No, true},
		{"", Unset, true},
		{"yes", Unset, false}, {"2", Unset, false}, {"Y", Unset, false},
	} {
		doc := `<Message><Children><Child><ChildIdentifiers><LAchildID>F</LAchildID></ChildIdentifiers>` +
			`<CINdetails><CINreferralDate>2024-01-02</CINreferralDate><ReferralNFA>` + tc.in +
			`</ReferralNFA></CINdetails></Child></Children></Message>`
		f, err := ReadAll(strings.NewReader(doc))
		if !tc.ok {
			var e *Error
			if !errors.As(err, &e) || e.LAchildID != "F" || e.Value != strings.TrimSpace(tc.in) {
				t.Errorf("ReferralNFA %q: got error %v, want a census.Error for child F quoting the value", tc.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ReferralNFA %q: %v", tc.in, err)
			continue
		}
		if got := f.Children[0].Episodes[0].ReferralNFA; got != tc.want {
			t.Errorf("ReferralNFA %q = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestErrors checks that each malformed input gives a census Error that
// names the child, the element and the line.
func TestErrors(t *testing.T) {
	const head = "<Message>\n<Children>\n<Child>\n"
	for _, tc := range []struct {
		name string
		doc  string
		want Error // Err is not compared
	}{
		{"bad date", head + "<ChildIdentifiers><LAchildID>C1</LAchildID></ChildIdentifiers>\n<CINdetails>\n<CINreferralDate>2024-02-30</CINreferralDate>\n</CINdetails></Child></Children></Message>",
			Error{LAchildID: "C1", Element: "Message/Children/Child/CINdetails/CINreferralDate", Line: 6, Value: "2024-02-30", Message: "not a date (want YYYY-MM-DD)"}},
		{"date in another form", head + "<ChildIdentifiers><LAchildID>C2</LAchildID><PersonBirthDate>02/03/2020</PersonBirthDate></ChildIdentifiers></Child></Children></Message>",
			Error{LAchildID: "C2", Element: "Message/Children/Child/ChildIdentifiers/PersonBirthDate", Line: 4, Value: "02/03/2020", Message: "not a date (want YYYY-MM-DD)"}},
		{"bad value before the LAchildID", head + "<CINdetails><CINreferralDate>x</CINreferralDate></CINdetails>\n<ChildIdentifiers><LAchildID>LATE</LAchildID></ChildIdentifiers></Child></Children></Message>",
			Error{LAchildID: "LATE", Element: "Message/Children/Child/CINdetails/CINreferralDate", Line: 4, Value: "x", Message: "not a date (want YYYY-MM-DD)"}},
		{"bad count", head + "<ChildIdentifiers><LAchildID>C3</LAchildID></ChildIdentifiers><CINdetails><ChildProtectionPlans>\n<NumberOfPreviousCPP>-1</NumberOfPreviousCPP></ChildProtectionPlans></CINdetails></Child></Children></Message>",
			Error{LAchildID: "C3", Element: "Message/Children/Child/CINdetails/ChildProtectionPlans/NumberOfPreviousCPP", Line: 5, Value: "-1", Message: "not a whole number of plans"}},
		{"mismatched tag", head + "<ChildIdentifiers><LAchildID>C4</LAchildID></ChildIdentifiers>\n<CINdetails></CINdetail>",
			Error{LAchildID: "C4", Element: "Message/Children/Child/CINdetails", Line: 5, Message: "malformed XML: element <CINdetails> closed by </CINdetail>"}},
		{"truncated", head + "<ChildIdentifiers><LAchildID>C5</LAchildID>",
			Error{LAchildID: "C5", Element: "Message/Children/Child/ChildIdentifiers", Line: 4, Message: "malformed XML: unexpected EOF"}},
		{"not a census", "<Other/>", Error{Element: "Other", Line: 1, Message: "the root element is not Message: not a census file"}},
		{"empty", "", Error{Line: 1, Message: "no Message element: not a census file"}},
		{"two roots", "<Message><Children/></Message>\n<Message/>", Error{Line: 2, Message: "element Message after the end of Message"}},
		{"bad year", "<Message><Header><CollectionDetails><Year>twenty</Year></CollectionDetails></Header></Message>",
			Error{Element: "Message/Header/CollectionDetails/Year", Line: 1, Value: "twenty", Message: "not a year"}},
		{"bad reference date", "<Message><Header><CollectionDetails>\n<ReferenceDate>2024-3-31</ReferenceDate></CollectionDetails></Header></Message>",
			Error{Element: "Message/Header/CollectionDetails/ReferenceDate", Line: 2, Value: "2024-3-31", Message: "not a date (want YYYY-MM-DD)"}},
		{"unknown encoding", `<?xml version="1.0" encoding="EBCDIC"?><Message/>`,
			Error{Line: 1, Message: `malformed XML: xml: encoding "EBCDIC" declared but Decoder.CharsetReader is nil`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAll(strings.NewReader(tc.doc))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v (%T), want *census.Error", err, err)
			}
			got := *e
			got.Err, got.Column = nil, 0
			if tc.name == "unknown encoding" {
				// encoding/xml words this one itself; only its kind matters.
				got.Message, tc.want.Message = "", ""
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s\n(%v)", diff, err)
			}
			if !strings.HasPrefix(err.Error(), "census: ") {
				t.Errorf("message %q lacks the census: prefix", err)
			}
		})
	}
}

func TestErrorWraps(t *testing.T) {
	_, err := ReadAll(strings.NewReader("<Message><Children><Child><ChildIdentifiers><PersonBirthDate>2023-02-29</PersonBirthDate></ChildIdentifiers></Child></Children></Message>"))
	var pe *holidays.ParseError
	if !errors.As(err, &pe) || pe.Message != "day out of range" {
		t.Errorf("got %v, want it to wrap a holidays.ParseError (day out of range)", err)
	}
}

// TestNextAfterError checks that a Reader stays failed.
func TestNextAfterError(t *testing.T) {
	r := NewReader(strings.NewReader("<Message><Children><Child><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers></Child><Child><oops></Child>"))
	if _, err := r.Next(); err != nil {
		t.Fatalf("first child: %v", err)
	}
	_, err1 := r.Next()
	_, err2 := r.Next()
	if err1 == nil || err1 != err2 {
		t.Errorf("Next after an error gave %v then %v, want the same error twice", err1, err2)
	}
}

func TestStreamingOrder(t *testing.T) {
	doc := `<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>1</LAchildID></ChildIdentifiers></Child>
<Unexpected/><Child><ChildIdentifiers><LAchildID>2</LAchildID></ChildIdentifiers></Child></Children>
<Trailer/></Message>`
	r := NewReader(strings.NewReader(doc))
	h, err := r.Header()
	if err != nil || h.ReferenceDate != d(2024, 3, 31) {
		t.Fatalf("Header() = %+v, %v", h, err)
	}
	var ids []string
	for c, err := range r.All() {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.LAchildID)
	}
	if diff := cmp.Diff([]string{"1", "2"}, ids); diff != "" {
		t.Errorf("children mismatch (-want +got):\n%s", diff)
	}
	wantW := []Warning{
		{Element: "Message/Children/Unexpected", Line: 3, Message: "unknown element, skipped"},
		{Element: "Message/Trailer", Line: 4, Message: "unknown element, skipped"},
	}
	if diff := cmp.Diff(wantW, r.Warnings()); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next at the end = %v, want io.EOF", err)
	}
}

func TestCharsets(t *testing.T) {
	for _, tc := range []struct {
		enc  string
		raw  string
		want string
	}{
		{"ISO-8859-1", "Ren\xe9e", "Renée"},
		{"windows-1252", "\x93Q\x94 \x80", "“Q” €"},
		{"US-ASCII", "plain", "plain"},
	} {
		doc := `<?xml version="1.0" encoding="` + tc.enc + `"?><Message><Children><Child><ChildIdentifiers><LAchildID>` +
			tc.raw + `</LAchildID></ChildIdentifiers></Child></Children></Message>`
		f, err := ReadAll(strings.NewReader(doc))
		if err != nil {
			t.Errorf("%s: %v", tc.enc, err)
			continue
		}
		if got := f.Children[0].LAchildID; got != tc.want {
			t.Errorf("%s: LAchildID = %q, want %q", tc.enc, got, tc.want)
		}
	}
}

func TestCodeWarnings(t *testing.T) {
	doc := "<Message><Children><Child><ChildIdentifiers><LAchildID>S</LAchildID>\n<Sex>1</Sex>\n<GenderCurrent>M</GenderCurrent></ChildIdentifiers></Child></Children></Message>"
	f, err := ReadAll(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []Warning{
		{LAchildID: "S", Element: "Message/Children/Child/ChildIdentifiers/Sex", Line: 2, Message: `"1" is not one of M, F, U`},
		{LAchildID: "S", Element: "Message/Children/Child/ChildIdentifiers/GenderCurrent", Line: 3, Message: `"M" is not one of 0, 1, 2, 9`},
	}
	if diff := cmp.Diff(want, f.Children[0].Warnings); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
	if c := f.Children[0]; c.Sex != "1" || c.GenderCurrent != "M" {
		t.Errorf("values not kept as written: %q %q", c.Sex, c.GenderCurrent)
	}
}

func TestByteOrderMark(t *testing.T) {
	for _, doc := range []string{
		"\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message><Children/></Message>",
		"\ufeff<Message><Children/></Message>",
	} {
		if _, err := ReadAll(strings.NewReader(doc)); err != nil {
			t.Errorf("%q: %v", doc, err)
		}
	}
}

func TestDateZone(t *testing.T) {
	doc := `<Message><Children><Child><ChildIdentifiers><LAchildID>Z</LAchildID><PersonBirthDate>2020-01-31Z</PersonBirthDate>` +
		`<PersonDeathDate>2021-02-01+01:00</PersonDeathDate></ChildIdentifiers></Child></Children></Message>`
	f, err := ReadAll(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Children[0]
	if c.BirthDate != d(2020, 1, 31) || c.DeathDate != d(2021, 2, 1) {
		t.Errorf("dates with zones read as %s and %s", c.BirthDate, c.DeathDate)
	}
}

// TestDateZoneStrict: a zone suffix is exactly Z or ±hh:mm (XML Schema
// Part 2, 3.2.7.3). Before the fix, stripZone looked only at the sign and
// the colon, so "+xx:yy" was dropped and the date accepted.
func TestDateZoneStrict(t *testing.T) {
	for _, tc := range []struct {
		zone string
		ok   bool
	}{
		{"Z", true}, {"+01:00", true}, {"-05:30", true}, {"+14:00", true}, {"-00:00", true},
		{"+xx:yy", false}, {"+1:00", false}, {"+01:60", false}, {"+15:00", false}, {"+14:01", false},
		{"z", false}, {"ZZ", false}, {"+01:00Z", false}, {"+0100", false}, {"+01-00", false},
	} {
		doc := `<Message><Children><Child><ChildIdentifiers><LAchildID>Z</LAchildID><PersonBirthDate>2024-06-03` + tc.zone +
			`</PersonBirthDate></ChildIdentifiers></Child></Children></Message>`
		f, err := ReadAll(strings.NewReader(doc))
		if tc.ok {
			if err != nil || f.Children[0].BirthDate != d(2024, 6, 3) {
				t.Errorf("zone %q: got %v, want 2024-06-03 read", tc.zone, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Value != "2024-06-03"+tc.zone {
			t.Errorf("zone %q: got %v, want an error on the value", tc.zone, err)
		}
	}
}

// TestDateShapes: a date is read by the scanner's date leaf when it is
// exactly YYYY-MM-DD, and by the general path otherwise; both accept the
// same dates and refuse the same values, a digit at a time.
func TestDateShapes(t *testing.T) {
	for _, tc := range []struct {
		text string
		want holidays.Date // zero: refused
	}{
		{"2024-06-03", d(2024, 6, 3)},
		{" 2024-06-03\n", d(2024, 6, 3)}, // white space: the general path
		{"0001-01-01", d(1, 1, 1)},
		{"2024-02-29", d(2024, 2, 29)},
		{"2023-02-29", holidays.Date{}},
		{"20x4-06-03", holidays.Date{}},
		{"2x24-06-03", holidays.Date{}},
		{"x024-06-03", holidays.Date{}},
		{"202x-06-03", holidays.Date{}},
		{"2024-0x-03", holidays.Date{}},
		{"2024-06-0x", holidays.Date{}},
		{"2024-06-03x", holidays.Date{}},
		{"2024/06/03", holidays.Date{}},
		{"2024-6-3", holidays.Date{}},
		{"２024-06-03", holidays.Date{}}, // a digit beyond ASCII
	} {
		doc := `<Message><Children><Child><ChildIdentifiers><LAchildID>Z</LAchildID><PersonBirthDate>` + tc.text +
			`</PersonBirthDate></ChildIdentifiers></Child></Children></Message>`
		f, err := ReadAll(strings.NewReader(doc))
		if !tc.want.IsZero() {
			if err != nil || f.Children[0].BirthDate != tc.want {
				t.Errorf("%q: got %v, want %v read", tc.text, err, tc.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Value != strings.TrimSpace(tc.text) || e.Line != 1 {
			t.Errorf("%q: got %v, want an error on the value at line 1", tc.text, err)
		}
	}
}

// TestStrictXML: what encoding/xml refused, the scanner refuses, and a
// document type declaration besides, each with its line.
func TestStrictXML(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		line      int
	}{
		{"mismatched", "<Message>\n<Children></Child></Message>", 2},
		{"unclosed", "<Message>\n<Children>\n", 3},
		{"bad entity", "<Message>\n\n<Children>&nbsp;</Children></Message>", 3},
		{"entity without semicolon", "<Message>\n<Children>&amp</Children></Message>", 2},
		{"character reference out of range", "<Message>\n<Children>&#x110000;</Children></Message>", 2},
		{"NUL by reference", "<Message>\n<Children>&#0;</Children></Message>", 2},
		{"control character", "<Message>\n<Children>\x01</Children></Message>", 2},
		{"invalid UTF-8", "<Message>\n<Children>\xff</Children></Message>", 2},
		{"DOCTYPE", "<?xml version=\"1.0\"?>\n<!DOCTYPE Message [<!ENTITY e \"x\">]>\n<Message/>", 2},
		{"ENTITY inside", "<Message>\n<!ENTITY e \"x\"><Children/></Message>", 2},
		{"]]> in text", "<Message>\n<Children>]]></Children></Message>", 2},
		{"-- in comment", "<Message>\n<!-- a -- b --><Children/></Message>", 2},
		{"unquoted attribute", "<Message>\n<Children a=1/></Message>", 2},
		{"attribute without value", "<Message>\n<Children a/></Message>", 2},
		{"< in attribute", "<Message>\n<Children a=\"<\"/></Message>", 2},
		{"bad name", "<Message>\n<1Children/></Message>", 2},
		{"two colons", "<Message>\n<a:b:c/></Message>", 2},
		{"unclosed CDATA", "<Message>\n<Children><![CDATA[ x", 2},
		{"XML 1.1", "<?xml version=\"1.1\"?><Message/>", 1},
	} {
		_, err := ReadAll(strings.NewReader(tc.doc))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want a *census.Error", tc.name, err)
			continue
		}
		if e.Line != tc.line || !strings.HasPrefix(e.Message, "malformed XML") {
			t.Errorf("%s: got %q at line %d, want malformed XML at line %d", tc.name, e.Message, e.Line, tc.line)
		}
	}
}

// TestStrayWarningsBounded: warnings outside a child are kept up to
// maxWarnings and counted past it, so that memory does not grow with the
// file (a million stray elements held 270 MB when each was kept).
func TestStrayWarningsBounded(t *testing.T) {
	const n = 200_000
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte("<Message><Children>\n"))
		stray := []byte(strings.Repeat("<Stray>x</Stray>\n", 1000))
		for range n / 1000 {
			pw.Write(stray)
		}
		pw.Write([]byte("<Child><ChildIdentifiers><LAchildID>LAST</LAchildID></ChildIdentifiers></Child></Children></Message>\n"))
		pw.Close()
	}()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, err := ReadAll(pr)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	ws := f.Warnings
	if len(ws) != maxWarnings+1 {
		t.Fatalf("%d warnings kept, want %d and a count", len(ws), maxWarnings+1)
	}
	want := Warning{Element: "Message", Line: n + 1, Message: fmt.Sprintf("%d more warnings outside any child, not kept", n-maxWarnings)}
	if diff := cmp.Diff(want, ws[maxWarnings]); diff != "" {
		t.Errorf("count warning (-want +got):\n%s", diff)
	}
	if len(f.Children) != 1 || f.Children[0].LAchildID != "LAST" {
		t.Errorf("the child after the strays was not read: %+v", f.Children)
	}
	// 1,000 warnings take well under a megabyte; 200,000 kept would take
	// about 50 MB.
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 8<<20 {
		t.Errorf("heap grew by %d bytes reading stray elements", grew)
	}
}

func TestYearMismatch(t *testing.T) {
	doc := "<Message>\n<Header><CollectionDetails><Year>2023</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header><Children/></Message>"
	f, err := ReadAll(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []Warning{{Element: "Message/Header/CollectionDetails", Line: 2,
		Message: "Year 2023 does not match ReferenceDate 2024-03-31: the figures follow the reference date"}}
	if diff := cmp.Diff(want, f.Warnings); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
}

func TestPeriodStart(t *testing.T) {
	for _, tc := range []struct {
		ref, want holidays.Date
		ok        bool
	}{
		{d(2024, 3, 31), d(2023, 4, 1), true},
		{d(2024, 2, 29), d(2023, 3, 1), true}, // 2023-02-28 is the corresponding date; the year starts the day after
		{holidays.Date{}, holidays.Date{}, false},
	} {
		got, ok := Header{ReferenceDate: tc.ref}.PeriodStart()
		if got != tc.want || ok != tc.ok {
			t.Errorf("PeriodStart(%s) = %s, %v; want %s, %v", tc.ref, got, ok, tc.want, tc.ok)
		}
	}
}

// TestScannerTables: the fast paths' tables hold exactly the bytes their
// comments name.
func TestScannerTables(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		name := c < 128 && isNameByte(b) && b != ':'
		text := b == '\t' || b == '\n' || b >= 0x20 && b < 0x80 && b != '<' && b != '&' && b != ']'
		if got := plainName[b] != 0; got != name {
			t.Errorf("plainName[%#x] = %v, want %v", b, got, name)
		}
		if got := plainText[b] != 0; got != text {
			t.Errorf("plainText[%#x] = %v, want %v", b, got, text)
		}
	}
}

// TestLeafFastPath: a leaf the scanner's one-step path cannot take is read
// by the general path, with its checks: each document below is a child
// whose LAchildID leaf is not plain, and the error (or the value) is the
// general path's.
func TestLeafFastPath(t *testing.T) {
	doc := func(leaf string) string {
		return "<Message><Children>\n<Child><ChildIdentifiers>\n<LAchildID>" + leaf + "</ChildIdentifiers></Child></Children></Message>"
	}
	long := strings.Repeat("x", maxText)
	for _, tc := range []struct {
		name, leaf, id, msg string
	}{
		{"plain", "A1</LAchildID>", "A1", ""},
		{"self-closing", "", "", ""}, // <LAchildID/> below
		{"entity", "A&amp;B</LAchildID>", "A&B", ""},
		{"carriage return", "A\r\nB</LAchildID>", "A\nB", ""},
		{"]]>", "A]]>B</LAchildID>", "", "malformed XML: unescaped ]]> not in CDATA section"},
		{"control character", "A\x01</LAchildID>", "", "malformed XML: illegal character code U+0001"},
		{"invalid UTF-8", "A\xff</LAchildID>", "", "malformed XML: invalid UTF-8"},
		{"UTF-8", "Zoë</LAchildID>", "Zoë", ""},
		{"mismatched end", "A</LAchildId>", "", "malformed XML: element <LAchildID> closed by </LAchildId>"},
		{"end with space", "A</LAchildID >", "A", ""},
		// A plain leaf's text is trimmed only when it begins or ends
		// with white space; these must be trimmed as bytes.TrimSpace does.
		{"leading space", " A1</LAchildID>", "A1", ""},
		{"trailing tab", "A1\t</LAchildID>", "A1", ""},
		{"surrounding newlines", "\nA 1\n</LAchildID>", "A 1", ""},
		{"only space", " \t\n</LAchildID>", "", ""},
		{"longest", long + "</LAchildID>", long, ""},
		{"too long", long + "x</LAchildID>", "", fmt.Sprintf("text longer than %d bytes", maxText)},
	} {
		d := doc(tc.leaf)
		if tc.name == "self-closing" {
			d = strings.Replace(d, "<LAchildID>", "<LAchildID/>", 1)
		}
		f, err := ReadAll(strings.NewReader(d))
		if tc.msg == "" {
			if err != nil || len(f.Children) != 1 || f.Children[0].LAchildID != tc.id {
				t.Errorf("%s: got %v, %+v; want the child %q", tc.name, err, f, tc.id)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Message != tc.msg || e.Line != 3 {
			t.Errorf("%s: got %v, want %q at line 3", tc.name, err, tc.msg)
		}
	}
}

// TestKnownNames: a start tag by a name the scanner has met before is
// recognized by the known-name table, and one that follows the same tag
// as last time by the table's prediction; each tag below comes after its
// name has been read twice in the same sequence (so that it is both known
// and predicted), in a form the table must not take for the plain tag
// (attributes, white space, a longer name with the same start, a prefix)
// or must take ("<name/>"). The reader must agree with encoding/xml on
// each document, errors included, and the names must be read as written.
func TestKnownNames(t *testing.T) {
	child := func(ids string) string {
		return "<Child><ChildIdentifiers>" + ids + "</ChildIdentifiers></Child>\n"
	}
	first := child("<LAchildID>A</LAchildID><PersonBirthDate>2015-01-02</PersonBirthDate>")
	for _, tc := range []struct{ name, ids string }{
		{"plain", "<LAchildID>B</LAchildID><PersonBirthDate>2016-01-02</PersonBirthDate>"},
		{"self-closing", "<LAchildID>B</LAchildID><PersonBirthDate/>"},
		{"attribute", "<LAchildID a='x>y'>B</LAchildID>"},
		{"white space", "<LAchildID\n>B</LAchildID >"},
		{"longer name", "<LAchildIDs>B</LAchildIDs><LAchildID>C</LAchildID>"},
		{"prefix", "<x:LAchildID xmlns:x='u'>B</x:LAchildID>"},
		{"mismatched end", "<LAchildID>B</LAchildId>"},
		{"unclosed", "<LAchildID>B"},
	} {
		doc := "<Message><Children>\n" + first + first + child(tc.ids) + "</Children></Message>"
		t.Run(tc.name, func(t *testing.T) { checkDifferential(t, []byte(doc)) })
	}
	// More names than the table has slots: those left out still read.
	var b strings.Builder
	b.WriteString("<Message><Children>\n<Child><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers>")
	for i := range 600 {
		fmt.Fprintf(&b, "<Extra%d>x</Extra%d>", i%300, i%300)
	}
	b.WriteString("</Child></Children></Message>")
	checkDifferential(t, []byte(b.String()))
}

// TestSyntaxErrorColumn: malformed XML is reported with the line and the
// column where the reader noticed it (counted by hand from 1 in each
// document below), and the message says where.
func TestSyntaxErrorColumn(t *testing.T) {
	for _, tc := range []struct {
		doc          string
		line, column int
	}{
		// '&' is the 12th byte of line 2: no attribute name starts so.
		{"<Message>\n<Child><Bad&x;></Child></Message>", 2, 12},
		// The entity "&bogus;" runs from column 9 to its ';' at 15.
		{"<Message>\n<Header>&bogus;</Header></Message>", 2, 15},
		// "</Header>" closes <Bad>: its '>' is at column 20, noticed after it.
		{"<Message>\n  <Header>\n<Bad x=\"1\"></Header></Message>", 3, 21},
		// The document ends after 8 bytes of line 2.
		{"<Message>\n<Header>", 2, 9},
		// An illegal character is pointed at: U+0001 is the 14th byte of
		// line 2 ("<Header>abc" is 11 bytes, "é" 2 more).
		{"<Message>\n<Header>abcé\x01def</Header></Message>", 2, 14},
		// So is invalid UTF-8 (the lone 0xff is the 10th byte of line 2),
		// and a character in an attribute value (U+0002 follows the 13
		// bytes of "<Header v='ab").
		{"<Message>\n<Header>a\xffb</Header></Message>", 2, 10},
		{"<Message>\n<Header v='ab\x02c'></Header></Message>", 2, 14},
		// In CDATA too: "<Header><![CDATA[" is 17 bytes, then "x", then U+0003.
		{"<Message>\n<Header><![CDATA[x\x03y]]></Header></Message>", 2, 19},
		// A fault noticed at the end of a text that runs on to a later line
		// is where the text ends, on the line encoding/xml gives: "\x04" is
		// on line 2, the text ends at the 3rd byte of line 3.
		{"<Message>\n<Header>a\x04\nbc</Header></Message>", 3, 3},
		// Text decoded from an entity is not the input's bytes: the fault
		// is where the text ends, before the 27th byte of line 2.
		{"<Message>\n<Header>&amp;\x05abcdefghijkl</Header></Message>", 2, 27},
		// "<![" must go on "CDATA[": the wrong byte, '0', is the 12th of
		// line 2, and is the error though the input ends before six bytes
		// have come (found by FuzzDifferential: the reader had waited for
		// them and reported the end of the input, on the next line). A
		// right start cut short ends 14 bytes into line 2.
		{"<Message>\n<Header><![0\n0", 2, 12},
		{"<Message>\n<Header><![CDA", 2, 15},
	} {
		_, err := ReadAll(strings.NewReader(tc.doc))
		var e *Error
		if !errors.As(err, &e) || e.Line != tc.line || e.Column != tc.column {
			t.Errorf("%q: got %v, want line %d, column %d", tc.doc, err, tc.line, tc.column)
			continue
		}
		if want := fmt.Sprintf("census: line %d, column %d: ", tc.line, tc.column); !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: message %q does not start %q", tc.doc, err, want)
		}
	}
}

// TestBufferSizedToInput: an input that knows its length is read through a
// buffer its size, grown by fill for a token that outgrows it, and gives
// what the same bytes give through the 256 KB buffer of an input that
// does not: the same children, warnings and error, on every test input,
// on a comment longer than either buffer and on a token longer than any
// the scanner holds.
func TestBufferSizedToInput(t *testing.T) {
	inputs := pipelineInputs(t)
	const open = "<Message><Children><Child><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers></Child>\n"
	inputs["long comment"] = []byte(open + "<!--" + strings.Repeat("x\n", 150<<10) + "-->\n" +
		"<Child><ChildIdentifiers><LAchildID>B</LAchildID></ChildIdentifiers></Child></Children></Message>")
	inputs["token too long"] = []byte(open + "<Child a=\"" + strings.Repeat("x", maxToken+1) + "\"/>\n</Children></Message>")
	hideLength := func(r io.Reader) io.Reader { return struct{ io.Reader }{r} }
	for name, data := range inputs {
		sized := NewReader(bytes.NewReader(data))
		if want := min(256<<10, max(4<<10, len(data)+1)); len(sized.sc.own) != want {
			t.Errorf("%s: a buffer of %d bytes for %d bytes of input, want %d", name, len(sized.sc.own), len(data), want)
		}
		got := readThrough(t, sized)
		if diff := cmp.Diff(readThrough(t, NewReader(hideLength(bytes.NewReader(data)))), got); diff != "" {
			t.Errorf("%s (-256 KB buffer +sized buffer):\n%s", name, diff)
		}
		if name == "token too long" && (got.Err == nil || !strings.Contains(got.Err.Message, "token longer than")) {
			t.Errorf("%s: error %q", name, got.Err)
		}
	}
}
