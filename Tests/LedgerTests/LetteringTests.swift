import Testing
@testable import Ledger

@Suite struct LetterCodes {
    @Test func codesRunFromAToZThenTwoLetters() {
        #expect(Letter.code(0) == "A" && Letter.code(25) == "Z" && Letter.code(26) == "AA" && Letter.code(27) == "AB")
        #expect(Letter.code(26 + 26 * 26) == "AAA")
        for i in [0, 25, 26, 701, 702, 5000] { #expect(Letter.index(Letter.code(i)) == i) }
        #expect(Letter.next(after: []) == "A")
        #expect(Letter.next(after: ["A", "Z", "07"]) == "AA", "a code of another shape (from a FEC) is left aside")
        #expect(Letter.parse(" ab ") == "AB" && Letter.parse("12") == nil && Letter.parse("") == nil)
    }
}

@Suite struct LetterProposals {
    static let lea = LineTiers(recorded: "T0001", code: "T0001", name: "Léa")
    static let paul = LineTiers(recorded: "T0002", code: "T0002", name: "Paul")

    static func item(_ line: Int64, _ cents: Int64, tiers: LineTiers = lea, account: String = "411", day: Int = 1, piece: String? = nil) -> LetterItem {
        LetterItem(line: line, account: AccountNumber(trusted: account), tiers: tiers, date: Day(year: 2025, month: 1, day: day)!, journal: "OD",
                   entryNumber: Int(line), exercice: "2025", piece: piece, label: "", amount: Money(cents: cents), letter: nil)
    }

    @Test func aPieceReferenceComesBeforeAnAmount() {
        // Two invoices of 50 €: the payment names the second one's piece.
        let p = Lettering.proposals([Self.item(1, 5000, piece: "F1"), Self.item(2, 5000, day: 2, piece: "F2"), Self.item(3, -5000, day: 3, piece: "F2")])
        #expect(p.count == 1 && p[0].reason == .piece && p[0].items.map(\.line) == [2, 3])
    }

    @Test func oneLineForSeveralAndAPartialOne() {
        let p = Lettering.proposals([Self.item(1, 5000), Self.item(2, 3000, day: 2), Self.item(3, -8000, day: 3),
                                     Self.item(4, 30000, tiers: Self.paul), Self.item(5, -10000, tiers: Self.paul, day: 5)])
        #expect(p.count == 2)
        #expect(p[0].reason == .sum && p[0].isComplete && p[0].items.map(\.line) == [1, 2, 3])
        #expect(!p[1].isComplete && p[1].remaining == Money(cents: 20000) && p[1].tiers == Self.paul)
    }

    @Test func nothingAcrossTiersOrAccounts() {
        #expect(Lettering.proposals([Self.item(1, 5000), Self.item(2, -5000, tiers: Self.paul), Self.item(3, -5000, account: "401")]).isEmpty)
    }

    @Test func checkRefusesWhatIsNotOneLetter() {
        #expect(throws: LetteringError.unbalanced(debit: Money(cents: 5000), credit: Money(cents: 4000))) {
            try Lettering.check([Self.item(1, 5000), Self.item(2, -4000)])
        }
        #expect(throws: LetteringError.notThirdParty(line: 1, account: AccountNumber(trusted: "512"))) {
            try Lettering.check([Self.item(1, 5000, account: "512"), Self.item(2, -5000)])
        }
        #expect(throws: Never.self) { try Lettering.check([Self.item(1, 5000), Self.item(2, -5000)]) }
    }
}
