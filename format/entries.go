package format

import (
	"fmt"
	"io"
	"strings"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// The headers of the API's own error table, used where output reproduces it (Markdown).
var apiHeaders = []string{"Status Code", "Error Code", "Error Message", "Description", "Solution"}

// Entries writes entries in o.Style: a table with a row per entry, a JSON array of
// catalog.Entry without their explanations (the form user catalogs are written in, which
// catalog.Decode reads), the API's error table in Markdown, or TSV with a header line.
func Entries(w io.Writer, entries []catalog.Entry, o Options) error {
	switch o.Style {
	case JSON, JSONL:
		out := make([]catalog.Entry, len(entries))
		for i, e := range entries {
			e.Explanation = nil // explain prints it
			out[i] = e
		}
		if o.Style == JSONL {
			return writeJSONLines(w, out)
		}
		return writeJSON(w, out)
	case Markdown:
		rows := make([][]string, len(entries))
		for i, e := range entries {
			rows[i] = []string{fmt.Sprint(e.Status), e.Code, e.Message, e.Description, e.Solution}
		}
		return writeMarkdown(w, apiHeaders, rows)
	case TSV:
		rows := make([][]string, len(entries))
		for i, e := range entries {
			rows[i] = []string{fmt.Sprint(e.Status), e.Code, e.Message, e.Description, e.Solution, e.Category, fmt.Sprint(e.Retryable)}
		}
		return writeTSV(w, []string{"status", "code", "message", "description", "solution", "category", "retryable"}, rows)
	}
	p := newPalette(o.Color)
	rows := make([][]tcell, len(entries))
	for i, e := range entries {
		rows[i] = []tcell{
			precolored(p.status(e.Status)),
			colored(sanitize.Text(e.Code), p.code),
			plain(sanitize.Text(e.Message)),
			plain(sanitize.Text(e.Description)),
			colored(sanitize.Text(e.Solution), p.solution),
		}
	}
	cols := []column{{header: "Status", fixed: true}, {header: "Code", fixed: true}, {header: "Message", fixed: false}, {header: "Description", fixed: false}, {header: "Solution", fixed: false}}
	return renderTableOrRecords(w, cols, rows, o.width())
}

// writeMarkdown writes a GitHub-flavored Markdown table.
func writeMarkdown(w io.Writer, headers []string, rows [][]string) error {
	if err := writeMarkdownRow(w, headers); err != nil {
		return err
	}
	if err := writeMarkdownRule(w, len(headers)); err != nil {
		return err
	}
	for _, r := range rows {
		if err := writeMarkdownRow(w, r); err != nil {
			return err
		}
	}
	return nil
}

// writeMarkdownRow writes one Markdown table row. Cells are sanitized and their pipes escaped,
// so a value cannot break out of its cell.
func writeMarkdownRow(w io.Writer, cells []string) error {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" ")
		b.WriteString(strings.ReplaceAll(markdownText(c), "|", `\|`))
		b.WriteString(" |")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownReplacer escapes what sanitize.Text leaves as it is but Markdown would not show as
// text: a tab, shown as \t as the other control characters are, and '<', which would open an
// HTML tag (CommonMark's backslash escape shows it as itself).
var markdownReplacer = strings.NewReplacer("\t", `\t`, "<", `\<`)

// markdownText is s sanitized for Markdown text.
func markdownText(s string) string { return markdownReplacer.Replace(sanitize.Text(s)) }

func writeMarkdownRule(w io.Writer, n int) error {
	_, err := io.WriteString(w, "|"+strings.Repeat("---|", n)+"\n")
	return err
}

// writeTSV writes a header line and a line per row.
func writeTSV(w io.Writer, headers []string, rows [][]string) error {
	if _, err := io.WriteString(w, strings.Join(headers, "\t")+"\n"); err != nil {
		return err
	}
	for _, r := range rows {
		if err := writeTSVRow(w, r); err != nil {
			return err
		}
	}
	return nil
}

// writeTSVRow writes one record; tabs and newlines inside values are escaped so that every
// record stays on one line with a fixed number of fields.
func writeTSVRow(w io.Writer, cells []string) error {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteString("\t")
		}
		b.WriteString(sanitize.Field(c))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func displayWidth(s string) int { return twwidth.Width(s) }
