package scan

import (
	"errors"
	"io"
	"os"
	"runtime"
	"sync"
)

// A regular file is read a window at a time with pread, into buffers of
// the file's own that the windows of all its Scanners reuse: the window
// slides as the buffer of a reader would, keeping what it still needs of
// the last one. Reading beats mapping the file: faults on every page of a
// mapping cost more than the copy (measured on a 256 MiB log, two cores, a
// virtual machine: 75 ms to map and count its lines against 25 ms to read
// and count them), and a buffer in use again stays in the CPU's caches and
// TLB. The names below (mapping, window, release) come from when windows
// were mapped.

// mapWindow is the size of one window; a window holds lookback bytes
// before the search position and maxObject bytes after the search limit, as
// the buffer does.
const mapWindow = lookback + 1<<20 + maxObject

// minMapSize is the input size below which plain reading beats windows.
const minMapSize = 4 << 20

// errFileChanged is reported when a file shrinks under the scanner.
var errFileChanged = errors.New("scan: the file shrank while it was read")

// mapping is the window of a regular file that a Scanner searches.
type mapping struct {
	f     *os.File // for leaving its offset at the end
	file  *mapFile
	start int64  // file offset of input offset 0
	size  int64  // input bytes, as the file's size was at New
	mem   []byte // the current window, one of file's buffers; nil if none
	from  int64  // input offset of mem[0]
	// reading is set once a window could not be read: the Scanner reads
	// the rest of the file from the descriptor instead.
	reading bool
}

// mapFile is a descriptor of the file of its own, so that closing the
// *os.File while goroutines still read it does no harm, and the window
// buffers not in use.
type mapFile struct {
	fd     int
	once   sync.Once
	mu     sync.Mutex
	free   [][]byte
	closed bool
}

// close closes the descriptor and frees the buffers not in use; the others
// are freed as they are given back.
func (m *mapFile) close() {
	m.once.Do(func() { closeFd(m.fd) })
	m.mu.Lock()
	for _, b := range m.free {
		freeWindow(b)
	}
	m.free, m.closed = nil, true
	m.mu.Unlock()
}

// get returns a window buffer: one given back, or a new one. As many are
// made as windows are in use at once: a few (see par.go's slots). They are
// memory of their own, apart from the Go heap, which would grow to twice
// what it holds before it is collected.
func (m *mapFile) get() ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n := len(m.free); n > 0 {
		b := m.free[n-1]
		m.free[n-1] = nil
		m.free = m.free[:n-1]
		return b, nil
	}
	return sysWindowMem(mapWindow)
}

// put gives a window buffer back.
func (m *mapFile) put(b []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		freeWindow(b)
		return
	}
	m.free = append(m.free, b[:cap(b)])
}

// newMapping returns a mapping of f from its current offset, or nil if f is
// no regular file large enough to be worth it, or if windows are not
// supported here or the first one cannot be read.
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
	// file that cannot be read with pread is read as a stream instead.
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

// The system calls of windows, replaced by tests that make them fail.
var (
	sysDup       = dupFd
	sysPread     = pread
	sysWindowMem = windowMem
)

// window returns the input from offset from on, up to mapWindow bytes. The
// bytes it shares with the current window, which it replaces, are moved
// rather than read again: a window slides by its search chunk, and keeps
// its lookback and maxObject bytes.
func (m *mapping) window(from int64) ([]byte, error) {
	n := int(min(int64(mapWindow), m.size-from))
	var b []byte
	kept := 0
	if old := m.mem; old != nil && from >= m.from && from < m.from+int64(len(old)) {
		b = old[:cap(old)]
		kept = min(n, copy(b, old[from-m.from:]))
	} else {
		m.release()
		var err error
		if b, err = m.file.get(); err != nil {
			return nil, err
		}
	}
	b = b[:n]
	m.mem, m.from = nil, 0
	for kept < n {
		k, err := sysPread(m.file.fd, b[kept:], m.start+from+int64(kept))
		if err == nil && k == 0 {
			err = errFileChanged
		}
		if err != nil {
			m.file.put(b)
			return nil, err
		}
		kept += k
	}
	m.mem, m.from = b, from
	return b, nil
}

// release gives the window's buffer back.
func (m *mapping) release() {
	if m.mem != nil {
		m.file.put(m.mem)
		m.mem = nil
	}
}

// useMapping sets s up to scan m.
func (s *Scanner) useMapping(m *mapping) {
	s.m = m
	// A Scanner dropped before the end of its input gives its window back.
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
// input offset from; it reads windows of its own.
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
	if errors.Is(err, errFileChanged) {
		s.fileChanged()
		return
	}
	if err != nil {
		// A window failed midway (no memory for its buffer, a read
		// error): the rest is read as a stream instead.
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

// fileChanged ends the scan of a file that changed under it: what is left
// of the buffer is dropped, and Err says why.
func (s *Scanner) fileChanged() {
	s.buf, s.end, s.pos = nil, 0, 0
	s.eof, s.done = true, true
	s.err = errFileChanged
}

// scanMapped is Scan over a file read in windows: the window is released
// at the end.
func (s *Scanner) scanMapped() bool {
	ok := s.scan()
	if s.done {
		s.m.close()
	}
	return ok
}
