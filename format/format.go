// Package format renders catalog entries, explanations and parse results onto an io.Writer,
// as a table, JSON, Markdown or TSV. It is pure: every choice (color, width, style) arrives in
// Options; it never looks at the environment or the terminal.
//
// Every string that came from outside the program (a received code, message, ID, request id)
// goes through package sanitize before it is written, in every style.
package format

import (
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/fatih/color"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Style is an output style, as -o/--output names it.
type Style string

const (
	Table    Style = "table"
	JSON     Style = "json"
	JSONL    Style = "jsonl" // JSON Lines: one compact JSON object per line
	Markdown Style = "markdown"
	TSV      Style = "tsv"
)

// Framed reports whether an empty result is still written in the style: an empty JSON
// array, a TSV header line alone, so that a script reading it needs no special case.
func (s Style) Framed() bool { return s == JSON || s == TSV }

// Styles lists every style, default first.
var Styles = []Style{Table, JSON, JSONL, Markdown, TSV}

// ParseStyle reads a style name.
func ParseStyle(s string) (Style, error) {
	for _, st := range Styles {
		if strings.EqualFold(s, string(st)) {
			return st, nil
		}
	}
	return "", fmt.Errorf("invalid output format %q: want one of table, json, jsonl, markdown, tsv", s)
}

// Options are the rendering choices.
type Options struct {
	Style Style
	// Color turns on the tool's own colors (tables and explanations only).
	Color bool
	// Width is the width to fit text into, in columns; 0 means DefaultWidth, NoWrap none.
	Width int
}

// DefaultWidth is the width used when none is given.
const DefaultWidth = 100

// NoWrap is a Width wider than any line: text is not wrapped and each table row stays on one
// line, as programs reading the output (grep, cut) want.
const NoWrap = 1 << 20

func (o Options) width() int {
	if o.Width <= 0 {
		return DefaultWidth
	}
	return max(o.Width, 40)
}

// palette holds the colors of one rendering; each is enabled or disabled explicitly so that
// nothing depends on fatih/color's global switch.
type palette struct {
	status4xx, status5xx, status429 *color.Color
	code, solution, heading, dim    *color.Color
	warn, ok                        *color.Color
}

func newPalette(on bool) *palette {
	p := &palette{
		status4xx: color.New(color.FgYellow),
		status5xx: color.New(color.FgRed, color.Bold),
		status429: color.New(color.FgMagenta),
		code:      color.New(color.FgCyan, color.Bold),
		solution:  color.New(color.FgGreen),
		heading:   color.New(color.Bold, color.Underline),
		dim:       color.New(color.Faint),
		warn:      color.New(color.FgRed),
		ok:        color.New(color.FgGreen),
	}
	for _, c := range []*color.Color{p.status4xx, p.status5xx, p.status429, p.code, p.solution, p.heading, p.dim, p.warn, p.ok} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

// status colors a status by class: 429 (throttling) apart, other 4xx, 5xx.
func (p *palette) status(s int) string {
	txt := fmt.Sprint(s)
	switch {
	case s == 0:
		return "-"
	case s == 429:
		return p.status429.Sprint(txt)
	case s >= 500:
		return p.status5xx.Sprint(txt)
	case s >= 400:
		return p.status4xx.Sprint(txt)
	}
	return txt
}

// column describes one table column: its header and whether its width is fixed (short
// values such as a status) or shares the space left.
type column struct {
	header string
	fixed  bool
	whole  bool // the header stays on one line when the width allows
}

// tcell is a table cell: sanitized text, and the color to draw it in (nil for none). A cell
// marked pre is already colored and is never wrapped (short fixed values only).
type tcell struct {
	s   string
	c   *color.Color
	pre bool
}

func plain(s string) tcell                   { return tcell{s: s} }
func colored(s string, c *color.Color) tcell { return tcell{s: s, c: c} }
func precolored(s string) tcell              { return tcell{s: s, pre: true} }

// renderTable draws rows under cols, fitting the table into width: the text columns share the
// space left by the fixed ones, and their cells are wrapped here, at spaces, breaking words
// longer than a line, so that nothing is cut and no line passes width.
func renderTable(w io.Writer, cols []column, rows [][]tcell, width int) error {
	return (&tables{w: w}).render(cols, rows, width)
}

// tables draws tables onto w, one after the other, with a single tablewriter.Table: each
// tablewriter.NewTable makes a 10240-entry cache (400 KB) for a stringer our string rows never
// use, and a table reset with its default cache makes it again.
type tables struct {
	w io.Writer
	t *tablewriter.Table
}

// render draws one table, as renderTable does.
func (ts *tables) render(cols []column, rows [][]tcell, width int) error {
	widths := fitColumns(cols, rows, width)
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = strings.Join(wrapText(c.header, widths[i]), "\n")
	}
	lines := make([][]string, len(rows))
	for i, r := range rows {
		lines[i] = make([]string, len(cols))
		for j := range min(len(r), len(cols)) {
			lines[i][j] = wrapCell(r[j], widths[j])
		}
	}
	if ts.t == nil {
		ts.t = tablewriter.NewTable(ts.w,
			tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
				Symbols:  tw.NewSymbols(tw.StyleLight),
				Settings: tw.Settings{Separators: tw.Separators{BetweenRows: tw.On}},
			})),
			tablewriter.WithConfig(tablewriter.Config{
				Header: tw.CellConfig{
					Formatting: tw.CellFormatting{AutoFormat: tw.Off, AutoWrap: tw.WrapNone},
					Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
				},
				Row: tw.CellConfig{
					Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone},
					Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
				},
			}),
			tablewriter.WithTrimSpace(tw.Off),
			tablewriter.WithStringerCacheCustom(noCache{}),
		)
	} else {
		ts.t.Reset()
	}
	ts.t.Header(headers)
	if err := ts.t.Bulk(lines); err != nil {
		return err
	}
	return ts.t.Render()
}

