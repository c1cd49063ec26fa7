/// What a bank import did (`BankImporter.run`), for its summary (`ImportSummary` in Reports)
/// and the JSON output. A value of `Ledger` so that `Reports` reads it without knowing the
/// readers: `Imports` makes it, `Reports` tells it.
public struct ImportResult: Sendable {
    /// What reading the file found besides its operations.
    public let reading: StatementReading
    public let batch: BankBatch
    public let outcome: BankBatchOutcome
    public let dryRun: Bool
    /// The statement's closing balance against the ledger's, when the statement gives one.
    public let reconciliation: Reconciliation?

    public init(reading: StatementReading, batch: BankBatch, outcome: BankBatchOutcome, dryRun: Bool, reconciliation: Reconciliation?) {
        self.reading = reading
        self.batch = batch
        self.outcome = outcome
        self.dryRun = dryRun
        self.reconciliation = reconciliation
    }

    /// Operations of the file, those left out (before `--du`, of no amount) included.
    public var linesRead: Int { batch.count + batch.leftOut }
    public var newLines: Int { outcome.recorded }
    public var alreadyThere: Int { outcome.alreadyThere.count }
    public var filedByRule: Int { outcome.recorded - outcome.waiting.count }
    /// New lines waiting in 471, with their entry number.
    public var waiting: LazyMapCollection<[(position: Int, number: Int)], (entry: BankEntry, number: Int)> {
        outcome.waiting.lazy.map { [batch] in (batch.entry(at: $0.position), $0.number) }
    }
}

/// What reading a statement file found besides its operations: its format, its encoding, and
/// the lines it did not import.
public struct StatementReading: Sendable, Equatable {
    /// Name for people (`Caisse d'Épargne, Banque Populaire, Crédit Coopératif`).
    public let formatName: String
    /// The file's own encoding (`utf-8`, `windows-1252`).
    public let encoding: String
    /// Lines the file holds but that are not operations to import (pending, declined...).
    public let skipped: Int
    /// Operations left out because they are before the day asked for (`--du`).
    public let before: Int
    /// Operations of no amount, left out.
    public let zeroAmounts: Int

    public init(formatName: String, encoding: String, skipped: Int, before: Int, zeroAmounts: Int) {
        self.formatName = formatName
        self.encoding = encoding
        self.skipped = skipped
        self.before = before
        self.zeroAmounts = zeroAmounts
    }
}

/// The statement's closing balance against the ledger's on the same day. A difference is split
/// in two when the statement lets the bank's balance before its first operation be known:
/// what differs before (an opening balance or an earlier statement missing from the ledger) and
/// what differs over the statement's days (an entry on the account that is not on the statement,
/// or is there twice).
public struct Reconciliation: Sendable {
    public struct Before: Sendable {
        /// The day before the statement's first operation.
        public let day: Day
        public let statement: Money
        /// The ledger's balance that day, an entry pointed by a line of the statement counted on
        /// the line's day (when the bank moved the money), not on its own.
        public let ledger: Money
        /// The first day of the ledger's first exercice, when the statement begins in it and the
        /// ledger has nothing on the account before the statement: the day the account's opening
        /// balance is entered (journal AN).
        public let ledgerStart: Day?
        /// The entries dated before `day` that lines of the statement point: left out of `ledger`.
        public let pointedLater: Money

        public init(day: Day, statement: Money, ledger: Money, ledgerStart: Day?, pointedLater: Money = .zero) {
            self.day = day
            self.statement = statement
            self.ledger = ledger
            self.ledgerStart = ledgerStart
            self.pointedLater = pointedLater
        }
    }
    public let day: Day?
    public let statement: Money
    public let ledger: Money
    public let before: Before?

    public init(day: Day?, statement: Money, ledger: Money, before: Before?) {
        self.day = day
        self.statement = statement
        self.ledger = ledger
        self.before = before
    }

    /// Statement minus ledger.
    public var difference: Money { statement - ledger }
    /// The part of the difference already there before the statement's first operation.
    public var differenceBefore: Money { before.map { $0.statement - $0.ledger } ?? .zero }
    /// The part of the difference over the statement's days.
    public var differenceDuring: Money { difference - differenceBefore }
}

/// A statement format as people see it (`compta importer --banques`): every statement reader
/// of `Imports` is one.
public protocol StatementFormat: Sendable {
    var id: String { get }
    /// Name for people.
    var name: String { get }
    /// Other names `--banque` accepts.
    var aliases: [String] { get }
    /// What the file looks like (in CSV and JSON).
    var details: String { get }
}
