import Foundation
import Testing
@testable import compta
import LedgerStore
import Ledger

/// Issue 25, points 2 and 3: invoices matched with their payments (lettrage), per tiers and
/// account, across two exercices; who owes what, and since when (balance âgée).
@Suite struct Lettering {
    static let at = ["COMPTA_MAINTENANT": "2025-03-01T10:00:00+01:00"]

    /// Léa's invoice of December paid in January (lines 1 and 4), OVH's invoice of 300 € with
    /// an instalment of 100 € (lines 5 and 7), Paul's two cotisations paid at once (lines 9,
    /// 11 and 13).
    static func books() -> Sandbox {
        let s = Sandbox.tour()
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        for line in [["2024-12-10", "Facture Léa", "411=120#Léa Martin", "706", "--piece", "F12"],
                     ["2025-01-05", "Règlement Léa", "512=120", "411#T0001"],
                     ["2024-11-10", "Facture OVH", "401=-300#OVH SAS", "604A", "--piece", "OVH1"],
                     ["2024-12-10", "Acompte OVH", "401=100#OVH SAS", "512"],
                     ["2025-01-10", "Cotisation Paul", "4110=50#Paul Durand", "756"],
                     ["2025-01-12", "Cotisation Paul (2)", "4110=30#Paul Durand", "756"],
                     ["2025-02-10", "Paiement Paul", "4110=-80#Paul Durand", "512"]] {
            let r = s.run(["saisir"] + line)
            #expect(r.code == 0, "\(line): \(r.err)")
        }
        return s
    }

    func run(_ s: Sandbox, _ args: String...) -> Run {
        let r = s.run(args, environment: Lettering.at)
        #expect(r.code == 0, "\(args): \(r.err)")
        return r
    }

    @Test func proposesThenLettersWhatBalances() throws {
        let s = Lettering.books()
        let before = try s.dump()
        let proposed = run(s, "lettrer", "--format", "csv", "--sans-bom").out
        #expect(try s.dump() == before, "a proposal writes nothing")
        #expect(proposed.contains("401 — T0002 OVH SAS (tout ce qui reste)"), "\(proposed)")
        #expect(proposed.contains("partiel;5;10/11/2024;OD 2 (2024);OVH1;Facture OVH;;300,00"), "\(proposed)")
        #expect(proposed.contains("Partiel : reste 200,00 € à payer au tiers;;;;;;100,00;300,00"), "\(proposed)")
        #expect(proposed.contains("411 — T0001 Léa Martin (même montant)"), "\(proposed)")
        #expect(proposed.contains(";1;10/12/2024;OD 1 (2024);F12;Facture Léa;120,00;"), "\(proposed)")
        #expect(proposed.contains(";4;05/01/2025;BQ 1 (2025);;Règlement Léa;;120,00"), "\(proposed)")
        #expect(proposed.contains("4110 — T0003 Paul Durand (une ligne pour plusieurs)"), "\(proposed)")

        let written = run(s, "lettrer", "--confirmer", "--format", "csv", "--sans-bom").out
        #expect(written.contains("A;1;10/12/2024") && written.contains("A;4;05/01/2025"), "\(written)")
        #expect(written.contains("A;9;") && written.contains("A;11;") && written.contains("A;13;"), "letters are per account: A on 4110 too")
        #expect(written.contains("Équilibré : lettre A"), "\(written)")
        #expect(written.contains("partiel;7;"), "the instalment is shown, not lettered")
        // Again: only the partial one is left.
        let again = run(s, "lettrer", "--format", "csv", "--sans-bom").out
        #expect(!again.contains("411") && again.contains("partiel;7;"), "\(again)")

        let aged = run(s, "echeances", "--au", "2025-03-01", "--format", "csv", "--sans-bom").out
        #expect(aged.contains("T0002;401;5;10/11/2024;Facture OVH;111;;;;-300,00;-300,00"), "\(aged)")
        #expect(aged.contains("T0002;401;7;10/12/2024;Acompte OVH;81;;;100,00;;100,00"), "\(aged)")
        #expect(aged.contains("Total;;;;;;;;100,00;-300,00;-200,00"), "\(aged)")
        #expect(!aged.contains("T0001") && !aged.contains("T0003"), "lettered lines are settled")
        // At the end of 2024, Léa's invoice was still open: her payment came in January.
        let end2024 = run(s, "echeances", "--au", "2024-12-31", "--compte", "411", "--format", "csv", "--sans-bom").out
        #expect(end2024.contains("T0001;411;1;10/12/2024;Facture Léa;21;120,00;;;;120,00"), "\(end2024)")

        let balances = run(s, "tiers", "soldes", "--format", "csv", "--sans-bom").out
        #expect(balances.contains("T0002;OVH SAS;401;100,00;300,00;;200,00"), "\(balances)")
        #expect(balances.contains("T0001;Léa Martin;411;120,00;120,00;;"), "\(balances)")
        #expect(run(s, "tiers", "soldes", "--tiers", "Paul Durand", "--format", "csv", "--sans-bom").out.contains("T0003;Paul Durand;4110;80,00;80,00;;"))

        // Unlettered, the lines are open again.
        let removed = run(s, "delettrer", "a", "--compte", "411")
        #expect(removed.out.contains("Lettre A du compte 411 retirée"), "\(removed.out)")
        #expect(run(s, "echeances", "--compte", "411", "--format", "csv").out.contains("T0001;411;1;"))
        #expect(s.run("verifier").code == 0)
    }

