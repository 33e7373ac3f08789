package scan

import "bytes"

// SDK strings are found from their error-code key too: the opening brace is
// looked for backwards, never past the previous key of the same shape nor
// past the end of the previous string (the watermarks), so each byte is
// looked at a bounded number of times.

var pyKeys = [...]string{"status_code", "request_id", "error_code", "error_msg", "encoded_authorization_message"}

// pyKeyStart holds the first bytes of pyKeys.
var pyKeyStart = func() (t [256]bool) {
	for _, k := range pyKeys {
		t[k[0]] = true
	}
	return t
}()

const (
	pyStatus = iota
	pyRequestID
	pyCode
	pyMsg
)

// pyAnchor handles an unquoted error_code key at buffer index q, as in
// "ClientRequestException - {status_code:404,request_id:…,error_code:…,error_msg:… }".
func (s *Scanner) pyAnchor(q int) {
	abs := s.base + int64(q)
	if abs < s.pyWater {
		return
	}
	lo := max(q-sdkLook, 0, int(s.pyLast+1-s.base), int(s.pyWater-s.base))
	s.pyLast = abs
	if lo >= q {
		return
	}
	b := s.buf[:s.end]
	j := bytes.LastIndexByte(b[lo:q], '{')
	if j < 0 {
		s.work += int64(q - lo)
		return
	}
	j += lo
	s.work += int64(2 * (q - j))
	if bytes.IndexByte(b[j:q], '\n') >= 0 || bytes.IndexByte(b[j:q], 0) >= 0 {
		return
	}
	k := skipBack(b, j, 16)
	if k == 0 || b[k-1] != '-' {
		return
	}
	start := exceptionName(b, skipBack(b, k-1, 16))
	if start < 0 {
		return
	}

	// The string ends at the brace that closes the opening one, or at the
	// last brace of the line if the message holds unbalanced braces.
	stop := min(s.end, j+maxObject)
	closeAt, depth := -1, 0
	i := j
scan:
	for ; i < stop; i++ {
		if i = braceRun(b[:stop], i); i == stop {
			break
		}
		switch b[i] {
		case '{':
			depth++
		case '}':
			closeAt = i
			if depth--; depth == 0 {
				i++
				break scan
			}
		case '\n', 0:
			break scan
		}
	}
	s.work += int64(i - j)
	s.pyWater = s.base + int64(i)
	if closeAt < 0 {
		return
	}

	var vals [len(pyKeys)][]byte
	content := b[j+1 : closeAt]
	prevKey, prevVal := -1, 0
	at := func(i, comma int) {
		i = skipSpace(content, i, 16)
		if i >= len(content) || !pyKeyStart[content[i]] {
			return // no key starts here (a comma inside a message's list)
		}
		for n, key := range pyKeys {
			if !hasAt(content, i, key) {
				continue
			}
			c := colonAt(content, i+len(key))
			if c < 0 {
				continue
			}
			if prevKey >= 0 {
				vals[prevKey] = content[prevVal:comma]
			}
			prevKey, prevVal = n, c+1
			return
		}
	}
	at(0, 0)
	for i := 0; ; {
		c := bytes.IndexByte(content[i:], ',')
		if c < 0 {
			break
		}
		i += c + 1
		at(i, i-1)
	}
	if prevKey >= 0 {
		vals[prevKey] = content[prevVal:]
	}
	s.work += int64(len(content))

	code := unquote(vals[pyCode])
	if !isCode(code) {
		return
	}
	f := Finding{Code: s.intern(code), Shape: ShapePython, Offset: s.base + int64(start)}
	s.sdkFields(&f, unquote(vals[pyMsg]), unquote(vals[pyRequestID]), vals[pyStatus])
	s.ctxFloor = max(s.ctxFloor, s.pyWater)
	s.recEnd = max(s.recEnd, s.pyWater)
	s.emit(f)
}

// braceStops are the bytes pyAnchor's search for the closing brace acts on.
var braceStops = [256]bool{'{': true, '}': true, '\n': true, 0: true}

var javaKeys = [...]string{"httpStatusCode", "requestId", "errorCode", "errorMsg"}

