/// What the ledger keeps of its bank side, as reports read it back (`LedgerQueries`): the
/// lines waiting in 471, the statements imported. The rules are `Rule`.

/// A line waiting in 471: its entry and amount (positive: money came in), net of the entries
/// that correct it (`Waiting.net`), and the bank's label when it came from a statement.
public struct WaitingLine: Sendable {
    public let entry: Entry
    public let amount: Money
    public let bankLabel: String?

    public init(entry: Entry, amount: Money, bankLabel: String?) {
        self.entry = entry
        self.amount = amount
        self.bankLabel = bankLabel
    }
}

/// A statement as imported: what it added to the ledger.
public struct ImportedStatement: Sendable, Equatable {
    public let id: Int
    public let fileName: String
    public let bankAccount: AccountNumber
    public let importedAt: Timestamp
    public let firstDate: Day?
    public let lastDate: Day?
    /// Operations of the file, as the import counted them: those it wrote, those already
    /// there, those it left out (before `--du`, of no amount).
    public let linesRead: Int
    /// Operations it wrote.
    public let linesNew: Int
    public let linesLeftOut: Int
    /// Operations it pointed with an entry the ledger had, or held for `compta pointer`.
    public let linesPointed: Int
    /// Operations a previous import had written.
    public var alreadyThere: Int { linesRead - linesNew - linesLeftOut - linesPointed }
    /// Of those, how many are validated.
    public let validated: Int

    public init(id: Int, fileName: String, bankAccount: AccountNumber, importedAt: Timestamp, firstDate: Day?, lastDate: Day?,
                linesRead: Int, linesNew: Int, linesLeftOut: Int, linesPointed: Int = 0, validated: Int) {
        self.id = id
        self.fileName = fileName
        self.bankAccount = bankAccount
        self.importedAt = importedAt
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.linesRead = linesRead
        self.linesNew = linesNew
        self.linesLeftOut = linesLeftOut
        self.linesPointed = linesPointed
        self.validated = validated
    }
}

/// A moment the ledger recorded (an import): as stored, ISO 8601 in UTC, and as the user's
/// clock showed it — the store reads it back in the command's time zone, so that reports need
/// no clock.
public struct Timestamp: Sendable, Equatable {
    public struct Local: Sendable, Equatable {
        public let day: Day
        /// `HH:MM`.
        public let time: String

        public init(day: Day, time: String) {
            self.day = day
            self.time = time
        }
    }
    public let utc: String
    /// Nil for a stored text that is no instant.
    public let local: Local?

    public init(utc: String, local: Local?) {
        self.utc = utc
        self.local = local
    }
}
