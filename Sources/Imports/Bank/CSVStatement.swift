import Ledger

/// How the user describes a CSV layout no profile knows: `--colonnes date=1,libelle=3,montant=4`
/// (1-based positions; `libelle` may be repeated or given as `3+4`; also `debit`, `credit`,
/// `sens`, `solde`).
public struct CustomColumns: Sendable, Equatable {
    var map: ColumnMap
    public let text: String

    public init(parsing text: String) throws(StatementError) {
        var date: Int?, labels: [Int] = [], amount: Int?, debit: Int?, credit: Int?, direction: Int?, balance: Int?
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces.lowercased() }
            guard kv.count == 2 else { throw .badColumns(String(part)) }
            let positions = kv[1].split(separator: "+").compactMap { Int($0) }.map { $0 - 1 }
            guard !positions.isEmpty, positions.allSatisfy({ $0 >= 0 && $0 < 200 }) else { throw .badColumns(String(part)) }
            switch searchKey(kv[0]) {
            case "date": date = positions[0]
            case "libelle", "label": labels += positions
            case "montant", "amount": amount = positions[0]
            case "debit": debit = positions[0]
            case "credit": credit = positions[0]
            case "sens": direction = positions[0]
            case "solde": balance = positions[0]
            default: throw .badColumns(String(part))
            }
        }
        guard let date, !labels.isEmpty, amount != nil || debit != nil || credit != nil else {
            throw .badColumns(text)
        }
        map = ColumnMap(date: date, label: labels, amount: amount, debit: debit, credit: credit, direction: direction,
                        balance: balance, account: nil, status: nil)
        self.text = text
    }
}

/// A layout the user keeps in a small text file (`--profil FICHIER`):
///
///     nom = Ma banque
///     colonnes = date=1,libelle=3,montant=4
///     separateur = ;
///     encodage = windows-1252
public struct ProfileFile: Sendable {
    public let name: String
    public let columns: CustomColumns
    public let separator: Character?
    public let encoding: TextEncoding?

    public init(parsing text: String) throws(StatementError) {
        var name = "profil personnel", columns: CustomColumns? = nil, separator: Character? = nil, encoding: TextEncoding? = nil
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(raw).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let kv = line.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard kv.count == 2 else { throw .badProfileFile(line: i + 1, text: line) }
            switch searchKey(kv[0]) {
            case "nom": name = kv[1]
            case "colonnes": columns = try CustomColumns(parsing: kv[1])
            case "separateur":
                let v = kv[1] == "tab" ? "\t" : kv[1]
                guard v.count == 1 else { throw .badProfileFile(line: i + 1, text: line) }
                separator = v.first
            case "encodage":
                guard let e = TextEncoding(name: kv[1]) else { throw .badProfileFile(line: i + 1, text: line) }
                encoding = e
            default: throw .badProfileFile(line: i + 1, text: line)
            }
        }
        guard let columns else { throw .profileWithoutColumns }
        self.name = name
        self.columns = columns
        self.separator = separator
        self.encoding = encoding
    }
}

/// A CSV whose header no profile knows, but whose column names say what they hold: the last
/// resort of detection.
struct GenericCSVReader: StatementReader {
    static let id = "generique"
    var id: String { Self.id }
    let name = "autre banque"
    let aliases: [String] = []
    let details = "CSV dont l'en-tête nomme date, libellé, montant ou débit/crédit"

    func recognise(_ head: StatementHead) -> Recognition? {
        CSVStatementReader.genericHeader(head.rows) == nil ? nil : .columnNames
    }

    func read(_ file: StatementInput) throws(StatementError) -> Statement {
        try CSVStatementReader.read(file, layout: .generic, separator: nil)
    }
}

/// Reads a CSV statement with a bank's profile, by its column names, or with a layout the user gives.
enum CSVStatementReader {
    enum Layout {
        case profile(BankProfile)
        case generic
        case custom(CustomColumns, name: String)
    }

    /// How many rows, from the top, may come before the header.
    static let headerRows = 40

