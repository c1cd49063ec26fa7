@_exported import PlanComptable

/// One line of an entry as written by a person or an import, before it is checked.
public struct LineDraft: Hashable, Sendable {
    public var account: AccountNumber
    /// Positive: debit; negative: credit. Zero is refused by validation.
    public var amount: Money
    public var label: String?
    public var project: String?
    /// The code of the line's tiers (`T0003`): the member, the donor, the supplier.
    public var tiers: String?

    public init(account: AccountNumber, amount: Money, label: String? = nil, project: String? = nil, tiers: String? = nil) {
        self.account = account
        self.amount = amount
        self.label = label?.printable
        self.project = project
        self.tiers = tiers
    }

    public init(account: AccountNumber, debit: Money = .zero, credit: Money = .zero,
                label: String? = nil, project: String? = nil, tiers: String? = nil) {
        self.init(account: account, amount: debit - credit, label: label, project: project, tiers: tiers)
    }

    public var debit: Money { amount.cents > 0 ? amount : .zero }
    public var credit: Money { amount.cents < 0 ? -amount : .zero }
}

/// An entry (écriture) before it is recorded.
public struct EntryDraft: Hashable, Sendable {
    public var journal: String
    public var date: Day
    public var label: String
    public var piece: String?
    public var lines: [LineDraft]
    public var origin: Origin

    /// Where an entry comes from, when that changes the rules it follows.
    public enum Origin: Hashable, Sendable {
        case ordinary
        /// An extourne: it repeats the accounts of the entry it cancels, even one the chart has
        /// replaced since (cancelling a 2025 entry booked on 6713 is how it gets corrected).
        case reversal
        /// The à-nouveaux a closing writes into the next exercice: the only opening entry of an
        /// exercice that has another before it in the ledger.
        case closing
    }

    /// Labels and piece are kept `printable`: no control character or direction mark enters the ledger.
    public init(journal: String, date: Day, label: String, piece: String? = nil, lines: [LineDraft], origin: Origin = .ordinary) {
        self.journal = journal
        self.date = date
        self.label = label.printable
        self.piece = piece?.printable
        self.lines = lines
        self.origin = origin
    }

    public var totalDebit: Money { Money.sum(lines.map(\.debit)) }
    public var totalCredit: Money { Money.sum(lines.map(\.credit)) }
}

/// Why an entry cannot be recorded. The CLI turns each case into a French sentence.
public enum EntryError: Error, Equatable, Sendable {
    case emptyLabel
    case tooFewLines(count: Int)
    /// Line `index` (1-based) has a zero amount.
    case zeroLine(index: Int, account: AccountNumber)
    case unbalanced(debit: Money, credit: Money)
    case unknownAccount(AccountNumber, suggestions: [Account])
    /// A class or group (`6`, `60`): entries need an account of three characters at least.
    case notPostable(AccountNumber)
    case unknownProject(String, known: [String])
    case unknownJournal(String, known: [String])
    /// No exercice covers the date.
    case outsideExercices(Day, exercices: [Exercice])
    /// The exercice covering the date is closed.
    case closedExercice(Day, Exercice)
    case amountOverflow
    /// A charge or produit account the chart of the exercice no longer has (6713 in an
    /// exercice opened from 2025), with the account to use instead.
    case replacedAccount(Account, ChartReplacement, Exercice)
    /// An à-nouveaux entry (journal of kind AN) dated after the first day of its exercice:
    /// the balances it carries are those of the opening.
    case openingNotOnFirstDay(Day, Exercice)
    /// An à-nouveaux line on a charge, produit or contribution account (classes 6 to 8):
    /// reports leave opening lines out of the compte de résultat, only balance-sheet accounts
    /// carry a balance into an exercice.
    case openingOnResultAccount(AccountNumber)
    /// An opening entry typed into an exercice that follows another exercice of the ledger:
    /// its à-nouveaux are that exercice's closing balances, written by its closing.
    case openingAfter(Exercice, earlier: Exercice)
    /// The entry's label or piece (`line` nil), or the label of line `line` (0-based), is longer
    /// than `String.maxLedgerText`.
    case textTooLong(TextTooLong, line: Int?)
    /// With this entry, the ledger's debits would add up to more than `Money.ledgerLimit`; they
    /// are `moved` without it.
    case ledgerLimit(Money)
    /// Contributions volontaires en nature (class 8) on the same entry as another class: they
    /// stand apart from the result, 86 against 87 only.
    case mixedContributionsInKind(AccountNumber, other: AccountNumber)
}

