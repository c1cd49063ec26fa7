import Ledger

/// The closing balance of a statement whose rows carry the account's balance after each
/// operation. Banks list operations oldest first or newest first, and several on one day: the
/// closing balance is the one after the last operation in time, which is the last row of an
/// oldest-first file and the first row of a newest-first one. The balances themselves tell the
/// order (each is the one before it plus its operation); when they do not (a balance on some
/// rows only), the dates do, and the latest day's row at the right end is taken.
struct RunningBalance {
    typealias Row = (date: Day, amount: Money, balance: Money)
    private var first: Row?
    private var last: Row?
    /// The balances of the first and the last row of the latest day, in file order.
    private var latest: (date: Day, first: Money, last: Money)?
    /// Sum of every operation, nil when a row has no balance or the sum overflows.
    private var sum: Money? = .zero
    private var firstDate: Day?
    private var lastDate: Day?

    mutating func add(date: Day, amount: Money, balance: Money?) {
        firstDate = firstDate ?? date
        lastDate = date
        sum = balance == nil ? nil : try? sum?.adding(amount)
        guard let balance else { return }
        let row = (date: date, amount: amount, balance: balance)
        first = first ?? row
        last = row
        if let l = latest, l.date == date {
            latest = (date, l.first, balance)
        } else if latest.map({ date > $0.date }) ?? true {
            latest = (date, balance, balance)
        }
    }

    var closing: (balance: Money, date: Day)? {
        guard let first, let last, let latest else { return nil }
        if let sum {
            // Oldest first: the first row's opening plus every operation is the last row's balance.
            let oldestFirst = (try? first.balance.subtracting(first.amount).adding(sum)) == last.balance
            let newestFirst = (try? last.balance.subtracting(last.amount).adding(sum)) == first.balance
            if oldestFirst != newestFirst { return oldestFirst ? (last.balance, last.date) : (first.balance, first.date) }
        }
        let newestFirstByDates = (firstDate ?? latest.date) > (lastDate ?? latest.date)
        return (newestFirstByDates ? latest.first : latest.last, latest.date)
    }
}
