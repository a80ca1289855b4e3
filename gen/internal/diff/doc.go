// Package diff writes the unified diffs that aslgen -diff prints: three
// lines of context, hunks as diff -u writes them, and the "\ No newline at
// end of file" marker, so that the output applies with patch(1) and
// git apply.
package diff
