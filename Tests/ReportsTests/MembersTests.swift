import Foundation
import Testing
import Ledger
import LedgerStore
@testable import Reports

/// `compta adherents`: the members of a period are the tiers with a cotisation in it, counted for
/// the tiers they are today; the figures for the AG sit beside the previous exercice's.
@Suite struct MembersReport {
    /// 2024 and 2025. Léa pays both years (in 2025 under a second record merged into her), Paul
    /// only 2024, Zoé only 2025 (25 € then 15 €); a gift (754) with a tiers makes no member.
    func club() throws -> (store: Store, y2024: Exercice, y2025: Exercice) {
        let store = try Store.inMemory(name: "Club", start: d("2024-01-01"), now: .machine)
        let y2025 = try store.addExercice(start: d("2025-01-01"))
        let lea = try store.addTiers(TiersFields(firstName: "Léa", lastName: "Martin"))
        let paul = try store.addTiers(TiersFields(firstName: "Paul", lastName: "Durand"))
        let zoe = try store.addTiers(TiersFields(firstName: "Zoé", lastName: "Petit"))
        let twin = try store.addTiers(TiersFields(firstName: "L.", lastName: "Martin"))
        func pay(_ date: String, _ tiers: Tiers, _ cents: Int64, account: String = "7561") throws {
            try store.post(EntryDraft(journal: "BQ", date: d(date), label: "Cotisation", lines: [
                LineDraft(account: n("512"), amount: Money(cents: cents)), LineDraft(account: n(account), amount: Money(cents: -cents), tiers: tiers.code)]))
        }
        try pay("2024-02-01", lea, 3000)
        try pay("2024-03-01", paul, 2000)
        try pay("2024-04-01", zoe, 5000, account: "754")
        try pay("2025-02-01", twin, 4000)
        try pay("2025-03-01", zoe, 2500)
        try pay("2025-05-01", zoe, 1500)
        _ = try store.mergeTiers(twin.code, into: lea.code)
        return (store, try store.exercice("2024"), y2025)
    }

    @Test func membersAreTheTiersWithACotisationInThePeriod() throws {
        let (store, _, y2025) = try club()
        let m = try Members(store, period: Period(exercice: y2025), standing: d("2025-06-30"), rule: .exercice)
        #expect(m.members.map(\.tiers.code) == ["T0001", "T0003"])
        let lea = m.members[0], zoe = m.members[1]
        #expect(lea.lastDay == d("2025-02-01") && lea.lastAmount == Money(cents: 4000) && lea.paid == Money(cents: 4000) && lea.isUpToDate)
        #expect(zoe.lastDay == d("2025-05-01") && zoe.lastAmount == Money(cents: 1500) && zoe.paid == Money(cents: 4000))
        #expect(m.former.map(\.tiers.code) == ["T0002"])
        #expect(!m.former[0].isUpToDate)
        #expect(m.figures == Members.Figures(members: 2, new: 1, notRenewed: 1, total: Money(cents: 8000), median: Money(cents: 4000)))
        #expect(m.previous?.exercice.label == "2024")
        #expect(m.previous?.figures == Members.Figures(members: 2, new: 2, notRenewed: 0, total: Money(cents: 5000), median: Money(cents: 2500)))
        let csv = try OutputFormat.csv.render(m.document(association: "Club")).components(separatedBy: "\r\n")
        #expect(csv[0] == "Code;Nom;Dernière cotisation;Montant;Total période;À jour au 30/06/2025")
        #expect(csv[1] == "T0001;Léa Martin;01/02/2025;40,00;40,00;oui")
        let notes = m.document(association: "Club").notes
        #expect(notes.contains("Adhérents : 2 (2024 : 2)."), "\(notes)")
        #expect(notes.contains("Cotisations : 80,00 € au total (2024 : 50,00 €), médiane 40,00 € (2024 : 25,00 €)."), "\(notes)")
    }

    /// The first exercice has no N-1; a date inside the exercice cuts the period there.
    @Test func aDateCutsThePeriodAndTheFirstExerciceHasNoComparison() throws {
        let (store, y2024, y2025) = try club()
        let first = try Members(store, period: Period(exercice: y2024), standing: d("2024-12-31"), rule: .exercice)
        #expect(first.previous == nil)
        #expect(first.members.map(\.tiers.code) == ["T0001", "T0002"])
        #expect(first.document(association: "Club").notes.first == "Adhérents : 2.")
        let february = try Members(store, period: Period(exercice: y2025, to: d("2025-02-15")), standing: d("2025-02-15"), rule: .exercice)
        #expect(february.members.map(\.tiers.code) == ["T0001"])
        #expect(february.former.map(\.tiers.code) == ["T0002"])
        #expect(february.figures.notRenewed == 1)
    }

    /// « À jour » under each rule: in the exercice of the day, or in the twelve months before it.
    @Test func upToDateFollowsTheAssociationsRule() throws {
        let (store, _, y2025) = try club()
        for (day, rule, paulUpToDate) in [("2025-02-15", MembershipRule.exercice, false), ("2025-02-15", .twelveMonths, true),
                                          ("2025-03-01", .twelveMonths, false)] {
            let m = try Members(store, period: Period(exercice: y2025, to: d(day)), standing: d(day), rule: rule)
            #expect(m.former.first { $0.tiers.code == "T0002" }?.isUpToDate == paulUpToDate, "\(day) \(rule)")
        }
    }

    @Test func theMedianOfAnEvenCountIsHalfwayBetweenTheMiddleOnes() {
        #expect(Members.median([]) == nil)
        #expect(Members.median([Money(cents: 3000), Money(cents: 1000), Money(cents: 2000)]) == Money(cents: 2000))
        #expect(Members.median([Money(cents: 1000), Money(cents: 2001)]) == Money(cents: 1501))
    }
}
