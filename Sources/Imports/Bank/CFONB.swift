import Ledger

/// Reads CFONB 120 statements (« relevé AFB120 »), which French banks give business and
/// association accounts: records of 120 characters, `01` old balance, `04` operation, `05` its
/// complements, `07` new balance; one file may hold several accounts, and several 01…07 runs
/// per account (one a day). Files come with line breaks or without; channels that trim the
/// blanks at the end of a line are read as long as only blanks can be missing.
struct CFONBReader: StatementReader {
    static let id = "cfonb"
    var id: String { Self.id }
    let name = "CFONB 120 (relevé de compte des banques françaises)"
    let aliases = ["cfonb120", "afb120", "etebac"]
    let details = "enregistrements de 120 caractères : 01 ancien solde, 04 opération, 05 complément (ajouté au libellé), 07 nouveau solde, "
        + "avec ou sans retours à la ligne ; plusieurs comptes dans un fichier : --numero"

    static let length = 120

    func recognise(_ head: StatementHead) -> Recognition? {
        let start = head.text.utf8.prefix(Self.length)
        guard start.count == Self.length, start.starts(with: Array("01".utf8)),
              start.dropFirst(2).prefix(5).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return .declared
    }

    func read(_ file: StatementInput) throws(StatementError) -> Statement {
        var accounts: [String: Account] = [:]
        var order: [String] = []
        var current: (account: String, operation: Operation)? = nil
        func flush() {
            if let (a, op) = current { accounts[a]?.operations.append(op) }
            current = nil
        }
        try Self.records(file.utf8) { (r: Record) throws(StatementError) in
            let code = r.field(1, 2)
            let account = r.trimmed(22, 11)
            if code == "05" {
                // A complement: names, remittance text. Identifiers and references are not words for the label.
                guard current != nil else { return }
                let qualifier = r.field(46, 3)
                if Self.labelQualifiers.contains(qualifier) {
                    let text = qualifier == "LCS" ? r.trimmed(49, 35) : r.trimmed(49, 70)
                    guard !text.isEmpty else { return }
                    // The payer's or the payee's name: the line's tiers, and in the label once
                    // (the 04 record often has it already: « PRLV SEPA OVH SAS » then NBE OVH SAS).
                    if qualifier == "NPY" || qualifier == "NBE" {
                        let k = qualifier == "NPY" ? 0 : 1
                        if current!.operation.names[k] == nil { current!.operation.names[k] = text }
                        if current!.operation.label.contains(text) { return }
                    }
                    current!.operation.label += " " + text
                }
                return
            }
            flush()
            guard code == "01" || code == "04" || code == "07" else { throw .cfonb(record: r.number, line: r.line, problem: .recordCode(code)) }
            if accounts[account] == nil {
                accounts[account] = Account()
                order.append(account)
            }
            // Another currency is refused only for the account imported: --numero may choose the euro one.
            let currency = r.field(17, 3)
            if currency != "EUR" && !currency.trimmingSpaces.isEmpty && accounts[account]!.foreign == nil {
                accounts[account]!.foreign = (currency, r.number, r.line)
            }
            let amount = try Self.amount(r)
            let date = try Self.date(r, at: 35)
            switch code {
            case "01":
                if accounts[account]!.opening == nil { accounts[account]!.opening = (amount, date) }
            case "07":
                accounts[account]!.closing = (amount, date)
            default:
                current = (account, Operation(line: r.line ?? r.number, date: date, label: r.trimmed(49, 31), amount: amount))
            }
        }
        flush()
        let chosen = try Statement.chooseAccount(order, wanted: file.accountNumber)
        let a = accounts[chosen]!
        if let (currency, number, line) = a.foreign {
            throw .cfonb(record: number, line: line, problem: .currency(currency, account: chosen, others: order.filter { $0 != chosen }))
        }
        let lines = a.operations.map {
            StatementLine(line: $0.line, date: $0.date, label: CSVStatementReader.collapse($0.label), amount: $0.amount, counterparty: $0.counterparty)
        }
        if lines.isEmpty && a.closing == nil { throw .noOperations }
        return Statement(format: id, formatName: "CFONB 120", encoding: file.encoding, accountID: chosen, lines: lines,
                         closingBalance: a.closing?.amount, closingDate: a.closing?.date ?? lines.map(\.date).max(),
                         openingBalance: a.opening?.amount, openingDate: a.opening?.date)
    }

