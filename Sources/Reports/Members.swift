import Ledger

/// The members (`compta adherents`): the tiers with a cotisation (756) in a period, whether each
/// is « à jour » on a day under the association's rule, those who paid before and not in the
/// period (`--anciens`), and the figures an AG asks for, beside the previous exercice's.
public struct Members: Sendable {
    /// One tiers with cotisations, counted for the tiers it is today (merges followed).
    public struct Member: Sendable, Equatable {
        public let tiers: LineTiers
        /// The last cotisation up to the day of standing: its day and amount.
        public let lastDay: Day
        public let lastAmount: Money
        /// Cotisations received in the period (credits less debits).
        public let paid: Money
        /// Whether a cotisation of the period's tiers counts on the day of standing.
        public let isUpToDate: Bool
    }

    /// What an AG is told about one period's members.
    public struct Figures: Sendable, Equatable {
        public let members: Int
        /// Members with no cotisation before the period.
        public let new: Int
        /// Members of the previous exercice without a cotisation in the period.
        public let notRenewed: Int
        public let total: Money
        /// The middle of what each member paid in the period (prix libre); nil without members.
        public let median: Money?
    }

    public let period: Period
    public let rule: MembershipRule
    /// The day « à jour » is judged on.
    public let standing: Day
    /// By code.
    public let members: [Member]
    /// Those who paid before the period and not in it, by code.
    public let former: [Member]
    public let figures: Figures
    /// The previous exercice's figures (the whole exercice), when there is one.
    public let previous: (exercice: Exercice, figures: Figures)?

    /// `standing`: the day « à jour » is judged on (the day asked, or today).
    public init(_ ledger: some LedgerQueries, period: Period, standing: Day, rule: MembershipRule) throws {
        let catalog = try ledger.catalog()
        let byTiers = try ledger.tiersAmounts(prefix: AccountGroup.cotisations, to: max(period.to, standing))
        // Under the exercice rule, a cotisation counts in the exercice of the day (or the last one begun).
        let standingExercice = catalog.exercice(containing: standing)
        func upToDate(_ amounts: [DatedAmount]) -> Bool {
            switch rule {
            case .exercice: amounts.contains { a in standingExercice.map { $0.start <= a.date && a.date <= standing } ?? false }
            case .twelveMonths: amounts.contains { $0.date <= standing && standing < $0.date.adding(months: 12) }
            }
        }
        var members: [Member] = [], former: [Member] = []
        for (tiers, known) in byTiers {
            guard let last = known.last(where: { $0.date <= period.to }) else { continue }
            let (inPeriod, paid) = Members.paidBetween(known, from: period.from, to: period.to)
            let member = Member(tiers: tiers, lastDay: last.date, lastAmount: last.amount, paid: paid, isUpToDate: upToDate(known))
            if inPeriod == 0 { former.append(member) } else { members.append(member) }
        }
        self.period = period
        self.rule = rule
        self.standing = standing
        self.members = members
        self.former = former
        figures = Members.figures(byTiers, from: period.from, to: period.to, previous: catalog.previous(period.exercice))
        previous = catalog.previous(period.exercice).map { e in
            (e, Members.figures(byTiers, from: e.start, to: e.end, previous: catalog.previous(e)))
        }
    }

    private static func figures(_ byTiers: [(tiers: LineTiers, amounts: [DatedAmount])], from: Day, to: Day, previous: Exercice?) -> Figures {
        var count = 0, new = 0, notRenewed = 0
        var paid: [Money] = []
        for (_, lines) in byTiers {
            let (inPeriod, sum) = paidBetween(lines, from: from, to: to)
            let before = lines.contains { $0.date < from }
            if inPeriod == 0 {
                if let previous, lines.contains(where: { previous.start <= $0.date && $0.date <= previous.end }) { notRenewed += 1 }
                continue
            }
            count += 1
            if !before { new += 1 }
            paid.append(sum)
        }
        return Figures(members: count, new: new, notRenewed: notRenewed, total: Money.sum(paid), median: median(paid))
    }

    /// How many of `amounts` fall between `from` and `to`, and their sum (no array made: a
    /// listing asks it of every tiers).
    private static func paidBetween(_ amounts: [DatedAmount], from: Day, to: Day) -> (count: Int, sum: Money) {
        var count = 0, sum = Money.zero
        for a in amounts where from <= a.date && a.date <= to {
            count += 1
            sum = sum + a.amount
        }
        return (count, sum)
    }

    /// The middle amount; of an even count, halfway between the two middle ones, half a cent up.
    static func median(_ amounts: [Money]) -> Money? {
        guard !amounts.isEmpty else { return nil }
        let sorted = amounts.map(\.cents).sorted()
        let upper = sorted[sorted.count / 2]
        if sorted.count % 2 == 1 { return Money(cents: upper) }
        let lower = sorted[sorted.count / 2 - 1]
        return Money(cents: lower + (roundedDivision(upper - lower, by: 2) ?? 0))
    }

