import Testing
@testable import Ledger

// The accounting decisions the store persists, computed here from plain values: no SQLite.

private let y2024 = sampleCatalog().exercices[1]
private let y2025 = Exercice(id: 3, label: "2025", start: Day(year: 2025, month: 1, day: 1)!, end: Day(year: 2025, month: 12, day: 31)!,
                             chart: .pca2025, isClosed: false)

private func total(_ account: String, debit: Int64 = 0, credit: Int64 = 0) -> AccountTotal {
    AccountTotal(account: AccountNumber(trusted: account), debit: Money(cents: debit), credit: Money(cents: credit))
}

private func recorded(_ id: Int64, _ lines: [(String, Int64)], validated: Bool = false, number: Int = 7) -> Entry {
    Entry(id: id, exerciceId: y2024.id, number: number, journal: "BQ", date: Day(year: 2024, month: 3, day: 5)!, label: "VIR DUPONT",
          piece: nil, validation: validated ? Entry.Validation(date: Day(year: 2024, month: 4, day: 1)!, number: 3) : nil,
          lines: lines.enumerated().map { i, l in
              Entry.Line(id: id * 10 + Int64(i), account: AccountNumber(trusted: l.0), debit: Money(cents: max(l.1, 0)),
                         credit: Money(cents: max(-l.1, 0)), label: "ligne \(i)", project: nil)
          })
}

@Suite struct ClosingDecisions {
    @Test func theResultIsProduitsLessCharges() {
        let totals = [total("606", debit: 30000), total("7562", credit: 45000), total("512", debit: 99999)]
        #expect(Closing.result(totals) == totals[1].credit - totals[0].debit)
    }

    @Test func openingsCarryTheBalancesAndTheResult() throws {
        let balances = [total("512", debit: 80000, credit: 20000), total("401", credit: 5000), total("5121", debit: 300, credit: 300)]
        let excedent = Money(cents: 15000)
        let entry = try #require(Closing.openings(of: y2024, into: y2025, balances: balances, result: excedent))
        #expect(entry.journal == "AN" && entry.date == y2025.start && entry.origin == .closing)
        // Zero balances are not carried; the excédent is a credit on 120.
        #expect(entry.lines.map(\.account.text) == ["512", "401", "120"])
        #expect(entry.lines.map(\.amount) == [balances[0].balance, balances[1].balance, -excedent])
        let deficit = try #require(Closing.openings(of: y2024, into: y2025, balances: balances, result: -excedent))
        #expect(deficit.lines.last?.account.text == "129" && deficit.lines.last?.amount == excedent)
    }

    @Test func fondsDédiésKeepTheirProjectOtherAccountsAreCarriedWhole() throws {
        func by(_ account: String, _ project: String?, debit: Int64 = 0, credit: Int64 = 0) -> AccountTotal {
            AccountTotal(account: AccountNumber(trusted: account), project: project, debit: Money(cents: debit), credit: Money(cents: credit))
        }
        // As the store gives them: per account, then per project.
        let balances = [by("194", nil, credit: 1000), by("194", "EUROPE", credit: 45000), by("194", "FETE", debit: 200, credit: 200),
                        by("196", "ECOLE", credit: 700), by("512", nil, debit: 30000), by("512", "EUROPE", debit: 16900)]
        let entry = try #require(Closing.openings(of: y2024, into: y2025, balances: balances, result: .zero))
        #expect(entry.lines.map(\.account.text) == ["194", "194", "196", "512"])
        #expect(entry.lines.map(\.project) == [nil, "EUROPE", "ECOLE", nil])
        #expect(entry.lines.map(\.amount.cents) == [-1000, -45000, -700, 46900])
    }

    @Test func nothingToCarryWritesNoEntry() {
        #expect(Closing.openings(of: y2024, into: y2025, balances: [], result: .zero) == nil)
        #expect(Closing.openings(of: y2024, into: y2025, balances: [total("512", debit: 100)], result: .zero) == nil)
    }

    @Test func fundsInTransitAreTheBalanceOf58() {
        let balances = [total("581", debit: 2500), total("512", debit: 100), total("58", credit: 400)]
        #expect(Closing.inTransit(balances) == balances[0].balance + balances[2].balance)
    }

    @Test func allocationMovesTheResultOutOf120Or129() throws {
        let day = Day(year: 2025, month: 6, day: 14)!
        let amount = Money(cents: 15000)
        let excedent = try #require(Closing.allocation(of: y2024, excedent: amount, deficit: .zero, to: nil, on: day))
        #expect(excedent.journal == "OD" && excedent.date == day)
        #expect(excedent.lines.map { "\($0.account.text) \($0.amount)" } == ["120 \(amount)", "110 \(-amount)"])
        let reserve = AccountNumber(trusted: "1068")
        let deficit = try #require(Closing.allocation(of: y2024, excedent: .zero, deficit: amount, to: reserve, on: day))
        #expect(deficit.lines.map { "\($0.account.text) \($0.amount)" } == ["1068 \(amount)", "129 \(-amount)"])
        #expect(Closing.allocation(of: y2024, excedent: .zero, deficit: .zero, to: nil, on: day) == nil)
        #expect(Closing.isAllocationDestination(reserve) && Closing.isAllocationDestination(AccountNumber(trusted: "119")))
        #expect(!Closing.isAllocationDestination(AccountNumber(trusted: "512")))
    }
}

