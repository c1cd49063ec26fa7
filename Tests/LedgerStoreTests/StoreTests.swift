import CSQLite
import Foundation
import Testing
import Ledger
@testable import LedgerStore

/// A raw SQLite connection to a ledger file, going behind Compta's back.
final class RawSQL {
    var db: OpaquePointer?
    init(_ path: String) { sqlite3_open(path, &db) }
    deinit { sqlite3_close(db) }

    /// Runs SQL; returns the error message, or nil when it succeeded.
    @discardableResult
    func exec(_ sql: String) -> String? {
        var err: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &err) == SQLITE_OK { return nil }
        defer { sqlite3_free(err) }
        return err.map { String(cString: $0) } ?? "error"
    }

    /// Creates again the triggers a tampering dropped, as a careful forger would: what is left
    /// to catch is in the data.
    func putBackTriggers() {
        for (name, sql) in Schema.triggers.sorted(by: { $0.key < $1.key })
        where int("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = '\(name)'") == 0 {
            #expect(exec(sql) == nil, "\(name)")
        }
    }

    func int(_ sql: String) -> Int64 {
        var s: OpaquePointer?
        sqlite3_prepare_v2(db, sql, -1, &s, nil)
        defer { sqlite3_finalize(s) }
        sqlite3_step(s)
        return sqlite3_column_int64(s, 0)
    }
}

/// One folder for the whole test run, removed when the process ends.
let temporaryRoot: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("compta-store-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: temporaryRoot) }
    return root
}()

func temporaryPath(_ name: String = "livre.sqlite") -> String {
    let dir = temporaryRoot.appendingPathComponent(UUID().uuidString)
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

func d(_ s: String) -> Day { try! Day(parsing: s) }

extension Now {
    /// The machine's time, as a command run now sees it (no `COMPTA_MAINTENANT`).
    static var machine: Now { Now(at: Date(), in: .current)! }
}
func n(_ s: String) -> AccountNumber { AccountNumber(trusted: s) }

func draft(_ date: String, _ lines: [(String, Int64)], project: String? = nil) -> EntryDraft {
    EntryDraft(journal: "BQ", date: d(date), label: "Écriture",
               lines: lines.map { LineDraft(account: n($0.0), amount: Money(cents: $0.1), project: project) })
}

@Suite struct StoreBasics {
    @Test func createOpenAndNumberPerExercice() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "Cloud Girofle", start: d("2023-01-01"), now: .machine)
        try store.addExercice(start: d("2024-01-01"))
        try store.addAccount(n("604A"), label: "OVH")
        let a = try store.post(draft("2023-05-01", [("604A", 100), ("512", -100)]))
        let b = try store.post(draft("2024-05-01", [("604A", 200), ("512", -200)]))
        let c = try store.post(draft("2023-06-01", [("604A", 300), ("512", -300)]))
        #expect([a.number, b.number, c.number] == [1, 1, 2] as [Int])
        #expect([a.exercice.label, b.exercice.label, c.exercice.label] == ["2023", "2024", "2023"])

        let reopened = try Store.open(path: path, now: .machine)
        #expect(try reopened.associationName() == "Cloud Girofle")
        #expect(try reopened.catalog().accounts[n("604A")]?.isCustom == true)
        #expect(try reopened.catalog().accounts[n("604")]?.label == "Achats d'études et prestations de services")
        #expect(try reopened.entries(EntryQuery()).map(\.number) == [1, 2, 1])
        #expect(try reopened.parent(of: n("604A"))?.number == n("604"))
        #expect(try reopened.parent(of: n("6713"))?.number == n("67"), "PCA 2018 has no 671")
        #expect(try reopened.parent(of: n("5121"))?.number == n("512"))
    }

    @Test func chartFollowsExerciceStart() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        #expect(try store.catalog().accounts[n("6713")] != nil, "PCA 2018 has 6713")
        #expect(try store.catalog().accounts[n("741")] == nil, "741 comes with PCA 2025")
        let e = try store.addExercice(start: d("2025-01-01"))
        #expect(e.chart == .pca2025)
        #expect(try store.catalog().accounts[n("741")] != nil)
    }

    /// Totals read from the daily table equal the totals of the lines themselves.
    @Test func totalsAgreeWithLines() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        try store.addAccount(n("604A"), label: "OVH")
        try store.addProject(code: "BL", name: "BL")
        var seed: UInt64 = 42
        func next(_ bound: Int64) -> Int64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int64((seed >> 33) % UInt64(bound))
        }
        let accounts = ["604A", "6063", "627", "706", "7562", "754"]
        for _ in 0..<300 {
            let day = Day(ordinal: d("2024-01-01").ordinal + Int(next(366)))
            let amount = next(100_000) + 1
            let account = accounts[Int(next(Int64(accounts.count)))]
            let signed = account.hasPrefix("6") ? amount : -amount
            try store.post(draft(day.iso, [(account, signed), ("512", -signed)], project: next(3) == 0 ? "BL" : nil))
        }
        let totals = try store.totals(TotalsQuery())
        var lines: [AccountLine] = []
        try store.forEachAccountLine(prefix: nil, from: nil, to: nil) { lines.append($0) }
        for t in totals {
            let mine = lines.filter { $0.account == t.account }
            #expect(t.debit == Money.sum(mine.map(\.debit)))
            #expect(t.credit == Money.sum(mine.map(\.credit)))
        }
        let march = try store.totals(TotalsQuery(from: d("2024-03-01"), to: d("2024-03-31"), project: .code("BL")))
        for t in march {
            let mine = lines.filter { $0.account == t.account && $0.project == "BL" && $0.date.month == 3 }
            #expect(t.debit - t.credit == Money.sum(mine.map { $0.debit - $0.credit }))
        }
        let monthly = try store.totals(TotalsQuery(groupByMonth: true, accountPrefixes: ["512"]))
        #expect(monthly.count == 12)
        #expect(Money.sum(monthly.map(\.balance)) == totals.first { $0.account == n("512") }!.balance)
    }
}

