// Package files holds what aslgen knows about the files it writes: their
// names ([ASLName], [GoFile], [GoTestFile]), the marks by which it
// recognises its own files ([GeneratedHeader], [IsCanonicalASL],
// [CheckOwned]) and how it replaces them ([WriteAll]).
//
// aslgen never overwrites or deletes a file it did not write: a .go file
// must carry [GeneratedHeader] exactly, and an .asl.json file must be in
// aslgen's canonical form, since JSON cannot carry a header.
package files
