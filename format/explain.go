package format

import (
	"fmt"
	"io"
	"strings"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/olekukonko/tablewriter/pkg/twwarp"
)

// Explained is an entry to explain, with the entries its explanation names as related.
type Explained struct {
	Entry   catalog.Entry
	Related []catalog.Entry
}

// ExplanationJSON is the JSON form of explain: the entry as catalog.Entry writes it, with its
// explanation always present, null for a user catalog's entry that has none (as parse's
// catalog fields are null for an unknown code), and the user catalog file it comes from. The
// outer Explanation takes the place of the entry's, as encoding/json gives the shallower of
// two fields of one name precedence.
type ExplanationJSON struct {
	catalog.Entry
	Explanation *catalog.Explanation `json:"explanation"`
	Source      string               `json:"source,omitempty"`
}

// Explain writes the long explanation of each item: laid out for a terminal in the table
// style, one JSON object per item (an array when there are several), Markdown sections, or
// TSV field/value lines.
func Explain(w io.Writer, items []Explained, o Options) error {
	switch o.Style {
	case JSON, JSONL:
		out := make([]ExplanationJSON, len(items))
		for i, it := range items {
			out[i] = ExplanationJSON{Entry: it.Entry, Explanation: it.Entry.Explanation, Source: it.Entry.Source}
		}
		if o.Style == JSONL {
			return writeJSONLines(w, out)
		}
		if len(out) == 1 {
			return writeJSON(w, out[0])
		}
		return writeJSON(w, out)
	case TSV:
		var rows [][]string
		for _, it := range items {
			e, x := it.Entry, explanationOf(it.Entry)
			rows = append(rows, []string{e.Code, fmt.Sprint(e.Status), e.Message, e.Description, e.Solution,
				e.Category, fmt.Sprint(e.Retryable), x.Meaning, strings.Join(x.Causes, "\n"),
				strings.Join(x.Steps, "\n"), x.Retry, x.Example, strings.Join(x.Related, ","), x.Source, e.Source})
		}
		return writeTSV(w, []string{"code", "status", "message", "description", "solution", "category",
			"retryable", "meaning", "causes", "steps", "retry", "example", "related", "source", "catalog_file"}, rows)
	case Markdown:
		var b strings.Builder
		for _, it := range items {
			writeExplainMarkdown(&b, it)
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	var b strings.Builder
	p := newPalette(o.Color)
	for i, it := range items {
		if i > 0 {
			b.WriteString("\n")
		}
		writeExplainText(&b, it, p, o.width())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func explanationOf(e catalog.Entry) catalog.Explanation {
	if e.Explanation != nil {
		return *e.Explanation
	}
	return catalog.Explanation{}
}

func writeExplainText(b *strings.Builder, it Explained, p *palette, width int) {
	e, x := it.Entry, explanationOf(it.Entry)
	const indent = "  "
	para := func(s string) {
		for _, l := range wrap(sanitize.Text(s), width-len(indent)) {
			b.WriteString(indent + l + "\n")
		}
	}
	list := func(items []string, numbered bool) {
		for i, s := range items {
			mark := "• "
			if numbered {
				mark = fmt.Sprintf("%d. ", i+1)
			}
			pad := strings.Repeat(" ", len([]rune(mark)))
			for j, l := range wrap(sanitize.Text(s), width-len(indent)-len(pad)) {
				if j == 0 {
					b.WriteString(indent + mark + l + "\n")
				} else {
					b.WriteString(indent + pad + l + "\n")
				}
			}
		}
	}
	heading := func(s string) { b.WriteString("\n" + p.heading.Sprint(s) + "\n") }
	// codeLine writes a code and its message after lead, the message wrapped under itself.
	codeLine := func(lead, code, msg string) {
		code = sanitize.Text(code)
		pad := strings.Repeat(" ", len(lead)+len([]rune(code))+2)
		for i, l := range wrap(sanitize.Text(msg), width-len(pad)) {
			if i == 0 {
				b.WriteString(lead + p.code.Sprint(code) + "  " + l + "\n")
			} else {
				b.WriteString(pad + l + "\n")
			}
		}
	}
	dim := func(s string) {
		for _, l := range wrap(s, width) {
			b.WriteString(p.dim.Sprint(l) + "\n")
		}
	}

	codeLine("", e.Code, e.Message)
	retry := "do not retry unchanged"
	if e.Retryable {
		retry = "retryable"
	}
	dim(fmt.Sprintf("HTTP %d · %s · %s", e.Status, sanitize.Text(e.Category), retry))
	if e.Source != "" {
		dim(userSource(e))
	}
	if x.Source != "" {
		dim("Source: " + sanitize.Text(x.Source))
	}
	if x.Meaning != "" {
		heading("What it means")
		para(x.Meaning)
	}
	heading("The API says")
	// The API's two texts, wrapped under their labels.
	labeled := func(label, s string, paint func(...any) string) {
		pad := strings.Repeat(" ", len(label))
		for i, l := range wrap(sanitize.Text(s), width-len(indent)-len(label)) {
			lead := pad
			if i == 0 {
				lead = label
			}
			b.WriteString(paint(indent+lead+l) + "\n")
		}
	}
	labeled("Description: ", e.Description, fmt.Sprint)
	labeled("Solution:    ", e.Solution, p.solution.Sprint)
	if len(x.Causes) > 0 {
		heading("Likely causes")
		list(x.Causes, false)
	}
	if len(x.Steps) > 0 {
		heading("How to fix it")
		list(x.Steps, true)
	}
	if x.Retry != "" {
		heading("Retry")
		para(x.Retry)
	}
	if x.Example != "" {
		heading("Example")
		// As the API sends it, not wrapped: a response to copy.
		for _, l := range strings.Split(strings.ReplaceAll(x.Example, "\r\n", "\n"), "\n") {
			b.WriteString(indent + p.dim.Sprint(sanitize.Text(l)) + "\n")
		}
	}
	if len(it.Related) > 0 {
		heading("Related")
		for _, r := range it.Related {
			codeLine(indent, r.Code, r.Message)
		}
	}
}

// userSource says which user catalog file e comes from, and whether it replaces a built-in
// entry.
func userSource(e catalog.Entry) string {
	what := "Added by"
	if e.Overrides {
		what = "Overrides the built-in entry: from"
	}
	return what + " user catalog " + sanitize.Text(e.Source)
}

func writeExplainMarkdown(b *strings.Builder, it Explained) {
	e, x := it.Entry, explanationOf(it.Entry)
	t := markdownText
	fmt.Fprintf(b, "## %s: %s\n\n", t(e.Code), t(e.Message))
	fmt.Fprintf(b, "HTTP %d, category %s, retryable: %v.\n\n", e.Status, t(e.Category), e.Retryable)
	if e.Source != "" {
		fmt.Fprintf(b, "%s.\n\n", userSource(e))
	}
	if x.Source != "" {
		fmt.Fprintf(b, "Source: %s\n\n", t(x.Source))
	}
	if x.Meaning != "" {
		fmt.Fprintf(b, "%s\n\n", t(x.Meaning))
	}
	fmt.Fprintf(b, "- **Description:** %s\n- **Solution:** %s\n\n", t(e.Description), t(e.Solution))
	section := func(title string, items []string, numbered bool) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(b, "### %s\n\n", title)
		for i, s := range items {
			if numbered {
				fmt.Fprintf(b, "%d. %s\n", i+1, t(s))
			} else {
				fmt.Fprintf(b, "- %s\n", t(s))
			}
		}
		b.WriteString("\n")
	}
	section("Likely causes", x.Causes, false)
	section("How to fix it", x.Steps, true)
	if x.Retry != "" {
		fmt.Fprintf(b, "### Retry\n\n%s\n\n", t(x.Retry))
	}
	if x.Example != "" {
		b.WriteString("### Example\n\n```\n")
		for _, l := range strings.Split(strings.ReplaceAll(x.Example, "\r\n", "\n"), "\n") {
			// A code block shows its text as it is: no Markdown escapes.
			b.WriteString(sanitize.Text(l) + "\n")
		}
		b.WriteString("```\n\n")
	}
	if len(it.Related) > 0 {
		b.WriteString("### Related\n\n")
		for _, r := range it.Related {
			fmt.Fprintf(b, "- %s: %s\n", t(r.Code), t(r.Message))
		}
		b.WriteString("\n")
	}
}

// wrap breaks s into lines of at most width columns, at spaces; a word longer than width
// stands on a line of its own.
func wrap(s string, width int) []string {
	lines, _ := twwarp.WrapString(s, max(width, 20))
	return lines
}
