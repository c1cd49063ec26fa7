import Ledger

/// A FEC written by another software (Paheko, Odoo, Dolibarr, an accountant's tool), read into
/// entries: TAB or `|` separated, UTF-8 or ISO-8859-15, Debit/Credit or Montant/Sens.
public struct FECFile: Sendable {
    public struct Line: Sendable, Equatable {
        public let account: AccountNumber
        public let accountLabel: String
        public let debit: Money
        public let credit: Money
        public let label: String
        /// CompAuxNum and CompAuxLib: the tiers of the line, as the file names it.
        public let tiers: LedgerImport.TiersName?
        /// EcritureLet and DateLet: the line's letter, as the file writes it.
        public let letter: LedgerImport.LetterName?
        public let sourceLine: Int
    }

    public struct Entry: Sendable {
        public let journal: String
        public let journalLabel: String
        public let number: String
        public let date: Day
        public let piece: String?
        public let label: String
        public let validatedOn: Day?
        public let lines: [Line]
        /// File line of the entry's first line.
        public let sourceLine: Int

        /// The number within its journal when EcritureNum reads `CODE-N`, `CODEN` or `N`.
        public var numberInJournal: Int? {
            let digits = number.reversed().prefix { $0.isNumber }
            return digits.isEmpty ? nil : Int(String(digits.reversed()))
        }
    }

    public let entries: [Entry]
    /// Closing date of the exercice, from a file named `SIRENFECAAAAMMJJ...`.
    public let closingDate: Day?
    public let encoding: TextEncoding
}

public enum FECProblem: Error, Equatable, Sendable {
    case missingColumns([String], seen: [String])
    case fieldCount(expected: Int, found: Int)
    case badDate(field: String, text: String)
    case badAmount(field: String, text: String, MoneyError)
    case badDirection(String)
    /// CompteNum must start with digits (the French chart's).
    case accountNotNumeric(String)
    case unbalanced(number: String, debit: Money, credit: Money)
    case duplicateNumber(String, firstLine: Int)
    case severalDates(String)
    case empty
    /// A JournalCode that is not a code: a line break or a separator in it would split Compta's
    /// own FEC records and the entries' numbers.
    case badJournalCode(String, CodeError)
    /// A text field longer than the ledger keeps.
    case textTooLong(field: String, TextTooLong)
    /// CompAuxNum without CompAuxLib or the other way round: the format wants both or neither.
    case halfAuxiliary(number: String, label: String)
    /// An EcritureLet longer than `Letter.maxLength`: not a letter.
    case letterTooLong(String)
}

public enum FECReader {
    static let required = ["journalcode", "journallib", "ecriturenum", "ecrituredate", "comptenum", "comptelib", "pieceref",
                           "ecriturelib", "validdate"]
    /// The columns' names as the format writes them, for messages.
    static let official = Dictionary(uniqueKeysWithValues: ["JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
                                                            "CompAuxNum", "CompAuxLib", "PieceRef", "EcritureLib", "ValidDate"].map { ($0.lowercased(), $0) })

    public static func read(_ bytes: [UInt8], fileName: String) throws -> FECFile {
        if bytes.starts(with: Array("%PDF".utf8)) { throw StatementError.pdf }
        var encoding: TextEncoding? = nil
        if String(validating: bytes, as: UTF8.self) == nil {
            encoding = bytes.contains(where: { $0 >= 0x80 && $0 <= 0x9F }) ? .windows1252 : .iso885915
        }
        let decoded: (text: String, encoding: TextEncoding)
        do { decoded = try TextDecoder.decode(bytes, forced: encoding) } catch { throw LocatedError(file: fileName, line: 1, underlying: error) }
        let firstLine = decoded.text.prefix { !$0.isNewline }
        let separator: Character = firstLine.contains("\t") ? "\t" : "|"
        guard let table = try CSVTable(decoded.text, separator: separator, file: fileName, key: { $0.trimmingSpaces.lowercased().filter { $0.isLetter } }) else {
            throw LocatedError(file: fileName, line: 1, underlying: FECProblem.empty)
        }
        let header = table.header
        var missing = required.filter { table.column($0) == nil }.map { official[$0] ?? $0 }
        let split = table.column("debit") != nil && table.column("credit") != nil
        if !split && (table.column("montant") == nil || table.column("sens") == nil) { missing.append(contentsOf: ["Debit", "Credit"]) }
        if !missing.isEmpty { throw table.headerError(FECProblem.missingColumns(missing, seen: header.fields)) }
        var entries: [FECFile.Entry] = []
        var seen: [String: Int] = [:]
        var current: (key: String, rows: [CSVTable.Row])? = nil
        func finish() throws {
            guard let c = current else { return }
            entries.append(try entry(c.rows, split: split))
        }
        for row in table.rows {
            guard row.record.fields.count == header.fields.count else {
                throw row.error(FECProblem.fieldCount(expected: header.fields.count, found: row.record.fields.count))
            }
            let key = row["journalcode"] + "|" + row["ecriturenum"]
            if current?.key != key {
                try finish()
                if let first = seen[key] { throw row.error(FECProblem.duplicateNumber(row.untrimmed("ecriturenum"), firstLine: first)) }
                seen[key] = row.line
                current = (key, [])
            }
            current!.rows.append(row)
        }
        try finish()
        if entries.isEmpty { throw LocatedError(file: fileName, line: header.line, underlying: FECProblem.empty) }
        // SIRENFECAAAAMMJJ: the closing date of the exercice.
        var closing: Day? = nil
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        if let r = base.uppercased().range(of: "FEC") {
            let digits = base[r.upperBound...].prefix(8)
            if digits.count == 8 { closing = try? Day(parsing: String(digits)) }
        }
        return FECFile(entries: entries, closingDate: closing, encoding: decoded.encoding)
    }

