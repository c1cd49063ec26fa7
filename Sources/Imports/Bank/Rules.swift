import Ledger

public enum RuleProblem: Error, Equatable, Sendable {
    case invalidRegex(String, PatternError)
    case emptyPattern
    case badAccount(String, AccountNumberError)
    case unknownAccount(AccountNumber, suggestions: [Account])
    /// An account the chart of the exercice being kept dropped (6713 from 2025).
    case replacedAccount(Account, ChartReplacement, Exercice)
    case unknownProject(String, known: [String])
    case badDirection(String)
    case badAmount(String, MoneyError)
    case minimumAboveMaximum
    case missingColumns([String], seen: [String])
    case textTooLong(TextTooLong)
    /// A named group that is not `(?<tiers>…)`, in a rule that takes its tiers from the label: the names found.
    case tiersGroupMisnamed([String])
    /// `capture` without a group `(?<tiers>…)` in a regular expression (`regex` false: the motif is plain text).
    case tiersGroupMissing(regex: Bool)
    /// A group `(?<tiers>…)` in a motif that is not a regular expression.
    case tiersGroupInPlainText
    /// A group `(?<tiers>…)` that can only match the empty text.
    case tiersGroupEmpty
    /// A group `(?<tiers>…)` in a rule that also says its tiers (`aucun`, or a fixed one).
    case tiersGroupAndFixed(RuleTiers)
    /// A group written as the tiers (`--tiers "(?<tiers>.+)"`): it belongs in the pattern.
    case tiersGroupAsTiers(String)
    /// A rule of the file that files like the rule of an earlier line of the same file
    /// (`Rule.filesLike`): the second would never file a line.
    case sameAsLine(Int, Rule)
}

/// A rule of the ledger (or of `--regles`) that cannot be used, named by its number and pattern.
public struct RuleError: Error, Equatable, Sendable {
    public let position: Int
    public let pattern: String
    public let problem: RuleProblem

    public init(_ rule: Rule, _ problem: RuleProblem) {
        position = rule.position
        pattern = rule.pattern
        self.problem = problem
    }
}

/// Rules ready to match labels: patterns reduced once, regular expressions compiled once.
public struct RuleMatcher: Sendable {
    struct Compiled: Sendable {
        let rule: Rule
        let key: [UInt8]
        let regex: RulePattern?
    }
    let compiled: [Compiled]

    /// The tiers the rule at `index` (nil: no rule, a line waiting in 471) gives a line of
    /// `label`: its fixed one, none, its group `(?<tiers>…)`'s text, or the name the statement
    /// gives apart (`counterparty`), else the one a known label shape finds (`LabelShapes`).
    /// A blank capture gives none.
    public func tiers(rule index: Int?, label: String, counterparty: String? = nil) -> String? {
        let c = index.map { compiled[$0] }
        switch c?.rule.tiers ?? .label {
        case .none: return nil
        case .fixed(let name): return name
        case .capture, .label:
            if let regex = c?.regex, regex.groupNames.contains(RulePattern.tiersGroup) {
                return regex.capture(RulePattern.tiersGroup, in: label)
            }
            return counterparty ?? LabelShapes.tiers(in: label)
        }
    }

    public init(_ rules: [Rule]) throws(RuleError) {
        var out: [Compiled] = []
        for r in rules.sorted(by: { $0.position < $1.position }) {
            var regex: RulePattern? = nil
            if r.isRegex {
                do { regex = try RulePattern(r.pattern) } catch { throw RuleError(r, .invalidRegex(r.pattern, error)) }
            }
            out.append(Compiled(rule: r, key: Array(searchKey(r.pattern).utf8), regex: regex))
        }
        compiled = out
    }

    /// The rules, in the order they are tried.
    public var rules: [Rule] { compiled.map(\.rule) }

    /// The first rule that fits a bank line, or nil.
    public func match(label: String, amount: Money) -> Rule? {
        firstMatch(label: label, key: searchKey(label), amount: amount).map { compiled[$0].rule }
    }

