import Ledger

/// Cash: each bank and cash account's opening and closing balance, inflows and outflows, the
/// month-by-month balance, and how long the cash lasts at the recent rate.
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
        public let inflows: Money
        public let outflows: Money
        /// Balance at the end of the month (all cash accounts).
        public let closing: Money
    }

    /// Average monthly net outflow over the last `months` months, and what it gives.
    public struct Burn: Sendable, Equatable {
        public let months: Int
        /// Positive: cash goes down by this much a month on average.
        public let perMonth: Money
    }

    /// Accounts whose lines are cash: banks (51) and cash boxes (53).
    public static let prefixes = ["51", "53"]

    public let period: Period
    public let accounts: [AccountSummary]
    public let months: [Month]
    /// Closing cash of the previous exercice, when the ledger has it.
    public let previousClosing: Money?
    public let burns: [Burn]

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
            for t in try ledger.totals(TotalsQuery(from: base, to: period.from.adding(days: -1), accountPrefixes: Tresorerie.prefixes)) {
                opening[t.account, default: .zero] += t.balance
            }
        }
        for t in try ledger.totals(TotalsQuery(from: period.from, to: period.to, accountPrefixes: Tresorerie.prefixes, openings: .only)) {
            opening[t.account, default: .zero] += t.balance
        }
        var flows: [AccountNumber: (Money, Money)] = [:]
        for t in try ledger.totals(TotalsQuery(from: period.from, to: period.to, accountPrefixes: Tresorerie.prefixes, openings: .exclude)) {
            flows[t.account] = (t.debit, t.credit)
        }
        let all = Set(opening.keys).union(flows.keys).sorted()
        accounts = all.map { a in
            AccountSummary(account: a, label: catalog.label(of: a), opening: opening[a] ?? .zero,
                           inflows: flows[a]?.0 ?? .zero, outflows: flows[a]?.1 ?? .zero)
        }
        // Month by month over the period.
        let monthly = try ledger.totals(TotalsQuery(from: period.from, to: period.to, groupByMonth: true,
                                                    accountPrefixes: Tresorerie.prefixes, openings: .exclude))
        var byMonth: [Day: (Money, Money)] = [:]
        for t in monthly {
            let m = t.month!
            let v = byMonth[m] ?? (.zero, .zero)
            byMonth[m] = (v.0 + t.debit, v.1 + t.credit)
        }
        var running = Money.sum(opening.values)
        var list: [Month] = []
        var m = period.from.firstOfMonth
        while m <= period.to {
            let (i, o) = byMonth[m] ?? (.zero, .zero)
            running += i - o
            list.append(Month(month: m, inflows: i, outflows: o, closing: running))
            m = m.adding(months: 1)
        }
        months = list
        if let previous = catalog.previous(period.exercice) {
            previousClosing = try ledger.balance(of: "51", at: previous.end) + ledger.balance(of: "53", at: previous.end)
        } else {
            previousClosing = nil
        }
        // Net flow of the last 3, 6 and 12 whole months up to the period's end (any exercice).
        let lastMonth = period.to.firstOfMonth
        let history = try ledger.totals(TotalsQuery(from: lastMonth.adding(months: -11), to: period.to, groupByMonth: true,
                                                    accountPrefixes: Tresorerie.prefixes, openings: .exclude))
        var net: [Day: Money] = [:]
        for t in history { net[t.month!, default: .zero] += t.debit - t.credit }
        burns = [3, 6, 12].map { n in
            let total = Money.sum((0..<n).map { net[lastMonth.adding(months: -$0)] ?? .zero })
            return Burn(months: n, perMonth: Money(cents: -total.cents / Int64(n)))
        }
    }

    /// "À ce rythme, la trésorerie couvre 14 mois." or why it does not apply.
    public func runwaySentence() -> String {
        guard let burn = burns.first(where: { $0.months == 12 }) ?? burns.last else { return "" }
        if burn.perMonth.cents <= 0 {
            return "Sur les 12 derniers mois, la trésorerie ne diminue pas (+\((-burn.perMonth)) € par mois en moyenne) : pas de consommation des réserves."
        }
        if closing.cents <= 0 { return "La trésorerie est épuisée." }
        let tenths = closing.cents * 10 / burn.perMonth.cents
        let months = tenths / 10
        return "À ce rythme (\(burn.perMonth) € de moins par mois en moyenne sur 12 mois), la trésorerie couvre \(months) mois."
    }

    public func document(title: String, subtitle: [String]) -> ReportDocument {
        var summary = ReportTable(title: "Comptes de trésorerie", columns: [
            ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"), .amount("Solde d'ouverture", key: "ouverture"),
            .amount("Encaissements", key: "encaissements"), .amount("Décaissements", key: "decaissements"),
            .amount("Solde de clôture", key: "cloture")])
        for a in accounts {
            summary.rows.append(ReportRow([.text(a.account.text), .text(a.label), .amount(a.opening), .amount(a.inflows), .amount(a.outflows), .amount(a.closing)]))
        }
        summary.rows.append(ReportRow(["Total", "", .amount(opening), .amount(inflows), .amount(outflows), .amount(closing)], style: .total))
        var monthly = ReportTable(title: "Mois par mois", columns: [
            ReportColumn("Mois", key: "mois"), .amount("Encaissements", key: "encaissements"), .amount("Décaissements", key: "decaissements"),
            .amount("Solde de fin de mois", key: "solde")])
        for m in months {
            monthly.rows.append(ReportRow([.text(Day.frenchMonthNames[m.month.month - 1] + " " + String(m.month.year)),
                                           .amount(m.inflows), .amount(m.outflows), .amount(m.closing)]))
        }
        monthly.rows.append(ReportRow(["Total", .amount(Money.sum(months.map(\.inflows))), .amount(Money.sum(months.map(\.outflows))),
                                       .amount(months.last?.closing ?? opening)], style: .total))
        var rate = ReportTable(title: "Rythme", columns: [ReportColumn("Période", key: "periode"), .amount("Variation moyenne par mois", key: "variation")])
        for b in burns { rate.rows.append(ReportRow([.text("\(b.months) derniers mois"), .amount(-b.perMonth)])) }
        var notes = ["Trésorerie au \(period.to.french) : \(closing) € (au \(period.from.french) : \(opening) €, variation \(closing - opening) €)."]
        if let p = previousClosing { notes.append("Clôture de l'exercice précédent : \(p) €.") }
        notes.append(runwaySentence())
        return ReportDocument(title: title, subtitle: subtitle, tables: [summary, monthly, rate], notes: notes)
    }
}
