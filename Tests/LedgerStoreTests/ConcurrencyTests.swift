import Foundation
import Synchronization
import Testing
import Ledger
@testable import LedgerStore

/// A statement of `count` operations of 2024 on 512, numbered from `first`: each its own
/// fingerprint, all waiting on 471.
func bankBatch(_ count: Int, first: Int = 0, file: String = "releve.csv") -> BankBatch {
    BankBatch(fileName: file, fileHash: file, format: "generique", bankAccount: n("512"), bankAccountID: nil,
              firstDate: d("2024-01-01"), lastDate: d("2024-12-31"), closingBalance: nil, closingDate: nil, count: count) { i in
        let k = first + i
        let day = Day(ordinal: d("2024-01-01").ordinal + k % 366)
        let amount = Money(cents: Int64(100 + k % 997))
        return BankEntry(fingerprint: String(k, radix: 16), sourceLine: i + 2, date: day, amount: amount, bankLabel: "VIR \(k)", rule: nil,
                         entry: EntryDraft(journal: "BQ", date: day, label: "VIR \(k)",
                                           lines: [LineDraft(account: n("512"), amount: amount), LineDraft(account: n("471"), amount: -amount)]))
    }
}

/// Runs `body(0)`, `body(1)`... each on its own thread, all at once; what each returned or threw.
func simultaneously<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, Error>] {
    let results = Mutex<[Int: Result<T, Error>]>([:])
    DispatchQueue.concurrentPerform(iterations: count) { i in
        let r = Result { try body(i) }
        results.withLock { $0[i] = r }
    }
    return results.withLock { all in (0..<count).map { all[$0]! } }
}

@Suite struct Concurrency {
    /// Two imports of the same statement at once: one writes it, the other waits for the
    /// write lock (busy timeout), then finds every line already there.
    @Test func sameStatementTwiceAtOnceIsImportedOnce() throws {
        let path = temporaryPath()
        _ = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let results = simultaneously(2) { _ in try Store.open(path: path, now: .machine).record(bankBatch(20_000), dryRun: false).recorded }
        let recorded = try results.map { try $0.get() }
        #expect(recorded.sorted() == [0, 20_000])
        let store = try Store.open(path: path, now: .machine)
        #expect(try store.entries(EntryQuery()).count == 20_000)
        #expect(try store.verify().problems.isEmpty)
    }

    /// Two different statements at once: both are written, one after the other.
    @Test func twoStatementsAtOnceAreBothImported() throws {
        let path = temporaryPath()
        _ = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let results = simultaneously(2) { i in
            try Store.open(path: path, now: .machine).record(bankBatch(15_000, first: i * 15_000, file: "\(i).csv"), dryRun: false).recorded
        }
        #expect(try results.map { try $0.get() } == [15_000, 15_000])
        let store = try Store.open(path: path, now: .machine)
        #expect(try store.entries(EntryQuery()).count == 30_000)
        #expect(try store.verify().problems.isEmpty)
    }

    /// A report reads one state: what another process commits meanwhile shows in the next
    /// command, not halfway through this one.
    @Test func aReportReadsOneState() throws {
        let path = temporaryPath()
        let writer = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        try writer.post(draft("2024-03-05", [("627", 450), ("512", -450)]))
        let reader = try Store.open(path: path, now: .machine)
        try reader.beginSnapshot()
        #expect(try reader.balance(of: "512", at: d("2024-12-31")) == Money(cents: -450))
        _ = try writer.record(bankBatch(1_000), dryRun: false)
        #expect(try reader.balance(of: "512", at: d("2024-12-31")) == Money(cents: -450), "the import committed after the report began")
        #expect(try reader.entries(EntryQuery()).count == 1)
        let later = try Store.open(path: path, now: .machine)
        #expect(try later.entries(EntryQuery()).count == 1_001)
    }

    /// A write after a snapshot reads the latest state: the snapshot does not hide another
    /// process's import from the import that follows it.
    @Test func aWriteAfterASnapshotSeesTheLatestState() throws {
        let path = temporaryPath()
        let writer = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let late = try Store.open(path: path, now: .machine)
        try late.beginSnapshot()
        #expect(try late.entries(EntryQuery()).isEmpty)
        _ = try writer.record(bankBatch(100), dryRun: false)
        let outcome = try late.record(bankBatch(100), dryRun: false)
        #expect(outcome.recorded == 0 && outcome.alreadyThere.count == 100)
    }

    // A command reads the ledger in a snapshot, then writes under the write lock. Every check its
    // write depends on must be made again under the lock: between the two, another process may
    // have committed. Each test below opens two handles on one file, lets the second commit
    // after the first has read, and checks that the first sees it.

    /// `cloturer` while an import commits: the import's drafts are seen, the closing refused.
    @Test func aClosingSeesTheImportCommittedAfterItRead() throws {
        let path = temporaryPath()
        let importer = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        try importer.post(draft("2024-03-05", [("627", 450), ("512", -450)]))
        try importer.validate()
        let closer = try Store.open(path: path, now: .machine)
        try closer.beginSnapshot()
        let e2024 = try closer.exercice("2024")
        #expect(try closer.waitingLines().isEmpty, "the closing has read: nothing waits, no draft")
        _ = try importer.record(bankBatch(100), dryRun: false)
        let error = #expect(throws: ClosingProblem.self) { try bare { try closer.close(e2024) } }
        guard case .drafts(_, let total)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(total == 100)
        #expect(try !Store.open(path: path, now: .machine).exercice("2024").isClosed)
    }

    /// Two `affecter-resultat` at once: the second finds the result already allocated.
    @Test func twoAllocationsAtOncePostOne() throws {
        let (first, path) = try store2023()
        try first.validate()
        _ = try first.close(try first.exercice("2023"))
        let second = try Store.open(path: path, now: .machine)
        try second.beginSnapshot()
        let e2023 = try second.exercice("2023")
        _ = try first.allocateResult(of: try first.exercice("2023"), to: nil, on: d("2024-05-20"))
        #expect(throws: AllocationProblem.nothingToAllocate(e2023)) { try bare { try second.allocateResult(of: e2023, to: nil, on: d("2024-05-21")) } }
        #expect(try Store.open(path: path, now: .machine).entries(EntryQuery(journal: "OD")).count == 1)
    }

    /// Two `extourner` of one entry at once: one extourne, the second refused with its number.
    @Test func twoReversalsAtOnceWriteOne() throws {
        let (first, path) = try store2023()
        try first.validate()
        let second = try Store.open(path: path, now: .machine)
        try second.beginSnapshot()
        let e2023 = try second.exercice("2023")
        #expect(try second.entry(number: 4, in: e2023).validation != nil)
        let reversal = try first.reverse(number: 4, in: try first.exercice("2023"))
        let error = #expect(throws: StoreError.self) { try second.reverse(number: 4, in: e2023) }
        guard case .alreadyReversed(4, let by)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(by == reversal.number)
        #expect(try Store.open(path: path, now: .machine).entries(EntryQuery()).count == 5)
    }
}
