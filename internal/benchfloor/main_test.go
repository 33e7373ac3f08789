package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(nil, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	// A box table: top, header, rule, one row, bottom.
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "┌") || !strings.Contains(lines[1], "STATUS") || !strings.Contains(lines[3], "iMetal.0232") {
		t.Errorf("output =\n%s\nwant a one-row table of iMetal.0232", out.String())
	}
	if err := run([]string{"extra"}, &out); err == nil {
		t.Error("an argument: no error")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestWriteError(t *testing.T) {
	if err := run(nil, failingWriter{}); err == nil {
		t.Error("a failing stdout: no error")
	}
}
