package format

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/fatih/color"
	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/sanitize"
)

// Finding is one error response found by parse, with the catalog's diagnosis of it.
type Finding struct {
	catalog.Diagnosis
	RequestID string // from a header or the body
	Request   string // the request line, when the input showed it ("POST /v1/...")
	Shape     string // the form it was found in ("json", "go-sdk", ...)
	Input     string // the input it came from: a file name, or "-" for stdin
	Offset    int64  // byte offset in that input
	Line      int64  // 1-based line of Offset in that input; 0 if unknown
	Truncated bool   // a field was longer than the scanner keeps and was cut
}

// FindingJSON is the JSON form of a finding. Fields the catalog gives are null for an unknown code.
type FindingJSON struct {
	Code           string            `json:"code"`
	Known          bool              `json:"known"`
	HTTPStatus     *int              `json:"http_status"`
	Status         *int              `json:"status"`
	StatusMismatch bool              `json:"status_mismatch"`
	Message        string            `json:"message"`
	IDs            []string          `json:"ids"`
	Params         map[string]string `json:"params"`
	RequestID      *string           `json:"request_id"`
	Request        *string           `json:"request"`
	Description    *string           `json:"description"`
	Solution       string            `json:"solution"`
	Retryable      *bool             `json:"retryable"`
	Category       *string           `json:"category"`
	Fault          *string           `json:"fault"`
	Shape          string            `json:"shape"`
	Input          string            `json:"input"`
	Offset         int64             `json:"offset"`
	Line           int64             `json:"line"`
	Truncated      bool              `json:"truncated,omitempty"`
}

func ptr[T any](v T) *T { return &v }

func nonZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func findingJSON(f Finding) FindingJSON {
	j := FindingJSON{
		Code:           sanitize.ValidUTF8(f.Code),
		Known:          f.Known(),
		HTTPStatus:     nonZero(f.HTTPStatus),
		StatusMismatch: f.StatusMismatch(),
		Message:        sanitize.ValidUTF8(f.Message),
		IDs:            []string{},
		Params:         map[string]string{},
		RequestID:      nonZero(sanitize.ValidUTF8(f.RequestID)),
		Request:        nonZero(sanitize.ValidUTF8(f.Request)),
		Solution:       f.Advice(),
		Category:       nonZero(f.Category),
		Fault:          nonZero(string(f.Fault)),
		Shape:          f.Shape,
		Input:          sanitize.ValidUTF8(f.Input),
		Offset:         f.Offset,
		Line:           f.Line,
		Truncated:      f.Truncated,
	}
	for _, id := range f.IDs {
		j.IDs = append(j.IDs, sanitize.ValidUTF8(id))
	}
	for k, v := range f.Values {
		j.Params[k] = sanitize.ValidUTF8(v)
	}
	if e := f.Entry; e != nil {
		j.Status = ptr(e.Status)
		j.Description = ptr(e.Description)
		j.Retryable = ptr(e.Retryable)
	}
	return j
}

// MaxCell is the most of one value a table or Markdown cell shows; the whole value is in JSON.
const MaxCell = 600

func cell(s string) string {
	t, _ := sanitize.Truncate(sanitize.Text(s), MaxCell)
	return t
}

// FindingWriter writes parse results as they are found, so that memory does not grow with
// the input: each finding is rendered when written, and the table style shows at most a
// bounded number of them and counts the rest.
type FindingWriter struct {
	w     io.Writer
	o     Options
	p     *palette
	t     *tables // the table style's tables
	limit int     // findings the table and Markdown styles show in a burst; 0 for no limit
	n     int     // findings written
	// burst counts the findings written since the last Pause, hidden those of them the
	// limit left out.
	burst, hidden int
	// header says the Markdown style must write its table's header before the next row.
	header bool
}

// NewFindingWriter returns a writer of findings in o.Style. limit bounds how many the table and
// Markdown styles print in a burst, between pauses (0 means all); JSON, JSON Lines and TSV
// always carry every finding.
func NewFindingWriter(w io.Writer, o Options, limit int) *FindingWriter {
	return &FindingWriter{w: w, o: o, p: newPalette(o.Color), t: &tables{w: w}, limit: limit, header: true}
}

