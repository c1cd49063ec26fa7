import Foundation
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
    /// `--du`: operations before that day are left out (another statement brought them).
    public var from: Day?
    /// `--forcer`: import even what looks like the statement of another ledger account.
    public var force = false
    /// False with `--sans-tiers`: the import gives no line a tiers (neither the rules' nor the labels').
    public var tiers = true

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

public enum BankImporter {
    /// Reads, files and records a statement: all of it or nothing.
    public static func run(_ bytes: [UInt8], options: ImportOptions, ledger: some BankLedger) throws -> ImportResult {
        // The file's hash (a pass over all its bytes) is taken on the second core while the file is read.
        let fileHash = Background { SHA256.hex(bytes) }
        let statement = try StatementFile.read(bytes, options: options.read).importable(from: options.from)
        let catalog = try ledger.catalog()
        guard AccountGroup.treasury.contains(where: options.bankAccount.isUnder) else {
            throw BankAccountError.notATreasuryAccount(options.bankAccount)
        }
        guard catalog.accounts[options.bankAccount] != nil else {
            throw EntryError.unknownAccount(options.bankAccount, suggestions: catalog.suggestions(for: options.bankAccount))
        }
        let rules = try options.rules ?? ledger.rules()
        for r in rules {
            do { try RuleMatcher.check(r, catalog: catalog) } catch { throw RuleError(r, error) }
        }
        var batch = try plan(statement, bankAccount: options.bankAccount, rules: rules, fileName: options.fileName,
                             fileHash: fileHash.value, statedBalance: options.statedBalance, tiers: options.tiers)
        batch.force = options.force
        batch.rules = rules
        let outcome = try ledger.record(batch, dryRun: options.dryRun)
        return ImportResult(reading: StatementReading(formatName: statement.formatName, encoding: statement.encoding.rawValue,
                                                      skipped: statement.skipped, before: statement.before, zeroAmounts: statement.zeroAmounts),
                            batch: batch, outcome: outcome, dryRun: options.dryRun,
                            reconciliation: reconciliation(statement, batch: batch, outcome: outcome,
                                                           firstExercice: catalog.exercices.min { $0.start < $1.start }))
    }

    /// The statement's closing balance against the ledger's, when the statement gives one.
    /// `firstExercice`: the ledger's earliest, where an account's balance from before the ledger begins.
    static func reconciliation(_ statement: Statement, batch: BankBatch, outcome: BankBatchOutcome, firstExercice: Exercice?) -> Reconciliation? {
        guard let s = batch.closingBalance, let l = outcome.ledgerBalance else { return nil }
        var before: Reconciliation.Before? = nil
        // The bank's balance before the first operation: the closing one less the operations up to its day.
        if let first = batch.firstDate, let ledgerBalanceBefore = outcome.ledgerBalanceBefore {
            let closingDay = batch.closingDate ?? batch.lastDate ?? first
            var opening: Money? = s
            for line in statement.lines where line.date <= closingDay { opening = try? opening?.subtracting(line.amount) }
            // An entry typed before the statement began and pointed by one of its lines is money the
            // bank moved on the line's day: it belongs to the statement's days, not to before them.
            let pointedLater = Money.sum(outcome.pointed.lazy.filter { $0.entry.date < first && batch.entry(at: $0.position).date <= closingDay }
                .map(\.entry.amount))
            let ledgerBefore = ledgerBalanceBefore - pointedLater
            // Nothing on the account before a statement of the ledger's first exercice: the ledger
            // most likely lacks the balance the account had when it began.
            let start = firstExercice.flatMap { ledgerBefore.isZero && $0.contains(first) ? $0.start : nil }
            if first <= closingDay, let opening {
                before = .init(day: first.adding(days: -1), statement: opening, ledger: ledgerBefore, ledgerStart: start, pointedLater: pointedLater)
            }
        }
        return Reconciliation(day: batch.closingDate, statement: s, ledger: l, before: before)
    }