@Suite struct LineIdentity {
    /// Lines are read with their id, and `assign` replaces the lines it files by id: the
    /// entry's other lines (and whatever is attached to them) keep theirs.
    @Test func assignReplacesTheFiledLinesByTheirID() throws {
        let store = try Store.create(path: temporaryPath(), name: "Test", start: d("2024-01-01"), now: .machine)
        let posted = try store.post(draft("2024-03-05", [("512", 4500), ("471", -4500)]))
        let before = try store.entry(number: posted.number, in: posted.exercice)
        #expect(Set(before.lines.map(\.id)).count == 2)
        let bank = try #require(before.lines.first { $0.account == n("512") })

        _ = try store.assign(entryNumber: posted.number, exercice: posted.exercice,
                         to: [AssignmentPart(n("7562"), amount: Money(cents: 3000)), AssignmentPart(n("7541"))], project: nil, label: nil)
        let after = try store.entry(number: posted.number, in: posted.exercice)
        #expect(after.lines.first { $0.account == n("512") } == bank)
        #expect(!after.lines.contains { $0.account == n("471") })
        #expect(after.lines.filter { $0.id != bank.id }.map { "\($0.account.text) \($0.credit.cents)" } == ["7562 3000", "7541 1500"])
        #expect(try store.verify().problems == [])
    }
}

@Suite struct SchemaProtections {
    /// Every refusal a trigger can raise is known by its words: a trigger's text is a typed
    /// `SchemaRefusal` when caught, never a sentence passed on.
    @Test func everyTriggerTextIsATypedRefusal() throws {
        let pattern = try Regex("RAISE\\(ABORT, 'compta: ((?:[^']|'')*)'\\)")
        let texts = Set(Schema.migrations.flatMap { $0.matches(of: pattern).map { String($0.output[1].substring!).replacingOccurrences(of: "''", with: "'") } })
        #expect(texts.count > 20)
        #expect(texts == Set(Schema.refusals.keys))
        #expect(Set(Schema.refusals.values).count == SchemaRefusal.allCases.count)
    }

