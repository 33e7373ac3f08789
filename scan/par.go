package scan

import (
	"bytes"
	"encoding/binary"
	"math"
	"sync"
	"sync/atomic"
)

// A large file is cut into segments that goroutines scan at the same
// time, each Scanner starting a little before its segment (warmUp) so that
// its state has caught up with the one a single Scanner would have there.
// Whether it has is checked, not assumed: at a segment's end its Scanner
// goes on for a few key candidates, recording its state after each, and the
// next segment's Scanner records its own after the same candidates. The
// first candidate after which both states are equal — in every part that
// can still affect what is found — is where the findings of the one give way
// to those of the other: from there on both Scanners would find the same.
// If no state matches, the first Scanner goes on through the next segment
// itself, so the findings, and their order, are always those of one Scanner
// reading the whole input.
//
// A segment's goroutine stops at maxSegFindings findings, and Scan then goes
// on with its Scanner, alone: so segments are cut as they are taken, each
// sized from the density of findings in the last one scanned, to hold about
// three quarters of that, between seg/8 and seg bytes. Dense input is thus
// scanned in parallel too, and sparse input in segments of the full size.

const (
	segSize  = 4 << 20  // input bytes per segment, at most
	warmUp   = 96 << 10 // bytes scanned before a segment's start, at most
	minWarm  = 16 << 10 // and at least, unless less is asked for (tests)
	syncKeys = 16       // key candidates after a boundary whose states are compared
	syncSpan = 64 << 10 // nor further than this past the boundary
	// A segment's goroutine stops at this many findings, or once their
	// fields hold this many bytes; Scan goes on with its Scanner. So dense
	// input holds no more than this in memory per segment (at most
	// GOMAXPROCS+1 segments are held).
	maxSegFindings = 4 << 10
	maxSegBytes    = 1 << 20
	parMin         = 4 * segSize
)

// found is a finding and the key candidate whose handling found it.
type found struct {
	key int64
	f   Finding
}

// segment is the part [start, end) of the input a goroutine scans.
type segment struct {
	start, end int64
	s          *Scanner
	found      []found    // in the order found
	bytes      int        // bytes held by the fields of found
	head       []snapshot // states at start and after the first keys from start
	tail       []snapshot // states at end and after the first keys from end
	done       chan struct{}
	last       bool      // the segment ends the input
	view       *ringView // for a stream: where its Scanner's windows start
}

func (g *segment) add(key int64, f Finding) {
	if key >= g.start { // before it, the Scanner warms up
		g.found = append(g.found, found{key, f})
		g.bytes += len(f.Message) + len(f.RequestID) + len(f.Request)
	}
}

// full reports whether g holds as many findings as its goroutine may find.
func (g *segment) full(most int) bool {
	return len(g.found) >= most || g.bytes >= maxSegBytes
}

type par struct {
	mu   sync.Mutex
	grew *sync.Cond // signalled when a segment is cut
	// segs are the segments cut so far, in input order; nil once consumed.
	segs []*segment
	low  int // segs[:low] are nil
	size int64
	// A segment is cut target bytes long (see learn), from minSeg (seg/8,
	// or more for small ones) to seg bytes, at cutAt.
	seg, minSeg, target, cutAt int64

	warm    int64                     // warmUp, or less in tests
	most    int                       // maxSegFindings, or less in tests
	scanner func(from int64) *Scanner // a Scanner searching from input offset from
	read    *atomic.Int64
	slots   chan struct{} // one per segment started and not yet consumed
	spare   chan []found  // found lists of consumed segments, for reuse
	quit    chan struct{}
	stop    sync.Once
	workers sync.WaitGroup
	file    *mapFile // closed once the workers are gone; nil in tests
	// st is the stream scanned, if the input is one: its size is known
	// once it ends or pauses, and segments are cut as it comes. cutting
	// serializes the cuts, which wait for input; nextView is the view of the
	// segment to be cut next.
	st       *stream
	cutting  sync.Mutex
	nextView *ringView

	// The consumer's side.
	owner *segment // the segment whose Scanner's findings are fed
	j     int      // the segment whose range owner is in
	fed   int      // owner.found[:fed] were fed
	from  int64    // findings with keys at or before it came from an earlier Scanner
	bound int64    // owner's findings with keys up to it may be fed
	sync  int64    // if >= 0, where owner hands over to segment j+1
	ready bool     // owner is done with its own segment
	err   error

	handovers, absorbed int // how often states matched or did not, for tests
	alone               int // findings the consumer's side found itself, for tests
}

