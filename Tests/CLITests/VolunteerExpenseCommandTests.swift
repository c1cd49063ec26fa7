import Foundation
import Testing
@testable import compta

/// `compta frais-benevoles` (issue 28, point 3): a volunteer's expenses booked D charge / C 4681,
/// reimbursed from the bank (the tiers kept on 4681) or given up (D 4681 / C 75412), the abandon
/// receipted as a gift of nature « autres »; each volunteer's account read from the books.
@Suite struct VolunteerExpenseCommands {
    /// 2024 and 2025: an association that issues receipts, Léa Martin (with an address) and an
    /// organisation, OVH SAS.
    func books() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Les Amis du Parc", "--debut", "2024-01-01").code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        #expect(s.run("association", "--recus", "200", "--qualite", "interet-general", "--adresse", "1 place du Marché, 69001 Lyon",
                      "--objet", "Entretenir le parc", "--signataire", "Camille Martin", "--role-signataire", "Trésorière").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin", "--adresse", "3 rue des Lilas, 75011 Paris").code == 0)
        #expect(s.run("tiers", "ajouter", "--organisation", "OVH SAS").code == 0)
        #expect(s.run("projets", "ajouter", "FETE", "Fête du parc").code == 0)
        return s
    }

    @Test func expensesAreReimbursedFromTheBankOrGivenUpAndTheAbandonIsReceipted() throws {
        let s = books()
        var r = s.run("frais-benevoles", "ajouter", "--tiers", "Léa Martin", "--compte", "6251", "--montant", "42,50", "--date", "2024-11-14")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("42,50 € au débit de 6251, au crédit de 4681 pour T0001 (Léa Martin)"), "\(r.out)")
        r = s.run("frais-benevoles", "ajouter", "--tiers", "T0001", "--compte", "6064", "--montant", "57,50", "--date", "2025-03-02",
                  "--projet", "FETE", "--piece", "TICKET-12")
        #expect(r.code == 0, "\(r.err)")
        let journal = s.run("journal", "--exercice", "2025", "--format", "csv").out
        #expect(journal.contains("TICKET-12") && journal.contains("Frais avancés par Léa Martin") && journal.contains("FETE"), "\(journal)")

        // The bank pays back 30 €: the line waits in 471, and is filed under 4681 with Léa.
        let statement = s.write("releve.csv", "date;libelle;montant\n10/04/2025;VIR REMBOURSEMENT FRAIS L MARTIN;-30,00\n")
        r = s.run("importer", statement, "--colonnes", "date=1,libelle=2,montant=3", "--sans-tiers")
        #expect(r.code == 0, "\(r.err)")
        let waiting = s.run("attente", "--format", "csv").out
        #expect(waiting.contains("REMBOURSEMENT"), "\(waiting) \(r.out)")
        let fields = try #require(waiting.split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ";"))
        r = s.run("affecter", String(fields[1]), "4681", "--tiers", "Léa Martin", "--exercice", "2025")
        #expect(r.code == 0, "\(r.err)")
        var list = s.run("frais-benevoles", "--au", "2025-12-31", "--format", "csv")
        #expect(list.out.contains("T0001;Léa Martin;100,00;30,00;0,00;70,00"), "engaged over both years, the bank's 30 € reimbursed: \(list.out)")
        // The note's command is one that runs: an abandon needs the letter's reference.
        let note = s.run("frais-benevoles", "--au", "2025-12-31").out
        #expect(note.contains("compta frais-benevoles abandon --tiers T0001 --piece LETTRE"), "\(note)")

        // She gives up 50 € of what is left, then the rest.
        r = s.run("frais-benevoles", "abandon", "--tiers", "Léa Martin", "--montant", "50", "--date", "2025-06-30", "--piece", "LETTRE-1")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("T0001 (Léa Martin) abandonne 50,00 € de frais, au débit de 4681 et au crédit de 75412"), "\(r.out)")
        r = s.run("frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "T0001", "--date", "2025-07-01")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("abandonne 20,00 €"), "\(r.out)")
        list = s.run("frais-benevoles", "--au", "2025-12-31", "--format", "csv")
        #expect(list.out.contains("T0001;Léa Martin;100,00;30,00;70,00;0,00"), "\(list.out)")
        let balance = s.run("balance", "--exercice", "2025", "--format", "csv").out
        #expect(balance.contains("75412"), "\(balance)")

        // Validated, the abandon is a gift: one receipt, nature « autres », no mode of payment.
        #expect(s.run("valider").code == 0)
        r = s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("recus"))
        #expect(r.code == 0, "\(r.err)")
        let receipt = try String(contentsOfFile: s.path("recus/2025-0001.md"), encoding: .utf8)
        #expect(receipt.contains("70,00"), "\(receipt)")
        #expect(receipt.contains("☒ Autres : abandon de frais engagés par un bénévole"), "\(receipt)")
        #expect(receipt.contains("☐ Numéraire") && !receipt.contains("mode de versement du don"), "\(receipt)")
        #expect(!FileManager.default.fileExists(atPath: s.path("recus/2025-0002.md")))
    }

    @Test func badExpensesAndAbandonsAreRefusedWithNothingWritten() throws {
        let s = books()
        let expense = ["frais-benevoles", "ajouter", "--compte", "6251", "--date", "2025-03-14"]
        _ = try s.refuses(expense + ["--tiers", "Léa Martin", "--montant", "0"], says: ["montant 0,00 €", "est positif"])
        _ = try s.refuses(expense + ["--tiers", "Léa Martin", "--montant", "-12"], says: ["montant -12,00 €", "est positif"])
        _ = try s.refuses(expense + ["--tiers", "Paul Inconnu", "--montant", "12"], says: ["aucun tiers ne s'appelle « Paul Inconnu »", "compta tiers ajouter"])
        _ = try s.refuses(expense + ["--tiers", "OVH SAS", "--montant", "12"], says: ["T0002 (OVH SAS) est une organisation"])
        _ = try s.refuses(["frais-benevoles", "ajouter", "--tiers", "T0001", "--compte", "512", "--montant", "12", "--date", "2025-03-14"],
                          says: ["le compte 512 n'est pas un compte de charge (classe 6)"])
        _ = try s.refuses(["frais-benevoles", "ajouter", "--tiers", "T0001", "--compte", "7541", "--montant", "12", "--date", "2025-03-14"],
                          says: ["le compte 7541 n'est pas un compte de charge"])
        let misuse = s.run("frais-benevoles", "ajouter", "--tiers", "T0001", "--compte", "6251", "--montant", "12")
        #expect(misuse.code == 2 && misuse.err.contains("l'option --date est obligatoire"), "\(misuse.err)")

        _ = try s.refuses(["frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "T0001", "--date", "2025-03-14"],
                          says: ["l'association ne doit rien à T0001 (Léa Martin) au 14/03/2025", "compta frais-benevoles ajouter"])
        #expect(s.run(expense + ["--tiers", "Léa Martin", "--montant", "42,50"]).code == 0)
        _ = try s.refuses(["frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "T0001", "--date", "2025-03-13"], says: ["ne doit rien", "au 13/03/2025"])
        _ = try s.refuses(["frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "T0001", "--montant", "42,51", "--date", "2025-03-14"],
                          says: ["lui doit encore au 14/03/2025 : 42,50 €, pas 42,51 €", "--montant 42,50 au plus"])
        _ = try s.refuses(["frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "T0001", "--montant", "0", "--date", "2025-03-14"], says: ["est positif"])
        _ = try s.refuses(["frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "OVH SAS", "--date", "2025-03-14"], says: ["est une organisation"])
        _ = try s.refuses(["frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "Zoé", "--date", "2025-03-14"], says: ["aucun tiers ne s'appelle « Zoé »"])
        #expect(s.run("frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "T0001", "--date", "2025-03-14").code == 0)
        _ = try s.refuses(["frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "T0001", "--date", "2025-03-15"], says: ["ne doit rien"])
    }

    /// A rule files the bank's reimbursement under 4681 with the volunteer: the tiers is on the 4681 line.
    @Test func aRuleFilesTheReimbursementWithItsVolunteer() throws {
        let s = books()
        #expect(s.run("frais-benevoles", "ajouter", "--tiers", "Léa Martin", "--compte", "6251", "--montant", "42,50", "--date", "2025-03-14").code == 0)
        #expect(s.run("regles", "ajouter", "REMB FRAIS", "4681", "--tiers", "Léa Martin").code == 0)
        let statement = s.write("releve.csv", "date;libelle;montant\n10/04/2025;VIR REMB FRAIS MARS;-42,50\n")
        let r = s.run("importer", statement, "--colonnes", "date=1,libelle=2,montant=3")
        #expect(r.code == 0, "\(r.err)")
        let list = s.run("frais-benevoles", "--au", "2025-12-31", "--format", "csv").out
        #expect(list.contains("T0001;Léa Martin;42,50;42,50;0,00;0,00"), "\(list)")
        _ = try s.refuses(["frais-benevoles", "abandon", "--piece", "LETTRE", "--tiers", "T0001", "--date", "2025-12-31"], says: ["ne doit rien"])
    }

    /// Slips a newcomer makes: the same expense typed twice is pointed out; an abandon needs the
    /// renunciation letter; a reimbursement filed without its volunteer is named, not lost.
    @Test func slipsArePointedOut() throws {
        let s = books()
        let args = ["frais-benevoles", "ajouter", "--tiers", "T0001", "--compte", "6251", "--montant", "25", "--date", "2025-03-14", "--piece", "BILLET"]
        #expect(s.run(args).err.isEmpty)
        let again = s.run(args)
        #expect(again.code == 0 && again.err.contains("Attention : l'écriture n° 1 (« Frais avancés par Léa Martin », pièce BILLET) enregistre déjà "
                                                     + "cette dépense") && again.err.contains("compta supprimer 2"), "\(again.err)")
        #expect(s.run("supprimer", "2", "--exercice", "2025").code == 0)
        let before = try s.dump()
        let noLetter = s.run("frais-benevoles", "abandon", "--tiers", "T0001", "--date", "2025-03-20")
        #expect(noLetter.code == 2 && noLetter.err.contains("--piece manque : un abandon de frais ne vaut don que si le bénévole renonce par écrit"),
                "\(noLetter.err)")
        #expect(try s.dump() == before)
        // The bank pays Léa back, filed on 4681 without her.
        let statement = s.write("releve.csv", "date;libelle;montant\n10/04/2025;VIR REMB FRAIS;-25,00\n")
        #expect(s.run("importer", statement, "--colonnes", "date=1,libelle=2,montant=3", "--sans-tiers").code == 0)
        #expect(s.run("affecter", "2", "4681", "--exercice", "2025").code == 0)
        let list = s.run("frais-benevoles", "--au", "2025-12-31")
        #expect(list.out.contains("Sans bénévole : BQ 2 (10/04/2025, VIR REMB FRAIS) : sa ligne du compte 4681 ne compte pour personne, "
                                  + "et ce qu'elle rembourse reste dû ci-dessus. Donnez-lui son bénévole : tant qu'elle est en brouillard, "
                                  + "compta affecter 2 4681 --tiers CODE --exercice 2025 ;"), "\(list.out)")
        // The command it gives, with the volunteer's code, does it.
        #expect(s.run("affecter", "2", "4681", "--tiers", "T0001", "--exercice", "2025").code == 0)
        let after = s.run("frais-benevoles", "--au", "2025-12-31", "--format", "csv").out
        #expect(!after.contains("Sans bénévole") && after.contains("T0001;Léa Martin;25,00;25,00;0,00;0,00"), "\(after)")
    }

    @Test func aLedgerWithoutVolunteerExpensesSaysHowToBegin() {
        let s = books()
        let r = s.run("frais-benevoles")
        #expect(r.code == 0 && r.out.contains("Aucun frais de bénévole (compte 4681)") && r.out.contains("compta frais-benevoles ajouter"), "\(r.out)")
    }
}
