/// Which lines a query takes, by analytic project.
public enum ProjectFilter: Hashable, Sendable {
    case all
    /// Lines with no project ("sans projet", "le reste").
    case none
    case code(String)
}

/// Whether a query takes the opening entries (journal of kind à-nouveaux).
public enum OpeningFilter: Hashable, Sendable {
    case include, exclude, only
}

/// A request for totals per account, aggregated by the store (in SQL, over indexed data).
public struct TotalsQuery: Hashable, Sendable {
    /// First and last day, both included; nil means unbounded.
    public var from: Day?
    public var to: Day?
    public var project: ProjectFilter
    public var groupByProject: Bool
    public var groupByMonth: Bool
    /// One total per account and day (`AccountTotal.day`): a balance day by day.
    public var groupByDay: Bool
    /// Account prefixes to keep (`["51", "53"]`); empty keeps every account.
    public var accountPrefixes: [String]
    public var openings: OpeningFilter

    public init(from: Day? = nil, to: Day? = nil, project: ProjectFilter = .all, groupByProject: Bool = false,
                groupByMonth: Bool = false, groupByDay: Bool = false, accountPrefixes: [String] = [], openings: OpeningFilter = .include) {
        self.from = from
        self.to = to
        self.project = project
        self.groupByProject = groupByProject
        self.groupByMonth = groupByMonth
        self.groupByDay = groupByDay
        self.accountPrefixes = accountPrefixes
        self.openings = openings
    }
}

/// Debit and credit totals of one account (and, when asked, one project and one month).
public struct AccountTotal: Hashable, Sendable {
    public let account: AccountNumber
    /// Set when the query groups by project; nil means "sans projet".
    public let project: String?
    /// First day of the month, when the query groups by month.
    public let month: Day?
    /// The day, when the query groups by day.
    public let day: Day?
    public let debit: Money
    public let credit: Money

    public init(account: AccountNumber, project: String? = nil, month: Day? = nil, day: Day? = nil, debit: Money, credit: Money) {
        self.account = account
        self.project = project
        self.month = month
        self.day = day
        self.debit = debit
        self.credit = credit
    }

    /// Debit minus credit.
    public var balance: Money { debit - credit }
}

/// Which entries a journal listing shows.
public struct EntryQuery: Hashable, Sendable {
    public var from: Day?
    public var to: Day?
    public var journal: String?
    /// Only entries with at least one line on an account under this prefix.
    public var accountPrefix: String?
    public var onlyDrafts: Bool

    public init(from: Day? = nil, to: Day? = nil, journal: String? = nil, accountPrefix: String? = nil,
                onlyDrafts: Bool = false) {
        self.from = from
        self.to = to
        self.journal = journal
        self.accountPrefix = accountPrefix
        self.onlyDrafts = onlyDrafts
    }
}

/// An entry without its lines: enough to choose and order entries before reading them by
/// chunks (`entries(ids:)`), so that a long listing never holds the whole ledger.
public struct EntryKey: Hashable, Sendable {
    public let id: Int64
    public let journal: String
    /// Place in the chain of validated entries; nil for a draft.
    public let validationOrder: Int?

    public init(id: Int64, journal: String, validationOrder: Int?) {
        self.id = id
        self.journal = journal
        self.validationOrder = validationOrder
    }
}

/// One line of an account, with its entry's context (grand livre).
public struct AccountLine: Hashable, Sendable {
    public let account: AccountNumber
    public let date: Day
    public let journal: String
    public let entryNumber: Int
    public let piece: String?
    public let label: String
    public let debit: Money
    public let credit: Money
    public let project: String?
    public let tiers: LineTiers?

    public init(account: AccountNumber, date: Day, journal: String, entryNumber: Int, piece: String?,
                label: String, debit: Money, credit: Money, project: String?, tiers: LineTiers? = nil) {
        self.account = account
        self.date = date
        self.journal = journal
        self.entryNumber = entryNumber
        self.piece = piece
        self.label = label
        self.debit = debit
        self.credit = credit
        self.project = project
        self.tiers = tiers
    }
}

