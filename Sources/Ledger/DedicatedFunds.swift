/// Fonds dédiés (ANC 2018-06, art. 132-1 to 132-3): the part of a project's restricted
/// resources (a subvention, another organisation's contribution, gifts given for it) not yet
/// used at closing is a liability on 19x, booked D 689x / C 19x on the project (« report en
/// fonds dédiés »); as the project spends in a later exercice, D 19x / C 789x (« utilisation »).
/// So an exercice's result shows the project as it went, not the calendar of the funder's
/// payments.
///
/// Inputs in, plan out: `movements` reads the ledger through `LedgerQueries`, `plan` computes
/// the entries to book; the store records them.
public enum DedicatedFunds {
    /// The fonds dédiés of `exercice`, per family and project: every (family, project) with a
    /// fund or a movement on its accounts, and every project marked as funded by restricted
    /// resources. Funds without a project (à-nouveaux of a closing older than this feature)
    /// have a nil project. In the order of the families, then of the projects (none last).
    public static func movements(_ ledger: some LedgerQueries, exercice: Exercice) throws -> [FundMovement] {
        let catalog = try ledger.catalog()
        let base = try ledger.balanceBase(for: exercice)
        // The fund at the opening: what earlier exercices not carried leave, and the à-nouveaux.
        var opening = try ledger.totals(TotalsQuery(from: exercice.start, to: exercice.end, groupByProject: true,
                                                    accountPrefixes: AccountGroup.dedicatedFunds, openings: .only))
        if base < exercice.start {
            opening += try ledger.totals(TotalsQuery(from: base, to: exercice.start.adding(days: -1), groupByProject: true,
                                                     accountPrefixes: AccountGroup.dedicatedFunds))
        }
        let moves = try ledger.totals(TotalsQuery(from: exercice.start, to: exercice.end, groupByProject: true,
                                                  accountPrefixes: AccountGroup.dedicatedFunds + AccountNature.prefixes(.charge, .produit),
                                                  openings: .exclude))
        var byKey: [FundMovement.Key: FundMovement] = [:]
        func update(_ family: FundFamily, _ project: String?, _ change: (inout FundMovement) -> Void) {
            let key = FundMovement.Key(family: family, project: project)
            var m = byKey[key] ?? FundMovement(family: family, project: project)
            change(&m)
            byKey[key] = m
        }
        var charges: [String: Money] = [:]
        var resources: [FundMovement.Key: Money] = [:]
        for t in opening {
            guard let family = FundFamily.ofFund(t.account) else { continue }
            update(family, t.project) { $0.opening -= t.balance; $0.closing -= t.balance }
        }
        for t in moves {
            if let family = FundFamily.ofFund(t.account) {
                update(family, t.project) { $0.closing -= t.balance }
            } else if t.account.isUnder(AccountGroup.fundReports) {
                if let family = FundFamily.allCases.first(where: { t.account.isUnder($0.report.text) }) {
                    update(family, t.project) { $0.reports += t.balance }
                }
            } else if t.account.isUnder(AccountGroup.fundUtilisations) {
                if let family = FundFamily.allCases.first(where: { t.account.isUnder($0.utilisation.text) }) {
                    update(family, t.project) { $0.utilisations -= t.balance }
                }
            } else if let project = t.project {
                if t.account.nature == .charge {
                    charges[project] = (charges[project] ?? .zero) + t.balance
                } else if let family = FundFamily.ofResource(t.account) {
                    let key = FundMovement.Key(family: family, project: project)
                    resources[key] = (resources[key] ?? .zero) - t.balance
                }
            }
        }
        for p in catalog.projects.values {
            if let family = p.fundFamily { update(family, p.code) { _ in } }
        }
        return byKey.values.map { m in
            var m = m
            if let project = m.project {
                m.charges = charges[project] ?? .zero
                m.resources = resources[FundMovement.Key(family: m.family, project: project)] ?? .zero
            }
            return m
        }.sorted()
    }

    /// The entries `exercice` calls for, project by project, for the projects marked as funded
    /// by restricted resources (`movements` of that exercice): the utilisation of the fund open
    /// at the start as the project spends (capped at what is left), then the report of the
    /// year's restricted resources the charges left unused (capped at those resources), each
    /// less what is already booked. `project` limits the plan to one project, whose report and
    /// utilisation the treasurer may set (`report`, `utilisation`), checked against the same caps.
    /// Projects with nothing to book and nothing booked are left out.
    public static func plan(_ movements: [FundMovement], catalog: Catalog, exercice: Exercice, project: String? = nil,
                            report: Money? = nil, utilisation: Money? = nil) throws(FundError) -> [FundProposal] {
        if exercice.isClosed { throw .closedExercice(exercice) }
        if let project {
            guard let p = catalog.projects[project] else { throw .unknownProject(project, known: catalog.projects.keys.sorted()) }
            guard let family = p.fundFamily else { throw .notMarked(p) }
            guard let m = movements.first(where: { $0.project == project && $0.family == family }) else { return [] }
            return [try proposal(m, report: report, utilisation: utilisation)]
        }
        var proposals: [FundProposal] = []
        for m in movements {
            guard let code = m.project, catalog.projects[code]?.fundFamily == m.family else { continue }
            let p = try proposal(m)
            if !p.isBooked || !m.reports.isZero || !m.utilisations.isZero { proposals.append(p) }
        }
        return proposals
    }

