package format

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/imetal-tools/imetal-err/sanitize"
)

// SummaryRow counts the findings of one code.
type SummaryRow struct {
	Code        string
	Count       int
	Known       bool
	Status      int   // the catalog's, 0 if unknown
	HTTPStatus  []int // statuses seen, in order of first appearance
	Description string
	Solution    string
	Retryable   *bool
	IDs         []string // the first few IDs seen
	RequestIDs  []string // the first few request ids seen
}

// SummaryJSON is the JSON form of a summary row.
type SummaryJSON struct {
	Code        string   `json:"code"`
	Count       int      `json:"count"`
	Known       bool     `json:"known"`
	Status      *int     `json:"status"`
	HTTPStatus  []int    `json:"http_statuses"`
	Description *string  `json:"description"`
	Solution    string   `json:"solution"`
	Retryable   *bool    `json:"retryable"`
	IDs         []string `json:"ids"`
	RequestIDs  []string `json:"request_ids"`
}

// Summary writes one row per code, in the order given (most frequent first).
func Summary(w io.Writer, rows []SummaryRow, o Options) error {
	switch o.Style {
	case JSON, JSONL:
		out := make([]SummaryJSON, len(rows))
		for i, r := range rows {
			out[i] = SummaryJSON{
				Code: sanitize.ValidUTF8(r.Code), Count: r.Count, Known: r.Known, Status: nonZero(r.Status),
				HTTPStatus: append([]int{}, r.HTTPStatus...), Solution: r.Solution, Retryable: r.Retryable,
				IDs: validAll(r.IDs), RequestIDs: validAll(r.RequestIDs),
			}
			if r.Known {
				out[i].Description = ptr(r.Description)
			}
		}
		if o.Style == JSONL {
			return writeJSONLines(w, out)
		}
		return writeJSON(w, out)
	case Markdown, TSV:
		// TSV joins a list with commas alone, as parse's and explain's do: a field a
		// script splits.
		sep := ", "
		if o.Style == TSV {
			sep = ","
		}
		cells := make([][]string, len(rows))
		for i, r := range rows {
			cells[i] = []string{strconv.Itoa(r.Count), r.Code, itoa0(r.Status), joinInts(r.HTTPStatus, sep),
				r.Description, strings.Join(r.IDs, sep), strings.Join(r.RequestIDs, sep)}
		}
		if o.Style == TSV {
			return writeTSV(w, []string{"count", "code", "status", "http_statuses", "description", "ids", "request_ids"}, cells)
		}
		return writeMarkdown(w, []string{"Count", "Code", "Status", "HTTP seen", "Description", "IDs", "Request IDs"}, cells)
	}
	p := newPalette(o.Color)
	cells := make([][]tcell, len(rows))
	for i, r := range rows {
		desc := plain(sanitize.Text(r.Description))
		if !r.Known {
			desc = colored("unknown code", p.warn)
		}
		cells[i] = []tcell{
			plain(strconv.Itoa(r.Count)), colored(cell(r.Code), p.code), precolored(p.status(r.Status)),
			plain(joinInts(r.HTTPStatus, ", ")), desc, plain(cell(strings.Join(r.IDs, ", "))), plain(cell(strings.Join(r.RequestIDs, ", "))),
		}
	}
	cols := []column{{header: "Count", fixed: true}, {header: "Code", fixed: true}, {header: "Status", fixed: true}, {header: "HTTP seen", fixed: false},
		{header: "Description", fixed: false}, {header: "IDs", fixed: false}, {header: "Request IDs", fixed: false}}
	return renderTableOrRecords(w, cols, cells, o.width())
}

func validAll(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		out = append(out, sanitize.ValidUTF8(s))
	}
	return out
}

func joinInts(v []int, sep string) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, sep)
}
