import Ledger

/// Budget prévisionnel against réalisé, by poste: at the end of the exercice, or during it
/// (prorata of the budget to date, projection to the end).
public struct BudgetReport: Sendable {
    public enum Seasonality: String, Sendable {
        /// The budget spreads evenly over the exercice's days.
        case linear = "lineaire"
        /// It follows last exercice's month-by-month profile of each poste (when there is one).
        case previousYear = "n-1"
    }

    public struct Line: Sendable, Equatable {
        public let label: String
        public let side: Budget.Side
        /// nil for the « hors budget » lines.
        public let prevu: Money?
        /// What the budget planned by the report's date; nil at the end of the exercice.
        public let prorata: Money?
        /// nil for a poste with no account (reserves): it has no réalisé.
        public let realise: Money?
        /// Réalisé extrapolated to the end of the exercice; nil at its end.
        public let projection: Money?
        public let project: String?
        public let remark: String?

        public var isOutsideBudget: Bool { prevu == nil }
        /// Dépense heading over its budget, or recette under it, at the end of the exercice.
        public var isAtRisk: Bool {
            guard let p = prevu, let r = projection ?? realise, realise != nil else { return false }
            return side == .depense ? r > p : r < p
        }
    }

    public let budget: Budget
    public let asOf: Day
    /// Days of the exercice elapsed by `asOf`, and its length in days.
    public let elapsedDays: Int
    public let totalDays: Int
    public let seasonality: Seasonality
    public let lines: [Line]
    /// What still waits on 471, when the report covers the whole association.
    public let waiting: Waiting?

    public var isComplete: Bool { elapsedDays >= totalDays }

    public init(_ ledger: some LedgerQueries, budget: Budget, asOf: Day? = nil, seasonality: Seasonality = .linear,
                project: String? = nil) throws {
        let e = budget.exercice
        let day = min(max(asOf ?? e.end, e.start), e.end)
        self.budget = budget
        self.asOf = day
        self.seasonality = seasonality
        totalDays = e.start.daysThrough(e.end)
        elapsedDays = e.start.daysThrough(day)
        let postes = budget.postes.filter { project == nil || $0.project == project }
        let scoped = Budget(exercice: e, version: budget.version, postes: postes)
        let filter: ProjectFilter = project.map { .code($0) } ?? .all
        waiting = project == nil ? try Waiting(ledger, from: e.start, to: day) : nil

        // Réalisé of each poste, and what no poste covers, by side.
        func realised(from: Day, to: Day) throws -> (perPoste: [Money], outside: [Budget.Side: Money]) {
            var perPoste = Array(repeating: Money.zero, count: postes.count)
            var outside: [Budget.Side: Money] = [.depense: .zero, .recette: .zero]
            let totals = try ledger.totals(TotalsQuery(from: from, to: to, project: filter, groupByProject: true,
                                                       accountPrefixes: AccountNature.prefixes(.charge, .produit), openings: .exclude))
            for t in totals {
                let side: Budget.Side = t.account.nature == .charge ? .depense : .recette
                let amount = side == .depense ? t.debit - t.credit : t.credit - t.debit
                if let i = scoped.poste(for: t.account, project: t.project) {
                    perPoste[i] += amount
                } else {
                    outside[side, default: .zero] += amount
                }
            }
            return (perPoste, outside)
        }
        let now = try realised(from: e.start, to: day)

        // For the prorata by last year's profile: each poste's share of its N-1 réalisé reached
        // by the same point of the previous exercice.
        var shares: [(part: Money, whole: Money)?] = Array(repeating: nil, count: postes.count)
        if seasonality == .previousYear, day < e.end, let previous = try ledger.catalog().previous(e) {
            let months = (e.start.year - previous.start.year) * 12 + e.start.month - previous.start.month
            let part = try realised(from: previous.start, to: min(day.adding(months: -months), previous.end))
            let whole = try realised(from: previous.start, to: previous.end)
            for i in postes.indices where whole.perPoste[i].cents > 0 {
                shares[i] = (part.perPoste[i], whole.perPoste[i])
            }
        }
        let complete = elapsedDays >= totalDays
        let (elapsed, total) = (Int64(elapsedDays), Int64(totalDays))
        // Amount × amount: on 128 bits, an error when the result is beyond any amount.
        func scale(_ m: Money, _ num: Int64, _ den: Int64) throws -> Money { den == 0 ? m : try m.scaled(by: num, over: den) }
        var lines: [Line] = try postes.enumerated().map { i, p in
            let hasAccounts = !p.accounts.isEmpty
            var prorata: Money? = nil, projection: Money? = nil
            if !complete {
                if let s = shares[i] {
                    prorata = try scale(p.amount, s.part.cents, s.whole.cents)
                    projection = s.part.cents > 0 ? try scale(now.perPoste[i], s.whole.cents, s.part.cents) : now.perPoste[i]
                } else {
                    prorata = try scale(p.amount, elapsed, total)
                    projection = try scale(now.perPoste[i], total, elapsed)
                }
                if !hasAccounts { projection = nil }
            }
            return Line(label: p.label, side: p.side, prevu: p.amount, prorata: prorata, realise: hasAccounts ? now.perPoste[i] : nil,
                        projection: projection, project: p.project, remark: p.remark)
        }
        for side in Budget.Side.allCases {
            let amount = now.outside[side] ?? .zero
            if amount.isZero { continue }
            lines.append(Line(label: "Hors budget", side: side, prevu: nil, prorata: nil, realise: amount,
                              projection: complete ? nil : try scale(amount, total, elapsed), project: nil, remark: nil))
        }
        self.lines = lines
    }

