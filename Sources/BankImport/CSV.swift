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

    let text: String
    let separator: Character

    public init(text: String, separator: Character) {
        self.text = text
        self.separator = separator
    }

    /// All records; throws on the first malformed one.
    public static func records(_ text: String, separator: Character) throws(CSVError) -> [CSVRecord] {
        var result: [CSVRecord] = []
        var it = CSVReader(text: text, separator: separator).makeIterator()
        while let r = try it.nextRecord() { result.append(r) }
        return result
    }

    /// The separator that splits the first lines most consistently: `;`, `,`, TAB or `|`.
    public static func detectSeparator(_ text: String) -> Character {
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).prefix(30)
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

    public func makeIterator() -> Iterator { Iterator(text: text, separator: separator) }

    public struct Iterator: IteratorProtocol {
        var scalars: String.UnicodeScalarView.Iterator
        let separator: Unicode.Scalar
        var line = 1
        var pending: Unicode.Scalar?
        var done = false

        init(text: String, separator: Character) {
            scalars = text.unicodeScalars.makeIterator()
            self.separator = separator.unicodeScalars.first!
        }

        mutating func nextScalar() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }

        /// Records that fail to parse end the iteration; use `nextRecord()` to see the error.
        public mutating func next() -> CSVRecord? { try? nextRecord() }

        public mutating func nextRecord() throws(CSVError) -> CSVRecord? {
            if done { return nil }
            let start = line
            var fields: [String] = []
            var field = String.UnicodeScalarView()
            var quoted = false
            var length = 0
            var sawAnything = false
            while true {
                guard let c = nextScalar() else {
                    if quoted { throw .unterminatedQuote(line: start) }
                    done = true
                    if !sawAnything { return nil }
                    fields.append(String(field))
                    return CSVRecord(line: start, fields: fields)
                }
                sawAnything = true
                length += 1
                if length > CSVReader.maxRecordLength { throw .recordTooLong(line: start) }
                if quoted {
                    if c == "\"" {
                        if let n = nextScalar() {
                            if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                        } else {
                            quoted = false
                        }
                    } else if c == "\r" || c == "\n" {
                        // A line break inside quotes belongs to the field; CRLF and CR become LF.
                        if c == "\r", let n = nextScalar(), n != "\n" { pending = n }
                        line += 1
                        field.append("\n")
                    } else {
                        field.append(c)
                    }
                    continue
                }
                switch c {
                case "\"" where String(field).trimmingSpaces.isEmpty:
                    field = String.UnicodeScalarView()
                    quoted = true
                case separator:
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                case "\r", "\n":
                    if c == "\r", let n = nextScalar(), n != "\n" { pending = n }
                    line += 1
                    fields.append(String(field))
                    return CSVRecord(line: start, fields: fields)
                default:
                    field.append(c)
                }
            }
        }
    }
}
