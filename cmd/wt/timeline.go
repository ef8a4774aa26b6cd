package main

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// timelineFlags are wt timeline's options. Like wt check's, they may come
// before or after the file, as --flag VALUE or --flag=VALUE.
type timelineFlags struct {
	svg  string // where to write the SVG; "-" is standard output
	asOf holidays.Date
	id   string // which case, when the file holds more than one
	file string
}

func parseTimelineFlags(args []string) (timelineFlags, error) {
	var f timelineFlags
	var files []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, v, hasValue := strings.Cut(a, "=")
		switch name {
		case "--svg", "--as-of", "--case":
			if !hasValue {
				if i+1 >= len(args) {
					return f, fmt.Errorf("%s needs a value", name)
				}
				i++
				v = args[i]
			}
			switch name {
			case "--svg":
				f.svg = v
			case "--case":
				f.id = v
			case "--as-of":
				d, err := holidays.ParseDate(v)
				if err != nil {
					return f, fmt.Errorf("--as-of: %w", err)
				}
				f.asOf = d
			}
		default:
			if strings.HasPrefix(a, "-") && a != "-" {
				return f, fmt.Errorf("unknown flag %q", a)
			}
			files = append(files, a)
		}
	}
	switch {
	case len(files) != 1:
		return f, fmt.Errorf("want one case FILE, got %d", len(files))
	case f.svg == "":
		return f, errors.New("--svg OUT is required (use --svg - for standard output)")
	}
	f.file = files[0]
	return f, nil
}

// runTimeline draws one case as an SVG timeline:
//
//	wt timeline FILE --svg OUT [--as-of DATE] [--case ID]
//
// FILE holds case logs in the pathway JSON format (see wt check); with more
// than one case in it, --case picks one. The picture shows the stages as
// bands, each deadline as a row from its anchor to its due date with its
// outcome marked, and the as-of date (by default today in England) as a
// line. The case is drawn as it stood at the end of the as-of date.
func runTimeline(args []string, stdout, stderr io.Writer) int {
	f, err := parseTimelineFlags(args)
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %w", err))
	}
	if f.asOf.IsZero() {
		f.asOf = holidays.DateOf(time.Now())
	}
	c, err := readOneCase(f.file, f.id)
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %w", err))
	}
	tl, err := newTimeline(c, f.asOf)
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %s: %w", f.file, err))
	}
	if f.svg == "-" {
		if err := tl.writeSVG(stdout); err != nil {
			return fail(stderr, fmt.Errorf("timeline: %w", err))
		}
		return 0
	}
	// Written whole to a new file and renamed, so that a failure never
	// leaves half a picture where the last good one was.
	tmp, err := os.CreateTemp(dirOf(f.svg), ".wt-timeline-*.svg")
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %w", err))
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	err = tl.writeSVG(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.svg)
	}
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %w", err))
	}
	return 0
}

func dirOf(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[:i+1]
	}
	return "."
}

// readOneCase reads the case with the given ID from the file, or its only
// case when id is empty.
func readOneCase(name, id string) (*pathway.Case, error) {
	var in io.Reader = os.Stdin
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		in = file
	}
	dec := pathway.NewDecoder(in)
	var found *pathway.Case
	var ids []string
	for {
		c, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%w", name, trimLine(err))
		}
		ids = append(ids, c.ID())
		if id == "" || c.ID() == id {
			if found != nil {
				if id == "" {
					return nil, fmt.Errorf("%s holds more than one case (%s, ...): pick one with --case ID", name, strings.Join(ids[:2], ", "))
				}
				return nil, fmt.Errorf("%s holds more than one case %q", name, id)
			}
			found = c
		}
	}
	if found == nil {
		if id != "" {
			return nil, fmt.Errorf("%s holds no case %q", name, id)
		}
		return nil, fmt.Errorf("%s holds no case", name)
	}
	return found, nil
}

// A timeline is a case laid out for drawing: everything is worked out
// before the first byte is written.
type timeline struct {
	id       string
	asOf     holidays.Date
	stage    pathway.Stage
	from, to holidays.Date // the dates the plot spans
	stages   []stageSpan
	events   []pathway.Event
	later    int // events after the as-of date, not drawn
	clocks   []pathway.Clock
	waiting  []pathway.Clock // not started: listed, not drawn
	holidays []holidays.Holiday
}

type stageSpan struct {
	stage    pathway.Stage
	from, to holidays.Date // to is the day the next stage began, or the as-of date
}

