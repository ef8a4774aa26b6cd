package census

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/google/go-cmp/cmp"
	"io"
	"os"
	"strings"
	"testing"
)

// malformed returns the variants in testdata/malformed.txt: sections that
// start with a line "-- name --".
func malformed(t testing.TB) map[string]string {
	t.Helper()
	data, err := os.ReadFile("testdata/malformed.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			out[name] = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimSpace(line), " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "-- "), " --")
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	return out
}

// TestMalformed: every variant is refused with a census Error that has a
// line, and nothing panics.
func TestMalformed(t *testing.T) {
	vs := malformed(t)
	if len(vs) < 10 {
		t.Fatalf("only %d variants in testdata/malformed.txt", len(vs))
	}
	for name, doc := range vs {
		_, err := Audit(strings.NewReader(doc), Config{})
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want a *census.Error", name, err)
			continue
		}
		if e.Line < 1 || !strings.HasPrefix(e.Error(), "census: ") {
			t.Errorf("%s: error %q has no line or prefix", name, e)
		}
	}
}

// addFileSeeds seeds a fuzz target with the test files and the malformed
// variants.
func addFileSeeds(f *testing.F) {
	for _, name := range []string{"old-2018.xml", "new-2026.xml", "figures-2024.xml"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, doc := range malformed(f) {
		f.Add([]byte(doc))
	}
}

// FuzzRead feeds arbitrary bytes to the reader and the auditor: they must
// return (a Child or an error) and never panic; every error is a census
// Error or the end of the file.
func FuzzRead(f *testing.F) {
	addFileSeeds(f)
	f.Add([]byte(`<Message><Children><Child><CINdetails><CINreferralDate>2024-01-01</CINreferralDate><Section47><S47ActualStartDate>2024-01-02</S47ActualStartDate><DateOfInitialCPC>2023-12-01</DateOfInitialCPC></Section47></CINdetails></Child></Children></Message>`))
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><Message><Children><Child><ChildIdentifiers><LAchildID>` + "\x80\x81" + `</LAchildID></ChildIdentifiers></Child></Children></Message>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		h, err := r.Header()
		if err != nil {
			checkErr(t, err)
			return
		}
		a := NewAuditor(h, Config{})
		for i := 0; ; i++ {
			c, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				checkErr(t, err)
				return
			}
			// Every report must serialise: the CLI writes it as JSON.
			if _, err := json.Marshal(a.Audit(c)); err != nil {
				t.Fatalf("child %d: report does not marshal: %v", i, err)
			}
		}
		if _, err := json.Marshal(a.Figures()); err != nil {
			t.Fatalf("figures do not marshal: %v", err)
		}
	})
}

func checkErr(t *testing.T, err error) {
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *census.Error", err, err)
	}
	if !strings.HasPrefix(err.Error(), "census: ") {
		t.Fatalf("error %q lacks the census: prefix", err)
	}
}

// A readResult is everything a reader makes of a file.
type readResult struct {
	Header   Header
	Children []Child
	Warnings []Warning
	Err      *Error
}

// childReader is what the Reader and the oracle have in common.
type childReader interface {
	Header() (Header, error)
	Next() (Child, error)
	Warnings() []Warning
}

func readThrough(t *testing.T, r childReader) readResult {
	var res readResult
	h, err := r.Header()
	for err == nil {
		var c Child
		if c, err = r.Next(); err == nil {
			res.Children = append(res.Children, c)
		}
	}
	if err != io.EOF {
		if !errors.As(err, &res.Err) {
			t.Fatalf("error %v (%T) is not a *census.Error", err, err)
		}
		res.Err.Err = nil // the scanner's and encoding/xml's causes differ in type
	}
	res.Header, res.Warnings = h, r.Warnings()
	return res
}

