package format

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/imetal-tools/imetal-err/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./format -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", path, got)
	}
}

func sampleEntries() []catalog.Entry {
	var out []catalog.Entry
	for _, c := range []string{"iMetal.0230", "iMetal.0110", "APIGW.0308"} {
		out = append(out, catalog.Default().Lookup(c)...)
	}
	return out
}

func TestEntriesGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		o    Options
	}{
		{"entries-table.golden", Options{Style: Table}},
		{"entries-table-color-60.golden", Options{Style: Table, Color: true, Width: 60}},
		{"entries.json.golden", Options{Style: JSON}},
		{"entries.md.golden", Options{Style: Markdown}},
		{"entries.tsv.golden", Options{Style: TSV}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Entries(&b, sampleEntries(), tt.o); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestExplainGolden(t *testing.T) {
	cat := catalog.Default()
	e := cat.Lookup("iMetal.0101")[0]
	items := []Explained{{Entry: e, Related: cat.Lookup("iMetal.0110")}}
	for _, tt := range []struct {
		name string
		o    Options
	}{
		{"explain.txt.golden", Options{Style: Table, Width: 72}},
		{"explain.json.golden", Options{Style: JSON}},
		{"explain.md.golden", Options{Style: Markdown}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Explain(&b, items, tt.o); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

// TestTableFitsWidth checks that every line of a table stays within the width it was given,
// wrapping long text rather than cutting it.
func TestTableFitsWidth(t *testing.T) {
	entries := catalog.Default().Entries()
	for _, width := range []int{40, 60, 80, 100, 132, 200} {
		var b bytes.Buffer
		if err := Entries(&b, entries, Options{Style: Table, Width: width}); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if w := displayWidth(line); w > width {
				t.Errorf("width %d: line %d is %d columns wide: %q", width, i+1, w, line)
				break
			}
		}
		// Wrapping must not lose words: every word of every solution is still there.
		flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "├", " ", "┤", " ", "┼", " ", "─", " ").Replace(b.String())), " ")
		for _, e := range entries {
			for _, word := range strings.Fields(e.Solution) {
				if !strings.Contains(flat, word) {
					t.Fatalf("width %d: word %q of %s's solution is missing", width, word, e.Code)
				}
			}
		}
	}
}

// TestTableWrapsBetweenWords checks that a table wraps text between words: each cell, its
// lines joined with spaces, is the text it was given, at every width where each word fits a
// column (a word of the catalog is at most 15 columns wide; at 80 columns each text column
// of a table has at least 15).
func TestTableWrapsBetweenWords(t *testing.T) {
	entries := catalog.Default().Entries()
	given := map[string]bool{"Field": true, "Value": true, "Status": true, "Code": true, "Message": true, "Description": true, "Solution": true}
	for _, e := range entries {
		for _, s := range []string{fmt.Sprint(e.Status), e.Code, e.Message, e.Description, e.Solution} {
			given[strings.Join(strings.Fields(s), " ")] = true
		}
	}
	for _, width := range []int{40, 60, 80, 100, 132} {
		var b bytes.Buffer
		if err := Entries(&b, entries, Options{Style: Table, Width: width}); err != nil {
			t.Fatal(err)
		}
		for _, c := range tableCells(b.String()) {
			if !given[c] {
				t.Errorf("width %d: cell %q is not a text given, wrapped between words", width, c)
			}
		}
	}
}

// tableCells reads back the cells of the tables in out, each cell's lines joined with spaces.
func tableCells(out string) []string {
	var cells []string
	var row [][]string
	flush := func() {
		for _, parts := range row {
			if c := strings.Join(parts, " "); c != "" {
				cells = append(cells, c)
			}
		}
		row = nil
	}
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "│") {
			flush()
			continue
		}
		fields := strings.Split(strings.Trim(line, "│"), "│")
		if row == nil {
			row = make([][]string, len(fields))
		}
		for i, f := range fields {
			if f = strings.TrimSpace(f); f != "" && i < len(row) {
				row[i] = append(row[i], f)
			}
		}
	}
	flush()
	return cells
}