func newTimeline(c *pathway.Case, asOf holidays.Date) (*timeline, error) {
	all, err := c.Deadlines(asOf)
	if err != nil {
		return nil, err
	}
	tl := &timeline{id: c.ID(), asOf: asOf, stage: c.StageAt(asOf)}
	for _, k := range all {
		if k.Status == pathway.NotStarted {
			tl.waiting = append(tl.waiting, k)
		} else {
			tl.clocks = append(tl.clocks, k)
		}
	}
	for _, e := range c.Events() {
		if e.Date.After(asOf) {
			tl.later++
			continue
		}
		tl.events = append(tl.events, e)
	}
	for _, e := range tl.events {
		s := c.StageAt(e.Date)
		if n := len(tl.stages); n > 0 {
			if tl.stages[n-1].stage == s {
				continue
			}
			tl.stages[n-1].to = e.Date
		}
		tl.stages = append(tl.stages, stageSpan{stage: s, from: e.Date})
	}
	if n := len(tl.stages); n > 0 {
		tl.stages[n-1].to = asOf
	}

	// The plot spans the events and the as-of date, and the due dates that
	// fall within three months after them. A far-off due date (the plan
	// ending at 18) would squeeze the rest into a corner, so its row is
	// drawn to the edge with an arrow and the date written out.
	lo, hi := asOf, asOf
	if len(tl.events) > 0 {
		lo = tl.events[0].Date
	}
	horizon := hi.AddDays(92)
	for _, k := range tl.clocks {
		if !k.Due.IsZero() && !k.Due.After(horizon) && k.Due.After(hi) {
			hi = k.Due
		}
	}
	pad := max(3, hi.DaysSince(lo)/40)
	tl.from, tl.to = lo.AddDays(-pad), hi.AddDays(pad)

	cal := holidays.EnglandAndWales()
	first, last := cal.Range()
	for y := max(tl.from.Year, first.Year); y <= min(tl.to.Year, last.Year); y++ {
		hs, err := cal.Holidays(y)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			if !h.Date.Before(tl.from) && !h.Date.After(tl.to) {
				tl.holidays = append(tl.holidays, h)
			}
		}
	}
	return tl, nil
}

// Layout, in pixels. Text sizes are chosen to stay readable when a browser
// scales the picture to a laptop screen's width.
const (
	svgWidth    = 1320
	labelWidth  = 190 // rule IDs on the left
	noteWidth   = 330 // verdicts on the right
	plotLeft    = labelWidth + 10
	plotRight   = svgWidth - noteWidth - 10
	rowHeight   = 30
	stageHeight = 34
	fontSize    = 13
	charWidth   = 7.2 // rough advance of a 13px sans-serif character
)

// Colours: met and late differ in hue and in marker shape, so the picture
// reads in greyscale and for the colour-blind.
const (
	colourMet     = "#1a7f37"
	colourLate    = "#cf222e"
	colourOpen    = "#0969da"
	colourDone    = "#6e7781"
	colourWindow  = "#d0d7de"
	colourHoliday = "#fff3b0"
	colourAsOf    = "#8250df"
)

// stageColours gives every stage its own pale fill, the same in every
// picture, in pathway order: the child protection stages are warm.
var stageColours = [...]string{
	pathway.StageNew:                 "#f6f8fa",
	pathway.StageEarlyHelp:           "#d8f3f0",
	pathway.StageReferred:            "#e2e2f7",
	pathway.StageImmediateProtection: "#ffc8c2",
	pathway.StageStrategyDiscussion:  "#e8d5ff",
	pathway.StageAwaitingAssessment:  "#eef0c8",
	pathway.StageAssessment:          "#dff0c8",
	pathway.StageSection47:           "#ffd6a5",
	pathway.StageConferenceDue:       "#ffe4f0",
	pathway.StageChildProtectionPlan: "#ffd9d9",
	pathway.StagePreProceedings:      "#f2c8e8",
	pathway.StageTransferIn:          "#d6e4ff",
	pathway.StageChildInNeed:         "#cfe8ff",
	pathway.StageOpen:                "#e6edf3",
	pathway.StageClosed:              "#d0d7de",
}

func stageColour(st pathway.Stage) string {
	if int(st) < len(stageColours) {
		return stageColours[st]
	}
	return "#ffffff"
}

