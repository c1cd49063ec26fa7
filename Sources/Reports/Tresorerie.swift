import Ledger

/// Cash: each bank and cash account's opening and closing balance, inflows and outflows, the
/// month-by-month balance, and how long the cash lasts at the recent rate.
///
/// Money moved between the association's own accounts (current account to savings, cash box
/// to bank) goes through 58, virements internes: the sending side is debited to 58, the
/// arriving side credited. Those movements are real for each account, but not money in or out
/// of the association: the month-by-month flows leave them out and show their net apart.
public struct Tresorerie: Sendable {
    public struct AccountSummary: Sendable, Equatable {
        public let account: AccountNumber
        public let label: String
        public let opening: Money
        public let inflows: Money
        public let outflows: Money
        public var closing: Money { opening + inflows - outflows }
    }

    public struct Month: Sendable, Equatable {
        /// First day of the month.
        public let month: Day
        /// Money in and out of the association, internal transfers left out.
        public let inflows: Money
        public let outflows: Money
        /// Internal transfers arrived minus sent: not zero while a transfer is on its way.
        public let transfers: Money
        /// Balance at the end of the month (all cash accounts).
        public let closing: Money
    }

    /// Average monthly net outflow over the last `months` months, and what it gives.
    public struct Burn: Sendable, Equatable {
        public let months: Int
        /// Positive: cash goes down by this much a month on average.
        public let perMonth: Money
    }

    public let period: Period
    public let accounts: [AccountSummary]
    public let months: [Month]
    /// Closing cash of the previous exercice, when the ledger has it.
    public let previousClosing: Money?
    public let burns: [Burn]
    /// Internal transfers of the period: sent from a cash account (58 debited) and arrived on
    /// another (58 credited).
    public let transfersSent: Money
    public let transfersArrived: Money
    public var hasTransfers: Bool { !transfersSent.isZero || !transfersArrived.isZero }

    public var opening: Money { Money.sum(accounts.map(\.opening)) }
    public var inflows: Money { Money.sum(accounts.map(\.inflows)) }
    public var outflows: Money { Money.sum(accounts.map(\.outflows)) }
    public var closing: Money { Money.sum(accounts.map(\.closing)) }

    public init(_ ledger: some LedgerQueries, period: Period) throws {
        self.period = period
        let catalog = try ledger.catalog()
        let base = try ledger.balanceBase(for: period.exercice)
        // Opening: everything before the period, plus the à-nouveaux written in it.
        var opening: [AccountNumber: Money] = [:]
        if base < period.from {
            for t in try ledger.totals(TotalsQuery(from: base, to: period.from.adding(days: -1), accountPrefixes: AccountGroup.treasury)) {
                opening[t.account, default: .zero] += t.balance
            }
        }
        for t in try ledger.totals(TotalsQuery(from: period.from, to: period.to, accountPrefixes: AccountGroup.treasury, openings: .only)) {
            opening[t.account, default: .zero] += t.balance
        }
        var flows: [AccountNumber: (Money, Money)] = [:]
        for t in try ledger.totals(TotalsQuery(from: period.from, to: period.to, accountPrefixes: AccountGroup.treasury, openings: .exclude)) {
            flows[t.account] = (t.debit, t.credit)
        }
        let all = Set(opening.keys).union(flows.keys).sorted()
        accounts = all.map { a in
            AccountSummary(account: a, label: catalog.label(of: a, in: period.exercice.chart), opening: opening[a] ?? .zero,
                           inflows: flows[a]?.0 ?? .zero, outflows: flows[a]?.1 ?? .zero)
        }
        // Month by month over the period: cash debits and credits, and the transfers through 58.
        let monthly = try ledger.totals(TotalsQuery(from: period.from, to: period.to, groupByMonth: true,
                                                    accountPrefixes: AccountGroup.treasury + [AccountGroup.internalTransfers], openings: .exclude))
        var cash: [Day: (debit: Money, credit: Money)] = [:]
        var transfer: [Day: (sent: Money, arrived: Money)] = [:]
        for t in monthly {
            let m = t.month!
            if t.account.isUnder(AccountGroup.internalTransfers) {
                let v = transfer[m] ?? (.zero, .zero)
                transfer[m] = (v.sent + t.debit, v.arrived + t.credit)
            } else {
                let v = cash[m] ?? (.zero, .zero)
                cash[m] = (v.debit + t.debit, v.credit + t.credit)
            }
        }
        var running = Money.sum(opening.values)
        var list: [Month] = []
        var m = period.from.firstOfMonth
        while m <= period.to {
            let c = cash[m] ?? (.zero, .zero), t = transfer[m] ?? (.zero, .zero)
            running += c.debit - c.credit
            list.append(Month(month: m, inflows: c.debit - t.arrived, outflows: c.credit - t.sent, transfers: t.arrived - t.sent,
                              closing: running))
            m = m.adding(months: 1)
        }
        months = list
        transfersSent = Money.sum(transfer.values.map(\.sent))
        transfersArrived = Money.sum(transfer.values.map(\.arrived))
        if let previous = catalog.previous(period.exercice) {
            previousClosing = try Money.sum(AccountGroup.treasury.map { try ledger.balance(of: $0, at: previous.end) })
        } else {
            previousClosing = nil
        }
        // Net flow of the last 3, 6 and 12 whole months up to the period's end (any exercice, but
        // not before the ledger's first whole month: months it does not cover would count as
        // months without a movement); money on its way between two accounts (58) is still the
        // association's. With less history, the months there are.
        let lastMonth = period.to == period.to.lastOfMonth ? period.to.firstOfMonth : period.to.firstOfMonth.adding(months: -1)
        let ledgerStart = catalog.exercices.map(\.start).min() ?? period.exercice.start
        let firstMonth = ledgerStart.day == 1 ? ledgerStart : ledgerStart.firstOfMonth.adding(months: 1)
        let available = max(0, (lastMonth.year - firstMonth.year) * 12 + lastMonth.month - firstMonth.month + 1)
        let spans = [3, 6, 12].filter { $0 <= available }
        let windows = spans.isEmpty && available > 0 ? [available] : spans
        var net: [Day: Money] = [:]
        if let longest = windows.last {
            let history = try ledger.totals(TotalsQuery(from: lastMonth.adding(months: 1 - longest), to: lastMonth.lastOfMonth, groupByMonth: true,
                                                        accountPrefixes: AccountGroup.treasury + [AccountGroup.internalTransfers], openings: .exclude))
            for t in history { net[t.month!, default: .zero] += t.debit - t.credit }
        }
        burns = windows.map { n in
            let total = Money.sum((0..<n).map { net[lastMonth.adding(months: -$0)] ?? .zero })
            return Burn(months: n, perMonth: Money(cents: roundedDivision(-total.cents, by: Int64(n))!))  // a quotient of a sum: it fits
        }
    }

