package scan

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// Text that a terminal or a paste decorated is read through, as if the
// decoration were not there: ANSI escape sequences (CSI, OSC and the other
// string sequences, in their 7-bit ESC forms and their 8-bit C1 forms), and
// a prefix that every line of a record carries — the "> " of a quoted reply,
// the "│ " of Terraform's diagnostic box, the "api-1  | " column of docker
// compose logs, a log line's timestamp and level repeated on each line of a
// pretty-printed body.
//
// The recognizers know nothing of this. At a key candidate whose line holds
// an escape sequence, or carries a prefix that the line before it carries
// too (and that is a quote, box or column marker, or that a record split
// over lines continues after, a JSON string that a wrapping cut among
// them), the lines around the key that are decorated
// alike form a block. The block is copied without its decoration, lines that
// a prefix's wrapping cut inside a JSON string joined again with the space
// the wrapping took, and scanned as input of its own; its findings are
// mapped back to the input's offsets. Plain lines that a wrapping cut inside
// a JSON string (Terraform's diagnostics without colors, where the string
// is a body's message) are such a block too, with an empty prefix: the lines
// before the key as context, joined only from the line where the string
// opens to the end of its record. The fast path only looks at each line
// holding a key once, for an escape byte, for a prefix shared with the line
// before, and for an odd number of quotes. A block of colored lines without
// a common prefix may hold lines that carry one (Terraform's colored output,
// then its diagnostic box): its own Scanner reads those through in turn,
// once the colors are gone. Each input byte is in at most one block of each
// kind, so the work stays linear.

const (
	maxViewLine   = 4 << 10 // longer lines are never read through
	maxPrefix     = 128     // longest line prefix read through
	maxEscape     = 256     // longest escape sequence stripped
	viewLineCheck = 256     // bytes of a line's start compared for a prefix
	// viewSpan is how far past its first key a block goes, or up to four
	// times that to close a record it opened; the next key after it starts
	// a block of its own.
	viewSpan = 64 << 10
)

// viewState is what a Scanner remembers of the text layer.
type viewState struct {
	// end: keys before it were in a block read through; dry: keys before
	// it were in a block read through in vain, left to the recognizers.
	end, dry int64
	// lineStart is the start of the line of the last key looked at, or a
	// bound before it (exact false: no newline in the maxViewLine bytes
	// before that key); no newline is in [lineStart, scanned).
	lineStart, scanned int64
	exact              bool
	heads              [3][viewLineCheck]byte // line starts without escapes
	// The line of the last key decided, up to its newline, and whether it
	// holds an escape sequence.
	prevStart, prevEnd int64
	prevColored        bool
}

func (v *viewState) reset() {
	v.end, v.dry, v.lineStart, v.scanned, v.exact = 0, 0, -1, -1, false
	v.prevStart, v.prevEnd = -1, -1
}

