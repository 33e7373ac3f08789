package cmd

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/spf13/cobra"
)

func TestHelpTopics(t *testing.T) {
	for _, topic := range helpTopics {
		want := helpTopicText(topic.name)
		for _, args := range [][]string{{"help", topic.name}, {topic.name}, {topic.name, "--help"}} {
			// Wide enough for the text as written (TestHelpTopicsFitWidth checks narrower).
			code, out, errOut := runArgs(t, false, map[string]string{"COLUMNS": "200"}, args...)
			if code != 0 || errOut != "" || out != want {
				t.Errorf("imetal-err %s: exit %d, stderr %q, stdout %d bytes; want 0 and the topic's text", strings.Join(args, " "), code, errOut, len(out))
			}
		}
	}
	_, out, _ := runArgs(t, false, nil, "--help")
	_, topics, _ := strings.Cut(out, "Additional help topics:")
	for _, topic := range helpTopics {
		if !strings.Contains(topics, "imetal-err "+topic.name+" ") {
			t.Errorf("imetal-err --help does not list %s under Additional help topics:\n%s", topic.name, out)
		}
	}
	if code, out, _ := runArgs(t, false, nil, "help", "lookup"); code != 0 || !strings.Contains(out, "imetal-err lookup CODE...") {
		t.Errorf("help lookup: exit %d, output:\n%s", code, out)
	}
	code, _, errOut := runArgs(t, false, nil, "help", "exit")
	if code != exitUsage || !strings.Contains(errOut, `unknown help topic "exit"`) || !strings.Contains(errOut, "did you mean exit-codes?") {
		t.Errorf("help exit: exit %d, stderr %q; want 2 and a suggestion", code, errOut)
	}
	if got := complete(t, "help", "e"); !slices.Contains(got, "exit-codes\t"+helpTopics[1].short) || !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "explain\t") }) {
		t.Errorf("help e<TAB> = %q; want commands and topics", got)
	}
}

// TestHelpDocsUpToDate keeps docs/help/TOPIC.md, the topics for reading on the web, equal to
// what `imetal-err help TOPIC` prints; -update rewrites them.
func TestHelpDocsUpToDate(t *testing.T) {
	for _, topic := range helpTopics {
		want := "# imetal-err help " + topic.name + "\n\n" + topic.short + ". This is the text of `imetal-err help " +
			topic.name + "`, kept in cmd/help/" + topic.name + ".txt.\n\n```text\n" + helpTopicText(topic.name) + "```\n"
		path := filepath.Join("..", "docs", "help", topic.name+".md")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if have, err := os.ReadFile(path); err != nil || string(have) != want {
			t.Errorf("%s is stale or missing: run go test ./cmd -run TestHelpDocsUpToDate -update", path)
		}
	}
}

// jsonField is a JSON key as a Go struct encodes it, or as `help formats` documents it.
type jsonField struct {
	typ       string // string, number, boolean, array or object
	nullable  bool
	omitempty bool
	sub       map[string]jsonField
}

// structFields reads the JSON keys of a struct type from its fields and tags, the way
// encoding/json does: embedded structs without a tag lend their keys.
func structFields(t reflect.Type) map[string]jsonField {
	out := map[string]jsonField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if f.Anonymous && name == "" {
			maps.Copy(out, structFields(f.Type))
			continue
		}
		ft := f.Type
		jf := jsonField{omitempty: strings.Contains(opts, "omitempty")}
		if ft.Kind() == reflect.Pointer {
			jf.nullable, ft = true, ft.Elem()
		}
		switch ft.Kind() {
		case reflect.String:
			jf.typ = "string"
		case reflect.Bool:
			jf.typ = "boolean"
		case reflect.Int, reflect.Int64, reflect.Float64:
			jf.typ = "number"
		case reflect.Slice:
			jf.typ = "array"
		case reflect.Map:
			jf.typ = "object"
		case reflect.Struct:
			jf.typ, jf.sub = "object", structFields(ft)
		default:
			panic("structFields: no JSON type for " + ft.String())
		}
		out[name] = jf
	}
	return out
}

