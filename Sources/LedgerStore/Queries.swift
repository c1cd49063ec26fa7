import Ledger

extension Store: LedgerQueries {
    public func totals(_ q: TotalsQuery) throws(StoreError) -> [AccountTotal] {
        var columns = ["t.account"]
        var groups = ["t.account"]
        if q.groupByProject { columns.append("p.code"); groups.append("t.project_id") }
        if q.groupByMonth { columns.append("substr(t.day, 1, 7)"); groups.append("substr(t.day, 1, 7)") }
        if q.groupByDay { columns.append("t.day"); groups.append("t.day") }
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let from = q.from { conditions.append("t.day >= ?"); values.append(.text(from.iso)) }
        if let to = q.to { conditions.append("t.day <= ?"); values.append(.text(to.iso)) }
        switch q.project {
        case .all: break
        case .none: conditions.append("t.project_id = 0")
        case .code(let code):
            _ = try catalog()
            conditions.append("t.project_id = ?")
            values.append(.int(projectIDs(code) ?? -1))
        }
        switch q.openings {
        case .include: break
        case .exclude: conditions.append("t.opening = 0")
        case .only: conditions.append("t.opening = 1")
        }
        if !q.accountPrefixes.isEmpty {
            conditions.append("(" + q.accountPrefixes.map { _ in "t.account GLOB ? || '*'" }.joined(separator: " OR ") + ")")
            values += q.accountPrefixes.map { .text($0) }
        }
        let sql = """
            SELECT \(columns.joined(separator: ", ")), sum(t.debit), sum(t.credit)
            FROM total t\(q.groupByProject ? " LEFT JOIN project p ON p.id = t.project_id" : "")
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            GROUP BY \(groups.joined(separator: ", "))
            HAVING sum(t.debit) <> 0 OR sum(t.credit) <> 0
            ORDER BY \(groups.joined(separator: ", "))
            """
        let n = Int32(columns.count)
        return try db.query(sql, values) { s throws(StoreError) in
            let project = q.groupByProject ? s.optionalText(1) : nil
            var month: Day? = nil, day: Day? = nil
            let monthColumn = n - 1 - (q.groupByDay ? 1 : 0)
            if q.groupByMonth {
                do throws(DayError) { month = try Day(parsing: s.text(monthColumn) + "-01") } catch { throw .unreadableDate(error) }
            }
            if q.groupByDay { day = try s.day(n - 1) }
            return AccountTotal(account: s.account(0), project: project, month: month, day: day, debit: try s.sum(n), credit: try s.sum(n + 1))
        }
    }

    func projectIDs(_ code: String) -> Int64? {
        if projectIDsCache.isEmpty { _ = try? catalog() }
        return projectIDsCache[code]
    }