func TestSummaryFitsWidth(t *testing.T) {
	rows := []SummaryRow{
		{Code: "iMetal.0005", Count: 12345, Known: true, Status: 429, HTTPStatus: []int{429, 503},
			Description: "The request is overloaded.", IDs: []string{"ps-01", "ps-02", "ps-03"},
			RequestIDs: []string{"77e1f0aa0123456789abcdef", "77e1f0ab0123456789abcdef"}},
		{Code: "APIGW.0301", Count: 1, Known: true, Status: 401, Description: strings.Repeat("long text ", 20)},
	}
	for _, width := range []int{60, 80, 100, 132} {
		var b bytes.Buffer
		if err := Summary(&b, rows, Options{Style: Table, Width: width}); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if w := displayWidth(line); w > width {
				t.Fatalf("width %d: line %d is %d columns wide: %q", width, i+1, w, line)
			}
		}
	}
}

func TestColorOnlyWhenAsked(t *testing.T) {
	for _, on := range []bool{false, true} {
		var b bytes.Buffer
		if err := Entries(&b, sampleEntries(), Options{Style: Table, Color: on}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), "\x1b["); got != on {
			t.Errorf("color %v: output has escapes: %v", on, got)
		}
	}
}

// hostile is a finding whose every outside field tries to reach the terminal.
func hostile() Finding {
	evil := "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZWNobyBoaQ==\x07\u202eexe.\x9b31m\xff|x\r\ny"
	d := catalog.Default().Diagnose("iMetal.0230", 404, "Subnet not found: [a\x1b[31m, b\u2028]"+evil)
	return Finding{Diagnosis: d, RequestID: evil, Request: "POST /x" + evil, Shape: "json", Input: "in" + evil}
}

func TestFindingsNeverWriteRawControls(t *testing.T) {
	for _, st := range Styles {
		for _, color := range []bool{false, true} {
			var b bytes.Buffer
			if err := Findings(&b, []Finding{hostile(), hostile()}, Options{Style: st, Color: color}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !utf8.ValidString(out) {
				t.Errorf("%s: output is not valid UTF-8", st)
			}
			// With color on the only escapes are SGR color sequences of our own.
			rest := out
			if color {
				rest = stripSGR(out)
			}
			for _, r := range rest {
				if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' || r == '\u2028' {
					t.Errorf("%s (color %v): raw %U in output", st, color, r)
					break
				}
			}
			if st == JSON {
				var v []map[string]any
				if err := json.Unmarshal(b.Bytes(), &v); err != nil || len(v) != 2 {
					t.Errorf("JSON output does not decode to 2 objects: %v", err)
				}
			}
		}
	}
}

// stripSGR removes "ESC [ digits;... m" sequences, the only ones the tool writes.
func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestFindingWriterLimit(t *testing.T) {
	var b bytes.Buffer
	fw := NewFindingWriter(&b, Options{Style: Table}, 2)
	for range 5 {
		if err := fw.Write(hostile()); err != nil {
			t.Fatal(err)
		}
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "│ Error "); n != 2 {
		t.Errorf("table shows %d findings, want 2", n)
	}
	if !strings.Contains(b.String(), "… 3 more not shown") || !strings.Contains(b.String(), "--summary") {
		t.Errorf("no '… 3 more' line suggesting --summary:\n%s", b.String())
	}
}

func TestFindingJSONSchema(t *testing.T) {
	cat := catalog.Default()
	known := Finding{Diagnosis: cat.Diagnose("iMetal.0230", 404, "Subnet not found: [s-1, s-2]"), RequestID: "r-1"}
	unknown := Finding{Diagnosis: cat.Diagnose("iMetal.0999", 503, "boom")}
	var b bytes.Buffer
	if err := Findings(&b, []Finding{known, unknown}, Options{Style: JSON}); err != nil {
		t.Fatal(err)
	}
	var v []map[string]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"code", "known", "http_status", "status", "message", "ids", "params", "request_id", "description", "solution", "retryable"} {
		if _, ok := v[0][k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	if v[0]["status"] != 404.0 || v[0]["known"] != true || v[0]["request_id"] != "r-1" || len(v[0]["ids"].([]any)) != 2 {
		t.Errorf("known finding: %v", v[0])
	}
	if v[1]["known"] != false || v[1]["retryable"] != nil || v[1]["status"] != nil || v[1]["description"] != nil || v[1]["http_status"] != 503.0 {
		t.Errorf("unknown finding: %v", v[1])
	}
	b.Reset()
	if err := Findings(&b, nil, Options{Style: JSON}); err != nil || b.String() != "[]\n" {
		t.Errorf("no findings: %q, %v; want []", b.String(), err)
	}
}

func TestCellCap(t *testing.T) {
	long := strings.Repeat("x", 100000)
	f := Finding{Diagnosis: catalog.Default().Diagnose("iMetal.0001", 400, "A request parameter contains invalid or unsupported value: "+long)}
	var b bytes.Buffer
	if err := Findings(&b, []Finding{f}, Options{Style: Table}); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 20000 || !strings.Contains(b.String(), "…") {
		t.Errorf("a 100 kB message made %d bytes of table, want it cut with …", b.Len())
	}
	b.Reset()
	if err := Findings(&b, []Finding{f}, Options{Style: JSON}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), long) {
		t.Error("JSON output does not carry the whole message")
	}
}

