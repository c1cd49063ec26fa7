import Ledger

// The tiers of a ledger: recorded, changed, merged, found by code, name or alias. A tiers merged
// into another answers for that one wherever it is designated; its own record stays, so that
// the lines recorded with its code (and the chain that covers them) never change.
extension Store {
    // MARK: Reading

    /// The tiers whose rows match `condition` (on `tiers t`), by code, with their aliases.
    private func readTiers(where condition: String, _ values: [SQLValue] = []) throws(StoreError) -> [(id: Int64, tiers: Tiers)] {
        var aliases: [Int64: [String]] = [:]
        try db.forEach("""
            SELECT a.tiers_id, a.alias FROM tiers_alias a WHERE a.tiers_id IN (SELECT t.id FROM tiers t WHERE \(condition))
            ORDER BY a.tiers_id, a.search_key
            """, values) { aliases[$0.int(0), default: []].append($0.text(1)) }
        return try db.query("""
            SELECT \(Tiers.columns) FROM tiers t LEFT JOIN tiers m ON m.id = t.merged_into WHERE \(condition) ORDER BY t.id
            """, values) { ($0.int(0), Tiers(row: $0, aliases: aliases[$0.int(0)] ?? [])) }
    }

    /// The tiers `text` designates, or nil when no tiers has that name: a code (`T0003`) is that
    /// tiers — an unknown one is an error —; a name or an alias, the one tiers that has it, once
    /// normalised (`searchKey`); two or more are an error naming them. With `following`, a
    /// merged tiers gives the one it was merged into.
    func designated(_ text: String, following: Bool = true) throws(StoreError) -> (id: Int64, tiers: Tiers)? {
        let live = following ? "coalesce(t.merged_into, t.id)" : "t.id"
        if let code = Tiers.code(in: text) {
            guard let found = try readTiers(where: "t.id = (SELECT \(live) FROM tiers t WHERE t.code = ?)", [.text(code)]).first else {
                throw .tiers(.unknownCode(code))
            }
            return found
        }
        return try named(text, following: following)
    }

    /// The one tiers whose normalised name or alias is that of `text` (even if `text` has the
    /// shape of a code), or nil; two or more are an error naming them.
    private func named(_ text: String, following: Bool = true) throws(StoreError) -> (id: Int64, tiers: Tiers)? {
        let live = following ? "coalesce(t.merged_into, t.id)" : "t.id"
        let key = searchKey(text)
        guard !key.isEmpty else { return nil }
        let found = try readTiers(where: """
            t.id IN (SELECT \(live) FROM tiers t WHERE t.search_key = ?
                     UNION SELECT \(live) FROM tiers_alias a JOIN tiers t ON t.id = a.tiers_id WHERE a.search_key = ?)
            """, [.text(key), .text(key)])
        if found.count > 1 { throw .tiers(.ambiguous(text, found.map(\.tiers))) }
        return found.first
    }

    /// The tiers `text` designates (code, name or alias), as `designated`; none is an error.
    private func existing(_ text: String, following: Bool = true) throws(StoreError) -> (id: Int64, tiers: Tiers) {
        guard let found = try designated(text, following: following) else {
            throw .tiers(.unknownName(text, close: try resembling([searchKey(text)], except: "", close: true)))
        }
        return found
    }

    /// The tiers `text` designates (code, name or alias; a merged one gives the one it was merged
    /// into), never created: none is `TiersError.unknownName`.
    public func knownTiers(_ text: String) throws(StoreError) -> Tiers { try existing(text).tiers }

    /// The id of the tiers of code `code`, for a line being written.
    func tiersID(_ code: String) throws(StoreError) -> Int64 {
        if let id = tiersIDsCache[code] { return id }
        guard let id = try db.scalarInt("SELECT id FROM tiers WHERE code = ?", .text(code)) else { throw .tiers(.unknownCode(code)) }
        tiersIDsCache[code] = id
        return id
    }

    /// The tiers that count (those merged into another answer for it), by code; with `search`,
    /// those whose name or aliases hold each of its words, accents and capitals aside.
    public func tiersList(matching search: String? = nil) throws(StoreError) -> [Tiers] {
        let words = search.map { searchKey($0).split(separator: " ").map(String.init) } ?? []
        let matches = words.map { _ in
            "(instr(s.search_key, ?) > 0 OR EXISTS (SELECT 1 FROM tiers_alias a WHERE a.tiers_id = s.id AND instr(a.search_key, ?) > 0))"
        }
        let condition = words.isEmpty ? "t.merged_into IS NULL"
            : "t.id IN (SELECT coalesce(s.merged_into, s.id) FROM tiers s WHERE \(matches.joined(separator: " AND ")))"
        return try readTiers(where: condition, words.flatMap { [SQLValue.text($0), .text($0)] }).map(\.tiers)
    }

