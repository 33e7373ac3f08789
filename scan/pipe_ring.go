package scan

import (
	"io"
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// A stream (a pipe, a terminal) is read by a goroutine of its own into a
// ring buffer, in reads as large as the stream hands over, while the scan
// searches what came before: reading and searching overlap, and nothing is
// copied into a Scanner's buffer. A Scanner of the stream takes windows of
// the ring, as one of a file takes windows of the file: the ring's
// first ringWindow bytes are mirrored past its end, so that every window is
// one slice. The goroutine reads on as far as the ring has room past the
// oldest window in use, which is all the memory a stream costs. With more
// than two CPUs, the stream is scanned in parallel segments (see par.go)
// cut as it comes, with windows of the same ring.

const (
	ringChunk  = 256 << 10 // bytes searched per window
	ringWindow = lookback + ringChunk + maxObject
	// ringSeg is the size of a stream's parallel segments, at most.
	ringSeg = 512 << 10
	// minRingRead is the least room the goroutine reads into, unless the
	// ring has no more room than that past a window.
	minRingRead = 256 << 10
)

// ringSize returns the length of a ring whose windows are win bytes long,
// for segments of up to seg bytes scanned in parallel (0: none): room for
// the window in use and for reading ahead of it, and, with segments, for
// the segment whose findings are handed over and the windows of the one
// after it (see par.go), which the consumer's side waits for, with
// minRingRead to read into. A smaller ring can leave every goroutine
// waiting for room.
func ringSize(win int, seg, warm int64) int {
	n := win + 1<<20
	if seg > 0 {
		n = win + int(2*seg+warm+lookback+syncSpan) + minRingRead
	}
	// Whole pages, so that the ring can be mirrored (see ringMemory).
	return (n + 64<<10 - 1) &^ (64<<10 - 1)
}

// ring holds the last bytes read from a stream.
type ring struct {
	// buf is size+win bytes: input offset o is at buf[o%size], and
	// buf[size:] repeats buf[:win].
	buf       []byte
	size, win int

	mu    sync.Mutex
	low   int64         // input before low is no longer needed: the ring may overwrite it
	end   int64         // input read so far
	final error         // the stream's end (io.EOF) or error
	more  chan struct{} // closed by wake
	least int64         // the least room the goroutine reads into
	// wake is the input offset at which the Scanners waiting want to be
	// woken, or math.MaxInt64; they are also at the end of the stream and
	// when the ring fills.
	wake int64
	at   time.Time // when the last read that brought bytes ended

	room   chan struct{} // low moved; capacity 1
	done   chan struct{} // closed by close
	closed atomic.Bool
	read   atomic.Int64
	// users counts the goroutine and the Scanners' side (see drop) while
	// they may touch buf; the last one gone frees it.
	users atomic.Int32
	free  func()
	// mirrored says that buf[size:] is the memory of buf[:win] mapped a
	// second time: nothing to copy.
	mirrored bool
}

// newRing returns a ring of size bytes whose windows are up to win bytes
// long, filled from r by a goroutine of its own until the end of r, an
// error or close.
func newRing(r io.Reader, size, win int) *ring {
	g := &ring{
		size: size, win: win,
		more:  make(chan struct{}),
		least: int64(min(minRingRead, size-win)),
		wake:  math.MaxInt64,
		room:  make(chan struct{}, 1),
		done:  make(chan struct{}),
	}
	g.buf, g.mirrored, g.free = ringMemory(size, win)
	g.users.Store(2)
	go func() {
		defer g.leave()
		g.pump(r)
	}()
	return g
}

// leave notes that a user of buf is gone.
func (g *ring) leave() {
	if g.users.Add(-1) == 0 {
		g.free()
	}
}

// pump reads the stream into the ring.
func (g *ring) pump(r io.Reader) {
	for empty := 0; ; {
		g.mu.Lock()
		room := g.low + int64(g.size) - g.end
		end := g.end
		g.mu.Unlock()
		if room < g.least {
			select {
			case <-g.room:
				continue
			case <-g.done:
				return
			}
		}
		p := int(end % int64(g.size))
		n, err := r.Read(g.buf[p : p+int(min(room, int64(g.size-p)))])
		if n > 0 {
			if p < g.win && !g.mirrored {
				copy(g.buf[g.size+p:], g.buf[p:min(p+n, g.win)])
			}
			empty = 0
		} else if err == nil {
			if empty++; empty >= 100 {
				err = errNoProgress
			}
		}
		g.mu.Lock()
		g.end += int64(n)
		if n > 0 {
			g.at = time.Now()
		}
		if err != nil {
			g.final = err
		}
		if err != nil || g.end >= g.wake || g.full() {
			g.wakeUp()
		}
		g.mu.Unlock()
		g.read.Add(int64(n))
		if err != nil || g.closed.Load() {
			return
		}
	}
}

// release lets the ring overwrite the input before offset low.
func (g *ring) release(low int64) {
	g.mu.Lock()
	moved := low > g.low
	if moved {
		if g.full() {
			// A Scanner waiting for a full ring waits for the stream now.
			g.wakeUp()
		}
		g.low = low
	}
	g.mu.Unlock()
	if moved {
		select {
		case g.room <- struct{}{}:
		default:
		}
	}
}

// full reports whether the goroutine has too little room to read into; g.mu
// is held.
func (g *ring) full() bool { return g.low+int64(g.size)-g.end < g.least }

// wakeUp wakes the Scanners waiting; g.mu is held.
func (g *ring) wakeUp() {
	close(g.more)
	g.more, g.wake = make(chan struct{}), math.MaxInt64
}

// slice returns the input [from, to), which must be in the ring.
func (g *ring) slice(from, to int64) []byte {
	p := int(from % int64(g.size))
	return g.buf[p : p+int(to-from)]
}

// close stops the goroutine, once its read under way returns, and tells
// the Scanners waiting that the input ended.
func (g *ring) close() {
	if g.closed.CompareAndSwap(false, true) {
		close(g.done)
	}
}

// stream hands a ring's windows over to the Scanners of a Live scan, and
// ends their input at a pause: when nothing came for quiet while one of
// them waited, or maxLag after the first new byte was handed over. The
// Scanners of one segment of the Live scan (its one Scanner, or those of a
// parallel scan) see the same end.
type stream struct {
	g *ring

	mu     sync.Mutex
	origin int64 // input offset of the current Scanners' offset 0
	handed int64 // input handed over so far
	// cut is the input offset at which the current Scanners' input ends,
	// once a pause was seen; -1 before.
	cut   int64
	err   error       // the stream's error, once handed over
	views []*ringView // the windows in use, each by its input offset

	quiet, maxLag time.Duration
	since         time.Time   // when the segment's first new byte was handed over
	ended         atomic.Bool // the stream's end or error was handed over
	// idle says the last segment ended because nothing came for quiet;
	// lagged, that it ended at maxLag, when the stream may have stopped
	// less than quiet before.
	idle, lagged bool
}

// ringView is where a Scanner's window, or one it will take, starts.
type ringView struct{ low int64 }

// view returns a view from offset low of the current Scanners on.
func (st *stream) view(low int64) *ringView {
	st.mu.Lock()
	defer st.mu.Unlock()
	v := &ringView{low: st.origin + max(low, 0)}
	st.views = append(st.views, v)
	return v
}

// drop gives up v.
func (st *stream) drop(v *ringView) {
	st.mu.Lock()
	for i, w := range st.views {
		if w == v {
			st.views = append(st.views[:i], st.views[i+1:]...)
			break
		}
	}
	st.release()
	st.mu.Unlock()
}

// release lets the ring overwrite what no view needs; st.mu is held.
func (st *stream) release() {
	low := int64(math.MaxInt64)
	for _, v := range st.views {
		low = min(low, v.low)
	}
	if low < math.MaxInt64 {
		st.g.release(low)
	}
}

// reset starts a segment of the Live scan from input offset origin on,
// with no views but the one it returns.
func (st *stream) reset(origin int64) *ringView {
	st.mu.Lock()
	st.origin, st.cut = origin, -1
	v := &ringView{low: origin}
	st.views = append(st.views[:0], v)
	st.mu.Unlock()
	return v
}

// window returns the input from offset from of the current Scanners on, up
// to the ring's window, once so much was read; less, with eof set, if the
// input ends or pauses first, and err if the stream failed. v is the view of
// the Scanner.
func (st *stream) window(v *ringView, from int64) (b []byte, eof bool, err error) {
	st.mu.Lock()
	from += st.origin
	v.low = from
	st.release()
	st.mu.Unlock()
	end, eof, err := st.await(from + int64(st.g.win))
	return st.g.slice(from, end), eof, err
}

// await waits until the input up to offset want is read, and returns want;
// or returns where the current Scanners' input ends, with eof set, if that
// is before (the stream's end, a pause, or close).
func (st *stream) await(want int64) (end int64, eof bool, err error) {
	g := st.g
	var started time.Time // when the wait began
	st.mu.Lock()
	defer st.mu.Unlock()
	for {
		if st.cut >= 0 {
			if want > st.cut {
				return st.cut, true, st.err
			}
			return want, false, nil
		}
		g.mu.Lock()
		end, final, more, full, at := g.end, g.final, g.more, g.full(), g.at
		if end < want && final == nil {
			// Be woken at the first new byte of the segment, then once
			// want and a little more are read (or the ring is full).
			if st.since.IsZero() {
				g.wake = min(g.wake, st.handed+1)
			} else {
				g.wake = min(g.wake, want+minRingRead)
			}
		}
		g.mu.Unlock()
		if end > st.handed && st.since.IsZero() {
			st.since = time.Now()
		}
		switch {
		case end >= want:
			st.handed = max(st.handed, want)
			return want, false, nil
		case final != nil:
			st.handed, st.cut = end, end
			st.ended.Store(true)
			if final != io.EOF {
				st.err = final
			}
			return end, true, st.err
		case g.closed.Load():
			st.cut = end
			return end, true, nil
		}
		if started.IsZero() {
			started = time.Now()
		}
		// The wait is for the stream, unless the ring is full: then for
		// the Scanners ahead of the others to give up room. A pause is
		// quiet after the wait began or the last byte came, whichever is
		// later, or maxLag after the segment's first new byte.
		var wait time.Duration
		if (!st.since.IsZero() || st.lagged) && !full {
			// After an input cut at maxLag, nothing new handed over yet:
			// wait quiet, so that a stream that stopped just before the
			// cut is still seen to pause.
			if at.Before(started) {
				at = started
			}
			wait = st.quiet - time.Since(at)
			idle := true
			if !st.since.IsZero() {
				if lag := st.maxLag - time.Since(st.since); lag < wait {
					wait, idle = lag, false
				}
			}
			if wait <= 0 {
				st.pause(end, idle)
				continue
			}
		}
		st.mu.Unlock()
		var timeout <-chan time.Time
		var t *time.Timer
		if wait > 0 {
			t = time.NewTimer(wait)
			timeout = t.C
		}
		select {
		case <-more:
		case <-g.done:
		case <-timeout:
		}
		if t != nil {
			t.Stop()
		}
		st.mu.Lock()
	}
}

// pause ends the current Scanners' input at offset end; st.mu is held.
func (st *stream) pause(end int64, idle bool) {
	st.cut, st.handed = end, max(st.handed, end)
	st.idle = idle
	st.since, st.lagged = time.Time{}, !idle
}

// reach waits until the input up to offset want of the current Scanners is
// read, or returns where their input ends, with eof set, if that is before.
func (st *stream) reach(want int64) (end int64, eof bool, err error) {
	st.mu.Lock()
	origin := st.origin
	st.mu.Unlock()
	end, eof, err = st.await(origin + want)
	return end - origin, eof, err
}

// seen returns an input offset of the current Scanners at or before the end
// of their input.
func (st *stream) seen() int64 {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.cut >= 0 {
		return st.cut - st.origin
	}
	st.g.mu.Lock()
	defer st.g.mu.Unlock()
	return st.g.end - st.origin
}

// slide moves a Scanner of a stream to its next window, keeping lookback
// bytes behind pos.
func (s *Scanner) slide() {
	abs := s.base + int64(s.pos)
	from := max(0, abs-lookback)
	s.countTo(from)
	buf, eof, err := s.st.window(s.vw, from)
	s.buf, s.base, s.end, s.pos, s.eof = buf, from, len(buf), int(abs-from), eof
	if err != nil {
		s.err = err
	}
}
