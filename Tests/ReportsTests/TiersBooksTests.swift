import Foundation
import Testing
import Ledger
import LedgerStore
@testable import Reports

/// The journal and the grand livre show a line's tiers in a column of their own, only when
/// what they show has one: books without tiers print as they always did.
@Suite struct TiersInTheBooks {
    func books() throws -> Store {
        let store = try Store.inMemory(name: "Club", start: d("2024-01-01"), now: .machine)
        let lea = try store.addTiers(TiersFields(firstName: "Léa", lastName: "Martin"))
        try post(store, "2024-01-10", "Frais", [("627", 450), ("512", -450)])
        try store.post(EntryDraft(journal: "BQ", date: d("2024-02-01"), label: "Cotisation", lines: [
            LineDraft(account: n("512"), amount: Money(cents: 3000)), LineDraft(account: n("7561"), amount: Money(cents: -3000), tiers: lea.code)]))
        return store
    }

    func csv(_ doc: ReportDocument) throws -> [String] {
        try OutputFormat.csv.render(doc).components(separatedBy: "\r\n")
    }

    @Test func theJournalHasATiersColumnWhenALineHasATiers() throws {
        let store = try books()
        let year = try Period(exercice: store.exercice(nil))
        let all = try csv(JournalBook(store, period: year).document(association: "Club"))
        #expect(all[0] == "N°;Date;Jnl;Pièce;Compte;Tiers;Libellé;Débit;Crédit;Projet;État")
        #expect(all.contains(";;;;7561;T0001 Léa Martin;Cotisation;;30,00;;"), "\(all)")
        let january = try csv(JournalBook(store, period: Period(exercice: store.exercice(nil), from: d("2024-01-01"), to: d("2024-01-31")))
            .document(association: "Club"))
        #expect(january[0] == "N°;Date;Jnl;Pièce;Compte;Libellé;Débit;Crédit;Projet;État")
    }

    @Test func theGrandLivreHasATiersColumnWhenALineOfItsAccountsHasATiers() throws {
        let store = try books()
        let year = try Period(exercice: store.exercice(nil))
        let all = try csv(GrandLivre(store, period: year).document(association: "Club"))
        #expect(all[0] == "Date;Jnl;N°;Pièce;Tiers;Libellé;Débit;Crédit;Solde;Compte")
        #expect(all.contains("01/02/2024;BQ;2;;T0001 Léa Martin;Cotisation;;30,00;-30,00;7561"), "\(all)")
        let bank = try csv(GrandLivre(store, period: year, accountPrefix: "512").document(association: "Club"))
        #expect(bank[0] == "Date;Jnl;N°;Pièce;Libellé;Débit;Crédit;Solde;Compte")
    }
}
