import Ledger

/// Why a closing cannot happen now.
public enum ClosingProblem: Error, Sendable, Equatable {
    case alreadyClosed(Exercice)
    /// Exercices must be closed in order.
    case earlierOpen(Exercice)
    /// Drafts remain: the first ones (number, date, label) and how many in all.
    case drafts([DraftSummary], total: Int)
    /// The waiting account 471 is not empty: the entries that hold it.
    case waiting([DraftSummary], balance: Money)
    /// The next exercice already has à-nouveaux.
    case openingsExist(Exercice)
    case nextNotOpen(Exercice)
    /// An end was asked for the next exercice, which exists already with another.
    case nextAlreadyOpen(Exercice, asked: Day)
    /// An earlier result is still on 120 (excédent) or 129 (déficit): the general assembly's
    /// decision on it was not recorded, and closing would add it to this year's result in the
    /// bilan. `of`: the closed exercice it comes from, when the ledger has it.
    case resultNotAllocated(Exercice, of: Exercice?, account: AccountNumber, amount: Money)
    /// Projects funded by restricted resources whose reports or utilisations of the exercice
    /// were never booked (`compta fonds-dedies calculer`): what they would be.
    case fundsNotBooked(Exercice, [FundProposal])
}

public struct DraftSummary: Sendable, Equatable {
    public let exercice: String
    public let number: Int
    public let date: Day
    public let label: String
    public let amount: Money
}

public enum AllocationProblem: Error, Sendable, Equatable {
    case notClosed(Exercice)
    case noNextExercice(Exercice)
    case nothingToAllocate(Exercice)
    /// The destination must be a report à nouveau (11x) or a reserve (106x).
    case badDestination(AccountNumber)
    /// The next exercice was closed before the allocation was recorded (closings now refuse
    /// that): the result went on with the next one's, and is allocated by an entry in the open
    /// exercice.
    case nextClosed(Exercice, next: Exercice, result: Money)
}

/// An entry as the verifier found it, to name it in a problem: the values as stored (its date
/// may be the damage itself), each part missing when the row that holds it cannot be read.
public struct EntryReference: Sendable, Equatable {
    public let id: Int64
    public let exercice: String?
    public let journal: String?
    /// Only for a validated entry.
    public let validationNumber: Int?
    public let number: Int?
    /// As stored: text, not a `Day`.
    public let date: String?

    public init(id: Int64, exercice: String? = nil, journal: String? = nil, validationNumber: Int? = nil, number: Int? = nil, date: String? = nil) {
        self.id = id; self.exercice = exercice; self.journal = journal; self.validationNumber = validationNumber; self.number = number; self.date = date
    }
}

/// One thing `compta verifier` found wrong.
public enum IntegrityProblem: Sendable, Equatable {
    /// The hash of this validated entry does not match its content and the chain before it.
    case chainBroken(entry: EntryReference)
    /// Validated entries are missing from the chain, or out of its order.
    case chainGap(expected: Int, found: Int?)
    case unbalanced(entry: EntryReference, debit: Money, credit: Money)
    case tooFewLines(entry: EntryReference)
    case orphanLines(count: Int)
    case numberingGap(exercice: String, journal: String, expected: Int, found: Int)
    case closedExerciceChanged(exercice: String)
    case totalsDiffer(account: String, day: String)
    case databaseDamaged(String)
    /// A value of a type the schema does not allow (written behind Compta's back, or before
    /// migration 7 made the schema refuse it): reports and the verifier might read it apart.
    case malformedEntry(entry: EntryReference, field: MalformedField)
    case malformedExercice(exercice: String, date: String)
    /// The head written down earlier (`verifier --empreinte`) is beyond today's chain: links
    /// were removed (or it is another ledger). `links`: today's count.
    case anchorNotInChain(anchored: Chain.Anchor, links: Int)
    /// Today's link at the anchored place is not the one written down: the chain was rewritten
    /// up to there.
    case anchorDiffers(anchored: Chain.Anchor, found: Chain.Anchor, entry: EntryReference)
    /// Triggers of the schema missing or changed (the protections outside the chain), or
    /// triggers Compta does not write: the file was changed by another tool.
    case triggersChanged(missing: [String], added: [String])
    /// The hash of this tax receipt does not match its content (its frozen text, amount, donor,
    /// lines) and the receipts issued before it.
    case receiptChainBroken(number: String)
}

public enum MalformedField: Sendable, Equatable {
    /// The entry's date, as stored, is not `yyyy-mm-dd` (or not a day of the calendar).
    case date(String)
    case validationDate(String)
    /// An amount of a line is not a whole number of cents.
    case amount
}

public struct VerificationReport: Sendable {
    public let entries: Int
    public let validated: Int
    public let closedExercices: Int
    /// Tax receipts whose chain was recomputed (cancelled ones included).
    public let receipts: Int
    public let problems: [IntegrityProblem]
    /// The end of the chain: what to write down to prove later that the books only grew.
    public let head: Chain.Anchor?
}

