import Foundation
import Testing
import Ledger
@testable import LedgerStore

/// Tax receipts in the store: final by the schema itself (raw SQL included), a gift covered once,
/// and the receipts' chain that `verify` recomputes.
@Suite struct ReceiptsInTheStore {
    /// A ledger ready to issue, with Léa's two validated gifts: its path, Léa's code.
    func ledger() throws -> (path: String, store: Store) {
        let path = temporaryPath()
        let store = try Store.create(path: path, name: "Les Amis", start: d("2025-01-01"), now: .machine)
        try store.updateAssociation([.receiptArticles: "200", .qualite: "interet-general", .address: "1 rue A, 75001 Paris", .purpose: "Aider",
                                     .signer: "Camille Martin", .signerRole: "Trésorière"])
        let lea = try store.addTiers(TiersFields(firstName: "Léa", lastName: "Martin", address: "3 rue des Lilas, 75011 Paris"))
        for (day, cents) in [("2025-03-12", Int64(12050)), ("2025-06-02", 8000)] {
            try store.post(EntryDraft(journal: "BQ", date: d(day), label: "Don", lines: [
                LineDraft(account: n("512"), amount: Money(cents: cents)), LineDraft(account: n("7541"), amount: Money(cents: -cents), tiers: lea.code)]))
        }
        try store.validate()
        return (path, store)
    }

    @Test func issuesNumbersAndFreezesAndTheSchemaRefusesAnyOtherChange() throws {
        let (path, store) = try ledger()
        let plan = try store.issueReceipts(year: 2025, perGift: true, dryRun: false) { r, _ in "Reçu \(r.number) : \(r.amount) €" }
        #expect(plan.receipts.map(\.number) == ["2025-0001", "2025-0002"])
        #expect(try store.receipts(year: 2025).map(\.text) == ["Reçu 2025-0001 : 120,50 €", "Reçu 2025-0002 : 80,00 €"])
        #expect(try store.verify().problems == [])

        let raw = RawSQL(path)
        let changed = "reçu émis, modification interdite", deleted = "reçu émis, suppression interdite"
        #expect(raw.exec("UPDATE receipt SET text = 'autre' WHERE number = '2025-0001'")?.contains(changed) == true)
        #expect(raw.exec("UPDATE receipt SET amount = 1 WHERE number = '2025-0001'")?.contains(changed) == true)
        #expect(raw.exec("UPDATE receipt SET cancelled_on = '2025-12-01', cancel_reason = 'x', amount = 1 WHERE number = '2025-0001'")?.contains(changed) == true,
                "a cancellation changes nothing else")
        #expect(raw.exec("UPDATE receipt SET cancelled_on = '2025-12-01' WHERE number = '2025-0001'") != nil, "a cancellation has a reason")
        #expect(raw.exec("DELETE FROM receipt WHERE number = '2025-0001'")?.contains(deleted) == true)
        #expect(raw.exec("DELETE FROM receipt_line")?.contains(deleted) == true)
        #expect(raw.exec("UPDATE receipt_line SET amount = 1")?.contains(changed) == true)
        #expect(raw.exec("INSERT INTO receipt_line SELECT 2, line_id, amount FROM receipt_line WHERE receipt_id = 1")?.contains("don déjà couvert par un reçu") == true,
                "a gift a live receipt covers is not covered again")

        // Cancelled, its gift can be covered again; the cancelled receipt stays.
        try store.cancelReceipt("2025-0001", reason: "erreur de montant")
        #expect(raw.exec("UPDATE receipt SET cancel_reason = 'autre' WHERE number = '2025-0001'")?.contains(changed) == true, "cancelled once")
        let again = try store.issueReceipts(year: 2025, perGift: false, dryRun: false) { r, _ in "Reçu \(r.number)" }
        #expect(again.receipts.map(\.number) == ["2025-0003"] && again.receipts[0].amount == Money(cents: 12050))
        #expect(try store.receipts().map(\.isLive) == [false, true, true])
        #expect(try store.verify().problems == [])
    }

    @Test func theVerifierFindsAReceiptChangedBehindTheTriggers() throws {
        let (path, store) = try ledger()
        try store.issueReceipts(year: 2025, perGift: false, dryRun: false) { r, _ in "Reçu \(r.number) : \(r.amount) €" }
        let raw = RawSQL(path)
        #expect(raw.exec("DROP TRIGGER receipt_issued_update") == nil)
        #expect(raw.exec("UPDATE receipt SET text = 'Reçu 2025-0001 : 2 000,50 €'") == nil)
        raw.putBackTriggers()
        #expect(try store.verify().problems == [.receiptChainBroken(number: "2025-0001")])
    }

    @Test func aDryRunWritesNothingAndADraftGiftIsNotReceipted() throws {
        let (path, store) = try ledger()
        let lea = try #require(try store.tiersList().first)
        try store.post(EntryDraft(journal: "BQ", date: d("2025-07-01"), label: "Don", lines: [
            LineDraft(account: n("512"), amount: Money(cents: 500)), LineDraft(account: n("7541"), amount: Money(cents: -500), tiers: lea.code)]))
        let plan = try store.issueReceipts(year: 2025, perGift: false, dryRun: true) { _, _ in "" }
        #expect(plan.receipts.map(\.amount) == [Money(cents: 20050)] && plan.inDrafts.map(\.amount) == [Money(cents: 500)])
        #expect(try store.receipts().isEmpty)
        // Nor by the schema itself: a draft line put under an issued receipt is refused.
        try store.issueReceipts(year: 2025, perGift: false, dryRun: false) { r, _ in "Reçu \(r.number)" }
        let draftLine = "SELECT 1, l.id, l.credit FROM line l JOIN entry e ON e.id = l.entry_id WHERE e.validated_on IS NULL AND l.credit > 0"
        #expect(RawSQL(path).exec("INSERT INTO receipt_line \(draftLine)")?.contains("reçu d'un don non validé") == true)
    }
}
