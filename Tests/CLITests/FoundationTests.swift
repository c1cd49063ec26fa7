import Foundation
import Testing
@testable import compta
import LedgerStore

@Suite struct CommandLineContract {
    @Test func everyCommandHasHelp() {
        let s = Sandbox()
        for c in CLI.commands {
            let r = s.run(c.path + ["--help"])
            #expect(r.code == 0, "\(c.name)")
            #expect(r.out.contains("Usage : compta \(c.name)"), "\(c.name)")
            #expect(r.err.isEmpty)
        }
        let overview = s.runRaw(["--help"])
        #expect(overview.code == 0)
        for c in CLI.commands where !c.hidden { #expect(overview.out.contains(c.name)) }
    }

    @Test func misuseExitsWithTwo() {
        let s = Sandbox.tour()
        let unknown = s.run("balanse")
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("commande inconnue « balanse »"))
        #expect(unknown.err.contains("balance"))
        let option = s.run("balance", "--formt", "csv")
        #expect(option.code == 2)
        #expect(option.err.contains("option inconnue : --formt"))
        let missing = s.run("comptes", "ajouter", "604B")
        #expect(missing.code == 2)
        #expect(missing.err.contains("compta comptes ajouter : argument manquant : LIBELLE.\nUsage : compta comptes ajouter NUMERO LIBELLE"))
        #expect(s.run("affecter").err.contains("arguments manquants : NUMERO, COMPTE[=MONTANT][@PROJET][#TIERS]."))
        let noValue = s.run(["balance", "--format"])
        #expect(noValue.code == 2)
        let badFormat = s.run("balance", "--format", "xls")
        #expect(badFormat.code == 2)
        #expect(badFormat.err.contains("texte, md, csv, json"))
        let lifetime = s.run("resultat", "--pluriannuel")
        #expect(lifetime.code == 2 && lifetime.err.contains("--pluriannuel va avec --projet CODE"))
        let lifetimeOfAYear = s.run("resultat", "--projet", "BL-EVOLUTION", "--pluriannuel", "--exercice", "2024")
        #expect(lifetimeOfAYear.code == 2 && lifetimeOfAYear.err.contains("--pluriannuel couvre tous les exercices du projet"))
    }

    /// Global options go before the command as well as after it (as with git or hledger); an
    /// option of the command typed before it is refused with the line to type.
    @Test func globalOptionsGoBeforeOrAfterTheCommand() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "Facture OVH", "604A=120", "512").code == 0)
        let after = s.runRaw(["balance", "--livre", s.ledger])
        #expect(after.code == 0 && after.out.contains("604A"), "\(after.err)")
        for before in [["--livre", s.ledger, "balance"], ["--livre=" + s.ledger, "balance"]] {
            let r = s.runRaw(before)
            #expect(r.code == 0 && r.err.isEmpty, "\(before): \(r.err)")
            #expect(r.out == after.out, "\(before)")
        }
        // A write goes to the ledger named before the command.
        let other = s.path("autre.sqlite")
        #expect(s.runRaw(["--livre", other, "init", "--nom", "Autre", "--debut", "2024-01-01"]).code == 0)
        #expect(FileManager.default.fileExists(atPath: other))
        // Typed on both sides, the later wins.
        #expect(s.runRaw(["--livre", other, "comptes", "--livre", s.ledger, "--classe", "604A"]).out.contains("OVH"))
        #expect(s.runRaw(["--help", "balance"]).out.contains("Usage : compta balance"))

        let ledger = try s.dump()
        let misplaced = s.runRaw(["--livre", s.ledger, "--format", "csv", "balance"])
        #expect(misplaced.code == 2 && misplaced.out.isEmpty)
        #expect(misplaced.err.contains("compta balance : l'option --format se place après le nom de la commande (avant lui, seules --livre et --help)."))
        #expect(misplaced.err.contains("Écrivez : compta --livre \(s.ledger) balance --format csv\n"), "\(misplaced.err)")
        let third = s.path("troisieme.sqlite")
        let unknownThere = s.runRaw(["--format", "csv", "init", "--nom", "X", "--debut", "2024-01-01", "--livre", third])
        #expect(unknownThere.code == 2 && unknownThere.err.contains("et compta init ne la connaît pas"), "\(unknownThere.err)")
        #expect(!FileManager.default.fileExists(atPath: third))
        let noCommand = s.runRaw(["--livre", "balance"])
        #expect(noCommand.code == 2 && noCommand.out.isEmpty && noCommand.err.contains("aucune commande après « --livre balance »"))
        #expect(try s.dump() == ledger)
    }

    /// The list of accounts names them as the chart of the exercice being kept does.
    @Test func accountsAreListedInTheCurrentChart() {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Asso", "--debut", "2024-01-01").code == 0)
        #expect(s.run("comptes", "--classe", "6232").out.contains("6232    Fêtes et cérémonies"))
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        let listed = s.run("comptes", "--classe", "6232", "--format", "csv").out
        #expect(listed.contains("6232;Échantillons;plan"))
        let exercices = s.run("exercices", "--format", "csv").out
        #expect(exercices.contains("2024;01/01/2024;31/12/2024;ANC 2018-06;ouvert") && exercices.contains("2025;01/01/2025;31/12/2025;plan 2025 (ANC 2023-03);ouvert"),
                "\(exercices)")
    }

    @Test func ledgerPathComesFromOptionThenEnvironment() throws {
        let s = Sandbox()
        let other = s.path("autre.sqlite")
        var out = "", err = ""
        let output = Output(out: { out += $0 }, err: { err += $0 })
        let code = CLI.run(arguments: ["init", "--nom", "Asso", "--debut", "2024-01-01"],
                           environment: ["COMPTA_LIVRE": other], output: output)
        #expect(code == 0)
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: s.ledger))
        let attributes = try FileManager.default.attributesOfItem(atPath: other)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}