// javaAnchor handles an errorCode key at buffer index q, inside the Java SDK's
// "ClientRequestException {" block.
func (s *Scanner) javaAnchor(q int) {
	abs := s.base + int64(q)
	if abs < s.javaWater {
		return
	}
	lo := max(q-sdkLook, 0, int(s.javaLast+1-s.base), int(s.javaWater-s.base))
	s.javaLast = abs
	if lo >= q {
		return
	}
	b := s.buf[:s.end]
	j := bytes.LastIndexByte(b[lo:q], '{')
	if j < 0 {
		s.work += int64(q - lo)
		return
	}
	j += lo
	s.work += int64(2 * (q - j))
	nl := bytes.IndexByte(b[j:q], '\n')
	if nl < 0 || bytes.IndexByte(b[j:q], 0) >= 0 || len(bytes.TrimSpace(b[j+1:j+nl])) != 0 {
		return
	}
	start := exceptionName(b, skipBack(b, j, 16))
	if start < 0 {
		return
	}

	// The block must be closed: what follows an unclosed block is not its.
	var vals [len(javaKeys)][]byte
	stop := min(s.end, j+maxObject)
	i := j + nl + 1
	end, closed := i, false
	for n := 0; n < 16 && i < stop; n++ {
		le := stop
		if e := bytes.IndexByte(b[i:stop], '\n'); e >= 0 {
			le = i + e
		}
		line := b[i:le]
		s.work += int64(len(javaKeys) * (len(line) + 1))
		if bytes.IndexByte(line, 0) >= 0 {
			break
		}
		found := false
		for k, key := range javaKeys {
			x := bytes.Index(line, []byte(key))
			if x < 0 || (x > 0 && (isLetter(line[x-1]) || isDigit(line[x-1]))) {
				continue
			}
			c := colonAt(line, x+len(key))
			if c < 0 {
				continue
			}
			vals[k] = line[c+1:]
			found = true
			break
		}
		if !found {
			if t := bytes.TrimSpace(line); len(t) > 0 && t[len(t)-1] == '}' {
				end, closed = le, true
			}
			break
		}
		end = le
		i = le + 1
	}
	s.javaWater = s.base + int64(end)

	code := bytes.TrimSpace(vals[2])
	if !closed || !isCode(code) {
		return
	}
	f := Finding{Code: s.intern(code), Shape: ShapeJava, Offset: s.base + int64(start)}
	s.sdkFields(&f, bytes.TrimSpace(vals[3]), bytes.TrimSpace(vals[1]), vals[0])
	s.ctxFloor = max(s.ctxFloor, s.javaWater)
	s.recEnd = max(s.recEnd, s.javaWater)
	s.emit(f)
}

// sdkFields fills the fields an SDK string carries.
func (s *Scanner) sdkFields(f *Finding, msg, reqID, st []byte) {
	m, cut := capped(msg, maxMessage)
	r, cutID := capped(reqID, maxRequestID)
	f.Message, f.RequestID = twoStrings(m, r)
	f.Truncated = cut || cutID
	f.HTTPStatus = status(st)
}

// exceptionName returns where the exception class name (dots allowed) that
// ends at b[:i] starts, or -1 if none ends there.
func exceptionName(b []byte, i int) int {
	const suffix = "Exception"
	if i < len(suffix) || string(b[i-len(suffix):i]) != suffix {
		return -1
	}
	j := i - len(suffix)
	for stop := max(0, j-256); j > stop && nameByte[b[j-1]]; j-- {
	}
	return j
}

// nameByte holds the bytes of an exception's class name: letters, digits,
// '_', '.' and '$'.
var nameByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isLetter(byte(c)) || isDigit(byte(c)) || c == '_' || c == '.' || c == '$'
	}
	return t
}()

// skipBack returns i moved back over at most n spaces and tabs.
func skipBack(b []byte, i, n int) int {
	for stop := max(0, i-n); i > stop && (b[i-1] == ' ' || b[i-1] == '\t'); i-- {
	}
	return i
}

// unquote trims v and removes one pair of matching quotes around it.
func unquote(v []byte) []byte {
	v = bytes.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = bytes.TrimSpace(v[1 : len(v)-1])
	}
	return v
}