public struct ClosingResult: Sendable {
    public let closed: Exercice
    public let next: Exercice
    public let nextCreated: Bool
    /// Excédent (positive) or déficit.
    public let result: Money
    /// Number of the à-nouveaux entry in the next exercice, if one was written.
    public let openingEntry: Int?
    /// Balance of the internal transfers (58) carried into the next exercice: funds in transit
    /// on the last day, or one side of a transfer missing from the books.
    public let inTransit: Money
}

extension Store {
    // MARK: Validation

    /// Validates the drafts of open exercices dated up to `upTo` (and never after today), in
    /// date order: each gets the next number of its journal in its exercice, today's
    /// validation date, and its link in the chain. Returns the entries validated.
    @discardableResult
    public func validate(upTo: Day? = nil, exercice: Exercice? = nil) throws(StoreError) -> ValidationSummary {
        let limit = min(upTo ?? now.today, now.today)
        return try atomically { () throws(StoreError) in
            var conditions = ["e.validated_on IS NULL", "x.closed_on IS NULL", "e.date <= ?"]
            var values: [SQLValue] = [.text(limit.iso)]
            if let exercice { conditions.append("e.exercice_id = ?"); values.append(.int(exercice.id)) }
            let drafts = try db.query("""
                SELECT e.id, e.date FROM entry e JOIN exercice x ON x.id = e.exercice_id
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.date, x.start, e.number
                """, values) { s throws(StoreError) in (s.int(0), try s.day(1)) }
            try validateEntries(drafts.map(\.0))
            return ValidationSummary(count: drafts.count, first: drafts.first?.1, last: drafts.last?.1)
        }
    }

    /// What `validate` did: how many entries, and the dates of the first and the last.
    public struct ValidationSummary: Sendable, Equatable {
        public let count: Int
        public let first: Day?
        public let last: Day?
    }

    /// Validates the given drafts, in this order (inside the caller's transaction). `given`
    /// keeps, for entries brought from another software, their number and validation date.
    /// Entries are read by chunks: memory does not grow with their number.
    func validateEntries(_ ids: [Int64], given: [Int64: (number: Int?, date: Day)] = [:]) throws(StoreError) {
        guard !ids.isEmpty else { return }
        let c = try catalog()
        let exercices = Dictionary(uniqueKeysWithValues: c.exercices.map { ($0.id, $0) })
        var chainIndex = Int(try db.scalarInt("SELECT coalesce(max(chain_index), 0) FROM entry") ?? 0)
        var previous = try db.scalarText("SELECT hash FROM entry WHERE chain_index = ?", .int(Int64(chainIndex))) ?? Chain.genesis
        var numbers: [String: Int] = [:]
        let day = now.today
        let update = "UPDATE entry SET validated_on = ?, validation_number = ?, hash = ?, chain_index = ? WHERE id = ?"
        try queried { try forEachEntry(ids: ids) { (e: Entry) throws(StoreError) in
            let key = "\(e.exerciceId)|\(e.journal)"
            let n: Int
            if let fixed = given[e.id]?.number { n = fixed } else if let last = numbers[key] { n = last + 1 } else {
                n = Int(try db.scalarInt("SELECT coalesce(max(validation_number), 0) + 1 FROM entry WHERE exercice_id = ? AND journal = ?",
                                         .int(e.exerciceId), .text(e.journal)) ?? 1)
            }
            numbers[key] = n
            chainIndex += 1
            let validatedOn = given[e.id]?.date ?? day
            guard let x = exercices[e.exerciceId] else { throw .noExercice }
            let link = Chain.Link(exercice: x.label, exerciceStart: x.start, exerciceEnd: x.end, journal: e.journal,
                                  journalKind: c.journals[e.journal]?.kind.rawValue ?? "", validationNumber: n, number: e.number,
                                  date: e.date, label: e.label, piece: e.piece, validatedOn: validatedOn,
                                  lines: e.lines.map(Chain.Line.init))
            previous = Chain.hash(previous: previous, link)
            try db.run(update, .text(validatedOn.iso), .int(Int64(n)), .text(previous), .int(Int64(chainIndex)), .int(e.id))
        } }
    }

    /// Entries by id, in the order given, with their lines. (CROSS JOIN keeps the few wanted
    /// ids as the outer loop: the planner, knowing nothing of the temporary table, would
    /// otherwise scan every entry and every line for each call.)
    public func entries(ids: [Int64]) throws(StoreError) -> [Entry] {
        guard !ids.isEmpty else { return [] }
        return try entriesByID(ids)
    }

