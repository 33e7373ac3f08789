package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"regexp"
	"testing"
)

// TestLicense checks that LICENSE is the Apache License 2.0, word for word, with its
// copyright line filled in: the release archives ship it (.goreleaser.yaml, LICENSE*).
func TestLicense(t *testing.T) {
	b, err := os.ReadFile("LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^   Copyright 20\d\d The imetal-err Authors$`)
	if !line.Match(b) {
		t.Fatal("LICENSE has no line \"   Copyright YEAR The imetal-err Authors\"")
	}
	template := line.ReplaceAll(b, []byte("   Copyright [yyyy] [name of copyright owner]"))
	// The SHA-256 of the Apache License 2.0 as Go modules under it ship it, unfilled
	// (github.com/modern-go/reflect2 and modern-go/concurrent, whose LICENSE files are
	// identical; LICENSE was made from reflect2's).
	const apache2 = "c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4"
	if got := fmt.Sprintf("%x", sha256.Sum256(template)); got != apache2 {
		t.Errorf("LICENSE is not the Apache License 2.0 text: SHA-256 %s with the copyright line as the template has it, want %s", got, apache2)
	}
}
