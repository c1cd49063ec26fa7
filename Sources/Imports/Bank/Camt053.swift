import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Ledger

/// Reads ISO 20022 camt.053 statements (BankToCustomerStatement), versions 001.02 to 001.13,
/// with Foundation's XML parser. Amounts are never negative in the schema: the sign is the
/// entry's `CdtDbtInd`. A batch entry is split into its transactions only when their amounts
/// add up to it. A file that declares a DTD is refused before parsing: camt files never need
/// one, and refusing it is what keeps entity expansion (« billion laughs ») out.
struct Camt053Reader: StatementReader {
    static let id = "camt053"
    var id: String { Self.id }
    let name = "camt.053 (relevé ISO 20022 XML)"
    let aliases = ["camt", "camt.053", "iso20022"]
    let details = "BankToCustomerStatement 001.02 à 001.13 : opérations comptabilisées (BOOK), soldes OPBD/PRCD et CLBD ; "
        + "plusieurs comptes dans un fichier : --numero"

    static let namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:"
    static let versions = 2...13

    func recognise(_ head: StatementHead) -> Recognition? {
        head.text.hasPrefix("<") && head.text.contains(Self.namespacePrefix) ? .declared : nil
    }

    func read(_ file: StatementInput) throws(StatementError) -> Statement {
        if Self.declaresDTD(file.utf8) { throw .camt(.dtd) }
        let delegate = CamtDelegate()
        // From a stream: given the whole file at once, the parser on Linux stops at 10 MB (libxml2's limit on one chunk).
        let parser = XMLParser(stream: InputStream(data: Data(file.utf8)))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let ok = parser.parse()
        if let failure = delegate.failure { throw failure }
        // Foundation's parser on Linux may end a cut file without an error: elements left open say it.
        if !ok || !delegate.isComplete { throw .camt(.malformed(line: parser.lineNumber)) }
        guard let message = delegate.message else { throw .camt(.malformed(line: parser.lineNumber)) }
        guard message.hasPrefix("camt.053.001."), let v = Int(message.dropFirst("camt.053.001.".count)), Self.versions.contains(v) else {
            throw .camt(.otherMessage(message))
        }
        // Statements of one account (one a day, say) make one; several accounts need --numero.
        var order: [String] = []
        var byAccount: [String: [CamtDelegate.Stmt]] = [:]
        for s in delegate.statements {
            if byAccount[s.account] == nil { order.append(s.account) }
            byAccount[s.account, default: []].append(s)
        }
        let chosen = try Statement.chooseAccount(order, wanted: file.accountNumber)
        let statements = byAccount[chosen]!
        var lines: [StatementLine] = []
        var skipped = 0
        for s in statements {
            for e in s.entries {
                guard e.status == nil || e.status == "BOOK" else { skipped += 1; continue }
                lines += try e.lines()
            }
        }
        let opening = statements.first.flatMap { $0.balance("OPBD") ?? $0.balance("PRCD") }
        let closing = statements.last.flatMap { $0.balance("CLBD") }
        if lines.isEmpty && skipped == 0 && closing == nil { throw .noOperations }
        return Statement(format: id, formatName: "camt.053", encoding: file.encoding, accountID: chosen.isEmpty ? nil : chosen, lines: lines,
                         closingBalance: closing?.amount, closingDate: closing?.date ?? lines.map(\.date).max(), skipped: skipped,
                         openingBalance: opening?.amount, openingDate: opening?.date)
    }

    /// A `<!DOCTYPE` or `<!ENTITY` declaration anywhere: camt needs none.
    static func declaresDTD(_ utf8: [UInt8]) -> Bool {
        let doctype = Array("DOCTYPE".utf8), entity = Array("ENTITY".utf8)
        var i = 0
        while i + 1 < utf8.count {
            if utf8[i] == 0x3C, utf8[i + 1] == 0x21 {
                let rest = utf8[(i + 2)...]
                if rest.starts(with: doctype) || rest.starts(with: entity) { return true }
            }
            i += 1
        }
        return false
    }

