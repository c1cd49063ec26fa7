import Testing
@testable import Ledger

/// Volunteer hours valued as contributions volontaires en nature: the amount to the cent, the
/// hours kept in the label and read back, the SMIC by date, class 8 kept apart.
@Suite struct VolunteeringValue {
    let march = Day(year: 2025, month: 3, day: 17)!

    @Test func hoursTimesRateToTheCentOnTheMonthsLastDay() throws {
        let work = try Volunteering(month: march, hours: "7,5", rate: Money(cents: 1188))
        #expect(try work.value() == Money(cents: 8910))
        let odd = try Volunteering(month: march, hours: "0,33", rate: Money(cents: 1165))
        #expect(try odd.value() == Money(cents: 384), "0,33 × 11,65 = 3,8445, rounded to the cent")
        let e = try work.entry()
        #expect(e.date == Day(year: 2025, month: 3, day: 31)! && e.journal == "OD")
        #expect(e.lines.map(\.account.text) == ["864", "875"] && e.lines.map(\.amount.cents) == [8910, -8910])
        #expect(e.label == "Bénévolat mars 2025 : 7,5 h à 11,88 €/h")
    }

    @Test func theLabelCarriesTheHoursBack() throws {
        for hours in ["120", "7,5", "0,25", "1 234,5"] {
            let work = try Volunteering(month: march, hours: hours, rate: Money(cents: 1202))
            #expect(Volunteering.hours(inLabel: work.label) == work.hundredths, "\(work.label)")
        }
        #expect(Volunteering.hours(inLabel: "Loyer mars : 3 h à 10 €/h") == nil)
        #expect(Volunteering.hours(inLabel: "Bénévolat mars 2025") == nil)
        #expect(Volunteering.hoursText(12000) == "120 h" && Volunteering.hoursText(750) == "7,5 h" && Volunteering.hoursText(25) == "0,25 h")
    }

    @Test func aMonthIsReadAsItsFirstDayOrRefusedSayingWhy() throws {
        #expect(try Day(month: "2025-03") == Day(year: 2025, month: 3, day: 1))
        #expect(try Day(month: "03/2025") == Day(year: 2025, month: 3, day: 1))
        #expect(throws: MonthError.noSuchMonth(13)) { try Day(month: "2022-13") }
        #expect(throws: MonthError.noSuchMonth(0)) { try Day(month: "2022-00") }
        for text in ["2022-03-05", "mars", "2022", "22-03", "2022-", "-03"] {
            #expect(throws: MonthError.unreadable, "\(text)") { try Day(month: text) }
        }
    }

    @Test func hoursThatAreNotPositiveAreRefused() {
        for bad in ["0", "-3", "beaucoup", ""] {
            #expect(throws: VolunteeringError.badHours(bad)) { try Volunteering(month: march, hours: bad, rate: Money(cents: 1202)) }
        }
        #expect(throws: VolunteeringError.badRate(Money(cents: 0))) { try Volunteering(month: march, hours: "3", rate: .zero) }
    }

    /// The rates of `smic.csv`, each in force from its day to the eve of the next.
    @Test func theSmicOfADayIsTheOneInForce() throws {
        let rates = Volunteering.smicRates()
        #expect(rates.count == (try PlanComptableData.records("smic")).count, "every record of smic.csv reads")
        #expect(rates.map(\.since) == rates.map(\.since).sorted())
        func smic(_ y: Int, _ m: Int, _ d: Int) -> Int64? { Volunteering.smic(on: Day(year: y, month: m, day: d)!, in: rates)?.cents }
        #expect(smic(2022, 12, 31) == nil)
        #expect(smic(2023, 1, 1) == 1127)
        #expect(smic(2024, 10, 31) == 1165 && smic(2024, 11, 1) == 1188)
        #expect(smic(2025, 6, 1) == 1188 && smic(2026, 1, 1) == 1202)
    }

    @Test func classEightIsNeverMixedWithAnotherClass() {
        let catalog = Catalog(accounts: ["512", "864", "875", "6063"].map { Account(number: AccountNumber(trusted: $0), label: $0, isCustom: false) },
                              projects: [], journals: Journal.defaults, exercices: sampleCatalog().exercices)
        let day = Day(year: 2024, month: 3, day: 5)!
        #expect(throws: EntryError.mixedContributionsInKind(AccountNumber(trusted: "864"), other: AccountNumber(trusted: "512"))) {
            try catalog.validate(entry([line("864", 1000), line("512", -1000)], on: day))
        }
        #expect(throws: EntryError.mixedContributionsInKind(AccountNumber(trusted: "875"), other: AccountNumber(trusted: "6063"))) {
            try catalog.validate(entry([line("6063", 1000), line("875", -1000)], on: day))
        }
        #expect(throws: Never.self) { try catalog.validate(entry([line("864", 1000), line("875", -1000)], on: day)) }
    }
}
