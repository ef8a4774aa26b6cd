package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/internal/golden"
)

// sampleCase is a child on a plan after a conference on Monday 13 January
// 2025; the first core group, due Monday 27 January, has not met.
const sampleCase = `{"id":"svc-1","events":[
  {"type":"referral-received","date":"2024-12-11"},
  {"type":"referral-decision","date":"2024-12-12","decision":"section-17-assessment"},
  {"type":"child-seen","date":"2024-12-12"},
  {"type":"assessment-started","date":"2024-12-13"},
  {"type":"strategy-discussion","date":"2024-12-19","outcome":"section-47"},
  {"type":"assessment-concluded","date":"2025-01-09","outcome":"strategy-discussion"},
  {"type":"section-47-concluded","date":"2025-01-09","outcome":"substantiated"},
  {"type":"initial-conference","date":"2025-01-13","outcome":"plan","category":"neglect"}
]}
`

// fixedNow is 23:30 UTC on Sunday 31 August 2025, already Monday
// 1 September in London (British Summer Time).
func fixedNow() time.Time { return time.Date(2025, 8, 31, 23, 30, 0, 0, time.UTC) }

func serve(t *testing.T, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("%s %s: Content-Type %q, want JSON", method, target, ct)
	}
	return rec
}

// transcript renders an exchange as a reader of the golden file wants it.
func transcript(method, target, body string, rec *httptest.ResponseRecorder) string {
	return fmt.Sprintf("%s %s\n\n%s\n%d %s\n\n%s", method, target, body, rec.Code, http.StatusText(rec.Code), rec.Body.String())
}

func TestServiceGolden(t *testing.T) {
	h := NewHandler(Config{Now: fixedNow})
	const target = "/deadlines?as_of=2025-01-28"
	rec := serve(t, h, http.MethodPost, target, sampleCase)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, body %s", rec.Code, rec.Body.String())
	}
	got := transcript(http.MethodPost, target, sampleCase, rec)

	// And what a mistake in the log gets back: what is wrong, and where.
	const bad = `{"id":"svc-2","events":[
  {"type":"referral-received","date":"2025-01-06"},
  {"type":"referral-decision","date":"2025-01-07","decision":"section-47"}
]}
`
	rec = serve(t, h, http.MethodPost, "/deadlines", bad)
	got += "\n\n" + transcript(http.MethodPost, "/deadlines", bad, rec)
	golden.File(t, filepath.Join("testdata", "deadlines.golden"), []byte(got))
}

func TestServiceResponse(t *testing.T) {
	h := NewHandler(Config{Now: fixedNow})
	rec := serve(t, h, http.MethodPost, "/deadlines?as_of=2025-01-28", sampleCase)
	var resp struct {
		ID        string `json:"id"`
		AsOf      string `json:"as_of"`
		Stage     string `json:"stage"`
		Late      bool   `json:"late"`
		Deadlines []struct {
			Rule struct {
				ID string `json:"id"`
			} `json:"rule"`
			Status string `json:"status"`
			Due    string `json:"due"`
			Late   int    `json:"late_workdays"`
		} `json:"deadlines"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.ID != "svc-1" || resp.AsOf != "2025-01-28" || resp.Stage != "child-protection-plan" || !resp.Late {
		t.Errorf("header = %+v", resp)
	}
	// 10 working days after Monday 13 January: Monday 27 January; on the
	// 28th it is 1 working day overdue.
	core := resp.Deadlines[4]
	if core.Rule.ID != "core-group-first" || core.Status != "overdue" || core.Due != "2025-01-27" || core.Late != 1 {
		t.Errorf("core group = %+v", core)
	}
}

// Without as_of the date is today in London, not in UTC.
func TestServiceDefaultAsOf(t *testing.T) {
	h := NewHandler(Config{Now: fixedNow})
	rec := serve(t, h, http.MethodPost, "/deadlines", sampleCase)
	var resp struct {
		AsOf string `json:"as_of"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.AsOf != "2025-09-01" {
		t.Errorf("as_of = %s, want 2025-09-01 (London's date at 23:30 UTC on 31 August)", resp.AsOf)
	}
}

func TestServiceErrors(t *testing.T) {
	h := NewHandler(Config{Now: fixedNow, MaxBody: 2048})
	one := func(i int) *int { return &i }
	tests := []struct {
		name, method, target, body string
		status                     int
		want                       apiError
		wantIn                     string // a part of the message
	}{
		{"bad event date", "POST", "/deadlines", "{\"id\":\"x\",\"events\":[\n{\"type\":\"referral-received\",\"date\":\"2025-01-02\"},\n{\"type\":\"referral-decision\",\"date\":\"2025-02-30\",\"decision\":\"early-help\"}]}",
			400, apiError{Line: 3, Event: one(1), Field: "date"}, `parsing date "2025-02-30"`},
		{"transition", "POST", "/deadlines", `{"id":"x","events":[{"type":"core-group-met","date":"2025-01-02"}]}`,
			400, apiError{Line: 1, Event: one(0)}, "core-group-met is not allowed in stage new"},
		{"unknown field", "POST", "/deadlines", `{"id":"x","events":[],"colour":"red"}`,
			400, apiError{Line: 1, Field: "colour"}, "unknown field"},
		{"syntax", "POST", "/deadlines", "{\"id\":\"x\",\n\"events\":[}",
			400, apiError{Line: 2}, "invalid character"},
		{"truncated", "POST", "/deadlines", `{"id":"x","events":[`,
			400, apiError{Line: 1}, "unexpected end of JSON input"},
		{"two cases", "POST", "/deadlines", `{"id":"a","events":[]} {"id":"b","events":[]}`,
			400, apiError{}, "more than one case"},
		{"empty", "POST", "/deadlines", "",
			400, apiError{}, "empty body"},
		{"bad as_of", "POST", "/deadlines?as_of=28/01/2025", sampleCase,
			400, apiError{Param: "as_of"}, `"28/01/2025"`},
		{"as_of out of range", "POST", "/deadlines?as_of=1900-01-01", sampleCase,
			400, apiError{Param: "as_of"}, "1900-01-01"},
		{"too big", "POST", "/deadlines", `{"id":"` + strings.Repeat("x", 4096) + `","events":[]}`,
			413, apiError{}, "larger than 2048 bytes"},
		{"get", "GET", "/deadlines", "",
			405, apiError{}, "method GET not allowed"},
		{"no such path", "POST", "/cases", sampleCase,
			404, apiError{}, "no such endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(t, h, tt.method, tt.target, tt.body)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d; body %s", rec.Code, tt.status, rec.Body.String())
			}
			var got apiError
			dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("error body is not the documented JSON: %v\n%s", err, rec.Body.String())
			}
			if !strings.Contains(got.Error, tt.wantIn) {
				t.Errorf("error %q does not contain %q", got.Error, tt.wantIn)
			}
			got.Error = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("location mismatch (-want +got):\n%s", diff)
			}
			if tt.status == 405 && rec.Header().Get("Allow") != "POST" {
				t.Errorf("405 without Allow: POST")
			}
		})
	}
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-max-body", "0"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
		if errOut.Len() == 0 {
			t.Errorf("run(%q) printed no usage", args)
		}
	}
}
