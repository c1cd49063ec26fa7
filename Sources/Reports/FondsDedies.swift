import Ledger

/// The annex's follow-up of the fonds dédiés (ANC 2018-06): per family of restricted resources
/// and per project, the fund at the opening, the reports of the exercice (689), the
/// utilisations (789), the transfers, the fund at the closing; and the funds nothing used in
/// the last two exercices, flagged. Its total at the closing is the bilan's « Fonds dédiés ».
public struct FondsDedies: Sendable {
    public let exercice: Exercice
    /// The rows: every (family, project) with a fund or a movement.
    public let movements: [FundMovement]
    /// The funds still open at the closing that nothing used in this exercice nor the one
    /// before, and that were already open at the start of that one.
    public let dormant: Set<FundMovement.Key>
    let projects: [String: Project]

    public init(_ ledger: some LedgerQueries, exercice: Exercice) throws {
        self.exercice = exercice
        let catalog = try ledger.catalog()
        projects = catalog.projects
        movements = try DedicatedFunds.movements(ledger, exercice: exercice).filter { !$0.isEmpty }
        guard let previous = catalog.previous(exercice) else { dormant = []; return }
        let before = try DedicatedFunds.movements(ledger, exercice: previous)
        dormant = Set(movements.filter { m in
            m.closing > .zero && m.utilisations.isZero
                && before.contains { $0.family == m.family && $0.project == m.project && $0.opening > .zero && $0.utilisations.isZero }
        }.map(\.key))
    }

    /// The fonds dédiés at the closing, every family.
    public var total: Money { Money.sum(movements.map(\.closing)) }

    public func document(title: String, subtitle: [String]) -> ReportDocument {
        var blocks: [Block] = []
        for family in FundFamily.allCases {
            let rows = movements.filter { $0.family == family }
            guard !rows.isEmpty else { continue }
            var t = ReportTable(title: family.title, columns: [
                ReportColumn("Projet", key: "projet"), ReportColumn("Nom", key: "nom"),
                .amount("À l'ouverture", key: "ouverture"), .amount("Reports (\(family.report))", key: "reports"),
                .amount("Utilisations (\(family.utilisation))", key: "utilisations"), .amount("Transferts", key: "transferts"),
                .amount("À la clôture", key: "cloture"), ReportColumn("Sans utilisation depuis deux exercices", key: "sans_utilisation"),
            ])
            for m in rows {
                let flagged = dormant.contains(m.key)
                t.rows.append(ReportRow([.text(m.project ?? "(sans projet)"), .text(m.project.flatMap { projects[$0]?.name } ?? ""),
                                         .amount(m.opening), .amount(m.reports), .amount(m.utilisations), .amount(m.transfers),
                                         .amount(m.closing), .text(flagged ? "oui" : "")]))
            }
            t.rows.append(ReportRow([.text("Total"), "", .amount(Money.sum(rows.map(\.opening))), .amount(Money.sum(rows.map(\.reports))),
                                     .amount(Money.sum(rows.map(\.utilisations))), .amount(Money.sum(rows.map(\.transfers))),
                                     .amount(Money.sum(rows.map(\.closing))), ""], style: .total))
            blocks.append(.table(t))
        }
        if movements.isEmpty {
            let marked = projects.values.filter { $0.fundFamily != nil }.map(\.code).sorted()
            if marked.isEmpty {
                blocks.append(.paragraph(Inline("Aucun fonds dédié en \(exercice.label). Un projet financé par des ressources affectées (une subvention, "
                    + "la contribution d'un autre organisme, des dons reçus pour lui) se marque : compta projets modifier CODE --fonds-dedies subvention ; "
                    + "à la clôture, compta fonds-dedies calculer --exercice \(exercice.label) en reporte la part non utilisée.")))
            } else {
                // A marked project whose computation was never written reads as « nothing to do » otherwise.
                blocks.append(.paragraph(Inline("Aucun fonds dédié écrit en \(exercice.label), ni report ni utilisation, pour "
                    + (marked.count == 1 ? "le projet marqué " : "les projets marqués ") + marked.joined(separator: ", ")
                    + ". Le calcul de l'exercice : compta fonds-dedies calculer --exercice \(exercice.label) (il montre les montants, "
                    + "--confirmer les écrit).")))
            }
            return ReportDocument(title: title, subtitle: subtitle, blocks: blocks)
        }
        blocks.append(.paragraph("Fonds dédiés au \(exercice.end.french) : \(strong: "\(total) €"), au passif du bilan (« Fonds dédiés »)."))
        if !dormant.isEmpty {
            blocks.append(.paragraph(Inline("« oui » : un fonds que rien n'a utilisé au cours des deux derniers exercices ; l'annexe le signale, "
                + "et le financeur peut en demander le remboursement ou accepter une autre affectation.")))
        }
        return ReportDocument(title: title, subtitle: subtitle, blocks: blocks)
    }
}

