import Ledger

/// A report as plain values: a title, tables of typed cells, notes. Every report command builds
/// one; the renderers (`texte`, `md`, `csv`, `json`) print any of them, so adding a report never
/// means adding four printers.
public struct ReportDocument: Sendable, Equatable {
    public var title: String
    /// Lines under the title: association, exercice, period, filters.
    public var subtitle: [String]
    public var tables: [ReportTable]
    /// Sentences after the tables (result, checks, warnings).
    public var notes: [String]

    public init(title: String, subtitle: [String] = [], tables: [ReportTable] = [], notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.tables = tables
        self.notes = notes
    }
}

public struct ReportTable: Sendable, Equatable {
    public var title: String?
    public var columns: [ReportColumn]
    public var rows: [ReportRow]
    /// Rows read from the ledger while the report is written, after `rows`: for tables too long
    /// to hold in memory (the journal and the grand livre of a large ledger).
    public var stream: RowStream?
    /// A sentence about the table, written right after it where people read it (text and
    /// Markdown), kept with it in JSON: what a shortened list leaves out.
    public var note: String?

    /// Every row, `rows` then the stream's. A renderer that sizes its columns reads them twice.
    public func forEachRow(_ body: (ReportRow) throws -> Void) throws {
        for r in rows { try body(r) }
        try stream?.produce(body)
    }

    /// The table without its data-only columns: what people read (`texte`, `md`).
    public var forReading: ReportTable {
        let keep = columns.indices.filter { !columns[$0].dataOnly }
        if keep.count == columns.count { return self }
        let cut = { (row: ReportRow) in ReportRow(keep.map { $0 < row.cells.count ? row.cells[$0] : .empty }, style: row.style) }
        var t = ReportTable(title: title, columns: keep.map { columns[$0] }, rows: rows.map(cut), note: note)
        t.stream = stream.map { s in RowStream { body in try s.produce { try body(cut($0)) } } }
        return t
    }

    public init(title: String? = nil, columns: [ReportColumn], rows: [ReportRow] = [], stream: RowStream? = nil, note: String? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.stream = stream
        self.note = note
    }
}

/// Rows made on demand, each handed to the renderer as soon as it is made. Each reading runs
/// `produce` again (a query of the ledger, in the command's read snapshot, so every reading sees
/// the same rows). It reads the ledger it was made from: render it where that ledger is used,
/// not from another thread (hence `@unchecked`).
public final class RowStream: @unchecked Sendable, Equatable {
    let produce: ((ReportRow) throws -> Void) throws -> Void

    public init(_ produce: @escaping ((ReportRow) throws -> Void) throws -> Void) {
        self.produce = produce
    }

    public static func == (a: RowStream, b: RowStream) -> Bool { a === b }
}

public struct ReportColumn: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case text, amount, percent, number
    }
    public var title: String
    /// Key in JSON output (`compte`, `libelle`, `debit`...).
    public var key: String
    public var kind: Kind
    /// Shown in `csv` and `json` only: data a program wants on every row (the account of a
    /// grand-livre line) that a person reads from the table's headings.
    public var dataOnly: Bool

    public init(_ title: String, key: String, _ kind: Kind = .text, dataOnly: Bool = false) {
        self.title = title
        self.key = key
        self.kind = kind
        self.dataOnly = dataOnly
    }

    public static func amount(_ title: String, key: String) -> ReportColumn { ReportColumn(title, key: key, .amount) }
}

public struct ReportRow: Sendable, Equatable {
    public enum Style: String, Sendable {
        /// An ordinary row.
        case normal
        /// A heading inside a table (an account in the grand livre, a section of the compte de résultat).
        case heading
        /// A subtotal of the rows above it.
        case subtotal
        /// A total.
        case total
    }
    public var cells: [Cell]
    public var style: Style

    public init(_ cells: [Cell], style: Style = .normal) {
        self.cells = cells
        self.style = style
    }
}

public enum Cell: Sendable, Equatable {
    case text(String)
    case amount(Money)
    /// Tenths of a percent: 875 is 87,5 %.
    case percent(Int)
    case number(Int)
    /// A date: `05/03/2024` for people, ISO `2024-03-05` in JSON.
    case date(Day)
    /// Yes or no: `oui` or blank for people, a boolean in JSON.
    case flag(Bool)
    case empty

    /// An amount, or an empty cell for zero (columns of debit and credit leave zeros blank).
    public static func nonZero(_ m: Money) -> Cell { m.isZero ? .empty : .amount(m) }
}

extension Cell: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

/// Tenths of a percent of `part` over `whole`, rounded half away from zero; nil when `whole` is zero.
public func tenthsOfPercent(_ part: Money, of whole: Money) -> Int? {
    whole.isZero ? nil : roundedDivision(part.cents, times: 1000, by: whole.cents).flatMap { Int(exactly: $0) }
}

/// Whole percents of `part` over `whole`, rounded half away from zero (once: not from tenths).
public func wholePercent(_ part: Money, of whole: Money) -> Int? {
    whole.isZero ? nil : roundedDivision(part.cents, times: 100, by: whole.cents).flatMap { Int(exactly: $0) }
}

/// `87,5 %`
public func formatPercent(_ tenths: Int) -> String {
    let negative = tenths < 0
    let a = tenths.magnitude
    return (negative ? "-" : "") + Money(cents: Int64(a / 10) * 100).roundedEuros + "," + String(a % 10) + "\u{A0}%"
}