    private func entriesByID(_ ids: [Int64]) throws(StoreError) -> [Entry] {
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted(id INTEGER PRIMARY KEY, rank INTEGER)")
        try db.execute("DELETE FROM wanted")
        try insertRows("temp.wanted(id, rank)", width: 2, values: ids.enumerated().flatMap { [SQLValue.int($0.element), .int(Int64($0.offset))] })
        return try readEntries("FROM temp.wanted w CROSS JOIN entry e ON e.id = w.id ORDER BY w.rank", lines: """
            FROM temp.wanted w CROSS JOIN line l ON l.entry_id = w.id \(Entry.Line.joins) ORDER BY l.entry_id, l.id
            """)
    }

    /// The entry numbered `number` in `exercice` (its n° de saisie).
    public func entry(number: Int, in exercice: Exercice) throws(StoreError) -> Entry {
        let id = try db.scalarInt("SELECT id FROM entry WHERE exercice_id = ? AND number = ?", .int(exercice.id), .int(Int64(number)))
        guard let id else { throw .unknownEntry(number: number, exercice: exercice.label) }
        return try entries(ids: [id])[0]
    }

    /// Records the reversing entry (extourne) of an entry: the same lines, debit and credit
    /// swapped, referring to the original. Returns it, as a draft. An entry is reversed once:
    /// a second extourne would cancel it twice (checked under the write lock, so two at once
    /// cannot both pass).
    public func reverse(number: Int, in exercice: Exercice, on date: Day? = nil) throws(StoreError) -> Posted {
        try atomically { () throws(StoreError) in
            let original = try entry(number: number, in: exercice)
            let correctors = try db.query("SELECT id FROM entry WHERE corrects = ? ORDER BY id", [.int(original.id)]) { $0.int(0) }
            if let earlier = try entries(ids: correctors).first(where: { $0.reverses(original) }) {
                throw .alreadyReversed(number: number, by: earlier.number)
            }
            let posted = try postMany([EntryDraft.reversal(of: original, on: date)])[0]
            try db.run("UPDATE entry SET corrects = ? WHERE id = ?", .int(original.id), .int(posted.id))
            return posted
        }
    }

    /// Deletes a draft entered by mistake (`compta supprimer`) and returns it. A validated entry
    /// never goes (the schema refuses it too); nor does an operation of a bank statement (its
    /// line of the statement would be lost), nor an entry that another one corrects.
    public func removeDraft(number: Int, in exercice: Exercice) throws(StoreError) -> Entry {
        try atomically { () throws(StoreError) -> Entry in
            let e = try entry(number: number, in: exercice)
            if e.validation != nil { throw .notRemovable(number: number, reason: .validated) }
            if try db.scalarInt("SELECT 1 FROM bank_line WHERE entry_id = ?", .int(e.id)) != nil {
                throw .notRemovable(number: number, reason: .bankOperation)
            }
            if let by = try db.scalarInt("SELECT number FROM entry WHERE corrects = ? ORDER BY number LIMIT 1", .int(e.id)) {
                throw .notRemovable(number: number, reason: .corrected(by: Int(by)))
            }
            var totals = TotalsDelta()
            totals.add(e.lines, day: e.date, opening: try catalog().isOpening(e.journal), projects: projectIDsCache, sign: -1)
            try db.run("DELETE FROM line WHERE entry_id = ?", .int(e.id))
            try db.run("DELETE FROM entry WHERE id = ?", .int(e.id))
            try apply(totals)
            return e
        }
    }

    // MARK: Closing

    /// Closes an exercice: checks nothing is left to do, carries the balances of classes 1 to 5
    /// and the result (120 excédent, 129 déficit) into the next exercice as validated
    /// à-nouveaux dated its first day, and locks the year. The next exercice, when it has to be
    /// created, ends on `nextEnd` (default: twelve months).
    public func close(_ e: Exercice, nextEnd: Day? = nil) throws(StoreError) -> ClosingResult {
        // Every check under the write lock, on the exercice as it is now: an import committed
        // since the command read the ledger must not leave drafts in a closed year.
        try atomically { () throws(StoreError) in try closeLocked(e.id, nextEnd: nextEnd) }
    }