    /// The tiers `text` designates (code, name or alias; a merged one gives the one it was
    /// merged into), with its lines and theirs, and their totals per account.
    public func tiersDetail(_ text: String) throws(StoreError) -> TiersDetail {
        do {
            let (id, tiers) = try existing(text)
            let merged = try readTiers(where: "t.merged_into = ?", [.int(id)]).map(\.tiers)
            let mine = "l.tiers_id IN (SELECT id FROM tiers WHERE id = ? OR merged_into = ?)"
            let lines = try db.query("""
                SELECT \(AccountLine.columns) FROM line l \(AccountLine.joins)
                WHERE \(mine) ORDER BY e.date, e.exercice_id, e.number, l.id
                """, [.int(id), .int(id)]) { s throws(StoreError) in try AccountLine(row: s) }
            let totals = try db.query("SELECT l.account, sum(l.debit), sum(l.credit) FROM line l WHERE \(mine) GROUP BY l.account ORDER BY l.account",
                                      [.int(id), .int(id)]) { s throws(StoreError) in AccountTotal(account: s.account(0), debit: try s.sum(1), credit: try s.sum(2)) }
            return TiersDetail(tiers: tiers, merged: merged, lines: lines, totals: totals)
        }
    }

    // MARK: Writing

    /// Records a new tiers; the ledger gives its code.
    @discardableResult
    public func addTiers(_ fields: TiersFields) throws(StoreError) -> Tiers {
        try atomically { () throws(StoreError) in try insertTiers(fields) }
    }

    /// The tiers `text` designates (code, name or alias, as `designated`), or a new person of
    /// that name when none has it: what a name typed on a line or read in a file becomes.
    /// `created` says which, so that the command can say so (a typo makes a new tiers).
    public func resolveTiers(_ text: String) throws(StoreError) -> (tiers: Tiers, created: Bool) {
        try atomically { () throws(StoreError) in
            if let found = try designated(text) { return (found.tiers, false) }
            return (try insertTiers(.named(text)), true)
        }
    }

    /// The tiers of a line read in another ledger's file (a FEC's CompAuxNum and CompAuxLib):
    /// the tiers of that code when it has that name here (a file this ledger wrote), else the
    /// one of that name or alias, else a new one of that name. Inside the caller's transaction.
    func importedTiers(_ given: LedgerImport.TiersName) throws(StoreError) -> (tiers: Tiers, created: Bool) {
        if let code = Tiers.code(in: given.code),
           let same = try readTiers(where: "t.id = (SELECT coalesce(t.merged_into, t.id) FROM tiers t WHERE t.code = ?)", [.text(code)]).first,
           same.tiers.key == searchKey(given.name) {
            return (same.tiers, false)
        }
        if let found = try named(given.name) { return (found.tiers, false) }
        return (try insertTiers(.named(given.name)), true)
    }

    /// The code of the tiers a bank import's line names (`BankEntry.tiers`: a name found in the
    /// label, or a rule's fixed tiers), as `designated` finds it, else a new tiers of that name
    /// (`TiersFields.named`); nil for a name of several tiers. Inside the import's transaction;
    /// `cache` keeps each name's answer by its normalised key, so that a statement names each
    /// tiers to the ledger once.
    func statementTiers(_ name: String, cache: inout StatementTiers) throws(StoreError) -> String? {
        let key = Tiers.code(in: name) ?? searchKey(name)
        if key.isEmpty { return nil }
        if let known = cache.codes[key] { return known }
        let code: String?
        if Tiers.code(in: name) != nil {
            code = try designated(name)?.tiers.code
        } else {
            // The ledger's names and aliases, read once (a statement names thousands of tiers):
            // each key with the tiers that count for it, as `named` finds them.
            if cache.index == nil {
                var index: [String: Set<String>] = [:]
                try db.forEach("""
                    SELECT t.search_key, l.code FROM tiers t JOIN tiers l ON l.id = coalesce(t.merged_into, t.id)
                    UNION ALL SELECT a.search_key, l.code FROM tiers_alias a JOIN tiers t ON t.id = a.tiers_id
                    JOIN tiers l ON l.id = coalesce(t.merged_into, t.id)
                    """) { index[$0.text(0), default: []].insert($0.text(1)) }
                cache.index = index
                cache.nextID = try nextTiersID()
            }
            let found = cache.index?[key] ?? []
            if found.count > 1 {
                let codes = found.sorted()
                let candidates = try readTiers(where: "t.code IN (\(codes.map { _ in "?" }.joined(separator: ", ")))", codes.map { .text($0) })
                cache.ambiguous[key] = (name, candidates.map(\.tiers))
                code = nil
            } else if let one = found.first {
                code = one
            } else {
                let created = try insertTiers(.named(name), id: cache.nextID)
                cache.nextID += 1
                cache.created.append(created)
                code = created.code
            }
        }
        cache.codes[key] = .some(code)
        return code
    }

