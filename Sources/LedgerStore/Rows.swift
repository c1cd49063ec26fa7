import Ledger

// How the store reads each kind of row: the columns a query selects and the decoder that reads
// them, side by side, so that a type is read the same way wherever it is read. A new column on
// lines is read by `Entry.Line.columns` and `Entry.Line(row:)` (and `joins`, when it comes from
// another table), and nowhere else. Columns are
// named by the aliases the queries give their tables: `e` entry, `l` line, `p` a row's project,
// `t` a line's tiers and `m` the one it was merged into, `x` exercice, `r` rule, `b` budget
// poste, `s` statement.

extension SQLStatement {
    /// The ISO day stored in `column`: another text is a file changed outside Compta.
    func day(_ column: Int32) throws(StoreError) -> Day {
        do throws(DayError) { return try Day(parsing: text(column)) } catch { throw .unreadableDate(error) }
    }
    func optionalDay(_ column: Int32) throws(StoreError) -> Day? { isNull(column) ? nil : try day(column) }
    /// An amount in cents as a row stores it (a line's debit, a bank line's amount). A sum is
    /// read with `sum`, which refuses an overflow.
    func money(_ column: Int32) -> Money { Money(cents: int(column)) }
    func optionalMoney(_ column: Int32) -> Money? { isNull(column) ? nil : money(column) }
    func account(_ column: Int32) -> AccountNumber { AccountNumber(trusted: text(column)) }
    func optionalAccount(_ column: Int32) -> AccountNumber? { isNull(column) ? nil : account(column) }
    /// A count, a number, a position.
    func integer(_ column: Int32) -> Int { Int(int(column)) }
}

extension Entry {
    /// From `entry e`.
    static let columns = "e.id, e.exercice_id, e.number, e.journal, e.date, e.label, e.piece, e.validated_on, e.validation_number, e.chain_index"

    init(row s: SQLStatement, lines: [Line]) throws(StoreError) {
        self.init(id: s.int(0), exerciceId: s.int(1), number: s.integer(2), journal: s.text(3), date: try s.day(4), label: s.text(5),
                  piece: s.optionalText(6),
                  validation: try s.optionalDay(7).map { Validation(date: $0, number: s.integer(8), order: s.integer(9)) }, lines: lines)
    }
}

extension Entry.Line {
    /// From `line l \(Entry.Line.joins)`; the first column is the line's entry.
    static let columns = "l.entry_id, l.id, l.account, l.debit, l.credit, l.label, p.code, \(LineTiers.columns)"

    /// What a line's columns read besides the line: its project, its tiers and the one that tiers was merged into.
    static let joins = "LEFT JOIN project p ON p.id = l.project_id \(LineTiers.joins)"

    init(row s: SQLStatement) {
        self.init(id: s.int(1), account: s.account(2), debit: s.money(3), credit: s.money(4), label: s.optionalText(5), project: s.optionalText(6),
                  tiers: LineTiers(row: s, at: 7))
    }
}

extension LineTiers {
    /// From `line l \(LineTiers.joins)`: the code recorded, the code and name counted today.
    static let columns = "t.code, coalesce(m.code, t.code), coalesce(m.name, t.name)"
    static let joins = "LEFT JOIN tiers t ON t.id = l.tiers_id LEFT JOIN tiers m ON m.id = t.merged_into"

    /// The line's tiers read at column `first` of `columns`; nil for a line without one.
    init?(row s: SQLStatement, at first: Int32) {
        guard !s.isNull(first) else { return nil }
        self.init(recorded: s.text(first), code: s.text(first + 1), name: s.text(first + 2))
    }
}

extension Tiers {
    /// From `tiers t LEFT JOIN tiers m ON m.id = t.merged_into`; the aliases are read apart.
    static let columns = "t.id, t.code, t.kind, t.first_name, t.last_name, t.organisation, t.siren, t.email, t.address, m.code, t.anonymised_on"

    /// A row as stored: an identifier the schema holds malformed (written behind Compta's back) reads as absent.
    init(row s: SQLStatement, aliases: [String]) {
        self.init(code: s.text(1), kind: Tiers.Kind(rawValue: s.text(2)) ?? .person, firstName: s.optionalText(3), lastName: s.optionalText(4),
                  organisation: s.optionalText(5), siren: s.optionalText(6).flatMap { try? SIREN(parsing: $0) },
                  email: s.optionalText(7).flatMap { try? EmailAddress(parsing: $0) }, address: s.optionalText(8), aliases: aliases,
                  mergedInto: s.optionalText(9), anonymisedOn: s.optionalText(10).flatMap { Day(iso: $0) })
    }
}

