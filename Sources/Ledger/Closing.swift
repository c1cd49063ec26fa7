/// The year-end decisions as data: what a closing carries into the next exercice, and how the
/// general assembly's decision on the result is written. Inputs in, entries out: the store
/// loads the balances and records the entries.
public enum Closing {
    /// Excédent (positive) or déficit of an exercice: the produits less the charges among its
    /// `totals`.
    public static func result(_ totals: [AccountTotal]) -> Money {
        Money.sum(totals.filter { $0.account.nature.isResult }.map { $0.credit - $0.debit })
    }

    /// The à-nouveaux of `closed` in `next`, dated its first day: every balance-sheet balance
    /// at the end of `closed` (`balances`, classes 1 to 5), and the result on 120 (excédent) or
    /// 129 (déficit) — no closing entry is written in the closed year. Nil when there is
    /// nothing to carry (fewer than two lines). `balances` may be per project: the fonds
    /// dédiés (19x) keep theirs, so that the next exercice knows each project's fund; every
    /// other account is carried whole.
    public static func openings(of closed: Exercice, into next: Exercice, balances: [AccountTotal], result: Money) -> EntryDraft? {
        var lines: [LineDraft] = []
        var index: [String: Int] = [:]
        for b in balances {
            let project = FundFamily.ofFund(b.account) == nil ? nil : b.project
            let key = b.account.text + "#" + (project ?? "")
            if let i = index[key] {
                lines[i].amount += b.balance
            } else {
                index[key] = lines.count
                lines.append(LineDraft(account: b.account, amount: b.balance, project: project))
            }
        }
        lines.removeAll { $0.amount.isZero }
        if !result.isZero {
            lines.append(LineDraft(account: .result(isDeficit: result.isNegative), amount: -result,
                                   label: "Résultat de l'exercice \(closed.label)"))
        }
        guard lines.count >= 2 else { return nil }
        return EntryDraft(journal: "AN", date: next.start, label: "À-nouveaux de l'exercice \(closed.label)", piece: "AN-\(closed.label)",
                          lines: lines, origin: .closing)
    }

    /// The internal transfers (58) among `balances`: funds in transit on the last day, or one
    /// side of a transfer missing from the books.
    public static func inTransit(_ balances: [AccountTotal]) -> Money {
        Money.sum(balances.filter { $0.account.isUnder(AccountGroup.internalTransfers) }.map(\.balance))
    }

    /// Where a result may be allocated: a report à nouveau (11x) or a reserve (106x).
    public static func isAllocationDestination(_ account: AccountNumber) -> Bool {
        AccountGroup.allocationDestinations.contains(where: account.isUnder)
    }

    /// The OD recording the general assembly's decision on `closed`'s result, on `day`: 120 to
    /// `destination` (default 110) for an excédent, 129 from it (default 119) for a déficit.
    /// `excedent`: the credit balance of 120, `deficit`: the debit balance of 129, both as they
    /// are on that day. Nil when there is nothing to allocate.
    public static func allocation(of closed: Exercice, excedent: Money, deficit: Money, to destination: AccountNumber?, on day: Day) -> EntryDraft? {
        let amount = excedent.isZero ? deficit : excedent
        guard !amount.isZero else { return nil }
        let isExcedent = !excedent.isZero
        let target = destination ?? (isExcedent ? .reportCrediteur : .reportDebiteur)
        let lines = isExcedent
            ? [LineDraft(account: .excedent, amount: amount), LineDraft(account: target, amount: -amount)]
            : [LineDraft(account: target, amount: amount), LineDraft(account: .deficit, amount: -amount)]
        return EntryDraft(journal: "OD", date: day, label: "Affectation du résultat \(closed.label) (décision de l'assemblée générale)", lines: lines)
    }
}
