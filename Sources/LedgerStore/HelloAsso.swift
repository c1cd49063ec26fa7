import Ledger

// HelloAsso (issue 23): payments booked against the transit account with their payer, refunds
// as reversing entries, payouts kept to be matched with the bank's « VIR HELLOASSO » lines.
extension Store {
    /// SQLite's page cache while an export is recorded, in KiB (negative: a size, not pages).
    static let platformCacheSize = -8192

    /// Records an export: its new payments (those whose identity the ledger has are skipped),
    /// its refunds, its payouts; creates the transit account and the payout rule at first use.
    /// One transaction; with `dryRun`, rolled back. An entry the ledger refuses (a closed
    /// exercice...) and a refund of a payment the ledger does not know are errors at their line.
    public func recordPlatform(_ source: inout some PlatformExportSource, dryRun: Bool, listing: Bool = true) throws(StoreError) -> PlatformImportOutcome {
        // The page cache the store keeps for a bank statement's import (`configure`: 64 MiB) would
        // grow with the export, and buys this import nothing (measured at 100 000 and 300 000
        // payments: the same CPU time with 8 MiB): memory stays flat whatever the export's size.
        try db.execute("PRAGMA cache_size = \(Store.platformCacheSize)")
        defer { try? db.execute("PRAGMA cache_size = \(Store.cacheSize)") }
        return try atomically(rollback: dryRun) { () throws(StoreError) -> PlatformImportOutcome in
            let transit = PlatformAccounts.transit
            let transitCreated = try catalog().accounts[transit] == nil
            if transitCreated { _ = try addAccount(transit, label: PlatformAccounts.transitLabel) }
            var ruleAdded: Rule? = nil
            if try db.scalarInt("SELECT 1 FROM rule WHERE account = ? LIMIT 1", .text(transit.text)) == nil {
                // First: a rule the user wrote before (« HELLOASSO » → 756) would file a payout as income.
                // No tiers: a payout is the platform's, its payers are on the payments' entries.
                ruleAdded = try addRule(Rule(position: 1, pattern: "VIR HELLOASSO", direction: .income, account: transit,
                                             label: "Versement HelloAsso", tiers: .none))
            }
            let refiled = try refilePayouts()
            let settings = try campaignSettings()
            let journal = EntryDraft.suggestedJournal(for: [LineDraft(account: transit, amount: Money(cents: 1))])
            let known = try db.cachedStatement("""
                SELECT 1 FROM helloasso_payment WHERE reference = ?1 OR (order_ref = ?2 AND (?1 IS NULL OR reference IS NULL)) LIMIT 1
                """)
            let file = source.file
            var tiersCache: [PlatformPerson: String] = [:]
            var recorded: [(piece: String, number: Int)] = [], recordedCount = 0, already = 0, created: [Tiers] = []
            // By chunks, each recorded before the next is read: memory stays flat whatever the export's size.
            while let chunk = try next(&source) {
                var fresh: [(payment: PlatformPayment, entry: EntryDraft)] = []
                var seen = Set<String>()
                for p in chunk {
                    known.reset()
                    try known.bind([.optional(p.reference), .text(p.order)])
                    if try known.step() || !seen.insert(p.piece).inserted {
                        already += 1
                        continue
                    }
                    let payer = try located(p.line, file) { () throws(StoreError) in try platformTiers(p.payer, cache: &tiersCache) }
                    let member = try p.beneficiary.map { b throws(StoreError) in
                        try located(p.line, file) { () throws(StoreError) in try platformTiers(b, cache: &tiersCache) }
                    }
                    created += [payer.created, member?.created].compactMap { $0 }
                    fresh.append((p, p.entry(journal: journal, setting: settings[searchKey(p.campaign)], payer: payer.code, beneficiary: member?.code)))
                }
                let posted = try postMany(fresh.map(\.entry)) { i, e in .located(LocatedError(file: file, line: fresh[i].payment.line, underlying: e.located)) }
                var rows: [SQLValue] = []
                rows.reserveCapacity(fresh.count * 6)
                for (f, post) in zip(fresh, posted) {
                    rows += [.optional(f.payment.reference), .text(f.payment.order), .int(post.id), .text(f.payment.date.iso),
                             .int(f.payment.total.cents), .int(f.payment.receiptIssued ? 1 : 0)]
                    if listing { recorded.append((f.payment.piece, post.number)) }
                    recordedCount += 1
                }
                try insertRows("helloasso_payment(reference, order_ref, entry_id, date, amount, receipt_by_helloasso)", width: 6, values: rows)
                // What an export says of a payment, new or already there: paid out, receipted by HelloAsso.
                for p in chunk where p.payoutDate != nil || p.receiptIssued {
                    guard let reference = p.reference else { continue }
                    try db.run("""
                        UPDATE helloasso_payment SET payout_id = coalesce(?, payout_id), payout_date = coalesce(?, payout_date),
                            receipt_by_helloasso = max(receipt_by_helloasso, ?) WHERE reference = ? OR (reference IS NULL AND order_ref = ?)
                        """, .optional(p.payoutID), .optional(p.payoutDate?.iso), .int(p.receiptIssued ? 1 : 0), .text(reference), .text(p.order))
                }
            }
            var refunded: [(piece: String, number: Int)] = [], refundsAlready = 0
            for r in source.refunds {
                // The payment by its reference; else its order, booked from a campaign's export
                // (one entry an order: the refund reverses it, whole or in part).
                let found = try db.query("""
                    SELECT id, entry_id, refund_entry_id FROM helloasso_payment
                    WHERE reference = ?1 OR (reference IS NULL AND order_ref = ?2 AND ?2 <> '') ORDER BY reference IS NULL LIMIT 1
                    """, [.text(r.reference), .text(r.order)]) { ($0.int(0), $0.int(1), $0.optionalInt(2)) }.first
                guard let (rowID, entryID, refundID) = found else {
                    throw .located(LocatedError(file: file, line: r.line,
                                                underlying: PlatformBookingError.unknownRefundedPayment(r.reference, order: r.order)))
                }
                if refundID != nil {
                    refundsAlready += 1
                    continue
                }
                let original = try entries(ids: [entryID])[0]
                let draft = PlatformRefund.entry(r, reversing: original)
                let post = try postMany([draft]) { _, e in .located(LocatedError(file: file, line: r.line, underlying: e.located)) }[0]
                try db.run("UPDATE helloasso_payment SET refund_entry_id = ? WHERE id = ?", .int(post.id), .int(rowID))
                refunded.append((draft.piece ?? "", post.number))
            }
            var newPayouts: [PlatformPayout] = []
            for p in source.payouts {
                try db.run("INSERT OR IGNORE INTO helloasso_payout(id, date, amount, file_name) VALUES (?, ?, ?, ?)",
                           .text(p.id), .text(p.date.iso), .int(p.amount.cents), .text(file))
                if db.changes > 0 { newPayouts.append(p) }
            }
            return PlatformImportOutcome(recorded: recorded, refunded: refunded, alreadyThere: already, refundsAlreadyThere: refundsAlready,
                                         newPayouts: newPayouts, tiersCreated: created, transitCreated: transitCreated, ruleAdded: ruleAdded,
                                         refiled: refiled, recordedCount: recordedCount)
        }
    }