// fieldLine is a key of `help formats`: "    key   type[/null]   description", nested keys
// two columns further in.
var fieldLine = regexp.MustCompile(`^(    |      )([a-z_]+) +(string|number|boolean|array|object)(/null)? +(.*)$`)

// documentedFields reads the keys listed under the `help formats` heading that starts with
// heading, up to the next unindented line after them. "omitted" in a key's description marks omitempty.
func documentedFields(t *testing.T, text, heading string) map[string]jsonField {
	t.Helper()
	out := map[string]jsonField{}
	var last string      // the last top-level key, parent of nested ones
	var lastDesc *string // the description being read, continued on the lines below it
	desc := map[string]*string{}
	in := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(l, heading):
			in = true
			continue
		case !in:
			continue
		case l != "" && !strings.HasPrefix(l, " "):
			// The heading may go on over several lines; the first unindented line after
			// the keys ends them.
			in = len(out) == 0
			continue
		}
		m := fieldLine.FindStringSubmatch(l)
		if m == nil {
			if lastDesc != nil && strings.TrimSpace(l) != "" {
				*lastDesc += " " + strings.TrimSpace(l)
			}
			continue
		}
		f := jsonField{typ: m[3], nullable: m[4] != ""}
		d := m[5]
		if m[1] == "    " {
			last = m[2]
			out[last] = f
			desc[last], lastDesc = &d, &d
			continue
		}
		p := out[last]
		if p.sub == nil {
			p.sub = map[string]jsonField{}
		}
		p.sub[m[2]] = f
		out[last] = p
		desc[last+"."+m[2]], lastDesc = &d, &d
	}
	if len(out) == 0 {
		t.Fatalf("help formats lists no keys under %q", heading)
	}
	for k, d := range desc {
		parent, sub, nested := strings.Cut(k, ".")
		if !nested {
			f := out[parent]
			f.omitempty = strings.Contains(*d, "omitted")
			out[parent] = f
			continue
		}
		f := out[parent].sub[sub]
		f.omitempty = strings.Contains(*d, "omitted")
		out[parent].sub[sub] = f
	}
	return out
}

// TestHelpFormatsMatchJSON checks `help formats` against the JSON the commands write: every
// key documented exists, every key written is documented, with its type, whether it may be
// null and whether it may be omitted.
func TestHelpFormatsMatchJSON(t *testing.T) {
	text := helpTopicText("formats")
	entry := documentedFields(t, text, "lookup and list")
	explain := documentedFields(t, text, "explain:")
	maps.Copy(explain, entry) // "an object with the keys of lookup and these"
	for _, tt := range []struct {
		name string
		doc  map[string]jsonField
		v    any
	}{
		{"lookup and list: catalog.Entry", entry, catalog.Entry{}},
		{"explain: format.ExplanationJSON", explain, format.ExplanationJSON{}},
		{"parse: format.FindingJSON", documentedFields(t, text, "parse:"), format.FindingJSON{}},
		{"parse --summary: format.SummaryJSON", documentedFields(t, text, "parse --summary:"), format.SummaryJSON{}},
		{"catalog lint: catalog.Problem", documentedFields(t, text, "catalog lint:"), catalog.Problem{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code := structFields(reflect.TypeOf(tt.v))
			if _, ok := tt.v.(catalog.Entry); ok {
				delete(code, "explanation") // lookup and list leave it out; explain has it
			}
			compareFields(t, "", tt.doc, code)
		})
	}
}