    @Test func manualLetteringAndItsRefusals() throws {
        let s = Lettering.books()
        #expect(s.run("saisir", "2025-01-20", "Don sans tiers", "411=-10", "512").code == 0)
        try s.refuses(["lettrer", "4", "7"], says: ["plusieurs comptes (401, 411)", "compta lettrer --compte 401"])
        try s.refuses(["lettrer", "1", "9"], says: ["plusieurs comptes"])
        #expect(s.run("saisir", "2025-01-21", "Avoir Paul sur 411", "411=-120#Paul Durand", "706").code == 0)
        try s.refuses(["lettrer", "1", "17"], says: ["plusieurs tiers (T0001 Léa Martin, T0003 Paul Durand)", "--tiers T0001"])
        try s.refuses(["lettrer", "9", "13"], says: ["ne sont pas équilibrées : 50,00 € au débit, 80,00 € au crédit (écart 30,00 €)"])
        try s.refuses(["lettrer", "1", "2"], says: ["la ligne n° 2 est sur le compte 706, qui n'est pas un compte de tiers"])
        try s.refuses(["lettrer", "1", "15"], says: ["la ligne n° 15 du compte 411 n'a pas de tiers"])
        try s.refuses(["lettrer", "1", "999"], says: ["aucune ligne n° 999"])
        try s.refuses(["lettrer", "1"], says: ["deux lignes au moins"])
        try s.refuses(["lettrer", "1", "1"], says: ["la ligne n° 1 est donnée deux fois"])
        let r = run(s, "lettrer", "9", "11", "13")
        #expect(r.out.contains("Lettré : lettre A du compte 4110"), "\(r.out)")
        try s.refuses(["lettrer", "9", "11", "13"], says: ["la ligne n° 9 est déjà lettrée (lettre A du compte 4110)", "compta delettrer A --compte 4110"])
        try s.refuses(["delettrer", "B", "--compte", "4110"], says: ["aucune lettre B sur le compte 4110", "Lettres du compte 4110 : A."])
        try s.refuses(["delettrer", "A", "--compte", "411"], says: ["aucune lettre A sur le compte 411", "Le compte 411 n'a aucune lettre."])
        try s.refuses(["delettrer", "12", "--compte", "411"], says: ["« 12 » n'est pas une lettre"])
        try s.refuses(["echeances", "--compte", "512"], says: ["--compte 512 n'est pas un compte de tiers"])
        try s.refuses(["lettrer", "--compte", "706", "--confirmer"], says: ["--compte 706 n'est pas un compte de tiers"])
        try s.refuses(["tiers", "soldes", "--tiers", "Inconnu Personne"], says: ["Inconnu Personne"])
        let notNumber = s.run("lettrer", "1", "x")
        #expect(notNumber.code == 2 && notNumber.err.contains("« x » n'est pas un numéro de ligne"), "\(notNumber.err)")
        // The next letter of the account follows the last one.
        #expect(run(s, "lettrer", "1", "4").out.contains("lettre A du compte 411"))
        #expect(run(s, "delettrer", "A", "--compte", "4110").code == 0)
        #expect(run(s, "lettrer", "9", "11", "13").out.contains("lettre A du compte 4110"))
    }

