import Foundation
import Testing
import Ledger
import LedgerStore
@testable import Reports

/// The FEC gives the tiers of a third-party line (40, 41, 467) as its auxiliary account; the
/// hledger export makes an entry's one tiers its payee. Books without tiers export as before.
@Suite struct TiersInTheExports {
    /// The same entries, their lines given a tiers where `tiersOn` says so (the tiers exist in
    /// every case: only the lines change).
    func books(tiersOn: (String) -> Bool) throws -> Store {
        let store = try Store.inMemory(name: "Club", start: d("2024-01-01"), now: .machine)
        let ovh = try store.addTiers(TiersFields(organisation: "OVH SAS")).code
        let lea = try store.addTiers(TiersFields(firstName: "Léa", lastName: "Martin")).code
        // A name with a FEC separator and a payee's end in it.
        let paul = try store.addTiers(TiersFields(firstName: "Paul |", lastName: "Durand")).code
        let typo = try store.addTiers(TiersFields(lastName: "L. Martin")).code
        func entry(_ date: String, _ label: String, _ lines: [(String, Int64, String?)]) throws {
            try store.post(EntryDraft(journal: "BQ", date: d(date), label: label, lines: lines.map {
                LineDraft(account: n($0.0), amount: Money(cents: $0.1), tiers: tiersOn($0.0) ? $0.2 : nil)
            }))
        }
        try entry("2024-01-10", "Facture OVH", [("6132", 1200, nil), ("401", -1200, ovh)])
        try entry("2024-01-11", "Cotisation", [("512", 3000, nil), ("7561", -3000, lea)])
        try entry("2024-01-12", "Avance", [("4671", 2000, typo), ("512", -2000, nil)])
        try entry("2024-01-13", "Vente", [("411", 5000, paul), ("706", -5000, paul)])
        try entry("2024-01-14", "Compensation", [("401", 1200, ovh), ("4672", -1200, lea)])
        try entry("2024-01-15", "Produit à recevoir", [("4687", 700, lea), ("7588", -700, nil)])
        try store.mergeTiers(typo, into: lea)
        _ = try store.validate()
        return store
    }

    func fec(_ store: Store) throws -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try FEC.write(store, exercice: store.exercice(nil), encoding: .utf8) { bytes += $0 }
        return bytes
    }

    func records(_ bytes: [UInt8]) -> [[String]] {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").dropFirst().map { $0.components(separatedBy: "\t") }
    }

    @Test func theFECGivesTheTiersOfThirdPartyLinesAsAuxiliaryAccounts() throws {
        let rows = records(try fec(books { _ in true }))
        let aux = rows.map { "\($0[4]) \($0[6])|\($0[7])" }
        #expect(aux == ["6132 |", "401 T0001|OVH SAS", "512 |", "7561 |",
                        // The line recorded with the typo's code counts for Léa today.
                        "4671 T0002|Léa Martin", "512 |", "411 T0003|Paul Durand", "706 |",
                        "401 T0001|OVH SAS", "4672 T0002|Léa Martin", "4687 |", "7588 |"], "\(aux)")
    }

    @Test func booksWithoutTiersOnThirdPartyLinesWriteTheSameFEC() throws {
        let none = try fec(books { _ in false })
        #expect(records(none).allSatisfy { $0[6].isEmpty && $0[7].isEmpty })
        // Tiers on lines outside 40, 41 and 467 change nothing in the file.
        #expect(try fec(books { !$0.hasPrefix("40") && !$0.hasPrefix("41") && !$0.hasPrefix("467") }) == none)
        // With them, only the auxiliary columns differ.
        let with = records(try fec(books { _ in true }))
        let blanked = with.map { r in r.enumerated().map { $0.offset == 6 || $0.offset == 7 ? "" : $0.element } }
        #expect(blanked == records(none))
    }

    @Test func hledgerTakesTheEntrysOneTiersAsPayee() throws {
        let descriptions = try HledgerExport.journal(books { _ in true }).split(separator: "\n")
            .filter { $0.hasPrefix("2024-") }.map { $0.components(separatedBy: "  ; ")[0] }
        #expect(descriptions == ["2024-01-10 * OVH SAS | Facture OVH", "2024-01-11 * Léa Martin | Cotisation", "2024-01-12 * Léa Martin | Avance",
                                 // `|` ends hledger's payee: not in a name.
                                 "2024-01-13 * Paul Durand | Vente",
                                 // Two tiers: no payee.
                                 "2024-01-14 * Compensation", "2024-01-15 * Léa Martin | Produit à recevoir"], "\(descriptions)")
        // The rest is as without tiers, which is as before.
        let withoutPayees = try HledgerExport.journal(books { _ in true }).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("2024-"), let bar = line.range(of: " | ") else { return String(line) }
            return String(line.prefix(13) + line[bar.upperBound...])
        }.joined(separator: "\n")
        #expect(try HledgerExport.journal(books { _ in false }) == withoutPayees)
    }
}
