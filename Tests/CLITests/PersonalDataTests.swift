import Foundation
import Testing
@testable import compta
import Ledger
import LedgerStore

/// Issue 22, point 5: a person's data removed on request (anonymiser) or handed to them
/// (exporter), the books unchanged.
@Suite struct PersonalData {
    /// A 2024 ledger: Léa Martin (T0001, with email, address, alias), OVH SAS (T0002), « L.
    /// Martin » (T0003) merged into Léa; Léa's cotisation and gift and T0003's cotisation
    /// validated, an OVH invoice.
    func club() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin", "--email", "lea@exemple.fr", "--adresse", "3 rue des Lilas",
                      "--alias", "MARTIN LEA").code == 0)
        #expect(s.run("tiers", "ajouter", "--organisation", "OVH SAS", "--siren", "424 761 419").code == 0)
        #expect(s.run("saisir", "2024-02-01", "Cotisation Léa Martin", "512=30", "7561#T0001", "--piece", "C1").code == 0)
        #expect(s.run("projets", "ajouter", "FETE", "Fête").code == 0)
        #expect(s.run("saisir", "2024-02-05", "Don", "512=50", "754@FETE#T0001").code == 0)
        #expect(s.run("saisir", "2024-03-01", "Cotisation", "512=20", "7561#L. Martin").code == 0)
        #expect(s.run("saisir", "2024-03-02", "Facture OVH", "6132=12", "401#T0002").code == 0)
        #expect(s.run("tiers", "fusionner", "T0001", "T0003").code == 0)
        #expect(s.run("valider", "--jusqu-au", "2024-12-31").code == 0)
        return s
    }

    @Test func anonymisingRemovesThePersonAndKeepsTheBooks() throws {
        let s = club()
        let balance = s.run("balance", "--format", "csv").out
        let before = try Store.open(path: s.ledger, now: .machine).entries(EntryQuery())
        let r = s.run("tiers", "anonymiser", "léa martin", "--date", "2024-11-30")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "Tiers T0001 anonymisé le 30/11/2024 : il s'affiche désormais « Anonyme T0001 », avec T0003. "
            + "Ses lignes et leurs montants restent ; les libellés des écritures aussi.\n")
        #expect(s.run("verifier").code == 0)
        #expect(s.run("balance", "--format", "csv").out == balance)
        let after = try Store.open(path: s.ledger, now: .machine).entries(EntryQuery())
        #expect(after.map { $0.lines.map(\.debit) } == before.map { $0.lines.map(\.debit) })
        #expect(after.flatMap(\.lines).compactMap(\.tiers).map(\.recorded) == before.flatMap(\.lines).compactMap(\.tiers).map(\.recorded))
        #expect(after.flatMap(\.lines).compactMap(\.tiers).map(\.name).filter { $0 != "OVH SAS" } == ["Anonyme T0001", "Anonyme T0001", "Anonyme T0001"])
        // Nothing personal is left in the record, the merged one, the lists.
        let dump = try s.dump()
        for personal in ["lea@exemple.fr", "Lilas", "MARTIN LEA", "L. Martin", "lea martin"] {
            #expect(!dump.contains(personal), "« \(personal) » still in the ledger")
        }
        #expect(dump.components(separatedBy: "Léa").count == 2 && dump.contains("Cotisation Léa Martin"),
                "only the label an entry was validated with keeps the name")
        #expect(s.run("tiers", "--format", "csv").out.contains("T0001;Anonyme T0001;personne;;\r\n"))
        #expect(s.run("tiers", "voir", "T0001", "--format", "csv").out.contains("Cotisations;756;50,00"))
        #expect(s.run("tiers", "voir", "T0001").out.contains("Anonymisé le 30/11/2024"))
        // The old name finds nobody; typed on a line, it makes a new tiers.
        #expect(s.run("tiers", "martin").out.contains("Aucun tiers de ce nom"))
        try s.refuses(["tiers", "voir", "Léa Martin"], says: ["aucun tiers ne s'appelle « Léa Martin »"])
        #expect(s.run("saisir", "2024-04-01", "Cotisation", "512=30", "7561#Léa Martin").out.hasPrefix("Tiers créé : T0004 « Léa Martin »."))
    }

    /// Two records of one person, merged: the name they share designates the one kept, and
    /// anonymising it by that name takes both.
    @Test func aMergedNameDesignatesTheKeptRecord() throws {
        let s = club()
        #expect(s.run("tiers", "ajouter", "--prenom", "Zoé", "--nom", "Petit").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Zoé", "--nom", "Petit", "--email", "zoe@exemple.fr").code == 0)
        #expect(s.run("tiers", "fusionner", "T0004", "T0005").code == 0)
        let r = s.run("tiers", "anonymiser", "Zoé Petit", "--date", "2024-12-15")
        #expect(r.code == 0 && r.out.hasPrefix("Tiers T0004 anonymisé le 15/12/2024") && r.out.contains("avec T0005"), "\(r.err)")
        #expect(!(try s.dump()).contains("zoe@exemple.fr"))
    }

    @Test func anonymisingIsRefusedWhereItMustBe() throws {
        let s = club()
        try s.refuses(["tiers", "anonymiser", "T0002"], says: ["T0002 (OVH SAS) est une organisation", "données personnelles", "compta tiers modifier T0002"])
        try s.refuses(["tiers", "anonymiser", "T0003"], says: ["T0003 (L. Martin) est fusionné dans T0001", "compta tiers anonymiser T0001"])
        try s.refuses(["tiers", "anonymiser", "T0042"], says: ["aucun tiers T0042"])
        try s.refuses(["tiers", "anonymiser", "Personne"], says: ["aucun tiers ne s'appelle « Personne »"])
        try s.refuses(["tiers", "anonymiser", "T0001", "--date", "2024-13-01"], says: ["--date"])
        #expect(s.run("tiers", "anonymiser", "T0001", "--date", "2024-11-30").code == 0)
        try s.refuses(["tiers", "anonymiser", "T0001"], says: ["T0001 a été anonymisé le 30/11/2024"])
        for change in [["--nom", "Martin"], ["--email", "lea@exemple.fr"], ["--alias", "MARTIN LEA"]] {
            try s.refuses(["tiers", "modifier", "T0001"] + change,
                          says: ["T0001 a été anonymisé le 30/11/2024 (RGPD)", "ne se redonnent pas à cette fiche",
                                 "créez-lui une nouvelle fiche : compta tiers ajouter"])
        }
    }

    /// An anonymised tiers is merged with no live one, either way: its record would get a
    /// person's names (and their lines), or a named person its lines. Two anonymised ones merge.
    @Test func anAnonymisedTiersIsNotMergedWithALiveOne() throws {
        let s = club()
        #expect(s.run("tiers", "ajouter", "--prenom", "Paul", "--nom", "Durand").code == 0)
        #expect(s.run("saisir", "2024-04-01", "Don Paul", "512=40", "754#T0004").code == 0)
        #expect(s.run("tiers", "anonymiser", "T0001", "--date", "2024-11-30").code == 0)
        for (kept, absorbed) in [("T0001", "T0004"), ("T0004", "T0001")] {
            try s.refuses(["tiers", "fusionner", kept, absorbed],
                          says: ["a été anonymisé le 30/11/2024 (RGPD) et T0004 (Paul Durand) ne l'est pas", "Gardez les deux fiches",
                                 "compta tiers anonymiser T0004"])
        }
        #expect(s.run("tiers", "anonymiser", "T0004").code == 0)
        let merged = s.run("tiers", "fusionner", "T0001", "T0004")
        #expect(merged.code == 0, "\(merged.err)")
    }

    /// The seam issue 24 fills: no reason to keep exists today, and its message says until when.
    @Test func aReasonToKeepSaysUntilWhen() throws {
        let store = try Store.inMemory(start: Day(year: 2024, month: 1, day: 1)!, now: .machine)
        let lea = try store.addTiers(TiersFields(firstName: "Léa", lastName: "Martin"))
        #expect(try store.anonymiseTiers(lea.code, on: Day(year: 2024, month: 6, day: 1)!).tiers.name == "Anonyme T0001")
        let reason = RetentionReason(kind: .taxReceipt, reference: "2024-0007", keptUntil: Day(year: 2030, month: 12, day: 31)!)
        #expect(Messages.tiers(.mustBeKept(lea, [reason])) == "les données de T0001 (Léa Martin) doivent encore être gardées : "
            + "le reçu fiscal 2024-0007 lui a été délivré et se garde jusqu'au 31/12/2030 (l'anonymisation sera possible le 01/01/2031).")
    }

    @Test func exportingGivesEverythingTheLedgerHolds() throws {
        let s = club()
        let csv = s.run("tiers", "exporter", "Léa Martin", "--format", "csv")
        #expect(csv.code == 0, "\(csv.err)")
        let sections = csv.out.dropFirst().components(separatedBy: "\r\n\r\n")
        #expect(sections.count == 4)
        #expect(sections[0] == "Fiche\r\nChamp;Valeur\r\nCode;T0001\r\nSorte;personne\r\nNom affiché;Léa Martin\r\nPrénom;Léa\r\nNom;Martin\r\n"
            + "Raison sociale;\r\nSIREN;\r\nCourriel;lea@exemple.fr\r\nAdresse;3 rue des Lilas\r\nAutres noms;MARTIN LEA\r\nAnonymisé le;")
        #expect(sections[1].hasSuffix("\r\nT0003;L. Martin;personne;;;;"))
        #expect(sections[2] == "Lignes\r\nDate;Journal;N°;Pièce;Libellé;Compte;Débit;Crédit;Projet;Tiers inscrit\r\n"
            + "01/02/2024;BQ;1;C1;Cotisation Léa Martin;7561;0,00;30,00;;T0001\r\n"
            + "05/02/2024;BQ;2;;Don;754;0,00;50,00;FETE;T0001\r\n"
            + "01/03/2024;BQ;3;;Cotisation;7561;0,00;20,00;;T0003")
        #expect(sections[3] == "Totaux\r\n;Compte;Montant\r\nCotisations;756;50,00\r\nDons;754;50,00\r\n")
        let json = s.run("tiers", "exporter", "T0002").out
        #expect(json.contains(#"{"style": "normal", "champ": "SIREN", "valeur": "424761419"}"#), "\(json)")
        #expect(json.contains(#""date": "2024-03-02", "journal": "OD", "numero": 4, "piece": "", "libelle": "Facture OVH", "compte": "401", "debit": 0, "credit": 1200"#))
        #expect(json.contains(#"{"style": "normal", "poste": "Dû par l'association", "compte": "401", "montant": 1200}"#))
        // To a file; the record once anonymised holds nothing personal.
        #expect(s.run("tiers", "anonymiser", "T0001").code == 0)
        let file = s.path("lea.json")
        #expect(s.run("tiers", "exporter", "T0001", "--sortie", file).out == "Données de T0001 : \(file) écrit.\n")
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written.contains(#""valeur": "Anonyme T0001""#) && !written.contains("lea@exemple.fr") && !written.contains("L. Martin"))
        let r = s.run("tiers", "exporter", "T0001", "--format", "md")
        #expect(r.code == 2 && r.err.contains("json ou en csv"))
        try s.refuses(["tiers", "exporter", "T0099"], says: ["aucun tiers T0099"])
    }
}
