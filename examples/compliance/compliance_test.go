package main

// This file is what a host writes: its own go test over its exported case
// records. Copy it into the host's repository, point the glob at the
// exports, and CI fails when a case is late.

import (
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway/pathwaytest"
)

// deliberatelyLate is the sample case that this example keeps late to show
// what a failure looks like; a host's test has no such list. It is checked
// in main_test.go instead, where the failure is expected.
var deliberatelyLate = map[string]bool{"c-1004": true}

func TestExportedCasesOnTime(t *testing.T) {
	// A host would judge as of today, holidays.DateOf(time.Now()); a fixed
	// date keeps this repository's tests from depending on the day they run.
	asOf := holidays.Date{Year: 2025, Month: 6, Day: 30}
	for _, c := range pathwaytest.LoadCases(t, "testdata/cases/*.json*") {
		if deliberatelyLate[c.ID()] {
			continue
		}
		t.Run(c.ID(), func(t *testing.T) { pathwaytest.CheckOnTime(t, c, asOf) })
	}
}
