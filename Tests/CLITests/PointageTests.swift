import Foundation
import Testing
@testable import compta
import LedgerStore
import Ledger

/// Issue 27, point 3: an operation typed before the bank showed it is found again on the
/// statement and pointed, never written twice; several candidates: held for `compta pointer`.
@Suite struct Pointing {
    /// A ledger whose treasurer typed a cheque deposit (45 €, 4 March) and two cheques of 30 €
    /// (6 and 7 March) before the statement came.
    static func typed() -> Sandbox {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-04", "Chèque Dupont", "512=45", "7562").code == 0)
        #expect(s.run("saisir", "2024-03-06", "Chèque Martin", "512=30", "7562").code == 0)
        #expect(s.run("saisir", "2024-03-07", "Chèque Durand", "512=30", "7562").code == 0)
        return s
    }

    static let statement = "Date;Libellé;Montant\n08/03/2024;REMISE CHEQUE 123;45,00\n09/03/2024;REMISE CHEQUE 124;30,00\n"
        + "15/03/2024;FRAIS TENUE COMPTE;-5,00\n"

    func entries(_ s: Sandbox) -> [String] {
        s.run("journal", "--format", "csv", "--sans-bom").out.split(separator: "\r\n").dropFirst()
            .filter { !$0.hasPrefix(";") && !$0.hasPrefix("Total") }.map(String.init)
    }

