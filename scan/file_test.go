package scan

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func writeFile(t *testing.T, data []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "log")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestFileSameFindings checks that a regular file, mapped and scanned by one
// goroutine or several, gives what reading it gives.
func TestFileSameFindings(t *testing.T) {
	if !canMap {
		t.Skip("files are read, not mapped, here")
	}
	withNUL := genLog(6<<20, 5)
	withNUL[3<<20] = 0
	for _, tc := range []struct {
		name string
		data []byte
		skip int64
	}{
		{"mapped", genLog(6<<20, 7), 0},
		{"mapped, binary", withNUL, 0},
		{"parallel", genLog(parMin+5<<20, 3), 0},
		{"parallel, from an offset", genLog(parMin+5<<20, 1), 12345},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Open(writeFile(t, tc.data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.Seek(tc.skip, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			rest := tc.data[tc.skip:]
			s := New(f)
			if s.m == nil {
				t.Fatal("file not mapped")
			}
			var got []Finding
			for s.Scan() {
				got = append(got, s.Finding())
			}
			if err := s.Err(); err != nil {
				t.Fatal(err)
			}
			r := New(bytes.NewReader(rest))
			var want []Finding
			for r.Scan() {
				want = append(want, r.Finding())
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%d findings from the file, %d from a reader", len(got), len(want))
			}
			if s.BytesRead() != int64(len(rest)) || s.SawBinary() != r.SawBinary() {
				t.Errorf("BytesRead %d, SawBinary %v; reader: %d, %v", s.BytesRead(), s.SawBinary(), r.BytesRead(), r.SawBinary())
			}
			if off, _ := f.Seek(0, io.SeekCurrent); off != int64(len(tc.data)) {
				t.Errorf("file left at %d, want its end", off)
			}
		})
	}
}

// rssSampler records the peak resident set (anonymous and file-backed) of
// the process while it runs.
type rssSampler struct {
	peak atomic.Int64
	stop chan struct{}
	done chan struct{}
}

func sampleRSS() *rssSampler {
	r := &rssSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for {
			r.peak.Store(max(r.peak.Load(), rss()))
			select {
			case <-r.stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return r
}

func (r *rssSampler) Stop() int64 {
	close(r.stop)
	<-r.done
	return r.peak.Load()
}

// rss returns VmRSS in bytes, or 0 where /proc is missing.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n << 10
		}
	}
	return 0
}

