//go:build !(linux || darwin || freebsd)

package scan

import (
	"errors"
	"io"
	"os"
)

const canMap = false

func mmap(fd int, off int64, n int) ([]byte, error) { return nil, errors.ErrUnsupported }

func munmap(b []byte) {}

func dupFd(f *os.File) (int, error) { return -1, errors.ErrUnsupported }

func closeFd(fd int) {}

func readFd(fd int, off, end int64) io.Reader { return nil }
