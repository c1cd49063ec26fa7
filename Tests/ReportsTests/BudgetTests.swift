import Testing
import Ledger
import LedgerStore
@testable import Reports

func poste(_ label: String, _ side: Budget.Side, _ euros: Int64, _ accounts: [String], project: String? = nil) -> Budget.Poste {
    Budget.Poste(label: label, side: side, amount: Money(cents: euros * 100), accounts: accounts, project: project)
}

/// 2023 and 2024; in 2024: OVH 1 200 (604A), Gab 600 (604, project P), fees 60 (627), dues 3 000 (7562), a sale 50 (707).
func budgetLedger() throws -> Store {
    let store = try Store.inMemory(start: d("2023-01-01"), now: .machine)
    try store.addExercice(start: d("2024-01-01"))
    try store.addAccount(n("604A"), label: "OVH")
    try store.addProject(code: "P", name: "Projet P")
    for m in 1...12 {
        let day = String(format: "2024-%02d-10", m)
        try post(store, day, "OVH", [("604A", 10_000), ("512", -10_000)])
        try post(store, day, "Frais", [("627", 500), ("512", -500)])
        try post(store, String(format: "2023-%02d-10", m), "Frais", [("627", m <= 6 ? 100 : 900), ("512", m <= 6 ? -100 : -900)])
    }
    try post(store, "2024-03-01", "Gab", [("604", 60_000), ("512", -60_000)], project: "P")
    try post(store, "2024-02-01", "Cotisations", [("512", 300_000), ("7562", -300_000)])
    try post(store, "2024-11-01", "Vente", [("512", 5_000), ("707", -5_000)])
    return store
}

@Suite struct BudgetAgainstRealise {
    @Test func postesTakeTheirAccountsAndTheRestIsHorsBudget() throws {
        let store = try budgetLedger()
        let e = try store.exercice("2024")
        try store.saveBudget([
            poste("Serveurs", .depense, 1_000, ["604A"]),
            poste("Prestations", .depense, 800, ["604"]),
            poste("Banque", .depense, 50, ["627"]),
            poste("Rien encore", .depense, 100, ["6063"]),
            poste("Cotisations", .recette, 2_800, ["756"]),
            poste("(trésorerie)", .recette, 150, []),
        ], exercice: e, version: "initial")
        let budget = try #require(try store.budget(e, version: nil))
        let r = try BudgetReport(store, budget: budget)
        func line(_ label: String) -> BudgetReport.Line? { r.lines.first { $0.label == label } }
        #expect(line("Serveurs")?.realise == Money(cents: 120_000), "604A goes to its own poste, not to 604")
        #expect(line("Prestations")?.realise == Money(cents: 60_000))
        #expect(line("Rien encore")?.realise == .zero, "a poste whose accounts did not move")
        #expect(line("(trésorerie)")?.realise == nil, "a poste without account has a prévu only")
        #expect(r.lines.first { $0.isOutsideBudget && $0.side == .recette }?.realise == Money(cents: 5_000), "707 is hors budget")
        #expect(r.lines.filter { $0.isOutsideBudget && $0.side == .depense }.isEmpty)
        // Réalisé totals are the compte de résultat's.
        let cr = try CompteDeResultat(store, columns: FigureColumn.columns(for: Period(exercice: e), catalog: store.catalog(), ledger: store), chart: e.chart)
        #expect(r.realise(.depense) == cr.totalCharges[0])
        #expect(r.realise(.recette) == cr.totalProduits[0])
        #expect(r.prevu(.recette) == Money(cents: 295_000))
        #expect(line("Serveurs")?.isAtRisk == true)
        #expect(line("Banque")?.isAtRisk == true)
        #expect(line("Cotisations")?.isAtRisk == false)
    }

