import Ledger

/// What every report is asked for through `LedgerReport`: the period it covers (the caller
/// decides whether it stops at today), the day it is made, and the head of the hash chain.
public struct ReportRequest: Sendable {
    public var period: Period
    public var today: Day
    /// The fingerprint the AG document prints (`Store.chainHead`): nil leaves it out.
    public var chainHead: Chain.Anchor?

    public init(period: Period, today: Day, chainHead: Chain.Anchor? = nil) {
        self.period = period
        self.today = today
        self.chainHead = chainHead
    }

    /// What a site shows of `exercice` on `today`: the whole exercice once ended, up to today
    /// while it runs.
    public static func presenting(_ exercice: Exercice, today: Day, chainHead: Chain.Anchor? = nil) throws -> ReportRequest {
        ReportRequest(period: try Period(exercice: exercice).until(today), today: today, chainHead: chainHead)
    }
}

/// The one entry point every report offers, with its default options: a site makes its pages
/// by looping over `ledgerReports`, and the CLI's commands without options of their own call
/// it too. A new report conforms here and joins the list.
public protocol LedgerReport: SendableMetatype {
    /// Its name in addresses, as the CLI's command (`balance`, `rapport-ag`).
    static var name: String { get }
    /// Nil when the ledger has nothing for it (no budget for the exercice).
    static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument?
}

/// Every report of an exercice, in the order a site lists them.
public let ledgerReports: [any LedgerReport.Type] = [
    BilanFinancier.self, CompteDeResultat.self, Bilan.self, FondsDedies.self, Tresorerie.self, BudgetReport.self,
    Balance.self, JournalBook.self, GrandLivre.self,
]

/// The bank's side of the ledger, whatever the period: what waits in 471 (of every exercice),
/// the statements imported, the rules. A site lists them after `ledgerReports`.
public let bankReports: [any LedgerReport.Type] = [WaitingLines.self, ImportedStatements.self, RuleList.self, PointageReport.self]

extension BilanFinancier: LedgerReport {
    public static let name = "rapport-ag"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try BilanFinancier(ledger, exercice: request.period.exercice, generatedOn: request.today, fingerprint: request.chainHead).document
    }
}

extension CompteDeResultat: LedgerReport {
    public static let name = "resultat"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        let period = request.period
        let columns = try FigureColumn.columns(for: period, catalog: ledger.catalog(), comparing: false, ledger: ledger)
        return try CompteDeResultat(ledger, columns: columns, chart: period.exercice.chart)
            .document(model: .parCompte, title: "Compte de résultat", subtitle: [try ledger.associationName(), period.caption],
                      partOfExercice: !period.isWholeExercice)
    }
}

extension Bilan: LedgerReport {
    public static let name = "bilan"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        let period = request.period
        return try Bilan(ledger, period: period)
            .document(title: "Bilan", subtitle: [try ledger.associationName(), "Exercice \(period.exercice.label), au \(period.to.french)"])
    }
}

extension Tresorerie: LedgerReport {
    public static let name = "tresorerie"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try Tresorerie(ledger, period: request.period)
            .document(title: "Trésorerie", subtitle: [try ledger.associationName(), request.period.caption])
    }
}

extension BudgetReport: LedgerReport {
    public static let name = "budget"
    /// The latest budget of the exercice; during the exercice, at today's date.
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        let exercice = request.period.exercice
        guard let budget = try ledger.budget(exercice, version: nil) else { return nil }
        let asOf = exercice.isInProgress(on: request.today) ? request.today : nil
        return try BudgetReport(ledger, budget: budget, asOf: asOf)
            .document(title: "Budget prévisionnel et réalisé", subtitle: subtitle(try ledger.associationName(), exercice: exercice, budget: budget, asOf: asOf))
    }

    /// « Exercice 2024, budget « voté » », and the day of a budget during its exercice.
    public static func subtitle(_ association: String, exercice: Exercice, budget: Budget, asOf: Day?) -> [String] {
        [association, "Exercice \(exercice.label), budget « \(budget.version) »"] + (asOf.map { ["Au \($0.french)"] } ?? [])
    }
}

extension Balance: LedgerReport {
    public static let name = "balance"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try Balance(ledger, period: request.period).document(association: try ledger.associationName())
    }
}

extension JournalBook: LedgerReport {
    public static let name = "journal"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try JournalBook(ledger, period: request.period).document(association: try ledger.associationName())
    }
}

extension GrandLivre: LedgerReport {
    public static let name = "grand-livre"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try GrandLivre(ledger, period: request.period).document(association: try ledger.associationName())
    }
}

extension PointageReport: LedgerReport {
    public static let name = "pointage"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try PointageReport(ledger).document(association: try ledger.associationName())
    }
}

extension WaitingLines: LedgerReport {
    public static let name = "attente"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try WaitingLines(ledger).document(association: try ledger.associationName())
    }
}

extension ImportedStatements: LedgerReport {
    public static let name = "releves"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try ImportedStatements(ledger).document(association: try ledger.associationName())
    }
}

extension RuleList: LedgerReport {
    public static let name = "regles"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        try RuleList(ledger).document(association: try ledger.associationName())
    }
}
