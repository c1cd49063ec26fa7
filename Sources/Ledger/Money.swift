/// An amount of money in euro cents. Never a floating-point value.
///
/// Parsing accepts French and English writings (`1 234,56`, `1234.56`, `-12,3`, `1.234,56`,
/// `1 234,56 €`); formatting for people is French (`25 801,25`, U+202F between thousands).
public struct Money: Hashable, Comparable, Sendable {
    public let cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static let zero = Money(cents: 0)

    /// The largest amount Compta reads, 999 999 999,99 €: no association moves a billion euros in
    /// one operation (the largest French ones spend about that in a year).
    public static let maximum: Int64 = 99_999_999_999

    /// The most the ledger's movements may add up to: 10^13 € (10^15 cents) of debits, as many of
    /// credits, over all its lines and years — no association moves that much. `Store` refuses the
    /// entry that would go beyond. So every sum of the ledger's lines is within ±2 × 10^15 cents,
    /// and the largest product a report makes of one, a percentage in tenths (× 1000), stays
    /// below 2 × 10^18, under `Int64`'s 9.2 × 10^18: the arithmetic of reports cannot overflow.
    /// A bound on each amount alone would not do: 92 million lines of 999 999 999,99 € would.
    public static let ledgerLimit: Int64 = 1_000_000_000_000_000

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    public var isZero: Bool { cents == 0 }
    public var isNegative: Bool { cents < 0 }
    public var magnitude: Money { Money(cents: cents < 0 ? -cents : cents) }
    public static prefix func - (m: Money) -> Money { Money(cents: -m.cents) }

    /// Checked addition: overflow is an error, never a wrap.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        let (sum, overflow) = cents.addingReportingOverflow(other.cents)
        if overflow { throw .overflow }
        return Money(cents: sum)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        let (diff, overflow) = cents.subtractingReportingOverflow(other.cents)
        if overflow { throw .overflow }
        return Money(cents: diff)
    }

    /// Adds, trapping on overflow. For sums of the ledger's amounts, which `ledgerLimit` bounds,
    /// or of a file's amounts before they are recorded (each at most `maximum`, fewer than a
    /// million of them in one entry, a budget or a file of 512 MB).
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static func += (a: inout Money, b: Money) { a = a + b }
    public static func -= (a: inout Money, b: Money) { a = a - b }

    /// Sum of a sequence, trapping on overflow (see `+`).
    public static func sum<S: Sequence>(_ s: S) -> Money where S.Element == Money {
        s.reduce(.zero, +)
    }
}

public enum MoneyError: Error, Equatable, Sendable {
    /// The text is empty or holds no digit.
    case empty
    /// A character that has no place in an amount.
    case invalidCharacter(Character)
    /// More than two digits after the decimal separator.
    case tooManyDecimals
    /// `12,345` or `1.234`: thousands separator or decimal separator with three decimals?
    case ambiguous
    /// Separators in impossible places (`1,2,3`, `1.23.4`, `--5`).
    case malformed
    /// More than `Money.maximum`.
    case tooLarge
    /// An arithmetic overflow.
    case overflow
}

extension Money {
    /// Parses an amount written by a person or a bank.
    public init(parsing text: String) throws(MoneyError) {
        if let fast = Money.fastParse(text) { self = fast; return }
        var s = Substring(text)
        // Trim white space of every kind, the euro sign and "EUR".
        func trim() {
            while let c = s.first, c.isWhitespace || c == "\u{202F}" || c == "\u{A0}" { s.removeFirst() }
            while let c = s.last, c.isWhitespace || c == "\u{202F}" || c == "\u{A0}" { s.removeLast() }
        }
        trim()
        if s.hasSuffix("€") { s.removeLast(); trim() }
        if s.uppercased().hasSuffix("EUR") { s.removeLast(3); trim() }
        if s.hasPrefix("€") { s.removeFirst(); trim() }
        var negative = false
        if let c = s.first, c == "-" || c == "+" || c == "\u{2212}" {
            negative = c != "+"
            s.removeFirst()
            trim()
        } else if let c = s.last, c == "-" {
            // Some banks write the sign after the number: "120,00-".
            negative = true
            s.removeLast()
            trim()
        }
        if s.isEmpty { throw .empty }
        // Keep digits and separators; remember where the separators are.
        var digits: [UInt8] = []
        var separators: [(char: Character, digitsBefore: Int)] = []
        for c in s {
            if let v = c.wholeNumberValue, c.isASCII {
                digits.append(UInt8(v))
            } else if c == "," || c == "." {
                separators.append((c, digits.count))
            } else if c == " " || c == "\u{A0}" || c == "\u{202F}" || c == "\u{2009}" || c == "'" {
                separators.append((" ", digits.count))
            } else {
                throw .invalidCharacter(c)
            }
        }
        if digits.isEmpty { throw .empty }
        // Decide which separator, if any, is the decimal one.
        var decimalAt: Int? = nil  // number of digits before the decimal separator
        let marks = separators.filter { $0.char != " " }
        if let last = marks.last {
            let distinct = Set(marks.map(\.char))
            let after = digits.count - last.digitsBefore
            if distinct.count == 2 {
                // "1.234,56" or "1,234.56": the last mark is decimal, the others thousands.
                if marks.dropLast().contains(where: { $0.char == last.char }) { throw .malformed }
                decimalAt = last.digitsBefore
            } else if marks.count == 1 {
                // « 0,005 »: no thousands follow a lone zero, so three decimals.
                if after >= 3 && digits.prefix(last.digitsBefore).allSatisfy({ $0 == 0 }) { throw .tooManyDecimals }
                if after == 3 && !separators.contains(where: { $0.char == " " }) {
                    // "12,345" / "1.234": thousands or three decimals? Refuse to guess.
                    throw .ambiguous
                }
                if after == 3 {
                    // "1 234,567": spaces are thousands, so the mark is decimal, with 3 decimals.
                    throw .tooManyDecimals
                }
                decimalAt = last.digitsBefore
            } else {
                // Several identical marks: thousands separators only ("1.234.567").
                decimalAt = nil
            }
        }
        // Every non-decimal separator must be a thousands separator: groups of three digits.
        var groupMarks = separators.map(\.digitsBefore)
        if let d = decimalAt, let i = separators.lastIndex(where: { $0.char != " " && $0.digitsBefore == d }) {
            groupMarks.remove(at: i)
        }
        let integerDigits = decimalAt ?? digits.count
        if !groupMarks.isEmpty {
            var previous = 0
            for (index, at) in groupMarks.enumerated() {
                if at > integerDigits { throw .malformed }
                let group = at - previous
                if index == 0 ? (group < 1 || group > 3) : group != 3 { throw .malformed }
                previous = at
            }
            if integerDigits - previous != 3 { throw .malformed }
        }
        if let d = decimalAt {
            let decimals = digits.count - d
            if decimals == 0 || d == 0 && decimals == 0 { throw .malformed }
            if decimals > 2 { throw .tooManyDecimals }
        }
        var cents: Int64 = 0
        let fraction = decimalAt.map { digits.count - $0 } ?? 0
        for digit in digits {
            let (m, o1) = cents.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(digit))
            if o1 || o2 { throw .tooLarge }
            cents = a
        }
        for _ in fraction..<2 {
            let (m, o) = cents.multipliedReportingOverflow(by: 10)
            if o { throw .tooLarge }
            cents = m
        }
        if cents > Money.maximum { throw .tooLarge }
        self.cents = negative ? -cents : cents
    }
}

