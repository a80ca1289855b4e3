// Package yaml converts a YAML document to JSON text, so that Amazon States
// Language definitions written in YAML (definition.asl.yaml in SAM and
// CloudFormation projects) can be checked by the JSON decoder and validator,
// with diagnostics mapped back to YAML lines.
//
// [ToJSON] reads one YAML 1.2 document and returns indented JSON with one
// member or element per line, together with a table that maps every JSON
// line to the YAML line its value came from:
//
//	js, lines, err := yaml.ToJSON(src)
//	if err != nil {
//		return err // a *yaml.Error with the YAML line and column
//	}
//	// A diagnostic at JSON line n points at YAML line lines[n-1].
//
// # Supported YAML
//
// The package implements the part of YAML 1.2 that state machine
// definitions use:
//
//   - block mappings and sequences with any consistent indentation,
//     including a sequence at the indentation of its parent key, and compact
//     nested collections ("- Key: value", "- - a");
//   - flow sequences and mappings ([a, b], {a: 1}), which may span lines and
//     nest; every JSON text is accepted as YAML;
//   - plain scalars, typed by the YAML 1.2 core schema: null, Null, NULL, ~
//     and the empty value are null; true and false (also True, TRUE, False,
//     FALSE) are booleans; decimal, 0o octal and 0x hexadecimal integers and
//     decimal floats are numbers; anything else is a string. Multi-line plain
//     scalars are folded;
//   - single- and double-quoted scalars, with all YAML escapes;
//   - literal (|) and folded (>) block scalars with chomping (-, +) and
//     indentation indicators;
//   - comments, directives (%YAML), the document start marker --- and end
//     marker ...;
//   - anchors (&a) and aliases (*a), which are expanded, and merge keys
//     (<<: *a or <<: [*a, *b]), whose entries never override keys written
//     in the mapping itself;
//   - the standard tags !!str, !!int, !!float, !!bool, !!null, !!map, !!seq,
//     !!binary and !!timestamp, and the non-specific tag !;
//   - CloudFormation short-form intrinsic functions: !Ref X becomes
//     {"Ref": "X"}, !Condition X becomes {"Condition": "X"}, !GetAtt a.b
//     becomes {"Fn::GetAtt": ["a", "b"]}, and any other !Name v becomes
//     {"Fn::Name": v}, such as !Sub, !Join and !If. A scalar under such a tag
//     is always a string.
//
// Rejected with an [Error]: more than one document, tabs in block
// indentation, duplicate keys in a mapping (merged keys excepted), keys that
// are not scalars, multi-line implicit keys, explicit keys (?), unknown
// aliases, %TAG directives and named tag handles, unknown !! tags, values
// that do not fit their standard tag, .inf and .nan (JSON has no such
// numbers), characters YAML does not allow in a stream (control characters,
// invalid UTF-8), nesting deeper than 1000 levels, and documents whose JSON
// would be unreasonably large after expanding aliases.
//
// Mapping keys become JSON member names as written: the key 1 becomes "1"
// and the key null becomes "null".
package yaml
