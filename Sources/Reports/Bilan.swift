import Ledger

/// The balance sheet at one or several dates (N, N-1), in the simplified layout of the
/// associations' model: each balance-sheet account on the side of its balance, the result of the
/// exercice (not yet closed) in the fonds propres.
public struct Bilan: Sendable {
    public struct Column: Sendable, Equatable {
        public let title: String
        public let key: String
        public let date: Day
        public let exercice: Exercice
    }

    public struct Line: Sendable, Equatable {
        public let code: String
        public let kind: LayoutLine.Kind
        public let label: String
        public let values: [Money]
    }

    /// The layout's line of the total of the fonds propres: the association's net worth.
    public static let netWorthLine = "TFP"

    public let columns: [Column]
    public let lines: [Line]
    /// Result of the exercice to each date (classes 7 − 6): « Excédent ou déficit de l'exercice ».
    public let results: [Money]
    /// Results of earlier exercices never closed, included in « Résultat en instance
    /// d'affectation » with those of closed exercices still on 120 or 129.
    public let earlierResults: [Money]

    /// The balance sheet at the end of `period`, and at the end of the previous exercice if the
    /// ledger has it.
    public init(_ ledger: some LedgerQueries, period: Period) throws {
        var columns = [Column(title: period.to.french, key: "n", date: period.to, exercice: period.exercice)]
        if let previous = try ledger.catalog().previous(period.exercice) {
            columns.append(Column(title: previous.end.french, key: "n1", date: previous.end, exercice: previous))
        }
        try self.init(ledger, columns: columns)
    }

    init(_ ledger: some LedgerQueries, columns: [Column]) throws {
        let layout = try PlanComptableData.layout("bilan")
        let actif = layout.filter { $0.kind == .actif }, passif = layout.filter { $0.kind == .passif }
        var values: [String: [Money]] = [:]
        var results: [Money] = [], earlier: [Money] = []
        func add(_ code: String, _ i: Int, _ m: Money) {
            var v = values[code] ?? Array(repeating: .zero, count: columns.count)
            v[i] += m
            values[code] = v
        }
        for (i, c) in columns.enumerated() {
            let base = try ledger.balanceBase(for: c.exercice)
            let balances = try ledger.totals(TotalsQuery(from: base, to: c.date, accountPrefixes: AccountNature.bilan.prefixes))
            for t in balances where !t.balance.isZero {
                let debit = t.balance.cents > 0
                if let line = CompteDeResultat.line(for: t.account, in: debit ? actif : passif) {
                    add(line.code, i, debit ? t.balance : -t.balance)
                } else if let line = CompteDeResultat.line(for: t.account, in: debit ? passif : actif) {
                    add(line.code, i, debit ? -t.balance : t.balance)
                } else {
                    add(debit ? "AC3" : "DE6", i, t.balance.magnitude)
                }
            }
            func result(_ from: Day, _ to: Day) throws -> Money {
                guard from <= to else { return .zero }
                let t = try ledger.totals(TotalsQuery(from: from, to: to, accountPrefixes: AccountNature.prefixes(.charge, .produit)))
                return Money.sum(t.map { $0.credit - $0.debit })
            }
            let current = try result(c.exercice.start, c.date)
            let before = try result(base, c.exercice.start.adding(days: -1))
            add("FP6", i, current)
            add("FP5A", i, before)
            results.append(current)
            earlier.append(before)
        }
        for l in layout where l.kind == .total {
            values[l.code] = columns.indices.map { i in Money.sum(l.terms.map { values[$0]?[i] ?? .zero }) }
        }
        self.columns = columns
        self.results = results
        self.earlierResults = earlier
        self.lines = layout.map { Line(code: $0.code, kind: $0.kind, label: $0.label,
                                       values: values[$0.code] ?? Array(repeating: .zero, count: columns.count)) }
    }

    public func value(_ code: String) -> [Money] { lines.first { $0.code == code }?.values ?? [] }
    public var totalActif: [Money] { value("TA") }
    public var totalPassif: [Money] { value("TP") }

    public func document(title: String, subtitle: [String]) -> ReportDocument {
        var actif = ReportTable(title: "Actif", columns: [ReportColumn("", key: "ligne")] + columns.map { .amount($0.title, key: $0.key) })
        var passif = ReportTable(title: "Passif", columns: actif.columns)
        var target = 0
        var sectionEmpty = false
        for (index, l) in lines.enumerated() {
            if l.code == "SFP" { target = 1 }
            let empty = l.values.allSatisfy(\.isZero)
            let row: ReportRow
            switch l.kind {
            case .section:
                // A section without any amount is left out, heading and total.
                let members = lines[(index + 1)...].prefix { $0.kind == .actif || $0.kind == .passif }
                sectionEmpty = members.allSatisfy { $0.values.allSatisfy(\.isZero) }
                if sectionEmpty { continue }
                row = ReportRow([.text(l.label)], style: .heading)
            case .total:
                if sectionEmpty && l.code != "TA" && l.code != "TP" { continue }
                row = ReportRow([.text(l.label)] + l.values.map { .amount($0) }, style: l.code == "TA" || l.code == "TP" ? .total : .subtotal)
            default:
                if empty { continue }
                row = ReportRow([.text(l.label)] + l.values.map { .amount($0) })
            }
            if target == 0 { actif.rows.append(row) } else { passif.rows.append(row) }
        }
        var notes: [String] = []
        for (i, c) in columns.enumerated() {
            let gap = totalActif[i] - totalPassif[i]
            if !gap.isZero {
                notes.append("Au \(c.date.french), l'actif dépasse le passif de \(gap) € (un écart négatif : le passif dépasse l'actif). "
                             + "Cause probable : des contributions volontaires en nature (classe 8) déséquilibrées, ou des écritures hors des classes 1 à 7.")
            }
            let pending = value("FP5A")[i], unclosed = earlierResults[i]
            if !pending.isZero {
                let which = unclosed.isZero ? "" : unclosed == pending ? " non clôturés" : ", dont \(unclosed) € d'exercices non clôturés,"
                notes.append("Au \(c.date.french), \(pending) € de résultats d'exercices antérieurs\(which) attendent la décision de l'assemblée "
                             + "générale sur leur affectation.")
            }
        }
        if notes.isEmpty { notes.append("Total de l'actif = total du passif.") }
        return ReportDocument(title: title, subtitle: subtitle, tables: [actif, passif], notes: notes)
    }
}
