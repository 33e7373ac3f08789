package cmd

import (
	"fmt"
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
func startProgress(ios *IOStreams, name string, size int64, read func() int64, found *atomic.Int64) *progress {
	p := &progress{stop: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		start := time.Now()
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		var bar *progressbar.ProgressBar
		for {
			select {
			case <-p.stop:
				if bar != nil {
					_ = bar.Clear()
				}
				return
			case <-tick.C:
			}
			if bar == nil {
				if size < progressMinSize && time.Since(start) < progressDelay {
					continue
				}
				bar = progressbar.NewOptions64(size,
					progressbar.OptionSetWriter(ios.ErrOut),
					progressbar.OptionShowBytes(true),
					progressbar.OptionUseIECUnits(true),
					progressbar.OptionSetWidth(24),
					progressbar.OptionThrottle(progressEvery),
					progressbar.OptionClearOnFinish(),
					progressbar.OptionSetPredictTime(false),
					progressbar.OptionSpinnerType(14),
				)
			}
			// Set64 first: Describe redraws at once, with the new count of bytes.
			_ = bar.Set64(read())
			bar.Describe(fmt.Sprintf("%s: %d errors", sanitize.Text(name), found.Load()))
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
}
