//go:build !(linux || darwin || freebsd)

package scan

import (
	"errors"
	"io"
	"os"
)

const canMap = false

func windowMem(n int) ([]byte, error) { return nil, errors.ErrUnsupported }

func freeWindow(b []byte) {}

func pread(fd int, b []byte, off int64) (int, error) { return 0, errors.ErrUnsupported }

func dupFd(f *os.File) (int, error) { return -1, errors.ErrUnsupported }

func closeFd(fd int) {}

func readFd(fd int, off, end int64) io.Reader { return nil }
