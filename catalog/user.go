package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// A user catalog is a file of entries in the form `imetal-err list -o json` prints: a JSON
// array of objects with the keys of Entry, explanation optional. Users write them by hand, so
// every problem found in one is reported with the line and column where it lies.

// FileError is a problem in a user catalog file, at a position in it.
type FileError struct {
	File   string
	Line   int // 1-based; 0 when the problem is not at a particular place
	Column int // 1-based, in characters; 0 when only the line is known
	Msg    string
}

// Error returns "FILE:LINE:COLUMN: MSG", leaving out the parts that are not known.
func (e *FileError) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos += fmt.Sprintf(":%d", e.Line)
		if e.Column > 0 {
			pos += fmt.Sprintf(":%d", e.Column)
		}
	}
	return pos + ": " + e.Msg
}

// DecodeUser reads the user catalog named name, whose content is data. Every entry must be
// valid (see Entry.Validate) and none may repeat another's code, status and message; the first
// problem found is returned as a *FileError, at the key it concerns, or else at the start of
// its entry. The entries have Source set to name; merge them
// into a catalog with Catalog.Merge.
func DecodeUser(name string, data []byte) ([]Entry, error) {
	data = trimBOM(data)
	fail := func(off int, format string, args ...any) error {
		line, col := position(data, off)
		return &FileError{File: name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	}
	items, perr := readUser(data)
	if perr != nil {
		return nil, fail(perr.off, "%s", perr.msg)
	}
	entries := make([]Entry, 0, len(items))
	seen := map[variant]int{}
	for i, it := range items {
		if len(it.errs) > 0 {
			return nil, fail(it.errs[0].off, "%s: %s", it.label(i), it.errs[0].msg)
		}
		if errs := it.entry.problems(); len(errs) > 0 {
			return nil, fail(it.at(errs[0].key), "%s: %v", it.label(i), errs[0].err)
		}
		k := variantOf(it.entry)
		if first, dup := seen[k]; dup {
			line, _ := position(data, first)
			return nil, fail(it.off, "%s: same code, status and message as the entry at line %d", it.label(i), line)
		}
		seen[k] = it.off
		e := it.entry
		e.Source = name
		entries = append(entries, e)
	}
	return entries, nil
}

// Merge returns a new catalog of c's entries and entries, which take precedence:
//
//   - An entry with the code, status and message of one of c's replaces it.
//   - Otherwise an entry with the code and status of some of c's replaces all of them: a user
//     catalog that gives the gateway's APIGW.0101 a new 404 message redefines its 404.
//   - Any other entry is added, as a new code or a new variant of a code.
//
// An entry replacing a built-in one (or a replacement of one) has Overrides set. A replacing
// entry without an explanation keeps the explanation of the entry it replaces when the two have
// the same message, so that loading back what `imetal-err list -o json` printed (which carries
// no explanations) keeps them all; when the message changed, the old explanation, whose example
// quotes the old message, is dropped. Entries of one call do not replace each other: they must
// not repeat a code, status and message, and they are checked as New checks them.
func (c *Catalog) Merge(entries []Entry) (*Catalog, error) {
	removed := make([]bool, len(c.entries))
	added := slices.Clone(entries)
	for i := range added {
		e := &added[i]
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("entry %d (%q): %w", i+1, e.Code, err)
		}
		code, _ := ParseCode(e.Code)
		if s, ok := c.spelling[strings.ToLower(code.Namespace)]; ok {
			code.Namespace = s
		}
		e.Code = code.String()
		replaced, exact := c.replaced(*e)
		for _, j := range replaced {
			removed[j] = true
			if o := c.entries[j]; o.Source == "" || o.Overrides {
				e.Overrides = true
			}
		}
		if exact && e.Explanation == nil {
			e.Explanation = c.entries[replaced[0]].Explanation
		}
	}
	all := make([]Entry, 0, len(c.entries)+len(added))
	for j, e := range c.entries {
		if !removed[j] {
			all = append(all, e)
		}
	}
	return New(append(all, added...))
}

