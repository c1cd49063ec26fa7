/// Pointage: a line of a bank statement linked to the entry the treasurer typed for it before
/// the bank showed it (a cheque deposited, a card payment entered from its receipt), instead of
/// a second entry for the same operation. The rule is here, pure; the store finds the
/// candidates and records the links.

/// An entry on a bank account that no statement line covers yet: what a statement line may be
/// pointed with.
public struct PointageCandidate: Hashable, Sendable {
    public let entryID: Int64
    public let number: Int
    public let exerciceID: Int64
    public let date: Day
    /// Its amount on the bank account (positive: money in), as a statement line would say it.
    public let amount: Money
    public let label: String

    public init(entryID: Int64, number: Int, exerciceID: Int64, date: Day, amount: Money, label: String) {
        self.entryID = entryID
        self.number = number
        self.exerciceID = exerciceID
        self.date = date
        self.amount = amount
        self.label = label
    }
}

public enum Pointage {
    /// Days between a typed entry and the statement line it is pointed with, either way, when
    /// the ledger sets none (`compta pointage fenetre`): a cheque takes a few days to be credited.
    public static let defaultWindow = 10
    /// The largest window a ledger accepts: beyond it a match says little.
    public static let maximumWindow = 60

    /// What becomes of a new statement line.
    public enum Decision: Equatable, Sendable {
        /// Linked to this entry, which it covers: no entry is written for it.
        case pointed(PointageCandidate)
        /// Several entries fit: the line is held until `compta pointer` says which.
        case held([PointageCandidate])
    }

    /// A new line of a statement: its place in the batch, day and amount.
    public struct Line: Sendable {
        public let position: Int
        public let date: Day
        public let amount: Money

        public init(position: Int, date: Day, amount: Money) {
            self.position = position
            self.date = date
            self.amount = amount
        }
    }

    /// Whether `candidate` may be the entry of a statement line of `amount` on `date`: the same
    /// amount and sign on the bank account, dated `window` days at most before or after.
    public static func fits(_ candidate: PointageCandidate, date: Day, amount: Money, window: Int) -> Bool {
        candidate.amount == amount && abs(candidate.date.ordinal - date.ordinal) <= window
    }

    /// The decisions for the lines that have a candidate (the others are new entries). A line
    /// with exactly one candidate is pointed with it, and that entry is nobody else's; this is
    /// repeated while it settles more lines (a line with two candidates, one of which another
    /// line takes alone, is left with one). A line that still has several is held, with them.
    public static func match(_ lines: [Line], candidates: [PointageCandidate], window: Int) -> [Int: Decision] {
        var byAmount: [Money: [PointageCandidate]] = [:]
        for c in candidates { byAmount[c.amount, default: []].append(c) }
        var open: [Int: [PointageCandidate]] = [:]
        var order: [Int] = []
        for line in lines {
            let fit = (byAmount[line.amount] ?? []).filter { fits($0, date: line.date, amount: line.amount, window: window) }
            if fit.isEmpty { continue }
            open[line.position] = fit
            order.append(line.position)
        }
        var decisions: [Int: Decision] = [:]
        var taken: Set<Int64> = []
        var settled = true
        while settled {
            settled = false
            for position in order where decisions[position] == nil {
                let left = open[position, default: []].filter { !taken.contains($0.entryID) }
                open[position] = left
                if left.count == 1 {
                    decisions[position] = .pointed(left[0])
                    taken.insert(left[0].entryID)
                    settled = true
                }
            }
        }
        for position in order where decisions[position] == nil {
            let left = open[position, default: []].filter { !taken.contains($0.entryID) }
            // Every candidate went to other lines: this one is an operation of its own.
            if !left.isEmpty { decisions[position] = .held(left) }
        }
        return decisions
    }

    /// Checks that entry `number` may be the entry of `line` (`compta pointer`): an entry with
    /// `amountOnAccount` on the line's account (nil: no line there), of the line's amount, that
    /// no statement line covers yet. The window does not apply: the treasurer knows.
    public static func check(_ line: HeldLine, number: Int, amountOnAccount: Money?, alreadyPointed: Bool, validated: Bool) throws(PointageError) {
        guard let amountOnAccount else { throw .entryOnAnotherAccount(number: number, account: line.account) }
        if alreadyPointed { throw .entryAlreadyPointed(number: number) }
        if amountOnAccount != line.amount {
            throw .amountDiffers(line: line.id, lineAmount: line.amount, number: number, entryAmount: amountOnAccount, account: line.account,
                                 validated: validated)
        }
    }
}

