package catalog

import (
	"fmt"
	"strings"
)

// A message template is literal text with placeholders where the server fills in values:
// "%s" (one value), "[{id}, ...]" (a bracketed list of IDs) and "{name}" (free text).

type segKind int

const (
	segLiteral segKind = iota
	segValue           // %s
	segIDs             // [{id}, ...]
	segText            // {name}
)

type segment struct {
	kind segKind
	text string // the literal, or the placeholder's parameter name
}

const idListPlaceholder = "[{id}, ...]"

// parseTemplate splits a message template into segments. An unbalanced "{" is literal text.
func parseTemplate(t string) []segment {
	var segs []segment
	lit := func(s string) {
		if s == "" {
			return
		}
		if n := len(segs); n > 0 && segs[n-1].kind == segLiteral {
			segs[n-1].text += s
			return
		}
		segs = append(segs, segment{kind: segLiteral, text: s})
	}
	for t != "" {
		switch {
		case strings.HasPrefix(t, idListPlaceholder):
			segs = append(segs, segment{kind: segIDs, text: "ids"})
			t = t[len(idListPlaceholder):]
		case strings.HasPrefix(t, "%s"):
			segs = append(segs, segment{kind: segValue, text: "value"})
			t = t[2:]
		case t[0] == '{' && strings.IndexByte(t, '}') > 1:
			end := strings.IndexByte(t, '}')
			name := strings.Join(strings.Fields(t[1:end]), "_")
			if name == "" || strings.ContainsAny(name, "{\"") {
				lit(t[:1])
				t = t[1:]
				continue
			}
			segs = append(segs, segment{kind: segText, text: name})
			t = t[end+1:]
		default:
			next := len(t)
			for _, m := range []string{"%s", "{", idListPlaceholder} {
				if k := strings.Index(t[1:], m); k >= 0 && k+1 < next {
					next = k + 1
				}
			}
			lit(t[:next])
			t = t[next:]
		}
	}
	return segs
}

// checkTemplate rejects templates the matcher cannot use: two placeholders with nothing
// between them cannot be told apart.
func checkTemplate(t string) error {
	segs := parseTemplate(t)
	for i := 1; i < len(segs); i++ {
		if segs[i].kind != segLiteral && segs[i-1].kind != segLiteral {
			return fmt.Errorf("message template %q has two placeholders with no text between them", t)
		}
	}
	return nil
}

// Params is what a received message carried in the places its template leaves open.
type Params struct {
	// IDs is the bracketed ID list, one element per ID, quotes removed.
	IDs []string
	// Values holds the other placeholders by name: "value" for %s, "error_details" for
	// {error details}, and "detail" for text the server appended after the template's message.
	Values map[string]string
}

// Match reports whether message was produced from the entry's template, and what it carried.
// The template's final period is optional, and text appended after it (the gateway adds
// ": decrypt token fail" and the like) is kept as the "detail" value.
func (e *Entry) Match(message string) (Params, bool) {
	return matchTemplate(parseTemplate(e.Message), strings.TrimSpace(message))
}

func matchTemplate(segs []segment, msg string) (Params, bool) {
	var p Params
	set := func(name, v string) {
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		if p.Values == nil {
			p.Values = map[string]string{}
		}
		p.Values[name] = v
	}
	rest := msg
	for i, s := range segs {
		last := i == len(segs)-1
		switch s.kind {
		case segLiteral:
			lit := s.text
			if last {
				lit = strings.TrimRight(lit, ". ")
			}
			if !hasPrefixFold(rest, lit) && hasPrefixFold(rest, strings.TrimRight(lit, " ")) && len(rest) <= len(lit) {
				lit = strings.TrimRight(lit, " ") // the message was trimmed and nothing followed
			}
			if !hasPrefixFold(rest, lit) {
				// A literal of spaces and punctuation only may be missing ("[a], details" vs "[a] details").
				if strings.Trim(lit, " ,.:;") != "" {
					return Params{}, false
				}
				lit = ""
			}
			rest = rest[len(lit):]
		case segIDs:
			ids, n, ok := parseIDList(rest)
			if !ok {
				return Params{}, false
			}
			p.IDs = ids
			rest = rest[n:]
		case segValue, segText:
			// Free text runs to the next literal, or to the end.
			end := len(rest)
			if !last && segs[i+1].kind == segLiteral {
				next := segs[i+1].text
				if i+1 == len(segs)-1 {
					next = strings.TrimRight(next, ". ")
				}
				if next != "" {
					k := strings.LastIndex(rest, next)
					if k < 0 {
						return Params{}, false
					}
					end = k
				}
			}
			set(s.text, rest[:end])
			rest = rest[end:]
		}
	}
	// Whatever follows the template is detail the server appended: ". more", ": why", " (x)".
	// A bare space continues the sentence ("The API does not exist or has not been
	// published"), which is another message, not this one with detail.
	detail := strings.TrimLeft(rest, ".")
	if detail != "" && !strings.ContainsRune(":;,(-", rune(detail[0])) && (detail[0] != ' ' || detail == rest) {
		return Params{}, false
	}
	set("detail", strings.TrimLeft(detail, ":,;- "))
	return p, true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// parseIDList reads "[a, b, c]" at the start of s, as servers print it: IDs bare or each in
// single or double quotes. It returns the IDs and the length read.
func parseIDList(s string) ([]string, int, bool) {
	if !strings.HasPrefix(s, "[") {
		return nil, 0, false
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return nil, 0, false
	}
	var ids []string
	for _, f := range strings.Split(s[1:end], ",") {
		f = strings.TrimSpace(f)
		if len(f) >= 2 && (f[0] == '\'' || f[0] == '"') && f[len(f)-1] == f[0] {
			f = f[1 : len(f)-1]
		}
		if f = strings.TrimSpace(f); f != "" {
			ids = append(ids, f)
		}
	}
	return ids, end + 1, true
}
