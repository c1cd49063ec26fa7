import Ledger

/// Lettrage and who owes what (issue 25): the proposals of `compta lettrer`, the balances per
/// tiers and account (`compta tiers soldes`), the balance âgée (`compta echeances`).
public enum LetteringReport {
    static func itemColumns(letter: Bool) -> [ReportColumn] {
        (letter ? [ReportColumn("Lettre", key: "lettre")] : [])
            + [ReportColumn("Ligne", key: "ligne", .number), ReportColumn("Date", key: "date"), ReportColumn("Écriture", key: "ecriture"),
               ReportColumn("Pièce", key: "piece"), ReportColumn("Libellé", key: "libelle"), .amount("Débit", key: "debit"),
               .amount("Crédit", key: "credit")]
    }

    static func cells(_ i: LetterItem) -> [Cell] {
        [.number(Int(i.line)), .date(i.date), .text("\(i.journal) \(i.entryNumber) (\(i.exercice))"), .text(i.piece ?? ""), .text(i.label),
         .nonZero(i.debit), .nonZero(i.credit)]
    }

    /// The lines of `items` on a third-party account with no tiers, but the à-nouveaux (which
    /// carry a balance, not an invoice): nobody's, so in no balance per tiers and never lettered.
    static func withoutTiers(_ items: [LetterItem], _ ledger: some LedgerQueries) throws -> [LetterItem] {
        let openings = Set(try ledger.catalog().journals.values.filter { $0.kind == .aNouveaux }.map(\.code))
        return items.filter { $0.tiers == nil && !openings.contains($0.journal) }
    }

    /// Says that `lines` (from `withoutTiers`) are left out, which ones, and what to do.
    static func withoutTiersNote(_ lines: [LetterItem]) -> String? {
        guard !lines.isEmpty else { return nil }
        let shown = lines.prefix(5).map { "n° \($0.line) (\($0.account), \($0.date.french), \($0.label), \($0.amount.formatted()) €)" }
        let one = lines.count == 1
        return "Sans tiers : \(one ? "la ligne" : "\(lines.count) lignes des comptes de tiers, dont les lignes") " + shown.joined(separator: ", ")
            + (lines.count > shown.count ? "…" : "") + (one ? " n'est" : " ne sont") + " pas comptée\(one ? "" : "s") ici : "
            + "on ne sait pas de qui est la facture ou le règlement, et \(one ? "elle" : "elles") ne se lettre\(one ? "" : "nt") pas. "
            + "Donnez-\(one ? "lui son" : "leur leur") tiers (un brouillard se corrige, une écriture validée par une écriture OD)."
    }

    static func why(_ r: LetterProposal.Reason) -> String {
        switch r {
        case .piece: "même pièce"
        case .amount: "même montant"
        case .sum: "une ligne pour plusieurs"
        case .all: "tout ce qui reste"
        }
    }

    /// The proposals, each headed by its account and tiers, closed by what it comes to: the
    /// letter written (`code`), the letter it would get, or what an instalment leaves to pay.
    public static func proposals(_ found: [(proposal: LetterProposal, code: String?)], association: String, written: Bool) -> ReportDocument {
        var table = ReportTable(columns: [ReportColumn("Lettre", key: "lettre")] + itemColumns(letter: false))
        var complete = 0, partial = 0
        for (p, code) in found {
            table.rows.append(ReportRow([.text("\(p.account) — \(p.tiers.shown) (\(why(p.reason)))")], style: .heading))
            let mark: String
            if p.isComplete {
                complete += 1
                mark = code ?? ""
            } else {
                partial += 1
                mark = "partiel"
            }
            table.rows += p.items.map { ReportRow([.text(mark)] + cells($0)) }
            let total = p.isComplete ? (code.map { "Équilibré : lettre \($0)" } ?? "Équilibré : à lettrer")
                : (p.remaining.isNegative ? "Partiel : reste \(p.remaining.magnitude.formatted()) € à payer au tiers"
                   : "Partiel : reste \(p.remaining.formatted()) € à recevoir du tiers")
            table.rows.append(ReportRow([.text(total), .empty, .empty, .empty, .empty, .empty,
                                         .amount(Money.sum(p.items.map(\.debit))), .amount(Money.sum(p.items.map(\.credit)))], style: .subtotal))
        }
        var notes: [String] = []
        if found.isEmpty {
            notes.append("Rien à lettrer : aucune facture et aucun règlement d'un même tiers ne se répondent sur les comptes de tiers.")
        } else if written {
            notes.append(complete == 0 ? "Aucune lettre écrite : les propositions sont partielles."
                         : "\(complete) lettre\(complete > 1 ? "s" : "") écrite\(complete > 1 ? "s" : "").")
        } else if complete > 0 {
            notes.append("Rien n'est écrit. Pour lettrer les propositions équilibrées : la même commande avec --confirmer ; "
                         + "pour choisir les lignes : compta lettrer LIGNE LIGNE … (les numéros de la colonne Ligne).")
        }
        if partial > 0 {
            notes.append("Une proposition partielle (une facture payée en plusieurs fois) n'est pas lettrée : elle le sera avec le dernier règlement.")
        }
        return ReportDocument(title: "Lettrage", subtitle: [association], blocks: [.table(table)] + notes.map { .paragraph(Inline($0)) })
    }