    public func prevu(_ side: Budget.Side) -> Money { Money.sum(lines.filter { $0.side == side }.compactMap(\.prevu)) }
    public func realise(_ side: Budget.Side) -> Money { Money.sum(lines.filter { $0.side == side }.compactMap(\.realise)) }
    public func prorata(_ side: Budget.Side) -> Money { Money.sum(lines.filter { $0.side == side }.compactMap(\.prorata)) }

    public func document(title: String, subtitle: [String]) -> ReportDocument {
        var tables: [ReportTable] = []
        for side in Budget.Side.allCases {
            var columns = [ReportColumn("Poste", key: "poste"), .amount("Prévu", key: "prevu")]
            if !isComplete { columns.append(.amount("Prévu à date", key: "prevu_a_date")) }
            // Écart is réalisé minus prévu on both sides: a dépense's is bad news when positive.
            columns += [.amount("Réalisé", key: "realise"), ReportColumn("Écart", key: "ecart", .amount, badSign: side == .depense ? .positive : .negative),
                        ReportColumn("% réalisé", key: "pourcentage", .percent)]
            if !isComplete { columns += [.amount("Projection", key: "projection"), ReportColumn("Alerte", key: "alerte")] }
            columns.append(ReportColumn("Remarque", key: "remarque"))
            var t = ReportTable(title: side.title, columns: columns)
            for l in lines where l.side == side {
                var label = l.label
                if l.realise == nil { label += " (sans compte : prévu seulement)" }
                if let p = l.project { label += " [\(p)]" }
                var cells: [Cell] = [.text(label), l.prevu.map { .amount($0) } ?? .empty]
                if !isComplete { cells.append(l.prorata.map { .amount($0) } ?? .empty) }
                let reference = isComplete ? l.prevu : l.prorata
                cells.append(l.realise.map { .amount($0) } ?? .empty)
                if let r = l.realise, let p = reference { cells.append(.amount(r - p)) } else { cells.append(.empty) }
                if let r = l.realise, let p = l.prevu, let pct = tenthsOfPercent(r, of: p) { cells.append(.percent(pct)) } else { cells.append(.empty) }
                if !isComplete {
                    cells.append(l.projection.map { .amount($0) } ?? .empty)
                    cells.append(.text(l.isAtRisk ? (side == .depense ? "dépassement" : "en retard") : ""))
                }
                cells.append(.text(l.remark ?? (l.isOutsideBudget ? "comptes qu'aucun poste ne couvre" : "")))
                t.rows.append(ReportRow(cells))
            }
            var total: [Cell] = [.text("Total des \(side.title.lowercased())"), .amount(prevu(side))]
            if !isComplete { total.append(.amount(prorata(side))) }
            total += [.amount(realise(side)), .amount(realise(side) - (isComplete ? prevu(side) : prorata(side)))]
            total.append(tenthsOfPercent(realise(side), of: prevu(side)).map { .percent($0) } ?? .empty)
            if !isComplete { total += [.empty, .empty] }
            total.append(.empty)
            t.rows.append(ReportRow(total, style: .total))
            tables.append(t)
        }
        let soldePrevu = prevu(.recette) - prevu(.depense)
        let soldeRealise = realise(.recette) - realise(.depense)
        var notes = [BudgetReport.gapSentence(toDate: !isComplete),
                     "Solde prévu : \(soldePrevu) € ; solde réalisé\(isComplete ? "" : " à date") : \(soldeRealise) €."]
        if !isComplete {
            let how = seasonality == .linear ? "au prorata des jours écoulés" : "selon le profil mensuel de l'exercice précédent quand il existe"
            notes.append("Au \(asOf.french), \(elapsedDays) \(elapsedDays == 1 ? "jour" : "jours") sur \(totalDays) : prévu à date \(how) ; projection du réalisé à la fin de l'exercice.")
            let risky = lines.filter(\.isAtRisk).map(\.label)
            if !risky.isEmpty { notes.append("À surveiller : " + risky.joined(separator: ", ") + ".") }
        }
        if let waiting { notes.append(waiting.note) }
        return ReportDocument(title: title, subtitle: subtitle, tables: tables, notes: notes)
    }
}

