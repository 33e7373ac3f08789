package scan

import (
	"io"
	"sync/atomic"
	"time"
)

// A Scanner hands a finding over once it has read far enough past it to know
// the finding is whole: up to a few MiB, or the end of the input. On a stream
// that pauses (tail -f, kubectl logs -f, a terminal being pasted into), that
// can be never. Live scans such a stream in segments: when the input pauses
// for Quiet, or has flowed for MaxLag since a segment began, the segment's
// Scanner sees the end of its input and hands over everything it has. The
// next segment starts again carry bytes before that point, so that an error
// body cut by the pause is found whole, and findings handed over already are
// not handed over twice. So a Live scan finds what a Scanner finds, in the
// same order, except for a body that encloses other error bodies and is cut
// by a pause: it comes after them.

// Default pauses of a Live scan.
const (
	LiveQuiet  = 200 * time.Millisecond
	LiveMaxLag = time.Second
)

// carry is how much of a segment's end the next segment scans again: enough
// for the largest body, cut by the pause, and lookback bytes of context
// before it.
const carry = maxObject + lookback

// liveChunk is the size of a read from the stream.
const liveChunk = 64 << 10

// Live is a Scanner over a stream that may pause. Use it as a Scanner; call
// Close when done with it before the end of the input.
type Live struct {
	src  *pauser
	sc   *Scanner
	base int64 // input offset of sc's first byte
	// seen holds the offsets of the findings handed over that a later
	// segment may scan again.
	seen   map[int64]struct{}
	cur    Finding
	binary bool
	err    error
	// onPause is called when the stream pauses; see OnPause.
	onPause func()
}

// NewLive returns a Live scan of r, which it reads from a goroutine of its
// own. quiet and maxLag of 0 take LiveQuiet and LiveMaxLag.
func NewLive(r io.Reader, quiet, maxLag time.Duration) *Live {
	if quiet <= 0 {
		quiet = LiveQuiet
	}
	if maxLag <= 0 {
		maxLag = LiveMaxLag
	}
	p := &pauser{
		in:     make(chan []byte, 4),
		free:   make(chan []byte, 5),
		done:   make(chan struct{}),
		quiet:  quiet,
		maxLag: maxLag,
	}
	go p.pump(r)
	l := &Live{src: p, seen: map[int64]struct{}{}}
	l.sc = New(p)
	return l
}

// Scan advances to the next finding, in input order. It returns false at the
// end of the input or on a read error; see Err.
func (l *Live) Scan() bool {
	for {
		if l.sc.Scan() {
			f := l.sc.Finding()
			f.Offset += l.base
			if l.base > 0 && f.Offset < l.base+lookback {
				// The start of a cut carry is context only: a body there
				// was whole in the segment before, and seen from here
				// without what came before it.
				continue
			}
			if f.Offset < l.base+carry {
				if _, ok := l.seen[f.Offset]; ok {
					continue // found by the segment before
				}
			}
			if f.Offset >= l.base+l.sc.base+int64(l.sc.end)-carry {
				l.seen[f.Offset] = struct{}{}
			}
			l.cur = f
			return true
		}
		l.binary = l.binary || l.sc.SawBinary()
		if err := l.sc.Err(); err != nil || l.src.ended {
			l.err = err
			l.cur = Finding{}
			l.src.close()
			return false
		}
		if l.src.idle && l.onPause != nil {
			l.onPause()
		}
		l.src.idle = false
		// A pause: scan on from carry bytes before it. The Scanner holds
		// them: it refills only once it has searched up to maxObject bytes
		// before the end of its buffer, and keeps lookback bytes behind that.
		old := l.sc
		k := max(old.end-carry, 0)
		lines := old.ln.base + old.lines(old.base+int64(k))
		l.base += old.base + int64(k)
		for off := range l.seen {
			if off < l.base {
				delete(l.seen, off)
			}
		}
		l.src.pause = false
		l.sc = New(l.src)
		l.sc.ln.base = lines
		l.sc.buf, l.sc.end = old.buf, copy(old.buf, old.buf[k:old.end])
	}
}

// OnPause sets f to be called from Scan when the stream pauses (nothing came for the quiet
// time), once every finding before the pause has been handed over: a caller that holds some
// back, or counts them, can say so before the stream resumes.
func (l *Live) OnPause(f func()) { l.onPause = f }

