import Ledger

/// The dates a report covers, and the exercice they belong to.
public struct Period: Hashable, Sendable {
    public let exercice: Exercice
    public let from: Day
    public let to: Day

    /// The whole exercice, or the part of it between `from` and `to`. A report covers one
    /// exercice: its à-nouveaux open it, and a period over two would count them with the
    /// movements they carry.
    public init(exercice: Exercice, from: Day? = nil, to: Day? = nil) throws(ReportError) {
        for (day, isStart) in [(from, true), (to, false)] {
            if let day, !exercice.contains(day) { throw .outsideExercice(day, isStart: isStart, exercice) }
        }
        let f = from ?? exercice.start
        let t = to ?? exercice.end
        if f > t { throw .fromAfterTo(from: f, to: t) }
        self.exercice = exercice
        self.from = f
        self.to = t
    }

    /// The period up to `day` when the exercice is in progress on that day (and the period has
    /// begun): a report made during the exercice shows no month still to come. Otherwise the
    /// period itself.
    public func until(_ day: Day) -> Period {
        guard exercice.isInProgress(on: day), from <= day, day < to else { return self }
        return Period(exercice: exercice, checkedFrom: from, to: day)
    }

    private init(exercice: Exercice, checkedFrom from: Day, to: Day) {
        self.exercice = exercice
        self.from = from
        self.to = to
    }

    public var isWholeExercice: Bool { from == exercice.start && to == exercice.end }
    /// Some of the exercice's days come before the period: its books open with their balances.
    public var startsAfterExercice: Bool { from > exercice.start }

    /// "Exercice 2024 (du 01/01/2024 au 31/12/2024)"
    public var caption: String {
        var s = "Exercice \(exercice.label)"
        if isWholeExercice {
            s += " (du \(from.french) au \(to.french))"
        } else {
            s += ", période du \(from.french) au \(to.french)"
        }
        return s
    }
}

/// Operations of a period still waiting on 471 at its end: not yet under a charge or produit
/// account, so not yet in the compte de résultat or the budget's réalisé. Read from the daily
/// totals: a note costs one range of the `total` table, whatever the size of the ledger.
public struct Waiting: Sendable, Equatable {
    public let day: Day
    /// Debit minus credit on 471 over the period.
    public let balance: Money

    /// Nil when 471 is settled over the period.
    public init?(_ ledger: some LedgerQueries, from: Day, to: Day) throws {
        let totals = try ledger.totals(TotalsQuery(from: from, to: to, accountPrefixes: [AccountNumber.waiting.text], openings: .exclude))
        let balance = Money.sum(totals.map(\.balance))
        if balance.isZero { return nil }
        self.day = to
        self.balance = balance
    }

    public var note: String {
        balance.isNegative
            ? "Au \(day.french), le compte d'attente \(AccountNumber.waiting) a un solde créditeur de \(balance.magnitude) € : des encaissements attendent d'être classés, et ne sont pas encore dans ces chiffres."
            : "Au \(day.french), le compte d'attente \(AccountNumber.waiting) a un solde débiteur de \(balance) € : des dépenses attendent d'être classées, et ne sont pas encore dans ces chiffres."
    }
}

/// Why a report cannot be computed.
public enum ReportError: Error, Equatable, Sendable {
    case fromAfterTo(from: Day, to: Day)
    /// The first (`isStart`) or last day of a period, outside its exercice.
    case outsideExercice(Day, isStart: Bool, Exercice)
    case unknownProject(String, known: [String])
    case unknownAccount(String)
    case noPreviousExercice(Exercice)
    /// Nothing recorded in the exercice.
    case noEntries(Exercice)
    /// A project without a charge or a produit in any exercice.
    case projectWithoutFigures(String)
    /// A rate asked of the budget (`tresorerie --selon budget`) of an exercice without one.
    case noBudget(Exercice)
}
