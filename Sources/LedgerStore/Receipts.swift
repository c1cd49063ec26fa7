import Ledger

/// Why receipts cannot be issued or cancelled as asked. The CLI says the sentence.
public enum ReceiptProblem: Error, Sendable, Equatable {
    /// The association states no article: it issues no receipt.
    case issuesNone
    /// Fields a receipt prints that the association does not state.
    case notEligible(missing: [Association.Field])
    /// No receipt to issue: the plan says where the year's gifts went.
    case nothingToIssue(ReceiptPlan)
    case unknownReceipt(String)
    case alreadyCancelled(IssuedReceipt)
    /// A cancellation says why.
    case blankReason(String)
}

// Tax receipts (issue 24): the gifts of a year read from the lines, the receipts issued in one
// transaction (every check inside it: a gift covered meanwhile is not covered twice), the
// register, a cancellation. The text of a receipt comes from the caller (`Reports`), frozen.
extension Store {
    /// The gift lines of `year` (credits to `accounts`) with a tiers, each with its donor as
    /// the ledger knows it today, and those without a tiers. A gift is `refunded` when its
    /// HelloAsso payment was, or when an entry that corrects its own (an extourne) debits the
    /// same account, amount and tiers. `returns`: the year's other debits of those accounts with
    /// a tiers (money given back by hand), neither an extourne nor a HelloAsso refund.
    func gifts(year: Int, accounts: [String]) throws(StoreError) -> (gifts: [Gift], returns: [GiftReturn], withoutDonor: [AccountLine]) {
        let onAccounts = "(" + accounts.map { _ in "l.account GLOB ?" }.joined(separator: " OR ") + ")"
        let values: [SQLValue] = accounts.map { .text($0 + "*") } + [.text("\(year)-01-01"), .text("\(year)-12-31")]
        let inYear = "\(onAccounts) AND l.credit > 0 AND e.date BETWEEN ? AND ?"
        var donors: [Int64: Tiers] = [:]
        let rows = try db.query("""
            SELECT l.id, e.journal, e.number, e.date, l.account, l.credit, e.validated_on IS NOT NULL,
                   CASE WHEN EXISTS (SELECT 1 FROM line o WHERE o.entry_id = l.entry_id AND o.account GLOB ?) THEN ?
                        WHEN EXISTS (SELECT 1 FROM line o WHERE o.entry_id = l.entry_id AND o.account GLOB ?) THEN ? ELSE ? END,
                   (SELECT r.number FROM receipt_line c JOIN receipt r ON r.id = c.receipt_id WHERE c.line_id = l.id AND r.cancelled_on IS NULL),
                   (SELECT c.amount FROM receipt_line c JOIN receipt r ON r.id = c.receipt_id WHERE c.line_id = l.id AND r.cancelled_on IS NULL),
                   coalesce(t.merged_into, t.id),
                   EXISTS (SELECT 1 FROM helloasso_payment h WHERE h.entry_id = l.entry_id AND h.receipt_by_helloasso = 1),
                   EXISTS (SELECT 1 FROM helloasso_payment h WHERE h.entry_id = l.entry_id AND h.refund_entry_id IS NOT NULL)
                   OR EXISTS (SELECT 1 FROM entry r JOIN line o ON o.entry_id = r.id
                              WHERE r.corrects = l.entry_id AND o.account = l.account AND o.debit = l.credit AND o.tiers_id IS l.tiers_id)
            FROM line l JOIN entry e ON e.id = l.entry_id JOIN tiers t ON t.id = l.tiers_id
            WHERE \(inYear) ORDER BY e.date, e.id, l.id
            """, [.text(AccountGroup.cash + "*"), .text(PaymentMode.cash.rawValue), .text(AccountGroup.chequesToCash + "*"),
                  .text(PaymentMode.cheque.rawValue), .text(PaymentMode.transfer.rawValue)] + values) { s throws(StoreError) in
            (line: s.int(0), entry: "\(s.text(1)) \(s.integer(2))", date: try s.day(3), account: s.account(4), amount: s.money(5),
             validated: s.int(6) != 0, mode: PaymentMode(rawValue: s.text(7)) ?? .transfer, coveredBy: s.optionalText(8),
             coveredAmount: s.optionalInt(9).map { Money(cents: $0) }, donor: s.int(10), byPlatform: s.int(11) != 0, refunded: s.int(12) != 0)
        }
        for id in Set(rows.map(\.donor)) {
            donors[id] = try db.query("SELECT \(Tiers.columns) FROM tiers t LEFT JOIN tiers m ON m.id = t.merged_into WHERE t.id = ?",
                                      [.int(id)]) { Tiers(row: $0, aliases: []) }.first
        }
        let gifts = rows.compactMap { r in
            donors[r.donor].map { Gift(lineID: r.line, entry: r.entry, date: r.date, account: r.account, amount: r.amount, donor: $0,
                                       mode: r.mode, validated: r.validated, coveredBy: r.coveredBy, receiptedByPlatform: r.byPlatform,
                                       refunded: r.refunded, coveredAmount: r.coveredAmount) }
        }
        let returns = try db.query("""
            SELECT e.journal, e.number, e.date, l.debit, m.code, e.validated_on IS NOT NULL, l.account
            FROM line l JOIN entry e ON e.id = l.entry_id JOIN tiers t ON t.id = l.tiers_id JOIN tiers m ON m.id = coalesce(t.merged_into, t.id)
            WHERE \(onAccounts) AND l.debit > 0 AND e.date BETWEEN ? AND ? AND e.corrects IS NULL
              AND NOT EXISTS (SELECT 1 FROM helloasso_payment h WHERE h.refund_entry_id = e.id)
            ORDER BY e.date, e.id, l.id
            """, values) { s throws(StoreError) in
            GiftReturn(entry: "\(s.text(0)) \(s.integer(1))", date: try s.day(2), account: s.account(6), amount: s.money(3), donor: s.text(4),
                       validated: s.int(5) != 0)
        }
        let withoutDonor = try db.query("""
            SELECT \(AccountLine.columns) FROM line l \(AccountLine.joins) WHERE l.tiers_id IS NULL AND \(inYear) ORDER BY e.date, e.id, l.id
            """, values) { s throws(StoreError) in try AccountLine(row: s) }
        return (gifts, returns, withoutDonor)
    }