// TestTablesReused checks that tables drawn with one reused tablewriter.Table are those drawn
// each with a table of its own.
func TestTablesReused(t *testing.T) {
	cat := catalog.Default()
	findings := []Finding{
		{Diagnosis: cat.Diagnose("iMetal.0230", 404, "Subnet not found: ['a', 'b']"), RequestID: "r-1", Request: "POST /v1/servers", Shape: "json", Input: "app.log"},
		{Diagnosis: cat.Diagnose("AS.0001", 503, "Quota exceeded "+strings.Repeat("and then some ", 20)), Input: "-", Offset: 12345},
		{Diagnosis: cat.Diagnose("APIGW.0201", 0, "Backend timeout."), Shape: "go-sdk", Input: "a very long file name.log"},
		{Diagnosis: cat.Diagnose("iMetal.0110", 400, "Inspect Physical servers error: [s1], ipmi timeout: detail"), Input: "x"},
	}
	for _, width := range []int{40, 80, 160} {
		for _, color := range []bool{false, true} {
			var reused, fresh bytes.Buffer
			fw := NewFindingWriter(&reused, Options{Style: Table, Width: width, Color: color}, 0)
			p := newPalette(color)
			for i, f := range findings {
				if err := fw.Write(f); err != nil {
					t.Fatal(err)
				}
				if i > 0 {
					fresh.WriteString("\n")
				}
				if err := findingTable(&tables{w: &fresh}, f, i+1, p, width); err != nil {
					t.Fatal(err)
				}
			}
			if reused.String() != fresh.String() {
				t.Errorf("width %d, color %v: reused tables differ:\n%s\nfresh ones:\n%s", width, color, reused.String(), fresh.String())
			}
		}
	}
	entries := cat.Entries()[:6]
	var reused, fresh bytes.Buffer
	if err := Entries(&reused, entries, Options{Style: Table, Width: 40}); err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		if i > 0 {
			fresh.WriteString("\n")
		}
		if err := Entries(&fresh, entries[i:i+1], Options{Style: Table, Width: 40}); err != nil {
			t.Fatal(err)
		}
	}
	if reused.String() != fresh.String() {
		t.Errorf("narrow entries: reused tables differ:\n%s\nfresh ones:\n%s", reused.String(), fresh.String())
	}
}

// TestExplainFitsWidth checks that explain's text wraps within the width, for every entry:
// paragraphs, lists and the API's description and solution, the code's own line and the
// related codes (the example body is shown as the API returns it, not wrapped).
func TestExplainFitsWidth(t *testing.T) {
	cat := catalog.Default()
	for _, width := range []int{40, 60, 80} {
		for _, e := range cat.Entries() {
			var b bytes.Buffer
			var related []catalog.Entry
			if e.Explanation != nil {
				for _, c := range e.Explanation.Related {
					related = append(related, cat.Lookup(c)...)
				}
			}
			if err := Explain(&b, []Explained{{Entry: e, Related: related}}, Options{Style: Table, Width: width}); err != nil {
				t.Fatal(err)
			}
			text, rest, _ := strings.Cut(b.String(), "\nExample\n")
			if _, rel, ok := strings.Cut(rest, "\nRelated\n"); ok {
				text += "\n" + rel
			}
			for _, line := range strings.Split(text, "\n") {
				if w := displayWidth(line); w > width {
					t.Errorf("%s at width %d: line %d wide: %q", e.Code, width, w, line)
				}
			}
		}
	}
}

