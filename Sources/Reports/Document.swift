import Ledger

/// A report as plain values: a title, then blocks (headings, paragraphs, bullets, tables,
/// figures). Every report builds one; the renderers (`texte`, `md`, `csv`, `json`) print any
/// of them, so adding a report never means adding four printers, and a new renderer (HTML)
/// prints every report at once.
public struct ReportDocument: Sendable, Equatable {
    public var title: String
    /// Lines under the title: association, exercice, period, filters.
    public var subtitle: [String]
    public var blocks: [Block]

    public init(title: String, subtitle: [String] = [], blocks: [Block]) {
        self.title = title
        self.subtitle = subtitle
        self.blocks = blocks
    }

    /// The shape of most reports: tables, then sentences about them (result, checks, warnings).
    public init(title: String, subtitle: [String] = [], tables: [ReportTable] = [], notes: [String] = []) {
        self.init(title: title, subtitle: subtitle, blocks: tables.map(Block.table) + notes.map { .paragraph(Inline($0)) })
    }

    /// The tables, in order: what CSV writes. Setting them replaces each in its place, one for one.
    public var tables: [ReportTable] {
        get { blocks.compactMap { if case .table(let t) = $0 { t } else { nil } } }
        set {
            precondition(newValue.count == tables.count, "tables are replaced one for one")
            var given = newValue.makeIterator()
            blocks = blocks.map { if case .table = $0 { .table(given.next()!) } else { $0 } }
        }
    }

    /// The paragraphs as plain text: the sentences JSON keeps.
    public var notes: [String] {
        blocks.compactMap { if case .paragraph(let p) = $0 { p.plain } else { nil } }
    }

    /// The figures, to write beside a document that refers to them (Markdown).
    public var figures: [Figure] {
        blocks.compactMap { if case .figure(let f) = $0 { f } else { nil } }
    }
}

/// One piece of a document, in reading order.
public enum Block: Sendable, Equatable {
    /// A section's title. Level 1 is the largest section; the document's own title stands
    /// above every section. A table's title is one level below the section it is in.
    case heading(String, level: Int)
    case paragraph(Inline)
    case bullets([Inline])
    case table(ReportTable)
    case figure(Figure)
}

/// A chart (SVG) and what it shows, in words: the text a reader without the image gets.
public struct Figure: Sendable, Equatable {
    /// Its file's name beside the document (`tresorerie.svg`).
    public var name: String
    public var description: String
    public var svg: String

    public init(name: String, description: String, svg: String) {
        self.name = name
        self.description = description
        self.svg = svg
    }
}

/// Text of a paragraph or a bullet, with the emphasis people see: strong words (a total),
/// code (a fingerprint, a command to type). Written by interpolation:
/// `"Total : \(strong: "25 801,25 €")"`.
public struct Inline: Sendable, Equatable, ExpressibleByStringInterpolation {
    public enum Run: Sendable, Equatable {
        case text(String)
        case strong(String)
        case code(String)
    }
    public var runs: [Run]

    public init(_ text: String) { runs = [.text(text)] }
    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: Interpolation) { runs = stringInterpolation.runs }

    public struct Interpolation: StringInterpolationProtocol {
        var runs: [Run] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ s: String) { text(s) }
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) { text(value.description) }
        public mutating func appendInterpolation(strong value: some CustomStringConvertible) { runs.append(.strong(value.description)) }
        public mutating func appendInterpolation(code value: some CustomStringConvertible) { runs.append(.code(value.description)) }

        private mutating func text(_ s: String) {
            if case .text(let before)? = runs.last { runs[runs.count - 1] = .text(before + s) } else if !s.isEmpty { runs.append(.text(s)) }
        }
    }

    /// The words without their emphasis.
    public var plain: String {
        runs.map { switch $0 { case .text(let s), .strong(let s), .code(let s): s } }.joined()
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
    /// The sign of the column's figures that is bad news, marked where a renderer can (in red
    /// on a page): a negative one by default (a loss, an overdraft, a recette under its
    /// budget); a positive one where more is worse (a dépense's écart to its budget).
    public var badSign: BadSign

    public enum BadSign: String, Sendable { case negative, positive }

    public init(_ title: String, key: String, _ kind: Kind = .text, dataOnly: Bool = false, badSign: BadSign = .negative) {
        self.title = title
        self.key = key
        self.kind = kind
        self.dataOnly = dataOnly
        self.badSign = badSign
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
    /// An account number: a link to the account in HTML, its number elsewhere.
    case account(AccountNumber)
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
