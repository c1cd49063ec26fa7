import Ledger

// Lettrage (migration 15): the lines of third-party accounts with their letters, a letter
// written or removed in one transaction (every check inside it: a line lettered meanwhile is
// not lettered twice). The rules are `Lettering` (Ledger).
extension Store {
    /// From `line l` with `letterJoins`.
    static let letterColumns = """
        l.id, l.account, \(LineTiers.columns), e.date, e.journal, e.number, x.label, e.piece,
        coalesce(l.label, e.label), l.debit - l.credit, g.code, g.lettered_on
        """
    static let letterJoins = """
        JOIN entry e ON e.id = l.entry_id JOIN exercice x ON x.id = e.exercice_id \(LineTiers.joins)
        LEFT JOIN letter_line ll ON ll.line_id = l.id LEFT JOIN letter g ON g.id = ll.letter_id
        """

    private func letterItem(_ s: SQLStatement) throws(StoreError) -> LetterItem {
        let letter: LineLetter? = s.isNull(12) ? nil : LineLetter(code: s.text(12), day: try s.day(13))
        return LetterItem(line: s.int(0), account: s.account(1), tiers: LineTiers(row: s, at: 2), date: try s.day(5), journal: s.text(6),
                          entryNumber: s.integer(7), exercice: s.text(8), piece: s.optionalText(9), label: s.text(10),
                          amount: s.money(11), letter: letter)
    }

    public func letterItems(_ q: LetterQuery) throws(StoreError) -> [LetterItem] {
        var conditions: [String] = [], values: [SQLValue] = []
        let prefixes = q.account.map { [$0] } ?? Lettering.accounts
        conditions.append("(" + prefixes.map { _ in "l.account GLOB ?" }.joined(separator: " OR ") + ")")
        values += prefixes.map { .text($0 + "*") }
        if q.withTiers { conditions.append("l.tiers_id IS NOT NULL") }
        if let code = q.tiers { conditions.append("coalesce(m.code, t.code) = ?"); values.append(.text(code)) }
        if let to = q.to { conditions.append("e.date <= ?"); values.append(.text(to.iso)) }
        if q.openOnly {
            // Lettered at `to` only when every line of its letter was there by then.
            conditions.append("""
                (g.id IS NULL OR EXISTS (SELECT 1 FROM letter_line o JOIN line ol ON ol.id = o.line_id JOIN entry oe ON oe.id = ol.entry_id
                                         WHERE o.letter_id = g.id AND oe.date > ?))
                """)
            values.append(.text((q.to ?? Day(year: 9999, month: 12, day: 31)!).iso))
        }
        return try db.query("""
            SELECT \(Store.letterColumns) FROM line l \(Store.letterJoins)
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY e.date, e.id, l.id
            """, values) { s throws(StoreError) in try letterItem(s) }
    }

    /// A closed exercice's lines keep the letters made before the day of its closing: its FEC,
    /// handed over, never changes (`unletter` keeps those); a letter made later shows in the FEC
    /// of the open exercice only.
    public func letters(from: Day, to: Day) throws(StoreError) -> [Int64: LineLetter] {
        var out: [Int64: LineLetter] = [:]
        let rows = try db.query("""
            SELECT ll.line_id, g.code, g.lettered_on FROM letter_line ll JOIN letter g ON g.id = ll.letter_id
            JOIN line l ON l.id = ll.line_id JOIN entry e ON e.id = l.entry_id JOIN exercice x ON x.id = e.exercice_id
            WHERE e.date BETWEEN ? AND ? AND (x.closed_on IS NULL OR g.lettered_on < x.closed_on)
            """, [.text(from.iso), .text(to.iso)]) { s throws(StoreError) in (s.int(0), LineLetter(code: s.text(1), day: try s.day(2))) }
        for (line, letter) in rows { out[line] = letter }
        return out
    }

    /// The lines of these ids as the lettrage sees them; an unknown id is refused.
    private func items(ids: [Int64]) throws(StoreError) -> [LetterItem] {
        var out: [LetterItem] = []
        for id in ids {
            if out.contains(where: { $0.line == id }) { throw .lettering(.repeatedLine(id)) }
            guard let item = try db.query("SELECT \(Store.letterColumns) FROM line l \(Store.letterJoins) WHERE l.id = ?", [.int(id)],
                                          { s throws(StoreError) in try letterItem(s) }).first else { throw .lettering(.unknownLine(id)) }
            out.append(item)
        }
        return out
    }

