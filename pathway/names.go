package pathway

// A nameSet finds a name read from JSON among a fixed list of names with one
// comparison: a perfect hash of the name's length and three of its bytes
// picks the only candidate. The decoder looks up an event type, a field name
// and most often an outcome for every event it reads, and a linear search
// of 25 event types showed in its profile.
//
// It is built once, from names that never change, and only read after.
type nameSet struct {
	names []string
	mul   uint32
	// slot holds 1 + the index of the name whose hash it is, or 0.
	slot [nameSlots]uint8
}

// nameSlots is the size of a nameSet's table: a power of two more than
// twice the longest list (25 event types), so that a perfect multiplier is
// found in a few tries.
const nameSlots = 128

// nameHash hashes the length of b and three of its bytes: the first, the
// last, and one just past the middle, where "child-seen" and "child-born"
// part.
func nameHash[T ~string | ~[]byte](b T, mul uint32) uint32 {
	n := len(b)
	h := uint32(n) ^ uint32(b[0])<<8 ^ uint32(b[min(n/2+1, n-1)])<<16 ^ uint32(b[n-1])<<24
	return h * mul >> (32 - 7) // 7 bits: nameSlots
}

// newNameSet returns the set of names, which must be distinct and not
// empty; names[i] is found as i.
func newNameSet(names []string) nameSet {
	s := nameSet{names: names}
	// Names alike in length and in the bytes hashed would never part: the
	// test of every set the package builds says they do not occur.
	for try := range uint32(1 << 12) {
		mul := 0x9e3779b1 + 2*try
		s.slot = [nameSlots]uint8{}
		perfect := true
		for i, n := range names {
			h := nameHash(n, mul)
			if s.slot[h] != 0 {
				perfect = false
				break
			}
			s.slot[h] = uint8(i + 1)
		}
		if perfect {
			s.mul = mul
			return s
		}
	}
	panic("pathway: names without a perfect hash")
}

// findName returns the index of name b in s, or false if b is none of the
// names. It is a function, not a method, so that it takes text as bytes or
// as a string without converting (and copying) it.
func findName[T ~string | ~[]byte](s *nameSet, b T) (int, bool) {
	if len(b) == 0 {
		return 0, false
	}
	i := int(s.slot[nameHash(b, s.mul)]) - 1
	if i < 0 || s.names[i] != string(b) {
		return 0, false
	}
	return i, true
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