// readThrough handles the key candidate at buffer index p if it stands in
// decorated text, and reports whether it did (or a block read through
// before covered it).
func (s *Scanner) readThrough(p int, prevKey int64) bool {
	abs := s.base + int64(p)
	if abs < s.view.end {
		return true
	}
	if s.noView {
		return false
	}
	ls := s.viewLineStart(p)
	if ls < 0 || prevKey >= s.base+int64(ls) || abs < s.view.dry {
		// Too long a line, its first key decided already, or in a block
		// read through in vain.
		return false
	}
	b := s.buf[:s.end]
	lim := min(len(b), ls+maxViewLine)
	// Most lines are plain (no escape, no byte above 0x7f): lineEnd finds
	// their end, and the first mark on them, and says so in one pass.
	e, mark := lineEnd(b[ls:lim])
	le := ls + e
	colored := false
	if e >= 0 {
		s.work += int64(le - ls)
		if inLineRecord(b, ls, p, ls+mark) && !s.mayWrap(b[ls:le]) {
			return false
		}
	} else {
		le = ls + bytes.IndexByte(b[ls:lim], '\n')
		if le < ls {
			le = lim
		}
		s.work += int64(le - ls)
		colored = hasEscape(b[ls:le])
		if !colored && inLineRecord(b, ls, p, -1) && !s.mayWrap(b[ls:le]) {
			return false
		}
	}
	if le == lim && longLine(b, lim) {
		return false
	}
	// The prefix the line shares with the line before, or else with the
	// line after (the first line of a block).
	h := &s.view.heads
	l1 := b[ls:min(le, ls+viewLineCheck)]
	if colored {
		l1 = stripped(h[1][:0], l1)
	}
	var l0 []byte
	if v := &s.view; v.prevEnd == s.base+int64(ls)-1 && v.prevStart >= s.base {
		// The line before held the last key looked at: known already.
		ps := int(v.prevStart - s.base)
		if l0 = b[ps:min(ls-1, ps+viewLineCheck)]; colored || v.prevColored {
			l0 = stripped(h[0][:0], l0)
		}
	} else if ps := s.prevLineStart(ls); ps >= 0 {
		s.work += int64(min(ls-1, ps+viewLineCheck) - ps)
		l0 = lineHead(&h[0], colored, b[ps:min(ls-1, ps+viewLineCheck)])
	}
	s.view.prevStart, s.view.prevEnd, s.view.prevColored = s.base+int64(ls), s.base+int64(le), colored
	pre := linePrefix(l0, l1)
	before := l0[min(len(pre), len(l0)):]
	if pre == nil && le < len(b) {
		ne := min(len(b), le+1+viewLineCheck)
		if i := bytes.IndexByte(b[le+1:ne], '\n'); i >= 0 {
			ne = le + 1 + i
		}
		s.work += int64(ne - le)
		pre = linePrefix(lineHead(&h[2], colored, b[le+1:ne]), l1)
		// The line before does not carry the prefix: the key's line is
		// the block's first, as at the input's start. (An empty line
		// there is no blank line of the block.)
		before = nil
	}
	if pre != nil && !prefixReads(pre, l1[len(pre):], before) &&
		(colored || s.inBlock || s.wrapStart(ls, le, pre, prevKey) < 0) {
		pre = nil
	}
	// join is where lines cut inside a JSON string start to be joined: the
	// whole block for a prefix's; for plain lines, a string that a wrapping
	// cut on the key's line or the line before (the empty prefix), and only
	// from there on.
	join := -1
	if !colored && pre == nil {
		if s.inBlock {
			return false
		}
		if join = s.wrapStart(ls, le, nil, prevKey); join < 0 {
			return false
		}
		pre = []byte{}
	}
	// The block: the lines around the key decorated alike, not back into
	// what an earlier key handled, nor further than a body's context.
	floor := max(int(s.view.end-s.base), 0, ls-ctxLook)
	if prevKey >= s.base {
		k := int(prevKey - s.base)
		if nl := bytes.IndexByte(b[k:ls], '\n'); nl >= 0 {
			floor = max(floor, k+nl+1)
		} else {
			floor = ls
		}
	}
	start := ls
	for start > floor {
		ps := floor
		if i := lastNL(b[floor : start-1]); i >= 0 {
			ps = floor + i + 1
		} else if floor > 0 && b[floor-1] != '\n' {
			break
		}
		s.work += int64(start - ps)
		if !blockLine(b[ps:start-1], pre, colored) {
			break
		}
		start = ps
	}
	// Past viewSpan, the block ends with the first line that closes what
	// it opened, never inside a record a prefix's wrapping cut.
	var rs recState
	from, span := start, viewSpan
	if join >= 0 {
		// Plain lines: up to the end of the record the wrapped string is
		// in, which the lines before it have no say in.
		from, span = join, 0
	}
	for i := from; i < le; {
		j := i + bytes.IndexByte(b[i:le], '\n')
		if j < i {
			j = le
		}
		rs.line(b[i:j], pre != nil)
		i = j + 1
	}
	end := le
	for stop := min(len(b), p+4*viewSpan); end < stop && (end < p+span || rs.open()); {
		ne := end + 1 + bytes.IndexByte(b[end+1:stop], '\n')
		if ne <= end {
			ne = stop
		}
		s.work += 2 * int64(ne-end)
		if !blockLine(b[end+1:ne], pre, colored) {
			break
		}
		rs.line(b[end+1:ne], pre != nil)
		end = ne
	}
	if end < len(b) && b[end] == '\n' {
		end++
	}
	text, marks := s.normalize(b[start:end], pre, max(join-start, 0))
	// Without a prefix, the text may still hold prefixed lines.
	in := &Scanner{buf: text, end: len(text), eof: true, namespaces: s.namespaces, noLoose: s.noLoose, noMerge: s.noMerge, noView: pre != nil, inBlock: true}
	in.init()
	in.cutEnd = end == len(b) && s.paused()
	n := 0
	for in.Scan() {
		f := in.Finding()
		f.Offset = s.base + int64(start) + marks.raw(f.Offset)
		s.emit(f)
		n++
	}
	s.work += in.work + int64(end-start)
	if in.hold >= 0 {
		s.holdAt(s.base + int64(start) + marks.raw(in.hold))
	}
	if n > 0 {
		s.view.end = s.base + int64(end)
		return true
	}
	// Nothing there: the keys of the block are left to the recognizers.
	s.view.dry = s.base + int64(end)
	return false
}