    private func closeLocked(_ id: Int64, nextEnd: Day?) throws(StoreError) -> ClosingResult {
        let c = try catalog()
        guard let e = c.exercices.first(where: { $0.id == id }) else { throw .noExercice }
        if e.isClosed { throw .closing(.alreadyClosed(e)) }
        if let earlier = c.exercices.first(where: { $0.end < e.start && !$0.isClosed }) { throw .closing(.earlierOpen(earlier)) }
        let drafts = try db.query("""
            SELECT e.number, e.date, e.label, (SELECT sum(debit) FROM line WHERE entry_id = e.id)
            FROM entry e WHERE e.exercice_id = ? AND e.validated_on IS NULL ORDER BY e.date, e.number
            """, [.int(e.id)]) { s throws(StoreError) in
            DraftSummary(exercice: e.label, number: s.integer(0), date: try s.day(1), label: s.text(2), amount: s.money(3))
        }
        if !drafts.isEmpty { throw .closing(.drafts(Array(drafts.prefix(20)), total: drafts.count)) }
        let base = try queried { try balanceBase(for: e) }
        let waiting = try queried { try balance(of: AccountGroup.transitory, at: e.end) }
        if !waiting.isZero {
            let holders = try waitingLines(exercice: e).map {
                DraftSummary(exercice: e.label, number: $0.entry.number, date: $0.entry.date, label: $0.bankLabel ?? $0.entry.label, amount: $0.amount)
            }
            throw .closing(.waiting(holders, balance: waiting.magnitude))
        }
        for account in [AccountNumber.excedent, .deficit] {
            let left = try queried { try balance(of: account.text, at: e.end) }
            if !left.isZero {
                let previous = c.exercices.first { $0.end == e.start.adding(days: -1) && $0.isClosed }
                throw .closing(.resultNotAllocated(e, of: previous, account: account, amount: left.magnitude))
            }
        }
        // A marked project none of whose fund entries was booked: once closed, the year could
        // not take them. (Booked ones are the treasurer's decision, even set by hand.)
        let unbooked = try fundPlanLocked(e).filter { !$0.isBooked && $0.movement.reports.isZero && $0.movement.utilisations.isZero }
        if !unbooked.isEmpty { throw .closing(.fundsNotBooked(e, unbooked)) }
        do { // the writes
            // The next exercice: the one that starts the day after, or a new one of twelve months
            // (`nextEnd` for another length: a first exercice of 4 or 18 months is no model).
            let nextStart = e.end.adding(days: 1)
            var next = c.exercices.first { $0.start == nextStart }
            if let next, let nextEnd, next.end != nextEnd { throw .closing(.nextAlreadyOpen(next, asked: nextEnd)) }
            var created = false
            if next == nil {
                next = try addExercice(start: nextStart, end: nextEnd)
                created = true
            }
            guard let next else { throw .closing(.nextNotOpen(e)) }
            if next.isClosed { throw .closing(.nextNotOpen(next)) }
            if try !totals(TotalsQuery(from: next.start, to: next.end, openings: .only)).isEmpty { throw .closing(.openingsExist(next)) }
            let balances = try totals(TotalsQuery(from: base, to: e.end, groupByProject: true, accountPrefixes: AccountNature.bilan.prefixes))
            let result = try self.result(of: e)
            var opening: Int? = nil
            if let openings = Closing.openings(of: e, into: next, balances: balances, result: result) {
                let posted = try postMany([openings])[0]
                try validateEntries([posted.id])
                opening = posted.number
            }
            try db.run("UPDATE exercice SET closed_on = ?, closing_hash = ? WHERE id = ?", .text(now.today.iso), .text(try closingHash(e.id)), .int(e.id))
            cachedCatalogReset()
            return ClosingResult(closed: e, next: next, nextCreated: created, result: result, openingEntry: opening,
                                 inTransit: Closing.inTransit(balances))
        }
    }

    // MARK: Fonds dédiés

    /// The fonds dédiés entries `e` calls for (`DedicatedFunds.plan`): all its marked projects,
    /// or `project`, whose report and utilisation may be given.
    public func fundPlan(_ e: Exercice, project: String? = nil, report: Money? = nil, utilisation: Money? = nil) throws(StoreError) -> [FundProposal] {
        try fundPlanLocked(e, project: project, report: report, utilisation: utilisation)
    }

    /// Books the plan of `e` as drafts, in one transaction, the plan computed again under the
    /// write lock: what the treasurer saw is what is booked, unless the ledger changed meanwhile.
    public func bookFunds(_ e: Exercice, project: String? = nil, report: Money? = nil, utilisation: Money? = nil) throws(StoreError) -> (plan: [FundProposal], posted: [Posted]) {
        try atomically { () throws(StoreError) in
            guard let current = try catalog().exercices.first(where: { $0.id == e.id }) else { throw .noExercice }
            let plan = try fundPlanLocked(current, project: project, report: report, utilisation: utilisation)
            let drafts = plan.flatMap { $0.entries(on: current.end, exercice: current) }
            return (plan, drafts.isEmpty ? [] : try postMany(drafts))
        }
    }

    private func fundPlanLocked(_ e: Exercice, project: String? = nil, report: Money? = nil, utilisation: Money? = nil) throws(StoreError) -> [FundProposal] {
        let movements = try queried { try DedicatedFunds.movements(self, exercice: e) }
        let catalog = try catalog()
        do throws(FundError) { return try DedicatedFunds.plan(movements, catalog: catalog, exercice: e, project: project, report: report, utilisation: utilisation) }
        catch { throw .funds(error) }
    }

    /// Excédent (positive) or déficit of an exercice: its produits less its charges.
    func result(of e: Exercice) throws(StoreError) -> Money {
        Closing.result(try totals(TotalsQuery(from: e.start, to: e.end, accountPrefixes: AccountNature.prefixes(.charge, .produit))))
    }