@Suite struct ReadmeTour {
    /// The tour of the README, typed as written.
    @Test func tourWorksAsWritten() throws {
        let s = Sandbox.tour()
        let first = s.run("saisir", "2024-03-05", "Facture OVH mars", "604A=120,00", "512=-120,00",
                          "--piece", "F2024-031", "--projet", "BL-EVOLUTION")
        #expect(first.code == 0, "\(first.err)")
        #expect(first.out.contains("Écriture n° 1"))
        let second = s.run("saisir", "05/03/2024", "Cotisation Éloïse", "512=20", "7562")
        #expect(second.code == 0, "\(second.err)")
        #expect(second.out.contains("Écriture n° 2"))
        let balance = s.run("balance")
        #expect(balance.code == 0)
        let lines = balance.out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("512 ") && $0.hasSuffix("100,00") })
        #expect(lines.contains { $0.hasPrefix("604A") && $0.contains("OVH") && $0.contains("120,00") })
        #expect(lines.last == "Total                                  140,00  140,00          120,00           120,00")

        let json = s.run("balance", "--format", "json")
        #expect(json.out.contains(#""compte": "7562", "libelle": "Cotisations avec contrepartie", "debit": null, "credit": 2000"#))
        let csv = s.run("balance", "--format", "csv")
        #expect(csv.out.contains("512;Banques;20,00;120,00;;100,00\r\n"))
        let journal = s.run("journal", "--format", "csv")
        #expect(journal.out.contains("1;05/03/2024;BQ;F2024-031;604A;Facture OVH mars;120,00;;BL-EVOLUTION;brouillard"))
        let gl = s.run("grand-livre", "512")
        #expect(gl.out.contains("512 Banques"))
        #expect(gl.out.contains("-100,00"))
    }

    @Test func entriesFromAFile() throws {
        let s = Sandbox.tour()
        let file = s.write("ecritures.csv", """
            date;libelle;compte;debit;credit;projet;piece
            05/03/2024;Facture OVH mars;604A;120,00;;BL-EVOLUTION;F1
            05/03/2024;Facture OVH mars;512;;120,00;;F1
            06/03/2024;"Cotisation ""Les Amis""; 2024";512;20;;;
            06/03/2024;"Cotisation ""Les Amis""; 2024";7562;;20;;
            """)
        let r = s.run("saisir", "--fichier", file)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("2 écritures enregistrées (4 lignes)"))
        let journal = s.run("journal", "--format", "json")
        #expect(journal.out.contains(#""libelle": "Cotisation \"Les Amis\"; 2024""#))
    }

    /// A draft typed by mistake goes away with its totals; what must stay, stays, and says why.
    @Test func draftsTypedByMistakeAreDeleted() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "Facture OVH", "604A=120", "512").code == 0)
        #expect(s.run("saisir", "2024-03-06", "Facture OVH (en double)", "604A=120", "512").code == 0)
        #expect(s.run("importer", fixturePath("banques/bpce.csv")).code == 0)
        let r = s.run("supprimer", "2")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Écriture n° 2 supprimée : brouillard du 06/03/2024, « Facture OVH (en double) », 120,00 €."))
        #expect(s.run("balance", "--format", "csv").out.contains("604A;OVH;120,00;;120,00;"), "one invoice left, and its total alone")
        #expect(!s.run("journal").out.contains("en double"))
        #expect(s.run("verifier").code == 0, "totals are still the sum of the lines")
        try s.refuses(["supprimer", "2"], says: ["aucune écriture n° 2"])
        try s.refuses(["supprimer", "3"], says: ["l'écriture n° 3 est une opération d'un relevé bancaire", "compta affecter 3 COMPTE"])
        #expect(s.run("extourner", "1").code == 0)
        let correction = s.run("journal", "--format", "csv").out.split(separator: "\r\n").first { $0.contains("Extourne de n° 1") }
        let n = correction?.split(separator: ";").first.map(String.init) ?? "?"
        try s.refuses(["supprimer", "1"], says: ["l'écriture n° 1 est corrigée par l'écriture n° \(n) : supprimez d'abord celle-ci"])
        try s.refuses(["extourner", "1"], says: ["l'écriture n° 1 est déjà extournée par l'écriture n° \(n)", "compta supprimer \(n)"])
        #expect(s.run("supprimer", n).code == 0)
        #expect(s.run("valider").code == 0)
        try s.refuses(["supprimer", "1"], says: ["l'écriture n° 1 est validée : elle ne se supprime plus", "compta extourner 1"])
    }
}