    static func entry(_ rows: [CSVTable.Row], split: Bool) throws -> FECFile.Entry {
        func fail(_ row: CSVTable.Row, _ p: FECProblem) -> LocatedError { row.error(p) }
        // Every text the ledger will keep goes through its gate, here where the file line is known.
        func text(_ row: CSVTable.Row, _ n: String) throws -> String {
            do { return try row[n].ledgerText() } catch { throw fail(row, .textTooLong(field: official[n] ?? n, error)) }
        }
        func date(_ row: CSVTable.Row, _ n: String) throws -> Day? {
            let t = row[n]
            if t.isEmpty { return nil }
            do { return try Day(parsing: t) } catch { throw fail(row, .badDate(field: n, text: t)) }
        }
        func amount(_ row: CSVTable.Row, _ n: String) throws -> Money {
            let t = row[n]
            if t.isEmpty { return .zero }
            do { return try Money(parsing: t) } catch { throw fail(row, .badAmount(field: official[n] ?? n.capitalized, text: t, error)) }
        }
        let first = rows[0]
        guard let day = try date(first, "ecrituredate") else { throw fail(first, .badDate(field: "EcritureDate", text: "")) }
        var lines: [FECFile.Line] = []
        for row in rows {
            if try date(row, "ecrituredate") != day { throw fail(row, .severalDates(row["ecriturenum"])) }
            let raw = row["comptenum"]
            guard raw.prefix(3).count == 3, raw.prefix(3).allSatisfy({ $0.isASCII && $0.isNumber }), let account = try? AccountNumber(raw) else {
                throw fail(row, .accountNotNumeric(raw))
            }
            var debit = Money.zero, credit = Money.zero
            if split {
                debit = try amount(row, "debit")
                credit = try amount(row, "credit")
            } else {
                let m = try amount(row, "montant")
                switch row["sens"].uppercased() {
                case "D", "+1", "1": debit = m
                case "C", "-1": credit = m
                default: throw fail(row, .badDirection(row["sens"]))
                }
            }
            if debit.isNegative || credit.isNegative {
                // A negative debit is a credit, and the other way round.
                (debit, credit) = (max(debit, .zero) + max(-credit, .zero), max(credit, .zero) + max(-debit, .zero))
            }
            let letterCode = try text(row, "ecriturelet")
            if letterCode.count > Letter.maxLength { throw fail(row, .letterTooLong(letterCode)) }
            let letterDay = try date(row, "datelet")
            let auxNumber = try text(row, "compauxnum"), auxLabel = try text(row, "compauxlib")
            if auxNumber.isEmpty != auxLabel.isEmpty { throw fail(row, .halfAuxiliary(number: auxNumber, label: auxLabel)) }
            lines.append(FECFile.Line(account: account, accountLabel: try text(row, "comptelib"), debit: debit, credit: credit,
                                      label: try text(row, "ecriturelib"),
                                      tiers: auxNumber.isEmpty ? nil : LedgerImport.TiersName(code: auxNumber, name: auxLabel),
                                      letter: letterCode.isEmpty ? nil : LedgerImport.LetterName(code: letterCode, day: letterDay),
                                      sourceLine: row.line))
        }
        let d = Money.sum(lines.map(\.debit)), c = Money.sum(lines.map(\.credit))
        if d != c { throw fail(first, .unbalanced(number: first["ecriturenum"], debit: d, credit: c)) }
        let piece = try text(first, "pieceref")
        let journal: String
        do { journal = try Journal.validCode(first["journalcode"]) } catch { throw fail(first, .badJournalCode(first["journalcode"], error)) }
        return FECFile.Entry(journal: journal, journalLabel: try text(first, "journallib"),
                             number: try text(first, "ecriturenum"), date: day, piece: piece.isEmpty ? nil : piece,
                             label: try text(first, "ecriturelib"), validatedOn: try date(first, "validdate"), lines: lines, sourceLine: first.line)
    }
}

