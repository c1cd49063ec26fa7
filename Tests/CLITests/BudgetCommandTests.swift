import Foundation
import Testing
@testable import compta
import Ledger

@Suite struct BudgetCommands {
    @Test func cloudGirofleBudgetAgainstItsAccounts() throws {
        let s = Sandbox()
        #expect(s.run("demo").code == 0)
        let csv = s.run("budget", "--exercice", "2024", "--format", "csv").out
        #expect(csv.contains("Total des dépenses;16900,00;25801,25;8901,25;152,7"))
        #expect(csv.contains("Total des recettes;16900,00;32512,31;15612,31;192,4"))
        #expect(csv.contains("Hors budget;;3686,00;;;comptes qu'aucun poste ne couvre"))
        #expect(csv.contains("Location de serveurs, etc;2500,00;6910,63;4410,63;276,4;Ajout de mutu3"))
        #expect(csv.contains("(trésorerie) (sans compte : prévu seulement);2000,00;;;;utilisation des réserves"))
        let text = s.run("budget", "--exercice", "2024").out
        #expect(text.contains("Solde prévu : 0,00 € ; solde réalisé : 6\u{202F}711,06 €."))
        let june = s.run("budget", "--exercice", "2024", "--au", "2024-06-30").out
        #expect(june.contains("dépassement"))
        #expect(june.contains("Au 30/06/2024, 182 jours sur 366"))
        #expect(s.run("budget", "--exercice", "2024", "--au", "2024-06-30", "--saisonnalite", "n-1").code == 0)
        #expect(s.run("budget", "--exercice", "2024", "--par-projet").out.contains("BL-Évolution"))
        let exported = s.run("budget", "exporter", "--exercice", "2024").out
        #expect(exported.hasPrefix("\u{FEFF}poste;sens;montant;comptes;projet;remarque\r\nLocation de serveurs, etc;dépense;2500,00;604A 604B 604C 604E 604F 6065;;Ajout de mutu3"))
        let starter = s.run("budget", "modele", "--exercice", "2025").out
        #expect(starter.contains("Location de serveurs, etc;dépense;6911,00;604A 604B 604C 604E 604F 6065;;prévu 2024 : 2\u{202F}500 €, réalisé 2024 : 6\u{202F}911 €"))
        #expect(starter.contains("Locations immobilières;dépense;3598,00;6132;;hors budget 2024"))
        // The starter loads back as the next budget once the exercice exists.
        let file = s.write("budget-2025.csv", starter)
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        let loaded = s.run("budget", "importer", file, "--exercice", "2025")
        #expect(loaded.code == 0, "\(loaded.err)")
    }

    /// During the exercice, the budget is at today's date: planned up to now, projection, alerts.
    @Test func theBudgetOfTheExerciceInProgressIsAtToday() throws {
        let (s, start) = Sandbox.inProgress()
        let now = today()
        let file = s.write("budget.csv", "poste;sens;montant;comptes\nLocation;dépense;1200;6132\nCotisations;recette;1200;756\n")
        #expect(s.run("budget", "importer", file).code == 0)
        let inProgress = s.run("budget")
        #expect(inProgress.code == 0, "\(inProgress.err)")
        #expect(inProgress.out.contains("Au \(now.french)\n") && inProgress.out.contains("Prévu à date") && inProgress.out.contains("Projection"))
        #expect(inProgress.out.contains("Au \(now.french), \(start.daysThrough(now)) jours sur "))
        // At the exercice's last day: the whole year, without a projection.
        let end = start.adding(months: 12).adding(days: -1)
        let whole = s.run("budget", "--au", end.iso).out
        #expect(!whole.contains("Prévu à date") && whole.contains("Location"))
    }

