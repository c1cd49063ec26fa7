import Foundation
import Testing
@testable import compta
import LedgerStore
import Ledger

func fixturePath(_ p: String) -> String { packageURL("Fixtures/" + p).path }

@Suite struct MonthlyRoutine {
    /// The treasurer's routine as the README shows it: import, see what waits, file it.
    @Test func importWaitAssign() throws {
        let s = Sandbox.tour()
        #expect(s.run("regles", "ajouter", "OVH", "604A", "--projet", "BL-EVOLUTION").code == 0)
        #expect(s.run("regles", "ajouter", "FRAIS", "627", "--sens", "depense").code == 0)
        let imported = s.run("importer", fixturePath("banques/credit-agricole.csv"))
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.contains("Lignes lues : 5 · nouvelles : 5 · déjà importées : 0"))
        #expect(imported.out.contains("Classées par une règle : 2 · en attente sur 471 : 3"))
        #expect(imported.out.contains("solde du relevé au 31/03/2024 2\u{202F}399,25 €"))
        let again = s.run("importer", fixturePath("banques/credit-agricole.csv"))
        #expect(again.out.contains("nouvelles : 0 · déjà importées : 5"))

        let waiting = s.run("attente")
        #expect(waiting.code == 0)
        #expect(waiting.out.contains("3 opérations en attente"))
        let chorale = waiting.out.split(separator: "\n").first { $0.contains("CHORALE") }.map(String.init) ?? ""
        let number = chorale.split(separator: " ").dropFirst().first.map(String.init) ?? "?"
        let assigned = s.run("affecter", number, "7562", "--regle", "CHORALE")
        #expect(assigned.code == 0, "\(assigned.err)")
        #expect(assigned.out.contains("Règle n° 3 créée : « CHORALE » → 7562"), "rules are numbered in the order they are tried")
        #expect(s.run("attente").out.contains("2 opérations en attente"))
        let rules = s.run("regles", "exporter")
        #expect(rules.out.contains("3;CHORALE;;;;;7562;;"))