// replaced returns the indexes of the entries e replaces (see Merge), and whether that is the
// one entry with e's code, status and message.
func (c *Catalog) replaced(e Entry) (idx []int, exact bool) {
	code, err := ParseCode(e.Code)
	if err != nil {
		return nil, false
	}
	same := c.byCode[strings.ToLower(code.String())].entries
	for _, j := range same {
		if o := c.entries[j]; o.Status == e.Status && o.Message == e.Message {
			return []int{j}, true
		}
	}
	for _, j := range same {
		if c.entries[j].Status == e.Status {
			idx = append(idx, j)
		}
	}
	return idx, false
}

// variant identifies an entry: two entries of a catalog never share one.
type variant struct {
	code    string // lower-cased canonical code
	status  int
	message string
}

func variantOf(e Entry) variant {
	code := e.Code
	if c, err := ParseCode(e.Code); err == nil {
		code = c.String()
	}
	return variant{strings.ToLower(code), e.Status, e.Message}
}

// userItem is one element of a user catalog's array, decoded as far as it could be.
type userItem struct {
	entry Entry
	off   int            // where the element starts in the file
	errs  []posMsg       // what kept it from decoding: unknown or repeated keys, wrong types
	typed bool           // whether the fields decoded (no value was of the wrong type)
	keys  map[string]int // the offset of each key, by path ("code", "explanation.causes")
}

// at returns where the value of key starts, or the element's start when key is absent.
func (it *userItem) at(key string) int {
	if off, ok := it.keys[key]; ok {
		return off
	}
	return it.off
}

// label names the i-th (0-based) item in messages: "entry 3 (ECS.0114)".
func (it *userItem) label(i int) string {
	if code := strings.TrimSpace(it.entry.Code); code != "" && utf8.ValidString(code) && len(code) <= 40 {
		return fmt.Sprintf("entry %d (%s)", i+1, code)
	}
	return fmt.Sprintf("entry %d", i+1)
}

// posMsg is a message about the byte at offset off of a file.
type posMsg struct {
	off int
	msg string
}

const wantArray = "want a JSON array of entries, as 'imetal-err list -o json' prints"

// readUser splits a user catalog into its entries. Only a file that is not a JSON array fails
// as a whole; a bad element is returned with what is wrong with it, so that lint reports every one.
func readUser(data []byte) ([]userItem, *posMsg) {
	start := skipSpace(data, 0)
	if start == len(data) {
		return nil, &posMsg{0, "the file is empty: " + wantArray}
	}
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			// Offset counts the bytes read, the offending one included; at the end of the
			// input, the problem is what is missing after the last byte.
			off := int(syn.Offset) - 1
			if strings.HasPrefix(syn.Error(), "unexpected end") {
				off = len(data)
			}
			return nil, &posMsg{max(off, 0), "invalid JSON: " + syn.Error()}
		}
		return nil, &posMsg{0, "invalid JSON: " + err.Error()}
	}
	if data[start] != '[' {
		return nil, &posMsg{start, wantArray + ", not " + jsonKind(data[start])}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return nil, &posMsg{start, "invalid JSON: " + err.Error()}
	}
	var items []userItem
	for dec.More() {
		// The decoder stops after the previous value: the element starts past the comma.
		off := skipSpace(data, int(dec.InputOffset()))
		if off < len(data) && data[off] == ',' {
			off = skipSpace(data, off+1)
		}
		var elem json.RawMessage
		if err := dec.Decode(&elem); err != nil {
			return nil, &posMsg{off, "invalid JSON: " + err.Error()}
		}
		items = append(items, decodeItem(elem, off))
	}
	return items, nil
}

