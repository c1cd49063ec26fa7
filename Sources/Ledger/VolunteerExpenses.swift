/// Frais des bénévoles (ANC 2018-06, art. 141-4): a volunteer pays an expense of the association.
/// The expense is booked D charge / C 4681 with the volunteer as tiers; the association then
/// either reimburses it (D 4681 / C bank) or the volunteer gives it up in writing (abandon de
/// frais, D 4681 / C 75412), which is a gift: nature « autres » on the tax receipt.
///
/// What is owed to each volunteer is read from the books themselves, the lines with a tiers on
/// 4681 (no register beside them): `VolunteerExpenses.states` sorts each entry into one of three
/// kinds, by its other lines.
public enum VolunteerExpenses {
    /// What an entry touching 4681 does to a volunteer's account.
    public enum Kind: Sendable, Equatable {
        /// It has a line on 75412: an abandon de frais (or its extourne).
        case waiver
        /// It has a charge line (class 6): an expense engaged (or its extourne).
        case expense
        /// Anything else: a reimbursement (a bank or cash line, or the OD that files a bank line
        /// waiting in 471).
        case reimbursement
    }

    public static func kind(of entry: Entry) -> Kind {
        if entry.lines.contains(where: { $0.account.isUnder(AccountGroup.expenseWaivers) }) { return .waiver }
        if entry.lines.contains(where: { $0.account.nature == .charge }) { return .expense }
        return .reimbursement
    }

    /// One volunteer's account on 4681: engaged, reimbursed, given up, still owed.
    public struct State: Sendable, Equatable {
        public let volunteer: LineTiers
        /// Expenses booked on 4681 (credits of the entries with a charge line, net of their extournes).
        public internal(set) var engaged: Money = .zero
        public internal(set) var reimbursed: Money = .zero
        public internal(set) var givenUp: Money = .zero

        public init(volunteer: LineTiers) { self.volunteer = volunteer }

        /// What the association still owes: engaged − reimbursed − given up.
        public var owed: Money { engaged - reimbursed - givenUp }
    }

    /// Those of `entries` that already record the expense `draft` would: same day, same
    /// volunteer and amount on 4681, same charge account. Typed twice, most often.
    public static func sameExpense(as draft: EntryDraft, in entries: [Entry]) -> [Entry] {
        func key(_ lines: [(account: AccountNumber, amount: Money, tiers: String?)]) -> [String] {
            lines.map { "\($0.account.text) \($0.amount.cents) \($0.tiers ?? "")" }.sorted()
        }
        let wanted = key(draft.lines.map { ($0.account, $0.amount, $0.tiers) })
        return entries.filter { e in e.date == draft.date && key(e.lines.map { ($0.account, $0.debit - $0.credit, $0.tiers?.code) }) == wanted }
    }

    /// Those of `entries` with a line on 4681 that carries no volunteer, à-nouveaux aside (in
    /// journals of `openingJournals`): they count for nobody, so a reimbursement filed without
    /// its volunteer leaves them « owed ». What the list of volunteers' expenses points at.
    public static func withoutVolunteer(_ entries: [Entry], openingJournals: Set<String>) -> [Entry] {
        entries.filter { e in
            !openingJournals.contains(e.journal) && e.lines.contains { $0.account == AccountNumber.volunteerExpenses && $0.tiers == nil }
        }
    }

    /// Each volunteer's state from `entries` (those with a line on 4681), by tiers code. Lines of
    /// 4681 without a tiers (the à-nouveaux, which carry the account's balance) count for nobody.
    public static func states(_ entries: [Entry]) -> [State] {
        var states: [String: State] = [:]
        for entry in entries {
            let kind = kind(of: entry)
            for line in entry.lines where line.account == AccountNumber.volunteerExpenses {
                guard let tiers = line.tiers else { continue }
                var state = states[tiers.code] ?? State(volunteer: tiers)
                switch kind {
                case .expense: state.engaged = state.engaged + line.credit - line.debit
                case .reimbursement: state.reimbursed = state.reimbursed + line.debit - line.credit
                case .waiver: state.givenUp = state.givenUp + line.debit - line.credit
                }
                states[tiers.code] = state
            }
        }
        return states.values.sorted { ($0.volunteer.code.count, $0.volunteer.code) < ($1.volunteer.code.count, $1.volunteer.code) }
    }

    /// The entry of an expense a volunteer paid: D `account` (a charge, on `project`) / C 4681
    /// with the volunteer as tiers, in the journal of miscellaneous operations.
    public static func expense(by volunteer: Tiers, account: AccountNumber, amount: Money, on day: Day, project: String?,
                               label: String, piece: String?) throws(VolunteerExpenseError) -> EntryDraft {
        guard volunteer.kind == .person else { throw .notAPerson(volunteer) }
        guard account.nature == .charge else { throw .notACharge(account) }
        guard amount.cents > 0 else { throw .notPositive(amount) }
        return EntryDraft(journal: "OD", date: day, label: label, piece: piece, lines: [
            LineDraft(account: account, amount: amount, project: project),
            LineDraft(account: AccountNumber.volunteerExpenses, amount: -amount, tiers: volunteer.code),
        ])
    }

    /// The abandon de frais of `volunteer` on `day`: D 4681 / C 75412, both lines with the
    /// volunteer (the gift line is what a receipt covers). `amount` nil gives up all that is
    /// owed (`state`, read up to `day`); nothing owed, or more than owed, is refused.
    public static func waiver(by volunteer: Tiers, state: State?, amount: Money?, on day: Day, label: String,
                              piece: String?) throws(VolunteerExpenseError) -> EntryDraft {
        guard volunteer.kind == .person else { throw .notAPerson(volunteer) }
        let owed = state?.owed ?? .zero
        if let amount, amount.cents <= 0 { throw .notPositive(amount) }
        guard owed.cents > 0 else { throw .nothingOwed(volunteer, on: day) }
        let given = amount ?? owed
        guard given <= owed else { throw .moreThanOwed(volunteer, asked: given, owed: owed, on: day) }
        return EntryDraft(journal: "OD", date: day, label: label, piece: piece, lines: [
            LineDraft(account: AccountNumber.volunteerExpenses, amount: given, tiers: volunteer.code),
            LineDraft(account: AccountNumber.expenseWaiver, amount: -given, tiers: volunteer.code),
        ])
    }
}

/// Why a volunteer's expense or its abandon is refused.
public enum VolunteerExpenseError: Error, Equatable, Sendable {
    /// An organisation: only a person volunteers (and gets the receipt of an individual).
    case notAPerson(Tiers)
    /// The account of an expense is a charge (class 6).
    case notACharge(AccountNumber)
    /// Zero or negative.
    case notPositive(Money)
    /// The volunteer is owed nothing on 4681 up to that day.
    case nothingOwed(Tiers, on: Day)
    case moreThanOwed(Tiers, asked: Money, owed: Money, on: Day)
}
