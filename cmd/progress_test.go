package cmd

import (
	"bytes"
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
	read.Store(100 << 20)
	p := startProgress(ios, "big.log", 200<<20, read.Load, &found)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(errOut.String(), "MiB") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	p.Stop()
	out := errOut.String()
	if !strings.Contains(out, "big.log: 7 errors") || !strings.Contains(out, "MiB") {
		t.Fatalf("progress line = %q, want the name, the errors found and the bytes read", out)
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("progress line not erased at the end: %q", out[max(0, len(out)-40):])
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
