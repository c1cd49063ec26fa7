import Foundation
import Testing
@testable import compta
import Ledger

/// What a newcomer met walking the README's bank import with every sample: each answer says
/// what the file is, which option to change, and writes nothing on a doubt.
@Suite struct BankWalk {
    /// `releve.cfonb` with a second account (its first two records under another number).
    static func twoAccounts() throws -> String {
        let records = String(data: try Data(contentsOf: URL(fileURLWithPath: fixturePath("banques/releve.cfonb"))), encoding: .isoLatin1)!
            .split(separator: "\r\n").map(String.init)
        return (records + records.prefix(2).map { $0.replacingOccurrences(of: "00012345678", with: "00098765432") }).joined(separator: "\n")
    }

    func tiers(_ s: Sandbox) -> [String] {
        s.run("tiers", "--format", "csv").out.split(separator: "\r\n").dropFirst().map { $0.split(separator: ";").prefix(3).dropFirst().joined(separator: ";") }
    }

    @Test func aFormatNamedForAFileNotInItSaysWhatTheFileIs() throws {
        let s = Sandbox.tour()
        let lcl = fixturePath("banques/lcl.csv")
        for (id, name) in [("cfonb", "relevé CFONB 120"), ("qif", "relevé QIF"), ("camt053", "relevé camt.053"), ("ofx", "relevé OFX")] {
            let said = try s.refuses(["importer", lcl, "--banque", id],
                                     says: ["ce fichier n'est pas un \(name) (--banque \(id)) : il a la forme d'un export LCL ; essayez sans --banque"])
            #expect(!said.contains("banque inconnue"))
        }
        // A bank's profile that does not fit: the file's own bank is named, as the option that reads it.
        try s.refuses(["importer", fixturePath("banques/credit-agricole.csv"), "--banque", "lcl"],
                      says: ["n'a pas la forme d'un export LCL", "Il a celle d'un export Crédit Agricole : importez-le sans --banque (ou avec --banque credit-agricole)"])
        let unknown = try s.refuses(["importer", fixturePath("banques/colonnes.csv"), "--banque", "lcl"],
                                    says: ["Essayez sans --banque (le format est reconnu tout seul), ou décrivez les colonnes avec --colonnes"])
        #expect(!unknown.contains("Décrivez"))
    }

    @Test func theNameTheFormatGivesIsTheTiers() throws {
        let s = Sandbox.tour()
        #expect(s.run("tiers", "ajouter", "--organisation", "OVH SAS").code == 0)
        let cfonb = s.run("importer", fixturePath("banques/releve.cfonb"))
        #expect(cfonb.code == 0, "\(cfonb.err)")
        // The 05 complement's name is in the 04 record already: once in the label, and the tiers that exists.
        #expect(s.run("journal", "--format", "csv").out.contains("PRLV SEPA OVH SAS FACTURE FR2024031187"))
        #expect(tiers(s) == ["OVH SAS;organisation", "CHORALE DES TILLEULS;personne", "M HÉLÈNE LEFEBVRE;personne"])

        let camt = Sandbox.tour()
        #expect(camt.run("importer", fixturePath("banques/releve-camt053-v08.xml")).code == 0)
        // <Nm>ASSURANCES MUTUELLES</Nm>, and the same name read from a label that has no <Nm>.
        #expect(tiers(camt) == ["OVH SAS;organisation", "CHORALE DES TILLEULS;personne", "M LEFEBVRE;personne", "ASSURANCES MUTUELLES;organisation"])

        let qonto = Sandbox.tour()
        #expect(qonto.run("importer", fixturePath("banques/qonto.csv")).code == 0)
        #expect(tiers(qonto).contains("OVH SAS;organisation") && tiers(qonto).contains("M LEFEBVRE;personne"), "\(tiers(qonto))")
        // The bank's own fee line names the bank alone: an organisation, not a person « QONTO ».
        #expect(tiers(qonto).contains("QONTO;organisation"), "\(tiers(qonto))")
        #expect(!qonto.run("tiers", "--format", "csv").out.contains("FACTURE"))
    }

    @Test func organisationWordsMakeOrganisations() {
        for name in ["ASSURANCES MUTUELLES", "Mutuelles de France", "Compagnie des Bateaux", "Lycée Jean Moulin", "CPAM de Paris",
                     "QONTO", "PayPal Europe", "SumUp"] {
            #expect(Tiers.isOrganisationName(name), "\(name)")
        }
        #expect(!Tiers.isOrganisationName("Hélène Lefebvre"))
    }