    @Test func duringTheYear() throws {
        let store = try budgetLedger()
        let e = try store.exercice("2024")
        try store.saveBudget([poste("Banque", .depense, 366, ["627"]), poste("Cotisations", .recette, 3_660, ["7562"])], exercice: e, version: "v")
        let budget = try #require(try store.budget(e, version: "v"))
        let first = try BudgetReport(store, budget: budget, asOf: d("2024-01-01"))
        #expect(first.elapsedDays == 1 && first.totalDays == 366)
        #expect(first.lines[0].prorata == Money(cents: 100), "one day of 366")
        let last = try BudgetReport(store, budget: budget, asOf: d("2024-12-31"))
        #expect(last.isComplete && last.lines[0].prorata == nil)
        let june = try BudgetReport(store, budget: budget, asOf: d("2024-06-30"))
        #expect(june.elapsedDays == 182)
        #expect(june.lines[0].prorata == Money(cents: 18_200))
        #expect(june.lines[0].realise == Money(cents: 3_000))
        #expect(june.lines[0].projection == Money(cents: 6_033), "3 000 × 366 / 182, rounded")
        // Last year's profile: 2023 fees were 600 by June 30 out of 6 000, so 10 % of the year.
        let seasonal = try BudgetReport(store, budget: budget, asOf: d("2024-06-30"), seasonality: .previousYear)
        #expect(seasonal.lines[0].prorata == Money(cents: 3_660))
        #expect(seasonal.lines[0].projection == Money(cents: 30_000))
        #expect(seasonal.lines[1].prorata == Money(cents: 182_000), "no N-1 réalisé for dues: linear")
    }