func compareFields(t *testing.T, prefix string, doc, code map[string]jsonField) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(code)) {
		c, ok := doc[k]
		if !ok {
			t.Errorf("key %s%s is written but not in help formats", prefix, k)
			continue
		}
		want := code[k]
		if c.typ != want.typ || c.nullable != want.nullable || c.omitempty != want.omitempty {
			t.Errorf("key %s%s: help formats says %s (null: %v, omitted: %v), the code writes %s (null: %v, omitted: %v)",
				prefix, k, c.typ, c.nullable, c.omitempty, want.typ, want.nullable, want.omitempty)
		}
		if want.sub != nil || c.sub != nil {
			compareFields(t, prefix+k+".", c.sub, want.sub)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(doc)) {
		if _, ok := code[k]; !ok {
			t.Errorf("help formats documents key %s%s, which is not written", prefix, k)
		}
	}
}

// commands walks the tree under c: every command but the help topics.
func commands(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	if !c.IsAdditionalHelpTopicCommand() {
		out = append(out, c)
	}
	for _, sub := range c.Commands() {
		out = append(out, commands(sub)...)
	}
	return out
}

// TestExamples checks that every command's help has an Examples section, and that each example
// invoking imetal-err is a valid command line: a known command, known flags, accepted
// arguments. Examples that need nothing but the catalog are run too, and must succeed; those
// that read a pipe or name files (parse, catalog lint, --catalog FILE) are only checked.
func TestExamples(t *testing.T) {
	t.Chdir(t.TempDir()) // where running examples may write
	for _, c := range commands(testRoot()) {
		t.Run(c.CommandPath(), func(t *testing.T) {
			if strings.TrimSpace(c.Example) == "" {
				t.Fatalf("%s has no Example", c.CommandPath())
			}
			for _, line := range strings.Split(c.Example, "\n") {
				args, piped, ok := exampleArgs(line)
				if !ok {
					continue
				}
				if err := validCommandLine(testRoot(), args); err != nil {
					t.Errorf("example %q is not a valid command line: %v", strings.TrimSpace(line), err)
					continue
				}
				if piped || slices.ContainsFunc(args, namesFile) {
					continue
				}
				if code, _, errOut := runArgs(t, false, nil, args...); code != 0 {
					t.Errorf("example %q: exit %d, stderr:\n%s", strings.TrimSpace(line), code, errOut)
				}
			}
		})
	}
}

func testRoot() *cobra.Command {
	ios, _, _, _ := testIOStreams(false, nil)
	root := newRootCmd(&deps{IO: ios})
	root.InitDefaultHelpCmd()
	return root
}

// validCommandLine checks args the way cobra would before running a command: the command
// exists (or the root gets a code), its flags parse, its argument validator accepts the rest.
func validCommandLine(root *cobra.Command, args []string) error {
	c, rest, err := root.Find(args)
	if err != nil {
		return err
	}
	if err := c.ParseFlags(rest); err != nil {
		return err
	}
	pos := c.Flags().Args()
	if c == root && len(pos) > 0 {
		if _, err := catalog.ParseCode(pos[0]); err != nil {
			return fmt.Errorf("unknown command %q", pos[0])
		}
	}
	return c.ValidateArgs(pos)
}

// namesFile reports whether an example's argument is a file or directory name.
func namesFile(arg string) bool {
	if strings.HasPrefix(arg, "-") {
		return false
	}
	if _, err := catalog.ParseCode(arg); err == nil {
		return false
	}
	return strings.Contains(arg, "/") || filepath.Ext(arg) != ""
}

// exampleArgs finds the imetal-err invocation of an example line: its arguments, whether it
// reads a pipe, and whether there is one. An output redirection or a comment ends it.
func exampleArgs(line string) (args []string, piped bool, ok bool) {
	segs := strings.Split(strings.TrimSpace(line), " | ")
	for i, s := range segs {
		f := strings.Fields(s)
		if len(f) < 2 || f[0] != "imetal-err" {
			continue
		}
		for _, w := range f[1:] {
			if strings.HasPrefix(w, ">") || strings.HasPrefix(w, "#") {
				break
			}
			args = append(args, w)
		}
		return args, i > 0, len(args) > 0
	}
	return nil, false, false
}

