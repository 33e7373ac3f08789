//go:build linux || darwin || freebsd

package scan

import (
	"io"
	"os"
	"syscall"
)

const canMap = true

// windowMem returns n bytes of memory apart from the Go heap.
func windowMem(n int) ([]byte, error) {
	return syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
}

// freeWindow frees memory of windowMem.
func freeWindow(b []byte) { syscall.Munmap(b[:cap(b)]) }

// pread reads into b from offset off of the file fd.
func pread(fd int, b []byte, off int64) (int, error) {
	for {
		n, err := syscall.Pread(fd, b, off)
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// dupFd returns a descriptor of f's file of its own, closed on exec.
func dupFd(f *os.File) (int, error) {
	c, err := f.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd, derr := -1, error(nil)
	err = c.Control(func(s uintptr) {
		// As os does, so that no child started meanwhile inherits fd.
		syscall.ForkLock.RLock()
		defer syscall.ForkLock.RUnlock()
		if fd, derr = syscall.Dup(int(s)); derr == nil {
			syscall.CloseOnExec(fd)
		}
	})
	if err == nil {
		err = derr
	}
	if err != nil {
		return -1, err
	}
	return fd, nil
}

func closeFd(fd int) { syscall.Close(fd) }

// readFd returns a reader of the file fd from offset off to end, reading
// with pread so that the descriptor's offset is left alone.
func readFd(fd int, off, end int64) io.Reader { return &fdReader{fd, off, end} }

type fdReader struct {
	fd       int
	off, end int64
}

func (r *fdReader) Read(p []byte) (int, error) {
	if r.off >= r.end {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), r.end-r.off)]
	n, err := syscall.Pread(r.fd, p, r.off)
	switch {
	case err != nil:
		return 0, err
	case n == 0:
		return 0, errFileChanged
	}
	r.off += int64(n)
	return n, nil
}
