package catalog_test

import (
	"errors"
	"fmt"

	"github.com/imetal-tools/imetal-err/catalog"
)

func ExampleDecodeUser() {
	data := []byte(`[
  {"code": "ECS.0114", "status": 400, "message": "Flavor not found: %s",
   "description": "The flavor does not exist.", "solution": "Use an existing flavor.",
   "category": "server", "retryable": false}
]`)
	entries, err := catalog.DecodeUser("my.json", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	cat, err := catalog.Default().Merge(entries)
	if err != nil {
		fmt.Println(err)
		return
	}
	e := cat.Lookup("ecs-114")[0]
	fmt.Println(e.Code, e.Status, e.Message, "from", e.Source)

	_, err = catalog.DecodeUser("bad.json", []byte("[\n  {\"code\": \"ECS.0114\", \"stauts\": 400}\n]"))
	var fe *catalog.FileError
	if errors.As(err, &fe) {
		fmt.Printf("line %d, column %d: %s\n", fe.Line, fe.Column, fe.Msg)
	}
	// Output:
	// ECS.0114 400 Flavor not found: %s from my.json
	// line 2, column 24: entry 1 (ECS.0114): unknown key "stauts" (did you mean "status"?)
}

func ExampleCatalog_Merge() {
	builtin := catalog.Default().Lookup("iMetal.0232")[0]
	mine := builtin
	mine.Solution = "Ask the network team for a larger subnet (ticket queue NET)."
	mine.Explanation = nil // as `imetal-err list -o json` prints it
	mine.Source = "team.json"

	cat, err := catalog.Default().Merge([]catalog.Entry{mine})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := cat.Lookup("iMetal.0232")[0]
	fmt.Println(e.Solution)
	fmt.Println("overrides:", e.Overrides, "- explanation kept:", e.Explanation != nil)
	// Output:
	// Ask the network team for a larger subnet (ticket queue NET).
	// overrides: true - explanation kept: true
}

func ExampleLint() {
	data := []byte(`[
  {"code": "ECS.0114", "status": 302, "message": "Flavor %d not found",
   "description": "The flavor does not exist.", "solution": "Use an existing flavor.",
   "category": "compute", "retryable": false}
]`)
	for _, p := range catalog.Lint("my.json", data, catalog.Default()) {
		fmt.Println(p)
	}
	// Output:
	// my.json:2: warning: entry 1 (ECS.0114): status 302 is not an error status (4xx or 5xx)
	// my.json:2: warning: entry 1 (ECS.0114): message has "%d": only %s is a placeholder, so it is matched as literal text
	// my.json:4: warning: entry 1 (ECS.0114): category "compute" is not a built-in one (general, server, instance, network, gateway)
}

func ExampleCount() {
	cat := catalog.Default()
	fmt.Println(cat.Counts())
	gateway := catalog.Count(cat.Filter(catalog.Filter{Categories: []string{"gateway"}}))
	fmt.Println(gateway, "in", gateway.Variants, "rows")
	// Output:
	// 59 codes: 24 iMetal, 35 APIGW (41 variants)
	// 35 APIGW codes (41 variants) in 41 rows
}
