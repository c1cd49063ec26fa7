import Foundation
import Testing
@testable import compta
import Ledger
import LedgerStore

/// The exercices of a ledger: their length when a closing creates the next one, the removal of
/// one opened by mistake, and a date before the ledger's first exercice.
@Suite(.serialized) struct Exercices {
    /// A ledger whose first exercice runs from `start` to `end`, holding one validated entry.
    func firstExercice(_ start: String, _ end: String? = nil) -> Sandbox {
        let s = Sandbox()
        #expect(s.run(["init", "--nom", "Club", "--debut", start] + (end.map { ["--fin", $0] } ?? [])).code == 0)
        #expect(s.run("saisir", start, "Cotisation", "512=20", "7562").code == 0)
        #expect(s.run("valider").code == 0)
        return s
    }

    /// The exercice list as (label, start, end).
    func exercices(_ s: Sandbox) -> [[String]] {
        s.run("exercices", "--format", "csv").out.split(separator: "\r\n").dropFirst().map { $0.split(separator: ";").prefix(3).map(String.init) }
    }

    /// A first exercice of 4 or 18 months is no model: the closing opens a year.
    @Test func theClosingOpensAYearWhateverTheFirstExerciceLasted() throws {
        for (start, end) in [("2024-09-01", "2024-12-31"), ("2023-07-01", "2024-12-31")] {
            let s = firstExercice(start, end)
            let label = Exercice.defaultLabel(start: try Day(parsing: start), end: try Day(parsing: end))
            let r = s.run("cloturer", "--exercice", label)
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out.contains("Exercice 2025 ouvert, du 01/01/2025 au 31/12/2025."), "\(r.out)")
        }
    }

    /// From 29 February, a year ends on 28 February, and the next one begins on 1 March.
    @Test func aStartOn29FebruaryGivesWholeYears() throws {
        let s = firstExercice("2024-02-29")
        #expect(exercices(s) == [["2024-2025", "29/02/2024", "28/02/2025"]])
        let r = s.run("cloturer", "--exercice", "2024-2025")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("du 01/03/2025 au 28/02/2026"), "\(r.out)")
    }

    /// `--fin-suivant` gives the next exercice another end; it cannot change one that exists.
    @Test func theNextExerciceEndsWhereTheClosingSays() throws {
        let s = firstExercice("2023-07-01", "2024-06-30")
        let r = s.run("cloturer", "--exercice", "2023-2024", "--fin-suivant", "2024-12-31")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Exercice 2024-07-01_2024-12-31 ouvert, du 01/07/2024 au 31/12/2024."), "\(r.out)")
        #expect(exercices(s).last == ["2024-07-01_2024-12-31", "01/07/2024", "31/12/2024"])

        let t = firstExercice("2024-01-01")
        #expect(t.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        try t.refuses(["cloturer", "--exercice", "2024", "--fin-suivant", "2025-06-30"], says: [
            "l'exercice suivant, 2025, existe déjà (du 01/01/2025 au 31/12/2025) : --fin-suivant ne sert qu'à le créer",
            "compta exercices supprimer 2025"])
        try t.refuses(["cloturer", "--exercice", "2024", "--fin-suivant", "2024-12-31"], says: ["existe déjà"])
        // Its own end is no change.
        #expect(t.run("cloturer", "--exercice", "2024", "--fin-suivant", "2025-12-31").code == 0)
    }

    /// An exercice opened by mistake goes while it holds nothing; one that holds an entry, a
    /// budget or a statement, or is closed, stays, and the refusal says what it holds.
    @Test func anEmptyExerciceOpenedByMistakeIsRemoved() throws {
        let s = firstExercice("2024-01-01")
        #expect(s.run("exercices", "ajouter", "--debut", "2026-01-01").code == 0)
        let r = s.run("exercices", "supprimer", "2026")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Exercice 2026 supprimé (il allait du 01/01/2026 au 31/12/2026)."))
        #expect(exercices(s).map { $0[0] } == ["2024"])
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0, "the right one opens in its place")

        try s.refuses(["exercices", "supprimer", "2024"], says: ["l'exercice 2024 contient 1 écriture : seul un exercice vide se supprime"])
        #expect(s.run("saisir", "2025-02-01", "Location", "6132=50", "512").code == 0)
        #expect(s.run("budget", "importer", s.write("b.csv", "poste;sens;montant;comptes\nLocation;dépense;600;6132\n"), "--exercice", "2025").code == 0)
        #expect(s.run("importer", s.write("r.csv", "Date;Libellé;Montant\n03/02/2025;Cotisation;20,00\n")).code == 0)
        try s.refuses(["exercices", "supprimer", "2025"], says: [
            "l'exercice 2025 contient 2 écritures, le budget « initial », 1 relevé importé sur ses dates",
            "compta supprimer NUMERO --exercice 2025", "compta releves annuler NUMERO"])
        #expect(s.run("cloturer", "--exercice", "2024").code == 0)
        try s.refuses(["exercices", "supprimer", "2024"], says: ["l'exercice 2024 est clôturé : ses comptes sont arrêtés, il ne se supprime pas."])
        try s.refuses(["exercices", "supprimer", "2027"], says: ["aucun exercice « 2027 »"])
    }
}
