// Package definition reads Amazon States Language definitions from files
// for aslgen validate and aslgen run: JSON, or YAML when the file's name
// ends in .yaml or .yml (definition.asl.yaml in SAM and CloudFormation
// projects), converted with package dsl/yaml.
//
// [Read] is the one place where a definition file is read. The positions of
// what [Definition.Validate] and [Definition.Decode] report are lines (and,
// for JSON, columns) of the file as written, the JSON lines of a YAML
// document mapped back to its YAML lines.
package definition