    /// Issues the receipts of `year`'s gifts (one per donor, or per gift with `perGift`), each
    /// with the text `render` writes, in one transaction; with `dryRun`, writes nothing. Refused
    /// while the association is not ready to issue, or when no receipt is to be issued.
    @discardableResult
    public func issueReceipts(year: Int, perGift: Bool, dryRun: Bool,
                              render: (ReceiptDraft, Association) -> String) throws(StoreError) -> ReceiptPlan {
        try atomically(rollback: dryRun) { () throws(StoreError) -> ReceiptPlan in
            let association = try association()
            guard association.issuesReceipts else { throw StoreError.receipts(.issuesNone) }
            let missing = association.missing(for: .taxReceipts)
            guard missing.isEmpty else { throw StoreError.receipts(.notEligible(missing: missing)) }
            let (gifts, returns, withoutDonor) = try gifts(year: year, accounts: association.giftAccounts)
            let next = Int(try db.scalarInt("SELECT coalesce(max(sequence), 0) FROM receipt WHERE year = ?", .int(Int64(year))) ?? 0) + 1
            let plan = ReceiptPlan(year: year, gifts: gifts, returns: returns, withoutDonor: withoutDonor, association: association, perGift: perGift,
                                   issuedOn: now.today, nextSequence: next)
            guard !plan.receipts.isEmpty else { throw StoreError.receipts(.nothingToIssue(plan)) }
            var previous = try db.scalarText("SELECT hash FROM receipt ORDER BY id DESC LIMIT 1") ?? Chain.genesis
            for (i, r) in plan.receipts.enumerated() {
                let text = render(r, association)
                let link = Chain.ReceiptLink(number: r.number, year: year, issuedOn: r.issuedOn, donor: r.donor.code, amount: r.amount.cents,
                                             article: r.article, lines: r.gifts.map { ($0.lineID, $0.amount.cents) }, text: text)
                previous = link.hash(previous: previous)
                try db.run("""
                    INSERT INTO receipt(number, year, sequence, issued_on, tiers_id, amount, article, text, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, .text(r.number), .int(Int64(year)), .int(Int64(next + i)), .text(r.issuedOn.iso), .int(try tiersID(r.donor.code)),
                           .int(r.amount.cents), .text(r.article.rawValue), .text(text), .text(previous))
                let id = db.lastInsertRowID
                for g in r.gifts {
                    try db.run("INSERT INTO receipt_line(receipt_id, line_id, amount) VALUES (?, ?, ?)", .int(id), .int(g.lineID), .int(g.amount.cents))
                }
            }
            return plan
        }
    }

    /// The receipts issued, of `year` or all, by number.
    public func receipts(year: Int? = nil) throws(StoreError) -> [IssuedReceipt] {
        try readReceipts(where: year == nil ? "1" : "r.year = ?", year.map { [.int(Int64($0))] } ?? [])
    }

    /// The figures of the declaration of `year` (article 222 bis): the receipts that cover gifts
    /// of its period (`ReceiptDeclaration.period`), by the dates of the gifts' entries.
    public func receiptDeclaration(year: Int) throws(StoreError) -> ReceiptDeclaration {
        let (start, end, exercice) = ReceiptDeclaration.period(year: year, exercices: Array(try catalog().exercices))
        let inPeriod = "e.date BETWEEN ? AND ?"
        let rows = try db.query("""
            SELECT r.number, r.cancelled_on IS NOT NULL, sum(CASE WHEN \(inPeriod) THEN c.amount ELSE 0 END),
                   sum(CASE WHEN \(inPeriod) THEN 1 ELSE 0 END), count(*)
            FROM receipt r JOIN receipt_line c ON c.receipt_id = r.id JOIN line l ON l.id = c.line_id JOIN entry e ON e.id = l.entry_id
            GROUP BY r.id ORDER BY r.year, r.sequence
            """, [.text(start.iso), .text(end.iso), .text(start.iso), .text(end.iso)]) { s throws(StoreError) in
            (number: s.text(0), cancelled: s.int(1) != 0, amount: try s.sum(2), inPeriod: s.int(3), lines: s.int(4))
        }.filter { $0.inPeriod > 0 }
        let live = rows.filter { !$0.cancelled }
        return ReceiptDeclaration(start: start, end: end, exercice: exercice?.label, total: Money.sum(live.map(\.amount)), count: live.count,
                                  cancelled: rows.count - live.count, straddling: live.filter { $0.inPeriod < $0.lines }.map(\.number))
    }

    /// The receipt numbered `number`.
    public func receipt(_ number: String) throws(StoreError) -> IssuedReceipt {
        let number = ReceiptDraft.number(typed: number)
        guard let r = try readReceipts(where: "r.number = ?", [.text(number)]).first else { throw .receipts(.unknownReceipt(number)) }
        return r
    }

    /// Cancels the receipt `number` today, for `reason`: it stays in the register, marked, and
    /// its gifts may be receipted again.
    @discardableResult
    public func cancelReceipt(_ number: String, reason: String) throws(StoreError) -> IssuedReceipt {
        try atomically { () throws(StoreError) -> IssuedReceipt in
            let r = try receipt(number)
            guard r.isLive else { throw StoreError.receipts(.alreadyCancelled(r)) }
            let why = reason.printable.trimmingSpaces
            guard !why.isEmpty else { throw StoreError.receipts(.blankReason(r.number)) }
            try db.run("UPDATE receipt SET cancelled_on = ?, cancel_reason = ? WHERE number = ?", .text(now.today.iso), .text(why), .text(r.number))
            return try receipt(r.number)
        }
    }

    private func readReceipts(where condition: String, _ values: [SQLValue]) throws(StoreError) -> [IssuedReceipt] {
        try db.query("""
            SELECT r.number, r.year, r.issued_on, t.code, coalesce(m.code, t.code), coalesce(m.name, t.name), r.amount, r.article,
                   r.cancelled_on, r.cancel_reason, r.text
            FROM receipt r JOIN tiers t ON t.id = r.tiers_id LEFT JOIN tiers m ON m.id = t.merged_into
            WHERE \(condition) ORDER BY r.year, r.sequence
            """, values) { s throws(StoreError) in
            IssuedReceipt(number: s.text(0), year: s.integer(1), issuedOn: try s.day(2),
                          donor: LineTiers(recorded: s.text(3), code: s.text(4), name: s.text(5)), amount: s.money(6),
                          article: ReceiptArticle(rawValue: s.text(7)) ?? .article200,
                          cancellation: try s.optionalDay(8).map { IssuedReceipt.Cancellation(on: $0, reason: s.optionalText(9) ?? "") },
                          text: s.text(10))
        }
    }

    /// The receipts' chain recomputed: the number of the first receipt whose hash does not
    /// match its content and the receipts before it, or nil.
    func brokenReceipt() throws(StoreError) -> String? {
        var lines: [Int64: [(id: Int64, amount: Int64)]] = [:]
        try db.forEach("SELECT receipt_id, line_id, amount FROM receipt_line") { lines[$0.int(0), default: []].append(($0.int(1), $0.int(2))) }
        var previous = Chain.genesis
        var broken: String? = nil
        try db.forEach("""
            SELECT r.id, r.number, r.year, r.issued_on, t.code, r.amount, r.article, r.text, r.hash
            FROM receipt r LEFT JOIN tiers t ON t.id = r.tiers_id ORDER BY r.id
            """) { s in
            guard broken == nil else { return }
            let link = Chain.ReceiptLink(number: s.text(1), year: s.integer(2), issuedOn: Day(iso: s.text(3)) ?? Day(year: 1, month: 1, day: 1)!,
                                         donor: s.optionalText(4) ?? "", amount: s.int(5), article: ReceiptArticle(rawValue: s.text(6)) ?? .article200,
                                         lines: lines[s.int(0)] ?? [], text: s.text(7))
            previous = link.hash(previous: previous)
            if previous != s.text(8) { broken = s.text(1) }
        }
        return broken
    }
}
