package cmd

import (
	"fmt"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwarp"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the width help is fitted into when the terminal's is unknown (a pipe, a file).
const helpWidth = 80

// minHelpWidth is the narrowest width help is wrapped to; narrower, lines overflow.
const minHelpWidth = 40

// helpFunc prints a command's help as cobra's default does (its Long text, then its usage),
// wrapped to the width of the terminal (or --width, COLUMNS, else helpWidth) at spaces:
// paragraphs are refilled, flag descriptions wrap under their column (pflag's
// FlagUsagesWrapped), and a long example is continued on the next line with a backslash.
func (d *deps) helpFunc(cmd *cobra.Command, _ []string) {
	w := d.helpWidth()
	var b strings.Builder
	text := cmd.Long
	if text == "" {
		text = cmd.Short
	}
	if text = strings.TrimRight(text, " \n"); text != "" {
		b.WriteString(refill(text, w))
		b.WriteString("\n\n")
	}
	if cmd.Runnable() || cmd.HasSubCommands() {
		writeUsage(&b, cmd, w)
	}
	_, _ = d.IO.Out.Write([]byte(b.String()))
}

// helpWidth is the width help is fitted into: --width, the terminal's or COLUMNS, else 80.
func (d *deps) helpWidth() int {
	w := d.IO.TerminalWidth()
	if w <= 0 {
		w = helpWidth
	}
	return max(w, minHelpWidth)
}

// writeUsage is cobra's default usage text (without command groups, which imetal-err does not
// use), wrapped to width.
func writeUsage(b *strings.Builder, c *cobra.Command, width int) {
	b.WriteString("Usage:")
	if c.Runnable() {
		b.WriteString("\n" + hang("  ", c.UseLine(), width))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n  " + c.CommandPath() + " [command]")
	}
	if len(c.Aliases) > 0 {
		b.WriteString("\n\nAliases:\n" + hang("  ", c.NameAndAliases(), width))
	}
	if c.HasExample() {
		b.WriteString("\n\nExamples:\n" + wrapExamples(c.Example, width))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\nAvailable Commands:")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				b.WriteString("\n" + hang("  "+rpad(sub.Name(), sub.NamePadding())+" ", sub.Short, width))
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\n\nFlags:\n" + flagUsages(c.LocalFlags(), width))
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\n\nGlobal Flags:\n" + flagUsages(c.InheritedFlags(), width))
	}
	if c.HasHelpSubCommands() {
		b.WriteString("\n\nAdditional help topics:")
		for _, sub := range c.Commands() {
			if sub.IsAdditionalHelpTopicCommand() {
				b.WriteString("\n" + hang("  "+rpad(sub.CommandPath(), sub.CommandPathPadding())+" ", sub.Short, width))
			}
		}
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + refill(fmt.Sprintf("Use %q for more information about a command.", c.CommandPath()+" [command] --help"), width))
	}
	b.WriteString("\n")
}

func flagUsages(fs *pflag.FlagSet, width int) string {
	return strings.TrimRight(fs.FlagUsagesWrapped(width), " \n")
}

func rpad(s string, n int) string {
	return s + strings.Repeat(" ", max(n-twwidth.Width(s), 0))
}

// wrapWords breaks s into lines of at most width columns at spaces; a word longer than a
// line stays whole.
func wrapWords(s string, width int) []string {
	lines, _ := twwarp.WrapString(s, max(width, 1))
	return lines
}

// hang writes text after prefix, its further lines indented as far as prefix is wide.
func hang(prefix, text string, width int) string {
	indent := strings.Repeat(" ", twwidth.Width(prefix))
	lines := wrapWords(text, width-len(indent))
	return prefix + strings.Join(lines, "\n"+indent)
}

// refill wraps text to width paragraph by paragraph (paragraphs are separated by blank
// lines): a paragraph of lines that start at the margin is refilled as one; an indented line
// (a list, a table, an example) is kept, and only wrapped under its indent when too long.
func refill(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		lines := strings.Split(para, "\n")
		var block []string
		var plain []string
		flush := func() {
			if len(plain) > 0 {
				block = append(block, wrapWords(strings.Join(plain, " "), width)...)
				plain = nil
			}
		}
		for _, l := range lines {
			if l == "" || l[0] != ' ' {
				plain = append(plain, strings.TrimSpace(l))
				continue
			}
			flush()
			if twwidth.Width(l) <= width {
				block = append(block, l)
				continue
			}
			indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
			block = append(block, hang(indent, strings.TrimSpace(l), width))
		}
		flush()
		out = append(out, strings.Join(block, "\n"))
	}
	return strings.Join(out, "\n\n")
}