    /// Complements that say who paid, who was paid, or why: kept in the label, where a person
    /// reads them and a rule or the tiers finds them. `LCS` holds its text in 35 characters.
    static let labelQualifiers: Set<String> = ["   ", "LIB", "NPY", "NBE", "NPO", "NBU", "LCC", "LC2", "LCS"]

    struct Account {
        var opening: (amount: Money, date: Day)?
        var closing: (amount: Money, date: Day)?
        var operations: [Operation] = []
        /// The first record of the account in another currency than the euro.
        var foreign: (currency: String, record: Int, line: Int?)?
    }

    struct Operation {
        let line: Int
        let date: Day
        var label: String
        let amount: Money
        /// The names the 05 complements give: the payer's (NPY), the payee's (NBE).
        var names: [String?] = [nil, nil]

        /// The other party: who paid money in, who was paid money out.
        var counterparty: String? { amount.cents >= 0 ? names[0] ?? names[1] : names[1] ?? names[0] }
    }

    /// One record: its number (1-based), the file's line it is on (nil in a file without line
    /// breaks), its 120 characters.
    struct Record {
        let number: Int
        let line: Int?
        let bytes: ArraySlice<UInt8>
        /// The characters, when some are not ASCII (positions count characters, not bytes).
        let scalars: [Unicode.Scalar]?

        /// Positions as the norm writes them: 1-based, with a length.
        func field(_ position: Int, _ count: Int) -> String {
            if let scalars {
                var s = String.UnicodeScalarView()
                s.append(contentsOf: scalars[(position - 1)..<(position - 1 + count)])
                return String(s)
            }
            let start = bytes.startIndex + position - 1
            return String(decoding: bytes[start..<(start + count)], as: UTF8.self)
        }

        /// The field without the blanks that pad it, trimmed before it is a String (labels are
        /// mostly padding, and trimming characters costs more than reading the record).
        func trimmed(_ position: Int, _ count: Int) -> String {
            if let scalars {
                let slice = scalars[(position - 1)..<(position - 1 + count)]
                guard let first = slice.firstIndex(where: { $0 != " " }), let last = slice.lastIndex(where: { $0 != " " }) else { return "" }
                var s = String.UnicodeScalarView()
                s.append(contentsOf: slice[first...last])
                return String(s)
            }
            let start = bytes.startIndex + position - 1
            let slice = bytes[start..<(start + count)]
            guard let first = slice.firstIndex(where: { $0 != 0x20 }), let last = slice.lastIndex(where: { $0 != 0x20 }) else { return "" }
            return String(decoding: slice[first...last], as: UTF8.self)
        }

