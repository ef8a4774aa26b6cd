package main

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/workingtogether/safeguarding/census"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// A jsonAppender writes census reports as encoding/json writes them
// (census.ChildReport's fields, tags and marshallers, HTML characters
// escaped), byte for byte, by appending to a buffer: a national file has
// millions of findings, and encoding/json's reflection and the copies it
// makes of each marshaller's output cost more than judging them.
// TestCensusJSONMatchesEncodingJSON holds the two to each other.
type jsonAppender struct {
	// rules holds each rule met so far with its JSON: a rulebook has a few
	// dozen, and every clock repeats its rule whole.
	rules []ruleJSON
	tmp   []byte // scratch for text written before it is quoted
	esc   bytes.Buffer
}

type ruleJSON struct {
	rule timescales.Rule
	json []byte
}

// report appends rep as encoding/json writes a census.ChildReport.
func (j *jsonAppender) report(b []byte, rep *census.ChildReport) ([]byte, error) {
	b = appendJSONString(append(b, `{"la_child_id":`...), rep.LAchildID)
	b = strconv.AppendInt(append(b, `,"line":`...), int64(rep.Line), 10)
	b = appendList(b, `,"findings":`, rep.Findings, j.finding)
	b, err := appendListErr(b, `,"cases":`, rep.Cases, j.caseJSON)
	if err != nil {
		return b, err
	}
	b = appendList(b, `,"assessments":`, rep.Assessments, appendAssessment)
	b = appendList(b, `,"warnings":`, rep.Warnings, appendWarning)
	return append(b, '}'), nil
}

// finding appends f as census.Finding.MarshalJSON writes it.
func (j *jsonAppender) finding(b []byte, f *census.Finding) []byte {
	b = appendJSONString(append(b, `{"kind":`...), string(f.Kind))
	b = appendOmitString(b, `,"code":`, f.Code)
	b = appendOmitString(b, `,"severity":`, string(f.Severity))
	b = appendOmitString(b, `,"la_child_id":`, f.LAchildID)
	b = strconv.AppendInt(append(b, `,"episode":`...), int64(f.Episode), 10)
	b = appendJSONString(append(b, `,"element":`...), f.Element)
	b = appendOmitInt(b, `,"index":`, f.Index)
	b = appendOmitInt(b, `,"item":`, f.Item)
	b = strconv.AppendInt(append(b, `,"line":`...), int64(f.Line), 10)
	b = appendOmitDate(b, `,"date":`, f.Date)
	b = appendOmitString(b, `,"other":`, f.Other)
	b = appendOmitDate(b, `,"other_date":`, f.OtherDate)
	b = appendOmitString(b, `,"rule":`, string(f.Rule))
	b = appendOmitDate(b, `,"due":`, f.Due)
	b = appendOmitInt(b, `,"workdays":`, f.Workdays)
	b = appendJSONString(append(b, `,"source":`...), f.Source())
	j.tmp = f.AppendPath(j.tmp[:0])
	b = appendJSONString(append(b, `,"path":`...), j.tmp)
	j.tmp = f.AppendMessage(j.tmp[:0])
	b = appendJSONString(append(b, `,"message":`...), j.tmp)
	return append(b, '}')
}

// caseJSON appends c as encoding/json writes a census.Case.
func (j *jsonAppender) caseJSON(b []byte, c *census.Case) ([]byte, error) {
	b = strconv.AppendInt(append(b, `{"episode":`...), int64(c.Episode), 10)
	b = strconv.AppendInt(append(b, `,"line":`...), int64(c.Line), 10)
	b = append(b, `,"case":`...)
	if c.Case == nil {
		b = append(b, "null"...)
	} else {
		log, err := c.Case.MarshalJSON()
		if err != nil {
			return b, err
		}
		b = j.appendEscapedHTML(b, log)
	}
	b = appendOmitDate(b, `,"as_of":`, c.AsOf)
	stage, err := c.Stage.MarshalText()
	if err != nil {
		return b, err
	}
	b = appendJSONString(append(b, `,"stage":`...), stage)
	if b, err = appendListErr(b, `,"deadlines":`, c.Deadlines, j.clock); err != nil {
		return b, err
	}
	b = appendList(b, `,"notes":`, c.Notes, j.note)
	return append(b, '}'), nil
}

// note appends n's text as a JSON string.
func (j *jsonAppender) note(b []byte, n *census.Note) []byte {
	j.tmp, _ = n.AppendText(j.tmp[:0])
	return appendJSONString(b, j.tmp)
}

// appendList appends the member name (with its leading comma) and items
// as a JSON array, each written by each; nothing when there are none, as
// encoding/json's omitempty does.
func appendList[T any](b []byte, name string, items []T, each func([]byte, *T) []byte) []byte {
	b, _ = appendListErr(b, name, items, func(b []byte, v *T) ([]byte, error) { return each(b, v), nil })
	return b
}