// wrapExamples keeps each example line that fits, and continues one that does not on the
// next lines with a backslash, as a shell reads it, breaking only at spaces outside quotes.
func wrapExamples(examples string, width int) string {
	var out []string
	for _, l := range strings.Split(examples, "\n") {
		if twwidth.Width(l) <= width {
			out = append(out, l)
			continue
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
		words := shellWords(strings.TrimSpace(l))
		line := indent
		for i, w := range words {
			switch {
			case i == 0:
				line += w
			case twwidth.Width(line)+1+twwidth.Width(w)+2 <= width:
				line += " " + w
			default:
				out = append(out, line+" \\")
				line = indent + "    " + w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// shellWords splits a command line at spaces outside single and double quotes.
func shellWords(s string) []string {
	var words []string
	start, quote := 0, rune(0)
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == ' ':
			if i > start {
				words = append(words, s[start:i])
			}
			start = i + 1
		}
	}
	if start < len(s) {
		words = append(words, s[start:])
	}
	return words
}

// fitText fits a help topic's text into width. What fits is kept as written. A paragraph at
// the margin that does not is refilled; an indented row of a two-column list ("  COLUMNS
// the width...", its description continued on lines indented to the description's column)
// is refilled under that column, or under its name, indented, when the column leaves too
// little room. The lines after one that ends with ":" within a row (an example) are kept,
// continued with a backslash only when too long.
func fitText(text string, width int) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	var out []string
	for i := 0; i < len(lines); {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			out = append(out, "")
			i++
			continue
		}
		ind := indentOf(l)
		col := descColumn(l)
		if i+1 < len(lines) {
			// A description continued on the next line shows its column, even after a
			// name followed by a single space.
			if next := indentOf(lines[i+1]); next > ind && next < len(l) && l[next-1] == ' ' && strings.TrimSpace(lines[i+1]) != "" {
				col = next
			}
		}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" && indentOf(lines[j]) == col && (col == ind || descColumn(lines[j]) == col) {
			j++
		}
		item := lines[i:j]
		i = j
		if linesFit(item, width) {
			out = append(out, item...)
			continue
		}
		// The description, up to a line ending in ":", is prose; the rest is kept.
		prose := []string{strings.TrimSpace(l[col:])}
		rest := item[1:]
		for len(rest) > 0 && !endsProse(prose[len(prose)-1]) {
			prose = append(prose, strings.TrimSpace(rest[0]))
			rest = rest[1:]
		}
		head := l[:col]
		if col > ind && width-col < 24 {
			// Too little room beside the name: the description goes under it.
			out = append(out, strings.TrimRight(head, " "))
			head = strings.Repeat(" ", ind+4)
		}
		out = append(out, strings.Split(hang(head, strings.Join(prose, " "), width), "\n")...)
		for _, r := range rest {
			if twwidth.Width(r) <= width {
				out = append(out, r)
				continue
			}
			out = append(out, strings.Split(wrapExamples(r, width), "\n")...)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// endsProse reports whether a line of prose leads into lines kept as they are: it ends in
// ":", outside quotes (a sentence that quotes "imetal-err: error:" across a line goes on).
func endsProse(l string) bool {
	return strings.HasSuffix(l, ":") && strings.Count(l, `"`)%2 == 0
}

func indentOf(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

// descColumn is where the description of a two-column row starts: after the last run of two
// or more spaces past the indent; the indent itself for a line that has none.
func descColumn(l string) int {
	ind := indentOf(l)
	col := ind
	for k := ind; k+1 < len(l); k++ {
		if l[k] == ' ' && l[k+1] == ' ' {
			e := k
			for e < len(l) && l[e] == ' ' {
				e++
			}
			if e < len(l) {
				col = e
			}
			k = e
		}
	}
	return col
}

func linesFit(lines []string, width int) bool {
	for _, l := range lines {
		if twwidth.Width(l) > width {
			return false
		}
	}
	return true
}
