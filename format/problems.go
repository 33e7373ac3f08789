package format

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/sanitize"
)

// Problems writes what `catalog lint` found: one "FILE:LINE: SEVERITY: MESSAGE" line each in
// the table style (the severity colored), a JSON array of catalog.Problem, a Markdown table,
// or TSV with a header line. The file names and messages quote user files: they are sanitized.
func Problems(w io.Writer, problems []catalog.Problem, o Options) error {
	switch o.Style {
	case JSONL:
		return writeJSONLines(w, problems)
	case JSON:
		if problems == nil {
			problems = []catalog.Problem{} // an empty array, not null
		}
		return writeJSON(w, problems)
	case Markdown, TSV:
		rows := make([][]string, len(problems))
		for i, p := range problems {
			rows[i] = []string{p.File, strconv.Itoa(p.Line), string(p.Severity), p.Message}
		}
		if o.Style == Markdown {
			return writeMarkdown(w, []string{"File", "Line", "Severity", "Message"}, rows)
		}
		return writeTSV(w, []string{"file", "line", "severity", "message"}, rows)
	}
	p := newPalette(o.Color)
	var b strings.Builder
	for _, pr := range problems {
		sev := string(pr.Severity)
		switch pr.Severity {
		case catalog.SeverityError:
			sev = p.warn.Sprint(sev)
		case catalog.SeverityWarning:
			sev = p.status4xx.Sprint(sev)
		case catalog.SeverityNote:
			sev = p.dim.Sprint(sev)
		}
		pos := sanitize.Text(pr.File)
		if pr.Line > 0 {
			pos += ":" + strconv.Itoa(pr.Line)
		}
		fmt.Fprintf(&b, "%s: %s: %s\n", pos, sev, sanitize.Text(pr.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
