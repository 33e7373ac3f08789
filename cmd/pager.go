package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
)

// pagerCommand is the command line of the pager to send standard output through, or "" for
// none. There is none unless stdout is a terminal and --no-pager is off; then it is
// IMETAL_ERR_PAGER, else PAGER, else less. A variable set to "" (PAGER=) or to cat turns paging off.
func pagerCommand(stdoutTTY, noPager bool, lookupEnv func(string) (string, bool)) string {
	if noPager || !stdoutTTY {
		return ""
	}
	cmd := "less"
	for _, k := range []string{"IMETAL_ERR_PAGER", "PAGER"} {
		if v, ok := lookupEnv(k); ok {
			cmd = v
			break
		}
	}
	cmd = strings.TrimSpace(cmd)
	if cmd == "cat" {
		return ""
	}
	return cmd
}

// pagerEnv is what the pager's environment adds to ours: LESS=FRX unless LESS is set, so that
// less keeps colors (R), quits by itself when the text fits one screen (F) and leaves it on
// the screen when it quits (X).
func pagerEnv(lookupEnv func(string) (string, bool)) []string {
	if _, ok := lookupEnv("LESS"); ok {
		return nil
	}
	return []string{"LESS=FRX"}
}

// pagerExec runs the pager's command line through the shell, as git does, so that PAGER may
// hold arguments, pipes and redirections. Windows has no sh: the line is split at spaces.
func pagerExec(cmdline string) *exec.Cmd {
	if runtime.GOOS == "windows" {
		f := strings.Fields(cmdline)
		return exec.Command(f[0], f[1:]...)
	}
	return exec.Command("sh", "-c", cmdline)
}

// pager is a running pager: it stands in for IOStreams.Out, feeding the pager's standard input,
// and keeps a copy of what it was given in case the pager fails and it must be printed directly.
type pager struct {
	cmdline string
	cmd     *exec.Cmd
	in      io.WriteCloser
	out     io.Writer // the real standard output
	sent    bytes.Buffer
	gone    bool // the pager stopped reading: it quit early or never started reading
}

// Write never fails: once the pager stops reading (the user quit it, EPIPE), the rest is only kept.
func (p *pager) Write(b []byte) (int, error) {
	p.sent.Write(b)
	if !p.gone {
		if _, err := p.in.Write(b); err != nil {
			p.gone = true
		}
	}
	return len(b), nil
}

// StartPager sends Out through the pager, when there is one (see pagerCommand), until StopPager.
// Colors and the terminal's width stay as they are: the pager shows them on the same terminal.
// A pager that cannot be started leaves Out as it is.
func (s *IOStreams) StartPager() {
	cmdline := pagerCommand(s.stdoutTTY, s.noPager, s.lookupEnv)
	if cmdline == "" || s.pager != nil {
		return
	}
	c := pagerExec(cmdline)
	c.Env = append(os.Environ(), pagerEnv(s.lookupEnv)...)
	// The pager gets the terminal itself, not a writer standing in for it.
	c.Stdout = s.stdout.w
	c.Stderr = s.ErrOut
	in, err := c.StdinPipe()
	if err != nil {
		return
	}
	if err := c.Start(); err != nil {
		return
	}
	s.pager = &pager{cmdline: cmdline, cmd: c, in: in, out: s.Out}
	s.Out = s.pager
	// Ctrl-C in less is for less (it stops a search or a follow): like git, do not let it end
	// imetal-err under the pager, which would leave the pager reading a closed pipe. It stays
	// ignored (signal.Reset does not undo Ignore), which is right: once the pager is closed,
	// the run only exits.
	signal.Ignore(os.Interrupt)
}

// StopPager closes the pager's input, waits for the user to leave it and gives Out back. A
// pager that failed (a command that is not there, an exit status other than 0) did not show
// the output: it is written directly to Out instead, after a warning on ErrOut.
func (s *IOStreams) StopPager() error {
	p := s.pager
	if p == nil {
		return nil
	}
	s.pager, s.Out = nil, p.out
	_ = p.in.Close()
	err := p.cmd.Wait()
	var exit *exec.ExitError
	if err == nil || errors.As(err, &exit) && !exit.Exited() {
		// Done, or killed by a signal (an interrupt): nothing to make up for.
		return nil
	}
	fmt.Fprintf(s.ErrOut, "imetal-err: warning: pager %q failed (%v); writing directly\n", p.cmdline, err)
	fmt.Fprintln(s.ErrOut, "imetal-err: hint: set IMETAL_ERR_PAGER or PAGER to a pager that works, or pass --no-pager")
	_, err = p.out.Write(p.sent.Bytes())
	return err
}

// writePaged writes b to Out, through the pager when b has as many lines as the terminal has
// rows or more (it would scroll off the screen), or when the terminal's height is unknown.
func (s *IOStreams) writePaged(b []byte) error {
	if s.height == 0 || bytes.Count(b, []byte("\n")) >= s.height {
		s.StartPager()
	}
	_, err := s.Out.Write(b)
	if perr := s.StopPager(); err == nil {
		err = perr
	}
	return err
}
