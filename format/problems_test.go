package format

import (
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
)

func TestProblems(t *testing.T) {
	problems := []catalog.Problem{
		{File: "my.json", Line: 4, Severity: catalog.SeverityError, Message: `unknown key "stauts"`},
		{File: "my.json", Line: 8, Severity: catalog.SeverityWarning, Message: "a | b"},
		{File: "gone.json", Severity: catalog.SeverityError, Message: "cannot read: no such file or directory"},
		{File: "my\x1b[2J.json", Line: 9, Severity: catalog.SeverityNote, Message: "overrides\x07"},
	}
	tests := []struct {
		name     string
		problems []catalog.Problem
		o        Options
		want     string
	}{
		{name: "table", problems: problems, o: Options{Style: Table}, want: `my.json:4: error: unknown key "stauts"
my.json:8: warning: a | b
gone.json: error: cannot read: no such file or directory
my\x1b[2J.json:9: note: overrides\x07
`},
		{name: "table in color", problems: problems[:2], o: Options{Style: Table, Color: true},
			want: "my.json:4: \x1b[31merror\x1b[0m: unknown key \"stauts\"\nmy.json:8: \x1b[33mwarning\x1b[0m: a | b\n"},
		{name: "json", problems: problems[:1], o: Options{Style: JSON}, want: `[
  {
    "file": "my.json",
    "line": 4,
    "severity": "error",
    "message": "unknown key \"stauts\""
  }
]
`},
		{name: "json, none", o: Options{Style: JSON}, want: "[]\n"},
		{name: "markdown", problems: problems[1:2], o: Options{Style: Markdown}, want: "| File | Line | Severity | Message |\n|---|---|---|---|\n| my.json | 8 | warning | a \\| b |\n"},
		{name: "tsv", problems: problems[2:3], o: Options{Style: TSV}, want: "file\tline\tseverity\tmessage\ngone.json\t0\terror\tcannot read: no such file or directory\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := Problems(&b, tt.problems, tt.o); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", b.String(), tt.want)
			}
		})
	}
}
