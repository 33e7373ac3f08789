//go:build linux || darwin || freebsd

package scan

import (
	"os"
	"syscall"
)

const canMap = true

func mmap(fd int, off int64, n int) ([]byte, error) {
	return syscall.Mmap(fd, off, n, syscall.PROT_READ, syscall.MAP_SHARED)
}

func munmap(b []byte) { syscall.Munmap(b) }

func dupFd(f *os.File) (int, error) {
	c, err := f.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd := -1
	err = c.Control(func(s uintptr) { fd, err = syscall.Dup(int(s)) })
	if err == nil {
		syscall.CloseOnExec(fd)
	}
	return fd, err
}

func closeFd(fd int) { syscall.Close(fd) }
