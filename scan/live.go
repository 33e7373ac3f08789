package scan

import (
	"cmp"
	"io"
	"math"
	"runtime"
	"sync"
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
// response printed twice (merge.go) is one finding only if no pause falls
// between its prints, or the caller waits for repeats (WaitForRepeats): then
// a pause hands over all but the last response, which the next segment finds
// again with what follows (its second print, a status after it), and the
// findings do not depend on where the pauses fall.

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
	st *stream
	// sc scans the current segment of the stream; nil before Scan starts
	// it.
	sc    *Scanner
	base  int64 // input offset of the segment's first byte
	lines int64 // newlines before it
	// upTo is an input offset of the segment at or before its end, as far
	// as it is known (see stream.seen).
	upTo int64
	// seen holds the offsets of the findings handed over that a later
	// segment may scan again.
	seen map[int64]struct{}
	ns   []string // the namespaces given to NewLive
	// noMerge turns merging off, for tests: a response printed twice is
	// merged only when no pause falls between its prints.
	noMerge bool
	// wait: a pause hands over no response that may be printed again (see
	// WaitForRepeats); held is the one the last pause kept, if its Code is
	// not "", guarded by mu (Held may be called from another goroutine).
	wait bool
	mu   sync.Mutex
	held Finding
	// over: the end of the input was reached and everything handed over.
	over   bool
	cur    Finding
	binary bool
	err    error
	// onPause is called when the stream pauses; see OnPause.
	onPause func()

	// A segment is scanned by workers goroutines in parallel segments of up
	// to seg bytes (see par.go) if workers > 1.
	workers   int
	seg, warm int64
	stopped   sync.Once
}

// NewLive returns a Live scan of r, which it reads from a goroutine of its
// own into a ring buffer (see pipe_ring.go); with more than two CPUs, it
// scans what it reads in parallel. quiet and maxLag of 0 take LiveQuiet
// and LiveMaxLag. Codes of the namespaces given are found anywhere, as
// with New.
func NewLive(r io.Reader, quiet, maxLag time.Duration, namespaces ...string) *Live {
	workers := streamWorkers()
	seg := int64(0)
	if workers > 1 {
		seg = ringSeg
	}
	return newLive(r, quiet, maxLag, ringSize(ringWindow, seg, warmUp), ringWindow, workers, seg, warmUp, namespaces...)
}

// streamWorkers is how many goroutines scan a stream in parallel segments
// (one: none). A CPU is left to the program that writes the stream and to
// the goroutine that reads it: on two CPUs, where they take most of one,
// the segments' warm-up costs more than the second CPU brings on a sparse
// log (see pipe_ring.go).
var streamWorkers = func() int { return runtime.GOMAXPROCS(0) - 1 }

// newLive is NewLive with a ring of size bytes, windows of win bytes, and
// workers goroutines scanning segments of up to seg bytes.
func newLive(r io.Reader, quiet, maxLag time.Duration, size, win, workers int, seg, warm int64, namespaces ...string) *Live {
	if quiet <= 0 {
		quiet = LiveQuiet
	}
	if maxLag <= 0 {
		maxLag = LiveMaxLag
	}
	GrowPipe(r)
	st := &stream{g: newRing(r, size, win), quiet: quiet, maxLag: maxLag, cut: -1}
	return &Live{st: st, seen: map[int64]struct{}{}, ns: namespaces, workers: workers, seg: seg, warm: warm}
}

// start starts the Scanner of a segment from l.base on.
func (l *Live) start() {
	st := l.st
	v := st.reset(l.base)
	s := &Scanner{st: st}
	s.init()
	s.setNamespaces(l.ns)
	s.ln.base = l.lines
	s.noMerge = l.noMerge
	s.waitRepeats = l.wait
	s.handed = l.handed
	l.sc, l.upTo = s, 0
	if l.workers <= 1 {
		s.vw = v
		return
	}
	scanner := func(from int64) *Scanner {
		w := &Scanner{st: st, base: from}
		w.init()
		w.namespaces, w.noMerge = s.namespaces, s.noMerge
		// The first segment's findings get the lines before the Live
		// segment; the hand-over sets those of the others.
		w.ln.base = s.ln.base
		return w
	}
	p := makePar(math.MaxInt64, l.seg, l.warm, l.workers, maxSegFindings, scanner, &s.read)
	p.st, p.nextView = st, v
	s.par = p
	p.start(l.workers)
}