    /// The tiers of a person a platform's export names (a payer, a member): the one with that
    /// email (of those, the one with that name, if several share it), else the one of that name
    /// or alias, else a new one with the names and email the export gives. Inside the caller's
    /// transaction; `cache` keeps every answer, so that an export of 100 000 payments by 2 000
    /// payers asks the ledger 2 000 times. Gives the code, and the tiers when it is new.
    func platformTiers(_ person: PlatformPerson, cache: inout [PlatformPerson: String]) throws(StoreError) -> (code: String, created: Tiers?) {
        // The export's own spelling first: most payments are of a payer seen before. Keyed by
        // the person itself, not by its fields joined: « A|B » + « C » and « A » + « B|C » differ.
        if let code = cache[person] { return (code, nil) }
        let email = person.email.lowercased(), nameKey = searchKey(person.name)
        let siren = person.company.isEmpty ? nil : try? SIREN(parsing: person.siren)
        // An organisation's SIREN first: the surest of its identities.
        var code: String? = try siren.flatMap { s throws(StoreError) in try readTiers(where: "t.siren = ?", [.text(s.digits)]).first?.tiers.code }
        if code == nil, !email.isEmpty {
            let found = try db.query("""
                SELECT m.code, m.search_key FROM tiers t JOIN tiers m ON m.id = coalesce(t.merged_into, t.id)
                WHERE lower(t.email) = ? AND t.email IS NOT NULL ORDER BY t.id
                """, [.text(email)]) { ($0.text(0), $0.text(1)) }
            code = (found.first { $0.1 == nameKey } ?? found.first)?.0
        }
        if code == nil, !nameKey.isEmpty { code = try named(person.name)?.tiers.code }
        if let code {
            cache[person] = code
            return (code, nil)
        }
        let valid = (try? EmailAddress(parsing: person.email)) != nil
        var fields = person.company.isEmpty
            ? TiersFields(kind: .person, firstName: person.firstName, lastName: person.lastName)
            : TiersFields(kind: .organisation, organisation: person.company)
        if person.isEmpty { fields = .named(person.email) }
        if valid { fields.email = person.email }
        fields.siren = siren?.digits
        let tiers = try insertTiers(fields)
        cache[person] = tiers.code
        return (tiers.code, tiers)
    }

    /// Changes the fields `fields` names of the tiers `text` designates (its kind too, when
    /// they name the other kind); its code and its lines stay. Gives the tiers after and before.
    @discardableResult
    public func modifyTiers(_ text: String, _ fields: TiersFields) throws(StoreError) -> (tiers: Tiers, was: Tiers) {
        try atomically { () throws(StoreError) in
            let (id, old) = try existing(text)
            let tiers: Tiers
            do throws(TiersError) { tiers = try fields.applied(to: old, code: old.code) } catch { throw StoreError.tiers(error) }
            try write(tiers, id: id)
            return (tiers, old)
        }
    }