extension BudgetReport {
    /// What the sign of an écart means, the same for both sides: a board reads an écart of
    /// -68,00 on a dépense as an overrun unless told.
    static func gapSentence(toDate: Bool) -> String {
        "Écart : réalisé moins prévu\(toDate ? " à date" : ""). Pour une dépense, un écart positif est un dépassement, un écart négatif "
            + "une économie ; pour une recette, un écart négatif est un manque."
    }
}

/// Budget and réalisé per project: a line per project, one for what has no project.
public struct BudgetByProject: Sendable {
    public struct Line: Sendable, Equatable {
        public let title: String
        public let prevuDepenses: Money, prevuRecettes: Money, realiseDepenses: Money, realiseRecettes: Money
    }
    public let lines: [Line]

    public init(_ ledger: some LedgerQueries, budget: Budget, asOf: Day? = nil) throws {
        let catalog = try ledger.catalog()
        let e = budget.exercice
        let totals = try ledger.totals(TotalsQuery(from: e.start, to: min(asOf ?? e.end, e.end), groupByProject: true,
                                                   accountPrefixes: AccountNature.prefixes(.charge, .produit), openings: .exclude))
        let codes = Set(budget.postes.compactMap(\.project)).union(totals.compactMap(\.project)).sorted()
        func line(_ title: String, _ code: String?) -> Line {
            let postes = budget.postes.filter { $0.project == code }
            let mine = totals.filter { $0.project == code }
            return Line(title: title,
                        prevuDepenses: Money.sum(postes.filter { $0.side == .depense }.map(\.amount)),
                        prevuRecettes: Money.sum(postes.filter { $0.side == .recette }.map(\.amount)),
                        realiseDepenses: Money.sum(mine.filter { $0.account.nature == .charge }.map { $0.debit - $0.credit }),
                        realiseRecettes: Money.sum(mine.filter { $0.account.nature == .produit }.map { $0.credit - $0.debit }))
        }
        lines = codes.map { line(catalog.projects[$0]?.name ?? $0, $0) } + [line("Sans projet", nil)]
    }

    public func document(title: String, subtitle: [String]) -> ReportDocument {
        var t = ReportTable(columns: [ReportColumn("Projet", key: "projet"), .amount("Dépenses prévues", key: "depenses_prevues"),
                                      .amount("Dépenses réalisées", key: "depenses_realisees"), .amount("Recettes prévues", key: "recettes_prevues"),
                                      .amount("Recettes réalisées", key: "recettes_realisees"), .amount("Solde prévu", key: "solde_prevu"),
                                      .amount("Solde réalisé", key: "solde_realise")])
        func cells(_ l: Line) -> [Cell] {
            [.amount(l.prevuDepenses), .amount(l.realiseDepenses), .amount(l.prevuRecettes), .amount(l.realiseRecettes),
             .amount(l.prevuRecettes - l.prevuDepenses), .amount(l.realiseRecettes - l.realiseDepenses)]
        }
        for l in lines { t.rows.append(ReportRow([.text(l.title)] + cells(l))) }
        let total = Line(title: "Total", prevuDepenses: Money.sum(lines.map(\.prevuDepenses)), prevuRecettes: Money.sum(lines.map(\.prevuRecettes)),
                         realiseDepenses: Money.sum(lines.map(\.realiseDepenses)), realiseRecettes: Money.sum(lines.map(\.realiseRecettes)))
        t.rows.append(ReportRow([.text("Total")] + cells(total), style: .total))
        return ReportDocument(title: title, subtitle: subtitle, tables: [t])
    }
}

