import Ledger

/// Balance générale: per account, debit and credit totals and the balance, over a period.
public struct Balance: Sendable {
    public struct Row: Sendable, Equatable {
        public let account: AccountNumber
        public let label: String
        public let debit: Money
        public let credit: Money
        public var balance: Money { debit - credit }
    }
    public let period: Period
    public let rows: [Row]

    public var totalDebit: Money { Money.sum(rows.map(\.debit)) }
    public var totalCredit: Money { Money.sum(rows.map(\.credit)) }
    public var totalDebitBalances: Money { Money.sum(rows.map { max($0.balance, .zero) }) }
    public var totalCreditBalances: Money { Money.sum(rows.map { max(-$0.balance, .zero) }) }

    /// Movements of the period, à-nouveaux included, per account.
    public init(_ ledger: some LedgerQueries, period: Period, accountPrefix: String? = nil) throws {
        let catalog = try ledger.catalog()
        let totals = try ledger.totals(TotalsQuery(from: period.from, to: period.to,
                                                   accountPrefixes: accountPrefix.map { [$0] } ?? []))
        self.period = period
        self.rows = totals.map { Row(account: $0.account, label: catalog.label(of: $0.account), debit: $0.debit, credit: $0.credit) }
    }

    public func document(association: String) -> ReportDocument {
        var table = ReportTable(columns: [
            ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"),
            .amount("Débit", key: "debit"), .amount("Crédit", key: "credit"),
            .amount("Solde débiteur", key: "solde_debiteur"), .amount("Solde créditeur", key: "solde_crediteur"),
        ])
        for r in rows {
            table.rows.append(ReportRow([.text(r.account.text), .text(r.label), .nonZero(r.debit), .nonZero(r.credit),
                                         .nonZero(max(r.balance, .zero)), .nonZero(max(-r.balance, .zero))]))
        }
        table.rows.append(ReportRow(["Total", "", .amount(totalDebit), .amount(totalCredit),
                                     .amount(totalDebitBalances), .amount(totalCreditBalances)], style: .total))
        var notes: [String] = []
        if totalDebit != totalCredit {
            notes.append("Attention : débits et crédits diffèrent de \((totalDebit - totalCredit).magnitude) €.")
        }
        return ReportDocument(title: "Balance générale", subtitle: [association, period.caption], tables: [table], notes: notes)
    }
}

/// Journal: the entries of a period with their lines.
public struct JournalBook: Sendable {
    public let period: Period
    public let entries: [Entry]
    public let catalog: Catalog

    public init(_ ledger: some LedgerQueries, period: Period, journal: String? = nil) throws {
        self.period = period
        self.catalog = try ledger.catalog()
        self.entries = try ledger.entries(EntryQuery(from: period.from, to: period.to, journal: journal))
    }

    public var totalDebit: Money { Money.sum(entries.flatMap { $0.lines.map(\.debit) }) }
    public var totalCredit: Money { Money.sum(entries.flatMap { $0.lines.map(\.credit) }) }

    public func document(association: String) -> ReportDocument {
        var table = ReportTable(columns: [
            ReportColumn("N°", key: "numero"), ReportColumn("Date", key: "date"), ReportColumn("Jnl", key: "journal"),
            ReportColumn("Pièce", key: "piece"), ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"),
            .amount("Débit", key: "debit"), .amount("Crédit", key: "credit"), ReportColumn("Projet", key: "projet"),
            ReportColumn("État", key: "etat"),
        ])
        for e in entries {
            let state: String = e.validation.map { "validée \(e.journal)-\($0.number)" } ?? "brouillard"
            for (i, l) in e.lines.enumerated() {
                let first = i == 0
                table.rows.append(ReportRow([
                    first ? .number(e.number) : .empty, first ? .text(e.date.french) : .empty,
                    first ? .text(e.journal) : .empty, first ? .text(e.piece ?? "") : .empty,
                    .text(l.account.text), .text(l.label ?? e.label),
                    .nonZero(l.debit), .nonZero(l.credit), .text(l.project ?? ""), first ? .text(state) : .empty,
                ]))
            }
        }
        table.rows.append(ReportRow(["Total", "", "", "", "", .text("\(entries.count) écriture\(entries.count > 1 ? "s" : "")"),
                                     .amount(totalDebit), .amount(totalCredit), "", ""], style: .total))
        return ReportDocument(title: "Journal", subtitle: [association, period.caption], tables: [table])
    }
}

/// Grand livre: every line of each account over a period, with the running balance.
public struct GrandLivre: Sendable {
    public struct AccountSection: Sendable {
        public let account: AccountNumber
        public let label: String
        public let lines: [AccountLine]
        public var debit: Money { Money.sum(lines.map(\.debit)) }
        public var credit: Money { Money.sum(lines.map(\.credit)) }
    }
    public let period: Period
    public let sections: [AccountSection]

    public init(_ ledger: some LedgerQueries, period: Period, accountPrefix: String? = nil) throws {
        let catalog = try ledger.catalog()
        let lines = try ledger.accountLines(prefix: accountPrefix, from: period.from, to: period.to)
        var sections: [AccountSection] = []
        var start = lines.startIndex
        while start < lines.endIndex {
            let account = lines[start].account
            var end = start
            while end < lines.endIndex && lines[end].account == account { end += 1 }
            sections.append(AccountSection(account: account, label: catalog.label(of: account), lines: Array(lines[start..<end])))
            start = end
        }
        self.period = period
        self.sections = sections
    }

    public func document(association: String) -> ReportDocument {
        var table = ReportTable(columns: [
            ReportColumn("Date", key: "date"), ReportColumn("Jnl", key: "journal"), ReportColumn("N°", key: "numero"),
            ReportColumn("Pièce", key: "piece"), ReportColumn("Libellé", key: "libelle"),
            .amount("Débit", key: "debit"), .amount("Crédit", key: "credit"), .amount("Solde", key: "solde"),
            ReportColumn("Compte", key: "compte", dataOnly: true),
        ])
        for s in sections {
            table.rows.append(ReportRow([.text("\(s.account.text) \(s.label)"), "", "", "", "", .empty, .empty, .empty,
                                         .text(s.account.text)], style: .heading))
            var running = Money.zero
            for l in s.lines {
                running += l.debit - l.credit
                table.rows.append(ReportRow([.text(l.date.french), .text(l.journal), .number(l.entryNumber),
                                             .text(l.piece ?? ""), .text(l.label), .nonZero(l.debit), .nonZero(l.credit),
                                             .amount(running), .text(s.account.text)]))
            }
            table.rows.append(ReportRow(["", "", .empty, "", .text("Total \(s.account.text)"), .amount(s.debit),
                                         .amount(s.credit), .amount(s.debit - s.credit), .text(s.account.text)],
                                        style: .subtotal))
        }
        let debit = Money.sum(sections.map(\.debit)), credit = Money.sum(sections.map(\.credit))
        table.rows.append(ReportRow(["", "", .empty, "", "Total général", .amount(debit), .amount(credit),
                                     .amount(debit - credit), ""], style: .total))
        return ReportDocument(title: "Grand livre", subtitle: [association, period.caption], tables: [table])
    }
}
