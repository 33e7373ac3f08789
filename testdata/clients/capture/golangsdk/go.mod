module capture/golangsdk

go 1.24

// golangsdk's source, which run.sh asks for: a checkout of github.com/chnsz/golangsdk at
// commit 83ad1d270e52a3a4ff67b7b2cf267b9d1377950c, kept out of git (see .gitignore).
replace github.com/chnsz/golangsdk => ./golangsdk-src

require github.com/chnsz/golangsdk v0.0.0

require (
	github.com/tjfoc/gmsm v1.4.1 // indirect
	go.mongodb.org/mongo-driver v1.17.2 // indirect
	golang.org/x/crypto v0.26.0 // indirect
)