    /// A fingerprint of an exercice's balances: every account's debit and credit totals.
    func closingHash(_ exercice: Int64) throws(StoreError) -> String {
        var h = SHA256()
        _ = try db.query("""
            SELECT l.account, sum(l.debit), sum(l.credit) FROM line l JOIN entry x ON x.id = l.entry_id
            WHERE x.exercice_id = ? GROUP BY l.account ORDER BY l.account
            """, [.int(exercice)]) { s in h.update("\(s.text(0))|\(s.int(1))|\(s.int(2))\n") }
        return h.finalize().hexString
    }

    func cachedCatalogReset() { forgetCatalog() }

    /// Accounts the ledger used that the chart of `exercice` no longer has (PCA 2018 → 2025),
    /// with the account to use instead.
    public func obsoleteAccounts(for exercice: Exercice) throws(StoreError) -> [(account: Account, replacement: ChartReplacement)] {
        let c = try catalog()
        guard let facts = c.charts[exercice.chart], !facts.replaced.isEmpty else { return [] }
        let used = try db.query("SELECT DISTINCT account FROM total WHERE debit <> 0 OR credit <> 0") { $0.account(0) }
        return used.sorted().compactMap { n in
            guard let r = facts.replaced[n], let a = c.accounts[n], !a.isCustom else { return nil }
            return (a, r)
        }
    }

    /// Records the general assembly's decision on a closed exercice's result, in the next
    /// exercice: 120 to `destination` (default 110) for an excédent, 129 from it (default 119)
    /// for a déficit. An ordinary OD entry, as a draft.
    public func allocateResult(of e: Exercice, to destination: AccountNumber?, on date: Day?) throws(StoreError) -> Posted {
        if let d = destination, !Closing.isAllocationDestination(d) { throw .allocation(.badDestination(d)) }
        // Under the write lock: of two allocations at once, the second finds 120 (or 129) settled.
        return try atomically { () throws(StoreError) in try allocateLocked(e.id, to: destination, on: date) }
    }

    private func allocateLocked(_ id: Int64, to destination: AccountNumber?, on date: Day?) throws(StoreError) -> Posted {
        let c = try catalog()
        guard let e = c.exercices.first(where: { $0.id == id }) else { throw .noExercice }
        guard e.isClosed else { throw .allocation(.notClosed(e)) }
        guard let next = c.exercices.first(where: { $0.start == e.end.adding(days: 1) }) else { throw .allocation(.noNextExercice(e)) }
        if next.isClosed { throw .allocation(.nextClosed(e, next: next, result: try result(of: e))) }
        let day = date ?? min(max(now.today, next.start), next.end)
        let at = min(max(day, next.start), next.end)
        guard let allocation = Closing.allocation(of: e, excedent: -(try queried { try balance(of: AccountNumber.excedent.text, at: at) }),
                                                  deficit: try queried { try balance(of: AccountNumber.deficit.text, at: at) },
                                                  to: destination, on: day) else { throw .allocation(.nothingToAllocate(e)) }
        return try post(allocation)
    }

    // MARK: Verification

    /// The end of the chain as stored: how many links, the last one's validation date and hash.
    /// Nil while nothing is validated.
    public func chainHead() throws(StoreError) -> Chain.Anchor? {
        try { () throws(StoreError) in
            try db.query("""
                SELECT chain_index, validated_on, hash FROM entry WHERE chain_index = (SELECT max(chain_index) FROM entry)
                """) { s in Day(iso: s.text(1)).map { Chain.Anchor(count: s.integer(0), date: $0, hash: s.text(2)) } }.first ?? nil
        }()
    }