// TestFileHugeLine: an error after a 300 MiB line of a regular file is found,
// and neither the heap nor the resident set grows with the file.
func TestFileHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 300 MiB file")
	}
	const n = 300 << 20
	body := `{"error_code":"iMetal.0230","error_msg":"end"}`
	name := filepath.Join(t.TempDir(), "huge")
	w, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(w, io.LimitReader(newLazy('"', n, ""), n)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.WriteString("\n" + body + "\n"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, baseRSS := m.HeapAlloc, rss()
	sampler := sampleRSS()
	s := New(f)
	var got []Finding
	for s.Scan() {
		got = append(got, s.Finding())
	}
	peakRSS := sampler.Stop()
	runtime.ReadMemStats(&m)
	if len(got) != 1 || got[0].Code != "iMetal.0230" || got[0].Offset != n+1 {
		t.Fatalf("got %s", dump(got))
	}
	heap := m.HeapAlloc - min(base, m.HeapAlloc)
	grown := peakRSS - min(baseRSS, peakRSS)
	t.Logf("heap over baseline %.2f MiB, peak RSS %.2f MiB over a baseline of %.2f MiB", float64(heap)/(1<<20), float64(grown)/(1<<20), float64(baseRSS)/(1<<20))
	if heap > 8<<20 {
		t.Errorf("heap grew by %d bytes", heap)
	}
	if grown > 16<<20 {
		t.Errorf("resident set grew by %d bytes", grown)
	}
}

// TestFileShrinks: a file truncated while it is scanned ends the scan with
// an error, not a crash.
func TestFileShrinks(t *testing.T) {
	if !canMap {
		t.Skip("files are read, not mapped, here")
	}
	for _, size := range []int{8 << 20, parMin + 4<<20} {
		name := writeFile(t, genLog(size, 50))
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		s := New(f)
		if !s.Scan() {
			t.Fatal("no finding")
		}
		if err := os.Truncate(name, 0); err != nil {
			t.Fatal(err)
		}
		for s.Scan() {
		}
		t.Logf("%d bytes: err %v", size, s.Err())
		if err := s.Err(); err != nil && !errors.Is(err, errFileChanged) {
			t.Errorf("err = %v", err)
		}
		if size < parMin && s.Err() == nil {
			t.Error("no error")
		}
		f.Close()
	}
}

// TestFileNotMapped: a file whose descriptor cannot be duplicated, or that
// cannot be read with pread, is read as a stream instead, with the same findings.
func TestFileNotMapped(t *testing.T) {
	if !canMap {
		t.Skip("files are read, not mapped, here")
	}
	fail := errors.New("injected")
	defer func(d func(*os.File) (int, error), r func(int, []byte, int64) (int, error)) {
		sysDup, sysPread = d, r
	}(sysDup, sysPread)
	dup, rd := sysDup, sysPread
	for _, size := range []int{6 << 20, parMin + 1<<20} {
		data := genLog(size, 3)
		name := writeFile(t, data)
		want := collect(t, bytes.NewReader(data))
		for _, tc := range []struct {
			name string
			dup  func(*os.File) (int, error)
			read func(int, []byte, int64) (int, error)
		}{
			{"dup fails", func(*os.File) (int, error) { return -1, fail }, rd},
			{"pread fails", dup, func(int, []byte, int64) (int, error) { return 0, fail }},
		} {
			sysDup, sysPread = tc.dup, tc.read
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			s := New(f)
			if s.m != nil || s.par != nil {
				t.Errorf("%s, %d bytes: mapped", tc.name, size)
			}
			var got []Finding
			for s.Scan() {
				got = append(got, s.Finding())
			}
			if err := s.Err(); err != nil {
				t.Errorf("%s, %d bytes: %v", tc.name, size, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %d bytes: %d findings, want %d", tc.name, size, len(got), len(want))
			}
			f.Close()
		}
	}
}

// TestFileMapFailsMidway: when a window cannot be read after others
// were, the rest of the file is read instead, with the same findings.
func TestFileMapFailsMidway(t *testing.T) {
	if !canMap {
		t.Skip("files are read, not mapped, here")
	}
	defer func(r func(int, []byte, int64) (int, error)) { sysPread = r }(sysPread)
	rd := sysPread
	for _, size := range []int{9 << 20, parMin + 3<<20} {
		data := genLog(size, 3)
		name := writeFile(t, data)
		want := collect(t, bytes.NewReader(data))
		// The first call maps New's trial window.
		for _, ok := range []int64{1, 2, 3} {
			var calls atomic.Int64
			sysPread = func(fd int, b []byte, off int64) (int, error) {
				if calls.Add(1) > ok {
					return 0, errors.New("injected")
				}
				return rd(fd, b, off)
			}
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			s := New(f)
			if s.m == nil {
				t.Fatalf("%d bytes: not mapped", size)
			}
			var got []Finding
			for s.Scan() {
				got = append(got, s.Finding())
			}
			if err := s.Err(); err != nil {
				t.Errorf("%d bytes, %d windows mapped: %v", size, ok, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%d bytes, %d windows mapped: %d findings, want %d", size, ok, len(got), len(want))
			}
			if s.BytesRead() != int64(len(data)) {
				t.Errorf("%d bytes, %d windows mapped: BytesRead %d", size, ok, s.BytesRead())
			}
			if off, _ := f.Seek(0, io.SeekCurrent); off != int64(len(data)) {
				t.Errorf("%d bytes, %d windows mapped: file left at %d", size, ok, off)
			}
			if calls.Load() <= ok {
				t.Errorf("%d bytes: only %d windows mapped, the failure was not injected", size, calls.Load())
			}
			f.Close()
		}
	}
}
