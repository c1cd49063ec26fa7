/// One part of a bank operation filed by `compta affecter` (ventilation): an account, the part
/// of the operation it takes, and a project. A part without amount takes what the others leave;
/// a negative part goes the other way (a commission kept out of a payout).
public struct AssignmentPart: Sendable, Equatable {
    public let account: AccountNumber
    public let amount: Money?
    /// nil: the project of the line being filed.
    public let project: String?
    /// The code of the part's tiers; nil: the tiers of the line being filed.
    public let tiers: String?

    public init(_ account: AccountNumber, amount: Money? = nil, project: String? = nil, tiers: String? = nil) {
        self.account = account
        self.amount = amount
        self.project = project
        self.tiers = tiers
    }

    /// The parts as they file `operation` (positive: money came in): each with its amount (the
    /// part without one gets the rest, which must be more than zero) and its project
    /// (`project` for those that name none), and their tiers (`tiers` for those that name none).
    public static func resolve(_ parts: [AssignmentPart], filing operation: Money, project: String?,
                               tiers: String? = nil) throws(SplitError) -> [AssignmentPart] {
        let open = parts.filter { $0.amount == nil }
        if open.count > 1 { throw .severalOpenParts(open.map(\.account)) }
        if let zero = parts.first(where: { $0.amount?.isZero == true }) { throw .zeroPart(zero.account) }
        let whole = operation.cents < 0 ? Money.zero - operation : operation
        var given = Money.zero
        for p in parts {
            guard let a = p.amount else { continue }
            do { given = try given.adding(a) } catch { throw .amountOverflow }
        }
        let rest: Money
        do { rest = try whole.subtracting(given) } catch { throw .amountOverflow }
        if open.isEmpty && !rest.isZero { throw .doesNotAddUp(parts: given, operation: whole) }
        if !open.isEmpty && rest.cents <= 0 { throw .nothingLeft(open[0].account, parts: given, operation: whole) }
        return parts.map { AssignmentPart($0.account, amount: $0.amount ?? rest, project: $0.project ?? project, tiers: $0.tiers ?? tiers) }
    }

    /// The line (debit positive) of a resolved part filing `operation`: on the side opposite the bank's.
    public func line(filing operation: Money) -> LineDraft {
        let sign: Int64 = operation.cents > 0 ? -1 : 1
        return LineDraft(account: account, amount: Money(cents: sign * (amount ?? .zero).cents), project: project, tiers: tiers)
    }
}

/// Why parts do not file an operation.
public enum SplitError: Error, Equatable, Sendable {
    /// More than one part without an amount: which one gets the rest?
    case severalOpenParts([AccountNumber])
    case zeroPart(AccountNumber)
    /// Every part has its amount, and together they are not the operation.
    case doesNotAddUp(parts: Money, operation: Money)
    /// The part without amount would get nothing, or less.
    case nothingLeft(AccountNumber, parts: Money, operation: Money)
    case amountOverflow
}

/// How `compta affecter` refiles a draft in place: the lines that give way (by id) and the parts'
/// lines that take their place. The store finds the entry, checks the entry as it will be
/// against the ledger, and writes the change.
/// The tiers of the lines a filing writes: those of the lines it files (`keep`, what `affecter`
/// does without `--tiers`), this code (`given`), or none (a rule whose tiers is « aucun »: a
/// platform's payout is no member's cotisation).
public enum FiledTiers: Sendable, Equatable {
    case keep
    case given(String)
    case none

    /// The tiers for parts that name none, the filed lines having `old` (one, or several).
    func code(old: Set<String?>) -> String? {
        switch self {
        case .keep: old.count == 1 ? old.first! : nil
        case .given(let code): code
        case .none: nil
        }
    }
}

public struct Refiling: Sendable, Equatable {
    public let removed: [Entry.Line]
    public let added: [LineDraft]
    /// The entry as it will be.
    public let entry: EntryDraft
    /// The parts as filed, each with its amount and project.
    public let parts: [AssignmentPart]

