import Testing
@testable import Ledger

@Suite struct MoneyParsing {
    @Test(arguments: [
        ("1 234,56", 123_456), ("1234.56", 123_456), ("-12,3", -1230), ("1.234,56", 123_456),
        ("1 234,56 €", 123_456), ("1\u{202F}234,56", 123_456), ("1\u{A0}234,56", 123_456),
        ("1,234.56", 123_456), ("120", 12_000), ("+5,5", 550), ("0,05", 5), (",5", 50),
        ("1.234.567", 123_456_700), ("1 234 567,89", 123_456_789), ("120,00-", -12_000),
        ("  42,10  ", 4210), ("€ 3", 300), ("12 EUR", 1200), ("-0,01", -1), ("999 999 999,99", 99_999_999_999),
        ("-999999999.99", -99_999_999_999),
    ] as [(String, Int64)])
    func accepted(text: String, cents: Int64) throws {
        #expect(try Money(parsing: text).cents == cents)
    }

    @Test(arguments: [
        ("12,345", MoneyError.ambiguous), ("1.234", .ambiguous), ("1,2,3", .malformed), ("--5", .invalidCharacter("-")),
        ("1,234", .ambiguous), ("12,3456", .tooManyDecimals), ("1 234,567", .tooManyDecimals), ("", .empty),
        ("€", .empty), ("12a", .invalidCharacter("a")), ("1.23.4", .malformed), ("12 34", .malformed),
        ("1.234,56.7", .malformed), ("12,", .malformed), ("99999999999999999999", .tooLarge),
        ("1000000000,00", .tooLarge), ("1 000 000 000", .tooLarge), ("0,005", .tooManyDecimals), ("-0.005", .tooManyDecimals),
        (",005", .tooManyDecimals),
    ] as [(String, MoneyError)])
    func refused(text: String, error: MoneyError) {
        #expect(throws: error) { try Money(parsing: text) }
    }

    @Test func formattingIsFrench() {
        #expect(Money(cents: 2_580_125).description == "25\u{202F}801,25")
        #expect(Money(cents: -123_456_789).description == "-1\u{202F}234\u{202F}567,89")
        #expect(Money(cents: 5).description == "0,05")
        #expect(Money(cents: -5).plain == "-0,05")
        #expect(Money(cents: 2_580_125).plain == "25801,25")
        #expect(Money(cents: 1_406_681).roundedEuros == "14\u{202F}067")
        #expect(Money(cents: -150).roundedEuros == "-2")
    }

    @Test func formatThenParseRoundTrips() throws {
        var x: Int64 = 1
        for _ in 0..<200 {
            x = (x &* 6364136223846793005 &+ 1442695040888963407)
            let cents = (x >> 20) % 10_000_000_000
            let m = Money(cents: cents)
            #expect(try Money(parsing: m.description) == m)
            #expect(try Money(parsing: m.plain) == m)
        }
    }

    /// Averages and proratas round half away from zero: −9 472,94 € over 3 months is
    /// −3 157,65 € a month (−3 157,646…), not the −3 157,64 truncation gives.
    @Test func divisionsRoundHalfAwayFromZero() throws {
        #expect(try Money(cents: -947_294).scaled(by: 1, over: 3) == Money(cents: -315_765))
        #expect(try Money(cents: 947_294).scaled(by: 1, over: 3) == Money(cents: 315_765))
        #expect(try Money(cents: 5).scaled(by: 1, over: 2) == Money(cents: 3))
        #expect(try Money(cents: -5).scaled(by: 1, over: 2) == Money(cents: -3))
        #expect(try Money(cents: 7).scaled(by: 1, over: -2) == Money(cents: -4))
        #expect(try Money(cents: 100_000).scaled(by: 182, over: 366) == Money(cents: 49_727), "49 726,77…")
        #expect(try Money(cents: .max / 2).scaled(by: 3, over: 4).cents == (Int64.max / 2) / 4 * 3 + 2, "no overflow in the product")
        #expect(roundedDivision(-2, times: 1000, by: 3) == -667)
        #expect(roundedDivision(1, times: 1000, by: 8) == 125)
        #expect(roundedDivision(.max, times: 1000, by: 3) == nil, "a quotient beyond 64 bits")
        #expect(throws: MoneyError.overflow) { try Money(cents: .max).scaled(by: 2, over: 1) }
    }

    @Test func checkedArithmeticRefusesOverflow() {
        #expect(throws: MoneyError.overflow) { try Money(cents: .max).adding(Money(cents: 1)) }
        #expect(throws: MoneyError.overflow) { try Money(cents: .min).subtracting(Money(cents: 1)) }
        #expect((try? Money(cents: 5).adding(Money(cents: -7))) == Money(cents: -2))
    }
}