func (tl *timeline) x(d holidays.Date) float64 {
	span := float64(tl.to.DaysSince(tl.from))
	return plotLeft + float64(d.DaysSince(tl.from))/span*float64(plotRight-plotLeft)
}

// clampX is x limited to the plot, with whether it was cut.
func (tl *timeline) clampX(d holidays.Date) (float64, bool) {
	switch {
	case d.Before(tl.from):
		return plotLeft, true
	case d.After(tl.to):
		return plotRight, true
	}
	return tl.x(d), false
}

// svgWriter writes elements, remembering the first write error so that the
// drawing code reads as a picture rather than as error handling.
type svgWriter struct {
	w   io.Writer
	err error
}

func (s *svgWriter) printf(format string, args ...any) {
	if s.err == nil {
		_, s.err = fmt.Fprintf(s.w, format, args...)
	}
}

// esc makes text safe as XML character data or an attribute value: case IDs
// and reasons come from the input.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

func textWidth(s string) float64 { return float64(len([]rune(s))) * charWidth }

func (tl *timeline) writeSVG(w io.Writer) error {
	s := &svgWriter{w: w}
	const (
		titleY  = 28
		axisY   = 78
		stagesY = axisY + 10
		eventsY = stagesY + stageHeight + 14
	)
	labels := tl.eventLabels()
	lanes := 0
	for _, l := range labels {
		lanes = max(lanes, l.lane+1)
	}
	rowsY := eventsY + 18 + lanes*16 + 14
	rowsEnd := rowsY + len(tl.clocks)*rowHeight
	legendY := rowsEnd + 44
	height := legendY + 64
	if len(tl.waiting) > 0 || tl.later > 0 {
		height += 22
	}

	s.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="%d">`+"\n",
		svgWidth, height, svgWidth, height, fontSize)
	s.printf("<title>Case %s as of %s</title>\n", esc(tl.id), tl.asOf)
	s.printf(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	s.printf(`<text x="16" y="%d" font-size="18" font-weight="bold">Case %s</text>`+"\n", titleY, esc(tl.id))
	s.printf(`<text x="16" y="%d" fill="#57606a">stage %s as of %s %s · deadlines on the England and Wales working-day calendar</text>`+"\n",
		titleY+22, tl.stage, tl.asOf.Weekday(), tl.asOf)

	// Every other deadline row shaded, to guide the eye along it.
	for i := 1; i < len(tl.clocks); i += 2 {
		s.printf(`<rect x="8" y="%d" width="%d" height="%d" fill="#f6f8fa"/>`+"\n", rowsY+i*rowHeight, svgWidth-16, rowHeight)
	}

	// Bank holidays, behind everything else: they are why working-day deadlines
	// fall where they do.
	dayWidth := tl.x(tl.from.AddDays(1)) - tl.x(tl.from)
	s.printf(`<g class="holidays">` + "\n")
	for _, h := range tl.holidays {
		s.printf(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s %s</title></rect>`+"\n",
			tl.x(h.Date), axisY, max(dayWidth, 2), rowsEnd-axisY, colourHoliday, esc(h.Name), h.Date)
	}
	s.printf("</g>\n")

	tl.writeAxis(s, axisY, rowsEnd)

	// Stages as bands.
	s.printf(`<g class="stages">` + "\n")
	s.printf(`<text x="%d" y="%d" text-anchor="end" font-weight="bold">stage</text>`+"\n", plotLeft-10, stagesY+stageHeight/2+5)
	for _, sp := range tl.stages {
		x0, x1 := tl.x(sp.from), tl.x(sp.to)
		width := max(x1-x0, 2)
		s.printf(`<g class="stage" data-stage="%s"><rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#8c959f" stroke-width="0.5"><title>%s: %s to %s</title></rect>`,
			sp.stage, x0, stagesY, width, stageHeight, stageColour(sp.stage), sp.stage, sp.from, sp.to)
		if name := sp.stage.String(); textWidth(name)+8 <= width {
			s.printf(`<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, x0+width/2, stagesY+stageHeight/2+5, name)
		} else if short := shortStage(sp.stage); textWidth(short)+6 <= width {
			s.printf(`<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, x0+width/2, stagesY+stageHeight/2+5, short)
		}
		s.printf("</g>\n")
	}
	s.printf("</g>\n")

	// Events, as ticks under the bands, their labels in lanes so that none
	// overlaps another.
	s.printf(`<g class="events">` + "\n")
	s.printf(`<text x="%d" y="%d" text-anchor="end" font-weight="bold">events</text>`+"\n", plotLeft-10, eventsY+14)
	// Every leader line first, then every label over them, each with a
	// white ground so that a line passing behind it does not cut it.
	for _, l := range labels {
		x := tl.x(l.date)
		y := eventsY + 14 + l.lane*16
		s.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#8c959f"/><circle cx="%.1f" cy="%d" r="3" fill="#57606a"/>`+"\n",
			x, stagesY+stageHeight, x, y-4, x, stagesY+stageHeight)
	}
	for _, l := range labels {
		y := eventsY + 14 + l.lane*16
		x := tl.x(l.date) + 3
		s.printf(`<rect x="%.1f" y="%d" width="%.1f" height="14" fill="#ffffff" fill-opacity="0.9"/><text class="event" x="%.1f" y="%d" font-size="11" fill="#24292f">%s</text>`+"\n",
			x-1, y-11, textWidth(l.text)*11/fontSize+2, x, y, esc(l.text))
	}
	s.printf("</g>\n")

	// One row per deadline.
	s.printf(`<g class="deadlines">` + "\n")
	for i, k := range tl.clocks {
		tl.writeClock(s, k, rowsY+i*rowHeight)
	}
	s.printf("</g>\n")

	// The as-of date, over everything.
	ax := tl.x(tl.asOf)
	s.printf(`<g class="as-of"><line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`,
		ax, axisY, ax, rowsEnd+6, colourAsOf)
	anchor := "middle"
	if ax > plotRight-60 {
		anchor = "end"
	}
	s.printf(`<text x="%.1f" y="%d" text-anchor="%s" fill="%s" font-weight="bold">as of %s</text></g>`+"\n", ax, rowsEnd+22, anchor, colourAsOf, tl.asOf)

	tl.writeLegend(s, legendY)
	tl.writeStageKey(s, legendY+26)
	y := legendY + 54
	var notes []string
	if len(tl.waiting) > 0 {
		ids := make([]string, len(tl.waiting))
		for i, k := range tl.waiting {
			ids[i] = string(k.Rule.ID)
		}
		notes = append(notes, "next on this route, not yet started: "+strings.Join(ids, ", "))
	}
	if tl.later > 0 {
		notes = append(notes, fmt.Sprintf("%d later %s after the as-of date not drawn", tl.later, plural(tl.later, "event", "events")))
	}
	if len(notes) > 0 {
		s.printf(`<text x="16" y="%d" fill="#57606a">%s</text>`+"\n", y, esc(strings.Join(notes, "; ")))
	}
	s.printf("</svg>\n")
	return s.err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// shortStage abbreviates a stage name for a narrow band.