    /// Reads a statement from its UTF-8 bytes. Rows are read one at a time: only the first
    /// ones (where the layout is found) are kept, so memory holds the operations, not the rows.
    static func read(_ file: StatementInput, layout: Layout, separator: Character?) throws(StatementError) -> Statement {
        var headerless: BankProfile.Headerless? = nil
        if case .profile(let p) = layout { headerless = p.headerless }
        let sep = separator ?? headerless?.separator ?? CSVReader.detectSeparator(utf8: file.utf8)
        var reader = CSVReader(utf8: file.utf8, separator: sep).makeIterator()
        func nextRow() throws(StatementError) -> CSVRecord? {
            do {
                while let r = try reader.nextRecord() { if !r.isBlank { return r } }
                return nil
            } catch { throw .csv(error) }
        }
        // The first rows, where the header (or the first operation) is looked for.
        var rows: [CSVRecord] = []
        while rows.count < headerRows, let r = try nextRow() { rows.append(r) }
        if case .custom(let columns, _) = layout {
            // Rows before the first operation are preamble, however many.
            func isOperation(_ row: CSVRecord) -> Bool {
                row.fields.count > columns.map.date && (try? Day(parsing: row.fields[columns.map.date])) != nil
            }
            var found = rows.contains(where: isOperation)
            while !found, let r = try nextRow() {
                rows.append(r)
                found = isOperation(r)
            }
        }
        let firstRows = Array(rows.prefix(5).map(\.fields))

        // Find where the operations start and how to read them.
        var headerIndex: Int? = nil
        var map: ColumnMap? = nil
        var profile: BankProfile? = nil
        var name = ""
        var id = ""
        switch layout {
        case .custom(let columns, let n):
            map = columns.map
            name = n
            id = "colonnes"
            // The first row that reads as an operation starts the data; rows before are preamble.
            headerIndex = (rows.firstIndex { row in
                row.fields.count > columns.map.date && (try? Day(parsing: row.fields[columns.map.date])) != nil
            } ?? rows.count) - 1
        case .profile(let p) where p.headerless != nil:
            // The rows before the first operation are the preamble; there is no header row.
            let h = p.headerless!
            guard let first = rows.firstIndex(where: { $0.fields.count == h.fields || $0.fields.count == h.balanceRow?.fields }) else {
                throw .layoutNotFound(profile: p.name, expected: [p.details], firstRows: firstRows)
            }
            headerIndex = first - 1
            profile = p
            map = h.map
            name = p.name
            id = p.id
        case .profile(let p):
            guard let i = p.headerRow(rows), let m = resolve(p.columns, header: rows[i].fields) else {
                throw .layoutNotFound(profile: p.name, expected: p.signature, firstRows: firstRows)
            }
            headerIndex = i
            profile = p
            map = m
            name = p.name
            id = p.id
        case .generic:
            if let (i, m) = genericHeader(rows) {
                headerIndex = i
                map = m
                name = "CSV (colonnes reconnues par leur nom)"
                id = GenericCSVReader.id
            }
        }
        guard let map else { throw .unknownLayout(firstRows: firstRows) }
        let start = (headerIndex ?? -1) + 1

        // Preamble: account and balance stated before the operations.
        var accountID: String? = nil
        var closing: (Money, Day?)? = nil
        var opening: (Money, Day?)? = nil
        let preamble = Array(id == "colonnes" || headerless != nil ? rows.prefix(start) : rows.prefix(max(0, start - 1)))
        if let p = profile, let fl = p.firstLine, let first = preamble.first,
           first.fields.count > max(fl.account, fl.balance?.amount ?? 0, fl.balance?.date ?? 0) {
            accountID = cleanID(first.fields[fl.account])
            if let b = fl.balance, let m = try? Money(parsing: first.fields[b.amount]) {
                closing = (m, try? Day(parsing: first.fields[b.date]))
            }
        } else {
            (accountID, closing) = scanPreamble(preamble)
        }

        // Operations: the rows kept after the header, then the rest of the file.
        var lines: [StatementLine] = []
        var skipped = 0
        var pendingTrailer: CSVRecord? = nil
        var balances = RunningBalance()
        var accounts: [String] = []
        var kept = rows[start...].makeIterator()
        rows = []
        func next() throws(StatementError) -> CSVRecord? {
            if let r = kept.next() { return r }
            return try nextRow()
        }
        while let row = try next() {
            let f = row.fields
            func cell(_ i: Int?) -> String { i.map { $0 < f.count ? f[$0].trimmingSpaces : "" } ?? "" }
            if let b = headerless?.balanceRow, f.count == b.fields {
                // LCL: the balance before the first operation, and after the last one.
                let balance: Money, day: Day
                do { day = try Day(parsing: cell(b.date)) } catch { throw .malformedLine(line: row.line, raw: row.raw, reason: .date(cell(b.date), error)) }
                do { balance = try Money(parsing: cell(b.amount)) } catch {
                    throw .malformedLine(line: row.line, raw: row.raw, reason: .amount(cell(b.amount), error))
                }
                if lines.isEmpty && opening == nil { opening = (balance, day) } else { closing = (balance, day) }
                accountID = accountID ?? cleanID(cell(b.account))
                continue
            }
            var dateText = cell(map.date)
            // "2024-03-05 06:12:40", "2024-03-05T06:12:40Z": the day is what counts.
            if dateText.utf8.count > 10, let sep = dateText.dropFirst(10).first, sep == " " || sep == "T" {
                dateText = String(dateText.prefix(10))
            }
            guard !dateText.isEmpty, dateText.first!.isNumber else {
                // Not an operation: a trailer (balance, totals) if nothing follows it.
                if let t = trailerBalance(row) { closing = t }
                pendingTrailer = pendingTrailer ?? row
                continue
            }
            if let t = pendingTrailer {
                throw .malformedLine(line: t.line, raw: t.raw, reason: .date(t.fields.indices.contains(map.date) ? t.fields[map.date] : "", .unreadable))
            }
            if f.count <= map.maxIndex && map.amount != nil && cell(map.amount).isEmpty {
                throw .malformedLine(line: row.line, raw: row.raw, reason: .missingColumns(expected: map.maxIndex + 1, found: f.count))
            }
            let date: Day
            do { date = try Day(parsing: dateText) } catch {
                throw .malformedLine(line: row.line, raw: row.raw, reason: .date(dateText, error))
            }
            if let s = map.status, !map.keepStatuses.contains(searchKey(cell(s))) {
                skipped += 1
                continue
            }
            if let a = map.account {
                let acc = cell(a)
                if let wanted = file.accountNumber {
                    if cleanID(acc) != cleanID(wanted) { continue }
                } else if !accounts.contains(acc) {
                    accounts.append(acc)
                }
            }
            let amount = try readAmount(row, map: map, cell: cell)
            let label = map.label.map { cell($0) }.filter { !$0.isEmpty }.joined(separator: " ")
            lines.append(StatementLine(line: row.line, date: date, label: collapse(label), amount: amount,
                                       counterparty: map.counterparty.map { cell($0) }))
            if map.balance != nil { balances.add(date: date, amount: amount, balance: try? Money(parsing: cell(map.balance))) }
        }
        if accounts.count > 1 { throw .severalAccounts(accounts) }
        if accounts.count == 1 { accountID = cleanID(accounts[0]) }
        if map.account != nil, let wanted = file.accountNumber { accountID = cleanID(wanted) }
        if lines.isEmpty && skipped == 0 { throw .noOperations }
        if let c = balances.closing { closing = (c.balance, c.date) }
        return Statement(format: id, formatName: name, encoding: file.encoding, accountID: accountID, lines: lines,
                         closingBalance: closing?.0, closingDate: closing?.1 ?? lines.map(\.date).max(), skipped: skipped,
                         openingBalance: opening?.0, openingDate: opening?.1)
    }

