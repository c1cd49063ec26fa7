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
    public var printable: String { cleaned(keepingLines: false) }

    /// The string as it may reach a terminal: `printable`, except that the line breaks and tabs
    /// of a message or a table stay (a carriage return only before a line feed: alone, it would
    /// write over the start of the line).
    public var terminalSafe: String { cleaned(keepingLines: true) }

    private func cleaned(keepingLines: Bool) -> String {
        // Fast path, on the bytes: most text holds nothing to clean.
        let clean = utf8.withContiguousStorageIfAvailable { !hasInvisibleControl($0, keepingLines: keepingLines) }
            ?? !hasInvisibleControl(Array(utf8), keepingLines: keepingLines)
        if clean { return self }
        var out = String.UnicodeScalarView()
        let scalars = Array(unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x09 where keepingLines, 0x0A where keepingLines: out.append(scalar)
            case 0x0D where keepingLines && i + 1 < scalars.count && scalars[i + 1].value == 0x0A: out.append(scalar)
            case 0x09, 0x0A, 0x0D: out.append(" ")
            default: if !scalar.isInvisibleControl { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// The words of the text, one space between two and none at either end: each run of blanks
    /// becomes one space. What is a blank is the format's (its own separators among them: a
    /// FEC's `|`, hledger's `;`). Read by characters, so a CR/LF is one character, and a space
    /// that carries a combining mark one too.
    public func collapsingBlanks(where isBlank: (Character) -> Bool) -> String {
        var out = ""
        collapse(self, where: isBlank, space: " ") { out.append($0) }
        return out
    }

    /// `collapsingBlanks` read on the UTF-8 bytes, for blanks that are ASCII (never part of a
    /// longer sequence): the way of the hot paths (every FEC field). A text with nothing to
    /// collapse is returned as it is.
    @inlinable
    public func collapsingBlankBytes(where isBlank: (UInt8) -> Bool) -> String {
        if isCollapsed(blankBytes: isBlank) { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        collapse(utf8, where: isBlank, space: 0x20) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether collapsing would give the text back: no blank byte but single spaces between
    /// words. One pass over the bytes, no allocation: the usual label needs nothing more.
    @inlinable
    public func isCollapsed(blankBytes isBlank: (UInt8) -> Bool) -> Bool {
        var afterBlank = true
        for b in utf8 {
            if isBlank(b) {
                if afterBlank || b != 0x20 { return false }
                afterBlank = true
            } else {
                afterBlank = false
            }
        }
        return !afterBlank
    }

    /// The text as one field of a `;`-separated CSV: quoted, its quotes doubled, when it holds
    /// the separator, a quote or a line break.
    public var csvQuoted: String {
        guard contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return self }
        return "\"" + split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The gate of every text that enters the ledger from a file or an argument (labels, names,
    /// pieces, rules, budget postes): `printable`, and at most `maxLedgerText` characters.
    public func ledgerText() throws(TextTooLong) -> String {
        let s = printable
        try s.checkLength()
        return s
    }

    /// Throws when the text is longer than `maxLedgerText` characters.
    public func checkLength() throws(TextTooLong) {
        // A character is one byte at least: most texts need no count.
        guard utf8.count > String.maxLedgerText else { return }
        let length = count
        if length > String.maxLedgerText { throw TextTooLong(length: length, start: String(prefix(40))) }
    }

    /// The longest text the ledger keeps: far beyond a bank's label (SEPA remittance information
    /// is 140 characters, a Crédit Agricole label of four lines some 250) or any name, and short
    /// enough that a report of many rows never becomes a flood.
    public static let maxLedgerText = 500
}

/// `units` with each run of blanks made one `space` and none kept at either end, handed to
/// `append`: what `collapsingBlanks` and `collapsingBlankBytes` share.
@inlinable
func collapse<Units: Sequence>(_ units: Units, where isBlank: (Units.Element) -> Bool, space: Units.Element,
                               append: (Units.Element) -> Void) {
    var started = false, blank = false
    for u in units {
        if isBlank(u) {
            blank = started
        } else {
            if blank { append(space) }
            blank = false
            started = true
            append(u)
        }
    }
}

/// A text longer than `String.maxLedgerText`: its length, and how it starts, for the message.
public struct TextTooLong: Error, Equatable, Sendable {
    public let length: Int
    public let start: String

    public init(length: Int, start: String) {
        self.length = length
        self.start = start
    }
}

extension Unicode.Scalar {
    /// A character that shows nothing but acts: a control (C0, DEL, C1: escape sequences, NUL,
    /// a carriage return that writes over a line), or a mark that changes the direction of the
    /// text around it (U+202E makes « EXE.TXT » read « TXT.EXE »).
    public var isInvisibleControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

/// Whether UTF-8 `bytes` hold a scalar that `isInvisibleControl` (with `keepingLines`, tabs, line
/// feeds and a carriage return before a line feed do not count): read on the bytes, so that the
/// usual text, accents, « », € and U+202F included, costs one pass and no allocation.
func hasInvisibleControl<C: RandomAccessCollection>(_ bytes: C, keepingLines: Bool) -> Bool where C.Element == UInt8, C.Index == Int {
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
        let b = bytes[i]
        if b < 0x20 {
            let kept = keepingLines && (b == 0x0A || b == 0x09 || b == 0x0D && i + 1 < end && bytes[i + 1] == 0x0A)
            if !kept { return true }
        } else if b == 0x7F {
            return true
        } else if b == 0xC2, i + 1 < end, bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F {
            return true  // C1 controls, U+0080–U+009F
        } else if b == 0xD8, i + 1 < end, bytes[i + 1] == 0x9C {
            return true  // U+061C
        } else if b == 0xE2, i + 2 < end {
            let (c, d) = (bytes[i + 1], bytes[i + 2])
            // U+200E, U+200F, U+202A–U+202E, U+2066–U+2069
            if c == 0x80 && (d == 0x8E || d == 0x8F || (0xAA...0xAE).contains(d)) || c == 0x81 && (0xA6...0xA9).contains(d) { return true }
        }
        i += 1
    }
    return false
}