// longLine reports whether the line that reaches buffer index lim, the
// key's line start plus maxViewLine, with no newline before it, goes on past
// it: such a line is never read through. Cut at lim, it would end inside
// what it holds (a body, a string whose quotes then look unpaired), and
// its block's Scanner would miss the body that lim cuts.
func longLine(b []byte, lim int) bool { return lim < len(b) && b[lim] != '\n' }

// mayWrap reports whether the key's line holds an odd number of double
// quotes: a line that a wrapping may have cut inside a JSON string (or one
// whose string holds an escaped quote), which wrapStart tells apart. A
// block's own Scanner reads text that is decorated or joined already.
func (s *Scanner) mayWrap(line []byte) bool {
	if s.inBlock {
		return false
	}
	s.work += int64(len(line))
	return bytes.Count(line, []byte{'"'})&1 == 1
}

// wrapStart returns the buffer index of the start of the line where a JSON
// string that a wrapping cut opens, if the key's line, [ls, le), ends inside
// one (ls), or starts inside one that an earlier line opened and the lines
// between go on (that line's start); else -1. Such a string must close on a
// later line and be followed there by what follows a JSON key or value (a
// comma, colon, brace or bracket, or the line's end): a line that starts a
// record after one that a string left open (a broken body, junk) is not its
// continuation. Each line is read from after the prefix pre, which the lines
// around must carry. The search goes at most maxViewLine bytes either way
// and not back past the line of the key before, prevKey: each line is read
// over a bounded number of times.
func (s *Scanner) wrapStart(ls, le int, pre []byte, prevKey int64) int {
	b := s.buf[:s.end]
	s.work += int64(le - ls)
	if le-ls < len(pre) || bytes.Count(b[ls+len(pre):le], []byte{'"'})&1 == 0 {
		// A line cut inside a string, or continuing one, holds an odd
		// number of quotes: most lines are told by a vector count.
		return -1
	}
	s.work += int64(le - ls)
	if openString(b[ls+len(pre) : le]) {
		for l := le + 1; l < len(b) && l-le <= maxViewLine; {
			e := l + bytes.IndexByte(b[l:min(len(b), l+maxViewLine)], '\n')
			if e < l {
				e = min(len(b), l+maxViewLine)
			}
			s.work += int64(e - l)
			if !hasPrefix(b[l:e], pre) {
				return -1
			}
			if line := b[l+len(pre) : e]; closingQuote(line) >= 0 {
				if !closesValue(line) {
					return -1
				}
				return ls
			}
			l = e + 1
		}
		return -1
	}
	if !closesValue(b[ls+len(pre) : le]) {
		return -1
	}
	k := int(prevKey - s.base)
	for l := ls; ls-l < maxViewLine; {
		ps := s.prevLineStart(l)
		if ps < 0 || ls-ps > maxViewLine || !hasPrefix(b[ps:l-1], pre) {
			return -1
		}
		line := b[ps+len(pre) : l-1]
		s.work += int64(l - ps)
		if openString(line) {
			return ps
		}
		if ps <= k || closingQuote(line) >= 0 {
			// The key before is on that line, or a string closes there:
			// no wrapped string goes on from before it.
			return -1
		}
		l = ps
	}
	return -1
}

