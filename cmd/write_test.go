package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/cobra"
)

// fullWriter accepts ok bytes, then fails every write as a full disk does.
type fullWriter struct{ ok int }

func (w *fullWriter) Write(p []byte) (int, error) {
	if len(p) <= w.ok {
		w.ok -= len(p)
		return len(p), nil
	}
	n := w.ok
	w.ok = 0
	return n, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// writeCases are command lines that write to standard output, at least one per runnable
// command, keyed by the command's path. A command added to the tree without one fails
// TestEveryCommandChecksWrites.
func writeCases(t *testing.T, dir string) map[string][][]string {
	body := filepath.Join(dir, "body.txt")
	if err := os.WriteFile(body, []byte(`{"error_code": "iMetal.0232", "error_msg": "no IP left"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	user := filepath.Join(dir, "user.json")
	if err := os.WriteFile(user, []byte("[]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string][][]string{
		"imetal-err":              {{}, {"--version"}, {"iMetal.0232"}},
		"imetal-err lookup":       {{"lookup", "232"}, {"lookup", "232", "-o", "json"}, {"lookup", "232", "-o", "markdown"}},
		"imetal-err list":         {{"list"}, {"list", "-o", "json"}, {"list", "-o", "tsv"}},
		"imetal-err explain":      {{"explain", "101"}, {"explain", "101", "-o", "json"}},
		"imetal-err catalog":      {{"catalog"}},
		"imetal-err catalog lint": {{"catalog", "lint", user}, {"catalog", "lint", user, "-o", "json"}},
		"imetal-err parse": {
			{"parse", body}, {"parse", body, "-o", "json"}, {"parse", body, "-o", "tsv"},
			{"parse", "--summary", body}, {"parse", "--summary", body, "-o", "json"}, {"parse", body, "-o", "jsonl"},
		},
		"imetal-err help":                  {{"help"}, {"help", "lookup"}, {"help", "formats"}, {"help", "exit-codes"}},
		"imetal-err completion bash":       {{"completion", "bash"}},
		"imetal-err completion zsh":        {{"completion", "zsh"}},
		"imetal-err completion fish":       {{"completion", "fish"}},
		"imetal-err completion powershell": {{"completion", "powershell"}},
		// Added by cobra when the root runs, so not in the tree walked below.
		cobra.ShellCompRequestCmd: {{cobra.ShellCompRequestCmd, "lookup", "iMetal.023"}},
	}
}

// noStdout are the runnable commands that write nothing to standard output when they succeed.
var noStdout = map[string]bool{
	"imetal-err completion": true, // without a shell: a usage error
}

// TestEveryCommandChecksWrites runs every command, and the help of every command and topic,
// against a standard output that fails, at once or part way: each must end with exit 1 and
// say so once on stderr. Each case first runs with a working output, which it must fill,
// so that exit 1 cannot come from anything else.
func TestEveryCommandChecksWrites(t *testing.T) {
	dir := t.TempDir()
	cases := writeCases(t, dir)
	var lines [][]string
	ios, _, _, _ := testIOStreams(false, nil)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		path := c.CommandPath()
		lines = append(lines, append(strings.Fields(path)[1:], "--help"))
		if c.Runnable() && !noStdout[path] {
			if _, ok := cases[path]; !ok {
				t.Errorf("%q has no case in writeCases: add a command line that writes to standard output", path)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(newDeps(ios)))
	for _, cl := range cases {
		lines = append(lines, cl...)
	}
	for _, args := range lines {
		t.Run(strings.ReplaceAll(strings.Join(args, " "), dir, "DIR"), func(t *testing.T) {
			code, out, errOut := runArgs(t, false, nil, args...)
			if code != 0 || out == "" {
				t.Fatalf("with a working output: exit %d, %d bytes out, stderr %q; want 0 and output", code, len(out), errOut)
			}
			for _, ok := range []int{0, len(out) / 2} {
				ios, _, _, errBuf := testIOStreams(false, nil)
				ios.stdout.w = &fullWriter{ok: ok}
				code := run(context.Background(), ios, args)
				stderr := errBuf.String()
				if code != exitError || strings.Count(stderr, "no space left on device") != 1 {
					t.Errorf("output failing after %d bytes: exit %d, stderr %q; want 1 and the failure once", ok, code, stderr)
				}
			}
		})
	}
}

// A reader that goes away (EPIPE) is not a failure, and a failed write outweighs "nothing found".
func TestWithWriteErr(t *testing.T) {
	full := &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
	pipe := &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
	usage := usageErrorf("bad")
	tests := []struct {
		name      string
		err, werr error
		want      int
	}{
		{"ok", nil, nil, exitOK},
		{"full", nil, full, exitError},
		{"closed pipe", nil, pipe, exitOK},
		{"not found, full", &notFoundError{}, full, exitError},
		{"not found, closed pipe", &notFoundError{}, pipe, exitNotFound},
		{"usage error first", usage, full, exitUsage},
		{"interrupted", context.Canceled, full, exitSignal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(withWriteErr(tt.err, tt.werr)); got != tt.want {
				t.Errorf("exit %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCheckedWriterKeepsFirstError(t *testing.T) {
	var b bytes.Buffer
	w := &checkedWriter{w: &fullWriter{ok: 3}}
	if n, err := w.Write([]byte("ab")); n != 2 || err != nil {
		t.Fatalf("first write: %d, %v", n, err)
	}
	if _, err := w.Write([]byte("cd")); err == nil {
		t.Fatal("second write did not fail")
	}
	first := w.Err()
	w.w = &b
	if _, err := w.Write([]byte("ef")); err != first || b.Len() != 0 {
		t.Errorf("write after a failure: %v, %q written; want the first error and nothing", err, b.String())
	}
}

// A pager that fails leaves the output to be written directly: that write is checked too.
func TestPagerFallbackChecksWrites(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake pager is a sh command line")
	}
	ios, _, _, errBuf := testIOStreams(true, map[string]string{"PAGER": "false"})
	ios.stdout.w = &fullWriter{}
	code := run(context.Background(), ios, []string{"explain", "232"})
	if stderr := errBuf.String(); code != exitError || strings.Count(stderr, "no space left on device") != 1 {
		t.Errorf("exit %d, stderr %q; want 1 and the failure once", code, stderr)
	}
}
