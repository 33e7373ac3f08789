package cmd

import (
	"strings"
	"unicode"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/spf13/cobra"
)

// completeCodes offers the catalog's codes that complete what was typed, each with its message
// as the description, in the spelling typed: bash and zsh keep only candidates that start with
// the word being completed, so "imetal.023" is completed as imetal.0230, imetal.0231..., and a
// bare number "23" as 230, 231... (a number matches in every namespace: its description names
// the codes). Nothing typed offers every code as the catalog spells it.
func (d *deps) completeCodes(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	cat, err := d.Catalog()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	typed := parseTypedCode(toComplete)
	bare := typed.ns == "" && toComplete != ""
	var (
		values, descs []string
		index         = map[string]int{} // a bare number's value -> its index
	)
	for _, e := range cat.Codes() {
		code, err := catalog.ParseCode(e.Code)
		if err != nil {
			continue
		}
		value, ok := typed.complete(code)
		if !ok {
			continue
		}
		if !bare {
			values, descs = append(values, value), append(descs, e.Message)
			continue
		}
		// A bare number stands for the code of every namespace with that number: one
		// candidate, described by each code and its message.
		desc := e.Code + " " + e.Message
		if i, seen := index[value]; seen {
			descs[i] += "; " + desc
			continue
		}
		index[value] = len(values)
		values, descs = append(values, value), append(descs, desc)
	}
	out := make([]string, len(values))
	for i := range values {
		out[i] = completionItem(values[i], descs[i])
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// typedCode is a code as typed so far, split the way catalog.ParseCode reads it: a namespace
// ("imetal", or "" for a bare number), the separator after it, and the start of the number.
type typedCode struct {
	ns, sep, num string
	// open: the namespace may not be finished ("ime"): nothing follows it yet.
	open bool
}

func parseTypedCode(s string) typedCode {
	i := strings.IndexFunc(s, func(r rune) bool { return !isASCIILetter(r) })
	if i < 0 {
		return typedCode{ns: s, open: true}
	}
	t := typedCode{ns: s[:i]}
	rest := s[i:]
	if t.ns != "" && strings.ContainsRune(".-_ ", rune(rest[0])) {
		t.sep, rest = rest[:1], rest[1:]
	}
	t.num = rest
	return t
}

func isASCIILetter(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }

// complete returns code spelled as t was typed, and whether it completes t: the namespace in
// the case typed (or the alias typed: apig for APIGW), the separator typed, and the number
// with its leading zeros when they were typed, without them when not.
func (t typedCode) complete(code catalog.Code) (string, bool) {
	num := code.Number
	if t.num != "" && t.num[0] != '0' {
		num = strings.TrimLeft(num, "0")
	}
	if t.num != "" && !strings.HasPrefix(num, t.num) {
		return "", false
	}
	switch {
	case t.ns == "" && t.num == "":
		return code.String(), true
	case t.ns == "":
		return num, true
	case t.open:
		// Letters only: a prefix of the namespace, spelled on in the case typed.
		if !hasPrefixFold(code.Namespace, t.ns) {
			return "", false
		}
		return t.ns + sameCase(t.ns, code.Namespace[len(t.ns):]) + "." + code.Number, true
	}
	// The namespace is complete: the code's, or an alias of it (apig for APIGW).
	q, err := catalog.ParseCode(t.ns + ".0")
	if err != nil || !strings.EqualFold(q.Namespace, code.Namespace) {
		return "", false
	}
	return t.ns + t.sep + num, true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// sameCase spells s in the case of typed when typed is all lower or all upper case.
func sameCase(typed, s string) string {
	switch {
	case typed == strings.ToLower(typed):
		return strings.ToLower(s)
	case typed == strings.ToUpper(typed):
		return strings.ToUpper(s)
	}
	return s
}
