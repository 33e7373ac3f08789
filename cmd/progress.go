package cmd

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/mattn/go-runewidth"
)

// A progress line appears on stderr when parse reads a file of at least progressMinSize, or
// any input for longer than progressDelay; it is redrawn every progressEvery and erased when
// the input ends.
//
// The line is drawn here rather than by a progress-bar library: the one used before imported
// net/http, which cost every start of every command 57 package inits and 1.8 MB, for a line
// that only a long parse on a terminal draws.
const (
	progressMinSize = 64 << 20
	progressDelay   = 2 * time.Second
	progressEvery   = 250 * time.Millisecond
	progressBarCols = 24
)

// progress reports how far parse has read one input. A nil *progress shows nothing.
type progress struct {
	stop    chan struct{}
	wg      sync.WaitGroup
	release func() // stops the clock, if any
}

// showProgress decides whether parse may draw a progress line: only on a terminal, and only
// when nothing else is drawn on that terminal while the input is read (findings stream to
// stdout in the default mode, so then only when stdout is not a terminal).
func showProgress(ios *IOStreams, deferredOutput bool) bool {
	return ios.IsStderrTTY() && (deferredOutput || !ios.IsStdoutTTY())
}

// startProgress watches an input of size bytes (-1 when unknown) through read, the bytes
// read so far, and found, the errors found so far, and draws the line once the input is
// large or slow. Stop it before writing anything else to stderr.
func startProgress(ios *IOStreams, name string, size int64, read func() int64, found *atomic.Int64) *progress {
	tick := time.NewTicker(progressEvery)
	p := startProgressTicks(ios.ErrOut, ios.TerminalWidth(), name, size, read, found, time.Now(), tick.C)
	p.release = tick.Stop
	return p
}

// startProgressTicks is startProgress on a clock of its own: the line is considered, and
// redrawn, at each time received from ticks, the input having started at start. width is
// the terminal's (0 when unknown).
func startProgressTicks(w io.Writer, width int, name string, size int64, read func() int64, found *atomic.Int64, start time.Time, ticks <-chan time.Time) *progress {
	p := &progress{stop: make(chan struct{})}
	l := &progressLine{w: w, width: width, name: sanitize.Text(name), size: size, start: start}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-p.stop:
				l.erase()
				return
			case now := <-ticks:
				if l.drawn > 0 || size >= progressMinSize || now.Sub(start) >= progressDelay {
					l.draw(now, read(), found.Load())
				}
			}
		}
	}()
	return p
}

// Stop erases the line and waits until nothing more is drawn.
func (p *progress) Stop() {
	if p == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
	if p.release != nil {
		p.release()
	}
}

// progressLine is the line on the terminal. Only the progress goroutine uses it.
type progressLine struct {
	w     io.Writer
	width int
	name  string
	size  int64
	start time.Time
	// drawn is the width of the line on the terminal, to be covered by the next one.
	drawn int
	spin  int
	// failed is set by a failed write: the line is a courtesy, and is given up then (what
	// parse writes to stderr next meets the same failure and reports it).
	failed bool
}

var spinner = []rune("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

// text is the line for read bytes and found errors at now:
//
//	big.log: 7 errors  25% |██████                  | (50/200 MiB, 200 MiB/s)
//	⠋ stdin: 7 errors (50 MiB, 200 MiB/s)
//
// The rate counts from the start of the input, not from when the line appeared.
func (l *progressLine) text(now time.Time, read, found int64) string {
	var b strings.Builder
	rate := "-"
	if el := now.Sub(l.start).Seconds(); el > 0 {
		rate = iecBytes(int64(float64(read)/el), 0) + "/s"
	}
	if l.size < 0 {
		fmt.Fprintf(&b, "%c %s: %s (%s, %s)", spinner[l.spin%len(spinner)], l.name, errorsWord(found), iecBytes(read, 0), rate)
		l.spin++
		return b.String()
	}
	frac := 1.0
	if l.size > 0 {
		frac = min(1, float64(read)/float64(l.size))
	}
	full := int(frac * progressBarCols)
	fmt.Fprintf(&b, "%s: %s %3d%% |%s%s| (%s/%s, %s)", l.name, errorsWord(found), int(frac*100),
		strings.Repeat("█", full), strings.Repeat(" ", progressBarCols-full),
		strings.TrimSuffix(iecBytes(read, l.size), " "+iecUnit(l.size)), iecBytes(l.size, l.size), rate)
	return b.String()
}

// draw writes the line over the one drawn before, cut to the terminal's width: a line that
// wrapped could not be drawn over.
func (l *progressLine) draw(now time.Time, read, found int64) {
	s := l.text(now, read, found)
	if l.width > 1 {
		s = runewidth.Truncate(s, l.width-1, "")
	}
	n := runewidth.StringWidth(s)
	l.write("\r" + s + strings.Repeat(" ", max(0, l.drawn-n)))
	l.drawn = n
}

// erase clears the line, if one was drawn, and leaves the cursor where it began.
func (l *progressLine) erase() {
	if l.drawn > 0 {
		l.write("\r" + strings.Repeat(" ", l.drawn) + "\r")
		l.drawn = 0
	}
}

func (l *progressLine) write(s string) {
	if l.failed {
		return
	}
	if _, err := io.WriteString(l.w, s); err != nil {
		l.failed = true
	}
}

var iecUnits = []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}

// iecUnit is the unit iecBytes shows n in: the largest in which n is at least 1.
func iecUnit(n int64) string {
	i := 0
	for v := float64(n); v >= 1024 && i < len(iecUnits)-1; v /= 1024 {
		i++
	}
	return iecUnits[i]
}

// iecBytes shows n bytes in the unit of scale (n itself when scale is 0): "50 MiB", and one
// decimal below 10 ("1.5 GiB").
func iecBytes(n, scale int64) string {
	if scale == 0 {
		scale = n
	}
	u := iecUnit(scale)
	v := float64(n)
	for _, x := range iecUnits {
		if x == u {
			break
		}
		v /= 1024
	}
	if v < 10 && u != "B" && v != float64(int64(v)) {
		return fmt.Sprintf("%.1f %s", v, u)
	}
	return fmt.Sprintf("%d %s", int64(v), u)
}

// errorsWord is n errors, or 1 error.
func errorsWord(n int64) string {
	if n == 1 {
		return "1 error"
	}
	return fmt.Sprintf("%d errors", n)
}