/// Each bad input gets a French message, exit code 1, and leaves every table as it was.
@Suite struct BadInputsChangeNothing {
    @Test func entries() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-01", "Ouverture", "512=100", "1021").code == 0)
        let cases: [([String], String)] = [
            (["saisir", "2024-03-05", "OVH", "604A=120,00", "512=-100,00"],
             "total des débits 120,00 €, total des crédits 100,00 €, écart de 20,00 €"),
            (["saisir", "2024-03-05", "OVH", "604A=120,00"], "au moins deux lignes"),
            (["saisir", "2024-03-05", "OVH", "604A=0", "512=0"], "montant nul sur la ligne 604A (ligne 1 de l'écriture)"),
            (["saisir", "2024-03-05", "OVH", "6063=0", "512"], "montant nul sur la ligne 6063 (ligne 1 de l'écriture) : chaque ligne porte un débit"),
            (["saisir", "2024-03-05", "OVH", "6049=120", "512"], "compte inconnu : 6049. Comptes proches : 604 "),
            (["saisir", "2024-03-05", "OVH", "604A=120@CAMP", "512"], "projet inconnu : CAMP. Projets existants : BL-EVOLUTION"),
            (["saisir", "2025-03-05", "OVH", "604A=120", "512"], "le 05/03/2025 n'est dans aucun exercice"),
            (["saisir", "2024-03-05", "OVH", "604A=12,345", "512"], "montant ambigu « 12,345 » : 12\u{202F}345,00 € ou 12,35 € ? Écrivez 12345 pour 12\u{202F}345,00 €, ou 12,35 pour 12,35 € (un montant a deux décimales au plus : arrondi au centime)."),
            (["saisir", "2024-03-05", "OVH", "604A=-1.234", "512"], "Écrivez -1234 pour -1\u{202F}234,00 €, ou -1,23 pour -1,23 €"),
            (["saisir", "2024-03-05", "OVH", "6O63=5", "512"], "numéro de compte invalide « 6O63 » (vouliez-vous dire 6063 ?) : les lettres viennent après les chiffres"),
            (["saisir", "2024-03-05", "OVH", "604A=1,2,3", "512"], "montant mal écrit « 1,2,3 »"),
            (["saisir", "2024-03-05", "OVH", "604A=--5", "512"], "montant illisible « --5 »"),
            (["saisir", "31/02/2024", "OVH", "604A=5", "512"], "la date « 31/02/2024 » n'existe pas"),
            (["saisir", "5 mars", "OVH", "604A=5", "512"], "date illisible « 5 mars »"),
            (["saisir", "2024-03-05", "OVH", "6=5", "512"], "le compte 6 est une classe"),
            (["saisir", "2024-03-05", "OVH", "604A=99999999999999", "512"], "montant trop grand"),
            (["saisir", "2024-03-05", "OVH", "604A=5", "512", "627"], "une seule ligne peut être sans montant"),
            (["saisir", "2024-04-02", "626=12", "512"], "le libellé manque : « 626=12 » est une ligne d'écriture"),
            (["saisir", "2024-04-02", "Timbres", "512"], "aucune ligne n'a de montant : la ligne 512 sans montant reçoit le solde des autres"),
            (["saisir", "2024-03-05", "", "604A=5", "512"], "pas de libellé"),
            (["saisir", "2024-03-05", "OVH", "604A=5", "512", "--journal", "VT"], "journal inconnu : VT"),
            (["saisir", "2024-03-05", "OVH", "604A=5", "512", "--projet", "BL EVOL"], "code de projet « BL EVOL »"),
            (["saisir", "2024-03-05", "OVH", "604A=5", "512", "--projet", "fête"], "code de projet « fête » : caractère « ê » interdit"),
            (["comptes", "ajouter", "604A", "Autre"], "le compte 604A existe déjà"),
            (["comptes", "ajouter", "60", "Achats"], "le compte 60 est une classe ou un regroupement"),
            (["comptes", "ajouter", "9000", "Analytique"], "la classe 9 n'existe pas"),
            (["projets", "ajouter", "BL-EVOLUTION", "Doublon"], "le projet BL-EVOLUTION existe déjà"),
            (["exercices", "ajouter", "--debut", "2024-06-01"], "chevauche l'exercice 2024"),
            (["balance", "--exercice", "2022"], "aucun exercice « 2022 ». Exercices du livre : 2024"),
            (["balance", "--du", "2024-05-01", "--au", "2024-04-01"], "la période est vide"),
            (["resultat", "--du", "2024-06-01", "--au", "2025-05-31"],
             "le 31/05/2025 (--au) n'est pas dans l'exercice 2024 (du 01/01/2024 au 31/12/2024) : un rapport couvre un seul exercice"),
            (["grand-livre", "--exercice", "2024", "--du", "2023-12-01"], "le 01/12/2023 (--du) n'est pas dans l'exercice 2024"),
            (["resultat", "--projet", "BL-EVOLUTION", "--pluriannuel"], "le projet BL-EVOLUTION n'a encore aucune charge ni aucun produit"),
            (["grand-livre", "99"], "aucun compte ne commence par 99"),
        ]
        for (args, fragment) in cases { try s.refuses(args, says: [fragment]) }
    }

    /// Without --exercice, a report covers the exercice of the dates it is given.
    @Test func datesChooseTheirExercice() throws {
        let s = Sandbox.tour()
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        #expect(s.run("saisir", "2024-03-05", "Cotisation", "512=20", "7562").code == 0)
        #expect(s.run("saisir", "2025-03-05", "Cotisation", "512=30", "7562").code == 0)
        let march2024 = s.run("balance", "--du", "2024-03-01", "--au", "2024-03-31")
        #expect(march2024.out.contains("Exercice 2024, période du 01/03/2024 au 31/03/2024"), "\(march2024.err)")
        #expect(march2024.out.contains("20,00") && !march2024.out.contains("30,00"))
        #expect(s.run("bilan", "--au", "2025-06-30").out.contains("Exercice 2025, au 30/06/2025"))
        #expect(s.run("balance").out.contains("Exercice 2025"), "no date: the open exercice")
    }

    /// From 2025, charges and produits use the 2025 chart: 6713 is refused with its
    /// replacement, typed, chosen by an import rule, or given to `affecter`.
    @Test func accountsThe2025ChartReplacedAreRefusedIn2025() throws {
        let s = Sandbox.tour()
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        #expect(s.run("saisir", "2024-11-05", "Soutien à Framasoft", "6713=100", "512").code == 0, "still right in 2024")
        #expect(s.run("regles", "ajouter", "SOUTIEN", "6713").code == 0)
        let statement = s.write("releve-2025.csv", "Date;Libellé;Montant\n05/03/2025;PRLV OVH;-120,00\n06/03/2025;VIR SOUTIEN FRAMASOFT;-100,00\n")
        let replacement = "le compte 6713 (Dons, libéralités) n'existe plus dans le plan comptable de l'exercice 2025 (plan 2025) : utilisez 6571"
        try s.refuses(["saisir", "2025-03-05", "Soutien à Framasoft", "6713=100", "512"], says: [replacement])
        try s.refuses(["importer", statement], says: ["releve-2025.csv, ligne 3 : " + replacement,
                                                      "règle n° 1 « SOUTIEN » → 6713 : compta regles supprimer 1 puis compta regles ajouter SOUTIEN 6571 --position 1"])
        #expect(s.run("regles", "supprimer", "1").code == 0)
        #expect(s.run("importer", statement).code == 0)
        // attente --format csv: Exercice;N°;Date;Montant;Libellé
        let waiting = s.run("attente", "--format", "csv").out.split(separator: "\r\n").map { $0.split(separator: ";").map(String.init) }
        let number = try #require(waiting.first { $0.last == "VIR SOUTIEN FRAMASOFT" }?[1])
        try s.refuses(["affecter", number, "6713"], says: [replacement])
        #expect(s.run("affecter", number, "6571").code == 0)
        // A mistyped account: the accounts suggested are those 2025 entries may use, as the 2025 chart names them.
        let typo = try s.refuses(["saisir", "2025-03-05", "Amende", "6589=100", "512"],
                                 says: ["compte inconnu : 6589. Comptes proches : 658 (Pénalités et autres charges), 6582 (Pénalités"])
        #expect(!typo.contains("6586"), "6586 (replaced by 658 in 2025) is not suggested")
        #expect(s.run("saisir", "2024-03-05", "Amende", "6589=100", "512").err.contains("6586 (Cotisations (vie statutaire))"), "it still is in 2024")
    }

    /// A ledger begun on the 2025 chart never had 6713: typing it, adding it as the association's
    /// own, or a rule on it, is refused with its replacement, not « compte inconnu ».
    /// Once the next exercice is open, commands on an entry of the previous one take
    /// --exercice: what a refusal suggests names it, and a number looked for in the current
    /// exercice points at the others.
    @Test func suggestedCommandsNameTheEntrysExercice() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        #expect(s.run("valider").code == 0)
        #expect(s.run("extourner", "1").code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        try s.refuses(["supprimer", "1", "--exercice", "2024"],
                      says: ["l'écriture n° 1 est validée : elle ne se supprime plus. Corrigez-la par une extourne (compta extourner 1 --exercice 2024)."])
        try s.refuses(["extourner", "1", "--exercice", "2024"], says: ["supprimez-la tant qu'elle est en brouillard (compta supprimer 2 --exercice 2024)"])
        try s.refuses(["extourner", "1"], says: ["aucune écriture n° 1 dans l'exercice 2025, l'exercice en cours que la commande prend sans --exercice. "
                                                 + "Pour une écriture d'un autre exercice, ajoutez --exercice (2024)."])
        try s.refuses(["extourner", "7", "--exercice", "2024"], says: ["aucune écriture n° 7 dans l'exercice 2024. La liste : compta journal --exercice 2024"])
    }

    @Test func aLedgerBegunIn2025RefusesTheReplacedAccountsByName() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2025-01-01").code == 0)
        let replacement = "le compte 6713 (Dons, libéralités) n'existe plus dans le plan comptable de l'exercice 2025 (plan 2025) : utilisez 6571"
        let typed = try s.refuses(["saisir", "2025-03-05", "Soutien à Framasoft", "6713=100", "512"], says: [replacement])
        #expect(!typed.contains("comptes ajouter"))
        try s.refuses(["comptes", "ajouter", "6713", "Soutien"],
                      says: ["le plan comptable de l'exercice 2025 (plan 2025) n'a plus le compte 6713 (Dons, libéralités) : utilisez 6571 (", "), ou un sous-compte de 6571."])
        try s.refuses(["regles", "ajouter", "SOUTIEN", "6713"], says: ["le compte 6713 (Dons, libéralités) n'existe plus dans le plan comptable de l'exercice 2025 (plan 2025) : classez sous 6571 ("])
        #expect(s.run("comptes", "ajouter", "6571A", "Soutien Framasoft").code == 0)
    }

    /// Opening an exercice on the 2025 chart names the rules that would file under the accounts
    /// it replaced, with the commands that move them; the commands do it.
    @Test func openingA2025ExerciceNamesTheRulesToFix() throws {
        let s = Sandbox.tour()
        #expect(s.run("regles", "ajouter", "SOUTIEN", "6713", "--sens", "depense", "--libelle", "Soutien \"amical\" à 100 %", "--max", "1500").code == 0)
        #expect(s.run("regles", "ajouter", "OVH", "604A").code == 0)
        let opened = s.run("exercices", "ajouter", "--debut", "2025-01-01")
        #expect(opened.code == 0, "\(opened.err)")
        let fix = "compta regles ajouter SOUTIEN 6571 --libelle \"Soutien \\\"amical\\\" à 100 %\" --sens depense --max 1500,00 --position 1"
        #expect(opened.out.contains("Règles de classement qui visent ces comptes : leurs opérations de 2025 seraient refusées à l'import."))
        #expect(opened.out.contains("  règle n° 1 « SOUTIEN » → 6713 : compta regles supprimer 1 puis " + fix), "\(opened.out)")
        #expect(!opened.out.contains("« OVH »"))
        // Typed as given, the commands give the same rule on 6571.
        #expect(s.run("regles", "supprimer", "1").code == 0)
        #expect(s.run(["regles", "ajouter", "SOUTIEN", "6571", "--libelle", "Soutien \"amical\" à 100 %", "--sens", "depense", "--max", "1500,00", "--position", "1"]).code == 0)
        let rules = s.run("regles", "exporter").out
        #expect(rules.contains("1;SOUTIEN;;depense;;1500,00;6571;;\"Soutien \"\"amical\"\" à 100 %\""), "\(rules)")
    }

    @Test func badFilesOfEntries() throws {
        let s = Sandbox.tour()
        let unbalanced = s.write("desequilibre.csv", """
            date;libelle;compte;debit;credit
            05/03/2024;Bon;604A;10;
            05/03/2024;Bon;512;;10
            06/03/2024;Faux;604A;10;
            06/03/2024;Faux;512;;9
            """)
        try s.refuses(["saisir", "--fichier", unbalanced], says: ["desequilibre.csv, ligne 4 : écriture déséquilibrée"])
        // An unknown account or project: the line that names it, not the entry's first.
        let unknown = s.write("inconnu.csv", "date;libelle;compte;debit;credit;projet\n05/03/2024;X;604A;10;;\n05/03/2024;X;6299;5;;\n05/03/2024;X;512;;15;\n")
        try s.refuses(["saisir", "--fichier", unknown], says: ["inconnu.csv, ligne 3 : ", "6299"])
        let project = s.write("projet.csv", "date;libelle;compte;debit;credit;projet\n05/03/2024;X;604A;10;;\n05/03/2024;X;512;;10;CAMP\n")
        try s.refuses(["saisir", "--fichier", project], says: ["projet.csv, ligne 3 : ", "CAMP"])
        let badAmount = s.write("montant.csv", "date;libelle;compte;debit;credit\n05/03/2024;X;604A;1,2,3;\n05/03/2024;X;512;;10\n")
        try s.refuses(["saisir", "--fichier", badAmount], says: ["montant.csv, ligne 2 : montant mal écrit « 1,2,3 »"])
        let missing = s.write("colonnes.csv", "date;libellé;compte;montant\n05/03/2024;X;604A;10\n")
        try s.refuses(["saisir", "--fichier", missing], says: ["colonnes manquantes : debit, credit"])
        let quote = s.write("guillemet.csv", "date;libelle;compte;debit;credit\n05/03/2024;\"X;604A;10;\n")
        try s.refuses(["saisir", "--fichier", quote], says: ["guillemet ouvert ligne 2"])
        try s.refuses(["saisir", "--fichier", s.path("absent.csv")], says: ["fichier introuvable"])
    }

    @Test func ledgerFilesThatAreNotLedgers() throws {
        let s = Sandbox()
        let text = s.write("notes.sqlite", "ceci est un fichier texte, pas un livre\n")
        var r = s.runRaw(["balance", "--livre", text])
        #expect(r.code == 1)
        #expect(r.err.contains("n'est pas un livre Compta"))
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "ceci est un fichier texte, pas un livre\n")
        r = s.run(["balance"])
        #expect(r.code == 1)
        #expect(r.err.contains("aucun livre à l'emplacement « \(s.ledger) » (--livre). Vérifiez le chemin, ou créez-le : compta init --nom NOM --debut AAAA-MM-JJ --livre \(s.ledger)"))
        // The message says where the path came from: the variable, or the current folder.
        let fromVariable = s.runRaw(["balance"], environment: ["COMPTA_LIVRE": s.path("ailleurs.sqlite")])
        #expect(fromVariable.code == 1 && fromVariable.err.contains("« \(s.path("ailleurs.sqlite")) », que donne la variable COMPTA_LIVRE. Corrigez-la"))
        let here = s.runRaw(["balance"], environment: ["COMPTA_LIVRE": ""])
        #expect(here.code == 1 && here.err.contains("aucun livre compta.sqlite dans le dossier courant ("), "\(here.err)")
        #expect(s.run("init", "--nom", "A", "--debut", "2024-01-01").code == 0)
        r = s.run("init", "--nom", "B", "--debut", "2024-01-01")
        #expect(r.code == 1)
        #expect(r.err.contains("existe déjà"))
    }
}