@Suite struct RefilingDecisions {
    @Test func aWaitingDraftGivesUpIts471LinesByID() throws {
        let e = recorded(1, [("512", 4500), ("471", -4500)])
        let parts = [AssignmentPart(AccountNumber(trusted: "7562"), amount: Money(cents: 3000)), AssignmentPart(AccountNumber(trusted: "7541"))]
        let plan = try Refiling.plan(e, waiting: true, bankAccount: AccountNumber(trusted: "512"), parts: parts, project: nil, label: nil)
        #expect(plan.removed == [e.lines[1]])
        #expect(plan.added.map(\.account.text) == ["7562", "7541"])
        #expect(Money.sum(plan.added.map(\.amount)) == e.lines[1].debit - e.lines[1].credit)
        // The one filed line's label goes to the parts; the bank line stays as it was.
        #expect(plan.added.allSatisfy { $0.label == e.lines[1].label })
        #expect(plan.entry.lines.first == LineDraft(account: e.lines[0].account, amount: e.lines[0].debit, label: e.lines[0].label))
        #expect(plan.entry.label == e.label)
    }

    @Test func aTypedEntryNeedsExactlyOneLineOutsideTheTreasury() {
        let e = recorded(2, [("606", 1000), ("604", 500), ("512", -1500)])
        #expect(throws: RefilingError.lines([AccountNumber(trusted: "606"), AccountNumber(trusted: "604")])) {
            try Refiling.plan(e, waiting: false, bankAccount: nil, parts: [AssignmentPart(AccountNumber(trusted: "6063"))], project: nil, label: nil)
        }
    }

    @Test func partsThatDoNotAddUpAreRefused() {
        let e = recorded(3, [("512", 4500), ("471", -4500)])
        let parts = [AssignmentPart(AccountNumber(trusted: "7562"), amount: Money(cents: 1000))]
        #expect(throws: RefilingError.split(.doesNotAddUp(parts: Money(cents: 1000), operation: e.lines[0].debit))) {
            try Refiling.plan(e, waiting: true, bankAccount: nil, parts: parts, project: nil, label: nil)
        }
    }

    @Test func aValidatedWaitingLineIsFiledByAnOD() throws {
        let e = recorded(4, [("512", 4500), ("471", -4500)], validated: true)
        let amount = e.lines[0].debit
        let od = try Refiling.correction(of: e, waiting: amount, in: y2024, parts: [AssignmentPart(AccountNumber(trusted: "7562"))],
                                         project: "BL-EVOLUTION", label: nil)
        #expect(od.entry.journal == "OD" && od.entry.piece == "BQ-\(e.validation!.number)")
        #expect(od.entry.lines.map { "\($0.account.text) \($0.amount) \($0.project ?? "-")" } == ["471 \(amount) -", "7562 \(-amount) BL-EVOLUTION"])
        #expect(od.parts == [AssignmentPart(AccountNumber(trusted: "7562"), amount: amount, project: "BL-EVOLUTION")])
    }
}

@Suite struct WaitingNetting {
    @Test func correctionsSettleTheLineAndTheirExtournePutsItBack() {
        let operation = recorded(1, [("512", 4500), ("471", -4500)], validated: true)
        let waiting = operation.lines[1].credit
        #expect(Waiting.net([operation], corrections: []).map(\.amount) == [waiting])
        // The OD that filed it takes 471 back; the correction itself is never listed.
        let od = recorded(2, [("471", 4500), ("7562", -4500)])
        let filed = [Waiting.Correction(id: 2, corrects: 1, amount: od.lines[0].credit - od.lines[0].debit)]
        #expect(Waiting.net([operation, od], corrections: filed).isEmpty)
        // The extourne of that OD puts the amount back in waiting.
        let undo = filed + [Waiting.Correction(id: 3, corrects: 2, amount: od.lines[0].debit)]
        #expect(Waiting.net([operation, od], corrections: undo).map(\.amount) == [waiting])
    }
}

/// Money given back by hand reduces the donor's gifts made before it, those of its account
/// first, the latest first; what no gift absorbs is said.
@Suite struct GiftNetting {
    let lea = Tiers(code: "T0001", kind: .person, firstName: "Léa", lastName: "Martin")

