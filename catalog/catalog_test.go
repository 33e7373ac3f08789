package catalog

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The API's own error table, as printed on its error-code page: status, code, message,
// description and solution. The embedded data must carry these strings unchanged.
func apiTable(t *testing.T) [][5]string {
	t.Helper()
	b, err := readTestdata("api-error-codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, l := range strings.Split(string(b), "\n") {
		if c, ok := strings.CutSuffix(l, " |"); ok {
			cells = append(cells, c)
		}
	}
	var rows [][5]string
	for i := 0; i+5 <= len(cells); i += 5 {
		if cells[i] != "Status Code" {
			rows = append(rows, [5]string(cells[i:i+5]))
		}
	}
	return rows
}

func TestEmbeddedMatchesAPIPage(t *testing.T) {
	rows := apiTable(t)
	if len(rows) != 23 {
		t.Fatalf("the API page has %d rows, want 23", len(rows))
	}
	var got [][5]string
	for _, e := range Default().Filter(Filter{}) {
		// An entry the English page lacks says where it comes from instead (iMetal.0099, from
		// the Chinese-language page, with a description and solution of our own):
		// TestEntriesNotOnTheAPIPage checks those.
		if strings.HasPrefix(e.Code, "iMetal.") && e.Explanation.Source == "" {
			got = append(got, [5]string{itoa(e.Status), e.Code, e.Message, e.Description, e.Solution})
		}
	}
	if !slices.Equal(got, rows) {
		for i := range max(len(got), len(rows)) {
			var g, w [5]string
			if i < len(got) {
				g = got[i]
			}
			if i < len(rows) {
				w = rows[i]
			}
			if g != w {
				t.Errorf("row %d:\n got %q\nwant %q", i, g, w)
			}
		}
	}
}

