import Foundation
import Testing
@testable import compta
import LedgerStore
import Ledger

/// HelloAsso (issue 23): exports imported by `compta importer`, booked against the transit
/// account with their payers, payouts matched with the bank statement, every bad input refused
/// with nothing written.
@Suite struct HelloAssoCommands {
    static func fixture(_ name: String) -> String { packageURL("Fixtures/helloasso/\(name)").path }

    func ledger() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Les Amis du Lavoir", "--debut", "2025-01-01").code == 0)
        return s
    }

    func imports(_ s: Sandbox, _ names: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        for name in names {
            let r = s.run("importer", Self.fixture(name))
            #expect(r.code == 0, "\(name): \(r.err)", sourceLocation: sourceLocation)
        }
    }

    /// The ledger's entries after the first `skipping`, as the `.attendu` files write them:
    /// pièce;date;compte;débit;crédit;tiers.
    func lines(_ s: Sandbox, skipping: Int = 0) throws -> [String] {
        let store = try Store.open(path: s.ledger, now: .machine)
        return try store.entries(EntryQuery()).dropFirst(skipping).filter { $0.piece?.hasPrefix("HA-") == true }.flatMap { e in
            e.lines.map { l in
                [e.piece ?? "", e.date.iso, l.account.text, l.debit.isZero ? "" : l.debit.plain, l.credit.isZero ? "" : l.credit.plain,
                 l.tiers?.name ?? ""].joined(separator: ";")
            }
        }
    }

    func expected(_ name: String) throws -> [String] {
        sorted(try String(contentsOfFile: Self.fixture(name + ".attendu"), encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && $0.contains(";") && !$0.split(separator: ";")[0].contains("=") }.map(String.init))
    }

    /// By piece, then account: the order of an entry's lines is not what is tested.
    func sorted(_ lines: [String]) -> [String] {
        lines.sorted { ($0.split(separator: ";")[0], $0.split(separator: ";")[2]) < ($1.split(separator: ";")[0], $1.split(separator: ";")[2]) }
    }

    @Test(arguments: ["paiements-mars.csv", "paiements-mars-tableur.csv", "adhesion-2025.csv", "camp-chatons-2025.csv", "soutenir-le-lavoir.csv",
                      "versement-2025-04-10.csv"])
    func anExportBooksItsExpectedEntries(name: String) throws {
        let s = ledger()
        imports(s, name)
        #expect(sorted(try lines(s)) == (try expected(name)))
    }

    @Test(arguments: ["paiements-avril.csv", "versement-2025-05-10.csv"])
    func aLaterExportAddsOnlyItsNewPayments(name: String) throws {
        let s = ledger()
        imports(s, "paiements-mars.csv")
        imports(s, name)
        #expect(sorted(try lines(s, skipping: 5)) == (try expected(name)))
    }

    /// Before any export, `compta helloasso` says what to do, not that everything has arrived.
    @Test func aLedgerWithoutHelloAssoSaysHowToBegin() {
        let s = Sandbox.tour()
        let r = s.run("helloasso")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Le livre ne tient encore aucun paiement ni versement HelloAsso : importez un export"), "\(r.out)")
        #expect(!r.out.contains("tout ce que HelloAsso a encaissé"))
    }

    @Test func importingAgainAddsNothing() throws {
        let s = ledger()
        imports(s, "paiements-mars.csv", "versement-2025-05-10.csv")
        let before = try s.dump()
        for name in ["paiements-mars.csv", "paiements-mars-tableur.csv", "versement-2025-04-10.csv", "versement-2025-05-10.csv"] {
            let r = s.run("importer", Self.fixture(name))
            #expect(r.code == 0 && r.out.contains("écritures ajoutées : 0"), "\(name): \(r.out)")
        }
        // The April payout export adds its payout, nothing else.
        #expect(try s.dump().components(separatedBy: "\n").count == before.components(separatedBy: "\n").count + 1)
    }

    /// The month's exports and bank statement, in either order: every payout matched, the
    /// transit account at zero.
    @Test(arguments: [["releve-avril-mai.csv", "paiements-mars.csv", "versement-2025-04-10.csv", "versement-2025-05-10.csv"],
                      ["paiements-mars.csv", "versement-2025-05-10.csv", "versement-2025-04-10.csv", "releve-avril-mai.csv"]])
    func eitherOrderLeavesTheTransitAccountAtZero(order: [String]) throws {
        let s = ledger()
        for name in order { imports(s, name) }
        let r = s.run("helloasso")
        #expect(r.code == 0)
        #expect(r.out.contains("Compte de transit 51151 : solde 0,00 €"), "\(r.out)")
        #expect(r.out.contains("1234567") && r.out.contains("7654321") && !r.out.contains("Paiements pas encore versés"), "\(r.out)")
        #expect(s.run("attente").out.contains("PRLV HELLOASSO"))
    }

    @Test func aPayoutWhoseBankLineDiffersShowsTheDifference() throws {
        let s = ledger()
        imports(s, "paiements-mars.csv", "paiements-avril.csv", "releve-avril-mai.csv")
        let r = s.run("helloasso")
        #expect(r.out.contains("la banque a reçu 75,00 €, ses paiements font 120,00 € (écart -45,00 €)"), "\(r.out)")
        #expect(r.out.contains("solde 45,00 €"))
        // The payout export brings the refund: matched, zero.
        imports(s, "versement-2025-05-10.csv")
        #expect(s.run("helloasso").out.contains("solde 0,00 €"))
    }

    @Test func aCampaignGoesToItsAccountAndProject() throws {
        let s = ledger()
        #expect(s.run("projets", "ajouter", "CAMP", "Camp CHATONS").code == 0)
        let r = s.run("helloasso", "campagnes", "ajouter", "camp chatons 2025", "7063", "--projet", "CAMP")
        #expect(r.code == 0 && r.out.contains("7063, projet CAMP"), "\(r.err)")
        #expect(r.out.contains("Aucun paiement importé n'en est encore"), "\(r.out)")
        imports(s, "paiements-mars.csv")
        let journal = s.run("journal", "--format", "csv").out
        #expect(journal.contains("7063") && journal.contains("CAMP") && !journal.contains(";706;"))
        #expect(s.run("helloasso", "campagnes").out.contains("camp chatons 2025"))
        _ = try s.refuses(["helloasso", "campagnes", "ajouter", "Adhésion 2025", "756", "--projet", "NUL"], says: ["NUL"])
    }

    /// A campaign no import has read, named like one that it has: a typo, refused with the names
    /// read; --nouvelle says it is a campaign to come. A name read, or like none, is taken.
    @Test func aCampaignNamedLikeAnImportedOneIsATypo() throws {
        let s = ledger()
        imports(s, "paiements-mars.csv")
        _ = try s.refuses(["helloasso", "campagnes", "ajouter", "Camp CHATON 2025", "706"],
                          says: ["aucun paiement importé n'est de la campagne « Camp CHATON 2025 », mais une campagne proche l'est : « Camp CHATONS 2025 »",
                                 "compta helloasso campagnes ajouter \"Camp CHATONS 2025\" COMPTE", "ajoutez --nouvelle", "Rien n'a été écrit"])
        _ = try s.refuses(["helloasso", "campagnes", "ajouter", "Adhesion 2024", "756"], says: ["« Adhésion 2025 »"])
        let next = s.run("helloasso", "campagnes", "ajouter", "Camp CHATONS 2026", "706", "--nouvelle")
        #expect(next.code == 0 && next.out.contains("Aucun paiement importé n'en est encore"), "\(next.err)")
        let read = s.run("helloasso", "campagnes", "ajouter", "adhésion 2025", "7561")
        #expect(read.code == 0 && !read.out.contains("Aucun paiement importé"), "\(read.err)")
        let other = s.run("helloasso", "campagnes", "ajouter", "Kermesse de juin", "706")
        #expect(other.code == 0 && other.out.contains("Aucun paiement importé n'en est encore"), "\(other.err)")
        let list = s.run("helloasso", "campagnes").out
        #expect(list.contains("Camp CHATONS 2026") && !list.contains("CHATON 2025") && !list.contains("Adhesion 2024"), "\(list)")
    }

    @Test func aDryRunWritesNothingAndJSONListsTheEntries() throws {
        let s = ledger()
        let before = try s.dump()
        let r = s.run("importer", Self.fixture("paiements-mars.csv"), "--essai", "--format", "json")
        #expect(r.code == 0 && r.out.contains("HA-5006"), "\(r.err)")
        #expect(try s.dump() == before)
    }

    @Test func aGiftHelloAssoReceiptedGetsNoSecondReceipt() throws {
        let s = ledger()
        #expect(s.run("association", "--recus", "200", "--qualite", "interet-general", "--adresse", "1 place du Lavoir, 26000 Valence",
                      "--objet", "Faire vivre le lavoir", "--signataire", "Camille Martin", "--role-signataire", "Trésorière").code == 0)
        imports(s, "paiements-mars.csv", "paiements-avril.csv")
        #expect(s.run("tiers", "modifier", "Inès Petit", "--adresse", "5 rue Haute, 26000 Valence").code == 0)
        #expect(s.run("valider").code == 0)
        let r = s.run("recus", "emettre", "--annee", "2025", "--essai")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Reçus émis par HelloAsso : 1 don (100,00 €), sans second reçu"), "\(r.out)")
        #expect(r.out.contains("50,00"), "\(r.out)")
    }

    static let header = "Référence commande;Référence paiement;Montant total;Date du paiement;Statut du paiement;Versé;Date du versement;Nom payeur;Prénom payeur;Email payeur;Campagne;Type de campagne;Montant du tarif;Montant des options;Don supplémentaire;Montant du code promo;Moyen de paiement\n"

    @Test func badExportsAreRefusedWithNothingWritten() throws {
        let s = ledger()
        imports(s, "paiements-mars.csv")
        _ = try s.refuses(["importer", Self.fixture("autre-plateforme.csv")], says: ["autre-plateforme.csv, ligne 1", "c'est un export PayPal"])
        let sum = s.write("somme.csv", Self.header + "9;9001;45,00;03/04/2025 18:23:13;Payé;Non;;Baron;David;;Camp;Billetterie;40,00;;;;Carte bancaire\n")
        _ = try s.refuses(["importer", sum], says: ["somme.csv, ligne 2", "total 45,00 € ≠ tarif 40,00 + options 0,00 + don 0,00 − code promo 0,00 = 40,00 €"])
        let type = s.write("type.csv", Self.header + "9;9001;45,00;03/04/2025;Payé;Non;;Baron;David;;Loto;Tombola;45,00;;;;Carte bancaire\n")
        _ = try s.refuses(["importer", type], says: ["type.csv, ligne 2", "type de campagne inconnu « Tombola »"])
        let date = s.write("date.csv", Self.header + "9;9001;45,00;32/03/2025 18:23:13;Payé;Non;;Baron;David;;Camp;Billetterie;45,00;;;;Carte bancaire\n")
        _ = try s.refuses(["importer", date], says: ["date.csv, ligne 2 : colonne « Date du paiement » : la date « 32/03/2025 18:23:13 » n'existe pas",
                                                     "HelloAsso écrit ses dates JJ/MM/AAAA", "téléchargez de nouveau l'export depuis HelloAsso"])
        let amount = s.write("montant.csv", Self.header + "9;9001;45,00;03/04/2025;Payé;Non;;Baron;David;;Camp;Billetterie;4O,00;;5,00;;Carte bancaire\n")
        _ = try s.refuses(["importer", amount], says: ["montant.csv, ligne 2 : colonne « Montant du tarif » : montant illisible « 4O,00 »",
                                                       "avec une virgule décimale (45,00)", "corrigez-la, ou téléchargez de nouveau l'export"])
        let refund = s.write("versement.csv", """
            cashOutId;cashOutDate;campaignType;campaignName;operationType;credit;debit;orderId;paymentId;paymentDate;paymentMethod;paymentStatus
            1;10/05/2025;Event;Camp;Debit;;45.00;1;777;28/03/2025;Card;Refunded

            """)
        _ = try s.refuses(["importer", refund], says: ["versement.csv, ligne 2", "remboursement du paiement 777 (commande 1), que le livre n'a pas"])
        let bonus = s.write("bonus.csv", Self.payoutHeader + "1;10/05/2025;Event;Fête;Bonus;5.00;;8;80;02/04/2025;Card;Paid;;;Roux;Lou;;\n")
        _ = try s.refuses(["importer", bonus], says: ["bonus.csv, ligne 2 : opération de versement inconnue « Bonus »", "Signalez-le"])
        let cancelled = s.write("annule.csv", Self.payoutHeader + "1;10/05/2025;Event;Fête;RefundCancelled;5.00;;8;80;02/04/2025;Card;Paid;;;Roux;Lou;;\n")
        _ = try s.refuses(["importer", cancelled], says: ["annule.csv, ligne 2 : « RefundCancelled »", "Retirez cette ligne du fichier"])
    }

    /// An export is read and recorded by chunks of 4 096 payments: all of them, or none when a
    /// row of a later chunk is refused.
    @Test func aLargeExportIsRecordedWholeOrNotAtAll() throws {
        let s = ledger()
        let rows = (1...5000).map { i in "\(i);\(i);20,00;02/03/2025 10:15:02;Payé;Non;;Nom\(i % 40);Prénom;p\(i % 40)@example.org;Adhésion 2025;Adhésion;20,00;;;;Carte bancaire\n" }
        var bad = rows
        bad[4500] = "4501;4501;20,00;02/03/2025;Payé;Non;;Nom;Prénom;;Adhésion 2025;Adhésion;25,00;;;;Carte bancaire\n"
        _ = try s.refuses(["importer", s.write("gros-faux.csv", Self.header + bad.joined())], says: ["gros-faux.csv, ligne 4502"])
        let r = s.run("importer", s.write("gros.csv", Self.header + rows.joined()))
        #expect(r.code == 0 && r.out.contains("Paiements lus : 5000 · écritures ajoutées : 5000") && r.out.contains("Tiers créés : 40"), "\(r.out)\(r.err)")
    }

    @Test func aPaymentInAClosedExerciceIsRefused() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Les Amis du Lavoir", "--debut", "2024-01-01").code == 0)
        #expect(s.run("saisir", "2024-06-01", "Don", "512=10", "7541").code == 0)
        #expect(s.run("valider").code == 0)
        #expect(s.run("cloturer", "--exercice", "2024").code == 0)
        let file = s.write("paiements.csv", Self.header + "9;9001;45,00;30/12/2024 18:23:13;Payé;Non;;Baron;David;;Camp;Billetterie;45,00;;;;Carte bancaire\n")
        _ = try s.refuses(["importer", file], says: ["paiements.csv, ligne 2", "clôturé"])
    }

    static let payoutHeader = "cashOutId;cashOutDate;campaignType;campaignName;operationType;credit;debit;orderId;paymentId;paymentDate;paymentMethod;paymentStatus;designation;payerCompany;payerLastName;payerFirstName;payerEmail;payerSiren\n"

    /// A campaign's export gives orders, not payments: the refund of one of its payments, in a
    /// later payout, reverses the order's entry, whole or in part; once.
    @Test func aRefundOfAnOrderOnlyACampaignExportGaveReversesItsEntry() throws {
        let s = ledger()
        imports(s, "adhesion-2025.csv")
        let payout = s.write("versement.csv", Self.payoutHeader
            + "9;10/05/2025;Membership;Adhésion 2025;OneTimePayment;20.00;;82011;5011;13/04/2025 19:05:41;Card;Paid;Tarif plein;;Durand;Léa;lea.durand@example.org;\n"
            + "9;10/05/2025;Membership;Adhésion 2025;Debit;;12.00;82010;5010;12/04/2025 08:30:00;Card;Refunded;Tarif jeune;;Roux;Antoine;antoine.roux@example.org;\n"
            + "9;10/05/2025;Membership;Adhésion 2025;Debit;;5.00;82011;5012;13/04/2025 19:05:41;Card;PartiallyRefunded;Tarif plein;;Durand;Léa;lea.durand@example.org;\n")
        let r = s.run("importer", payout)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("déjà dans le livre : 1"), "\(r.out)")
        #expect(sorted(try lines(s, skipping: 2)) == sorted([
            "HA-R5010;2025-05-10;756;12,00;;Chloé Roux", "HA-R5010;2025-05-10;51151;;12,00;Antoine Roux",
            "HA-R5012;2025-05-10;756;5,00;;Léa Durand", "HA-R5012;2025-05-10;51151;;5,00;Léa Durand",
        ]))
        // The payout (20 − 12 − 5 = 3) is what the two orders left in the transit account.
        #expect(s.run("helloasso").out.contains("Versements pas encore sur le relevé bancaire"))
        let again = s.run("importer", payout)
        #expect(again.code == 0 && again.out.contains("écritures ajoutées : 0"), "\(again.out)")
        // Not known at all, by payment nor by order: refused, saying which exports bring it.
        let unknown = s.write("inconnu.csv", Self.payoutHeader
            + "9;10/05/2025;Membership;Adhésion 2025;Debit;;12.00;99999;5099;12/04/2025;Card;Refunded;;;Roux;Antoine;;\n")
        _ = try s.refuses(["importer", unknown], says: ["inconnu.csv, ligne 2", "remboursement du paiement 5099 (commande 99999)",
                                                         "l'export de sa campagne"])
    }

    /// The days between a payout and its bank line are a setting of the ledger: shown, changed,
    /// refused out of range, and used by `compta helloasso`.
    @Test func thePayoutWindowIsASettingOfTheLedger() throws {
        let s = ledger()
        imports(s, "paiements-mars.csv", "versement-2025-04-10.csv")
        let late = s.run("importer", s.write("releve.csv", "Date;Libellé;Montant\n25/04/2025;VIR HELLOASSO;160,00\n"))
        #expect(late.code == 0, "\(late.err)")
        #expect(s.run("helloasso", "fenetre").out == "Fenêtre des versements HelloAsso : 10 jours après la date du versement.\n")
        #expect(s.run("helloasso").out.contains("Versements pas encore sur le relevé bancaire"))
        let r = s.run("helloasso", "fenetre", "20")
        #expect(r.code == 0 && r.out.contains("20 jours"), "\(r.err)")
        #expect(s.run("helloasso", "fenetre").out.contains(" 20 jours"))
        let state = s.run("helloasso").out
        #expect(state.contains("Versements rapprochés") && !state.contains("pas encore sur le relevé"), "\(state)")
        _ = try s.refuses(["helloasso", "fenetre", "61"], says: ["61 jours", "de 0 à 60", "compta helloasso fenetre 10"])
        _ = try s.refuses(["helloasso", "fenetre", "-1"], says: ["nombre de jours négatif (-1) entre un versement HelloAsso", "le jour même ou après",
                                                                "de 0 à 60"])
        #expect(s.run("helloasso", "fenetre", "1").out.hasPrefix("Fenêtre des versements HelloAsso : 1 jour après la date du versement."))
        #expect(s.run("helloasso", "fenetre", "0").out.hasPrefix("Fenêtre des versements HelloAsso : 0 jour (la ligne de relevé doit être du jour même du versement)."))
        #expect(s.run("helloasso", "fenetre", "dix").code == 2)
        // The pointage's window is another setting: unchanged.
        #expect(s.run("pointage", "fenetre").out.contains("10 jours"))
    }

    /// Two payers whose fields, joined by « | », would read the same are two payers.
    @Test func twoPayersAreNeverOneByTheirSpelling() throws {
        let s = ledger()
        let file = s.write("paiements.csv", Self.header
            + "1;9001;20,00;02/03/2025;Payé;Non;;Martin;Jean|Paul;a@example.org;Adhésion 2025;Adhésion;20,00;;;;Carte bancaire\n"
            + "2;9002;20,00;02/03/2025;Payé;Non;;Martin;Paul;a@example.org|Jean;Adhésion 2025;Adhésion;20,00;;;;Carte bancaire\n")
        let r = s.run("importer", file)
        #expect(r.code == 0 && r.out.contains("Tiers créés : 2"), "\(r.out)\(r.err)")
    }

    /// The payout export's payerSiren: an organisation payer is found by it, or created with it.
    @Test func anOrganisationPayerIsKnownByItsSiren() throws {
        let s = ledger()
        #expect(s.run("tiers", "ajouter", "--organisation", "Fabrique du Lavoir", "--siren", "732829320").code == 0)
        let payout = s.write("versement.csv", Self.payoutHeader
            + "9;10/05/2025;Donation;Dons;OneTimeDonation;30.00;;8;80;02/04/2025;Card;Paid;Don;La Fabrique SARL;;;f@example.org;732 829 320\n")
        let r = s.run("importer", payout)
        #expect(r.code == 0 && !r.out.contains("Tiers créés"), "\(r.out)\(r.err)")
        #expect(try lines(s).contains("HA-80;2025-04-02;51151;30,00;;Fabrique du Lavoir"))
    }
}