    func gift(_ id: Int64, _ day: Int, _ account: String, _ cents: Int64) throws -> Gift {
        Gift(lineID: id, entry: "BQ \(id)", date: Day(year: 2025, month: 3, day: day)!, account: try AccountNumber(account),
             amount: Money(cents: cents), donor: lea, mode: .transfer, validated: true)
    }

    func given(back cents: Int64, on day: Int, _ account: String = "7541") throws -> GiftReturn {
        GiftReturn(entry: "BQ 9", date: Day(year: 2025, month: 3, day: day)!, account: try AccountNumber(account), amount: Money(cents: cents),
                   donor: "T0001", validated: true)
    }

    @Test func aPartGivenBackLeavesTheRest() throws {
        let (gifts, unmatched) = Gift.net([try gift(1, 1, "7541", 10_000)], returns: [try given(back: 3_000, on: 5)])
        #expect(gifts.map(\.amount) == [Money(cents: 7_000)] && gifts[0].givenBack == Money(cents: 3_000) && !gifts[0].refunded)
        #expect(unmatched.isEmpty)
    }

    @Test func theReturnGoesToItsAccountThenTheLatestAndWhatIsLeftIsSaid() throws {
        let gifts = [try gift(1, 1, "7541", 5_000), try gift(2, 2, "7541", 2_000), try gift(3, 3, "75412", 4_000), try gift(4, 20, "7541", 9_000)]
        let (net, unmatched) = Gift.net(gifts, returns: [try given(back: 8_000, on: 10)])
        // 7541 before the 75412 abandon; of 7541, the 2nd (20 €) first, then the 1st; the gift after the return is untouched.
        #expect(net.map(\.amount.cents) == [0, 0, 3_000, 9_000])
        #expect(net.map(\.refunded) == [true, true, false, false])
        #expect(unmatched.isEmpty)
        let (_, left) = Gift.net(gifts, returns: [try given(back: 500, on: 1, "7541"), try given(back: 99_000, on: 31)])
        #expect(left.map(\.amount.cents) == [99_000 - (20_000 - 500)], "the gifts absorb what the first return left of them")
    }
}

/// The pointage rule (`Pointage.match`), on plain values: which new statement line covers which
/// typed entry.
@Suite struct PointageDecisions {
    private func march(_ day: Int) -> Day { Day(year: 2024, month: 3, day: day)! }
    private func typed(_ id: Int64, _ day: Int, _ cents: Int64) -> PointageCandidate {
        PointageCandidate(entryID: id, number: Int(id), exerciceID: 2, date: march(day), amount: Money(cents: cents), label: "saisie \(id)")
    }
    private func line(_ position: Int, _ day: Int, _ cents: Int64) -> Pointage.Line {
        Pointage.Line(position: position, date: march(day), amount: Money(cents: cents))
    }

    @Test func oneCandidateWithinTheWindowIsPointed() {
        let d = Pointage.match([line(0, 8, 4500), line(1, 9, -4500), line(2, 25, 4500)], candidates: [typed(1, 4, 4500)], window: 10)
        #expect(d == [0: .pointed(typed(1, 4, 4500))], "the sign counts, and a line 21 days after is another operation")
    }

    @Test func severalCandidatesHoldTheLine() {
        let d = Pointage.match([line(0, 9, 3000)], candidates: [typed(2, 6, 3000), typed(3, 7, 3000)], window: 10)
        #expect(d == [0: .held([typed(2, 6, 3000), typed(3, 7, 3000)])])
    }

    /// A line another line's only candidate leaves with one is pointed with it; an entry covers
    /// one line, and a second identical line is an operation of its own.
    @Test func anEntryIsPointedOnce() {
        let d = Pointage.match([line(0, 9, 3000), line(1, 20, 3000)], candidates: [typed(2, 6, 3000), typed(3, 17, 3000)], window: 5)
        #expect(d == [0: .pointed(typed(2, 6, 3000)), 1: .pointed(typed(3, 17, 3000))])
        let settled = Pointage.match([line(0, 9, 3000), line(1, 14, 3000)], candidates: [typed(2, 6, 3000), typed(3, 12, 3000)], window: 3)
        #expect(settled == [0: .pointed(typed(2, 6, 3000)), 1: .pointed(typed(3, 12, 3000))], "line 0 fits both; line 1 only n° 3")
        let twice = Pointage.match([line(0, 9, 4500), line(1, 9, 4500)], candidates: [typed(1, 8, 4500)], window: 10)
        #expect(twice == [0: .pointed(typed(1, 8, 4500))])
    }

    @Test func theWindowIsBothWays() {
        #expect(Pointage.fits(typed(1, 12, 100), date: march(2), amount: Money(cents: 100), window: 10))
        #expect(!Pointage.fits(typed(1, 13, 100), date: march(2), amount: Money(cents: 100), window: 10))
        #expect(Pointage.match([line(0, 5, 100)], candidates: [typed(1, 5, 100)], window: 0) == [0: .pointed(typed(1, 5, 100))])
    }
}
