package cmd

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

func TestProgressDrawsAndErases(t *testing.T) {
	var errOut syncBuffer
	ios := &IOStreams{ErrOut: &errOut, stderrTTY: true}
	var found atomic.Int64
	found.Store(7)
	var read atomic.Int64
	p := startProgress(ios, "big.log", 200<<20, read.Load, &found)
	// 10 MiB every 50 ms: 200 MiB/s, give or take what the scheduler adds.
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(errOut.String(), "MiB/s") && time.Now().Before(deadline) {
		read.Add(10 << 20)
		time.Sleep(50 * time.Millisecond)
	}
	p.Stop()
	out := errOut.String()
	if !strings.Contains(out, "big.log: 7 errors") || !regexp.MustCompile(`\(\d+/200 MiB, `).MatchString(out) {
		t.Fatalf("progress line = %q, want the name, the errors found and the bytes read of the total", out)
	}
	// The rate counts from the start of the input, not from when the line appears.
	m := regexp.MustCompile(`(\d+(?:\.\d+)?) (KiB|MiB|GiB|TiB)/s`).FindAllStringSubmatch(out, -1)
	if len(m) == 0 {
		t.Fatalf("progress line = %q, want a rate", out)
	}
	for _, r := range m {
		if v, _ := strconv.ParseFloat(r[1], 64); r[2] != "MiB" || v < 20 || v > 400 {
			t.Errorf("rate %s %s/s, want about 200 MiB/s", r[1], r[2])
		}
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("progress line not erased at the end: %q", out[max(0, len(out)-40):])
	}

	// An input of unknown size (a stream) gets a spinner; after Stop, nothing more is drawn.
	var stream syncBuffer
	ios.ErrOut = &stream
	p = startProgress(ios, "stdin", -1, read.Load, &found)
	for !strings.Contains(stream.String(), "stdin: 7 errors") && time.Now().Before(deadline.Add(5*time.Second)) {
		time.Sleep(50 * time.Millisecond)
	}
	p.Stop()
	stopped := stream.String()
	if !strings.Contains(stopped, "stdin: 7 errors") || !strings.HasSuffix(stopped, "\r") {
		t.Fatalf("stream progress = %q, want a line, erased at the end", stopped)
	}
	time.Sleep(3 * progressEvery)
	if got := stream.String(); got != stopped {
		t.Errorf("drawn after Stop: %q", got[len(stopped):])
	}

	// A small, quick input draws nothing.
	var quiet syncBuffer
	ios.ErrOut = &quiet
	p = startProgress(ios, "small.log", 1024, read.Load, &found)
	time.Sleep(2 * progressEvery)
	p.Stop()
	if quiet.String() != "" {
		t.Errorf("small input drew %q", quiet.String())
	}
}
