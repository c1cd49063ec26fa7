import Ledger

/// A CSV file whose first non-blank record names its columns — entries, budget, rules, FEC, a
/// platform's export: its rows, their fields by column name, and errors at their file line.
public struct CSVTable: Sendable {
    public let file: String?
    public let header: CSVRecord
    /// The records after the header, blank ones left out.
    public let records: [CSVRecord]
    /// Column of each header name (as `key` made it); the first wins.
    let columns: [String: Int]

    /// Reads `text` (separator guessed when not given); nil when it holds only blank records.
    /// `key` is how a header name is compared: a search key unless the format says otherwise.
    public init?(_ text: String, separator: Character? = nil, file: String?,
                 key: (String) -> String = searchKey) throws(LocatedError) {
        let all: [CSVRecord]
        do { all = try CSVReader.records(text, separator: separator ?? CSVReader.detectSeparator(text)) } catch {
            throw LocatedError(file: file, line: error.line, underlying: error)
        }
        let content = all.filter { !$0.isBlank }
        guard let header = content.first else { return nil }
        var columns: [String: Int] = [:]
        for (i, name) in header.fields.map(key).enumerated() where columns[name] == nil { columns[name] = i }
        self.file = file
        self.header = header
        self.records = Array(content.dropFirst())
        self.columns = columns
    }

    /// A table of which only the header is read: its records come one at a time, from the
    /// reader that read the header, through `row(_:)`. A file of any size is never held as
    /// records (a platform's export of 100 000 payments).
    public init(header: CSVRecord, file: String?, key: (String) -> String = searchKey) {
        var columns: [String: Int] = [:]
        for (i, name) in header.fields.map(key).enumerated() where columns[name] == nil { columns[name] = i }
        self.file = file
        self.header = header
        self.records = []
        self.columns = columns
    }

    /// `record`, read after the header, as a row of this table.
    public func row(_ record: CSVRecord) -> Row { Row(record: record, table: self) }

    public func column(_ name: String) -> Int? { columns[name] }

    /// Throws at the header line, with the header read, when some of `names` are not columns:
    /// `problem(missing, header's fields)` says it in the reader's own terms.
    public func require(_ names: [String], else problem: ([String], [String]) -> any Error & Sendable) throws(LocatedError) {
        let missing = names.filter { columns[$0] == nil }
        if !missing.isEmpty { throw headerError(problem(missing, header.fields)) }
    }

    /// An error about the header, at its line.
    public func headerError(_ problem: any Error & Sendable) -> LocatedError {
        LocatedError(file: file, line: header.line, text: header.raw, underlying: problem)
    }

    /// One record as the files Compta writes have it: fields quoted when needed, `;`, CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(\.csvQuoted).joined(separator: ";") + "\r\n"
    }

    public var rows: [Row] { records.map { Row(record: $0, table: self) } }

    /// One record, its fields reached by column name.
    public struct Row: Sendable {
        public let record: CSVRecord
        let table: CSVTable

        public var line: Int { record.line }

        /// The field of column `name` as written; "" when the column or the field is absent.
        public func untrimmed(_ name: String) -> String {
            guard let i = table.columns[name], i < record.fields.count else { return "" }
            return record.fields[i]
        }

        /// The field of column `name`, spaces trimmed.
        public subscript(_ name: String) -> String { untrimmed(name).trimmingSpaces }

        /// An error about this row, at its line, with the row read.
        public func error(_ problem: any Error & Sendable) -> LocatedError {
            LocatedError(file: table.file, line: record.line, text: record.raw, underlying: problem)
        }
    }
}

extension CSVError {
    /// The line the malformed record starts on.
    public var line: Int {
        switch self {
        case .unterminatedQuote(let l), .recordTooLong(let l): return l
        }
    }
}
