import Ledger

/// One column of figures: a period, for one project or the whole association.
public struct FigureColumn: Hashable, Sendable {
    public let title: String
    /// JSON key.
    public let key: String
    public let from: Day
    public let to: Day
    public let project: ProjectFilter

    public init(title: String, key: String, from: Day, to: Day, project: ProjectFilter = .all) {
        self.title = title
        self.key = key
        self.from = from
        self.to = to
        self.project = project
    }
}

/// The compte de résultat: the balances of classes 6, 7 (and 8, the contributions volontaires
/// en nature) for one or several columns (a period; N and N-1; one per project).
public struct CompteDeResultat: Sendable {
    public enum Model: String, Sendable {
        /// Each account with its own balance, as associations publish it.
        case parCompte = "compte"
        /// The regulatory layout of règlement ANC 2018-06.
        case anc
    }

    /// An account's figures, one per column; positive when it is a charge (class 6, 86) or a
    /// produit (class 7, 87) in the usual direction.
    public struct Row: Sendable, Equatable {
        public let account: AccountNumber
        public let label: String
        public let values: [Money]
    }

    public let columns: [FigureColumn]
    /// Add a column of variation (first column minus second): N against N-1.
    public let showsVariation: Bool
    public let charges: [Row]
    public let produits: [Row]
    public let cvnCharges: [Row]
    public let cvnProduits: [Row]
    /// What still waits on 471 in the first column, when it covers the whole association.
    public let waiting: Waiting?
    let chart: ChartVersion

    public init(_ ledger: some LedgerQueries, columns: [FigureColumn], showsVariation: Bool = false, chart: ChartVersion) throws {
        let catalog = try ledger.catalog()
        var byAccount: [AccountNumber: [Money]] = [:]
        for (i, c) in columns.enumerated() {
            let totals = try ledger.totals(TotalsQuery(from: c.from, to: c.to, project: c.project,
                                                       accountPrefixes: AccountNature.prefixes(.charge, .produit, .contributionEnNature), openings: .exclude))
            for t in totals {
                var v = byAccount[t.account] ?? Array(repeating: .zero, count: columns.count)
                let produit = t.account.nature == .produit || t.account.isUnder(AccountGroup.cvnContributions)
                v[i] = produit ? t.credit - t.debit : t.debit - t.credit
                byAccount[t.account] = v
            }
        }
        func rows(_ keep: (AccountNumber) -> Bool) -> [Row] {
            byAccount.filter { keep($0.key) && $0.value.contains { !$0.isZero } }
                .sorted { $0.key < $1.key }
                .map { Row(account: $0.key, label: catalog.label(of: $0.key, in: chart), values: $0.value) }
        }
        self.columns = columns
        self.showsVariation = showsVariation
        self.chart = chart
        charges = rows { $0.nature == .charge }
        produits = rows { $0.nature == .produit }
        cvnCharges = rows { $0.isUnder(AccountGroup.cvnEmplois) }
        cvnProduits = rows { $0.isUnder(AccountGroup.cvnContributions) }
        waiting = try columns.first.flatMap { $0.project == .all ? try Waiting(ledger, from: $0.from, to: $0.to) : nil }
    }

    func sum(_ rows: [Row]) -> [Money] {
        columns.indices.map { i in Money.sum(rows.map { $0.values[i] }) }
    }

    public var totalCharges: [Money] { sum(charges) }
    public var totalProduits: [Money] { sum(produits) }
    /// Excédent (positive) or déficit (negative), per column.
    public var result: [Money] { zip(totalProduits, totalCharges).map { $0 - $1 } }

    public var isEmpty: Bool { charges.isEmpty && produits.isEmpty && cvnCharges.isEmpty && cvnProduits.isEmpty }

    // MARK: Rendering

    var valueColumns: [ReportColumn] {
        var c = columns.map { ReportColumn.amount($0.title, key: $0.key) }
        if showsVariation { c.append(.amount("Variation", key: "variation")) }
        return c
    }