        // The OVH rule filed n° 1 (5 March) under 604A, project BL-EVOLUTION: it was a hard disk.
        #expect(s.run("journal", "--format", "csv").out.contains("1;05/03/2024;BQ;;512;;PRELEVEMENT OVH SAS FACTURE FR2024031187;;120,00;;brouillard\r\n;;;;604A;T0001 OVH SAS;"))
        // Its rule goes before the OVH rule (n° 1), which would otherwise file the next invoice under 604A again.
        let refiled = s.run("affecter", "1", "6063", "--projet", "BL-EVOLUTION", "--regle", "FR2024031187")
        #expect(refiled.code == 0, "\(refiled.err)")
        #expect(refiled.out.contains("Écriture n° 1 classée en 6063, projet BL-EVOLUTION. Règle n° 1 créée : « FR2024031187 » → 6063, projet BL-EVOLUTION, "
                                     + "placée avant la règle « OVH » → 604A, qui classait cette opération."))
        #expect(s.run("regles", "exporter").out.contains("1;FR2024031187;;;;;6063;BL-EVOLUTION;;\r\n2;OVH;;;;;604A;BL-EVOLUTION;"))
        let balance = s.run("balance", "--format", "csv").out
        #expect(balance.contains("6063;") && !balance.contains("604A;"), "the line moved, and its total with it")
        // Refiled again without --projet: the line keeps its project.
        #expect(s.run("affecter", "1", "6064").out.contains("Écriture n° 1 classée en 6064, projet BL-EVOLUTION."), "the line kept its project")
        #expect(s.run("journal", "--format", "csv").out.contains(";;;;6064;T0001 OVH SAS;PRELEVEMENT OVH SAS FACTURE FR2024031187;120,00;;BL-EVOLUTION;"))
        #expect(s.run("resultat", "--projet", "BL-EVOLUTION", "--format", "csv").out.contains("6064;"), "its project's totals followed")
        #expect(s.run("verifier").code == 0)
        // Several lines to file: nothing tells which one; an extourne and a new entry do.
        #expect(s.run("saisir", "2024-03-20", "Salaire", "641=100", "645=20", "512").code == 0)
        try s.refuses(["affecter", "6", "6063"], says: ["l'écriture n° 6 a plusieurs lignes à classer (641, 645)", "compta supprimer 6"])
        // Cancelled by its extourne (n° 7): refiling it would leave the extourne on the old account.
        #expect(s.run("extourner", "4").code == 0)
        try s.refuses(["affecter", "4", "6063"], says: ["l'écriture n° 4 est corrigée par l'écriture n° 7", "compta supprimer 7"])
        try s.refuses(["affecter", "7", "6063"], says: ["l'écriture n° 7 corrige l'écriture n° 4 : elle ne se reclasse pas"])
        // A cash withdrawal: nothing but banque and caisse.
        #expect(s.run("saisir", "2024-03-21", "Retrait", "530=50", "512").code == 0)
        try s.refuses(["affecter", "8", "6063"], says: ["l'écriture n° 8 n'a que des lignes de comptes financiers (banque, caisse) : rien à classer"])
        // Validated: it never changes.
        #expect(s.run("valider").code == 0)
        try s.refuses(["affecter", "1", "604A"], says: ["l'écriture n° 1 est validée et n'attend pas sur le compte 471", "compta extourner"])
    }

    /// An import made by mistake is cancelled while its entries are drafts, and the file can come again.
    @Test func anImportIsCancelled() throws {
        let s = Sandbox.tour()
        let march = s.write("mars.csv", "Date;Libellé;Montant\n01/03/2024;OVH SAS;-10,00\n15/03/2024;COTISATION;45,00\n"
                                        + "15/03/2024;COTISATION;45,00\n31/03/2024;FRAIS;-5,31\n")
        let spring = s.write("mars-avril.csv", "Date;Libellé;Montant\n31/03/2024;FRAIS;-5,31\n02/04/2024;OVH SAS;-10,00\n")
        #expect(s.run("importer", march).code == 0)
        #expect(s.run("importer", spring).code == 0)
        let list = s.run("releves", "--format", "csv").out
        #expect(list.contains("1;\(march);512;"), "\(list)")
        #expect(list.contains(";01/03/2024;31/03/2024;4;4;0;0;0;0\r\n2;\(spring);512;"), "\(list)")
        #expect(list.contains(";31/03/2024;02/04/2024;2;1;1;0;0;0"), "\(list)")

        let r = s.run("releves", "annuler", "1")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Import du relevé n° 1 annulé (\(march), compte 512) : 4 écritures supprimées."))
        #expect(r.out.contains("Le relevé n° 2 (\(spring)) couvre aussi ces jours"), "its 31 March line was this statement's")
        #expect(!s.run("releves").out.contains("mars.csv;"))
        #expect(s.run("balance", "--format", "csv").out.contains("512;Banques;;10,00;;10,00"), "April alone is left")
        #expect(s.run("verifier").code == 0, "totals are the sum of the lines left")
        // Imported again: what was cancelled comes back, nothing twice.
        let again = s.run("importer", march).out
        #expect(again.contains("nouvelles : 4 · déjà importées : 0"))
        #expect(again.contains("Relevé n° 3 : un import fait par erreur s'annule, tant que ses écritures sont en brouillard, avec compta releves annuler 3."))
        let may = s.run("importer", s.write("mai.csv", "Date;Libellé;Montant\n02/05/2024;OVH SAS;-10,00\n"), "--essai").out
        #expect(may.contains("nouvelles : 1") && !may.contains("Relevé n°"), "a dry run keeps no statement")
        let nothingNew = s.run("importer", spring).out
        #expect(nothingNew.contains("nouvelles : 0 · déjà importées : 2") && !nothingNew.contains("Relevé n°"))
        let statements = s.run("releves", "--format", "csv").out.split(separator: "\r\n").dropFirst().map { $0.prefix(2) }
        #expect(statements == ["2;", "3;"], "an import that added nothing leaves no statement to list or cancel")
        #expect(s.run("balance", "--format", "csv").out.contains("512;Banques;90,00;25,31;64,69;"))

        try s.refuses(["releves", "annuler", "1"], says: ["aucun relevé importé n° 1", "compta releves"])
        #expect(s.run("extourner", "8").code == 0)
        try s.refuses(["releves", "annuler", "3"], says: ["le relevé n° 3", "l'écriture n° 10 corrige une de ses opérations", "compta supprimer 10"])
        #expect(s.run("supprimer", "10").code == 0)
        #expect(s.run("valider").code == 0)
        try s.refuses(["releves", "annuler", "3"], says: ["ne s'annule plus : 4 de ses 4 écritures sont validées", "compta extourner"])
    }

    /// `releves` counts a statement's operations as its import did: read, new, already there,
    /// set aside (before --du, of no amount).
    @Test func statementsAreCountedAsTheImportSaid() throws {
        let s = Sandbox.tour()
        let first = s.write("r1.csv", "Date;Libellé;Montant\n01/03/2024;A;-1,00\n02/03/2024;B;0,00\n03/03/2024;C;-3,00\n05/03/2024;D;-4,00\n")
        let second = s.write("r2.csv", "Date;Libellé;Montant\n03/03/2024;C;-3,00\n05/03/2024;D;-4,00\n06/03/2024;E;-5,00\n")
        let imported = s.run("importer", first, "--du", "2024-03-02").out
        #expect(imported.contains("Lignes lues : 4 · nouvelles : 2 · déjà importées : 0 · laissées de côté (avant --du) : 1 · ignorées (montant nul) : 1"),
                "\(imported)")
        #expect(s.run("importer", second).out.contains("Lignes lues : 3 · nouvelles : 1 · déjà importées : 2"))
        let list = s.run("releves", "--format", "csv", "--sans-bom").out.split(separator: "\r\n").map { $0.split(separator: ";").suffix(6).joined(separator: ";") }
        #expect(list == ["Lues;Nouvelles;Déjà là;Écartées;Pointées;Validées", "4;2;0;2;0;0", "3;1;2;0;0;0"], "\(list)")
        let text = s.run("releves").out
        #expect(text.contains("écartées : avant --du, ou de montant nul"))
    }

    /// The import compares the statement's closing balance with the ledger's, and says where a
    /// difference lies: before the statement, or over its days.
    @Test func reconciliationSaysWhereToLook() throws {
        let s = Sandbox.tour()
        let imported = s.run("importer", fixturePath("banques/credit-agricole.csv"))
        #expect(imported.code == 0, "\(imported.err)")
        // No opening balance in the ledger: the difference lies before the statement.
        #expect(imported.out.contains("écart de 1\u{202F}200,00 €.\nÉcart avant le relevé : au 04/03/2024, veille de sa première opération, 1\u{202F}200,00 € à la banque, 0,00 € dans le livre."))
        #expect(!imported.out.contains("Écart pendant le relevé"))
        // The ledger begins with this exercice and has nothing on 512: the way to enter its opening balance.
        #expect(imported.out.contains("Si le livre commence avec cet exercice, saisissez le solde du compte à son ouverture : compta saisir 2024-01-01 \"Solde d'ouverture\" 512=1200,00 1021 --journal AN (1021 : première situation nette établie ; 1\u{202F}200,00 € est le solde de la banque au 04/03/2024 : celui du 01/01/2024 si le compte n'a pas bougé entre-temps ; sinon, importez d'abord les relevés de cette période, ou prenez le solde du 31/12/2023 sur le relevé précédent)."))
        try s.refuses(["saisir", "2024-03-04", "Solde d'ouverture", "512=1200", "1021", "--journal", "AN"],
                      says: ["datée du premier jour de l'exercice, le 01/01/2024 pour l'exercice 2024, pas du 04/03/2024"])
        try s.refuses(["saisir", "2024-01-01", "Solde d'ouverture", "512=1200", "7562", "--journal", "AN"],
                      says: ["le compte 7562 est un compte de charges, de produits ou de contributions", "classes 1 à 5"])
        #expect(s.run("saisir", "2024-01-01", "Solde d'ouverture", "512=1200", "1021", "--journal", "AN").code == 0)
        // A cheque typed by hand that the bank has not cashed: the difference lies in the statement's days.
        #expect(s.run("saisir", "2024-03-20", "Chèque Bricomarché", "6063=49,90", "512").code == 0)
        let again = s.run("importer", fixturePath("banques/credit-agricole.csv"))
        #expect(again.out.contains("écart de 49,90 €.\nÉcart pendant le relevé : du 05/03/2024 au 31/03/2024, les mouvements du relevé et ceux du compte 512 dans le livre diffèrent de 49,90 €."))
        #expect(again.out.contains("compta grand-livre 512 --du 2024-03-05 --au 2024-03-31"))
        #expect(!again.out.contains("Écart avant le relevé"))
    }

    /// A statement that opens the ledger's first exercice gives the account's opening balance:
    /// the command to enter it is given whole.
    @Test func theOpeningBalanceComesFromAStatementOfTheFirstDay() throws {
        let s = Sandbox.tour()
        let statement = s.write("janvier.csv", "Date;Libellé;Montant;Solde\n01/01/2024;FRAIS;-5,00;845,00\n15/01/2024;COTISATION;45,00;890,00\n")
        let imported = s.run("importer", statement)
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.contains("compta saisir 2024-01-01 \"Solde d'ouverture\" 512=850,00 1021 --journal AN (1021 : première situation nette établie)."))
        // Once entered, the statement and the ledger agree; and nothing is suggested for an account that has lines before.
        #expect(s.run("saisir", "2024-01-01", "Solde d'ouverture", "512=850,00", "1021", "--journal", "AN").code == 0)
        let again = s.run("importer", statement)
        #expect(again.out.contains("écart nul") && !again.out.contains("Solde d'ouverture"), "\(again.out)")
        let february = s.write("fevrier.csv", "Date;Libellé;Montant;Solde\n03/02/2024;FRAIS;-5,00;900,00\n")
        let later = s.run("importer", february)
        #expect(later.out.contains("Écart avant le relevé") && !later.out.contains("Si le livre commence"), "\(later.out)")
        // The next exercice's à-nouveaux are 2024's closing balances: never typed.
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        try s.refuses(["saisir", "2025-01-01", "Solde d'ouverture", "512=900", "1021", "--journal", "AN"],
                      says: ["les à-nouveaux de l'exercice 2025 sont les soldes de clôture de l'exercice 2024, qui est dans le livre : sa clôture les écrira (compta cloturer --exercice 2024)"])
    }

    /// Ventilation from the command line: each part with its amount and project, one takes the
    /// rest; parts that do not make the operation are refused, and change nothing.
    @Test func anOperationIsSplit() throws {
        let s = Sandbox.tour()
        let statement = s.write("payout.csv", "Date;Libellé;Montant\n05/03/2024;VIR HELLOASSO PAYOUT;245,00\n")
        #expect(s.run("importer", statement).code == 0)
        // Each refusal's example is the command typed, corrected where it can be.
        try s.refuses(["affecter", "1", "7562", "754"], says: ["plusieurs comptes sans montant (7562, 754) : un seul peut recevoir le reste. "
                                                               + "Par exemple : compta affecter 1 7562=MONTANT 754."])
        try s.refuses(["affecter", "1", "7562=100", "754=100@BL-EVOLUTION"], says: [
            "les parts font 200,00 € et l'opération 245,00 € : il manque 45,00 €. Par exemple : compta affecter 1 7562=100,00 754=145,00@BL-EVOLUTION, "
            + "ou, pour que le compte 754 reçoive le reste : compta affecter 1 7562=100,00 754@BL-EVOLUTION."])
        try s.refuses(["affecter", "1", "7562=200", "754=50", "627=-3"], says: ["les parts font 247,00 € et l'opération 245,00 € : elles la dépassent de 2,00 €. "
                                                                                 + "Par exemple : compta affecter 1 7562=200,00 754=50,00 627=-5,00. Chaque compte"])
        try s.refuses(["affecter", "1", "7562=300", "754"], says: ["il ne reste rien de l'opération (245,00 €) pour le compte 754"])
        try s.refuses(["affecter", "1", "7562=0", "754"], says: ["la part du compte 7562 est nulle : donnez-lui un montant, ou retirez-la. Par exemple : compta affecter 1 754."])
        try s.refuses(["affecter", "1", "754@BL-EVOLUTION=50", "7562"], says: ["« 754@BL-EVOLUTION=50 » : l'ordre est COMPTE=MONTANT@PROJET : écrivez 754=50@BL-EVOLUTION."])
        try s.refuses(["affecter", "1", "7562=200", "512"], says: ["l'opération est déjà sur le compte 512, celui de son relevé"])
        let before = try s.dump()
        let withRule = s.run("affecter", "1", "7562=200", "754", "--regle", "HELLOASSO")
        #expect(withRule.code == 2 && withRule.err.contains("--regle ne va pas avec une ventilation"), "a misuse of the command line")
        #expect(try s.dump() == before)
        try s.refuses(["affecter", "1", "7562=200", "754@INCONNU"], says: ["INCONNU"])
        let r = s.run("affecter", "1", "7562=200", "754@BL-EVOLUTION", "627=-5")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "Écriture n° 1 classée en 7562 200,00 €, 754 50,00 € (projet BL-EVOLUTION), 627 -5,00 €.\n")
        let journal = s.run("journal", "--format", "csv").out
        #expect(journal.contains(";;;;754;T0001 HELLOASSO PAYOUT;VIR HELLOASSO PAYOUT;;50,00;BL-EVOLUTION;"))
        #expect(journal.contains(";;;;627;T0001 HELLOASSO PAYOUT;VIR HELLOASSO PAYOUT;5,00;;;"))
        #expect(s.run("verifier").code == 0)
    }

    /// The same account exported in another format: the operations already brought by the
    /// first statement are pointed out, and --du leaves them out.
    @Test func anotherFormatOfTheSameAccount() throws {
        let s = Sandbox.tour()
        #expect(s.run("importer", fixturePath("banques/credit-agricole.csv")).code == 0)
        let export = s.write("export.csv", "Date;Libellé;Montant\n12/03/2024;FRAIS TENUE CPTE MARS;-5,31\n18/03/2024;VIR M LEFEBVRE DON;1234,56\n"
                              + "02/04/2024;PRLV OVH AVRIL;-120,00\n")
        let trial = s.run("importer", export, "--essai")
        #expect(trial.code == 0, "\(trial.err)")
        #expect(trial.out.contains("Attention : 2 opérations nouvelles ont le jour et le montant d'une opération qu'un autre relevé du compte a déjà apportée, sous un autre libellé."))
        #expect(trial.out.contains("importez le fichier avec --du DATE"))
        let table = s.run("importer", export, "--essai", "--format", "json").out
        #expect(table.contains(#""ligne": 2, "date": "2024-03-12", "montant": -531, "libelle": "FRAIS TENUE CPTE MARS", "deja": "FRAIS TENUE DE COMPTE 03/2024", "releve": 1"#))
        let imported = s.run("importer", export)
        #expect(imported.out.contains("annulez cet import (compta releves annuler 2) et réimportez le fichier avec --du DATE"))
        #expect(s.run("releves", "annuler", "2").code == 0)
        let again = s.run("importer", export, "--du", "2024-04-01")
        #expect(again.out.contains("Lignes lues : 3 · nouvelles : 1 · déjà importées : 0 · laissées de côté (avant --du) : 2"))
        #expect(!again.out.contains("Attention"))
        try s.refuses(["importer", export, "--du", "2024-05-01"],
                      says: ["relevé « \(export) »", "aucune opération du fichier n'est du 01/05/2024 ou après (la dernière est du 02/04/2024)"])
        try s.refuses(["importer", export, "--du", "2024-13-01"], says: ["2024-13-01"])
    }

    @Test func dryRunAndJSON() throws {
        let s = Sandbox.tour()
        let before = try s.dump()
        let r = s.run("importer", fixturePath("banques/releve.ofx"), "--essai", "--format", "json")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains(#""date": "2024-03-06", "montant": 4500, "libelle": "VIR SEPA RECU CHORALE COTISATION 2024", "compte": "471", "projet": "", "tiers": "CHORALE", "deja_importee": false, "pointage": "", "empreinte": ""#))
        #expect(try s.dump() == before)
    }

    /// What the terminal shows fits 100 columns: the list of banks keeps its aliases and
    /// formats for JSON; a shortened list says what it leaves out right after itself.
    @Test func whatIsReadFitsTheTerminal() throws {
        let s = Sandbox.tour()
        let banks = s.run("importer", "--banques")
        let table = banks.out.split(separator: "\n").filter { !$0.contains(" : ") }  // the notes are sentences
        #expect(table.count > 10 && table.allSatisfy { $0.count <= 100 }, "\(banks.out)")
        #expect(banks.out.contains("bpce                      Caisse d'Épargne"))
        #expect(!banks.out.contains("credit-cooperatif"), "aliases are for JSON")
        #expect(banks.out.contains("Shine : format CSV non établi"))
        #expect(s.run("importer", "--banques", "--format", "json").out.contains(#""alias": "caisse-epargne, caisse-d-epargne"#))

        // 53 operations no rule files: the list shows 50, and the next line says how many more.
        let rows = (1...53).map { String(format: "%02d/03/2024;DON %d;%d,00", $0 % 28 + 1, $0, $0) }
        let file = s.write("dons.csv", "Date;Libellé;Montant\n" + rows.joined(separator: "\n") + "\n")
        let json = s.run("importer", file, "--essai", "--format", "json").out
        #expect(json.contains("DON 53") && json.contains(#""note": null"#), "JSON lists every operation")
        let imported = s.run("importer", file)
        #expect(imported.code == 0, "\(imported.err)")
        let lines = imported.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let more = try #require(lines.firstIndex(of: "… et 3 autres opérations en attente : la liste complète avec compta attente."))
        #expect(lines[more - 1].contains("DON "), "right after the last row shown: \(lines[more - 1])")
        #expect(lines.firstIndex { $0.hasPrefix("Lignes lues") }! > more)
    }
}