/// The narrow read interface reports use. `LedgerStore` implements it over SQLite; a report can
/// be computed from any implementation, including an in-memory ledger.
public protocol LedgerQueries {
    /// The association's name, as given at `init`.
    func associationName() throws -> String
    func catalog() throws -> Catalog
    /// Totals per account (and project, month) of the lines the query selects.
    func totals(_ query: TotalsQuery) throws -> [AccountTotal]
    /// Entries in date order, with their lines.
    func entries(_ query: EntryQuery) throws -> [Entry]
    /// The entries the query selects, without their lines, in date order.
    func entryKeys(_ query: EntryQuery) throws -> [EntryKey]
    /// Entries by id, in the order given, with their lines.
    func entries(ids: [Int64]) throws -> [Entry]
    /// Each line of the accounts under `prefix` (all accounts when nil), account by account in
    /// date order, handed to `body` as it is read.
    func forEachAccountLine(prefix: String?, from: Day?, to: Day?, _ body: (AccountLine) throws -> Void) throws
    /// Whether a line of the entries `query` selects carries a tiers; with its `accountPrefix`,
    /// a line of those accounts. (Reports show a tiers column only when there is one to show.)
    func hasTiers(_ query: EntryQuery) throws -> Bool
    /// The amounts of the lines with a tiers on the accounts under `prefix` up to `to` (included),
    /// grouped by the tiers each counts for today (a merged tiers gives the one it was merged
    /// into), in the order of their codes, each group in the order of the books: the
    /// cotisations members are counted from.
    func tiersAmounts(prefix: String, to: Day) throws -> [(tiers: LineTiers, amounts: [DatedAmount])]
    /// The association's identity: its membership rule says who is « à jour ».
    func association() throws -> Association
    /// The budget of an exercice: the named version, or the latest one; nil when there is none.
    func budget(_ exercice: Exercice, version: String?) throws -> Budget?

    // The bank's side (compta attente, releves, regles).
    /// Entries with an amount still waiting on 471, in date order: of `exercice`, or of all
    /// exercices when nil.
    func waitingLines(exercice: Exercice?) throws -> [WaitingLine]
    /// The statements imported, in the order they were.
    func statements() throws -> [ImportedStatement]
    /// The categorisation rules, in the order they are tried.
    func rules() throws -> [Rule]
    /// The état de rapprochement of `account`, or of every account a statement was imported
    /// into when nil (`compta pointage`).
    func pointage(account: AccountNumber?) throws -> [BankPointage]

    // Lettrage (compta lettrer, tiers soldes, echeances, the FEC's EcritureLet).
    /// The lines of third-party accounts the query selects, with their letters, in date order.
    func letterItems(_ query: LetterQuery) throws -> [LetterItem]
    /// The letters of the lines of the entries dated from `from` to `to`, by line id.
    func letters(from: Day, to: Day) throws -> [Int64: LineLetter]
}

extension LedgerQueries {
    /// Entries by id, in the order given, read by chunks of 4 096: a long selection (a year of
    /// a large ledger) never sits in memory at once.
    public func forEachEntry(ids: [Int64], _ body: (Entry) throws -> Void) throws {
        for start in stride(from: 0, to: ids.count, by: 4096) {
            for e in try entries(ids: Array(ids[start..<min(start + 4096, ids.count)])) { try body(e) }
        }
    }

    /// The day from which balance-sheet balances are summed for a date in `exercice`: the start
    /// of the latest exercice up to this one that opens with à-nouveaux entries (its opening
    /// carries everything before it), else the start of the ledger's first exercice. So a
    /// ledger whose earlier years were never closed still shows the right bank balance.
    public func balanceBase(for exercice: Exercice) throws -> Day {
        let catalog = try catalog()
        for e in catalog.exercices.reversed() where e.start <= exercice.start {
            let openings = try totals(TotalsQuery(from: e.start, to: e.end, openings: .only))
            if !openings.isEmpty { return e.start }
        }
        return catalog.exercices.first?.start ?? exercice.start
    }

    /// The exercices before `exercice` whose balances it does not carry: those from the
    /// balance base on, when it opens without à-nouveaux (they are not closed). Its books
    /// start balance-sheet accounts from zero; the treasury and the bilan sum them.
    public func exercicesNotCarried(into exercice: Exercice) throws -> [Exercice] {
        let base = try balanceBase(for: exercice)
        return try catalog().exercices.filter { $0.start >= base && $0.end < exercice.start }
    }

    /// Balance (debit − credit) of the accounts under `prefix` at the end of `day`.
    public func balance(of prefix: String, at day: Day) throws -> Money {
        let catalog = try catalog()
        guard let exercice = catalog.exercice(containing: day) ?? catalog.exercices.last(where: { $0.end < day }) else {
            return .zero
        }
        let base = try balanceBase(for: exercice)
        return Money.sum(try totals(TotalsQuery(from: base, to: day, accountPrefixes: [prefix])).map(\.balance))
    }
}

/// A line's amount (credit less debit: what came in) on its entry's day.
public struct DatedAmount: Sendable, Equatable {
    public let date: Day
    public let amount: Money

    public init(date: Day, amount: Money) {
        self.date = date
        self.amount = amount
    }
}
