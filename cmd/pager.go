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
	"sync"
	"sync/atomic"
	"time"
)

// pagerCommand is the command line of the pager to send standard output through, or "" for
// none. There is none unless stdout is a terminal, not a dumb one (TERM=dumb: an editor's
// shell buffer, where less warns and waits for RETURN), and --no-pager is off; then it is
// IMETAL_ERR_PAGER, else PAGER, else less. A variable set to "" (PAGER=) or to cat turns paging off.
func pagerCommand(stdoutTTY, noPager bool, lookupEnv func(string) (string, bool)) string {
	if noPager || !stdoutTTY {
		return ""
	}
	if term, _ := lookupEnv("TERM"); term == "dumb" {
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
// the screen when it quits (X). A LESS of the user's own without R gets -R added: without
// it, less shows colors as raw escapes (ESC[36;1m).
func pagerEnv(lookupEnv func(string) (string, bool)) []string {
	v, ok := lookupEnv("LESS")
	if !ok {
		return []string{"LESS=FRX"}
	}
	for _, f := range strings.Fields(v) {
		// R in a cluster of one-letter options (-FRX, FRX) or the long option. A letter of
		// an option's argument (-Pprompt) could mislead only towards adding -R, which is
		// harmless: the lower-case r that may appear in one is not looked for.
		if f == "--RAW-CONTROL-CHARS" || !strings.HasPrefix(f, "--") && strings.Contains(f, "R") {
			return nil
		}
	}
	return []string{"LESS=" + strings.TrimSpace(v+" -R")}
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

// pager is a running pager, fed through its standard input; it keeps a copy of what it was
// given in case the pager fails and the output must be printed directly.
type pager struct {
	cmdline string
	cmd     *exec.Cmd
	in      io.WriteCloser
	out     io.Writer    // the real standard output
	sent    bytes.Buffer // the first maxKept bytes of what the pager was given
	lost    bool         // more than that was given
	gone    bool         // the pager stopped reading: it quit early or never started reading
	// exited is closed when the pager has exited, with waitErr what Wait said; stopping is
	// set once stop closes its input, so that an exit before is known as the user's.
	exited   chan struct{}
	waitErr  error
	stopping atomic.Bool
}

// maxKept bounds the copy of what the pager is given, kept in case it fails: a live parse may
// page for hours. A pager fails at once, as a rule (a command that is not there); one that
// fails later than maxKept into the output loses the rest, and stop says so.
const maxKept = 4 << 20

// Write never fails: once the pager stops reading (the user quit it, EPIPE), the rest is only kept.
func (p *pager) Write(b []byte) (int, error) {
	keep := min(len(b), max(maxKept-p.sent.Len(), 0))
	p.sent.Write(b[:keep])
	p.lost = p.lost || keep < len(b)
	if !p.gone {
		if _, err := p.in.Write(b); err != nil {
			p.gone = true
		}
	}
	return len(b), nil
}

// startPager starts the pager, when there is one (see pagerCommand), to show what is written
// to it on the terminal out; errOut is standard error. It returns nil when there is none or
// it cannot be started. Colors and the terminal's width stay as they are: the pager shows
// them on the same terminal.
func (s *IOStreams) startPager(out, errOut io.Writer) *pager {
	cmdline := pagerCommand(s.stdoutTTY, s.noPager, s.lookupEnv)
	if cmdline == "" {
		return nil
	}
	c := pagerExec(cmdline)
	c.Env = append(os.Environ(), pagerEnv(s.lookupEnv)...)
	// The pager gets the terminal itself, not a writer standing in for it.
	c.Stdout = s.stdout.w
	c.Stderr = errOut
	in, err := c.StdinPipe()
	if err != nil {
		return nil
	}
	if err := c.Start(); err != nil {
		return nil
	}
	// Ctrl-C in less is for less (it stops a search or a follow): like git, do not let it end
	// imetal-err under the pager, which would leave the pager reading a closed pipe. It stays
	// ignored (signal.Reset does not undo Ignore), which is right: once the pager is closed,
	// the run only exits.
	signal.Ignore(os.Interrupt)
	p := &pager{cmdline: cmdline, cmd: c, in: in, out: out, exited: make(chan struct{})}
	go func() {
		p.waitErr = c.Wait()
		close(p.exited)
		// Quit (q) while the command still writes, as when parse reads a stream that
		// stays open: the command ends, as git log does when less quits. A pager that
		// failed is not quit: stop writes its output directly instead.
		if !p.stopping.Load() && !failed(p.waitErr) {
			s.quitPager()
		}
	}()
	return p
}

// failed reports whether the pager's Wait says it failed: it exited with a status other than
// 0, or did not start. Killed by a signal (an interrupt) is not a failure.
func failed(err error) bool {
	var exit *exec.ExitError
	return err != nil && (!errors.As(err, &exit) || exit.Exited())
}

// stop closes the pager's input and waits for the user to leave it. A pager that failed (a
// command that is not there, an exit status other than 0) did not show the output: it is
// written directly to out instead, after a warning on errOut.
func (p *pager) stop(errOut io.Writer) error {
	p.stopping.Store(true)
	_ = p.in.Close()
	<-p.exited
	err := p.waitErr
	if !failed(err) {
		// Done, or killed by a signal (an interrupt): nothing to make up for.
		return nil
	}
	fmt.Fprintf(errOut, "imetal-err: warning: pager %q failed (%v); writing directly\n", p.cmdline, err)
	if p.lost {
		fmt.Fprintf(errOut, "imetal-err: warning: only the first %d MiB of the output were kept; the rest is lost\n", maxKept>>20)
	}
	fmt.Fprintln(errOut, "imetal-err: hint: set IMETAL_ERR_PAGER or PAGER to a pager that works, or pass --no-pager")
	_, err = p.out.Write(p.sent.Bytes())
	return err
}

// holdFor is how long output shorter than the terminal is held back, in case more comes to
// make it taller, before it is written directly: output that comes slowly (parse reading a
// stream) is then shown as it comes, without a pager.
const holdFor = 500 * time.Millisecond

// tallWriter stands in for standard output on a terminal, so that every command pages alike,
// as git and gh do: it holds what is written until it is as tall as the terminal (it would
// scroll off the screen), then sends it and all that follows through the pager. Output that
// stays shorter is written directly: at the end, after holdFor, or before anything is written
// to standard error, so that the two keep their order.
type tallWriter struct {
	s           *IOStreams
	out, errOut io.Writer // the real streams

	mu     sync.Mutex
	held   bytes.Buffer
	lines  int
	direct bool
	pager  *pager
	timer  *time.Timer
}

// pageTall sends Out through a tallWriter until the returned function is called, when
// standard output is a terminal; ErrOut is wrapped so that standard error keeps its order.
// The function writes out or pages what is still held, and waits for the user to leave the
// pager.
func (s *IOStreams) pageTall() func() error {
	if !s.stdoutTTY {
		return func() error { return nil }
	}
	t := &tallWriter{s: s, out: s.Out, errOut: s.ErrOut}
	s.Out, s.ErrOut, s.tall = t, stderrFirst{t}, t
	s.pagerQuit = make(chan struct{})
	return func() error {
		s.Out, s.ErrOut, s.tall = t.out, t.errOut, nil
		return t.close()
	}
}

// pageNever writes out what is held and turns paging off for the rest of the run: for parse
// reading a terminal, where a pager would compete with the user's typing.
func (s *IOStreams) pageNever() {
	if s.tall != nil {
		s.tall.release(true)
	}
}

func (t *tallWriter) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.pager != nil:
		return t.pager.Write(b)
	case t.direct:
		return t.out.Write(b)
	}
	t.held.Write(b)
	t.lines += bytes.Count(b, []byte("\n"))
	if t.s.height > 0 && t.lines < t.s.height {
		if t.timer == nil {
			t.timer = time.AfterFunc(holdFor, func() { t.release(false) })
		}
		return len(b), nil
	}
	if t.pager = t.s.startPager(t.out, t.errOut); t.pager == nil {
		t.direct = true
		return len(b), t.flush()
	}
	_, _ = t.pager.Write(t.held.Bytes())
	t.held.Reset()
	return len(b), nil
}

// flush writes what is held directly.
func (t *tallWriter) flush() error {
	_, err := t.out.Write(t.held.Bytes())
	t.held.Reset()
	return err
}

// release writes out what is held, and writes directly from then on, unless output goes to
// the pager already or nothing is held (and always is false).
func (t *tallWriter) release(always bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pager == nil && !t.direct && (always || t.held.Len() > 0) {
		t.direct = true
		_ = t.flush() // a failed write is remembered by the stdout writer
	}
}

func (t *tallWriter) close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer != nil {
		t.timer.Stop()
	}
	if t.pager != nil {
		return t.pager.stop(t.errOut)
	}
	t.direct = true
	return t.flush()
}

// stderrFirst is standard error while a tallWriter holds standard output: what is held is
// written before anything written to standard error.
type stderrFirst struct{ t *tallWriter }

func (e stderrFirst) Write(b []byte) (int, error) {
	e.t.release(false)
	return e.t.errOut.Write(b)
}
