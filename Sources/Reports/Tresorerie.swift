import Ledger

/// Cash: each bank and cash account's opening and closing balance, inflows and outflows, the
/// month-by-month balance and the lowest day; receivables and short-term debts; and how long
/// the cash lasts, alone and once those are collected and paid, at the rate the activity
/// consumes money (not the cash flow, where repaying a debt would count as spending).
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

    /// What the rate of the runway rests on: the months the ledger covers, or the voted budget.
    public enum Basis: Sendable, Equatable {
        case past
        case budget
    }

    /// A group of third-party accounts in the liquidity position: `41 Usagers et comptes
    /// rattachés`, with what it is owed (receivables) or owes (debts), positive.
    public struct Part: Sendable, Equatable {
        public let group: AccountNumber
        public let label: String
        public let amount: Money
    }

    /// The monthly consumption of the activity the runway divides by.
    public struct Rate: Sendable, Equatable {
        public enum Source: Sendable, Equatable {
            /// The average of the months from `first` to `last` (first days), `months` of them.
            case months(first: Day, last: Day, count: Int)
            /// The exercice's budget of that version, over the exercice's `months` months.
            case budget(version: String, months: Int)
        }
        public let source: Source
        /// Charges minus produits per month (non-cash ones aside): positive when the activity
        /// consumes money.
        public let perMonth: Money
        /// The project left out (`--hors-projet`).
        public let excluded: Project?
    }

    /// The lowest end-of-day balance of the cash accounts over the period.
    public struct LowPoint: Sendable, Equatable {
        public let day: Day
        public let balance: Money
    }

    /// How many months an amount lasts at the rate.
    public enum Cover: Sendable, Equatable {
        /// Whole months (0: less than one).
        case months(Int)
        /// More than `Tresorerie.longCover` months: said in words, not counted.
        case beyond
        /// Nothing to spend: the amount is zero or less.
        case nothing
        /// The activity does not consume money: no duration to compute.
        case notConsumed
    }

    /// Beyond three years, a count of months says nothing a board can use.
    public static let longCover = 36

    public let period: Period
    public let accounts: [AccountSummary]
    public let months: [Month]
    /// Closing cash of the previous exercice, when the ledger has it.
    public let previousClosing: Money?
    /// Receivables and debts at the period's end, by two-digit group (`shortTermThirdParties`).
    public let receivables: [Part]
    public let debts: [Part]
    /// The same at the period's start (à-nouveaux included): what the AG's synthèse compares.
    public let openingReceivables: Money
    public let openingDebts: Money
    public let lowPoint: LowPoint
    /// Nil when the ledger has no month of operations yet.
    public let rate: Rate?
    /// Fonds propres at the period's end (the bilan's total I, the result of the period included).
    public let netWorth: Money
    /// Internal transfers of the period: sent from a cash account (58 debited) and arrived on
    /// another (58 credited).
    public let transfersSent: Money
    public let transfersArrived: Money
    public var hasTransfers: Bool { !transfersSent.isZero || !transfersArrived.isZero }

    public var opening: Money { Money.sum(accounts.map(\.opening)) }
    public var inflows: Money { Money.sum(accounts.map(\.inflows)) }
    public var outflows: Money { Money.sum(accounts.map(\.outflows)) }
    public var closing: Money { Money.sum(accounts.map(\.closing)) }
    public var totalReceivables: Money { Money.sum(receivables.map(\.amount)) }
    public var totalDebts: Money { Money.sum(debts.map(\.amount)) }
    /// Cash once the receivables are collected and the debts paid.
    public var position: Money { closing + totalReceivables - totalDebts }

    /// `basis` chooses the rate of the runway; `excluding` leaves a project's charges and
    /// produits out of it (a grant spent and finished). An unknown project, or `.budget` without
    /// a budget, is refused.
    public init(_ ledger: some LedgerQueries, period: Period, basis: Basis = .past, excluding project: String? = nil) throws {
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
        let excluded: Project?
        if let project {
            guard let p = catalog.projects[project] else { throw ReportError.unknownProject(project, known: catalog.projects.keys.sorted()) }
            excluded = p
        } else {
            excluded = nil
        }
        let opened = Money.sum(opening.values)
        lowPoint = try Tresorerie.lowPoint(ledger, period: period, opening: opened)
        let end = try Tresorerie.thirdParties(ledger, base: base, from: period.from, to: period.to, atOpening: false, catalog: catalog, chart: period.exercice.chart)
        let start = try Tresorerie.thirdParties(ledger, base: base, from: period.from, to: period.to, atOpening: true, catalog: catalog, chart: period.exercice.chart)
        (receivables, debts) = end
        openingReceivables = Money.sum(start.receivables.map(\.amount))
        openingDebts = Money.sum(start.debts.map(\.amount))
        switch basis {
        case .past: rate = try Tresorerie.pastRate(ledger, period: period, catalog: catalog, excluded: excluded)
        case .budget: rate = try Tresorerie.budgetRate(ledger, exercice: period.exercice, excluded: excluded)
        }
        let bilan = try Bilan(ledger, columns: [Bilan.Column(title: period.to.french, key: "n", date: period.to, exercice: period.exercice)])
        netWorth = bilan.lines.first { $0.code == Bilan.netWorthLine }?.values[0] ?? .zero
    }

    /// The lowest end-of-day balance of the cash accounts from the period's opening on, and its
    /// day (the first, on a tie): read from the day-by-day totals, one row per account and day.
    static func lowPoint(_ ledger: some LedgerQueries, period: Period, opening: Money) throws -> LowPoint {
        var net: [Day: Money] = [:]
        for t in try ledger.totals(TotalsQuery(from: period.from, to: period.to, groupByDay: true, accountPrefixes: AccountGroup.treasury, openings: .exclude)) {
            net[t.day!, default: .zero] += t.balance
        }
        var low = LowPoint(day: period.from, balance: opening), running = opening
        for day in net.keys.sorted() {
            running += net[day]!
            if running < low.balance { low = LowPoint(day: day, balance: running) }
        }
        return low
    }

    /// Receivables and debts on the short-term third-party accounts, each account on the side
    /// of its balance, at the period's end or, `atOpening`, at its start (à-nouveaux included).
    static func thirdParties(_ ledger: some LedgerQueries, base: Day, from: Day, to: Day, atOpening: Bool,
                             catalog: Catalog, chart: ChartVersion) throws -> (receivables: [Part], debts: [Part]) {
        let prefixes = AccountGroup.shortTermThirdParties + [AccountGroup.thirdPartyImpairments]
        var totals: [AccountTotal] = []
        if !atOpening {
            totals = try ledger.totals(TotalsQuery(from: base, to: to, accountPrefixes: prefixes))
        } else {
            if base < from { totals = try ledger.totals(TotalsQuery(from: base, to: from.adding(days: -1), accountPrefixes: prefixes)) }
            totals += try ledger.totals(TotalsQuery(from: from, to: to, accountPrefixes: prefixes, openings: .only))
        }
        var balances: [AccountNumber: Money] = [:]
        for t in totals { balances[t.account, default: .zero] += t.balance }
        var owed: [String: Money] = [:], owing: [String: Money] = [:]
        for (account, balance) in balances where !balance.isZero {
            let group = String(account.text.prefix(2))
            // An impairment is credit and lessens what is owed to the association.
            if account.isUnder(AccountGroup.thirdPartyImpairments) || balance.cents > 0 {
                owed[group, default: .zero] += balance
            } else {
                owing[group, default: .zero] -= balance
            }
        }
        func parts(_ groups: [String: Money]) -> [Part] {
            groups.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map { group, amount in
                let number = AccountNumber(trusted: group)
                return Part(group: number, label: catalog.label(of: number, in: chart), amount: amount)
            }
        }
        return (parts(owed), parts(owing))
    }

    /// The average monthly consumption of the activity: charges minus produits of classes 6 and
    /// 7, non-cash ones aside (`AccountGroup.nonCashResult`), over the months the ledger covers —
    /// from the month of its first operation to the month of its last, within the twelve months
    /// up to the period's end, a month still in progress (or the ledger's first month, begun in
    /// its middle) aside. Not the cash flow: repaying a
    /// debt or collecting a receivable moves cash without being consumption, and months after the
    /// last entry (or before the first) are not months without spending.
    static func pastRate(_ ledger: some LedgerQueries, period: Period, catalog: Catalog, excluded: Project?) throws -> Rate? {
        let active = try ledger.totals(TotalsQuery(to: period.to, groupByMonth: true, accountPrefixes: AccountNature.prefixes(.bilan, .charge, .produit),
                                                   openings: .exclude)).compactMap(\.month)
        guard let firstActive = active.min(), let lastActive = active.max() else { return nil }
        let lastWhole = period.to == period.to.lastOfMonth ? period.to.firstOfMonth : period.to.firstOfMonth.adding(months: -1)
        let last = min(lastActive, lastWhole)
        // A ledger begun in the middle of a month has not that whole month in its books.
        let ledgerStart = catalog.exercices.map(\.start).min() ?? period.exercice.start
        let firstWhole = ledgerStart.day == 1 ? ledgerStart : ledgerStart.firstOfMonth.adding(months: 1)
        let first = max(firstActive, firstWhole, last.adding(months: -11))
        guard first <= last else { return nil }
        let count = (last.year - first.year) * 12 + last.month - first.month + 1
        var consumed = Money.zero
        for e in catalog.exercices where e.start <= last.lastOfMonth && e.end >= first {
            consumed += try consumption(ledger, from: max(first, e.start), to: min(last.lastOfMonth, e.end), chart: e.chart, excluded: excluded)
        }
        // A quotient of a sum: it fits.
        return Rate(source: .months(first: first, last: last, count: count), perMonth: Money(cents: roundedDivision(consumed.cents, by: Int64(count))!),
                    excluded: excluded)
    }

    /// Charges minus produits from `from` to `to` (one exercice, one chart), non-cash ones and
    /// the excluded project's aside.
    static func consumption(_ ledger: some LedgerQueries, from: Day, to: Day, chart: ChartVersion, excluded: Project?) throws -> Money {
        let nonCash = AccountGroup.nonCashResult(in: chart)
        func sum(_ project: ProjectFilter) throws -> Money {
            let totals = try ledger.totals(TotalsQuery(from: from, to: to, project: project, accountPrefixes: AccountNature.prefixes(.charge, .produit),
                                                       openings: .exclude))
            return Money.sum(totals.filter { t in !nonCash.contains { t.account.isUnder($0) } }.map(\.balance))
        }
        return try sum(.all) - (excluded.map { try sum(.code($0.code)) } ?? .zero)
    }

    /// The voted budget's dépenses minus recettes, spread over the exercice's months. Postes
    /// covering no account (« (trésorerie) », the reserves that balance a budget) and postes
    /// only of non-cash accounts are not the activity's; neither are the excluded project's.
    static func budgetRate(_ ledger: some LedgerQueries, exercice: Exercice, excluded: Project?) throws -> Rate {
        guard let budget = try ledger.budget(exercice, version: nil) else { throw ReportError.noBudget(exercice) }
        let nonCash = AccountGroup.nonCashResult(in: exercice.chart)
        let activity = budget.postes.filter { p in
            !p.accounts.isEmpty && (excluded == nil || p.project != excluded?.code)
                && !p.accounts.allSatisfy { a in nonCash.contains { a.hasPrefix($0) } }
        }
        let net = Money.sum(activity.map { $0.side == .depense ? $0.amount : -$0.amount })
        let months = (exercice.end.year - exercice.start.year) * 12 + exercice.end.month - exercice.start.month + 1
        return Rate(source: .budget(version: budget.version, months: months), perMonth: Money(cents: roundedDivision(net.cents, by: Int64(months))!),
                    excluded: excluded)
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

    /// How long `amount` lasts at the rate; nil without a rate.
    public func cover(_ amount: Money) -> Cover? {
        guard let rate else { return nil }
        if rate.perMonth.cents <= 0 { return .notConsumed }
        if amount.cents <= 0 { return .nothing }
        let months = amount.cents / rate.perMonth.cents
        return months > Tresorerie.longCover ? .beyond : .months(Int(months))
    }

    static func words(_ cover: Cover) -> String {
        switch cover {
        case .months(0): "moins d'un mois"
        case .months(1): "environ 1 mois"
        case .months(let n): "environ \(n) mois"
        case .beyond: "plus de trois ans"
        case .nothing: "aucun mois"
        case .notConsumed: "sans limite à ce rythme"
        }
    }

    /// The rate and what it rests on, in one sentence.
    public func rateSentence() -> String {
        guard let rate else {
            return "Pas encore de mois complet d'opérations dans le livre : pas de rythme de consommation."
        }
        let without = rate.excluded.map { " Le projet \($0.name) (\($0.code)) n'y est pas compté (--hors-projet)." } ?? ""
        switch rate.source {
        case .months(let first, let last, let count):
            let months = count == 1 ? "le mois \(Tresorerie.ofMonth(first))"
                : "les \(count) mois \(Tresorerie.ofMonth(first)) à \(Tresorerie.monthName(last))"
            let basis = "charges moins produits des classes 6 et 7, hors dotations, reprises et cessions d'immobilisations, en moyenne sur \(months) que le livre couvre"
            if rate.perMonth.isZero {
                return "L'activité ne consomme pas de trésorerie : ses produits égalent ses charges (\(basis))." + without
            }
            if rate.perMonth.cents < 0 {
                return "L'activité ne consomme pas de trésorerie : ses produits dépassent ses charges de \(-rate.perMonth) € par mois (\(basis))." + without
            }
            return "Rythme retenu : l'activité consomme \(rate.perMonth) € par mois (\(basis))." + without
        case .budget(let version, let count):
            let basis = "budget « \(version) » de l'exercice \(period.exercice.label) sur \(count) mois, hors postes sans compte comme « (trésorerie) » et hors dotations"
            if rate.perMonth.isZero {
                return "Le budget ne prévoit pas de consommation de trésorerie : ses recettes égalent ses dépenses (\(basis))." + without
            }
            if rate.perMonth.cents < 0 {
                return "Le budget ne prévoit pas de consommation de trésorerie : ses recettes dépassent ses dépenses de \(-rate.perMonth) € par mois (\(basis))." + without
            }
            return "Rythme retenu : le budget prévoit \(rate.perMonth) € de dépenses de plus que de recettes par mois (\(basis))." + without
        }
    }

    /// "La trésorerie (9 850,00 €) couvre environ 6 mois ; une fois les créances encaissées et
    /// les dettes payées (16 950,00 €), environ 11 mois." or why there is no duration; nil
    /// without a rate.
    public func coverSentence() -> String? {
        guard let cash = cover(closing), let after = cover(position) else { return nil }
        if cash == .notConsumed { return nil }
        var sentence = cash == .nothing ? "La trésorerie est épuisée (\(closing) €)"
            : "À ce rythme, la trésorerie (\(closing) €) couvre \(Tresorerie.words(cash))"
        if !receivables.isEmpty || !debts.isEmpty {
            sentence += after == .nothing
                ? " ; une fois les créances encaissées et les dettes payées, il ne reste rien (\(position) €)"
                : " ; une fois les créances encaissées et les dettes payées (\(position) €), \(Tresorerie.words(after))"
        }
        return sentence + "."
    }

    /// The lowest balance of the period.
    public func lowPointSentence() -> String {
        "Point bas de la trésorerie : \(lowPoint.balance) € le \(lowPoint.day.french)."
    }

    /// Fonds propres below zero, debts above the cash: what a board must hear first.
    public func alerts() -> [String] {
        var list: [String] = []
        if netWorth.isNegative {
            list.append("Attention : les fonds propres sont négatifs (\(netWorth) € au \(period.to.french)) : l'association doit plus qu'elle ne possède.")
        }
        if totalDebts > closing, !totalDebts.isZero {
            list.append("Attention : les dettes à payer (\(totalDebts) €) dépassent la trésorerie (\(closing) €).")
        }
        return list
    }

    /// The rate and the months it gives, as the AG's synthèse and the trésorerie say it.
    public func runwaySentence() -> String {
        ([rateSentence()] + (coverSentence().map { [$0] } ?? [])).joined(separator: " ")
    }

    static func monthName(_ month: Day) -> String { Day.frenchMonthNames[month.month - 1] + " " + String(month.year) }
    /// « de mars 2024 », « d'avril 2024 ».
    static func ofMonth(_ month: Day) -> String { ([4, 8, 10].contains(month.month) ? "d'" : "de ") + monthName(month) }

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
        var liquidity = ReportTable(title: "Liquidité au \(period.to.french)", columns: [
            ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"), .amount("Montant", key: "montant"),
            ReportColumn("Mois couverts", key: "couverture")])
        func covered(_ amount: Money) -> Cell { cover(amount).map { .text(Tresorerie.words($0)) } ?? .empty }
        liquidity.rows.append(ReportRow([.text(AccountGroup.treasury.joined(separator: ", ")), "Trésorerie (banques et caisse)", .amount(closing), covered(closing)]))
        for p in receivables { liquidity.rows.append(ReportRow([.account(p.group), .text("Créances : \(p.label)"), .amount(p.amount), .empty])) }
        for p in debts { liquidity.rows.append(ReportRow([.account(p.group), .text("Dettes : \(p.label)"), .amount(-p.amount), .empty])) }
        liquidity.rows.append(ReportRow(["", "Trésorerie + créances − dettes", .amount(position), covered(position)], style: .total))
        if let rate { liquidity.rows.append(ReportRow(["", "Consommation par mois", .amount(rate.perMonth), .empty])) }
        var notes = ["Trésorerie au \(period.to.french) : \(closing) € (au \(period.from.french) : \(opening) €, variation \(closing - opening) €)."]
        if let p = previousClosing { notes.append("Clôture de l'exercice précédent : \(p) €.") }
        if let t = transfersSentence() { notes.append(t) }
        notes.append(lowPointSentence())
        notes.append(rateSentence())
        if let c = coverSentence() { notes.append(c) }
        notes += alerts()
        return ReportDocument(title: title, subtitle: subtitle, tables: [summary, monthly, liquidity], notes: notes)
    }
}