    /// What the month-by-month table does with internal transfers; nil when there are none.
    public func transfersSentence() -> String? {
        guard hasTransfers else { return nil }
        var sentence = "Mois par mois, les virements entre les comptes de l'association (\(transfersSent) € virés, \(transfersArrived) € arrivés) ne sont comptés ni en encaissements ni en décaissements."
        let onTheWay = transfersSent - transfersArrived
        if onTheWay.cents > 0 {
            sentence += " \(onTheWay) € partis d'un compte ne sont pas encore arrivés sur l'autre au \(period.to.french) (compte 58)."
        } else if onTheWay.cents < 0 {
            sentence += " \(-onTheWay) € arrivés pendant la période étaient partis avant elle (compte 58)."
        }
        return sentence
    }

    /// "À ce rythme, la trésorerie couvre 14 mois." or why it does not apply. The rate is the
    /// one of the longest span of whole months the ledger has (12 at most).
    public func runwaySentence() -> String {
        guard let burn = burns.last else {
            return "Pas encore de mois complet d'opérations dans le livre : pas de rythme de trésorerie."
        }
        let span = burn.months == 1 ? "le dernier mois" : "les \(burn.months) derniers mois"
        if burn.perMonth.cents <= 0 {
            return "Sur \(span), la trésorerie ne diminue pas (+\((-burn.perMonth)) € par mois en moyenne) : pas de consommation des réserves."
        }
        if closing.cents <= 0 { return "La trésorerie est épuisée." }
        let months = closing.cents / burn.perMonth.cents
        return "À ce rythme (\(burn.perMonth) € de moins par mois en moyenne sur \(span)), la trésorerie couvre \(months) mois."
    }

    public func document(title: String, subtitle: [String]) -> ReportDocument {
        var summary = ReportTable(title: "Comptes de trésorerie", columns: [
            ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"), .amount("Solde d'ouverture", key: "ouverture"),
            .amount("Encaissements", key: "encaissements"), .amount("Décaissements", key: "decaissements"),
            .amount("Solde de clôture", key: "cloture")])
        for a in accounts {
            summary.rows.append(ReportRow([.account(a.account), .text(a.label), .amount(a.opening), .amount(a.inflows), .amount(a.outflows), .amount(a.closing)]))
        }
        summary.rows.append(ReportRow(["Total", "", .amount(opening), .amount(inflows), .amount(outflows), .amount(closing)], style: .total))
        if hasTransfers {
            summary.rows.append(ReportRow(["", "dont virements internes (58)", "", .amount(transfersArrived), .amount(transfersSent), ""]))
        }
        var columns = [ReportColumn("Mois", key: "mois"), .amount("Encaissements", key: "encaissements"),
                       .amount("Décaissements", key: "decaissements")]
        if hasTransfers { columns.append(.amount("Virements internes", key: "virements")) }
        columns.append(.amount("Solde de fin de mois", key: "solde"))
        var monthly = ReportTable(title: "Mois par mois", columns: columns)
        func row(_ first: Cell, _ inflows: Money, _ outflows: Money, _ transfers: Money, _ closing: Money, style: ReportRow.Style = .normal) -> ReportRow {
            ReportRow([first, .amount(inflows), .amount(outflows)] + (hasTransfers ? [.amount(transfers)] : []) + [.amount(closing)], style: style)
        }
        for m in months {
            monthly.rows.append(row(.text(Day.frenchMonthNames[m.month.month - 1] + " " + String(m.month.year)),
                                    m.inflows, m.outflows, m.transfers, m.closing))
        }
        monthly.rows.append(row("Total", Money.sum(months.map(\.inflows)), Money.sum(months.map(\.outflows)),
                                Money.sum(months.map(\.transfers)), months.last?.closing ?? opening, style: .total))
        var rate = ReportTable(title: "Rythme", columns: [ReportColumn("Période", key: "periode"), .amount("Variation moyenne par mois", key: "variation")])
        for b in burns { rate.rows.append(ReportRow([.text(b.months == 1 ? "Dernier mois" : "\(b.months) derniers mois"), .amount(-b.perMonth)])) }
        var notes = ["Trésorerie au \(period.to.french) : \(closing) € (au \(period.from.french) : \(opening) €, variation \(closing - opening) €)."]
        if let p = previousClosing { notes.append("Clôture de l'exercice précédent : \(p) €.") }
        if let t = transfersSentence() { notes.append(t) }
        notes.append(runwaySentence())
        return ReportDocument(title: title, subtitle: subtitle, tables: [summary, monthly, rate], notes: notes)
    }
}
