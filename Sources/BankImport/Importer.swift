import Ledger

/// What `compta importer` is asked to do.
public struct ImportOptions: Sendable {
    public var fileName: String
    /// The ledger's bank or cash account (`512`, `5121`, `530`).
    public var bankAccount: AccountNumber
    public var read: ReadOptions
    /// Rules to use instead of the ledger's (`--regles FICHIER`).
    public var rules: [Rule]?
    /// `--essai`: do everything, write nothing.
    public var dryRun: Bool
    /// A closing balance the user reads on the statement, for files that do not state one.
    public var statedBalance: (amount: Money, date: Day?)?

    public init(fileName: String, bankAccount: AccountNumber, read: ReadOptions = ReadOptions(), rules: [Rule]? = nil,
                dryRun: Bool = false, statedBalance: (amount: Money, date: Day?)? = nil) {
        self.fileName = fileName
        self.bankAccount = bankAccount
        self.read = read
        self.rules = rules
        self.dryRun = dryRun
        self.statedBalance = statedBalance
    }
}

/// What an import did, for the summary and the JSON output.
public struct ImportResult: Sendable {
    public let statement: Statement
    public let batch: BankBatch
    public let outcome: BankBatchOutcome
    public let dryRun: Bool

    public let linesRead: Int
    public let newLines: Int
    public let alreadyThere: Int
    public let filedByRule: Int
    /// New lines waiting in 471, with their entry number.
    public let waiting: [(entry: BankEntry, number: Int)]

    init(statement: Statement, batch: BankBatch, outcome: BankBatchOutcome, dryRun: Bool) {
        self.statement = statement
        self.batch = batch
        self.outcome = outcome
        self.dryRun = dryRun
        linesRead = batch.entries.count
        newLines = outcome.recorded.count
        alreadyThere = outcome.alreadyThere.count
        waiting = outcome.recorded.filter { $0.entry.rule == nil }
        filedByRule = newLines - waiting.count
    }

    /// Statement balance minus ledger balance, when both are known.
    public var difference: Money? {
        guard let s = batch.closingBalance, let l = outcome.ledgerBalance else { return nil }
        return s - l
    }
}

public enum BankImporter {
    /// The waiting account for lines no rule files.
    public static let waitingAccount = AccountNumber(trusted: "471")

    /// Reads, files and records a statement: all of it or nothing.
    public static func run(_ bytes: [UInt8], options: ImportOptions, ledger: some BankLedger) throws -> ImportResult {
        let statement = try StatementFile.read(bytes, options: options.read)
        let catalog = try ledger.catalog()
        guard options.bankAccount.isUnder("51") || options.bankAccount.isUnder("53") else {
            throw BankAccountError.notATreasuryAccount(options.bankAccount)
        }
        guard catalog.accounts[options.bankAccount] != nil else {
            throw EntryError.unknownAccount(options.bankAccount, suggestions: catalog.suggestions(for: options.bankAccount))
        }
        let rules = try options.rules ?? ledger.rules()
        for r in rules {
            do { try RuleMatcher.check(r, catalog: catalog) } catch {
                throw LocatedError(file: options.rules == nil ? nil : options.fileName, line: r.position, text: r.pattern, underlying: error)
            }
        }
        let batch = try plan(statement, bankAccount: options.bankAccount, rules: rules, fileName: options.fileName,
                             fileHash: SHA256.hex(bytes), statedBalance: options.statedBalance)
        let outcome = try ledger.record(batch, dryRun: options.dryRun)
        return ImportResult(statement: statement, batch: batch, outcome: outcome, dryRun: options.dryRun)
    }

    /// Turns a statement into entries: fingerprint, rule, label, bank line against the rule's
    /// account (or 471).
    public static func plan(_ statement: Statement, bankAccount: AccountNumber, rules: [Rule], fileName: String, fileHash: String,
                            statedBalance: (amount: Money, date: Day?)? = nil) throws -> BankBatch {
        let matcher = try RuleMatcher(rules)
        var ranks: [String: Int] = [:]
        var entries: [BankEntry] = []
        entries.reserveCapacity(statement.lines.count)
        let journal = EntryDraft.suggestedJournal(for: [LineDraft(account: bankAccount, amount: Money(cents: 1))])
        for line in statement.lines {
            let key = searchKey(line.label)
            let identity = "\(bankAccount.text)|\(line.date.iso)|\(line.amount.cents)|\(key)"
            let rank = (ranks[identity] ?? 0) + 1
            ranks[identity] = rank
            let fingerprint = String(SHA256.hex(identity + "|\(rank)").prefix(32))
            let rule = matcher.match(label: line.label, key: key, amount: line.amount)
            let label = rule?.label ?? (line.label.isEmpty ? "Opération bancaire" : line.label)
            let entry = EntryDraft(journal: journal, date: line.date, label: label, lines: [
                LineDraft(account: bankAccount, amount: line.amount),
                LineDraft(account: rule?.account ?? waitingAccount, amount: -line.amount, project: rule?.project),
            ])
            entries.append(BankEntry(fingerprint: fingerprint, sourceLine: line.line, date: line.date, amount: line.amount,
                                     bankLabel: line.label, rule: rule?.position, entry: entry))
        }
        // Entries are numbered in date order, whatever the file's order (many banks list the newest first).
        let order = entries.indices.sorted { (entries[$0].date, $0) < (entries[$1].date, $1) }
        entries = order.map { entries[$0] }
        return BankBatch(fileName: fileName, fileHash: fileHash, format: statement.format, bankAccount: bankAccount,
                         bankAccountID: statement.accountID, firstDate: statement.firstDate, lastDate: statement.lastDate,
                         closingBalance: statedBalance?.amount ?? statement.closingBalance,
                         closingDate: statedBalance.map { $0.date ?? statement.lastDate } ?? statement.closingDate,
                         entries: entries)
    }
}