// TestEntriesNotOnTheAPIPage checks the iMetal entries the English error-code page does not
// list: only iMetal.0099 is one, its status and message are those of the Chinese-language page
// that lists it, and it says so.
func TestEntriesNotOnTheAPIPage(t *testing.T) {
	onPage := map[string]bool{}
	for _, r := range apiTable(t) {
		onPage[r[1]] = true
	}
	var off []string
	for _, e := range Default().Entries() {
		if !strings.HasPrefix(e.Code, "iMetal.") || onPage[e.Code] {
			continue
		}
		off = append(off, e.Code)
		if !strings.Contains(e.Explanation.Source, "Chinese-language") {
			t.Errorf("%s is not on the English page, and its explanation does not name its source: %q", e.Code, e.Explanation.Source)
		}
	}
	if !slices.Equal(off, []string{"iMetal.0099"}) {
		t.Errorf("iMetal codes not on the English page = %v, want [iMetal.0099]", off)
	}
	e := Default().Lookup("iMetal.0099")
	if len(e) != 1 || e[0].Status != 500 || e[0].Message != "Internal server error" || !e[0].Retryable {
		t.Errorf("iMetal.0099 = %+v, want status 500, message %q, retryable", e, "Internal server error")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

var codeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*\.[0-9]{4}$`)

// TestEmbeddedEntries walks every embedded entry.
func TestEmbeddedEntries(t *testing.T) {
	cat := Default()
	if cat.Len() < 23 {
		t.Fatalf("catalog has %d entries", cat.Len())
	}
	seen := map[string]bool{}
	for _, e := range cat.Entries() {
		t.Run(e.Code+"/"+itoa(e.Status), func(t *testing.T) {
			key := e.Code + "|" + itoa(e.Status) + "|" + e.Message
			if seen[key] {
				t.Errorf("duplicate entry")
			}
			seen[key] = true
			if !codeRE.MatchString(e.Code) {
				t.Errorf("code %q is not well formed", e.Code)
			}
			if err := e.Validate(); err != nil {
				t.Error(err)
			}
			if !slices.Contains(Categories, e.Category) {
				t.Errorf("category %q is not one of %v", e.Category, Categories)
			}
			x := e.Explanation
			if x == nil {
				t.Fatal("no explanation")
			}
			if x.Meaning == "" || len(x.Causes) == 0 || len(x.Steps) == 0 || x.Retry == "" || x.Example == "" {
				t.Errorf("explanation incomplete: %+v", x)
			}
			for _, r := range x.Related {
				if len(cat.Lookup(r)) == 0 {
					t.Errorf("related code %s is not in the catalog", r)
				}
			}
		})
	}
}

func TestIMetalCategoriesAndRetry(t *testing.T) {
	want := map[string]string{"0001": "general", "0005": "general", "0099": "general", "0100": "server", "0110": "server",
		"0200": "instance", "0207": "instance", "0230": "network", "0235": "network"}
	for num, cat := range want {
		e := Default().Lookup("iMetal." + num)
		if len(e) != 1 || e[0].Category != cat {
			t.Errorf("iMetal.%s: category %v, want %s", num, e, cat)
		}
	}
	var retry []string
	for _, e := range Default().Entries() {
		if e.Retryable && strings.HasPrefix(e.Code, "iMetal.") {
			retry = append(retry, e.Code)
		}
	}
	if w := []string{"iMetal.0005", "iMetal.0099", "iMetal.0101", "iMetal.0235"}; !slices.Equal(retry, w) {
		t.Errorf("retryable iMetal codes = %v, want %v", retry, w)
	}
}

func TestParseCode(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{in: "iMetal.0232", want: "iMetal.0232"},
		{in: "imetal.0232", want: "iMetal.0232"},
		{in: "IMETAL.0232", want: "iMetal.0232"},
		{in: "iMetal0232", want: "iMetal.0232"},
		{in: "iMetal-0232", want: "iMetal.0232"},
		{in: "iMetal_232", want: "iMetal.0232"},
		{in: "  iMetal.0232\t", want: "iMetal.0232"},
		{in: "0232", want: "0232"},
		{in: "232", want: "0232"},
		{in: " 5 ", want: "0005"},
		{in: "APIG.0301", want: "APIGW.0301"},
		{in: "apigw-301", want: "APIGW.0301"},
		{in: "S3.0001", want: "S3.0001"},
		{in: "AS.0001", want: "AS.0001"},
		{in: "", bad: true},
		{in: "iMetal", bad: true},
		{in: "iMetal.", bad: true},
		{in: "iMetal.02a2", bad: true},
		{in: "iMetal..0232", bad: true},
		{in: "1234567", bad: true},
		{in: "-232", bad: true},
		{in: "iMetal.0232x", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCode(tt.in)
			if tt.bad {
				if err == nil {
					t.Fatalf("ParseCode(%q) = %v, want an error", tt.in, got)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("ParseCode(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	cat := Default()
	tests := []struct {
		in   string
		want []string // code/status of each entry
	}{
		{"iMetal.0232", []string{"iMetal.0232/400"}},
		{"232", []string{"iMetal.0232/400"}},
		{"0101", []string{"iMetal.0101/400", "APIGW.0101/404", "APIGW.0101/404"}},
		{"APIG.0308", []string{"APIGW.0308/429"}},
		{"APIGW.0201", []string{"APIGW.0201/400", "APIGW.0201/413", "APIGW.0201/414", "APIGW.0201/494", "APIGW.0201/502", "APIGW.0201/504"}},
		{"iMetal.0301", nil},
		{"0999", nil},
		{"nonsense", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for _, e := range cat.Lookup(tt.in) {
				got = append(got, e.Code+"/"+itoa(e.Status))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Lookup(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	cat := Default()
	tests := []struct {
		in    string
		first string
	}{
		{"iMetal.0322", "iMetal.0232"}, // swapped digits
		{"iMetal.0236", "iMetal.0235"}, // one past the end of a range
		{"imetal.0023", "iMetal.0003"},
		{"APIGW.0309", "APIGW.0308"},
		{"imetl.0232", "iMetal.0232"}, // a mistyped namespace
		{"APGW.0301", "APIGW.0301"},
		{"ecs.0232", ""}, // a namespace the catalog does not have
		{"9999", ""},     // two digits off every code: nothing to suggest
		{"999", "iMetal.0099"},
		{"iMetal.023", "iMetal.0230"}, // the start of a code, as completion reads it
		{"023", "iMetal.0230"},
		{"APIGW.03", "APIGW.0301"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := cat.Suggest(tt.in, 3)
			if tt.first == "" {
				if len(got) > 0 {
					t.Errorf("Suggest(%q) = %v, want nothing", tt.in, got)
				}
				return
			}
			if len(got) == 0 || got[0] != tt.first {
				t.Errorf("Suggest(%q) = %v, want %s first", tt.in, got, tt.first)
			}
			if len(got) > 3 {
				t.Errorf("Suggest returned %d codes, want at most 3", len(got))
			}
		})
	}
}

func TestFilter(t *testing.T) {
	cat := Default()
	codes := func(es []Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Code)
		}
		return out
	}
	if got := codes(cat.Filter(Filter{Statuses: []int{404}, Categories: []string{"network"}})); !slices.Equal(got, []string{"iMetal.0230"}) {
		t.Errorf("status 404, network = %v", got)
	}
	// Several statuses or categories: any of them.
	if got := codes(cat.Filter(Filter{Statuses: []int{404, 401}, Categories: []string{"network", "server", "general"}})); !slices.Equal(got, []string{"iMetal.0003", "iMetal.0100", "iMetal.0230"}) {
		t.Errorf("status 404 or 401, network, server or general = %v", got)
	}
	if got := codes(cat.Filter(Filter{Words: []string{"SUBNET ip"}})); !slices.Equal(got, []string{"iMetal.0232", "iMetal.0233"}) {
		t.Errorf("words subnet ip = %v", got)
	}
	if got := cat.Filter(Filter{Categories: []string{"Network"}}); len(got) != 6 {
		t.Errorf("category is case-insensitive: got %d network entries, want 6", len(got))
	}
	if got := cat.Filter(Filter{Words: []string{"nosuchword"}}); len(got) != 0 {
		t.Errorf("nosuchword matched %v", codes(got))
	}
	all := cat.Filter(Filter{})
	if !slices.IsSortedFunc(all, func(a, b Entry) int { return compareCodes(a.Code, b.Code) }) {
		t.Error("entries are not sorted by code")
	}
}

func TestCanonical(t *testing.T) {
	user, err := Default().Merge([]Entry{{Code: "Ecs.0114", Status: 400, Message: "Flavor not found: %s", Description: "d", Solution: "s", Category: "instance"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cat   *Catalog
		code  string
		want  string
		known bool
	}{
		{Default(), "iMetal.0232", "iMetal.0232", true},
		{Default(), "IMETAL.0232", "iMetal.0232", true},
		{Default(), " imetal-232 ", "iMetal.0232", true},
		{Default(), "APIG.0201", "APIGW.0201", true},
		{Default(), "apigw.0201", "APIGW.0201", true},
		{Default(), "iMetal.0150", "iMetal.0150", false},
		{Default(), "as.1", "as.0001", false},
		{Default(), "0232", "0232", false},
		{Default(), "not a code", "not a code", false},
		{Default(), "\u212Aey.0001", "\u212Aey.0001", false}, // the Kelvin sign lower-cases to k
		{Default(), "Averyveryverylongnamespace.0001", "Averyveryverylongnamespace.0001", false},
		{user, "ECS.114", "Ecs.0114", true},
		{user, "ecs.0114", "Ecs.0114", true},
	}
	for _, tt := range tests {
		if got, known := tt.cat.Canonical(tt.code); got != tt.want || known != tt.known {
			t.Errorf("Canonical(%q) = %q, %v; want %q, %v", tt.code, got, known, tt.want, tt.known)
		}
	}
	// parse canonicalizes every error it finds: a code as servers write it costs no allocation.
	if n := testing.AllocsPerRun(100, func() { Default().Canonical("APIGW.0201") }); n != 0 {
		t.Errorf("Canonical of a known code allocates %v times", n)
	}
}

// TestCounts checks the one count of codes that --version, completion and the README say.
func TestCounts(t *testing.T) {
	cat := Default()
	n := cat.Counts()
	if n.Variants != cat.Len() || n.Variants != len(cat.Filter(Filter{})) {
		t.Errorf("variants = %d, want one per entry (list row): %d", n.Variants, cat.Len())
	}
	if n.Codes != len(cat.Codes()) {
		t.Errorf("codes = %d, want %d distinct codes", n.Codes, len(cat.Codes()))
	}
	sum := 0
	for _, ns := range n.Namespaces {
		sum += ns.Codes
	}
	if sum != n.Codes {
		t.Errorf("namespaces add up to %d codes, want %d", sum, n.Codes)
	}
	if got, want := n.String(), "59 codes: 24 iMetal, 35 APIGW (41 variants)"; got != want {
		t.Errorf("Counts().String() = %q, want %q", got, want)
	}

	user, err := cat.Merge([]Entry{{Code: "ECS.0114", Status: 400, Message: "m", Description: "d", Solution: "s", Category: "server"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		f    Filter
		cat  *Catalog
		want string
	}{
		{Filter{Categories: []string{"gateway"}}, cat, "35 APIGW codes (41 variants)"},
		{Filter{Categories: []string{"network"}}, cat, "6 iMetal codes"},
		{Filter{Statuses: []int{404}}, cat, "5 codes: 3 iMetal, 2 APIGW (3 variants)"},
		{Filter{Statuses: []int{413}}, cat, "1 APIGW code"},
		{Filter{Words: []string{"nosuchword"}}, cat, "no codes"},
		{Filter{}, user, "60 codes: 24 iMetal, 35 APIGW (41 variants), 1 ECS"},
	}
	for _, tt := range tests {
		if got := Count(tt.cat.Filter(tt.f)).String(); got != tt.want {
			t.Errorf("Count(Filter(%+v)) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// TestCompareFold checks compareFold against the comparison of the lower-cased strings it
// stands for, also with bytes outside ASCII.
func TestCompareFold(t *testing.T) {
	words := []string{"", "a", "A", "ab", "aB", "Ab", "abc", "b", "B", "Z", "[", "`", "iMetal", "IMETAL", "imetal2", "APIGW", "apig", "ÉCS", "écs", "Ecs", "aÉ", "aé", "a\xff", "A\xfe"}
	for _, a := range words {
		for _, b := range words {
			if got, want := compareFold(a, b), cmp.Compare(strings.ToLower(a), strings.ToLower(b)); got != want {
				t.Errorf("compareFold(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
