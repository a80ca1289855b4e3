// Package flags is a test helper of the user's that defines its own
// -update flag. Its import path sorts before golden's, so it is initialized
// first, and golden shares its flag.
package flags

import "flag"

// Update is the user's -update flag.
var Update = flag.Bool("update", false, "rewrite the user's golden files")
