import Testing
@testable import compta

/// The findings of a newcomer's walk through the pointage: the gap before a statement with a
/// typed entry pointed, an operation typed again after the bank brought it, the two numberings,
/// and the advice each message gives.
@Suite struct PointageWalk {
    /// Opened with 1 100 € where the bank had 1 000 €, EDF typed on 04/03 before the statement.
    static func edf() -> Sandbox {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-01-01", "Solde d'ouverture", "512=1100", "1021", "--journal", "AN").code == 0)
        #expect(s.run("saisir", "2024-03-04", "EDF", "6061=80", "512").code == 0)
        return s
    }

    static let edf2 = "Date;Libellé;Montant\n06/03/2024;EDF;-80,00\n07/03/2024;VIR DUPONT;30,00\n"

    /// The typed EDF entry is pointed by the line of 06/03: it counts on that day, so the whole
    /// gap (100 € too many in the ledger) is before the statement, and worded as too many.
    @Test func aPointedEntryCountsOnTheBanksDay() throws {
        let s = PointageWalk.edf()
        let r = s.run("importer", s.write("edf2.csv", PointageWalk.edf2), "--solde", "950", "--au", "2024-03-07")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("pointées avec une écriture saisie : 1"), "\(r.out)")
        #expect(r.out.contains("écart de -100,00 €."), "\(r.out)")
        #expect(r.out.contains("Écart avant le relevé : au 05/03/2024, veille de sa première opération, 1\u{202F}000,00 € à la banque, 1\u{202F}100,00 € dans le livre "
                               + "(hors -80,00 € d'écritures saisies avant cette date que ce relevé pointe"), "\(r.out)")
        #expect(r.out.contains("Le livre a 100,00 € de plus que la banque"), "\(r.out)")
        #expect(r.out.contains("compta grand-livre 512 --au 2024-03-05"), "\(r.out)")
        #expect(!r.out.contains("Il manque au livre"), "the ledger has more, it lacks nothing: \(r.out)")
        #expect(!r.out.contains("Écart pendant le relevé"), "nothing during: \(r.out)")
        // The état says the same, by its sign.
        let etat = s.run("pointage").out
        #expect(etat.contains("le livre a 100,00 € de plus que la banque ne l'explique"), "\(etat)")
    }

    /// Opened with less than the bank: the opening balance is what is missing.
    @Test func aLedgerBelowTheBankLacksTheOpening() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-01-01", "Solde d'ouverture", "512=900", "1021", "--journal", "AN").code == 0)
        #expect(s.run("saisir", "2024-03-04", "EDF", "6061=80", "512").code == 0)
        let r = s.run("importer", s.write("edf2.csv", PointageWalk.edf2), "--solde", "950", "--au", "2024-03-07")
        #expect(r.out.contains("1\u{202F}000,00 € à la banque, 900,00 € dans le livre"), "\(r.out)")
        #expect(r.out.contains("Il manque au livre le solde d'ouverture"), "\(r.out)")
        #expect(!r.out.contains("Écart pendant le relevé"), "\(r.out)")
        #expect(s.run("pointage").out.contains("il manque au livre 100,00 €"))
    }

    /// EDF imported (waiting on 471), then typed: `saisir` warns, the entry is kept, and the
    /// état lists the waiting operation beside the typed entry.
    @Test func typingAnOperationTheBankBroughtWarns() throws {
        let s = Sandbox.tour()
        #expect(s.run("importer", s.write("mars.csv", "Date;Libellé;Montant\n05/03/2024;EDF FACTURE;-80,00\n20/03/2024;FRAIS;-4,00\n")).code == 0)
        let typed = s.run("saisir", "2024-03-05", "Facture EDF mars", "6061=80", "512")
        #expect(typed.code == 0, "a warning, not a refusal")
        #expect(typed.out.contains("Écriture n° 3 enregistrée"), "\(typed.out)")
        #expect(typed.err.contains("Attention : l'opération du relevé n° 1 (05/03/2024, EDF FACTURE, -80,00 €) attend sur 471"), "\(typed.err)")
        #expect(typed.err.contains("compta affecter 1 6061"), "\(typed.err)")
        #expect(typed.err.contains("compta supprimer 3)"), "\(typed.err)")
        // Not the same sign, another account, out of the window: nothing said.
        #expect(s.run("saisir", "2024-03-05", "Remboursement", "512=80", "6061").err.isEmpty)
        #expect(s.run("saisir", "2024-03-05", "Caisse", "530=-80", "6061").err.isEmpty)
        #expect(s.run("saisir", "2024-04-05", "Facture EDF avril", "6061=80", "512").err.isEmpty)
        // From a file, with its file and line.
        let file = s.write("ecritures.csv", "date;libelle;compte;debit;credit\n2024-03-06;EDF;6061;80;\n2024-03-06;EDF;512;;80\n")
        let fromFile = s.run("saisir", "--fichier", file)
        #expect(fromFile.code == 0)
        #expect(fromFile.err.contains("l'écriture n° 7 (\(file), ligne 2) a son montant sur le même compte"), "\(fromFile.err)")
        let etat = s.run("pointage", "--format", "csv", "--sans-bom").out
        #expect(etat.contains("2024;3;05/03/2024;-80,00;Facture EDF mars;n° 1 du 05/03/2024 (EDF FACTURE)\r\n"), "\(etat)")
        #expect(etat.contains("2024;4;05/03/2024;80,00;Remboursement;\r\n"), "\(etat)")
        #expect(s.run("pointage").out.contains("Double probable : une opération d'un relevé"))
        // Filed, it waits no more: neither warned of nor listed.
        #expect(s.run("affecter", "1", "6061").code == 0)
        #expect(s.run("saisir", "2024-03-05", "EDF encore", "6061=80", "512").err.isEmpty)
        #expect(!s.run("pointage").out.contains("Double probable"))
    }

    /// « Ligne du fichier » in the import's tables, « N° à pointer » for the held line.
    @Test func theTwoNumberingsAreNamedApart() throws {
        let s = Pointing.typed()
        let r = s.run("importer", s.write("mars.csv", Pointing.statement))
        #expect(r.out.contains("Ligne du fichier  Date"), "\(r.out)")
        #expect(r.out.contains("N° à pointer  Date"), "\(r.out)")
        #expect(r.out.contains("compta pointer N ECRITURE"), "\(r.out)")
        #expect(!r.out.contains("LIGNE"), "\(r.out)")
        // The cheque is line 3 of the file and held line 1: pointer takes the second.
        #expect(r.out.contains("1             09/03/2024    30,00  REMISE CHEQUE 124"), "\(r.out)")
        try s.refuses(["pointer", "3", "2"], says: ["aucune opération de relevé en suspens n° 3", "pas la ligne du fichier"])
    }

    @Test func withoutABalanceTheEtatSaysWhatItCannotSay() throws {
        let s = Pointing.typed()
        #expect(s.run("importer", s.write("mars.csv", Pointing.statement)).code == 0)
        let etat = s.run("pointage").out
        #expect(etat.contains("rien ne dit si le livre et la banque s'accordent"), "\(etat)")
        #expect(etat.contains("Un relevé déjà importé ne reçoit pas de solde après coup"), "\(etat)")
        #expect(etat.contains("compta releves annuler NUMERO) et refaites-le avec --solde MONTANT --au DATE"), "\(etat)")
    }

    @Test func pointageOfAnAccountThatIsNoBank() throws {
        let s = Sandbox.tour()
        let message = try s.refuses(["pointage", "--compte", "7562"], says: ["--compte 7562 n'est pas un compte de banque ou de caisse (51x, 53x)"])
        #expect(!message.contains("compta importer"), "\(message)")
        #expect(s.run("pointage", "--compte", "5121").code == 0, "a bank account without statements is no error")
    }

    /// Every row of the état's text table ends its amount in the same column.
    @Test func theEtatsAmountsAreAligned() throws {
        let s = Pointing.typed()
        #expect(s.run("importer", s.write("mars.csv", Pointing.statement), "--solde", "100", "--au", "2024-03-31").code == 0)
        let lines = s.run("pointage").out.split(separator: "\n", omittingEmptySubsequences: false)
        guard let title = lines.firstIndex(where: { $0.hasPrefix("État de rapprochement au") }) else {
            Issue.record("no état"); return
        }
        let table = lines[(title + 1)...].prefix { !$0.isEmpty }
        #expect(table.count == 9, "\(table)")
        #expect(Set(table.map(\.count)).count == 1, "\(table)")
    }
}
