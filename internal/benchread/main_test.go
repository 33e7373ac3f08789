package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCountLines(t *testing.T) {
	// Sizes around the block, so that lines cross blocks and the last block is short.
	for _, size := range []int{0, 1, block - 1, block, block + 1, 3*block + 17} {
		b := bytes.Repeat([]byte("0123456789abcde\n"), size/16+1)[:size]
		want := int64(bytes.Count(b, []byte{'\n'}))
		for _, workers := range []int{1, 2, 5} {
			got, err := countLines(bytes.NewReader(b), workers)
			if err != nil || got != want {
				t.Errorf("size %d, %d workers: %d, %v; want %d", size, workers, got, err, want)
			}
		}
	}
}

type failingReader struct{}

func (failingReader) ReadAt([]byte, int64) (int, error) { return 0, errors.New("input/output error") }

func TestReadError(t *testing.T) {
	if _, err := countLines(failingReader{}, 2); err == nil {
		t.Error("a failing read: no error")
	}
}

func TestRun(t *testing.T) {
	name := filepath.Join(t.TempDir(), "log")
	if err := os.WriteFile(name, []byte("a\nb\nc"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{name}, &out); err != nil || out.String() != "2\n" {
		t.Errorf("run = %q, %v; want \"2\\n\"", out.String(), err)
	}
	if err := run(nil, &out); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("no argument: %v; want a usage error", err)
	}
	if err := run([]string{filepath.Join(t.TempDir(), "none")}, &out); err == nil {
		t.Error("a missing file: no error")
	}
}