// noCache is a stringer cache that keeps nothing, for tables that use no stringer.
type noCache struct{}

func (noCache) Add(reflect.Type, reflect.Value) bool        { return false }
func (noCache) Get(reflect.Type) (v reflect.Value, ok bool) { return v, false }
func (noCache) Purge()                                      {}

func wrapCell(c tcell, width int) string {
	if c.pre {
		return c.s
	}
	ls := wrapText(c.s, width)
	if c.c != nil {
		for i, l := range ls {
			ls[i] = c.c.Sprint(l)
		}
	}
	return strings.Join(ls, "\n")
}

// minFlex is the narrowest a text column gets before a table is too narrow to be useful.
const minFlex = 12

// fitColumns gives each fixed column its natural width and shares what is left of width
// between the others in proportion to their natural widths, never more than a column needs:
// short columns are not wrapped needlessly and long ones wrap to about the same number of
// lines. Each text column gets at least its longest word, so that text wraps between words;
// only a word longer than an even share of the room (a URL, a file name, a long id) is cut.
// When even that does not fit, the columns keep only minCol and their header's words up to
// minFlex, and the table passes width only if even those do not fit.
func fitColumns(cols []column, rows [][]tcell, width int) []int {
	const minCol = 4
	natural := naturalWidths(cols, rows)
	words := longestWords(cols, rows)
	avail := width - 3*len(cols) - 1 // padding (2) and a border (1) per column, and the last border
	out := make([]int, len(cols))
	var flex []int
	for i, c := range cols {
		if c.fixed {
			out[i] = natural[i]
			avail -= natural[i]
		} else {
			flex = append(flex, i)
		}
	}
	if len(flex) == 0 {
		return out
	}
	least := make([]int, len(cols))
	even := max(avail/len(flex), minFlex)
	sum := 0
	for _, i := range flex {
		least[i] = min(natural[i], max(minCol, min(words[i], even)))
		sum += least[i]
	}
	if sum > avail {
		sum = 0
		for _, i := range flex {
			least[i] = minCol
			for _, w := range strings.Fields(cols[i].header) {
				least[i] = max(least[i], min(displayWidth(w), minFlex))
			}
			least[i] = min(natural[i], least[i])
			sum += least[i]
		}
	}
	// Narrowest first: what a narrow column does not use is shared by the wider ones, and
	// each column leaves the ones after it their least.
	slices.SortStableFunc(flex, func(a, b int) int { return natural[a] - natural[b] })
	total := 0
	for _, i := range flex {
		total += natural[i]
	}
	for _, i := range flex {
		sum -= least[i]
		share := avail * natural[i] / max(total, 1)
		out[i] = max(least[i], min(natural[i], share, avail-sum))
		avail -= out[i]
		total -= natural[i]
	}
	return out
}

