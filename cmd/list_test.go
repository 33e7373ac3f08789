package cmd

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// apiPageTables reads the error tables of the API's documentation page, as saved in
// testdata/api-error-codes.txt: each table is its header cells, one per line ending in " |",
// a "---|..." rule, then its rows, one cell per line.
func apiPageTables(t *testing.T) (header []string, rows [][]string) {
	t.Helper()
	b, err := os.ReadFile("../testdata/api-error-codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	flush := func() {
		for len(cells) >= 5 {
			rows = append(rows, cells[:5])
			cells = cells[5:]
		}
		if len(cells) > 0 {
			t.Fatalf("a table row with %d cells: %q", len(cells), cells)
		}
	}
	in := false
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(l, "---|"):
			// The cells read so far are the header.
			if header != nil && !slices.Equal(header, cells) {
				t.Fatalf("tables with different headers: %q and %q", header, cells)
			}
			header, cells, in = cells, nil, true
		case strings.HasSuffix(l, " |"):
			if cell := strings.TrimSuffix(l, " |"); in && cell == "Status Code" {
				flush() // the next table's header
				in = false
				cells = []string{cell}
			} else {
				cells = append(cells, cell)
			}
		case in:
			flush()
			in = false
		}
	}
	if len(rows) == 0 {
		t.Fatal("no table rows in the page")
	}
	return header, rows
}

// TestListMarkdownIsTheAPIPage checks that `list -o markdown`, restricted to the iMetal codes,
// reproduces the API page's error tables: the same header and the same rows, in order.
func TestListMarkdownIsTheAPIPage(t *testing.T) {
	wantHeader, wantRows := apiPageTables(t)
	code, out, errOut := runArgs(t, false, nil, "list", "--search", "iMetal", "-o", "markdown")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	cells := func(l string) []string {
		if !strings.HasPrefix(l, "| ") || !strings.HasSuffix(l, " |") {
			t.Fatalf("not a Markdown table row: %q", l)
		}
		var out []string
		for _, c := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(l, "| "), " |"), " | ") {
			out = append(out, strings.ReplaceAll(c, `\|`, "|"))
		}
		return out
	}
	if got := cells(lines[0]); !slices.Equal(got, wantHeader) {
		t.Errorf("header = %q, want the page's %q", got, wantHeader)
	}
	if lines[1] != "|---|---|---|---|---|" {
		t.Errorf("rule = %q", lines[1])
	}
	var gotRows [][]string
	for _, l := range lines[2:] {
		// iMetal.0099 is only on the API's Chinese-language page (the catalog tests check it).
		if c := cells(l); c[1] != "iMetal.0099" {
			gotRows = append(gotRows, c)
		}
	}
	for i := range max(len(gotRows), len(wantRows)) {
		switch {
		case i >= len(gotRows):
			t.Errorf("row %d missing: the page has %q", i+1, wantRows[i])
		case i >= len(wantRows):
			t.Errorf("row %d %q is not on the page", i+1, gotRows[i])
		case !slices.Equal(gotRows[i], wantRows[i]):
			t.Errorf("row %d:\n got %q\nwant %q", i+1, gotRows[i], wantRows[i])
		}
	}
}