// Finding returns the finding of the last successful Scan.
func (l *Live) Finding() Finding { return l.cur }

// Err returns the error that stopped reading, if any; it is nil at a plain
// end of input.
func (l *Live) Err() error { return l.err }

// BytesRead returns the number of bytes read from the stream so far. It may be
// called from another goroutine while scanning.
func (l *Live) BytesRead() int64 { return l.src.read.Load() }

// SawBinary reports whether the input read so far contained NUL bytes.
func (l *Live) SawBinary() bool { return l.binary || l.sc.SawBinary() }

// Close stops reading the stream. A read in progress is not interrupted: the
// goroutine ends when it returns.
func (l *Live) Close() { l.src.close() }

// pauser hands a stream over to a Scanner, and reports io.EOF at a pause.
type pauser struct {
	in     chan []byte // chunks read from the stream, closed at its end
	free   chan []byte // chunks handed over, for reuse
	done   chan struct{}
	closed atomic.Bool
	rerr   error // the stream's error, set before in is closed
	read   atomic.Int64

	quiet, maxLag time.Duration
	chunk         []byte    // the part of a chunk not handed over yet
	whole         []byte    // chunk's buffer
	since         time.Time // when the segment's first byte was handed over
	pause         bool      // a pause was reported to the current segment
	ended         bool      // the stream's end or error was reported
	// idle says the last segment ended because nothing came for quiet; lagged, that it
	// ended at maxLag, when the stream may have stopped less than quiet before.
	idle, lagged bool
}

// pump reads the stream into chunks until it ends or the scan is closed.
func (p *pauser) pump(r io.Reader) {
	defer close(p.in)
	for empty := 0; ; {
		var buf []byte
		select {
		case buf = <-p.free:
		default:
			buf = make([]byte, liveChunk)
		}
		n, err := r.Read(buf[:liveChunk])
		if n > 0 {
			empty = 0
			p.read.Add(int64(n))
			select {
			case p.in <- buf[:n]:
			case <-p.done:
				return
			}
		} else if err == nil {
			if empty++; empty >= 100 {
				err = errNoProgress
			}
		}
		if err != nil {
			if err != io.EOF {
				p.rerr = err
			}
			return
		}
	}
}

func (p *pauser) close() {
	if p.closed.CompareAndSwap(false, true) {
		close(p.done)
	}
}

// Read hands over the stream, or io.EOF at a pause or at its end.
func (p *pauser) Read(b []byte) (int, error) {
	if p.ended || p.pause {
		return 0, io.EOF
	}
	if len(p.chunk) == 0 {
		if p.whole != nil {
			select {
			case p.free <- p.whole[:cap(p.whole)]:
			default:
			}
			p.whole = nil
		}
		c, ok, paused := p.next()
		switch {
		case paused:
			p.pause = true
			return 0, io.EOF
		case !ok:
			p.ended = true
			if p.rerr != nil {
				return 0, p.rerr
			}
			return 0, io.EOF
		}
		p.chunk, p.whole = c, c
	}
	n := copy(b, p.chunk)
	p.chunk = p.chunk[n:]
	if p.since.IsZero() {
		p.since = time.Now()
	}
	return n, nil
}

// next waits for the next chunk: ok is false at the end of the stream, and
// paused is set when the segment should end first.
func (p *pauser) next() (c []byte, ok, paused bool) {
	if p.since.IsZero() && !p.lagged {
		// Nothing handed over in this segment yet: nothing to hurry.
		c, ok = <-p.in
		return c, ok, false
	}
	// After a segment cut at maxLag, nothing handed over yet: wait quiet, so that a
	// stream that stopped just before the cut is still seen to pause.
	wait := p.quiet
	if !p.since.IsZero() {
		wait = min(p.quiet, p.maxLag-time.Since(p.since))
	}
	if wait <= 0 {
		p.since, p.lagged = time.Time{}, true
		return nil, false, true
	}
	select {
	case c, ok = <-p.in:
		return c, ok, false
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case c, ok = <-p.in:
		return c, ok, false
	case <-t.C:
		p.idle = wait == p.quiet
		p.since, p.lagged = time.Time{}, !p.idle
		return nil, false, true
	}
}
