import Ledger

extension Store: BankLedger {
    public func rules() throws(StoreError) -> [Rule] {
        try db.query("SELECT \(Rule.columns) FROM rule r LEFT JOIN project p ON p.id = r.project_id ORDER BY r.position") { Rule(row: $0) }
    }

    /// Adds a rule. Without a position, it goes last.
    @discardableResult
    /// Adds a rule at its position (0: after the last), shifting the ones from there on. A
    /// rule that files like one the ledger has is refused (`.ruleExists`): the second would
    /// never file a line.
    public func addRule(_ rule: Rule) throws(StoreError) -> Rule {
        try atomically { () throws(StoreError) -> Rule in
            if let same = try rules().first(where: { $0.filesLike(rule) }) { throw .ruleExists(same) }
            var r = rule
            if r.position <= 0 {
                r.position = Int(try db.scalarInt("SELECT coalesce(max(position), 0) + 1 FROM rule") ?? 1)
            } else if try db.scalarInt("SELECT 1 FROM rule WHERE position = ?", .int(Int64(r.position))) != nil {
                // Make room: shift this position and the ones after it.
                try db.run("UPDATE rule SET position = -position - 1 WHERE position >= ?", .int(Int64(r.position)))
                try db.run("UPDATE rule SET position = -position WHERE position < 0")
            }
            try insertRule(r)
            let id = db.lastInsertRowID
            try numberRules()
            r.position = Int(try db.scalarInt("SELECT position FROM rule WHERE id = ?", .int(id)) ?? Int64(r.position))
            return r
        }
    }

    /// Replaces every rule by `rules` (`compta regles importer`), in the order of their positions.
    public func replaceRules(_ rules: [Rule]) throws(StoreError) {
        try atomically { () throws(StoreError) in
            try db.run("DELETE FROM rule")
            for r in rules { try insertRule(r) }
            try numberRules()
        }
    }

    /// Removes the rule at `position`; false when there is none.
    public func removeRule(position: Int) throws(StoreError) -> Bool {
        try atomically { () throws(StoreError) -> Bool in
            try db.run("DELETE FROM rule WHERE position = ?", .int(Int64(position)))
            guard db.changes > 0 else { return false }
            try numberRules()
            return true
        }
    }

    /// `statementTiers` for a line a rule filed: a code the rule fixes that the ledger has not
    /// (a rule recorded before codes were checked) is refused naming the rule.
    private func statementTiers(_ name: String, rule: Rule?, cache: inout StatementTiers) throws(StoreError) -> String? {
        do { return try statementTiers(name, cache: &cache) } catch {
            guard case .tiers(.unknownCode(let code)) = error, let rule else { throw error }
            throw .unknownRuleTiers(code: code, rule: rule.position, pattern: rule.pattern, atImport: true)
        }
    }

    /// A rule's number (« règle n° 3 ») is its place in the order rules are tried: 1, 2, 3…
    /// with no gap, whatever the positions a rules file gave (10, 20…) or a removal left.
    /// Positions are stored nowhere else (an imported line keeps its entry, not its rule), so
    /// renumbering changes only what `regles` shows; a ledger written before numbers its rules
    /// so at its next change of rules.
    private func numberRules() throws(StoreError) {
        let ids = try db.query("SELECT id FROM rule ORDER BY position", [], { $0.integer(0) })
        // Through negative numbers: `position` is UNIQUE at every row's update.
        for (i, id) in ids.enumerated() { try db.run("UPDATE rule SET position = ? WHERE id = ?", .int(Int64(-1 - i)), .int(Int64(id))) }
        try db.run("UPDATE rule SET position = -position WHERE position < 0")
    }