@Suite struct BadStatementFiles {
    @Test func eachBadFileGetsItsMessage() throws {
        let s = Sandbox.tour()
        let png = s.write("photo.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        try s.refuses(["importer", png], says: ["fichier binaire"])
        try s.refuses(["importer", s.write("vide.csv", "")], says: ["le fichier est vide"])
        try s.refuses(["importer", s.write("releve.pdf", "%PDF-1.4\n...")], says: ["c'est un PDF"])
        try s.refuses(["importer", s.write("membres.csv", "Nom;Prénom;Cotisation\nDupont;Jean;20\n")],
                    says: ["format de relevé non reconnu", "Nom | Prénom | Cotisation", "--colonnes date=1,libelle=3,montant=4"])
        try s.refuses(["importer", s.write("faux.csv", "Date;Libellé;Montant\n05/03/2024;OVH;-120,00\n06/03/2024;Frais;-1,2,3\n")],
                    says: ["ligne 3 illisible : montant mal écrit « -1,2,3 »", "ligne lue : 06/03/2024 ; Frais ; -1,2,3"])
        try s.refuses(["importer", s.write("date.csv", "Date;Libellé;Montant\n31/02/2024;OVH;-120,00\n")],
                    says: ["ligne 2 illisible : la date « 31/02/2024 » n'existe pas"])
        try s.refuses(["importer", s.write("2025.csv", "Date;Libellé;Montant\n05/03/2024;OVH;-1,00\n05/03/2025;OVH;-1,00\n")],
                    says: ["2025.csv, ligne 3 : le 05/03/2025 n'est dans aucun exercice",
                           "ouvrez l'exercice suivant : « compta exercices ajouter --debut 2025-01-01 »"])
        // Beyond the next exercice, no date to give.
        try s.refuses(["importer", s.write("2026.csv", "Date;Libellé;Montant\n05/03/2026;OVH;-1,00\n")],
                    says: ["le 05/03/2026 n'est dans aucun exercice", "« compta exercices ajouter --debut AAAA-MM-JJ »"])
        let mixedPath = s.write("melange.csv", bytes: Array("Date;Libelle;Montant\n05/03/2024;Crédit;10,00\n06/03/2024;D".utf8) + [0xE9] + Array("bit;1\n".utf8))
        try s.refuses(["importer", mixedPath], says: ["encodages mélangés : la ligne 2 est en UTF-8 et la ligne 3"])
        try s.refuses(["importer", fixturePath("banques/qonto.csv"), "--banque", "shine"], says: ["banque inconnue : shine"])
        try s.refuses(["importer", fixturePath("banques/qonto.csv"), "--banque", "lcl"], says: ["ce fichier n'a pas la forme d'un export LCL"])
        try s.refuses(["importer", fixturePath("banques/bpce.csv"), "--compte", "604A"], says: ["n'est pas un compte de banque"])
        try s.refuses(["importer", fixturePath("banques/bpce.csv"), "--regles", s.write("r.csv", "motif;compte\nOVH;604Z\n")],
                    says: ["r.csv, ligne 2 : compte inconnu : 604Z"])
        try s.refuses(["regles", "importer", s.path("r.csv")], says: ["r.csv, ligne 2 : compte inconnu : 604Z"])
        // Two lines of one file that file alike (case, accents and label aside), as regles ajouter refuses.
        let twice = s.write("deux.csv", "motif;compte;projet;libelle\nOVH;604A;;\nDON;754;;\novh;604A;;Hébergement\n")
        try s.refuses(["regles", "importer", twice], says: ["deux.csv, ligne 4 : la même règle qu'à la ligne 2 (« OVH » → 604A)",
                                                            "Retirez l'une des deux lignes", "aucune règle n'a été chargée"])
        try s.refuses(["importer", fixturePath("banques/bpce.csv"), "--regles", twice], says: ["deux.csv, ligne 4 : la même règle qu'à la ligne 2"])
        let notTwice = s.write("pas-deux.csv", "motif;compte;sens\nOVH;604A;\nOVH;604A;recette\nOVH;6226;\n")
        #expect(s.run("regles", "importer", notTwice).out.hasPrefix("3 règles chargées"))
        try s.refuses(["regles", "ajouter", "OVH", "604Z"], says: ["compte inconnu : 604Z"])
        try s.refuses(["regles", "ajouter", "(ovh", "604A", "--regex"], says: ["expression régulière invalide"])
        try s.refuses(["affecter", "99", "7562"], says: ["aucune écriture n° 99"])
    }

    @Test func aStatementOfAnotherAccount() throws {
        let s = Sandbox.tour()
        #expect(s.run("comptes", "ajouter", "5122", "Livret A").code == 0)
        #expect(s.run("importer", fixturePath("banques/societe-generale.csv")).code == 0)
        try s.refuses(["importer", fixturePath("banques/societe-generale.csv"), "--compte", "5122"],
                    says: ["ce relevé est celui du compte bancaire 00012345678, déjà importé dans le compte 512", "ajoutez --forcer"])
    }

    /// Issue 27, point 2: a statement already imported into another bank account, by the same
    /// file or by its operations, is refused with the way out; --forcer for the rare real case.
    @Test func theWrongAccountIsRefused() throws {
        let s = Sandbox.tour()
        #expect(s.run("comptes", "ajouter", "5122", "Livret A").code == 0)
        #expect(s.run("importer", fixturePath("banques/bpce.csv")).code == 0)
        try s.refuses(["importer", fixturePath("banques/bpce.csv"), "--compte", "530"],
                    says: ["ce fichier a déjà été importé dans le compte 512 (relevé n° 1 de compta releves) ; vous demandez --compte 530",
                           "Relancez avec --compte 512", "compta releves annuler 1", "ajoutez --forcer"])
        // Another file (one more blank line) with the same operations: the operations tell.
        let copy = s.write("bpce-copie.csv", try String(contentsOfFile: fixturePath("banques/bpce.csv"), encoding: .utf8) + "\n")
        try s.refuses(["importer", copy, "--compte", "5122"],
                    says: ["5 des 5 opérations de ce relevé sont déjà dans le compte 512", "vous demandez --compte 5122", "ajoutez --forcer"])
        // Into the right account, nothing twice.
        #expect(s.run("importer", copy).out.contains("nouvelles : 0 · déjà importées : 5"))
        let forced = s.run("importer", copy, "--compte", "5122", "--forcer")
        #expect(forced.code == 0, "\(forced.err)")
        #expect(forced.out.contains("nouvelles : 5"))
        // A statement of the same account (CFONB) whose operations another format brought: not the wrong account.
        #expect(s.run("importer", fixturePath("banques/releve.cfonb"), "--compte", "5122").code == 0)
    }
}

@Suite(.serialized) struct WaitingInReports {
    /// While operations wait on 471, the compte de résultat and the budget say so, with the
    /// amount `compta attente` lists; once they are filed, nothing is said.
    @Test func reportsSayWhatWaitsOn471() throws {
        let s = Sandbox.tour()
        #expect(s.run("importer", fixturePath("banques/credit-agricole.csv")).code == 0)
        let rows = s.run("attente", "--format", "csv").out.split(separator: "\r\n").dropFirst().map { $0.split(separator: ";") }
        #expect(rows.count == 5)
        let waiting = Money.sum(try rows.map { try Money(parsing: String($0[3])) })
        let note = "Au 31/12/2024, le compte d'attente 471 a un solde créditeur de \(waiting) € : des encaissements attendent d'être classés"
        #expect(s.run("resultat").out.contains(note))
        let budget = s.write("b.csv", "poste;sens;montant;comptes\nCotisations;recette;500;7562\nHébergement;dépense;500;604A\n")
        #expect(s.run("budget", "importer", budget).code == 0)
        #expect(s.run("budget").out.contains(note))
        #expect(s.run("rapport-ag", "--sortie", s.path("ag.md")).code == 0)
        #expect(try String(contentsOfFile: s.path("ag.md"), encoding: .utf8).contains(note))
        #expect(!s.run("resultat", "--projet", "BL-EVOLUTION").out.contains("471"), "a project's accounts: 471 is no project's")
        for r in rows { #expect(s.run("affecter", String(r[1]), try Money(parsing: String(r[3])).isNegative ? "604A" : "7562").code == 0) }
        #expect(!s.run("resultat").out.contains("471"))
        #expect(!s.run("budget").out.contains("471"))
    }
}

@Suite struct StandardStatements {
    /// CFONB 120 and camt.053 import as the CSV exports do, state their balance for the
    /// rapprochement, and import again to nothing.
    @Test(arguments: ["releve.cfonb", "releve-camt053.xml"])
    func importsAndImportsAgainToNothing(name: String) throws {
        let s = Sandbox.tour()
        let first = s.run("importer", fixturePath("banques/" + name))
        #expect(first.code == 0, "\(first.err)")
        #expect(first.out.contains("Lignes lues : 5 · nouvelles : 5 · déjà importées : 0"), "\(first.out)")
        #expect(first.out.contains("solde du relevé au 18/03/2024 2\u{202F}399,25 €"), "\(first.out)")
        let again = s.run("importer", fixturePath("banques/" + name))
        #expect(again.out.contains("nouvelles : 0 · déjà importées : 5"), "\(again.out)")
    }