func shortStage(s pathway.Stage) string {
	switch s {
	case pathway.StageChildProtectionPlan:
		return "CP plan"
	case pathway.StageSection47:
		return "s47"
	case pathway.StageAwaitingAssessment:
		return "awaiting"
	case pathway.StageConferenceDue:
		return "ICPC due"
	case pathway.StageStrategyDiscussion:
		return "strategy"
	case pathway.StageAssessment:
		return "s17"
	}
	return ""
}

// writeAxis draws month ticks across the top and faint gridlines down to
// bottom: every month over a short span, fewer over a long one.
func (tl *timeline) writeAxis(s *svgWriter, y, bottom int) {
	months := (tl.to.Year-tl.from.Year)*12 + int(tl.to.Month) - int(tl.from.Month)
	step := 1
	switch {
	case months > 48:
		step = 12
	case months > 18:
		step = 3
	}
	s.printf(`<g class="axis"><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#57606a"/>`+"\n", plotLeft, y, plotRight, y)
	first := true
	for m := (holidays.Date{Year: tl.from.Year, Month: tl.from.Month, Day: 1}).AddMonths(1); !m.After(tl.to); m = m.AddMonths(1) {
		if (int(m.Month)-1)%step != 0 {
			continue
		}
		x := tl.x(m)
		label := m.Month.String()[:3]
		if first || m.Month == time.January {
			label += fmt.Sprintf(" %d", m.Year)
		}
		first = false
		s.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eaeef2"/><line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#57606a"/><text x="%.1f" y="%d" font-size="11" fill="#57606a">%s</text>`+"\n",
			x, y, x, bottom, x, y-4, x, y, x+3, y-6, label)
	}
	s.printf("</g>\n")
}

type eventLabel struct {
	date holidays.Date
	text string
	lane int
}

// eventLabels places each event's label in the first lane where it clears
// the label before it; events on one day share a label.
func (tl *timeline) eventLabels() []eventLabel {
	var out []eventLabel
	var ends []float64 // right edge of the last label in each lane
	for i := 0; i < len(tl.events); {
		d := tl.events[i].Date
		var names []string
		for ; i < len(tl.events) && tl.events[i].Date == d; i++ {
			names = append(names, eventText(tl.events[i]))
		}
		text := fmt.Sprintf("%02d %s %s", d.Day, d.Month.String()[:3], strings.Join(names, " + "))
		x := tl.x(d) + 3
		lane := 0
		for lane < len(ends) && ends[lane] > x-6 {
			lane++
		}
		if lane == len(ends) {
			ends = append(ends, 0)
		}
		ends[lane] = x + textWidth(text)*11/fontSize
		out = append(out, eventLabel{date: d, text: text, lane: lane})
	}
	return out
}

// eventText names an event briefly, with its outcome where that decides the
// route.
func eventText(e pathway.Event) string {
	s := e.Type.String()
	if e.Outcome != pathway.NoOutcome {
		s += " (" + e.Outcome.String() + ")"
	}
	return s
}

// writeClock draws one deadline: the window from anchor to due date as a
// bar, a diamond on the due date, and what happened.
func (tl *timeline) writeClock(s *svgWriter, k pathway.Clock, y int) {
	mid := y + rowHeight/2
	colour := map[pathway.Status]string{
		pathway.Met: colourMet, pathway.Late: colourLate, pathway.Overdue: colourLate,
		pathway.Missed: colourLate, pathway.Open: colourOpen, pathway.Done: colourDone,
	}[k.Status]
	s.printf(`<g class="deadline" data-rule="%s" data-status="%s" data-due="%s">`, esc(string(k.Rule.ID)), k.Status, dateAttr(k.Due))
	s.printf(`<title>%s</title>`, esc(clockTitle(k)))
	s.printf(`<text x="%d" y="%d" text-anchor="end">%s</text>`, plotLeft-10, mid+5, esc(string(k.Rule.ID)))

	// The window the rule allows.
	end := k.Due
	if end.IsZero() { // as soon as possible: the window runs until done or now
		end = k.Done
		if end.IsZero() {
			end = tl.asOf
		}
	}
	x0, cut0 := tl.clampX(k.Anchor)
	x1, cut1 := tl.clampX(end)
	s.printf(`<rect x="%.1f" y="%d" width="%.1f" height="8" rx="3" fill="%s"/>`, x0, mid-4, max(x1-x0, 2), colourWindow)
	if cut0 {
		s.printf(`<path d="M%.1f %d l8 -6 v12 z" fill="%s"><title>anchor %s, before the plotted span</title></path>`, x0, mid, colourDone, dateAttr(k.Anchor))
	} else {
		s.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2"/>`, x0, mid-7, x0, mid+7, colourDone)
	}

	// Past the due date: the late stretch, up to when it was done or now.
	if k.Status.IsLate() {
		stop := k.Done
		if stop.IsZero() {
			stop = tl.asOf
		}
		dx, _ := tl.clampX(k.Due)
		sx, _ := tl.clampX(stop)
		s.printf(`<rect x="%.1f" y="%d" width="%.1f" height="8" fill="%s" fill-opacity="0.45"/>`, dx, mid-4, max(sx-dx, 2), colourLate)
	}

	// The due date.
	if !k.Due.IsZero() {
		dx := x1
		if cut1 {
			s.printf(`<path d="M%.1f %d l-9 -7 v14 z" fill="%s"/>`, dx, mid, colour)
		} else {
			s.printf(`<path d="M%.1f %d l7 7 l-7 7 l-7 -7 z" fill="#ffffff" stroke="%s" stroke-width="2"/>`, dx, mid-7, colour)
		}
	}

	// When it happened: a filled circle when in time, a cross when late.
	if !k.Done.IsZero() {
		hx, _ := tl.clampX(k.Done)
		if k.Status == pathway.Late || k.Status == pathway.Missed {
			s.printf(`<path d="M%.1f %d l10 10 M%.1f %d l-10 10" stroke="%s" stroke-width="3"/>`, hx-5, mid-5, hx+5, mid-5, colour)
		} else {
			s.printf(`<circle cx="%.1f" cy="%d" r="5.5" fill="%s"/>`, hx, mid, colour)
		}
	}
	s.printf(`<text x="%d" y="%d" fill="%s">%s</text>`, plotRight+16, mid+5, colour, esc(clockNote(k)))
	s.printf("</g>\n")
}

