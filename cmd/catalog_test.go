package cmd

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
)

// writeFiles writes name/content pairs into a new directory and returns its path.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func jsonEntry(code string, status int, message, solution string) string {
	e := catalog.Entry{Code: code, Status: status, Message: message, Description: "What went wrong.",
		Solution: solution, Category: "server"}
	b, _ := json.MarshalIndent(e, "  ", "  ")
	return string(b)
}

var (
	ecsFile      = "[\n  " + jsonEntry("ECS.0114", 400, "Flavor not found: %s", "Use an existing flavor.") + "\n]\n"
	overrideFile = "[\n  " + jsonEntry("iMetal.0232", 400, "Insufficient IP addresses in subnet", "Ask the network team.") + "\n]\n"
	laterFile    = "[\n  " + jsonEntry("ECS.0114", 400, "Flavor not found: %s", "Ask the compute team.") + "\n]\n"
	brokenFile   = "[\n  {\n    \"code\": \"ECS.0114\",\n    \"stauts\": 400\n  }\n]\n"
)

func Test_newCatalogLintCmd(t *testing.T) {
	tests := []struct {
		args    []string
		want    []string
		wantErr bool
	}{
		{args: []string{"my.json"}, want: []string{"my.json"}},
		{args: []string{"a.json", "b.json"}, want: []string{"a.json", "b.json"}},
		{args: nil, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			ios, _, _, _ := testIOStreams(false, nil)
			var got *catalogLintOptions
			c := newCatalogLintCmd(&deps{IO: ios}, func(o *catalogLintOptions) error { got = o; return nil })
			c.SetArgs(tt.args)
			c.SetOut(io.Discard)
			c.SetErr(io.Discard)
			err := c.Execute()
			if tt.wantErr {
				if exitCode(err) != exitUsage {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil || !slices.Equal(got.Files, tt.want) {
				t.Fatalf("files = %v, err = %v; want %v", got.Files, err, tt.want)
			}
		})
	}
}

func Test_catalogLintRun(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ok.json":       ecsFile,
		"override.json": overrideFile,
		"warn.json":     strings.Replace(ecsFile, `"server"`, `"compute"`, 1),
		"broken.json":   brokenFile,
	})
	tests := []struct {
		name  string
		files []string
		style format.Style
		want  []string // the lines of standard output
		exit  int
	}{
		{name: "clean", files: []string{"ok.json"}, want: []string{"1 file checked: no problems"}},
		{name: "note", files: []string{"override.json"}, want: []string{
			"override.json:2: note: entry 1 (iMetal.0232): overrides the built-in entry with this code, status and message, and keeps its explanation",
			"1 file checked: 1 note",
		}},
		{name: "warning", files: []string{"warn.json"}, want: []string{
			`warn.json:8: warning: entry 1 (ECS.0114): category "compute" is not a built-in one (general, server, instance, network, gateway)`,
			"1 file checked: 1 warning",
		}},
		{name: "error", files: []string{"ok.json", "broken.json"}, exit: exitError, want: []string{
			`broken.json:4: error: entry 1 (ECS.0114): unknown key "stauts" (did you mean "status"?)`,
			"2 files checked: 1 error",
		}},
		{name: "unreadable", files: []string{"nosuch.json"}, exit: exitError, want: []string{
			"nosuch.json: error: cannot read: no such file or directory",
			"1 file checked: 1 error",
		}},
		{name: "tsv", files: []string{"broken.json"}, style: format.TSV, exit: exitError, want: []string{
			"file\tline\tseverity\tmessage",
			`broken.json	4	error	entry 1 (ECS.0114): unknown key "stauts" (did you mean "status"?)`,
		}},
		{name: "json, nothing found", files: []string{"ok.json"}, style: format.JSON, want: []string{"[]"}},
	}
	t.Chdir(dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := testIOStreams(false, nil)
			st := cmpOr(tt.style, format.Table)
			err := catalogLintRun(&catalogLintOptions{IO: ios, Files: tt.files, Format: func() format.Options { return format.Options{Style: st} }})
			if got := exitCode(err); got != tt.exit {
				t.Errorf("exit %d, want %d (err %v)", got, tt.exit, err)
			}
			if got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("output:\n%s\nwant:\n%s", out, strings.Join(tt.want, "\n"))
			}
			if errOut.Len() > 0 {
				t.Errorf("stderr: %s", errOut)
			}
		})
	}
}

