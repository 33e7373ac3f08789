package scan

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

func collect(t *testing.T, r io.Reader) []Finding {
	t.Helper()
	s := New(r)
	var out []Finding
	for s.Scan() {
		out = append(out, s.Finding())
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReaderChunking checks that how the reader splits the input does not
// change the findings.
func TestReaderChunking(t *testing.T) {
	inputs := append(seedInputs(), string(genLog(3<<20, 3)))
	for i, in := range inputs {
		want := All([]byte(in))
		if got := collect(t, strings.NewReader(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("input %d: reader and All differ:\n%s\n%s", i, dump(got), dump(want))
		}
		if got := collect(t, iotest.OneByteReader(strings.NewReader(in))); !reflect.DeepEqual(got, want) {
			t.Errorf("input %d: one byte at a time differs", i)
		}
		if got := collect(t, iotest.HalfReader(strings.NewReader(in))); !reflect.DeepEqual(got, want) {
			t.Errorf("input %d: half reads differ", i)
		}
		if got := collect(t, iotest.DataErrReader(strings.NewReader(in))); !reflect.DeepEqual(got, want) {
			t.Errorf("input %d: data with EOF differs", i)
		}
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	in := `{"error_code":"A.1","error_msg":"before"}` + "\n"
	s := New(io.MultiReader(strings.NewReader(in), iotest.ErrReader(boom)))
	n := 0
	for s.Scan() {
		n++
	}
	if n != 1 || !errors.Is(s.Err(), boom) {
		t.Errorf("got %d findings, err %v", n, s.Err())
	}
	if s.BytesRead() != int64(len(in)) {
		t.Errorf("BytesRead = %d", s.BytesRead())
	}
}

// lazyReader yields n copies of fill, then tail, without holding them, and
// samples the heap every 32 MiB.
type lazyReader struct {
	fill      []byte
	n, done   int64
	tail      *strings.Reader
	peakHeap  uint64
	nextCheck int64
}

func newLazy(fill byte, n int64, tail string) *lazyReader {
	return &lazyReader{fill: bytes.Repeat([]byte{fill}, 64<<10), n: n, tail: strings.NewReader(tail)}
}

func (r *lazyReader) Read(p []byte) (int, error) {
	if r.done >= r.nextCheck {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		r.peakHeap = max(r.peakHeap, m.HeapAlloc)
		r.nextCheck += 32 << 20
	}
	if r.done < r.n {
		k := copy(p[:min(int64(len(p)), r.n-r.done)], r.fill)
		for k < len(p) && r.done+int64(k) < r.n {
			k += copy(p[k:min(int64(len(p)), r.n-r.done)], r.fill)
		}
		r.done += int64(k)
		return k, nil
	}
	return r.tail.Read(p)
}

// TestHugeLine: an error after, or at the very end of, a 300 MiB line is
// found, and the heap stays small.
func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 600 MiB")
	}
	body := `{"error_code":"iMetal.0230","error_msg":"end"}`
	for _, tc := range []struct {
		name, tail string
		fill       byte
	}{
		{"after", "\n" + body + "\n", 'x'},
		{"at the end, no newline", body, 'x'},
		{"after quotes", "\n" + body, '"'},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			base := m.HeapAlloc
			const n = 300 << 20
			r := newLazy(tc.fill, n, tc.tail)
			s := New(r)
			var got []Finding
			for s.Scan() {
				got = append(got, s.Finding())
			}
			if len(got) != 1 || got[0].Code != "iMetal.0230" || got[0].Message != "end" {
				t.Fatalf("got %s", dump(got))
			}
			if want := int64(n + len(tc.tail) - len(body) - strings.Count(tc.tail[len(tc.tail)-1:], "\n")); got[0].Offset != want {
				t.Errorf("offset %d, want %d", got[0].Offset, want)
			}
			if s.BytesRead() != int64(n+len(tc.tail)) {
				t.Errorf("BytesRead = %d", s.BytesRead())
			}
			peak := r.peakHeap - min(base, r.peakHeap)
			t.Logf("peak heap over baseline: %.2f MiB", float64(peak)/(1<<20))
			if peak > 8<<20 {
				t.Errorf("heap grew by %d bytes", peak)
			}
		})
	}
}

// TestMemoryDenseLog scans 128 MiB of errors and checks the heap.
func TestMemoryDenseLog(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 128 MiB")
	}
	chunk := genLog(4<<20, 1)
	r := &repeatReader{chunk: chunk, left: 32}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	s := New(r)
	n := 0
	var peak uint64
	for s.Scan() {
		if n++; n%200000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc-min(base, m.HeapAlloc))
		}
	}
	t.Logf("%d findings in %d MiB, peak heap over baseline %.2f MiB", n, s.BytesRead()>>20, float64(peak)/(1<<20))
	if peak > 8<<20 {
		t.Errorf("heap grew by %d bytes", peak)
	}
}

type repeatReader struct {
	chunk []byte
	off   int
	left  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.chunk[r.off:])
	if r.off += n; r.off == len(r.chunk) {
		r.off = 0
		r.left--
	}
	return n, nil
}

func TestSawBinary(t *testing.T) {
	s := New(strings.NewReader("text\x00more"))
	for s.Scan() {
	}
	if !s.SawBinary() {
		t.Error("SawBinary = false")
	}
	s = New(strings.NewReader("text only"))
	for s.Scan() {
	}
	if s.SawBinary() {
		t.Error("SawBinary = true")
	}
}