    /// Recomputes what the ledger promises: the chain of validated entries, balanced entries,
    /// no orphan line, no gap in the validation numbers, the balances of closed exercices, the
    /// daily totals, values of the types the schema demands, and SQLite's own integrity. With
    /// `anchor` (a head written down earlier), also that today's chain extends it. What is
    /// found wrong is reported, never thrown: a damaged row names its entry.
    public func verify(anchor: Chain.Anchor? = nil) throws(StoreError) -> VerificationReport {
        try { () throws(StoreError) -> VerificationReport in
            var problems: [IntegrityProblem] = []
            let damaged = try db.query("PRAGMA quick_check") { $0.text(0) }
            if damaged != ["ok"] { problems.append(.databaseDamaged(damaged.prefix(3).joined(separator: " ; "))) }
            let triggers = Dictionary(try db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") { ($0.text(0), $0.text(1)) },
                                      uniquingKeysWith: { a, _ in a })
            let missing = Schema.triggers.filter { triggers[$0.key] != $0.value }.keys.sorted()
            let added = triggers.keys.filter { Schema.triggers[$0] == nil }.sorted()
            if !missing.isEmpty || !added.isEmpty { problems.append(.triggersChanged(missing: missing, added: added)) }
            let someDay = Day(year: 1, month: 1, day: 1)!
            // What is stored, read as stored: a date written any other way than the schema's is a
            // problem itself (reports compare dates as text), then read as well as it can be.
            func day(_ text: String) -> Day { Day(iso: text) ?? (try? Day(parsing: text)) ?? someDay }
            var exercices: [Int64: (label: String, start: Day, end: Day)] = [:]
            try db.forEach("SELECT id, label, start, end FROM exercice ORDER BY start") { s in
                for i in Int32(2)...3 where Day(iso: s.text(i)) == nil { problems.append(.malformedExercice(exercice: s.text(1), date: s.text(i))) }
                exercices[s.int(0)] = (s.text(1), day(s.text(2)), day(s.text(3)))
            }
            let kinds = Dictionary(try db.query("SELECT code, kind FROM journal") { ($0.text(0), $0.text(1)) }, uniquingKeysWith: { a, _ in a })
            var malformed: [(Int64, MalformedField)] = []
            try db.forEach("""
                SELECT id, date, validated_on FROM entry
                WHERE NOT (\(Schema.isDate("date"))) OR (validated_on IS NOT NULL AND NOT (\(Schema.isDate("validated_on"))))
                ORDER BY id LIMIT 5
                """) { s in
                malformed.append((s.int(0), Day(iso: s.text(1)) == nil ? .date(s.text(1)) : .validationDate(s.text(2))))
            }
            try db.forEach("SELECT DISTINCT entry_id FROM line WHERE NOT (\(Schema.isCents("debit")) AND \(Schema.isCents("credit"))) LIMIT 5") {
                malformed.append(($0.int(0), .amount))
            }
            for (id, field) in malformed { problems.append(.malformedEntry(entry: try entryReference(id), field: field)) }
            // The chain, in validation order. Links from `fromV2` on are written in version 2 or 3
            // (the same text for an entry without tiers, the only kind there was in version 2).
            let fromV2 = Int(try db.scalarText("SELECT value FROM meta WHERE key = 'chaine_v2'") ?? "") ?? 1
            var previous = Chain.genesis
            var expected = 1
            struct Head { let id: Int64; let index: Int; let hash: String; let exercice: Int64; let journal: String
                let validationNumber: Int; let number: Int; let date: String; let label: String; let piece: String?; let validatedOn: String }
            var current: (head: Head, lines: [Chain.Line])? = nil
            var last: Head? = nil
            var chainBroken = false
            func close() {
                guard let c = current, !chainBroken else { return }
                let h = c.head
                let x = exercices[h.exercice] ?? ("", someDay, someDay)
                let link = Chain.Link(version: h.index >= fromV2 ? Chain.currentVersion : 1, exercice: x.label, exerciceStart: x.start, exerciceEnd: x.end,
                                      journal: h.journal, journalKind: kinds[h.journal] ?? "", validationNumber: h.validationNumber,
                                      number: h.number, date: day(h.date), label: h.label, piece: h.piece, validatedOn: day(h.validatedOn),
                                      lines: c.lines)
                if h.index != expected {
                    problems.append(.chainGap(expected: expected, found: h.index))
                    chainBroken = true
                    return
                }
                if Chain.hash(previous: previous, link) != h.hash {
                    problems.append(.chainBroken(entry: EntryReference(id: h.id, exercice: x.label, journal: h.journal, validationNumber: h.validationNumber,
                                                                     number: h.number, date: h.date)))
                    chainBroken = true
                    return
                }
                previous = h.hash
                expected += 1
            }
            // Read in chain order through the chain's index: memory holds one entry at a time.
            let s = try db.makeStatement("""
                SELECT e.id, e.chain_index, coalesce(e.hash, ''), e.exercice_id, e.journal, coalesce(e.validation_number, 0), e.number, e.date,
                       e.label, e.piece, coalesce(e.validated_on, ''), l.account, l.debit, l.credit, l.label, p.code, t.code
                FROM entry e LEFT JOIN line l ON l.entry_id = e.id LEFT JOIN project p ON p.id = l.project_id LEFT JOIN tiers t ON t.id = l.tiers_id
                WHERE e.chain_index IS NOT NULL ORDER BY e.chain_index, l.id
                """)
            var validated = 0
            while try s.step() {
                let id = s.int(0)
                if current?.head.id != id {
                    close()
                    validated += 1
                    current = (Head(id: id, index: s.integer(1), hash: s.text(2), exercice: s.int(3), journal: s.text(4),
                                    validationNumber: s.integer(5), number: s.integer(6), date: s.text(7), label: s.text(8),
                                    piece: s.optionalText(9), validatedOn: s.text(10)), [])
                    last = current?.head
                }
                if !s.isNull(11) {
                    current!.lines.append(Chain.Line(account: s.text(11), debit: s.int(12), credit: s.int(13), label: s.optionalText(14),
                                                     project: s.optionalText(15), tiers: s.optionalText(16)))
                }
            }
            close()
            if let number = try brokenReceipt() { problems.append(.receiptChainBroken(number: number)) }
            // A validated entry outside the chain is a gap in it too.
            if !chainBroken, try db.scalarInt("SELECT count(*) FROM entry WHERE validated_on IS NOT NULL AND chain_index IS NULL") ?? 0 > 0 {
                problems.append(.chainGap(expected: expected, found: nil))
            }
            let head = last.map { Chain.Anchor(count: $0.index, date: day($0.validatedOn), hash: $0.hash) }
            // The chain extends the head written down earlier: its link at that place is the same.
            if let anchor {
                let found = try db.query("SELECT id, validated_on, coalesce(hash, '') FROM entry WHERE chain_index = ?", [.int(Int64(anchor.count))]) {
                    ($0.int(0), Chain.Anchor(count: anchor.count, date: day($0.text(1)), hash: $0.text(2)))
                }.first
                if let (id, there) = found {
                    if there != anchor { problems.append(.anchorDiffers(anchored: anchor, found: there, entry: try entryReference(id))) }
                } else {
                    problems.append(.anchorNotInChain(anchored: anchor, links: head?.count ?? 0))
                }
            }
            // Every entry balanced, with two lines at least.
            for (id, debit, credit, count) in try db.query("""
                SELECT e.id, coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0), count(l.id) FROM entry e LEFT JOIN line l ON l.entry_id = e.id
                GROUP BY e.id HAVING count(l.id) < 2 OR sum(l.debit) <> sum(l.credit)
                """, [], { ($0.int(0), $0.int(1), $0.int(2), $0.int(3)) }) {
                let entry = try entryReference(id)
                problems.append(count < 2 ? .tooFewLines(entry: entry) : .unbalanced(entry: entry, debit: Money(cents: debit), credit: Money(cents: credit)))
            }
            let orphans = try db.scalarInt("SELECT count(*) FROM line WHERE entry_id NOT IN (SELECT id FROM entry)") ?? 0
            if orphans > 0 { problems.append(.orphanLines(count: Int(orphans))) }
            // Validation numbers: 1 to n in each journal of each exercice.
            var numbers: [String: Int] = [:]
            _ = try db.query("SELECT exercice_id, journal, validation_number FROM entry WHERE validated_on IS NOT NULL ORDER BY exercice_id, journal, validation_number") { s in
                let key = "\(s.int(0))|\(s.text(1))"
                let n = s.integer(2), want = (numbers[key] ?? 0) + 1
                if n != want { problems.append(.numberingGap(exercice: exercices[s.int(0)]?.label ?? "?", journal: s.text(1), expected: want, found: n)) }
                numbers[key] = n
            }
            // Closed exercices keep the balances they had when closed.
            let closed = try db.query("SELECT id, label, closing_hash FROM exercice WHERE closed_on IS NOT NULL") { ($0.int(0), $0.text(1), $0.optionalText(2)) }
            for (id, label, stored) in closed where try closingHash(id) != stored {
                problems.append(.closedExerciceChanged(exercice: label))
            }
            // The daily totals are the sum of the lines, compared as reports read them: the day
            // as stored text, the flags and amounts as the integers the schema demands. The lines
            // summed per day, account, project and kind, in one pass in entry order (the groups
            // are few, the lines many), minus the stored totals: what is left differs.
            struct Key: Hashable { let day: String; let account: String; let project: Int64; let opening: Bool }
            var sums: [Key: (debit: Int64, credit: Int64)] = [:]
            var differ: Set<[String]> = []
            let lines = try db.makeStatement("""
                SELECT x.date, x.journal, l.account, coalesce(l.project_id, 0), l.debit, l.credit FROM entry x CROSS JOIN line l ON l.entry_id = x.id
                """)
            while try lines.step() {
                let key = Key(day: lines.text(0), account: lines.text(2), project: lines.int(3), opening: kinds[lines.text(1)] == Journal.Kind.aNouveaux.rawValue)
                let old = sums[key] ?? (0, 0)
                // Checked: the amounts of a file changed outside Compta may add up past `Int64`.
                let (debit, o1) = old.debit.addingReportingOverflow(lines.int(4)), (credit, o2) = old.credit.addingReportingOverflow(lines.int(5))
                if o1 || o2 { throw .amountOverflow }
                sums[key] = (debit, credit)
            }
            try db.forEach("SELECT day, account, project_id, opening, debit, credit, \(Schema.strictTotal) FROM total") { s in
                guard s.int(6) != 0 else { differ.insert([s.text(1), s.text(0)]); return }
                let key = Key(day: s.text(0), account: s.text(1), project: s.int(2), opening: s.int(3) == 1)
                let old = sums[key] ?? (0, 0)
                sums[key] = (old.debit - s.int(4), old.credit - s.int(5))
            }
            for (key, value) in sums where value != (0, 0) { differ.insert([key.account, key.day]) }
            for d in differ.sorted(by: { ($0[1], $0[0]) < ($1[1], $1[0]) }).prefix(5) { problems.append(.totalsDiffer(account: d[0], day: d[1])) }
            let count = Int(try db.scalarInt("SELECT count(*) FROM entry") ?? 0)
            let receipts = try db.scalarInt("SELECT count(*) FROM receipt") ?? 0
            return VerificationReport(entries: count, validated: validated, closedExercices: closed.count, receipts: Int(receipts),
                                      problems: problems, head: head)
        }()
    }

