package cmd

import (
	"bytes"
	"io"
	"os"
	"strconv"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"
)

// IOStreams owns the standard streams and the decisions that depend on them: whether each is a
// terminal, how wide the terminal is, and whether to color output. Commands write only here.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

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
	// pager is the running pager while output goes through one (see StartPager).
	pager *pager
}

// newIOStreams wraps the process's streams. A stream that is an *os.File is checked for a
// terminal; anything else (a buffer in tests) is not one. lookupEnv is os.LookupEnv outside
// tests: a variable set to "" (PAGER=) differs from an unset one.
func newIOStreams(in io.Reader, out, errOut io.Writer, lookupEnv func(string) (string, bool)) *IOStreams {
	s := &IOStreams{In: in, Out: out, ErrOut: errOut, lookupEnv: lookupEnv, colorMode: "auto"}
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
		In: in, Out: out, ErrOut: errOut,
		stdinTTY: tty, stdoutTTY: tty, stderrTTY: tty,
		lookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		colorMode: "auto",
	}
	if tty {
		s.width, s.height = 80, 24
	}
	return s, in, out, errOut
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