func dateAttr(d holidays.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// clockNote is the verdict written at the end of a deadline's row, short
// enough to fit the column: the chart itself shows when it happened.
func clockNote(k pathway.Clock) string {
	due := k.Due.String()
	switch k.Status {
	case pathway.Met:
		return "met, due " + due
	case pathway.Late:
		return fmt.Sprintf("%s late, due %s", days(k.Late, ""), due)
	case pathway.Missed:
		return fmt.Sprintf("missed by %s, due %s", days(k.Late, ""), due)
	case pathway.Overdue:
		return fmt.Sprintf("%s overdue, due %s", days(k.Late, ""), due)
	case pathway.Open:
		if k.Due.IsZero() {
			return fmt.Sprintf("as soon as possible: %s", days(k.Elapsed, "so far"))
		}
		return fmt.Sprintf("due %s, %s", due, days(k.WorkdaysLeft, "left"))
	case pathway.Done:
		return fmt.Sprintf("done after %s", days(k.Elapsed, ""))
	}
	return string(k.Status)
}

// clockTitle is the tooltip: the rule's name, bound and citation.
func clockTitle(k pathway.Clock) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)", k.Rule.Name, k.Rule.Bound)
	if k.Rule.Bound.Unit != timescales.YearsOfAge && !k.Anchor.IsZero() {
		fmt.Fprintf(&b, " from %s", k.Anchor)
	}
	if k.Reason != "" {
		fmt.Fprintf(&b, "; reason recorded: %s", k.Reason)
	}
	fmt.Fprintf(&b, "; %s", k.Rule.Citation)
	return b.String()
}

