package cmd

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLongArgumentsAreCut gives every place that quotes an argument back an argument of
// 100 kB, with a terminal escape in it: each message line stays readable and safe.
func TestLongArgumentsAreCut(t *testing.T) {
	long := "\x1b[31m" + strings.Repeat("x", 100<<10)
	words := strings.Repeat("subnet ", 20<<10)
	tests := [][]string{
		{long},
		{"lookup", long},
		{"lookup", "iMetal." + strings.Repeat("9", 100<<10)},
		{"explain", long},
		{"list", "--category", long},
		{"list", "--search", words + long},
		{"list", "--status", long},
		{"list", "-o", long},
		{"list", "--color", long},
		{"list", "--" + long},
		{"help", long},
		{"completion", long},
		{"catalog", long},
		{"parse", long},
		{"--catalog", long, "lookup", "232"},
	}
	for _, args := range tests {
		name := strings.Join(args, " ")[:20]
		t.Run(name, func(t *testing.T) {
			code, _, errOut := runArgs(t, false, nil, args...)
			if code == 0 || !strings.Contains(errOut, "…") {
				t.Errorf("exit %d, stderr %.300q; want a failure with the argument cut", code, errOut)
			}
			if strings.Contains(errOut, "\x1b") {
				t.Errorf("stderr holds a raw escape: %.300q", errOut)
			}
			for _, l := range strings.Split(errOut, "\n") {
				if n := utf8.RuneCountInString(l); n > maxLineShown+40 {
					t.Errorf("a line of %d characters: %.300q", n, l)
				}
			}
		})
	}
}

func TestCutLong(t *testing.T) {
	short := `unknown command "lokup" for "imetal-err"`
	if got := cutLong(short); got != short {
		t.Errorf("cutLong(%q) = %q, want it unchanged", short, got)
	}
	got := cutLong("a " + strings.Repeat("b", 1000) + " c")
	if want := "a " + strings.Repeat("b", maxWordShown-1) + "… c"; got != want {
		t.Errorf("cutLong cut a long word to %q", got)
	}
	got = cutLong(`invalid argument "` + strings.Repeat("x", 1000) + `" for "--status" flag`)
	if want := `invalid argument "` + strings.Repeat("x", maxShownArg-1) + `…" for "--status" flag`; got != want {
		t.Errorf("cutLong cut a quoted argument to %q", got)
	}
	if got := cutLong(strings.Repeat("ab ", 1000)); utf8.RuneCountInString(got) != maxLineShown || !strings.HasSuffix(got, "…") {
		t.Errorf("cutLong left a line of %d characters", utf8.RuneCountInString(got))
	}
}

// TestLintCutsUnreadableName: catalog lint reports a file it cannot read on standard output,
// as FILE:LINE: error: ...; a name of 100 kB (that no file can have) is cut there too, as
// every other message cuts it, and its escape is shown escaped.
func TestLintCutsUnreadableName(t *testing.T) {
	long := "\x1b[31m" + strings.Repeat("x", 100<<10)
	for _, style := range []string{"table", "json"} {
		t.Run(style, func(t *testing.T) {
			code, out, _ := runArgs(t, false, nil, "catalog", "lint", "-o", style, long)
			if code != exitError {
				t.Errorf("exit %d, want %d", code, exitError)
			}
			if !strings.Contains(out, "…") || !strings.Contains(out, "cannot read") {
				t.Errorf("stdout %.300q: want the problem, with the name cut", out)
			}
			if strings.Contains(out, "\x1b") {
				t.Errorf("stdout holds a raw escape: %.300q", out)
			}
			for _, l := range strings.Split(out, "\n") {
				if n := utf8.RuneCountInString(l); n > maxLineShown {
					t.Errorf("a line of %d characters: %.300q", n, l)
				}
			}
		})
	}
}
