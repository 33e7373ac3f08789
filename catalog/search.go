package catalog

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Filter selects entries; its zero value selects every entry.
type Filter struct {
	Statuses   []int    // HTTP statuses, any of them; none for any
	Categories []string // categories, any of them, case-insensitive; none for any
	Words      []string // every word must appear (case-insensitively) in the code, message, description or solution
}

// Filter returns the entries f selects, in catalog order.
func (c *Catalog) Filter(f Filter) []Entry {
	words := make([]string, 0, len(f.Words))
	for _, w := range f.Words {
		words = append(words, strings.Fields(strings.ToLower(w))...)
	}
	for i, w := range words {
		// A word that is a code in another spelling (APIG.301, imetal-232) is searched
		// for as the catalog spells it.
		if q, err := ParseCode(w); err == nil && q.Namespace != "" {
			words[i] = strings.ToLower(q.String())
		}
	}
	var out []Entry
	for _, e := range c.entries {
		if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, e.Status) {
			continue
		}
		if len(f.Categories) > 0 && !slices.ContainsFunc(f.Categories, func(c string) bool { return strings.EqualFold(e.Category, c) }) {
			continue
		}
		if len(words) > 0 {
			hay := strings.ToLower(strings.Join([]string{e.Code, e.Message, e.Description, e.Solution}, "\n"))
			if !containsAll(hay, words) {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

func containsAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// CategoryNames returns the categories in use, in display order.
func (c *Catalog) CategoryNames() []string {
	var out []string
	for _, e := range c.entries {
		if !slices.Contains(out, e.Category) {
			out = append(out, e.Category)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return categoryRank(a) - categoryRank(b) })
	return out
}

func categoryRank(c string) int {
	if i := slices.Index(Categories, c); i >= 0 {
		return i
	}
	return len(Categories)
}

// Statuses returns the HTTP statuses in use, ascending.
func (c *Catalog) Statuses() []int {
	var out []int
	for _, e := range c.entries {
		if !slices.Contains(out, e.Status) {
			out = append(out, e.Status)
		}
	}
	slices.Sort(out)
	return out
}

// Suggest returns up to n known codes close to input, nearest first: a code one keystroke
// away ("iMetal.0322" -> iMetal.0232, a swap counting as one), or numerically next to it in
// its namespace ("iMetal.0236" -> iMetal.0235). A code two digits off is not suggested: with
// four digits that is half the code, and the suggestion would mislead more than help. Digits
// typed short of a code's, with their leading zero ("iMetal.023"), are taken for the start of
// the code, as completion takes them: the codes they start come first (iMetal.0230, ...).
func (c *Catalog) Suggest(input string, n int) []string {
	q, err := ParseCode(input)
	if err != nil {
		// Not a code at all: compare the text with the codes as written.
		return c.suggestText(strings.ToLower(strings.TrimSpace(input)), n)
	}
	if q.Namespace != "" && !c.hasNamespace(q.Namespace) {
		// A mistyped namespace ("iMetl"): the nearest one the catalog has, if close.
		q.Namespace = c.nearestNamespace(q.Namespace)
		if q.Namespace == "" {
			return nil
		}
	}
	num, _ := strconv.Atoi(q.Number)
	typed := strings.TrimSpace(input)
	typed = typed[len(strings.TrimRight(typed, "0123456789")):]
	type cand struct {
		code       string
		dist, diff int
	}
	var cands []cand
	for _, e := range c.Codes() {
		k, _ := ParseCode(e.Code)
		if q.Namespace != "" && !strings.EqualFold(k.Namespace, q.Namespace) {
			continue
		}
		kn, _ := strconv.Atoi(k.Number)
		d := editDistance(q.Number, k.Number)
		diff := abs(kn - num)
		if len(typed) > 1 && typed[0] == '0' && len(typed) < len(k.Number) && strings.HasPrefix(k.Number, typed) {
			d, diff = -1, kn
		}
		if d <= 1 || diff <= 5 {
			cands = append(cands, cand{e.Code, d, diff})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return a.diff - b.diff
	})
	var out []string
	for _, k := range cands {
		if len(out) == n {
			break
		}
		out = append(out, k.code)
	}
	return out
}

func (c *Catalog) hasNamespace(ns string) bool {
	_, ok := c.spelling[strings.ToLower(ns)]
	return ok
}

// nearestNamespace returns the catalog's namespace at most two edits from ns (one for a
// namespace of three letters or less), or "" if none is that close.
func (c *Catalog) nearestNamespace(ns string) string {
	limit := 2
	if len(ns) <= 3 {
		limit = 1
	}
	best, bestD := "", limit+1
	for _, k := range slices.Sorted(maps.Values(c.spelling)) {
		if d := editDistance(strings.ToLower(ns), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func (c *Catalog) suggestText(s string, n int) []string {
	if s == "" || len(s) > 64 {
		return nil
	}
	type cand struct {
		code string
		dist int
	}
	var cands []cand
	for _, e := range c.Codes() {
		if d := editDistance(s, strings.ToLower(e.Code)); d <= 3 {
			cands = append(cands, cand{e.Code, d})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.dist - b.dist })
	var out []string
	for _, k := range cands[:min(n, len(cands))] {
		out = append(out, k.code)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the Damerau-Levenshtein (optimal string alignment) distance between a and b,
// so that a swap of two digits counts as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
