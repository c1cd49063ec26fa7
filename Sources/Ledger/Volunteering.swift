/// Volunteer work valued as a contribution volontaire en nature (ANC 2018-06): a month's hours
/// times an hourly rate, booked D 864 (personnel bénévole) / C 875 (bénévolat). Class 8 stands
/// apart: it never changes the result, and the AG is told the hours counted.
///
/// The hours live in the entry's label, written by `label` and read back by `hours(inLabel:)`:
/// the books themselves (and the hash chain over them) keep the figure, no register beside them.
public struct Volunteering: Sendable, Equatable {
    public static let emplois = AccountNumber(trusted: "864")
    public static let contributions = AccountNumber(trusted: "875")

    /// The month the hours were given: the entry is dated its last day.
    public let month: Day
    /// Hundredths of an hour: 12050 is 120,50 h.
    public let hundredths: Int64
    /// The value of one hour.
    public let rate: Money
    public let project: String?

    public init(month: Day, hours text: String, rate: Money, project: String? = nil) throws(VolunteeringError) {
        let hours: Money
        do { hours = try Money(parsing: text) } catch { throw .badHours(text) }
        guard hours.cents > 0 else { throw .badHours(text) }
        guard rate.cents > 0 else { throw .badRate(rate) }
        self.month = Day(year: month.year, month: month.month, day: 1)!
        hundredths = hours.cents
        self.rate = rate
        self.project = project
    }

    /// Hours × rate, to the cent (half away from zero).
    public func value() throws(VolunteeringError) -> Money {
        do { return try rate.scaled(by: hundredths, over: 100) } catch { throw .tooLarge }
    }

    /// « 120 h », « 7,5 h » : hours as people write them (no trailing zero).
    public static func hoursText(_ hundredths: Int64) -> String {
        var text = Money(cents: hundredths).description
        while text.hasSuffix("0") && text.contains(",") { text.removeLast() }
        if text.hasSuffix(",") { text.removeLast() }
        return text + " h"
    }

    /// « Bénévolat mars 2025 : 120 h à 12,02 €/h ».
    public var label: String {
        "Bénévolat \(Day.frenchMonthNames[month.month - 1]) \(month.year) : \(Volunteering.hoursText(hundredths)) à \(rate) €/h"
    }

    /// The balanced entry of the month, in the journal of miscellaneous operations.
    public func entry() throws(VolunteeringError) -> EntryDraft {
        let amount = try value()
        return EntryDraft(journal: "OD", date: month.lastOfMonth, label: label, lines: [
            LineDraft(account: Volunteering.emplois, amount: amount, project: project),
            LineDraft(account: Volunteering.contributions, amount: Money(cents: -amount.cents), project: project),
        ])
    }

    /// Those of `entries` that already count hours of this month for this project: `benevolat`
    /// run twice for one month is most often a slip, which the treasurer is told of.
    public func alreadyCounted(in entries: [Entry]) -> [Entry] {
        entries.filter { e in
            e.date == month.lastOfMonth && Volunteering.hours(inLabel: e.label) != nil
                && e.lines.contains { $0.account == Volunteering.contributions && $0.project == project }
        }
    }

    /// The hundredths of hours a label written by `label` counts; nil for any other label.
    public static func hours(inLabel text: String) -> Int64? {
        guard text.hasPrefix("Bénévolat "), let colon = text.firstRange(of: " : ") else { return nil }
        let rest = text[colon.upperBound...]
        guard let h = rest.firstRange(of: " h à "), let hours = try? Money(parsing: String(rest[..<h.lowerBound])) else { return nil }
        return hours.cents
    }

    /// The hourly SMIC (brut) in force on `day`, from `rates` (day it took effect, rate, in
    /// order), or nil before the first one known.
    public static func smic(on day: Day, in rates: [(since: Day, rate: Money)]) -> Money? {
        rates.last { $0.since <= day }?.rate
    }

    /// The SMIC rates the program knows (`PlanComptable/Resources/smic.csv`), in order.
    public static func smicRates() -> [(since: Day, rate: Money)] {
        // The file is built into the program and checked by a test: a bad record is a bug, not input.
        let records = (try? PlanComptableData.records("smic")) ?? []
        return records.compactMap { r in
            guard let day = try? Day(parsing: r.fields[0]), let rate = try? Money(parsing: r.fields[1]) else { return nil }
            return (day, rate)
        }
    }
}

public enum VolunteeringError: Error, Equatable, Sendable {
    /// Hours that are not a positive number (0, -3, « beaucoup »).
    case badHours(String)
    case badRate(Money)
    /// `--taux smic` for a month before the first SMIC the program knows.
    case noSmic(Day, first: Day?)
    case tooLarge
}
