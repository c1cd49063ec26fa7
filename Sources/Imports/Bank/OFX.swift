import Ledger

/// Reads OFX statements, the "Money" export every French bank offers: SGML OFX 1.x (leaf tags
/// not closed) and XML OFX 2.x alike, by scanning tags.
struct OFXReader: StatementReader {
    let id = "ofx"
    let name = "toute banque (export « Money »)"
    let aliases: [String] = []
    let details = "OFX 1.x (SGML) et 2.x (XML)"

    func recognise(_ head: StatementHead) -> Recognition? {
        let start = head.text.prefix(2000).uppercased()
        return start.contains("OFXHEADER") || start.contains("<OFX>") || start.contains("<?OFX") ? .declared : nil
    }

    func read(_ file: StatementInput) throws(StatementError) -> Statement { try Self.read(file.text, encoding: file.encoding) }

    /// The charset an OFX header declares, if any.
    static func declaredEncoding(_ bytes: [UInt8]) -> TextEncoding? {
        let head = String(decoding: bytes.prefix(1000), as: UTF8.self).uppercased()
        if head.contains("CHARSET:1252") || head.contains("WINDOWS-1252") { return .windows1252 }
        if head.contains("ISO-8859-1") || head.contains("CHARSET:ISO") { return .iso88591 }
        if head.contains("UTF-8") || head.contains("ENCODING:UTF") { return .utf8 }
        return nil
    }

    static func read(_ text: String, encoding: TextEncoding) throws(StatementError) -> Statement {
        var lines: [StatementLine] = []
        var account: String? = nil
        var balance: Money? = nil
        var balanceDate: Day? = nil
        var current: [String: String]? = nil
        var currentLine = 0
        var inLedgerBalance = false
        var line = 1
        var i = text.startIndex
        func value(after index: String.Index) -> (String, String.Index) {
            var j = index
            var v = ""
            while j < text.endIndex, text[j] != "<" {
                if text[j].isNewline { line += 1 }
                v.append(text[j])
                j = text.index(after: j)
            }
            return (decodeEntities(v.trimmingSpaces), j)
        }
        while i < text.endIndex {
            let c = text[i]
            if c.isNewline { line += 1 }
            guard c == "<" else { i = text.index(after: i); continue }
            guard let close = text[i...].firstIndex(of: ">") else { break }
            let tag = text[text.index(after: i)..<close].uppercased()
            let (v, next) = value(after: text.index(after: close))
            switch tag {
            case "STMTTRN": current = [:]; currentLine = line
            case "/STMTTRN":
                if let t = current { lines.append(try transaction(t, line: currentLine)) }
                current = nil
            case "LEDGERBAL": inLedgerBalance = true
            case "/LEDGERBAL": inLedgerBalance = false
            case "ACCTID": if account == nil, !v.isEmpty { account = v }
            case "BALAMT" where inLedgerBalance: balance = try? Money(parsing: v)
            case "DTASOF" where inLedgerBalance: balanceDate = ofxDate(v)
            default:
                if current != nil, !tag.hasPrefix("/"), !v.isEmpty { current![tag] = v }
            }
            i = next
        }
        if lines.isEmpty { throw .noOperations }
        return Statement(format: "ofx", formatName: "OFX", encoding: encoding, accountID: account, lines: lines,
                         closingBalance: balance, closingDate: balanceDate ?? lines.map(\.date).max())
    }

    static func transaction(_ t: [String: String], line: Int) throws(StatementError) -> StatementLine {
        let raw = t.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        guard let d = t["DTPOSTED"] ?? t["DTUSER"], let date = ofxDate(d) else {
            throw .malformedLine(line: line, raw: raw, reason: .date(t["DTPOSTED"] ?? "", .unreadable))
        }
        guard let a = t["TRNAMT"] else { throw .malformedLine(line: line, raw: raw, reason: .missingAmount) }
        let amount: Money
        do { amount = try Money(parsing: a) } catch { throw .malformedLine(line: line, raw: raw, reason: .amount(a, error)) }
        let name = t["NAME"] ?? "", memo = t["MEMO"] ?? ""
        let label = memo.isEmpty || name.contains(memo) ? name : (name.isEmpty || memo.contains(name) ? memo : name + " " + memo)
        return StatementLine(line: line, date: date, label: label, amount: amount)
    }

    /// `20240305`, `20240305120000[+1:CET]`.
    static func ofxDate(_ s: String) -> Day? {
        let digits = s.prefix(8)
        guard digits.count == 8, let n = Int(digits) else { return nil }
        return Day(year: n / 10000, month: n / 100 % 100, day: n % 100)
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">").replacingAll("&quot;", with: "\"")
            .replacingAll("&apos;", with: "'").replacingAll("&amp;", with: "&")
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
