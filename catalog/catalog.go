// Package catalog holds the error codes of the iMetal bare-metal API and of the API gateway in
// front of it, and answers questions about them: what a code means, which codes match a filter,
// which known code a mistyped one was meant to be, and what a received error message carries.
//
// The data is embedded, and user catalogs add to it (DecodeUser, Catalog.Merge, Lint); the
// package does no I/O of its own and never prints.
package catalog

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// The catalog is edited in data/*.json and compiled in as Go data (embedded.go), so that no
// run spends time decoding it: about 1 ms of every lookup's start. A test keeps the two equal.
//go:generate go run ./internal/gendata

// Categories lists the categories an entry may have, in display order.
var Categories = []string{"general", "server", "instance", "network", "gateway"}

// Entry is one error of the catalog: a code, and for codes the API returns with several
// statuses or messages (the gateway's APIGW.0201, for one), one variant of it.
//
// Status, Code, Message, Description and Solution of the iMetal entries are the API's own
// strings, from its English error-code page; an entry that page lacks says where its strings
// come from in Explanation.Source. Message is a template: "%s", "[{id}, ...]" and "{name}" stand for what the server
// fills in.
type Entry struct {
	Code        string       `json:"code"`
	Status      int          `json:"status"`
	Message     string       `json:"message"`
	Description string       `json:"description"`
	Solution    string       `json:"solution"`
	Category    string       `json:"category"`
	Retryable   bool         `json:"retryable"`
	Explanation *Explanation `json:"explanation,omitempty"`

	// Source names where the entry came from: "" for the embedded catalog, else the user
	// catalog file that added it.
	Source string `json:"-"`
	// Overrides is set on a user entry that replaced an embedded one.
	Overrides bool `json:"-"`
}

// Explanation is the long form of an entry, in our own words, as `imetal-err explain` shows it.
type Explanation struct {
	Meaning string   `json:"meaning"`
	Causes  []string `json:"causes,omitempty"`
	Steps   []string `json:"steps,omitempty"`
	Retry   string   `json:"retry,omitempty"`
	// Example is an error response as the API returns it: a body, or a whole HTTP response.
	Example string   `json:"example,omitempty"`
	Related []string `json:"related,omitempty"`
	// Source says where the entry's status, code and message come from when it is not the
	// API's English error-code page (iMetal.0099 is only on its Chinese-language page).
	Source string `json:"source,omitempty"`
}

// Catalog is a set of entries, indexed for lookup. The zero value is empty; use Default or New.
type Catalog struct {
	entries []Entry
	byCode  map[string]codeIndex // lower-cased canonical code -> its entries
	// spelling maps a lower-cased namespace to the spelling the catalog uses ("imetal" -> "iMetal").
	spelling map[string]string

	// templates holds the parsed message template of each entry, made on first use by
	// Diagnose: most runs never match a message.
	templatesOnce sync.Once
	templates     [][]segment
}

// codeIndex is what the catalog has for one code: the code in the catalog's spelling, and the
// indexes of its entries.
type codeIndex struct {
	code    string
	entries []int
}

var loadDefault = sync.OnceValues(loadEmbedded)

// loadEmbedded checks and indexes the embedded entries.
func loadEmbedded() (*Catalog, error) {
	return New(embedded)
}

// Default returns the embedded catalog. It is loaded on first use, once.
// Malformed embedded data is a programming error: Default panics on it, and the tests catch it.
func Default() *Catalog {
	c, err := loadDefault()
	if err != nil {
		panic("catalog: embedded data: " + err.Error())
	}
	return c
}

// New builds a catalog from entries, after checking each one with Validate.
// Entries are kept sorted by code, then status; variants of one code keep their given order.
func New(entries []Entry) (*Catalog, error) {
	c := &Catalog{
		entries:  slices.Clone(entries),
		byCode:   make(map[string]codeIndex, len(entries)),
		spelling: make(map[string]string),
	}
	for i := range c.entries {
		e := &c.entries[i]
		if err := e.Validate(); err != nil {
			return nil, fmt.Errorf("entry %d (%q): %w", i+1, e.Code, err)
		}
		code, _ := ParseCode(e.Code)
		e.Code = code.String()
		if _, ok := c.spelling[strings.ToLower(code.Namespace)]; !ok {
			c.spelling[strings.ToLower(code.Namespace)] = code.Namespace
		}
	}
	slices.SortStableFunc(c.entries, func(a, b Entry) int {
		return cmp.Or(compareCodes(a.Code, b.Code), cmp.Compare(a.Status, b.Status))
	})
	for i, e := range c.entries {
		k := strings.ToLower(e.Code)
		for _, j := range c.byCode[k].entries {
			if o := c.entries[j]; o.Status == e.Status && o.Message == e.Message {
				return nil, fmt.Errorf("duplicate entry %s (status %d, message %q)", e.Code, e.Status, e.Message)
			}
		}
		c.add(k, i)
	}
	return c, nil
}

