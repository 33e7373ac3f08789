package scan

import (
	"bytes"
	"strings"
)

// HTTP context is read backwards from a JSON body that starts a line: past
// blank lines and curl's noise ("* ..." info lines, "{ [n bytes data]"), the
// response header block up to its status line, and above it the curl -v
// request line. The walk never goes before the end of the previous finding
// (ctxFloor), so a header block is used by one body at most and the walks of
// all findings together read each byte at most once.

type lineKind int

const (
	lineOther lineKind = iota
	lineBlank
	lineNoise
	lineStatus
	lineHeader
	lineRequest
	lineRequestHeader
)

// maxCtxLines bounds each backward walk, besides ctxLook.
const maxCtxLines = 200

// httpContext fills the fields of f that the body at buffer index o does not
// carry from the HTTP exchange right before it.
func (s *Scanner) httpContext(o int, f *Finding) {
	b := s.buf
	lo := max(o-ctxLook, 0, int(s.ctxFloor-s.base))
	ls := o
	for ls > lo && (b[ls-1] == ' ' || b[ls-1] == '\t') {
		ls--
	}
	if ls <= lo || b[ls-1] != '\n' {
		return
	}
	var (
		reqID   []byte
		headers bool
		st      int
	)
	cur := ls
	n := 0
	for ; ; n++ {
		line, ok := s.prevLine(lo, &cur, n)
		if !ok {
			return
		}
		kind, name, value := classify(line)
		switch kind {
		case lineNoise:
			continue
		case lineBlank:
			if headers {
				return
			}
			continue
		case lineHeader:
			headers = true
			if reqID == nil && strings.EqualFold(string(name), "x-request-id") {
				reqID = value
			}
			continue
		case lineStatus:
			st = status(value)
		default:
			return
		}
		break
	}
	if st == 0 {
		return
	}
	if f.HTTPStatus == 0 {
		f.HTTPStatus = st
	}
	if f.RequestID == "" && len(reqID) > 0 {
		r, cut := capped(reqID, maxRequestID)
		f.RequestID = string(r)
		f.Truncated = f.Truncated || cut
	}
	for n++; ; n++ {
		line, ok := s.prevLine(lo, &cur, n)
		if !ok {
			return
		}
		switch kind, _, value := classify(line); kind {
		case lineNoise, lineBlank, lineRequestHeader:
			continue
		case lineRequest:
			r, cut := capped(maskTarget(value), maxRequest)
			f.Request = string(r)
			f.Truncated = f.Truncated || cut
		}
		return
	}
}

// prevLine returns the whole line before the one starting at *cur and moves
// *cur to its start; false if there is none above lo or the walk is too long.
func (s *Scanner) prevLine(lo int, cur *int, n int) ([]byte, bool) {
	if n >= maxCtxLines || *cur <= lo {
		return nil, false
	}
	b := s.buf
	le := *cur - 1 // the '\n' ending the line
	ls := lo
	if i := lastNL(b[lo:le]); i >= 0 {
		ls = lo + i + 1
	} else if lo > 0 && b[lo-1] != '\n' {
		return nil, false // the line starts before lo
	}
	s.work += int64(le - ls + 1)
	*cur = ls
	line := b[ls:le]
	if bytes.IndexByte(line, 0) >= 0 {
		return nil, false
	}
	return bytes.TrimSuffix(line, []byte("\r")), true
}

// classify tells what a transcript line is. For a header it returns its name
// and value, for a status line the status, for a request line "METHOD target".
func classify(line []byte) (kind lineKind, name, value []byte) {
	t := bytes.TrimSpace(line)
	if len(t) == 0 || (len(t) == 1 && (t[0] == '<' || t[0] == '>')) {
		return lineBlank, nil, nil
	}
	if t[0] == '*' || bytes.HasPrefix(t, []byte("{ [")) || bytes.HasPrefix(t, []byte("} [")) {
		return lineNoise, nil, nil
	}
	switch {
	case bytes.HasPrefix(t, []byte("< ")):
		t = bytes.TrimSpace(t[2:])
		if st := statusLine(t); st != nil {
			return lineStatus, nil, st
		}
		if n, v, ok := header(t); ok {
			return lineHeader, n, v
		}
		return lineOther, nil, nil
	case bytes.HasPrefix(t, []byte("> ")):
		t = bytes.TrimSpace(t[2:])
		if r := requestLine(t); r != nil {
			return lineRequest, nil, r
		}
		return lineRequestHeader, nil, nil
	}
	if st := statusLine(t); st != nil {
		return lineStatus, nil, st
	}
	if n, v, ok := header(t); ok {
		return lineHeader, n, v
	}
	return lineOther, nil, nil
}