    private func insertRule(_ r: Rule) throws(StoreError) {
        _ = try catalog()
        // A code the rule fixes is checked now, not at the first import that meets it.
        if case .fixed(let name) = r.tiers, let code = Tiers.code(in: name) {
            do { _ = try designated(code) } catch {
                guard case .tiers(.unknownCode) = error else { throw error }
                throw .unknownRuleTiers(code: code, rule: r.position, pattern: r.pattern, atImport: false)
            }
        }
        try db.run("""
            INSERT INTO rule(position, pattern, regex, direction, minimum, maximum, account, project_id, label, tiers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .int(Int64(r.position)), .text(r.pattern), .int(r.isRegex ? 1 : 0), .int(Int64(r.direction.rawValue)),
                   .optional(r.minimum?.cents), .optional(r.maximum?.cents), .text(r.account.text),
                   r.project.map { .optional(projectIDsCache[$0]) } ?? .null, .optional(r.label), .optional(r.tiers.text))
    }

    /// Records a statement's lines: those whose fingerprint the ledger has are skipped, the
    /// others become entries. One transaction; with `dryRun`, rolled back.
    public func record(_ batch: BankBatch, dryRun: Bool) throws(StoreError) -> BankBatchOutcome {
        try atomically(rollback: dryRun) { () throws(StoreError) -> BankBatchOutcome in
            if !batch.force, let id = batch.bankAccountID,
               let other = try self.db.scalarText("SELECT bank_account FROM statement WHERE bank_account_id = ? AND bank_account <> ? LIMIT 1",
                                                  .text(id), .text(batch.bankAccount.text)) {
                throw .bankAccount(.statementOfAnotherAccount(bankAccountID: id, importedInto: AccountNumber(trusted: other),
                                                                 asked: batch.bankAccount))
            }
            // The other direction: the account asked holds another bank account's statements.
            if !batch.force, let id = batch.bankAccountID {
                let held = try self.db.query("SELECT DISTINCT bank_account_id FROM statement WHERE bank_account = ? AND bank_account_id IS NOT NULL",
                                             [.text(batch.bankAccount.text)], { $0.text(0) })
                if let other = held.first, !held.contains(where: { BankAccountID.same($0, id) }) {
                    throw .bankAccount(.accountHoldsAnother(bankAccountID: id, asked: batch.bankAccount, holds: other))
                }
            }
            // The same file, unless it is another of its accounts (a CFONB or camt.053 file of several).
            if !batch.force, let (other, id) = try self.db.query("""
                SELECT bank_account, id FROM statement WHERE file_hash = ?1 AND bank_account <> ?2
                    AND (?3 IS NULL OR bank_account_id IS NULL OR bank_account_id = ?3) ORDER BY id LIMIT 1
                """, [.text(batch.fileHash), .text(batch.bankAccount.text), .optional(batch.bankAccountID)], { ($0.text(0), $0.integer(1)) }).first {
                throw .bankAccount(.fileOfAnotherAccount(importedInto: AccountNumber(trusted: other), statement: id, asked: batch.bankAccount))
            }
            let sameFile = try self.db.scalarText("SELECT imported_at FROM statement WHERE file_hash = ? AND bank_account = ? ORDER BY id LIMIT 1",
                                                  .text(batch.fileHash), .text(batch.bankAccount.text)).map(self.now.timestamp)
            try self.db.run("""
                INSERT INTO statement(file_name, file_hash, format, bank_account, bank_account_id, first_date, last_date,
                                      closing_balance, closing_date, lines_read, lines_left_out, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, .text(batch.fileName), .text(batch.fileHash), .text(batch.format), .text(batch.bankAccount.text),
                                .optional(batch.bankAccountID), .optional(batch.firstDate?.iso), .optional(batch.lastDate?.iso),
                                .optional(batch.closingBalance?.cents), .optional(batch.closingDate?.iso),
                                .int(Int64(batch.count + batch.leftOut)), .int(Int64(batch.leftOut)), .text(self.now.instant))
            let statementID = self.db.lastInsertRowID
            // By chunks: a statement of a million lines never sits in memory as a million entries.
            var recorded = 0
            var waiting: [(position: Int, number: Int)] = []
            var already: [Int] = []
            // New lines on days the ledger already has bank lines for: the ones that may be an
            // operation another statement brought under another label.
            var overlapping: [(position: Int, date: Day, amount: Money)] = []
            var foundAgain: [(date: Day, amount: Money)] = []
            var tiers = StatementTiers(), linesWithTiers = 0
            var ambiguousLines: [String: Int] = [:]
            let exists = try self.db.cachedStatement("SELECT 1 FROM bank_line WHERE date = ? AND fingerprint = ?")
            // The same operation (day, amount, bank label) brought by a statement of another ledger
            // account. The lines come in date order: a day's lines of the other accounts are read
            // once, in the index's order, and a line takes the first of its amount and label, as a
            // lookup per line with `LIMIT 1` did (these lines do not change during the import).
            let elsewhere = try self.db.cachedStatement("""
                SELECT b.amount, b.label, s.bank_account, s.id FROM bank_line b JOIN statement s ON s.id = b.statement_id
                WHERE b.date = ? AND s.bank_account <> ? ORDER BY b.fingerprint
                """)
            var elsewhereDay: Day? = nil
            var elsewhereOnDay: [Int64: [(label: String, account: String, statement: Int)]] = [:]
            func foundOnAnotherAccount(_ e: BankEntry) throws(StoreError) -> (account: String, statement: Int)? {
                if e.date != elsewhereDay {
                    elsewhereOnDay.removeAll(keepingCapacity: true)
                    elsewhereDay = e.date
                    elsewhere.reset()
                    try elsewhere.bind([.text(e.date.iso), .text(batch.bankAccount.text)])
                    while try elsewhere.step() {
                        elsewhereOnDay[elsewhere.int(0), default: []].append((elsewhere.text(1), elsewhere.text(2), elsewhere.integer(3)))
                    }
                }
                // Compared byte for byte, as SQLite compares texts.
                return elsewhereOnDay[e.amount.cents]?.first { $0.label.utf8.elementsEqual(e.bankLabel.utf8) }.map { ($0.account, $0.statement) }
            }
            var foundElsewhere: [String: (count: Int, statement: Int)] = [:]
            // A line dated outside the days the ledger has bank lines for cannot be there already:
            // a new month's statement is looked up only where it overlaps the previous one.
            // (Two subqueries: SQLite finds a lone min() or max() in the index, not both at once.)
            // Lines held for `compta pointer` are there too: their fingerprints count.
            let known = try self.db.query("""
                SELECT min(a), max(b) FROM (SELECT (SELECT min(date) FROM bank_line) a, (SELECT max(date) FROM bank_line) b
                UNION ALL SELECT (SELECT min(date) FROM bank_line_held), (SELECT max(date) FROM bank_line_held))
                """) { s throws(StoreError) -> ClosedRange<Day>? in
                guard let first = try s.optionalDay(0), let last = try s.optionalDay(1) else { return nil }
                return first...last
            }[0]
            let anyHeld = try self.db.scalarInt("SELECT 1 FROM bank_line_held LIMIT 1") != nil
            let held = try self.db.cachedStatement("SELECT 1 FROM bank_line_held WHERE date = ? AND fingerprint = ?")
            func isThere(_ e: BankEntry) throws(StoreError) -> Bool {
                guard known?.contains(e.date) == true else { return false }
                exists.reset()
                try exists.bind([.text(e.date.iso), .text(e.fingerprint)])
                if try exists.step() { return true }
                guard anyHeld else { return false }
                held.reset()
                try held.bind([.text(e.date.iso), .text(e.fingerprint)])
                return try held.step()
            }
            let pointage = try self.pointageDecisions(batch, isThere: isThere)
            var pointedRows: [SQLValue] = []
            var pointed: [(position: Int, entry: PointageCandidate)] = []
            var heldLines: [(position: Int, line: Int?, candidates: [PointageCandidate])] = []
            for chunk in stride(from: 0, to: batch.count, by: 4096) {
                var fresh: [(position: Int, entry: BankEntry)] = []
                for position in chunk..<min(chunk + 4096, batch.count) {
                    let e = batch.entry(at: position)
                    let decision = pointage[position]
                    if known?.contains(e.date) == true {
                        if try isThere(e) {
                            already.append(position)
                            foundAgain.append((e.date, e.amount))
                            continue
                        }
                        if decision == nil { overlapping.append((position, e.date, e.amount)) }
                        if !batch.force && decision == nil, let found = try foundOnAnotherAccount(e) {
                            foundElsewhere[found.account, default: (0, found.statement)].count += 1
                        }
                    }
                    switch decision {
                    case .pointed(let entry)?:
                        // The line covers the entry typed for it: its bank line, no second entry.
                        pointedRows += [.int(entry.entryID), .text(e.date.iso), .text(e.fingerprint), .int(statementID),
                                        .int(Int64(e.sourceLine)), .int(e.amount.cents), .text(e.bankLabel), .int(1)]
                        pointed.append((position, entry))
                    case .held(let candidates)?:
                        try self.db.run("""
                            INSERT INTO bank_line_held(statement_id, date, fingerprint, source_line, amount, label) VALUES (?, ?, ?, ?, ?, ?)
                            """, .int(statementID), .text(e.date.iso), .text(e.fingerprint), .int(Int64(e.sourceLine)), .int(e.amount.cents),
                                        .text(e.bankLabel))
                        heldLines.append((position, dryRun ? nil : Int(self.db.lastInsertRowID), candidates))
                    case nil:
                        fresh.append((position, e))
                    }
                }
                // The line that is not the bank's takes the tiers the rule or the label names.
                var drafts: [EntryDraft] = []
                drafts.reserveCapacity(fresh.count)
                for (_, e) in fresh {
                    var draft = e.entry
                    if let name = e.tiers {
                        if let code = try self.statementTiers(name, rule: e.rule.flatMap { p in batch.rules.first { $0.position == p } }, cache: &tiers) {
                            draft.lines[1].tiers = code
                            linesWithTiers += 1
                        } else {
                            ambiguousLines[Tiers.code(in: name) ?? searchKey(name), default: 0] += 1
                        }
                    }
                    drafts.append(draft)
                }
                let posted = try self.postMany(drafts) { index, error in
                    let line = fresh[index].entry
                    let underlying: any Error & Sendable = if case .entry(let e) = error { e } else { error }
                    return .located(LocatedError(file: batch.fileName, line: line.sourceLine, text: line.bankLabel, underlying: underlying))
                }
                var rows: [SQLValue] = []
                rows.reserveCapacity(fresh.count * 7)
                for (f, p) in zip(fresh, posted) {
                    let e = f.entry
                    rows += [.int(p.id), .text(e.date.iso), .text(e.fingerprint), .int(statementID), .int(Int64(e.sourceLine)),
                             .int(e.amount.cents), .text(e.bankLabel)]
                    if e.rule == nil { waiting.append((f.position, p.number)) }
                }
                try self.insertRows("bank_line(entry_id, date, fingerprint, statement_id, source_line, amount, label)", width: 7, values: rows)
                recorded += fresh.count
            }
            if !pointedRows.isEmpty {
                try self.insertRows("bank_line(entry_id, date, fingerprint, statement_id, source_line, amount, label, pointed)", width: 8,
                                    values: pointedRows)
            }
            // Half the statement or more already on one other account: most likely the wrong --compte.
            if let (other, found) = foundElsewhere.max(by: { $0.value.count < $1.value.count }), found.count * 2 >= batch.count {
                throw .bankAccount(.operationsOfAnotherAccount(found: found.count, count: batch.count, importedInto: AccountNumber(trusted: other),
                                                               statement: found.statement, asked: batch.bankAccount))
            }
            let duplicates = try self.probableDuplicates(overlapping, foundAgain: foundAgain, account: batch.bankAccount, statementID: statementID)
            // A statement that brought nothing new (imported again) leaves no record: there is
            // nothing of it to list or to cancel.
            let linesPointed = pointed.count + heldLines.count
            if recorded + linesPointed == 0 {
                try self.db.run("DELETE FROM statement WHERE id = ?", .int(statementID))
            } else {
                try self.db.run("UPDATE statement SET lines_new = ?, lines_pointed = ? WHERE id = ?", .int(Int64(recorded)), .int(Int64(linesPointed)),
                                .int(statementID))
            }
            let account = batch.bankAccount.text
            var outcome = BankBatchOutcome(recorded: recorded, waiting: waiting, alreadyThere: already, sameFileImportedOn: sameFile,
                                    ledgerBalance: try (batch.closingDate ?? batch.lastDate).map { d throws(StoreError) in try self.queried { try self.balance(of: account, at: d) } },
                                    ledgerBalanceBefore: try batch.firstDate.map { d throws(StoreError) in
                                        try self.queried { try self.balance(of: account, at: d.adding(days: -1)) }
                                    },
                                    probableDuplicates: duplicates, statementID: dryRun || recorded + linesPointed == 0 ? nil : Int(statementID))
            outcome.pointed = pointed
            outcome.held = heldLines
            outcome.linesWithTiers = linesWithTiers
            outcome.tiersCreated = tiers.created
            outcome.ambiguousTiers = tiers.ambiguous.sorted { $0.key < $1.key }.map { ($0.value.name, $0.value.candidates, ambiguousLines[$0.key] ?? 0) }
            return outcome
        }
    }

