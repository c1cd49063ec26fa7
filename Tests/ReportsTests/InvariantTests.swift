import Foundation
import Testing
import Ledger
import LedgerStore
import PlanComptable
@testable import Reports

/// A deterministic pseudo-random generator (tests must give the same ledgers every run).
struct SeededRandom {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// A random ledger over two exercices: bank operations, a few OD entries touching balance-sheet
/// accounts, class 8 contributions, projects on some lines, an opening entry. With `closing`,
/// 2023 is validated and closed, its result left on 120 or 129 (the AG has not decided yet).
func randomLedger(seed: UInt64, closing: Bool = false) throws -> Store {
    var r = SeededRandom(state: seed)
    let store = try Store.inMemory(name: "Aléa \(seed)", start: d("2023-01-01"), now: .machine)
    try store.addExercice(start: d("2024-01-01"))
    try store.addAccount(n("604A"), label: "OVH")
    try store.addAccount(n("5122"), label: "Livret")
    for p in ["A", "B", "C"] { try store.addProject(code: p, name: "Projet \(p)") }
    try post(store, "2023-01-01", "Ouverture", [("512", 500_000), ("1021", -500_000)], project: nil)
    let charges = ["604", "604A", "6063", "6132", "625", "627", "6411", "6451", "661", "6713", "6811"]
    let produits = ["706", "707", "7541", "7562", "740", "768", "771"]
    let treasury = ["512", "5122", "530"]
    for _ in 0..<(80 + r.next(80)) {
        let day = Day(ordinal: d("2023-01-01").ordinal + r.next(730))
        let amount = Int64(1 + r.next(200_000))
        let project = r.next(3) == 0 ? ["A", "B", "C"][r.next(3)] : nil
        let cash = treasury[r.next(3)]
        switch r.next(6) {
        case 0, 1: try post(store, day.iso, "Charge", [(charges[r.next(charges.count)], amount), (cash, -amount)], project: project)
        case 2, 3: try post(store, day.iso, "Produit", [(cash, amount), (produits[r.next(produits.count)], -amount)], project: project)
        case 4: try post(store, day.iso, "Facture fournisseur", [("604", amount), ("401", -amount)], project: nil)
        default: try post(store, day.iso, "Bénévolat", [("864", amount), ("875", -amount)], project: nil)
        }
    }
    if closing {
        try store.validate(upTo: d("2023-12-31"))
        _ = try store.close(try store.exercice("2023"))
    }
    return store
}

let seeds: [UInt64] = [1, 2, 3, 42, 2024, 31337]

@Suite struct Invariants {
    @Test(arguments: seeds, [false, true])
    func reportsAgreeWithTheBalanceAndWithEachOther(seed: UInt64, closing: Bool) throws {
        let store = try randomLedger(seed: seed, closing: closing)
        var previousResult = Money.zero
        for e in try store.catalog().exercices.sorted(by: { $0.start < $1.start }) {
            let period = try Period(exercice: e)
            let balance = try Balance(store, period: period)
            let class6 = Money.sum(balance.rows.filter { $0.account.classDigit == 6 }.map(\.balance))
            let class7 = Money.sum(balance.rows.filter { $0.account.classDigit == 7 }.map(\.balance))
            #expect(balance.totalDebit == balance.totalCredit)

            let resultat = try CompteDeResultat(store, columns: FigureColumn.columns(for: period, catalog: store.catalog(), ledger: store), chart: e.chart)
            #expect(resultat.result[0] == -class7 - class6, "résultat = classe 7 − classe 6")
            #expect(resultat.totalCharges[0] == Money.sum(resultat.charges.map { $0.values[0] }))

            let bilan = try Bilan(store, period: period)
            #expect(bilan.totalActif[0] == bilan.totalPassif[0], "actif = passif")
            #expect(bilan.value("FP6")[0] == resultat.result[0], "the bilan's result is the compte de résultat's")
            #expect(bilan.value("FP5A")[0] == previousResult, "the previous result, closed or not, awaits its allocation")
            previousResult = resultat.result[0]
            for l in bilan.lines where l.kind == .total {
                let layout = try PlanComptableData.layout("bilan").first { $0.code == l.code }!
                #expect(l.values[0] == Money.sum(layout.terms.map { bilan.value($0)[0] }), "\(l.code) = sum of its lines")
            }

            let byProject = try CompteDeResultat(store, columns: FigureColumn.columns(for: period, catalog: store.catalog(), byProject: true, ledger: store), chart: e.chart)
            let last = byProject.columns.count - 1
            for row in byProject.charges + byProject.produits {
                #expect(Money.sum(row.values[..<last]) == row.values[last], "projects + sans projet = total for \(row.account)")
            }
            #expect(byProject.result[last] == resultat.result[0])

            let anc = try resultat.document(model: .anc, title: "", subtitle: [])
            let ancResult = anc.tables[0].rows.first { $0.cells.first == .text("Excédent ou déficit") }?.cells[1]
            #expect(ancResult == .amount(resultat.result[0]))

            let cash = try Tresorerie(store, period: period)
            let treasuryBalance = try store.balance(of: "51", at: e.end) + store.balance(of: "53", at: e.end)
            #expect(cash.closing == treasuryBalance)
            #expect(cash.months.last?.closing == cash.closing)

            // A balance over the exercice's second half starts where the first half ends and
            // ends where the whole exercice does.
            let middle = Day(ordinal: (e.start.ordinal + e.end.ordinal) / 2)
            let firstHalf = try Balance(store, period: Period(exercice: e, from: e.start, to: middle.adding(days: -1)))
            let secondHalf = try Balance(store, period: Period(exercice: e, from: middle, to: e.end))
            func closing(_ b: Balance, _ a: AccountNumber) -> Money { b.rows.first { $0.account == a }?.balance ?? .zero }
            #expect(secondHalf.hasEarlier && secondHalf.totalEarlierDebit == secondHalf.totalEarlierCredit)
            for row in secondHalf.rows {
                #expect(row.earlier == closing(firstHalf, row.account), "\(row.account)")
                #expect(row.balance == closing(balance, row.account), "\(row.account)")
            }
            for row in balance.rows where !row.balance.isZero {
                #expect(secondHalf.rows.contains { $0.account == row.account }, "\(row.account) has a balance at the end")
            }
        }
    }
}

@Suite struct Layouts {
    /// Every account of classes 6, 7 and 8 of both charts falls in a line of its compte de
    /// résultat layout, and every balance-sheet account in a line of the bilan.
    @Test(arguments: ChartVersion.allCases)
    func everyAccountHasALine(version: ChartVersion) throws {
        let accounts = try PlanComptableData.accounts(version).map { AccountNumber(trusted: $0.number) }.filter(\.isPostable)
        let result = try PlanComptableData.resultLayout(version).filter { $0.kind == .ligne }
        for a in accounts where a.classDigit == 6 || a.classDigit == 7 || a.isUnder("86") || a.isUnder("87") {
            #expect(CompteDeResultat.line(for: a, in: result) != nil, "\(version): \(a) has no line in the compte de résultat")
        }
        let bilan = try PlanComptableData.layout("bilan").filter { $0.kind == .actif || $0.kind == .passif }
        for a in accounts where a.classDigit <= 5 {
            #expect(CompteDeResultat.line(for: a, in: bilan) != nil, "\(version): \(a) has no line in the bilan")
        }
        // Each line's account prefixes point the right way: charges to charge lines, produits to produit lines.
        for l in result {
            let classes = Set(l.terms.map { $0.hasPrefix("86") ? "6" : $0.hasPrefix("87") ? "7" : String($0.prefix(1)) })
            #expect(classes.count == 1, "\(l.code) mixes charges and produits")
        }
    }
}