    /// The plan for draft `e`: with `waiting`, its lines on 471 are filed; else, for an
    /// operation of a statement on `bankAccount`, every line but the bank's; else the one line
    /// outside the treasury accounts (a typed entry). The parts keep the filed lines' project
    /// (when they share one) unless `project` is given, their tiers as `tiers` says, and the
    /// label of a single filed line; `label` replaces the entry's.
    public static func plan(_ e: Entry, waiting: Bool, bankAccount: AccountNumber?, parts: [AssignmentPart], project: String?,
                            tiers: FiledTiers = .keep, label: String?) throws(RefilingError) -> Refiling {
        let moved = waiting ? e.lines.filter { $0.account.isUnder(AccountNumber.waiting.text) }
            : bankAccount.map { bank in e.lines.filter { $0.account != bank } } ?? e.lines.filter { !$0.account.isUnder(AccountGroup.financial) }
        if !waiting, !(moved.count == 1 || (bankAccount != nil && !moved.isEmpty)) { throw .lines(moved.map(\.account)) }
        let projects = Set(moved.map(\.project)), movedTiers = Set(moved.map(\.tiers?.code))
        let amount = Money.sum(moved.map { $0.credit - $0.debit })
        let filed: [AssignmentPart]
        do {
            filed = try AssignmentPart.resolve(parts, filing: amount, project: project ?? (projects.count == 1 ? projects.first! : nil),
                                               tiers: tiers.code(old: movedTiers))
        } catch {
            throw .split(error)
        }
        let added = filed.map { var l = $0.line(filing: amount); l.label = moved.count == 1 ? moved[0].label : nil; return l }
        let movedIDs = Set(moved.map(\.id))
        let kept = e.lines.filter { !movedIDs.contains($0.id) }
            .map(\.draft)
        return Refiling(removed: moved, added: added, parts: filed,
                        entry: EntryDraft(journal: e.journal, date: e.date, label: label ?? e.label, piece: e.piece, lines: kept + added))
    }

    /// The OD by which `amount`, waiting on 471 in validated entry `e`, is filed under `parts`
    /// (`project` for those that name none), in `exercice`: a validated entry never changes.
    /// The tiers of the waiting line goes with it, as `tiers` says, unless a part names another.
    public static func correction(of e: Entry, waiting amount: Money, in exercice: Exercice, parts: [AssignmentPart], project: String?,
                                  tiers: FiledTiers = .keep, label: String?) throws(SplitError) -> (entry: EntryDraft, parts: [AssignmentPart]) {
        let waitingLines = e.lines.filter { $0.account.isUnder("471") }
        let waitingTiers = Set(waitingLines.map(\.tiers?.code))
        let filed = try AssignmentPart.resolve(parts, filing: amount, project: project, tiers: tiers.code(old: waitingTiers))
        let entry = EntryDraft(journal: "OD", date: max(e.date, exercice.start), label: label ?? "Affectation : \(e.label)",
                               piece: "\(e.journal)-\(e.validation?.number ?? e.number)",
                               lines: [LineDraft(account: .waiting, amount: amount,
                                                 tiers: waitingTiers.count == 1 ? waitingTiers.first! : nil)] + filed.map { $0.line(filing: amount) })
        return (entry, filed)
    }

    private init(removed: [Entry.Line], added: [LineDraft], parts: [AssignmentPart], entry: EntryDraft) {
        self.removed = removed
        self.added = added
        self.parts = parts
        self.entry = entry
    }
}

/// Why a draft cannot be refiled as asked.
public enum RefilingError: Error, Equatable, Sendable {
    /// Not a waiting line nor a bank operation, and not exactly one line outside the treasury
    /// accounts: which one to refile? (The lines outside them.)
    case lines([AccountNumber])
    case split(SplitError)
}

/// What waits on 471: each entry's amount there (positive: money came in), net of the
/// entries that correct it (its extourne, the OD that filed it once validated) and of those
/// that correct them in turn (the extourne of a wrong OD puts the line back in waiting).
public enum Waiting {
    /// An entry that corrects another (`corrects`), and its own amount on 471 (credit − debit).
    public struct Correction: Sendable, Equatable {
        public let id: Int64
        public let corrects: Int64
        public let amount: Money

        public init(id: Int64, corrects: Int64, amount: Money) {
            self.id = id
            self.corrects = corrects
            self.amount = amount
        }
    }

    /// The entries among `entries` with an amount still waiting, in their order, with that
    /// amount. A correcting entry is never listed itself.
    public static func net(_ entries: [Entry], corrections: [Correction]) -> [(entry: Entry, amount: Money)] {
        var corrected: [Int64: Int64] = [:]
        for c in corrections { corrected[c.id] = c.corrects }
        // An entry corrects an earlier one; the bound only guards against a damaged file.
        func first(_ id: Int64) -> Int64 {
            var id = id
            for _ in 0...corrected.count { guard let earlier = corrected[id] else { break }; id = earlier }
            return id
        }
        var settled: [Int64: Money] = [:]
        for c in corrections { settled[first(c.id), default: .zero] += c.amount }
        return entries.compactMap { e in
            if corrected[e.id] != nil { return nil }
            let balance = Money.sum(e.lines.filter { $0.account.isUnder(AccountNumber.waiting.text) }.map { $0.credit - $0.debit }) + (settled[e.id] ?? .zero)
            return balance.isZero ? nil : (e, balance)
        }
    }
}