// add indexes entry i under the lower-cased code k.
func (c *Catalog) add(k string, i int) {
	ci, ok := c.byCode[k]
	if !ok {
		code, _ := ParseCode(c.entries[i].Code)
		if s, ok := c.spelling[strings.ToLower(code.Namespace)]; ok {
			code.Namespace = s
		}
		ci.code = code.String()
	}
	ci.entries = append(ci.entries, i)
	c.byCode[k] = ci
}

// resolve reads code as ParseCode does, or as received from a server, and returns it in the
// catalog's spelling, what the catalog has for it, and whether it has anything. A malformed
// code or a bare number is returned as given. A code already in the catalog's form, in any
// case ("iMetal.0232", "IMETAL.0232"), is resolved without allocating: parse resolves every
// error it finds.
func (c *Catalog) resolve(code string) (canon string, ci codeIndex, known bool) {
	var buf [32]byte
	if k, ok := lowerASCII(buf[:0], code); ok {
		if ci, ok := c.byCode[string(k)]; ok {
			return ci.code, ci, true
		}
	}
	q, err := ParseCode(code)
	if err != nil || q.Namespace == "" {
		return code, codeIndex{}, false
	}
	if s, ok := c.spelling[strings.ToLower(q.Namespace)]; ok {
		q.Namespace = s
	}
	canon = q.String()
	ci, known = c.byCode[strings.ToLower(canon)]
	return canon, ci, known
}

// lowerASCII appends s lower-cased to buf, when s is ASCII and fits in buf's capacity.
func lowerASCII(buf []byte, s string) ([]byte, bool) {
	if len(s) > cap(buf) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x80 {
			return nil, false
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf = append(buf, b)
	}
	return buf, true
}

// template returns the parsed message template of entry i.
func (c *Catalog) template(i int) []segment {
	c.templatesOnce.Do(func() {
		c.templates = make([][]segment, len(c.entries))
		for j := range c.entries {
			c.templates[j] = parseTemplate(c.entries[j].Message)
		}
	})
	return c.templates[i]
}

// compareCodes orders codes by namespace (iMetal first, then the gateway, then the rest
// alphabetically) and then by number.
func compareCodes(a, b string) int {
	ca, _ := ParseCode(a)
	cb, _ := ParseCode(b)
	return cmp.Or(
		cmp.Compare(namespaceRank(ca.Namespace), namespaceRank(cb.Namespace)),
		compareFold(ca.Namespace, cb.Namespace),
		cmp.Compare(len(ca.Number), len(cb.Number)),
		cmp.Compare(ca.Number, cb.Number),
	)
}

// compareFold compares a and b as strings.ToLower of each compare, without making them:
// building the catalog sorts its entries, at every start.
func compareFold(a, b string) int {
	for i := range min(len(a), len(b)) {
		ca, cb := a[i], b[i]
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			return cmp.Compare(strings.ToLower(a[i:]), strings.ToLower(b[i:]))
		}
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
	}
	return cmp.Compare(len(a), len(b))
}

func namespaceRank(ns string) int {
	switch {
	case strings.EqualFold(ns, "imetal"):
		return 0
	case strings.EqualFold(ns, "apigw"):
		return 1
	}
	return 2
}

// Decode reads entries in the JSON form that `imetal-err list -o json` prints.
// Unknown fields are an error, so that a misspelt key is not silently ignored.
func Decode(b []byte) ([]Entry, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var entries []Entry
	if err := dec.Decode(&entries); err != nil {
		return nil, err
	}
	return entries, nil
}

// Entries returns every entry, sorted by code. The caller must not modify the result.
func (c *Catalog) Entries() []Entry { return c.entries }

// Len returns the number of entries.
func (c *Catalog) Len() int { return len(c.entries) }

// Namespaces returns the namespaces the catalog holds codes of, in display order,
// with the number of codes and variants in each.
func (c *Catalog) Namespaces() []NamespaceCount { return Count(c.entries).Namespaces }

// Counts is how many codes a set of entries holds, in all and by namespace. A code the API
// returns with several statuses or messages (the gateway's APIGW.0201 comes with six) is
// one code and several variants, each an entry of its own and a row of `imetal-err list`.
type Counts struct {
	Codes      int // distinct codes
	Variants   int // entries
	Namespaces []NamespaceCount
}

// NamespaceCount is a namespace and how many distinct codes, and variants of them, it has.
type NamespaceCount struct {
	Namespace string
	Codes     int
	Variants  int
}