    @Test func aHelloAssoExportRefusesTheStatementsOptionsAndItsTrialSaysWould() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2025-01-01").code == 0)
        let export = fixturePath("helloasso/paiements-mars.csv")
        try s.refuses(["importer", export, "--compte", "9999", "--solde", "12", "--du", "2025-03-10"],
                      says: ["est un export HelloAsso : --compte, --du, --solde : ces options ne s'appliquent qu'à un relevé bancaire",
                             "seuls --essai et --format comptent"])
        try s.refuses(["importer", export, "--sans-tiers"], says: ["--sans-tiers : cette option ne s'applique qu'à un relevé bancaire"])
        let before = try s.dump()
        let trial = s.run("importer", export, "--essai")
        #expect(trial.code == 0, "\(trial.err)")
        #expect(trial.out.contains("Compte 51151 « HelloAsso (paiements à recevoir) » serait créé"))
        #expect(trial.out.contains("Règle n° 1 serait ajoutée : « VIR HELLOASSO »"))
        #expect(trial.out.contains("Tiers qui seraient créés : "))
        #expect(try s.dump() == before)
        let real = s.run("importer", export)
        #expect(real.out.contains("» créé : ") && real.out.contains("Règle n° 1 ajoutée"))
    }

    @Test func comptasOwnFilesAreNotStatements() throws {
        let s = Sandbox.tour()
        let fixtures = "cloud-girofle-2024/"
        try s.refuses(["importer", fixturePath(fixtures + "ecritures-2023.csv")],
                      says: ["n'est pas un relevé : c'est un fichier d'écritures", "compta saisir --fichier "])
        try s.refuses(["importer", fixturePath(fixtures + "budget-2024.csv")], says: ["c'est un budget", "compta budget importer "])
        try s.refuses(["importer", fixturePath(fixtures + "regles.csv")], says: ["c'est un fichier de règles", "compta regles importer "])
        #expect(s.run("saisir", "2024-03-05", "Timbres", "626=12", "512").code == 0)
        #expect(s.run("valider", "--jusqu-au", "2024-03-31").code == 0)
        #expect(s.run("association", "--siren", "123 456 782").code == 0)
        #expect(s.run("fec", "--exercice", "2024", "--sortie", s.path("")).code == 0)
        let fec = try #require(try FileManager.default.contentsOfDirectory(atPath: s.path("")).first { $0.hasSuffix("FEC20241231.txt") })
        try s.refuses(["importer", s.path(fec)], says: ["c'est un FEC", "compta importer-fec "])
        // A statement whose header names a date, a label and debit and credit is still one.
        #expect(s.run("importer", s.write("releve.csv", "Date;Libellé;Débit;Crédit\n05/03/2024;PRLV OVH;120,00;\n"), "--essai").code == 0)
    }

    /// Five fields a row from no known bank (a day first, an amount last) is not taken for
    /// BNP Paribas's export of before 2023: the file is not recognised, and --colonnes offered.
    @Test func aFileOfFiveFieldsFromNoKnownBankIsNotRecognised() throws {
        let s = Sandbox.tour()
        let file = s.write("cinq.csv", "05/03/2024;PRLV SEPA OVH SAS;Internet;Abonnements;-120,00\n06/03/2024;VIR CHORALE;Dons;Cotisations;45,00\n")
        let said = try s.refuses(["importer", file], says: ["relevé « \(file) » : format de relevé non reconnu",
                                                             "05/03/2024 | PRLV SEPA OVH SAS | Internet | Abonnements | -120,00",
                                                             "Décrivez les colonnes avec --colonnes"])
        #expect(!said.contains("BNP"), "\(said)")
    }

    @Test func theSecondAccountOfAFileGoesIntoItsOwnAccount() throws {
        let s = Sandbox.tour()
        let file = s.write("deux.txt", try Self.twoAccounts())
        #expect(s.run("importer", file, "--numero", "00012345678").code == 0)
        try s.refuses(["importer", file, "--numero", "00098765432"],
                      says: ["le compte 512 du livre tient déjà les relevés du compte bancaire 00012345678 ; ce relevé est celui du compte bancaire 00098765432",
                             "--compte 5121", "ajoutez --forcer"])
        // The same account in another writing (its IBAN) is the same account.
        #expect(s.run("importer", fixturePath("banques/releve-camt053.xml")).code == 0)
        #expect(s.run("comptes", "ajouter", "5121", "Livret").code == 0)
        #expect(s.run("importer", file, "--numero", "00098765432", "--compte", "5121").code == 0)
    }

    @Test func aWrongColumnMappingIsBlamedOnColonnes() throws {
        let s = Sandbox.tour()
        let said = try s.refuses(["importer", fixturePath("banques/colonnes.csv"), "--colonnes", "date=1,libelle=3,montant=4"],
                                 says: ["ligne 3 illisible avec --colonnes date=1,libelle=3,montant=4 : montant illisible « FACTURE FR2024031187 »",
                                        "Vérifiez --colonnes : montant= (ou debit= et credit=) dit quelle colonne porte le montant"])
        #expect(!said.contains("téléchargez à nouveau"))
        #expect(s.run("importer", fixturePath("banques/colonnes.csv"), "--colonnes", "date=1,libelle=3,montant=5").code == 0)
    }

    @Test func anAmbiguousBalanceIsNeverCut() throws {
        let s = Sandbox.tour()
        let said = try s.refuses(["importer", fixturePath("banques/lcl.csv"), "--solde", "2.399"],
                                 says: ["montant ambigu « 2.399 » : 2\u{202F}399,00 € ou 2,40 € ?", "Écrivez 2399 pour", "ou 2,40 pour 2,40 €"])
        #expect(!said.contains("2,39"))
    }

    @Test func anIdenticalRuleIsRefusedAndRulesAreNumberedInOrder() throws {
        let s = Sandbox.tour()
        #expect(s.run("regles", "ajouter", "OVH", "604A", "--projet", "BL-EVOLUTION").code == 0)
        try s.refuses(["regles", "ajouter", "ovh", "604A", "--projet", "BL-EVOLUTION"],
                      says: ["cette règle existe déjà (n° 1 : « OVH » → 604A, projet BL-EVOLUTION)"])
        // Another sign, another project: another rule.
        #expect(s.run("regles", "ajouter", "OVH", "604A", "--sens", "recette").code == 0)
        #expect(s.run("importer", fixturePath("banques/credit-agricole.csv")).code == 0)
        let waiting = s.run("attente", "--format", "csv").out.split(separator: "\r\n").map { $0.split(separator: ";").map(String.init) }
        let number = try #require(waiting.first { $0.last?.contains("LEFEBVRE") == true }?[1])
        #expect(s.run("affecter", number, "754", "--regle", "LEFEBVRE").code == 0)
        try s.refuses(["affecter", number, "754", "--regle", "LEFEBVRE"], says: ["cette règle existe déjà (n° 3 : « LEFEBVRE » → 754)"])

        // A rules file's positions 10, 20… and a removal leave no gap: n° N is the N-th rule tried.
        let file = s.write("regles.csv", "position;motif;compte\n10;KIMSUFI;604A\n20;GLOBENET;604A\n30;OVH;604A\n")
        #expect(s.run("regles", "importer", file).code == 0)
        #expect(s.run("regles", "ajouter", "MAILCOW", "604A", "--position", "2").out == "Règle n° 2 ajoutée : « MAILCOW » → 604A.\n")
        #expect(s.run("regles", "supprimer", "1").code == 0)
        let rules = s.run("regles", "exporter").out
        #expect(rules.contains("\n1;MAILCOW;;;;;604A;;;\r\n2;GLOBENET;;;;;604A;;;\r\n3;OVH;;;;;604A;;;"), "\(rules)")
        #expect(s.run("regles", "ajouter", "LDLC", "6063").out == "Règle n° 4 ajoutée : « LDLC » → 6063.\n")
    }

    @Test func validatingListsWhatStillWaitsOn471() throws {
        let s = Sandbox.tour()
        #expect(s.run("importer", fixturePath("banques/credit-agricole.csv")).code == 0)
        let waiting = s.run("attente", "--format", "csv").out.split(separator: "\r\n").dropFirst().map { $0.split(separator: ";")[1] }
        let validated = s.run("valider", "--jusqu-au", "2024-03-31")
        #expect(validated.code == 0)
        #expect(validated.out.contains("Dont \(waiting.count) encore en attente sur le compte 471 (n° \(waiting.joined(separator: ", "))) : classez-les avec compta affecter"),
                "\(validated.out)")
        #expect(!s.run("valider").out.contains("attente"), "nothing left to validate, nothing to say")
    }

    @Test func theListOfFormatsFitsA100ColumnTerminal() {
        let listed = Sandbox().run("importer", "--banques").out.split(separator: "\n")
        let table = listed.filter { $0.hasPrefix("bpce") || $0.hasPrefix("cfonb") || $0.hasPrefix("generique") }
        #expect(table.count == 4)
        for line in listed {
            #expect(line.count <= 100, "\(line.count): \(line)")
        }
    }

    @Test func aCFONBLineCutShortIsRefusedWhateverItsRecord() throws {
        let s = Sandbox.tour()
        var records = try Self.twoAccounts().split(separator: "\n").map(String.init)
        records[2] = String(records[2].prefix(60))
        try s.refuses(["importer", s.write("coupe.txt", records.joined(separator: "\n")), "--numero", "00012345678"],
                      says: ["enregistrement n° 3 (ligne 3) : la ligne a 60 caractères alors que les autres lignes du fichier ont leurs 120 caractères"])
        // Every line trimmed of its blanks (a channel that trims them): read.
        let trimmed = try Self.twoAccounts().split(separator: "\n").map { String($0.reversed().drop { $0 == " " }.reversed()) }
        #expect(s.run("importer", s.write("sans-blancs.txt", trimmed.joined(separator: "\n")), "--numero", "00012345678").code == 0)
    }
}