// decodeItem decodes one element of a user catalog, which starts at offset base of the file.
func decodeItem(elem []byte, base int) userItem {
	it := userItem{off: base, keys: map[string]int{}, typed: true}
	if elem[0] != '{' {
		it.typed = false
		it.errs = append(it.errs, posMsg{base, "want an object with the keys " + strings.Join(entryKeys(), ", ") + ", not " + jsonKind(elem[0])})
		return it
	}
	walkKeys(elem, func(parent, key string, off int) {
		path := joinPath(parent, key)
		var known []string
		switch parent {
		case "":
			known = entryKeys()
		case "explanation":
			known = explanationKeys()
		default:
			return // inside a value of the wrong type, reported below
		}
		switch {
		case !slices.Contains(known, key):
			msg := fmt.Sprintf("unknown key %q", path)
			if s := nearestKey(key, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", joinPath(parent, s))
			} else {
				msg += " (known keys: " + strings.Join(known, ", ") + ")"
			}
			it.errs = append(it.errs, posMsg{base + off, msg})
		case hasKey(it.keys, path):
			it.errs = append(it.errs, posMsg{base + off, fmt.Sprintf("key %q appears twice", path)})
		default:
			it.keys[path] = base + off
		}
	})
	if err := json.Unmarshal(elem, &it.entry); err != nil {
		it.typed = false
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			it.errs = append(it.errs, posMsg{base, err.Error()})
			return it
		}
		off, ok := it.keys[te.Field]
		if !ok {
			off = base + max(int(te.Offset)-1, 0)
		}
		it.errs = append(it.errs, posMsg{off, fmt.Sprintf("%q must be %s, not %s", te.Field, typeWord(te.Type), te.Value)})
	}
	return it
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// walkKeys calls f with each object key of the valid JSON value b: the path of the object that
// holds it ("" for b itself, "explanation", array elements sharing their array's path), the
// key, and the offset in b where the key starts.
func walkKeys(b []byte, f func(parent, key string, off int)) {
	type frame struct {
		object    bool
		path      string // the path of this object or array
		expectKey bool   // in an object, the next token is a key
		key       string // in an object, the key of the value being read
	}
	var stack []frame
	// valuePath is the path of the value that starts at the current token.
	valuePath := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := stack[len(stack)-1]
		if top.object {
			return joinPath(top.path, top.key)
		}
		return top.path
	}
	// valueDone marks the end of a value: its object, if any, expects a key next.
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].expectKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return
		}
		if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].expectKey {
			if key, ok := tok.(string); ok {
				start := skipSpace(b, off)
				if start < len(b) && b[start] == ',' {
					start = skipSpace(b, start+1)
				}
				f(stack[n-1].path, key, start)
				stack[n-1].key, stack[n-1].expectKey = key, false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, path: valuePath(), expectKey: true})
		case json.Delim('['):
			stack = append(stack, frame{path: valuePath()})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
	}
}

// The keys of the JSON form of Entry and Explanation, from their struct tags; read on first
// use, not at start-up, since only user catalogs need them.
var (
	entryKeys       = sync.OnceValue(func() []string { return jsonKeys(reflect.TypeFor[Entry]()) })
	explanationKeys = sync.OnceValue(func() []string { return jsonKeys(reflect.TypeFor[Explanation]()) })
)

func jsonKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// nearestKey returns the known key that key is most likely a misspelling of, or "".
func nearestKey(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// typeWord says in words what JSON a Go type is read from.
func typeWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array of " + strings.TrimPrefix(strings.TrimPrefix(typeWord(t.Elem()), "a "), "an ") + "s"
	case reflect.Struct, reflect.Pointer:
		return "an object"
	}
	return t.String()
}

// jsonKind names the kind of JSON value that starts with b.
func jsonKind(b byte) string {
	switch b {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// trimBOM drops the byte order mark some Windows editors put at the start of a UTF-8 file.
func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\ufeff")) }

// position returns the 1-based line and column (in characters) of offset off of data.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[lineStart:]) + 1
}