// newPar starts the goroutines that scan [0, size) in segments of up to seg
// bytes.
func newPar(size, seg, warm int64, workers, most int, scanner func(int64) *Scanner, read *atomic.Int64) *par {
	p := makePar(size, seg, warm, workers, most, scanner, read)
	p.start(workers)
	return p
}

// makePar returns a par that start sets going.
func makePar(size, seg, warm int64, workers, most int, scanner func(int64) *Scanner, read *atomic.Int64) *par {
	p := &par{scanner: scanner, read: read, warm: warm, most: most, quit: make(chan struct{}), slots: make(chan struct{}, workers+1)}
	p.grew = sync.NewCond(&p.mu)
	// Segments of less than a few KiB are not worth their warm-up.
	p.size, p.seg, p.minSeg = size, seg, max(seg/8, min(seg, 4<<10))
	// The first segments are cut before any density is known: small
	// enough that dense input does not fill them.
	p.target = max(p.minSeg, seg/4)
	p.spare = make(chan []found, cap(p.slots))
	return p
}

// start starts the goroutines, and waits for the first segment.
func (p *par) start(workers int) {
	for range workers {
		p.workers.Go(p.worker)
	}
	p.owner, p.j, p.from, p.sync, p.bound = p.at(0), 0, -1, -1, -1
}