    /// An invoice of a closed exercice is lettered with its payment of the next one: lettering
    /// changes no entry. The closed year's FEC keeps the letters it had at its closing.
    @Test func acrossAClosedExerciceAndThroughTheFEC() throws {
        let s = Lettering.books()
        #expect(s.run("saisir", "2024-12-20", "Solde OVH", "401=200#OVH SAS", "512").code == 0)
        #expect(s.run("valider").code == 0)
        #expect(s.run(["valider", "--exercice", "2024"], environment: Lettering.at).code == 0)
        #expect(s.run("association", "--siren", "443061841").code == 0)
        let fec2024 = s.path("fec2024")
        try FileManager.default.createDirectory(atPath: fec2024, withIntermediateDirectories: true)
        #expect(s.run(["cloturer", "--exercice", "2024"], environment: Lettering.at).code == 0)
        #expect(s.run(["fec", "--exercice", "2024", "--sortie", fec2024], environment: Lettering.at).code == 0)
        let closedFEC = try String(contentsOfFile: fec2024 + "/443061841FEC20241231.txt", encoding: .utf8)

        let written = run(s, "lettrer", "--confirmer", "--format", "csv", "--sans-bom").out
        #expect(written.contains("A;1;10/12/2024;OD 1 (2024)") && written.contains("A;4;05/01/2025"), "\(written)")
        #expect(written.contains("A;5;10/11/2024") && written.contains("A;15;20/12/2024"), "lines of the closed year only: lettered too")
        #expect(run(s, "echeances").out.contains("Aucune pièce ouverte"))

        // The FEC of 2024, made again, is the one handed over; 2025's shows its letters.
        #expect(s.run(["fec", "--exercice", "2024", "--sortie", fec2024], environment: Lettering.at).code == 0)
        #expect(try String(contentsOfFile: fec2024 + "/443061841FEC20241231.txt", encoding: .utf8) == closedFEC)
        let fec2025 = s.path("fec2025")
        try FileManager.default.createDirectory(atPath: fec2025, withIntermediateDirectories: true)
        #expect(s.run(["fec", "--exercice", "2025", "--sortie", fec2025], environment: Lettering.at).code == 0)
        let openFEC = try String(contentsOfFile: fec2025 + "/443061841FEC20251231.txt", encoding: .utf8)
        #expect(openFEC.contains("\t411\tUsagers\tT0001\tLéa Martin\tBQ-1\t20250105\tRèglement Léa\t0,00\t120,00\tA\t20250301\t"), "\(openFEC)")

        // Read back: the letters of the file are the ledger's, a letter of two files joined.
        let other = s.path("autre.sqlite")
        #expect(s.runRaw(["init", "--nom", "Copie", "--debut", "2025-01-01", "--livre", other]).code == 0)
        #expect(s.runRaw(["importer-fec", fec2025 + "/443061841FEC20251231.txt", "--livre", other]).code == 0)
        let copy = s.runRaw(["echeances", "--au", "2025-03-01", "--livre", other], environment: Lettering.at)
        #expect(copy.out.contains("Aucune pièce ouverte"), "every line of 2025 on a third-party account is lettered: \(copy.out)")
        let removed = s.runRaw(["delettrer", "A", "--compte", "4110", "--livre", other])
        #expect(removed.code == 0 && removed.out.contains("Lettre A du compte 4110 retirée"), "\(removed.err)")
    }