    @Test func badBudgetFilesSayWhereAndChangeNothing() throws {
        let s = Sandbox.tour()
        let cases: [(String, String)] = [
            ("poste;sens;montant;comptes\nServeurs;dépense;100;604Z\n", "budget.csv, ligne 2 : poste « Serveurs » : aucun compte du livre ne commence par 604Z"),
            ("poste;sens;montant;comptes\nServeurs;dépense;-100;604\n", "budget.csv, ligne 2 : montant négatif « -100 »"),
            ("poste;sens;montant;comptes\nServeurs;achat;100;604\n", "budget.csv, ligne 2 : sens « achat » inconnu"),
            ("poste;sens;montant;comptes\nServeurs;dépense;100;604\nServeurs;dépense;50;627\n", "budget.csv, ligne 3 : le poste « Serveurs » figure deux fois (déjà ligne 2)"),
            ("poste;sens;montant;comptes\nServeurs;dépense;100;604\nAutres;dépense;50;604\n", "le compte 604 est dans deux postes, « Serveurs » et « Autres »"),
            ("poste;sens;montant;comptes\nDons;dépense;100;754\n", "le compte 754 n'est pas un compte de charges (classe 6)"),
            ("poste;montant\nServeurs;100\n", "colonnes manquantes : sens"),
        ]
        for (text, message) in cases {
            let before = try s.dump()
            let r = s.run("budget", "importer", s.write("budget.csv", text))
            #expect(r.code == 1, "\(text)")
            #expect(r.err.contains(message), "\(r.err)")
            #expect(try s.dump() == before)
        }
        let good = s.write("ok.csv", "poste;sens;montant;comptes\nServeurs;dépense;100;604\n")
        let unknown = s.run("budget", "importer", good, "--exercice", "2030")
        #expect(unknown.code == 1 && unknown.err.contains("aucun exercice « 2030 »"))
        #expect(s.run("budget").err.contains("aucun budget pour l'exercice 2024"))
        #expect(s.run("budget", "importer", good).code == 0)
        #expect(s.run("budget", "--version", "rectificatif").err.contains("pas de version « rectificatif » du budget 2024 (versions : initial)"))
        #expect(s.run("budget", "--au", "2025-01-01").err.contains("n'est pas dans l'exercice 2024"))
        #expect(s.run("budget", "--projet", "NOPE").err.contains("projet inconnu : NOPE"))
    }

    /// The budget the board voted is never replaced by accident: a second load of the same
    /// version is refused with both budgets' totals, and --remplacer says what it replaced.
    @Test func aLoadedVersionIsReplacedOnlyWhenAsked() throws {
        let s = Sandbox.tour()
        let voted = s.write("vote.csv", "poste;sens;montant;comptes\nServeurs;dépense;1200;604\nCotisations;recette;1200;756\n")
        let loaded = s.run("budget", "importer", voted)
        #expect(loaded.out == "Budget « initial » de l'exercice 2024 chargé : 2 postes : 1\u{202F}200,00 € de dépenses, 1\u{202F}200,00 € de recettes.\n")
        let other = s.write("autre.csv", "poste;sens;montant;comptes\nServeurs;dépense;900;604\n")
        try s.refuses(["budget", "importer", other], says: [
            "l'exercice 2024 a déjà un budget « initial » (2 postes : 1\u{202F}200,00 € de dépenses, 1\u{202F}200,00 € de recettes)",
            "le fichier en donne un autre (1 poste : 900,00 € de dépenses, 0,00 € de recettes). Rien n'a été changé.",
            "relancez la commande avec --remplacer", "--version rectificatif"])
        #expect(s.run("budget", "importer", other, "--version", "rectificatif").code == 0)
        let replaced = s.run("budget", "importer", other, "--remplacer")
        #expect(replaced.out.contains("Budget « initial » de l'exercice 2024 remplacé : 1 poste : 900,00 € de dépenses, 0,00 € de recettes (avant : 2 postes : "))
        #expect(s.run("budget", "exporter", "--version", "initial").out.contains("Serveurs;dépense;900,00;604"))
    }

