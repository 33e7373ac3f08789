package catalog

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Severity says how much a lint problem matters.
type Severity string

const (
	// SeverityError is a problem that keeps the file from loading.
	SeverityError Severity = "error"
	// SeverityWarning is something that loads but is likely a mistake.
	SeverityWarning Severity = "warning"
	// SeverityNote is worth knowing and not wrong: an entry overrides a built-in one.
	SeverityNote Severity = "note"
)

// Problem is what Lint finds at one line of a user catalog.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"` // 1-based; 0 for the file as a whole
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String returns the problem as compilers print theirs: "FILE:LINE: SEVERITY: MESSAGE".
func (p Problem) String() string {
	pos := p.File
	if p.Line > 0 {
		pos += fmt.Sprintf(":%d", p.Line)
	}
	return fmt.Sprintf("%s: %s: %s", pos, p.Severity, p.Message)
}

// Lint checks the user catalog named name, whose content is data, and returns every problem it
// finds, ordered by line. Errors are what DecodeUser rejects: invalid JSON, unknown keys, wrong
// types, invalid entries, entries repeating another's code, status and message. Warnings are
// what loads but is likely a mistake: a status that is not 4xx or 5xx, a category of one's own,
// a code written in a form other than its canonical one, a "{" or a "%" verb the message
// matcher does not read as a placeholder, an explanation whose example lacks the entry's code.
// Notes tell which entries would override entries of base (the built-in catalog; nil for none).
func Lint(name string, data []byte, base *Catalog) []Problem {
	data = trimBOM(data)
	var out []Problem
	add := func(off int, sev Severity, format string, args ...any) {
		line, _ := position(data, off)
		out = append(out, Problem{File: name, Line: line, Severity: sev, Message: fmt.Sprintf(format, args...)})
	}
	items, perr := readUser(data)
	if perr != nil {
		line, col := position(data, perr.off)
		return []Problem{{File: name, Line: line, Severity: SeverityError, Message: fmt.Sprintf("%s (column %d)", perr.msg, col)}}
	}
	seen := map[variant]int{}
	for i, it := range items {
		label := it.label(i)
		for _, m := range it.errs {
			add(m.off, SeverityError, "%s: %s", label, m.msg)
		}
		e := it.entry
		if len(it.errs) > 0 {
			// A misspelt key leaves its field empty, which would be reported again as
			// missing: check only what the fields present say.
			if it.typed {
				for _, w := range e.warnings() {
					add(it.at(w.key), SeverityWarning, "%s: %v", label, w.err)
				}
			}
			continue
		}
		for _, p := range e.problems() {
			add(it.at(p.key), SeverityError, "%s: %v", label, p.err)
		}
		k := variantOf(e)
		first, dup := seen[k]
		if dup {
			line, _ := position(data, first)
			add(it.off, SeverityError, "%s: same code, status and message as the entry at line %d", label, line)
		} else {
			seen[k] = it.off
		}
		for _, w := range e.warnings() {
			add(it.at(w.key), SeverityWarning, "%s: %v", label, w.err)
		}
		if dup {
			continue
		}
		if base != nil {
			if n := overrideNote(base, e); n != "" {
				add(it.off, SeverityNote, "%s: %s", label, n)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Problem) int { return a.Line - b.Line })
	return out
}

// warnings returns what is likely a mistake in a valid entry.
func (e *Entry) warnings() []issue {
	var out []issue
	add := func(key, format string, args ...any) { out = append(out, issue{key, fmt.Errorf(format, args...)}) }
	code, err := ParseCode(e.Code)
	if err == nil && code.Namespace != "" && code.String() != e.Code {
		add("code", "code %q is read as %s: write it that way", e.Code, code)
	}
	if e.Status >= 100 && e.Status <= 599 && e.Status < 400 {
		add("status", "status %d is not an error status (4xx or 5xx)", e.Status)
	}
	if e.Category != "" && !slices.Contains(Categories, e.Category) {
		add("category", "category %q is not a built-in one (%s)", e.Category, strings.Join(Categories, ", "))
	}
	for _, w := range templateWarnings(e.Message) {
		add("message", "%s", w)
	}
	if x := e.Explanation; x != nil && x.Example != "" && err == nil && !mentionsCode(x.Example, code) {
		add("explanation.example", "the explanation's example does not contain the code %s", code)
	}
	return out
}

// templateWarnings reports what in a message template looks like a placeholder but is matched
// as literal text: a "{" that opens no {name}, and printf verbs other than %s.
func templateWarnings(t string) []string {
	var out []string
	for _, s := range parseTemplate(t) {
		if s.kind != segLiteral {
			continue
		}
		if i := strings.IndexByte(s.text, '{'); i >= 0 {
			if !strings.Contains(s.text[i:], "}") {
				out = append(out, `message has a "{" with no "}" after it: it is matched as literal text`)
			} else {
				out = append(out, `message has a "{" that starts no placeholder ({name} or [{id}, ...]): it is matched as literal text`)
			}
		}
		for i := 0; i+1 < len(s.text); i++ {
			if c := s.text[i+1]; s.text[i] == '%' && (isLetter(c) || c == '%') {
				out = append(out, fmt.Sprintf("message has %q: only %%s is a placeholder, so it is matched as literal text", s.text[i:i+2]))
				i++
			}
		}
	}
	return out
}

// mentionsCode reports whether text contains code, in any spelling ParseCode reads as it
// ("APIG.0101" for APIGW.0101).
func mentionsCode(text string, code Code) bool {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(r < 128 && (isLetter(byte(r)) || isDigit(byte(r)) || r == '.' || r == '-' || r == '_'))
	})
	for _, w := range words {
		if c, err := ParseCode(strings.Trim(w, ".-_")); err == nil && strings.EqualFold(c.String(), code.String()) {
			return true
		}
	}
	return false
}

// overrideNote says which entries of base e would replace (see Catalog.Merge), or "".
func overrideNote(base *Catalog, e Entry) string {
	idx, exact := base.replaced(e)
	if len(idx) == 0 {
		return ""
	}
	old := base.entries[idx[0]]
	if exact && sameAs(e, old) {
		return "overrides the built-in entry with the same texts: leave it out to keep the file to what you change"
	}
	if exact {
		msg := "overrides the built-in entry with this code, status and message"
		if e.Explanation == nil && old.Explanation != nil {
			msg += ", and keeps its explanation"
		}
		return msg
	}
	msg := fmt.Sprintf("overrides the built-in entry with status %d, whose message differs", e.Status)
	if len(idx) > 1 {
		msg = fmt.Sprintf("overrides the %d built-in entries with status %d, whose messages differ", len(idx), e.Status)
	}
	if e.Explanation == nil && old.Explanation != nil {
		msg += "; with no explanation of its own, explain shows none for it"
	}
	return msg
}

// sameAs reports whether a user entry says what the built-in entry b says: the same fields,
// and the same explanation or none.
func sameAs(e, b Entry) bool {
	return e.Description == b.Description && e.Solution == b.Solution && e.Category == b.Category &&
		e.Retryable == b.Retryable && (e.Explanation == nil || reflect.DeepEqual(e.Explanation, b.Explanation))
}
