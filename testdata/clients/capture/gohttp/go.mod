module capture/gohttp

go 1.24