    /// A budget loaded into the wrong exercice is taken out again, and the exercice opened by
    /// mistake can then go.
    @Test func aBudgetLoadedByMistakeIsRemoved() throws {
        let s = Sandbox.tour()
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        let file = s.write("b.csv", "poste;sens;montant;comptes\nHébergement;dépense;100;604A\n")
        #expect(s.run("budget", "importer", file).out.contains("Budget « initial » de l'exercice 2025 chargé"))
        try s.refuses(["exercices", "supprimer", "2025"], says: ["le budget « initial »", "compta budget supprimer --exercice 2025 --version NOM"])
        try s.refuses(["budget", "supprimer", "--exercice", "2025", "--version", "voté"],
                      says: ["pas de version « voté » du budget 2025 (versions : initial)"])
        let missing = s.run("budget", "supprimer", "--exercice", "2025")
        #expect(missing.code == 2 && missing.err.contains("versions de l'exercice 2025 : initial"), "\(missing.err)")
        let removed = s.run("budget", "supprimer", "--exercice", "2025", "--version", "initial")
        #expect(removed.out == "Budget « initial » de l'exercice 2025 retiré (1 poste : 100,00 € de dépenses, 0,00 € de recettes).\n", "\(removed.err)")
        #expect(s.run("exercices", "supprimer", "2025").code == 0)
        #expect(s.run("budget", "importer", file, "--exercice", "2024").code == 0)
        #expect(s.run("cloturer", "--exercice", "2024").code == 0)
        try s.refuses(["budget", "supprimer", "--exercice", "2024", "--version", "initial"], says: ["l'exercice 2024 est clôturé"])
    }

    /// CSV is for spreadsheets: it begins with the byte-order mark (Excel reads « Dépenses »,
    /// not « DÃ©penses »), reads back as it was written, and --sans-bom leaves it out for tools.
    /// JSON gives percentages as numbers of percent.
    @Test func csvBeginsWithTheByteOrderMarkAndJSONPercentagesArePlain() throws {
        let s = Sandbox()
        #expect(s.run("demo").code == 0)
        let bom = "\u{FEFF}"
        #expect(s.run("balance", "--exercice", "2024", "--format", "csv").out.hasPrefix(bom + "Compte;"))
        #expect(s.run("balance", "--exercice", "2024", "--format", "csv", "--sans-bom").out.hasPrefix("Compte;"))
        #expect(!s.run("balance", "--exercice", "2024", "--format", "md").out.hasPrefix(bom))
        let file = s.path("budget.csv")
        #expect(s.run("budget", "exporter", "--exercice", "2024", "--sortie", file).out == "Budget : \(file) écrit.\n")
        // (Read as bytes: Foundation's UTF-8 decoding drops the mark.)
        let exported = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(exported.starts(with: Array((bom + "poste;sens;").utf8)))
        #expect(s.run("budget", "importer", file, "--exercice", "2024", "--version", "relu").code == 0)
        #expect(Array(s.run("budget", "exporter", "--exercice", "2024", "--version", "relu", "--sans-bom").out.utf8) == Array(exported.dropFirst(3)))
        let rules = s.path("regles.csv")
        #expect(s.run("regles", "exporter", "--sortie", rules).code == 0)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: rules))).starts(with: Array((bom + "position;motif;").utf8)))
        #expect(s.run("regles", "importer", rules).code == 0)
        let json = s.run("budget", "--exercice", "2024", "--format", "json").out
        #expect(json.contains("\"pourcentage\": 152.7"), "152,7 % réalisé: a number of percent")
    }
    /// On the exercice's first day, the note counts one day, not « 1 jours ».
    @Test func theFirstDayIsOneDay() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("budget", "importer", s.write("b.csv", "poste;sens;montant;comptes\nLocation;dépense;600;6132\n"), "--exercice", "2024").code == 0)
        let first = s.run("budget", "--au", "2024-01-01")
        #expect(first.code == 0, "\(first.err)")
        #expect(first.out.contains("Au 01/01/2024, 1 jour sur 366 :"), "\(first.out)")
        #expect(s.run("budget", "--au", "2024-01-02").out.contains("Au 02/01/2024, 2 jours sur 366 :"))
    }
}