    /// A trigger's refusal reaches the caller as its case.
    @Test func aTriggerRefusalIsTyped() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        let posted = try store.post(draft("2024-03-05", [("627", 450), ("512", -450)]))
        try store.validate(upTo: d("2024-12-31"))
        let error = #expect(throws: StoreError.self) { try store.atomically { () throws(StoreError) in
            try store.db.run("UPDATE line SET debit = 1 WHERE entry_id = ?", .int(posted.id))
        } }
        guard case .refusedBySchema(.validatedEntryChanged)? = error else { Issue.record("\(String(describing: error))"); return }
    }

    /// Validated entries are protected by the schema itself, not only by the program.
    @Test func validatedEntryCannotChangeEvenWithRawSQL() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let posted = try store.post(draft("2024-03-05", [("627", 450), ("512", -450)]))
        let raw = RawSQL(path)
        try store.validate()
        #expect(raw.exec("UPDATE line SET debit = 999 WHERE entry_id = \(posted.id) AND debit > 0")?.contains("écriture validée") == true)
        #expect(raw.exec("DELETE FROM line WHERE entry_id = \(posted.id)")?.contains("écriture validée") == true)
        #expect(raw.exec("DELETE FROM entry WHERE id = \(posted.id)")?.contains("écriture validée") == true)
        #expect(raw.exec("UPDATE entry SET label = 'autre' WHERE id = \(posted.id)")?.contains("écriture validée") == true)
        #expect(raw.exec("INSERT INTO line(entry_id, account, debit, credit) VALUES (\(posted.id), '627', 1, 0)")?.contains("écriture validée") == true)
        #expect(raw.int("SELECT sum(debit) FROM line WHERE entry_id = \(posted.id)") == 450)
    }

    @Test func unbalancedEntryCannotBeValidated() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let posted = try store.post(draft("2024-03-05", [("627", 450), ("512", -450)]))
        let raw = RawSQL(path)
        #expect(raw.exec("UPDATE line SET credit = 400 WHERE entry_id = \(posted.id) AND credit > 0") == nil)
        #expect(raw.exec("UPDATE entry SET validated_on = '2024-03-31' WHERE id = \(posted.id)")?.contains("validation incomplète") == true)
        #expect(raw.exec("UPDATE entry SET validated_on = '2024-03-31', validation_number = 1, hash = 'x', chain_index = 1 WHERE id = \(posted.id)")?.contains("déséquilibrée") == true)
    }

    @Test func closedExerciceTakesNothing() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let raw = RawSQL(path)
        #expect(raw.exec("UPDATE exercice SET closed_on = '2025-01-10', closing_hash = 'x'") == nil)
        #expect(raw.exec("INSERT INTO entry(exercice_id, number, journal, date, label, created_at) VALUES (1, 1, 'BQ', '2024-05-01', 'x', 'now')")?.contains("exercice clôturé") == true)
        #expect(raw.exec("UPDATE exercice SET closed_on = NULL")?.contains("exercice clôturé") == true)
        #expect(raw.exec("DELETE FROM exercice")?.contains("exercice clôturé") == true)
        _ = store
        let reopened = try Store.open(path: path, now: .machine)
        #expect(throws: StoreError.self) { try reopened.post(draft("2024-03-05", [("627", 450), ("512", -450)])) }
    }

    @Test func aClosedExercicesBudgetDoesNotChange() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let e = try store.exercice(nil)
        try store.saveBudget([Budget.Poste(label: "Banque", side: .depense, amount: Money(cents: 100), accounts: ["627"])], exercice: e, version: "initial")
        let raw = RawSQL(path)
        #expect(raw.exec("UPDATE exercice SET closed_on = '2025-02-01', closing_hash = 'x'") == nil)
        #expect(raw.exec("DELETE FROM budget_poste")?.contains("budget non modifiable") == true)
        #expect(raw.exec("INSERT INTO budget(exercice_id, version, created_at) VALUES (1, 'autre', 'x')")?.contains("budget non modifiable") == true)
        // Changed or deleted whole, too (the deletion cascaded to its postes unseen).
        #expect(raw.exec("UPDATE budget_poste SET amount = 1")?.contains("budget non modifiable") == true)
        #expect(raw.exec("UPDATE budget SET version = 'autre'")?.contains("budget non modifiable") == true)
        #expect(raw.exec("DELETE FROM budget")?.contains("budget non modifiable") == true)
        #expect(raw.int("SELECT count(*) FROM budget_poste WHERE amount = 100") == 1)
        let reopened = try Store.open(path: path, now: .machine)
        #expect(throws: BudgetProblem.closedExercice(try reopened.exercice(nil))) { try bare {
            try reopened.saveBudget([Budget.Poste(label: "Banque", side: .depense, amount: Money(cents: 200), accounts: ["627"])],
                                    exercice: try reopened.exercice(nil), version: "initial")
        } }
    }

    /// Nothing of a closed exercice changes, drafts included: an exercice closes only without
    /// drafts, and one that has some (a ledger a race closed before migration 7) keeps them as
    /// they are.
    @Test func aClosedExercicesDraftsDoNotChange() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let posted = try store.post(draft("2024-03-05", [("627", 450), ("512", -450)]))
        let raw = RawSQL(path)
        #expect(raw.exec("UPDATE exercice SET closed_on = '2025-01-10', closing_hash = 'x'")?.contains("brouillards dans l'exercice") == true)
        #expect(raw.exec("DROP TRIGGER exercice_close_checks; UPDATE exercice SET closed_on = '2025-01-10', closing_hash = 'x'") == nil)
        let id = posted.id
        #expect(raw.exec("INSERT INTO line(entry_id, account, debit, credit) VALUES (\(id), '627', 1, 0)")?.contains("exercice clôturé") == true)
        #expect(raw.exec("UPDATE line SET account = '626' WHERE entry_id = \(id) AND debit > 0")?.contains("exercice clôturé") == true)
        #expect(raw.exec("DELETE FROM line WHERE entry_id = \(id)")?.contains("exercice clôturé") == true)
        #expect(raw.exec("UPDATE entry SET label = 'autre' WHERE id = \(id)")?.contains("exercice clôturé") == true)
        #expect(raw.exec("DELETE FROM entry WHERE id = \(id)")?.contains("exercice clôturé") == true)
        let reopened = try Store.open(path: path, now: .machine)
        #expect(throws: StoreError.self) { try reopened.removeDraft(number: posted.number, in: try reopened.exercice(nil)) }
        #expect(raw.int("SELECT count(*) FROM line WHERE entry_id = \(id) AND account = '627' AND debit = 450") == 1)
    }

    /// What changes the accounts outside the hash chain does not change: an exercice's dates,
    /// chart and name, a journal's kind, the bank lines of validated entries (their fingerprints
    /// keep a re-import from duplicating them).
    @Test func fieldsOutsideTheChainAreFrozen() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        _ = try store.record(bankBatch(3), dryRun: false)
        try store.validate()
        let raw = RawSQL(path)
        #expect(raw.exec("UPDATE exercice SET end = '2024-11-30'")?.contains("ne changent pas") == true)
        #expect(raw.exec("UPDATE exercice SET start = '2023-12-01'")?.contains("ne changent pas") == true)
        #expect(raw.exec("UPDATE exercice SET chart = 'pca-2025'")?.contains("ne changent pas") == true)
        #expect(raw.exec("UPDATE journal SET kind = 'an' WHERE code = 'BQ'")?.contains("ne changent pas") == true)
        #expect(raw.exec("DELETE FROM bank_line")?.contains("suppression interdite") == true)
        #expect(raw.exec("UPDATE bank_line SET fingerprint = 'x'")?.contains("ne change pas") == true)
        #expect(raw.exec("UPDATE meta SET value = '9' WHERE key = 'chaine_v2'")?.contains("ne change pas") == true)
        #expect(raw.int("SELECT count(*) FROM bank_line") == 3)
        #expect(try Store.open(path: path, now: .machine).record(bankBatch(3), dryRun: false).recorded == 0, "a re-import finds them all")
    }

    /// Reports read `total`: a row they would read otherwise than the verifier cannot be written
    /// (issue 19: the day `20240615`, the flag 0.5), nor a date, amount or exercice of the wrong kind.
    @Test func valuesOfTheWrongKindAreRefused() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let posted = try store.post(draft("2024-06-15", [("627", 450), ("512", -450)]))
        let raw = RawSQL(path)
        for change in ["day = '20240615'", "day = '2024-02-30'", "opening = 0.5", "debit = 450.5", "project_id = 'x'"] {
            #expect(raw.exec("UPDATE total SET \(change) WHERE account = '627'")?.contains("CHECK constraint failed") == true, "\(change)")
        }
        #expect(raw.exec("INSERT INTO entry(exercice_id, number, journal, date, label, created_at) VALUES (1, 9, 'BQ', '20240615', 'x', 'x')")?
            .contains("date d'écriture mal écrite") == true)
        #expect(raw.exec("UPDATE line SET debit = 450.5, credit = 0 WHERE entry_id = \(posted.id) AND debit > 0")?.contains("entier de centimes") == true)
        #expect(raw.exec("INSERT INTO line(entry_id, account, debit, credit) VALUES (\(posted.id), '627', 0.5, 0)")?.contains("entier de centimes") == true)
        #expect(raw.exec("INSERT INTO exercice(label, start, end, chart) VALUES ('x', '20250101', '20251231', 'pca-2025')")?.contains("exercice mal écrit") == true)
        #expect(raw.exec("UPDATE entry SET validated_on = '31/12/2024', validation_number = 1, hash = 'h', chain_index = 1 WHERE id = \(posted.id)")?
            .contains("date de validation mal écrite") == true)
        #expect(try Store.open(path: path, now: .machine).verify().problems.isEmpty)
    }

    @Test func entryOutsideItsExerciceIsRefusedBySchema() throws {
        let path = temporaryPath()
        _ = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let raw = RawSQL(path)
        #expect(raw.exec("INSERT INTO entry(exercice_id, number, journal, date, label, created_at) VALUES (1, 1, 'BQ', '2025-05-01', 'x', 'now')")?.contains("hors de l'exercice") == true)
        #expect(raw.exec("INSERT INTO exercice(label, start, end, chart) VALUES ('x', '2024-06-01', '2025-05-31', 'PCA2018')")?.contains("chevauchent") == true)
    }
}

