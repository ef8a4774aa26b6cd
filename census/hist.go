package census

// A hist is a histogram of durations in working days: hist[n] is how many
// durations were n working days long. Durations are bounded by the
// calendar's range, so a hist never grows beyond a few tens of thousands of
// entries however large the file.
type hist []int

func (h *hist) add(n int) {
	if n >= len(*h) {
		*h = append(*h, make([]int, n+1-len(*h))...)
	}
	(*h)[n]++
}

func (h hist) total() int { return h.count(0, -1) }

// count returns how many durations lie in [lo, hi]; hi < 0 means no upper
// limit.
func (h hist) count(lo, hi int) int {
	if hi < 0 || hi >= len(h) {
		hi = len(h) - 1
	}
	n := 0
	for i := max(lo, 0); i <= hi; i++ {
		n += h[i]
	}
	return n
}

// bands fills the counts of bs from h and returns it.
func (h hist) bands(bs []Band) []Band {
	for i := range bs {
		bs[i].Count = h.count(bs[i].Min, bs[i].Max)
	}
	return bs
}

// at returns the k-th smallest duration (0-based); k must be below total.
func (h hist) at(k int) int {
	seen := 0
	for v, c := range h {
		seen += c
		if k < seen {
			return v
		}
	}
	return len(h) - 1
}

// quantile returns the p-quantile (0 ≤ p ≤ 1) by linear interpolation
// between the two nearest ranks at position (n−1)·p of the sorted list
// (Hyndman and Fan's type 7, the default of R and of Excel's QUARTILE.INC).
// Its median is the middle value, or the mean of the two middle values.
func (h hist) quantile(p float64) float64 {
	n := h.total()
	if n == 0 {
		return 0
	}
	pos := float64(n-1) * p
	k := int(pos)
	lo := float64(h.at(k))
	if k+1 >= n {
		return lo
	}
	return lo + (pos-float64(k))*(float64(h.at(k+1))-lo)
}

// quartiles returns the median, lower and upper quartiles, or nils for an
// empty histogram: a set of no durations has no median, and 0 would read as
// "all on the same day".
func (h hist) quartiles() (median, lower, upper *float64) {
	if h.total() == 0 {
		return nil, nil, nil
	}
	q := [3]float64{h.quantile(0.5), h.quantile(0.25), h.quantile(0.75)}
	return &q[0], &q[1], &q[2]
}