extension Exercice {
    /// From `exercice x`.
    static let columns = "x.id, x.label, x.start, x.end, x.chart, x.closed_on"

    init(row s: SQLStatement) throws(StoreError) {
        self.init(id: s.int(0), label: s.text(1), start: try s.day(2), end: try s.day(3), chart: ChartVersion(rawValue: s.text(4)) ?? .pca2018,
                  isClosed: !s.isNull(5))
    }
}

extension AccountLine {
    /// From `line l \(AccountLine.joins)`.
    static let columns = "l.account, e.date, e.journal, e.number, e.piece, coalesce(l.label, e.label), l.debit, l.credit, p.code, \(LineTiers.columns)"
    static let joins = "JOIN entry e ON e.id = l.entry_id \(Entry.Line.joins)"

    init(row s: SQLStatement) throws(StoreError) {
        self.init(account: s.account(0), date: try s.day(1), journal: s.text(2), entryNumber: s.integer(3), piece: s.optionalText(4),
                  label: s.text(5), debit: s.money(6), credit: s.money(7), project: s.optionalText(8), tiers: LineTiers(row: s, at: 9))
    }
}

extension Rule {
    /// From `rule r LEFT JOIN project p ON p.id = r.project_id`.
    static let columns = "r.position, r.pattern, r.regex, r.direction, r.minimum, r.maximum, r.account, p.code, r.label, r.tiers"

    init(row s: SQLStatement) {
        self.init(position: s.integer(0), pattern: s.text(1), isRegex: s.int(2) != 0, direction: Rule.Direction(rawValue: s.integer(3)) ?? .any,
                  minimum: s.optionalMoney(4), maximum: s.optionalMoney(5), account: s.account(6), project: s.optionalText(7),
                  label: s.optionalText(8), tiers: RuleTiers(text: s.optionalText(9) ?? ""))
    }
}

extension Budget.Poste {
    /// From `budget_poste b LEFT JOIN project p ON p.id = b.project_id`.
    static let columns = "b.label, b.side, b.amount, b.accounts, p.code, b.remark, b.position"

    init(row s: SQLStatement) {
        self.init(label: s.text(0), side: Budget.Side(rawValue: s.text(1)) ?? .depense, amount: s.money(2),
                  accounts: s.text(3).split(separator: " ").map(String.init), project: s.optionalText(4), remark: s.optionalText(5),
                  sourceLine: s.integer(6))
    }
}

extension ImportedStatement {
    /// From `statement s`.
    static let columns = "s.id, s.file_name, s.bank_account, s.imported_at, s.first_date, s.last_date, s.lines_read, s.lines_new, s.lines_left_out, s.lines_pointed"

    /// `validated`: how many of its operations are validated, by statement id; `now`, the zone
    /// its import instant is shown in.
    init(row s: SQLStatement, validated: [Int64: Int], now: Now) throws(StoreError) {
        self.init(id: s.integer(0), fileName: s.text(1), bankAccount: s.account(2), importedAt: now.timestamp(s.text(3)), firstDate: try s.optionalDay(4),
                  lastDate: try s.optionalDay(5), linesRead: s.integer(6), linesNew: s.integer(7), linesLeftOut: s.integer(8), linesPointed: s.integer(9),
                  validated: validated[s.int(0)] ?? 0)
    }
}

extension Store {
    /// Entries with their lines: `entries` completes `SELECT Entry.columns` (from `entry e`, in
    /// the order wanted), `lines` completes `SELECT Entry.Line.columns` (ordered by entry, then
    /// line); both take `values`.
    func readEntries(_ entries: String, lines: String, _ values: [SQLValue] = []) throws(StoreError) -> [Entry] {
        var byEntry: [Int64: [Entry.Line]] = [:]
        try db.forEach("SELECT \(Entry.Line.columns) \(lines)", values) { byEntry[$0.int(0), default: []].append(Entry.Line(row: $0)) }
        return try db.query("SELECT \(Entry.columns) \(entries)", values) { s throws(StoreError) in try Entry(row: s, lines: byEntry[s.int(0)] ?? []) }
    }
}
