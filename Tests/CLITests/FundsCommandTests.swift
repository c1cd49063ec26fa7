import Foundation
import Testing
@testable import compta
import Ledger
import LedgerStore
import Reports

/// Fonds dédiés on the case (Fixtures/fonds-dedies): a grant received in year 1 for a
/// project, a quarter spent in year 1, the rest in year 2. Year 1 closes with its fund and a
/// project at equilibrium; year 2 uses it. Every expected figure is read from the ledger.
@Suite struct FundsCommand {
    func fixture(_ name: String) -> String { packageURL("Fixtures/fonds-dedies/\(name)").path }

    func json(_ s: Sandbox, _ args: String...) throws -> [String: Any] {
        let r = s.run(args + ["--format", "json"])
        #expect(r.code == 0, "\(args): \(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    }

    func rows(_ doc: [String: Any], table: Int = 0) -> [[String: Any]] {
        ((doc["tableaux"] as? [[String: Any]])?[table]["lignes"] as? [[String: Any]]) ?? []
    }

    /// The bilan's « Fonds dédiés » line (zero when the bilan leaves it out).
    func bilanFunds(_ s: Sandbox, _ exercice: String) throws -> Int64 {
        let doc = try json(s, "bilan", "--exercice", exercice)
        return (rows(doc, table: 1).first { $0["ligne"] as? String == "Fonds dédiés" }?["n"] as? Int64) ?? 0
    }

    /// Resources of the grant's family and charges of the project in an exercice, and the
    /// result of what has no project: from the ledger's totals.
    func figures(_ s: Sandbox, _ label: String) throws -> (resources: Money, charges: Money, rest: Money) {
        let store = try Store.open(path: s.ledger, now: .machine)
        let e = try store.exercice(label)
        let project = try store.totals(TotalsQuery(from: e.start, to: e.end, project: .code("EUROPE"), openings: .exclude))
        let resources = Money.sum(project.filter { FundFamily.ofResource($0.account) == .subvention }.map { $0.credit - $0.debit })
        let charges = Money.sum(project.filter { $0.account.nature == .charge && !$0.account.isUnder("689") }.map(\.balance))
        let rest = Closing.result(try store.totals(TotalsQuery(from: e.start, to: e.end, project: .none)))
        return (resources, charges, rest)
    }

    func setUp() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Les Ponts", "--debut", "2024-01-01").code == 0)
        #expect(s.run("comptes", "ajouter", "7411", "Subvention Erasmus+").code == 0)
        #expect(s.run("projets", "ajouter", "EUROPE", "Échanges européens").code == 0)
        #expect(s.run("saisir", "--fichier", fixture("ecritures-2024.csv")).code == 0)
        #expect(s.run("valider").code == 0)
        return s
    }

    @Test func aGrantReceivedInYearOneMostlySpentInYearTwo() throws {
        let s = setUp()
        var r = s.run("projets", "modifier", "EUROPE", "--fonds-dedies", "subvention")
        #expect(r.code == 0 && r.out.contains("famille subvention (fonds 194, report 6894, utilisation 7894)"), "\(r.err)")
        #expect(s.run("projets").out.contains("EUROPE  Échanges européens  subvention"))

        // Year 1: the unused part of the grant, shown, then booked only when confirmed.
        let y1 = try figures(s, "2024")
        let fund = y1.resources - y1.charges
        #expect(fund > .zero && fund < y1.resources)
        let before = try s.dump()
        r = s.run("fonds-dedies", "calculer", "--exercice", "2024")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("EUROPE : report en fonds dédiés de \(fund) € (D 6894 / C 194)") && r.out.contains("Rien n'est écrit"), "\(r.out)")
        #expect(try s.dump() == before, "nothing booked without --confirmer")
        // The table fits a terminal of 100 columns; its short headers are said in a note.
        let planTable = r.out.split(separator: "\n").filter { $0.hasPrefix("Projet") || $0.hasPrefix("------") || $0.hasPrefix("EUROPE  ") }
        #expect(planTable.count == 3 && planTable.allSatisfy { $0.count <= 100 }, "\(planTable.map(\.count))")
        #expect(planTable[0].hasPrefix("Projet  Famille     Ressources    Charges  Ouverture  Utilisation     Report    Clôture"), "\(r.out)")
        #expect(r.out.contains("Ressources et charges : du projet en 2024 ; ouverture et clôture : ses fonds dédiés."))
        try s.refuses(["cloturer", "--exercice", "2024"],
                      says: ["fonds dédiés de l'exercice 2024 ne sont pas comptabilisés", "EUROPE : report en fonds dédiés de \(fund) €",
                             "compta fonds-dedies calculer --exercice 2024"])
        r = s.run("fonds-dedies", "calculer", "--exercice", "2024", "--confirmer")
        #expect(r.code == 0 && r.out.contains("Écrit : écriture n° 7 de l'exercice 2024, journal OD, en brouillard"), "\(r.out)\(r.err)")
        #expect(s.run("fonds-dedies", "calculer", "--exercice", "2024").out.contains("Tout est déjà comptabilisé"), "run again: nothing more")
        #expect(s.run("valider").code == 0)