    /// Payouts a statement imported before the rules knew them (waiting on 471), filed under the
    /// transit account by the rules that name it: the bank statement and the exports may come in
    /// either order. Gives the numbers of the entries filed.
    private func refilePayouts() throws(StoreError) -> [Int] {
        let patterns = try rules().filter { $0.account == PlatformAccounts.transit && !$0.isRegex }.map { searchKey($0.pattern) }
        var filed: [Int] = []
        let exercices = try catalog().exercices
        for w in try waitingLines() where w.amount.cents > 0 {
            guard let label = w.bankLabel.map(searchKey), patterns.contains(where: label.contains),
                  let exercice = exercices.first(where: { $0.id == w.entry.exerciceId && !$0.isClosed }) else { continue }
            filed.append(try assign(entryNumber: w.entry.number, exercice: exercice, to: [AssignmentPart(PlatformAccounts.transit)],
                                    project: nil, label: nil).number)
        }
        return filed
    }

    /// The source's next payments; its reading errors as the store's.
    private func next(_ source: inout some PlatformExportSource) throws(StoreError) -> [PlatformPayment]? {
        do { return try source.nextPayments() } catch { throw .located(error) }
    }

    /// `body`, its errors placed at `line` of `file`.
    private func located<T>(_ line: Int, _ file: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw .located(LocatedError(file: file, line: line, underlying: error.located)) }
    }

    // MARK: Campaigns

    /// The campaigns the user booked under an account of their choice, by search key of their name.
    public func campaignSettings() throws(StoreError) -> [String: CampaignSetting] {
        var result: [String: CampaignSetting] = [:]
        try db.forEach("""
            SELECT c.search_key, c.name, c.account, p.code FROM helloasso_campaign c LEFT JOIN project p ON p.id = c.project_id
            """) { s in result[s.text(0)] = CampaignSetting(campaign: s.text(1), account: s.account(2), project: s.optionalText(3)) }
        return result
    }

    /// The campaigns of the payments imported, as their exports name them (the end of their
    /// entries' label).
    public func importedCampaigns() throws(StoreError) -> [String] {
        var names: [String] = []
        try db.forEach("""
            SELECT DISTINCT substr(e.label, ?1) FROM helloasso_payment h JOIN entry e ON e.id = h.entry_id
            WHERE substr(e.label, 1, ?2) = ?3
            """, [.int(Int64(PlatformPayment.labelPrefix.count + 1)), .int(Int64(PlatformPayment.labelPrefix.count)),
                  .text(PlatformPayment.labelPrefix)]) { s in names.append(s.text(0)) }
        return names
    }

    /// Books the payments of campaign `setting.campaign` under its account and project from now
    /// on (those already booked stay as they are). A name no import has read is refused when
    /// names read look like it (`CampaignSetting.checkSeen`), unless `new` (a campaign not yet
    /// imported). Returns whether an import has read it.
    @discardableResult
    public func setCampaign(_ setting: CampaignSetting, new: Bool = false) throws(StoreError) -> Bool {
        try atomically { () throws(StoreError) in
            var seen = false
            if !new {
                let read = try importedCampaigns()
                do throws(PlatformBookingError) { seen = try CampaignSetting.checkSeen(setting.campaign, seen: read) } catch { throw .platform(error) }
            }
            let c = try catalog()
            if let current = c.currentExercice {
                do throws(EntryError) { try c.check(setting.account, in: current) } catch { throw .entry(error) }
            }
            if let code = setting.project, c.projects[code] == nil { throw .unknownProject(code, known: c.projects.keys.sorted()) }
            try db.run("""
                INSERT INTO helloasso_campaign(search_key, name, account, project_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (search_key) DO UPDATE SET name = excluded.name, account = excluded.account, project_id = excluded.project_id
                """, .text(searchKey(setting.campaign)), .text(setting.campaign.printable.trimmingSpaces), .text(setting.account.text),
                       setting.project.map { .optional(projectIDsCache[$0]) } ?? .null)
            return seen
        }
    }
}

