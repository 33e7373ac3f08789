package scan

import (
	"errors"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// A regular file is not read but mapped, a window at a time: the scan then
// copies nothing, and the window slides as the buffer of a reader would, so
// that no more of the file than one window is ever mapped (mapped pages
// count in the resident set like read ones).

// mapWindow is the size of one mapping; a window holds lookback bytes
// before the search position and maxObject bytes after the search limit, as
// the buffer does.
const mapWindow = lookback + 2<<20 + maxObject

// minMapSize is the input size below which reading beats mapping.
const minMapSize = 4 << 20

// errFileChanged is reported when a mapped file shrinks under the scanner.
var errFileChanged = errors.New("scan: the file shrank while it was read")

// mapping is the mapped window of a regular file.
type mapping struct {
	f     *os.File // for leaving its offset at the end
	file  *mapFile
	start int64  // file offset of input offset 0
	size  int64  // input bytes, as the file's size was at New
	mem   []byte // the current mapping; nil if none
	// reading is set once a window could not be mapped: the Scanner reads
	// the rest of the file from the descriptor instead.
	reading bool
}

// mapFile is a descriptor of the file of its own, so that closing the
// *os.File while goroutines still map it does no harm.
type mapFile struct {
	fd   int
	once sync.Once
}

func (m *mapFile) close() { m.once.Do(func() { closeFd(m.fd) }) }

// newMapping returns a mapping of f from its current offset, or nil if f is
// no regular file large enough to be worth mapping, or if mapping is not
// supported or fails.
func newMapping(f *os.File) *mapping {
	if !canMap {
		return nil
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	start, err := f.Seek(0, io.SeekCurrent)
	if err != nil || st.Size()-start < minMapSize {
		return nil
	}
	// A descriptor that cannot be duplicated (too many open files) or a
	// file that cannot be mapped (no address space, a file system without
	// mmap) is read instead.
	fd, err := sysDup(f)
	if err != nil {
		return nil
	}
	m := &mapping{f: f, file: &mapFile{fd: fd}, start: start, size: st.Size() - start}
	if _, err := m.window(0); err != nil {
		m.file.close()
		return nil
	}
	m.release()
	return m
}

// The system calls of mapping, replaced by tests that make them fail.
var (
	sysDup  = dupFd
	sysMmap = mmap
)

// window maps the input from offset from on, up to mapWindow bytes, and
// releases the previous window.
func (m *mapping) window(from int64) ([]byte, error) {
	m.release()
	off := m.start + from
	aligned := off &^ int64(os.Getpagesize()-1)
	n := min(int64(mapWindow)+off-aligned, m.start+m.size-aligned)
	mem, err := sysMmap(m.file.fd, aligned, int(n))
	if err != nil {
		return nil, err
	}
	m.mem = mem
	return mem[off-aligned:], nil
}

func (m *mapping) release() {
	if m.mem != nil {
		munmap(m.mem)
		m.mem = nil
	}
}

// useMapping sets s up to scan m.
func (s *Scanner) useMapping(m *mapping) {
	s.m = m
	// A Scanner dropped before the end of its input unmaps its window.
	runtime.AddCleanup(s, (*mapping).close, m)
}

// close releases the window and the descriptor.
func (m *mapping) close() {
	m.release()
	m.file.close()
}

// usePar sets s up to feed the findings of p.
func (s *Scanner) usePar(p *par) {
	s.par = p
	// A Scanner dropped before the end of its input stops the goroutines.
	runtime.AddCleanup(s, (*par).close, p)
}

// scanner returns a Scanner of its own over the same input, searching from
// input offset from; it maps windows of its own.
func (m *mapping) scanner(from int64) *Scanner {
	s := &Scanner{m: &mapping{f: m.f, file: m.file, start: m.start, size: m.size}, base: from}
	s.init()
	return s
}

// remap slides the window to keep lookback bytes behind pos.
func (s *Scanner) remap() {
	from := max(0, s.base+int64(s.pos)-lookback)
	abs := s.base + int64(s.pos)
	s.countTo(from)
	buf, err := s.m.window(from)
	if err != nil {
		// Mapping failed midway (no address space left, a limit on the
		// number of mappings): the rest is read instead.
		s.m.reading = true
		s.r = readFd(s.m.file.fd, s.m.start+from, s.m.start+s.m.size)
		s.buf, s.base, s.end, s.pos, s.eof = nil, from, 0, int(abs-from), false
		s.firstBuf = fullBuf
		s.read.Store(from)
		if s.seg == nil {
			s.seekEnd()
		}
		return
	}
	s.buf, s.base, s.end, s.pos = buf, from, len(buf), int(abs-from)
	s.eof = from+int64(len(buf)) == s.m.size
	s.read.Store(from + int64(len(buf)))
	if s.eof {
		s.seekEnd()
	}
}

// seekEnd leaves the file at the end of the input, where reading would.
func (s *Scanner) seekEnd() {
	s.m.f.Seek(s.m.start+s.m.size, io.SeekStart)
}

// guard runs f. A fault on mapped memory in f (the file shrank under the
// scanner), which debug.SetPanicOnFault turns into a panic, makes it run
// onFault instead of crashing the program; any other panic goes on. It is
// the one place that recovers from faults.
func guard(f, onFault func()) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, fault := r.(interface{ Addr() uintptr }); !fault {
				panic(r)
			}
			onFault()
		}
	}()
	f()
}

// fileChanged ends the scan of a file that changed under it: what is left
// of the buffer is dropped, and Err says why.
func (s *Scanner) fileChanged() {
	s.buf, s.end, s.pos = nil, 0, 0
	s.eof, s.done = true, true
	s.err = errFileChanged
}

// scanMapped is Scan over a mapping: a fault on the mapped memory (the file
// was truncated under the scanner) ends the scan with an error instead of
// crashing the program.
func (s *Scanner) scanMapped() (ok bool) {
	guard(func() { ok = s.scan() }, func() {
		s.m.close()
		s.fileChanged()
		ok = s.scan()
	})
	if s.done {
		s.m.close()
	}
	return ok
}
