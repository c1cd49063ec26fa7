import Testing
@testable import Ledger

// Frais des bénévoles: each volunteer's account read from the entries on 4681, and the entries
// of an expense and of an abandon, computed from plain values.

private let lea = LineTiers(recorded: "T0001", code: "T0001", name: "Léa Martin")
private let paul = LineTiers(recorded: "T0002", code: "T0002", name: "Paul Durand")

/// An entry of `lines` (account, signed cents: debit > 0, tiers).
private func entry(_ id: Int64, _ lines: [(String, Int64, LineTiers?)]) -> Entry {
    Entry(id: id, exerciceId: 1, number: Int(id), journal: "OD", date: Day(year: 2025, month: 3, day: Int(id))!, label: "x", piece: nil,
          validation: nil, lines: lines.enumerated().map { i, l in
              Entry.Line(id: id * 10 + Int64(i), account: AccountNumber(trusted: l.0), debit: Money(cents: max(l.1, 0)),
                         credit: Money(cents: max(-l.1, 0)), label: nil, project: nil, tiers: l.2)
          })
}

private func person(_ code: String, _ kind: Tiers.Kind = .person) throws -> Tiers {
    kind == .person ? Tiers(code: code, kind: .person, firstName: "Léa", lastName: "Martin") : Tiers(code: code, kind: .organisation, organisation: "OVH SAS")
}

@Suite struct VolunteerExpenseDecisions {
    @Test func eachEntryCountsAsExpenseReimbursementOrAbandon() {
        let entries = [
            entry(1, [("6251", 4_250, nil), ("4681", -4_250, lea)]),           // an expense
            entry(2, [("6064", 2_000, nil), ("4681", -2_000, lea)]),
            entry(3, [("4681", 2_000, lea), ("6064", -2_000, nil)]),           // its extourne: not engaged after all
            entry(4, [("4681", 1_000, lea), ("512", -1_000, nil)]),            // paid back by the bank
            entry(5, [("4681", 500, lea), ("471", -500, nil)]),                // a waiting bank line filed by an OD
            entry(6, [("4681", 2_000, lea), ("75412", -2_000, lea)]),          // given up
            entry(7, [("4681", 9_900, nil), ("890", -9_900, nil)]),            // no tiers (à-nouveaux): nobody's
            entry(8, [("625", 700, nil), ("4681", -700, paul)]),
        ]
        #expect(VolunteerExpenses.kind(of: entries[2]) == .expense)
        #expect(VolunteerExpenses.kind(of: entries[4]) == .reimbursement)
        #expect(VolunteerExpenses.kind(of: entries[5]) == .waiver)
        let states = VolunteerExpenses.states(entries)
        #expect(states.map(\.volunteer.code) == ["T0001", "T0002"])
        #expect(states[0].engaged == Money(cents: 4_250) && states[0].reimbursed == Money(cents: 1_500) && states[0].givenUp == Money(cents: 2_000))
        #expect(states[0].owed == Money(cents: 750))
        #expect(states[1].owed == Money(cents: 700))
    }

    @Test func anAbandonGivesUpWhatIsOwedAndNoMore() throws {
        let t = try person("T0001")
        let day = Day(year: 2025, month: 6, day: 30)!
        var state = VolunteerExpenses.State(volunteer: lea)
        state.engaged = Money(cents: 7_000)
        state.reimbursed = Money(cents: 3_000)
        let all = try VolunteerExpenses.waiver(by: t, state: state, amount: nil, on: day, label: "Abandon", piece: "LETTRE")
        #expect(all.lines.map(\.account) == [AccountNumber.volunteerExpenses, AccountNumber.expenseWaiver])
        #expect(all.lines.map(\.amount) == [Money(cents: 4_000), Money(cents: -4_000)])
        #expect(all.lines.allSatisfy { $0.tiers == "T0001" } && all.journal == "OD" && all.piece == "LETTRE")
        #expect(throws: VolunteerExpenseError.moreThanOwed(t, asked: Money(cents: 4_001), owed: Money(cents: 4_000), on: day)) {
            try VolunteerExpenses.waiver(by: t, state: state, amount: Money(cents: 4_001), on: day, label: "A", piece: nil)
        }
        #expect(throws: VolunteerExpenseError.nothingOwed(t, on: day)) { try VolunteerExpenses.waiver(by: t, state: nil, amount: nil, on: day, label: "A", piece: nil) }
        #expect(throws: VolunteerExpenseError.notPositive(Money(cents: -1))) {
            try VolunteerExpenses.waiver(by: t, state: state, amount: Money(cents: -1), on: day, label: "A", piece: nil)
        }
    }

    @Test func anExpenseIsAChargePaidByAPerson() throws {
        let t = try person("T0001"), ovh = try person("T0002", .organisation)
        let day = Day(year: 2025, month: 3, day: 14)!
        let e = try VolunteerExpenses.expense(by: t, account: AccountNumber(trusted: "6251"), amount: Money(cents: 4_250), on: day,
                                              project: "FETE", label: "Train", piece: nil)
        #expect(e.lines.map(\.account.text) == ["6251", "4681"] && e.lines[0].project == "FETE" && e.lines[1].tiers == "T0001" && e.lines[0].tiers == nil)
        #expect(throws: VolunteerExpenseError.notAPerson(ovh)) {
            try VolunteerExpenses.expense(by: ovh, account: AccountNumber(trusted: "6251"), amount: Money(cents: 1), on: day, project: nil, label: "x", piece: nil)
        }
        #expect(throws: VolunteerExpenseError.notACharge(AccountNumber(trusted: "512"))) {
            try VolunteerExpenses.expense(by: t, account: AccountNumber(trusted: "512"), amount: Money(cents: 1), on: day, project: nil, label: "x", piece: nil)
        }
        #expect(throws: VolunteerExpenseError.notPositive(.zero)) {
            try VolunteerExpenses.expense(by: t, account: AccountNumber(trusted: "6251"), amount: .zero, on: day, project: nil, label: "x", piece: nil)
        }
    }

    /// Both charts have the two accounts, under the labels of the regulation.
    @Test func bothChartsHaveTheAccountsOfVolunteerExpenses() throws {
        for chart in ChartVersion.allCases {
            let labels = Dictionary(try PlanComptableData.accounts(chart).map { ($0.number, $0.label) }, uniquingKeysWith: { a, _ in a })
            #expect(labels[AccountNumber.volunteerExpenses.text] == "Frais des bénévoles", "\(chart)")
            #expect(labels[AccountNumber.expenseWaiver.text] == "Abandons de frais par les bénévoles", "\(chart)")
        }
    }
}