func cmpOr(s, def format.Style) format.Style {
	if s == "" {
		return def
	}
	return s
}

func TestCatalogLintJSON(t *testing.T) {
	dir := writeFiles(t, map[string]string{"broken.json": brokenFile})
	code, out, _ := runArgs(t, false, nil, "catalog", "lint", filepath.Join(dir, "broken.json"), "-o", "json")
	var got []catalog.Problem
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitError {
		t.Fatalf("exit %d, err %v, output:\n%s", code, err, out)
	}
	want := catalog.Problem{File: filepath.Join(dir, "broken.json"), Line: 4, Severity: catalog.SeverityError,
		Message: `entry 1 (ECS.0114): unknown key "stauts" (did you mean "status"?)`}
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems = %+v, want %+v", got, want)
	}
}

func TestUserCatalogs(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ecs.json":      ecsFile,
		"override.json": overrideFile,
		"later.json":    laterFile,
		"broken.json":   brokenFile,
		"empty.json":    "",
	})
	t.Chdir(dir)
	env := func(v string) map[string]string { return map[string]string{catalogEnv: v} }
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		exit     int
		stdout   []string // substrings of standard output
		stderr   []string // substrings of standard error
		noStdout []string
	}{
		{name: "flag adds a code", args: []string{"--catalog", "ecs.json", "lookup", "ecs-114", "-o", "tsv"},
			stdout: []string{"400\tECS.0114\tFlavor not found: %s"}},
		{name: "environment adds a code", env: env("ecs.json"), args: []string{"explain", "ECS.0114"},
			stdout: []string{"Added by user catalog ecs.json", "Use an existing flavor."}},
		{name: "empty elements of the list are ignored", env: env(string(os.PathListSeparator) + "ecs.json" + string(os.PathListSeparator)), args: []string{"lookup", "ECS.0114"},
			stdout: []string{"ECS.0114"}},
		{name: "several flags", args: []string{"--catalog", "ecs.json", "--catalog", "override.json", "explain", "232"},
			stdout: []string{"Overrides the built-in entry: from user catalog override.json", "Ask the network team.", "What it means"}},
		{name: "explain -o json carries the source", args: []string{"--catalog", "ecs.json", "explain", "ECS.0114", "-o", "json"},
			stdout: []string{`"source": "ecs.json"`}},
		{name: "the flag loads after the environment", env: env("later.json"), args: []string{"--catalog", "ecs.json", "lookup", "ECS.0114", "-o", "tsv"},
			stdout: []string{"Use an existing flavor."}, noStdout: []string{"compute team"}},
		{name: "a later flag wins", args: []string{"--catalog", "ecs.json", "--catalog", "later.json", "lookup", "ECS.0114", "-o", "tsv"},
			stdout: []string{"Ask the compute team."}, noStdout: []string{"existing flavor"}},
		{name: "version counts user codes", args: []string{"--catalog", "ecs.json", "--version"},
			stdout: []string{"iMetal, ", " APIGW (41 variants), 1 ECS\n"}},
		{name: "broken file", args: []string{"--catalog", "broken.json", "lookup", "232"}, exit: exitUsage,
			stderr: []string{`imetal-err: error: broken.json:4:5: entry 1 (ECS.0114): unknown key "stauts" (did you mean "status"?)`,
				"imetal-err: hint: check the file with 'imetal-err catalog lint broken.json'"}},
		{name: "broken file in the environment", env: env("broken.json"), args: []string{"list"}, exit: exitUsage,
			stderr: []string{"broken.json:4:5: ", "imetal-err: hint: broken.json is named in IMETAL_ERR_CATALOG"}},
		{name: "empty file", args: []string{"--catalog", "empty.json", "explain", "232"}, exit: exitUsage,
			stderr: []string{"imetal-err: error: empty.json:1:1: the file is empty"}},
		{name: "missing file", args: []string{"--catalog", "nosuch.json", "lookup", "232"}, exit: exitUsage,
			stderr: []string{"imetal-err: error: user catalog nosuch.json: no such file or directory"}},
		{name: "a bare code loads the catalogs", args: []string{"--catalog", "broken.json", "232"}, exit: exitUsage,
			stderr: []string{"broken.json:4:5: "}},
		// Commands that do not use the catalog do not read the files.
		{name: "lint ignores the catalogs", env: env("broken.json"), args: []string{"--catalog", "nosuch.json", "catalog", "lint", "ecs.json"},
			stdout: []string{"1 file checked: no problems"}},
		{name: "help ignores the catalogs", env: env("broken.json"), args: []string{"--catalog", "nosuch.json", "lookup", "--help"},
			stdout: []string{"Usage:"}},
		{name: "completion scripts ignore the catalogs", env: env("broken.json"), args: []string{"completion", "bash"},
			stdout: []string{"bash completion"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runArgs(t, false, tt.env, tt.args...)
			if code != tt.exit {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.exit, errOut)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.noStdout {
				if strings.Contains(out, s) {
					t.Errorf("stdout has %q:\n%s", s, out)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			if tt.exit == 0 && errOut != "" {
				t.Errorf("stderr: %s", errOut)
			}
		})
	}
}

func TestUserCatalogCompletion(t *testing.T) {
	dir := writeFiles(t, map[string]string{"ecs.json": ecsFile})
	t.Chdir(dir)
	want := "ECS.0114\tFlavor not found: %s"
	if got := complete(t, "--catalog", "ecs.json", "lookup", "ECS"); !slices.Equal(got, []string{want}) {
		t.Errorf("--catalog ecs.json lookup ECS<TAB> = %q", got)
	}
	// In the spelling typed, which shells keep.
	if got := complete(t, "explain", "--catalog", "ecs.json", "ecs"); !slices.Equal(got, []string{"ecs.0114\tFlavor not found: %s"}) {
		t.Errorf("explain --catalog ecs.json ecs<TAB> = %q", got)
	}
	_, out, _ := runArgs(t, false, map[string]string{catalogEnv: "ecs.json"}, "__complete", "lookup", "EC")
	if !strings.Contains(out, want) {
		t.Errorf("IMETAL_ERR_CATALOG=ecs.json lookup EC<TAB>:\n%s", out)
	}
	if got := complete(t, "catalog", "lint", ""); !slices.Equal(got, []string{"json"}) {
		t.Errorf("catalog lint <TAB> = %q, want the json file extension", got)
	}
}

// TestUserCatalogLoadedOnce checks that the files are read once per run: the catalog is the
// same after the file is gone.
func TestUserCatalogLoadedOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{"ecs.json": ecsFile})
	ios, _, _, _ := testIOStreams(false, nil)
	d := newDeps(ios)
	d.catalogFiles = []string{filepath.Join(dir, "ecs.json")}
	first, err := d.Catalog()
	if err != nil || len(first.Lookup("ECS.0114")) != 1 {
		t.Fatalf("ECS.0114 not loaded: %v", err)
	}
	if err := os.Remove(d.catalogFiles[0]); err != nil {
		t.Fatal(err)
	}
	if again, err := d.Catalog(); again != first || err != nil {
		t.Errorf("second call: %p, %v; want the first catalog, %p", again, err, first)
	}
}
