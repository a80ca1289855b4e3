// Command benchcases writes the simulator's benchmark workloads as batch
// files in the `aslgen run -cases` format, so that aslgen and the peer tools
// in ../shared/peer run the same work side by side:
//
//	go run ./cmd/aslgen/internal/benchcases -out /tmp/bench
//	time go run ./cmd/aslgen run -cases /tmp/bench/passchain.jsonl > /dev/null
//	time node "$(../shared/peer/setup.sh)/als-run.mjs" /tmp/bench/passchain.jsonl > /dev/null
//
// The workloads are those of the design's performance targets: a chain of
// 1,000 Pass states, a Map over 10,000 items (Pass → Choice → Pass), and a
// 5-state workflow with a mocked task, run 1,000 times.
package main
