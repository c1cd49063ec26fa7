import Ledger

/// `compta regles appliquer`: the operations waiting on 471 filed by the ledger's rules as
/// they are today, with the import's own matcher and tiers reading — a rule added after the
/// import applies to what it left waiting.
public enum RuleApplier {
    public static func run(ledger: some RefilingLedger, dryRun: Bool) throws -> RuleApplication {
        let catalog = try ledger.catalog()
        let rules = try ledger.rules()
        for r in rules {
            do { try RuleMatcher.check(r, catalog: catalog) } catch { throw RuleError(r, error) }
        }
        let matcher = try RuleMatcher(rules)
        let waiting = try ledger.waitingOperations()
        var filed: [RuleFiling] = [], validated: [RuleFiling] = []
        for line in waiting {
            let label = line.bankLabel ?? line.entry.label
            guard let index = matcher.firstMatch(label: label, key: searchKey(label), amount: line.amount) else { continue }
            let filing = RuleFiling(line: line, rule: matcher.compiled[index].rule, tiers: matcher.tiers(rule: index, label: label))
            // A validated entry never changes: `compta affecter` files it by an OD, one by one.
            if line.entry.validation != nil { validated.append(filing) } else { filed.append(filing) }
        }
        let created = filed.isEmpty ? [] : try ledger.refile(filed, dryRun: dryRun)
        return RuleApplication(filed: filed, validated: validated, waiting: waiting.count, dryRun: dryRun, tiersCreated: created)
    }

    /// How many operations waiting on 471 `rule` would file (the first rule that matches them
    /// being that one, as `run` would see it): what `regles ajouter` points at.
    public static func waiting(filedBy rule: Rule, ledger: some RefilingLedger) throws -> Int {
        let matcher = try RuleMatcher(try ledger.rules())
        return try ledger.waitingOperations().filter { line in
            let label = line.bankLabel ?? line.entry.label
            return matcher.firstMatch(label: label, key: searchKey(label), amount: line.amount).map { matcher.compiled[$0].rule.position } == rule.position
        }.count
    }
}