extension EntryError {
    /// The line of `entry` (0-based) the error is about, when it is about one: the line of
    /// zero amount, or the first line on the account or project it names.
    public func line(in entry: EntryDraft) -> Int? {
        switch self {
        case .zeroLine(let index, _): return index - 1
        case .unknownAccount(let a, _), .notPostable(let a), .openingOnResultAccount(let a):
            return entry.lines.firstIndex { $0.account == a }
        case .replacedAccount(let a, _, _): return entry.lines.firstIndex { $0.account == a.number }
        case .unknownProject(let code, _): return entry.lines.firstIndex { $0.project == code }
        case .textTooLong(_, let line): return line
        default: return nil
        }
    }
}

/// An entry read from a file, with the file line of each of its lines: an error about one line
/// points at that line of the file.
public struct SourcedEntry: Sendable {
    public var entry: EntryDraft
    /// File line of each line of `entry`, in order.
    public var lines: [Int]

    public init(entry: EntryDraft, lines: [Int]) {
        self.entry = entry
        self.lines = lines
    }

    /// File line of the entry's first line.
    public var line: Int { lines[0] }

    /// The file line an error about this entry points at.
    public func line(of error: EntryError) -> Int {
        error.line(in: entry).flatMap { $0 < lines.count ? lines[$0] : nil } ?? line
    }
}

/// What the chart of accounts an exercice follows says: the official labels, and the
/// accounts of the previous chart it no longer has, with the one to use instead.
public struct ChartFacts: Sendable {
    public let labels: [AccountNumber: String]
    public let replaced: [AccountNumber: ChartReplacement]

    public init(labels: [AccountNumber: String], replaced: [AccountNumber: ChartReplacement]) {
        self.labels = labels
        self.replaced = replaced
    }
}

/// What validation needs to know of a ledger: accounts, projects, journals, exercices.
/// Small (a few hundred accounts), loaded once per command.
public struct Catalog: Sendable {
    public private(set) var accounts: [AccountNumber: Account]
    public private(set) var projects: [String: Project]
    public let journals: [String: Journal]
    public let exercices: [Exercice]
    /// The charts of accounts (both, whatever the exercices): the wording of many accounts changed in 2025 (658
    /// « Charges diverses de gestion courante » became « Pénalités et autres charges »), and
    /// some accounts went (6713 became 6571).
    public let charts: [ChartVersion: ChartFacts]

