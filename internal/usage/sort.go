package usage

// SortStrings sorts strs in increasing order, as sort.Strings does, by a multikey
// quicksort (Bentley and Sedgewick): each pass partitions on one byte of the strings
// instead of comparing them whole, so that the common prefixes of a file's names
// (self_, test_, _get) are read once per level rather than once per comparison.
// sort.Strings was 3-4% of a check with every rule on the standard library (the names,
// attributes and strings of every file, sorted for the look-ups of the DEAD rules).
func SortStrings(strs []string) {
	mkqs(strs, 0)
}

// byteAt is the byte of s at d, or -1 past its end (a prefix sorts first).
func byteAt(s string, d int) int {
	if d < len(s) {
		return int(s[d])
	}
	return -1
}

// mkqs sorts a, whose strings share their first d bytes.
func mkqs(a []string, d int) {
	for len(a) > 16 {
		// The median of three bytes as the pivot.
		x, y, z := byteAt(a[0], d), byteAt(a[len(a)/2], d), byteAt(a[len(a)-1], d)
		pivot := y
		if (x < y) != (x < z) {
			pivot = x
		} else if (z < x) != (z < y) {
			pivot = z
		}
		// a[:lt] < pivot, a[lt:i] == pivot, a[gt:] > pivot (at byte d).
		lt, i, gt := 0, 0, len(a)
		for i < gt {
			switch c := byteAt(a[i], d); {
			case c < pivot:
				a[lt], a[i] = a[i], a[lt]
				lt++
				i++
			case c > pivot:
				gt--
				a[gt], a[i] = a[i], a[gt]
			default:
				i++
			}
		}
		mkqs(a[:lt], d)
		mkqs(a[gt:], d)
		if pivot < 0 { // the strings equal to the pivot end at d: all equal
			return
		}
		a, d = a[lt:gt], d+1
	}
	// Insertion sort of the few left, comparing from byte d.
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j][d:] < a[j-1][d:]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
