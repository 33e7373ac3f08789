package scan

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// pipeSize is the kernel buffer asked for a pipe a Live scan reads: the
// largest an unprivileged process may set by default. The writer then runs up
// to that far ahead while the scan searches what it read, and each read
// brings up to that much at once (the default, 64 KiB, costs a read and a
// wake-up of the writer every 64 KiB).
const pipeSize = 1 << 20

// GrowPipe enlarges the kernel buffer of the pipe r is, if it is one, so
// that a scan of it reads it in large blocks; NewLive does it for an *os.File. A pipe that
// cannot be enlarged (a user over their limit of pipe memory) stays as it is.
func GrowPipe(r io.Reader) {
	f, ok := r.(*os.File)
	if !ok {
		return
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		return
	}
	c, err := f.SyscallConn()
	if err != nil {
		return
	}
	c.Control(func(fd uintptr) {
		if n, err := unix.FcntlInt(fd, unix.F_GETPIPE_SZ, 0); err == nil && n < pipeSize {
			unix.FcntlInt(fd, unix.F_SETPIPE_SZ, pipeSize)
		}
	})
}
