package scan

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestGrowPipe checks that a pipe is enlarged to pipeSize, where the system's
// limit allows it.
func TestGrowPipe(t *testing.T) {
	if b, err := os.ReadFile("/proc/sys/fs/pipe-max-size"); err == nil {
		if max, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && max < pipeSize {
			t.Skipf("pipe-max-size is %d", max)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	GrowPipe(r)
	n, err := unix.FcntlInt(r.Fd(), unix.F_GETPIPE_SZ, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n != pipeSize {
		t.Errorf("pipe size %d, want %d", n, pipeSize)
	}
	GrowPipe(strings.NewReader("not a pipe")) // no harm
}

// TestRingMemoryMirrored checks that a ring of whole pages is mapped twice
// back to back: a write at its start shows past its end.
func TestRingMemoryMirrored(t *testing.T) {
	size, win := 4*os.Getpagesize(), os.Getpagesize()+10
	b, mirrored, free := ringMemory(size, win)
	defer free()
	if !mirrored {
		t.Skip("memory not mirrored here")
	}
	if len(b) != size+win {
		t.Fatalf("%d bytes, want %d", len(b), size+win)
	}
	b[3], b[win-1] = 'x', 'y'
	if b[size+3] != 'x' || b[size+win-1] != 'y' {
		t.Errorf("past the end: %q, %q; want 'x', 'y'", b[size+3], b[size+win-1])
	}
	b[size+5] = 'z'
	if b[5] != 'z' {
		t.Errorf("at the start: %q, want 'z'", b[5])
	}
	if _, mirrored, free := ringMemory(size+1, win); mirrored {
		free()
		t.Error("a ring of part of a page is mirrored")
	}
}
