import Foundation
import Testing
@testable import compta
import Ledger
@testable import LedgerStore

/// The bank import gives each line its tiers: a rule's, its group `(?<tiers>…)`'s, or the name
/// a known label shape finds; a name is an existing tiers (name, alias, the keeper of a merged
/// one) or a new one, which the summary names.
@Suite struct ImportTiers {
    static let statement = """
        date;libelle;montant
        05/03/2024;PRLV SEPA OVH SAS FACTURE FR2024031187;-120,00
        06/03/2024;VIR SEPA RECU /DE MARTIN LEA /MOTIF COTISATION 2024;30,00
        06/03/2024;VIR SEPA RECU /DE PAUL DURAND /MOTIF COTISATION 2024;30,00
        07/03/2024;VIR SEPA RECU /DE PAUL  Durand /MOTIF DON;50,00
        08/03/2024;VIR SEPA RECU HELLOASSO VERSEMENT 03/2024;100,00
        12/03/2024;FRAIS TENUE DE COMPTE 03/2024;-5,31

        """
    static let columns = ["--colonnes", "date=1,libelle=2,montant=3"]

    /// A 2024 ledger with Léa Martin (T0001, alias « MARTIN LEA »), OVH SAS (T0002), and rules:
    /// OVH (its tiers from the label), HelloAsso (no tiers), cotisations (the group's name).
    func club() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin", "--alias", "MARTIN LEA").code == 0)
        #expect(s.run("tiers", "ajouter", "--organisation", "OVH SAS").code == 0)
        #expect(s.run("regles", "ajouter", "OVH", "6132").code == 0)
        #expect(s.run("regles", "ajouter", "HELLOASSO", "7562", "--tiers", "aucun").code == 0)
        let capture = s.run("regles", "ajouter", "/DE (?<tiers>.+?) /MOTIF COTIS", "7562", "--regex", "--tiers", "capture")
        #expect(capture.code == 0, "\(capture.err)")
        return s
    }

    func tiersOfLines(_ s: Sandbox) throws -> [String] {
        try Store.open(path: s.ledger, now: .machine).entries(EntryQuery()).map { e in
            "\(e.lines[1].account.text) \(e.lines[1].tiers?.code ?? "-")"
        }
    }

    @Test func linesTakeTheirTiersAndTheSummaryNamesThoseCreated() throws {
        let s = club()
        let file = s.write("releve.csv", Self.statement)
        let trial = s.run(["importer", file] + Self.columns + ["--essai"])
        #expect(trial.out.contains("Tiers : 4 lignes nouvelles avec un tiers · 1 tiers serait créé"), "\(trial.out)\(trial.err)")
        #expect(trial.out.contains("T0003  PAUL DURAND"))
        #expect(s.run("tiers", "--format", "csv").out.components(separatedBy: "\r\n").count == 4, "the trial created no tiers")
        let r = s.run(["importer", file] + Self.columns + ["--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Tiers : 4 lignes nouvelles avec un tiers · 1 tiers créé"), "\(r.out)")
        // OVH by the shape « PRLV SEPA X », Léa by her alias, Paul created once for two lines (the
        // rule's group, then the shape « /DE X / » on a line waiting in 471), HelloAsso's payout nobody's.
        #expect(try tiersOfLines(s) == ["6132 T0002", "7562 T0001", "7562 T0003", "471 T0003", "7562 -", "471 -"])
        #expect(s.run("tiers", "voir", "T0003").out.contains("PAUL DURAND"))
    }

    @Test func aMergedTiersGivesItsKeeperAndANameOfTwoGivesNone() throws {
        let s = club()
        #expect(s.run("tiers", "ajouter", "--nom", "Paul Durand").code == 0)  // T0003
        #expect(s.run("tiers", "ajouter", "--nom", "Martin Lea").code == 0)   // T0004: « MARTIN LEA » is now two tiers' name
        #expect(s.run("tiers", "ajouter", "--nom", "P Durand").code == 0)     // T0005, merged into T0003
        #expect(s.run("tiers", "fusionner", "T0003", "T0005").code == 0)
        let text = Self.statement.replacingOccurrences(of: "/DE PAUL  Durand", with: "/DE P DURAND")
        let r = s.run(["importer", s.write("releve.csv", text)] + Self.columns)
        #expect(r.code == 0, "\(r.err)")
        #expect(try tiersOfLines(s) == ["6132 T0002", "7562 -", "7562 T0003", "471 T0003", "7562 -", "471 -"])
        #expect(r.out.contains("aucun tiers créé"), "\(r.out)")
        #expect(r.out.contains("1 nom désigne plusieurs tiers : leurs lignes restent sans tiers"))
        #expect(r.out.contains("MARTIN LEA") && r.out.contains("T0001 Léa Martin, T0004 Martin Lea"))
    }

    @Test func sansTiersGivesNone() throws {
        let s = club()
        let r = s.run(["importer", s.write("releve.csv", Self.statement)] + Self.columns + ["--sans-tiers"])
        #expect(r.code == 0 && !r.out.contains("Tiers :"), "\(r.out)\(r.err)")
        #expect(try tiersOfLines(s).allSatisfy { $0.hasSuffix(" -") })
    }

    /// A rule's fixed tiers; a code no tiers has refuses the import, which writes nothing.
    @Test func aRuleFixesTheTiers() throws {
        let s = club()
        #expect(s.run("regles", "ajouter", "FRAIS", "627", "--tiers", "Banque Locale", "--position", "1").code == 0)
        #expect(s.run("regles").out.contains("Banque Locale"))
        #expect(s.run("regles", "exporter").out.contains(";627;;;Banque Locale\r\n"))
        #expect(s.run("regles", "exporter").out.contains(";7562;;;aucun\r\n"))
        let file = s.write("releve.csv", Self.statement)
        #expect(s.run(["importer", file] + Self.columns).code == 0)
        #expect(try tiersOfLines(s).last == "627 T0004")
        #expect(s.run("tiers", "voir", "T0004").out.contains("Banque Locale"))

    }

    /// A rule's fixed tiers code is checked when the rule is recorded (added, or loaded from a
    /// file); a rule recorded before that check is named by the import it stops.
    @Test func aRuleFixingAnUnknownCodeIsRefusedNamingTheRule() throws {
        let s = club()
        try s.refuses(["regles", "ajouter", "FRAIS", "627", "--tiers", "T0099", "--position", "1"],
                      says: ["la règle n° 1 « FRAIS » donne le tiers T0099, mais aucun tiers du livre n'a ce code", "compta tiers ajouter"])
        let file = s.write("regles.csv", "position;motif;compte;tiers\n1;OVH;6132;T0002\n2;FRAIS;627;t99\n")
        try s.refuses(["regles", "importer", file], says: ["la règle n° 2 « FRAIS » donne le tiers T0099"])
        try s.refuses(["importer", s.write("releve.csv", Self.statement), "--regles", file] + Self.columns, says: ["règle n° 2 « FRAIS »", "T0099"])
        #expect(s.run("regles", "ajouter", "FRAIS", "627", "--tiers", "T0002", "--position", "1").code == 0)

        let older = club()
        try Database(path: older.ledger).execute("""
            DELETE FROM rule; INSERT INTO rule(position, pattern, regex, direction, account, tiers) VALUES (1, 'FRAIS', 0, 0, '627', 'T0099')
            """)
        try older.refuses(["importer", older.write("releve.csv", Self.statement)] + Self.columns,
                          says: ["la règle n° 1 « FRAIS » donne le tiers T0099", "compta regles supprimer 1", "Rien n'a été importé."])
    }

    /// `affecter` keeps the tiers the import gave the waiting line: on a draft, and in the OD
    /// that files a validated one.
    @Test func affecterKeepsTheImportsTiers() throws {
        let s = club()
        #expect(s.run(["importer", s.write("releve.csv", Self.statement)] + Self.columns).code == 0)
        #expect(s.run("affecter", "4", "754").code == 0)
        #expect(try tiersOfLines(s)[3] == "754 T0003")

        let v = club()
        #expect(v.run(["importer", v.write("releve.csv", Self.statement)] + Self.columns).code == 0)
        #expect(v.run("valider", "--jusqu-au", "2024-12-31").code == 0)
        let r = v.run("affecter", "4", "754")
        #expect(r.code == 0, "\(r.err)")
        let od = try Store.open(path: v.ledger, now: .machine).entries(EntryQuery()).first { $0.lines.contains { $0.account.text == "754" } }!
        #expect(od.lines.map { "\($0.account.text) \($0.tiers?.code ?? "-")" }.sorted() == ["471 T0003", "754 T0003"])
        #expect(v.run("affecter", "6", "627", "--tiers", "T0002").code == 0)
        let fee = try Store.open(path: v.ledger, now: .machine).entries(EntryQuery()).first { $0.lines.contains { $0.account.text == "627" } }!
        #expect(fee.lines.first { $0.account.text == "627" }?.tiers?.code == "T0002")
    }

    @Test func rulesThatCannotGiveATiersAreRefused() throws {
        let s = club()
        try s.refuses(["regles", "ajouter", "/DE (?<nom>.+?) /MOTIF", "7562", "--regex"], says: ["(?<nom>…)", "doit s'appeler (?<tiers>…)"])
        try s.refuses(["regles", "ajouter", "/DE (.+?) /MOTIF", "7562", "--regex", "--tiers", "capture"],
                      says: ["pas de groupe (?<tiers>…)", "ajoutez-le"])
        try s.refuses(["regles", "ajouter", "OVH", "604", "--tiers", "capture"], says: ["ajoutez --regex"])
        try s.refuses(["regles", "ajouter", "/DE (?<tiers>) /MOTIF", "7562", "--regex"], says: ["ne peut prendre aucun texte"])
        try s.refuses(["regles", "ajouter", "/DE (?<tiers>.+?) /MOTIF", "7562", "--regex", "--tiers", "OVH SAS"],
                      says: ["donne le tiers « OVH SAS »", "gardez l'un ou l'autre"])
        try s.refuses(["regles", "ajouter", "/DE (?<tiers>.+?) /MOTIF", "7562", "--regex", "--tiers", "aucun"], says: ["dit « aucun » tiers"])
        try s.refuses(["regles", "ajouter", "/DE (?<tiers>.+?) /MOTIF", "7562"], says: ["n'est pas une expression régulière", "--regex"])
        try s.refuses(["regles", "ajouter", "/DE .+? /MOTIF", "7562", "--regex", "--tiers", "(?<tiers>.+?)"],
                      says: ["« (?<tiers>.+?) » est un groupe", "se met dans le motif"])
        let file = s.write("regles.csv", "motif;regex;compte;tiers\nOVH;;604;\n/DE (?<tiers>\\b) /MOTIF;oui;7562;\n")
        try s.refuses(["regles", "importer", file], says: ["regles.csv", "ligne 3", "ne peut prendre aucun texte"])
        try s.refuses(["importer", s.write("releve.csv", Self.statement), "--regles", file] + Self.columns, says: ["ligne 3", "ne peut prendre aucun texte"])
    }

    /// A capture blank once trimmed gives the line no tiers, and is no error.
    @Test func aBlankCaptureGivesNoTiers() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("regles", "ajouter", "/DE(?<tiers>[^/]*)/MOTIF", "7562", "--regex").code == 0)
        let r = s.run(["importer", s.write("r.csv", "date;libelle;montant\n06/03/2024;VIR /DE   /MOTIF COTISATION;30,00\n")] + Self.columns)
        #expect(r.code == 0, "\(r.err)")
        #expect(try tiersOfLines(s) == ["7562 -"])
    }
}