    /// What pointage decides for the batch's new lines (by position) that an entry of the ledger
    /// fits (`Pointage.match`): the entries on the account within the window around the
    /// statement's days are read once; with none, as for a ledger fed only by statements, no
    /// line is looked at twice.
    private func pointageDecisions(_ batch: BankBatch, isThere: (BankEntry) throws(StoreError) -> Bool) throws(StoreError) -> [Int: Pointage.Decision] {
        guard let first = batch.firstDate, let last = batch.lastDate else { return [:] }
        let window = try pointageWindow()
        let candidates = try pointageCandidates(account: batch.bankAccount, from: first.adding(days: -window), to: last.adding(days: window))
        if candidates.isEmpty { return [:] }
        let amounts = Set(candidates.map(\.amount))
        var lines: [Pointage.Line] = []
        for position in 0..<batch.count {
            let e = batch.entry(at: position)
            if amounts.contains(e.amount), try !isThere(e) { lines.append(Pointage.Line(position: position, date: e.date, amount: e.amount)) }
        }
        return Pointage.match(lines, candidates: candidates, window: window)
    }

    /// New lines that have the day and amount of a bank line of the same account that another
    /// statement brought and that none of this statement's lines is (by its fingerprint): most
    /// likely the same operation under another label (the account exported in another format,
    /// a bank that changed its labels). Counted per day and amount, so that two operations of
    /// the same amount on one day are two.
    private func probableDuplicates(_ lines: [(position: Int, date: Day, amount: Money)], foundAgain: [(date: Day, amount: Money)],
                                    account: AccountNumber, statementID: Int64) throws(StoreError) -> [BankBatchOutcome.ProbableDuplicate] {
        if lines.isEmpty { return [] }
        struct Key: Hashable { let date: Day; let amount: Money }
        let days = Set(lines.map(\.date))
        // The other statements' lines on those days, less those this statement found again.
        var earlier: [Key: [(label: String, statement: Int)]] = [:]
        let query = try db.cachedStatement("""
            SELECT b.amount, b.label, b.statement_id FROM bank_line b JOIN statement s ON s.id = b.statement_id
            WHERE b.date = ? AND s.bank_account = ? AND b.statement_id <> ? ORDER BY b.entry_id
            """)
        for day in days.sorted() {
            query.reset()
            try query.bind([.text(day.iso), .text(account.text), .int(statementID)])
            while try query.step() {
                earlier[Key(date: day, amount: query.money(0)), default: []].append((query.text(1), query.integer(2)))
            }
        }
        var again: [Key: Int] = [:]
        for f in foundAgain where days.contains(f.date) { again[Key(date: f.date, amount: f.amount), default: 0] += 1 }
        var result: [BankBatchOutcome.ProbableDuplicate] = []
        for line in lines {
            let key = Key(date: line.date, amount: line.amount)
            guard let candidates = earlier[key], candidates.count > again[key, default: 0] else { continue }
            let match = candidates[0]
            earlier[key]?.removeFirst()
            result.append(.init(position: line.position, earlierLabel: match.label, earlierStatement: match.statement))
        }
        return result
    }

