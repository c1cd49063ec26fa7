import Foundation
import Ledger

/// The time of one command, read once by whoever runs it (the CLI) and passed down: the store
/// never reads the system clock. `today` is the user's day, in their time zone — the day
/// stamped on validations and closings is the day the reports count to, even at 00:30 in
/// Paris; `instant` is the same moment in UTC (ISO 8601), stamped on what a command records
/// (`created_at`, `imported_at`), and shown back in `zone`.
public struct Now: Sendable, Equatable {
    public let today: Day
    public let instant: String
    public let zone: TimeZone

    /// `date` in `zone`; nil for a date whose day is not a `Day` (before year 1, after 9999).
    public init?(at date: Date, in zone: TimeZone) {
        guard let local = Now.local(date, in: zone) else { return nil }
        today = local.day
        instant = ISO8601DateFormatter().string(from: date)
        self.zone = zone
    }

    /// An instant stored as `instant` is, seen in this command's zone: its day and its time
    /// (`HH:MM`); nil for a text that is no such instant.
    public func local(_ stored: String) -> (day: Day, time: String)? {
        ISO8601DateFormatter().date(from: stored).flatMap { Now.local($0, in: zone) }
    }

    /// An instant this store stamped (`imported_at`), with the day and time it was here.
    public func timestamp(_ stored: String) -> Timestamp {
        Timestamp(utc: stored, local: local(stored).map { Timestamp.Local(day: $0.day, time: $0.time) })
    }

    private static func local(_ date: Date, in zone: TimeZone) -> (day: Day, time: String)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.era, .year, .month, .day, .hour, .minute], from: date)
        guard c.era == 1, let day = Day(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0) else { return nil }
        func twoDigits(_ n: Int?) -> String { let s = String(n ?? 0); return s.count < 2 ? "0" + s : s }
        return (day, twoDigits(c.hour) + ":" + twoDigits(c.minute))
    }
}