    /// Writes a letter on `items` (checked already), the next code of their account.
    private func writeLetter(_ items: [LetterItem], code given: String? = nil, on day: Day? = nil) throws(StoreError) -> String {
        let account = items[0].account
        let used = try db.query("SELECT code FROM letter WHERE account = ?", [.text(account.text)]) { $0.text(0) }
        let code = given ?? Letter.next(after: used)
        guard code.count <= Letter.maxLength else { throw .lettering(.lettersExhausted(account)) }
        try db.run("INSERT INTO letter(account, code, lettered_on) VALUES (?, ?, ?)", .text(account.text), .text(code), .text((day ?? now.today).iso))
        let id = db.lastInsertRowID
        for i in items { try db.run("INSERT INTO letter_line(line_id, letter_id) VALUES (?, ?)", .int(i.line), .int(id)) }
        return code
    }

    /// Letters the lines of these ids together (`compta lettrer 41 57`): refused unless
    /// `Lettering.check` accepts them as the ledger holds them now. Returns the letter and the lines.
    public func letter(lines ids: [Int64]) throws(StoreError) -> (code: String, items: [LetterItem]) {
        try atomically { () throws(StoreError) in
            let items = try items(ids: ids)
            do throws(LetteringError) { try Lettering.check(items) } catch { throw .lettering(error) }
            return (try writeLetter(items), items)
        }
    }

    /// What the lettrage proposes for the lines `query` selects; with `write`, letters every
    /// complete proposal (in one transaction), each with its code. Partial proposals are never lettered.
    public func letterProposals(_ query: LetterQuery, write: Bool) throws(StoreError) -> [(proposal: LetterProposal, code: String?)] {
        var q = query
        q.openOnly = true
        q.to = nil
        guard write else { return Lettering.proposals(try letterItems(q)).map { ($0, nil) } }
        return try atomically { () throws(StoreError) in
            try Lettering.proposals(try letterItems(q)).map { p throws(StoreError) in (p, p.isComplete ? try writeLetter(p.items) : nil) }
        }
    }

    /// Removes the letter `code` of `account`; returns the lines it grouped.
    public func unletter(_ code: String, account: AccountNumber) throws(StoreError) -> [LetterItem] {
        try atomically { () throws(StoreError) in
            guard let id = try db.scalarInt("SELECT id FROM letter WHERE account = ? AND code = ?", .text(account.text), .text(code)) else {
                let known = try db.query("SELECT code FROM letter WHERE account = ? ORDER BY id DESC LIMIT ?",
                                         [.text(account.text), .int(Int64(Lettering.lettersShown + 1))]) { $0.text(0) }
                throw .lettering(.unknownLetter(code, account: account, known: known))
            }
            let items = try db.query("SELECT \(Store.letterColumns) FROM line l \(Store.letterJoins) WHERE g.id = ? ORDER BY e.date, l.id",
                                     [.int(id)]) { s throws(StoreError) in try letterItem(s) }
            // In the FEC of a closed exercice (made before the day of its closing): kept, as that file is.
            if let closed = try db.scalarText("""
                SELECT x.label FROM letter_line ll JOIN letter g ON g.id = ll.letter_id JOIN line l ON l.id = ll.line_id
                JOIN entry e ON e.id = l.entry_id JOIN exercice x ON x.id = e.exercice_id
                WHERE g.id = ? AND x.closed_on IS NOT NULL AND g.lettered_on < x.closed_on LIMIT 1
                """, .int(id)) {
                throw .lettering(.inClosedFEC(code, account: account, exercice: closed))
            }
            try db.run("DELETE FROM letter WHERE id = ?", .int(id))
            return items
        }
    }

    /// The letters of a FEC being imported (`EcritureLet`, `DateLet`), on the lines just
    /// posted: grouped by account and code as the file writes them. A letter of the file may
    /// hold only part of its lines (the others in the FEC of another year): one left so on the
    /// account, not balanced, is joined by the next import's lines of that code; a balanced
    /// one of that code already there leaves the new group the next free code.
    func importLetters(_ groups: [(account: AccountNumber, code: String, day: Day?, lines: [Int64])]) throws(StoreError) {
        for g in groups {
            let existing = try db.query("""
                SELECT g.id, coalesce(sum(l.debit) - sum(l.credit), 0) FROM letter g LEFT JOIN letter_line ll ON ll.letter_id = g.id
                LEFT JOIN line l ON l.id = ll.line_id WHERE g.account = ? AND g.code = ? GROUP BY g.id
                """, [.text(g.account.text), .text(g.code)]) { ($0.int(0), $0.int(1)) }.first
            let id: Int64
            if let (found, balance) = existing, balance != 0 {
                id = found
            } else {
                let used = try db.query("SELECT code FROM letter WHERE account = ?", [.text(g.account.text)]) { $0.text(0) }
                let code = existing == nil ? g.code : Letter.next(after: used)
                try db.run("INSERT INTO letter(account, code, lettered_on) VALUES (?, ?, ?)", .text(g.account.text), .text(code),
                           .text((g.day ?? now.today).iso))
                id = db.lastInsertRowID
            }
            for line in g.lines { try db.run("INSERT INTO letter_line(line_id, letter_id) VALUES (?, ?)", .int(line), .int(id)) }
        }
    }
}
