/// Text reduced for comparison: lower case, no accents, runs of spaces and punctuation as one
/// space. "Cotisation  ANNUELLE – Éloïse" and "cotisation annuelle eloise" compare equal.
public func searchKey(_ s: String) -> String {
    if let ascii = asciiSearchKey(s) { return ascii }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for u in s.unicodeScalars {
        let folded = fold(u)
        for f in folded.unicodeScalars {
            let isWord = (f >= "a" && f <= "z") || (f >= "0" && f <= "9") || f.value >= 0x80
                && !(f.properties.isWhitespace || f.properties.generalCategory.isPunctuation)
            if isWord {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(f)
            } else {
                pendingSpace = true
            }
        }
    }
    return String(out)
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
             .modifierSymbol, .otherSymbol, .control, .format, .spaceSeparator:
            return true
        default:
            return false
        }
    }
}

/// One scalar lower-cased, without its accent (French and other Latin letters).
private func fold(_ u: Unicode.Scalar) -> String {
    let v = u.value
    if v < 0x80 {
        if v >= 0x41 && v <= 0x5A { return String(Unicode.Scalar(v + 32)!) }
        return String(u)
    }
    switch v {
    case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return "a"
    case 0xC6, 0xE6: return "ae"
    case 0xC7, 0xE7, 0x106...0x10D: return "c"
    case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return "e"
    case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return "i"
    case 0xD1, 0xF1, 0x143...0x148: return "n"
    case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return "o"
    case 0x152, 0x153: return "oe"
    case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return "u"
    case 0xDD, 0xFD, 0xFF, 0x178: return "y"
    case 0xDF: return "ss"
    case 0x160, 0x161: return "s"
    case 0x17D, 0x17E: return "z"
    case 0x2019, 0x2018, 0x2013, 0x2014, 0xA0, 0x202F, 0x2009: return " "
    default:
        return String(u.properties.lowercaseMapping)
    }
}

/// The same reduction for pure ASCII text, byte by byte (bank labels mostly are).
private func asciiSearchKey(_ s: String) -> String? {
    var s = s
    return s.withUTF8 { bytes -> String? in
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if b >= 0x80 { return nil }
            var c = b
            if c >= 0x41 && c <= 0x5A { c += 32 }
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(c)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
