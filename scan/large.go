package scan

import "unicode/utf8"

// tooLarge reports a JSON body too large to parse whole (over maxObject, a
// message of megabytes) from what the parse read before it ran out of room:
// the code, the fields before the long value, the start of that value when
// it is the message (cut to maxMessage, marked cut), and the status and
// request id of the HTTP exchange before the body. Size costs the fields
// that come after the long value only. kq is the key's quote, start the
// body's brace.
func (s *Scanner) tooLarge(kq, start int, info *objInfo) {
	if !info.errCode.ok() {
		s.keyOnly(kq) // a nested body, or the code after the long value
		return
	}
	code, _, ok := s.receivedCode(info.errCode, true)
	if !ok {
		return
	}
	f := Finding{Code: code, Shape: ShapeJSON, Truncated: true, Offset: s.base + int64(start)}
	p := &s.parser
	switch {
	case p.valAt >= 0 && p.valKey >= keyMsg && p.valKey <= keyErrorMsg && msgRankOf(p.valKey) >= info.msgRank:
		m, _ := capped(s.decode(span{a: p.valAt + 1, b: min(p.i, len(p.b)), esc: true}), maxMessage)
		f.Message = string(trimPartialRune(m))
	case info.msg.ok():
		m, _ := capped(s.decode(info.msg), maxMessage)
		f.Message = string(m)
	}
	if info.reqID.ok() {
		r, _ := capped(s.text(info.reqID), maxRequestID)
		f.RequestID = string(r)
	}
	if info.status.ok() {
		f.HTTPStatus = status(s.buf[info.status.a:info.status.b])
	}
	s.httpContext(start, &f)
	s.ctxFloor = max(s.ctxFloor, s.base+int64(kq))
	s.emit(f)
}

// trimPartialRune drops an incomplete UTF-8 sequence that a cut left at the
// end of b.
func trimPartialRune(b []byte) []byte {
	for n := 1; n <= 3 && n <= len(b); n++ {
		c := b[len(b)-n]
		if c < 0x80 {
			return b
		}
		if c >= 0xc0 {
			if !utf8.FullRune(b[len(b)-n:]) {
				return b[:len(b)-n]
			}
			return b
		}
	}
	return b
}