// TestSummaryAnyWidth checks that the summary fits every width from the narrowest up, as
// one table where it can and one small table per code where it cannot, that a header word is
// not broken when there is room for it, and that 80 columns are enough for one table.
func TestSummaryAnyWidth(t *testing.T) {
	rows := []SummaryRow{
		{Code: "iMetal.0005", Count: 2, Known: true, Status: 429, HTTPStatus: []int{429}, Description: "The request is overloaded.", RequestIDs: []string{"77e1f0aa", "77e1f0ab"}},
		{Code: "iMetal.0101", Count: 1, Known: true, Status: 400, HTTPStatus: []int{400}, Description: "The physical server is not ready.", IDs: []string{"ps-01", "ps-02"}, RequestIDs: []string{"6e2d4b0a"}},
		{Code: "AS.0001", Count: 1, HTTPStatus: []int{503}},
	}
	given := map[string]bool{"Count": true, "Code": true, "Status": true, "HTTP seen": true, "Description": true, "IDs": true, "Request IDs": true, "unknown code": true, "-": true}
	for _, r := range rows {
		given[fmt.Sprint(r.Count)], given[r.Code], given[fmt.Sprint(r.Status)], given[joinInts(r.HTTPStatus, ", ")] = true, true, true, true
		given[r.Description], given[strings.Join(r.IDs, ", ")], given[strings.Join(r.RequestIDs, ", ")] = true, true, true
	}
	for width := 40; width <= 160; width += 5 {
		var b bytes.Buffer
		if err := Summary(&b, rows, Options{Style: Table, Width: width}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if w := displayWidth(line); w > width {
				t.Fatalf("width %d: line %d wide: %q", width, w, line)
			}
		}
		if strings.Contains(out, "Firs ") || strings.Contains(out, "│ t ") {
			t.Errorf("width %d: header word broken:\n%s", width, out)
		}
		if width < 60 && !strings.Contains(out, "│ Request IDs │") {
			t.Errorf("width %d: want one small table per code:\n%s", width, out)
		}
		// From 80 columns, the usual terminal, one table with a header of at most two
		// lines, and words whole.
		if width >= 80 {
			lines := strings.Split(out, "\n")
			if strings.Contains(out, "│ Field ") || len(lines) < 4 || !strings.HasPrefix(lines[3], "├") && !strings.HasPrefix(lines[2], "├") {
				t.Errorf("width %d: want one table with a header of at most two lines:\n%s", width, out)
			}
			for _, c := range tableCells(out) {
				if !given[c] {
					t.Errorf("width %d: cell %q is not a text given, wrapped between words", width, c)
				}
			}
		}
	}
}

