package catalog

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// userEntry returns the JSON of a valid user entry, with code, status and message as given.
func userEntry(code string, status int, message string) string {
	return `{"code": "` + code + `", "status": ` + itoa(status) + `, "message": "` + message + `", ` +
		`"description": "The flavor does not exist.", "solution": "Use an existing flavor.", "category": "server", "retryable": false}`
}

func TestDecodeUser(t *testing.T) {
	ecs := userEntry("ECS.0114", 400, "Flavor not found: %s")
	tests := []struct {
		name    string
		data    string
		want    []string // code/status of each entry
		wantErr string   // the whole error, "" for none
	}{
		{name: "one entry", data: "[" + ecs + "]", want: []string{"ECS.0114/400"}},
		{name: "empty array", data: " [ ]\n", want: []string{}},
		{name: "byte order mark", data: "\ufeff[" + ecs + "]", want: []string{"ECS.0114/400"}},
		{name: "explanation", data: `[{"code": "iMetal.0236", "status": 409, "message": "Subnet is in use", "description": "d", "solution": "s", "category": "network", "retryable": true,
			"explanation": {"meaning": "m", "causes": ["c"], "example": "{\"error_code\": \"iMetal.0236\"}"}}]`, want: []string{"iMetal.0236/409"}},
		{name: "two variants", data: "[" + ecs + ",\n" + userEntry("ECS.0114", 404, "Flavor not found: %s") + "]", want: []string{"ECS.0114/400", "ECS.0114/404"}},

		{name: "empty file", data: "\n  \n", wantErr: "f.json:1:1: the file is empty: want a JSON array of entries, as 'imetal-err list -o json' prints"},
		{name: "an object", data: "\n  {}", wantErr: "f.json:2:3: want a JSON array of entries, as 'imetal-err list -o json' prints, not an object"},
		{name: "syntax error", data: "[\n  {\"code\": \"x\",, }\n]", wantErr: `f.json:2:16: invalid JSON: invalid character ',' looking for beginning of object key string`},
		{name: "truncated", data: "[\n  {\"code\": ", wantErr: `f.json:2:12: invalid JSON: unexpected end of JSON input`},
		{name: "trailing text", data: "[]\nx", wantErr: `f.json:2:1: invalid JSON: invalid character 'x' after top-level value`},
		{name: "column in characters", data: `["é", é]`, wantErr: `f.json:1:7: invalid JSON: invalid character 'Ã' looking for beginning of value`},
		{name: "element not an object", data: "[\n  " + ecs + ",\n  42\n]", wantErr: "f.json:3:3: entry 2: want an object with the keys code, status, message, description, solution, category, retryable, explanation, not a number"},
		{name: "unknown key", data: "[\n  {\n    \"code\": \"ECS.0114\",\n    \"stauts\": 400\n  }\n]", wantErr: `f.json:4:5: entry 1 (ECS.0114): unknown key "stauts" (did you mean "status"?)`},
		{name: "key in capitals", data: `[{"Code": "ECS.0114"}]`, wantErr: `f.json:1:3: entry 1 (ECS.0114): unknown key "Code" (did you mean "code"?)`},
		{name: "unknown key far from any", data: `[{"source": "x"}]`, wantErr: `f.json:1:3: entry 1: unknown key "source" (known keys: code, status, message, description, solution, category, retryable, explanation)`},
		{name: "unknown explanation key", data: "[{\"code\": \"ECS.0114\",\n \"explanation\": {\"meaning\": \"m\",\n  \"cause\": []}}]", wantErr: `f.json:3:3: entry 1 (ECS.0114): unknown key "explanation.cause" (did you mean "explanation.causes"?)`},
		{name: "repeated key", data: "[{\"code\": \"ECS.0114\",\n \"code\": \"ECS.0115\"}]", wantErr: `f.json:2:2: entry 1 (ECS.0115): key "code" appears twice`},
		{name: "status as a string", data: "[{\"code\": \"ECS.0114\",\n  \"status\": \"400\"}]", wantErr: `f.json:2:3: entry 1 (ECS.0114): "status" must be a whole number, not string`},
		{name: "causes as a string", data: "[{\"explanation\": {\n  \"causes\": \"c\"}}]", wantErr: `f.json:2:3: entry 1: "explanation.causes" must be an array of strings, not string`},
		{name: "retryable as a string", data: `[{"retryable": "yes"}]`, wantErr: `f.json:1:3: entry 1: "retryable" must be true or false, not string`},
		{name: "invalid entry", data: "[\n  " + ecs + ",\n  " + userEntry("ECS.0115", 700, "x") + "\n]", wantErr: "f.json:3:24: entry 2 (ECS.0115): status 700 is not an HTTP error status (100-599)"},
		{name: "no namespace", data: "[" + userEntry("0114", 400, "x") + "]", wantErr: `f.json:1:3: entry 1 (0114): code "0114" has no namespace (write it as iMetal.0114)`},
		{name: "empty entry", data: "[{}]", wantErr: `f.json:1:2: entry 1: not an error code: ""`},
		{name: "duplicate", data: "[\n  " + ecs + ",\n  " + strings.Replace(ecs, "ECS.0114", "ecs-114", 1) + "\n]", wantErr: "f.json:3:3: entry 2 (ecs-114): same code, status and message as the entry at line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := DecodeUser("f.json", []byte(tt.data))
			if tt.wantErr != "" {
				var fe *FileError
				if err == nil || err.Error() != tt.wantErr || !errors.As(err, &fe) {
					t.Fatalf("err = %v\nwant %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, e := range entries {
				got = append(got, e.Code+"/"+itoa(e.Status))
				if e.Source != "f.json" || e.Overrides {
					t.Errorf("%s: Source = %q, Overrides = %v; want f.json, false", e.Code, e.Source, e.Overrides)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("entries = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFileError(t *testing.T) {
	tests := []struct {
		err  FileError
		want string
	}{
		{FileError{File: "a.json", Line: 3, Column: 5, Msg: "bad"}, "a.json:3:5: bad"},
		{FileError{File: "a.json", Line: 3, Msg: "bad"}, "a.json:3: bad"},
		{FileError{File: "a.json", Msg: "bad"}, "a.json: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestMerge(t *testing.T) {
	base := Default()
	mustDecode := func(t *testing.T, name string, entries ...string) []Entry {
		t.Helper()
		es, err := DecodeUser(name, []byte("["+strings.Join(entries, ",\n")+"]"))
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	builtin := func(code string, status int) Entry {
		for _, e := range base.Lookup(code) {
			if e.Status == status {
				return e
			}
		}
		t.Fatalf("no built-in %s/%d", code, status)
		return Entry{}
	}
	// variants returns code/status/source of each entry for code, with "!" for an override
	// and "+x" when it has an explanation.
	variants := func(c *Catalog, code string) []string {
		var out []string
		for _, e := range c.Lookup(code) {
			s := e.Code + "/" + itoa(e.Status) + "/" + e.Source
			if e.Overrides {
				s += "!"
			}
			if e.Explanation != nil {
				s += "+x"
			}
			out = append(out, s)
		}
		return out
	}
	gw404b := base.Lookup("APIGW.0101")[1].Message
	tests := []struct {
		name  string
		files [][]Entry
		code  string
		want  []string
	}{
		{
			name:  "new code in a new namespace",
			files: [][]Entry{mustDecode(t, "u.json", userEntry("ECS.0114", 400, "Flavor not found: %s"))},
			code:  "ECS.0114", want: []string{"ECS.0114/400/u.json"},
		},
		{
			name:  "new code, namespace in the catalog's spelling",
			files: [][]Entry{mustDecode(t, "u.json", userEntry("imetal-236", 409, "Subnet is in use"))},
			code:  "iMetal.0236", want: []string{"iMetal.0236/409/u.json"},
		},
		{
			name:  "same message keeps the built-in explanation",
			files: [][]Entry{mustDecode(t, "u.json", userEntry("iMetal.0232", 400, builtin("iMetal.0232", 400).Message))},
			code:  "iMetal.0232", want: []string{"iMetal.0232/400/u.json!+x"},
		},
		{
			name:  "another message drops the built-in explanation",
			files: [][]Entry{mustDecode(t, "u.json", userEntry("iMetal.0232", 400, "No free IP address in subnet"))},
			code:  "iMetal.0232", want: []string{"iMetal.0232/400/u.json!"},
		},
		{
			name:  "another status is a new variant",
			files: [][]Entry{mustDecode(t, "u.json", userEntry("iMetal.0232", 409, "No free IP address in subnet"))},
			code:  "iMetal.0232", want: []string{"iMetal.0232/400/+x", "iMetal.0232/409/u.json"},
		},
		{
			name:  "one variant of a multi-variant code",
			files: [][]Entry{mustDecode(t, "u.json", userEntry("APIGW.0201", 502, "Bad gateway"))},
			code:  "APIGW.0201",
			want:  []string{"APIGW.0201/400/+x", "APIGW.0201/413/+x", "APIGW.0201/414/+x", "APIGW.0201/494/+x", "APIGW.0201/502/u.json!", "APIGW.0201/504/+x"},
		},
		{
			name:  "a status shared by two variants, with the message of one",
			files: [][]Entry{mustDecode(t, "u.json", userEntry("APIGW.0101", 404, gw404b))},
			code:  "APIGW.0101", want: []string{"APIGW.0101/404/+x", "APIGW.0101/404/u.json!+x"},
		},
		{
			name:  "a status shared by two variants, with a new message",
			files: [][]Entry{mustDecode(t, "u.json", userEntry("APIGW.0101", 404, "No such API"))},
			code:  "APIGW.0101", want: []string{"APIGW.0101/404/u.json!"},
		},
		{
			name: "a later file overrides an earlier one's addition",
			files: [][]Entry{
				mustDecode(t, "a.json", userEntry("ECS.0114", 400, "Flavor not found: %s")),
				mustDecode(t, "b.json", userEntry("ecs.114", 400, "Flavor not found: %s")),
			},
			code: "ECS.0114", want: []string{"ECS.0114/400/b.json"},
		},
		{
			name: "a later file overrides an earlier one's override",
			files: [][]Entry{
				mustDecode(t, "a.json", userEntry("iMetal.0232", 400, "No free IP address in subnet")),
				mustDecode(t, "b.json", userEntry("iMetal.0232", 400, "No free IP address in subnet")),
			},
			code: "iMetal.0232", want: []string{"iMetal.0232/400/b.json!"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			for _, f := range tt.files {
				var err error
				if c, err = c.Merge(f); err != nil {
					t.Fatal(err)
				}
			}
			if got := variants(c, tt.code); !slices.Equal(got, tt.want) {
				t.Errorf("%s = %q\nwant %q", tt.code, got, tt.want)
			}
			if base.Len() != Default().Len() || len(variants(base, "ECS.0114")) != 0 {
				t.Error("Merge changed the catalog it was called on")
			}
		})
	}
}

func TestMergeErrors(t *testing.T) {
	ok := Entry{Code: "ECS.0114", Status: 400, Message: "m", Description: "d", Solution: "s", Category: "server"}
	bad := ok
	bad.Status = 0
	if _, err := Default().Merge([]Entry{ok, bad}); err == nil || !strings.Contains(err.Error(), "entry 2") {
		t.Errorf("invalid entry: err = %v", err)
	}
	if _, err := Default().Merge([]Entry{ok, ok}); err == nil || !strings.Contains(err.Error(), "duplicate entry ECS.0114") {
		t.Errorf("duplicate entries: err = %v", err)
	}
	if c, err := Default().Merge(nil); err != nil || c.Len() != Default().Len() {
		t.Errorf("no entries: %d entries, err = %v", c.Len(), err)
	}
}

func TestMergeNamespaces(t *testing.T) {
	c, err := Default().Merge([]Entry{{Code: "ECS.0114", Status: 400, Message: "m", Description: "d", Solution: "s", Category: "server", Source: "u.json"}})
	if err != nil {
		t.Fatal(err)
	}
	ns := c.Namespaces()
	if last := ns[len(ns)-1]; last != (NamespaceCount{"ECS", 1, 1}) || ns[0].Namespace != "iMetal" {
		t.Errorf("Namespaces = %v, want ECS (1 code) after the built-in ones", ns)
	}
	if got, known := c.Canonical("ecs-114"); got != "ECS.0114" || !known {
		t.Errorf("Canonical(ecs-114) = %s, %v", got, known)
	}
}

func TestLint(t *testing.T) {
	ecs := userEntry("ECS.0114", 400, "Flavor not found: %s")
	tests := []struct {
		name string
		data string
		want []string
	}{
		{name: "clean", data: "[\n  " + ecs + "\n]", want: nil},
		{name: "syntax error", data: "[\n  {,}\n]", want: []string{
			"f.json:2: error: invalid JSON: invalid character ',' looking for beginning of object key string (column 4)"}},
		{name: "every problem of an entry", data: "[\n" + `{"code": "x", "status": 0, "message": " ", "description": "", "solution": "", "category": ""}` + "\n]", want: []string{
			`f.json:2: error: entry 1 (x): not an error code: "x"`,
			"f.json:2: error: entry 1 (x): status 0 is not an HTTP error status (100-599)",
			"f.json:2: error: entry 1 (x): message is empty",
			"f.json:2: error: entry 1 (x): description is empty",
			"f.json:2: error: entry 1 (x): solution is empty",
			"f.json:2: error: entry 1 (x): category is empty (one of general, server, instance, network, gateway, or a name of your own)",
		}},
		{name: "every unknown key, and the next entry", data: "[\n{\"code\": \"ECS.0114\",\n \"stauts\": 400,\n \"mesage\": \"m\"},\n" + ecs + ",\n" + ecs + "\n]", want: []string{
			`f.json:3: error: entry 1 (ECS.0114): unknown key "stauts" (did you mean "status"?)`,
			`f.json:4: error: entry 1 (ECS.0114): unknown key "mesage" (did you mean "message"?)`,
			"f.json:6: error: entry 3 (ECS.0114): same code, status and message as the entry at line 5",
		}},
		{name: "a misspelt key, and warnings on the other fields", data: "[" + strings.NewReplacer(`"status"`, `"stat"`, `"server"`, `"billing"`).Replace(ecs) + "]", want: []string{
			`f.json:1: error: entry 1 (ECS.0114): unknown key "stat" (did you mean "status"?)`,
			`f.json:1: warning: entry 1 (ECS.0114): category "billing" is not a built-in one (general, server, instance, network, gateway)`,
		}},
		{name: "a value of the wrong type, and nothing more", data: "[" + strings.NewReplacer(`400`, `"400"`, `"server"`, `"billing"`).Replace(ecs) + "]", want: []string{
			`f.json:1: error: entry 1 (ECS.0114): "status" must be a whole number, not string`,
		}},
		{name: "same as the built-in entry", data: "[" + builtinJSON("iMetal.0232") + "]", want: []string{
			"f.json:1: note: entry 1 (iMetal.0232): overrides the built-in entry with the same texts: leave it out to keep the file to what you change",
		}},
		{name: "warnings", data: "[\n" + strings.NewReplacer(`"ECS.0114"`, `"ecs-114"`, "400", "302", `"server"`, `"billing"`, "%s", "%d {name").Replace(ecs) + "\n]", want: []string{
			`f.json:2: warning: entry 1 (ecs-114): code "ecs-114" is read as ecs.0114: write it that way`,
			"f.json:2: warning: entry 1 (ecs-114): status 302 is not an error status (4xx or 5xx)",
			`f.json:2: warning: entry 1 (ecs-114): category "billing" is not a built-in one (general, server, instance, network, gateway)`,
			`f.json:2: warning: entry 1 (ecs-114): message has a "{" with no "}" after it: it is matched as literal text`,
			`f.json:2: warning: entry 1 (ecs-114): message has "%d": only %s is a placeholder, so it is matched as literal text`,
		}},
		{name: "placeholders understood", data: "[" + userEntry("ECS.0114", 400, "Flavors [{id}, ...] not found: {reason}; 100% sure: %s") + "]", want: nil},
		{name: "brace that is not a placeholder", data: "[" + userEntry("ECS.0114", 400, "Bad body {} given") + "]", want: []string{
			`f.json:1: warning: entry 1 (ECS.0114): message has a "{" that starts no placeholder ({name} or [{id}, ...]): it is matched as literal text`,
		}},
		{name: "two placeholders in a row", data: "[" + userEntry("ECS.0114", 400, "Bad %s{name}") + "]", want: []string{
			`f.json:1: error: entry 1 (ECS.0114): message template "Bad %s{name}" has two placeholders with no text between them`,
		}},
		{name: "example without its code", data: "[" + strings.TrimSuffix(ecs, "}") + `, "explanation": {"meaning": "m", "example": "{\"error_code\": \"ECS.0115\"}"}}]`, want: []string{
			"f.json:1: warning: entry 1 (ECS.0114): the explanation's example does not contain the code ECS.0114",
		}},
		{name: "example with its code", data: "[" + strings.TrimSuffix(userEntry("APIGW.0308", 429, "Too many"), "}") + `, "explanation": {"meaning": "m", "example": "{\"error_code\":\"APIG.0308\"}"}}]`, want: []string{
			"f.json:1: note: entry 1 (APIGW.0308): overrides the built-in entry with status 429, whose message differs",
		}},
		{name: "overrides", data: "[\n" + userEntry("iMetal.0232", 400, "Insufficient IP addresses in subnet") + ",\n" +
			userEntry("APIGW.0101", 404, "No such API") + "\n]", want: []string{
			"f.json:2: note: entry 1 (iMetal.0232): overrides the built-in entry with this code, status and message, and keeps its explanation",
			"f.json:3: note: entry 2 (APIGW.0101): overrides the 2 built-in entries with status 404, whose messages differ; with no explanation of its own, explain shows none for it",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range Lint("f.json", []byte(tt.data), Default()) {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Lint =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLintAgreesWithDecodeUser checks that a file loads exactly when lint finds no error in it.
func TestLintAgreesWithDecodeUser(t *testing.T) {
	for _, data := range []string{
		"", "[]", "{}", "[1]", "[{}]", `[{"code": 1}]`,
		"[" + userEntry("ECS.0114", 400, "m") + "]",
		"[" + userEntry("ECS.0114", 302, "m {x") + "]",
		"[" + userEntry("ECS.0114", 400, "m") + "," + userEntry("ECS.0114", 400, "m") + "]",
		"[" + userEntry("iMetal.0232", 400, "m") + "]",
	} {
		_, err := DecodeUser("f.json", []byte(data))
		lintErr := slices.ContainsFunc(Lint("f.json", []byte(data), Default()), func(p Problem) bool { return p.Severity == SeverityError })
		if (err != nil) != lintErr {
			t.Errorf("%s: DecodeUser err = %v, but lint finds an error: %v", data, err, lintErr)
		}
	}
}

// builtinJSON returns the JSON of the built-in entry for code, as list -o json prints it.
func builtinJSON(code string) string {
	e := Default().Lookup(code)[0]
	e.Explanation = nil
	b, _ := json.Marshal(e) // an Entry always encodes
	return string(b)
}

// FuzzDecodeUser checks that no file makes DecodeUser or Lint panic, that every position
// they report is in the file, and that a file loads exactly when lint finds no error in it.
func FuzzDecodeUser(f *testing.F) {
	ecs := userEntry("ECS.0114", 400, "Flavor not found: %s")
	for _, s := range []string{"", "[]", "{}", "[1]", "[{}]", "[" + ecs + "]", "[" + ecs + "," + ecs + "]",
		`[{"code": "ECS.0114", "explanation": {"causes": [{"a": 1}], "cause": 1}}]`, "[\n  {\"code\": \"x\",, }\n]",
		"\ufeff[" + builtinJSON("APIGW.0201") + "]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(trimBOM(data)), "\n") + 1
		entries, err := DecodeUser("f.json", data)
		if err == nil {
			if _, merr := Default().Merge(entries); merr != nil {
				t.Fatalf("DecodeUser accepted entries Merge rejects: %v", merr)
			}
		}
		var fe *FileError
		if err != nil && (!errors.As(err, &fe) || fe.Line < 1 || fe.Line > lines || fe.Column < 1) {
			t.Fatalf("error %v: position out of the file (%d lines)", err, lines)
		}
		lintErr := false
		for _, p := range Lint("f.json", data, Default()) {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem %v: line out of the file (%d lines)", p, lines)
			}
			lintErr = lintErr || p.Severity == SeverityError
		}
		if (err != nil) != lintErr {
			t.Fatalf("DecodeUser err = %v, but lint finds an error: %v", err, lintErr)
		}
	})
}
