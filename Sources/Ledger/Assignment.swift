/// One part of a bank operation filed by `compta affecter` (ventilation): an account, the part
/// of the operation it takes, and a project. A part without amount takes what the others leave;
/// a negative part goes the other way (a commission kept out of a payout).
public struct AssignmentPart: Sendable, Equatable {
    public let account: AccountNumber
    public let amount: Money?
    /// nil: the project of the line being filed.
    public let project: String?

    public init(_ account: AccountNumber, amount: Money? = nil, project: String? = nil) {
        self.account = account
        self.amount = amount
        self.project = project
    }

    /// The parts as they file `operation` (positive: money came in): each with its amount (the
    /// part without one gets the rest, which must be more than zero) and its project
    /// (`project` for those that name none).
    public static func resolve(_ parts: [AssignmentPart], filing operation: Money, project: String?) throws(SplitError) -> [AssignmentPart] {
        let open = parts.filter { $0.amount == nil }
        if open.count > 1 { throw .severalOpenParts(open.map(\.account)) }
        if let zero = parts.first(where: { $0.amount?.isZero == true }) { throw .zeroPart(zero.account) }
        let whole = operation.cents < 0 ? Money.zero - operation : operation
        var given = Money.zero
        for p in parts {
            guard let a = p.amount else { continue }
            do { given = try given.adding(a) } catch { throw .amountOverflow }
        }
        let rest: Money
        do { rest = try whole.subtracting(given) } catch { throw .amountOverflow }
        if open.isEmpty && !rest.isZero { throw .doesNotAddUp(parts: given, operation: whole) }
        if !open.isEmpty && rest.cents <= 0 { throw .nothingLeft(open[0].account, parts: given, operation: whole) }
        return parts.map { AssignmentPart($0.account, amount: $0.amount ?? rest, project: $0.project ?? project) }
    }

    /// The line (debit positive) of a resolved part filing `operation`: on the side opposite the bank's.
    public func line(filing operation: Money) -> LineDraft {
        let sign: Int64 = operation.cents > 0 ? -1 : 1
        return LineDraft(account: account, amount: Money(cents: sign * (amount ?? .zero).cents), project: project)
    }
}

/// Why parts do not file an operation.
public enum SplitError: Error, Equatable, Sendable {
    /// More than one part without an amount: which one gets the rest?
    case severalOpenParts([AccountNumber])
    case zeroPart(AccountNumber)
    /// Every part has its amount, and together they are not the operation.
    case doesNotAddUp(parts: Money, operation: Money)
    /// The part without amount would get nothing, or less.
    case nothingLeft(AccountNumber, parts: Money, operation: Money)
    case amountOverflow
}
