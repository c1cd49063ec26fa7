import Ledger

extension FigureColumn {
    /// The columns of a report on `period`: the period alone; or with the same dates of the
    /// previous exercice (N-1); or one column per project that moved, plus « sans projet » and
    /// the total.
    public static func columns(for period: Period, catalog: Catalog, comparing: Bool = false, project: String? = nil,
                               byProject: Bool = false, ledger: some LedgerQueries) throws -> [FigureColumn] {
        let filter: ProjectFilter
        if let project {
            guard catalog.projects[project] != nil else {
                throw ReportError.unknownProject(project, known: catalog.projects.keys.sorted())
            }
            filter = .code(project)
        } else {
            filter = .all
        }
        let main = FigureColumn(title: period.exercice.label, key: "n", from: period.from, to: period.to, project: filter)
        if comparing {
            guard let previous = catalog.previous(period.exercice) else { throw ReportError.noPreviousExercice(period.exercice) }
            // The same part of the previous exercice: whole for whole, else shifted by the exercices' gap.
            let shift = (period.exercice.start.year - previous.start.year) * 12 + period.exercice.start.month - previous.start.month
            let from = period.isWholeExercice ? previous.start : period.from.adding(months: -shift)
            let to = period.isWholeExercice ? previous.end : period.to.adding(months: -shift)
            return [main, FigureColumn(title: previous.label, key: "n1", from: from, to: to, project: filter)]
        }
        guard byProject else { return [main] }
        let moved = try ledger.totals(TotalsQuery(from: period.from, to: period.to, groupByProject: true,
                                                  accountPrefixes: AccountNature.prefixes(.charge, .produit), openings: .exclude))
        let codes = Set(moved.compactMap(\.project)).sorted()
        var columns = codes.map { code in
            FigureColumn(title: catalog.projects[code]?.name ?? code, key: code, from: period.from, to: period.to, project: .code(code))
        }
        columns.append(FigureColumn(title: "Sans projet", key: "sans_projet", from: period.from, to: period.to, project: .none))
        columns.append(FigureColumn(title: "Total", key: "total", from: period.from, to: period.to, project: .all))
        return columns
    }

    /// A project over its whole life (a pluriannual subsidy's account): a column for each
    /// exercice where it has charges or produits, and their total when there are several.
    /// Charges and produits are never carried by à-nouveaux, so a column may span exercices.
    public static func lifetime(of project: String, catalog: Catalog, ledger: some LedgerQueries) throws -> [FigureColumn] {
        guard catalog.projects[project] != nil else { throw ReportError.unknownProject(project, known: catalog.projects.keys.sorted()) }
        let years = try catalog.exercices.filter { e in
            try !ledger.totals(TotalsQuery(from: e.start, to: e.end, project: .code(project), accountPrefixes: AccountNature.prefixes(.charge, .produit, .contributionEnNature),
                                           openings: .exclude)).isEmpty
        }
        guard let first = years.first, let last = years.last else { throw ReportError.projectWithoutFigures(project) }
        var columns = years.map { FigureColumn(title: $0.label, key: "exercice_\($0.label)", from: $0.start, to: $0.end, project: .code(project)) }
        if years.count > 1 { columns.append(FigureColumn(title: "Total", key: "total", from: first.start, to: last.end, project: .code(project))) }
        return columns
    }
}
