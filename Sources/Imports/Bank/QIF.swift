import Ledger

/// Reads QIF (Quicken Interchange Format) exports: `D` date, `T` amount, `P` payee, `M` memo,
/// `^` ends a record. Dates are day first, as French banks write them, unless a date proves
/// the file month-first (US style).
struct QIFReader: StatementReader {
    let id = "qif"
    let name = "toute banque"
    let aliases: [String] = []
    let details = "Quicken Interchange Format"

    func recognise(_ head: StatementHead) -> Recognition? {
        let start = head.text.prefix(200).uppercased()
        return start.hasPrefix("!TYPE:") || start.contains("\n!TYPE:") ? .declared : nil
    }

    func read(_ file: StatementInput) throws(StatementError) -> Statement { try Self.read(file.text, encoding: file.encoding) }

    static func read(_ text: String, encoding: TextEncoding) throws(StatementError) -> Statement {
        var records: [(line: Int, fields: [Character: String])] = []
        var current: [Character: String] = [:]
        var start = 0
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard let code = line.first else { continue }
            if code == "!" { continue }
            if code == "^" {
                if !current.isEmpty { records.append((start, current)) }
                current = [:]
                continue
            }
            if current.isEmpty { start = index + 1 }
            current[code] = String(line.dropFirst()).trimmingSpaces
        }
        if !current.isEmpty { records.append((start, current)) }
        // Month first when some date's second part exceeds 12 (01/25/2024) or uses an apostrophe.
        let monthFirst = records.contains { r in
            guard let d = r.fields["D"] else { return false }
            let parts = d.split(whereSeparator: { $0 == "/" || $0 == "'" || $0 == "-" }).compactMap { Int(String($0).trimmingSpaces) }
            return d.contains("'") || (parts.count == 3 && parts[1] > 12)
        }
        var lines: [StatementLine] = []
        for r in records {
            let raw = r.fields.map { "\($0.key)\($0.value)" }.sorted().joined(separator: " ")
            guard let d = r.fields["D"] else { throw .malformedLine(line: r.line, raw: raw, reason: .date("", .unreadable)) }
            let date: Day
            do throws(DayError) { date = try qifDate(d, monthFirst: monthFirst) } catch {
                throw .malformedLine(line: r.line, raw: raw, reason: .date(d, error))
            }
            guard let t = r.fields["T"] ?? r.fields["U"] else { throw .malformedLine(line: r.line, raw: raw, reason: .missingAmount) }
            let amount: Money
            do { amount = try Money(parsing: t) } catch { throw .malformedLine(line: r.line, raw: raw, reason: .amount(t, error)) }
            let payee = r.fields["P"] ?? "", memo = r.fields["M"] ?? ""
            let label = memo.isEmpty || payee.contains(memo) ? payee : (payee.isEmpty ? memo : payee + " " + memo)
            lines.append(StatementLine(line: r.line, date: date, label: label, amount: amount))
        }
        if lines.isEmpty { throw .noOperations }
        return Statement(format: "qif", formatName: "QIF", encoding: encoding, accountID: nil, lines: lines,
                         closingBalance: nil, closingDate: nil)
    }

    static func qifDate(_ s: String, monthFirst: Bool) throws(DayError) -> Day {
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "'" || $0 == "-" || $0 == "." }).map { String($0).trimmingSpaces }
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), var y = Int(parts[2]) else {
            return try Day(parsing: s)
        }
        if parts[0].count == 4 { return try Day(parsing: s) }
        if y < 100 { y += 2000 }
        guard let d = monthFirst ? Day(year: y, month: a, day: b) : Day(year: y, month: b, day: a) else { throw .nonexistent }
        return d
    }
}
