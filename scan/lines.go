package scan

import "bytes"

// Line numbers are counted as the scan advances: the newlines of the input
// are counted up to a point that moves forward with the key search (which
// counts them as it searches, see indexKeyLines), with the findings and with
// the buffer, so that each byte is counted once, plus the short way back from
// that point to a finding that starts before it (a body enclosing one found
// first). A second point, the last one counted back to, makes a run of such
// findings, each before the one before, count each byte once too.
//
// Counts are relative to where the Scanner started: lineBase, the newlines
// before that, is added to every finding. A segment's Scanner of a parallel
// scan does not know it; the findings it hands over get it when they are fed
// (see par.go).

// lineCount is a Scanner's count of newlines.
type lineCount struct {
	pos, n   int64 // n newlines from where the Scanner started to input offset pos
	back, bn int64 // the same for the last offset counted back to; back < 0 if none
	base     int64 // newlines before where the Scanner started
}

var newline = []byte{'\n'}

// lines returns the newlines from where the Scanner started to input offset
// o, which must be in the buffer (it is clamped to it).
func (s *Scanner) lines(o int64) int64 {
	l := &s.ln
	o = min(max(o, s.base), s.base+int64(s.end))
	if o >= l.pos {
		s.countTo(o)
		return l.n
	}
	from, n := l.pos, l.n
	if l.back >= s.base && l.back <= l.pos && dist(o, l.back) < l.pos-o {
		from, n = l.back, l.bn
	}
	lo, hi := min(o, from), max(o, from)
	c := int64(bytes.Count(s.buf[lo-s.base:hi-s.base], newline))
	s.work += hi - lo
	if o < from {
		n -= c
	} else {
		n += c
	}
	l.back, l.bn = o, n
	return n
}

// countTo moves the count forward to input offset o, within the buffer.
func (s *Scanner) countTo(o int64) {
	l := &s.ln
	if o <= l.pos || l.pos < s.base {
		return
	}
	// Not counted as work: the key search counts these bytes, each once, as
	// it passes them; the vector search counts their newlines in that pass,
	// the portable one here, so that both builds measure the same work.
	l.n += int64(bytes.Count(s.buf[l.pos-s.base:o-s.base], newline))
	l.pos = o
}

// lineFrom brings the count of newlines to the search position, if it is
// behind it in the buffer, so that the key search may count them on from
// there; it reports whether the count is there.
func (s *Scanner) lineFrom() bool {
	o := s.base + int64(s.pos)
	if s.ln.pos < s.base || s.ln.pos > o {
		return false
	}
	s.countTo(o)
	return true
}

func dist(a, b int64) int64 { return max(a, b) - min(a, b) }