    /// Amounts of a row, blank where zero (totals show their zeros).
    func cells(_ values: [Money], blankZeros: Bool = false) -> [Cell] {
        var c = values.map { blankZeros ? Cell.nonZero($0) : Cell.amount($0) }
        if showsVariation, values.count >= 2 { c.append(.amount(values[0] - values[1])) }
        return c
    }

    /// "excédent de 6 711,06 €" / "déficit de 120,00 €" / "résultat nul (ni excédent ni déficit)".
    public static func resultWords(_ m: Money) -> String {
        m.isZero ? "résultat nul (ni excédent ni déficit)" : m.isNegative ? "déficit de \(m.magnitude) €" : "excédent de \(m) €"
    }

    /// Whose result the first column gives: « du projet », « de la période », « de l'exercice ».
    func resultSubject(partOfExercice: Bool) -> String {
        columns[0].project != .all ? "du projet" : partOfExercice ? "de la période" : "de l'exercice"
    }

    /// `partOfExercice`: the first column is a part of its exercice (a period, or the exercice
    /// so far), so its result is the period's, and a comparison column is the same part of the
    /// previous exercice, whose dates the notes give.
    public func document(model: Model, title: String, subtitle: [String], partOfExercice: Bool = false) throws -> ReportDocument {
        let tables: [ReportTable]
        var notes: [String] = []
        switch model {
        case .parCompte: tables = byAccountTables(partOfExercice: partOfExercice)
        case .anc:
            let (table, uncovered) = try ancTable()
            tables = [table]
            if !uncovered.isEmpty {
                notes.append("Comptes sans ligne dans le modèle, comptés en « Autres » : " + uncovered.map(\.text).joined(separator: ", ") + ".")
            }
        }
        if isEmpty {
            notes.append("Aucune charge ni aucun produit sur la période.")
        } else if columns.count == 1 || showsVariation {
            notes.append("Résultat \(resultSubject(partOfExercice: partOfExercice)) : \(CompteDeResultat.resultWords(result[0])).")
        }
        if partOfExercice, showsVariation, columns.count > 1 {
            let c = columns[1]
            notes.append("Colonne \(c.title) : la même période de l'exercice précédent, du \(c.from.french) au \(c.to.french).")
        }
        if let waiting { notes.append(waiting.note) }
        return ReportDocument(title: title, subtitle: subtitle, tables: tables, notes: notes)
    }