        var text: String {
            if let scalars { var s = String.UnicodeScalarView(); s.append(contentsOf: scalars); return String(s) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Cuts the file into records and gives them to `body` in order. A line holds one record or
    /// several glued together; a line shorter than a record is completed with blanks only where
    /// nothing but blanks can be missing (after the amount of a 01, 04 or 07, in the text of a 05),
    /// and only in a file whose channel trimmed the blanks: one that kept them on another line
    /// (a line of 120 characters ending with a blank) had that short line cut, which is refused.
    static func records(_ utf8: [UInt8], _ body: (Record) throws(StatementError) -> Void) throws(StatementError) {
        let breaks = utf8.contains(0x0A)
        var number = 0
        var lineNumber = 0
        var start = 0
        // The first short line, and whether a line kept its blanks; judged once the file is read.
        var firstShort: (number: Int, line: Int?, count: Int)? = nil
        var keptBlanks = false
        while start < utf8.count {
            let end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.count
            var lineEnd = end
            if lineEnd > start, utf8[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            lineNumber += 1
            let line = utf8[start..<lineEnd]
            start = end + 1
            // Blank lines, and the separators some banks print between days (`----`, `** PAS DE MOUVEMENT **`).
            if line.allSatisfy({ $0 == 0x20 }) || line.starts(with: [0x2D, 0x2D]) || line.starts(with: [0x2A, 0x2A]) { continue }
            let ascii = !line.contains { $0 >= 0x80 }
            let scalars: [Unicode.Scalar]? = ascii ? nil : Array(String(decoding: line, as: UTF8.self).unicodeScalars)
            let count = scalars?.count ?? line.count
            let at = breaks ? lineNumber : nil
            if count < length {
                number += 1
                let code = String(decoding: line.prefix(2), as: UTF8.self)
                let complete = code == "05" ? 48 : 104
                guard breaks, count >= complete, ["01", "04", "05", "07"].contains(code) else {
                    throw .cfonb(record: number, line: at, problem: .length(count))
                }
                if firstShort == nil { firstShort = (number, at, count) }
                let padded = Array(line) + Array(repeating: 0x20, count: length - count)
                let paddedScalars = scalars.map { $0 + Array(repeating: " ", count: length - count) }
                try body(Record(number: number, line: at, bytes: padded[...], scalars: paddedScalars))
                continue
            }
            // One or more whole records; a line of a length that is not a multiple of 120 has
            // lost or gained a character somewhere: the first record whose code is not one is
            // where it shows, else the last, incomplete one.
            let whole = count / length
            if count % length != 0 {
                var k = 0
                while k < whole {
                    let code = scalars.map { String(String.UnicodeScalarView($0[(k * length)..<(k * length + 2)])) }
                        ?? String(decoding: line.dropFirst(k * length).prefix(2), as: UTF8.self)
                    if !["01", "04", "05", "07"].contains(code) { break }
                    k += 1
                }
                throw .cfonb(record: number + k + 1, line: at, problem: .length(count))
            }
            if !keptBlanks, breaks, line.last == 0x20 { keptBlanks = true }
            for k in 0..<whole {
                number += 1
                if let scalars {
                    let part = Array(scalars[(k * length)..<((k + 1) * length)])
                    try body(Record(number: number, line: at, bytes: [][...], scalars: part))
                } else {
                    let s = line.startIndex + k * length
                    try body(Record(number: number, line: at, bytes: line[s..<(s + length)], scalars: nil))
                }
            }
        }
        if keptBlanks, let short = firstShort { throw .cfonb(record: short.number, line: short.line, problem: .cut(short.count)) }
    }

    /// Positions 91–104: 13 digits, then a character for the last digit and the sign
    /// (`{` `A`–`I` credit 0–9, `}` `J`–`R` debit 0–9); the number of decimals is at position 20.
    static func amount(_ r: Record) throws(StatementError) -> Money {
        let text = r.field(91, 14)
        let decimalsText = r.field(20, 1)
        let decimals = decimalsText == " " ? 2 : Int(decimalsText)
        guard let decimals else { throw .cfonb(record: r.number, line: r.line, problem: .decimals(decimalsText)) }
        let digits = text.unicodeScalars.dropLast()
        guard let last = text.unicodeScalars.last, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }),
              let (lastDigit, negative) = overpunch[last] else {
            throw .cfonb(record: r.number, line: r.line, problem: .amount(text))
        }
        var value: Int64 = 0
        for d in digits { value = value * 10 + Int64(d.value - 0x30) }
        value = value * 10 + Int64(lastDigit)
        // To cents: EUR has two decimals; more is refused only when the extra ones are not zeros.
        var cents = value
        if decimals < 2 {
            for _ in decimals..<2 { cents *= 10 }
        } else if decimals > 2 {
            var divisor: Int64 = 1
            for _ in 2..<decimals { divisor *= 10 }
            guard cents % divisor == 0 else { throw .cfonb(record: r.number, line: r.line, problem: .amount(text)) }
            cents /= divisor
        }
        return Money(cents: negative ? -cents : cents)
    }

    static let overpunch: [Unicode.Scalar: (Int, Bool)] = {
        var table: [Unicode.Scalar: (Int, Bool)] = ["{": (0, false), "}": (0, true)]
        for (i, c) in "ABCDEFGHI".unicodeScalars.enumerated() { table[c] = (i + 1, false) }
        for (i, c) in "JKLMNOPQR".unicodeScalars.enumerated() { table[c] = (i + 1, true) }
        return table
    }()

    /// JJMMAA; years after 60 are the 1900s, as the other readers of the norm take them.
    static func date(_ r: Record, at position: Int) throws(StatementError) -> Day {
        let text = r.field(position, 6)
        guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(text),
              let day = Day(year: n % 100 > 60 ? 1900 + n % 100 : 2000 + n % 100, month: n / 100 % 100, day: n / 10000) else {
            throw .cfonb(record: r.number, line: r.line, problem: .date(text))
        }
        return day
    }
}
