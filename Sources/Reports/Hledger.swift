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
            var header = "\(e.date.iso) \(e.validation == nil ? "!" : "*") \(description(e))"
            var tags = [tag("journal", e.journal), "numero:\(e.number)"]
            if let p = e.piece { tags.append(tag("piece", p)) }
            header += "  ; " + tags.joined(separator: ", ")
            out += header + "\n"
            for l in e.lines {
                let amount = l.debit - l.credit
                var line = "    \(name(l.account, catalog))  \(amount.plain.replacingAll(",", with: ".")) EUR"
                if let p = l.project { line += "  ; " + tag("projet", p) }
                out += line + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// The entry's label, after `Tiers name | ` (hledger's payee and note) when its lines with a
    /// tiers all name one tiers.
    static func description(_ e: Entry) -> String {
        let tiers = Set(e.lines.compactMap(\.tiers?.code))
        guard tiers.count == 1, let t = e.lines.lazy.compactMap(\.tiers).first else { return clean(e.label) }
        // The payee ends at the first `|`.
        return clean(t.name.replacingAll("|", with: " ")) + " | " + clean(e.label)
    }

    /// `6132 Locations immobilières`: number and label, single spaces, nothing hledger would
    /// read as syntax.
    static func name(_ a: AccountNumber, _ catalog: Catalog) -> String {
        let label = clean(catalog.label(of: a).replacingAll(":", with: " "))
        return label.isEmpty ? a.text : "\(a.text) \(label)"
    }

    /// Text as hledger reads it literally: no control or direction character, no `;` (a comment
    /// starts), and every run of white space one ASCII space. hledger ends an account name at two
    /// spaces of any kind (its `isSpace` takes U+00A0 and U+202F): a label with two no-break spaces
    /// would otherwise end the name and hand the rest of it to the amount (« X  1000 EUR @@ »
    /// read as 1 000 € bought for the real amount).
    static func clean(_ s: String) -> String {
        s.printable.collapsingBlanks { $0.isWhitespace || $0 == ";" }
    }

    /// `name:value` in a comment: tags are separated by commas, so the value has none.
    static func tag(_ name: String, _ value: String) -> String {
        "\(name):" + clean(value).replacingAll(",", with: " ")
    }
}
