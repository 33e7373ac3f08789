package scan

import "bytes"

// escapedAnchor handles an escaped key, \"error_code\": whose first backslash
// is at buffer index q (a body escaped twice, \\\"error_code\\\":, starts
// the same way). The body is inside a string: a JSON string value (slog's
// JSON handler, zap, logrus, a container runtime's log wrapper) or a quoted
// logfmt value (slog's text handler), in which every quote of the body is
// escaped. The string is found, on q's line, unescaped, and scanned as input
// of its own; its findings stand at the string's offset plus theirs in it,
// as near as escapes allow. A string too long to hold whole (or whose start
// is too far back) still reports its keys, from their codes alone.
func (s *Scanner) escapedAnchor(q int) {
	abs := s.base + int64(q)
	if abs < s.escEnd {
		return // inside the string searched last
	}
	if abs < s.escNoClose {
		s.escKeyOnly(q) // in a string known to be too long, or unclosed
		return
	}
	b := s.buf[:s.end]
	// Back to the string's opening quote: the nearest quote not escaped,
	// on the same line, no further back than jsonLook nor than a search
	// that found none before.
	lo := max(0, q-jsonLook, int(s.escFloor-s.base))
	open := -1
	i := q - 1
	for ; i >= lo && b[i] != '\n'; i-- {
		if b[i] == '"' && !escaped(b, i, lo) {
			open = i
			break
		}
	}
	s.work += int64(q - max(i, lo))
	if open < 0 {
		s.escFloor = abs
		if i >= 0 && i == lo && lo > 0 && b[lo-1] != '\n' {
			s.escKeyOnly(q) // the string starts too far back to read it whole
		}
		return
	}
	// On to its closing quote, up to maxObject bytes. plain is whether the
	// string holds no NUL byte and no escaped newline: then loose, which
	// ends a string at either, reads it as this search does.
	hi := min(len(b), open+maxObject)
	end := -1
	j := open + 1
	plain := true
search:
	for j < hi {
		if j = strEnd(b, j, hi, '"'); j >= hi {
			break
		}
		switch b[j] {
		case '\\':
			plain = plain && (j+1 >= hi || b[j+1] != '\n')
			j += 2
		case 0:
			plain = false
			j++
		case '"':
			end = j
			break search
		default: // '\n'
			break search
		}
	}
	j = min(j, hi)
	s.work += int64(j - q)
	if end < 0 && j >= len(b) {
		// The input ends inside the string (for Live, maybe a pause, after
		// which the string is scanned again): nothing to report, and no key
		// up to the end needs this search again.
		s.escEnd = s.base + int64(j)
		return
	}
	if end < 0 {
		// No end on the line, or too far: each key up to there is reported
		// from its code.
		s.escNoClose = s.base + int64(j)
		s.escKeyOnly(q)
		return
	}
	s.escEnd = s.base + int64(end)
	// The decoded text is copied: the fields of the findings in it are
	// decoded with s's scratch buffer too.
	s.escText = append(s.escText[:0], s.decode(span{a: open + 1, b: end, esc: true})...)
	in := child(&s.escIn, s.escText)
	in.namespaces = s.namespaces
	at := s.base + int64(open) + 1
	found := false
	for in.Scan() {
		f := in.Finding()
		f.Offset = at + min(f.Offset, int64(end-open-1))
		if f.HTTPStatus == 0 && f.RequestID == "" {
			s.httpContext(lineStart(b, open), &f)
		}
		if f.HTTPStatus == 0 || f.RequestID == "" {
			// The records around the string: a HAR file keeps the body in
			// response.content.text, the status and headers in response.
			var r looseRec
			if looseFast && plain {
				r.str = [2]int{open, end}
			}
			s.loose(&r, open, open+1, false)
			s.recFields(&r, &f)
			if (r.cut || r.stop >= s.end) && s.paused() {
				// A pause cut the records around the string.
				s.holdAt(f.Offset)
			}
		}
		s.emit(f)
		s.recEnd = max(s.recEnd, s.base+int64(end))
		found = true
	}
	if found {
		// As after a body (emitJSON): the context before the string is
		// used by its bodies, and no later body walks back over it again
		// (each would walk up to ctxLook back: 211 bytes examined per
		// byte on a line of an escaped body repeated).
		s.ctxFloor = max(s.ctxFloor, s.base+int64(end))
	}
	s.work += in.work
}

// escKeyOnly reports the escaped key at q from its code alone, marked cut.
func (s *Scanner) escKeyOnly(q int) {
	if s.noLoose {
		return
	}
	b := s.buf[:s.end]
	i := q
	for i < len(b) && b[i] == '\\' {
		i++
	}
	if !hasAt(b, i, `"error_code`) {
		return
	}
	i = escQuote(b, i+len(`"error_code`))
	if i < 0 || colonAt(b, i) < 0 {
		return
	}
	i = skipSpace(b, colonAt(b, i)+1, 64)
	for i < len(b) && b[i] == '\\' {
		i++
	}
	if i >= len(b) || b[i] != '"' {
		return
	}
	v := b[i+1 : min(len(b), i+1+maxCode+1)]
	if j := bytes.IndexByte(v, '\\'); j >= 0 {
		s.codeOnly(v[:j], q, false)
		s.recEnd = max(s.recEnd, s.base+int64(i+1+j))
	}
}

// escQuote returns the index after an escaped quote at i: one or more
// backslashes, an odd number, then '"'; -1 if there is none.
func escQuote(b []byte, i int) int {
	n := 0
	for i < len(b) && b[i] == '\\' {
		i++
		n++
	}
	if n%2 == 0 || i >= len(b) || b[i] != '"' {
		return -1
	}
	return i + 1
}

// escaped reports whether the byte at i is escaped: preceded by an odd
// number of backslashes, counted no further back than lo.
func escaped(b []byte, i, lo int) bool {
	n := 0
	for i--; i >= lo && b[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// child returns *c reset to a Scanner of the whole input text, as a new one
// would be, allocating it the first time. It keeps the buffers it grew: a
// new Scanner for each escaped string of a dense log is most of its garbage.
func child(c **Scanner, text []byte) *Scanner {
	in := *c
	if in == nil {
		in = new(Scanner)
		*c = in
	}
	pending, merged, ranges := in.pending[:0], in.merged[:0], in.ranges[:0]
	scratch, viewBuf, codes := in.scratch[:0], in.viewBuf[:0], in.codes
	escIn, escText, recBuf := in.escIn, in.escText[:0], in.recBuf
	*in = Scanner{}
	in.buf, in.end, in.eof = text, len(text), true
	in.pending, in.merged, in.ranges = pending, merged, ranges
	in.scratch, in.viewBuf, in.codes = scratch, viewBuf, codes
	in.escIn, in.escText, in.recBuf = escIn, escText, recBuf
	in.init()
	return in
}
