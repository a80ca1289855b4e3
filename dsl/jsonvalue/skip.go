package jsonvalue

import "bytes"

// Skip checks the JSON value that starts at data[i] (after any white space)
// and returns the offset just past it, without building it: the value is
// well-formed exactly when Parse would accept it. A malformed value is a
// *SyntaxError at the offset where it goes wrong. Skip does not allocate
// unless it fails.
func Skip(data []byte, i int) (end int, err error) {
	p := parser{src: data, pos: i}
	p.space()
	if err := p.skip(0); err != nil {
		return 0, err
	}
	return p.pos, nil
}

// skip is value without the building: it advances past one value.
func (p *parser) skip(depth int) error {
	if depth > maxDepth {
		return p.errorf("nesting too deep")
	}
	if p.pos >= len(p.src) {
		return p.errorf("unexpected end of JSON input")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		p.pos++
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			return nil
		}
		for {
			p.space()
			if p.pos >= len(p.src) || p.src[p.pos] != '"' {
				return p.errorf("expected a string key")
			}
			if err := p.skipString(); err != nil {
				return err
			}
			p.space()
			if p.pos >= len(p.src) || p.src[p.pos] != ':' {
				return p.errorf("expected ':'")
			}
			p.pos++
			p.space()
			if err := p.skip(depth + 1); err != nil {
				return err
			}
			p.space()
			if p.pos < len(p.src) && p.src[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				p.pos++
				return nil
			}
			return p.errorf("expected ',' or '}'")
		}
	case c == '[':
		p.pos++
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			return nil
		}
		for {
			p.space()
			if err := p.skip(depth + 1); err != nil {
				return err
			}
			p.space()
			if p.pos < len(p.src) && p.src[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				p.pos++
				return nil
			}
			return p.errorf("expected ',' or ']'")
		}
	case c == '"':
		return p.skipString()
	case c == '-' || c >= '0' && c <= '9':
		end, _, msg := ScanNumber(p.src, p.pos)
		if msg != "" {
			return p.errorf("invalid number")
		}
		p.pos = end
		return nil
	case bytes.HasPrefix(p.src[p.pos:], []byte("true")), bytes.HasPrefix(p.src[p.pos:], []byte("null")):
		p.pos += 4
		return nil
	case bytes.HasPrefix(p.src[p.pos:], []byte("false")):
		p.pos += 5
		return nil
	}
	return p.errorf("invalid character %q", p.src[p.pos])
}

// skipString advances past the string whose opening quote is at p.pos,
// checking it as ReadString does.
func (p *parser) skipString() error {
	s := p.src
	for i := p.pos + 1; i < len(s); {
		switch c := s[i]; {
		case c == '"':
			p.pos = i + 1
			return nil
		case c < 0x20:
			p.pos = i
			return p.errorf("control character in string")
		case c == '\\':
			if i+1 >= len(s) {
				return p.errorf("unterminated string")
			}
			switch s[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(s, i+2); !ok {
					p.pos = i
					return p.errorf("invalid \\u escape in string")
				}
				i += 6
			default:
				p.pos = i
				return p.errorf("invalid escape '\\%c' in string", s[i+1])
			}
		default:
			i++
		}
	}
	return p.errorf("unterminated string")
}