    static func readAmount(_ row: CSVRecord, map: ColumnMap, cell: (Int?) -> String) throws(StatementError) -> Money {
        func parse(_ text: String) throws(StatementError) -> Money {
            do { return try Money(parsing: text) } catch {
                throw .malformedLine(line: row.line, raw: row.raw, reason: .amount(text, error))
            }
        }
        if let a = map.amount, !cell(a).isEmpty {
            var m = try parse(cell(a))
            if let d = map.direction {
                let sense = searchKey(cell(d))
                if sense.hasPrefix("d") || sense == "-" { m = -m.magnitude } else if sense.hasPrefix("c") || sense == "+" { m = m.magnitude }
            }
            return m
        }
        let debit = map.debit.map { cell($0) } ?? ""
        let credit = map.credit.map { cell($0) } ?? ""
        if !debit.isEmpty {
            let d = try parse(debit)
            if !d.isZero || credit.isEmpty { return -d.magnitude }
        }
        if !credit.isEmpty { return try parse(credit).magnitude }
        throw .malformedLine(line: row.line, raw: row.raw, reason: .missingAmount)
    }

    /// Columns of a profile found in a header row.
    static func resolve(_ spec: ColumnSpec, header: [String]) -> ColumnMap? {
        let keys = header.map(searchKey)
        // `solde#2`: the second column so named (BoursoBank names its amount and its balance « Solde »).
        func index(_ name: String) -> Int? {
            let parts = name.split(separator: "#")
            guard parts.count == 2, let n = Int(parts[1]) else { return keys.firstIndex(of: name) }
            return keys.indices.filter { keys[$0] == parts[0] }.dropFirst(n - 1).first
        }
        func first(_ names: [String]) -> Int? {
            for n in names { if let i = index(n) { return i } }
            return nil
        }
        guard let date = first(spec.date) else { return nil }
        let labels = spec.label.compactMap(index)
        guard !labels.isEmpty else { return nil }
        return ColumnMap(date: date, label: labels, amount: first(spec.amount), debit: first(spec.debit), credit: first(spec.credit),
                         direction: first(spec.direction), balance: first(spec.balance), account: first(spec.account),
                         status: first(spec.status), keepStatuses: spec.keepStatuses, counterparty: first(spec.counterparty))
    }