    @Test func aBudgetForAnExerciceWithoutEntries() throws {
        let store = try Store.inMemory(start: d("2025-01-01"), now: .machine)
        let e = try store.exercice(nil)
        try store.saveBudget([poste("Banque", .depense, 100, ["627"])], exercice: e, version: "initial")
        let r = try BudgetReport(store, budget: try #require(try store.budget(e, version: nil)))
        #expect(r.realise(.depense) == .zero)
        #expect(r.lines.count == 1)
    }

    @Test func versionsAndProjects() throws {
        let store = try budgetLedger()
        let e = try store.exercice("2024")
        try store.saveBudget([poste("Serveurs", .depense, 1_000, ["604A"])], exercice: e, version: "initial")
        try store.saveBudget([poste("Serveurs", .depense, 1_300, ["604A"]), poste("Gab", .depense, 500, ["604"], project: "P")], exercice: e, version: "rectificatif")
        #expect(try store.budgetVersions(e) == ["initial", "rectificatif"])
        #expect(try store.budget(e, version: nil)?.version == "rectificatif")
        #expect(try store.budget(e, version: "initial")?.postes.count == 1)
        let budget = try #require(try store.budget(e, version: nil))
        let p = try BudgetReport(store, budget: budget, project: "P")
        #expect(p.lines.map(\.label) == ["Gab"])
        #expect(p.lines[0].realise == Money(cents: 60_000))
        let byProject = try BudgetByProject(store, budget: budget)
        #expect(byProject.lines.map(\.title) == ["Projet P", "Sans projet"])
        #expect(byProject.lines[0].realiseDepenses == Money(cents: 60_000))
        #expect(byProject.lines[0].prevuDepenses == Money(cents: 50_000))
        #expect(Money.sum(byProject.lines.map(\.realiseDepenses)) == Money(cents: 60_000 + 120_000 + 6_000))
    }

    @Test func badBudgetsAreRefusedWhole() throws {
        let store = try budgetLedger()
        let e = try store.exercice("2024")
        let before = try store.dump()
        #expect(throws: BudgetProblem.unknownAccount(poste: "X", prefix: "699", line: 0)) { try bare {
            try store.saveBudget([poste("X", .depense, 1, ["699"])], exercice: e, version: "v")
        } }
        #expect(throws: BudgetProblem.wrongClass(poste: "X", prefix: "7562", side: .depense, line: 0)) { try bare {
            try store.saveBudget([poste("X", .depense, 1, ["7562"])], exercice: e, version: "v")
        } }
        #expect(throws: BudgetProblem.sharedAccount(prefix: "627", first: "A", second: "B", line: 0)) { try bare {
            try store.saveBudget([poste("A", .depense, 1, ["627"]), poste("B", .depense, 1, ["627"])], exercice: e, version: "v")
        } }
        #expect(throws: BudgetProblem.repeatedPoste(poste: "A", firstLine: 0, line: 0)) { try bare {
            try store.saveBudget([poste("A", .depense, 1, ["627"]), poste("A", .depense, 1, ["604"])], exercice: e, version: "v")
        } }
        #expect(throws: BudgetProblem.unknownProject(poste: "A", project: "Q", known: ["P"], line: 0)) { try bare {
            try store.saveBudget([poste("A", .depense, 1, ["627"], project: "Q")], exercice: e, version: "v")
        } }
        #expect(try store.dump() == before)
    }

    /// The budget of 2025, drawn from 2024's, uses the 2025 chart: replaced accounts give way to
    /// their replacement, named as the 2025 chart names them, and the starter loads into 2025.
    @Test func starterForAnExerciceOnTheNewChart() throws {
        let store = try budgetLedger()
        let e = try store.exercice("2024")
        try post(store, "2024-05-01", "Soutien", [("6713", 30_000), ("512", -30_000)])
        try post(store, "2024-06-01", "Cotisation fédération", [("6586", 4_000), ("512", -4_000)])
        try post(store, "2024-06-02", "Divers", [("6588", 1_000), ("512", -1_000)])
        try post(store, "2024-12-31", "Quote-part de subvention", [("139", 2_000), ("777", -2_000)])
        try post(store, "2024-12-31", "Subvention de la commune", [("512", 1_000), ("748", -1_000)])
        try store.saveBudget([poste("Soutien", .depense, 250, ["6713"]), poste("Serveurs", .depense, 1_000, ["604A"])],
                             exercice: e, version: "initial")
        let budget = try #require(try store.budget(e, version: nil))
        let same = try Budget.starter(from: budget, ledger: store, chart: .pca2018)
        #expect(same[0].accounts == ["6713"], "the same chart changes nothing")
        let next = try Budget.starter(from: budget, ledger: store, chart: .pca2025)
        #expect(next[0].accounts == ["6571"])
        #expect(next[0].remark?.hasSuffix("6713 devient 6571") == true)
        let pénalités = try #require(next.first { $0.accounts == ["658"] })
        #expect(pénalités.amount == Money(cents: 5_000), "6586 and 6588 both become 658")
        #expect(pénalités.label == "Pénalités et autres charges")
        #expect(pénalités.remark == "hors budget 2024 : réalisé 50 € (6586 et 6588 deviennent 658)")
        #expect(next.contains { $0.accounts == ["747"] && $0.side == .recette })
        #expect(try store.catalog().accounts[n("741")] == nil, "741 is new in 2025: not in this ledger yet")
        #expect(next.first { $0.accounts == ["741"] }?.label == "Subventions d\u{2019}exploitation", "named by the 2025 chart")
        #expect(!next.contains { $0.accounts.contains { ["6713", "6586", "6588", "777", "748"].contains($0) } })
        let e2025 = try store.addExercice(start: d("2025-01-01"))
        try store.saveBudget(next, exercice: e2025, version: "initial")
    }

    @Test func starterForNextYear() throws {
        let store = try budgetLedger()
        let e = try store.exercice("2024")
        try store.saveBudget([poste("Serveurs", .depense, 1_000, ["604A"]), poste("(trésorerie)", .recette, 150, [])], exercice: e, version: "initial")
        let postes = try Budget.starter(from: try #require(try store.budget(e, version: nil)), ledger: store, chart: .pca2018)
        #expect(postes.map(\.label) == ["Serveurs", "(trésorerie)", "Achats d'études et prestations de services",
                                        "Services bancaires et assimilés", "Ventes de marchandises", "Cotisations avec contrepartie"])
        #expect(postes[0].amount == Money(cents: 120_000))
        #expect(postes[0].remark == "prévu 2024 : 1\u{202F}000 €, réalisé 2024 : 1\u{202F}200 €")
        #expect(postes[1].amount == Money(cents: 15_000))
        #expect(postes[3].accounts == ["627"])
    }
}

/// The refusal a store call meets, bare (`StoreError.refusal`): a closing's, a budget's, an
/// entry's at its file line.
func bare<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StoreError { throw e.refusal }
}
