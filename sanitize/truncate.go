package sanitize

import (
	"unicode"
	"unicode/utf8"
)

// ellipsis ends a value that Truncate cut.
const ellipsis = "…"

// Truncate shortens s to at most limit runes, the last of them "…", and
// reports whether it cut anything; when s already fits it is returned as is.
//
// The cut falls between characters as a reader sees them, as far as the
// standard library can tell: a character keeps the combining marks, emoji
// modifiers and tag characters that follow it and anything joined to it by a
// zero-width joiner, and the two regional indicators of a flag stay together.
// So the result may be shorter than limit.
//
// Apply Truncate to the output of Text or Field, so that limit bounds what is
// shown; the cut may then fall inside an escape such as \u202e, which still
// reads as a cut-off escape. When limit < 1 the result is "", and the boolean
// reports whether s was not empty.
func Truncate(s string, limit int) (string, bool) {
	if limit < 1 {
		return "", s != ""
	}
	if utf8.RuneCountInString(s) <= limit {
		return s, false
	}
	// Keep whole characters while they leave room for the ellipsis.
	end, runes := 0, 0
	for end < len(s) {
		next, n := charEnd(s, end)
		if runes+n > limit-1 {
			break
		}
		end, runes = next, runes+n
	}
	return s[:end] + ellipsis, true
}

// charEnd returns the end of the character that starts at s[i], with what
// follows it and belongs to it, and how many runes that is.
func charEnd(s string, i int) (end, runes int) {
	r, size := utf8.DecodeRuneInString(s[i:])
	i += size
	runes = 1
	if r == '\r' && i < len(s) && s[i] == '\n' {
		return i + 1, 2
	}
	flag := isRegional(r) // a first regional indicator waits for its pair
	joined := false       // the previous rune was a zero-width joiner
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case joined && r >= utf8.RuneSelf:
			joined = false
		case r == '\u200d':
			joined = true
		case extends(r):
		case flag && isRegional(r):
			flag = false
		default:
			return i, runes
		}
		i += size
		runes++
	}
	return i, runes
}

// extends reports whether r belongs with the character before it.
func extends(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		'\U0001f3fb' <= r && r <= '\U0001f3ff' || // emoji skin tone modifiers
		'\U000e0020' <= r && r <= '\U000e007f' // tag characters (subdivision flags)
}

func isRegional(r rune) bool {
	return '\U0001f1e6' <= r && r <= '\U0001f1ff'
}