// Scan advances to the next finding, in input order. It returns false at the
// end of the input or on a read error; see Err.
func (l *Live) Scan() bool {
	if l.over {
		l.cur = Finding{}
		return false
	}
	for {
		if l.sc == nil {
			l.start()
		}
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
			l.see(f.Offset)
			for _, off := range l.sc.merged {
				// Merged into f: not to be handed over again on its own.
				l.see(off + l.base)
			}
			l.mu.Lock()
			if l.held.Code != "" && f.Offset >= l.held.Offset {
				// Found again (merged with what followed), or passed.
				l.held = Finding{}
			}
			l.mu.Unlock()
			l.cur = f
			return true
		}
		l.binary = l.binary || l.sc.SawBinary()
		old := l.sc.last()
		if p := l.sc.par; p != nil {
			p.close()
			p.workers.Wait()
		}
		if h := l.sc.held; h.Code != "" {
			h.Offset += l.base
			l.mu.Lock()
			l.held = h
			l.mu.Unlock()
		}
		if err := l.sc.Err(); err != nil || l.st.ended.Load() {
			l.err = cmp.Or(err, l.st.err)
			l.Close()
			l.over = true
			// Held at the last pause, and not found again (a read error
			// since): handed over as it was.
			if h, ok := l.Held(); ok {
				l.mu.Lock()
				l.held = Finding{}
				l.mu.Unlock()
				l.cur = h
				return true
			}
			l.cur = Finding{}
			return false
		}
		if l.st.idle && l.onPause != nil {
			l.onPause()
		}
		l.st.idle = false
		// A pause: scan on from carry bytes before it. The ring holds
		// them: a Scanner takes its next window only once it has searched
		// up to maxObject bytes before the end of the one it has, and keeps
		// lookback bytes behind that; the last one's window holds the end.
		k := max(old.end-carry, 0)
		l.lines = old.ln.base + old.lines(old.base+int64(k))
		l.base += old.base + int64(k)
		for off := range l.seen {
			if off < l.base {
				delete(l.seen, off)
			}
		}
		l.sc = nil
	}
}

// see notes that the finding at input offset off was handed over, if the
// next segment may scan it again: if it is within carry bytes of the end of
// the current segment.
func (l *Live) see(off int64) {
	if off < l.base+l.upTo-carry {
		return
	}
	if l.upTo = l.sc.upTo(); off >= l.base+l.upTo-carry {
		l.seen[off] = struct{}{}
	}
}

// upTo returns an offset of a Scanner of a Live scan at or before the end
// of its input.
func (s *Scanner) upTo() int64 {
	if s.par != nil {
		return s.st.seen()
	}
	return s.base + int64(s.end)
}

// last returns the Scanner that scanned the end of the input, which holds
// it: s, or for a parallel scan the one whose findings were fed last.
func (s *Scanner) last() *Scanner {
	if s.par != nil && s.par.owner != nil && s.par.owner.s != nil {
		return s.par.owner.s
	}
	return s
}

// OnPause sets f to be called from Scan when the stream pauses (nothing came for the quiet
// time), once every finding before the pause has been handed over: a caller that holds some
// back, or counts them, can say so before the stream resumes.
func (l *Live) OnPause(f func()) { l.onPause = f }

// WaitForRepeats makes a pause hand over every finding but the last response
// found, which another print of it after the pause may join (merge.go; an
// SDK logs a response, then raises it): the next segment finds it again,
// with what follows. The findings are then those of a Scanner reading the
// whole input at once, wherever the pauses fall. For a caller that shows
// the findings only at the end (a summary, a JSON array); one that shows
// them as they come gets the last one late, at the next pause that follows
// more input or at the end. Call it before Scan.
func (l *Live) WaitForRepeats() { l.wait = true }

// Held returns the response the last pause held back (see WaitForRepeats),
// if it has not been handed over since: for a caller that stops before the
// stream goes on (Ctrl-C) and shows what was found. It may be called from
// another goroutine while Scan runs.
func (l *Live) Held() (Finding, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.held, l.held.Code != ""
}

// holdsLast reports whether the finding just merged into s.cur is the last
// response of a segment that a pause ends, to be held back by a Live scan
// that waits for repeats (see WaitForRepeats). The next segment finds it
// again: it starts carry bytes before the pause and skips only lookback of
// them, so it is held only if it starts within maxObject bytes of the pause;
// one before that is past merging with anything after the pause.
func (s *Scanner) holdsLast() bool {
	if !s.waitRepeats || !s.done || s.phead < len(s.pending) || s.err != nil || !s.paused() {
		return false
	}
	e := s.last()
	return s.cur.Offset >= e.base+int64(e.end)-maxObject
}

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
func (l *Live) BytesRead() int64 { return l.st.g.read.Load() }

// SawBinary reports whether the input read so far contained NUL bytes.
func (l *Live) SawBinary() bool { return l.binary || l.sc != nil && l.sc.SawBinary() }

// Close stops reading the stream. A read in progress is not interrupted: the
// goroutine ends when it returns.
func (l *Live) Close() {
	l.stopped.Do(func() {
		l.st.g.close()
		if l.sc != nil && l.sc.par != nil {
			l.sc.par.close()
			l.sc.par.workers.Wait()
		}
		// No Scanner touches the ring from here on.
		l.st.g.leave()
	})
}
