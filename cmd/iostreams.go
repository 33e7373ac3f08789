package cmd

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"sync"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"
)

// IOStreams owns the standard streams and the decisions that depend on them: whether each is a
// terminal, how wide the terminal is, and whether to color output. Commands write only here.
type IOStreams struct {
	In io.Reader
	// Out is standard output: the stdout writer below, or the pager while one runs.
	Out    io.Writer
	ErrOut io.Writer

	// stdout is standard output, remembering the first write that failed.
	stdout *checkedWriter

	stdinTTY, stdoutTTY, stderrTTY bool
	width, height                  int
	lookupEnv                      func(string) (string, bool)

	// colorMode is the --color flag: "auto", "always" or "never".
	colorMode string
	// noPager is the --no-pager flag.
	noPager bool
	// widthFlag is the --width flag, when widthSet.
	widthFlag int
	widthSet  bool
	// tall holds standard output on a terminal until it is known whether to page it (see
	// pageTall).
	tall *tallWriter
	// pagerQuit is closed when the user quits the pager before the command is done (nil
	// when there can be no pager): the command has no reader left.
	pagerQuit     chan struct{}
	pagerQuitOnce sync.Once
}

// newIOStreams wraps the process's streams. A stream that is an *os.File is checked for a
// terminal; anything else (a buffer in tests) is not one. lookupEnv is os.LookupEnv outside
// tests: a variable set to "" (PAGER=) differs from an unset one.
func newIOStreams(in io.Reader, out, errOut io.Writer, lookupEnv func(string) (string, bool)) *IOStreams {
	s := &IOStreams{In: in, ErrOut: errOut, lookupEnv: lookupEnv, colorMode: "auto"}
	s.stdout = &checkedWriter{w: out}
	s.Out = s.stdout
	s.stdinTTY = isTerminal(in)
	s.stdoutTTY = isTerminal(out)
	s.stderrTTY = isTerminal(errOut)
	if f, ok := out.(*os.File); ok && s.stdoutTTY {
		if w, h, err := term.GetSize(int(f.Fd())); err == nil {
			s.width, s.height = w, h
		}
	}
	return s
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// testIOStreams returns streams on buffers, for tests; tty says whether they act as terminals.
func testIOStreams(tty bool, env map[string]string) (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s := &IOStreams{
		In: in, ErrOut: errOut, stdout: &checkedWriter{w: out},
		stdinTTY: tty, stdoutTTY: tty, stderrTTY: tty,
		lookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		colorMode: "auto",
	}
	s.Out = s.stdout
	if tty {
		s.width, s.height = 80, 24
	}
	return s, in, out, errOut
}

// WriteErr returns the first write to standard output that failed, if any. Output does not
// always go through code that returns errors (cobra's help and completion, tablewriter's
// rendering), so the run checks this once at its end: no failed write goes unnoticed.
func (s *IOStreams) WriteErr() error { return s.stdout.Err() }

// checkedWriter writes to w and remembers the first error; after one, every write fails with
// it at once, so that a run writing to a full disk stops at its next checked write and says
// so once. Safe for concurrent use (the interrupt watchdog may write while a command does).
type checkedWriter struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	c.err = err
	return n, err
}

// Err returns the first write error.
func (c *checkedWriter) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// PagerQuit returns a channel closed when the user quits the pager before the command is done:
// no one reads its output any more. It is nil, never ready, when output is not paged.
func (s *IOStreams) PagerQuit() <-chan struct{} { return s.pagerQuit }

func (s *IOStreams) quitPager() {
	if s.pagerQuit != nil {
		s.pagerQuitOnce.Do(func() { close(s.pagerQuit) })
	}
}

// IsStdinTTY reports whether standard input is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// Getenv reads an environment variable; an unset one reads as "".
func (s *IOStreams) Getenv(k string) string { return s.getenv(k) }

func (s *IOStreams) getenv(k string) string {
	if s.lookupEnv == nil {
		return ""
	}
	v, _ := s.lookupEnv(k)
	return v
}

// ColorEnabled decides whether to color standard output: --color always/never wins; otherwise
// CLICOLOR_FORCE forces color, and NO_COLOR, CLICOLOR=0 or TERM=dumb turn it off on a terminal.
func (s *IOStreams) ColorEnabled() bool {
	switch s.colorMode {
	case "always":
		return true
	case "never":
		return false
	}
	if v := s.getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if s.getenv("NO_COLOR") != "" || s.getenv("CLICOLOR") == "0" || s.getenv("TERM") == "dumb" {
		return false
	}
	return s.stdoutTTY
}

// TerminalWidth is the width to fit output into: --width, else the terminal's, else $COLUMNS,
// else 0, which means none: output to a pipe or a file is not wrapped unless asked.
func (s *IOStreams) TerminalWidth() int {
	if s.widthSet {
		return s.widthFlag
	}
	if s.width > 0 {
		return s.width
	}
	if n, err := strconv.Atoi(s.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 0
}