    public init(accounts: [Account], projects: [Project], journals: [Journal], exercices: [Exercice],
                charts: [ChartVersion: ChartFacts] = [:]) {
        self.accounts = Dictionary(accounts.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        self.projects = Dictionary(projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.journals = Dictionary(journals.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.exercices = exercices.sorted { $0.start < $1.start }
        self.charts = charts
    }

    public mutating func add(_ account: Account) { accounts[account.number] = account }
    public mutating func add(_ project: Project) { projects[project.code] = project }

    public func exercice(containing day: Day) -> Exercice? { exercices.first { $0.contains(day) } }

    /// The exercice commands default to: the latest open one (the year being kept), else the latest.
    public var currentExercice: Exercice? { exercices.last { !$0.isClosed } ?? exercices.last }

    public func exercice(labelled label: String) -> Exercice? { exercices.first { $0.label == label } }

    /// The exercice an AG presents on `day`: the latest one ended before it, else the current one.
    public func presented(on day: Day) -> Exercice? { exercices.last { $0.end < day } ?? currentExercice }

    /// The exercice just before `e`, if the ledger has it.
    public func previous(_ e: Exercice) -> Exercice? { exercices.last { $0.end < e.start } }

    /// An account's label. With a chart (that of the exercice a report is about), a standard
    /// account is named as that chart names it; an account of the association's own keeps the
    /// name the association gave it; an account of the chart the ledger does not have yet (6573
    /// before any 2025 exercice) is named by the chart.
    public func label(of number: AccountNumber, in chart: ChartVersion? = nil) -> String {
        guard let account = accounts[number] else { return chart.flatMap { charts[$0]?.labels[number] } ?? "" }
        if !account.isCustom, let chart, let official = charts[chart]?.labels[number] { return official }
        return account.label
    }

    /// Accounts whose number is closest to `number`: same prefix first, then fewest edits. With
    /// the chart of the exercice the account is wanted in, those its entries may use, named as
    /// that chart names them (no charge the 2025 chart replaced, for a 2025 exercice).
    public func suggestions(for number: AccountNumber, in chart: ChartVersion? = nil, limit: Int = 3) -> [Account] {
        let target = Array(number.text)
        func score(_ a: Account) -> (Int, Int, String) {
            let candidate = Array(a.number.text)
            var common = 0
            while common < min(target.count, candidate.count) && target[common] == candidate[common] { common += 1 }
            return (-common, editDistance(target, candidate), a.number.text)
        }
        return accounts.values
            .filter { $0.number.isPostable && $0.number.classDigit == number.classDigit }
            .filter { a in chart.map { replacement(of: a, in: $0) == nil } ?? true }
            .map { ($0, score($0)) }
            .sorted { $0.1 < $1.1 }
            .prefix(limit)
            .map { Account(number: $0.0.number, label: label(of: $0.0.number, in: chart), isCustom: $0.0.isCustom) }
    }

    /// Checks that a line of `exercice` may use `number`: a postable account of the ledger, and
    /// for a charge or produit, one the exercice's chart still has (balance-sheet accounts carry
    /// their balances over; an OD moves them to the new account).
    public func check(_ number: AccountNumber, in exercice: Exercice, reversing: Bool = false) throws(EntryError) {
        guard number.isPostable else { throw .notPostable(number) }
        guard let account = accounts[number] else {
            // A ledger begun on the 2025 chart never had 6713: still say what replaced it.
            if let (old, replacement) = replaced(number, in: exercice.chart) { throw .replacedAccount(old, replacement, exercice) }
            throw .unknownAccount(number, suggestions: suggestions(for: number, in: exercice.chart))
        }
        if !reversing, let replacement = replacement(of: account, in: exercice.chart) {
            throw .replacedAccount(account, replacement, exercice)
        }
    }

    /// When `chart` dropped the charge or produit `number` (6713 in 2025): that account as the
    /// previous chart named it, and its replacement. (An account of the association's own under
    /// it, 6713A, is never replaced.)
    public func replaced(_ number: AccountNumber, in chart: ChartVersion) -> (Account, ChartReplacement)? {
        guard number.nature.isResult, let r = charts[chart]?.replaced[number] else { return nil }
        let label = accounts[number]?.label ?? charts.values.lazy.compactMap { $0.labels[number] }.first ?? ""
        return (Account(number: number, label: label, isCustom: false), r)
    }

    /// The rules that file under a charge or produit `chart` replaced, with the replacement: in an
    /// exercice on that chart, each would have its operations refused.
    public func rulesOnReplacedAccounts(_ rules: [Rule], in chart: ChartVersion) -> [(rule: Rule, replacement: ChartReplacement)] {
        rules.compactMap { r in accounts[r.account].flatMap { replacement(of: $0, in: chart) }.map { (r, $0) } }
    }

    /// What replaces `account` in `chart` when that chart dropped it and it is a charge or a
    /// produit (6713 → 6571 in the 2025 chart). Balance-sheet accounts carry their balances over.
    /// An account of the association's own is replaced only when its very number was dropped (a
    /// 791 added for transferts de charges, which the 2025 chart abolished): 6713A never is.
    func replacement(of account: Account, in chart: ChartVersion) -> ChartReplacement? {
        guard account.number.nature.isResult else { return nil }
        return charts[chart]?.replaced[account.number]
    }

    /// Whether entries of `journal` are à-nouveaux (a journal of kind AN): they count apart in
    /// the totals.
    public func isOpening(_ journal: String) -> Bool { journals[journal]?.kind == .aNouveaux }

    /// Checks an entry against the rules of double entry and this ledger's contents.
    /// Returns the exercice the entry belongs to.
    @discardableResult
    public func validate(_ entry: EntryDraft) throws(EntryError) -> Exercice {
        if entry.label.trimmingSpaces.isEmpty { throw .emptyLabel }
        // Texts are `printable` since their draft was made: what is left to check is their length.
        func bounded(_ text: String?, line: Int?) throws(EntryError) {
            do { try text?.checkLength() } catch { throw .textTooLong(error, line: line) }
        }
        try bounded(entry.label, line: nil)
        try bounded(entry.piece, line: nil)
        for (i, line) in entry.lines.enumerated() { try bounded(line.label, line: i) }
        guard journals[entry.journal] != nil else {
            throw .unknownJournal(entry.journal, known: journals.keys.sorted())
        }
        guard let exercice = exercice(containing: entry.date) else {
            throw .outsideExercices(entry.date, exercices: exercices)
        }
        if exercice.isClosed { throw .closedExercice(entry.date, exercice) }
        // A line of no amount first: with `6063=0 512`, that is the mistake, not the one line left.
        if let i = entry.lines.firstIndex(where: { $0.amount.isZero }) { throw .zeroLine(index: i + 1, account: entry.lines[i].account) }
        if entry.lines.count < 2 { throw .tooFewLines(count: entry.lines.count) }
        let opening = isOpening(entry.journal)
        if opening, entry.date != exercice.start { throw .openingNotOnFirstDay(entry.date, exercice) }
        if opening, entry.origin != .closing, let earlier = exercices.last(where: { $0.end < exercice.start }) {
            throw .openingAfter(exercice, earlier: earlier)
        }
        var debit = Money.zero, credit = Money.zero
        for line in entry.lines {
            try check(line.account, in: exercice, reversing: entry.origin == .reversal)
            if opening, line.account.nature != .bilan { throw .openingOnResultAccount(line.account) }
            if let p = line.project, projects[p] == nil {
                throw .unknownProject(p, known: projects.keys.sorted())
            }
            do {
                debit = try debit.adding(line.debit)
                credit = try credit.adding(line.credit)
            } catch {
                throw .amountOverflow
            }
        }
        if debit != credit { throw .unbalanced(debit: debit, credit: credit) }
        if let inKind = entry.lines.first(where: { $0.account.nature == .contributionEnNature }),
           let other = entry.lines.first(where: { $0.account.nature != .contributionEnNature }) {
            throw .mixedContributionsInKind(inKind.account, other: other.account)
        }
        return exercice
    }
}

/// Levenshtein distance between two short strings.
public func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// A recorded entry, as read back from the ledger.
public struct Entry: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        /// The line's own identity in the ledger: two lines of one entry may hold the same
        /// account and amount, and what is attached to a line (a tiers, a letter) follows it.
        public let id: Int64
        public let account: AccountNumber
        public let debit: Money
        public let credit: Money
        public let label: String?
        public let project: String?
        public let tiers: LineTiers?

        public init(id: Int64, account: AccountNumber, debit: Money, credit: Money, label: String?, project: String?, tiers: LineTiers? = nil) {
            self.id = id
            self.account = account
            self.debit = debit
            self.credit = credit
            self.label = label
            self.project = project
            self.tiers = tiers
        }

        /// The line as a draft of the same amount, label, project and tiers (the tiers it counts for today).
        public var draft: LineDraft {
            LineDraft(account: account, amount: debit - credit, label: label, project: project, tiers: tiers?.code)
        }
    }

    public let id: Int64
    public let exerciceId: Int64
    /// Sequential number per exercice, given when the entry is recorded ("n° de saisie").
    public let number: Int
    public let journal: String
    public let date: Day
    public let label: String
    public let piece: String?
    /// Set once validated: the validation date and the definitive number in its journal.
    public let validation: Validation?
    public let lines: [Line]

    public struct Validation: Hashable, Sendable {
        public let date: Day
        public let number: Int
        /// Place in the chain of validated entries: the order of validation.
        public let order: Int

        public init(date: Day, number: Int, order: Int = 0) {
            self.date = date
            self.number = number
            self.order = order
        }
    }

    public init(id: Int64, exerciceId: Int64, number: Int, journal: String, date: Day, label: String,
                piece: String?, validation: Validation?, lines: [Line]) {
        self.id = id
        self.exerciceId = exerciceId
        self.number = number
        self.journal = journal
        self.date = date
        self.label = label
        self.piece = piece
        self.validation = validation
        self.lines = lines
    }
}

/// An error tied to a place in an input file: what went wrong, in which file, on which line.
public struct LocatedError: Error, Sendable {
    public let file: String?
    public let line: Int
    /// The line as read, for the message.
    public let text: String?
    public let underlying: any Error & Sendable

