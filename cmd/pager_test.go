package cmd

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPagerCommand(t *testing.T) {
	tests := []struct {
		name    string
		tty     bool
		noPager bool
		env     map[string]string
		want    string
	}{
		{"terminal, nothing set", true, false, nil, "less"},
		{"pipe", false, false, nil, ""},
		{"pipe, PAGER set", false, false, map[string]string{"PAGER": "more"}, ""},
		{"--no-pager", true, true, nil, ""},
		{"--no-pager beats PAGER", true, true, map[string]string{"PAGER": "more"}, ""},
		{"PAGER", true, false, map[string]string{"PAGER": "most -s"}, "most -s"},
		{"PAGER set but empty", true, false, map[string]string{"PAGER": ""}, ""},
		{"PAGER=cat", true, false, map[string]string{"PAGER": "cat"}, ""},
		{"IMETAL_ERR_PAGER beats PAGER", true, false, map[string]string{"IMETAL_ERR_PAGER": "less -S", "PAGER": "more"}, "less -S"},
		{"IMETAL_ERR_PAGER set but empty", true, false, map[string]string{"IMETAL_ERR_PAGER": "", "PAGER": "more"}, ""},
		{"IMETAL_ERR_PAGER beats PAGER=", true, false, map[string]string{"IMETAL_ERR_PAGER": "more", "PAGER": ""}, "more"},
		{"TERM=dumb", true, false, map[string]string{"TERM": "dumb"}, ""},
		{"TERM=dumb beats PAGER", true, false, map[string]string{"TERM": "dumb", "PAGER": "more", "IMETAL_ERR_PAGER": "less"}, ""},
		{"TERM=xterm", true, false, map[string]string{"TERM": "xterm"}, "less"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			if got := pagerCommand(tt.tty, tt.noPager, lookup); got != tt.want {
				t.Errorf("pagerCommand = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPagerEnv(t *testing.T) {
	tests := []struct {
		less string
		set  bool
		want []string
	}{
		{"", false, []string{"LESS=FRX"}},
		// The user's own LESS is kept, with R added when it lacks it, so that colors show.
		{"-FRX", true, nil},
		{"FRX", true, nil},
		{"-i -R", true, nil},
		{"--RAW-CONTROL-CHARS", true, nil},
		{"-i", true, []string{"LESS=-i -R"}},
		{"-S --quit-if-one-screen", true, []string{"LESS=-S --quit-if-one-screen -R"}},
		{"-r", true, []string{"LESS=-r -R"}},
		{"", true, []string{"LESS=-R"}},
	}
	for _, tt := range tests {
		lookup := func(k string) (string, bool) { return tt.less, tt.set && k == "LESS" }
		if got := pagerEnv(lookup); !slices.Equal(got, tt.want) {
			t.Errorf("LESS=%q (set %v): pagerEnv = %q, want %q", tt.less, tt.set, got, tt.want)
		}
	}
}

// TestPagerExec runs commands on a terminal (as test streams pretend) through fake pagers:
// shell commands that write what they read to a file, fail, or quit without reading.
func TestPagerExec(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake pagers are sh command lines")
	}
	dir := t.TempDir()
	paged := filepath.Join(dir, "pager.out")
	readPaged := func(t *testing.T) string {
		t.Helper()
		b, err := os.ReadFile(paged)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		_ = os.Remove(paged)
		return string(b)
	}
	toFile := "cat > " + paged

	t.Run("explain goes through the pager", func(t *testing.T) {
		code, out, errOut := runArgs(t, true, map[string]string{"PAGER": toFile}, "explain", "iMetal.0101")
		got := readPaged(t)
		if code != 0 || out != "" || errOut != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and everything in the pager", code, out, errOut)
		}
		if !strings.Contains(got, "iMetal.0101") || !strings.Contains(got, "How to fix it") || !strings.Contains(got, "\x1b[") {
			t.Errorf("the pager got:\n%s\nwant the colored explanation", got)
		}
	})
	t.Run("IMETAL_ERR_PAGER first", func(t *testing.T) {
		code, out, _ := runArgs(t, true, map[string]string{"IMETAL_ERR_PAGER": toFile, "PAGER": "false"}, "explain", "232")
		if got := readPaged(t); code != 0 || out != "" || !strings.Contains(got, "iMetal.0232") {
			t.Errorf("exit %d, stdout %q, pager got %q", code, out, got)
		}
	})
	t.Run("--no-pager", func(t *testing.T) {
		code, out, _ := runArgs(t, true, map[string]string{"PAGER": toFile}, "explain", "232", "--no-pager")
		if got := readPaged(t); code != 0 || got != "" || !strings.Contains(out, "iMetal.0232") {
			t.Errorf("exit %d, pager got %q, stdout %q; want no pager", code, got, out)
		}
	})
	t.Run("not a terminal", func(t *testing.T) {
		code, out, _ := runArgs(t, false, map[string]string{"PAGER": toFile}, "explain", "232")
		if got := readPaged(t); code != 0 || got != "" || !strings.Contains(out, "iMetal.0232") {
			t.Errorf("exit %d, pager got %q, stdout %q; want no pager", code, got, out)
		}
	})
	t.Run("a missing pager falls back to stdout", func(t *testing.T) {
		code, out, errOut := runArgs(t, true, map[string]string{"PAGER": "imetal-err-no-such-pager"}, "explain", "232")
		if code != 0 || !strings.Contains(out, "iMetal.0232") || !strings.Contains(errOut, `pager "imetal-err-no-such-pager" failed`) {
			t.Errorf("exit %d, stdout %q, stderr %q; want the explanation on stdout and a warning", code, out, errOut)
		}
	})
	t.Run("a failing pager falls back to stdout", func(t *testing.T) {
		code, out, _ := runArgs(t, true, map[string]string{"PAGER": "false"}, "explain", "232")
		if code != 0 || !strings.Contains(out, "iMetal.0232") {
			t.Errorf("exit %d, stdout %q; want the explanation on stdout", code, out)
		}
	})
	t.Run("a pager quit early ends quietly", func(t *testing.T) {
		for _, p := range []string{"true", "head -c 10 >/dev/null"} {
			code, out, errOut := runArgs(t, true, map[string]string{"PAGER": p}, "list")
			if code != 0 || out != "" || errOut != "" {
				t.Errorf("PAGER=%q: exit %d, stdout %q, stderr %q; want 0 and nothing more", p, code, out, errOut)
			}
		}
	})
	t.Run("list pages only what is taller than the screen", func(t *testing.T) {
		code, out, _ := runArgs(t, true, map[string]string{"PAGER": toFile}, "list", "--search", "subnet", "unavailable")
		if got := readPaged(t); code != 0 || got != "" || !strings.Contains(out, "iMetal.0231") {
			t.Errorf("short list: exit %d, pager got %q, stdout %q; want no pager", code, got, out)
		}
		code, out, _ = runArgs(t, true, map[string]string{"PAGER": toFile}, "list")
		if got := readPaged(t); code != 0 || out != "" || !strings.Contains(got, "APIGW.0101") || !strings.Contains(got, "iMetal.0235") {
			t.Errorf("whole list: exit %d, stdout %q, pager got %d bytes; want all of it paged", code, out, len(got))
		}
	})
	t.Run("a short lookup is not paged, a tall one is", func(t *testing.T) {
		_, out, _ := runArgs(t, true, map[string]string{"PAGER": toFile}, "lookup", "232")
		if got := readPaged(t); got != "" || !strings.Contains(out, "iMetal.0232") {
			t.Errorf("pager got %q, stdout %q", got, out)
		}
		_, out, _ = runArgs(t, true, map[string]string{"PAGER": toFile}, "lookup", "230", "231", "232", "233", "234", "235", "100", "101")
		if got := readPaged(t); out != "" || !strings.Contains(got, "iMetal.0232") || !strings.Contains(got, "iMetal.0101") {
			t.Errorf("pager got %q, stdout %q; want all of it paged", got, out)
		}
	})
	t.Run("an explanation shorter than the terminal is not paged", func(t *testing.T) {
		ios, _, out, _ := testIOStreams(true, map[string]string{"PAGER": toFile})
		ios.height = 60
		code := run(context.Background(), ios, []string{"explain", "232"})
		if got := readPaged(t); code != 0 || got != "" || !strings.Contains(out.String(), "iMetal.0232") {
			t.Errorf("exit %d, pager got %q, stdout %q", code, got, out)
		}
	})
	t.Run("help topics and help are paged", func(t *testing.T) {
		for _, args := range [][]string{{"help", "formats"}, {"help", "environment"}, {"--help"}} {
			_, out, _ := runArgs(t, true, map[string]string{"PAGER": toFile}, args...)
			if got := readPaged(t); out != "" || len(got) < 1000 {
				t.Errorf("%q: stdout %q, the pager got %d bytes; want all of it paged", args, out, len(got))
			}
		}
	})
	t.Run("parse cards are paged", func(t *testing.T) {
		input := filepath.Join(dir, "errors.log")
		var b strings.Builder
		for range 10 {
			b.WriteString(`{"error_code": "iMetal.0232", "error_msg": "Insufficient IP addresses in subnet"}` + "\n")
		}
		if err := os.WriteFile(input, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runArgs(t, true, map[string]string{"PAGER": toFile}, "parse", input)
		if got := readPaged(t); code != 0 || out != "" || strings.Count(got, "iMetal.0232") < 10 {
			t.Errorf("exit %d, stdout %q, stderr %q, the pager got:\n%s\nwant every card paged", code, out, errOut, got)
		}
	})
}

// TestTallWriter checks the decision to page: held until taller than the terminal, then
// paged; written directly at the end, after holdFor, or before standard error.
func TestTallWriter(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake pager is a sh command line")
	}
	paged := filepath.Join(t.TempDir(), "pager.out")
	t.Run("slow output is written directly", func(t *testing.T) {
		ios, out, errOut := testIOStreamsPaged(t, paged)
		stop := ios.pageTall()
		fmt.Fprintln(ios.Out, "first")
		time.Sleep(2 * holdFor)
		ios.tall.mu.Lock() // the timer wrote under it
		got := out.String()
		ios.tall.mu.Unlock()
		if got != "first\n" {
			t.Errorf("after holdFor, stdout %q; want the line written", got)
		}
		for range 30 {
			fmt.Fprintln(ios.Out, "more")
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(paged); err == nil || strings.Count(out.String(), "more") != 30 || errOut.Len() != 0 {
			t.Errorf("a pager ran (%v) or stdout lacks lines:\n%s", err, out)
		}
	})
	t.Run("standard error keeps its order", func(t *testing.T) {
		ios, out, errOut := testIOStreamsPaged(t, paged)
		stop := ios.pageTall()
		fmt.Fprintln(ios.Out, "card")
		if out.Len() != 0 {
			t.Fatalf("stdout %q before holdFor; want it held", out)
		}
		fmt.Fprintln(ios.ErrOut, "note")
		if out.String() != "card\n" || errOut.String() != "note\n" {
			t.Errorf("stdout %q, stderr %q; want the card written before the note", out, errOut)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	})
}

// TestPagerKeepsBoundedCopy checks that the copy of what the pager is given, kept in case it
// fails, stays within maxKept however long the output (a live parse may page for hours), and
// that a pager failing past it says what was lost.
func TestPagerKeepsBoundedCopy(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake pager is a sh command line")
	}
	ios, _, out, errOut := testIOStreams(true, map[string]string{"PAGER": "cat >/dev/null; exit 1"})
	p := ios.startPager(out, errOut)
	if p == nil {
		t.Fatal("no pager started")
	}
	line := []byte(strings.Repeat("x", 1023) + "\n")
	for range maxKept/len(line) + 100 {
		if _, err := p.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if p.sent.Len() > maxKept {
		t.Errorf("kept %d bytes; want at most %d", p.sent.Len(), maxKept)
	}
	if err := p.stop(errOut); err != nil {
		t.Fatal(err)
	}
	if out.Len() != maxKept || !strings.Contains(errOut.String(), "only the first 4 MiB of the output were kept; the rest is lost") {
		t.Errorf("wrote %d bytes directly, stderr %q; want the %d kept and a warning", out.Len(), errOut, maxKept)
	}
}

// testIOStreamsPaged returns terminal test streams whose pager writes to the file paged.
func testIOStreamsPaged(t *testing.T, paged string) (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	_ = os.Remove(paged)
	ios, _, out, errOut := testIOStreams(true, map[string]string{"PAGER": "cat > " + paged})
	return ios, out, errOut
}