extension StoreError {
    /// What a `LocatedError` carries of it: an entry's refusal as such (the CLI reads it so), the rest whole.
    var located: any Error & Sendable {
        if case .entry(let e) = self { return e }
        return self
    }
}

extension Store: PlatformLedger {}

extension Store {
    /// The transit account's state: payouts (from payout exports, or the payout days the
    /// payments export gives), the bank lines that credit the account, the payments not paid out.
    public func platformState() throws(StoreError) -> PlatformState {
        let transit = PlatformAccounts.transit.text
        var payouts = try db.query("SELECT id, date, amount FROM helloasso_payout") { s throws(StoreError) in
            PlatformPayout(id: s.text(0), date: try s.day(1), amount: s.money(2))
        }
        payouts += try db.query("""
            SELECT payout_date, sum(amount) FROM helloasso_payment WHERE payout_id IS NULL AND payout_date IS NOT NULL GROUP BY payout_date
            """) { s throws(StoreError) in
            let day = try s.day(0)
            return PlatformPayout(id: "du \(day.french)", date: day, amount: s.money(1))
        }
        let bank = try db.query("""
            SELECT e.number, e.date, l.credit, coalesce(b.label, e.label) FROM line l JOIN entry e ON e.id = l.entry_id
            LEFT JOIN bank_line b ON b.entry_id = e.id
            WHERE l.account = ? AND l.credit > 0 AND NOT EXISTS (SELECT 1 FROM helloasso_payment h WHERE h.refund_entry_id = e.id)
            ORDER BY e.date, e.id
            """, [.text(transit)]) { s throws(StoreError) in
            PlatformState.BankPayout(entry: s.integer(0), date: try s.day(1), amount: s.money(2), label: s.text(3))
        }
        let pending = try db.query("""
            SELECT coalesce('HA-' || reference, 'HA-C' || order_ref), date, amount FROM helloasso_payment
            WHERE payout_id IS NULL AND payout_date IS NULL AND refund_entry_id IS NULL ORDER BY date, id
            """) { s throws(StoreError) in PlatformState.Pending(piece: s.text(0), date: try s.day(1), amount: s.money(2)) }
        let balance = Money(cents: try db.scalarInt("SELECT coalesce(sum(debit - credit), 0) FROM line WHERE account = ?", .text(transit)) ?? 0)
        return PlatformState(payouts: payouts, bank: bank, pending: pending, transitBalance: balance, bankDelay: try bankDelay())
    }

    static let bankDelayKey = "helloasso-jours"

    /// The days after HelloAsso's payout date its bank line may come (`compta helloasso fenetre`).
    public func bankDelay() throws(StoreError) -> Int {
        try storedDays(Store.bankDelayKey) ?? PlatformState.defaultBankDelay
    }

    /// Sets them (0 to `PlatformState.maximumBankDelay` days): `compta helloasso` matches with them from now on.
    public func setBankDelay(_ days: Int) throws(StoreError) {
        guard (0...PlatformState.maximumBankDelay).contains(days) else { throw .platform(.badBankDelay(days)) }
        try storeDays(Store.bankDelayKey, days)
    }
}
