/// A calendar day (no time, no time zone): what an accounting entry is dated with.
public struct Day: Hashable, Comparable, Sendable {
    /// Year, month and day in one integer (`year << 9 | month << 5 | day`): four bytes per day
    /// held, and days compare as integers.
    private let packed: UInt32

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int(packed >> 5 & 0xF) }
    public var day: Int { Int(packed & 0x1F) }

    /// A valid day, or nil (`31/02/2024` is not a day).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        packed = UInt32(year) << 9 | UInt32(month) << 5 | UInt32(day)
    }

    public static func < (a: Day, b: Day) -> Bool { a.packed < b.packed }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        packed = UInt32(yoe + era * 400 + (m <= 2 ? 1 : 0)) << 9 | UInt32(m) << 5 | UInt32(d)
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Same day `n` months later, clamped to the month's last day (31 Jan + 1 month = 29 Feb).
    public func adding(months n: Int) -> Day {
        let index = year * 12 + (month - 1) + n
        let y = index / 12, m = index % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }

    public var firstOfMonth: Day { Day(year: year, month: month, day: 1)! }
    public var lastOfMonth: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }

    /// Number of days from `self` to `other`, both included (1 for the same day).
    public func daysThrough(_ other: Day) -> Int { other.ordinal - ordinal + 1 }

    /// `2024-03-05`
    public var iso: String { write((year, 4), (month, 2), (day, 2), separator: UInt8(ascii: "-")) }
    /// `05/03/2024`
    public var french: String { write((day, 2), (month, 2), (year, 4), separator: UInt8(ascii: "/")) }
    /// `20240305` (FEC)
    public var compact: String { write((year, 4), (month, 2), (day, 2), separator: nil) }
    /// `2024-03`: the month key used in monthly tables.
    public var monthKey: String { write((year, 4), (month, 2), (0, 0), separator: UInt8(ascii: "-")) }

    /// Up to three numbers, each with leading zeros to its width (0: absent), joined by
    /// `separator`, written straight into the string's bytes: a large import writes millions of dates.
    private func write(_ a: (Int, Int), _ b: (Int, Int), _ c: (Int, Int), separator: UInt8?) -> String {
        let parts = c.1 == 0 ? 2 : 3
        let length = a.1 + b.1 + c.1 + (separator == nil ? 0 : parts - 1)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = 0
            for (i, (number, width)) in [a, b, c].prefix(parts).enumerated() {
                if i > 0, let separator { buffer[end] = separator; end += 1 }
                var n = number
                for k in stride(from: end + width - 1, through: end, by: -1) {
                    buffer[k] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                }
                end += width
            }
            return end
        }
    }

    public static let frenchMonthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                          "août", "septembre", "octobre", "novembre", "décembre"]
    /// `5 mars 2024`, `1er janvier 2024`
    public var longFrench: String {
        (day == 1 ? "1er" : String(day)) + " " + Day.frenchMonthNames[month - 1] + " " + String(year)
    }
}

public enum DayError: Error, Equatable, Sendable {
    /// Not a date in a known writing (expected `2024-03-05` or `05/03/2024`).
    case unreadable
    /// Written correctly but does not exist (`31/02/2024`).
    case nonexistent
}

extension Day: CustomStringConvertible {
    public var description: String { iso }

    /// Reads `2024-03-05`, `05/03/2024`, `5/3/2024`, `05/03/24`, `05-03-2024`, `05.03.2024`, `20240305`.
    /// Two-digit years are 20yy.
    public init(parsing text: String) throws(DayError) {
        if let fast = Day.fastParse(text) { self = fast; return }
        let s = text.trimmingSpaces
        let parts = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        var numbers: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 4 || parts.count == 1 && p.count == 8, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p) else {
                throw .unreadable
            }
            numbers.append(n)
        }
        let y: Int, m: Int, d: Int
        if numbers.count == 1, s.count == 8 {
            y = numbers[0] / 10000; m = numbers[0] / 100 % 100; d = numbers[0] % 100
        } else if numbers.count == 3, parts[0].count == 4 {
            y = numbers[0]; m = numbers[1]; d = numbers[2]
        } else if numbers.count == 3, parts[2].count == 4 || parts[2].count == 2, parts[0].count <= 2 {
            d = numbers[0]; m = numbers[1]
            y = parts[2].count == 2 ? 2000 + numbers[2] : numbers[2]
        } else {
            throw .unreadable
        }
        guard let day = Day(year: y, month: m, day: d) else { throw .nonexistent }
        self = day
    }
}

/// Why a month (`2025-03`) cannot be read.
public enum MonthError: Error, Equatable, Sendable {
    /// Not `AAAA-MM` (a day, a word...).
    case unreadable
    /// A month number outside 1…12 (`2022-13`).
    case noSuchMonth(Int)
}

extension Day {
    /// The first day of the month written `2025-03` (or `2025-3`, `03/2025`).
    public init(month text: String) throws(MonthError) {
        let parts = text.trimmingSpaces.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { throw .unreadable }
        let (yearText, monthText) = parts[0].count == 4 && parts[1].count <= 2 ? (parts[0], parts[1])
            : parts[1].count == 4 && parts[0].count <= 2 ? (parts[1], parts[0]) : ("", "")
        guard let year = Int(yearText), let month = Int(monthText) else { throw .unreadable }
        guard let day = Day(year: year, month: month, day: 1) else { throw .noSuchMonth(month) }
        self = day
    }
}

extension Day {
    /// Exactly `yyyy-mm-dd`, as the ledger stores a date, or nil: a stored date written any
    /// other way (`20240615`) would be read one way here and another by a query comparing text.
    public init?(iso text: String) {
        guard let day = Day.fastParse(text), day.iso == text else { return nil }
        self = day
    }

    /// `dd/mm/yyyy` and `yyyy-mm-dd`, read straight from the bytes: the writings of nearly every
    /// line of a statement. Anything else (or an impossible date) goes the long way.
    static func fastParse(_ text: String) -> Day? {
        var t = text
        return t.withUTF8 { b -> Day? in
            guard b.count == 10 else { return nil }
            func digits(_ from: Int, _ count: Int) -> Int? {
                var n = 0
                for i in from..<(from + count) {
                    let c = b[i]
                    guard c >= 0x30 && c <= 0x39 else { return nil }
                    n = n * 10 + Int(c - 0x30)
                }
                return n
            }
            if b[2] == 0x2F && b[5] == 0x2F, let d = digits(0, 2), let m = digits(3, 2), let y = digits(6, 4) {
                return Day(year: y, month: m, day: d)
            }
            if b[4] == 0x2D && b[7] == 0x2D, let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) {
                return Day(year: y, month: m, day: d)
            }
            return nil
        }
    }
}
