import Testing
import Ledger
import LedgerStore
@testable import Reports

/// Receivables and debts account by account, on the side of each balance; the rate of the
/// activity; the flags a board must read first.
@Suite struct Liquidity {
    @Test func eachThirdPartyAccountCountsOnTheSideOfItsBalance() throws {
        let store = try Store.inMemory(name: "Asso", start: d("2024-01-01"), now: .machine)
        try store.addAccount(n("4111"), label: "Adhérents")
        try post(store, "2024-01-10", "Apport", [("512", 100_000), ("1021", -100_000)])
        // A member's invoice (owed), a user's advance (owed by the association), on the same group 41;
        // VAT to recover (debit) and VAT collected (credit) on 44, each on its side.
        try post(store, "2024-02-01", "Facture adhérent", [("4111", 30_000), ("706", -30_000)])
        try post(store, "2024-02-02", "Avance d'un usager", [("512", 5_000), ("4191", -5_000)])
        try post(store, "2024-02-03", "TVA à récupérer", [("44566", 2_000), ("512", -2_000)])
        try post(store, "2024-02-04", "TVA collectée", [("706", 3_000), ("44571", -3_000)])
        // What the member's invoice will probably not bring in.
        try post(store, "2024-02-05", "Dépréciation", [("6817", 10_000), ("491", -10_000)])
        let cash = try Tresorerie(store, period: Period(exercice: store.exercice(nil), to: d("2024-03-31")))
        #expect(cash.receivables.map(\.group.text) == ["41", "44", "49"])
        #expect(cash.receivables.map(\.amount) == [Money(cents: 30_000), Money(cents: 2_000), Money(cents: -10_000)])
        #expect(cash.debts.map(\.group.text) == ["41", "44"])
        #expect(cash.debts.map(\.amount) == [Money(cents: 5_000), Money(cents: 3_000)])
        #expect(cash.position == cash.closing + Money(cents: 22_000) - Money(cents: 8_000))
        // The rate leaves the dotation out: 30 000 − 3 000 of produits, no charge, over February and March.
        #expect(cash.rate?.perMonth == Money(cents: -13_500))
        #expect(cash.cover(cash.closing) == .notConsumed && cash.coverSentence() == nil)
    }

    @Test func aNegativeNetWorthAndAnOverdraftAreFlagged() throws {
        let store = try Store.inMemory(name: "Asso", start: d("2024-01-01"), now: .machine)
        try post(store, "2024-01-10", "Loyer", [("6132", 50_000), ("512", -50_000)])
        try post(store, "2024-01-20", "Cotisation", [("512", 10_000), ("756", -10_000)])
        try post(store, "2024-02-10", "Facture du traiteur", [("6257", 20_000), ("401", -20_000)])
        let cash = try Tresorerie(store, period: Period(exercice: store.exercice(nil), to: d("2024-02-29")))
        #expect(cash.closing == Money(cents: -40_000) && cash.netWorth == Money(cents: -60_000))
        #expect(cash.lowPoint == Tresorerie.LowPoint(day: d("2024-01-10"), balance: Money(cents: -50_000)))
        #expect(cash.alerts() == [
            "Attention : les fonds propres sont négatifs (-600,00 € au 29/02/2024) : l'association doit plus qu'elle ne possède.",
            "Attention : les dettes à payer (200,00 €) dépassent la trésorerie (-400,00 €).",
        ])
        #expect(cash.cover(cash.closing) == .nothing)
        #expect(cash.coverSentence() == "La trésorerie est épuisée (-400,00 €) ; une fois les créances encaissées et les dettes payées, il ne reste rien (-600,00 €).")
    }

    /// Beyond three years the months are not counted; below one, said so.
    @Test func coverInWords() throws {
        let store = try Store.inMemory(name: "Asso", start: d("2024-01-01"), now: .machine)
        try post(store, "2024-01-02", "Apport", [("512", 1_000_000), ("1021", -1_000_000)])
        try post(store, "2024-01-10", "Frais", [("627", 10_000), ("512", -10_000)])
        let cash = try Tresorerie(store, period: Period(exercice: store.exercice(nil), to: d("2024-01-31")))
        #expect(cash.rate?.perMonth == Money(cents: 10_000))
        #expect(cash.cover(cash.closing) == .beyond && cash.cover(Money(cents: 360_000)) == .months(36) && cash.cover(Money(cents: 9_999)) == .months(0))
        #expect(cash.coverSentence() == "À ce rythme, la trésorerie (9\u{202F}900,00 €) couvre plus de trois ans.")
    }

    /// The totals of the store, day by day: what the low point reads.
    @Test func totalsByDay() throws {
        let store = try Store.inMemory(name: "Asso", start: d("2024-01-01"), now: .machine)
        try post(store, "2024-01-10", "A", [("512", 1_000), ("756", -1_000)])
        try post(store, "2024-01-10", "B", [("627", 300), ("512", -300)])
        try post(store, "2024-03-05", "C", [("627", 200), ("512", -200)])
        let days = try store.totals(TotalsQuery(groupByMonth: true, groupByDay: true, accountPrefixes: ["512"]))
        #expect(days.map(\.day) == [d("2024-01-10"), d("2024-03-05")])
        #expect(days.map(\.month) == [d("2024-01-01"), d("2024-03-01")])
        #expect(days.map(\.balance) == [Money(cents: 700), Money(cents: -200)])
    }
}
