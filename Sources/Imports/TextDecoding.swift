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

public enum TextDecodingError: Error, Equatable, Sendable {
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
    public static func decode(_ data: [UInt8], forced: TextEncoding? = nil) throws(TextDecodingError) -> (text: String, encoding: TextEncoding) {
        let (bytes, encoding) = try utf8(data, forced: forced)
        return (String(decoding: bytes, as: UTF8.self), encoding)
    }

    /// The same, as UTF-8 bytes: a valid UTF-8 file without BOM comes back as it is, not copied
    /// (a statement of a million lines is read once, not three times).
    public static func utf8(_ data: [UInt8], forced: TextEncoding? = nil) throws(TextDecodingError) -> (bytes: [UInt8], encoding: TextEncoding) {
        if data.isEmpty { throw .empty }
        let bom = data.starts(with: [0xEF, 0xBB, 0xBF])
        let bytes = bom ? data[3...] : data[...]
        if bytes.contains(0) { throw .binary }
        let encoding = forced ?? detect(bytes)
        switch encoding {
        case .utf8:
            guard isValidUTF8(bytes) else { throw .invalidUTF8(line: firstInvalidUTF8Line(bytes)) }
            return (bom ? Array(bytes) : data, .utf8)
        case .windows1252, .iso885915, .iso88591:
            return (transcode(bytes, from: encoding), encoding)
        }
    }

    /// Bytes of a one-byte encoding as UTF-8: each byte alone (a file can be cut anywhere).
    static func transcode(_ bytes: ArraySlice<UInt8>, from encoding: TextEncoding) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let scalar = map(b, encoding).value
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | scalar >> 6))
            } else {
                out.append(UInt8(0xE0 | scalar >> 12))
                out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            }
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
        return out
    }

    /// The encoding `utf8(_:)` would find for the whole of `chunks` (a first pass over a file
    /// read by pieces): UTF-8 only when every piece is, a character cut between two pieces
    /// included.
    public static func encoding(of chunks: ByteChunks) throws(TextDecodingError) -> TextEncoding {
        var valid = true, c1 = false, euro = false, started = false, size = 0
        var carry: [UInt8] = []
        func take(_ data: [UInt8], last: Bool) throws(TextDecodingError) {
            if data.contains(0) { throw .binary }
            c1 = c1 || data.contains { $0 >= 0x80 && $0 <= 0x9F }
            euro = euro || data.contains(0xA4)
            // The start of a character the next piece ends stays for it.
            var cut = data.count, k = data.count - 1
            while !last && k >= 0 && data.count - k <= 3 && data[k] & 0xC0 == 0x80 { k -= 1 }
            if !last && k >= 0 && data[k] >= 0xC0 && data.count - k < (data[k] >= 0xF0 ? 4 : data[k] >= 0xE0 ? 3 : 2) { cut = k }
            valid = valid && isValidUTF8(data[..<cut])
            carry = Array(data[cut...])
        }
        while let chunk = chunks.next() {
            size += chunk.count
            var data = carry + chunk
            if !started {
                // The BOM's three bytes, whatever the pieces' size.
                if data.count < 3 { carry = data; continue }
                started = true
                if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
            }
            try take(data, last: false)
        }
        if size == 0 { throw .empty }
        try take(carry, last: true)
        if valid { return .utf8 }
        return c1 ? .windows1252 : euro ? .iso885915 : .windows1252
    }

    /// True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing
    /// above U+10FFFF). ASCII runs are skipped eight bytes at a time.
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i < n {
                if i + 8 <= n, UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let length: Int, low: UInt8, high: UInt8
                switch c {
                case 0xC2...0xDF: length = 2; low = 0x80; high = 0xBF
                case 0xE0: length = 3; low = 0xA0; high = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: length = 3; low = 0x80; high = 0xBF
                case 0xED: length = 3; low = 0x80; high = 0x9F
                case 0xF0: length = 4; low = 0x90; high = 0xBF
                case 0xF1...0xF3: length = 4; low = 0x80; high = 0xBF
                case 0xF4: length = 4; low = 0x80; high = 0x8F
                default: return false
                }
                guard i + length <= n, (low...high).contains(b[i + 1]) else { return false }
                for k in 2..<length where !(0x80...0xBF).contains(b[i + k]) { return false }
                i += length
            }
            return true
        }
    }

    static func detect(_ bytes: ArraySlice<UInt8>) -> TextEncoding {
        if isValidUTF8(bytes) { return .utf8 }
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

/// The pieces of a file in `encoding` as UTF-8 (its BOM left out), for `CSVReader.iterator`.
public final class DecodedChunks: ByteChunks {
    let source: ByteChunks
    let encoding: TextEncoding
    var started = false

    public init(_ source: ByteChunks, encoding: TextEncoding) {
        self.source = source
        self.encoding = encoding
    }

    public func next() -> [UInt8]? {
        guard var chunk = source.next() else { return nil }
        if !started {
            // The BOM's three bytes, whatever the pieces' size.
            while chunk.count < 3, let more = source.next() { chunk += more }
            if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk.removeFirst(3) }
            started = true
        }
        return encoding == .utf8 ? chunk : TextDecoder.transcode(chunk[...], from: encoding)
    }

    public var failure: (any Error & Sendable)? { source.failure }
}