/// A ledger as the schema of `version` wrote it, before this Compta opened it: one association,
/// journals BQ and OD, exercice 2024 (id 1).
func oldLedger(version: Int) -> (path: String, raw: RawSQL) {
    let path = temporaryPath()
    let raw = RawSQL(path)
    #expect(raw.exec("PRAGMA application_id = \(Schema.applicationID)") == nil)
    for m in Schema.migrations.prefix(version) { #expect(raw.exec(m) == nil) }
    #expect(raw.exec("""
        PRAGMA user_version = \(version);
        INSERT INTO meta(key, value) VALUES ('nom', 'A');
        INSERT INTO journal(code, label, kind) VALUES ('BQ', 'Banque', 'banque'), ('OD', 'Opérations diverses', 'od');
        INSERT INTO exercice(id, label, start, end, chart) VALUES (1, '2024', '2024-01-01', '2024-12-31', 'pca-2018');
        """) == nil)
    return (path, raw)
}

@Suite struct OpeningLedgers {
    @Test func textFileIsNotALedgerAndIsLeftAlone() throws {
        let path = temporaryPath("notes.txt")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("bonjour\n".utf8)))
        #expect(throws: StoreError.self) { try Store.open(path: path, now: .machine) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "bonjour\n")
    }

    @Test func otherSQLiteDatabaseIsNotALedger() throws {
        let path = temporaryPath("autre.db")
        let raw = RawSQL(path)
        raw.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        let error = #expect(throws: StoreError.self) { try Store.open(path: path, now: .machine) }
        guard case .notALedger? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(raw.int("SELECT count(*) FROM sqlite_master") == 1, "no Compta table added")
    }

    @Test func newerSchemaIsRefusedUntouched() throws {
        let path = temporaryPath()
        _ = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let raw = RawSQL(path)
        raw.exec("PRAGMA user_version = 99")
        let error = #expect(throws: StoreError.self) { try Store.open(path: path, now: .machine) }
        guard case .newerSchema(_, 99, Schema.migrations.count)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(raw.int("PRAGMA user_version") == 99)
    }

    /// A ledger written by the version-4 schema (bank lines keyed by fingerprint, totals kept by
    /// triggers) opens with its bank lines, totals and duplicate detection intact.
    @Test func version4LedgerIsMigrated() throws {
        let (path, raw) = oldLedger(version: 4)
        #expect(raw.exec("""
            INSERT INTO account(number, label) VALUES ('512', 'Banque'), ('627', 'Frais bancaires'), ('471', 'Attente');
            INSERT INTO entry(id, exercice_id, number, journal, date, label, created_at) VALUES (1, 1, 1, 'BQ', '2024-03-05', 'FRAIS', 'x');
            INSERT INTO line(entry_id, account, debit, credit) VALUES (1, '627', 450, 0), (1, '512', 0, 450);
            INSERT INTO statement(id, file_name, file_hash, format, bank_account, lines_read, imported_at) VALUES (1, 'r.csv', 'h', 'generique', '512', 1, 'x');
            INSERT INTO bank_line(fingerprint, statement_id, entry_id, source_line, date, amount, label)
                VALUES ('00112233445566778899aabbccddeeff', 1, 1, 2, '2024-03-05', -450, 'FRAIS');
            """) == nil)
        let store = try Store.open(path: path, now: .machine)
        #expect(raw.int("PRAGMA user_version") == Int64(Schema.migrations.count))
        #expect(raw.int("SELECT count(*) FROM bank_line WHERE entry_id = 1 AND date = '2024-03-05' AND fingerprint = '00112233445566778899aabbccddeeff'") == 1)
        #expect(try store.verify().problems == [])
        #expect(try store.balance(of: "627", at: d("2024-12-31")) == Money(cents: 450))
        let line = BankEntry(fingerprint: "00112233445566778899aabbccddeeff", sourceLine: 2, date: d("2024-03-05"), amount: Money(cents: -450),
                             bankLabel: "FRAIS", rule: nil, entry: draft("2024-03-05", [("471", 450), ("512", -450)]))
        let batch = BankBatch(fileName: "r.csv", fileHash: "h", format: "generique", bankAccount: n("512"), bankAccountID: nil,
                              firstDate: d("2024-03-05"), lastDate: d("2024-03-05"), closingBalance: nil, closingDate: nil,
                              count: 1, entry: { _ in line })
        let outcome = try store.record(batch, dryRun: false)
        #expect(outcome.recorded == 0 && outcome.alreadyThere == [0], "the line imported before the migration is recognised")
        try store.post(draft("2024-03-06", [("627", 100), ("512", -100)]))
        #expect(try store.balance(of: "627", at: d("2024-12-31")) == Money(cents: 550))
        #expect(try store.verify().problems == [])
    }

    /// A version-5 ledger where an OD filed a validated waiting line: the migration links the OD
    /// to the line it filed (its piece names it), so the line no longer waits; another stays.
    @Test func version5AffectationsAreLinked() throws {
        let (path, raw) = oldLedger(version: 5)
        #expect(raw.exec("""
            INSERT INTO account(number, label) VALUES ('512', 'Banque'), ('471', 'Attente'), ('7562', 'Cotisations');
            INSERT INTO entry(id, exercice_id, number, journal, date, label, piece, created_at)
                VALUES (1, 1, 1, 'BQ', '2024-03-05', 'VIR CHORALE', NULL, 'x'), (2, 1, 2, 'BQ', '2024-03-06', 'VIR INCONNU', NULL, 'x'),
                       (3, 1, 3, 'OD', '2024-03-05', 'Affectation : VIR CHORALE', 'BQ-1', 'x');
            INSERT INTO line(entry_id, account, debit, credit) VALUES (1, '512', 4500, 0), (1, '471', 0, 4500),
                (2, '512', 1000, 0), (2, '471', 0, 1000), (3, '471', 4500, 0), (3, '7562', 0, 4500);
            UPDATE entry SET validated_on = '2024-04-01', validation_number = id, chain_index = id, hash = 'h' WHERE id < 3;
            UPDATE entry SET validated_on = '2024-04-02', validation_number = 1, chain_index = 3, hash = 'h' WHERE id = 3;
            """) == nil)
        let store = try Store.open(path: path, now: .machine)
        #expect(raw.int("SELECT corrects FROM entry WHERE id = 3") == 1)
        #expect(raw.int("SELECT count(*) FROM entry WHERE corrects IS NOT NULL") == 1)
        #expect(try store.waitingLines().map(\.entry.number) == [2])
        #expect(raw.exec("UPDATE entry SET label = 'x' WHERE id = 3")?.contains("écriture validée") == true, "validated entries are protected again")
    }

    /// A version-6 ledger whose chain was written in version 1 of the canonical text (a label
    /// « ∅ » among its fields) opens, migrates and still verifies; its `total`, edited before, is
    /// rebuilt from the lines; entries validated after the migration are chained in version 2.
    @Test func version6ChainStillVerifiesAndGoesOnInVersion2() throws {
        let (path, raw) = oldLedger(version: 6)
        #expect(raw.exec("""
            INSERT INTO account(number, label) VALUES ('512', 'Banque'), ('627', 'Frais bancaires');
            INSERT INTO entry(id, exercice_id, number, journal, date, label, created_at) VALUES (1, 1, 1, 'BQ', '2024-03-05', 'FRAIS', 'x'),
                (2, 1, 2, 'BQ', '2024-03-06', '∅', 'x');
            INSERT INTO line(entry_id, account, debit, credit, label) VALUES (1, '627', 450, 0, '∅'), (1, '512', 0, 450, NULL),
                (2, '627', 100, 0, NULL), (2, '512', 0, 100, NULL);
            INSERT INTO total(day, account, project_id, opening, debit, credit) VALUES ('20240305', '627', 0, 0.5, 450, 0);
            """) == nil)
        var previous = Chain.genesis
        for (id, day, label, lines) in [(1, "2024-03-05", "FRAIS", [("627", Int64(450), Int64(0), "∅"), ("512", 0, 450, nil)]),
                                        (2, "2024-03-06", "∅", [("627", 100, 0, nil), ("512", 0, 100, nil)])] as [(Int, String, String, [(String, Int64, Int64, String?)])] {
            let link = Chain.Link(version: 1, exercice: "2024", exerciceStart: d("2024-01-01"), exerciceEnd: d("2024-12-31"), journal: "BQ",
                                  journalKind: "banque", validationNumber: id, number: id, date: d(day), label: label, piece: nil,
                                  validatedOn: d("2024-04-01"), lines: lines.map { Chain.Line(account: $0.0, debit: $0.1, credit: $0.2, label: $0.3, project: nil) })
            previous = Chain.hash(previous: previous, link)
            #expect(raw.exec("UPDATE entry SET validated_on = '2024-04-01', validation_number = \(id), chain_index = \(id), hash = '\(previous)' WHERE id = \(id)") == nil)
        }
        let store = try Store.open(path: path, now: .machine)
        #expect(try store.verify().problems == [])
        #expect(raw.int("SELECT count(*) FROM total WHERE day = '20240305'") == 0, "totals rebuilt from the lines")
        #expect(raw.int("SELECT value FROM meta WHERE key = 'chaine_v2'") == 3)
        try store.post(EntryDraft(journal: "BQ", date: d("2024-03-07"), label: "∅", lines: [
            LineDraft(account: n("627"), amount: Money(cents: 100)), LineDraft(account: n("512"), amount: Money(cents: -100))]))
        try store.validate()
        let report = try Store.open(path: path, now: .machine).verify()
        #expect(report.problems == [] && report.validated == 3)
        #expect(report.head?.count == 3)
    }

    @Test func refusedPostWritesNothing() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        try store.post(draft("2024-03-05", [("627", 450), ("512", -450)]))
        let before = try store.dump()
        let batch = [
            SourcedEntry(entry: draft("2024-03-06", [("627", 100), ("512", -100)]), lines: [2, 3]),
            SourcedEntry(entry: draft("2024-03-07", [("627", 100), ("512", -90)]), lines: [4, 5]),
        ]
        let located = #expect(throws: LocatedError.self) { try bare { try store.postAll(batch, file: "f.csv") } }
        #expect(located?.line == 4, "an unbalanced entry: its first line")
        #expect(located?.file == "f.csv")
        #expect(try store.dump() == before)
        // An error about one line of an entry points at that line of the file.
        let unknown = [SourcedEntry(entry: draft("2024-03-06", [("627", 100), ("6299", 100), ("512", -200)]), lines: [7, 9, 12])]
        #expect(#expect(throws: LocatedError.self) { try bare { try store.postAll(unknown, file: "f.csv") }}?.line == 9)
        #expect(try store.dump() == before)
    }
}

extension OpeningLedgers {
    /// `--livre` pointed at another program's database, or at an empty file: refused as « not a
    /// ledger, the file was not modified », and it is not: the same bytes, still in its own
    /// journal mode (not switched to WAL), no -wal file, an empty file still empty.
    @Test func anotherProgramsFileIsNotTouched() throws {
        let path = temporaryPath("autre.db")
        do {
            let raw = RawSQL(path)
            #expect(raw.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1);") == nil)
        }
        let empty = temporaryPath("vide.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: nil))
        for file in [path, empty] {
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            let error = #expect(throws: StoreError.self) { try Store.open(path: file, now: .machine) }
            guard case .notALedger? = error else { Issue.record("\(file): \(String(describing: error))"); continue }
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "\(file) unchanged")
            #expect(!FileManager.default.fileExists(atPath: file + "-wal"), "\(file): no WAL")
        }
        // Byte 18 of an SQLite header: 1 for a rollback journal, 2 for WAL.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path))[18] == 1)
    }
}

/// The refusal a store call meets, bare (`StoreError.refusal`): a closing's, a budget's, an
/// entry's at its file line.
func bare<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StoreError { throw e.refusal }
}
