import Ledger

/// One record of a CSV file: its fields and the line it starts on (1-based).
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// The record as one line of text, for messages.
    public var raw: String { fields.joined(separator: " ; ") }

    /// True when every field is blank.
    public var isBlank: Bool { fields.allSatisfy { $0.trimmingSpaces.isEmpty } }
}

public enum CSVError: Error, Equatable, Sendable {
    /// A quoted field opened on `line` never closes.
    case unterminatedQuote(line: Int)
    /// A record longer than `CSVReader.maxRecordLength` characters.
    case recordTooLong(line: Int)
}

/// A CSV reader of our own: RFC 4180 quoting (separators and line breaks inside quotes, doubled
/// quotes), CRLF, LF or CR line ends, any one-character separator.
public struct CSVReader: Sequence {
    public static let maxRecordLength = 1 << 20

    let bytes: [UInt8]
    let separator: Character

    public init(text: String, separator: Character) {
        self.init(utf8: Array(text.utf8), separator: separator)
    }

    /// Reads UTF-8 bytes as they are: every character that matters to CSV is ASCII.
    public init(utf8: [UInt8], separator: Character) {
        bytes = utf8
        self.separator = separator
    }

    /// All records; throws on the first malformed one.
    public static func records(_ text: String, separator: Character) throws(CSVError) -> [CSVRecord] {
        var result: [CSVRecord] = []
        var it = CSVReader(text: text, separator: separator).makeIterator()
        while let r = try it.nextRecord() { result.append(r) }
        return result
    }

    /// The same, for UTF-8 bytes: only their beginning is looked at.
    public static func detectSeparator(utf8 bytes: [UInt8]) -> Character {
        detectSeparator(String(decoding: bytes.prefix(1 << 16), as: UTF8.self))
    }

    /// The separator that splits the first lines most consistently: `;`, `,`, TAB or `|`.
    public static func detectSeparator(_ text: String) -> Character {
        var lines: [Substring] = []
        var rest = text[...]
        while lines.count < 30, !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            if end > rest.startIndex { lines.append(rest[..<end]) }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
        }
        var best: (Character, Int) = (";", -1)
        for candidate in [";", ",", "\t", "|"] as [Character] {
            var counts: [Int: Int] = [:]
            for line in lines {
                var n = 0, quoted = false
                for c in line {
                    if c == "\"" { quoted.toggle() } else if c == candidate && !quoted { n += 1 }
                }
                if n > 0 { counts[n, default: 0] += 1 }
            }
            // The most frequent non-zero count, weighted by how many lines share it.
            let score = counts.max { ($0.value, $0.key) < ($1.value, $1.key) }.map { $0.value * 100 + $0.key } ?? 0
            if score > best.1 { best = (candidate, score) }
        }
        return best.0
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes, separator: separator, more: nil) }

    /// The records of UTF-8 bytes read by pieces (`chunks`): the file is never held whole, only
    /// the piece being read and the record it ends in.
    public static func iterator(chunks: ByteChunks, separator: Character) -> Iterator {
        Iterator(bytes: [], separator: separator, more: chunks)
    }

    public struct Iterator: IteratorProtocol {
        var bytes: [UInt8]
        let separator: UInt8
        /// Where the bytes after `bytes` come from, until its end.
        var more: ByteChunks?
        var position = 0
        var line = 1
        var done = false

        init(bytes: [UInt8], separator: Character, more: ByteChunks?) {
            self.bytes = bytes
            self.separator = separator.asciiValue ?? UInt8(ascii: ";")
            self.more = more
        }

        /// Records that fail to parse end the iteration; use `nextRecord()` to see the error.
        public mutating func next() -> CSVRecord? { try? nextRecord() }

        public mutating func nextRecord() throws(CSVError) -> CSVRecord? {
            while true {
                switch try parse() {
                case .record(let r): return r
                case .end: return nil
                case .needMore:
                    // The record is read again from its start once the next piece is there: a
                    // record crosses a piece's end once a piece, so little is read twice.
                    if let chunk = more?.next() {
                        bytes = Array(bytes[position...]) + chunk
                        position = 0
                    } else {
                        more = nil
                    }
                }
            }
        }

        enum Step {
            case record(CSVRecord)
            case end
            /// The bytes ran out inside the record (or just after a byte whose meaning the next
            /// one decides: CR, a quote); `position` and `line` are back at its start.
            case needMore
        }

        mutating func parse() throws(CSVError) -> Step {
            let complete = more == nil
            if done || position >= bytes.count {
                if !complete && !done { return .needMore }
                done = true
                return .end
            }
            let start = line
            let recordStart = position
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            while position < bytes.count {
                if position - recordStart > CSVReader.maxRecordLength { throw .recordTooLong(line: start) }
                let c = bytes[position]
                position += 1
                if !complete && position == bytes.count && (c == quote || c == cr) {
                    position = recordStart
                    line = start
                    return .needMore
                }
                if quoted {
                    if c == quote {
                        if position < bytes.count && bytes[position] == quote {
                            field.append(quote)
                            position += 1
                        } else {
                            quoted = false
                        }
                    } else if c == cr || c == lf {
                        // A line break inside quotes belongs to the field; CRLF and CR become LF.
                        if c == cr && position < bytes.count && bytes[position] == lf { position += 1 }
                        line += 1
                        field.append(lf)
                    } else {
                        field.append(c)
                    }
                    continue
                }
                if c == quote && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    field.removeAll(keepingCapacity: true)
                    quoted = true
                } else if c == separator {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                } else if c == cr || c == lf {
                    if c == cr && position < bytes.count && bytes[position] == lf { position += 1 }
                    line += 1
                    fields.append(String(decoding: field, as: UTF8.self))
                    return .record(CSVRecord(line: start, fields: fields))
                } else {
                    field.append(c)
                }
            }
            if !complete {
                position = recordStart
                line = start
                return .needMore
            }
            if quoted { throw .unterminatedQuote(line: start) }
            done = true
            fields.append(String(decoding: field, as: UTF8.self))
            return .record(CSVRecord(line: start, fields: fields))
        }
    }
}

/// Bytes read by pieces, so that a file is never held whole: each `next()` gives the bytes
/// that follow (a piece of any length), nil at the end — or when reading failed, which
/// `failure` then says (the reader of the records asks it at the end).
public protocol ByteChunks: AnyObject {
    func next() -> [UInt8]?
    var failure: (any Error & Sendable)? { get }
}

/// Bytes in memory given by pieces of `size`: a small file as a large one is read (tests cut
/// a file anywhere, a record, a character or a CRLF in two).
public final class MemoryChunks: ByteChunks {
    let bytes: [UInt8]
    let size: Int
    var position = 0

    public init(_ bytes: [UInt8], size: Int = 1 << 20) {
        self.bytes = bytes
        self.size = max(1, size)
    }

    public func next() -> [UInt8]? {
        guard position < bytes.count else { return nil }
        defer { position = min(bytes.count, position + size) }
        return Array(bytes[position..<min(bytes.count, position + size)])
    }

    public var failure: (any Error & Sendable)? { nil }
}