    /// Where a rule made while filing an operation takes effect: before the first of `rules` that
    /// catches that operation now (which would otherwise go on filing its like as before), or
    /// last. Returns the rule placed, and the rule it goes before.
    public static func placed(_ rule: Rule, for operation: (label: String, amount: Money),
                              among rules: [Rule]) throws(RuleError) -> (rule: Rule, before: Rule?) {
        guard let earlier = try RuleMatcher(rules).match(label: operation.label, amount: operation.amount) else { return (rule, nil) }
        var placed = rule
        placed.position = earlier.position
        return (placed, earlier)
    }

    /// The index in `rules` of the first rule that fits, given the label's search key.
    func firstMatch(label: String, key: String, amount: Money) -> Int? {
        var key = key
        return key.withUTF8 { keyBytes -> Int? in
            for (i, c) in compiled.enumerated() {
                let r = c.rule
                switch r.direction {
                case .income where amount.cents <= 0, .expense where amount.cents >= 0: continue
                default: break
                }
                if let min = r.minimum, amount.magnitude < min { continue }
                if let max = r.maximum, amount.magnitude > max { continue }
                if let regex = c.regex {
                    if regex.matches(label) { return i }
                } else if !c.key.isEmpty && containsBytes(keyBytes, c.key) {
                    return i
                }
            }
            return nil
        }
    }

    /// Checks the rule's pattern and where it takes its tiers from: a group `(?<tiers>…)` is
    /// the only named group a rule uses, in a regular expression, able to match some text, and
    /// not with a tiers the rule fixes.
    public static func checkTiers(_ rule: Rule) throws(RuleProblem) {
        if case .fixed(let name) = rule.tiers, name.contains("(?<") { throw .tiersGroupAsTiers(name) }
        guard rule.isRegex else {
            if rule.pattern.contains("(?<\(RulePattern.tiersGroup)>") { throw .tiersGroupInPlainText }
            if rule.tiers == .capture { throw .tiersGroupMissing(regex: false) }
            return
        }
        let regex: RulePattern
        do { regex = try RulePattern(rule.pattern) } catch { throw .invalidRegex(rule.pattern, error) }
        let hasGroup = regex.groupNames.contains(RulePattern.tiersGroup)
        switch rule.tiers {
        case .none, .fixed:
            if hasGroup { throw .tiersGroupAndFixed(rule.tiers) }
        case .label, .capture:
            if !hasGroup && !regex.groupNames.isEmpty { throw .tiersGroupMisnamed(regex.groupNames) }
            if !hasGroup && rule.tiers == .capture { throw .tiersGroupMissing(regex: true) }
            if regex.emptyGroups.contains(RulePattern.tiersGroup) { throw .tiersGroupEmpty }
        }
    }

    /// Checks a rule against the ledger's accounts and projects.
    public static func check(_ rule: Rule, catalog: Catalog) throws(RuleProblem) {
        if searchKey(rule.pattern).isEmpty && !rule.isRegex { throw .emptyPattern }
        try checkTiers(rule)
        guard catalog.accounts[rule.account] != nil, rule.account.isPostable else {
            if let current = catalog.currentExercice, let (old, replacement) = catalog.replaced(rule.account, in: current.chart) {
                throw .replacedAccount(old, replacement, current)
            }
            throw .unknownAccount(rule.account, suggestions: catalog.suggestions(for: rule.account))
        }
        if let p = rule.project, catalog.projects[p] == nil { throw .unknownProject(p, known: catalog.projects.keys.sorted()) }
        if let a = rule.minimum, let b = rule.maximum, a > b { throw .minimumAboveMaximum }
    }
}

/// Rules as a CSV file a treasurer can edit in a spreadsheet:
/// `position;motif;regex;sens;min;max;compte;projet;libelle;tiers`.
public enum RuleFile {
    public static let header = ["position", "motif", "regex", "sens", "min", "max", "compte", "projet", "libelle", "tiers"]

