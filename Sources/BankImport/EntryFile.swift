import Ledger

/// Reads a CSV file of entries (`compta saisir --fichier`): one line per entry line, with the
/// columns `date`, `libelle`, `compte`, `debit`, `credit`, and optionally `journal`, `piece`,
/// `projet`, `ecriture`. Lines with the same `ecriture` value form one entry; without that
/// column, consecutive lines with the same date, journal, piece and label do.
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
        let separator = CSVReader.detectSeparator(text)
        let records: [CSVRecord]
        do { records = try CSVReader.records(text, separator: separator) } catch {
            let line: Int
            switch error {
            case .unterminatedQuote(let l), .recordTooLong(let l): line = l
            }
            throw LocatedError(file: file, line: line, underlying: error)
        }
        let content = records.filter { !$0.isBlank }
        guard let header = content.first else {
            throw LocatedError(file: file, line: 1, underlying: Problem.noLines)
        }
        let names = header.fields.map(searchKey)
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        let missing = requiredColumns.filter { column($0) == nil }
        if !missing.isEmpty {
            throw LocatedError(file: file, line: header.line, text: header.raw,
                               underlying: Problem.missingColumns(missing, seen: header.fields))
        }
        let cDate = column("date")!, cLabel = column("libelle")!, cAccount = column("compte")!
        let cDebit = column("debit")!, cCredit = column("credit")!
        let cJournal = column("journal"), cPiece = column("piece"), cProject = column("projet"), cEntry = column("ecriture")

        var groups: [(key: String, source: SourcedEntry)] = []
        var indexByKey: [String: Int] = [:]
        for r in content.dropFirst() {
            func field(_ i: Int?) -> String { i.flatMap { $0 < r.fields.count ? r.fields[$0].trimmingSpaces : nil } ?? "" }
            func fail(_ p: Problem) -> LocatedError { LocatedError(file: file, line: r.line, text: r.raw, underlying: p) }
            let date: Day
            do { date = try Day(parsing: field(cDate)) } catch { throw fail(.badDate(field(cDate), error)) }
            let account: AccountNumber
            do { account = try AccountNumber(field(cAccount)) } catch { throw fail(.badAccount(field(cAccount), error)) }
            func amount(_ i: Int) throws(LocatedError) -> Money {
                let t = field(i)
                if t.isEmpty { return .zero }
                do { return try Money(parsing: t) } catch { throw fail(.badAmount(t, error)) }
            }
            let debit = try amount(cDebit), credit = try amount(cCredit)
            if !debit.isZero && !credit.isZero { throw fail(.debitAndCredit) }
            if debit.isZero && credit.isZero { throw fail(.noAmount) }
            var project: String? = nil
            if !field(cProject).isEmpty {
                do { project = try Project.validCode(field(cProject)) } catch { throw fail(.badProject(field(cProject))) }
            }
            let journal = field(cJournal).isEmpty ? defaultJournal : field(cJournal).uppercased()
            let label = field(cLabel)
            let piece = field(cPiece).isEmpty ? nil : field(cPiece)
            let line = LineDraft(account: account, amount: debit - credit, project: project)
            let key = cEntry != nil ? "e:" + field(cEntry) : "\(date.iso)|\(journal)|\(piece ?? "")|\(label)"
            let group = cEntry != nil ? indexByKey[key] : groups.last?.key == key ? groups.count - 1 : nil
            if let i = group {
                groups[i].source.entry.lines.append(line)
                groups[i].source.lines.append(r.line)
            } else {
                indexByKey[key] = groups.count
                groups.append((key, SourcedEntry(entry: EntryDraft(journal: journal, date: date, label: label, piece: piece, lines: [line]),
                                                 lines: [r.line])))
            }
        }
        if groups.isEmpty { throw LocatedError(file: file, line: header.line, underlying: Problem.noLines) }
        return groups.map(\.source)
    }
}
