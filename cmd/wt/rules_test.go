package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/timescales"
)

func runRulesCmd(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDue(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		// Strategy discussion Thu 26 May 2022; 2 and 3 June 2022 off -> Mon 20 June.
		{[]string{"due", "icpc", "2022-05-26"}, "icpc: Initial child protection conference (Working Together 2018)\n" +
			"from Thursday 2022-05-26: strategy discussion at which section 47 enquiries were initiated (the later one, if more than one was held)\n" +
			"due  Monday 2022-06-20 (within 15 working days)\n" +
			"cite Working Together to Safeguard Children 2018, Chapter 1: Assessing need and providing help (not checked against the published text)\n"},
		// Para 364: 7 working days before Tue 2 Jan 2024 is Tue 19 Dec 2023.
		{[]string{"due", "practice-review-to-panel", "2024-01-02"}, "practice-review-to-panel: Full review report sent to the panel and the Secretary of State (Working Together 2023)\n" +
			"from Tuesday 2024-01-02: date of publication of the review report\n" +
			"due  Tuesday 2023-12-19 at the latest (7 working days before)\n" +
			"cite Working Together to Safeguard Children 2023, Chapter 5: Learning from serious child safeguarding incidents; Safeguarding partners – expectations of the final report, para 364 and footnote 209\n"},
		{[]string{"due", "--edition", "2013", "immediate-protection", "2024-01-02"}, "immediate-protection: Immediate protection (Working Together 2013)\n" +
			"from Tuesday 2024-01-02: referral made to local authority children's social care\n" +
			"due  as soon as possible: no fixed date\n" +
			"cite Working Together to Safeguard Children 2013, Chapter 1: Assessing need and providing help (not checked against the published text)\n"},
	}
	for _, tt := range tests {
		code, out, errOut := runRulesCmd(tt.args...)
		if code != 0 || errOut != "" {
			t.Errorf("wt %s: exit %d, stderr %q", strings.Join(tt.args, " "), code, errOut)
		}
		if diff := cmp.Diff(tt.want, out); diff != "" {
			t.Errorf("wt %s mismatch (-want +got):\n%s", strings.Join(tt.args, " "), diff)
		}
	}
	// The flag may follow the arguments, in either form. Thu 28 Mar 2024:
	// Good Friday and Easter Monday off; 2-5 Apr (4), 8-12 (9), 15-19 (14),
	// Mon 22 Apr (15).
	_, a, _ := runRulesCmd("due", "icpc", "2024-03-28", "--edition=2018")
	_, b, _ := runRulesCmd("due", "--edition", "2018", "icpc", "2024-03-28")
	if a != b || !strings.Contains(a, "Working Together 2018") || !strings.Contains(a, "2024-04-22") {
		t.Errorf("--edition after the arguments:\n%s\nbefore:\n%s", a, b)
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, errOut := runRulesCmd("rules")
	if code != 0 || errOut != "" {
		t.Fatalf("wt rules: exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"Working Together to Safeguard Children 2023, in force from 2023-12-15\n",
		"\nicpc: Initial child protection conference (within 15 working days, statutory)\n",
		"\nrapid-review: Rapid review submitted to the panel (within 15 working days, non-statutory)\n",
		"  cite: Working Together to Safeguard Children 2023, Chapter 3: Providing help, support and protection; Section 2: Safeguarding and promoting the welfare of children; Timeliness, para 155\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("wt rules lacks %q", want)
		}
	}
	if n := strings.Count(out, "\n  cite: "); n != 21 {
		t.Errorf("wt rules printed %d citations, want 21", n)
	}

	// A rule in force before its edition says so: the 2018 panel rules.
	_, text, _ := runRulesCmd("rules", "--edition", "2018")
	if n := strings.Count(text, "  in force from 2018-06-29 (the edition from 2018-07-04)\n"); n != 3 {
		t.Errorf("wt rules --edition 2018 shows %d rules in force from 29 June 2018, want 3:\n%s", n, text)
	}

	// Users read titles, editions, chapters and paragraphs, never the
	// project's own file names.
	for _, year := range []string{"2023", "2018", "2015", "2013"} {
		_, text, _ := runRulesCmd("rules", "--edition", year)
		if strings.Contains(strings.ToLower(text), "seed") || text == "" {
			t.Errorf("wt rules --edition %s speaks of seeds, or prints nothing:\n%s", year, text)
		}
	}

	code, out, _ = runRulesCmd("rules", "--edition", "2018", "--json")
	if code != 0 {
		t.Fatalf("wt rules --edition 2018 --json: exit %d", code)
	}
	var ed timescales.Edition
	if err := json.Unmarshal([]byte(out), &ed); err != nil {
		t.Fatalf("wt rules --json output does not parse: %v", err)
	}
	want, err := timescales.National().Pin(2018)
	if err != nil {
		t.Fatal(err)
	}
	wantEd, _ := want.EditionFor(ed.InForce)
	if diff := cmp.Diff(wantEd, ed); diff != "" {
		t.Errorf("wt rules --json mismatch (-want +got):\n%s", diff)
	}
}

func ruleList(t *testing.T, year int) string {
	t.Helper()
	rules, err := timescales.National().Rules(year)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = string(r.ID)
	}
	return strings.Join(ids, ", ")
}

