import Foundation
import Testing
@testable import compta

/// `compta adherents` on a ledger of two exercices: Léa renews, Paul does not, Zoé is new.
@Suite struct MembersCommand {
    func club() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        for (day, who, amount) in [("2024-02-01", "Léa Martin", "30"), ("2024-03-01", "Paul Durand", "20"),
                                   ("2025-02-01", "Léa Martin", "40"), ("2025-03-01", "Zoé Petit", "25")] {
            #expect(s.run("saisir", day, "Cotisation", "512=\(amount)", "7561", "--tiers", who).code == 0)
        }
        return s
    }

    @Test func listsTheMembersOfAnExerciceInEveryFormat() throws {
        let s = club()
        let now = ["COMPTA_MAINTENANT": "2025-06-15T10:00:00+02:00"]
        let csv = s.run(["adherents", "--exercice", "2025", "--format", "csv"], environment: now)
        #expect(csv.code == 0, "\(csv.err)")
        #expect(csv.out == "\u{FEFF}Code;Nom;Dernière cotisation;Montant;Total période;À jour au 15/06/2025\r\n"
            + "T0001;Léa Martin;01/02/2025;40,00;40,00;oui\r\nT0003;Zoé Petit;01/03/2025;25,00;25,00;oui\r\n")
        let text = s.run(["adherents", "--exercice", "2025"], environment: now).out
        #expect(text.contains("Nouveaux (aucune cotisation avant le 01/01/2025) : 1 (2024 : 2)."), "\(text)")
        #expect(text.contains("Non renouvelés (une cotisation pendant l'exercice précédent, aucune dans la période) : 1 (2024 : 0)."), "\(text)")
        #expect(s.run(["adherents", "--exercice", "2025", "--format", "md"], environment: now).out.contains("| T0003 | Zoé Petit | 01/03/2025 | 25,00 | 25,00 | oui |"))
        let json = s.run(["adherents", "--exercice", "2024", "--format", "json"], environment: now).out
        #expect(json.contains(#""code": "T0002", "nom": "Paul Durand", "derniere_cotisation": "2024-03-01", "montant": 2000, "total_periode": 2000, "a_jour": true"#), "\(json)")
        // An exercice past is judged on its last day, not today: in 2026, « à jour au 31/12/2025 »
        // (judged today, nobody was à jour of an exercice ended, and the column said so for every year past).
        let later = s.run(["adherents", "--exercice", "2025", "--format", "csv"], environment: ["COMPTA_MAINTENANT": "2026-12-05T10:00:00+01:00"])
        #expect(later.out.hasPrefix("\u{FEFF}Code;Nom;Dernière cotisation;Montant;Total période;À jour au 31/12/2025\r\n"
            + "T0001;Léa Martin;01/02/2025;40,00;40,00;oui\r\n"), "\(later.out)")
    }

    @Test func anciensAreThoseWhoPaidBeforeAndNotInThePeriod() throws {
        let s = club()
        let r = s.run("adherents", "--au", "2025-02-15", "--anciens", "--format", "csv")
        #expect(r.out == "\u{FEFF}Code;Nom;Dernière cotisation;Montant;À jour au 15/02/2025\r\nT0002;Paul Durand;01/03/2024;20,00;non\r\n", "\(r.out)")
        #expect(s.run("association", "--adhesion", "12-mois").code == 0)
        #expect(s.run("adherents", "--au", "2025-02-15", "--anciens", "--format", "csv").out.hasSuffix("T0002;Paul Durand;01/03/2024;20,00;oui\r\n"))
    }

    @Test func aDateOutsideEveryExerciceOrAnUnknownExerciceIsRefused() throws {
        let s = club()
        try s.refuses(["adherents", "--au", "2027-01-01"], says: ["01/01/2027", "--au", "compta exercices"])
        try s.refuses(["adherents", "--exercice", "2030"], says: ["2030", "2024, 2025"])
    }
}