// Findings writes all of findings at once, with no limit.
func Findings(w io.Writer, findings []Finding, o Options) error {
	fw := NewFindingWriter(w, o, 0)
	for _, f := range findings {
		if err := fw.Write(f); err != nil {
			return err
		}
	}
	return fw.Close()
}

// Write renders one finding.
func (fw *FindingWriter) Write(f Finding) error {
	fw.n++
	fw.burst++
	first := fw.n == 1
	if fw.limit > 0 && fw.burst > fw.limit && (fw.o.Style == Table || fw.o.Style == Markdown) {
		fw.hidden++
		return nil
	}
	var err error
	switch fw.o.Style {
	case JSONL:
		var line bytes.Buffer
		if err = appendJSONLine(&line, findingJSON(f)); err == nil {
			_, err = fw.w.Write(line.Bytes())
		}
	case JSON:
		var b []byte
		b, err = marshalJSON(findingJSON(f), "  ")
		if err != nil {
			return err
		}
		sep := ",\n  "
		if first {
			sep = "[\n  "
		}
		_, err = io.WriteString(fw.w, sep+string(b))
	case Markdown:
		if fw.header {
			fw.header = false
			err = writeMarkdownRow(fw.w, findingMarkdownHeaders)
			if err == nil {
				err = writeMarkdownRule(fw.w, len(findingMarkdownHeaders))
			}
		}
		if err == nil {
			err = writeMarkdownRow(fw.w, []string{f.Code, knownWord(f), statusText(f), f.RequestID, cell(f.Message), strings.Join(f.IDs, ", "), f.Advice()})
		}
	case TSV:
		if first {
			_, err = io.WriteString(fw.w, strings.Join(findingTSVHeaders, "\t")+"\n")
		}
		if err == nil {
			status, retry := "", ""
			if f.Entry != nil {
				status, retry = strconv.Itoa(f.Entry.Status), strconv.FormatBool(f.Entry.Retryable)
			}
			err = writeTSVRow(fw.w, []string{f.Code, strconv.FormatBool(f.Known()), itoa0(f.HTTPStatus), status, f.RequestID,
				f.Message, strings.Join(f.IDs, ","), paramsText(f.Values), f.Advice(), retry})
		}
	default:
		if !first {
			if _, err = io.WriteString(fw.w, "\n"); err != nil {
				return err
			}
		}
		err = findingTable(fw.t, f, fw.n, fw.p, fw.o.width())
	}
	return err
}

// Pause ends a burst of findings, as when a live input pauses: it says how many of them the
// limit left out, and the findings after it are shown again, up to the limit.
func (fw *FindingWriter) Pause() error {
	fw.burst = 0
	if fw.hidden == 0 {
		return nil
	}
	more := fw.hidden
	fw.hidden = 0
	fw.header = true // the count ends a Markdown table: the next row starts another
	return writeMore(fw.w, more, fw.o.width())
}

// Close ends the output: it closes the JSON array (an empty one when nothing was written),
// writes the TSV header alone when nothing was written, and says how many findings of the
// last burst the table style left out.
func (fw *FindingWriter) Close() error {
	switch {
	case fw.o.Style == JSON:
		end := "\n]\n"
		if fw.n == 0 {
			end = "[]\n"
		}
		_, err := io.WriteString(fw.w, end)
		return err
	case fw.o.Style == TSV && fw.n == 0:
		_, err := io.WriteString(fw.w, strings.Join(findingTSVHeaders, "\t")+"\n")
		return err
	}
	return fw.Pause()
}

var (
	findingMarkdownHeaders = []string{"Code", "Known", "HTTP status", "Request ID", "Message", "IDs", "What to do"}
	findingTSVHeaders      = []string{"code", "known", "http_status", "status", "request_id", "message", "ids", "params", "solution", "retryable"}
)

// writeMore says how many findings were not shown, wrapped to width as the cards are.
func writeMore(w io.Writer, more, width int) error {
	if more <= 0 {
		return nil
	}
	note := fmt.Sprintf("… %d more not shown; run with --summary for a count per code, or --max 0 for all of them.", more)
	_, err := io.WriteString(w, "\n"+strings.Join(wrap(note, width), "\n")+"\n")
	return err
}