    // MARK: Imported statements

    /// The statements imported, in the order they were.
    public func statements() throws(StoreError) -> [ImportedStatement] {
        try { () throws(StoreError) in
            // One pass over the bank lines (they are not indexed by statement: an import need not pay for it).
            var validated: [Int64: Int] = [:]
            try db.forEach("""
                SELECT b.statement_id, count(*) FROM bank_line b JOIN entry e ON e.id = b.entry_id
                WHERE e.validated_on IS NOT NULL GROUP BY b.statement_id
                """) { validated[$0.int(0)] = $0.integer(1) }
            return try db.query("SELECT \(ImportedStatement.columns) FROM statement s ORDER BY s.id") { s throws(StoreError) in
                try ImportedStatement(row: s, validated: validated, now: now)
            }
        }()
    }

    /// Cancels an import made by mistake (into the wrong account, the wrong file): the entries it
    /// wrote, their bank lines and the statement go, so that the file can be imported again. Only
    /// while every one of those entries is a draft that no other entry corrects. Returns the
    /// statement, and the later ones of the same account over the same days that found some of
    /// their operations already there: those may have been this statement's, and are gone with it.
    public func cancelStatement(id: Int) throws(StoreError) -> (cancelled: ImportedStatement, overlapping: [ImportedStatement]) {
        try atomically { () throws(StoreError) -> (cancelled: ImportedStatement, overlapping: [ImportedStatement]) in
            let all = try statements()
            guard let statement = all.first(where: { $0.id == id }) else { throw .unknownStatement(id) }
            let overlapping = all.filter { later in
                guard later.id > id, later.bankAccount == statement.bankAccount, later.alreadyThere > 0,
                      let a = statement.firstDate, let b = statement.lastDate, let c = later.firstDate, let d = later.lastDate else { return false }
                return a <= d && c <= b
            }
            if statement.validated > 0 { throw .statementValidated(statement) }
            if let by = try db.scalarInt("""
                SELECT min(c.number) FROM bank_line b JOIN entry c ON c.corrects = b.entry_id WHERE b.statement_id = ?
                """, .int(Int64(id))) {
                throw .statementCorrected(statement, by: Int(by))
            }
            var totals = TotalsDelta()
            try db.forEach("""
                SELECT e.date, l.account, l.project_id, j.kind = 'an', sum(l.debit), sum(l.credit)
                FROM bank_line b JOIN entry e ON e.id = b.entry_id JOIN journal j ON j.code = e.journal JOIN line l ON l.entry_id = e.id
                WHERE b.statement_id = ? AND b.pointed = 0 GROUP BY 1, 2, 3, 4
                """, [.int(Int64(id))]) { s throws(StoreError) in
                totals.add(TotalsDelta.Key(day: try s.day(0), account: s.text(1), project: s.optionalInt(2) ?? 0, opening: s.int(3) != 0),
                           debit: s.int(4), credit: s.int(5), sign: -1)
            }
            try db.execute("CREATE TEMP TABLE IF NOT EXISTS cancelled(id INTEGER PRIMARY KEY)")
            try db.execute("DELETE FROM cancelled")
            // An entry the statement pointed was typed: it stays, without its bank line.
            try db.run("INSERT INTO cancelled SELECT entry_id FROM bank_line WHERE statement_id = ? AND pointed = 0", .int(Int64(id)))
            try db.execute("DELETE FROM line WHERE entry_id IN (SELECT id FROM cancelled)")
            try db.run("DELETE FROM bank_line WHERE statement_id = ?", .int(Int64(id)))
            try db.run("DELETE FROM bank_line_held WHERE statement_id = ?", .int(Int64(id)))
            try db.execute("DELETE FROM entry WHERE id IN (SELECT id FROM cancelled)")
            try db.run("DELETE FROM statement WHERE id = ?", .int(Int64(id)))
            try apply(totals)
            return (statement, overlapping)
        }
    }

