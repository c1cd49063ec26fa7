import Testing
@testable import Ledger

/// Fonds dédiés: the accounts of each family in both charts, and the figures a project's
/// report and utilisation come to, capped as the regulation wants.
@Suite struct DedicatedFundFigures {
    @Test(arguments: ChartVersion.allCases)
    func eachFamilysAccountsAreInTheChart(_ chart: ChartVersion) throws {
        let labels = Dictionary(try PlanComptableData.accounts(chart).map { ($0.number, $0.label) }, uniquingKeysWith: { a, _ in a })
        for f in FundFamily.allCases {
            #expect(labels[f.fund.text]?.hasPrefix("Fonds dédiés sur") == true, "\(f.fund) in \(chart)")
            #expect(labels[f.report.text]?.hasPrefix("Reports en fonds dédiés sur") == true, "\(f.report) in \(chart)")
            #expect(labels[f.utilisation.text]?.hasPrefix("Utilisations des fonds dédiés sur") == true, "\(f.utilisation) in \(chart)")
            for r in f.resources { #expect(labels[r] != nil, "\(r) in \(chart)") }
        }
        #expect(labels[AccountGroup.fundReports] == "Reports en fonds dédiés")
        #expect(labels[AccountGroup.fundUtilisations]?.hasPrefix("Utilisations") == true)
    }

    @Test func aResourceBelongsToTheFamilyOfItsLongestPrefix() {
        #expect(FundFamily.ofResource(AccountNumber(trusted: "7411")) == .subvention)
        #expect(FundFamily.ofResource(AccountNumber(trusted: "7551")) == .contribution)
        #expect(FundFamily.ofResource(AccountNumber(trusted: "7552")) == .dons)
        #expect(FundFamily.ofResource(AccountNumber(trusted: "7541")) == .dons)
        #expect(FundFamily.ofResource(AccountNumber(trusted: "7562")) == nil)
        #expect(FundFamily.ofFund(AccountNumber(trusted: "1941")) == .subvention)
        #expect(FundFamily.ofFund(AccountNumber(trusted: "191")) == nil, "fonds reportés (legs) are not a family of fonds dédiés")
    }

    func movement(resources: Int64 = 0, charges: Int64 = 0, opening: Int64 = 0, reports: Int64 = 0, utilisations: Int64 = 0) -> FundMovement {
        var m = FundMovement(family: .subvention, project: "EUROPE")
        m.resources = Money(cents: resources * 100)
        m.charges = Money(cents: charges * 100)
        m.opening = Money(cents: opening * 100)
        m.closing = Money(cents: (opening + reports - utilisations) * 100)
        m.reports = Money(cents: reports * 100)
        m.utilisations = Money(cents: utilisations * 100)
        return m
    }

    @Test func theUnusedPartOfTheYearsResourcesIsReported() throws {
        let p = try DedicatedFunds.proposal(movement(resources: 60_000, charges: 15_000))
        #expect(p.report == Money(cents: 4_500_000) && p.utilisation == .zero && p.closing == Money(cents: 4_500_000))
        // Spent more than received: nothing to report, never a negative fund.
        #expect(try DedicatedFunds.proposal(movement(resources: 10_000, charges: 12_000)).report == .zero)
    }

    @Test func anOpenFundIsUsedAsTheProjectSpendsCappedAtWhatIsLeft() throws {
        var p = try DedicatedFunds.proposal(movement(charges: 45_000, opening: 45_000))
        #expect(p.utilisation == Money(cents: 4_500_000) && p.report == .zero && p.closing == .zero)
        p = try DedicatedFunds.proposal(movement(charges: 50_000, opening: 45_000))
        #expect(p.utilisation == Money(cents: 4_500_000), "capped at the fund")
        // The old fund pays first; the year's new resources then cover the rest, and what they
        // leave is reported.
        p = try DedicatedFunds.proposal(movement(resources: 20_000, charges: 30_000, opening: 25_000))
        #expect(p.utilisation == Money(cents: 2_500_000) && p.report == Money(cents: 1_500_000))
    }

    @Test func whatIsBookedIsDeductedAndTheEntriesBalanceOnTheProject() throws {
        let e = Exercice(id: 1, label: "2024", start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!,
                         chart: .pca2018, isClosed: false)
        let p = try DedicatedFunds.proposal(movement(resources: 60_000, charges: 15_000, reports: 40_000))
        #expect(p.reportToBook == Money(cents: 500_000) && !p.isBooked)
        let drafts = p.entries(on: e.end, exercice: e)
        #expect(drafts.count == 1)
        #expect(drafts[0].lines.map(\.account.text) == ["6894", "194"] && drafts[0].lines.map(\.amount.cents) == [500_000, -500_000])
        #expect(drafts[0].lines.allSatisfy { $0.project == "EUROPE" } && drafts[0].date == e.end && drafts[0].journal == "OD")
        // Booked above the figure: the entry goes the other way.
        let lower = try DedicatedFunds.proposal(movement(resources: 60_000, charges: 15_000, reports: 50_000))
        #expect(lower.entries(on: e.end, exercice: e)[0].lines.map(\.amount.cents) == [-500_000, 500_000])
        #expect(try DedicatedFunds.proposal(movement(resources: 60_000, charges: 15_000, reports: 45_000)).isBooked)
    }

    @Test func figuresSetByHandAreCapped() throws {
        #expect(throws: FundError.reportExceedsResources(project: "EUROPE", family: .subvention, asked: Money(cents: 7_000_000), resources: Money(cents: 6_000_000))) {
            try DedicatedFunds.proposal(movement(resources: 60_000, charges: 15_000), report: Money(cents: 7_000_000))
        }
        #expect(throws: FundError.utilisationExceedsFund(project: "EUROPE", family: .subvention, asked: Money(cents: 5_000_000), left: Money(cents: 4_500_000))) {
            try DedicatedFunds.proposal(movement(charges: 50_000, opening: 45_000), utilisation: Money(cents: 5_000_000))
        }
        #expect(throws: FundError.self) { try DedicatedFunds.proposal(movement(resources: 100), report: Money(cents: -1)) }
        #expect(throws: FundError.unknownFamily("legs")) { try FundFamily.parse("legs") }
        #expect(try FundFamily.parse("Subventions") == .subvention)
        #expect(try FundFamily.parse("aucun") == nil)
        #expect(try FundFamily.parse("don") == .dons)
    }
}