    @Test func aTypedEntryIsPointedNotWrittenTwice() throws {
        let s = Pointing.typed()
        let file = s.write("mars.csv", Pointing.statement)
        let trial = s.run("importer", file, "--essai", "--format", "json")
        #expect(trial.code == 0, "\(trial.err)")
        #expect(trial.out.contains("\"pointage\": \"pointée avec l'écriture 1\""), "\(trial.out)")
        #expect(trial.out.contains("\"pointage\": \"en suspens : n° 2 du 06/03/2024, n° 3 du 07/03/2024\""), "\(trial.out)")
        let imported = s.run("importer", file)
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.contains("Lignes lues : 3 · nouvelles : 1 · déjà importées : 0 · pointées avec une écriture saisie : 1 · en suspens : 1"),
                "\(imported.out)")
        #expect(imported.out.contains("pointée avec l'écriture 1"))
        // Three typed entries and the bank fee: the 45 € deposit is not there twice.
        #expect(entries(s).count == 4, "\(entries(s))")
        #expect(s.run("balance", "--format", "csv").out.contains("512;Banques;105,00;5,00;100,00;"), "45 + 30 + 30 - 5, nothing twice")
        // Imported again: every line is known, the held one too.
        let before = try s.dump()
        let again = s.run("importer", file)
        #expect(again.out.contains("Lignes lues : 3 · nouvelles : 0 · déjà importées : 3"), "\(again.out)")
        #expect(try s.dump() == before)
        // Cancelling the import keeps the typed entries: only their link goes.
        #expect(s.run("releves", "annuler", "1").code == 0)
        #expect(entries(s).count == 3)
        #expect(s.run("verifier").code == 0)
        let redo = s.run("importer", file)
        #expect(redo.out.contains("pointées avec une écriture saisie : 1 · en suspens : 1"), "\(redo.out)")
    }

    @Test func twoCandidatesHoldTheLineUntilPointer() throws {
        let s = Pointing.typed()
        #expect(s.run("importer", s.write("mars.csv", Pointing.statement)).code == 0)
        let list = s.run("pointage")
        #expect(list.code == 0)
        #expect(list.out.contains("N° à pointer  Date"), "\(list.out)")
        #expect(list.out.contains("1             09/03/2024    30,00  REMISE CHEQUE 124  n° 2 du 06/03/2024, n° 3 du 07/03/2024"), "\(list.out)")
        // Not seen by the bank: both 30 € cheques, one of which the held line is.
        #expect(list.out.contains("2024      2   06/03/2024    30,00  Chèque Martin"), "\(list.out)")
        let pointed = s.run("pointer", "1", "3")
        #expect(pointed.code == 0, "\(pointed.err)")
        #expect(pointed.out.contains("Opération en suspens n° 1 (09/03/2024, 30,00 €, « REMISE CHEQUE 124 ») pointée avec l'écriture n° 3 (« Chèque Durand »)."))
        let after = s.run("pointage", "--format", "csv", "--sans-bom").out
        #expect(after.contains("2024;2;06/03/2024;30,00;Chèque Martin"), "\(after)")
        #expect(!after.contains("REMISE CHEQUE 124"), "\(after)")
        #expect(!after.contains("Chèque Durand"), "\(after)")
        #expect(entries(s).count == 4)
        #expect(s.run("importer", s.path("mars.csv")).out.contains("nouvelles : 0 · déjà importées : 3"))
    }

    @Test func outsideTheWindowIsANewOperation() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-02-10", "Chèque Dupont", "512=45", "7562").code == 0)
        let file = s.write("mars.csv", "Date;Libellé;Montant\n08/03/2024;REMISE CHEQUE 123;45,00\n")
        let trial = s.run("importer", file, "--essai")
        #expect(trial.out.contains("nouvelles : 1 · déjà importées : 0\n"), "\(trial.out)")
        // Wider: 27 days apart, within 30.
        #expect(s.run("pointage", "fenetre").out.contains("Fenêtre de pointage : 10 jours."))
        #expect(s.run("pointage", "fenetre", "30").code == 0)
        #expect(s.run("pointage", "fenetre").out.contains("Fenêtre de pointage : 30 jours."))
        // 0 is allowed and says what it means; 1 is singular.
        #expect(s.run("pointage", "fenetre", "0").out
                == "Fenêtre de pointage : 0 jour (une écriture n'est pointée que de la même date). Elle vaut pour les prochains imports.\n")
        #expect(s.run("pointage", "fenetre", "1").out == "Fenêtre de pointage : 1 jour. Elle vaut pour les prochains imports.\n")
        #expect(s.run("importer", file, "--essai").out.contains("nouvelles : 1 · déjà importées : 0\n"))
        #expect(s.run("pointage", "fenetre", "30").code == 0)
        #expect(s.run("importer", file).out.contains("pointées avec une écriture saisie : 1"))
        #expect(entries(s).count == 1)
    }

    /// Pointing adds a bank line and changes nothing of the entry: a validated one stays as
    /// validated, and the chain verifies.
    @Test func aValidatedEntryIsPointedWithoutBreakingTheChain() throws {
        let s = Pointing.typed()
        #expect(s.run("valider").code == 0)
        let head = s.run("verifier").out
        #expect(s.run("importer", s.write("mars.csv", Pointing.statement)).code == 0)
        #expect(s.run("pointer", "1", "2").code == 0)
        let verified = s.run("verifier")
        #expect(verified.code == 0, "\(verified.err)")
        #expect(verified.out.split(separator: "\n").last == head.split(separator: "\n").last, "the head of the chain did not move")
        // Its statement no longer cancels: its lines are on validated entries.
        try s.refuses(["releves", "annuler", "1"], says: ["ne s'annule plus : 2 de ses 3 opérations sont sur des écritures validées"])
    }

    /// The état de rapprochement: entries not seen by the bank, lines held, and the statement's
    /// balance explained by the ledger's.
    @Test func pointageListsBothSidesAndExplainsTheBalance() throws {
        let s = Pointing.typed()
        #expect(s.run("saisir", "2024-03-20", "Chèque au fournisseur", "6063=80", "512").code == 0)
        #expect(s.run("importer", s.write("mars.csv", Pointing.statement), "--solde", "70,00", "--au", "2024-03-31").code == 0)
        let text = s.run("pointage", "--compte", "512").out
        #expect(text.contains("Écritures du livre que la banque n'a pas encore montrées (depuis le 27/02/2024 : premier relevé moins 10 jours)"),
                "\(text)")
        #expect(text.contains("Les écritures sont cherchées depuis le premier jour du premier relevé du compte, moins ces 10 jours"), "\(text)")
        #expect(text.contains("Chèque au fournisseur"), "\(text)")
        let csv = s.run("pointage", "--format", "csv", "--sans-bom").out
        // Ledger 45 + 30 + 30 - 5 - 80 = 20; the bank has not shown 30 + 30 - 80 = -20; the 30 held it has: 70, the statement's.
        #expect(csv.contains("Solde du compte 512 dans le livre;20,00\r\n"), "\(csv)")
        #expect(csv.contains("Moins : écritures pas encore passées en banque;20,00\r\n"), "\(csv)")
        #expect(csv.contains("Plus : opérations des relevés en suspens;30,00\r\n"), "\(csv)")
        #expect(csv.contains("Solde que le relevé devrait donner;70,00\r\nSolde du dernier relevé;70,00\r\nÉcart inexpliqué;0,00"), "\(csv)")
        let json = s.run("pointage", "--format", "json").out
        #expect(json.contains("\"ecritures\": \"n° 2 du 06/03/2024, n° 3 du 07/03/2024\""), "\(json)")
        #expect(s.run("pointage", "--format", "md").code == 0)
        // An account without statements has nothing to compare.
        #expect(s.run("pointage", "--compte", "530").out.contains("Aucun relevé importé dans le compte 530"))
    }

    @Test func pointerRefusesWhatIsNotTheSameOperation() throws {
        let s = Pointing.typed()
        #expect(s.run("saisir", "2024-03-08", "Retrait", "530=30", "512").code == 0)
        #expect(s.run("saisir", "2024-03-09", "Caisse", "530=30", "7562").code == 0)
        #expect(s.run("importer", s.write("mars.csv", Pointing.statement)).code == 0)
        try s.refuses(["pointer", "9", "2"], says: ["aucune opération de relevé en suspens n° 9", "« N° à pointer » de compta pointage",
                                                    "pas la ligne du fichier"])
        try s.refuses(["pointer", "1", "99"], says: ["aucune écriture n° 99 dans l'exercice 2024"])
        try s.refuses(["pointer", "1", "5"], says: ["l'écriture n° 5 n'a pas de ligne sur le compte 512", "compta pointage --compte 512"])
        // A draft is corrected in place, not by an extourne.
        let draft = try s.refuses(["pointer", "1", "4"], says: ["l'opération en suspens n° 1 est de 30,00 € et l'écriture n° 4 de -30,00 € sur le compte 512 :",
                                                                "compta supprimer 4"])
        #expect(!draft.contains("extourner"), "\(draft)")
        try s.refuses(["pointer", "1", "1"], says: ["l'écriture n° 1 est déjà couverte par une ligne de relevé"])
        #expect(s.run("pointer", "1", "2").code == 0)
        try s.refuses(["pointer", "1", "3"], says: ["l'opération en suspens n° 1 est déjà pointée avec l'écriture n° 2", "rien n'a changé",
                                                    "il se défait avec son relevé", "compta releves annuler 1"])
        try s.refuses(["pointage", "fenetre", "61"], says: ["fenêtre de pointage de 61 jours", "de 0 à 60"])
        let negative = try s.refuses(["pointage", "fenetre", "-1"], says: ["fenêtre de pointage négative (-1)", "avant ou après", "de 0 à 60"])
        #expect(!negative.contains("jours :"), "\(negative)")
        let misuse = s.run("pointer", "un", "2")
        #expect(misuse.code == 2 && misuse.err.contains("N est le « N° à pointer » d'une opération en suspens (voir compta pointage)"), "\(misuse.err)")
    }
}