extension Money {
    /// `-1234,56`, `+45,00`, `1234.5`, `120`: an optional sign, at most 13 digits, and a decimal
    /// comma or point followed by one or two digits, read straight from the bytes. Everything
    /// else (spaces, thousands separators, currency) goes through the full parser.
    static func fastParse(_ text: String) -> Money? {
        var t = text
        return t.withUTF8 { b -> Money? in
            var i = 0
            var negative = false
            if i < b.count, b[i] == 0x2D || b[i] == 0x2B { negative = b[i] == 0x2D; i += 1 }
            var units: Int64 = 0, digits = 0
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                units = units * 10 + Int64(b[i] - 0x30)
                digits += 1
                i += 1
                if digits > 13 { return nil }
            }
            guard digits > 0 else { return nil }
            var cents: Int64 = 0
            if i < b.count {
                guard b[i] == 0x2C || b[i] == 0x2E else { return nil }
                i += 1
                let decimals = b.count - i
                guard decimals == 1 || decimals == 2 else { return nil }
                for _ in 0..<decimals {
                    guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                    cents = cents * 10 + Int64(b[i] - 0x30)
                    i += 1
                }
                if decimals == 1 { cents *= 10 }
            }
            let total = units * 100 + cents
            guard total <= Money.maximum else { return nil }
            return Money(cents: negative ? -total : total)
        }
    }
}

/// `value × factor ÷ divisor`, rounded half away from zero (−3 157,649 → −3 157,65), computed
/// on 128 bits so the product cannot overflow; nil when the quotient is beyond 64 bits (a
/// percentage of a tiny amount). Every division of amounts goes here: truncating would drift
/// toward zero.
public func roundedDivision(_ value: Int64, times factor: Int64 = 1, by divisor: Int64) -> Int64? {
    precondition(divisor != 0, "division by zero")
    let product = Int128(value) * Int128(factor), d = Int128(divisor)
    var quotient = product / d
    let remainder = product % d
    if remainder.magnitude >= d.magnitude - remainder.magnitude {
        quotient += (product < 0) != (d < 0) ? -1 : 1
    }
    return Int64(exactly: quotient)
}

extension Money {
    /// `self × numerator ÷ denominator`, rounded half away from zero: a prorata, a projection
    /// (amount × amount), an average. An error when the result is beyond any amount.
    public func scaled(by numerator: Int64, over denominator: Int64) throws(MoneyError) -> Money {
        guard let cents = roundedDivision(cents, times: numerator, by: denominator) else { throw .overflow }
        return Money(cents: cents)
    }
}

extension Money: CustomStringConvertible {
    /// French writing for people: `-25 801,25` (U+202F between thousands, decimal comma).
    public var description: String { formatted() }

    public func formatted(thousands: String = "\u{202F}") -> String {
        let negative = cents < 0
        let absolute = cents.magnitude
        let units = String(absolute / 100)
        let fraction = absolute % 100
        var grouped = ""
        for (i, c) in units.enumerated() {
            if i > 0 && (units.count - i) % 3 == 0 { grouped += thousands }
            grouped.append(c)
        }
        return (negative ? "-" : "") + grouped + "," + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// Plain writing for files (CSV, FEC): `-25801,25`, no thousands separator.
    public var plain: String { formatted(thousands: "") }

    /// Whole euros, rounded half away from zero, French grouping: `14 067 €` → "14 067".
    public var roundedEuros: String {
        let units = (cents.magnitude + 50) / 100
        let m = Money(cents: Int64(units) * 100 * (cents < 0 ? -1 : 1))
        let s = m.formatted()
        return String(s.dropLast(3))
    }
}