    public init(file: String?, line: Int, text: String? = nil, underlying: any Error & Sendable) {
        self.file = file
        self.line = line
        self.text = text
        self.underlying = underlying
    }
}

extension EntryDraft {
    /// Adds a line on `account` for whatever makes the entry balance (nothing if it already does).
    public mutating func addBalancingLine(account: AccountNumber, project: String? = nil, tiers: String? = nil) {
        let difference = totalCredit - totalDebit
        if !difference.isZero {
            lines.append(LineDraft(account: account, amount: difference, project: project, tiers: tiers))
        }
    }

    /// The journal an entry belongs in when none is named: BQ when it moves a bank account
    /// (51), CA for cash (53), OD otherwise.
    public static func suggestedJournal(for lines: [LineDraft]) -> String {
        if lines.contains(where: { $0.account.isUnder(AccountGroup.bank) }) { return "BQ" }
        if lines.contains(where: { $0.account.isUnder(AccountGroup.cash) }) { return "CA" }
        return "OD"
    }
}

extension EntryDraft {
    /// The extourne of `original`: the same lines, debit and credit swapped, on `date` (default:
    /// the original's), citing it by its definitive number once validated.
    public static func reversal(of original: Entry, on date: Day? = nil) -> EntryDraft {
        let reference = original.validation.map { "\(original.journal)-\($0.number)" } ?? "n° \(original.number)"
        return EntryDraft(journal: original.journal, date: date ?? original.date, label: "Extourne de \(reference) : \(original.label)",
                          piece: original.piece, lines: original.lines.map {
            LineDraft(account: $0.account, amount: $0.credit - $0.debit, label: $0.label, project: $0.project, tiers: $0.tiers?.code)
        }, origin: .reversal)
    }
}

extension Entry {
    /// True when this entry cancels `original` exactly: its lines are the original's with debit
    /// and credit swapped (an extourne). An OD that files the original's waiting line is not one.
    public func reverses(_ original: Entry) -> Bool {
        func key(_ l: Line) -> String { "\(l.account.text)|\(l.project ?? "")|\(l.tiers?.code ?? "")" }
        func net(_ lines: [Line], sign: Int64) -> [String: Int64] {
            lines.reduce(into: [:]) { $0[key($1), default: 0] += sign * ($1.debit.cents - $1.credit.cents) }
        }
        return net(lines, sign: 1) == net(original.lines, sign: -1)
    }
}
