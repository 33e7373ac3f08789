package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/imetal-tools/imetal-err/format"
	"github.com/spf13/cobra"
)

// runArgs runs the command line on test streams and returns the exit status and output.
func runArgs(t *testing.T, tty bool, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := testIOStreams(tty, env)
	code := run(context.Background(), ios, args)
	return code, out.String(), errOut.String()
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{errors.New("boom"), exitError},
		{usageErrorf("bad"), exitUsage},
		{fmt.Errorf("wrapped: %w", usageErrorf("bad")), exitUsage},
		{&notFoundError{}, exitNotFound},
		{&silentError{code: exitError}, exitError},
		{fmt.Errorf("write: %w", syscall.EPIPE), exitOK},
		{context.Canceled, exitSignal},
		{&hintError{usageErrorf("bad"), []string{"hint"}}, exitUsage},
		// A usage error is known by its type, not its words: EINVAL's are a flag error's.
		{fmt.Errorf("read: %w", syscall.EINVAL), exitError},
		{errors.New(`invalid argument "x" for "--status" flag`), exitError},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.err), func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func Test_newLookupCmd(t *testing.T) {
	tests := []struct {
		args    []string
		want    []string
		wantErr bool
	}{
		{args: []string{"iMetal.0232"}, want: []string{"iMetal.0232"}},
		{args: []string{"230", "231"}, want: []string{"230", "231"}},
		{args: nil, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			ios, _, _, _ := testIOStreams(false, nil)
			d := &deps{IO: ios}
			var got *lookupOptions
			c := newLookupCmd(d, func(o *lookupOptions) error { got = o; return nil })
			c.SetArgs(tt.args)
			c.SetOut(io.Discard)
			c.SetErr(io.Discard)
			err := c.Execute()
			if tt.wantErr {
				if exitCode(err) != exitUsage {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil || !slices.Equal(got.Codes, tt.want) {
				t.Fatalf("codes = %v, err = %v; want %v", got.Codes, err, tt.want)
			}
		})
	}
}

func Test_newListCmd(t *testing.T) {
	ios, _, _, _ := testIOStreams(false, nil)
	var got *listOptions
	c := newListCmd(&deps{IO: ios}, func(o *listOptions) error { got = o; return nil })
	c.SetArgs([]string{"--status", "404", "--category", "network", "--search", "subnet  id", "extra"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Statuses, []int{404}) || !slices.Equal(got.Categories, []string{"network"}) || !slices.Equal(got.Search, []string{"subnet", "id", "extra"}) {
		t.Errorf("options = %+v", got)
	}
	// Repeated filters are all kept, none silently dropped.
	c = newListCmd(&deps{IO: ios}, func(o *listOptions) error { got = o; return nil })
	c.SetArgs([]string{"--status", "404", "--status=409", "--category", "network", "--category", "server", "-s", "subnet", "--search", "ip"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Statuses, []int{404, 409}) || !slices.Equal(got.Categories, []string{"network", "server"}) || !slices.Equal(got.Search, []string{"subnet", "ip"}) {
		t.Errorf("repeated: options = %+v", got)
	}
}

func Test_lookupRun(t *testing.T) {
	for _, tty := range []bool{false, true} {
		t.Run(fmt.Sprintf("tty=%v", tty), func(t *testing.T) {
			code, out, errOut := runArgs(t, tty, nil, "lookup", "232")
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if !strings.Contains(out, "iMetal.0232") || !strings.Contains(out, "availability.") {
				t.Errorf("output lacks the entry:\n%s", out)
			}
			if hasColor := strings.Contains(out, "\x1b["); hasColor != tty {
				t.Errorf("color = %v on tty = %v", hasColor, tty)
			}
		})
	}
}

func TestColorDecision(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		env  map[string]string
		flag string
		want bool
	}{
		{"tty", true, nil, "auto", true},
		{"pipe", false, nil, "auto", false},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, "auto", false},
		{"CLICOLOR=0", true, map[string]string{"CLICOLOR": "0"}, "auto", false},
		{"TERM=dumb", true, map[string]string{"TERM": "dumb"}, "auto", false},
		{"CLICOLOR_FORCE on a pipe", false, map[string]string{"CLICOLOR_FORCE": "1"}, "auto", true},
		{"CLICOLOR_FORCE=0", false, map[string]string{"CLICOLOR_FORCE": "0"}, "auto", false},
		{"CLICOLOR_FORCE beats NO_COLOR", true, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, "auto", true},
		{"--color always", false, map[string]string{"NO_COLOR": "1"}, "always", true},
		{"--color never", true, map[string]string{"CLICOLOR_FORCE": "1"}, "never", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := testIOStreams(tt.tty, tt.env)
			ios.colorMode = tt.flag
			if got := ios.ColorEnabled(); got != tt.want {
				t.Errorf("ColorEnabled = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBareCodeShortcut(t *testing.T) {
	code, out, _ := runArgs(t, false, nil, "iMetal.0232")
	_, want, _ := runArgs(t, false, nil, "lookup", "iMetal.0232")
	if code != 0 || out != want {
		t.Errorf("imetal-err iMetal.0232 = %d,\n%s\nwant the lookup output\n%s", code, out, want)
	}
	code, _, errOut := runArgs(t, false, nil, "lokup", "232")
	if code != exitUsage || !strings.Contains(errOut, `unknown command "lokup"`) || !strings.Contains(errOut, "lookup") {
		t.Errorf("typo: exit %d, stderr %q; want 2 and a suggestion of lookup", code, errOut)
	}
}

// complete runs cobra's hidden completion command, as the shell scripts do.
func complete(t *testing.T, args ...string) []string {
	t.Helper()
	_, out, _ := runArgs(t, false, nil, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(l, ":") && !strings.HasPrefix(l, "Completion ended") {
			lines = append(lines, l)
		}
	}
	return lines
}

func TestCompletion(t *testing.T) {
	// Flags are described by their usage, without the backticks that name their value in
	// --help.
	if got := complete(t, "lookup", "--wid"); len(got) != 1 || !strings.HasPrefix(got[0], "--width\tfit tables and text into N columns") {
		t.Errorf("lookup --wid<TAB> = %q", got)
	}
	got := complete(t, "lookup", "iMetal.023")
	if !slices.Contains(got, "iMetal.0232\tInsufficient IP addresses in subnet") || len(got) != 6 {
		t.Errorf("lookup iMetal.023<TAB> = %q", got)
	}
	if got := complete(t, "explain", "APIGW.030"); !slices.Contains(got, "APIGW.0308\tThe throttling threshold has been reached.") {
		t.Errorf("explain APIGW.030<TAB> = %q", got)
	}
	if got := complete(t, "list", "--category", ""); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "network\t") }) {
		t.Errorf("list --category <TAB> = %q", got)
	}
	if got := complete(t, "list", "--status", ""); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "404\t") }) {
		t.Errorf("list --status <TAB> = %q", got)
	}
	if got := complete(t, "lookup", "232", "-o", ""); len(got) != len(format.Styles) || !strings.HasPrefix(got[0], "table\t") {
		t.Errorf("-o <TAB> = %q", got)
	}
	if got := complete(t, "list", "--color", ""); len(got) != 3 {
		t.Errorf("--color <TAB> = %q", got)
	}
	if got := complete(t, "l"); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "lookup") }) || !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "list") }) {
		t.Errorf("l<TAB> = %q", got)
	}
}

func Test_tidyCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"iMetal.0232", "iMetal.0232"},
		{"  232 ", "232"},
		{"iMetal.0232,", "iMetal.0232"},
		{`"iMetal.0232"`, "iMetal.0232"},
		{"[iMetal.0232]", "iMetal.0232"},
		{"(APIGW.0101).", "APIGW.0101"},
		{"‘imetal-232’", "imetal-232"},
		{"«iMetal 0232»;", "iMetal 0232"},
		{"[]", ""},
		// Only what is around the code goes.
		{"[iMetal.0232, 230]", "iMetal.0232, 230"},
	}
	for _, tt := range tests {
		if got := tidyCode(tt.in); got != tt.want {
			t.Errorf("tidyCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func Test_shownArg(t *testing.T) {
	tests := []struct{ in, want string }{
		{"x", `"x"`},
		{`"iMetal.9999"`, `'"iMetal.9999"'`},
		{"\x1b[2J", `"\x1b[2J"`},
		{strings.Repeat("9", 100), `"` + strings.Repeat("9", maxShownArg-1) + `…"`},
	}
	for _, tt := range tests {
		if got := shownArg(tt.in); got != tt.want {
			t.Errorf("shownArg(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