    var ruleWords: String {
        switch rule {
        case .exercice: "une cotisation dans l'exercice"
        case .twelveMonths: "une cotisation dans les 12 mois"
        }
    }

    /// The members, or with `former` those who paid before and not in the period.
    public func document(association: String, former showsFormer: Bool = false) -> ReportDocument {
        let listed = showsFormer ? former : members
        var columns = [ReportColumn("Code", key: "code"), ReportColumn("Nom", key: "nom"),
                       ReportColumn("Dernière cotisation", key: "derniere_cotisation"), .amount("Montant", key: "montant")]
        if !showsFormer { columns.append(.amount("Total période", key: "total_periode")) }
        columns.append(ReportColumn("À jour au \(standing.french)", key: "a_jour"))
        var table = ReportTable(columns: columns)
        table.rows = listed.map { m in
            ReportRow([.text(m.tiers.code), .text(m.tiers.name), .date(m.lastDay), .amount(m.lastAmount)]
                      + (showsFormer ? [] : [.amount(m.paid)]) + [.flag(m.isUpToDate)])
        }
        let subtitle = [association, period.caption, "Adhésion : \(ruleWords) (compta association --adhesion exercice|12-mois)"]
        if showsFormer {
            let notes = former.isEmpty ? ["Aucun ancien adhérent : chaque tiers qui a cotisé avant la période a cotisé pendant."]
                : ["\(former.count) ancien\(former.count > 1 ? "s" : "") adhérent\(former.count > 1 ? "s" : "") : une cotisation avant le \(period.from.french), aucune depuis."]
            return ReportDocument(title: "Anciens adhérents", subtitle: subtitle, tables: former.isEmpty ? [] : [table], notes: notes)
        }
        guard !members.isEmpty else {
            return ReportDocument(title: "Adhérents", subtitle: subtitle, notes: [
                "Aucune cotisation avec un tiers sur la période. Une cotisation porte son adhérent : "
                + "compta saisir DATE \"Cotisation\" 512=30 756=-30 --tiers \"Léa Martin\"."])
        }
        return ReportDocument(title: "Adhérents", subtitle: subtitle, tables: [table], notes: notes)
    }

    /// Whether the ledger knows members in the period or in the previous exercice.
    public var isEmpty: Bool { figures.members == 0 && (previous?.figures.members ?? 0) == 0 }

    /// The AG's figures as a table, the previous exercice beside: counts and amounts, no names
    /// (the AG document is read beyond the board; the list stays with `compta adherents`).
    public func figuresTable(title: String) -> ReportTable {
        let all = [(title, figures)] + (previous.map { [($0.exercice.label, $0.figures)] } ?? [])
        var table = ReportTable(columns: [ReportColumn("", key: "chiffre")]
            + all.enumerated().map { i, c in ReportColumn(c.0, key: i == 0 ? "n" : "n1", .number) })
        func row(_ label: String, _ cell: (Figures) -> Cell) { table.rows.append(ReportRow([.text(label)] + all.map { cell($0.1) })) }
        row("Adhérents") { .number($0.members) }
        row("dont nouveaux") { .number($0.new) }
        row("Non renouvelés") { .number($0.notRenewed) }
        row("Cotisations des adhérents (€)") { .amount($0.total) }
        row("Cotisation médiane (€)") { $0.median.map(Cell.amount) ?? .empty }
        return table
    }

    /// The figures for the AG, each with the previous exercice's beside it.
    var notes: [String] {
        func beside(_ value: (Figures) -> String) -> String {
            previous.map { " (\($0.exercice.label) : \(value($0.figures)))" } ?? ""
        }
        let median = { (f: Figures) in f.median.map { "\($0) €" } ?? "—" }
        return [
            "Adhérents : \(figures.members)\(beside { "\($0.members)" }).",
            "Nouveaux (aucune cotisation avant le \(period.from.french)) : \(figures.new)\(beside { "\($0.new)" }).",
            "Non renouvelés (une cotisation pendant l'exercice précédent, aucune dans la période) : \(figures.notRenewed)\(beside { "\($0.notRenewed)" }).",
            "Cotisations : \(figures.total) € au total\(beside { "\($0.total) €" }), médiane \(median(figures))\(beside(median)).",
        ]
    }
}

extension Members: LedgerReport {
    public static let name = "adherents"
    /// « À jour » judged today, or on the last day of an exercice past.
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try Members(ledger, period: request.period, standing: min(request.today, request.period.to), rule: ledger.association().membership)
            .document(association: ledger.associationName())
    }
}