    func byAccountTables(partOfExercice: Bool = false) -> [ReportTable] {
        func table(_ title: String, _ rows: [Row], total: String) -> ReportTable {
            var t = ReportTable(title: title, columns: [ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle")] + valueColumns)
            for r in rows { t.rows.append(ReportRow([.account(r.account), .text(r.label)] + cells(r.values, blankZeros: true))) }
            t.rows.append(ReportRow(["", .text(total)] + cells(sum(rows)), style: .total))
            return t
        }
        var tables = [table("Charges", charges, total: "Total des charges"), table("Produits", produits, total: "Total des produits")]
        var r = ReportTable(title: "Résultat", columns: [ReportColumn("", key: "ligne")] + valueColumns)
        r.rows.append(ReportRow([.text("Total des produits")] + cells(totalProduits)))
        r.rows.append(ReportRow([.text("Total des charges")] + cells(totalCharges)))
        let label: String
        if columns.count == 1 {
            let of = resultSubject(partOfExercice: partOfExercice)
            label = result[0].isZero ? "Résultat \(of) (nul)" : result[0].isNegative ? "Déficit \(of)" : "Excédent \(of)"
            r.rows.append(ReportRow([.text(label), .amount(result[0].magnitude)], style: .total))
        } else {
            r.rows.append(ReportRow([.text("Résultat : excédent (+) ou déficit (-)")] + cells(result), style: .total))
        }
        tables.append(r)
        if !cvnCharges.isEmpty || !cvnProduits.isEmpty {
            tables.append(table("Contributions volontaires en nature : emplois", cvnCharges, total: "Total des emplois"))
            tables.append(table("Contributions volontaires en nature : ressources", cvnProduits, total: "Total des ressources"))
        }
        return tables
    }

    /// The regulatory layout: each line sums the accounts whose longest prefix it holds.
    func ancTable() throws -> (ReportTable, [AccountNumber]) {
        let layout = try PlanComptableData.resultLayout(chart)
        var values: [String: [Money]] = [:]
        var uncovered: [AccountNumber] = []
        let accountLines = layout.filter { $0.kind == .ligne }
        // An account the chart no longer has (777 in a 2025 layout: the previous exercice's
        // column) goes where its replacement goes (747): the comparative follows the new model.
        let replaced = try PlanComptableData.replacements(introducedBy: chart)
        func add(_ code: String, _ v: [Money]) {
            values[code] = zip(values[code] ?? Array(repeating: .zero, count: columns.count), v).map { $0 + $1 }
        }
        for row in charges + produits + cvnCharges + cvnProduits {
            let placed = replaced[row.account.text]?.new.map { AccountNumber(trusted: $0) } ?? row.account
            if let line = CompteDeResultat.line(for: placed, in: accountLines) {
                add(line.code, row.values)
            } else {
                uncovered.append(row.account)
                add(row.account.nature == .produit || row.account.isUnder(AccountGroup.cvnContributions) ? "PE10" : "CE11", row.values)
            }
            for d in layout where d.kind == .dont && d.terms.contains(where: { placed.isUnder($0) }) {
                add(d.code, row.values)
            }
        }
        // Sums of lines, in file order (a sum uses codes defined above it).
        for l in layout where l.kind == .total || l.kind == .resultat {
            var v = Array(repeating: Money.zero, count: columns.count)
            for term in l.terms {
                let minus = term.hasPrefix("-")
                let code = minus ? String(term.dropFirst()) : term
                for (i, x) in (values[code] ?? v.map { _ in .zero }).enumerated() { v[i] = minus ? v[i] - x : v[i] + x }
            }
            values[l.code] = v
        }
        var table = ReportTable(columns: [ReportColumn("", key: "ligne")] + valueColumns)
        let zero = Array(repeating: Money.zero, count: columns.count)
        let hasCVN = !cvnCharges.isEmpty || !cvnProduits.isEmpty
        for (index, l) in layout.enumerated() {
            let v = values[l.code] ?? zero
            let empty = v.allSatisfy(\.isZero)
            switch l.kind {
            case .section:
                // A section shows when one of its lines has an amount (lines without one are left out).
                let lines = layout[(index + 1)...].prefix { $0.kind == .ligne || $0.kind == .dont }
                if lines.allSatisfy({ (values[$0.code] ?? zero).allSatisfy(\.isZero) }) { continue }
                table.rows.append(ReportRow([.text(l.label)], style: .heading))
            case .ligne, .dont:
                if empty { continue }
                table.rows.append(ReportRow([.text(l.kind == .dont ? "    " + l.label : l.label)] + cells(v, blankZeros: true)))
            case .total, .resultat:
                if (l.code == "TCVP" || l.code == "TCVC") && !hasCVN { continue }
                table.rows.append(ReportRow([.text(l.label)] + cells(v), style: l.kind == .total ? .subtotal : .total))
            case .actif, .passif:
                break
            }
        }
        return (table, uncovered)
    }

    /// The layout line whose account prefixes hold the longest prefix of `account`.
    public static func line(for account: AccountNumber, in lines: [LayoutLine]) -> LayoutLine? {
        var best: (LayoutLine, Int)? = nil
        for l in lines {
            for p in l.terms where account.isUnder(p) && p.count > (best?.1 ?? 0) { best = (l, p.count) }
        }
        return best?.0
    }
}
