module github.com/workingtogether/safeguarding

go 1.25

require (
	github.com/arran4/golang-ical v0.3.4
	github.com/google/go-cmp v0.7.0
	github.com/rickar/cal/v2 v2.1.31
	pgregory.net/rapid v1.3.0
)
