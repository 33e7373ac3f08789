package cmd

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/schollz/progressbar/v3"
)

// A progress line appears on stderr when parse reads a file of at least progressMinSize, or
// any input for longer than progressDelay; it is redrawn at most every progressEvery and
// erased when the input ends.
const (
	progressMinSize = 64 << 20
	progressDelay   = 2 * time.Second
	progressEvery   = 250 * time.Millisecond
)

// progress reports how far parse has read one input. The zero value shows nothing.
type progress struct {
	stop chan struct{}
	wg   sync.WaitGroup
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
//
// The bar starts with the input, so that its rate counts from there, but draws into a gate
// that stays shut until the line is due.
func startProgress(ios *IOStreams, name string, size int64, read func() int64, found *atomic.Int64) *progress {
	p := &progress{stop: make(chan struct{})}
	gate := &gateWriter{w: ios.ErrOut}
	describe := func() string { return fmt.Sprintf("%s: %d errors", sanitize.Text(name), found.Load()) }
	bar := progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(gate),
		progressbar.OptionSetDescription(describe()),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionUseIECUnits(true),
		progressbar.OptionSetWidth(24),
		progressbar.OptionThrottle(progressEvery),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSpinnerType(14),
		// No drawing goroutine of the library's own (it starts one for an input of unknown
		// size): the ticker below draws, so that nothing draws after Stop.
		progressbar.OptionSetSpinnerChangeInterval(0),
	)
	bar.StartWithoutRender()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		start := time.Now()
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				if gate.open {
					_ = bar.Clear()
				}
				return
			case <-tick.C:
			}
			if !gate.open && (size >= progressMinSize || time.Since(start) >= progressDelay) {
				gate.open = true
			}
			// Set64 first: Describe redraws at once, with the new count of bytes.
			_ = bar.Set64(read())
			bar.Describe(describe())
		}
	}()
	return p
}

// gateWriter passes writes to w once open, and drops them before. Only the progress
// goroutine uses it.
type gateWriter struct {
	w    io.Writer
	open bool
}

func (g *gateWriter) Write(p []byte) (int, error) {
	if !g.open {
		return len(p), nil
	}
	return g.w.Write(p)
}

// Stop erases the line and waits until nothing more is drawn.
func (p *progress) Stop() {
	if p == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
}
