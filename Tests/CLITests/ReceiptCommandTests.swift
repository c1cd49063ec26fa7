import Foundation
import Testing
@testable import compta
@testable import LedgerStore
import Ledger

/// `compta recus` (issue 24): receipts issued from the validated gifts of a year, numbered, frozen,
/// cancelled but never changed; the register and the declaration add up to the gift accounts.
@Suite struct ReceiptCommands {
    /// 2025: an association ready to issue receipts, and its gifts: Léa (a transfer, a cheque, an
    /// abandon de frais), Paul without an address (cash), OVH an organisation, a cotisation of Léa
    /// (7561: no gift by default), a gift without tiers; all validated.
    func books() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Les Amis du Parc", "--debut", "2025-01-01").code == 0)
        #expect(s.run("association", "--recus", "200,238bis", "--qualite", "interet-general", "--adresse", "1 place du Marché, 69001 Lyon",
                      "--objet", "Entretenir le parc et le faire connaître", "--signataire", "Camille Martin", "--role-signataire", "Trésorière").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin", "--adresse", "3 rue des Lilas, 75011 Paris").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Paul", "--nom", "Durand").code == 0)
        #expect(s.run("tiers", "ajouter", "--organisation", "OVH SAS", "--siren", "424 761 419", "--adresse", "2 rue Kellermann, 59100 Roubaix").code == 0)
        for line in [["2025-03-12", "Don", "512=120,50", "7541=-120,50#T0001"], ["2025-06-02", "Don", "5112=80", "7541=-80#T0001"],
                     ["2025-09-30", "Frais abandonnés", "625=42,10", "75412=-42,10#T0001"], ["2025-04-01", "Don", "530=20", "7541=-20#T0002"],
                     ["2025-05-20", "Mécénat", "512=1000", "7542=-1000#T0003"], ["2025-01-15", "Cotisation", "512=30", "7561=-30#T0001"],
                     ["2025-02-01", "Don anonyme", "530=5", "7541=-5"]] {
            let r = s.run(["saisir"] + line)
            #expect(r.code == 0, "\(line): \(r.err)")
        }
        #expect(s.run("valider").code == 0)
        return s
    }

    /// A gift given back (its entry reversed by an extourne) gets no receipt, and the issue says so.
    @Test func aReversedGiftGetsNoReceipt() throws {
        let s = books()
        let journal = s.run("journal", "--format", "csv").out
        #expect(journal.contains("12/03/2025"), "\(journal)")
        #expect(s.run("extourner", "1").code == 0)
        #expect(s.run("valider").code == 0)
        let r = s.run("recus", "emettre", "--annee", "2025", "--essai")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Dons rendus (extournés ou remboursés) : 1 don (120,50 €), sans reçu (BQ 1)."), "\(r.out)")
        #expect(r.out.contains("122,10"), "Léa's receipt: 80,00 + 42,10 without the 120,50 given back: \(r.out)")
    }

    /// A 100 € gift of which 30 € were given back by hand (D 7541 on the donor's tiers): the
    /// receipt carries the 70 € given, and says why. Given back after the receipt: the issue says
    /// the receipt now says too much and how to correct it. In a draft: no receipt until validated.
    @Test func aGiftGivenBackInPartIsReceiptedForWhatIsLeft() throws {
        let s = books()
        #expect(s.run("tiers", "ajouter", "--prenom", "Zoé", "--nom", "Petit", "--adresse", "5 rue Verte, 69003 Lyon").code == 0)
        #expect(s.run("saisir", "2025-04-10", "Don Zoé", "512=100", "7541=-100#T0004").code == 0)
        #expect(s.run("valider").code == 0)
        #expect(s.run("saisir", "2025-04-20", "Don rendu en partie", "7541=30#T0004", "512").code == 0)
        let pending = s.run("recus", "emettre", "--annee", "2025", "--essai")
        #expect(pending.out.contains("Sans reçu : T0004 Zoé Petit, 1 don (100,00 €) : de l'argent lui est rendu dans une écriture en brouillard (BQ "),
                "\(pending.out)")
        #expect(s.run("valider").code == 0)
        let r = s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("recus"))
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("100,00 € moins 30,00 € rendus, reçu pour 70,00 €"), "\(r.out)")
        let zoe = try text(s, "recus/2025-0003.md")
        #expect(zoe.contains("`***70,00 €***`") && zoe.contains("soixante-dix euros"), "\(zoe)")
        let declaration = s.run("recus", "declaration", "--annee", "2025")
        #expect(declared(declaration) == ["1\u{202F}312,60 €", "3"], "\(declaration.out)")

        // 20 € more given back after the receipt: it says too much; cancelled, the new one carries 50 €.
        #expect(s.run("saisir", "2025-11-02", "Don rendu", "7541=20#T0004", "512").code == 0)
        #expect(s.run("valider").code == 0)
        try s.refuses(["recus", "emettre", "--annee", "2025"],
                      says: ["Rendus après le reçu : BQ ", "figure pour 70,00 € au reçu 2025-0003, il en reste 50,00 €",
                             "compta recus annuler 2025-0003 --motif \"don rendu en partie\""])
        #expect(s.run("recus", "annuler", "2025-0003", "--motif", "don rendu en partie").code == 0)
        #expect(s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("recus")).code == 0)
        #expect(try text(s, "recus/2025-0004.md").contains("`***50,00 €***`"))
        // Given back with no gift of the year before it: listed.
        #expect(s.run("saisir", "2025-01-05", "Remboursement", "7541=15#T0003", "512").code == 0)
        #expect(s.run("valider").code == 0)
        try s.refuses(["recus", "emettre", "--annee", "2025", "--essai"], says: ["Rendus sans don de l'année avant eux : BQ ", "(T0003), 15,00 €"])
    }

    /// A donor's data is kept while a receipt issued to them must be: anonymising is refused,
    /// with the day it becomes possible, until the end of the sixth year after the receipt's.
    @Test func aDonorWithAReceiptIsAnonymisedOnlyOnceItsKeepingEnds() throws {
        let s = books()
        // The 2025 gifts receipted in January 2026 are kept to the end of 2032 (six years after
        // the receipt was made); a cancelled receipt stays in the register, and is kept too.
        let january = ["TZ": "Europe/Paris", "COMPTA_MAINTENANT": "2026-01-15T10:00:00+01:00"]
        #expect(s.run(["recus", "emettre", "--annee", "2025", "--sortie", s.path("recus")], environment: january).code == 0)
        #expect(s.run(["recus", "annuler", "2025-0001", "--motif", "adresse erronée"], environment: january).code == 0)
        #expect(s.run(["recus", "emettre", "--annee", "2025", "--sortie", s.path("recus")], environment: january).code == 0)
        _ = try s.refuses(["tiers", "anonymiser", "T0001", "--date", "2032-12-31"],
                  says: ["les reçus fiscaux 2025-0001, 2025-0003 lui ont été délivrés ; le dernier se garde jusqu'au 31/12/2032 "
                         + "(l'anonymisation sera possible le 01/01/2033)."])
        let r = s.run("tiers", "anonymiser", "T0001", "--date", "2033-01-01")
        #expect(r.code == 0, "\(r.err)")
        let verified = s.run("verifier")
        #expect(verified.code == 0 && verified.out.contains("totaux cohérents, 3 reçus fiscaux (chaîne d'empreintes intacte)."), "\(verified.out)")
    }

    /// A copy of a cancelled receipt says so above its text, which never changes.
    @Test func theCopyOfACancelledReceiptSaysSo() throws {
        let s = books()
        #expect(s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("recus")).code == 0)
        let issued = try text(s, "recus/2025-0001.md")
        let cancelled = s.run("recus", "annuler", "2025-1", "--motif", "adresse erronée")
        #expect(cancelled.out.hasPrefix("Reçu 2025-0001 "), "a number typed without its zeros: \(cancelled.err)")
        #expect(cancelled.out.contains("compta recus --annee 2025 --sortie DOSSIER réécrit les copies, l'annulé marqué"), "\(cancelled.out)")
        #expect(s.run("recus", "--annee", "2025", "--sortie", s.path("copies")).code == 0)
        let copy = try text(s, "copies/2025-0001.md")
        #expect(copy.hasPrefix("> **REÇU ANNULÉ** le ") && copy.contains(" : adresse erronée. Ce reçu ne vaut plus") && copy.hasSuffix(issued))
        #expect(try text(s, "copies/2025-0002.md") == (try text(s, "recus/2025-0002.md")), "a receipt in force is copied as issued")
    }

    /// A person whose name the ledger holds whole (typed on a line) gets it whole on the receipt,
    /// never an empty « Prénoms » field; the issue says how to split it.
    @Test func aNameHeldWholeIsWrittenWhole() throws {
        let s = books()
        #expect(s.run("saisir", "2025-10-01", "Don", "512=60", "7541=-60#Marc Lefebvre").code == 0)
        #expect(s.run("tiers", "modifier", "Marc Lefebvre", "--adresse", "8 rue Haute, 69001 Lyon").code == 0)
        #expect(s.run("valider").code == 0)
        let essai = s.run("recus", "emettre", "--annee", "2025", "--essai")
        #expect(essai.out.contains("Nom écrit en entier, sans prénom distinct : T0004 Marc Lefebvre")
                && essai.out.contains("compta tiers modifier T0004 --prenom … --nom …"), "\(essai.out)")
        #expect(s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("recus")).code == 0)
        let marc = try text(s, "recus/2025-0003.md")
        #expect(marc.contains("Nom et prénoms : Marc Lefebvre") && !marc.contains("Prénoms :\n") && !marc.contains("Prénoms : \n"), "\(marc)")
        #expect(try text(s, "recus/2025-0001.md").contains("Prénoms : Léa"))
    }

    /// The year of a receipt is said, never guessed.
    @Test func theYearIsSaid() throws {
        let s = books()
        let r = s.run(["recus", "emettre", "--essai"], environment: ["TZ": "Europe/Paris", "COMPTA_MAINTENANT": "2026-01-15T10:00:00+01:00"])
        #expect(r.code == 2 && r.err.contains("dites l'année des dons : --annee 2025 (les dons de l'an dernier, l'usage en début d'année) ou --annee 2026"),
                "\(r.err)")
        let declaration = s.run(["recus", "declaration"], environment: ["TZ": "Europe/Paris", "COMPTA_MAINTENANT": "2026-01-15T10:00:00+01:00"])
        #expect(declaration.code == 2 && declaration.err.contains("dites l'année des dons : --annee 2025"), "\(declaration.err)")
    }

    func text(_ s: Sandbox, _ file: String) throws -> String { try String(contentsOfFile: s.path(file), encoding: .utf8) }

    func json(_ r: Run) throws -> [String: Any] {
        #expect(r.code == 0, "\(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    }

    func rows(_ r: Run) throws -> [[String: Any]] {
        try #require(((try json(r)["tableaux"] as? [[String: Any]])?.first?["lignes"]) as? [[String: Any]])
    }

    /// The two figures of `recus declaration`, as its last column says them.
    func declared(_ r: Run) -> [String] {
        r.out.split(separator: "\n").filter { $0.hasPrefix("Montant total des dons") || $0.hasPrefix("Nombre de reçus") }
            .map { String($0.split(separator: "  ").last!).trimmingCharacters(in: .whitespaces) }
    }

    @Test func issuesOneSummaryReceiptPerDonorWithEveryMentionAndListsWhatItLeavesOut() throws {
        let s = books()
        let before = try s.dump()
        let trial = s.run("recus", "emettre", "--annee", "2025", "--essai", "--sortie", s.path("recus"))
        #expect(trial.code == 0 && trial.out.contains("Essai : 2 reçus seraient émis"), "\(trial.err)")
        #expect(try s.dump() == before && !FileManager.default.fileExists(atPath: s.path("recus")), "--essai writes nothing")

        let r = s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("recus"))
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Sans reçu : T0002 Paul Durand, 1 don (20,00 €) : son adresse postale manque"))
        #expect(r.out.contains("1 don sans tiers (5,00 €) : CA "))
        let lea = try text(s, "recus/2025-0001.md"), ovh = try text(s, "recus/2025-0002.md")
        // Every mention of cerfa 11580*05, in its order.
        let mentions = ["cerfa n° 11580\\*05", "Numéro d'ordre du reçu : **2025-0001**", "Les Amis du Parc", "1 place du Marché, 69001 Lyon",
                        "Objet : Entretenir le parc", "☒ Œuvre ou organisme d'intérêt général", "Nom : Martin", "Prénoms : Léa",
                        "3 rue des Lilas, 75011 Paris", "`***242,60 €***`", "deux cent quarante-deux euros et soixante centimes",
                        "**cumul 2025** (3 versements, du 12/03/2025 au 30/09/2025)", "☒ 200 du CGI", "☒ Déclaration de don manuel",
                        "☒ Autres\n", "☒ Numéraire", "☒ Autres : abandon de frais", "☐ Remise d'espèces", "☒ Chèque",
                        "☒ Virement, prélèvement, carte bancaire", "Fait le ", "Camille Martin, Trésorière"]
        var at = lea.startIndex
        for m in mentions {
            let found = try #require(lea.range(of: m, range: at..<lea.endIndex), "\(m) missing or out of order")
            at = found.upperBound
        }
        #expect(!lea.contains("Cotisation") && !lea.contains("30,00"), "a cotisation is no gift by default")
        for m in ["entreprises au titre de l'article 238 bis", "cerfa n° 16216\\*02", "Dénomination : OVH SAS", "SIREN : 424761419",
                  "`***1\u{202F}000,00 €***`", "mille euros", "☒ 238 bis du code général des impôts"] {
            #expect(ovh.contains(m), "\(m)")
        }
        // The register and the declaration add up to the gifts receipted: 754 credits with a donor who has an address.
        let register = try rows(s.run("recus", "--annee", "2025", "--format", "json"))
        #expect(register.map { $0["numero"] as? String } == ["2025-0001", "2025-0002", "Total des reçus en vigueur"])
        #expect(register.last?["montant"] as? Int == 124260)
        let declaration = s.run("recus", "declaration", "--annee", "2025")
        #expect(declared(declaration) == ["1\u{202F}242,60 €", "2"], "\(declaration.out)")
        #expect(declaration.out.contains("soit le 5 mai 2026"), "\(declaration.out)")
        #expect(declaration.out.contains("demarches-simplifiees.fr/commencer/declaration-des-dons"))
    }

    /// Exercices from July to June: the declaration of 2025 covers the gifts received during the
    /// exercice closed in 2025 (article 222 bis: the last exercice closed), not the calendar
    /// year, and is due three months after its closing. A calendar year's summary receipt
    /// across two exercices is counted, with its gifts of the period only.
    @Test func theDeclarationOfAnExerciceNotOnTheCalendarYearCoversThatExercice() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Les Amis du Parc", "--debut", "2024-07-01").code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", "2025-07-01").code == 0)
        #expect(s.run("association", "--recus", "200", "--qualite", "interet-general", "--adresse", "1 place du Marché, 69001 Lyon",
                      "--objet", "Entretenir le parc", "--signataire", "Camille Martin", "--role-signataire", "Trésorière").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin", "--adresse", "3 rue des Lilas, 75011 Paris").code == 0)
        for (day, amount) in [("2024-09-10", "100"), ("2025-03-01", "50"), ("2025-08-01", "25")] {
            #expect(s.run("saisir", day, "Don", "512=\(amount)", "7541=-\(amount)#T0001").code == 0)
        }
        #expect(s.run("valider").code == 0)
        #expect(s.run("recus", "emettre", "--annee", "2024", "--sortie", s.path("r")).code == 0)
        #expect(s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("r")).code == 0)
        let d = s.run("recus", "declaration", "--annee", "2025")
        #expect(declared(d) == ["150,00 €", "2"], "\(d.out)")
        #expect(d.out.contains("pendant l'exercice 2024-2025 (du 01/07/2024 au 30/06/2025), qui ne coïncide pas avec l'année civile"), "\(d.out)")
        #expect(d.out.contains("Le reçu 2025-0001 couvre aussi des dons d'avant ou d'après la période"), "\(d.out)")
        #expect(d.out.contains("dans les trois mois de la clôture de l'exercice, soit le 30 septembre 2025"), "\(d.out)")
        let next = s.run("recus", "declaration", "--annee", "2026")
        #expect(declared(next) == ["25,00 €", "1"] && next.out.contains("soit le 30 septembre 2026"), "\(next.out)")
    }

    @Test func aReceiptIsFinalACancelledOneStaysAndItsGiftsAreReceiptedAgain() throws {
        let s = books()
        #expect(s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("recus")).code == 0)
        let issued = try text(s, "recus/2025-0001.md")
        // Later changes of the association or the donor leave the text issued as it was.
        #expect(s.run("association", "--adresse", "9 quai Neuf, 69002 Lyon").code == 0)
        #expect(s.run("tiers", "modifier", "T0001", "--nom", "Martin-Roux").code == 0)
        #expect(s.run("recus", "--sortie", s.path("copie")).code == 0)
        #expect(try text(s, "copie/2025-0001.md") == issued)

        try s.refuses(["recus", "emettre", "--annee", "2025"], says: ["aucun reçu à émettre pour 2025", "Déjà couverts : 4 dons", "2025-0001, 2025-0002"])
        try s.refuses(["recus", "annuler", "2025-0009", "--motif", "erreur"], says: ["aucun reçu n° « 2025-0009 »", "compta recus"])
        try s.refuses(["recus", "annuler", "2025-0001"], says: ["une annulation dit pourquoi : compta recus annuler 2025-0001 --motif"])
        try s.refuses(["recus", "annuler", "2025-0001", "--motif", "  "], says: ["une annulation dit pourquoi"])
        let cancelled = s.run("recus", "annuler", "2025-0001", "--motif", "nom du donateur changé")
        #expect(cancelled.code == 0 && cancelled.out.contains("Reçu 2025-0001 (T0001 Léa Martin-Roux, 242,60 €) annulé"), "\(cancelled.err)")
        try s.refuses(["recus", "annuler", "2025-0001", "--motif", "encore"], says: ["le reçu 2025-0001 est déjà annulé", "nom du donateur changé"])

        let again = s.run("recus", "emettre", "--annee", "2025", "--sortie", s.path("recus"))
        #expect(again.code == 0 && again.out.contains("2025-0003"), "\(again.err)")
        #expect(try text(s, "recus/2025-0003.md").contains("Nom : Martin-Roux"))
        let register = try rows(s.run("recus", "--format", "json"))
        #expect(register.compactMap { $0["etat"] as? String }.first?.hasPrefix("annulé le") == true)
        #expect(register.last?["montant"] as? Int == 124260, "the cancelled receipt counts no more")
        let declaration = s.run("recus", "declaration", "--annee", "2025")
        #expect(declared(declaration) == ["1\u{202F}242,60 €", "2"] && declaration.out.contains("1 reçu annulé non compté"), "\(declaration.out)")
    }

    @Test func perGiftCotisationsWhenSaidAndDraftsLeftOut() throws {
        let s = books()
        #expect(s.run("association", "--recus-cotisations", "oui").code == 0)
        #expect(s.run("saisir", "2025-12-01", "Don", "512=15", "7541=-15#T0001").code == 0)
        let r = s.run("recus", "emettre", "--annee", "2025", "--par-don", "--essai")
        #expect(r.code == 0, "\(r.err)")
        // Léa: the cotisation, two gifts and the abandon de frais; OVH: one.
        #expect(r.out.contains("2025-0005") && !r.out.contains("2025-0006"), "\(r.out)")
        #expect(r.out.contains("1 don en brouillard (15,00 €)") && r.out.contains("Validez-les (compta valider)"), "\(r.out)")
        try s.refuses(["association", "--recus-cotisations", "peut-être"], says: ["--recus-cotisations « peut-être » : oui ou non"])
    }

    @Test func refusesUntilTheAssociationCanIssueAndWhenNothingCanBeIssued() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2025-01-01").code == 0)
        try s.refuses(["recus", "emettre", "--annee", "2025"], says: ["l'association n'émet pas de reçus fiscaux", "compta association --recus 200"])
        #expect(s.run("association", "--recus", "200", "--qualite", "utilite-publique", "--signataire", "Camille Martin").code == 0)
        try s.refuses(["recus", "emettre", "--annee", "2025"], says: ["il manque l'adresse, l'objet social et son rôle",
                                                                      "compta association --adresse"])
        #expect(s.run("association", "--adresse", "1 rue A, 75001 Paris", "--objet", "Aider", "--role-signataire", "Président").code == 0)
        try s.refuses(["recus", "emettre", "--annee", "2025"], says: ["aucun don en 2025"])
        #expect(s.run("saisir", "2025-03-01", "Don", "512=50", "7541=-50", "--tiers", "Zoé Petit").code == 0)
        try s.refuses(["recus", "emettre", "--annee", "2025"], says: ["1 don en brouillard (50,00 €)", "écritures validées", "BQ 1"])
        #expect(s.run("valider").code == 0)
        try s.refuses(["recus", "emettre", "--annee", "2025"], says: ["Zoé Petit", "son adresse postale manque", "compta tiers modifier T0001 --adresse"])
        #expect(s.run("tiers", "ajouter", "--organisation", "Boulangerie SARL", "--adresse", "2 rue B, 75002 Paris").code == 0)
        #expect(s.run("saisir", "2025-04-01", "Mécénat", "512=100", "7542=-100#T0002").code == 0)
        #expect(s.run("valider").code == 0)
        try s.refuses(["recus", "emettre", "--annee", "2025"], says: ["Boulangerie SARL", "l'article 238 bis, que l'association ne déclare pas"])
        let misuse = s.run("recus", "emettre", "--annee", "25")
        #expect(misuse.code == 2 && misuse.err.contains("--annee attend une année de quatre chiffres"))
    }
}
