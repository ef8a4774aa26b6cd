package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Expected output is typed out by hand from GOV.UK's lists.
const holidays2022 = `2022-01-03  Monday     New Year’s Day (substitute)
2022-04-15  Friday     Good Friday
2022-04-18  Monday     Easter Monday
2022-05-02  Monday     Early May bank holiday
2022-06-02  Thursday   Spring bank holiday
2022-06-03  Friday     Platinum Jubilee bank holiday
2022-08-29  Monday     Summer bank holiday
2022-09-19  Monday     Bank Holiday for the State Funeral of Queen Elizabeth II
2022-12-26  Monday     Boxing Day
2022-12-27  Tuesday    Christmas Day (substitute)
`

const holidays2026 = `2026-01-01  Thursday   New Year’s Day
2026-04-03  Friday     Good Friday
2026-04-06  Monday     Easter Monday
2026-05-04  Monday     Early May bank holiday
2026-05-25  Monday     Spring bank holiday
2026-08-31  Monday     Summer bank holiday
2026-12-25  Friday     Christmas Day
2026-12-28  Monday     Boxing Day (substitute)
`

// 2033: Christmas on a Sunday, in a year computed by rule.
const holidays2033 = `2033-01-03  Monday     New Year’s Day (substitute, provisional)
2033-04-15  Friday     Good Friday (provisional)
2033-04-18  Monday     Easter Monday (provisional)
2033-05-02  Monday     Early May bank holiday (provisional)
2033-05-30  Monday     Spring bank holiday (provisional)
2033-08-29  Monday     Summer bank holiday (provisional)
2033-12-26  Monday     Boxing Day (provisional)
2033-12-27  Tuesday    Christmas Day (substitute, provisional)
`

