import Foundation
import Testing
@testable import compta
import Ledger
import LedgerStore

@Suite struct TiersCommands {
    /// A 2024 ledger with Léa Martin (T0001, alias « MARTIN LEA ») and OVH SAS (T0002).
    func club() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin", "--email", "lea@exemple.fr", "--alias", "MARTIN LEA").out
            == "Tiers T0001 « Léa Martin » ajouté.\n")
        #expect(s.run("tiers", "ajouter", "--organisation", "OVH SAS", "--siren", "424 761 419").out == "Tiers T0002 « OVH SAS » ajouté.\n")
        return s
    }

    @Test func tiersAreListedAndFoundWhateverTheAccentsAndCapitals() {
        let s = club()
        #expect(s.run("tiers", "--format", "csv").out == "\u{FEFF}Code;Nom;Type;Courriel;Autres noms\r\n"
            + "T0001;Léa Martin;personne;lea@exemple.fr;MARTIN LEA\r\nT0002;OVH SAS;organisation;;\r\n")
        for search in ["LÉA", "martin lea", "Martin"] {
            #expect(s.run("tiers", search, "--format", "csv").out.components(separatedBy: "\r\n").dropFirst().first?.hasPrefix("T0001;") == true, "\(search)")
        }
        #expect(s.run("tiers", "ovh", "--format", "json").out.contains(#""code": "T0002""#))
        #expect(s.run("tiers", "durand").out.contains("Aucun tiers de ce nom"))
        let changed = s.run("tiers", "modifier", "T0001", "--email", "", "--adresse", "3 rue des Lilas", "--alias", "L MARTIN", "--sans-alias", "martin léa")
        #expect(changed.code == 0 && changed.out == "Tiers T0001 « Léa Martin » modifié.\n")
        #expect(s.run("tiers", "--format", "csv").out.contains("T0001;Léa Martin;personne;;L MARTIN\r\n"))
    }

    /// `#TIERS` on a line, `--tiers` for the lines outside the bank, a `tiers` column: each
    /// resolves a code, a name or an alias, and a new name makes a tiers the command announces.
    @Test func linesCarryTheirTiers() throws {
        let s = club()
        #expect(s.run("saisir", "2024-02-01", "Cotisation", "512=30", "7561#martin lea").out.hasPrefix("Écriture n° 1"))
        let gift = s.run("saisir", "2024-02-02", "Don", "512=50", "754", "--tiers", "Paul Durand")
        #expect(gift.out.hasPrefix("Tiers créé : T0003 « Paul Durand »."), "\(gift.out)")
        #expect(s.run("saisir", "2024-02-03", "Facture OVH", "6132=12", "401#T0002").code == 0)
        let file = s.write("e.csv", "date;libelle;compte;debit;credit;tiers\n2024-03-01;Cotisation;512;20;;\n2024-03-01;Cotisation;7561;;20;Léa Martin\n")
        #expect(s.run("saisir", "--fichier", file).out == "1 écriture enregistrée (2 lignes), en brouillard.\n")
        let store = try Store.open(path: s.ledger, now: .machine)
        let tiers = try store.entries(EntryQuery()).map { $0.lines.map { $0.tiers?.code ?? "-" } }
        #expect(tiers == [["-", "T0001"], ["-", "T0003"], ["-", "T0002"], ["-", "T0001"]])
        let lea = s.run("tiers", "voir", "Léa Martin", "--format", "csv").out
        #expect(lea.contains("Cotisations;756;50,00"), "\(lea)")
        #expect(s.run("tiers", "voir", "T0002", "--format", "csv").out.contains("Dû par l'association;401;12,00"))
        // `@` stays the project's mark: a project code of a tiers' shape is a project.
        try s.refuses(["saisir", "2024-02-04", "Cotisation", "512=30", "7561=-30@T0001"], says: ["projet", "T0001"])
    }

    /// A file that brings a whole register is announced in one line, not one per tiers with its
    /// close names (each sought by reading every name: 20 000 members took minutes).
    @Test func aFileOfManyNewTiersIsAnnouncedInOneLine() throws {
        let s = club()
        let rows = (1...25).map { "2024-03-01;Cotisation;512;10;;;\($0)\n2024-03-01;Cotisation;7561;;10;Membre \($0);\($0)\n" }
        let file = s.write("e.csv", "date;libelle;compte;debit;credit;tiers;ecriture\n" + rows.joined())
        let r = s.run("saisir", "--fichier", file)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("25 tiers créés, de T0003 à T0027 : « Membre 1 », « Membre 2 », « Membre 3 », « Membre 4 », « Membre 5 »… La liste : compta tiers"), "\(r.out)")
        #expect(!r.out.contains("Tiers créé :"))
    }

    @Test func affecterGivesTheTiersToTheParts() throws {
        let s = club()
        #expect(s.run("saisir", "2024-02-01", "VIR MARTIN", "512=80", "471").code == 0)
        let r = s.run("affecter", "1", "7561=30", "754#Zoé Blanc", "--tiers", "T0001")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Tiers créé : T0003 « Zoé Blanc »."))
        let lines = try Store.open(path: s.ledger, now: .machine).entries(EntryQuery())[0].lines
        #expect(lines.map { "\($0.account.text) \($0.tiers?.code ?? "-")" } == ["512 -", "7561 T0001", "754 T0003"])
    }

    @Test func mergingMakesTwoRecordsOne() throws {
        let s = club()
        #expect(s.run("saisir", "2024-02-01", "Cotisation", "512=30", "7561#L. Martin").code == 0)
        #expect(s.run("valider", "--jusqu-au", "2024-12-31").code == 0)
        let merged = s.run("tiers", "fusionner", "T0001", "L. Martin")
        #expect(merged.out == "Tiers T0003 (L. Martin) fusionné dans T0001 (Léa Martin) : ses lignes comptent désormais pour T0001. "
            + "Une fusion ne se défait pas.\n", "\(merged.err)")
        #expect(s.run("tiers", "voir", "T0001", "--format", "csv").out.contains("Cotisations;756;30,00"))
        #expect(s.run("verifier").code == 0)
    }

    @Test func badInputsAreRefusedAndChangeNothing() throws {
        let s = club()
        #expect(s.run("tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin").code == 0)
        #expect(s.run("tiers", "ajouter", "--nom", "Bernard").code == 0)
        #expect(s.run("tiers", "fusionner", "T0001", "T0004").code == 0)
        try s.refuses(["saisir", "2024-02-01", "Cotisation", "512=30", "7561", "--tiers", "T0099"], says: ["aucun tiers T0099", "compta tiers"])
        try s.refuses(["tiers", "voir", "T0099"], says: ["aucun tiers T0099"])
        try s.refuses(["tiers", "modifier", "T0099", "--email", "a@b.fr"], says: ["aucun tiers T0099"])
        try s.refuses(["tiers", "voir", "Personne"], says: ["aucun tiers ne s'appelle « Personne »", "compta tiers ajouter"])
        try s.refuses(["tiers", "exporter", "OVH SASS"], says: ["aucun tiers ne s'appelle « OVH SASS ». Nom proche : T0002 (OVH SAS) ; désignez-le par son code (T0002)"])
        try s.refuses(["saisir", "2024-02-01", "Cotisation", "512=30", "7561=-30#T0001@FETE"],
                      says: ["« 7561=-30#T0001@FETE » : l'ordre est COMPTE=MONTANT@PROJET#TIERS (le tiers en dernier) : écrivez 7561=-30@FETE#T0001."])
        try s.refuses(["saisir", "2024-02-01", "Cotisation", "512=30", "7561#Léa Martin"],
                      says: ["« Léa Martin » est le nom de plusieurs tiers", "T0001 (Léa Martin)", "T0003 (Léa Martin)", "Donnez le code"])
        let file = s.write("e.csv", "date;libelle;compte;debit;credit;tiers\n2024-03-01;Cotisation;512;20;;\n2024-03-01;Cotisation;7561;;20;T0042\n")
        try s.refuses(["saisir", "--fichier", file], says: ["e.csv, ligne 3", "aucun tiers T0042"])
        try s.refuses(["tiers", "fusionner", "T0001", "léa martin"], says: ["plusieurs tiers"])
        try s.refuses(["tiers", "fusionner", "T0002", "T0002"], says: ["T0002 (OVH SAS) ne se fusionne pas avec lui-même"])
        try s.refuses(["tiers", "fusionner", "T0004", "T0002"], says: ["T0004 (Bernard) est déjà fusionné dans T0001", "compta tiers fusionner T0001 T0002"])
        try s.refuses(["tiers", "fusionner", "T0002", "T0004"], says: ["déjà fusionné dans T0001"])
        try s.refuses(["tiers", "ajouter", "--nom", "Petit", "--email", "eloise@exemple"], says: ["adresse électronique « eloise@exemple » : une adresse électronique s'écrit nom@domaine.fr"])
        try s.refuses(["tiers", "ajouter", "--organisation", "Le Local", "--siren", "424761418"], says: ["SIREN « 424761418 »", "clé"])
        try s.refuses(["tiers", "ajouter", "--organisation", "Le Local", "--siren", "4247614"], says: ["SIREN « 4247614 »", "9 chiffres"])
        try s.refuses(["tiers", "ajouter", "--email", "a@b.fr"], says: ["une personne a un nom", "--nom"])
        try s.refuses(["tiers", "ajouter", "--prenom", " "], says: ["une personne a un nom"])
        try s.refuses(["tiers", "ajouter", "--nom", "Petit", "--siren", "424761419"], says: ["seule une organisation a un SIREN"])
        try s.refuses(["tiers", "modifier", "T0002", "--prenom", "Octave", "--siren", "424761419"], says: ["une personne (--prenom, --nom) ou une organisation"])
        try s.refuses(["tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin", "--organisation", "Le Club"],
                      says: ["un tiers est une personne (--prenom, --nom) ou une organisation (--organisation, --siren), pas les deux."])
        try s.refuses(["tiers", "modifier", "T0001", "--sans-alias", "LEA M"], says: ["n'a pas l'autre nom « LEA M »"])
        try s.refuses(["saisir", "2024-02-01", "Cotisation", "512=30", "7561#"], says: ["ligne d'écriture illisible", "#TIERS"])
        // A tiers the command would create goes with the entry it refuses.
        try s.refuses(["saisir", "2024-02-01", "Cotisation", "512=30", "7561=-20#Nouveau Nom"], says: ["débit", "crédit"])
    }
}