    /// A header no profile knows, but whose column names say what they hold.
    static func genericHeader(_ rows: [CSVRecord]) -> (Int, ColumnMap)? {
        let spec = ColumnSpec(
            date: ["date", "date operation", "date de l operation", "date d operation", "date comptable", "date de comptabilisation", "booking date", "transaction date"],
            label: ["libelle", "libelle operation", "libelle de l operation", "label", "description", "intitule", "details", "nature de l operation"],
            amount: ["montant", "montant eur", "montant euros", "montant en euros", "amount", "montant de l operation"],
            debit: ["debit", "debit eur", "debit euros", "debits"],
            credit: ["credit", "credit eur", "credit euros", "credits"],
            direction: ["sens", "d c", "type"],
            balance: ["solde"])
        for (i, row) in rows.prefix(headerRows).enumerated() {
            if let m = resolve(spec, header: row.fields), m.amount != nil || m.debit != nil || m.credit != nil {
                var map = m
                if map.amount == nil { map.direction = nil }
                return (i, map)
            }
        }
        return nil
    }

    /// Account number and balance stated in lines before the header.
    static func scanPreamble(_ rows: [CSVRecord]) -> (String?, (Money, Day?)?) {
        var account: String? = nil
        var balance: Money? = nil
        var balanceDate: Day? = nil
        var statedDate: Day? = nil
        for row in rows {
            let text = searchKey(row.fields.joined(separator: " "))
            if account == nil, text.contains("compte") || text.contains("iban") {
                account = row.fields.lazy.flatMap { $0.split(separator: " ").map(String.init) }.compactMap(cleanIDIfNumber).first
            }
            if text.hasPrefix("date") || text.contains("date du solde") {
                statedDate = firstDate(in: row.fields) ?? statedDate
            }
            if text.contains("solde") && !text.contains("francs") {
                for field in row.fields.reversed() {
                    if let (m, d) = amountAndDate(in: field) {
                        balance = m
                        balanceDate = d ?? firstDate(in: row.fields)
                        break
                    }
                }
            }
        }
        return (account, balance.map { ($0, balanceDate ?? statedDate) })
    }

    /// The first date written in some field, alone or among words (`Solde au 31/03/2024`).
    static func firstDate(in fields: [String]) -> Day? {
        for f in fields {
            for word in f.split(separator: " ") where word.first?.isNumber == true {
                if let d = try? Day(parsing: String(word)) { return d }
            }
        }
        return nil
    }

    /// A trailer row such as `Solde au 31/12/2024;;;17 400,00`.
    static func trailerBalance(_ row: CSVRecord) -> (Money, Day?)? {
        let (_, found) = scanPreamble([row])
        return found
    }

    /// An amount in a field (`1 234,56`, `Solde au 30/11/2024 1 234,56 €`), and a date in it if any.
    static func amountAndDate(in field: String) -> (Money, Day?)? {
        let trimmed = field.trimmingSpaces
        if let m = try? Money(parsing: trimmed) { return (m, nil) }
        // "Solde au 30/11/2024 1 234,56 €": a date token, then the amount after it.
        var words = trimmed.split(whereSeparator: { $0 == " " }).map(String.init)
        var date: Day? = nil
        if let i = words.firstIndex(where: { (try? Day(parsing: $0)) != nil }) {
            date = try? Day(parsing: words[i])
            words = Array(words[(i + 1)...])
        }
        for start in words.indices {
            if let m = try? Money(parsing: words[start...].joined(separator: " ")) { return (m, date) }
        }
        return nil
    }

    /// `="00012345678"` → `00012345678`.
    static func cleanID(_ s: String) -> String { BankAccountID.clean(s) }

    static func cleanIDIfNumber(_ s: String) -> String? {
        let id = cleanID(s)
        return id.filter(\.isNumber).count >= 8 && id.count <= 34 ? id : nil
    }

    /// A label's blanks: spaces, tabs and line feeds, read by characters (a CR/LF is one, and
    /// stays); the bytes first, since most labels have nothing to collapse.
    static func collapse(_ s: String) -> String {
        if s.isCollapsed(blankBytes: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }) { return s }
        return s.collapsingBlanks { $0 == " " || $0 == "\n" || $0 == "\t" }
    }
}