/// Issue 27, point 4: rules after the fact.
@Suite struct RulesAfterTheFact {
    static let statement = "Date;Libellé;Montant\n05/03/2024;PRLV OVH SAS FACTURE 1;-10,00\n06/03/2024;VIR SEPA RECU /DE MARC LEFEBVRE /MOTIF COTISATION;45,00\n"
        + "07/03/2024;PRLV OVH SAS FACTURE 2;-12,00\n08/03/2024;FRAIS TENUE COMPTE;-5,00\n"

    @Test func aRuleAddedLaterFilesTheWaitingLines() throws {
        let s = Sandbox.tour()
        #expect(s.run("importer", s.write("mars.csv", RulesAfterTheFact.statement)).code == 0)
        #expect(s.run("attente").out.contains("4 opérations en attente"))
        let added = s.run("regles", "ajouter", "OVH", "604A", "--projet", "BL-EVOLUTION", "--sens", "depense")
        #expect(added.out.contains("2 opérations en attente sur 471 relèvent de cette règle : compta regles appliquer les classe"), "\(added.out)")
        #expect(added.err.isEmpty, "a rule with its direction is not flagged: \(added.err)")
        #expect(s.run("regles", "ajouter", "COTISATION", "7562", "--sens", "recette", "--libelle", "Cotisation").code == 0)
        let before = try s.dump()
        let trial = s.run("regles", "appliquer", "--essai")
        #expect(trial.code == 0, "\(trial.err)")
        #expect(trial.out.contains("Essai : rien n'a été écrit."))
        #expect(try s.dump() == before)
        let applied = s.run("regles", "appliquer", "--format", "csv", "--sans-bom")
        #expect(applied.code == 0, "\(applied.err)")
        #expect(applied.out.contains("1;OVH;604A;BL-EVOLUTION;2;-22,00\r\n2;COTISATION;7562;;1;45,00"), "\(applied.out)")
        let text = s.run("attente").out
        #expect(text.contains("1 opération en attente"), "\(text)")
        let journal = s.run("journal", "--format", "csv").out
        #expect(journal.contains(";;;;604A;T0001 OVH SAS;"), "the tiers read as the import reads it: \(journal)")
        #expect(journal.contains("Cotisation;"), "the rule's label: \(journal)")
        #expect(s.run("resultat", "--projet", "BL-EVOLUTION", "--format", "csv").out.contains("604A;"))
        #expect(s.run("regles", "appliquer").out.contains("Opérations en attente sur 471 : 1 · classées par une règle : 0 · encore en attente : 1"))
        #expect(s.run("verifier").code == 0)
    }