// renderTableOrRecords draws rows as one table when it fits width, and else each row as a
// small Field/Value table of its own, which fits any width a terminal has.
func renderTableOrRecords(w io.Writer, cols []column, rows [][]tcell, width int) error {
	if tableMinWidth(cols, rows) <= width {
		return renderTable(w, cols, rows, width)
	}
	ts := &tables{w: w}
	for i, r := range rows {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		rec := make([][]tcell, len(cols))
		for j, c := range cols {
			rec[j] = []tcell{plain(c.header), r[j]}
		}
		if err := ts.render([]column{{header: "Field", fixed: true}, {header: "Value", fixed: false}}, rec, width); err != nil {
			return err
		}
	}
	return nil
}

// tableMinWidth is the narrowest width rows fit into without squeezing a text column below
// its longest word or minFlex, whichever is less.
func tableMinWidth(cols []column, rows [][]tcell) int {
	natural := naturalWidths(cols, rows)
	words := longestWords(cols, rows)
	w := 3*len(cols) + 1
	for i, c := range cols {
		if c.fixed {
			w += natural[i]
		} else {
			w += min(natural[i], words[i], minFlex)
		}
	}
	return w
}

// longestWords gives, per column, the width of its longest word, in the header or a cell.
func longestWords(cols []column, rows [][]tcell) []int {
	longest := make([]int, len(cols))
	for i, c := range cols {
		for _, w := range strings.Fields(c.header) {
			longest[i] = max(longest[i], displayWidth(w))
		}
	}
	for _, r := range rows {
		for i := range min(len(r), len(cols)) {
			for _, w := range strings.Fields(r[i].s) {
				longest[i] = max(longest[i], displayWidth(w))
			}
		}
	}
	return longest
}

func naturalWidths(cols []column, rows [][]tcell) []int {
	natural := make([]int, len(cols))
	for i, c := range cols {
		// A header wraps like any cell, but not inside a word when avoidable.
		for _, w := range strings.Fields(c.header) {
			natural[i] = max(natural[i], displayWidth(w))
		}
		if c.whole {
			natural[i] = displayWidth(c.header)
		}
	}
	for _, r := range rows {
		for i := range min(len(r), len(cols)) {
			natural[i] = max(natural[i], displayWidth(r[i].s))
		}
	}
	return natural
}

// wrapText breaks s into lines of at most width columns, at spaces where it can and inside a
// word where the word alone is wider than a line.
func wrapText(s string, width int) []string {
	width = max(width, 1)
	var lines []string
	var line strings.Builder
	lineW := 0
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
	}
	for _, word := range strings.Fields(s) {
		ww := displayWidth(word)
		if lineW > 0 && lineW+1+ww <= width {
			line.WriteByte(' ')
			line.WriteString(word)
			lineW += 1 + ww
			continue
		}
		if lineW > 0 {
			flush()
		}
		for ww > width {
			head, hw := cutWidth(word, width)
			lines = append(lines, head)
			word, ww = word[len(head):], ww-hw
		}
		line.WriteString(word)
		lineW = ww
	}
	if lineW > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// cutWidth returns the longest prefix of s (whole runes) at most width columns wide, and its width.
func cutWidth(s string, width int) (string, int) {
	w := 0
	for i, r := range s {
		rw := displayWidth(string(r))
		if w+rw > width && i > 0 {
			return s[:i], w
		}
		w += rw
	}
	return s, w
}
