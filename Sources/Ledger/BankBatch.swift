/// One line of a bank statement turned into an entry, with the fingerprint that recognises it
/// when a later statement holds it again.
public struct BankEntry: Hashable, Sendable {
    public let fingerprint: String
    /// Line of the statement file it comes from.
    public let sourceLine: Int
    public let date: Day
    /// Positive: money in.
    public let amount: Money
    public let bankLabel: String
    /// The rule that filed it (its position), or nil: waiting in 471.
    public let rule: Int?
    /// The entry, its lines without tiers: the ledger gives its other line (`lines[1]`) the tiers `tiers` names.
    public let entry: EntryDraft
    /// The tiers of the operation as the rule or the label names it (a name, an alias, a
    /// code), or nil: resolved by the ledger when it records the entry.
    public let tiers: String?

    public init(fingerprint: String, sourceLine: Int, date: Day, amount: Money, bankLabel: String, rule: Int?, entry: EntryDraft,
                tiers: String? = nil) {
        self.fingerprint = fingerprint
        self.sourceLine = sourceLine
        self.date = date
        self.amount = amount
        self.bankLabel = bankLabel
        self.rule = rule
        self.entry = entry
        self.tiers = tiers
    }
}

/// A statement ready to be recorded: what the file was, and its lines as entries, in the
/// order they are numbered (by date). Entries are made on demand, one at a time, so that a
/// statement of a million lines is never held as a million entries.
public struct BankBatch: Sendable {
    public let fileName: String
    public let fileHash: String
    public let format: String
    public let bankAccount: AccountNumber
    /// The bank's own identifier of the account (number, IBAN), when the statement gives it.
    public let bankAccountID: String?
    public let firstDate: Day?
    public let lastDate: Day?
    /// The balance the statement states, and the day it is for.
    public let closingBalance: Money?
    public let closingDate: Day?
    public let count: Int
    /// Operations of the file read but left out (before `--du`, of no amount): the statement's
    /// lines read are `count` and these, as the import said.
    public let leftOut: Int
    /// `--forcer`: record it even though it looks like the statement of another ledger account.
    public var force = false
    /// The rules that filed the lines (`BankEntry.rule` is a position among them): a refusal names one.
    public var rules: [Rule] = []
    private let make: @Sendable (Int) -> BankEntry

    public init(fileName: String, fileHash: String, format: String, bankAccount: AccountNumber, bankAccountID: String?,
                firstDate: Day?, lastDate: Day?, closingBalance: Money?, closingDate: Day?,
                count: Int, leftOut: Int = 0, entry: @escaping @Sendable (Int) -> BankEntry) {
        self.fileName = fileName
        self.fileHash = fileHash
        self.format = format
        self.bankAccount = bankAccount
        self.bankAccountID = bankAccountID
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.closingBalance = closingBalance
        self.closingDate = closingDate
        self.count = count
        self.leftOut = leftOut
        self.make = entry
    }

    /// The entry at `position` (0 to count - 1).
    public func entry(at position: Int) -> BankEntry { make(position) }

    public var entries: LazyMapCollection<Range<Int>, BankEntry> { (0..<count).lazy.map(make) }
}

