package pathway

// A nameSet is a fixed list of names that the decoder reads, such as the
// event types, with the names of each length listed apart: a name is
// sought only among those as long as it (one to four names), by its last
// byte and then the rest. A perfect hash was measured slower, and a search
// of the whole list too: event types and outcomes are read for every event.
//
// It is built once, from names that never change, and only read after.
type nameSet struct {
	names []string
	// byLen lists, for each length, the indices of the names that long.
	byLen [maxNameLen + 1][]uint8
}

// maxNameLen bounds the length of a name in a set; a test holds the sets
// to it.
const maxNameLen = 40

func newNameSet(names []string) nameSet {
	s := nameSet{names: names}
	for i, n := range names {
		if len(n) <= maxNameLen {
			s.byLen[len(n)] = append(s.byLen[len(n)], uint8(i))
		}
	}
	return s
}

// findName returns the index of name b in s, or false if b is none of the
// names. It is a function, not a method, so that it takes text as bytes or
// as a string without converting (and copying) it.
func findName[T ~string | ~[]byte](s *nameSet, b T) (int, bool) {
	k := len(b)
	if k == 0 || k > maxNameLen {
		return 0, false
	}
	for _, i := range s.byLen[k] {
		// Names of one length mostly differ in their last byte
		// (referral-received, referral-decision): test it before the rest.
		if n := s.names[i]; n[k-1] == b[k-1] && n == string(b) {
			return int(i), true
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