// cut adds the next segment, or returns nil at the end of the input.
func (p *par) cut() *segment {
	target := int64(-1)
	if p.st != nil {
		// Wait for the input past the segment, or for its end. The
		// segment is as long as that input allows, whatever learn sets
		// meanwhile: it may not end past the stream's end.
		p.cutting.Lock()
		defer p.cutting.Unlock()
		p.mu.Lock()
		at := p.cutAt
		target = p.target
		p.mu.Unlock()
		if at >= p.size {
			return nil
		}
		if end, eof, _ := p.st.reach(at + target + 1); eof {
			p.mu.Lock()
			p.size = end
			p.mu.Unlock()
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cutAt >= p.size && !(p.cutAt == 0 && p.st != nil) {
		return nil
	}
	if target < 0 {
		target = p.target
	}
	// An empty stream has a segment all the same: the one Scan waits for.
	g := &segment{start: p.cutAt, end: min(p.cutAt+target, p.size), done: make(chan struct{})}
	g.last = g.end == p.size
	if p.st != nil {
		g.view = p.nextView
		p.nextView = nil
		if !g.last {
			p.nextView = p.st.view(max(0, g.end-p.warm) - lookback)
		}
	}
	p.cutAt = g.end
	p.segs = append(p.segs, g)
	p.grew.Broadcast()
	return g
}

// at returns segment i, once it is cut.
func (p *par) at(i int) *segment {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i >= len(p.segs) {
		p.grew.Wait()
	}
	return p.segs[i]
}

// learn sets the size of the segments cut next from what g held up to
// where its Scanner stopped: about three quarters of what fills one.
func (p *par) learn(g *segment, stop int64) {
	n := min(stop, g.end) - g.start
	t := p.seg
	if len(g.found) > 0 {
		t = min(t, n*int64(p.most)*3/4/int64(len(g.found)))
	}
	if g.bytes > 0 {
		t = min(t, n*maxSegBytes*3/4/int64(g.bytes))
	}
	p.mu.Lock()
	p.target = max(t, p.minSeg)
	p.mu.Unlock()
}

// reach returns how far past end a Scanner goes to take the states that
// decide a hand-over: never past the end of the segment after the one
// that ends at end, which is at least minSeg bytes long unless it is last.
func (p *par) reach(end int64) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return min(end+min(syncSpan, p.minSeg), p.size)
}

// close stops the goroutines and releases the window the consumer's side
// holds; the descriptor is closed once no goroutine can read it any more.
func (p *par) close() {
	p.stop.Do(func() {
		close(p.quit)
		if p.ready && p.owner.s != nil && p.owner.s.m != nil {
			p.owner.s.m.release()
		}
		if p.file != nil {
			go func() {
				p.workers.Wait()
				p.file.close()
			}()
		}
	})
}

func (p *par) worker() {
	for {
		select {
		case p.slots <- struct{}{}:
		case <-p.quit:
			return
		}
		g := p.cut()
		if g == nil {
			return
		}
		p.run(g)
	}
}

// run scans segment g.
func (p *par) run(g *segment) {
	select {
	case g.found = <-p.spare:
	default:
	}
	from := max(0, g.start-p.warmUp(g))
	s := p.scanner(from)
	s.seg = g
	s.vw = g.view
	g.s = s
	if from > 0 {
		s.lineStart(g.start)
	}
	s.runTo(g.start)
	if g.start > 0 {
		g.head = s.snapshots(g.start, g.end)
	}
	s.stop = g.end
	for !s.done && s.base+int64(s.pos) < g.end && !g.full(p.most) {
		s.step()
	}
	stop := s.base + int64(s.pos)
	if s.done {
		stop = g.end
	}
	p.learn(g, stop)
	if !g.last && s.base+int64(s.pos) >= g.end {
		g.tail = s.snapshots(g.end, p.reach(g.end))
	}
	s.detach()
	p.read.Add(g.end - g.start)
	close(g.done)
}

// warmUp returns how far before segment g its Scanner starts: p.warm, or
// less before a short segment (dense input), whose states match the
// previous segment's after a shorter warm-up (every line holds a key), and
// whose warm-up would otherwise cost a large share of the work: the bytes
// of a segment's warm-up are scanned twice. Never less than minWarm.
func (p *par) warmUp(g *segment) int64 {
	return min(p.warm, max(minWarm, (g.end-g.start)/32))
}

// lineStart moves a Scanner that has not searched yet to the start of the
// next line, if one starts before limit: a Scanner started inside a line
// reads its end as a line of its own, which can leave its state apart
// from the one of a Scanner that read the whole line for long after.
func (s *Scanner) lineStart(limit int64) {
	switch {
	case s.buf != nil:
	case s.st != nil:
		s.slide()
	case s.m != nil && !s.m.reading:
		s.remap()
	}
	end := min(s.end, int(limit-s.base))
	if s.pos >= end {
		return
	}
	if i := bytes.IndexByte(s.buf[s.pos:end], '\n'); i >= 0 {
		s.pos += i + 1
	}
}

// runTo handles every key candidate before input offset stop.
func (s *Scanner) runTo(stop int64) {
	s.stop = stop
	for !s.done && s.base+int64(s.pos) < stop {
		s.step()
	}
}

// snapshots returns the state at input offset from and after each of the
// next key candidates, up to syncKeys of them, none at or after limit.
func (s *Scanner) snapshots(from, limit int64) []snapshot {
	out := make([]snapshot, 1, syncKeys+1)
	out[0] = s.snapshot(from - 1)
	s.stop = min(from+syncSpan, limit)
	for len(out) <= syncKeys && !s.done && s.base+int64(s.pos) < s.stop {
		k := s.lastKey
		s.step()
		if s.lastKey != k {
			out = append(out, s.snapshot(s.lastKey))
		}
	}
	return out
}

// detach releases the window of a Scanner that may go on later; it reads a
// window again when it does.
func (s *Scanner) detach() {
	if s.m == nil || s.m.reading {
		// A stream's window is given up with the segment (release).
		return
	}
	if !s.done {
		s.countTo(s.base + int64(s.pos))
	}
	s.m.release()
	if !s.done {
		s.base += int64(s.pos)
		s.buf, s.pos, s.end, s.eof = nil, 0, 0, false
	}
}

// feed hands the next finding to the queue, or ends the scan.
func (s *Scanner) feed() {
	p := s.par
	for {
		if o := p.owner; p.ready && p.fed < len(o.found) && o.found[p.fed].key <= p.bound {
			fd := o.found[p.fed]
			p.fed++
			if fd.key <= p.from {
				continue
			}
			fd.f.Line += o.s.ln.base
			s.holdFrom(o.s)
			s.insert(fd.f)
			s.feedPos = fd.key + 1
			return
		}
		if !p.next() {
			s.holdFrom(p.owner.s)
			s.done = true
			s.err = p.err
			p.close()
			if s.m != nil {
				s.seekEnd()
			}
			return
		}
		s.binary = s.binary || p.owner.s.binary
	}
}

// next moves the feed on once owner's findings up to bound are fed; false at
// the end.
func (p *par) next() bool {
	o := p.owner
	if !p.ready {
		<-o.done
		p.ready = true
		p.setBound()
		return true
	}
	if err := o.s.err; err != nil {
		p.err = err
		return false
	}
	if end := p.at(p.j).end; !o.s.done && o.s.base+int64(o.s.pos) < end {
		// owner's Scanner stopped short of the end of segment j: go on with
		// it, a few findings at a time.
		if p.fed == len(o.found) {
			clear(o.found)
			o.found, o.bytes, p.fed = o.found[:0], 0, 0
		}
		o.s.stop = end
		n := len(o.found)
		for len(o.found) == n && !o.s.done && o.s.base+int64(o.s.pos) < end {
			o.s.step()
		}
		p.alone += len(o.found) - n
		return true
	}
	if p.bound == math.MaxInt64 {
		return false
	}
	if p.sync >= 0 {
		// Hand over to the next segment's Scanner.
		n := p.at(p.j + 1)
		p.handovers++
		// Both Scanners counted lines from where each started; at the key
		// where they agree, the difference is the newlines between.
		n.s.ln.base = o.s.ln.base + linesAt(o.tail, p.sync) - linesAt(n.head, p.sync)
		p.release(o)
		p.forget(p.j)
		p.owner, p.j, p.fed, p.from, p.sync = n, p.j+1, 0, p.sync, -1
		p.setBound()
		return true
	}
	// At the end of segment j.
	end := p.at(p.j).end
	if o.tail == nil {
		o.tail = o.s.snapshots(end, p.reach(end))
	}
	n := p.at(p.j + 1)
	<-n.done
	if at := matchAt(o.tail, n.head); at >= 0 {
		p.sync, p.bound = at, at
		return true
	}
	// No state matches: owner goes on through segment j+1 itself.
	p.absorbed++
	p.discard(n)
	p.j++
	o.tail = nil
	p.setBound()
	return true
}

// setBound lets the owner's findings up to the end of segment j be fed.
func (p *par) setBound() {
	g := p.at(p.j)
	p.bound = g.end - 1
	if g.last {
		p.bound = math.MaxInt64
	}
}

// holdFrom takes over the hold of o, the Scanner whose findings are fed
// (see holdAt): that of the last one, at a pause of a stream.
func (s *Scanner) holdFrom(o *Scanner) {
	if o != nil && o.hold >= 0 {
		s.holdAt(o.hold)
	}
}

// release gives up a consumed segment.
func (p *par) release(g *segment) {
	if g.s != nil {
		g.s.done = true
		g.s.detach()
	}
	if g.view != nil {
		p.st.drop(g.view)
	}
	clear(g.found)
	select {
	case p.spare <- g.found[:0]:
	default:
	}
	g.found, g.bytes, g.head, g.tail, g.s = nil, 0, nil, nil, nil
	<-p.slots
}

// discard drops the results of a segment another Scanner covers.
func (p *par) discard(g *segment) {
	<-g.done
	p.release(g)
}

// forget drops the segments up to segment j, all consumed, from segs.
func (p *par) forget(j int) {
	p.mu.Lock()
	clear(p.segs[p.low : j+1])
	p.low = j + 1
	p.mu.Unlock()
}

// matchAt returns the key after which a and b, taken by two Scanners at the
// same places, first hold equal states, or -1.
func matchAt(a, b []snapshot) int64 {
	for i := range min(len(a), len(b)) {
		if a[i].p != b[i].p {
			break
		}
		if a[i].state == b[i].state {
			return a[i].p
		}
	}
	return -1
}

// linesAt returns the line count of the snapshot after key p.
func linesAt(sn []snapshot, p int64) int64 {
	for _, x := range sn {
		if x.p == p {
			return x.lines
		}
	}
	return 0 // not reached: matchAt found p in both
}

// tokState is what a snapshot keeps of the tokenizer.
type tokState uint8

const (
	tokDead    tokState = iota // reset at the next key whatever it holds
	tokInvalid                 // reset at the next key unless before pos
	tokLive
)

// snapshot is the state of a Scanner after key candidate p.
type snapshot struct {
	state
	// lines is the Scanner's count of newlines up to p. It is not
	// compared: each Scanner counts from where it started.
	lines int64
}

// state is the part of a Scanner's state after key candidate p that can
// still change what it finds, everything being searched from p+1 on. Values
// that can no longer matter are clamped to the same floor. It is one
// comparable value, compared with ==, so that a field added to it cannot be
// left out of the comparison; the tokenizer's stack and the parsed ranges,
// which vary in length, are held as strings of their bytes.
type state struct {
	p                                                  int64
	lastKey                                            int64
	tok                                                tokState
	tokPos                                             int64
	inStr, esc                                         bool
	lost                                               int
	stack                                              string // little-endian int64s
	ranges                                             string // doneRange.append of each
	horizon, pyLast, pyWater, javaLast, javaWater, ctx int64
	escEnd, escFloor, looseEnd, escNoClose             int64
	viewEnd, viewDry                                   int64
	recEnd, recScan                                    int64
}

// snapshot takes the state after key candidate p. The floors follow from
// where later keys are (from p+1 on): a JSON key's quote at k >= p-1 and its
// object from k-jsonLook on, an SDK key at k >= p; see the uses of each field.
func (s *Scanner) snapshot(p int64) snapshot {
	kq := p - 1 // earliest quote of a later JSON key
	sn := snapshot{lines: s.lines(p)}
	sn.state = state{
		p: p,
		// readThrough decides a line at its first key, and bounds its
		// block by the line after the key before: a scanner started cold
		// knows no key before its first, so its state never stands for one
		// that saw a key, before the two have handled the same key.
		lastKey: s.lastKey,
		// A later key's looseAnchor looks back from its quote to no
		// further than looseLook, nor than the horizon or looseEnd: both
		// can matter down to there (a body parsed before key p stops that
		// look-back only in the Scanner that parsed it).
		horizon:   max(s.horizon, kq-looseLook),
		pyLast:    max(s.pyLast, p-1-sdkLook),
		pyWater:   max(s.pyWater, p-sdkLook),
		javaLast:  max(s.javaLast, p-1-sdkLook),
		javaWater: max(s.javaWater, p-sdkLook),
		ctx:       max(s.ctxFloor, kq-jsonLook-ctxLook),
		// An escaped key's backslash is at p-3 for this key, so at p-2 or
		// later for the next ones, which look back jsonLook from there.
		escEnd:   max(s.escEnd, p-2),
		escFloor: max(s.escFloor, p-2-jsonLook),
		// Later escaped keys start at p-2 or later (their backslashes).
		escNoClose: max(s.escNoClose, p-2),
		looseEnd:   max(s.looseEnd, kq-looseLook),
		// Later keys are at p+1 or later.
		viewEnd: max(s.view.end, p),
		viewDry: max(s.view.dry, p),
		// A later code starts at p+1-maxCode or later, and its records
		// are read from recLook before it, or before an escaped string
		// that starts up to jsonLook before its key.
		recEnd:  max(s.recEnd, p+1-maxCode-jsonLook-recLook),
		recScan: max(s.recScan, p+1-maxCode-jsonLook-recLook),
	}
	t := &s.tok
	rangesFrom := kq - jsonLook
	switch {
	case !t.valid && t.pos <= kq, t.valid && t.pos < kq-jsonLook:
		sn.tok = tokDead
	case !t.valid:
		sn.tok, sn.tokPos = tokInvalid, t.pos
	default:
		sn.tok, sn.tokPos, sn.inStr, sn.esc, sn.lost = tokLive, t.pos, t.inStr, t.esc, t.lost
		stack := make([]byte, 0, 8*t.n)
		open := int64(math.MaxInt64)
		for i := range t.n {
			v := t.stack[(t.top-t.n+i+tokDepth)%tokDepth]
			stack = binary.LittleEndian.AppendUint64(stack, uint64(v))
			if v >= 0 {
				open = min(open, v)
			}
		}
		sn.stack = string(stack)
		// Only an object still open can be parsed again, and jump over
		// what was parsed inside it.
		rangesFrom = open
	}
	var ranges []byte
	for _, r := range s.ranges[s.rhead:] {
		if r.start >= rangesFrom {
			ranges = r.append(ranges)
		}
	}
	sn.ranges = string(ranges)
	return sn
}

// append appends r's fields to b, as bytes.
func (r doneRange) append(b []byte) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(r.start))
	b = binary.LittleEndian.AppendUint64(b, uint64(r.end))
	if r.found {
		return append(b, 1)
	}
	return append(b, 0)
}