// writeStageKey names the colour of every stage the case passed through,
// because a short stage's band is too narrow to carry its name.
func (tl *timeline) writeStageKey(s *svgWriter, y int) {
	s.printf(`<g class="stage-key" font-size="12"><text x="16" y="%d">stages:</text>`, y+4)
	x := 16 + int(textWidth("stages:")) + 6
	seen := map[pathway.Stage]bool{}
	for _, sp := range tl.stages {
		if seen[sp.stage] {
			continue
		}
		seen[sp.stage] = true
		name := sp.stage.String()
		s.printf(`<rect x="%d" y="%d" width="14" height="14" fill="%s" stroke="#8c959f" stroke-width="0.5"/><text x="%d" y="%d">%s</text>`,
			x, y-7, stageColour(sp.stage), x+18, y+4, name)
		x += 30 + int(textWidth(name)*12/fontSize)
	}
	s.printf("</g>\n")
}

func (tl *timeline) writeLegend(s *svgWriter, y int) {
	s.printf(`<g class="legend" font-size="12">`)
	x := 16
	item := func(mark, text string) {
		s.printf(mark, x, y)
		s.printf(`<text x="%d" y="%d">%s</text>`, x+18, y+4, text)
		x += 30 + int(textWidth(text)*12/fontSize)
	}
	item(`<rect x="%d" y="%d" width="14" height="8" rx="3" transform="translate(0 -4)" fill="`+colourWindow+`"/>`, "time allowed")
	item(`<path d="M%d %d m7 -7 l7 7 l-7 7 l-7 -7 z" fill="#ffffff" stroke="`+colourOpen+`" stroke-width="2"/>`, "due date")
	item(`<circle cx="%d" cy="%d" r="5.5" transform="translate(7 0)" fill="`+colourMet+`"/>`, "met")
	item(`<path d="M%d %d m2 -5 l10 10 m0 -10 l-10 10" stroke="`+colourLate+`" stroke-width="3"/>`, "late or missed")
	item(`<rect x="%d" y="%d" width="14" height="8" transform="translate(0 -4)" fill="`+colourLate+`" fill-opacity="0.45"/>`, "past due")
	item(`<rect x="%d" y="%d" width="14" height="14" transform="translate(0 -7)" fill="`+colourHoliday+`"/>`, "bank holiday")
	item(`<path d="M%d %d m7 -8 v16" stroke="`+colourAsOf+`" stroke-width="2" stroke-dasharray="4 3"/>`, "as-of date")
	s.printf("</g>\n")
}
