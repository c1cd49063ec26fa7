import Foundation
import Testing
import Ledger
@testable import LedgerStore

@Suite struct TiersInTheStore {
    func lea(_ store: Store) throws -> Tiers {
        try store.addTiers(TiersFields(firstName: "Léa", lastName: "Martin", email: "lea@exemple.fr", addedAliases: ["MARTIN LEA"]))
    }

    func cotisation(_ date: String, _ cents: Int64, tiers: String?) -> EntryDraft {
        EntryDraft(journal: "BQ", date: d(date), label: "Cotisation", lines: [
            LineDraft(account: n("512"), amount: Money(cents: cents)), LineDraft(account: n("7561"), amount: Money(cents: -cents), tiers: tiers)])
    }

    @Test func codesFollowTheNumbersAndNamesResolveToOneTiers() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        let l = try lea(store)
        #expect(l.code == "T0001")
        #expect(try store.resolveTiers("lea MARTIN") == (l, false))
        #expect(try store.resolveTiers("Martin, Léa") == (l, false), "an alias, punctuation aside")
        #expect(try store.resolveTiers("t0001") == (l, false))
        #expect(throws: StoreError.self) { try store.resolveTiers("T0099") }
        let paul = try store.resolveTiers("Paul Durand")
        #expect(paul.created && paul.tiers.code == "T0002" && paul.tiers.name == "Paul Durand")
        let other = try store.addTiers(TiersFields(firstName: "Léa", lastName: "Martin"))
        let error = #expect(throws: StoreError.self) { try store.resolveTiers("Léa Martin") }
        guard case .tiers(.ambiguous(let name, let found))? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(name == "Léa Martin" && found.map(\.code) == [l.code, other.code])
        #expect(try store.tiersList().map(\.code) == ["T0001", "T0002", "T0003"])
    }

    @Test func searchIgnoresAccentsAndCaseOnNamesAndAliases() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        let l = try lea(store)
        let ovh = try store.addTiers(TiersFields(organisation: "OVH SAS", siren: "424761419"))
        #expect(try store.tiersList(matching: "LÉA").map(\.code) == [l.code])
        #expect(try store.tiersList(matching: "martin lea").map(\.code) == [l.code])
        #expect(try store.tiersList(matching: "ovh").map(\.code) == [ovh.code])
        #expect(try store.tiersList(matching: "durand").isEmpty)
        #expect(try store.tiersList(matching: "  ").count == 2)
    }

    @Test func aModificationKeepsTheCodeAndTheLines() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        let l = try lea(store)
        try store.post(cotisation("2024-02-01", 3000, tiers: l.code))
        let changed = try store.modifyTiers("T0001", TiersFields(lastName: "Martin-Roux", address: "3 rue des Lilas, 75011 Paris",
                                                                 addedAliases: ["L MARTIN"], removedAliases: ["martin lea"])).tiers
        #expect(changed.code == l.code && changed.name == "Léa Martin-Roux" && changed.aliases == ["L MARTIN"])
        #expect(try store.resolveTiers("Léa Martin-Roux").tiers == changed)
        #expect(try store.entries(EntryQuery()).flatMap(\.lines).compactMap(\.tiers) == [LineTiers(recorded: "T0001", code: "T0001", name: "Léa Martin-Roux")])
        #expect(throws: StoreError.self) { try store.modifyTiers("T0042", TiersFields(lastName: "X")) }
    }

    @Test func anUnknownCodeOnALineIsRefusedAndNothingWritten() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        let before = try store.dump()
        #expect(throws: StoreError.self) { try store.post(cotisation("2024-02-01", 3000, tiers: "T0007")) }
        #expect(try store.dump() == before)
    }

    /// Merging B into A: B's lines count as A's, validated ones unchanged (the chain verifies);
    /// those merged into B before follow (one level deep).
    @Test func aMergedTiersCountsForTheOneItWasMergedInto() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let a = try lea(store)
        let b = try store.addTiers(TiersFields(lastName: "L. Martin"))
        let c = try store.addTiers(TiersFields(lastName: "Lea M"))
        try store.post(cotisation("2024-02-01", 3000, tiers: b.code))
        try store.post(cotisation("2024-03-01", 1000, tiers: c.code))
        try store.validate(upTo: d("2024-12-31"))
        _ = try store.mergeTiers(c.code, into: b.code)
        let merged = try store.mergeTiers("L. Martin", into: "T0001")
        #expect(merged.kept == a && merged.absorbed.mergedInto == a.code)
        let detail = try store.tiersDetail("Léa Martin")
        #expect(detail.merged.map(\.code) == [b.code, c.code])
        #expect(detail.lines.count == 2 && detail.cotisations == Money(cents: 4000))
        #expect(try store.resolveTiers("Lea M").tiers == a, "a merged tiers' name designates the one it was merged into")
        #expect(try store.entries(EntryQuery()).flatMap(\.lines).compactMap(\.tiers)
            == [LineTiers(recorded: b.code, code: a.code, name: "Léa Martin"), LineTiers(recorded: c.code, code: a.code, name: "Léa Martin")])
        #expect(try store.tiersList().map(\.code) == [a.code])
        #expect(try Store.open(path: path, now: .machine).verify().problems == [])
        for (absorbed, kept) in [("T0001", "T0001"), ("T0002", "T0001"), ("T0001", "T0003")] {
            #expect(throws: StoreError.self, "\(absorbed) into \(kept)") { try store.mergeTiers(absorbed, into: kept) }
        }
    }

    @Test func theDetailAddsCotisationsGiftsAndWhatIsOwed() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        let l = try lea(store)
        let ovh = try store.addTiers(TiersFields(organisation: "OVH SAS"))
        try store.post(cotisation("2024-02-01", 3000, tiers: l.code))
        try store.post(EntryDraft(journal: "BQ", date: d("2024-02-02"), label: "Don", lines: [
            LineDraft(account: n("512"), amount: Money(cents: 5000)), LineDraft(account: n("754"), amount: Money(cents: -5000), tiers: l.code)]))
        try store.post(EntryDraft(journal: "OD", date: d("2024-03-01"), label: "Cotisation due", lines: [
            LineDraft(account: n("411"), amount: Money(cents: 2000), tiers: l.code), LineDraft(account: n("7561"), amount: Money(cents: -2000), tiers: l.code)]))
        try store.post(EntryDraft(journal: "OD", date: d("2024-03-02"), label: "Facture OVH", lines: [
            LineDraft(account: n("6132"), amount: Money(cents: 1200)), LineDraft(account: n("401"), amount: Money(cents: -1200), tiers: ovh.code)]))
        let detail = try store.tiersDetail(l.code)
        #expect(detail.cotisations == Money(cents: 5000))
        #expect(detail.dons == Money(cents: 5000))
        #expect(detail.balances.map { "\($0.account.text) \($0.balance.cents)" } == ["411 2000"])
        #expect(detail.lines.map(\.account.text) == ["7561", "754", "411", "7561"])
        #expect(try store.tiersDetail("ovh sas").balances.map { "\($0.account.text) \($0.balance.cents)" } == ["401 -1200"])
        #expect(throws: StoreError.self) { try store.tiersDetail("Personne") }
    }

    /// A validated line's tiers is part of it: the schema refuses to change it.
    @Test func aValidatedLinesTiersCannotChange() throws {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "A", start: d("2024-01-01"), now: .machine)
        let l = try lea(store)
        _ = try store.addTiers(TiersFields(lastName: "Autre"))
        try store.post(cotisation("2024-02-01", 3000, tiers: l.code))
        try store.post(cotisation("2024-02-02", 3000, tiers: l.code))
        try store.validate(upTo: d("2024-02-01"))
        let raw = RawSQL(path)
        #expect(raw.exec("UPDATE line SET tiers_id = 2 WHERE tiers_id = 1 AND entry_id = 1")?.contains("modification interdite") == true)
        #expect(raw.exec("UPDATE line SET tiers_id = NULL WHERE entry_id = 1")?.contains("modification interdite") == true)
        #expect(raw.exec("UPDATE tiers SET code = 'T0009' WHERE id = 1")?.contains("ne change pas") == true)
        #expect(raw.exec("UPDATE line SET tiers_id = 2 WHERE entry_id = 2 AND tiers_id = 1") == nil, "a draft's line may change")
        #expect(raw.exec("UPDATE tiers SET name = 'Léa Roux', last_name = 'Roux' WHERE id = 1") == nil, "a name is not accounting data")
        #expect(try Store.open(path: path, now: .machine).verify().problems == [])
        // Behind the schema's back, the chain still sees it.
        #expect(raw.exec("DROP TRIGGER line_validated_update; UPDATE line SET tiers_id = 2 WHERE entry_id = 1 AND tiers_id = 1") == nil)
        raw.putBackTriggers()
        #expect(try Store.open(path: path, now: .machine).verify().problems.contains { if case .chainBroken = $0 { true } else { false } })
    }

    /// A ledger made before tiers (schema 8, its links in version 2) opens, still verifies, and
    /// goes on in version 3.
    @Test func version8ChainStillVerifiesAndGoesOnInVersion3() throws {
        let (path, raw) = oldLedger(version: 8)
        #expect(raw.exec("""
            INSERT INTO account(number, label) VALUES ('512', 'Banque'), ('7561', 'Cotisations');
            INSERT INTO entry(id, exercice_id, number, journal, date, label, created_at) VALUES (1, 1, 1, 'BQ', '2024-03-05', 'Cotisation', 'x');
            INSERT INTO line(entry_id, account, debit, credit) VALUES (1, '512', 3000, 0), (1, '7561', 0, 3000);
            INSERT INTO total(day, account, project_id, opening, debit, credit) VALUES ('2024-03-05', '512', 0, 0, 3000, 0), ('2024-03-05', '7561', 0, 0, 0, 3000);
            """) == nil)
        let link = Chain.Link(version: 2, exercice: "2024", exerciceStart: d("2024-01-01"), exerciceEnd: d("2024-12-31"), journal: "BQ",
                              journalKind: "banque", validationNumber: 1, number: 1, date: d("2024-03-05"), label: "Cotisation", piece: nil,
                              validatedOn: d("2024-04-01"), lines: [Chain.Line(account: "512", debit: 3000, credit: 0, label: nil, project: nil),
                                                                     Chain.Line(account: "7561", debit: 0, credit: 3000, label: nil, project: nil)])
        #expect(raw.exec("UPDATE entry SET validated_on = '2024-04-01', validation_number = 1, chain_index = 1, hash = '\(Chain.hash(previous: Chain.genesis, link))' WHERE id = 1") == nil)
        let store = try Store.open(path: path, now: .machine)
        #expect(try store.verify().problems == [])
        let l = try lea(store)
        try store.post(cotisation("2024-03-07", 2000, tiers: l.code))
        try store.validate(upTo: d("2024-12-31"))
        let report = try Store.open(path: path, now: .machine).verify()
        #expect(report.problems == [] && report.validated == 2)
        #expect(raw.exec("DROP TRIGGER line_validated_update; UPDATE line SET tiers_id = 1 WHERE entry_id = 1 AND account = '7561'") == nil)
        raw.putBackTriggers()
        #expect(try Store.open(path: path, now: .machine).verify().problems.contains { if case .chainBroken = $0 { true } else { false } },
                "a tiers put on a line validated before tiers existed breaks its link")
    }
}