    /// Merges `absorbed` into `kept` (each a code, a name or an alias): the lines of `absorbed`
    /// count as `kept`'s from now on, and so do those of the tiers merged into `absorbed`
    /// before (a merge is one level deep). No line changes: a line keeps the code it was
    /// recorded with, and the chain stays as it was. A person and an organisation merge only
    /// with `forcing`: two records of one tiers are of one kind. A merge is not undone.
    @discardableResult
    public func mergeTiers(_ absorbed: String, into kept: String, forcing: Bool = false) throws(StoreError) -> (kept: Tiers, absorbed: Tiers) {
        try atomically { () throws(StoreError) in
            let a = try existing(kept, following: false), b = try existing(absorbed, following: false)
            if a.id == b.id { throw .tiers(.mergeIntoItself(a.tiers)) }
            if b.tiers.mergedInto == a.tiers.code { throw .tiers(.alreadyMergedInto(absorbed: b.tiers, kept: a.tiers)) }
            if a.tiers.mergedInto == b.tiers.code { throw .tiers(.alreadyMergedInto(absorbed: a.tiers, kept: b.tiers)) }
            if let keeper = a.tiers.mergedInto { throw .tiers(.mergedAlready(a.tiers, keep: keeper, absorb: b.tiers.code)) }
            if let keeper = b.tiers.mergedInto { throw .tiers(.mergedAlready(b.tiers, keep: a.tiers.code, absorb: keeper)) }
            if (a.tiers.anonymisedOn == nil) != (b.tiers.anonymisedOn == nil) {
                throw .tiers(a.tiers.anonymisedOn != nil ? .mergeWithAnonymised(anonymised: a.tiers, live: b.tiers)
                                                         : .mergeWithAnonymised(anonymised: b.tiers, live: a.tiers))
            }
            if a.tiers.kind != b.tiers.kind && !forcing { throw .tiers(.kindsDiffer(kept: a.tiers, absorbed: b.tiers)) }
            try db.run("UPDATE tiers SET merged_into = ? WHERE id = ? OR merged_into = ?", .int(a.id), .int(b.id), .int(b.id))
            return (a.tiers, try readTiers(where: "t.id = ?", [.int(b.id)])[0].tiers)
        }
    }

    /// Removes the personal data of the person `text` designates (by code, not following a
    /// merge; by name or alias, as everywhere: a merged record's name designates the record it
    /// was merged into), and of the records merged into it, on `day`: names, email, address,
    /// aliases go; the code, the kind and every line stay (the chain covers no name), and the
    /// tiers is shown as `Tiers.anonymousName`. Its old names designate nobody any more.
    /// Refused for an organisation, twice, for a record merged into another (its keeper is
    /// anonymised), and while `retentionReasons` gives a reason to keep the data.
    @discardableResult
    public func anonymiseTiers(_ text: String, on day: Day) throws(StoreError) -> (tiers: Tiers, merged: [Tiers]) {
        try atomically { () throws(StoreError) in
            let (id, tiers) = try existing(text, following: Tiers.code(in: text) == nil)
            if tiers.mergedInto != nil { throw .tiers(.anonymiseTheKeeper(tiers)) }
            if tiers.kind != .person { throw .tiers(.notAPerson(tiers)) }
            if tiers.anonymisedOn != nil { throw .tiers(.anonymisedAlready(tiers)) }
            let reasons = try retentionReasons(tiersID: id, on: day)
            if !reasons.isEmpty { throw .tiers(.mustBeKept(tiers, reasons)) }
            let merged = try readTiers(where: "t.merged_into = ?", [.int(id)])
            for (mergedID, m) in merged { try write(m.anonymised(on: day), id: mergedID) }
            let anonymised = tiers.anonymised(on: day)
            try write(anonymised, id: id)
            return (anonymised, merged.map { $0.tiers.anonymised(on: day) })
        }
    }

    /// Why the data of tiers `tiersID` (and of the records merged into it) must still be kept on
    /// `day`: each tax receipt issued to them (cancelled ones too: they stay in the register)
    /// whose keeping period has not ended. Inside the anonymisation's transaction.
    func retentionReasons(tiersID: Int64, on day: Day) throws(StoreError) -> [RetentionReason] {
        try db.query("""
            SELECT number, issued_on FROM receipt
            WHERE tiers_id = ? OR tiers_id IN (SELECT id FROM tiers WHERE merged_into = ?) ORDER BY year, sequence
            """, [.int(tiersID), .int(tiersID)]) { s throws(StoreError) in
            RetentionReason(kind: .taxReceipt, reference: s.text(0), keptUntil: RetentionReason.taxReceiptKeptUntil(issued: try s.day(1)))
        }.filter { $0.keptUntil >= day }
    }

    /// The tiers other than `tiers` (and those merged into it), neither merged into another nor
    /// anonymised, a name or alias of which resembles a name or alias of `tiers`
    /// (`Tiers.resemble`: the same words, or with `close` a typo away). Reads every name once:
    /// cheap for the thousands of tiers an association has.
    public func tiersResembling(_ tiers: Tiers, close: Bool) throws(StoreError) -> [Tiers] {
        try resembling(Set(([tiers.name] + tiers.aliases).map(searchKey).filter { !$0.isEmpty }), except: tiers.code, close: close)
    }

