package timeline

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
)

// Colours: met and late differ in hue and in marker shape.
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
// picture, in pathway order: the child protection stages are warm. Built per
// call, so no package state can change.
func stageColours() map[pathway.Stage]string {
	return map[pathway.Stage]string{
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

// WriteSVG writes the layout as a standalone SVG document.
func (l *Layout) WriteSVG(w io.Writer) error {
	s := &svgWriter{w: w}
	s.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	l.writeSVG(s, true)
	return s.err
}

// WriteInlineSVG writes the layout as an svg element for an HTML page that
// shows many: no XML declaration, and no legend or stage key, which the page
// shows once ([WriteLegend]). It is 64 pixels shorter than [Layout.Height].
func (l *Layout) WriteInlineSVG(w io.Writer) error {
	s := &svgWriter{w: w}
	l.writeSVG(s, false)
	return s.err
}

// WriteLegend writes the key to the marks of every timeline as a small
// standalone svg element, for a page of inline timelines.
func WriteLegend(w io.Writer) error {
	s := &svgWriter{w: w}
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="28" viewBox="0 0 %d 28" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="%d" role="img"><title>Key to the timelines</title>`,
		Width, Width, fontSize)
	writeLegend(s, 14)
	s.printf("</svg>\n")
	return s.err
}

func (l *Layout) writeSVG(s *svgWriter, legend bool) {
	const titleY = 28
	height, notesY := l.Height, l.LegendY+54
	if !legend {
		height -= 64
		notesY = l.LegendY - 10
	}
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="%d" role="img">`+"\n",
		Width, height, Width, height, fontSize)
	s.printf("<title>Case %s as of %s</title>\n", esc(l.Case), l.AsOf)
	s.printf(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	s.printf(`<text x="16" y="%d" font-size="18" font-weight="bold">Case %s</text>`+"\n", titleY, esc(l.Case))
	s.printf(`<text x="16" y="%d" fill="#57606a">stage %s as of %s %s · deadlines on the England and Wales working-day calendar</text>`+"\n",
		titleY+22, l.Stage, l.AsOf.Weekday(), l.AsOf)

	// Every other deadline row shaded, to guide the eye along it.
	for i := 1; i < len(l.Rows); i += 2 {
		s.printf(`<rect x="8" y="%d" width="%d" height="%d" fill="#f6f8fa"/>`+"\n", l.Rows[i].Y, Width-16, rowHeight)
	}
	// Bank holidays, behind everything else.
	s.printf(`<g class="holidays">` + "\n")
	for _, h := range l.Holidays {
		s.printf(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s</title></rect>`+"\n",
			h.X, l.AxisY, h.W, l.RowsEnd-l.AxisY, h.Colour, esc(h.Title))
	}
	s.printf("</g>\n")
	l.writeAxis(s)
	l.writeStages(s)
	l.writeEvents(s)
	s.printf(`<g class="deadlines">` + "\n")
	for _, r := range l.Rows {
		writeRow(s, r)
	}
	s.printf("</g>\n")

	// The as-of date, over everything.
	s.printf(`<g class="as-of"><line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="6 4"/>`,
		l.AsOfX, l.AxisY, l.AsOfX, l.RowsEnd+6, colourAsOf)
	anchor := "middle"
	if l.AsOfX > plotRight-60 {
		anchor = "end"
	}
	s.printf(`<text x="%.1f" y="%d" text-anchor="%s" fill="%s" font-weight="bold">as of %s</text></g>`+"\n", l.AsOfX, l.RowsEnd+22, anchor, colourAsOf, l.AsOf)

	if legend {
		writeLegend(s, l.LegendY)
		l.writeStageKey(s, l.LegendY+26)
	}
	if len(l.Notes) > 0 {
		s.printf(`<text x="16" y="%d" fill="#57606a">%s</text>`+"\n", notesY, esc(strings.Join(l.Notes, "; ")))
	}
	s.printf("</svg>\n")
}

// writeAxis draws month ticks across the top and faint gridlines down.
func (l *Layout) writeAxis(s *svgWriter) {
	y := l.AxisY
	s.printf(`<g class="axis"><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#57606a"/>`+"\n", plotLeft, y, plotRight, y)
	for _, t := range l.Ticks {
		s.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eaeef2"/><line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#57606a"/><text x="%.1f" y="%d" font-size="11" fill="#57606a">%s</text>`+"\n",
			t.X, y, t.X, l.RowsEnd, t.X, y-4, t.X, y, t.X+3, y-6, t.Label)
	}
	s.printf("</g>\n")
}

func (l *Layout) writeStages(s *svgWriter) {
	y := l.StagesY
	s.printf(`<g class="stages">` + "\n")
	s.printf(`<text x="%d" y="%d" text-anchor="end" font-weight="bold">stage</text>`+"\n", plotLeft-10, y+stageHeight/2+5)
	for _, b := range l.Stages {
		s.printf(`<g class="stage" data-stage="%s"><rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#8c959f" stroke-width="0.5"><title>%s</title></rect>`,
			b.Stage, b.X, y, b.W, stageHeight, b.Colour, esc(b.Title))
		if b.Label != "" {
			s.printf(`<text x="%.1f" y="%d" text-anchor="middle">%s</text>`, b.X+b.W/2, y+stageHeight/2+5, b.Label)
		}
		s.printf("</g>\n")
	}
	s.printf("</g>\n")
}

// writeEvents draws every leader line first, then every label over them,
// each with a white ground so that a line passing behind it does not cut it.
func (l *Layout) writeEvents(s *svgWriter) {
	s.printf(`<g class="events">` + "\n")
	s.printf(`<text x="%d" y="%d" text-anchor="end" font-weight="bold">events</text>`+"\n", plotLeft-10, l.EventsY+14)
	top := l.StagesY + stageHeight
	for _, e := range l.Events {
		y := l.EventsY + 14 + e.Lane*16
		s.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#8c959f"/><circle cx="%.1f" cy="%d" r="3" fill="#57606a"/>`+"\n",
			e.X, top, e.X, y-4, e.X, top)
	}
	for _, e := range l.Events {
		y := l.EventsY + 14 + e.Lane*16
		x := e.X + 3
		s.printf(`<rect x="%.1f" y="%d" width="%.1f" height="14" fill="#ffffff" fill-opacity="0.9"/><text class="event" x="%.1f" y="%d" font-size="11" fill="#24292f">%s</text>`+"\n",
			x-1, y-11, textWidth(e.Text)*11/fontSize+2, x, y, esc(e.Text))
	}
	s.printf("</g>\n")
}

// writeRow draws one deadline: the window from anchor to due date as a bar,
// a diamond on the due date, and what happened.
func writeRow(s *svgWriter, r Row) {
	k := r.Clock
	mid := r.Y + rowHeight/2
	s.printf(`<g class="deadline" data-rule="%s" data-status="%s" data-anchor="%s" data-due="%s">`,
		esc(string(k.Rule.ID)), k.Status, dateAttr(k.Anchor), dateAttr(k.Due))
	s.printf(`<title>%s</title>`, esc(r.Title))
	s.printf(`<text x="%d" y="%d" text-anchor="end" font-size="%d">%s</text>`, plotLeft-10, mid+5, labelSize, esc(r.Label))
	s.printf(`<rect x="%.1f" y="%d" width="%.1f" height="8" rx="3" fill="%s"/>`, r.X0, mid-4, max(r.X1-r.X0, 2), colourWindow)
	if r.Cut0 {
		s.printf(`<path d="M%.1f %d l8 -6 v12 z" fill="%s"><title>anchor %s, before the plotted span</title></path>`, r.X0, mid, colourDone, dateAttr(k.Anchor))
	} else {
		s.printf(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2"/>`, r.X0, mid-7, r.X0, mid+7, colourDone)
	}
	if k.Status.IsLate() {
		s.printf(`<rect x="%.1f" y="%d" width="%.1f" height="8" fill="%s" fill-opacity="0.45"/>`, r.LateX0, mid-4, max(r.LateX1-r.LateX0, 2), colourLate)
	}
	if !k.Due.IsZero() {
		if r.Cut1 {
			s.printf(`<path d="M%.1f %d l-9 -7 v14 z" fill="%s"/>`, r.X1, mid, r.Colour)
		} else {
			s.printf(`<path d="M%.1f %d l7 7 l-7 7 l-7 -7 z" fill="#ffffff" stroke="%s" stroke-width="2"/>`, r.X1, mid-7, r.Colour)
		}
	}
	// When it happened: a filled circle when in time, a cross when late.
	if r.HasDone {
		if k.Status == pathway.Late || k.Status == pathway.Missed {
			s.printf(`<path d="M%.1f %d l10 10 M%.1f %d l-10 10" stroke="%s" stroke-width="3"/>`, r.DoneX-5, mid-5, r.DoneX+5, mid-5, r.Colour)
		} else {
			s.printf(`<circle cx="%.1f" cy="%d" r="5.5" fill="%s"/>`, r.DoneX, mid, r.Colour)
		}
	}
	s.printf(`<text x="%d" y="%d" fill="%s">%s</text>`, plotRight+16, mid+5, r.Colour, esc(r.Note))
	s.printf("</g>\n")
}

func dateAttr(d holidays.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// writeStageKey names the colour of every stage the case passed through,
// because a short stage's band is too narrow to carry its name.
func (l *Layout) writeStageKey(s *svgWriter, y int) {
	s.printf(`<g class="stage-key" font-size="12"><text x="16" y="%d">stages:</text>`, y+4)
	x := 16 + int(textWidth("stages:")) + 6
	seen := map[pathway.Stage]bool{}
	for _, b := range l.Stages {
		if seen[b.Stage] {
			continue
		}
		seen[b.Stage] = true
		name := b.Stage.String()
		s.printf(`<rect x="%d" y="%d" width="14" height="14" fill="%s" stroke="#8c959f" stroke-width="0.5"/><text x="%d" y="%d">%s</text>`,
			x, y-7, b.Colour, x+18, y+4, name)
		x += 30 + int(textWidth(name)*12/fontSize)
	}
	s.printf("</g>\n")
}

// legend is the key to the marks, as format strings taking x and y.
func legend() []struct{ mark, text string } {
	return []struct{ mark, text string }{
		{`<rect x="%d" y="%d" width="14" height="8" rx="3" transform="translate(0 -4)" fill="` + colourWindow + `"/>`, "time allowed"},
		{`<path d="M%d %d m7 -7 l7 7 l-7 7 l-7 -7 z" fill="#ffffff" stroke="` + colourOpen + `" stroke-width="2"/>`, "due date"},
		{`<circle cx="%d" cy="%d" r="5.5" transform="translate(7 0)" fill="` + colourMet + `"/>`, "met"},
		{`<path d="M%d %d m2 -5 l10 10 m0 -10 l-10 10" stroke="` + colourLate + `" stroke-width="3"/>`, "late or missed"},
		{`<rect x="%d" y="%d" width="14" height="8" transform="translate(0 -4)" fill="` + colourLate + `" fill-opacity="0.45"/>`, "past due"},
		{`<rect x="%d" y="%d" width="14" height="14" transform="translate(0 -7)" fill="` + colourHoliday + `"/>`, "bank holiday"},
		{`<path d="M%d %d m7 -8 v16" stroke="` + colourAsOf + `" stroke-width="2" stroke-dasharray="4 3"/>`, "as-of date"},
	}
}

func writeLegend(s *svgWriter, y int) {
	s.printf(`<g class="legend" font-size="12">`)
	x := 16
	for _, it := range legend() {
		s.printf(it.mark, x, y)
		s.printf(`<text x="%d" y="%d">%s</text>`, x+18, y+4, it.text)
		x += 30 + int(textWidth(it.text)*12/fontSize)
	}
	s.printf("</g>\n")
}