    /// What one project's fund should be in its exercice (`movements`' figures).
    public static func proposal(_ m: FundMovement, report: Money? = nil, utilisation: Money? = nil) throws(FundError) -> FundProposal {
        let left = max(m.opening + m.transfers, .zero)
        let spent = max(m.charges, .zero)
        let used = utilisation ?? min(left, spent)
        if used.isNegative || used > left { throw .utilisationExceedsFund(project: m.project ?? "", family: m.family, asked: used, left: left) }
        // The year's charges the fund did not cover were paid by the year's resources first.
        let notCovered = spent - min(spent, used)
        let resources = max(m.resources, .zero)
        let reported = report ?? min(resources, max(resources - notCovered, .zero))
        if reported.isNegative || reported > resources {
            throw .reportExceedsResources(project: m.project ?? "", family: m.family, asked: reported, resources: resources)
        }
        return FundProposal(movement: m, utilisation: used, report: reported)
    }
}

/// One family's fonds dédiés of one project in one exercice: the annex's follow-up row, and
/// what the plan reads.
public struct FundMovement: Sendable, Equatable, Comparable {
    public struct Key: Hashable, Sendable {
        public let family: FundFamily
        public let project: String?
        public init(family: FundFamily, project: String?) { self.family = family; self.project = project }
    }

    public var key: Key { Key(family: family, project: project) }

    public let family: FundFamily
    /// Nil: fund lines without a project.
    public let project: String?
    /// The fund (credit balance of 19x on the project) at the opening.
    public var opening: Money = .zero
    /// Reports of the exercice: 689x on the project (debit less credit).
    public var reports: Money = .zero
    /// Utilisations of the exercice: 789x on the project (credit less debit).
    public var utilisations: Money = .zero
    /// The fund at the end of the exercice.
    public var closing: Money = .zero
    /// The family's resources on the project in the exercice (credit less debit).
    public var resources: Money = .zero
    /// The project's charges in the exercice, the reports (689) aside.
    public var charges: Money = .zero

    public init(family: FundFamily, project: String?) {
        self.family = family
        self.project = project
    }

    /// What moved on the fund otherwise than by a report or an utilisation: a fund given to
    /// another project, or back to the funder.
    public var transfers: Money { closing - opening - reports + utilisations }

    public var isEmpty: Bool { opening.isZero && reports.isZero && utilisations.isZero && closing.isZero }

    public static func < (a: FundMovement, b: FundMovement) -> Bool {
        let fa = FundFamily.allCases.firstIndex(of: a.family)!, fb = FundFamily.allCases.firstIndex(of: b.family)!
        if fa != fb { return fa < fb }
        switch (a.project, b.project) {
        case let (x?, y?): return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        case (nil, nil): return false
        }
    }
}

/// What a project's fund should be in an exercice, and what is left to book for it.
public struct FundProposal: Sendable, Equatable {
    public let movement: FundMovement
    /// The utilisation of the exercice, as it should be.
    public let utilisation: Money
    /// The report of the exercice, as it should be.
    public let report: Money

    public var utilisationToBook: Money { utilisation - movement.utilisations }
    public var reportToBook: Money { report - movement.reports }
    public var isBooked: Bool { utilisationToBook.isZero && reportToBook.isZero }
    /// The fund at the closing once the plan is booked.
    public var closing: Money { movement.closing + reportToBook - utilisationToBook }

    /// The entries left to book, dated `day` (the exercice's last day), in the OD journal: the
    /// utilisation D 19x / C 789x, then the report D 689x / C 19x, on the project; a figure
    /// lower than what is booked gives the entry the other way round.
    public func entries(on day: Day, exercice: Exercice) -> [EntryDraft] {
        guard let project = movement.project else { return [] }
        let f = movement.family
        var drafts: [EntryDraft] = []
        if !utilisationToBook.isZero {
            drafts.append(EntryDraft(journal: "OD", date: day, label: "Utilisation des fonds dédiés \(exercice.label) du projet \(project)",
                                     piece: "FD-\(exercice.label)", lines: [
                                        LineDraft(account: f.fund, amount: utilisationToBook, project: project),
                                        LineDraft(account: f.utilisation, amount: -utilisationToBook, project: project),
                                     ]))
        }
        if !reportToBook.isZero {
            drafts.append(EntryDraft(journal: "OD", date: day, label: "Report en fonds dédiés \(exercice.label) du projet \(project)",
                                     piece: "FD-\(exercice.label)", lines: [
                                        LineDraft(account: f.report, amount: reportToBook, project: project),
                                        LineDraft(account: f.fund, amount: -reportToBook, project: project),
                                     ]))
        }
        return drafts
    }
}

public enum FundError: Error, Equatable, Sendable {
    case unknownProject(String, known: [String])
    /// A project not marked as funded by restricted resources.
    case notMarked(Project)
    /// `--fonds-dedies` with a word that is not a family.
    case unknownFamily(String)
    case closedExercice(Exercice)
    /// A report above the project's restricted resources of the exercice.
    case reportExceedsResources(project: String, family: FundFamily, asked: Money, resources: Money)
    /// An utilisation above the fund left to the project.
    case utilisationExceedsFund(project: String, family: FundFamily, asked: Money, left: Money)
}

extension FundFamily {
    /// Reads a family as people type it (`subvention`, `contribution`, `dons`, in any case
    /// and accents); nil for `aucun` (no longer marked).
    public static func parse(_ text: String) throws(FundError) -> FundFamily? {
        let key = searchKey(text)
        if key == "aucun" || key == "aucune" { return nil }
        for f in allCases where key == f.rawValue || key == f.rawValue + "s" || (f == .dons && key == "don") { return f }
        throw .unknownFamily(text)
    }
}
