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
}
