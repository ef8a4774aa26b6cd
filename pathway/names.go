package pathway

// A nameSet is a fixed list of names that the decoder reads, such as the
// event types. A name is found by a linear search: the lists are short,
// most names differ from the one sought in length or last byte, which
// costs a comparison or two, and the names read most (type, date) come
// first. A perfect
// hash was measured at half the speed.
//
// It is built once, from names that never change, and only read after.
type nameSet struct {
	names []string
}

func newNameSet(names []string) nameSet { return nameSet{names: names} }

// findName returns the index of name b in s, or false if b is none of the
// names. It is a function, not a method, so that it takes text as bytes or
// as a string without converting (and copying) it.
func findName[T ~string | ~[]byte](s *nameSet, b T) (int, bool) {
	k := len(b)
	if k == 0 {
		return 0, false
	}
	for i, n := range s.names {
		// Names of one length mostly differ in their last byte
		// (referral-received, referral-decision): test it before the rest.
		if len(n) == k && n[k-1] == b[k-1] && n == string(b) {
			return i, true
		}
	}
	return 0, false
}

// The name sets of the JSON format. Index 0 of each enum's names is its
// zero value, which has no name, so the sets hold the rest: a name found at
// i is the value i+1.
var (
	eventTypeSet  = newNameSet(eventNames[1:])
	outcomeSet    = newNameSet(outcomeNames[1:])
	categorySet   = newNameSet(categoryNames[1:])
	powerSet      = newNameSet(powerNames[1:])
	closureSet    = newNameSet(closureNames[1:])
	stageSet      = newNameSet(stageNames[:])
	caseFieldSet  = newNameSet(caseFields[:])
	eventFieldSet = func() nameSet {
		names := make([]string, len(eventFields))
		for i := range eventFields {
			names[i] = eventFields[i].name
		}
		return newNameSet(names)
	}()
)