func knownWord(f Finding) string {
	if f.Known() {
		return "yes"
	}
	return "no"
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func statusText(f Finding) string {
	switch {
	case f.Entry == nil:
		return itoa0(f.HTTPStatus)
	case f.HTTPStatus == 0:
		return fmt.Sprintf("%d (catalog)", f.Entry.Status)
	case f.StatusMismatch():
		return fmt.Sprintf("%d (catalog says %d)", f.HTTPStatus, f.Entry.Status)
	}
	return strconv.Itoa(f.HTTPStatus)
}

func paramsText(v map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(v)) {
		parts = append(parts, k+"="+v[k])
	}
	return strings.Join(parts, "; ")
}

func findingTable(ts *tables, f Finding, n int, p *palette, width int) error {
	var rows [][]tcell
	add := func(k string, v tcell) { rows = append(rows, []tcell{plain(k), v}) }

	code := p.code.Sprint(cell(f.Code))
	plainCode := cell(f.Code)
	note := func(s string, c *color.Color) {
		code += " " + c.Sprint(s)
		plainCode += " " + s
	}
	if f.Known() {
		note("("+f.Category+")", p.dim)
	} else {
		note("unknown code", p.warn)
		if f.Category != "" {
			note("(range: "+f.Category+")", p.dim)
		}
	}
	if displayWidth(plainCode) <= width/2 {
		add("Code", precolored(code))
	} else {
		// A received code can be long, and a precolored cell is never wrapped: one color,
		// wrapped like any text.
		add("Code", colored(plainCode, p.code))
	}

	switch {
	case f.Entry == nil:
		if f.HTTPStatus != 0 {
			add("HTTP status", precolored(p.status(f.HTTPStatus)))
		}
	case f.HTTPStatus == 0:
		add("HTTP status", precolored(p.status(f.Entry.Status)+" "+p.dim.Sprint("(catalog; none seen)")))
	case f.StatusMismatch():
		add("HTTP status", precolored(p.status(f.HTTPStatus)+" "+p.warn.Sprintf("≠ catalog %d", f.Entry.Status)))
	default:
		add("HTTP status", precolored(p.status(f.HTTPStatus)))
	}
	if f.Request != "" {
		add("Request", plain(cell(f.Request)))
	}
	if f.RequestID != "" {
		add("Request ID", plain(cell(f.RequestID)))
	}
	add("Message", plain(cell(f.Message)))
	if len(f.IDs) > 0 {
		add("IDs", plain(cell(strings.Join(f.IDs, ", "))))
	}
	for _, k := range slices.Sorted(maps.Keys(f.Values)) {
		add(paramLabel(k), plain(cell(f.Values[k])))
	}
	if f.Entry != nil {
		add("Description", plain(sanitize.Text(f.Entry.Description)))
	}
	add("Solution", colored(sanitize.Text(f.Advice()), p.solution))
	add("Retry", plain(retryText(f)))
	// FILE:LINE, as grep and compilers name a place.
	where := fmt.Sprintf("%s:%d", cell(f.Input), f.Line)
	if f.Line == 0 {
		where = fmt.Sprintf("%s, byte %d", cell(f.Input), f.Offset)
	}
	if f.Shape != "" {
		where += " (" + cell(f.Shape) + ")"
	}
	cols := []column{{header: fmt.Sprintf("Error %d", n), fixed: true}, {header: where, whole: true}}
	return ts.render(cols, rows, width)
}

func paramLabel(k string) string {
	switch k {
	case "value":
		return "Value"
	case "detail":
		return "Detail"
	case "error_details":
		return "Error details"
	}
	return cell(strings.ReplaceAll(k, "_", " "))
}

func retryText(f Finding) string {
	switch {
	case f.Entry != nil && f.Entry.Retryable:
		return "yes, after a pause (back off between attempts)"
	case f.Entry != nil:
		return "no: change the request first"
	case f.Fault == catalog.FaultService:
		return "probably: a server-side failure; retry with backoff"
	case f.Fault == catalog.FaultRequest:
		return "no: the request was rejected"
	}
	return "unknown"
}
