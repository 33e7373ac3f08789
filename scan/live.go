package scan

import (
	"bytes"
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
// not handed over twice. A finding whose fields depend on text that the
// pause cut off (a record read from the code outward, the records around a
// body kept in a string) is not handed over at the pause, nor any after it:
// the next segment finds them again with that text. So a Live scan finds
// what a Scanner finds, in the same order, except for a body that encloses
// other error bodies and is cut by a pause: it comes after them; and a
// response printed twice is one finding only if no pause falls between its
// prints.

// Default pauses of a Live scan.
const (
	LiveQuiet  = 200 * time.Millisecond
	LiveMaxLag = time.Second
)

// carry is how much of a segment's end the next segment scans again: enough
// for the largest body, cut by the pause, and lookback bytes of context
// before it.
const carry = maxObject + lookback

// Live is a Scanner over a stream that may pause. Use it as a Scanner; call
// Close when done with it before the end of the input.
type Live struct {
	src  *pauser
	sc   *Scanner
	base int64 // input offset of sc's first byte
	// seen holds the offsets of the findings handed over that a later
	// segment may scan again.
	seen map[int64]struct{}
	ns   []string // the namespaces given to NewLive
	// noMerge turns merging off, for tests: a response printed twice is
	// merged only when no pause falls between its prints.
	noMerge bool
	cur     Finding
	binary  bool
	err     error
	// onPause is called when the stream pauses; see OnPause.
	onPause func()
}

// NewLive returns a Live scan of r, which it reads from a goroutine of its
// own. quiet and maxLag of 0 take LiveQuiet and LiveMaxLag.
// Codes of the namespaces given are found anywhere, as with New.
func NewLive(r io.Reader, quiet, maxLag time.Duration, namespaces ...string) *Live {
	if quiet <= 0 {
		quiet = LiveQuiet
	}
	if maxLag <= 0 {
		maxLag = LiveMaxLag
	}
	p := &pauser{
		req:    make(chan []byte, 1),
		res:    make(chan result, 1),
		done:   make(chan struct{}),
		quiet:  quiet,
		maxLag: maxLag,
	}
	GrowPipe(r)
	go p.pump(r)
	l := &Live{src: p, seen: map[int64]struct{}{}}
	l.sc = New(p, namespaces...)
	l.ns = namespaces
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
			for _, off := range l.sc.merged {
				// Merged into f: not to be handed over again on its own.
				if off += l.base; off >= l.base+l.sc.base+int64(l.sc.end)-carry {
					l.seen[off] = struct{}{}
				}
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
		l.sc = New(l.src, l.ns...)
		l.sc.ln.base = lines
		l.sc.noMerge = l.noMerge
		l.sc.handed = l.handed
		l.sc.buf, l.sc.end = old.buf, copy(old.buf, old.buf[k:old.end])
	}
}

// OnPause sets f to be called from Scan when the stream pauses (nothing came for the quiet
// time), once every finding before the pause has been handed over: a caller that holds some
// back, or counts them, can say so before the stream resumes.
func (l *Live) OnPause(f func()) { l.onPause = f }

// handed reports whether the finding at offset off of the current segment
// was handed over by the segment before.
func (l *Live) handed(off int64) bool {
	_, ok := l.seen[l.base+off]
	return ok
}

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
// Its goroutine reads straight into the Scanner's buffer, the part a Read
// asks to be filled, so that nothing is copied on the way: a read is started
// by Read, which waits for it for as long as the stream may be quiet. A read
// still under way at a pause goes on into the old Scanner's buffer, past the
// end of what it holds, which no one touches until the next Read takes it
// over and moves what it brought to where that Read asks for it.
type pauser struct {
	req    chan []byte // the buffer of the next read; one at a time
	res    chan result // the outcome of the read
	done   chan struct{}
	closed atomic.Bool
	read   atomic.Int64

	quiet, maxLag time.Duration
	busy          bool      // a read was started and its outcome not received
	target        []byte    // the buffer of that read
	left          []byte    // bytes read that did not fit where a Read asked for them
	final         error     // the stream's end (io.EOF) or error, reported once left is empty
	since         time.Time // when the segment's first byte was handed over
	pause         bool      // a pause was reported to the current segment
	ended         bool      // the stream's end or error was reported
	// idle says the last segment ended because nothing came for quiet; lagged, that it
	// ended at maxLag, when the stream may have stopped less than quiet before.
	idle, lagged bool
}

// result is the outcome of one read of the stream.
type result struct {
	n   int
	err error
}

// pump reads the stream into the buffers Read asks for until it ends, fails
// or the scan is closed.
func (p *pauser) pump(r io.Reader) {
	for {
		var b []byte
		select {
		case b = <-p.req:
		case <-p.done:
			return
		}
		var n int
		var err error
		for empty := 0; n == 0 && err == nil; {
			if n, err = r.Read(b); n == 0 && err == nil {
				if empty++; empty >= 100 {
					err = errNoProgress
				}
			}
		}
		p.read.Add(int64(n))
		p.res <- result{n, err} // room for it: one read at a time
		if err != nil {
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
	if len(b) == 0 {
		return 0, nil
	}
	if len(p.left) > 0 {
		n := copy(b, p.left)
		p.left = p.left[n:]
		p.handed()
		return n, nil
	}
	if p.final != nil {
		p.ended = true
		return 0, p.final
	}
	if !p.busy {
		p.busy, p.target = true, b
		p.req <- b // room for it: the pump is idle
	}
	r, paused := p.next()
	if paused {
		p.pause = true
		return 0, io.EOF
	}
	p.busy = false
	n := r.n
	if n > 0 && &p.target[0] != &b[0] {
		// A read started before a pause: move what it brought.
		n = copy(b, p.target[:r.n])
		if n < r.n {
			p.left = bytes.Clone(p.target[n:r.n])
		}
	}
	p.target = nil
	if r.err != nil {
		p.final = r.err
		if n == 0 {
			p.ended = true
			if r.err == io.EOF {
				return 0, io.EOF
			}
			return 0, r.err
		}
	}
	p.handed()
	return n, nil
}

// handed notes that bytes were handed over in the current segment.
func (p *pauser) handed() {
	if p.since.IsZero() {
		p.since = time.Now()
	}
}

// next waits for the outcome of the read under way; paused is set when the
// segment should end first.
func (p *pauser) next() (r result, paused bool) {
	if p.since.IsZero() && !p.lagged {
		// Nothing handed over in this segment yet: nothing to hurry.
		return <-p.res, false
	}
	// After a segment cut at maxLag, nothing handed over yet: wait quiet, so that a
	// stream that stopped just before the cut is still seen to pause.
	wait := p.quiet
	if !p.since.IsZero() {
		wait = min(p.quiet, p.maxLag-time.Since(p.since))
	}
	if wait <= 0 {
		p.since, p.lagged = time.Time{}, true
		return result{}, true
	}
	select {
	case r = <-p.res:
		return r, false
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case r = <-p.res:
		return r, false
	case <-t.C:
		p.idle = wait == p.quiet
		p.since, p.lagged = time.Time{}, !p.idle
		return result{}, true
	}
}