    /// `1234.5`, `0.10000`: a schema decimal, at most 2 decimals that are not zeros.
    static func amount(_ text: String, line: Int) throws(StatementError) -> Money {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 16,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }), let units = Int64(parts[0]) else {
            throw .camt(.amount(text, line: line))
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.dropFirst(2).allSatisfy({ $0 == "0" }) else { throw .camt(.amount(text, line: line)) }
        let cents = Int64(String(fraction.prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        return Money(cents: units * 100 + cents)
    }

    /// `2024-03-05`, `2024-03-05+01:00`, `2024-03-05T10:15:00`.
    static func date(_ text: String, line: Int) throws(StatementError) -> Day {
        guard let day = Day(iso: String(text.prefix(10))) else { throw .camt(.date(text, line: line)) }
        return day
    }
}

/// Collects what a camt.053 file states, element by element. Only what the import needs is kept.
final class CamtDelegate: NSObject, XMLParserDelegate {
    struct Balance { var code = "", amount = "", sign = "", date = "", line = 0 }

    struct Transaction {
        var amount: String?, sign: String?, debtor: String?, creditor: String?
        var remittance: [String] = []
        var info: String?

        /// The other party's name: who paid money in, who was paid money out (`paidIn`). Not
        /// the other element when that one is missing: it is then most often the account's holder.
        func counterparty(paidIn: Bool) -> String? { paidIn ? debtor : creditor }
    }

    struct Entry {
        let line: Int
        var amount = "", sign = "", reversal = false, status: String?, booked = "", info: String?
        var transactions: [Transaction] = []

        /// One line, or one per transaction when the transactions' amounts add up to the entry's.
        func lines() throws(StatementError) -> [StatementLine] {
            guard sign == "CRDT" || sign == "DBIT" else { throw .camt(.missing("CdtDbtInd", line: line)) }
            guard !amount.isEmpty else { throw .camt(.missing("Amt", line: line)) }
            guard !booked.isEmpty else { throw .camt(.missing("BookgDt", line: line)) }
            let m = try Camt053Reader.amount(amount, line: line)
            let total = sign == "DBIT" ? -m : m
            let date = try Camt053Reader.date(booked, line: line)
            if transactions.count > 1, transactions.allSatisfy({ $0.amount != nil }) {
                var parts: [Money] = []
                for t in transactions {
                    let m = try Camt053Reader.amount(t.amount!, line: line)
                    parts.append((t.sign ?? sign) == "DBIT" ? -m : m)
                }
                if Money.sum(parts) == total {
                    return zip(transactions, parts).map { t, m in
                        StatementLine(line: line, date: date, label: label([t], amount: m), amount: m, counterparty: t.counterparty(paidIn: (m.cents >= 0) != reversal))
                    }
                }
            }
            // Several transactions in one line: their party when they all have the same. A
            // reversal gives back to (or takes back from) the party of the operation it reverses.
            let names = Set(transactions.map { $0.counterparty(paidIn: (total.cents >= 0) != reversal) })
            return [StatementLine(line: line, date: date, label: label(transactions, amount: total), amount: total,
                                  counterparty: names.count == 1 ? names.first! : nil)]
        }

        /// The bank's text, then who paid (money in) or was paid (money out), then why; each once.
        func label(_ ts: [Transaction], amount: Money) -> String {
            var parts: [String] = reversal ? ["EXTOURNE"] : []
            func add(_ s: String?) {
                guard let s, !s.isEmpty, !parts.contains(s) else { return }
                parts.append(s)
            }
            add(info)
            for t in ts {
                add(amount.cents >= 0 ? t.debtor ?? t.creditor : t.creditor ?? t.debtor)
                t.remittance.forEach(add)
                add(t.info)
            }
            return CSVStatementReader.collapse(parts.joined(separator: " "))
        }
    }

    struct Stmt {
        var account = ""
        var balances: [Balance] = []
        var entries: [Entry] = []

        func balance(_ code: String) -> (amount: Money, date: Day?)? {
            guard let b = balances.first(where: { $0.code == code }),
                  let m = try? Camt053Reader.amount(b.amount, line: b.line) else { return nil }
            return (b.sign == "DBIT" ? -m : m, try? Camt053Reader.date(b.date, line: b.line))
        }
    }

    /// `camt.053.001.02`: the root's namespace, less its prefix.
    var message: String?
    var statements: [Stmt] = []
    var failure: StatementError?
    private var stack: [String] = []
    private var started = false
    /// The root element was opened and closed.
    var isComplete: Bool { started && stack.isEmpty }
    private var text = ""
    private var statement: Stmt?
    private var entry: Entry?
    private var transaction: Transaction?
    private var balance: Balance?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if stack.isEmpty {
            started = true
            let ns = namespaceURI ?? ""
            let m = ns.hasPrefix(Camt053Reader.namespacePrefix) ? String(ns.dropFirst(Camt053Reader.namespacePrefix.count)) : (ns.isEmpty ? name : ns)
            message = m
            // Another message, or another version: said before reading the rest.
            guard m.hasPrefix("camt.053.001."), let v = Int(m.dropFirst("camt.053.001.".count)), Camt053Reader.versions.contains(v) else {
                return fail(parser, .camt(.otherMessage(m)))
            }
        }
        stack.append(name)
        text = ""
        switch name {
        case "Stmt": statement = Stmt()
        case "Bal" where entry == nil: balance = Balance(line: parser.lineNumber)
        case "Ntry": entry = Entry(line: parser.lineNumber)
        case "TxDtls": transaction = Transaction()
        case "Amt":
            if let c = attributes["Ccy"], c != "EUR" { fail(parser, .camt(.currency(c, line: parser.lineNumber))) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text.isEmpty ? (text = string) : (text += string) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let raw = text
        text = ""
        // Trimmed only for the elements kept: most are containers, whose text is layout.
        var value: String { raw.trimmingSpaces }
        let n = stack.count
        let parent = n >= 2 ? stack[n - 2] : ""
        let grand = n >= 3 ? stack[n - 3] : ""
        defer { stack.removeLast() }
        if transaction != nil {
            switch name {
            case "TxDtls":
                entry?.transactions.append(transaction!)
                transaction = nil
            case "Amt" where parent == "TxDtls": transaction!.amount = value
            case "Amt" where parent == "TxAmt" && grand == "AmtDtls": transaction!.amount = transaction!.amount ?? value
            case "CdtDbtInd" where parent == "TxDtls": transaction!.sign = value
            case "Nm":
                // RltdPties/Dbtr/Nm (001.02) or RltdPties/Dbtr/Pty/Nm (001.08).
                let party = parent == "Pty" ? grand : parent
                guard stack.contains("RltdPties") else { break }
                if party == "Dbtr" || party == "UltmtDbtr" && transaction!.debtor == nil { transaction!.debtor = value }
                if party == "Cdtr" || party == "UltmtCdtr" && transaction!.creditor == nil { transaction!.creditor = value }
            case "Ustrd" where parent == "RmtInf": transaction!.remittance.append(value)
            case "Ref" where parent == "CdtrRefInf": transaction!.remittance.append(value)
            case "AddtlTxInf": transaction!.info = value
            default: break
            }
            return
        }
        if entry != nil {
            switch name {
            case "Ntry":
                statement?.entries.append(entry!)
                entry = nil
            case "Amt" where parent == "Ntry": entry!.amount = value
            case "CdtDbtInd" where parent == "Ntry": entry!.sign = value
            case "RvslInd" where parent == "Ntry": entry!.reversal = value == "true" || value == "1"
            case "Sts" where parent == "Ntry" && !value.isEmpty: entry!.status = value
            case "Cd" where parent == "Sts", "Prtry" where parent == "Sts": entry!.status = value
            case "Dt" where parent == "BookgDt", "DtTm" where parent == "BookgDt": entry!.booked = value
            case "AddtlNtryInf" where parent == "Ntry": entry!.info = value
            default: break
            }
            return
        }
        if balance != nil {
            switch name {
            case "Bal":
                statement?.balances.append(balance!)
                balance = nil
            case "Cd" where parent == "CdOrPrtry": balance!.code = value
            case "Amt" where parent == "Bal": balance!.amount = value
            case "CdtDbtInd" where parent == "Bal": balance!.sign = value
            case "Dt" where parent == "Dt", "DtTm" where parent == "Dt": balance!.date = value
            default: break
            }
            return
        }
        switch name {
        case "Stmt":
            if let s = statement { statements.append(s) }
            statement = nil
        case "IBAN" where parent == "Id" && grand == "Acct": statement?.account = value
        case "Id" where parent == "Othr" && n >= 4 && stack[n - 4] == "Acct":
            if statement?.account.isEmpty == true { statement?.account = value }
        case "Ccy" where parent == "Acct" && value != "EUR": fail(parser, .camt(.currency(value, line: parser.lineNumber)))
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) { fail(parser, .camt(.dtd)) }

    private func fail(_ parser: XMLParser, _ error: StatementError) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }
}
