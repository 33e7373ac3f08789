#!/bin/sh
# Runs `terraform apply` on main.tf once per fixture, each in a fresh working directory (no
# state left from a previous run), from testdata/clients/capture/terraform after
# ../golangsdk/run.sh has built ../golangsdk/golangsdk-capture, with the test server running;
# writes into testdata/clients. An empty CLI configuration keeps Terraform's warning about a
# missing ~/.terraformrc out of the captures.
set -u
OUT=$(cd "${OUT:-../..}" && pwd)
here=$(pwd)
cap() { # cap FILE CASE [APPLY FLAGS...]
	f=$1
	kase=$2
	shift 2
	dir=$(mktemp -d)
	cp "$here/main.tf" "$here/../golangsdk/golangsdk-capture" "$dir/"
	: >"$dir/terraformrc"
	(
		cd "$dir" &&
			export TF_CLI_CONFIG_FILE="$dir/terraformrc" &&
			terraform init -input=false >/dev/null 2>&1 &&
			terraform apply -input=false -auto-approve -var "kase=$kase" "$@" >"$OUT/$f" 2>&1
		echo "$f: exit $?"
	)
	rm -rf "$dir"
}
cap terraform-apply-0230.txt 0230
cap terraform-apply-0308.txt 0308
cap terraform-apply-nocolor-0232.txt 0232 -no-color
cap terraform-apply-nocolor-0099.txt 0099 -no-color