// TestHelpFitsWidth checks every command's help at the widths of narrow and usual terminals:
// no line is wider, and no word is broken (the words are those of help laid out on one very
// wide line, but for the backslashes that continue a long example). Without a known width,
// help is fitted into 80 columns.
func TestHelpFitsWidth(t *testing.T) {
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if c.IsAvailableCommand() || c.Name() == "help" || len(path) == 0 {
			paths = append(paths, path)
		}
		for _, sub := range c.Commands() {
			if !sub.IsAdditionalHelpTopicCommand() {
				walk(sub, append(slices.Clone(path), sub.Name()))
			}
		}
	}
	ios, _, _, _ := testIOStreams(false, nil)
	walk(newRootCmd(&deps{IO: ios}), nil)
	if len(paths) < 8 {
		t.Fatalf("found only %d commands: %q", len(paths), paths)
	}
	words := func(s string) []string {
		return slices.DeleteFunc(strings.Fields(s), func(w string) bool { return w == `\` })
	}
	for _, path := range paths {
		args := append(slices.Clone(path), "--help")
		_, wide, _ := runArgs(t, false, nil, append(args, "--width", "10000")...)
		for _, tc := range []struct {
			width int
			env   map[string]string
			tty   bool
		}{{60, map[string]string{"COLUMNS": "60"}, false}, {80, nil, false}, {80, nil, true}, {100, map[string]string{"COLUMNS": "100"}, false}} {
			code, out, errOut := runArgs(t, tc.tty, tc.env, args...)
			if code != 0 || errOut != "" {
				t.Fatalf("%q: exit %d, stderr %q", args, code, errOut)
			}
			longest := 0
			for _, l := range strings.Split(out, "\n") {
				longest = max(longest, twwidth.Width(l))
				if twwidth.Width(l) > tc.width {
					t.Errorf("%q at %d columns: a line of %d: %q", args, tc.width, twwidth.Width(l), l)
				}
			}
			if !slices.Equal(words(out), words(wide)) {
				t.Errorf("%q at %d columns: the words differ from the unwrapped help:\n%s", args, tc.width, out)
			}
			if len(path) == 0 && longest < tc.width-10 {
				t.Errorf("%q at %d columns: the longest line is %d: help does not use the width", args, tc.width, longest)
			}
		}
	}
}

// TestHelpTopicsFitWidth checks the help topics at narrow and usual widths: no line is wider,
// no word is broken, and a topic that fits is printed as written.
func TestHelpTopicsFitWidth(t *testing.T) {
	words := func(s string) []string {
		return slices.DeleteFunc(strings.Fields(s), func(w string) bool { return w == `\` })
	}
	for _, topic := range helpTopics {
		text := helpTopicText(topic.name)
		for _, width := range []int{60, 80, 100} {
			_, out, _ := runArgs(t, false, map[string]string{"COLUMNS": fmt.Sprint(width)}, "help", topic.name)
			for _, l := range strings.Split(out, "\n") {
				if twwidth.Width(l) > width {
					t.Errorf("help %s at %d columns: a line of %d: %q", topic.name, width, twwidth.Width(l), l)
				}
			}
			if !slices.Equal(words(out), words(text)) {
				t.Errorf("help %s at %d columns: the words differ from the topic's:\n%s", topic.name, width, out)
			}
			// Prose is rewrapped; only a kept line (a command example) is continued with
			// a backslash, and at 80 columns none needs to be.
			if width >= 80 && strings.Contains(out, " \\\n") {
				t.Errorf("help %s at %d columns: a line continued with a backslash:\n%s", topic.name, width, out)
			}
		}
		if _, out, _ := runArgs(t, false, map[string]string{"COLUMNS": "200"}, "help", topic.name); out != text {
			t.Errorf("help %s at 200 columns is not the text as written:\n%s", topic.name, out)
		}
	}
}