        // The project is at equilibrium, the year's result is the association's ordinary life,
        // and the follow-up table ties to the bilan.
        #expect(s.run("resultat", "--exercice", "2024", "--projet", "EUROPE").out.contains("résultat nul"))
        #expect(s.run("resultat", "--exercice", "2024").out.contains(CompteDeResultat.resultWords(y1.rest)))
        let anc = s.run("resultat", "--exercice", "2024", "--modele", "anc").out
        #expect(anc.contains("Reports en fonds dédiés") && anc.contains(fund.description), "\(anc)")
        let table = try json(s, "fonds-dedies", "--exercice", "2024")
        let europe = try #require(rows(table).first { $0["projet"] as? String == "EUROPE" })
        #expect(europe["ouverture"] as? Int64 == 0 && europe["reports"] as? Int64 == fund.cents && europe["cloture"] as? Int64 == fund.cents)
        #expect(rows(table).last?["cloture"] as? Int64 == (try bilanFunds(s, "2024")))
        r = s.run("rapport-ag", "--exercice", "2024", "--sortie", s.path("ag-2024.md"))
        #expect(r.code == 0, "\(r.err)")
        var md = try String(contentsOfFile: s.path("ag-2024.md"), encoding: .utf8)
        #expect(md.contains("Sans le report en fonds dédiés de \(fund) €") && md.contains("le résultat serait un \(CompteDeResultat.resultWords(y1.rest + fund))"), "\(md)")
        #expect(md.contains("# Fonds dédiés") && md.contains("Fonds dédiés sur subventions (194)"))

        // Closing carries the fund with its project; a closed year's funds no longer change.
        r = s.run("cloturer", "--exercice", "2024")
        #expect(r.code == 0, "\(r.err)")
        #expect(s.run("journal", "--exercice", "2025", "--format", "csv").out.contains(";194;"))
        try s.refuses(["fonds-dedies", "calculer", "--exercice", "2024"], says: ["l'exercice 2024 est clôturé", "compta fonds-dedies --exercice 2024"])