    /// The lines one letter grouped (`lettrer LIGNE …`, `delettrer`), with the sentence saying what was done.
    public static func letter(_ code: String, items: [LetterItem], sentence: String, association: String) -> ReportDocument {
        var table = ReportTable(columns: itemColumns(letter: true))
        table.rows = items.map { ReportRow([.text(code)] + cells($0)) }
        return ReportDocument(title: "Lettre \(code) du compte \(items.first?.account.text ?? "")", subtitle: [association],
                              blocks: [.table(table), .paragraph(Inline(sentence))])
    }
}

/// `compta tiers soldes`: per tiers and third-party account, the debits, the credits and the
/// balance at a date, on the side it falls (owed to the association, owed by it).
public enum TiersBalances {
    public static func document(_ ledger: some LedgerQueries, query: LetterQuery, at day: Day) throws -> ReportDocument {
        var q = query
        q.to = day
        q.openOnly = false
        q.withTiers = false
        let all = try ledger.letterItems(q)
        var sums: [String: (account: AccountNumber, tiers: LineTiers, debit: Money, credit: Money)] = [:]
        for i in all {
            guard let t = i.tiers else { continue }
            let key = t.code + " " + i.account.text
            var s = sums[key] ?? (i.account, t, .zero, .zero)
            s.debit = s.debit + i.debit
            s.credit = s.credit + i.credit
            sums[key] = s
        }
        var table = ReportTable(columns: [ReportColumn("Tiers", key: "tiers"), ReportColumn("Nom", key: "nom"), ReportColumn("Compte", key: "compte"),
                                          .amount("Débit", key: "debit"), .amount("Crédit", key: "credit"),
                                          .amount("Dû à l'association", key: "du_a_l_association"),
                                          .amount("Dû par l'association", key: "du_par_l_association")])
        var owedTo = Money.zero, owedBy = Money.zero
        for key in sums.keys.sorted() {
            let s = sums[key]!
            let balance = s.debit - s.credit
            if balance.isNegative { owedBy = owedBy + balance.magnitude } else { owedTo = owedTo + balance }
            table.rows.append(ReportRow([.text(s.tiers.code), .text(s.tiers.name), .account(s.account), .nonZero(s.debit), .nonZero(s.credit),
                                         balance.isNegative ? .empty : .nonZero(balance), balance.isNegative ? .amount(balance.magnitude) : .empty]))
        }
        if !table.rows.isEmpty {
            table.rows.append(ReportRow(["Total", "", "", .empty, .empty, .amount(owedTo), .amount(owedBy)], style: .total))
        }
        let notes = (sums.isEmpty ? ["Aucune ligne d'un compte de tiers (40 à 46) ne porte de tiers à cette date."]
            : ["Soldes au \(day.french), toutes années confondues : ce que chaque tiers doit encore à l'association, ou ce qu'elle lui doit. "
               + "Les à-nouveaux, qui ne portent pas de tiers, ne s'y ajoutent pas."])
            + [LetteringReport.withoutTiersNote(try LetteringReport.withoutTiers(all, ledger))].compactMap { $0 }
        return ReportDocument(title: "Soldes des tiers", subtitle: try [ledger.associationName(), "au \(day.french)"], tables: [table], notes: notes)
    }
}

