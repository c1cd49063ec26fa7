/// A categorisation rule: a bank line whose label matches `pattern` (and, optionally, whose
/// direction and amount fit) is filed under `account`, with `project` and a cleaner `label`.
/// Rules are tried in `position` order; the first that matches wins.
public struct Rule: Hashable, Sendable {
    public enum Direction: Int, Sendable, CaseIterable {
        /// Money in or out.
        case any = 0
        /// Money in (credit on the statement).
        case income = 1
        /// Money out.
        case expense = -1
    }

    public var position: Int
    /// A text to find in the label (case and accents ignored), or a regular expression.
    public var pattern: String
    public var isRegex: Bool
    public var direction: Direction
    /// Bounds on the amount's magnitude, both included.
    public var minimum: Money?
    public var maximum: Money?
    public var account: AccountNumber
    public var project: String?
    /// Label to write instead of the bank's.
    public var label: String?
    /// Where the tiers of the lines it files comes from.
    public var tiers: RuleTiers

    /// Whether `other` files the same lines the same way: same pattern (as it is compared: a
    /// plain text without case or accents), regex or not, sign, bounds, account, project and
    /// tiers. Its position and label aside: the second of two such rules would never file a line.
    public func filesLike(_ other: Rule) -> Bool {
        isRegex == other.isRegex && (isRegex ? pattern == other.pattern : searchKey(pattern) == searchKey(other.pattern))
            && direction == other.direction && minimum == other.minimum && maximum == other.maximum
            && account == other.account && project == other.project && tiers == other.tiers
    }

    public init(position: Int = 0, pattern: String, isRegex: Bool = false, direction: Direction = .any,
                minimum: Money? = nil, maximum: Money? = nil, account: AccountNumber, project: String? = nil,
                label: String? = nil, tiers: RuleTiers = .label) {
        self.position = position
        // Labels are `printable`: a control character in a pattern could never match.
        self.pattern = pattern.printable
        self.isRegex = isRegex
        self.direction = direction
        self.minimum = minimum
        self.maximum = maximum
        self.account = account
        self.project = project
        self.label = label?.printable
        self.tiers = tiers
    }
}

/// Where a rule takes the tiers of the lines it files from. As written in the rules' `tiers`
/// column and after `--tiers`: empty, `capture`, `aucun`, or a tiers (name, alias or code).
public enum RuleTiers: Hashable, Sendable {
    /// From the label: the rule's group `(?<tiers>…)` when it has one, else the label shapes
    /// every import knows (« VIR SEPA RECU /DE X /MOTIF … »).
    case label
    /// From the rule's group `(?<tiers>…)`, which it must have.
    case capture
    /// No tiers: what the rule files is nobody's (a platform's payout is no member's cotisation).
    case none
    /// This tiers, whatever the label.
    case fixed(String)

    public static let captureWord = "capture", noneWord = "aucun"

    /// `text` as written in a rules file or after `--tiers`.
    public init(text: String) {
        let t = text.printable.trimmingSpaces
        switch searchKey(t) {
        case "": self = .label
        case RuleTiers.captureWord: self = .capture
        case RuleTiers.noneWord: self = .none
        default: self = .fixed(t)
        }
    }

    /// As written back: nil for `.label` (nothing to write).
    public var text: String? {
        switch self {
        case .label: return nil
        case .capture: return RuleTiers.captureWord
        case .none: return RuleTiers.noneWord
        case .fixed(let name): return name
        }
    }
}

extension Rule {
    /// A rule of no direction that files under a charge or a produit: it files money in and
    /// money out alike, so a bank's fee whose label holds the pattern (« COTISATION FORMULE
    /// ASSOCIATION ») would come out as negative cotisations. Worth a warning, not a refusal.
    public var filesBothWaysUnderResult: Bool { direction == .any && account.nature.isResult }
}

/// An operation waiting on 471 that a rule files (`compta regles appliquer`): the rule, and the
/// name of its tiers as the import would have read it.
public struct RuleFiling: Sendable {
    public let line: WaitingLine
    public let rule: Rule
    public let tiers: String?

    public init(line: WaitingLine, rule: Rule, tiers: String?) {
        self.line = line
        self.rule = rule
        self.tiers = tiers
    }
}

/// What `compta regles appliquer` did: the operations filed, those a rule would file but that
/// are validated (they do not change), and how many were waiting.
public struct RuleApplication: Sendable {
    public let filed: [RuleFiling]
    public let validated: [RuleFiling]
    /// Operations of statements waiting on 471 before: filed, validated or still waiting.
    public let waiting: Int
    public let dryRun: Bool
    /// Tiers the filing created (names no tiers had).
    public let tiersCreated: [Tiers]

    public init(filed: [RuleFiling], validated: [RuleFiling], waiting: Int, dryRun: Bool, tiersCreated: [Tiers]) {
        self.filed = filed
        self.validated = validated
        self.waiting = waiting
        self.dryRun = dryRun
        self.tiersCreated = tiersCreated
    }
}

/// What `compta regles appliquer` needs of a ledger: its catalog and rules, the operations of
/// statements waiting whole on 471, and a way to file them all (or, as a dry run, none).
public protocol RefilingLedger {
    func catalog() throws -> Catalog
    func rules() throws -> [Rule]
    /// Operations of statements waiting whole on 471 (their entry: the bank's line and 471's), by date.
    func waitingOperations() throws -> [WaitingLine]
    /// Files each operation under its rule's account, project and label, with its tiers (a name,
    /// resolved as an import does), in one transaction; with `dryRun`, rolled back. Returns the
    /// tiers created.
    func refile(_ filings: [RuleFiling], dryRun: Bool) throws -> [Tiers]
}