    public static func write(_ rules: [Rule]) -> String {
        var out = CSVTable.line(header)
        for r in rules.sorted(by: { $0.position < $1.position }) {
            let sens: String
            switch r.direction {
            case .any: sens = ""
            case .income: sens = "recette"
            case .expense: sens = "depense"
            }
            let fields = [String(r.position), r.pattern, r.isRegex ? "oui" : "", sens, r.minimum?.plain ?? "", r.maximum?.plain ?? "",
                          r.account.text, r.project ?? "", r.label ?? "", r.tiers.text ?? ""]
            out += CSVTable.line(fields)
        }
        return out
    }

    /// Reads a rules file; positions follow the file's order when the column is absent. With a
    /// catalog, each rule is also checked against the ledger's accounts and projects, and a
    /// refusal names the rule's line.
    public static func read(_ text: String, file: String?, catalog: Catalog? = nil) throws(LocatedError) -> [Rule] {
        guard let table = try CSVTable(text, file: file) else { return [] }
        try table.require(["motif", "compte"], else: RuleProblem.missingColumns)
        var rules: [Rule] = [], lines: [Int] = []
        for (i, row) in table.rows.enumerated() {
            func fail(_ p: RuleProblem) -> LocatedError { row.error(p) }
            let account: AccountNumber
            do { account = try AccountNumber(row["compte"]) } catch { throw fail(.badAccount(row["compte"], error)) }
            let direction: Rule.Direction
            switch searchKey(row["sens"]) {
            case "": direction = .any
            case "recette", "recettes", "credit", "entree", "+": direction = .income
            case "depense", "depenses", "debit", "sortie", "-": direction = .expense
            default: throw fail(.badDirection(row["sens"]))
            }
            func amount(_ n: String) throws(LocatedError) -> Money? {
                if row[n].isEmpty { return nil }
                do { return try Money(parsing: row[n]).magnitude } catch { throw fail(.badAmount(row[n], error)) }
            }
            func text(_ raw: String) throws(LocatedError) -> String {
                do { return try raw.ledgerText() } catch { throw fail(.textTooLong(error)) }
            }
            let pattern = try text(row.untrimmed("motif"))
            let label = try text(row["libelle"])
            if searchKey(pattern).isEmpty { throw fail(.emptyPattern) }
            let isRegex = ["oui", "o", "1", "vrai", "x"].contains(searchKey(row["regex"]))
            rules.append(Rule(position: Int(row["position"]) ?? (i + 1) * 10, pattern: pattern, isRegex: isRegex, direction: direction,
                              minimum: try amount("min"), maximum: try amount("max"), account: account,
                              project: row["projet"].isEmpty ? nil : row["projet"].uppercased(),
                              label: label.isEmpty ? nil : label, tiers: RuleTiers(text: try text(row["tiers"]))))
            do throws(RuleProblem) { try RuleMatcher.checkTiers(rules[rules.count - 1]) } catch { throw fail(error) }
            if let same = rules.dropLast().firstIndex(where: { $0.filesLike(rules[rules.count - 1]) }) {
                throw fail(.sameAsLine(lines[same], rules[same]))
            }
            lines.append(row.line)
            if let catalog {
                do throws(RuleProblem) { try RuleMatcher.check(rules[rules.count - 1], catalog: catalog) } catch { throw fail(error) }
            }
        }
        return rules
    }
}

/// True when `needle` occurs in `haystack` (bytes).
func containsBytes(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    let n = needle.count, h = haystack.count
    if n == 0 { return true }
    if n > h { return false }
    let first = needle[0]
    var i = 0
    while i <= h - n {
        if haystack[i] == first {
            var j = 1
            while j < n && haystack[i + j] == needle[j] { j += 1 }
            if j == n { return true }
        }
        i += 1
    }
    return false
}