    // MARK: Waiting lines (471)

    /// Entries with an amount still waiting on 471, in date order. An entry's amount on 471 is
    /// net of the entries that correct it (its extourne, the OD that filed it once validated)
    /// and of those that correct them in turn; a correcting entry is never listed itself.
    public func waitingLines(exercice: Exercice? = nil) throws(StoreError) -> [WaitingLine] {
        let entries = try self.entries(EntryQuery(from: exercice?.start, to: exercice?.end, accountPrefix: AccountNumber.waiting.text))
        let corrections = try db.query("""
            SELECT e.id, e.corrects,
                   coalesce((SELECT sum(l.credit - l.debit) FROM line l WHERE l.entry_id = e.id AND l.account GLOB ? || '*'), 0)
            FROM entry e WHERE e.corrects IS NOT NULL
            """, [.text(AccountNumber.waiting.text)]) { Waiting.Correction(id: $0.int(0), corrects: $0.int(1), amount: $0.money(2)) }
        return try Waiting.net(entries, corrections: corrections).map { (e, amount) throws(StoreError) in
            WaitingLine(entry: e, amount: amount, bankLabel: try db.scalarText("SELECT label FROM bank_line WHERE entry_id = ?", .int(e.id)))
        }
    }

    /// Files an operation under `parts` (one account, or several with their amounts: a
    /// ventilation), with `project` for the parts that name none: its line waiting in 471 or,
    /// while the entry is a draft, what is not the bank in an operation of a statement (one a
    /// rule filed under the wrong account, or split before), or the one line outside the
    /// treasury accounts of a typed entry. A draft is changed in place, the parts keeping the
    /// line's project, tiers and label unless others are given (`tiers`: a code, for the parts
    /// that name none). A validated entry never is: an OD
    /// entry that corrects it moves its waiting amount out of 471. Returns the number of the
    /// entry written or changed, the bank operation filed, and the parts as filed.
    public func assign(entryNumber: Int, exercice given: Exercice?, to parts: [AssignmentPart], project: String?, tiers: FiledTiers = .keep,
                       label: String?) throws(StoreError) -> Assignment {
        // Read and written under the write lock: what waits, what corrects what, is read as it is now.
        try atomically { () throws(StoreError) in
            try assignLocked(entryNumber: entryNumber, exercice: given, to: parts, project: project, tiers: tiers, label: label)
        }
    }