/// What recording a batch did. Entries are designated by their position in the batch.
public struct BankBatchOutcome: Sendable {
    /// How many entries were written.
    public let recorded: Int
    /// Entries written on the waiting account (no rule filed them), with their number in their exercice.
    public let waiting: [(position: Int, number: Int)]
    /// Lines a previous import already wrote.
    public let alreadyThere: [Int]
    /// When the same file was imported before: the moment of that import.
    public let sameFileImportedOn: Timestamp?
    /// Balance of the bank account in the ledger on the statement's closing day.
    public let ledgerBalance: Money?
    /// Balance of the bank account in the ledger the day before the statement's first operation.
    public let ledgerBalanceBefore: Money?
    /// New lines that look like an operation another statement brought under another label.
    public let probableDuplicates: [ProbableDuplicate]
    /// The number under which the ledger keeps the statement (`compta releves`); nil for a dry run.
    public let statementID: Int?
    /// New lines given a tiers.
    public var linesWithTiers = 0
    /// The tiers the import created (names no tiers had), in the order they were.
    public var tiersCreated: [Tiers] = []
    /// Names that are the name or alias of several tiers: their lines were left without tiers
    /// (one entry per name: the tiers it names, and how many lines).
    public var ambiguousTiers: [(name: String, candidates: [Tiers], lines: Int)] = []
    /// New lines pointed with an entry the ledger had (typed before the bank showed it): no
    /// entry was written for them.
    public var pointed: [(position: Int, entry: PointageCandidate)] = []
    /// New lines several entries fit: held, with those entries, until `compta pointer` says
    /// which (`line`, the number it takes; nil in a dry run).
    public var held: [(position: Int, line: Int?, candidates: [PointageCandidate])] = []

    /// A new line with the day and amount of a bank line of the same account from another statement.
    public struct ProbableDuplicate: Sendable, Equatable {
        public let position: Int
        /// That other line's bank label, and its statement's number.
        public let earlierLabel: String
        public let earlierStatement: Int

        public init(position: Int, earlierLabel: String, earlierStatement: Int) {
            self.position = position
            self.earlierLabel = earlierLabel
            self.earlierStatement = earlierStatement
        }
    }

    public init(recorded: Int, waiting: [(position: Int, number: Int)], alreadyThere: [Int], sameFileImportedOn: Timestamp?, ledgerBalance: Money?,
                ledgerBalanceBefore: Money?, probableDuplicates: [ProbableDuplicate], statementID: Int?) {
        self.probableDuplicates = probableDuplicates
        self.statementID = statementID
        self.recorded = recorded
        self.waiting = waiting
        self.alreadyThere = alreadyThere
        self.sameFileImportedOn = sameFileImportedOn
        self.ledgerBalance = ledgerBalance
        self.ledgerBalanceBefore = ledgerBalanceBefore
    }
}

/// What a bank import needs of a ledger: its catalog, its rules, and a way to record a batch
/// (all or nothing, or as a dry run that writes nothing).
public protocol BankLedger {
    func catalog() throws -> Catalog
    func rules() throws -> [Rule]
    func record(_ batch: BankBatch, dryRun: Bool) throws -> BankBatchOutcome
}

/// Why a bank statement's account does not fit.
public enum BankAccountError: Error, Equatable, Sendable {
    /// The statement's account was imported into another ledger account before.
    case statementOfAnotherAccount(bankAccountID: String, importedInto: AccountNumber, asked: AccountNumber)
    /// The very same file was imported into another ledger account (statement `statement`).
    case fileOfAnotherAccount(importedInto: AccountNumber, statement: Int, asked: AccountNumber)
    /// `found` of the statement's `count` operations (half or more) are on another ledger
    /// account, brought there by statement `statement`: same day, amount and label.
    case operationsOfAnotherAccount(found: Int, count: Int, importedInto: AccountNumber, statement: Int, asked: AccountNumber)
    /// The ledger account asked already holds the statements of another bank account (`holds`):
    /// a second account of a bank (a savings account, the second account of a CFONB file).
    case accountHoldsAnother(bankAccountID: String, asked: AccountNumber, holds: String)
    /// `--compte` must be a bank or cash account (51, 53).
    case notATreasuryAccount(AccountNumber)
}

/// A bank account's number as statements write it: an account number, an IBAN, with or
/// without blanks.
public enum BankAccountID {
    /// Letters and digits only.
    public static func clean(_ s: String) -> String { String(s.filter { $0.isLetter || $0.isNumber }) }

    /// Whether two writings name the same account: the same letters and digits, or one inside
    /// the other from eight characters (an account number inside its IBAN; never a few digits
    /// that happen to be in a number).
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = clean(a), y = clean(b)
        return x == y || (x.count >= 8 && y.contains(x)) || (y.count >= 8 && x.contains(y))
    }
}
