package cmd

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/imetal-tools/imetal-err/sanitize"
)

func TestShowProgress(t *testing.T) {
	tests := []struct {
		stdout, stderr, deferred, want bool
	}{
		{stdout: false, stderr: true, deferred: false, want: true},  // findings piped away, stderr on screen
		{stdout: true, stderr: true, deferred: true, want: true},    // --summary: nothing drawn until the end
		{stdout: true, stderr: true, deferred: false, want: false},  // findings stream to the same screen
		{stdout: false, stderr: false, deferred: true, want: false}, // stderr is a file or pipe
	}
	for _, tt := range tests {
		ios := &IOStreams{stdoutTTY: tt.stdout, stderrTTY: tt.stderr}
		if got := showProgress(ios, tt.deferred); got != tt.want {
			t.Errorf("stdout tty %v, stderr tty %v, deferred %v: %v, want %v", tt.stdout, tt.stderr, tt.deferred, got, tt.want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the progress goroutine and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// progressClock drives a progress line by hand: each tick is the time start+at.
type progressClock struct {
	start time.Time
	ticks chan time.Time
}

func newProgressClock() *progressClock {
	return &progressClock{start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ticks: make(chan time.Time)}
}

// tick delivers a tick at start+at. The progress goroutine has drawn it before it takes the
// next tick or sees Stop.
func (c *progressClock) tick(at time.Duration) { c.ticks <- c.start.Add(at) }

func TestProgressDrawsAndErases(t *testing.T) {
	var errOut syncBuffer
	var found, read atomic.Int64
	found.Store(7)
	clock := newProgressClock()
	p := startProgressTicks(&errOut, 0, "big.log", 200<<20, read.Load, &found, clock.start, clock.ticks)
	read.Store(50 << 20)
	clock.tick(250 * time.Millisecond)
	found.Store(9)
	read.Store(100 << 20)
	clock.tick(time.Second)
	p.Stop()
	// A large file is drawn at once; the rate counts from the start of the input.
	first := "big.log: 7 errors  25% |██████                  | (50/200 MiB, 200 MiB/s)"
	second := "big.log: 9 errors  50% |████████████            | (100/200 MiB, 100 MiB/s)"
	want := "\r" + first + "\r" + second + "\r" + strings.Repeat(" ", len([]rune(second))) + "\r"
	if got := errOut.String(); got != want {
		t.Errorf("progress =\n%q\nwant\n%q", got, want)
	}
	// After Stop, nothing takes a tick, so nothing more can be drawn.
	select {
	case clock.ticks <- clock.start.Add(2 * time.Second):
		t.Error("a tick was taken after Stop")
	default:
	}
}

func TestProgressSlowStream(t *testing.T) {
	var errOut syncBuffer
	var found, read atomic.Int64
	clock := newProgressClock()
	p := startProgressTicks(&errOut, 0, "stdin", -1, read.Load, &found, clock.start, clock.ticks)
	read.Store(1 << 20)
	for at := progressEvery; at < progressDelay; at += progressEvery {
		clock.tick(at)
	}
	if got := errOut.String(); got != "" {
		t.Fatalf("drawn before %v: %q", progressDelay, got)
	}
	// Once the input has lasted progressDelay, a spinner, the bytes read and the rate from
	// the start: 3 MiB in 2 s.
	read.Store(3 << 20)
	found.Store(2)
	clock.tick(progressDelay)
	clock.tick(progressDelay + progressEvery) // the spinner turns; a line as long covers it
	p.Stop()
	a, b := "⠋ stdin: 2 errors (3 MiB, 1.5 MiB/s)", "⠙ stdin: 2 errors (3 MiB, 1.3 MiB/s)"
	want := "\r" + a + "\r" + b + "\r" + strings.Repeat(" ", len([]rune(b))) + "\r"
	if got := errOut.String(); got != want {
		t.Errorf("progress =\n%q\nwant\n%q", got, want)
	}
}

func TestProgressQuickInputDrawsNothing(t *testing.T) {
	var errOut syncBuffer
	var found, read atomic.Int64
	clock := newProgressClock()
	p := startProgressTicks(&errOut, 0, "small.log", 1024, read.Load, &found, clock.start, clock.ticks)
	read.Store(1024)
	clock.tick(progressEvery)
	p.Stop()
	if got := errOut.String(); got != "" {
		t.Errorf("small, quick input drew %q", got)
	}
}

func TestProgressLine(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		size, read int64
		at         time.Duration
		width      int
		found      int64
		want       string
	}{
		{"a.log", 3 << 30, 1536 << 20, 2 * time.Second, 0, 0, "a.log: 0 errors  50% |████████████            | (1.5/3 GiB, 768 MiB/s)"},
		{"a.log", 100 << 20, 200 << 20, time.Second, 0, 0, "a.log: 0 errors 100% |████████████████████████| (200/100 MiB, 200 MiB/s)"},
		{"a.log", 0, 0, 0, 0, 0, "a.log: 0 errors 100% |████████████████████████| (0/0 B, -)"},
		{"a.log", 200 << 20, 50 << 20, time.Second, 20, 0, "a.log: 0 errors  25"},
		{"日本.log", -1, 512, time.Second, 0, 0, "⠋ 日本.log: 0 errors (512 B, 512 B/s)"},
		{"bad\x1b[2J.log", -1, 0, time.Second, 0, 0, "⠋ bad\\x1b[2J.log: 0 errors (0 B, 0 B/s)"},
		{"a.log", 200 << 20, 50 << 20, time.Second, 0, 1, "a.log: 1 error  25% |██████                  | (50/200 MiB, 50 MiB/s)"},
		{"a.log", -1, 512, time.Second, 0, 2, "⠋ a.log: 2 errors (512 B, 512 B/s)"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		l := &progressLine{w: &b, width: tt.width, name: sanitize.Text(tt.name), size: tt.size, start: start}
		l.draw(start.Add(tt.at), tt.read, tt.found)
		if got := strings.TrimPrefix(b.String(), "\r"); got != tt.want {
			t.Errorf("%s, size %d, read %d, width %d:\n got %q\nwant %q", tt.name, tt.size, tt.read, tt.width, got, tt.want)
		}
	}
}

// failingWriter fails every write, and counts them.
type failingWriter struct{ n int }

func (f *failingWriter) Write([]byte) (int, error) {
	f.n++
	return 0, errors.New("no space left on device")
}

func TestProgressWriteFails(t *testing.T) {
	w := &failingWriter{}
	var found, read atomic.Int64
	clock := newProgressClock()
	p := startProgressTicks(w, 0, "big.log", 200<<20, read.Load, &found, clock.start, clock.ticks)
	for i := 1; i <= 3; i++ {
		clock.tick(time.Duration(i) * progressEvery)
	}
	p.Stop()
	if w.n != 1 {
		t.Errorf("%d writes to a failing stderr, want 1: the line gives up at the first failure", w.n)
	}
}

func TestProgressRealClock(t *testing.T) {
	// startProgress ties the line to the wall clock; Stop ends it whether it drew or not.
	var errOut syncBuffer
	ios := &IOStreams{ErrOut: &errOut, stderrTTY: true}
	var found, read atomic.Int64
	p := startProgress(ios, "big.log", 200<<20, read.Load, &found)
	p.Stop()
	if got := errOut.String(); got != "" && !strings.HasSuffix(got, "\r") {
		t.Errorf("progress not erased at Stop: %q", got)
	}
	var none *progress
	none.Stop()
}
