import Ledger

extension Store: LedgerQueries {
    public func totals(_ q: TotalsQuery) throws -> [AccountTotal] {
        var columns = ["t.account"]
        var groups = ["t.account"]
        if q.groupByProject { columns.append("p.code"); groups.append("t.project_id") }
        if q.groupByMonth { columns.append("substr(t.day, 1, 7)"); groups.append("substr(t.day, 1, 7)") }
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
        return try read {
            try db.query(sql, values) { s in
                let project = q.groupByProject ? s.optionalText(1) : nil
                var month: Day? = nil
                if q.groupByMonth { month = try Day(parsing: s.text(n - 1) + "-01") }
                return AccountTotal(account: AccountNumber(trusted: s.text(0)), project: project, month: month,
                                    debit: try s.money(n), credit: try s.money(n + 1))
            }
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

    public func entryKeys(_ q: EntryQuery) throws -> [EntryKey] {
        let (filter, values) = filter(q)
        return try read {
            try db.query("SELECT e.id, e.journal, e.chain_index FROM entry e \(filter) ORDER BY e.date, e.exercice_id, e.number", values) { s in
                EntryKey(id: s.int(0), journal: s.text(1), validationOrder: s.optionalInt(2).map { Int($0) })
            }
        }
    }

    public func entries(_ q: EntryQuery) throws -> [Entry] {
        let (filter, values) = filter(q)
        return try read {
            var lines: [Int64: [Entry.Line]] = [:]
            _ = try db.query("""
                SELECT l.entry_id, l.account, l.debit, l.credit, l.label, p.code
                FROM line l LEFT JOIN project p ON p.id = l.project_id
                WHERE l.entry_id IN (SELECT e.id FROM entry e \(filter))
                ORDER BY l.entry_id, l.id
                """, values) { s in
                lines[s.int(0), default: []].append(Entry.Line(
                    account: AccountNumber(trusted: s.text(1)), debit: Money(cents: s.int(2)),
                    credit: Money(cents: s.int(3)), label: s.optionalText(4), project: s.optionalText(5)))
            }
            return try db.query("""
                SELECT e.id, e.exercice_id, e.number, e.journal, e.date, e.label, e.piece, e.validated_on, e.validation_number, e.chain_index
                FROM entry e \(filter) ORDER BY e.date, e.exercice_id, e.number
                """, values) { s in
                var validation: Entry.Validation? = nil
                if let on = s.optionalText(7) {
                    validation = Entry.Validation(date: try Day(parsing: on), number: Int(s.int(8)), order: Int(s.int(9)))
                }
                return Entry(id: s.int(0), exerciceId: s.int(1), number: Int(s.int(2)), journal: s.text(3),
                             date: try Day(parsing: s.text(4)), label: s.text(5), piece: s.optionalText(6),
                             validation: validation, lines: lines[s.int(0)] ?? [])
            }
        }
    }

    public func forEachAccountLine(prefix: String?, from: Day?, to: Day?, _ body: (AccountLine) throws -> Void) throws {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let prefix { conditions.append("l.account GLOB ?"); values.append(.text(prefix + "*")) }
        if let from { conditions.append("e.date >= ?"); values.append(.text(from.iso)) }
        if let to { conditions.append("e.date <= ?"); values.append(.text(to.iso)) }
        try read {
            try db.forEach("""
                SELECT l.account, e.date, e.journal, e.number, e.piece, coalesce(l.label, e.label), l.debit, l.credit, p.code
                FROM line l JOIN entry e ON e.id = l.entry_id LEFT JOIN project p ON p.id = l.project_id
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY l.account, e.date, e.exercice_id, e.number, l.id
                """, values) { s in
                try body(AccountLine(account: AccountNumber(trusted: s.text(0)), date: try Day(parsing: s.text(1)),
                                     journal: s.text(2), entryNumber: Int(s.int(3)), piece: s.optionalText(4),
                                     label: s.text(5), debit: Money(cents: s.int(6)), credit: Money(cents: s.int(7)),
                                     project: s.optionalText(8)))
            }
        }
    }
}
