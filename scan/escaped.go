package scan

// escapedAnchor handles an escaped key, \"error_code\": whose backslash is at
// buffer index q. The body is inside a string: a JSON string value (slog's
// JSON handler, zap, logrus) or a quoted logfmt value (slog's text handler),
// in which every quote of the body is escaped. The string is found, on q's
// line, unescaped, and scanned as input of its own; its findings stand at
// the string's offset plus theirs in it, as near as escapes allow.
func (s *Scanner) escapedAnchor(q int) {
	abs := s.base + int64(q)
	if abs < s.escEnd {
		return // inside the string searched last
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
		return
	}
	// On to its closing quote, up to maxObject bytes.
	hi := min(len(b), open+maxObject)
	end := -1
	j := open + 1
	for ; j < hi; j++ {
		if c := b[j]; c == '\\' {
			j++
		} else if c == '"' {
			end = j
			break
		} else if c == '\n' {
			break
		}
	}
	s.work += int64(min(j, hi) - q)
	s.escEnd = s.base + int64(min(j, hi))
	if end < 0 {
		return
	}
	text := append([]byte(nil), s.decode(span{a: open + 1, b: end, esc: true})...)
	in := &Scanner{buf: text, end: len(text), eof: true}
	in.init()
	at := s.base + int64(open) + 1
	for in.Scan() {
		f := in.Finding()
		f.Offset = at + min(f.Offset, int64(end-open-1))
		s.emit(f)
	}
	s.work += in.work
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
