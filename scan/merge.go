package scan

// A response printed twice in one place — an SDK logs it, then raises it;
// a debug log shows the body, then the exception — is one response: the
// findings are merged into the first, each field taken from the first that
// has it. Two findings are one response when they carry the same code and
// the same message (or one has none), no other finding stands between them,
// the second starts within mergeLook bytes of the first, and they carry the
// same request id — or the first is a body without one and the second the
// error of an SDK with one (the request id the SDK read from the header
// that the body's print did not show), their statuses agreeing, and no log
// record starts between them (a line that starts with a timestamp: a
// program that logs a body and then an SDK's error in records of their own
// may be logging two responses). Retries with request ids of their own, and
// the same error on later log lines, stay apart. The merged finding stands
// where the first did, with a body's message and shape rather than those of
// a record read loosely.

// mergeLook is how far after a finding one it merges with may start.
const mergeLook = 16 << 10

// mergeable reports whether b, the finding right after a, is the same
// response.
func mergeable(a, b *Finding) bool {
	if a.Code != b.Code || b.Offset-a.Offset > mergeLook ||
		!(a.Message == b.Message || a.Message == "" || b.Message == "") {
		return false
	}
	if a.RequestID != "" {
		return a.RequestID == b.RequestID
	}
	return b.RequestID != "" && !sdkError(a.Shape) && sdkError(b.Shape) && b.stamp <= a.Offset &&
		(a.HTTPStatus == 0 || b.HTTPStatus == 0 || a.HTTPStatus == b.HTTPStatus)
}

// sdkError reports whether a shape is that of an SDK's error, as printed
// when it is raised or logged, rather than of a response body.
func sdkError(sh Shape) bool {
	switch sh {
	case ShapeGoSDK, ShapePython, ShapeJava, ShapeGoStruct, ShapeJSObject:
		return true
	}
	return false
}

// lastStamp returns the input offset of the start of the last line at or
// before input offset o that starts, after blanks and '[', with a digit, as
// a log record's timestamp does; -1 if there is none within mergeLook bytes
// before o (an older one may be returned: it is before any finding o may
// merge with all the same). The search looks back from o, no further than
// where the last one was made, whose answer stands for the lines before
// that: so each byte is searched at most once for findings in input order,
// and usually only the few lines back to the nearest record's start. For a
// finding before the last one, o itself is returned: it merges with no
// body.
func (s *Scanner) lastStamp(o int64) int64 {
	i := int(o - s.base)
	if i < 0 || i > s.end || o < s.stampAt {
		return o
	}
	b := s.buf[:s.end]
	from, line := max(0, i-mergeLook), int64(-1)
	if s.stampAt >= s.base+int64(from) {
		from, line = int(s.stampAt-s.base), s.stampLine
	} else if from == 0 && s.base == 0 && stamped(b, 0, i) {
		line = 0
	}
	// The last line start after a newline in b[from:i] that is stamped;
	// line, the answer for the lines before, if there is none.
	j := i
	for {
		k := lastNL(b[from:j])
		if k < 0 {
			j = from
			break
		}
		j = from + k
		if stamped(b, j+1, i) {
			line = s.base + int64(j+1)
			break
		}
	}
	s.work += int64(i - j)
	s.stampAt, s.stampLine = o, line
	return line
}

// stamped reports whether the line that starts at j starts, after blanks
// and '[', with a digit before i.
func stamped(b []byte, j, i int) bool {
	for j < i && (isBlank(b[j]) || b[j] == '[') {
		j++
	}
	return j < i && isDigit(b[j])
}

// merge fills the fields a lacks from b; a body's message and shape beat
// those of a record read loosely.
func merge(a, b *Finding) {
	if a.Message == "" || (a.loose && !b.loose && b.Message != "") {
		a.Message = b.Message
	}
	if a.loose && !b.loose {
		a.Shape, a.loose = b.Shape, false
	}
	if a.HTTPStatus == 0 {
		a.HTTPStatus = b.HTTPStatus
	}
	if a.RequestID == "" {
		a.RequestID = b.RequestID
	}
	if a.Request == "" {
		a.Request = b.Request
	}
	a.Truncated = a.Truncated || b.Truncated
}