// FuzzDifferential holds the scanner-based Reader to the encoding/xml one
// it replaced (oracle_test.go) on the same bytes: the same header, children
// and warnings, and an error exactly when the oracle has one, at the same
// line. Two differences are allowed, both in the wording of malformed-XML
// errors rather than in what is accepted: the messages of syntax errors
// (the scanner's are encoding/xml's, but the line of a few is reported
// where the scanner notices them), and names beyond ASCII, where the
// scanner checks letters and digits with package unicode while encoding/xml
// uses the XML 1.0 first-edition tables; no census element has such a name.
func FuzzDifferential(f *testing.F) {
	addFileSeeds(f)
	for _, doc := range []string{
		"<Message><Children><Child><![CDATA[x]]><ChildIdentifiers><LAchildID><![CDATA[A<1>]]>&#x41;&amp;</LAchildID></ChildIdentifiers></Child></Children></Message>",
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<Message a='1' b=\"&lt;\">\r\n<Children><!-- a -- b --><Child/></Children></Message>",
		"<!DOCTYPE Message [<!ENTITY x \"y\">]><Message/>",
		"<Message><x:Children xmlns:x='u'><Child><ChildIdentifiers><PersonBirthDate>2024-06-03+xx:yy</PersonBirthDate></ChildIdentifiers></Child></x:Children></Message>",
		"<Message><Children></Children>]]></Message>",
		"<Message>\n<Children>\n<Child>\n<ChildIdentifiers>\n<LAchildID>\x01</LAchildID></ChildIdentifiers></Child></Children></Message>",
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(checkDifferential)
}

// checkDifferential compares the Reader with the oracle on data.
func checkDifferential(t *testing.T, data []byte) {
	want := readThrough(t, newOracleReader(bytes.NewReader(data)))
	got := readThrough(t, NewReader(bytes.NewReader(data)))
	if badName(want.Err) || badName(got.Err) {
		return // names beyond ASCII: see FuzzDifferential
	}
	if want.Err != nil && got.Err != nil {
		w, g := *want.Err, *got.Err
		if strings.HasPrefix(w.Message, "malformed XML") && strings.HasPrefix(g.Message, "malformed XML") {
			if strings.Contains(w.Message, "declaration") || strings.Contains(g.Message, "declaration") {
				// encoding/xml reads a declaration whole before the oracle
				// refuses it; the scanner refuses it at its first byte.
				w.Line, g.Line = 0, 0
			}
			w.Message, g.Message, w.Column, g.Column = "", "", 0, 0
		}
		want.Err, got.Err = &w, &g
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("scanner and encoding/xml disagree (-want +got):\n%s", diff)
	}
}

// badName reports an error about an element name, where the scanner and
// encoding/xml may differ beyond ASCII.
func badName(e *Error) bool { return e != nil && strings.Contains(e.Message, "invalid XML name") }

// FuzzPipeline holds the parallel Pipeline to the serial Reader and
// Auditor on the same bytes: the same reports in the same order (through
// Rendered, for the larger chunks), with the same lines, the same
// warnings, the same error and the same figures; and
// the children read in chunks, as the workers read them, to the serial
// Reader's, field for field. The
// chunks are cut small, so that an input of a few children has a cut at
// nearly every child, and mutations land in comments, CDATA sections and
// processing instructions holding "<Child>" text, and across cuts.
func FuzzPipeline(f *testing.F) {
	addFileSeeds(f)
	for _, doc := range []string{
		"<Message><Children>\n<Child><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers></Child>\n<!-- <Child> --><![CDATA[<Child>]]><?pi <Child>?>\n<Child><ChildIdentifiers><LAchildID>B</LAchildID></ChildIdentifiers></Child>\n</Children></Message>",
		"<Message><Children><Child a=\"<Child>\"><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers></Child><Child/></Children></Message>",
		"<Message><Children><Child><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers></Child>stray<X/><Child/></Children><Children><Child/></Children></Message>",
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, children := serialRun(data), readThrough(t, NewReader(bytes.NewReader(data)))
		for _, chunk := range []int{1, 64} {
			got := pipelineRun(data, 2, chunk, chunk == 64)
			want.SerialFrom = got.SerialFrom
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("chunks of %d bytes, rendered %v (-serial +pipeline):\n%s", chunk, chunk == 64, diff)
			}
			// The children themselves, every field, as the workers read them.
			if diff := cmp.Diff(children, chunkedRead(t, data, chunk)); diff != "" {
				t.Fatalf("chunks of %d bytes (-serial +chunked):\n%s", chunk, diff)
			}
		}
	})
}
