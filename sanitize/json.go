package sanitize

import (
	"unicode/utf16"
	"unicode/utf8"
)

// JSON rewrites the output of encoding/json so that it holds no raw DEL, C1
// control, format character (Unicode Cf: bidi controls, zero-width characters,
// BOM, tag characters...) or U+2028/U+2029: each becomes a \uXXXX escape, or
// a UTF-16 surrogate pair of escapes beyond U+FFFF. encoding/json escapes C0
// controls and U+2028/U+2029 but passes the others through, and a terminal or
// editor showing the JSON would act on them.
//
// Outside strings JSON holds only ASCII punctuation, literals and whitespace,
// so these characters can only occur inside strings, where \uXXXX stands for
// the same character: the result is valid JSON that decodes to the same
// values. Encode values with ValidUTF8 first, so that no invalid byte has been
// lost to U+FFFD.
//
// b is expected to be valid UTF-8, as encoding/json writes it; an invalid byte
// is copied unchanged. When nothing needs rewriting JSON returns b itself;
// otherwise it returns a new slice and leaves b alone.
func JSON(b []byte) []byte {
	i := jsonCleanPrefix(b)
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	out = append(out, b[:i]...)
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == 0x7f {
				out = appendJSONEscape(out, rune(c))
			} else {
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1, !mustEscape(r):
			out = append(out, b[i:i+size]...)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			out = appendJSONEscape(out, r1)
			out = appendJSONEscape(out, r2)
		default:
			out = appendJSONEscape(out, r)
		}
		i += size
	}
	return out
}

// jsonCleanPrefix returns the length of the prefix of b that JSON copies
// unchanged.
func jsonCleanPrefix(b []byte) int {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if !(r == utf8.RuneError && size == 1) && mustEscape(r) {
			return i
		}
		i += size
	}
	return len(b)
}

func appendJSONEscape(out []byte, r rune) []byte {
	return append(out, '\\', 'u',
		hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
