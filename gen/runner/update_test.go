package runner_test

// Every test binary of this module links golden's -update flag, so that
// go test ./... -update works from the module root (a test binary rejects
// a flag it does not define).
import _ "github.com/aslgen/aslgen/golden"
