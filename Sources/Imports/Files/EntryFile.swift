import Ledger

/// Reads a CSV file of entries (`compta saisir --fichier`): one line per entry line, with the
/// columns `date`, `libelle`, `compte`, `debit`, `credit`, and optionally `journal`, `piece`,
/// `projet`, `tiers`, `ecriture`. Lines with the same `ecriture` value form one entry; without that
/// column, consecutive lines with the same date, journal, piece and label do. A line's `tiers` is
/// kept as written (a code, a name or an alias): the command resolves it in its transaction.
public enum EntryFile {
    public enum Problem: Error, Equatable, Sendable {
        case missingColumns([String], seen: [String])
        case badDate(String, DayError)
        case badAmount(String, MoneyError)
        case badAccount(String, AccountNumberError)
        case debitAndCredit
        case noAmount
        case badProject(String)
        case noLines
    }

    public static let requiredColumns = ["date", "libelle", "compte", "debit", "credit"]

    /// Entries with the file line of each of their lines. Errors carry the file line.
    public static func read(_ text: String, file: String?, defaultJournal: String = "OD") throws(LocatedError) -> [SourcedEntry] {
        guard let table = try CSVTable(text, file: file) else { throw LocatedError(file: file, line: 1, underlying: Problem.noLines) }
        try table.require(requiredColumns, else: Problem.missingColumns)
        let byEntry = table.column("ecriture") != nil

        var groups: [(key: String, source: SourcedEntry)] = []
        var indexByKey: [String: Int] = [:]
        for r in table.rows {
            func fail(_ p: Problem) -> LocatedError { r.error(p) }
            let date: Day
            do { date = try Day(parsing: r["date"]) } catch { throw fail(.badDate(r["date"], error)) }
            let account: AccountNumber
            do { account = try AccountNumber(r["compte"]) } catch { throw fail(.badAccount(r["compte"], error)) }
            func amount(_ name: String) throws(LocatedError) -> Money {
                let t = r[name]
                if t.isEmpty { return .zero }
                do { return try Money(parsing: t) } catch { throw fail(.badAmount(t, error)) }
            }
            let debit = try amount("debit"), credit = try amount("credit")
            if !debit.isZero && !credit.isZero { throw fail(.debitAndCredit) }
            if debit.isZero && credit.isZero { throw fail(.noAmount) }
            var project: String? = nil
            if !r["projet"].isEmpty {
                do { project = try Project.validCode(r["projet"]) } catch { throw fail(.badProject(r["projet"])) }
            }
            let journal = r["journal"].isEmpty ? defaultJournal : r["journal"].uppercased()
            let label = r["libelle"]
            let piece = r["piece"].isEmpty ? nil : r["piece"]
            var tiers: String? = nil
            if !r["tiers"].isEmpty {
                do { tiers = try r["tiers"].ledgerText() } catch { throw r.error(error) }
            }
            let line = LineDraft(account: account, amount: debit - credit, project: project, tiers: tiers)
            let key = byEntry ? "e:" + r["ecriture"] : "\(date.iso)|\(journal)|\(piece ?? "")|\(label)"
            let group = byEntry ? indexByKey[key] : groups.last?.key == key ? groups.count - 1 : nil
            if let i = group {
                groups[i].source.entry.lines.append(line)
                groups[i].source.lines.append(r.line)
            } else {
                indexByKey[key] = groups.count
                groups.append((key, SourcedEntry(entry: EntryDraft(journal: journal, date: date, label: label, piece: piece, lines: [line]),
                                                 lines: [r.line])))
            }
        }
        if groups.isEmpty { throw LocatedError(file: file, line: table.header.line, underlying: Problem.noLines) }
        return groups.map(\.source)
    }
}