        // Year 2: the project spends; the utilisation is capped at what is left.
        #expect(s.run("saisir", "--fichier", fixture("ecritures-2025.csv")).code == 0)
        #expect(s.run("valider").code == 0)
        let y2 = try figures(s, "2025")
        #expect(y2.charges >= fund)
        try s.refuses(["fonds-dedies", "calculer", "--exercice", "2025", "--projet", "EUROPE", "--utilisation", (fund + Money(cents: 1)).plain],
                      says: ["une utilisation de \(fund + Money(cents: 1)) € dépasse ce qui reste de son fonds dédié (\(fund) € sur 194", "--utilisation \(fund.plain)"])
        r = s.run("fonds-dedies", "calculer", "--exercice", "2025", "--confirmer")
        #expect(r.code == 0 && r.out.contains("EUROPE : utilisation de \(fund) € (D 194 / C 7894)"), "\(r.out)\(r.err)")
        #expect(s.run("valider").code == 0)
        #expect(s.run("resultat", "--exercice", "2025", "--projet", "EUROPE").out.contains("résultat nul"))
        #expect(s.run("resultat", "--exercice", "2025").out.contains(CompteDeResultat.resultWords(y2.rest)))
        #expect(s.run("resultat", "--exercice", "2025", "--modele", "anc").out.contains("Utilisations des fonds dédiés"))
        let table2 = try json(s, "fonds-dedies", "--exercice", "2025")
        let europe2 = try #require(rows(table2).first { $0["projet"] as? String == "EUROPE" })
        #expect(europe2["ouverture"] as? Int64 == fund.cents && europe2["utilisations"] as? Int64 == fund.cents && europe2["cloture"] as? Int64 == 0)
        #expect(rows(table2).last?["cloture"] as? Int64 == (try bilanFunds(s, "2025")))
        r = s.run("rapport-ag", "--exercice", "2025", "--sortie", s.path("ag-2025.md"))
        md = try String(contentsOfFile: s.path("ag-2025.md"), encoding: .utf8)
        #expect(md.contains("Sans l'utilisation de \(fund) € de fonds dédiés") && md.contains("un \(CompteDeResultat.resultWords(y2.rest - fund))"), "\(md)")
    }

    /// A project marked but whose computation was never written: the follow-up says so and
    /// gives the command, rather than how to mark a project.
    @Test func aMarkedProjectNotYetComputedIsNamed() throws {
        let s = setUp()
        var r = s.run("fonds-dedies", "--exercice", "2024")
        #expect(r.code == 0 && r.out.contains("Un projet financé par des ressources affectées") && !r.out.contains("EUROPE"), "\(r.out)")
        #expect(s.run("projets", "modifier", "EUROPE", "--fonds-dedies", "subvention").code == 0)
        r = s.run("fonds-dedies", "--exercice", "2024")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Aucun fonds dédié écrit en 2024, ni report ni utilisation, pour le projet marqué EUROPE"), "\(r.out)")
        #expect(r.out.contains("compta fonds-dedies calculer --exercice 2024") && !r.out.contains("se marque"), "\(r.out)")
    }

    @Test func badInputsChangeNothing() throws {
        let s = setUp()
        try s.refuses(["projets", "modifier", "EUROPE", "--fonds-dedies", "legs"],
                      says: ["--fonds-dedies « legs » : famille inconnue", "subvention (fonds 194, ressources 74)", "aucun retire la marque"])
        try s.refuses(["fonds-dedies", "calculer", "--exercice", "2024", "--projet", "EUROPE"],
                      says: ["le projet EUROPE (« Échanges européens ») n'est pas marqué", "compta projets modifier EUROPE --fonds-dedies subvention"])
        try s.refuses(["projets", "modifier", "INCONNU", "--fonds-dedies", "dons"], says: ["INCONNU", "compta projets ajouter INCONNU"])
        #expect(s.run("projets", "modifier", "EUROPE", "--fonds-dedies", "subvention").code == 0)
        let y1 = try figures(s, "2024")
        try s.refuses(["fonds-dedies", "calculer", "--exercice", "2024", "--projet", "EUROPE", "--report", "70000", "--confirmer"],
                      says: ["un report en fonds dédiés de 70\u{202F}000,00 € dépasse les ressources affectées du projet dans l'exercice (\(y1.resources) €",
                             "--report \(y1.resources.plain)"])
        try s.refuses(["fonds-dedies", "calculer", "--exercice", "2024", "--projet", "EUROPE", "--utilisation", "10"],
                      says: ["une utilisation de 10,00 € dépasse ce qui reste de son fonds dédié (0,00 € sur 194", "pas de fonds dédié ouvert"])
        let before = try s.dump()
        for (args, message) in [(["--report", "10"], "--report et --utilisation fixent les montants d'un projet : ajoutez --projet CODE."),
                                (["--essai", "--confirmer"], "--essai et --confirmer s'excluent.")] {
            let misuse = s.run(["fonds-dedies", "calculer", "--exercice", "2024"] + args)
            #expect(misuse.code == 2 && misuse.err.contains(message), "\(args): \(misuse.err)")
        }
        #expect(try s.dump() == before)
        // A report set by hand within the resources is the treasurer's decision: the closing takes it.
        let r = s.run("fonds-dedies", "calculer", "--exercice", "2024", "--projet", "EUROPE", "--report", "40000", "--confirmer")
        #expect(r.code == 0, "\(r.err)")
        #expect(s.run("valider").code == 0)
        #expect(s.run("cloturer", "--exercice", "2024").code == 0)
        #expect(try bilanFunds(s, "2024") == 4_000_000)
        #expect(s.run("projets", "modifier", "EUROPE", "--fonds-dedies", "aucun").out.contains("plus marqué"))
    }

    /// Gifts for a project that nothing spends: the fund stays, a transfer moves part of it to
    /// another project, and after two exercices without utilisation the table flags it.
    @Test func aFundNothingUsesForTwoExercicesIsFlagged() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "École", "--debut", "2024-01-01").code == 0)
        for start in ["2025-01-01", "2026-01-01"] { #expect(s.run("exercices", "ajouter", "--debut", start).code == 0) }
        #expect(s.run("projets", "ajouter", "ECOLE", "École au Burkina").code == 0)
        #expect(s.run("projets", "ajouter", "CANTINE", "Cantine").code == 0)
        #expect(s.run("projets", "modifier", "ECOLE", "--fonds-dedies", "dons").code == 0)
        #expect(s.run("saisir", "2024-05-10", "Dons pour l'école", "512=5000", "7541=-5000@ECOLE").code == 0)
        var r = s.run("fonds-dedies", "calculer", "--exercice", "2024", "--confirmer")
        #expect(r.code == 0 && r.out.contains("ECOLE : report en fonds dédiés de 5\u{202F}000,00 € (D 6896 / C 196)"), "\(r.out)\(r.err)")
        #expect(s.run("saisir", "2026-06-01", "Réaffectation accordée par les donateurs", "196=1000@ECOLE", "196=-1000@CANTINE").code == 0)
        r = s.run("fonds-dedies", "--exercice", "2025")
        #expect(r.code == 0 && !r.out.contains("oui"), "open since 2025 only: \(r.out)")
        let table = try json(s, "fonds-dedies", "--exercice", "2026")
        let ecole = try #require(rows(table).first { $0["projet"] as? String == "ECOLE" })
        let cantine = try #require(rows(table).first { $0["projet"] as? String == "CANTINE" })
        #expect(ecole["ouverture"] as? Int64 == 500_000 && ecole["transferts"] as? Int64 == -100_000 && ecole["cloture"] as? Int64 == 400_000)
        #expect(ecole["sans_utilisation"] as? String == "oui")
        #expect(cantine["transferts"] as? Int64 == 100_000 && cantine["cloture"] as? Int64 == 100_000 && cantine["sans_utilisation"] as? String == "")
        #expect(rows(table).last?["cloture"] as? Int64 == (try bilanFunds(s, "2026")))
        #expect((table["tableaux"] as? [[String: Any]])?.first?["titre"] as? String == "Fonds dédiés sur ressources liées à la générosité du public (196)")
    }
}
