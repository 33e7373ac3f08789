// Package sanitize makes strings that came from outside the program safe to
// print: every character that could drive a terminal, reorder or hide text, or
// break a line is shown as a visible escape, so a reader sees what the string
// holds. It is applied once, at the output boundary, in every output format.
//
// The escapes read like Go string literals:
//
//	LF                                 \n (a CRLF pair is one \n)
//	lone CR                            \r
//	tab                                kept by Text, \t in Field
//	other C0, DEL, C1 U+0080–U+009F    \x1b \x00 \x7f \x9b (two lowercase hex digits)
//	each byte of invalid UTF-8         \xc0\xaf
//	format characters (Unicode Cf),    \u202e \u200b \ufeff \u2028,
//	U+2028 and U+2029                  \U000e0041 beyond the BMP
//
// NUL is \x00 rather than \0 so that every control follows one rule. A C1
// control encoded as UTF-8 and the same value as a stray byte both show as
// \x9b; either way the reader learns that the input held one.
//
// Backslashes in the input are left as they are: the output is for reading,
// not for decoding back. The output never contains a character that would be
// escaped, so sanitizing twice changes nothing. Characters that mean something
// to one output format only, such as | in a markdown table, are that format's
// to escape.
//
// Zero-width joiners are format characters too, so an emoji sequence built
// with them shows its parts: "👨\u200d👩\u200d👧". An unseen joiner is one way
// to make two different strings look alike, and error values rarely hold such
// emoji.
//
// Combining marks (Unicode Mn and Me) are kept, but a run of more than eight
// in a row ("Zalgo" text, which smears over the lines above and below) keeps
// its first eight and replaces the rest with a single "…".
package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMarks is the longest run of combining marks shown as is. Real text
// stacks at most a few (Vietnamese uses two, some Indic and Hebrew pointed
// text three or four); eight leaves room for all of it.
const maxMarks = 8

// markCut replaces the combining marks beyond maxMarks in a run. It is not a
// mark itself, so it ends the run and the output stays idempotent.
const markCut = "…"

const hexDigits = "0123456789abcdef"

// Text returns s as a one-line value safe to show in a table, in markdown or
// on stderr: controls, format characters, line and paragraph separators and
// invalid UTF-8 are escaped as described in the package documentation, and a
// flood of combining marks is cut. Tabs are kept.
//
// The result is valid UTF-8, and Text(Text(s)) == Text(s). When s needs no
// change, Text returns it without allocating.
func Text(s string) string {
	return sanitize(s, false)
}

// Field is like Text but also escapes tab as \t, for tab-separated output
// where a tab inside a value would start a new column.
func Field(s string) string {
	return sanitize(s, true)
}

// Clean reports whether s needs no escaping, that is whether Text(s) == s.
// Field(s) == s when s is Clean and holds no tab.
func Clean(s string) bool {
	return cleanPrefix(s, false) == len(s)
}

// ValidUTF8 replaces each byte of s that is not part of valid UTF-8 with the
// four characters \xNN and changes nothing else. Use it on a value before
// encoding it as JSON: encoding/json would turn those bytes into U+FFFD and
// lose what they were.
func ValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			writeHexByte(&b, s[i])
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// sanitize implements Text and Field; escTab selects Field's tab handling.
func sanitize(s string, escTab bool) string {
	i := cleanPrefix(s, escTab)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	marks := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			marks = 0
			switch {
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
				b.WriteString(`\n`)
				i++
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t' && escTab:
				b.WriteString(`\t`)
			case c == '\t':
				b.WriteByte(c)
			case c < 0x20 || c == 0x7f:
				writeHexByte(&b, c)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			marks = 0
			writeHexByte(&b, c)
		case isMark(r):
			marks++
			if marks <= maxMarks {
				b.WriteString(s[i : i+size])
			} else if marks == maxMarks+1 {
				b.WriteString(markCut)
			}
		case mustEscape(r):
			marks = 0
			writeRune(&b, r)
		default:
			marks = 0
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// cleanPrefix returns the length of the longest prefix of s that sanitize
// copies unchanged and from which it can resume with no combining marks
// pending. It returns len(s) when s is clean.
func cleanPrefix(s string, escTab bool) int {
	marks, runStart := 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && (c != '\t' || escTab) || c == 0x7f {
				return i
			}
			marks = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return i
		case isMark(r):
			if marks == 0 {
				runStart = i
			}
			marks++
			if marks > maxMarks {
				// Resume at the start of the run so the copy loop counts it.
				return runStart
			}
		case mustEscape(r):
			return i
		default:
			marks = 0
		}
		i += size
	}
	return len(s)
}

// mustEscape reports whether the valid, non-ASCII rune r is escaped: a C1
// control, a format character (bidi controls, zero-width characters, BOM, tag
// characters, soft hyphen...) or a line or paragraph separator.
func mustEscape(r rune) bool {
	return r <= 0x9f || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

// isMark reports whether r is a combining mark that stacks on the character
// before it.
func isMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me)
}

func writeHexByte(b *strings.Builder, c byte) {
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

// writeRune writes the escape for a rune that mustEscape accepts.
func writeRune(b *strings.Builder, r rune) {
	switch {
	case r <= 0x9f:
		writeHexByte(b, byte(r))
	case r <= 0xffff:
		b.WriteString(`\u`)
		writeHex(b, uint32(r), 4)
	default:
		b.WriteString(`\U`)
		writeHex(b, uint32(r), 8)
	}
}

func writeHex(b *strings.Builder, v uint32, digits int) {
	for shift := 4 * (digits - 1); shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[v>>shift&0xf])
	}
}