// Count counts entries sorted as a Catalog keeps them (Entries, Filter): codes and variants,
// by namespace in the order met.
func Count(entries []Entry) Counts {
	var n Counts
	for i, e := range entries {
		code, _ := ParseCode(e.Code)
		if len(n.Namespaces) == 0 || !strings.EqualFold(n.Namespaces[len(n.Namespaces)-1].Namespace, code.Namespace) {
			n.Namespaces = append(n.Namespaces, NamespaceCount{Namespace: code.Namespace})
		}
		ns := &n.Namespaces[len(n.Namespaces)-1]
		if i == 0 || !strings.EqualFold(entries[i-1].Code, e.Code) {
			ns.Codes++
			n.Codes++
		}
		ns.Variants++
		n.Variants++
	}
	return n
}

// Counts counts the catalog's codes; see Count.
func (c *Catalog) Counts() Counts { return Count(c.entries) }

// String says the counts the one way every part of imetal-err says them: the codes, then by
// namespace when there are several, with the number of variants where it differs from the
// number of codes: "59 codes: 24 iMetal, 35 APIGW (41 variants)", "35 APIGW codes
// (41 variants)", "6 iMetal codes", "no codes".
func (n Counts) String() string {
	switch len(n.Namespaces) {
	case 0:
		return "no codes"
	case 1:
		ns := n.Namespaces[0]
		return plural(ns.Codes, ns.Namespace+" code") + variants(ns)
	}
	parts := make([]string, len(n.Namespaces))
	for i, ns := range n.Namespaces {
		parts[i] = fmt.Sprintf("%d %s%s", ns.Codes, ns.Namespace, variants(ns))
	}
	return plural(n.Codes, "code") + ": " + strings.Join(parts, ", ")
}

func variants(ns NamespaceCount) string {
	if ns.Variants == ns.Codes {
		return ""
	}
	return " (" + plural(ns.Variants, "variant") + ")"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Lookup returns the entries for code, in any form ParseCode accepts. A code with a namespace
// matches in that namespace only; a bare number matches in every namespace. It returns nil
// when code is malformed or unknown.
func (c *Catalog) Lookup(code string) []Entry {
	q, err := ParseCode(code)
	if err != nil {
		return nil
	}
	var out []Entry
	for _, ns := range c.namespacesFor(q) {
		for _, i := range c.byCode[strings.ToLower(ns+"."+q.Number)].entries {
			out = append(out, c.entries[i])
		}
	}
	return out
}

// namespacesFor lists the namespaces a query searches: its own, or all for a bare number.
func (c *Catalog) namespacesFor(q Code) []string {
	if q.Namespace != "" {
		return []string{q.Namespace}
	}
	var out []string
	for _, n := range c.Namespaces() {
		out = append(out, n.Namespace)
	}
	return out
}

// Canonical returns code in the catalog's spelling ("imetal-232" -> "iMetal.0232") and whether
// the catalog knows it. A well-formed code the catalog does not know is returned normalized;
// a malformed one is returned as given.
func (c *Catalog) Canonical(code string) (string, bool) {
	canon, _, known := c.resolve(code)
	return canon, known
}

// Codes returns each distinct code once, in catalog order, with the first variant's entry.
func (c *Catalog) Codes() []Entry {
	var out []Entry
	for i, e := range c.entries {
		if i == 0 || !strings.EqualFold(c.entries[i-1].Code, e.Code) {
			out = append(out, e)
		}
	}
	return out
}

// Validate checks that an entry is complete and well formed, and returns the first problem.
func (e *Entry) Validate() error {
	if errs := e.problems(); len(errs) > 0 {
		return errs[0].err
	}
	return nil
}

// issue is something wrong with an entry, and the JSON key of the field it lies in.
type issue struct {
	key string
	err error
}

// problems returns everything Validate finds wrong with an entry, in the order of its fields.
func (e *Entry) problems() []issue {
	var out []issue
	add := func(key string, err error) { out = append(out, issue{key, err}) }
	code, err := ParseCode(e.Code)
	switch {
	case err != nil:
		add("code", err)
	case code.Namespace == "":
		add("code", fmt.Errorf("code %q has no namespace (write it as iMetal.%s)", e.Code, code.Number))
	}
	if e.Status < 100 || e.Status > 599 {
		add("status", fmt.Errorf("status %d is not an HTTP error status (100-599)", e.Status))
	}
	for _, f := range []struct{ key, text string }{
		{"message", e.Message}, {"description", e.Description}, {"solution", e.Solution},
	} {
		if strings.TrimSpace(f.text) == "" {
			add(f.key, fmt.Errorf("%s is empty", f.key))
		}
	}
	if e.Category == "" {
		add("category", fmt.Errorf("category is empty (one of %s, or a name of your own)", strings.Join(Categories, ", ")))
	}
	if err := checkTemplate(e.Message); err != nil {
		add("message", err)
	}
	return out
}