    /// A supplier's invoice typed without its tiers is nobody's: neither the balance âgée nor
    /// the balances per tiers count it, and both say so rather than « everything is lettered ».
    @Test func linesWithoutTiersAreNamedNotHidden() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-01", "Facture sans tiers", "401=-300", "6068").code == 0)
        let alone = run(s, "echeances", "--au", "2024-12-31").out
        #expect(!alone.contains("toutes les lignes des comptes de tiers sont lettrées"), "\(alone)")
        #expect(alone.contains("Sans tiers : la ligne n° 1 (401, 01/03/2024, Facture sans tiers, -300,00 €) n'est pas comptée ici"), "\(alone)")

        let s2 = Lettering.books()
        #expect(s2.run("saisir", "2025-01-20", "Facture sans tiers", "401=-60", "6068").code == 0)
        #expect(s2.run("saisir", "2025-01-21", "Autre facture sans tiers", "401=-40", "6068").code == 0)
        let aged = run(s2, "echeances", "--au", "2025-03-01").out
        #expect(aged.contains("Pièces non lettrées au 01/03/2025"), "the lines with a tiers are still there: \(aged)")
        #expect(aged.contains("Sans tiers : 2 lignes des comptes de tiers, dont les lignes n° 15 (401, 20/01/2025, Facture sans tiers, -60,00 €), "
                              + "n° 17 (401, 21/01/2025, Autre facture sans tiers, -40,00 €) ne sont pas comptées ici"), "\(aged)")
        let balances = run(s2, "tiers", "soldes", "--au", "2025-03-01").out
        #expect(balances.contains("Sans tiers : 2 lignes"), "\(balances)")
        // One tiers asked: its lines only, no word of the others.
        #expect(!run(s2, "echeances", "--tiers", "T0001", "--au", "2025-03-01").out.contains("Sans tiers"))
    }

    /// A letter made before the closing is in the closed year's FEC: it stays.
    @Test func aLetterInAClosedFECStays() throws {
        let s = Lettering.books()
        #expect(run(s, "lettrer", "1", "4").code == 0)
        #expect(s.run("valider", "--exercice", "2024").code == 0)
        #expect(s.run(["cloturer", "--exercice", "2024"], environment: ["COMPTA_MAINTENANT": "2025-03-02T10:00:00+01:00"]).code == 0)
        try s.refuses(["delettrer", "A", "--compte", "411"], says: ["la lettre A du compte 411 date d'avant la clôture de l'exercice 2024"])
    }

    /// A draft removed takes its letter with it: the letter no longer groups what it grouped.
    @Test func aDraftRemovedTakesItsLetter() throws {
        let s = Lettering.books()
        #expect(run(s, "lettrer", "9", "11", "13").out.contains("lettre A du compte 4110"))
        #expect(s.run("supprimer", "3", "--exercice", "2025").code == 0)
        let aged = run(s, "echeances", "--compte", "4110", "--format", "csv", "--sans-bom").out
        #expect(aged.contains("T0003;4110;9;") && aged.contains("T0003;4110;13;"), "\(aged)")
        try s.refuses(["delettrer", "A", "--compte", "4110"], says: ["aucune lettre A"])
    }

    @Test func aFECLetterTooLongIsRefused() throws {
        let s = Sandbox()
        let header = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n"
        let file = s.write("123456782FEC20241231.txt", header
            + "VE\tVentes\t1\t20240105\t411\tClients\tC1\tDupont\tF1\t20240105\tFacture\t10,00\t0,00\tABCDEFGHIJKL\t20240110\t20240105\t\t\n"
            + "VE\tVentes\t1\t20240105\t706\tPrestations\t\t\tF1\t20240105\tFacture\t0,00\t10,00\t\t\t20240105\t\t\n")
        let r = s.runRaw(["importer-fec", file, "--livre", s.ledger])
        #expect(r.code == 1 && r.err.contains("ligne 2") && r.err.contains("EcritureLet « ABCDEFGHIJKL »"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: s.ledger), "nothing written")
    }
}
