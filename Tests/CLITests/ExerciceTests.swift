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

    /// A closing with no result (no charge, no produit) asks for no allocation: there is none to
    /// record, and affecter-resultat would refuse. One with a result still asks for it.
    @Test func aClosingWithoutResultAsksForNoAllocation() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("saisir", "2024-01-01", "Ouverture", "512=100", "1021", "--journal", "AN").code == 0)
        #expect(s.run("valider").code == 0)
        let r = s.run("cloturer", "--exercice", "2024")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Exercice 2024 clôturé : résultat nul (ni excédent ni déficit)."), "\(r.out)")
        #expect(!r.out.contains("affecter-resultat"), "\(r.out)")
        #expect(firstExercice("2024-01-01").run("cloturer", "--exercice", "2024").out
            .contains("Affectation du résultat, après l'assemblée générale : compta affecter-resultat --exercice 2024"))
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

    /// The treasurer began the ledger in 2024 with the opening balances, and finds a receipt of
    /// 2023. An exercice 2023 opened now could never be closed (its closing would write 2024's
    /// à-nouveaux again) and would hold up 2024's: refused, and the message gives the way that
    /// works, which closes.
    @Test func anOperationFromBeforeTheLedgerGoesIntoTheOpenExercice() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("saisir", "2024-01-01", "Soldes d'ouverture", "512=1000", "1021", "--journal", "AN").code == 0)
        try s.refuses(["saisir", "2023-11-15", "Facture de peinture", "6063=30", "512"], says: [
            "le 15/11/2023 est avant le premier exercice du livre (2024 : du 01/01/2024 au 31/12/2024)",
            "sur 672 (charges sur exercices antérieurs) ou 772 (produits sur exercices antérieurs)",
            "« compta exercices ajouter --debut 2023-01-01 --fin 2023-12-31 »"])
        try s.refuses(["exercices", "ajouter", "--debut", "2023-01-01", "--fin", "2023-12-31"], says: [
            "l'exercice du 01/01/2023 au 31/12/2023 ne peut pas s'ouvrir avant l'exercice 2024, qui reprend déjà en à-nouveaux",
            "compta saisir DATE \"Facture oubliée\" 672=MONTANT 512"])
        try s.refuses(["exercices", "ajouter", "--debut", "2022-01-01"], says: ["avant l'exercice 2024"])
        #expect(s.run("saisir", "2024-03-10", "Facture de peinture de 2023", "672=30", "512").code == 0)
        #expect(s.run("valider").code == 0)
        let r = s.run("cloturer", "--exercice", "2024")
        #expect(r.code == 0, "\(r.err)")
        // A closed exercice: nothing opens before it either.
        try s.refuses(["exercices", "ajouter", "--debut", "2023-01-01"], says: ["avant l'exercice 2024, qui est clôturé"])
    }

    /// Before the first exercice has its à-nouveaux, a whole earlier year can open: its closing
    /// writes them.
    @Test func anEarlierYearOpensBeforeTheOpeningBalances() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", "2023-01-01", "--fin", "2023-12-31").code == 0)
        #expect(s.run("saisir", "2023-11-15", "Cotisations", "512=300", "7562").code == 0)
        #expect(s.run("valider").code == 0)
        let r = s.run("cloturer", "--exercice", "2023")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("À-nouveaux écrits dans l'exercice 2024"))
    }

    /// A statement that begins before the ledger: the way is --du its first day.
    @Test func aStatementFromBeforeTheLedgerImportsFromItsFirstDay() throws {
        let s = Sandbox.tour()
        let statement = s.write("releve.csv", "Date;Libellé;Montant\n28/12/2023;Frais;-1,00\n02/01/2024;Cotisation;20,00\n")
        try s.refuses(["importer", statement], says: [
            "releve.csv, ligne 2 : le 28/12/2023 est avant le premier exercice du livre (2024, du 01/01/2024 au 31/12/2024)",
            "importez-le avec --du 2024-01-01"])
        let r = s.run("importer", statement, "--du", "2024-01-01")
        #expect(r.code == 0, "\(r.err)")
    }

    /// Without --exercice, `fec` writes the exercice ended, not the one just begun, and every
    /// refusal names the exercice it is about.
    @Test func theFECIsOfTheExerciceEnded() throws {
        let s = Sandbox()
        let start = today().firstOfMonth.adding(months: -14)
        let ended = Exercice.defaultLabel(start: start, end: Exercice.defaultEnd(start: start))
        #expect(s.run("init", "--nom", "Club", "--debut", start.iso, "--siren", "123456782").code == 0)
        #expect(s.run("saisir", start.iso, "Cotisation", "512=20", "7562").code == 0)
        try s.refuses(["fec", "--sortie", s.folder.path], says: [
            "1 brouillard dans l'exercice \(ended). Validez-les (compta valider --exercice \(ended))"])
        #expect(s.run("valider").code == 0)
        let next = Exercice.defaultEnd(start: start).adding(days: 1)
        #expect(s.run("exercices", "ajouter", "--debut", next.iso).code == 0)
        #expect(s.run("saisir", next.iso, "Location", "6132=50", "512").code == 0)
        let r = s.run("fec", "--sortie", s.folder.path)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("FEC de l'exercice \(ended) écrit"), "\(r.out)")
    }
}
