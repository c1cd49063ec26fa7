import Ledger

// Frais des bénévoles: the volunteer found (never created), what is owed read from the lines of
// 4681 and the entry made by `VolunteerExpenses`, all inside one transaction: an abandon never
// gives up what a reimbursement recorded meanwhile already paid.
extension Store {
    /// Each volunteer's account on 4681 from the entries up to `day` (every exercice; nil: all).
    public func volunteerExpenseStates(to day: Day? = nil) throws(StoreError) -> [VolunteerExpenses.State] {
        VolunteerExpenses.states(try entries(EntryQuery(to: day, accountPrefix: AccountNumber.volunteerExpenses.text)))
    }

    /// Records, as a draft, the expense `volunteer` (a code, name or alias of a known person) paid:
    /// D `account` / C 4681. `label` is given the volunteer, for the default label.
    public func recordVolunteerExpense(volunteer text: String, account: AccountNumber, amount: Money, on day: Day, project: String?,
                                       label: (Tiers) -> String, piece: String?)
        throws(StoreError) -> (posted: Posted, volunteer: Tiers, twins: [Entry]) {
        try atomically { () throws(StoreError) in
            let volunteer = try knownTiers(text)
            let draft: EntryDraft
            do throws(VolunteerExpenseError) {
                draft = try VolunteerExpenses.expense(by: volunteer, account: account, amount: amount, on: day, project: project,
                                                      label: label(volunteer), piece: piece)
            } catch { throw .volunteerExpense(error) }
            let twins = VolunteerExpenses.sameExpense(as: draft, in: try entries(EntryQuery(from: day, to: day, accountPrefix: AccountNumber.volunteerExpenses.text)))
            return (try post(draft), volunteer, twins)
        }
    }

    /// Records, as a draft, the abandon de frais of `volunteer` on `day`: `amount`, or all that is
    /// owed up to that day when nil (D 4681 / C 75412). What is owed is read inside the write.
    public func recordExpenseWaiver(volunteer text: String, amount: Money?, on day: Day, label: (Tiers) -> String,
                                    piece: String?) throws(StoreError) -> (posted: Posted, volunteer: Tiers, amount: Money) {
        try atomically { () throws(StoreError) in
            let volunteer = try knownTiers(text)
            let state = try volunteerExpenseStates(to: day).first { $0.volunteer.code == volunteer.code }
            let draft: EntryDraft
            do throws(VolunteerExpenseError) {
                draft = try VolunteerExpenses.waiver(by: volunteer, state: state, amount: amount, on: day, label: label(volunteer), piece: piece)
            } catch { throw .volunteerExpense(error) }
            return (try post(draft), volunteer, draft.totalDebit)
        }
    }
}
