import Foundation
import Testing
import Ledger
import LedgerStore
@testable import Reports

func d(_ s: String) -> Day { try! Day(parsing: s) }

extension Now {
    /// The machine's time, as a command run now sees it (no `COMPTA_MAINTENANT`).
    static var machine: Now { Now(at: Date(), in: .current)! }
}
func n(_ s: String) -> AccountNumber { AccountNumber(trusted: s) }

func post(_ store: Store, _ date: String, _ label: String, _ lines: [(String, Int64)], project: String? = nil) throws {
    try store.post(EntryDraft(journal: "BQ", date: d(date), label: label,
                              lines: lines.map { LineDraft(account: n($0.0), amount: Money(cents: $0.1), project: project) }))
}

@Suite struct Books {
    func sample() throws -> Store {
        let store = try Store.inMemory(name: "Asso | test", start: d("2024-01-01"), now: .machine)
        try store.addAccount(n("604A"), label: "OVH")
        try post(store, "2024-01-10", "OVH janvier", [("604A", 12000), ("512", -12000)])
        try post(store, "2024-02-10", "=HYPERLINK(\"x\")", [("512", 5000), ("7562", -5000)])
        try post(store, "2024-03-10", "Frais | banque <b>", [("627", 450), ("512", -450)])
        return store
    }

    @Test func balanceTotalsBalance() throws {
        let store = try sample()
        let b = try Balance(store, period: Period(exercice: store.exercice(nil)))
        #expect(b.rows.map(\.account.text) == ["512", "604A", "627", "7562"])
        #expect(b.totalDebit == b.totalCredit)
        #expect(b.totalDebit == Money(cents: 17450))
        #expect(b.totalDebitBalances == b.totalCreditBalances)
        #expect(b.rows.first { $0.account == n("512") }?.balance == Money(cents: -7450))
        #expect(!b.hasEarlier && b.rows.allSatisfy { $0.earlier.isZero })
        // March: the accounts that moved before it too, with their balance at the end of February;
        // the closing balances are those of 31 March, the bank's among them.
        let march = try Balance(store, period: Period(exercice: store.exercice(nil), from: d("2024-03-01"), to: d("2024-03-31")))
        #expect(march.hasEarlier)
        #expect(march.rows.map(\.account.text) == ["512", "604A", "627", "7562"])
        let bank = try #require(march.rows.first { $0.account == n("512") })
        #expect(bank.earlier == Money(cents: -7000) && bank.credit == Money(cents: 450) && bank.balance == Money(cents: -7450))
        #expect(march.rows.first { $0.account == n("627") }?.earlier == .zero)
        #expect(march.totalEarlierDebit == march.totalEarlierCredit && march.totalEarlierDebit == Money(cents: 12000))
        #expect(march.totalDebit == Money(cents: 450) && march.totalDebitBalances == b.totalDebitBalances)
        let text = try OutputFormat.texte.render(march.document(association: "A"))
        #expect(text.contains("Antérieur : le solde de chaque compte au 29/02/2024"))
        let csv = try OutputFormat.csv.render(march.document(association: "A"))
        #expect(csv.hasPrefix("Compte;Libellé;Antérieur débit;Antérieur crédit;Débit;Crédit;Solde débiteur;Solde créditeur"), "\(csv)")
        #expect(csv.contains("512;Banques;;70,00;;4,50;;74,50"), "\(csv)")
    }

