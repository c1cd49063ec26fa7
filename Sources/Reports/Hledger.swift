import Ledger

/// The ledger as an hledger journal: accounts named `6132 Locations immobilières`, projects as
/// `projet:` tags, amounts in EUR with a decimal point. Plain-text tools can read it, and tests
/// compare hledger's balances with ours.
public enum HledgerExport {
    public static func journal(_ ledger: some LedgerQueries, from: Day? = nil, to: Day? = nil) throws -> String {
        let catalog = try ledger.catalog()
        let entries = try ledger.entries(EntryQuery(from: from, to: to))
        var out = "; Journal exporté par Compta — \(clean(try ledger.associationName()))\n"
        out += "decimal-mark .\ncommodity 1000.00 EUR\n\n"
        let used = Set(entries.flatMap { $0.lines.map(\.account) }).sorted()
        for a in used { out += "account \(name(a, catalog))\n" }
        out += "\n"
        for e in entries {
            var header = "\(e.date.iso) \(e.validation == nil ? "!" : "*") \(clean(e.label))"
            var tags = ["journal:\(e.journal)", "numero:\(e.number)"]
            if let p = e.piece { tags.append("piece:\(clean(p).replacingAll(",", with: " "))") }
            header += "  ; " + tags.joined(separator: ", ")
            out += header + "\n"
            for l in e.lines {
                let amount = l.debit - l.credit
                var line = "    \(name(l.account, catalog))  \(amount.plain.replacingAll(",", with: ".")) EUR"
                if let p = l.project { line += "  ; projet:\(p)" }
                out += line + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// `6132 Locations immobilières`: number and label, single spaces, nothing hledger would
    /// read as syntax.
    static func name(_ a: AccountNumber, _ catalog: Catalog) -> String {
        let label = clean(catalog.label(of: a)).replacingAll(":", with: " ")
        return collapse(label.isEmpty ? a.text : "\(a.text) \(label)")
    }

    static func clean(_ s: String) -> String {
        collapse(String(s.map { $0 == ";" || $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }

    static func collapse(_ s: String) -> String {
        s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