/// `compta echeances`, the balance âgée: each line of a third-party account not lettered at
/// the date, in the column of its age — days from its entry's date (the ledger keeps no due
/// date) —, per tiers and account.
public enum AgedBalance {
    /// The last day of each column but the last (which has no end). A convention, not a
    /// standard (0–30, 31–60, 61–90, > 90 days): change it here.
    public static let bucketEnds = [30, 60, 90]

    static var bucketTitles: [String] {
        var titles: [String] = [], start = 0
        for end in bucketEnds {
            titles.append("\(start) à \(end) j")
            start = end + 1
        }
        return titles + ["plus de \(bucketEnds.last!) j"]
    }

    /// The column of an age in days.
    public static func bucket(age: Int) -> Int { bucketEnds.firstIndex { age <= $0 } ?? bucketEnds.count }

    public static func document(_ ledger: some LedgerQueries, query: LetterQuery, at day: Day) throws -> ReportDocument {
        var q = query
        q.to = day
        q.openOnly = true
        q.withTiers = false
        let open = try ledger.letterItems(q)
        let untiered = try LetteringReport.withoutTiers(open, ledger)
        let items = open.filter { $0.tiers != nil }.sorted { a, b in
            (a.tiers!.code, a.account.text, a.date, a.line) < (b.tiers!.code, b.account.text, b.date, b.line)
        }
        let titles = bucketTitles
        var table = ReportTable(columns: [ReportColumn("Tiers", key: "tiers"), ReportColumn("Compte", key: "compte"),
                                          ReportColumn("Ligne", key: "ligne", .number), ReportColumn("Date", key: "date"),
                                          ReportColumn("Libellé", key: "libelle"), ReportColumn("Âge (j)", key: "age", .number)]
                                + titles.enumerated().map { .amount($0.element, key: "tranche_\($0.offset + 1)") }
                                + [.amount("Solde", key: "solde")])
        var totals = [Money](repeating: .zero, count: titles.count)
        func amounts(_ byBucket: [Money]) -> [Cell] { byBucket.map { .nonZero($0) } + [.amount(Money.sum(byBucket))] }
        var i = 0
        while i < items.count {
            let first = items[i]
            var group: [LetterItem] = []
            while i < items.count && items[i].tiers!.code == first.tiers!.code && items[i].account == first.account { group.append(items[i]); i += 1 }
            var sums = [Money](repeating: .zero, count: titles.count)
            for item in group {
                let age = item.date.daysThrough(day) - 1
                var cells = [Money](repeating: .zero, count: titles.count)
                cells[bucket(age: age)] = item.amount
                sums[bucket(age: age)] = sums[bucket(age: age)] + item.amount
                table.rows.append(ReportRow([.text(first.tiers!.code), .account(item.account), .number(Int(item.line)), .date(item.date),
                                             .text(item.label), .number(age)] + amounts(cells)))
            }
            for k in totals.indices { totals[k] = totals[k] + sums[k] }
            table.rows.append(ReportRow([.text(first.tiers!.shown), .account(first.account), .empty, .empty, "", .empty] + amounts(sums), style: .subtotal))
        }
        if !items.isEmpty { table.rows.append(ReportRow(["Total", "", .empty, .empty, "", .empty] + amounts(totals), style: .total)) }
        let notes = (items.isEmpty ? (untiered.isEmpty ? ["Aucune pièce ouverte : toutes les lignes des comptes de tiers sont lettrées à cette date."] : [])
            : ["Pièces non lettrées au \(day.french), par ancienneté depuis la date de l'écriture. Positif : dû à l'association ; "
               + "négatif : dû par elle (ou un règlement pas encore lettré avec sa facture)."])
            + [LetteringReport.withoutTiersNote(untiered)].compactMap { $0 }
        return ReportDocument(title: "Balance âgée", subtitle: try [ledger.associationName(), "au \(day.french)"], tables: [table], notes: notes)
    }
}
