import Foundation
import Testing
import Ledger
@testable import Imports

/// CFONB 120: the sample `Fixtures/banques/releve.cfonb` is read by `BankSamples`; here, the
/// ways the same records come, and the records that cannot be read.
@Suite struct CFONB {
    let sample: [UInt8]
    init() throws { sample = try bytes("banques/releve.cfonb") }

    var records: [String] { String(data: Data(sample), encoding: .isoLatin1)!.split(separator: "\r\n").map(String.init) }

    func read(_ data: [UInt8], number: String? = nil) throws(StatementError) -> Statement {
        try StatementFile.read(data, options: ReadOptions(accountNumber: number))
    }

    func error(_ data: [UInt8], number: String? = nil) -> StatementError? {
        #expect(throws: StatementError.self) { try read(data, number: number) }
    }

    func summary(_ s: Statement) -> [String] { s.lines.map { "\($0.date.iso);\($0.amount.plain);\($0.label)" } }

    @Test func withoutLineBreaksOrWithTrimmedBlanksTheRecordsReadAlike() throws {
        let expected = summary(try read(sample))
        #expect(expected.count == 5)
        let glued = try read(sample.filter { $0 != 0x0D && $0 != 0x0A })
        #expect(summary(glued) == expected)
        #expect(glued.lines.map(\.line) == [2, 8, 12, 15, 16], "without line breaks, an operation is known by its record's number")
        #expect(glued.closingBalance == Money(cents: 239_925))
        let trimmed = records.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }.joined(separator: "\n")
        #expect(summary(try read(Array(trimmed.utf8))) == expected)
    }

    @Test func amountsCarryTheirSignInTheLastCharacter() throws {
        func amount(_ text: String, decimals: Character = "2") throws(StatementError) -> Money {
            var r = Array(records[1])
            r[19] = decimals
            r.replaceSubrange(90..<104, with: Array(text))
            return try CFONBReader.amount(CFONBReader.Record(number: 1, line: 1, bytes: Array(String(r).utf8)[...], scalars: nil))
        }
        #expect(try amount("0000000000322J") == Money(cents: -3221))
        #expect(try amount("0000000001904}") == Money(cents: -19040))
        #expect(try amount("0000000001234{") == Money(cents: 12340))
        #expect(try amount("0000000001234I", decimals: "0") == Money(cents: 1_234_900))
        #expect(try amount("0000000001230}", decimals: "3") == Money(cents: -1230))
        #expect(throws: StatementError.cfonb(record: 1, line: 1, problem: .amount("0000000001176O"))) { try amount("0000000001176O", decimals: "3") }
    }

    @Test func severalAccountsNeedANumber() throws {
        let other = records.prefix(2).map { $0.replacingOccurrences(of: "00012345678", with: "00098765432") }
        let data = Array((records + other).joined(separator: "\n").utf8)
        #expect(error(data) == .severalAccounts(["00012345678", "00098765432"]))
        let chosen = try read(data, number: "00098765432")
        #expect(summary(chosen) == ["2024-03-05;-120,00;PRLV SEPA OVH SAS"])
        #expect(chosen.accountID == "00098765432")
        #expect(chosen.openingBalance == Money(cents: 120_000))
        // An IBAN holds the account number.
        #expect(try read(data, number: "FR76 3000 4001 2300 0123 4567 890").accountID == "00012345678")
        #expect(error(data, number: "11111111111") == .accountNotInFile("11111111111", accounts: ["00012345678", "00098765432"]))
    }

    /// An account in dollars beside one in euros: the euro one is imported with --numero, the
    /// dollar one is refused with the account and the file's other accounts named.
    @Test func anAccountInAnotherCurrencyIsRefusedOnlyWhenItIsTheOneImported() throws {
        let dollars = records.prefix(2).map {
            let r = $0.replacingOccurrences(of: "00012345678", with: "00098765432")
            return String(r.prefix(16)) + "USD" + r.dropFirst(19)
        }
        let data = Array((records + dollars).joined(separator: "\n").utf8)
        #expect(try read(data, number: "00012345678").lines.count == 5)
        #expect(error(data, number: "00098765432") == .cfonb(record: records.count + 1, line: records.count + 1,
                                                             problem: .currency("USD", account: "00098765432", others: ["00012345678"])))
    }

    @Test func badRecordsSayWhichAndWhat() {
        // A line cut before the end of its amount: not only blanks are missing.
        var lines = records
        lines[1] = String(lines[1].prefix(100))
        #expect(error(Array(lines.joined(separator: "\n").utf8)) == .cfonb(record: 2, line: 2, problem: .length(100)))

        // Without line breaks: a character lost in record 3 shows in record 4, whose code is no longer one.
        var glued = records
        glued[2].remove(at: glued[2].index(glued[2].startIndex, offsetBy: 60))
        #expect(error(Array(glued.joined().utf8)) == .cfonb(record: 4, line: nil, problem: .length(19 * 120 - 1)))

        var unknown = records
        unknown[5] = "08" + unknown[5].dropFirst(2)
        #expect(error(Array(unknown.joined(separator: "\n").utf8)) == .cfonb(record: 6, line: 6, problem: .recordCode("08")))

        var dollars = records
        dollars[1] = String(dollars[1].prefix(16)) + "USD" + dollars[1].dropFirst(19)
        #expect(error(Array(dollars.joined(separator: "\n").utf8)) == .cfonb(record: 2, line: 2, problem: .currency("USD", account: "00012345678", others: [])))

        var badDate = records
        badDate[1] = String(badDate[1].prefix(34)) + "310224" + badDate[1].dropFirst(40)
        #expect(error(Array(badDate.joined(separator: "\n").utf8)) == .cfonb(record: 2, line: 2, problem: .date("310224")))

        var badAmount = records
        badAmount[1] = String(badAmount[1].prefix(103)) + "X" + badAmount[1].dropFirst(104)
        #expect(error(Array(badAmount.joined(separator: "\n").utf8)) == .cfonb(record: 2, line: 2, problem: .amount("0000000001200X")))
    }
}
