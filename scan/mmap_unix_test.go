//go:build linux || darwin || freebsd

package scan

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"syscall"
	"testing"
)

// TestFileNoDescriptorLeft: when every descriptor is taken, so that the one
// a mapping needs cannot be had, the file is read instead of failing.
func TestFileNoDescriptorLeft(t *testing.T) {
	data := genLog(6<<20, 3)
	name := writeFile(t, data)
	want := collect(t, bytes.NewReader(data))

	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old); err != nil {
		t.Skip(err)
	}
	lim := old
	lim.Cur = 64
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Skip(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old)
	// Take every descriptor left, then free one for the file.
	var fill []*os.File
	defer func() {
		for _, f := range fill {
			f.Close()
		}
	}()
	for {
		f, err := os.Open(os.DevNull)
		if err != nil {
			if !errors.Is(err, syscall.EMFILE) {
				t.Fatal(err)
			}
			break
		}
		fill = append(fill, f)
	}
	if len(fill) == 0 {
		t.Skip("no descriptor to free")
	}
	fill[len(fill)-1].Close()
	fill = fill[:len(fill)-1]
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := dupFd(f); !errors.Is(err, syscall.EMFILE) {
		t.Fatalf("dup: %v, want EMFILE", err)
	}
	s := New(f)
	var got []Finding
	for s.Scan() {
		got = append(got, s.Finding())
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%d findings, want %d", len(got), len(want))
	}
}