extension Budget {
    /// A starter budget for the next exercice, from this budget's postes and the réalisé of its
    /// exercice: each poste at its réalisé (whole euros), postes without account at their
    /// prévu, and a poste for each account no poste covered. When the next exercice follows a
    /// new chart (`chart`, PCA 2025), accounts it replaced give way to their replacement
    /// (6713 → 6571), named as that chart names them.
    public static func starter(from budget: Budget, ledger: some LedgerQueries, chart: ChartVersion) throws -> [Poste] {
        let report = try BudgetReport(ledger, budget: budget)
        let catalog = try ledger.catalog()
        let replaced = catalog.charts[chart]?.replaced ?? [:]
        let year = budget.exercice.label
        func euros(_ m: Money) -> Money { Money(cents: max(0, (m.cents + 50) / 100 * 100)) }
        /// The account the next exercice uses instead, and the words that say so.
        func renewed(_ account: String) -> (account: String, note: String?) {
            guard let r = replaced[AccountNumber(trusted: account)], let new = r.new else { return (account, nil) }
            return (new, "\(account) devient \(new)")
        }
        var postes: [Poste] = []
        for (source, l) in zip(budget.postes, report.lines) {
            var accounts: [String] = [], notes: [String] = []
            for a in source.accounts {
                let (account, note) = renewed(a)
                if !accounts.contains(account) { accounts.append(account) }
                if let note { notes.append(note) }
            }
            let remark = "prévu \(year) : \(source.amount.roundedEuros) €" + (l.realise.map { ", réalisé \(year) : \($0.roundedEuros) €" } ?? "")
                + notes.map { ", \($0)" }.joined()
            postes.append(Poste(label: source.label, side: source.side, amount: l.realise.map(euros) ?? source.amount,
                                accounts: accounts, project: source.project, remark: remark))
        }
        let totals = try ledger.totals(TotalsQuery(from: budget.exercice.start, to: budget.exercice.end, groupByProject: true,
                                                   accountPrefixes: AccountNature.prefixes(.charge, .produit), openings: .exclude))
        // Accounts no poste covered, by the account the next exercice uses.
        var outside: [String: (amount: Money, from: [String])] = [:]
        for t in totals where budget.poste(for: t.account, project: t.project) == nil {
            let amount = t.account.nature == .charge ? t.debit - t.credit : t.credit - t.debit
            let account = renewed(t.account.text).account
            var o = outside[account] ?? (.zero, [])
            o.amount += amount
            if account != t.account.text && !o.from.contains(t.account.text) { o.from.append(t.account.text) }
            outside[account] = o
        }
        let next = Budget(exercice: budget.exercice, version: budget.version, postes: postes)
        for (account, o) in outside.sorted(by: { $0.key < $1.key }) {
            let number = AccountNumber(trusted: account)
            let remark = "hors budget \(year) : réalisé \(o.amount.roundedEuros) €"
                + (o.from.isEmpty ? "" : " (\(o.from.joined(separator: " et ")) \(o.from.count > 1 ? "deviennent" : "devient") \(account))")
            // A replacement a poste already covers (6713 → 6571, in a poste of 6571) joins it.
            if let i = next.poste(for: number, project: nil) {
                postes[i].amount += euros(o.amount)
                postes[i].remark = (postes[i].remark.map { $0 + ", " } ?? "") + remark
                continue
            }
            postes.append(Poste(label: catalog.label(of: number, in: chart), side: number.nature == .charge ? .depense : .recette,
                                amount: euros(o.amount), accounts: [account], remark: remark))
        }
        return postes
    }
}