    /// The WHERE clause (on `entry e`) and its values for a query.
    private func filter(_ q: EntryQuery) -> (sql: String, values: [SQLValue]) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let from = q.from { conditions.append("e.date >= ?"); values.append(.text(from.iso)) }
        if let to = q.to { conditions.append("e.date <= ?"); values.append(.text(to.iso)) }
        if let j = q.journal { conditions.append("e.journal = ?"); values.append(.text(j)) }
        if q.onlyDrafts { conditions.append("e.validated_on IS NULL") }
        if let prefix = q.accountPrefix {
            // The pattern bound whole (not built in SQL) lets SQLite search the account index.
            conditions.append("e.id IN (SELECT entry_id FROM line WHERE account GLOB ?)")
            values.append(.text(prefix + "*"))
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), values)
    }

    public func entryKeys(_ q: EntryQuery) throws(StoreError) -> [EntryKey] {
        let (filter, values) = filter(q)
        return try { () throws(StoreError) in
            try db.query("SELECT e.id, e.journal, e.chain_index FROM entry e \(filter) ORDER BY e.date, e.exercice_id, e.number", values) { s in
                EntryKey(id: s.int(0), journal: s.text(1), validationOrder: s.optionalInt(2).map { Int($0) })
            }
        }()
    }

    public func entries(_ q: EntryQuery) throws(StoreError) -> [Entry] {
        let (filter, values) = filter(q)
        return try { () throws(StoreError) in
            try readEntries("FROM entry e \(filter) ORDER BY e.date, e.exercice_id, e.number", lines: """
                FROM line l \(Entry.Line.joins)
                WHERE l.entry_id IN (SELECT e.id FROM entry e \(filter))
                ORDER BY l.entry_id, l.id
                """, values)
        }()
    }

    public func hasTiers(_ q: EntryQuery) throws(StoreError) -> Bool {
        var entries = q
        entries.accountPrefix = nil
        var (filter, values) = filter(entries)
        var condition = "l.tiers_id IS NOT NULL"
        if let prefix = q.accountPrefix { condition += " AND l.account GLOB ?"; values.append(.text(prefix + "*")) }
        filter = filter.isEmpty ? "WHERE \(condition)" : "\(filter) AND \(condition)"
        return try db.query("SELECT EXISTS (SELECT 1 FROM line l JOIN entry e ON e.id = l.entry_id \(filter))", values) { $0.int(0) } == [1]
    }

    public func tiersAmounts(prefix: String, to: Day) throws(StoreError) -> [(tiers: LineTiers, amounts: [DatedAmount])] {
        // Lean on purpose (a members' listing reads every cotisation): the keepers of the tiers
        // once, then the lines without joining the tiers, grouped here rather than sorted in SQL.
        // Tiers ids are the AUTOINCREMENT's, dense from 1: arrays indexed by id, not dictionaries.
        let all = try db.query("""
            SELECT t.id, coalesce(m.id, t.id), coalesce(m.code, t.code), coalesce(m.name, t.name)
            FROM tiers t LEFT JOIN tiers m ON m.id = t.merged_into
            """) { s throws(StoreError) in (Int(s.int(0)), Int(s.int(1)), s.text(2), s.text(3)) }
        let size = (all.map { max($0.0, $0.1) }.max() ?? -1) + 1
        var keeperOf = [Int](repeating: -1, count: size)
        var tiersOf = [LineTiers?](repeating: nil, count: size)
        for (id, keeper, code, name) in all where id >= 0 && keeper >= 0 {
            keeperOf[id] = keeper
            tiersOf[id] = LineTiers(recorded: code, code: code, name: name)
        }
        typealias Movement = (date: Day, number: Int, line: Int64, amount: Money)
        var groups = [[Movement]](repeating: [], count: size)
        let s = try db.cachedStatement("""
            SELECT l.tiers_id, e.date, e.number, l.id, l.credit - l.debit FROM line l JOIN entry e ON e.id = l.entry_id
            WHERE l.tiers_id IS NOT NULL AND l.account GLOB ? AND e.date <= ?
            """)
        try s.bind([.text(prefix + "*"), .text(to.iso)])
        while try s.step() {
            let id = Int(s.int(0))
            guard id >= 0 && id < size, keeperOf[id] >= 0 else { continue }
            groups[keeperOf[id]].append((try s.day(1), s.integer(2), s.int(3), s.money(4)))
        }
        return groups.indices.compactMap { keeper in
            guard !groups[keeper].isEmpty, let tiers = tiersOf[keeper] else { return nil }
            // Most often read in that order already: sorted only when not.
            let before = { (a: Movement, b: Movement) in (a.date, a.number, a.line) < (b.date, b.number, b.line) }
            var movements = groups[keeper]
            if zip(movements, movements.dropFirst()).contains(where: { before($1, $0) }) { movements.sort(by: before) }
            return (tiers, movements.map { DatedAmount(date: $0.date, amount: $0.amount) })
        }
    }

    /// The body's own errors pass through as they are (a report being written), the store's are
    /// `StoreError`s: the protocol's requirement names no error type.
    public func forEachAccountLine(prefix: String?, from: Day?, to: Day?, _ body: (AccountLine) throws -> Void) throws {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let prefix { conditions.append("l.account GLOB ?"); values.append(.text(prefix + "*")) }
        if let from { conditions.append("e.date >= ?"); values.append(.text(from.iso)) }
        if let to { conditions.append("e.date <= ?"); values.append(.text(to.iso)) }
        let s = try db.cachedStatement("""
            SELECT \(AccountLine.columns)
            FROM line l \(AccountLine.joins)
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY l.account, e.date, e.exercice_id, e.number, l.id
            """)
        try s.bind(values)
        while try s.step() { try body(AccountLine(row: s)) }
    }
}