    func entryReference(_ id: Int64) throws(StoreError) -> EntryReference {
        try db.query("""
            SELECT x.label, e.number, e.journal, e.validation_number, e.date FROM entry e JOIN exercice x ON x.id = e.exercice_id WHERE e.id = ?
            """, [.int(id)]) { s in
            EntryReference(id: id, exercice: s.text(0), journal: s.text(2), validationNumber: s.isNull(3) ? nil : s.integer(3),
                           number: s.integer(1), date: s.text(4))
        }.first ?? EntryReference(id: id)
    }
}

extension Store {
    /// Loads books brought from another software into their exercice (new, or existing and
    /// empty): journals and accounts it lacks, entries, and their validation as it was. All of
    /// it or nothing. Errors name the source line.
    public func importLedger(_ x: LedgerImport, file: String) throws(StoreError)
        -> (exercice: Exercice, entries: Int, validated: Int, newAccounts: [Account], newTiers: [Tiers]) {
        try atomically { () throws(StoreError) in
            var c = try catalog()
            var exercice: Exercice
            if let same = c.exercices.first(where: { $0.start == x.start && $0.end == x.end }) {
                if same.isClosed { throw .ledgerImport(.exerciceClosed(same)) }
                if try (db.scalarInt("SELECT count(*) FROM entry WHERE exercice_id = ?", .int(same.id)) ?? 0) > 0 {
                    throw .ledgerImport(.exerciceNotEmpty(same))
                }
                exercice = same
            } else if let overlap = c.exercices.first(where: { x.start <= $0.end && $0.start <= x.end }) {
                throw .ledgerImport(.overlapsExercice(overlap))
            } else {
                exercice = try addExercice(start: x.start, end: x.end)
            }
            for j in x.journals where c.journals[j.code] == nil {
                try db.run("INSERT INTO journal(code, label, kind) VALUES (?, ?, ?)", .text(j.code), .text(j.label), .text(j.kind.rawValue))
            }
            c = try catalog()
            var created: [Account] = []
            for a in x.accounts where c.accounts[a.number] == nil {
                guard c.accounts[AccountNumber(trusted: String(a.number.text.prefix(1)))] != nil else { throw .ledgerImport(.accountWithoutClass(a.number)) }
                try db.run("INSERT INTO account(number, label, custom) VALUES (?, ?, 1)", .text(a.number.text), .text(a.label))
                created.append(a)
            }
            forgetCatalog()
            var codes: [LedgerImport.TiersName: String] = [:]
            var newTiers: [Tiers] = []
            var drafts = x.items.map(\.entry)
            for (i, item) in x.items.enumerated() {
                for (j, name) in item.tiers.enumerated() {
                    guard let name else { continue }
                    if codes[name] == nil {
                        let found: (tiers: Tiers, created: Bool)
                        do { found = try importedTiers(name) } catch {
                            throw .located(LocatedError(file: file, line: item.source.lines[j], underlying: error))
                        }
                        if found.created { newTiers.append(found.tiers) }
                        codes[name] = found.tiers.code
                    }
                    drafts[i].lines[j].tiers = codes[name]
                }
            }
            let posted = try postMany(drafts) { .located(x.items[$0].source.refusal($1, file: file)) }
            var given: [Int64: (number: Int?, date: Day)] = [:]
            var validated: [Int64] = []
            for (item, p) in zip(x.items, posted) {
                if let v = item.validation { given[p.id] = v; validated.append(p.id) }
            }
            do throws(StoreError) { try validateEntries(validated, given: given) } catch .sqlite(let e) where e.isConstraint {
                throw .duplicateValidationNumbers(detail: e.message)
            }
            var letters: [String: (account: AccountNumber, code: String, day: Day?, lines: [Int64])] = [:], order: [String] = []
            for (item, p) in zip(x.items, posted) where item.letters.contains(where: { $0 != nil }) {
                let ids = try db.query("SELECT id FROM line WHERE entry_id = ? ORDER BY id", [.int(p.id)]) { $0.int(0) }
                for (j, letter) in item.letters.enumerated() {
                    guard let letter, j < ids.count else { continue }
                    let account = item.entry.lines[j].account, key = account.text + " " + letter.code
                    if letters[key] == nil { order.append(key); letters[key] = (account, letter.code, letter.day, []) }
                    letters[key]!.lines.append(ids[j])
                }
            }
            try importLetters(order.map { letters[$0]! })
            exercice = try catalog().exercices.first { $0.id == exercice.id }!
            return (exercice, posted.count, validated.count, created, newTiers)
        }
    }
}
