package awsapi

import "strings"

// suggest returns the name in names nearest to s, for "did you mean": a
// name equal but for case, else, for names of three or more characters,
// one within a small edit distance (about a third of the name's length;
// swapping two neighbours is one edit), else "".
func suggest(s string, names []string) string {
	best, bestDist := "", -1
	limit := max(1, len(s)/3)
	for _, name := range names {
		if strings.EqualFold(name, s) {
			if name != s {
				return name
			}
			continue
		}
		if len(s) < 3 {
			continue
		}
		d := editDistance(strings.ToLower(s), strings.ToLower(name), limit)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = name, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), or a
// value above limit once it is known to exceed it.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1) // row i-2
	prev := make([]int, len(b)+1)  // row i-1
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