// appendListErr is appendList for writers that can fail.
func appendListErr[T any](b []byte, name string, items []T, each func([]byte, *T) ([]byte, error)) ([]byte, error) {
	if len(items) == 0 {
		return b, nil
	}
	b = append(append(b, name...), '[')
	for i := range items {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = each(b, &items[i]); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendEscapedHTML appends JSON written by a marshaller, with '<', '>'
// and '&' escaped as encoding/json escapes a marshaller's output.
func (j *jsonAppender) appendEscapedHTML(b, js []byte) []byte {
	// Three passes of IndexByte, each a vector scan, took less time than
	// ContainsAny's one pass a byte at a time.
	if bytes.IndexByte(js, '<') < 0 && bytes.IndexByte(js, '>') < 0 && bytes.IndexByte(js, '&') < 0 {
		return append(b, js...)
	}
	j.esc.Reset()
	json.HTMLEscape(&j.esc, js)
	return append(b, j.esc.Bytes()...)
}

// clock appends k as encoding/json writes a pathway.Clock.
func (j *jsonAppender) clock(b []byte, k *pathway.Clock) ([]byte, error) {
	rule, err := j.rule(k.Rule)
	if err != nil {
		return b, err
	}
	b = append(append(b, `{"rule":`...), rule...)
	b = strconv.AppendInt(append(b, `,"edition":`...), int64(k.Edition), 10)
	b = appendJSONString(append(b, `,"status":`...), string(k.Status))
	b = appendOmitDate(b, `,"anchor":`, k.Anchor)
	b = appendOmitDate(b, `,"due":`, k.Due)
	b = appendOmitDate(b, `,"done":`, k.Done)
	b = strconv.AppendInt(append(b, `,"workdays_left":`...), int64(k.WorkdaysLeft), 10)
	b = appendOmitInt(b, `,"late_workdays":`, k.Late)
	b = appendOmitInt(b, `,"elapsed_workdays":`, k.Elapsed)
	b = appendOmitString(b, `,"reason":`, k.Reason)
	b = strconv.AppendInt(append(b, `,"event":`...), int64(k.Event), 10)
	return append(b, '}'), nil
}

// rule returns r's JSON, marshalled once per rule.
func (j *jsonAppender) rule(r timescales.Rule) ([]byte, error) {
	for i := range j.rules {
		if j.rules[i].rule == r {
			return j.rules[i].json, nil
		}
	}
	js, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	j.rules = append(j.rules, ruleJSON{r, js})
	return js, nil
}

// appendAssessment appends m as encoding/json writes a
// census.AssessmentTimeliness.
func appendAssessment(b []byte, m *census.AssessmentTimeliness) []byte {
	b = strconv.AppendInt(append(b, `{"episode":`...), int64(m.Episode), 10)
	b = strconv.AppendInt(append(b, `,"assessment":`...), int64(m.Assessment), 10)
	b = strconv.AppendInt(append(b, `,"line":`...), int64(m.Line), 10)
	d := &m.DfE
	b = append(b, `,"dfe_start_to_authorisation":{`...)
	b = appendOmitDate(b, `"start":`, d.Start)
	if !d.Start.IsZero() {
		b = append(b, ',')
	}
	b = appendOmitDate(b, `"authorised":`, d.Authorised)
	if !d.Authorised.IsZero() {
		b = append(b, ',')
	}
	b = strconv.AppendBool(append(b, `"timed":`...), d.Timed)
	b = strconv.AppendInt(append(b, `,"workdays":`...), int64(d.Workdays), 10)
	b = strconv.AppendBool(append(b, `,"within_bound":`...), d.Within)
	w := &m.WorkingTogether
	b = strconv.AppendBool(append(b, `},"working_together_from_referral":{"on_pathway":`...), w.OnPathway)
	b = appendOmitDate(b, `,"referral":`, w.Referral)
	b = appendOmitDate(b, `,"due":`, w.Due)
	b = appendOmitString(b, `,"status":`, string(w.Status))
	b = appendOmitInt(b, `,"late_workdays":`, w.Late)
	return append(b, "}}"...)
}

// appendWarning appends w as encoding/json writes a census.Warning.
func appendWarning(b []byte, w *census.Warning) []byte {
	b = append(b, '{')
	if w.LAchildID != "" {
		b = append(appendJSONString(append(b, `"la_child_id":`...), w.LAchildID), ',')
	}
	b = appendJSONString(append(b, `"element":`...), w.Element)
	b = strconv.AppendInt(append(b, `,"line":`...), int64(w.Line), 10)
	b = appendJSONString(append(b, `,"message":`...), w.Message)
	return append(b, '}')
}

// appendOmitString appends a member written with omitempty.
func appendOmitString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendJSONString(append(b, key...), s)
}

// appendOmitInt appends a member written with omitempty.
func appendOmitInt(b []byte, key string, n int) []byte {
	if n == 0 {
		return b
	}
	return strconv.AppendInt(append(b, key...), int64(n), 10)
}

// appendOmitDate appends a date member written with omitzero. The reader
// gives only valid dates; an invalid one, which encoding/json would refuse,
// is written as its String.
func appendOmitDate(b []byte, key string, d holidays.Date) []byte {
	if d.IsZero() {
		return b
	}
	return append(appendDate(append(append(b, key...), '"'), d), '"')
}

// appendJSONString appends s quoted as encoding/json quotes a string
// (escaping '<', '>' and '&' too). Text with nothing to escape, nearly all
// of a census, is copied as it is; anything else is quoted by encoding/json
// itself, so that the two can never differ.
func appendJSONString[T string | []byte](b []byte, s T) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// One bit tested, not six comparisons: this loop is the
			// hottest of `wt census --format json`.
			escaped := jsonEscapedLow
			if c >= 64 {
				escaped = jsonEscapedHigh
			}
			if escaped>>(c&63)&1 != 0 {
				return appendQuotedByJSON(b, string(s))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune([]byte(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendQuotedByJSON(b, string(s))
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// The ASCII bytes that encoding/json escapes in a string, a bit each: the
// control characters, '"', and '<', '>' and '&' for HTML among bytes
// 0-63; '\\' among bytes 64-127.
const (
	jsonEscapedLow  uint64 = 1<<0x20 - 1 | 1<<'"' | 1<<'&' | 1<<'<' | 1<<'>'
	jsonEscapedHigh uint64 = 1 << ('\\' - 64)
)

func appendQuotedByJSON(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}