// statusLine returns the status of "HTTP/1.1 400 Bad Request" or "HTTP/2 404".
func statusLine(t []byte) []byte {
	if !bytes.HasPrefix(t, []byte("HTTP/")) {
		return nil
	}
	i := len("HTTP/")
	for i < len(t) && (isDigit(t[i]) || t[i] == '.') && i < 10 {
		i++
	}
	if i == len("HTTP/") || i+4 > len(t) || t[i] != ' ' {
		return nil
	}
	st := t[i+1 : i+4]
	if status(st) == 0 || (i+4 < len(t) && t[i+4] != ' ') {
		return nil
	}
	return st
}

// header splits "Name: value"; names are HTTP tokens.
func header(t []byte) (name, value []byte, ok bool) {
	c := bytes.IndexByte(t, ':')
	if c <= 0 {
		return nil, nil, false
	}
	for _, ch := range t[:c] {
		if !tokenByte[ch] {
			return nil, nil, false
		}
	}
	return t[:c], bytes.TrimSpace(t[c+1:]), true
}

// tokenByte holds the bytes of an HTTP token (RFC 9110's tchar): letters,
// digits and !#$%&'*+-.^_`|~.
var tokenByte = func() (t [256]bool) {
	for c := range t {
		t[c] = isLetter(byte(c)) || isDigit(byte(c)) || strings.IndexByte("!#$%&'*+-.^_`|~", byte(c)) >= 0
	}
	return t
}()

// requestLine returns "METHOD target" of "METHOD target HTTP/1.1".
func requestLine(t []byte) []byte {
	sp := bytes.IndexByte(t, ' ')
	if sp < 3 || sp > 10 {
		return nil
	}
	for _, c := range t[:sp] {
		if c < 'A' || c > 'Z' {
			return nil
		}
	}
	v := bytes.LastIndex(t, []byte(" HTTP/"))
	if v <= sp+1 {
		return nil
	}
	return t[:v]
}

// secretWords mark query parameters whose values are masked: a name is masked when one of its
// words is here, case aside, the words split at "_", "-", "." and a lower-to-upper case change
// (X-Amz-Signature, access_token, AccessKeyId, oauth_code, sessionId). Whole words only, so
// that design, monkey or author stay shown; the run-together forms people write are listed.
var secretWords = map[string]bool{
	"token": true, "key": true, "secret": true, "password": true, "passwd": true, "pwd": true,
	"pass": true, "passphrase": true, "signature": true, "sig": true, "credential": true,
	"credentials": true, "auth": true, "oauth": true, "authorization": true, "session": true,
	"sessionid": true, "sid": true, "sk": true, "ak": true, "apikey": true, "accesskey": true,
	"accesskeyid": true, "secretkey": true, "accesstoken": true, "authtoken": true,
	"sessiontoken": true, "refreshtoken": true, "clientsecret": true, "privatekey": true,
}

// maskTarget masks credential-like query parameter values and URL user
// information in "METHOD target".
func maskTarget(r []byte) []byte {
	out := make([]byte, 0, len(r))
	sp := bytes.IndexByte(r, ' ')
	out = append(out, r[:sp+1]...)
	target := r[sp+1:]
	path, query, hasQuery := bytes.Cut(target, []byte("?"))
	if i := bytes.Index(path, []byte("://")); i >= 0 {
		rest := path[i+3:]
		host := rest
		if j := bytes.IndexByte(rest, '/'); j >= 0 {
			host = rest[:j]
		}
		if at := bytes.LastIndexByte(host, '@'); at >= 0 {
			out = append(out, path[:i+3]...)
			out = append(out, "***"...)
			path = rest[at:]
		}
	}
	out = append(out, path...)
	if !hasQuery {
		return out
	}
	out = append(out, '?')
	for n := 0; len(query) > 0 || n == 0; n++ {
		var param []byte
		param, query, _ = bytes.Cut(query, []byte("&"))
		if n > 0 {
			out = append(out, '&')
		}
		name, _, hasValue := bytes.Cut(param, []byte("="))
		out = append(out, name...)
		if hasValue {
			out = append(out, '=')
			if secretName(name) {
				out = append(out, "***"...)
			} else {
				out = append(out, param[len(name)+1:]...)
			}
		}
	}
	return out
}

func secretName(name []byte) bool {
	start := 0
	for i := 0; i <= len(name); i++ {
		end := i == len(name)
		if !end {
			c := name[i]
			lowerThenUpper := i > start && 'a' <= name[i-1] && name[i-1] <= 'z' && 'A' <= c && c <= 'Z'
			if c != '_' && c != '-' && c != '.' && !lowerThenUpper {
				continue
			}
		}
		if i > start && secretWords[strings.ToLower(string(name[start:i]))] {
			return true
		}
		start = i
		if !end && !('A' <= name[i] && name[i] <= 'Z') {
			start = i + 1
		}
	}
	return false
}
