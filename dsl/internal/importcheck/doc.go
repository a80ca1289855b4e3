// Package importcheck holds no code, only the test that imports every
// definition of the shared corpus and conformance data with gen/importer
// (aslgen import) and builds the imported machines again.
//
// The test lives under dsl/ because the shared data is found through
// dsl/internal/shareddata, which only packages under dsl/ may import; it is
// a package of its own so that package dsl never depends on gen, not even
// in its tests.
package importcheck
