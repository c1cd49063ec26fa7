import Ledger

/// A statement format: what `compta importer --banques` lists and `--banque` names, how a file
/// in it is recognised, and how it is read. Detection, `--banques` and the « banque inconnue »
/// message all read `StatementReaders.all`. What people see of it (id, name, aliases, details)
/// is its `StatementFormat` (Ledger), which `BankFormats` (Reports) lists.
public protocol StatementReader: StatementFormat {
    /// Whether the file is in this format, judged from its beginning; nil when it is not.
    func recognise(_ head: StatementHead) -> Recognition?
    func read(_ file: StatementInput) throws(StatementError) -> Statement
}

/// How surely a reader recognised a file, surest first; between equals, the first reader of
/// the list wins.
public enum Recognition: Comparable, Sendable {
    /// The file names its format (OFX's header, QIF's `!Type:`): read so whatever the options.
    case declared
    /// A bank's header on this row (0-based, among the non-blank ones): the earliest wins.
    case header(row: Int)
    /// Column names that say what they hold, no known layout.
    case columnNames
    /// No header, but every row has the number of fields and the dates and amounts where a
    /// headerless export has them.
    case shape
}

/// The beginning of a decoded statement file: what readers recognise a format by.
public struct StatementHead: Sendable {
    /// The first 4 096 bytes as text, leading blanks dropped.
    public let text: Substring
    /// The first 40 non-blank CSV records (separator guessed), up to a malformed one.
    public let rows: [CSVRecord]
    /// Why `rows` stopped early, if it did.
    let csvError: CSVError?

    init(utf8: [UInt8]) {
        text = String(decoding: utf8.prefix(4096), as: UTF8.self).drop { $0.isWhitespace }
        var reader = CSVReader(utf8: utf8, separator: CSVReader.detectSeparator(utf8: utf8)).makeIterator()
        var rows: [CSVRecord] = [], error: CSVError? = nil
        do {
            while rows.count < CSVStatementReader.headerRows, let r = try reader.nextRecord() { if !r.isBlank { rows.append(r) } }
        } catch let e { error = e }
        self.rows = rows
        csvError = error
    }
}

/// A statement file decoded to UTF-8, and which account to read when it holds several.
public struct StatementInput: Sendable {
    public let utf8: [UInt8]
    /// The file's own encoding, for the summary.
    public let encoding: TextEncoding
    /// `--numero`.
    public let accountNumber: String?

    public var text: String { String(decoding: utf8, as: UTF8.self) }
}

public enum StatementReaders {
    /// Every format Compta reads, in the order `--banques` lists them. A new format is a file
    /// with its reader and one line here.
    public static let all: [any StatementReader] = BankProfile.all + [OFXReader(), QIFReader(), CFONBReader(), Camt053Reader(), GenericCSVReader()]

    /// The names `--banque` knows: every format but the generic CSV, which is no bank's.
    public static var known: [String] { all.map(\.id).filter { $0 != GenericCSVReader.id } }

    /// The format `--banque NAME` names (its id or an alias, as `BankProfile.named` reads them).
    static func named(_ name: String) -> (any StatementReader)? {
        let key = searchKey(name).replacingSpaces(with: "-")
        return all.first { $0.id == key || $0.aliases.contains(key) }
    }

    /// The reader that recognises the file most surely, and how.
    static func recognising(_ head: StatementHead) -> (reader: any StatementReader, how: Recognition)? {
        var best: (reader: any StatementReader, how: Recognition)? = nil
        for reader in all {
            if let how = reader.recognise(head), best.map({ how < $0.how }) ?? true { best = (reader, how) }
        }
        return best
    }
}
