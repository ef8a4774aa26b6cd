package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/workingtogether/safeguarding/internal/golden"
)

func TestSampleFeedGolden(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(nil, &out, &errOut); code != 1 {
		t.Fatalf("run() = %d, want 1 (the sample differs); stderr: %s", code, errOut.String())
	}
	golden.File(t, filepath.Join("testdata", "sample.golden"), out.Bytes())
}

func TestAgreeingFeedExitsZero(t *testing.T) {
	// 2024 as GOV.UK lists it: the built-in calendar agrees.
	feed := `{"england-and-wales":{"division":"england-and-wales","events":[
{"title":"New Year’s Day","date":"2024-01-01","notes":""},
{"title":"Good Friday","date":"2024-03-29","notes":""},
{"title":"Easter Monday","date":"2024-04-01","notes":""},
{"title":"Early May bank holiday","date":"2024-05-06","notes":""},
{"title":"Spring bank holiday","date":"2024-05-27","notes":""},
{"title":"Summer bank holiday","date":"2024-08-26","notes":""},
{"title":"Christmas Day","date":"2024-12-25","notes":""},
{"title":"Boxing Day","date":"2024-12-26","notes":""}]}}`
	path := filepath.Join(t.TempDir(), "feed.json")
	if err := os.WriteFile(path, []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{path}, &out, &errOut); code != 0 {
		t.Fatalf("run() = %d, want 0; stdout: %s stderr: %s", code, out.String(), errOut.String())
	}
}

func TestBadFeedExitsTwo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.json")
	if err := os.WriteFile(path, []byte(`{"england-and-wales":{"events":[{"title":"x","date":"2024-02-30"}]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{path}, &out, &errOut); code != 2 {
		t.Fatalf("run() = %d, want 2", code)
	}
	if !bytes.Contains(errOut.Bytes(), []byte("events[0].date")) {
		t.Errorf("stderr %q does not say where", errOut.String())
	}
}