    @Test func grandLivreRunsTheBalance() throws {
        let store = try sample()
        let gl = try GrandLivre(store, period: Period(exercice: store.exercice(nil)), accountPrefix: "512").document(association: "A")
        let text = try OutputFormat.texte.render(gl)
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("512 ") }.count == 1, "one section, for 512 only")
        #expect(text.contains("-120,00"))
        #expect(text.contains("-70,00"))
        #expect(text.contains("-74,50"))
        #expect(!text.contains("Compte"), "the data-only account column is not shown to people")
        let csv = try OutputFormat.csv.render(gl)
        #expect(csv.hasPrefix("Date;Jnl;N°;Pièce;Libellé;Débit;Crédit;Solde;Compte\r\n"))
    }

    /// A period that starts after the exercice opens each account with its earlier balance:
    /// the running balance is the whole exercice's, an account without lines in the period is
    /// there with its balance, and the totals still balance.
    @Test func grandLivreOfAPeriodOpensWithTheEarlierBalances() throws {
        let store = try sample()
        let march = try Period(exercice: store.exercice(nil), from: d("2024-03-01"), to: d("2024-03-31"))
        var rows: [ReportRow] = []
        try GrandLivre(store, period: march).document(association: "A").tables[0].forEachRow { rows.append($0) }
        let lines = rows.filter { $0.style != .heading }.map { r in
            r.cells.map { c -> String in
                switch c {
                case .text(let t): return t
                case .amount(let m): return m.plain
                default: return ""
                }
            }.prefix(8).joined(separator: "|")
        }
        #expect(lines == [
            "29/02/2024||||Solde antérieur||70,00|-70,00",
            "10/03/2024|BQ|||Frais | banque <b>||4,50|-74,50",
            "||||Total 512|0,00|74,50|-74,50",
            "29/02/2024||||Solde antérieur|120,00||120,00",
            "||||Total 604A|120,00|0,00|120,00",
            "10/03/2024|BQ|||Frais | banque <b>|4,50||4,50",
            "||||Total 627|4,50|0,00|4,50",
            "29/02/2024||||Solde antérieur||50,00|-50,00",
            "||||Total 7562|0,00|50,00|-50,00",
            "||||Total général|124,50|124,50|0,00",
        ])
        // The whole exercice ends on the same balances, and has no earlier balance to show.
        let whole = try OutputFormat.texte.render(GrandLivre(store, period: Period(exercice: store.exercice(nil))).document(association: "A"))
        #expect(!whole.contains("Solde antérieur"))
    }

    /// An exercice after one that is not closed has no à-nouveaux: its books say so, and how to
    /// carry the balances; once the year is closed, they no longer need to.
    @Test func booksSayWhenEarlierBalancesAreNotCarried() throws {
        let store = try sample()
        let e2025 = try store.addExercice(start: d("2025-01-01"))
        try post(store, "2025-02-10", "Cotisation", [("512", 2000), ("7562", -2000)])
        let period = try Period(exercice: e2025)
        #expect(try Balance(store, period: period).notCarried.map(\.label) == ["2024"])
        let note = "L'exercice 2024 n'est pas clôturé : l'exercice 2025 n'a pas d'à-nouveaux"
        #expect(try OutputFormat.texte.render(Balance(store, period: period).document(association: "A")).contains(note))
        #expect(try OutputFormat.texte.render(GrandLivre(store, period: period).document(association: "A")).contains("compta cloturer --exercice 2024"))
        #expect(try Balance(store, period: Period(exercice: store.exercice("2024"))).notCarried.isEmpty, "the first exercice has nothing before it")
        _ = try store.validate()
        _ = try store.close(try store.exercice("2024"))
        #expect(try Balance(store, period: Period(exercice: store.exercice("2025"))).notCarried.isEmpty)
        #expect(try !OutputFormat.texte.render(GrandLivre(store, period: Period(exercice: store.exercice("2025"))).document(association: "A")).contains("clôturé"))
    }

    /// A project over its whole life: a column per exercice where it moved, and the total,
    /// which is their sum (charges and produits are never carried from one year to the next).
    @Test func aProjectOverItsWholeLife() throws {
        let store = try sample()
        try store.addProject(code: "CAMP", name: "Camp")
        _ = try store.addExercice(start: d("2025-01-01"))
        _ = try store.addExercice(start: d("2026-01-01"))
        try post(store, "2024-06-10", "Subvention camp", [("512", 100_000), ("741", -100_000)], project: "CAMP")
        try post(store, "2024-07-10", "Location", [("6132", 30_000), ("512", -30_000)], project: "CAMP")
        try post(store, "2026-07-10", "Location", [("6132", 45_000), ("512", -45_000)], project: "CAMP")
        try post(store, "2026-07-11", "Hors projet", [("6132", 99_900), ("512", -99_900)])
        let columns = try FigureColumn.lifetime(of: "CAMP", catalog: store.catalog(), ledger: store)
        #expect(columns.map(\.title) == ["2024", "2026", "Total"], "2025 has nothing of the project")
        let report = try CompteDeResultat(store, columns: columns, chart: .pca2018)
        #expect(report.charges.map(\.values) == [[Money(cents: 30_000), Money(cents: 45_000), Money(cents: 75_000)]])
        #expect(report.result == [Money(cents: 70_000), Money(cents: -45_000), Money(cents: 25_000)])
        #expect(throws: ReportError.projectWithoutFigures("VIDE")) {
            try store.addProject(code: "VIDE", name: "Vide")
            _ = try FigureColumn.lifetime(of: "VIDE", catalog: store.catalog(), ledger: store)
        }
    }

    /// The journal and the grand livre read their rows from the ledger while they are written:
    /// every format prints them exactly as it prints the same rows held in memory, and their
    /// totals are the trial balance's.
    @Test func streamedBooksRenderLikeHeldRowsAndAddUpToTheBalance() throws {
        let store = try sample()
        let period = try Period(exercice: store.exercice(nil))
        let balance = try Balance(store, period: period)
        for doc in [try JournalBook(store, period: period).document(association: "A"),
                    try GrandLivre(store, period: period).document(association: "A")] {
            var rows: [ReportRow] = []
            try doc.tables[0].forEachRow { rows.append($0) }
            var held = doc
            held.tables[0].rows = rows
            held.tables[0].stream = nil
            for f in OutputFormat.allCases { #expect(try f.render(doc) == f.render(held), "\(doc.title), \(f)") }
            let debit = doc.title == "Journal" ? 6 : 5, credit = debit + 1
            #expect(rows.last?.style == .total)
            #expect(rows.last?.cells[debit] == .amount(balance.totalDebit), "\(doc.title)")
            #expect(rows.last?.cells[credit] == .amount(balance.totalCredit), "\(doc.title)")
        }
    }

    /// Many official labels changed in 2025: each report names a standard account as the chart
    /// of its exercice does, whatever chart the ledger was created with; an account of the
    /// association's own keeps its name.
    @Test func accountsAreNamedByTheChartOfTheExercice() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        let e2025 = try store.addExercice(start: d("2025-01-01"))
        try store.addAccount(n("604A"), label: "OVH")
        for year in ["2024", "2025"] {
            try post(store, "\(year)-06-21", "Fête de la musique", [("6232", 30000), ("512", -30000)])
            try post(store, "\(year)-06-30", "Serveur", [("604A", 12000), ("512", -12000)])
        }
        try store.validate()
        let e2024 = try store.exercice("2024")
        #expect(e2024.chart == .pca2018 && e2025.chart == .pca2025)
        for (e, expected) in [(e2024, "Fêtes et cérémonies"), (e2025, "Échantillons")] {
            let period = try Period(exercice: e)
            let resultat = try CompteDeResultat(store, columns: FigureColumn.columns(for: period, catalog: store.catalog(), ledger: store), chart: e.chart)
            #expect(resultat.charges.map(\.label) == ["OVH", expected], "\(e.label)")
            let balance = try Balance(store, period: period)
            #expect(balance.rows.first { $0.account == n("6232") }?.label == expected)
            #expect(balance.rows.first { $0.account == n("604A") }?.label == "OVH")
            let grandLivre = try OutputFormat.texte.render(GrandLivre(store, period: period, accountPrefix: "6232").document(association: "A"))
            #expect(grandLivre.contains("6232 \(expected)"))
            var fec = ""
            _ = try FEC.write(store, exercice: e, encoding: .utf8) { fec += String(decoding: $0, as: UTF8.self) }
            #expect(fec.contains("\t6232\t\(expected)\t"), "\(e.label)")
        }
    }

    /// A long report reaches the terminal by pieces as it is made, not as one string at the end.
    @Test func aLongReportIsWrittenByPieces() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        try store.postAll((1...3000).map { i in
            SourcedEntry(entry: EntryDraft(journal: "BQ", date: d("2024-03-01"), label: "Cotisation \(i)",
                                           lines: [LineDraft(account: n("512"), amount: Money(cents: Int64(i))), LineDraft(account: n("756"), amount: Money(cents: -Int64(i)))]),
                         lines: [2 * i, 2 * i + 1])
        }, file: nil)
        let doc = try JournalBook(store, period: Period(exercice: store.exercice(nil))).document(association: "A")
        for f in OutputFormat.allCases {
            var pieces: [String] = []
            try f.write(doc) { pieces.append($0) }
            #expect(pieces.count > 3, "\(f)")
            #expect(pieces.allSatisfy { $0.utf8.count < 70_000 }, "\(f)")
            #expect(pieces.joined() == (try f.render(doc)))
        }
    }

    @Test func renderersNeutraliseLabels() throws {
        let store = try sample()
        let j = try JournalBook(store, period: Period(exercice: store.exercice(nil))).document(association: "Asso | test")
        let csv = try OutputFormat.csv.render(j)
        #expect(csv.contains(";\"'=HYPERLINK(\"\"x\"\")\";"), "formula neutralised and quoted")
        let md = try OutputFormat.md.render(j)
        #expect(md.contains("Frais \\| banque \\<b\\>"))
        #expect(!md.contains("<b>"))
        #expect(md.contains("Asso \\| test"))
        let json = try OutputFormat.json.render(j)
        #expect(json.contains(#""libelle": "=HYPERLINK(\"x\")""#))
        #expect(json.contains(#""debit": 12000"#))
    }

    @Test func emptyLedgerGivesEmptyReports() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        let b = try Balance(store, period: Period(exercice: store.exercice(nil)))
        #expect(b.rows.isEmpty)
        #expect(b.totalDebit == .zero)
        for f in OutputFormat.allCases { #expect(try !f.render(b.document(association: "A")).isEmpty) }
    }

    @Test func periodMustNotBeEmpty() throws {
        let store = try Store.inMemory(start: d("2024-01-01"), now: .machine)
        #expect(throws: ReportError.fromAfterTo(from: d("2024-05-01"), to: d("2024-04-01"))) {
            try Period(exercice: store.exercice(nil), from: d("2024-05-01"), to: d("2024-04-01"))
        }
    }

    /// Transfers between the association's own accounts go through 58: real for each account,
    /// but neither encaissement nor décaissement of the association.
    @Test func internalTransfersAreNotCountedAsFlows() throws {
        let store = try Store.inMemory(name: "Asso", start: d("2024-01-01"), now: .machine)
        try store.addAccount(n("5121"), label: "Compte courant")
        try store.addAccount(n("5122"), label: "Livret")
        try post(store, "2024-01-10", "Cotisations", [("5121", 100000), ("756", -100000)])
        try post(store, "2024-03-31", "Virement vers le livret", [("580", 40000), ("5121", -40000)])
        try post(store, "2024-04-02", "Virement reçu du compte courant", [("5122", 40000), ("580", -40000)])
        try post(store, "2024-06-10", "Frais bancaires", [("627", 5000), ("5121", -5000)])
        try post(store, "2024-12-31", "Virement vers le livret", [("580", 10000), ("5121", -10000)])
        let cash = try Tresorerie(store, period: Period(exercice: store.exercice(nil)))

        // Each account sees its own movements.
        #expect(cash.accounts.map(\.account) == [n("5121"), n("5122")])
        #expect(cash.accounts.map(\.inflows) == [Money(cents: 100000), Money(cents: 40000)])
        #expect(cash.accounts.map(\.outflows) == [Money(cents: 55000), .zero])
        #expect(cash.closing == Money(cents: 85000))
        #expect((cash.transfersSent, cash.transfersArrived) == (Money(cents: 50000), Money(cents: 40000)))

        // Month by month: only what came in and went out of the association; transfers apart.
        #expect(Money.sum(cash.months.map(\.inflows)) == Money(cents: 100000))
        #expect(Money.sum(cash.months.map(\.outflows)) == Money(cents: 5000))
        let march = cash.months[2], april = cash.months[3], december = cash.months[11]
        #expect((march.inflows, march.outflows, march.transfers, march.closing) == (.zero, .zero, Money(cents: -40000), Money(cents: 60000)))
        #expect((april.transfers, april.closing) == (Money(cents: 40000), Money(cents: 100000)))
        #expect((december.transfers, december.closing) == (Money(cents: -10000), cash.closing))
        var previous = cash.opening
        for m in cash.months {
            #expect(previous + m.inflows - m.outflows + m.transfers == m.closing, "\(m.month.iso)")
            previous = m.closing
        }

        let doc = cash.document(title: "", subtitle: [])
        #expect(doc.tables[0].rows.last?.cells == ["", "dont virements internes (58)", "", .amount(Money(cents: 40000)), .amount(Money(cents: 50000)), ""])
        #expect(doc.tables[1].columns.map(\.key) == ["mois", "encaissements", "decaissements", "virements", "solde"])
        #expect(doc.notes.contains { $0.contains("100,00 € partis d'un compte ne sont pas encore arrivés sur l'autre au 31/12/2024") })
        // The rate is the activity's, not the money on its way: 1 000 of produits, 50 of charges over 12 months.
        #expect(cash.rate == Tresorerie.Rate(source: .months(first: d("2024-01-01"), last: d("2024-12-01"), count: 12), perMonth: Money(cents: -7_917),
                                             excluded: nil), "−79,166… rounds to −79,17")

        // From April on, the March transfer arrives without having left within the period.
        let fromApril = try Tresorerie(store, period: Period(exercice: store.exercice(nil), from: d("2024-04-01"), to: d("2024-12-31")))
        #expect(fromApril.transfersSentence()?.contains("300,00 € arrivés pendant la période étaient partis avant elle") == true)

        let ag = try BilanFinancier(store, exercice: store.exercice(nil), generatedOn: d("2025-03-01")).markdown(chartsFolder: "g")
        #expect(ag.contains("| Virements internes |") && ag.contains("500,00 € virés, 400,00 € arrivés"))

        // Without transfers, no transfer column nor row.
        let plain = try Tresorerie(sample(), period: Period(exercice: sample().exercice(nil))).document(title: "", subtitle: [])
        #expect(plain.tables[1].columns.count == 4 && plain.tables[0].rows.last?.cells.first == "Total")
    }

    /// A club whose exercice began on 1 September 2024 with 5 000 € in the bank: each month of
    /// autumn, 300 € of subscriptions and a rent of 500 €.
    func club() throws -> Store {
        let store = try Store.inMemory(name: "Club", start: d("2024-09-01"), now: .machine)
        try store.post(EntryDraft(journal: "AN", date: d("2024-09-01"), label: "Solde d'ouverture",
                                  lines: [LineDraft(account: n("512"), amount: Money(cents: 500000)), LineDraft(account: n("1021"), amount: Money(cents: -500000))]))
        for month in ["09", "10", "11"] {
            try post(store, "2024-\(month)-15", "Cotisations", [("512", 30000), ("7562", -30000)])
            try post(store, "2024-\(month)-20", "Location", [("6132", 50000), ("512", -50000)])
        }
        return store
    }

    /// During the exercice the report stops at today, and the rate is the one of the whole
    /// months the ledger holds: months to come, or before the ledger, are no months without a movement.
    @Test func theCashRateCountsTheMonthsTheLedgerHolds() throws {
        let store = try club()
        let whole = try Period(exercice: store.exercice(nil))
        let soFar = whole.until(d("2024-12-03"))
        #expect(soFar.to == d("2024-12-03") && soFar.caption == "Exercice 2024-2025, période du 01/09/2024 au 03/12/2024")
        #expect(whole.until(d("2025-09-10")) == whole && whole.until(d("2024-08-31")) == whole)
        let cash = try Tresorerie(store, period: soFar)
        #expect(cash.months.map(\.month) == [d("2024-09-01"), d("2024-10-01"), d("2024-11-01"), d("2024-12-01")])
        // Three whole months (December has begun only): 900 of produits, 1 500 of charges.
        #expect(cash.rate == Tresorerie.Rate(source: .months(first: d("2024-09-01"), last: d("2024-11-01"), count: 3), perMonth: Money(cents: 20000), excluded: nil))
        #expect(cash.runwaySentence() == "Rythme retenu : l'activité consomme 200,00 € par mois (charges moins produits des classes 6 et 7, hors dotations, "
            + "reprises et cessions d'immobilisations, en moyenne sur les 3 mois de septembre 2024 à novembre 2024 que le livre couvre). "
            + "À ce rythme, la trésorerie (4\u{202F}400,00 €) couvre environ 22 mois.")
        // The same day at the end of November: the rate is the same.
        #expect(try Tresorerie(store, period: whole.until(d("2024-11-30"))).rate == cash.rate)
        // Two whole months only.
        let october = try Tresorerie(store, period: whole.until(d("2024-11-05")))
        #expect(october.rate?.perMonth == Money(cents: 20000))
        #expect(october.rateSentence().contains("sur les 2 mois de septembre 2024 à octobre 2024"))
        // Not a whole month yet.
        let first = try Tresorerie(store, period: whole.until(d("2024-09-20")))
        #expect(first.rate == nil && first.runwaySentence() == "Pas encore de mois complet d'opérations dans le livre : pas de rythme de consommation.")
        #expect(first.cover(first.closing) == nil && first.coverSentence() == nil)
        // A ledger begun on the 15th has its first whole month after it.
        let late = try Store.inMemory(name: "Club", start: d("2024-09-15"), now: .machine)
        try post(late, "2024-09-20", "Cotisations", [("512", 30000), ("7562", -30000)])
        try post(late, "2024-10-20", "Location", [("6132", 10000), ("512", -10000)])
        let lateCash = try Tresorerie(late, period: Period(exercice: late.exercice(nil)).until(d("2024-11-02")))
        #expect(lateCash.rate?.source == .months(first: d("2024-10-01"), last: d("2024-10-01"), count: 1))
        #expect(lateCash.runwaySentence().hasSuffix("sur le mois d'octobre 2024 que le livre couvre). À ce rythme, la trésorerie (200,00 €) couvre environ 2 mois."))
    }

    /// The AG's synthèse when the result and the cash move apart, one case each: the books of
    /// an exercice from 2024-09-01 (à-nouveaux, then entries), its document read once it is over.
    func synthese(opening: [(String, Int64)], _ entries: [(String, [(String, Int64)])]) throws -> String {
        let store = try Store.inMemory(name: "Club", start: d("2024-09-01"), now: .machine)
        try store.post(EntryDraft(journal: "AN", date: d("2024-09-01"), label: "Soldes d'ouverture",
                                  lines: opening.map { LineDraft(account: n($0.0), amount: Money(cents: $0.1)) }))
        for (i, e) in entries.enumerated() { try post(store, "2024-10-\(10 + i)", e.0, e.1) }
        return try BilanFinancier(store, exercice: store.exercice(nil), generatedOn: d("2025-10-01")).markdown(chartsFolder: "g")
    }

    @Test func theSyntheseSaysWhyTheCashMovedAgainstTheResult() throws {
        // A deficit while the cash grew: a charge left unpaid, a receivable of before collected.
        let up = try synthese(opening: [("512", 500000), ("411", 100000), ("1021", -600000)],
                              [("Facture", [("6132", 60000), ("401", -60000)]), ("Encaissement", [("512", 100000), ("411", -100000)])])
        #expect(up.contains("- Résultat de l'exercice : **déficit de 600,00 €**"), "\(up)")
        #expect(up.contains("Malgré le déficit de 600,00 €, la trésorerie a augmenté de 1\u{202F}000,00 € : les dettes ont augmenté de 600,00 € "
                            + "(charges pas encore payées) ; des créances antérieures ont été encaissées pour 1\u{202F}000,00 €.\n"), "\(up)")
        #expect(!up.contains("a été financé") && !up.contains("pourtant"))
        // A deficit paid from the reserves and by paying debts of before too.
        let down = try synthese(opening: [("512", 500000), ("401", -100000), ("1021", -400000)],
                                [("Location", [("6132", 60000), ("512", -60000)]), ("Fournisseur", [("401", 100000), ("512", -100000)])])
        #expect(down.contains("Comment le déficit de 600,00 € a été financé : la trésorerie a baissé de 1\u{202F}600,00 € (réserves utilisées) ; "
                              + "des dettes ont été payées pour 1\u{202F}000,00 €, en plus du déficit.\n"), "\(down)")
        // An excédent while the cash fell: debts of before paid.
        let surplus = try synthese(opening: [("512", 500000), ("401", -200000), ("1021", -300000)],
                                   [("Cotisations", [("512", 30000), ("7562", -30000)]), ("Fournisseur", [("401", 200000), ("512", -200000)])])
        #expect(surplus.contains("- Résultat de l'exercice : **excédent de 300,00 €**"), "\(surplus)")
        #expect(surplus.contains("Malgré l'excédent de 300,00 €, la trésorerie a baissé de 1\u{202F}700,00 € : des dettes ont été payées pour 2\u{202F}000,00 €.\n"),
                "\(surplus)")
        // A result at zero while the cash fell.
        let even = try synthese(opening: [("512", 500000), ("401", -200000), ("1021", -300000)],
                                [("Fournisseur", [("401", 200000), ("512", -200000)])])
        #expect(even.contains("Avec un résultat nul, la trésorerie a baissé de 2\u{202F}000,00 € : des dettes ont été payées pour 2\u{202F}000,00 €.\n"),
                "\(even)")
        // An excédent and more cash: nothing to explain.
        let plain = try synthese(opening: [("512", 500000), ("1021", -500000)], [("Cotisations", [("512", 30000), ("7562", -30000)])])
        #expect(!plain.contains("Malgré") && !plain.contains("a été financé") && !plain.contains("Avec un résultat"), "\(plain)")
    }

    /// The AG's document made during the exercice (for a board meeting): the day's figures,
    /// against the same part of the previous exercice, and the budget at the day's date.
    @Test func theAGDocumentMadeDuringTheExerciceIsTheDays() throws {
        let store = try club()
        // The AG's document made that day (a board meeting): the day's cash and balance sheet.
        let ag = try BilanFinancier(store, exercice: store.exercice(nil), generatedOn: d("2024-12-03")).markdown(chartsFolder: "g")
        #expect(ag.contains("**4\u{202F}400,00 €** au 03/12/2024") && ag.contains("\n# Bilan au 03/12/2024\n"))
        #expect(ag.contains("| décembre 2024 |") && !ag.contains("| janvier 2025 |") && ag.contains("sur les 3 mois de septembre 2024 à novembre 2024"))
        #expect(ag.contains("- Résultat au 03/12/2024 : **déficit de 600,00 €**"))
        // The deficit was paid from the reserves: nothing owed, nothing owing.
        #expect(ag.contains("Comment le déficit de 600,00 € a été financé : la trésorerie a baissé de 600,00 € (réserves utilisées).\n"), "\(ag)")
        #expect(ag.contains("- Point bas de la trésorerie : **4\u{202F}400,00 €** le 20/11/2024") && !ag.contains("créances :"))
        // Asked at a date (rapport-ag --au), long after it: the figures of that date.
        let october = try BilanFinancier(store, exercice: store.exercice(nil), generatedOn: d("2025-10-01"), at: d("2024-10-31")).markdown(chartsFolder: "g")
        #expect(october.contains("- Résultat au 31/10/2024 : **déficit de 400,00 €**") && !october.contains("| novembre 2024 |"))
        #expect(october.contains("- Point bas de la trésorerie : **4\u{202F}600,00 €** le 20/10/2024"))
        // With the previous exercice: compared with the same part of it, whose dates are given.
        let earlier = try Store.inMemory(name: "Club", start: d("2023-09-01"), now: .machine)
        try earlier.addExercice(start: d("2024-09-01"))
        try post(earlier, "2023-10-15", "Cotisations", [("512", 40000), ("7562", -40000)])
        try post(earlier, "2024-03-15", "Cotisations", [("512", 90000), ("7562", -90000)])
        try post(earlier, "2024-10-15", "Cotisations", [("512", 100000), ("7562", -100000)])
        let compared = try BilanFinancier(earlier, exercice: earlier.exercice("2024-2025"), generatedOn: d("2024-12-03")).markdown(chartsFolder: "g")
        #expect(compared.contains("| 7562 | Cotisations avec contrepartie | 1\u{202F}000,00 | 400,00 | 600,00 |"), "\(compared)")
        #expect(compared.contains("Colonne 2023-2024 : la même période de l'exercice précédent, du 01/09/2023 au 03/12/2023."))
        #expect(compared.contains("Principales évolutions par rapport à 2023-2024 à la même date :"))
        #expect(compared.contains("Chaque compte avec son propre solde, en euros, avec la même période de l'exercice précédent et la variation."))
        try earlier.saveBudget([poste("Cotisations", .recette, 3650, ["756"])], exercice: earlier.exercice("2024-2025"), version: "initial")
        let withBudget = try BilanFinancier(earlier, exercice: earlier.exercice("2024-2025"), generatedOn: d("2024-12-03")).markdown(chartsFolder: "g")
        #expect(withBudget.contains("| Poste | Prévu | Prévu à date |"), "the budget too is at the day's date")
    }

    @Test func fecFieldsHoldNoSeparator() {
        #expect(FEC.clean("Frais | banque\tjanvier\r\n2024") == "Frais banque janvier 2024")
        #expect(FEC.clean("  Café   d’équipe | ") == "Café d’équipe")
        #expect(FEC.clean("Élan ✓") == "Élan ✓")
        #expect(FEC.clean("|\t\n") == "")
    }

    @Test func theAnnexSaysHowTheBooksAreKept() throws {
        let store = try sample()
        func method() throws -> String {
            let md = try BilanFinancier(store, exercice: store.exercice(nil), generatedOn: d("2025-03-01")).markdown(chartsFolder: "g")
            return String(try #require(md.split(separator: "\n").first { $0.hasPrefix("- ") && $0.contains("enregistr") && $0.contains("banque") }))
        }
        // Only bank lines: the books follow the money.
        #expect(try method().hasPrefix("- Comptabilité de trésorerie : chaque opération est enregistrée à la date de son passage en banque"))
        // A 471 balance is no receivable.
        try post(store, "2024-04-10", "Inconnu", [("512", 700), ("471", -700)])
        #expect(try method().hasPrefix("- Comptabilité de trésorerie"))
        // An invoice of December paid in January, and a subscription paid in advance: commitments.
        try post(store, "2024-12-20", "Facture OVH décembre", [("604A", 3000), ("408", -3000)])
        try post(store, "2024-12-31", "Abonnement 2025 payé d'avance", [("486", 1200), ("604A", -1200)])
        #expect(try method() == "- Les créances et les dettes sont enregistrées sur les comptes de tiers et de régularisation (408, 486) ; "
                    + "les opérations de banque, à la date du relevé.")
    }

    @Test func percentages() {
        #expect(tenthsOfPercent(Money(cents: 875), of: Money(cents: 1000)) == 875)
        #expect(tenthsOfPercent(Money(cents: 1), of: Money(cents: 3)) == 333)
        #expect(tenthsOfPercent(Money(cents: 2), of: Money(cents: 3)) == 667)
        #expect(tenthsOfPercent(Money(cents: -2), of: Money(cents: 3)) == -667)
        #expect(tenthsOfPercent(Money(cents: 5), of: .zero) == nil)
        #expect(formatPercent(875) == "87,5\u{A0}%")
    }
}