extension FECFile {
    /// The books the file holds, for `Store.importLedger`. The exercice ends on the date of the
    /// file's name (SIRENFECAAAAMMJJ) or on the 31 December of its last entry's year, and lasts
    /// a year.
    public func ledgerImport() throws -> LedgerImport {
        let last = entries.map(\.date).max()!
        let end = closingDate ?? Day(year: last.year, month: 12, day: 31)!
        let start = end.adding(days: 1).adding(months: -12)
        for e in entries where e.date < start || e.date > end {
            throw LedgerImportProblem.outsideExercice(line: e.sourceLine, date: e.date, start: start, end: end)
        }
        var journals: [String: Journal] = [:]
        var accounts: [AccountNumber: Account] = [:]
        // Validated entries are numbered 1 to n in each journal, as the verifier checks. A file
        // numbered otherwise (one sequence shared by all journals, as many programs write, or
        // with gaps) has those journals renumbered in file order; the source number stays as the
        // piece of an entry that has none.
        var sourceNumbers: [String: [Int?]] = [:]
        for e in entries where e.validatedOn != nil { sourceNumbers[e.journal, default: []].append(e.numberInJournal) }
        let renumbered = Set(sourceNumbers.filter { $0.value.compactMap { $0 }.sorted() != Array(1...$0.value.count) }.keys)
        var numbers: [String: Int] = [:]
        var items: [LedgerImport.Item] = []
        var zeroLines: [Int] = []
        for e in entries {
            if journals[e.journal] == nil {
                let kind: Journal.Kind
                switch e.journal {
                case "AN", "RAN", "OUV", "AO": kind = .aNouveaux
                case "BQ", "BNK", "BAN", "BANQ": kind = .banque
                case "CA", "CAI", "CAISSE": kind = .caisse
                default: kind = .operationsDiverses
                }
                journals[e.journal] = Journal(code: e.journal, label: e.journalLabel.isEmpty ? e.journal : e.journalLabel, kind: kind)
            }
            for l in e.lines where accounts[l.account] == nil {
                accounts[l.account] = Account(number: l.account, label: l.accountLabel.isEmpty ? l.account.text : l.accountLabel, isCustom: true)
            }
            var validation: (number: Int?, date: Day)? = nil
            if let on = e.validatedOn {
                numbers[e.journal, default: 0] += 1
                validation = (renumbered.contains(e.journal) ? numbers[e.journal] : e.numberInJournal, on)
            }
            let piece = e.piece ?? (renumbered.contains(e.journal) ? e.number : nil)
            // A line of no amount (some software write them) brings nothing to the books.
            let lines = e.lines.filter { !($0.debit.isZero && $0.credit.isZero) }
            zeroLines += e.lines.filter { $0.debit.isZero && $0.credit.isZero }.map(\.sourceLine)
            if lines.isEmpty { throw LedgerImportProblem.noAmount(line: e.sourceLine, number: e.number) }
            let draft = EntryDraft(journal: e.journal, date: e.date, label: e.label.isEmpty ? e.number : e.label, piece: piece,
                                   lines: lines.map { LineDraft(account: $0.account, debit: $0.debit, credit: $0.credit,
                                                                label: $0.label == e.label ? nil : $0.label) })
            items.append(LedgerImport.Item(source: SourcedEntry(entry: draft, lines: lines.map(\.sourceLine)), validation: validation,
                                           tiers: lines.map(\.tiers), letters: lines.map(\.letter)))
        }
        return LedgerImport(start: start, end: end, journals: journals.values.sorted { $0.code < $1.code },
                            accounts: accounts.values.sorted { $0.number < $1.number }, items: items, zeroLines: zeroLines,
                            renumbered: renumbered.sorted())
    }
}
