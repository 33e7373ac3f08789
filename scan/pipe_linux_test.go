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
