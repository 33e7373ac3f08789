package scan

import (
	"io"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ringMemory returns size+win bytes for a stream's ring, mapped apart from
// the Go heap: the heap grows to twice what it holds before it is
// collected, so a ring in it would cost twice its size. Where it can, it
// maps the same memory of size bytes twice, back to back, up to win bytes
// the second time, so that the ring's end is followed by its start with
// nothing copied (mirrored); size must be a multiple of the page size for
// that. free unmaps them.
func ringMemory(size, win int) (b []byte, mirrored bool, free func()) {
	if b, free, err := mirroredMemory(size, win); err == nil {
		return b, true, free
	}
	b, err := unix.Mmap(-1, 0, size+win, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		return make([]byte, size+win), false, func() {}
	}
	return b, false, func() { unix.Munmap(b) }
}

func mirroredMemory(size, win int) (b []byte, free func(), err error) {
	page := os.Getpagesize()
	second := (win + page - 1) / page * page
	if size%page != 0 || second > size {
		return nil, nil, unix.EINVAL
	}
	fd, err := unix.MemfdCreate("imetal-err-ring", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, nil, err
	}
	defer unix.Close(fd) // the mappings keep the memory
	if err := unix.Ftruncate(fd, int64(size)); err != nil {
		return nil, nil, err
	}
	// Reserve the addresses of both, then map the memory over them.
	n := uintptr(size + second)
	base, err := unix.MmapPtr(-1, 0, nil, n, unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, nil, err
	}
	free = func() { unix.MunmapPtr(base, n) }
	rw, fixed := unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_FIXED
	if _, err := unix.MmapPtr(fd, 0, base, uintptr(size), rw, fixed); err != nil {
		free()
		return nil, nil, err
	}
	if _, err := unix.MmapPtr(fd, 0, unsafe.Add(base, size), uintptr(second), rw, fixed); err != nil {
		free()
		return nil, nil, err
	}
	return unsafe.Slice((*byte)(base), size+win), free, nil
}

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
