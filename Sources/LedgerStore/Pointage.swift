import Ledger

/// Pointage (migration 14): the entries a statement line may cover, the lines held, the link
/// `compta pointer` makes, the window of days (`meta`), and the état de rapprochement. The
/// rule that decides is `Pointage` (Ledger).
extension Store {
    static let windowKey = "pointage-jours"

    /// The days between a typed entry and the statement line that points it, either way.
    public func pointageWindow() throws(StoreError) -> Int {
        try storedDays(Store.windowKey) ?? Pointage.defaultWindow
    }

    /// Sets the window (0 to `Pointage.maximumWindow` days).
    public func setPointageWindow(_ days: Int) throws(StoreError) {
        guard (0...Pointage.maximumWindow).contains(days) else { throw .pointage(.badWindow(days)) }
        try storeDays(Store.windowKey, days)
    }

    /// A number of days the user set (a window of matching), kept in `meta` under `key`; nil
    /// until set.
    func storedDays(_ key: String) throws(StoreError) -> Int? {
        try db.scalarText("SELECT value FROM meta WHERE key = ?", .text(key)).flatMap { Int($0) }
    }

    /// Keeps `days` in `meta` under `key`, in its own transaction.
    func storeDays(_ key: String, _ days: Int) throws(StoreError) {
        try atomically { () throws(StoreError) in
            try db.run("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       .text(key), .text(String(days)))
        }
    }

    /// The entries on `account` dated from `from` to `to` (or later, when nil) that no statement line covers: not
    /// an à-nouveau, not an extourne nor an entry an extourne cancels, with an amount on the
    /// account. In date order.
    func pointageCandidates(account: AccountNumber, from: Day, to: Day?) throws(StoreError) -> [PointageCandidate] {
        // Driven by the entries of the days (entry_date), the bank line looked up first: in a
        // ledger fed by statements nearly every entry has one, and the lines are never read.
        // (Joined to `line`, SQLite would start from every line of the account.)
        try db.query("""
            SELECT e.id, e.number, e.exercice_id, e.date, e.label,
                   (SELECT sum(l.debit) - sum(l.credit) FROM line l WHERE l.entry_id = e.id AND l.account = ?) AS amount
            FROM entry e JOIN journal j ON j.code = e.journal
            WHERE e.date BETWEEN ? AND ? AND j.kind <> 'an' AND e.corrects IS NULL
              AND NOT EXISTS (SELECT 1 FROM bank_line b WHERE b.entry_id = e.id)
              AND NOT EXISTS (SELECT 1 FROM entry c WHERE c.corrects = e.id)
              AND amount IS NOT NULL AND amount <> 0
            ORDER BY e.date, e.id
            """, [.text(account.text), .text(from.iso), .text(to?.iso ?? "9999-12-31")]) { s throws(StoreError) in
            PointageCandidate(entryID: s.int(0), number: s.integer(1), exerciceID: s.int(2), date: try s.day(3), amount: s.money(5), label: s.text(4))
        }
    }

    /// Operations of `account`'s statements of `amount` (the bank's sign), dated `window` days at
    /// most from `day`, still waiting on 471: if the treasurer types an entry for one of them, the
    /// same operation is in the ledger twice. The label is the bank's.
    func waitingLookalikes(account: AccountNumber, amount: Money, day: Day, window: Int) throws(StoreError) -> [PointageCandidate] {
        // Driven by the bank lines of the days (their (date, fingerprint) index); the account and 471 checked after.
        try db.query("""
            SELECT e.id, e.number, e.exercice_id, b.date, b.label FROM bank_line b
            JOIN statement s ON s.id = b.statement_id JOIN entry e ON e.id = b.entry_id
            WHERE b.date BETWEEN ? AND ? AND b.amount = ? AND s.bank_account = ? AND b.pointed = 0
              AND EXISTS (SELECT 1 FROM line w WHERE w.entry_id = e.id AND w.account = ?)
              AND NOT EXISTS (SELECT 1 FROM entry c WHERE c.corrects = e.id)
            ORDER BY b.date, e.id
            """, [.text(day.adding(days: -window).iso), .text(day.adding(days: window).iso), .int(amount.cents), .text(account.text),
                  .text(AccountNumber.waiting.text)]) { s throws(StoreError) in
            PointageCandidate(entryID: s.int(0), number: s.integer(1), exerciceID: s.int(2), date: try s.day(3), amount: amount, label: s.text(4))
        }
    }

    /// For an entry about to be typed: the operations of statements waiting on 471 with the
    /// amount and sign of its lines on a bank or cash account, within the pointage window — most
    /// likely the same operation, brought by the bank before it was typed.
    public func waitingLookalikes(of entry: EntryDraft) throws(StoreError) -> [PointageCandidate] {
        let window = try pointageWindow()
        var amounts: [AccountNumber: Money] = [:]
        for line in entry.lines where AccountGroup.treasury.contains(where: line.account.isUnder) {
            amounts[line.account, default: .zero] += line.amount
        }
        var found: [PointageCandidate] = []
        for (account, amount) in amounts.sorted(by: { $0.key.text < $1.key.text }) where !amount.isZero {
            found += try waitingLookalikes(account: account, amount: amount, day: entry.date, window: window)
        }
        return found
    }

    /// The lines of `account`'s statements held for `compta pointer`, with the entries that fit
    /// each today (all accounts when nil), by date.
    public func heldLines(account: AccountNumber?) throws(StoreError) -> [HeldLine] {
        let window = try pointageWindow()
        let rows = try db.query("""
            SELECT h.id, h.statement_id, s.bank_account, h.date, h.amount, h.label FROM bank_line_held h JOIN statement s ON s.id = h.statement_id
            WHERE h.entry_id IS NULL AND (? IS NULL OR s.bank_account = ?) ORDER BY h.date, h.id
            """, [.optional(account?.text), .optional(account?.text)]) { s throws(StoreError) in
            (id: s.integer(0), statement: s.integer(1), account: s.account(2), date: try s.day(3), amount: s.money(4), label: s.text(5))
        }
        return try rows.map { r throws(StoreError) in
            let fit = try pointageCandidates(account: r.account, from: r.date.adding(days: -window), to: r.date.adding(days: window))
                .filter { Pointage.fits($0, date: r.date, amount: r.amount, window: window) }
            return HeldLine(id: r.id, statementID: r.statement, account: r.account, date: r.date, amount: r.amount, label: r.label, candidates: fit)
        }
    }

    /// Points held line `line` with entry `number` (of `exercice`, else of the exercice of the
    /// line's day): the entry gets the line as its bank line, and changes in nothing — a
    /// validated one too, its link of the chain stays. Returns the line and the entry.
    public func point(line: Int, entryNumber number: Int, exercice given: Exercice?) throws(StoreError) -> (line: HeldLine, entry: Entry) {
        try atomically { () throws(StoreError) -> (line: HeldLine, entry: Entry) in
            let row = try db.query("""
                SELECT h.statement_id, s.bank_account, h.date, h.amount, h.label, h.fingerprint, h.source_line,
                       (SELECT e.number FROM entry e WHERE e.id = h.entry_id)
                FROM bank_line_held h JOIN statement s ON s.id = h.statement_id WHERE h.id = ?
                """, [.int(Int64(line))]) { s throws(StoreError) in
                (held: HeldLine(id: line, statementID: s.integer(0), account: s.account(1), date: try s.day(2), amount: s.money(3), label: s.text(4),
                                candidates: []),
                 fingerprint: s.text(5), sourceLine: s.int(6), pointedWith: s.optionalInt(7))
            }.first
            guard let row else { throw .pointage(.unknownLine(line)) }
            if let n = row.pointedWith { throw .pointage(.lineAlreadyPointed(line: line, number: Int(n), statement: row.held.statementID)) }
            let c = try catalog()
            guard let exercice = given ?? c.exercice(containing: row.held.date) ?? c.currentExercice else { throw .noExercice }
            let entry = try self.entry(number: number, in: exercice)
            let onAccount = entry.lines.filter { $0.account == row.held.account }
            let already = try db.scalarInt("SELECT 1 FROM bank_line WHERE entry_id = ?", .int(entry.id)) != nil
            do throws(PointageError) {
                try Pointage.check(row.held, number: number, amountOnAccount: onAccount.isEmpty ? nil : Money.sum(onAccount.map(\.debit)) - Money.sum(onAccount.map(\.credit)),
                                   alreadyPointed: already, validated: entry.validation != nil)
            } catch { throw .pointage(error) }
            try db.run("""
                INSERT INTO bank_line(entry_id, date, fingerprint, statement_id, source_line, amount, label, pointed) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                """, .int(entry.id), .text(row.held.date.iso), .text(row.fingerprint), .int(Int64(row.held.statementID)), .int(row.sourceLine),
                       .int(row.held.amount.cents), .text(row.held.label))
            try db.run("UPDATE bank_line_held SET entry_id = ? WHERE id = ?", .int(entry.id), .int(Int64(line)))
            return (row.held, entry)
        }
    }

    /// The état de rapprochement of `account` (of every account a statement was imported into
    /// when nil): entries not seen by the bank since its first statement, lines held, the last
    /// stated balance and the ledger's on its day.
    public func pointage(account: AccountNumber?) throws(StoreError) -> [BankPointage] {
        if let account, !AccountGroup.treasury.contains(where: account.isUnder) { throw .bankAccount(.notATreasuryAccount(account)) }
        let window = try pointageWindow()
        var accounts: [AccountNumber] = account.map { [$0] } ?? []
        if account == nil { accounts = try db.query("SELECT DISTINCT bank_account FROM statement ORDER BY bank_account") { $0.account(0) } }
        return try accounts.map { a throws(StoreError) in
            // An entry typed a few days before the first statement may be on it: the window counts.
            let start = try db.query("SELECT min(first_date) FROM statement WHERE bank_account = ?", [.text(a.text)]) { s throws(StoreError) in
                try s.optionalDay(0)
            }.first?.map { $0.adding(days: -window) }
            let stated = try db.query("""
                SELECT closing_date, closing_balance FROM statement WHERE bank_account = ? AND closing_balance IS NOT NULL AND closing_date IS NOT NULL
                ORDER BY closing_date DESC, id DESC LIMIT 1
                """, [.text(a.text)]) { s throws(StoreError) in (day: try s.day(0), amount: s.money(1)) }.first
            let ledger = try stated.map { s throws(StoreError) in try queried { try balance(of: a.text, at: s.day) } }
            let unmatched = try start.map { s throws(StoreError) in try pointageCandidates(account: a, from: s, to: nil) } ?? []
            var lookalikes: [Int64: [PointageCandidate]] = [:]
            for e in unmatched {
                let found = try waitingLookalikes(account: a, amount: e.amount, day: e.date, window: window)
                if !found.isEmpty { lookalikes[e.entryID] = found }
            }
            return BankPointage(account: a, coverageStart: start, statementBalance: stated, ledgerBalance: ledger, unmatched: unmatched,
                                held: try heldLines(account: a), window: window, waitingLookalikes: lookalikes)
        }
    }
}
