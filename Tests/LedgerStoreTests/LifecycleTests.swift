import Foundation
import Testing
import Ledger
@testable import LedgerStore

func store2023() throws -> (Store, String) {
    let path = temporaryPath()
    let store = try Store.create(path: path, name: "A", start: d("2023-01-01"), now: .machine)
    try store.post(EntryDraft(journal: "AN", date: d("2023-01-01"), label: "Ouverture", lines: [
        LineDraft(account: n("512"), amount: Money(cents: 100_000)), LineDraft(account: n("1021"), amount: Money(cents: -100_000))]))
    try store.post(draft("2023-03-01", [("7562", -50_000), ("512", 50_000)]))
    try store.post(draft("2023-02-01", [("627", 1_000), ("512", -1_000)]))
    try store.post(draft("2023-04-01", [("6713", 20_000), ("512", -20_000)]))
    return (store, path)
}

/// Entry n° `number` of `store2023` (posted in that order: its row id is its number), validated
/// as BQ-`validated`, dated `date` as stored.
func bq(_ number: Int, validated: Int, _ date: String) -> EntryReference {
    EntryReference(id: Int64(number), exercice: "2023", journal: "BQ", validationNumber: validated, number: number, date: date)
}

@Suite struct ValidationAndChain {
    @Test func numbersFollowValidationOrderPerJournal() throws {
        let (store, _) = try store2023()
        func validated() throws -> [Entry] {
            try store.entries(EntryQuery()).filter { $0.validation != nil }.sorted { $0.validation!.order < $1.validation!.order }
        }
        let done = try store.validate(upTo: d("2023-03-15"))
        #expect(done == Store.ValidationSummary(count: 3, first: d("2023-01-01"), last: d("2023-03-01")))
        #expect(try validated().map { "\($0.journal)-\($0.validation!.number)" } == ["AN-1", "BQ-1", "BQ-2"], "date order, a sequence per journal")
        #expect(try validated().map(\.number) == [1, 3, 2], "the n° de saisie does not change")
        #expect(try store.validate().count == 1)
        #expect(try validated().map { "\($0.journal)-\($0.validation!.number)" }.last == "BQ-3")
        #expect(try store.validate().count == 0)
        #expect(try store.verify().problems.isEmpty)
    }

    @Test func futureDraftsWaitForTheirDay() throws {
        let store = try Store.inMemory(start: d("2099-01-01"), now: .machine)
        try store.post(draft("2099-05-01", [("627", 100), ("512", -100)]))
        #expect(try store.validate().count == 0, "an entry dated after today is not validated")
    }

    /// Edits behind Compta's back (triggers dropped) are caught, with the first broken link.
    @Test func verifierCatchesTampering() throws {
        let (store, path) = try store2023()
        try store.validate()
        #expect(try store.verify().problems.isEmpty)
        let raw = RawSQL(path)
        #expect(raw.exec("DROP TRIGGER entry_validated_update") == nil)
        #expect(raw.exec("UPDATE entry SET label = 'Cotisations (modifié)' WHERE number = 2") == nil)
        raw.putBackTriggers()
        let problems = try Store.open(path: path, now: .machine).verify().problems
        #expect(problems == [.chainBroken(entry: bq(2, validated: 2, "2023-03-01"))])
    }

    @Test func verifierCatchesAmountsDeletionsAndTotals() throws {
        let (store, path) = try store2023()
        try store.validate()
        let raw = RawSQL(path)
        raw.exec("DROP TRIGGER line_validated_update; DROP TRIGGER line_validated_delete; DROP TRIGGER entry_validated_delete;")
        raw.exec("DROP TRIGGER total_line_update")
        #expect(raw.exec("UPDATE line SET debit = debit + 1 WHERE entry_id = (SELECT id FROM entry WHERE number = 4) AND debit > 0") == nil)
        var problems = try Store.open(path: path, now: .machine).verify().problems
        #expect(problems.contains(.unbalanced(entry: bq(4, validated: 3, "2023-04-01"), debit: Money(cents: 20_001), credit: Money(cents: 20_000))))
        #expect(problems.contains(.chainBroken(entry: bq(4, validated: 3, "2023-04-01"))))
        #expect(problems.contains(.totalsDiffer(account: "6713", day: "2023-04-01")))
        #expect(raw.exec("UPDATE line SET debit = debit - 1 WHERE entry_id = (SELECT id FROM entry WHERE number = 4) AND debit > 0") == nil)
        raw.exec("PRAGMA foreign_keys = OFF")
        #expect(raw.exec("DELETE FROM entry WHERE number = 3") == nil)
        problems = try Store.open(path: path, now: .machine).verify().problems
        #expect(problems.contains(.chainGap(expected: 2, found: 3)), "n° 3 was BQ-1, the second link")
        #expect(problems.contains(.numberingGap(exercice: "2023", journal: "BQ", expected: 1, found: 2)))
        #expect(problems.contains(.orphanLines(count: 2)))
    }