    private func assignLocked(entryNumber: Int, exercice given: Exercice?, to parts: [AssignmentPart], project: String?, tiers: FiledTiers,
                              label: String?) throws(StoreError) -> Assignment {
        let c = try catalog()
        for code in [project].compactMap({ $0 }) + parts.compactMap(\.project) where c.projects[code] == nil {
            throw .unknownProject(code, known: c.projects.keys.sorted())
        }
        // Without an exercice, the number designates a waiting line of any exercice, if only one has it.
        var candidates = given.map { [$0] } ?? []
        if given == nil {
            candidates = try waitingLines().filter { $0.entry.number == entryNumber }.compactMap { w in c.exercices.first { $0.id == w.entry.exerciceId } }
        }
        guard let exercice = candidates.first ?? c.currentExercice else { throw .noExercice }
        if candidates.count > 1 { throw .ambiguousEntry(number: entryNumber, exercices: candidates.map(\.label)) }
        // Known, postable accounts that the exercice's chart still has.
        for part in parts {
            do throws(EntryError) { try c.check(part.account, in: exercice) } catch { throw .entry(error) }
        }
        let found = try { () throws(StoreError) in
            try db.query("""
                SELECT e.id, e.validated_on IS NOT NULL, b.label, b.amount,
                       (SELECT number FROM entry x WHERE x.id = e.corrects),
                       (SELECT min(number) FROM entry c WHERE c.corrects = e.id), s.bank_account
                FROM entry e LEFT JOIN bank_line b ON b.entry_id = e.id LEFT JOIN statement s ON s.id = b.statement_id
                WHERE e.exercice_id = ? AND e.number = ?
                """, [.int(exercice.id), .int(Int64(entryNumber))]) {
                ($0.int(0), $0.int(1) != 0, $0.isNull(2) ? nil : (label: $0.text(2), amount: $0.money(3)),
                 $0.optionalInt(4).map { DraftRefusal.corrects(Int($0)) } ?? $0.optionalInt(5).map { DraftRefusal.corrected(by: Int($0)) },
                 $0.optionalAccount(6))
            }.first
        }()
        guard let (id, validated, operation, correction, bankAccount) = found else {
            throw .unknownEntry(number: entryNumber, exercice: exercice.label)
        }
        if let bankAccount, parts.contains(where: { $0.account == bankAccount }) { throw .partOnTheBank(bankAccount) }
        let waiting = try waitingLines(exercice: exercice).first(where: { $0.entry.id == id })
        if validated && waiting == nil { throw .notWaiting(number: entryNumber) }
        if !validated {
            let e = if let waiting { waiting.entry } else { try entry(number: entryNumber, in: exercice) }
            if waiting == nil, let correction { throw .notReclassifiable(number: entryNumber, reason: correction) }
            let plan: Refiling
            do throws(RefilingError) {
                plan = try Refiling.plan(e, waiting: waiting != nil, bankAccount: bankAccount, parts: parts, project: project, tiers: tiers,
                                         label: label)
            } catch {
                switch error {
                case .lines(let accounts): throw .notReclassifiable(number: entryNumber, reason: .lines(accounts))
                case .split(let split): throw .split(split)
                }
            }
            do throws(EntryError) { _ = try c.validate(plan.entry) } catch { throw .entry(error) }
            // The filed lines go by their id: the other lines, and what is attached to them, stay as they are.
            for old in plan.removed { try db.run("DELETE FROM line WHERE id = ?", .int(old.id)) }
            try insertRows(Store.lineColumns, width: Store.lineWidth, values: lineValues(plan.added, entry: id))
            var totals = TotalsDelta()
            totals.add(plan.removed, day: e.date, opening: c.isOpening(e.journal), projects: projectIDsCache, sign: -1)
            totals.add(plan.added, day: e.date, opening: c.isOpening(e.journal), projects: projectIDsCache)
            try apply(totals)
            if let label { try db.run("UPDATE entry SET label = ? WHERE id = ?", .text(label.printable), .int(id)) }
            return Assignment(number: entryNumber, operation: operation, parts: plan.parts)
        }
        guard let waiting else { throw .notWaiting(number: entryNumber) }
        let od: (entry: EntryDraft, parts: [AssignmentPart])
        do throws(SplitError) {
            od = try Refiling.correction(of: waiting.entry, waiting: waiting.amount, in: exercice, parts: parts, project: project, tiers: tiers,
                                         label: label)
        } catch { throw .split(error) }
        let posted = try post(od.entry)
        try db.run("UPDATE entry SET corrects = ? WHERE id = ?", .int(id), .int(posted.id))
        return Assignment(number: posted.number, operation: operation, parts: od.parts)
    }

