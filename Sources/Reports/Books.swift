import Ledger

/// Balance générale: per account, debit and credit totals and the balance, over a period. A
/// period that starts after its exercice also gives each account's balance before it (the
/// exercice's earlier lines, à-nouveaux included): the closing balances are then those at the
/// period's end, the bank's among them.
public struct Balance: Sendable {
    public struct Row: Sendable, Equatable {
        public let account: AccountNumber
        public let label: String
        /// Balance (debit minus credit) before the period; zero when the period starts the exercice.
        public let earlier: Money
        public let debit: Money
        public let credit: Money
        /// At the period's end.
        public var balance: Money { earlier + debit - credit }
    }
    public let period: Period
    public let rows: [Row]
    /// Earlier exercices whose balances this one does not carry (not closed).
    public let notCarried: [Exercice]

    /// True when the period starts after the exercice: the rows carry their earlier balance.
    public var hasEarlier: Bool { period.startsAfterExercice }
    public var totalEarlierDebit: Money { Money.sum(rows.map { max($0.earlier, .zero) }) }
    public var totalEarlierCredit: Money { Money.sum(rows.map { max(-$0.earlier, .zero) }) }
    public var totalDebit: Money { Money.sum(rows.map(\.debit)) }
    public var totalCredit: Money { Money.sum(rows.map(\.credit)) }
    public var totalDebitBalances: Money { Money.sum(rows.map { max($0.balance, .zero) }) }
    public var totalCreditBalances: Money { Money.sum(rows.map { max(-$0.balance, .zero) }) }

    /// Movements of the period, à-nouveaux included, per account; and the balance before it.
    public init(_ ledger: some LedgerQueries, period: Period, accountPrefix: String? = nil) throws {
        let catalog = try ledger.catalog()
        let totals = try ledger.totals(TotalsQuery(from: period.from, to: period.to, accountPrefixes: accountPrefix.map { [$0] } ?? []))
        let earlier = Dictionary(uniqueKeysWithValues: try balancesBefore(period, ledger: ledger, accountPrefix: accountPrefix))
        var movements: [AccountNumber: (debit: Money, credit: Money)] = [:]
        for t in totals { movements[t.account] = (t.debit, t.credit) }
        self.period = period
        self.rows = Set(earlier.keys).union(movements.keys).sorted { $0.text < $1.text }.map { a in
            Row(account: a, label: catalog.label(of: a, in: period.exercice.chart), earlier: earlier[a] ?? .zero,
                debit: movements[a]?.debit ?? .zero, credit: movements[a]?.credit ?? .zero)
        }
        self.notCarried = try ledger.exercicesNotCarried(into: period.exercice)
    }

    public func document(association: String) -> ReportDocument {
        let earlierColumns: [ReportColumn] = hasEarlier
            ? [.amount("Antérieur débit", key: "anterieur_debit"), .amount("Antérieur crédit", key: "anterieur_credit")] : []
        var table = ReportTable(columns: [ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle")] + earlierColumns + [
            .amount("Débit", key: "debit"), .amount("Crédit", key: "credit"),
            .amount("Solde débiteur", key: "solde_debiteur"), .amount("Solde créditeur", key: "solde_crediteur"),
        ])
        for r in rows {
            let earlierCells: [Cell] = hasEarlier ? [.nonZero(max(r.earlier, .zero)), .nonZero(max(-r.earlier, .zero))] : []
            table.rows.append(ReportRow([.account(r.account), .text(r.label)] + earlierCells
                                        + [.nonZero(r.debit), .nonZero(r.credit), .nonZero(max(r.balance, .zero)), .nonZero(max(-r.balance, .zero))]))
        }
        let earlierTotals: [Cell] = hasEarlier ? [.amount(totalEarlierDebit), .amount(totalEarlierCredit)] : []
        table.rows.append(ReportRow(["Total", ""] + earlierTotals + [.amount(totalDebit), .amount(totalCredit),
                                     .amount(totalDebitBalances), .amount(totalCreditBalances)], style: .total))
        var notes: [String] = []
        if totalDebit != totalCredit {
            notes.append("Attention : débits et crédits diffèrent de \((totalDebit - totalCredit).magnitude) €.")
        }
        if hasEarlier {
            notes.append("Antérieur : le solde de chaque compte au \(period.from.adding(days: -1).french) (lignes de l'exercice avant la période, "
                         + "à-nouveaux compris) ; débit et crédit : les mouvements de la période ; soldes : au \(period.to.french).")
        }
        if let note = notCarriedNote(notCarried, into: period.exercice) { notes.append(note) }
        return ReportDocument(title: "Balance générale", subtitle: [association, period.caption], tables: [table], notes: notes)
    }
}