@Suite struct DayParsing {
    @Test func writings() throws {
        let d = Day(year: 2024, month: 3, day: 5)!
        for text in ["2024-03-05", "05/03/2024", "5/3/2024", "05/03/24", "05-03-2024", "05.03.2024", "20240305", " 2024-03-05 "] {
            #expect(try Day(parsing: text) == d, "\(text)")
        }
        #expect(d.french == "05/03/2024")
        #expect(d.iso == "2024-03-05")
        #expect(d.compact == "20240305")
        #expect(Day(year: 2024, month: 1, day: 1)!.longFrench == "1er janvier 2024")
    }

    @Test func impossibleDates() throws {
        #expect(throws: DayError.nonexistent) { try Day(parsing: "31/02/2024") }
        #expect(throws: DayError.nonexistent) { try Day(parsing: "29/02/2023") }
        #expect(throws: DayError.nonexistent) { try Day(parsing: "2024-13-01") }
        #expect(throws: DayError.unreadable) { try Day(parsing: "demain") }
        #expect(throws: DayError.unreadable) { try Day(parsing: "2024/03") }
        #expect(throws: DayError.unreadable) { try Day(parsing: "") }
        #expect(try Day(parsing: "29/02/2024") == Day(year: 2024, month: 2, day: 29))
    }

    @Test func ordinalRoundTripsAndOrders() {
        var previous: Day? = nil
        for n in stride(from: -719_162, to: 2_900_000, by: 997) {
            let d = Day(ordinal: n)
            #expect(d.ordinal == n)
            #expect(Day(year: d.year, month: d.month, day: d.day) == d)
            if let p = previous { #expect(p < d) }
            previous = d
        }
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(Day(year: 2024, month: 3, day: 1)!.adding(days: -1) == Day(year: 2024, month: 2, day: 29))
    }

    @Test func monthArithmetic() {
        let jan31 = Day(year: 2024, month: 1, day: 31)!
        #expect(jan31.adding(months: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(jan31.adding(months: 11) == Day(year: 2024, month: 12, day: 31))
        #expect(Exercice.defaultEnd(start: Day(year: 2023, month: 9, day: 1)!) == Day(year: 2024, month: 8, day: 31))
        // From 29 February, a year ends on the last day of February, and the next begins on 1 March.
        let leap = Day(year: 2024, month: 2, day: 29)!
        #expect(Exercice.defaultEnd(start: leap) == Day(year: 2025, month: 2, day: 28))
        #expect(Exercice.defaultEnd(start: Day(year: 2023, month: 3, day: 1)!) == leap)
        #expect(Exercice.end(start: jan31, months: 1) == leap)
        // Chained years keep their first day: never a day short, never a day in two exercices.
        var start = Day(year: 2023, month: 7, day: 1)!
        for _ in 0..<12 {
            let end = Exercice.defaultEnd(start: start)
            #expect(end.adding(days: 1) == Day(year: start.year + 1, month: 7, day: 1))
            start = end.adding(days: 1)
        }
        #expect(Exercice.defaultLabel(start: Day(year: 2023, month: 9, day: 1)!, end: Day(year: 2024, month: 8, day: 31)!) == "2023-2024")
        #expect(Exercice.defaultLabel(start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!) == "2024")
    }
}

@Suite struct AccountNumbers {
    @Test func valid() throws {
        #expect(try AccountNumber("604a").text == "604A")
        #expect(try AccountNumber(" 512 ").text == "512")
        #expect(try AccountNumber("6713").nature == .charge)
        #expect(try AccountNumber("7562").nature == .produit)
        #expect(try AccountNumber("875").nature == .contributionEnNature)
        #expect(try AccountNumber("411").nature == .bilan)
        let a604 = try AccountNumber("604"), a604A = try AccountNumber("604A"), a604F = try AccountNumber("604F")
        let a6063 = try AccountNumber("6063"), a6 = try AccountNumber("6")
        #expect(a604A.isUnder("604"))
        #expect(!a6063.isUnder("604"))
        #expect(a604 < a604A)
        #expect(a604F < a6063)
        #expect(!a6.isPostable)
    }

    @Test(arguments: [
        ("", AccountNumberError.empty), ("A604", .mustStartWithDigit), ("0123", .unknownClass("0")),
        ("9000", .unknownClass("9")), ("60A4", .digitAfterSuffix), ("604-A", .invalidCharacter("-")),
        ("6 04", .invalidCharacter(" ")), ("1234567890123", .tooLong), ("604é", .invalidCharacter("É")),
    ] as [(String, AccountNumberError)])
    func invalid(text: String, error: AccountNumberError) {
        #expect(throws: error) { try AccountNumber(text) }
    }

    @Test func projectCodes() throws {
        #expect(try Project.validCode("bl-evolution") == "BL-EVOLUTION")
        #expect(throws: CodeError.invalidCharacter(" ")) { try Project.validCode("BL EVOLUTION") }
        #expect(throws: CodeError.empty) { try Project.validCode("  ") }
    }
}

@Suite struct Hashing {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func chunkedUpdatesGiveTheSameDigest() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 999] {
            var h = SHA256()
            h.update(data[..<split])
            h.update(data[split...])
            #expect(h.finalize().hexString == SHA256.hex(data))
        }
    }
}
