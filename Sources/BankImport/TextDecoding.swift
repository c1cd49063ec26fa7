import Foundation

/// The character encodings statements come in.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case iso885915 = "iso-8859-15"
    case iso88591 = "iso-8859-1"

    /// Reads a name given with `--encodage` (`utf8`, `UTF-8`, `latin1`, `cp1252`, `iso-8859-15`...).
    public init?(name: String) {
        let n = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch n {
        case "utf8": self = .utf8
        case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
        case "iso885915", "latin9": self = .iso885915
        case "iso88591", "latin1": self = .iso88591
        default: return nil
        }
    }
}

public enum DecodingError: Error, Equatable, Sendable {
    /// Forced UTF-8, but the bytes are not UTF-8: the first bad byte's line.
    case invalidUTF8(line: Int)
    /// A NUL byte: a binary file (image, PDF, archive), not a text statement.
    case binary
    case empty
}

/// Turns a statement's bytes into text: UTF-8 (with or without BOM) when the bytes are valid
/// UTF-8, otherwise Windows-1252 or ISO-8859-15 (the two encodings French banks use), or the
/// encoding the user forces.
public enum TextDecoder {
    public static func decode(_ data: [UInt8], forced: TextEncoding? = nil) throws(DecodingError) -> (text: String, encoding: TextEncoding) {
        var bytes = data[...]
        if bytes.isEmpty { throw .empty }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.contains(0) { throw .binary }
        let encoding = forced ?? detect(bytes)
        switch encoding {
        case .utf8:
            if let s = String(validating: bytes, as: UTF8.self) { return (s, .utf8) }
            throw .invalidUTF8(line: firstInvalidUTF8Line(bytes))
        case .windows1252, .iso885915, .iso88591:
            var scalars = String.UnicodeScalarView()
            scalars.reserveCapacity(bytes.count)
            for b in bytes { scalars.append(map(b, encoding)) }
            return (String(scalars), encoding)
        }
    }

    static func detect(_ bytes: ArraySlice<UInt8>) -> TextEncoding {
        if String(validating: bytes, as: UTF8.self) != nil { return .utf8 }
        // Bytes 0x80–0x9F are printable in Windows-1252 only; 0xA4 is € in ISO-8859-15.
        if bytes.contains(where: { $0 >= 0x80 && $0 <= 0x9F }) { return .windows1252 }
        if bytes.contains(0xA4) { return .iso885915 }
        return .windows1252
    }

    static func firstInvalidUTF8Line(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var start = bytes.startIndex
        for i in bytes.indices where bytes[i] == 0x0A {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }

    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func map(_ b: UInt8, _ e: TextEncoding) -> Unicode.Scalar {
        switch e {
        case .windows1252 where b >= 0x80 && b <= 0x9F:
            return Unicode.Scalar(cp1252High[Int(b - 0x80)])!
        case .iso885915:
            switch b {
            case 0xA4: return "\u{20AC}"
            case 0xA6: return "\u{160}"
            case 0xA8: return "\u{161}"
            case 0xB4: return "\u{17D}"
            case 0xB8: return "\u{17E}"
            case 0xBC: return "\u{152}"
            case 0xBD: return "\u{153}"
            case 0xBE: return "\u{178}"
            default: return Unicode.Scalar(b)
            }
        default:
            return Unicode.Scalar(b)
        }
    }
}