/// Each account's balance from the exercice's lines before the period (à-nouveaux included),
/// when not zero, in account order: what the balance and the grand livre of a period open with.
func balancesBefore(_ period: Period, ledger: some LedgerQueries, accountPrefix: String?) throws -> [(account: AccountNumber, balance: Money)] {
    guard period.startsAfterExercice else { return [] }
    return try ledger.totals(TotalsQuery(from: period.exercice.start, to: period.from.adding(days: -1),
                                         accountPrefixes: accountPrefix.map { [$0] } ?? []))
        .filter { !$0.balance.isZero }
        .map { ($0.account, $0.balance) }
        .sorted { $0.account.text < $1.account.text }
}

/// Says that the books of `exercice` start its balance-sheet accounts from zero, because the
/// exercices before it are not closed (no à-nouveaux), and how to carry their balances.
func notCarriedNote(_ earlier: [Exercice], into exercice: Exercice) -> String? {
    guard let last = earlier.last else { return nil }
    let names = earlier.map(\.label).joined(separator: ", ")
    return "\(earlier.count == 1 ? "L'exercice \(names) n'est pas clôturé" : "Les exercices \(names) ne sont pas clôturés") : "
        + "l'exercice \(exercice.label) n'a pas d'à-nouveaux, ses comptes de bilan (banque...) partent ici de zéro ; la trésorerie "
        + "et le bilan, eux, reprennent les soldes. Pour les reporter : compta cloturer --exercice \(earlier.count == 1 ? last.label : earlier[0].label)."
}

/// Journal: the entries of a period with their lines. Only the entries' ids are held; the
/// entries are read from the ledger by chunks while the report is written.
public struct JournalBook {
    public let period: Period
    let ledger: any LedgerQueries
    /// The selected entries, in date order.
    let ids: [Int64]
    /// A line of the selection carries a tiers: the journal has a column for them.
    let showsTiers: Bool

    public init(_ ledger: some LedgerQueries, period: Period, journal: String? = nil) throws {
        self.period = period
        self.ledger = ledger
        let query = EntryQuery(from: period.from, to: period.to, journal: journal)
        self.ids = try ledger.entryKeys(query).map(\.id)
        self.showsTiers = try ledger.hasTiers(query)
    }

    public func document(association: String) -> ReportDocument {
        let tiersColumn = showsTiers ? [ReportColumn("Tiers", key: "tiers")] : []
        let table = ReportTable(columns: [
            ReportColumn("N°", key: "numero"), ReportColumn("Date", key: "date"), ReportColumn("Jnl", key: "journal"),
            ReportColumn("Pièce", key: "piece"), ReportColumn("Compte", key: "compte")] + tiersColumn + [ReportColumn("Libellé", key: "libelle"),
            .amount("Débit", key: "debit"), .amount("Crédit", key: "credit"), ReportColumn("Projet", key: "projet"),
            ReportColumn("État", key: "etat"),
        ], stream: RowStream { [ledger, ids, showsTiers] row in
            var debit = Money.zero, credit = Money.zero
            try ledger.forEachEntry(ids: ids) { e in
                let state: String = e.validation.map { "validée \(e.journal)-\($0.number)" } ?? "brouillard"
                for (i, l) in e.lines.enumerated() {
                    let first = i == 0
                    try row(ReportRow([
                        first ? .number(e.number) : .empty, first ? .text(e.date.french) : .empty,
                        first ? .text(e.journal) : .empty, first ? .text(e.piece ?? "") : .empty,
                        .account(l.account)] + (showsTiers ? [.text(l.tiers?.shown ?? "")] : []) + [.text(l.label ?? e.label),
                        .nonZero(l.debit), .nonZero(l.credit), .text(l.project ?? ""), first ? .text(state) : .empty,
                    ]))
                    // Checked: a file changed outside Compta may hold amounts beyond `Money.ledgerLimit`.
                    debit = try debit.adding(l.debit)
                    credit = try credit.adding(l.credit)
                }
            }
            try row(ReportRow(["Total", "", "", "", ""] + (showsTiers ? [""] : []) + [.text("\(ids.count) écriture\(ids.count > 1 ? "s" : "")"),
                               .amount(debit), .amount(credit), "", ""], style: .total))
        })
        return ReportDocument(title: "Journal", subtitle: [association, period.caption], tables: [table])
    }
}