    @Test func badStandardFilesSayWhatAndWhere() throws {
        let s = Sandbox.tour()
        let records = String(data: try Data(contentsOf: URL(fileURLWithPath: fixturePath("banques/releve.cfonb"))), encoding: .isoLatin1)!
            .split(separator: "\r\n").map(String.init)
        var glued = records
        glued[2].removeLast()
        try s.refuses(["importer", s.write("sans-retours.txt", glued.joined())],
                    says: ["relevé CFONB 120, enregistrement n° 4 : la ligne a 2279 caractères", "120 caractères exactement"])
        var unknown = records
        unknown[5] = "08" + unknown[5].dropFirst(2)
        try s.refuses(["importer", s.write("code.txt", unknown.joined(separator: "\n"))],
                    says: ["enregistrement n° 6 (ligne 6) : code d'enregistrement « 08 » inconnu"])
        var amount = records
        amount[1] = String(amount[1].prefix(103)) + "X" + amount[1].dropFirst(104)
        try s.refuses(["importer", s.write("montant.txt", amount.joined(separator: "\n"))],
                    says: ["enregistrement n° 2 (ligne 2) : montant « 0000000001200X » illisible"])
        var dollars = records
        dollars[1] = String(dollars[1].prefix(16)) + "USD" + dollars[1].dropFirst(19)
        try s.refuses(["importer", s.write("dollars.txt", dollars.joined(separator: "\n"))],
                    says: ["enregistrement n° 2 (ligne 2) : le compte 00012345678 est tenu en USD",
                           "Compta tient les comptes de l'association en euros et ne convertit pas les devises",
                           "importez le relevé du compte en euros", "(compta saisir). Rien n'a été importé."])
        let two = records + records.prefix(2).map { $0.replacingOccurrences(of: "00012345678", with: "00098765432") }
        try s.refuses(["importer", s.write("deux.txt", two.joined(separator: "\n"))],
                    says: ["plusieurs comptes (00012345678, 00098765432)", "--numero 00012345678"])
        try s.refuses(["importer", s.path("deux.txt"), "--numero", "123"], says: ["ne contient pas le compte 123"])
        #expect(s.run("importer", s.path("deux.txt"), "--numero", "00098765432").code == 0)

        let camt = try String(contentsOfFile: fixturePath("banques/releve-camt053.xml"), encoding: .utf8)
        try s.refuses(["importer", s.write("avis.xml", camt.replacingOccurrences(of: "camt.053.001.02", with: "camt.054.001.08"))],
                    says: ["un avis de débit ou de crédit (camt.054)", "« camt.054.001.08 »", "pas un relevé de compte camt.053"])
        try s.refuses(["importer", s.write("coupe.xml", String(camt.prefix(3000)))], says: ["XML mal formé ou tronqué"])
        let bomb = camt.replacingOccurrences(of: "<Document ", with: "<!DOCTYPE Document [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<Document ")
        try s.refuses(["importer", s.write("bombe.xml", bomb)], says: ["déclare une DTD ou des entités XML", "refusé sans être lu"])
    }
}