    /// Turns a statement into entries: fingerprint, rule, label, bank line against the rule's
    /// account (or 471), the name of its tiers (with `tiers`). What is kept per line is small
    /// (its place, its rule, its fingerprint, that name): the batch makes each entry when it is
    /// recorded, and the ledger resolves the name.
    ///
    /// The lines are filed on a second thread (`Filings`), in the order they are numbered, while
    /// the ledger records the first ones: the batch's `entry(at:)` waits for the line it asks for.
    /// Nothing that can fail is left to that thread: the lines' lengths are checked here first.
    public static func plan(_ statement: Statement, bankAccount: AccountNumber, rules: [Rule], fileName: String, fileHash: String,
                            statedBalance: (amount: Money, date: Day?)? = nil, tiers: Bool = true) throws -> BankBatch {
        let matcher = try RuleMatcher(rules)
        let lines = statement.lines
        // Entries are numbered in date order, whatever the file's order (many banks list the newest first).
        let order = lines.indices.map { i in UInt64(lines[i].date.year << 9 | lines[i].date.month << 5 | lines[i].date.day) << 32 | UInt64(i) }
            .sorted().map { Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
        for i in order {
            do { try lines[i].label.checkLength() } catch { throw LocatedError(file: fileName, line: lines[i].line, underlying: error) }
        }
        let filings = Filings(lines: lines, order: order, matcher: matcher, bankAccount: bankAccount, tiers: tiers)
        filings.start()
        let rules = matcher.rules
        let journal = EntryDraft.suggestedJournal(for: [LineDraft(account: bankAccount, amount: Money(cents: 1))])
        return BankBatch(fileName: fileName, fileHash: fileHash, format: statement.format, bankAccount: bankAccount,
                         bankAccountID: statement.accountID, firstDate: statement.firstDate, lastDate: statement.lastDate,
                         closingBalance: statedBalance?.amount ?? statement.closingBalance,
                         closingDate: statedBalance.map { $0.date ?? statement.lastDate } ?? statement.closingDate,
                         count: order.count, leftOut: statement.before + statement.zeroAmounts) { position in
            let f = filings[position]
            let line = lines[Int(f.line)]
            let rule = f.rule >= 0 ? rules[Int(f.rule)] : nil
            let label = rule?.label ?? (line.label.isEmpty ? "Opération bancaire" : line.label)
            let entry = EntryDraft(journal: journal, date: line.date, label: label, lines: [
                LineDraft(account: bankAccount, amount: line.amount),
                LineDraft(account: rule?.account ?? .waiting, amount: -line.amount, project: rule?.project),
            ])
            return BankEntry(fingerprint: f.fingerprint.hex, sourceLine: line.line, date: line.date, amount: line.amount,
                             bankLabel: line.label, rule: rule?.position, entry: entry, tiers: f.tiers)
        }
    }

    /// A value computed on a thread of its own, from the moment it is made; `value` waits for it.
    final class Background<Value: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        /// Nil until made (under `condition`).
        private var result: Value?

        init(_ make: @escaping @Sendable () -> Value) {
            let thread = Thread { [self] in
                let v = make()
                condition.lock()
                result = v
                condition.broadcast()
                condition.unlock()
            }
            thread.start()
        }

        var value: Value {
            condition.lock()
            defer { condition.unlock() }
            while result == nil { condition.wait() }
            return result!
        }
    }

    /// The filing of each line (fingerprint, rule, tiers name), made on a thread of its own in
    /// the order entries are numbered, read by position as soon as it is made. The lines before
    /// `ready` are written once and never again: a reader takes them under the lock's word that
    /// they are there, the thread writes only from `ready` on.
    final class Filings: @unchecked Sendable {
        private let lines: [StatementLine]
        private let order: [Int]
        private let matcher: RuleMatcher
        private let bankAccount: AccountNumber
        private let tiers: Bool
        private let storage: UnsafeMutableBufferPointer<Filing>
        private let condition = NSCondition()
        /// Filings made so far (under `condition`).
        private var ready = 0

        init(lines: [StatementLine], order: [Int], matcher: RuleMatcher, bankAccount: AccountNumber, tiers: Bool) {
            self.lines = lines
            self.order = order
            self.matcher = matcher
            self.bankAccount = bankAccount
            self.tiers = tiers
            storage = .allocate(capacity: order.count)
        }

        deinit {
            // The thread holds this object until it has made every filing.
            if let base = storage.baseAddress { base.deinitialize(count: ready) }
            storage.deallocate()
        }

        func start() {
            guard !order.isEmpty else { return }
            let thread = Thread { [self] in make() }
            thread.name = "compta-filings"
            thread.start()
        }

        /// The filing at `position`, once made.
        subscript(position: Int) -> Filing {
            precondition(position >= 0 && position < order.count, "no line at position \(position)")
            condition.lock()
            while ready <= position { condition.wait() }
            condition.unlock()
            return storage[position]
        }

        private func make() {
            // Identical lines on one day (two 45 € subscriptions) are told apart by their rank.
            var ranks: [String: Int] = [:]
            var day: Day? = nil
            var made = 0
            for (position, i) in order.enumerated() {
                let line = lines[i]
                if line.date != day {
                    ranks.removeAll(keepingCapacity: true)
                    day = line.date
                }
                let key = searchKey(line.label)
                let identity = "\(bankAccount.text)|\(line.date.iso)|\(line.amount.cents)|\(key)"
                let rank = (ranks[identity] ?? 0) + 1
                ranks[identity] = rank
                var sha = SHA256()
                sha.update(identity + "|\(rank)")
                let rule = matcher.firstMatch(label: line.label, key: key, amount: line.amount)
                (storage.baseAddress! + position).initialize(to: Filing(
                    line: Int32(i), rule: Int32(rule ?? -1), fingerprint: Fingerprint(sha.finalize()),
                    tiers: tiers ? matcher.tiers(rule: rule, label: line.label, counterparty: line.counterparty) : nil))
                made += 1
                // Told by small groups: the reader waits little, the lock is taken rarely.
                if made % 64 == 0 || made == order.count {
                    condition.lock()
                    ready = made
                    condition.broadcast()
                    condition.unlock()
                }
            }
        }
    }

    /// One planned line: where it is in the statement, the rule that files it (its index, or
    /// -1), the name of its tiers.
    struct Filing {
        let line: Int32
        let rule: Int32
        let fingerprint: Fingerprint
        let tiers: String?
    }

    /// The first 128 bits of a line's SHA-256, written as 32 hexadecimal digits in the ledger.
    struct Fingerprint {
        let high: UInt64
        let low: UInt64

        init(_ digest: [UInt8]) {
            high = digest[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
            low = digest[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
        }

        var hex: String {
            (0..<16).map { i in UInt8(truncatingIfNeeded: (i < 8 ? high : low) >> (UInt64(7 - i % 8) * 8)) }.hexString
        }
    }
}