    /// What `assign` did: the entry it changed or wrote, and the bank operation it filed (nil for
    /// an entry that did not come from a statement).
    public struct Assignment: Sendable {
        public let number: Int
        public let operation: (label: String, amount: Money)?
        /// The parts filed, each with its amount and project.
        public let parts: [AssignmentPart]
    }
}

extension Store: RefilingLedger {
    /// Operations of statements waiting whole on 471: the entry has its bank line, and two lines,
    /// the bank's and 471's (a ventilation with a part left waiting is the treasurer's to finish).
    public func waitingOperations() throws(StoreError) -> [WaitingLine] {
        try waitingLines().filter { w in
            w.bankLabel != nil && w.entry.lines.count == 2 && w.entry.lines.contains { $0.account == .waiting }
        }
    }

    /// Files each operation as `assign` does (its 471 line to the rule's account and project, its
    /// label the rule's when it has one, its tiers the one the name designates, a new one else),
    /// all in one transaction.
    public func refile(_ filings: [RuleFiling], dryRun: Bool) throws(StoreError) -> [Tiers] {
        try atomically(rollback: dryRun) { () throws(StoreError) -> [Tiers] in
            let c = try catalog()
            var tiers = StatementTiers()
            for f in filings {
                guard let exercice = c.exercices.first(where: { $0.id == f.line.entry.exerciceId }) else { throw .noExercice }
                let code = try f.tiers.flatMap { name throws(StoreError) in try statementTiers(name, cache: &tiers) }
                // A rule that says « aucun » clears the tiers the import read; one that finds none keeps it.
                let filedTiers: FiledTiers = f.rule.tiers == .none ? .none : code.map { .given($0) } ?? .keep
                _ = try assignLocked(entryNumber: f.line.entry.number, exercice: exercice,
                                     to: [AssignmentPart(f.rule.account, project: f.rule.project)], project: nil, tiers: filedTiers, label: f.rule.label)
            }
            return tiers.created
        }
    }
}