    /// A rule whose tiers is « aucun », applied later, files the operation without the tiers the
    /// import read from its label; a rule that finds no name keeps that tiers.
    @Test func aRuleOfNoTiersClearsTheOneTheImportRead() throws {
        let s = Sandbox.tour()
        #expect(s.run("importer", s.write("mars.csv", RulesAfterTheFact.statement)).code == 0)
        #expect(s.run("regles", "ajouter", "LEFEBVRE", "7562", "--sens", "recette", "--tiers", "aucun").code == 0)
        #expect(s.run("regles", "ajouter", "OVH SAS", "604A", "--sens", "depense").code == 0)
        #expect(s.run("regles", "appliquer").code == 0)
        let journal = s.run("journal", "--format", "csv").out
        let filed = journal.split(separator: "\r\n").filter { $0.contains(";7562;") || $0.contains(";604A;") }
        #expect(filed.count == 3, "\(journal)")
        func tiers(_ account: String) -> [String] { filed.filter { $0.contains(";\(account);") }.map { String($0.split(separator: ";", omittingEmptySubsequences: false)[5]) } }
        #expect(tiers("7562") == [""], "« aucun »: \(filed)")
        #expect(tiers("604A") == ["T0001 OVH SAS", "T0001 OVH SAS"], "the import's tiers kept: \(filed)")
    }

    /// Validated lines in 471 never change: listed, with the command that files them by an OD.
    @Test func validatedWaitingLinesAreLeftAndSaid() throws {
        let s = Sandbox.tour()
        #expect(s.run("importer", s.write("mars.csv", RulesAfterTheFact.statement)).code == 0)
        #expect(s.run("valider").code == 0)
        #expect(s.run("regles", "ajouter", "FRAIS", "627", "--sens", "depense").code == 0)
        let before = try s.dump()
        let r = s.run("regles", "appliquer")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("1 opération validée qu'une règle classerait ne change pas"), "\(r.out)")
        #expect(r.out.contains("FRAIS TENUE COMPTE"), "\(r.out)")
        #expect(try s.dump() == before)
    }

    /// All or nothing: one line that cannot be filed (the rule's account is one the 2025 chart
    /// replaced) and none is.
    @Test func applyingIsAtomic() throws {
        let s = Sandbox.tour()
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        let file = s.write("soutien.csv", "Date;Libellé;Montant\n20/12/2024;SOUTIEN ASSO AMIE;-50,00\n10/01/2025;SOUTIEN ASSO AMIE;-50,00\n")
        #expect(s.run("importer", file).code == 0)
        #expect(s.run("regles", "ajouter", "SOUTIEN", "6586", "--sens", "depense").code == 0)
        let message = try s.refuses(["regles", "appliquer"], says: ["le compte 6586 (Cotisations (vie statutaire)) n'existe plus dans le plan comptable de l'exercice 2025",
                                                                 "utilisez 658"])
        #expect(!message.isEmpty)
        #expect(s.run("attente").out.contains("2 opérations en attente"))
    }

    @Test func aRuleOfNoDirectionUnderAResultAccountIsFlagged() throws {
        let s = Sandbox.tour()
        let added = s.run("regles", "ajouter", "COTISATION", "7562")
        #expect(added.code == 0, "a warning, not a refusal")
        #expect(added.err.contains("Attention : la règle n° 1 « COTISATION » → 7562 classe les entrées comme les sorties d'argent sous un produit"),
                "\(added.err)")
        #expect(added.err.contains("compta regles supprimer 1 puis compta regles ajouter COTISATION 7562 --sens recette --position 1"), "\(added.err)")
        #expect(s.run("regles", "ajouter", "VIREMENT INTERNE", "580").err.isEmpty, "not a charge nor a produit")
        let file = s.write("regles.csv", "position;motif;regex;sens;min;max;compte;projet;libelle;tiers\n10;FRAIS;;;;;627;;;\n20;DON;;recette;;;754;;;\n")
        let loaded = s.run("regles", "importer", file)
        #expect(loaded.code == 0)
        #expect(loaded.err.contains("la règle n° 1 « FRAIS » → 627 (\(file)) classe les entrées comme les sorties d'argent sous une charge"), "\(loaded.err)")
        #expect(loaded.err.contains("--sens depense"), "\(loaded.err)")
        #expect(!loaded.err.contains("DON"), "\(loaded.err)")
    }
}