func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		prefix bool // stdout need only begin with the given text
		stderr string
	}{
		{name: "holidays one year", args: []string{"holidays", "2022"}, stdout: holidays2022},
		{name: "holidays two years in the order given", args: []string{"holidays", "2026", "2022"}, stdout: holidays2026 + holidays2022},
		{name: "holidays provisional", args: []string{"holidays", "2033"}, stdout: holidays2033},
		{name: "holidays first year", args: []string{"holidays", "1978"}, stdout: "" +
			"1978-01-02  Monday     New Year’s Day (substitute)\n" +
			"1978-03-24  Friday     Good Friday\n" +
			"1978-03-27  Monday     Easter Monday\n" +
			"1978-05-01  Monday     Early May bank holiday\n" +
			"1978-05-29  Monday     Spring bank holiday\n" +
			"1978-08-28  Monday     Summer bank holiday\n" +
			"1978-12-25  Monday     Christmas Day\n" +
			"1978-12-26  Tuesday    Boxing Day\n"},
		{name: "holidays flag after year", args: []string{"holidays", "2026", "--json"}, prefix: true, stdout: "[\n" +
			`  {
    "date": "2026-01-01",
    "weekday": "Thursday",
    "name": "New Year’s Day",
    "substitute": false,
    "provisional": false
  },` + "\n"},
		{name: "holidays no year", args: []string{"holidays"}, code: 2,
			stderr: "wt: holidays: want at least one YEAR (usage: wt holidays [--json] YEAR...)\n"},
		{name: "holidays only a flag", args: []string{"holidays", "--json"}, code: 2,
			stderr: "wt: holidays: want at least one YEAR (usage: wt holidays [--json] YEAR...)\n"},
		{name: "holidays bad year", args: []string{"holidays", "2026", "twenty"}, code: 2,
			stderr: "wt: holidays: \"twenty\" is not a year\n"},
		{name: "holidays signed year", args: []string{"holidays", "+2026"}, code: 2,
			stderr: "wt: holidays: \"+2026\" is not a year\n"},
		{name: "holidays long year", args: []string{"holidays", "020261"}, code: 2,
			stderr: "wt: holidays: \"020261\" is not a year\n"},
		{name: "holidays date for a year", args: []string{"holidays", "2026-01-01"}, code: 2,
			stderr: "wt: holidays: \"2026-01-01\" is not a year\n"},
		{name: "holidays too early", args: []string{"holidays", "1977"}, code: 2,
			stderr: "wt: holidays: year 1977 is outside the supported range 1978 to 2099\n"},
		{name: "holidays too late, nothing printed", args: []string{"holidays", "2026", "2100"}, code: 2,
			stderr: "wt: holidays: year 2100 is outside the supported range 1978 to 2099\n"},
		{name: "holidays unknown flag", args: []string{"holidays", "--csv", "2026"}, code: 2,
			stderr: "wt: holidays: unknown flag --csv; flags: --json (see wt holidays -h)\n"},
		{name: "holidays misspelt flag", args: []string{"holidays", "2026", "-jsno"}, code: 2,
			stderr: "wt: holidays: unknown flag -jsno (did you mean \"--json\"?); flags: --json (see wt holidays -h)\n"},
		// A number is an argument, never a flag.
		{name: "holidays negative year", args: []string{"holidays", "-2026"}, code: 2,
			stderr: "wt: holidays: \"-2026\" is not a year\n"},
		{name: "holidays bad flag value", args: []string{"holidays", "--json=maybe", "2026"}, code: 2,
			stderr: "wt: holidays: --json \"maybe\": parse error (see wt holidays -h)\n"},
		{name: "holidays json=false", args: []string{"holidays", "--json=false", "2022"}, stdout: holidays2022},
		{name: "holidays single-dash flag", args: []string{"holidays", "-json", "2026"}, prefix: true, stdout: "[\n"},
		{name: "holidays after --", args: []string{"holidays", "--", "--json"}, code: 2,
			stderr: "wt: holidays: \"--json\" is not a year\n"},
		{name: "holidays help", args: []string{"holidays", "2026", "--help"}, stdout: "usage: wt holidays [--json] YEAR...\n\n" +
			"Lists the England and Wales bank holidays of each YEAR, in the order given: GOV.UK's\n" +
			"published list where it has one, and the statutory rules, marked provisional, beyond it.\n\n" +
			"flags:\n" +
			"  --json      print a JSON array\n" +
			"  -h, --help  print this help\n"},

		// Working Together's example: Good Friday and Easter Monday intervene.
		{name: "add Easter 2024", args: []string{"workdays", "add", "2024-03-28", "1"}, stdout: "2024-04-02\n"},
		{name: "add zero on a Saturday", args: []string{"workdays", "add", "2024-03-30", "0"}, stdout: "2024-03-30\n"},
		{name: "add negative", args: []string{"workdays", "add", "2024-04-02", "-7"}, stdout: "2024-03-20\n"},
		{name: "add across the state funeral", args: []string{"workdays", "add", "2022-09-16", "1"}, stdout: "2022-09-20\n"},
		{name: "add 45", args: []string{"workdays", "add", "2024-03-28", "45"}, stdout: "2024-06-05\n"},
		{name: "between", args: []string{"workdays", "between", "2024-03-28", "2024-04-02"}, stdout: "1\n"},
		{name: "between backwards", args: []string{"workdays", "between", "2024-04-02", "2024-03-20"}, stdout: "-7\n"},
		{name: "between a year", args: []string{"workdays", "between", "2023-12-31", "2024-12-31"}, stdout: "254\n"},
		{name: "workdays nothing", args: []string{"workdays"}, code: 2,
			stderr: "wt: workdays: want add DATE N or between FROM TO\n"},
		{name: "workdays unknown", args: []string{"workdays", "sub", "2024-01-01", "1"}, code: 2,
			stderr: "wt: workdays: unknown subcommand \"sub\"; want one of add, between\n"},
		{name: "workdays subcommand case", args: []string{"workdays", "Add", "2024-01-01", "1"}, code: 2,
			stderr: "wt: workdays: unknown subcommand \"Add\" (did you mean \"add\"?); want one of add, between\n"},
		{name: "workdays unknown flag", args: []string{"workdays", "--fast", "add", "2024-01-01", "1"}, code: 2,
			stderr: "wt: workdays: unknown flag --fast: wt workdays takes no flags (see wt workdays -h)\n"},
		{name: "add too few", args: []string{"workdays", "add", "2024-01-01"}, code: 2,
			stderr: "wt: workdays add: want DATE N, got 1 arguments\n"},
		{name: "add too many", args: []string{"workdays", "add", "2024-01-01", "1", "2"}, code: 2,
			stderr: "wt: workdays add: want DATE N, got 3 arguments\n"},
		{name: "add bad date", args: []string{"workdays", "add", "2024-13-01", "1"}, code: 2,
			stderr: "wt: workdays add: holidays: parsing date \"2024-13-01\": month out of range\n"},
		{name: "add invalid day", args: []string{"workdays", "add", "2023-02-29", "1"}, code: 2,
			stderr: "wt: workdays add: holidays: parsing date \"2023-02-29\": day out of range\n"},
		{name: "add bad N", args: []string{"workdays", "add", "2024-01-01", "1.5"}, code: 2,
			stderr: "wt: workdays add: \"1.5\" is not a whole number of working days\n"},
		{name: "add date out of range", args: []string{"workdays", "add", "1977-12-30", "1"}, code: 2,
			stderr: "wt: workdays add: holidays: 1977-12-30 is outside the supported range 1978-01-01 to 2099-12-31\n"},
		{name: "add result out of range", args: []string{"workdays", "add", "2099-12-30", "5"}, code: 2,
			stderr: "wt: workdays add: holidays: +5 working days from 2099-12-30 is outside the supported range 1978-01-01 to 2099-12-31\n"},
		{name: "add huge N", args: []string{"workdays", "add", "2024-01-01", "99999999999999999999"}, code: 2,
			stderr: "wt: workdays add: \"99999999999999999999\" is not a whole number of working days\n"},
		{name: "between one argument", args: []string{"workdays", "between", "2024-01-01"}, code: 2,
			stderr: "wt: workdays between: want FROM TO, got 1 arguments\n"},
		{name: "between bad date", args: []string{"workdays", "between", "2024-01-01", "2024-02-30"}, code: 2,
			stderr: "wt: workdays between: holidays: parsing date \"2024-02-30\": day out of range\n"},
		{name: "between out of range", args: []string{"workdays", "between", "2024-01-01", "2100-01-01"}, code: 2,
			stderr: "wt: workdays between: holidays: 2100-01-01 is outside the supported range 1978-01-01 to 2099-12-31\n"},
		{name: "unknown command", args: []string{"calendar"}, code: 2,
			stderr: "wt: unknown command \"calendar\" (try wt help)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tt.args, &out, &errOut)
			if code != tt.code {
				t.Errorf("run(%q) = %d, want %d (stderr %q)", tt.args, code, tt.code, errOut.String())
			}
			got := out.String()
			if tt.prefix {
				got = got[:min(len(got), len(tt.stdout))]
			}
			if diff := cmp.Diff(tt.stdout, got); diff != "" {
				t.Errorf("run(%q) stdout mismatch (-want +got):\n%s", tt.args, diff)
			}
			if diff := cmp.Diff(tt.stderr, errOut.String()); diff != "" {
				t.Errorf("run(%q) stderr mismatch (-want +got):\n%s", tt.args, diff)
			}
			if tt.code != 0 && strings.Count(errOut.String(), "\n") != 1 {
				t.Errorf("run(%q) stderr is not one line: %q", tt.args, errOut.String())
			}
		})
	}
}

func TestHolidaysJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"holidays", "--json", "2020", "2029"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, out.String())
	}
	if len(got) != 16 {
		t.Fatalf("got %d holidays, want 8 for 2020 and 8 for 2029", len(got))
	}
	// Every object has every field, whatever its value.
	want := map[string]any{"date": "2020-12-28", "weekday": "Monday", "name": "Boxing Day", "substitute": true, "provisional": false}
	if diff := cmp.Diff(want, got[7]); diff != "" {
		t.Errorf("eighth holiday mismatch (-want +got):\n%s", diff)
	}
	want = map[string]any{"date": "2020-05-08", "weekday": "Friday", "name": "Early May bank holiday (VE day)", "substitute": false, "provisional": false}
	if diff := cmp.Diff(want, got[3]); diff != "" {
		t.Errorf("fourth holiday mismatch (-want +got):\n%s", diff)
	}
	want = map[string]any{"date": "2029-01-01", "weekday": "Monday", "name": "New Year’s Day", "substitute": false, "provisional": true}
	if diff := cmp.Diff(want, got[8]); diff != "" {
		t.Errorf("ninth holiday mismatch (-want +got):\n%s", diff)
	}
	// The same arguments give the same bytes.
	var again bytes.Buffer
	run([]string{"holidays", "2020", "--json", "2029"}, &again, &errOut)
	if !bytes.Equal(out.Bytes(), again.Bytes()) {
		t.Error("output differs between runs or flag positions")
	}
}