extension FundFamily {
    /// The family as the annex names it.
    public var title: String {
        switch self {
        case .subvention: "Fonds dédiés sur subventions (\(fund))"
        case .contribution: "Fonds dédiés sur contributions financières d'autres organismes (\(fund))"
        case .dons: "Fonds dédiés sur ressources liées à la générosité du public (\(fund))"
        }
    }
}

extension FondsDedies: LedgerReport {
    public static let name = "fonds-dedies"
    public static func document(_ ledger: some LedgerQueries, _ request: ReportRequest) throws -> ReportDocument? {
        let e = request.period.exercice
        return try FondsDedies(ledger, exercice: e).document(title: "Fonds dédiés", subtitle: [try ledger.associationName(), "Exercice \(e.label)"])
    }
}

/// What `compta fonds-dedies calculer` shows: each marked project's figures in the exercice
/// and the entries left to book.
public enum FundPlanReport {
    public static func document(_ plan: [FundProposal], exercice: Exercice, title: String, subtitle: [String]) -> ReportDocument {
        // Short headers, said in full by the first note: eight columns fit a terminal of 100.
        var t = ReportTable(columns: [
            ReportColumn("Projet", key: "projet"), ReportColumn("Famille", key: "famille"),
            .amount("Ressources", key: "ressources"), .amount("Charges", key: "charges"),
            .amount("Ouverture", key: "ouverture"), .amount("Utilisation", key: "utilisation"),
            .amount("Report", key: "report"), .amount("Clôture", key: "cloture"),
        ])
        for p in plan {
            let m = p.movement
            t.rows.append(ReportRow([.text(m.project ?? ""), .text(m.family.rawValue), .amount(m.resources), .amount(m.charges),
                                     .amount(m.opening), .amount(p.utilisation), .amount(p.report), .amount(p.closing)]))
        }
        var notes: [String] = []
        if !plan.isEmpty {
            notes.append("Ressources et charges : du projet en \(exercice.label) ; ouverture et clôture : ses fonds dédiés.")
        }
        if plan.isEmpty {
            notes.append("Aucun projet marqué comme financé par des ressources affectées n'a de fonds dédié à calculer en \(exercice.label). "
                + "Pour en marquer un : compta projets modifier CODE --fonds-dedies subvention (ou contribution, ou dons).")
        }
        let toBook = plan.filter { !$0.isBooked }
        if !plan.isEmpty && toBook.isEmpty { notes.append("Tout est déjà comptabilisé : rien à écrire.") }
        for p in plan where !p.movement.reports.isZero || !p.movement.utilisations.isZero {
            notes.append("\(p.movement.project ?? "") : déjà comptabilisé en \(exercice.label), utilisation \(p.movement.utilisations) €, report \(p.movement.reports) €.")
        }
        if !toBook.isEmpty {
            notes.append("À écrire au \(exercice.end.french), journal OD : " + toBook.map(toBookWords).joined(separator: " ; ") + ".")
        }
        return ReportDocument(title: title, subtitle: subtitle, tables: [t], notes: notes)
    }

    /// « EUROPE : utilisation de 45 000,00 € (D 194 / C 7894) », what is left to book for one
    /// project; a negative figure lowers what was booked.
    public static func toBookWords(_ p: FundProposal) -> String {
        let f = p.movement.family
        var parts: [String] = []
        if !p.utilisationToBook.isZero { parts.append("utilisation de \(p.utilisationToBook) € (D \(f.fund) / C \(f.utilisation))") }
        if !p.reportToBook.isZero { parts.append("report en fonds dédiés de \(p.reportToBook) € (D \(f.report) / C \(f.fund))") }
        return "\(p.movement.project ?? "(sans projet)") : " + parts.joined(separator: ", ")
    }
}
