package census

import (
	"bytes"
	"encoding/json"
	"errors"
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

// FuzzRead feeds arbitrary bytes to the reader and the auditor: they must
// return (a Child or an error) and never panic; every error is a census
// Error or the end of the file.
func FuzzRead(f *testing.F) {
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