@Suite struct Demo {
    @Test func demoWritesTheBilanFinancier() throws {
        let s = Sandbox()
        let r = s.run("demo")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("$ compta init --nom \"Cloud Girofle\""))
        #expect(r.out.hasPrefix("---\ntitle: \"Bilan financier 2024 — Cloud Girofle\""))
        let path = r.err.split(separator: "\n").first { $0.hasPrefix("Bilan financier de l'assemblée générale : ") }
            .map { String($0.dropFirst("Bilan financier de l'assemblée générale : ".count)) } ?? ""
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(path.hasPrefix(s.folder.path + "/compta-demo-"), "written under $TMPDIR: \(path)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == r.out)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(r.err.hasPrefix("$ DOSSIER=\(folder)\n"), "the folder the script's $DOSSIER names is said first")
        #expect(FileManager.default.fileExists(atPath: folder + "/ecritures-2023.csv"))
        #expect(FileManager.default.fileExists(atPath: s.ledger), "--livre keeps the demo ledger")
        #expect(s.run("demo").code == 1, "an existing ledger is never overwritten")
    }

    /// Without --livre, the ledger, the bilan financier and the books the demo read (built into
    /// the program) share one temporary folder.
    @Test func demoWithoutLedgerKeepsOneFolder() throws {
        let s = Sandbox()
        let r = s.runRaw(["demo"])
        #expect(r.code == 0, "\(r.err)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: s.folder.path).filter { $0.hasPrefix("compta-demo-") }
        #expect(folders.count == 1)
        let inside = try FileManager.default.contentsOfDirectory(atPath: s.path(folders.first ?? "")).sorted()
        #expect(inside == (["bilan-financier-2024-graphiques", "bilan-financier-2024.md", "cloud-girofle.sqlite"] + DemoFiles.files.keys).sorted())
        #expect(r.err.contains("Livre de démonstration : \(s.path(folders.first ?? ""))/cloud-girofle.sqlite"))
    }
}