/// A statement line held because several entries fit it: it waits for `compta pointer`. It is
/// on no entry: the entries it may be are in the ledger already, so nothing counts it twice.
public struct HeldLine: Sendable, Equatable {
    /// Its number for `compta pointer`.
    public let id: Int
    public let statementID: Int
    public let account: AccountNumber
    public let date: Day
    public let amount: Money
    public let label: String
    /// The entries that fit it today.
    public let candidates: [PointageCandidate]

    public init(id: Int, statementID: Int, account: AccountNumber, date: Day, amount: Money, label: String, candidates: [PointageCandidate]) {
        self.id = id
        self.statementID = statementID
        self.account = account
        self.date = date
        self.amount = amount
        self.label = label
        self.candidates = candidates
    }
}

/// Why `compta pointer` refused.
public enum PointageError: Error, Equatable, Sendable {
    /// No held line has that number.
    case unknownLine(Int)
    /// That line was pointed already, with that entry; `statement`: the statement it came with.
    case lineAlreadyPointed(line: Int, number: Int, statement: Int)
    /// The entry has no line on the statement's account.
    case entryOnAnotherAccount(number: Int, account: AccountNumber)
    /// The entry's amount on the account is not the line's (`validated`: the entry is, and is
    /// corrected by an extourne; a draft is corrected in place).
    case amountDiffers(line: Int, lineAmount: Money, number: Int, entryAmount: Money, account: AccountNumber, validated: Bool)
    /// A statement line covers the entry already.
    case entryAlreadyPointed(number: Int)
    /// A window of days outside 0…`Pointage.maximumWindow`.
    case badWindow(Int)
}

/// The état de rapprochement of one bank account (`compta pointage`): what is not matched on
/// each side, and the balances it explains.
public struct BankPointage: Sendable {
    public let account: AccountNumber
    /// The first day a statement of the account covers, less the window: entries before it were
    /// never to be seen.
    public let coverageStart: Day?
    /// The latest statement that states a balance: its day and that balance.
    public let statementBalance: (day: Day, amount: Money)?
    /// The ledger's balance of the account on that day.
    public let ledgerBalance: Money?
    /// Entries on the account that no statement line covers, from `coverageStart` on, by date.
    public let unmatched: [PointageCandidate]
    /// Statement lines without an entry, held for `compta pointer`.
    public let held: [HeldLine]
    /// The window of days the ledger points with.
    public let window: Int
    /// For an entry of `unmatched` (by id): operations of statements waiting on 471 with its
    /// amount, within the window — most likely the same operation, in the ledger twice.
    public let waitingLookalikes: [Int64: [PointageCandidate]]

    public init(account: AccountNumber, coverageStart: Day?, statementBalance: (day: Day, amount: Money)?, ledgerBalance: Money?,
                unmatched: [PointageCandidate], held: [HeldLine], window: Int, waitingLookalikes: [Int64: [PointageCandidate]] = [:]) {
        self.waitingLookalikes = waitingLookalikes
        self.account = account
        self.coverageStart = coverageStart
        self.statementBalance = statementBalance
        self.ledgerBalance = ledgerBalance
        self.unmatched = unmatched
        self.held = held
        self.window = window
    }

    /// The entries not seen by the bank up to the statement's day: their sum is in the ledger's
    /// balance and not yet in the bank's.
    public var unmatchedToStatement: [PointageCandidate] {
        guard let day = statementBalance?.day else { return unmatched }
        return unmatched.filter { $0.date <= day }
    }

    /// The bank's balance the ledger explains: its own, less the entries the bank has not shown,
    /// plus the held lines (the bank shows them, the ledger has them only as their candidates).
    public var expectedStatementBalance: Money? {
        guard let ledgerBalance, let day = statementBalance?.day else { return nil }
        return ledgerBalance - Money.sum(unmatchedToStatement.map(\.amount)) + Money.sum(held.filter { $0.date <= day }.map(\.amount))
    }

    /// What the pointage does not explain: the statement's balance less the one expected.
    public var unexplained: Money? {
        guard let expected = expectedStatementBalance, let s = statementBalance else { return nil }
        return s.amount - expected
    }
}