    /// The live tiers a name or alias of which resembles one of `keys`, other than `code`'s.
    private func resembling(_ keys: Set<String>, except code: String, close: Bool) throws(StoreError) -> [Tiers] {
        var ids = Set<Int64>()
        try db.forEach("""
            SELECT coalesce(t.merged_into, t.id), t.search_key FROM tiers t WHERE t.code <> ?1 AND coalesce(t.merged_into, -1) IS NOT (SELECT id FROM tiers WHERE code = ?1)
            UNION ALL SELECT coalesce(t.merged_into, t.id), a.search_key FROM tiers_alias a JOIN tiers t ON t.id = a.tiers_id
            WHERE t.code <> ?1 AND coalesce(t.merged_into, -1) IS NOT (SELECT id FROM tiers WHERE code = ?1)
            """, [.text(code)]) { s in
            let key = s.text(1)
            if keys.contains(where: { Tiers.resemble($0, key, close: close) }) { ids.insert(s.int(0)) }
        }
        guard !ids.isEmpty else { return [] }
        return try readTiers(where: "t.id IN (\(ids.map(String.init).joined(separator: ", "))) AND t.anonymised_on IS NULL").map(\.tiers)
    }

    /// Checks `fields` as a new tiers and records it under the next code (inside a transaction).
    /// `id`: the number to give it (`nextTiersID`), when the caller counts them itself.
    private func insertTiers(_ fields: TiersFields, id given: Int64? = nil) throws(StoreError) -> Tiers {
        let id = if let given { given } else { try nextTiersID() }
        let tiers: Tiers
        do throws(TiersError) { tiers = try fields.applied(to: nil, code: Tiers.code(number: id)) } catch { throw StoreError.tiers(error) }
        try checkSiren(tiers, id: id)
        // One statement, its fields with it: a bank statement may create thousands of tiers.
        try db.run("""
            INSERT INTO tiers(id, code, kind, first_name, last_name, organisation, siren, email, address, name, search_key, anonymised_on,
                created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .int(id), .text(tiers.code), .text(tiers.kind.rawValue), .optional(tiers.firstName), .optional(tiers.lastName),
                   .optional(tiers.organisation), .optional(tiers.siren?.digits), .optional(tiers.email?.text), .optional(tiers.address),
                   .text(tiers.name), .text(tiers.key), .optional(tiers.anonymisedOn?.iso), .text(now.instant))
        try insertAliases(tiers, id: id)
        return tiers
    }

    /// The number the next tiers takes: AUTOINCREMENT's counter, not max(id), so that a number
    /// once given is never given again.
    private func nextTiersID() throws(StoreError) -> Int64 {
        try db.scalarInt("""
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'tiers'), 0), coalesce((SELECT max(id) FROM tiers), 0)) + 1
            """) ?? 1
    }

    /// Writes the fields of `tiers` (not its code or merge) into row `id`, and its aliases.
    private func write(_ tiers: Tiers, id: Int64) throws(StoreError) {
        try checkSiren(tiers, id: id)
        try db.run("""
            UPDATE tiers SET kind = ?, first_name = ?, last_name = ?, organisation = ?, siren = ?, email = ?, address = ?, name = ?,
                search_key = ?, anonymised_on = ?
            WHERE id = ?
            """, .text(tiers.kind.rawValue), .optional(tiers.firstName), .optional(tiers.lastName), .optional(tiers.organisation),
                   .optional(tiers.siren?.digits), .optional(tiers.email?.text), .optional(tiers.address), .text(tiers.name), .text(tiers.key),
                   .optional(tiers.anonymisedOn?.iso), .int(id))
        try db.run("DELETE FROM tiers_alias WHERE tiers_id = ?", .int(id))
        try insertAliases(tiers, id: id)
    }

    /// A SIREN is one organisation's: another tiers that has it already is an error.
    private func checkSiren(_ tiers: Tiers, id: Int64) throws(StoreError) {
        if let siren = tiers.siren, let other = try readTiers(where: "t.siren = ? AND t.id <> ?", [.text(siren.digits), .int(id)]).first {
            throw .tiers(.sirenTaken(siren, by: other.tiers))
        }
    }

    private func insertAliases(_ tiers: Tiers, id: Int64) throws(StoreError) {
        for alias in tiers.aliases {
            try db.run("INSERT OR IGNORE INTO tiers_alias(tiers_id, search_key, alias) VALUES (?, ?, ?)", .int(id), .text(searchKey(alias)), .text(alias))
        }
    }
}

/// What a bank import learnt of the tiers its lines name: each name's code (nil inside: a name
/// of several tiers), the tiers it created, the names of several.
struct StatementTiers {
    var codes: [String: String?] = [:]
    /// The ledger's tiers codes by normalised name or alias, read at the first name.
    var index: [String: Set<String>]? = nil
    var nextID: Int64 = 1
    var created: [Tiers] = []
    var ambiguous: [String: (name: String, candidates: [Tiers])] = [:]
}
