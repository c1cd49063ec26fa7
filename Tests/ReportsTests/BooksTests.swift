import Testing
import Ledger
import LedgerStore
@testable import Reports

func d(_ s: String) -> Day { try! Day(parsing: s) }
func n(_ s: String) -> AccountNumber { AccountNumber(trusted: s) }

func post(_ store: Store, _ date: String, _ label: String, _ lines: [(String, Int64)], project: String? = nil) throws {
    try store.post(EntryDraft(journal: "BQ", date: d(date), label: label,
                              lines: lines.map { LineDraft(account: n($0.0), amount: Money(cents: $0.1), project: project) }))
}

@Suite struct Books {
    func sample() throws -> Store {
        let store = try Store.inMemory(name: "Asso | test", start: d("2024-01-01"))
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
        let march = try Balance(store, period: Period(exercice: store.exercice(nil), from: d("2024-03-01"), to: d("2024-03-31")))
        #expect(march.rows.map(\.account.text) == ["512", "627"])
    }

    @Test func grandLivreRunsTheBalance() throws {
        let store = try sample()
        let gl = try GrandLivre(store, period: Period(exercice: store.exercice(nil)), accountPrefix: "512")
        #expect(gl.sections.count == 1)
        let text = TextRenderer.render(gl.document(association: "A"))
        #expect(text.contains("-120,00"))
        #expect(text.contains("-70,00"))
        #expect(text.contains("-74,50"))
        #expect(!text.contains("Compte"), "the data-only account column is not shown to people")
        let csv = CSVRenderer.render(gl.document(association: "A"))
        #expect(csv.hasPrefix("Date;Jnl;N°;Pièce;Libellé;Débit;Crédit;Solde;Compte\r\n"))
    }

    @Test func renderersNeutraliseLabels() throws {
        let store = try sample()
        let j = try JournalBook(store, period: Period(exercice: store.exercice(nil))).document(association: "Asso | test")
        let csv = CSVRenderer.render(j)
        #expect(csv.contains(";\"'=HYPERLINK(\"\"x\"\")\";"), "formula neutralised and quoted")
        let md = MarkdownRenderer.render(j)
        #expect(md.contains("Frais \\| banque \\<b\\>"))
        #expect(!md.contains("<b>"))
        #expect(md.contains("Asso \\| test"))
        let json = JSONRenderer.render(j)
        #expect(json.contains(#""libelle": "=HYPERLINK(\"x\")""#))
        #expect(json.contains(#""debit": 12000"#))
    }

    @Test func emptyLedgerGivesEmptyReports() throws {
        let store = try Store.inMemory(start: d("2024-01-01"))
        let b = try Balance(store, period: Period(exercice: store.exercice(nil)))
        #expect(b.rows.isEmpty)
        #expect(b.totalDebit == .zero)
        for f in OutputFormat.allCases { #expect(!f.render(b.document(association: "A")).isEmpty) }
    }

    @Test func periodMustNotBeEmpty() throws {
        let store = try Store.inMemory(start: d("2024-01-01"))
        #expect(throws: ReportError.fromAfterTo(from: d("2024-05-01"), to: d("2024-04-01"))) {
            try Period(exercice: store.exercice(nil), from: d("2024-05-01"), to: d("2024-04-01"))
        }
    }

    @Test func fecFieldsHoldNoSeparator() {
        #expect(FEC.clean("Frais | banque\tjanvier\r\n2024") == "Frais banque janvier 2024")
        #expect(FEC.clean("  Café   d’équipe | ") == "Café d’équipe")
        #expect(FEC.clean("Élan ✓") == "Élan ✓")
        #expect(FEC.clean("|\t\n") == "")
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