// TestFindingHeadLine checks that a finding's card names its place as FILE:LINE, on one line
// whenever the width allows, and that JSON carries the line beside the offset.
func TestFindingHeadLine(t *testing.T) {
	f := Finding{Diagnosis: catalog.Default().Diagnose("iMetal.0230", 404, "Subnet not found: [a]"), Shape: "json",
		Input: "examples/subnet-not-found.http", Offset: 163, Line: 7}
	const head = "examples/subnet-not-found.http:7 (json)"
	for _, width := range []int{60, 80, 200} {
		var b bytes.Buffer
		if err := Findings(&b, []Finding{f}, Options{Style: Table, Width: width}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\n")
		if len(lines) < 3 || !strings.Contains(lines[1], head) || !strings.HasPrefix(lines[2], "├") {
			t.Errorf("width %d: the first row is not %q on one line:\n%s", width, head, b.String())
		}
		for _, l := range lines {
			if displayWidth(l) > width {
				t.Errorf("width %d: line wider than that: %q", width, l)
			}
		}
	}
	var b bytes.Buffer
	if err := Findings(&b, []Finding{f}, Options{Style: JSON}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"offset": 163,`+"\n"+`    "line": 7`) {
		t.Errorf("JSON lacks the line beside the offset:\n%s", b.String())
	}
}

// The limit applies to a burst: a pause says how many were left out, and shows the next ones.
func TestFindingWriterPause(t *testing.T) {
	for st, card := range map[Style]string{Table: "│ Error ", Markdown: "| iMetal.0230 |"} {
		t.Run(string(st), func(t *testing.T) {
			var b bytes.Buffer
			fw := NewFindingWriter(&b, Options{Style: st}, 2)
			write := func(n int) {
				for range n {
					if err := fw.Write(hostile()); err != nil {
						t.Fatal(err)
					}
				}
			}
			write(5)
			if err := fw.Pause(); err != nil {
				t.Fatal(err)
			}
			write(1)
			if err := fw.Pause(); err != nil { // nothing left out: nothing to say
				t.Fatal(err)
			}
			write(3)
			if err := fw.Close(); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if n := strings.Count(out, card); n != 5 {
				t.Errorf("%d findings shown, want 2 + 1 + 2:\n%s", n, out)
			}
			if strings.Count(out, "more not shown") != 2 || !strings.Contains(out, "… 3 more not shown") || !strings.Contains(out, "… 1 more not shown") {
				t.Errorf("want '… 3 more' after the first burst and '… 1 more' at the end:\n%s", out)
			}
			if st == Markdown && strings.Count(out, "| Code |") != 2 {
				t.Errorf("want a Markdown header at the start and after the first count:\n%s", out)
			}
		})
	}
}

func TestFindingJSONLines(t *testing.T) {
	cat := catalog.Default()
	fs := []Finding{
		{Diagnosis: cat.Diagnose("iMetal.0230", 404, "Subnet <a&b> not found: [s-1]"), RequestID: "r-1"},
		{Diagnosis: cat.Diagnose("iMetal.0999", 503, "boom\x1b[31m")},
	}
	var lines, array bytes.Buffer
	if err := Findings(&lines, fs, Options{Style: JSONL}); err != nil {
		t.Fatal(err)
	}
	if err := Findings(&array, fs, Options{Style: JSON}); err != nil {
		t.Fatal(err)
	}
	var want []map[string]any
	if err := json.Unmarshal(array.Bytes(), &want); err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(lines.String(), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(want), lines.String())
	}
	for i, l := range got {
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil || !reflect.DeepEqual(v, want[i]) {
			t.Errorf("line %d = %s (%v); want the object -o json has", i, l, err)
		}
	}
	if strings.Contains(lines.String(), "\x1b") || !strings.Contains(lines.String(), "<a&b>") {
		t.Errorf("JSON Lines escaped differently from JSON:\n%s", lines.String())
	}
}

// TestFindingWriterMoreFits: the count of findings not shown is wrapped to the width, as the
// cards above it are, instead of running one column past an 80-column terminal.
func TestFindingWriterMoreFits(t *testing.T) {
	for _, width := range []int{40, 60, 80} {
		var b bytes.Buffer
		fw := NewFindingWriter(&b, Options{Style: Table, Width: width}, 1)
		for range 120 {
			if err := fw.Write(hostile()); err != nil {
				t.Fatal(err)
			}
		}
		if err := fw.Close(); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, "… 119 more not shown;") || !strings.Contains(out, "--max 0") {
			t.Errorf("width %d: no '… 119 more' note:\n%s", width, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if n := displayWidth(l); n > width {
				t.Errorf("width %d: a line of %d columns: %q", width, n, l)
			}
		}
	}
}

// TestMarkdownText checks that text from the input shows as text in Markdown: a tab is
// escaped as the other control characters are, '<' cannot open an HTML tag, and a pipe
// cannot end its cell; an explanation's example, in a code block, keeps its '<' as it is.
func TestMarkdownText(t *testing.T) {
	var b bytes.Buffer
	if err := writeMarkdownRow(&b, []string{"a\tb <i>c</i> | d\x1b[31m"}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "| a\\tb \\<i>c\\</i> \\| d\\x1b[31m |\n"; got != want {
		t.Errorf("row = %q, want %q", got, want)
	}
	e := catalog.Entry{Code: "X.1", Message: "m <b>", Explanation: &catalog.Explanation{Meaning: "x\ty", Example: "<html>"}}
	b.Reset()
	if err := Explain(&b, []Explained{{Entry: e}}, Options{Style: Markdown}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## X.1: m \\<b>\n", "x\\ty\n", "```\n<html>\n```"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explain markdown lacks %q:\n%s", want, b.String())
		}
	}
}
