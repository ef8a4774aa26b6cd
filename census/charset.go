package census

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// charsetReader lets encoding/xml read the single-byte encodings that local
// authority systems still export (the XML declaration names them); anything
// else is an error rather than a silent misreading.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return &singleByte{in: bufio.NewReader(in)}, nil
	case "windows-1252", "cp1252":
		return &singleByte{in: bufio.NewReader(in), cp1252: true}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q (want UTF-8, ISO-8859-1 or Windows-1252)", label)
}

// cp1252High maps a byte 0x80-0x9F of Windows-1252 to Unicode; the rest of
// the code page agrees with ISO-8859-1. Unassigned bytes become U+FFFD.
func cp1252High(b byte) rune {
	table := [32]rune{
		'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
		'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
	}
	return table[b-0x80]
}

type singleByte struct {
	in      *bufio.Reader
	cp1252  bool
	pending []byte
}

// Read decodes single bytes into UTF-8.
func (s *singleByte) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.pending) > 0 {
			k := copy(p[n:], s.pending)
			s.pending = s.pending[k:]
			n += k
			continue
		}
		b, err := s.in.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if b < utf8.RuneSelf {
			p[n] = b
			n++
			continue
		}
		r := rune(b)
		if s.cp1252 && b >= 0x80 && b <= 0x9F {
			r = cp1252High(b)
		}
		var buf [utf8.UTFMax]byte
		k := utf8.EncodeRune(buf[:], r)
		s.pending = append(s.pending[:0], buf[:k]...)
	}
	return n, nil
}
