package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/cmd"
	"github.com/spf13/cobra"
)

func TestManPages(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // 14 Nov 2023
	dir := filepath.Join(t.TempDir(), "man1")
	if err := run([]string{"-version", "v1.2.3", dir}, io.Discard); err != nil {
		t.Fatal(err)
	}
	pages := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
				walk(sub)
			}
		}
		pages++
		name := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("no man page for %s: %v", c.CommandPath(), err)
			return
		}
		title := strings.ToUpper(strings.TrimSuffix(name, ".1"))
		for _, want := range []string{
			`.TH "` + title + `" "1" "Nov 2023" "imetal-err v1.2.3" "imetal-err manual"`,
			".SH NAME", ".SH SYNOPSIS", `"imetal-err `,
		} {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if c.Example != "" && !strings.Contains(string(b), ".SH EXAMPLE") {
			t.Errorf("%s lacks the examples", name)
		}
		if strings.Contains(string(b), "Auto generated") {
			t.Errorf("%s carries cobra's generation date", name)
		}
	}
	root := cmd.NewRootCmd(strings.NewReader(""), io.Discard, io.Discard)
	walk(root)
	if pages < 6 {
		t.Errorf("%d pages, want one for imetal-err and each of its commands", pages)
	}
	if files, _ := os.ReadDir(dir); len(files) != pages {
		t.Errorf("wrote %d files, want %d (one per visible command)", len(files), pages)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"a", "b"}, {"-nosuchflag", "dir"}} {
		if err := run(args, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("gendocs %q: %v, want the usage error", args, err)
		}
	}
}

func TestWriteError(t *testing.T) {
	// A directory that cannot be made or written to is an error, not an empty success.
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{filepath.Join(file, "man1")}, io.Discard); err == nil {
		t.Error("gendocs into a path under a file: no error")
	}
}

// TestManSections checks that the main page carries the exit statuses and the environment
// as man pages do, before SEE ALSO, and that a default worked out at run time is named by
// its placeholder, not by the flag's zero value.
func TestManSections(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{dir}, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "imetal-err.1"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	exit, env, see := strings.Index(page, ".SH EXIT STATUS\n"), strings.Index(page, ".SH ENVIRONMENT\n"), strings.Index(page, ".SH SEE ALSO")
	if exit < 0 || env < 0 || see < 0 || !(exit < env && env < see) {
		t.Errorf("sections EXIT STATUS at %d, ENVIRONMENT at %d, SEE ALSO at %d: want all three, in that order", exit, env, see)
	}
	for _, want := range []string{"130  interrupted", "IMETAL_ERR_PAGER", `\fB--width\fP=N`, `\fB--catalog\fP=FILE`} {
		if !strings.Contains(page, want) {
			t.Errorf("imetal-err.1 lacks %q", want)
		}
	}
	if strings.Contains(page, `\fB--width\fP=0`) || strings.Contains(page, "=[]") {
		t.Error("imetal-err.1 gives --width=0 or an empty list as a flag's value")
	}
}

func TestRoffText(t *testing.T) {
	got := roffText(".dot first\n'quote\nback\\slash\n  .indented\n")
	want := "\\&.dot first\n\\&'quote\nback\\eslash\n  .indented\n"
	if got != want {
		t.Errorf("roffText = %q, want %q", got, want)
	}
}
