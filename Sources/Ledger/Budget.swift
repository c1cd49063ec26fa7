/// A budget prévisionnel: the postes a board votes for an exercice, in a named version
/// (`initial`, `rectificatif`...).
public struct Budget: Hashable, Sendable {
    public enum Side: String, Sendable, CaseIterable {
        case depense, recette

        /// The accounts a poste of this side covers: charges for dépenses, produits for recettes.
        public var nature: AccountNature { self == .depense ? .charge : .produit }
        /// Their class (6 or 7), as messages name it.
        public var accountClass: Int { self == .depense ? 6 : 7 }
        public var title: String { self == .depense ? "Dépenses" : "Recettes" }
    }

    public struct Poste: Hashable, Sendable {
        public var label: String
        public var side: Side
        public var amount: Money
        /// Account numbers or prefixes it covers (`604A`, `604`, `62`); none for a poste such as
        /// « (trésorerie) » that balances the budget from reserves.
        public var accounts: [String]
        public var project: String?
        public var remark: String?
        /// Line of the file it was read from, for messages.
        public var sourceLine: Int

        public init(label: String, side: Side, amount: Money, accounts: [String], project: String? = nil, remark: String? = nil, sourceLine: Int = 0) {
            self.label = label.printable
            self.side = side
            self.amount = amount
            self.accounts = accounts
            self.project = project
            self.remark = remark?.printable
            self.sourceLine = sourceLine
        }
    }

    public let exercice: Exercice
    public let version: String
    public let postes: [Poste]

    public init(exercice: Exercice, version: String, postes: [Poste]) {
        self.exercice = exercice
        self.version = version
        self.postes = postes
    }

    public func total(_ side: Side) -> Money { Money.sum(postes.filter { $0.side == side }.map(\.amount)) }

    /// The poste that takes an account's figures (with this project, or none): the one whose
    /// prefix is the longest; a poste of the same project before a poste of no project.
    public func poste(for account: AccountNumber, project: String?) -> Int? {
        var best: (index: Int, score: Int)? = nil
        for (i, p) in postes.enumerated() where p.side.nature == account.nature {
            if let pp = p.project, pp != project { continue }
            for prefix in p.accounts where account.isUnder(prefix) {
                let score = prefix.count * 2 + (p.project == nil ? 0 : 1)
                if score > (best?.score ?? -1) { best = (i, score) }
            }
        }
        return best?.index
    }
}

/// Why a budget cannot be loaded. Each names the poste (and its file line).
public enum BudgetProblem: Error, Equatable, Sendable {
    case unknownAccount(poste: String, prefix: String, line: Int)
    case wrongClass(poste: String, prefix: String, side: Budget.Side, line: Int)
    case repeatedPoste(poste: String, firstLine: Int, line: Int)
    /// The same account or prefix in two postes (of the same project).
    case sharedAccount(prefix: String, first: String, second: String, line: Int)
    case unknownProject(poste: String, project: String, known: [String], line: Int)
    case closedExercice(Exercice)
    /// The version exists already and the load did not say to replace it: a budget voted by the
    /// board is never replaced by accident.
    case versionExists(existing: Budget, new: Budget)
    case empty
}

extension Budget {
    /// Checks the postes against the ledger: accounts that exist on the right side, no poste
    /// twice, no account in two postes.
    public static func validate(_ postes: [Poste], catalog: Catalog) throws(BudgetProblem) {
        if postes.isEmpty { throw .empty }
        var labels: [String: Int] = [:]
        var owners: [String: Poste] = [:]
        for p in postes {
            let key = "\(p.side.rawValue)|\(p.label.lowercased())"
            if let first = labels[key] { throw .repeatedPoste(poste: p.label, firstLine: first, line: p.sourceLine) }
            labels[key] = p.sourceLine
            if let project = p.project, catalog.projects[project] == nil {
                throw .unknownProject(poste: p.label, project: project, known: catalog.projects.keys.sorted(), line: p.sourceLine)
            }
            for prefix in p.accounts {
                guard catalog.accounts.keys.contains(where: { $0.isUnder(prefix) }) else {
                    throw .unknownAccount(poste: p.label, prefix: prefix, line: p.sourceLine)
                }
                guard prefix.first.map(String.init) == String(p.side.accountClass) else {
                    throw .wrongClass(poste: p.label, prefix: prefix, side: p.side, line: p.sourceLine)
                }
                let owner = "\(prefix)|\(p.project ?? "")"
                if let first = owners[owner] {
                    throw .sharedAccount(prefix: prefix, first: first.label, second: p.label, line: p.sourceLine)
                }
                owners[owner] = p
            }
        }
    }
}
