//go:build !race

package pathway

// raceEnabled: see race_test.go.
const raceEnabled = false