    /// Issue 19: `total` edited so that every report changed (a day written `20240615`, an
    /// `opening` flag of 0.5) while the verifier, reading them leniently, found the totals right.
    /// The schema refuses such rows now; a file whose table was rebuilt without its constraints
    /// is read by the verifier as the reports read it, and each difference said once.
    @Test func verifierReadsTotalsAsReportsDo() throws {
        let (store, path) = try store2023()
        try store.validate()
        let raw = RawSQL(path)
        #expect(raw.exec("""
            CREATE TABLE loose(day TEXT, account TEXT, project_id INTEGER, opening INTEGER, debit INTEGER, credit INTEGER,
                               PRIMARY KEY (day, account, project_id, opening)) WITHOUT ROWID;
            INSERT INTO loose SELECT * FROM total; DROP TABLE total; ALTER TABLE loose RENAME TO total;
            UPDATE total SET day = '20230301' WHERE day = '2023-03-01' AND account = '7562';
            UPDATE total SET opening = 0.5 WHERE day = '2023-01-01' AND account = '512';
            """) == nil)
        let tampered = try Store.open(path: path, now: .machine)
        #expect(try tampered.balance(of: "7562", at: d("2023-12-31")) == .zero, "the reports lost the cotisations")
        let problems = try tampered.verify().problems
        #expect(problems == [.totalsDiffer(account: "512", day: "2023-01-01"), .totalsDiffer(account: "7562", day: "2023-03-01"),
                             .totalsDiffer(account: "7562", day: "20230301")])
    }

    /// A date that does not exist, written behind Compta's back: the verifier names the entry
    /// (it stopped on « erreur inattendue : nonexistent »).
    @Test func verifierNamesAnEntryWithADamagedDate() throws {
        let (store, path) = try store2023()
        try store.validate()
        let raw = RawSQL(path)
        #expect(raw.exec("DROP TRIGGER entry_fixed_fields; DROP TRIGGER entry_validated_update; UPDATE entry SET date = '2023-02-30' WHERE number = 3") == nil)
        let problems = try Store.open(path: path, now: .machine).verify().problems
        #expect(problems.contains(.malformedEntry(entry: bq(3, validated: 1, "2023-02-30"), field: .date("2023-02-30"))))
        #expect(problems.contains(.chainBroken(entry: bq(3, validated: 1, "2023-02-30"))))
    }

    /// Issue 19: the end of the chain proves nothing by itself — the last validated entry can
    /// be removed, or un-validated, edited and validated again, and the chain, recomputed, still
    /// holds. A head written down before (the anchor) catches both.
    @Test func anAnchorCatchesWhatHappensAtTheEndOfTheChain() throws {
        let (store, path) = try store2023()
        try store.validate()
        let anchor = try #require(try store.chainHead())
        let reported = try store.verify().head
        #expect(anchor.count == 4 && anchor == reported)
        #expect(try store.verify(anchor: anchor).problems.isEmpty)
        try store.post(draft("2023-05-01", [("627", 100), ("512", -100)]))
        try store.validate()
        #expect(try store.verify(anchor: anchor).problems.isEmpty, "the chain grew: it extends the anchor")

        // The last two validated entries go, lines and totals with them: only the anchor sees it.
        let raw = RawSQL(path)
        #expect(raw.exec("""
            DROP TRIGGER entry_validated_delete; DROP TRIGGER line_validated_delete;
            UPDATE total SET debit = debit - (SELECT coalesce(sum(l.debit), 0) FROM line l JOIN entry e ON e.id = l.entry_id
                                              WHERE e.chain_index >= 4 AND e.date = total.day AND l.account = total.account),
                             credit = credit - (SELECT coalesce(sum(l.credit), 0) FROM line l JOIN entry e ON e.id = l.entry_id
                                                WHERE e.chain_index >= 4 AND e.date = total.day AND l.account = total.account);
            DELETE FROM line WHERE entry_id IN (SELECT id FROM entry WHERE chain_index >= 4);
            DELETE FROM entry WHERE chain_index >= 4;
            """) == nil)
        raw.putBackTriggers()
        let shorter = try Store.open(path: path, now: .machine)
        #expect(try shorter.verify().problems == [], "without an anchor, a shorter chain is a chain")
        #expect(try shorter.verify(anchor: anchor).problems == [.anchorNotInChain(anchored: anchor, links: 3)])

        // The last one un-validated, its label changed, validated again by Compta itself.
        let (again, againPath) = try store2023()
        try again.validate()
        let head = try #require(try again.chainHead())
        let rawAgain = RawSQL(againPath)
        #expect(rawAgain.exec("""
            DROP TRIGGER entry_validated_update;
            UPDATE entry SET validated_on = NULL, validation_number = NULL, hash = NULL, chain_index = NULL WHERE chain_index = 4;
            UPDATE entry SET label = 'Dons (autre)' WHERE validated_on IS NULL;
            """) == nil)
        rawAgain.putBackTriggers()
        let rewritten = try Store.open(path: againPath, now: .machine)
        try rewritten.validate()
        #expect(try rewritten.verify().problems == [])
        let problems = try rewritten.verify(anchor: head).problems
        guard case .anchorDiffers(head, let found, let entry)? = problems.first, problems.count == 1 else { Issue.record("\(problems)"); return }
        #expect(found.count == 4 && found.head != head.head)
        #expect(entry == bq(4, validated: 3, "2023-04-01"))
    }

    @Test func reversingEntry() throws {
        let (store, _) = try store2023()
        try store.validate()
        let e = try store.exercice("2023")
        let posted = try store.reverse(number: 4, in: e)
        let reversal = try store.entry(number: posted.number, in: e)
        #expect(reversal.label == "Extourne de BQ-3 : Écriture")
        #expect(reversal.lines.map { $0.debit - $0.credit } == [Money(cents: -20_000), Money(cents: 20_000)])
        #expect(Money.sum(try store.totals(TotalsQuery(accountPrefixes: ["6713"])).map(\.balance)) == .zero)
    }
}

@Suite struct Closing {
    @Test func refusesWhileDraftsOrWaitingLinesRemain() throws {
        let (store, _) = try store2023()
        let e = try store.exercice("2023")
        let before = try store.dump()
        #expect(throws: ClosingProblem.self) { try bare { try store.close(e) } }
        #expect(try store.dump() == before)
        try store.validate()
        try store.post(draft("2023-06-01", [("471", 500), ("512", -500)]))
        try store.validate()
        let error = #expect(throws: ClosingProblem.self) { try bare { try store.close(e) } }
        guard case .waiting(_, let balance)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(balance == Money(cents: 500))
    }

    @Test func carriesBalancesAndLocksTheYear() throws {
        let (store, path) = try store2023()
        try store.validate()
        let r = try store.close(try store.exercice("2023"))
        #expect(r.result == Money(cents: 29_000))
        #expect(r.nextCreated && r.next.label == "2024")
        let opening = try store.entry(number: r.openingEntry!, in: r.next)
        #expect(opening.journal == "AN" && opening.date == d("2024-01-01") && opening.validation?.number == 1)
        #expect(opening.lines.map { "\($0.account):\(($0.debit - $0.credit).cents)" } == ["1021:-100000", "512:129000", "120:-29000"])
        #expect(try store.balance(of: "512", at: d("2024-06-30")) == Money(cents: 129_000))
        // The year is locked, even against raw SQL.
        #expect(throws: StoreError.self) { try store.post(draft("2023-12-01", [("627", 1), ("512", -1)])) }
        let raw = RawSQL(path)
        #expect(raw.exec("INSERT INTO entry(exercice_id, number, journal, date, label, created_at) VALUES (1, 99, 'OD', '2023-12-01', 'x', 'x')")?.contains("clôturé") == true)
        #expect(throws: ClosingProblem.alreadyClosed(try store.exercice("2023"))) { try bare { try store.close(try store.exercice("2023")) } }
        #expect(try store.verify().problems.isEmpty)
        // The AG's decision, in 2024.
        let allocation = try store.allocateResult(of: try store.exercice("2023"), to: nil, on: d("2024-05-20"))
        let a = try store.entry(number: allocation.number, in: r.next)
        #expect(a.lines.map { "\($0.account):\(($0.debit - $0.credit).cents)" } == ["120:29000", "110:-29000"])
        #expect(throws: AllocationProblem.badDestination(n("512"))) { try bare { try store.allocateResult(of: try store.exercice("2023"), to: n("512"), on: nil) } }
    }

    /// The result of 2023, carried into 2024 on 120, waits for the AG's decision; closing 2024
    /// before it is recorded would show both years' results as 2024's in the bilan.
    @Test func refusesWhileAnEarlierResultIsNotAllocated() throws {
        let (store, _) = try store2023()
        try store.validate()
        let e2023 = try store.exercice("2023")
        _ = try store.close(e2023)
        try store.post(draft("2024-03-01", [("7562", -10_000), ("512", 10_000)]))
        try store.validate()
        let e2024 = try store.exercice("2024")
        let before = try store.dump()
        #expect(throws: ClosingProblem.resultNotAllocated(e2024, of: try store.exercice("2023"), account: n("120"), amount: Money(cents: 29_000))) { try bare {
            try store.close(e2024)
        } }
        #expect(try store.dump() == before)
        _ = try store.allocateResult(of: try store.exercice("2023"), to: nil, on: d("2024-06-15"))
        try store.validate()
        let r = try store.close(e2024)
        #expect(r.result == Money(cents: 10_000))
        let opening = try store.entry(number: r.openingEntry!, in: r.next)
        #expect(opening.lines.map { "\($0.account):\(($0.debit - $0.credit).cents)" } == ["1021:-100000", "110:-29000", "512:139000", "120:-10000"])
    }

    /// A deficit brought by the opening entry of the ledger's first exercice has no closed
    /// exercice to allocate it from: the refusal says so (and the message gives an entry to type).
    @Test func refusesAnUnallocatedDeficitFromBeforeTheLedger() throws {
        let store = try Store.create(path: temporaryPath(), name: "A", start: d("2023-01-01"), now: .machine)
        try store.post(EntryDraft(journal: "AN", date: d("2023-01-01"), label: "Ouverture", lines: [
            LineDraft(account: n("512"), amount: Money(cents: 70_000)), LineDraft(account: n("129"), amount: Money(cents: 30_000)),
            LineDraft(account: n("1021"), amount: Money(cents: -100_000))]))
        try store.validate()
        let e = try store.exercice("2023")
        #expect(throws: ClosingProblem.resultNotAllocated(e, of: nil, account: n("129"), amount: Money(cents: 30_000))) { try bare { try store.close(e) } }
        try store.post(draft("2023-05-01", [("119", 30_000), ("129", -30_000)]))
        try store.validate()
        #expect(try store.close(e).result == .zero)
    }

    @Test func exercicesCloseInOrder() throws {
        let (store, _) = try store2023()
        try store.addExercice(start: d("2024-01-01"))
        try store.validate()
        #expect(throws: ClosingProblem.earlierOpen(try store.exercice("2023"))) { try bare { try store.close(try store.exercice("2024")) } }
    }

    @Test func theChart2025ListsVanishedAccounts() throws {
        let (store, _) = try store2023()
        // 471, in neither association chart, comes and goes: it is not a vanished account.
        try store.post(draft("2023-05-01", [("471", 1_000), ("512", -1_000)]))
        try store.post(draft("2023-05-02", [("627", 1_000), ("471", -1_000)]))
        try store.validate()
        try store.addExercice(start: d("2024-01-01"))
        let e2025 = try store.addExercice(start: d("2025-01-01"))
        let list = try store.obsoleteAccounts(for: e2025)
        #expect(list.map(\.account.number.text) == ["6713"])
        #expect(list.first?.replacement.new == "6571")
        #expect(try store.obsoleteAccounts(for: try store.exercice("2024")).isEmpty)
    }

    /// A charge or produit of an exercice opened from 2025 must be an account of the 2025
    /// chart: 6713 is refused there, with its replacement, and nothing is written; it stays
    /// valid in earlier years. Balance-sheet accounts the chart dropped still carry balances.
    /// An entry booked on 6713 in 2025 by an earlier version is corrected the usual way: its
    /// extourne repeats its accounts, replaced ones included.
    @Test func aLegacy2025EntryOnAReplacedAccountCanBeReversed() throws {
        let (store, path) = try store2023()
        try store.addExercice(start: d("2024-01-01"))
        let e2025 = try store.addExercice(start: d("2025-01-01"))
        let raw = RawSQL(path)
        #expect(raw.exec("INSERT INTO entry(id, exercice_id, number, journal, date, label, created_at) VALUES (100, \(e2025.id), 1, 'BQ', '2025-03-01', 'Soutien', 'x')") == nil)
        #expect(raw.exec("INSERT INTO line(entry_id, account, debit, credit) VALUES (100, '6713', 5000, 0), (100, '512', 0, 5000)") == nil)
        let reopened = try Store.open(path: path, now: .machine)
        #expect(throws: StoreError.self) { try reopened.post(draft("2025-03-02", [("6713", 5_000), ("512", -5_000)])) }
        let reversal = try reopened.reverse(number: 1, in: e2025)
        let lines = try reopened.entries(ids: [reversal.id])[0].lines
        #expect(lines.map(\.account.text) == ["6713", "512"])
        #expect(lines[0].credit == Money(cents: 5_000))
    }

    @Test func chargesOfA2025ExerciceUseThe2025Chart() throws {
        let (store, _) = try store2023()
        try store.addExercice(start: d("2024-01-01"))
        let e2025 = try store.addExercice(start: d("2025-01-01"))
        try store.post(draft("2024-04-01", [("6713", 5_000), ("512", -5_000)]))
        let before = try store.dump()
        let replaced = try #require(try store.catalog().accounts[n("6713")])
        let replacement = try #require(try PlanComptableData.replacements(introducedBy: .pca2025)["6713"])
        let refused = draft("2025-04-01", [("6713", 5_000), ("512", -5_000)])
        #expect(throws: EntryError.replacedAccount(replaced, replacement, e2025)) { try store.catalog().validate(refused) }
        #expect(throws: StoreError.self) { try store.post(refused) }
        let located = #expect(throws: LocatedError.self) { try bare {
            try store.postAll([SourcedEntry(entry: draft("2025-04-02", [("7562", -5_000), ("512", 5_000)]), lines: [2, 3]),
                               SourcedEntry(entry: draft("2025-04-03", [("512", 5_000), ("777", -5_000)]), lines: [4, 5])], file: "x.csv")
        } }
        #expect(located?.line == 5, "the line of the file that uses 777 (now 747)")
        #expect(try store.dump() == before)
        try store.post(draft("2025-04-01", [("6571", 5_000), ("512", -5_000)]))
        try store.post(draft("2025-04-02", [("4486", 5_000), ("512", -5_000)]))
        try store.addAccount(n("6713A"), label: "Dons à Framasoft")
        try store.post(draft("2025-04-03", [("6713A", 5_000), ("512", -5_000)]))
    }
}

@Suite struct Backups {
    /// The copy is the committed ledger, table for table, even while another process is in the
    /// middle of a write; it never replaces a file; it is verified.
    @Test func aBackupIsTheCommittedLedger() throws {
        let (store, path) = try store2023()
        try store.validate(upTo: d("2023-02-28"))
        let committed = try store.dump()
        let writer = RawSQL(path)
        #expect(writer.exec("BEGIN IMMEDIATE; INSERT INTO project(code, name) VALUES ('EN-COURS', 'Pas encore validé')") == nil)
        let copy = temporaryPath()
        let report = try store.backup(to: copy)
        #expect(writer.exec("COMMIT") == nil)
        #expect(report.problems.isEmpty && report.entries == 4 && report.validated == 2)
        #expect(try Store.open(path: copy, now: .machine).dump() == committed)
        #expect((try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int) == 0o600)
        let refused = #expect(throws: StoreError.self) { try store.backup(to: copy) }
        guard case .alreadyExists? = refused else { Issue.record("\(String(describing: refused))"); return }
        #expect(try Store.open(path: copy, now: .machine).dump() == committed, "the first copy is left as it was")
        #expect(!FileManager.default.fileExists(atPath: copy + ".copie"))
    }
}

extension Backups {
    /// A backup whose validated entry was changed outside Compta is not restored: the ledger in
    /// place, and the backup itself, stay as they were, and nothing is set aside.
    @Test func aDamagedBackupIsNotRestored() throws {
        let (store, path) = try store2023()
        try store.validate()
        let backup = temporaryPath("sauvegarde.sqlite")
        _ = try store.backup(to: backup)
        do {
            let raw = RawSQL(backup)
            #expect(raw.exec("DROP TRIGGER entry_validated_update; UPDATE entry SET label = 'Cotisations (modifié)' WHERE number = 2") == nil)
            raw.putBackTriggers()
        }
        let ledger = try store.dump()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        let aside = temporaryPath("avant.sqlite")
        let refused = #expect(throws: RestoreProblem.self) { try bare { try Store.restore(path, from: backup, aside: aside, now: .machine) } }
        #expect(refused == .damagedBackup(path: backup, [.chainBroken(entry: bq(2, validated: 2, "2023-03-01"))]))
        #expect(try Store.open(path: path, now: .machine).dump() == ledger)
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == bytes, "the backup is only read")
        #expect(!FileManager.default.fileExists(atPath: aside))
        #expect(!FileManager.default.fileExists(atPath: path + ".restauration"))
    }
}