// closesValue reports whether line, which starts inside a JSON string,
// closes it, and what follows the closing quote (blanks aside) is what
// follows a JSON key or value.
func closesValue(line []byte) bool {
	q := closingQuote(line)
	if q < 0 {
		return false
	}
	i := q + 1
	for i < len(line) && (isBlank(line[i]) || line[i] == '\r') {
		i++
	}
	if i == len(line) {
		return true
	}
	switch line[i] {
	case ',', ':', '}', ']':
		return true
	}
	return false
}

// closingQuote returns the index of the quote that ends a JSON string that
// line starts inside of, or -1 if the string goes on past the line.
func closingQuote(line []byte) int {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// openString reports whether line, read as JSON text that starts outside
// any string, ends inside a string that stands where a JSON key or value
// does (after a brace, bracket, comma or colon, blanks aside): a string
// that a wrapping cut at the line's end, as Terraform's does at the
// terminal's width.
func openString(line []byte) bool {
	in, esc, keyed := false, false, false
	var last byte // the last byte outside strings that is not a blank
	for _, c := range line {
		switch {
		case esc:
			esc = false
		case in:
			switch c {
			case '\\':
				esc = true
			case '"':
				in, last = false, c
			}
		case c == '"':
			in, keyed = true, last == '{' || last == '[' || last == ',' || last == ':'
		case !isBlank(c):
			last = c
		}
	}
	return in && keyed
}

// lineHead returns line, without its escape sequences (copied to h) if it
// or the key's line holds any.
func lineHead(h *[viewLineCheck]byte, colored bool, line []byte) []byte {
	if colored || hasEscape(line) {
		return stripped(h[:0], line)
	}
	return line
}

// prevLineStart returns the buffer index of the start of the line before
// the one starting at ls, or -1 if there is none or it is too long.
func (s *Scanner) prevLineStart(ls int) int {
	if ls == 0 || s.buf[ls-1] != '\n' {
		return -1
	}
	lo := max(0, ls-1-maxViewLine)
	if i := lastNL(s.buf[lo : ls-1]); i >= 0 {
		return lo + i + 1
	}
	if lo == 0 && s.base == 0 {
		return 0
	}
	return -1
}

// inLineRecord reports whether the key at p follows a brace, bracket,
// comma or colon on its line, with no quote, box or column mark before it:
// a record that started on the line, which no prefix cut. Most keys of a
// log are such, and need no further look. For a plain line (see lineEnd),
// mark is the first '>' or '|' on it (or any index past the key), and it
// holds no box mark's bytes; else mark is -1.
func inLineRecord(b []byte, ls, p, mark int) bool {
	j := p - 1 // the key's 'e'
	if j > ls && b[j-1] == '"' {
		j--
	}
	for j > ls && isBlank(b[j-1]) {
		j--
	}
	if j <= ls {
		// Nothing before the key on its line, or the key's 'e' is not in
		// the buffer (a key cut at its start).
		return false
	}
	switch b[j-1] {
	case '{', '[', ',', ':':
	default:
		return false
	}
	// A mark is in a prefix, at most maxPrefix bytes long.
	he := min(j, ls+maxPrefix)
	if mark >= 0 {
		return mark >= he
	}
	head := b[ls:he]
	return bytes.IndexByte(head, '>') < 0 && bytes.IndexByte(head, '|') < 0 && bytes.IndexByte(head, 0xe2) < 0
}

// viewLineStart returns the buffer index of the start of p's line, or -1 if
// it starts more than maxViewLine bytes before p.
func (s *Scanner) viewLineStart(p int) int {
	v := &s.view
	abs := s.base + int64(p)
	if v.lineStart < s.base || v.scanned < s.base || v.scanned > abs {
		lo := max(0, p-maxViewLine)
		v.exact, v.scanned = true, abs
		if i := lastNL(s.buf[lo:p]); i >= 0 {
			v.lineStart = s.base + int64(lo+i+1)
		} else if lo == 0 && s.base == 0 {
			v.lineStart = 0
		} else {
			v.lineStart, v.exact = s.base+int64(lo)-1, false
		}
		s.work += int64(p - lo)
	} else {
		from := int(v.scanned - s.base)
		if i := lastNL(s.buf[from:p]); i >= 0 {
			v.lineStart, v.exact = s.base+int64(from+i+1), true
		}
		s.work += int64(p - from)
		v.scanned = abs
	}
	if !v.exact || abs-v.lineStart > maxViewLine {
		return -1
	}
	return int(v.lineStart - s.base)
}

// hasEscape reports whether b holds an escape sequence's introducer: ESC,
// or a C1 control that is not part of a UTF-8 sequence.
func hasEscape(b []byte) bool {
	if bytes.IndexByte(b, 0x1b) >= 0 {
		return true
	}
	if ascii(b) {
		return false
	}
	for _, c := range [...]byte{0x9b, 0x9d, 0x90} {
		for i := 0; ; {
			j := bytes.IndexByte(b[i:], c)
			if j < 0 {
				break
			}
			if isC1(b, i+j) {
				return true
			}
			i += j + 1
		}
	}
	return false
}

// ascii reports whether b holds no byte of 0x80 or more.
func ascii(b []byte) bool {
	var or uint64
	for len(b) >= 8 {
		or |= binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	for _, c := range b {
		or |= uint64(c)
	}
	return or&0x8080808080808080 == 0
}

// isC1 reports whether b[i], a byte in 0x80-0x9f, stands alone as a C1
// control rather than continuing a UTF-8 sequence.
func isC1(b []byte, i int) bool {
	for j := i - 1; j >= max(0, i-3); j-- {
		if c := b[j]; c >= 0xc0 {
			r, n := utf8.DecodeRune(b[j:])
			return r == utf8.RuneError || j+n <= i
		} else if c < 0x80 {
			return true
		}
	}
	return true
}

// escapeLen returns the length of the escape sequence at b[at], or 0 if
// there is none there; the bytes before at tell a C1 control from a UTF-8
// sequence's continuation.
func escapeLen(b []byte, at int) int {
	if at >= len(b) {
		return 0
	}
	c1 := isC1(b, at)
	b = b[at:]
	var str bool // a string sequence, ended by ST or BEL
	i := 1
	switch c := b[0]; {
	case c == 0x1b:
		if len(b) < 2 {
			return 1
		}
		switch d := b[1]; {
		case d == '[':
			return csiLen(b, 2)
		case d == ']' || d == 'P' || d == 'X' || d == '^' || d == '_':
			str, i = true, 2
		case d >= 0x20 && d <= 0x2f: // nF: intermediates, then a final byte
			j := 2
			for j < len(b) && j < 8 && b[j] >= 0x20 && b[j] <= 0x2f {
				j++
			}
			if j < len(b) && b[j] >= 0x30 && b[j] <= 0x7e {
				return j + 1
			}
			return 1
		case d == '{' || d == '}':
			// In the Fs range, but no terminal acts on it: a stray ESC
			// before a brace, which stays (a record's own).
			return 1
		case d >= 0x30 && d <= 0x7e:
			return 2
		default:
			return 1
		}
	case c == 0x9b && c1:
		return csiLen(b, 1)
	case (c == 0x9d || c == 0x90 || c == 0x98 || c == 0x9e || c == 0x9f) && c1:
		str = true
	case c == 0x9c && c1:
		return 1
	default:
		return 0
	}
	if !str {
		return 0
	}
	for j := i; j < min(len(b), maxEscape); j++ {
		switch b[j] {
		case 0x07:
			return j + 1
		case 0x1b:
			if j+1 < len(b) && b[j+1] == '\\' {
				return j + 2
			}
			return j
		case 0x9c:
			return j + 1
		case '\n':
			return j
		}
	}
	return 1
}

// csiLen returns the length of a CSI sequence whose parameters start at
// b[i]: parameter bytes, intermediate bytes, a final byte; 1 if malformed.
func csiLen(b []byte, i int) int {
	for j := i; j < min(len(b), i+maxEscape); j++ {
		switch c := b[j]; {
		case c >= 0x20 && c <= 0x3f:
			continue
		case c >= 0x40 && c <= 0x7e:
			return j + 1
		}
		break
	}
	return 1
}

// stripped appends b without its escape sequences to dst.
func stripped(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		if n := escapeLen(b, i); n > 0 {
			i += n
			continue
		}
		dst = append(dst, b[i])
		i++
	}
	return dst
}

// linePrefix returns the prefix that l1 shares with the line l0 before it
// (both without escapes), digits matching any digits: a mark, then one
// space or tab; nil if none. A line l0 that is all of l1's prefix but
// trailing blanks (a quoted reply's blank ">") shares it whole.
func linePrefix(l0, l1 []byte) []byte {
	c := 0
	for c < len(l0) && c < len(l1) && c < maxPrefix && (l0[c] == l1[c] || isDigit(l0[c]) && isDigit(l1[c])) {
		c++
	}
	if c == 0 {
		return nil
	}
	var pre []byte
	t := l0
	if c >= len(l0)-4 {
		t = bytes.TrimRight(l0, " \t\r")
	}
	if len(t) > 0 && c >= len(t) && len(t) < maxPrefix && len(t) < len(l1) && isBlank(l1[len(t)]) {
		pre = l1[:len(t)+1]
	} else {
		j := c - 1
		for j >= 0 && !isBlank(l1[j]) {
			j--
		}
		for j > 0 && isBlank(l1[j-1]) {
			j--
		}
		if j <= 0 {
			return nil
		}
		pre = l1[:j+1]
	}
	mark := false
	for _, ch := range pre {
		switch ch {
		case '"', '\'', '{', '}', '[', ']', '=':
			return nil // JSON or key=value text: not a decoration
		case ' ', '\t':
		default:
			mark = true
		}
	}
	if !mark {
		return nil // indentation
	}
	return pre
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// prefixReads reports whether the prefix pre is one to read through, given
// what follows it on the key's line and on the line before: a quote, box or
// column mark always; any other prefix (a timestamp and level) when a record
// split over lines goes on after it, or follows a blank line of the block
// (a response's body after its headers; before is nil when the key's line
// is the block's first: no line before it carries the prefix).
func prefixReads(pre, rest, before []byte) bool {
	if before != nil && len(bytes.TrimSpace(before)) == 0 {
		return true
	}
	t := bytes.TrimSpace(pre)
	if len(t) > 0 {
		switch r, _ := utf8.DecodeLastRune(t); r {
		case '>', '|', '│', '┃', '║':
			return true
		}
	}
	if len(rest) == 0 {
		return false
	}
	switch rest[0] {
	case ' ', '\t', '"', '}', ']':
		return true
	}
	return false
}

// blockLine reports whether line belongs to a block read through: it
// carries the prefix pre (or is its blank form), or, without a prefix, holds
// an escape sequence or nothing but blanks.
func blockLine(line, pre []byte, colored bool) bool {
	if len(line) > maxViewLine {
		return false
	}
	if pre == nil {
		return colored && (hasEscape(line) || len(bytes.TrimSpace(line)) == 0)
	}
	var h [maxPrefix + maxEscape]byte
	l := stripped(h[:0], line[:min(len(line), len(h)/2)])
	return hasPrefix(l, pre) || len(l) < len(pre) && bytes.Equal(bytes.TrimRight(l, " \t\r"), bytes.TrimRight(pre, " \t"))
}

// hasPrefix reports whether l starts with pre, digits matching any digits.
func hasPrefix(l, pre []byte) bool {
	if len(l) < len(pre) {
		return false
	}
	for i, c := range pre {
		if l[i] != c && !(isDigit(c) && isDigit(l[i])) {
			return false
		}
	}
	return true
}

// viewMarks maps offsets in a block's text back to the block: each mark is
// where a run copied whole starts, in the text and in the block.
type viewMarks []struct{ text, raw int64 }

func (m viewMarks) raw(o int64) int64 {
	lo, hi := 0, len(m)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if m[mid].text <= o {
			lo = mid
		} else {
			hi = mid
		}
	}
	if len(m) == 0 {
		return o
	}
	return m[lo].raw + o - m[lo].text
}

// normalize returns the block's text without escape sequences and the
// prefix of each line, and the marks that map it back. A line from block
// index join on that ends inside a JSON string is joined to the next: the
// line break and the next line's prefix go, and the space that the
// wrapping took comes back (Terraform wraps at the terminal's width,
// between words, and drops the space there), unless the line ends in a
// blank already (a wrapping that kept it, as fold -s does). A CR before
// the line break goes with it.
func (s *Scanner) normalize(block, pre []byte, join int) ([]byte, viewMarks) {
	text := s.viewBuf[:0]
	var marks viewMarks
	mark := func(raw int) {
		marks = append(marks, struct{ text, raw int64 }{int64(len(text)), int64(raw)})
	}
	inStr, esc := false, false
	for ls := 0; ls < len(block); {
		le := bytes.IndexByte(block[ls:], '\n')
		if le < 0 {
			le = len(block)
		} else {
			le += ls
		}
		i := ls
		if pre != nil {
			// The prefix, escapes within it included.
			n := 0
			for i < le && n < len(pre) {
				if k := escapeLen(block[:le], i); k > 0 {
					i += k
					continue
				}
				i++
				n++
			}
		}
		if inStr && pre != nil && ls > join && len(text) > 0 && text[len(text)-1] == '\n' {
			text = text[:len(text)-1]
			if len(text) > 0 && text[len(text)-1] == '\r' {
				text = text[:len(text)-1]
			}
			if len(text) == 0 || !isBlank(text[len(text)-1]) {
				text = append(text, ' ')
			}
		} else {
			inStr, esc = false, false
		}
		mark(i)
		for i < le {
			if k := escapeLen(block[:le], i); k > 0 {
				i += k
				mark(i)
				continue
			}
			c := block[i]
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = inStr
			case c == '"':
				inStr = !inStr
			}
			text = append(text, c)
			i++
		}
		if le < len(block) {
			text = append(text, '\n')
		}
		ls = le + 1
	}
	s.viewBuf = text
	return text, marks
}

// recState follows strings and brackets over a block's lines, roughly
// (escape sequences and a prefix hold neither quotes nor braces).
type recState struct {
	inStr, esc bool
	depth      int
}

// line takes in one more line; a string still open at its end goes on in
// the next line only where a prefix's wrapping may have cut it.
func (r *recState) line(l []byte, wraps bool) {
	if !(wraps && r.inStr) {
		r.inStr, r.esc = false, false
	}
	for _, c := range l {
		switch {
		case r.esc:
			r.esc = false
		case r.inStr:
			switch c {
			case '\\':
				r.esc = true
			case '"':
				r.inStr = false
			}
		case c == '"':
			r.inStr = true
		case c == '{' || c == '[':
			r.depth++
		case c == '}' || c == ']':
			r.depth = max(r.depth-1, 0)
		}
	}
}

func (r *recState) open() bool { return r.inStr || r.depth > 0 }
