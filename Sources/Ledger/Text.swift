/// Text as people write it and files bring it.
extension String {
    /// The string without leading and trailing white space (including NBSP and U+202F).
    public var trimmingSpaces: String {
        // Fast path: nothing to trim (the usual case), checked on the bytes.
        if let f = utf8.first, let l = utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return self }
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// The string without control characters (a terminal escape sequence, a NUL) and without the
    /// invisible marks that reverse the direction of text (U+202E and its kin), which could make
    /// a label read as something else. Line breaks and tabs become spaces.
    public var printable: String {
        // Fast path: plain ASCII text, checked on the bytes.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
