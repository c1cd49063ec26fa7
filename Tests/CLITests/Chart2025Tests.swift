import Foundation
import Testing
@testable import compta

/// Exercices opened from 1 January 2025 follow the 2025 chart (ANC 2022-06 / 2023-03): no
/// transferts de charges, a narrower exceptional result, 747 for the quote-part of investment
/// subsidies. `resultat --modele anc` uses the 2025 layout; the previous exercice's column is
/// presented in it, each dropped account on the line of its replacement.
@Suite struct Chart2025 {
    @Test func a2025ExerciceUsesThe2025LayoutAndRefusesTheTransfertsDeCharges() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        // 2024, on the 2018 chart: a quote-part in 777, a disposal in 675 / 775, a transfert de charges
        // (an account of the association's own: the 2018 list leaves 79 to the PCG).
        #expect(s.run("comptes", "ajouter", "791", "Transferts de charges d'exploitation").code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        for line in [["2024-01-01", "Ouverture", "2183=5000", "512=10000", "131=-5000", "102=-10000", "--journal", "AN"],
                     ["2024-12-31", "Quote-part 2024", "139=800", "777=-800"], ["2024-06-01", "Cession", "512=200", "775=-200"],
                     ["2024-06-01", "Sortie", "675=300", "2183=-300"], ["2024-07-01", "Remboursement formation", "512=90", "791=-90"],
                     // 2025, on the 2025 chart.
                     ["2025-12-31", "Quote-part 2025", "139=1000", "747=-1000"], ["2025-06-01", "Cession", "512=200", "757=-200"],
                     ["2025-06-01", "Sortie", "652=300", "2183=-300"], ["2025-06-02", "Sinistre", "678=400", "512=-400"],
                     ["2025-06-02", "Indemnité", "512=100", "778=-100"], ["2025-06-03", "Erreur 2024", "672=50", "512=-50"]] {
            let r = s.run(["saisir"] + line)
            #expect(r.code == 0, "\(line): \(r.err)")
        }
        // 791, even the association's own, and 777 are refused in 2025, nothing written.
        _ = try s.refuses(["saisir", "2025-07-01", "Remboursement", "512=90", "791=-90"],
                          says: ["le compte 791 (Transferts de charges d'exploitation) n'existe plus dans le plan comptable de l'exercice 2025",
                                 "transferts de charges supprimés"])
        _ = try s.refuses(["saisir", "2025-07-01", "Quote-part", "139=10", "777=-10"], says: ["le compte 777", "utilisez 747"])

        let r = s.run("resultat", "--modele", "anc", "--exercice", "2025", "--comparer", "--format", "csv")
        #expect(r.code == 0, "\(r.err)")
        let rows = Dictionary(r.out.split(whereSeparator: \.isNewline).dropFirst().map { line -> (String, [String]) in
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            return (cells[0], Array(cells.dropFirst()))
        }, uniquingKeysWith: { a, _ in a })
        func amounts(_ label: String) -> [String] { Array((rows[label] ?? []).prefix(2)) }
        // 747 in the operating result, and 2024's 777 beside it.
        #expect(amounts("Produits de tiers financeurs : concours publics et subventions d'exploitation") == ["1000,00", "800,00"], "\(r.out)")
        #expect(amounts("    dont quote-part des subventions d'investissement virée au résultat") == ["1000,00", "800,00"], "\(r.out)")
        // Disposals: 757 and 2024's 775 in the other operating produits, 652 and 2024's 675 in the other charges.
        #expect(amounts("Autres produits") == ["200,00", "200,00"], "\(r.out)")
        #expect(amounts("Autres charges") == ["300,00", "300,00"], "\(r.out)")
        // 2024's transfert de charges stays with the reprises; 2025 has none.
        #expect(amounts("Reprises sur amortissements, dépréciations et provisions") == ["", "90,00"], "\(r.out)")
        // The exceptional result: no « opérations en capital » any more.
        #expect(amounts("Autres produits exceptionnels") == ["100,00", ""], "\(r.out)")
        #expect(amounts("Autres charges exceptionnelles") == ["400,00", ""], "\(r.out)")
        #expect(amounts("Sur opérations de gestion") == ["50,00", ""], "\(r.out)")
        #expect(!r.out.contains("Sur opérations en capital"), "\(r.out)")
        #expect(amounts("4. Résultat exceptionnel (V - VI)") == ["-350,00", "0,00"], "\(r.out)")
        #expect(amounts("Excédent ou déficit") == ["550,00", "790,00"], "\(r.out)")

        // 2024 keeps the 2018 layout: its quote-part and disposal in the exceptional result.
        let y2024 = s.run("resultat", "--modele", "anc", "--exercice", "2024").out
        #expect(y2024.contains("Sur opérations en capital") && y2024.contains("transferts de charges"), "\(y2024)")

        // The bilan of 2025 balances, the subsidy net of its quote-parts.
        let bilan = s.run("bilan", "--exercice", "2025", "--au", "2025-12-31")
        let subsidies = bilan.out.split(separator: "\n").first { $0.hasPrefix("Subventions d'investissement") }
        #expect(bilan.code == 0 && subsidies?.contains("3\u{202F}200,00") == true, "\(bilan.out)")
        #expect(bilan.out.contains("Total de l'actif                  14\u{202F}540,00") && bilan.out.contains("Total du passif                       14\u{202F}540,00"),
                "\(bilan.out)")
    }
}