func TestRulesBadArgs(t *testing.T) {
	// The lists are the rulebook's own, in its order: this test checks how
	// they are offered, not which rules each edition holds.
	rules2018, rules2023 := ruleList(t, 2018), ruleList(t, 2023)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"rules", "--edition", "2014"}, "wt: rules: unknown --edition \"2014\"; want one of 2023, 2018, 2015, 2013 (see wt rules -h)\n"},
		{[]string{"rules", "--edition"}, "wt: rules: --edition needs a value (see wt rules -h)\n"},
		{[]string{"rules", "--edition", "twenty"}, "wt: rules: unknown --edition \"twenty\"; want one of 2023, 2018, 2015, 2013 (see wt rules -h)\n"},
		// One typo from one edition is suggested; one from two is not.
		{[]string{"rules", "-edition=2O23"}, "wt: rules: unknown --edition \"2O23\" (did you mean \"2023\"?); want one of 2023, 2018, 2015, 2013 (see wt rules -h)\n"},
		{[]string{"rules", "-edition=2028"}, "wt: rules: unknown --edition \"2028\"; want one of 2023, 2018, 2015, 2013 (see wt rules -h)\n"},
		{[]string{"rules", "extra"}, "wt: rules: unexpected argument \"extra\"\n"},
		{[]string{"rules", "--yaml"}, "wt: rules: unknown flag --yaml; flags: --edition, --json (see wt rules -h)\n"},
		{[]string{"rules", "--JSON"}, "wt: rules: unknown flag --JSON (did you mean \"--json\"?); flags: --edition, --json (see wt rules -h)\n"},
		{[]string{"due", "icpc"}, "wt: due: want RULE DATE, got 1 arguments\n"},
		{[]string{"due", "icpc", "2024-02-30"}, "wt: due: holidays: parsing date \"2024-02-30\": day out of range\n"},
		{[]string{"due", "nonesuch", "2024-01-02"}, "wt: due: edition 2023: unknown rule \"nonesuch\"; want one of " + rules2023 + "\n"},
		{[]string{"due", "ICPC", "2024-01-02"}, "wt: due: edition 2023: unknown rule \"ICPC\" (did you mean \"icpc\"?); want one of " + rules2023 + "\n"},
		{[]string{"due", "asessment", "2024-01-02"}, "wt: due: edition 2023: unknown rule \"asessment\" (did you mean \"assessment\"?); want one of " + rules2023 + "\n"},
		{[]string{"due", "icpc", "2010-01-04"}, "wt: due: timescales: no edition in force on 2010-01-04\n"},
		// 2018 lacks the 2023 rule: the list is 2018's.
		{[]string{"due", "yearly-report-published", "2023-03-31"}, "wt: due: edition 2018: unknown rule \"yearly-report-published\"; want one of " + rules2018 + "\n"},
		{[]string{"due", "icpc", "2099-12-30"}, "wt: due: holidays: +15 working days from 2099-12-30 is outside the supported range 1978-01-01 to 2099-12-31\n"},
		{[]string{"due", "--json", "icpc", "2024-01-02"}, "wt: due: unknown flag --json; flags: --edition (see wt due -h)\n"},
	}
	for _, tt := range tests {
		code, out, errOut := runRulesCmd(tt.args...)
		if code != 2 || out != "" {
			t.Errorf("wt %s: exit %d, stdout %q; want 2 and nothing", strings.Join(tt.args, " "), code, out)
		}
		if errOut != tt.want {
			t.Errorf("wt %s: stderr %q, want %q", strings.Join(tt.args, " "), errOut, tt.want)
		}
	}
}