/// Grand livre: every line of each account over a period, with the running balance. The lines
/// are read from the ledger while the report is written, account after account. A period that
/// starts after its exercice opens each account with its balance from the exercice's earlier
/// lines (« Solde antérieur », in the debit or credit column), so the running balance is the
/// one the whole exercice's grand livre shows on the same day, and the totals still balance.
public struct GrandLivre {
    public let period: Period
    let ledger: any LedgerQueries
    let accountPrefix: String?

    public init(_ ledger: some LedgerQueries, period: Period, accountPrefix: String? = nil) {
        self.period = period
        self.ledger = ledger
        self.accountPrefix = accountPrefix
    }

    public func document(association: String) throws -> ReportDocument {
        let catalog = try ledger.catalog()
        let openings = try balancesBefore(period, ledger: ledger, accountPrefix: accountPrefix)
        // A column for the tiers when a line of the selection has one; the rows that are not a line leave it empty.
        let showsTiers = try ledger.hasTiers(EntryQuery(from: period.from, to: period.to, accountPrefix: accountPrefix))
        func tiers(_ cell: Cell = .empty) -> [Cell] { showsTiers ? [cell] : [] }
        let table = ReportTable(columns: [
            ReportColumn("Date", key: "date"), ReportColumn("Jnl", key: "journal"), ReportColumn("N°", key: "numero"),
            ReportColumn("Pièce", key: "piece")] + (showsTiers ? [ReportColumn("Tiers", key: "tiers")] : []) + [ReportColumn("Libellé", key: "libelle"),
            .amount("Débit", key: "debit"), .amount("Crédit", key: "credit"), .amount("Solde", key: "solde"),
            ReportColumn("Compte", key: "compte", dataOnly: true),
        ], stream: RowStream { [ledger, accountPrefix, period] row in
            var account: AccountNumber? = nil
            var debit = Money.zero, credit = Money.zero, totalDebit = Money.zero, totalCredit = Money.zero
            var nextOpening = openings.startIndex
            func closeAccount() throws {
                guard let a = account else { return }
                try row(ReportRow(["", "", .empty, ""] + tiers() + [.text("Total \(a.text)"), .amount(debit),
                                   .amount(credit), .amount(debit - credit), .account(a)], style: .subtotal))
                totalDebit = try totalDebit.adding(debit)
                totalCredit = try totalCredit.adding(credit)
            }
            // Closes the current account and opens `a`: its heading, then its earlier balance.
            func openAccount(_ a: AccountNumber) throws {
                try closeAccount()
                account = a
                debit = .zero
                credit = .zero
                let heading = "\(a.text) \(catalog.label(of: a, in: period.exercice.chart))"
                try row(ReportRow([.text(heading), "", "", ""] + tiers() + ["", .empty, .empty, .empty, .account(a)], style: .heading))
                guard nextOpening < openings.endIndex, openings[nextOpening].account == a else { return }
                let balance = openings[nextOpening].balance
                nextOpening += 1
                if balance > .zero { debit = balance } else { credit = .zero - balance }
                try row(ReportRow([.text(period.from.adding(days: -1).french), "", .empty, ""] + tiers() + ["Solde antérieur", .nonZero(debit),
                                   .nonZero(credit), .amount(balance), .account(a)]))
            }
            // Accounts with an earlier balance and no line in the period, up to `a` (excluded).
            func openingsOnly(before a: AccountNumber?) throws {
                while nextOpening < openings.endIndex, a.map({ openings[nextOpening].account.text < $0.text }) ?? true {
                    try openAccount(openings[nextOpening].account)
                }
            }
            try ledger.forEachAccountLine(prefix: accountPrefix, from: period.from, to: period.to) { l in
                if l.account != account {
                    try openingsOnly(before: l.account)
                    try openAccount(l.account)
                }
                debit = try debit.adding(l.debit)
                credit = try credit.adding(l.credit)
                try row(ReportRow([.text(l.date.french), .text(l.journal), .number(l.entryNumber),
                                   .text(l.piece ?? "")] + tiers(.text(l.tiers?.shown ?? "")) + [.text(l.label), .nonZero(l.debit), .nonZero(l.credit),
                                   .amount(debit - credit), .account(l.account)]))
            }
            try openingsOnly(before: nil)
            try closeAccount()
            try row(ReportRow(["", "", .empty, ""] + tiers() + ["Total général", .amount(totalDebit), .amount(totalCredit),
                               .amount(totalDebit - totalCredit), ""], style: .total))
        })
        return ReportDocument(title: "Grand livre", subtitle: [association, period.caption], tables: [table],
                              notes: [notCarriedNote(try ledger.exercicesNotCarried(into: period.exercice), into: period.exercice)].compactMap { $0 })
    }
}
