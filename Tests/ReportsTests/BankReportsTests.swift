import Foundation
import Testing
import Ledger
import LedgerStore
@testable import Reports

/// The bank's documents (`attente`, `releves`, `regles`, the import's summary, `--banques`),
/// computed from an in-memory ledger.
@Suite struct BankReports {
    /// 00:30 in Paris on 5 March 2024 is still 4 March in UTC.
    static let now = Now(at: ISO8601DateFormatter().date(from: "2024-03-04T23:30:00Z")!, in: TimeZone(identifier: "Europe/Paris")!)!

    func ledger() throws -> Store {
        let store = try Store.inMemory(name: "Asso", start: d("2024-01-01"), now: Self.now)
        try store.addAccount(n("604A"), label: "OVH")
        return store
    }

    /// A statement of `lines` (date, label, amount in cents), those of `filed` labels under 604A,
    /// the others waiting in 471, as `BankImporter.plan` makes them; `leftOut` lines set aside.
    func batch(_ lines: [(String, String, Int64)], filed: Set<String> = [], leftOut: Int = 0) -> BankBatch {
        BankBatch(fileName: "releve.csv", fileHash: "h", format: "generique", bankAccount: n("512"), bankAccountID: nil,
                  firstDate: lines.map { d($0.0) }.min(), lastDate: lines.map { d($0.0) }.max(), closingBalance: nil, closingDate: nil,
                  count: lines.count, leftOut: leftOut) { i in
            let (date, label, cents) = lines[i]
            let filedHere = filed.contains(label)
            return BankEntry(fingerprint: "f\(i)", sourceLine: i + 2, date: d(date), amount: Money(cents: cents), bankLabel: label,
                             rule: filedHere ? 10 : nil,
                             entry: EntryDraft(journal: "BQ", date: d(date), label: filedHere ? "Hébergement" : label, lines: [
                                LineDraft(account: n("512"), amount: Money(cents: cents)),
                                LineDraft(account: filedHere ? n("604A") : .waiting, amount: Money(cents: -cents)),
                             ]))
        }
    }

    let march = [("2024-03-01", "OVH SAS", Int64(-1_200)), ("2024-03-02", "VIR DUPONT", 4_500), ("2024-03-03", "CHQ 123", -800)]

    @Test func waitingLinesAreTheLedgersOn471() throws {
        let store = try ledger()
        _ = try store.record(batch(march, filed: ["OVH SAS"]), dryRun: false)
        try post(store, "2024-03-10", "Don en espèces", [("530", 2_000), ("471", -2_000)])
        let waiting = try WaitingLines(store)
        #expect(waiting.lines.map(\.amount) == [Money(cents: 4_500), Money(cents: -800), Money(cents: 2_000)])
        #expect(waiting.total == Money(cents: 5_700))
        let doc = waiting.document(association: "Asso")
        let csv = try OutputFormat.csv.render(doc)
        // The bank's label when the line came from a statement, the entry's otherwise.
        #expect(csv.contains("2024;2;02/03/2024;45,00;VIR DUPONT"), "\(csv)")
        #expect(csv.contains("2024;4;10/03/2024;20,00;Don en espèces"), "\(csv)")
        #expect(doc.notes == ["3 opérations en attente (solde du 471 : 57,00 €). Pour classer : compta affecter NUMERO COMPTE [--projet P] "
                              + "[--regle MOTIF] ; pour ventiler entre plusieurs comptes : compta affecter NUMERO 7562=200 754@PROJET"])
        #expect(try WaitingLines.document(store, .presenting(store.exercice(nil), today: Self.now.today)) == doc)
        let next = try store.addExercice(start: d("2025-01-01"))
        #expect(try WaitingLines(store, exercice: next).lines.isEmpty)
        #expect(try WaitingLines(store, exercice: next).document(association: "Asso").notes == ["Rien en attente : toutes les opérations sont classées."])
    }

    @Test func importedStatementsCountAsTheImportSaid() throws {
        let store = try ledger()
        _ = try store.record(batch(march, leftOut: 2), dryRun: false)
        _ = try store.validate(upTo: d("2024-03-01"))
        let statements = try ImportedStatements(store)
        let st = try #require(statements.statements.first)
        #expect(statements.statements.count == 1)
        #expect((st.linesRead, st.linesNew, st.linesLeftOut, st.alreadyThere, st.validated) == (5, 3, 2, 0, 1))
        // Imported at 00:30 in Paris: the 5th for the user, the 4th in UTC (CSV and JSON only).
        #expect(st.importedAt == Timestamp(utc: "2024-03-04T23:30:00Z", local: .init(day: d("2024-03-05"), time: "00:30")))
        let doc = statements.document(association: "Asso")
        let csv = try OutputFormat.csv.render(doc)
        #expect(csv.contains("1;releve.csv;512;05/03/2024;2024-03-04T23:30:00Z;01/03/2024;03/03/2024;5;3;0;2;0;1"), "\(csv)")
        #expect(try !OutputFormat.texte.render(doc).contains("23:30"))
        #expect(try ImportedStatements.document(store, .presenting(store.exercice(nil), today: Self.now.today)) == doc)
    }

    @Test func theRulesAreListedInTheirOrder() throws {
        let store = try ledger()
        try store.addRule(Rule(pattern: "OVH", account: n("604A")))
        try store.addRule(Rule(position: 1, pattern: "^VIR (DON|COTIS)", isRegex: true, direction: .income, minimum: Money(cents: 1_000),
                               account: n("7562"), label: "Cotisation"))
        let list = try RuleList(store)
        // Numbered in the order they are tried: the second, placed first, is n° 1.
        #expect(list.rules.map(\.position) == [1, 2])
        let csv = try OutputFormat.csv.render(list.document(association: "Asso"))
        #expect(csv.contains("1;/^VIR (DON|COTIS)/;recette;10,00;;7562;;Cotisation;\r\n2;OVH;;;;604A;;;\r\n"), "\(csv)")
        #expect(try RuleList.document(store, .presenting(store.exercice(nil), today: Self.now.today)) == list.document(association: "Asso"))
    }

    @Test func theImportSummaryTellsWhatTheLedgerDid() throws {
        let store = try ledger()
        let reading = StatementReading(formatName: "CSV générique", encoding: "utf-8", skipped: 0, before: 1, zeroAmounts: 0)
        let b = batch(march, filed: ["OVH SAS"], leftOut: 1)
        let outcome = try store.record(b, dryRun: false)
        let balance = try #require(outcome.ledgerBalance)
        let first = ImportSummary(ImportResult(reading: reading, batch: b, outcome: outcome, dryRun: false,
                                               reconciliation: Reconciliation(day: nil, statement: Money(cents: 2_500), ledger: balance, before: nil)),
                                  detailed: false).document
        #expect(first.subtitle == ["Relevé : releve.csv (CSV générique, utf-8), compte 512", "Opérations du 01/03/2024 au 03/03/2024"])
        #expect(first.notes.contains("Lignes lues : 4 · nouvelles : 3 · déjà importées : 0 · laissées de côté (avant --du) : 1"))
        #expect(first.notes.contains("Classées par une règle : 1 · en attente sur 471 : 2"))
        #expect(first.notes.contains("Rapprochement : solde du relevé 25,00 € ; solde du compte 512 dans le livre 25,00 € ; écart nul."))
        let waiting = try OutputFormat.csv.render(first)
        #expect(waiting.contains("2;02/03/2024;45,00;VIR DUPONT\r\n3;03/03/2024;-8,00;CHQ 123"), "\(waiting)")
        // The same file again: nothing new, and when the first import was, on the user's clock.
        let again = ImportSummary(ImportResult(reading: reading, batch: b, outcome: try store.record(b, dryRun: true), dryRun: true,
                                               reconciliation: nil), detailed: true).document
        #expect(again.title == "Import (essai)")
        #expect(again.notes.contains("Ce fichier a déjà été importé (le 05/03/2024 à 00:30) : seules les opérations nouvelles comptent."))
        #expect(again.notes.contains("Lignes lues : 4 · nouvelles : 0 · déjà importées : 3 · laissées de côté (avant --du) : 1"))
        let json = try OutputFormat.json.render(again)
        #expect(json.contains("\"deja_importee\": true, \"pointage\": \"\", \"empreinte\": \"f2\""), "\(json)")
    }

    @Test func theFormatsAreListedWithTheirDetailsInData() throws {
        struct Format: StatementFormat { let id = "ofx", name = "OFX", aliases = ["money"], details = "balises <STMTTRN>" }
        let doc = BankFormats([Format()], notEstablished: [("LCL", "export OFX")]).document
        #expect(try OutputFormat.csv.render(doc).contains("ofx;OFX;money;balises <STMTTRN>"))
        #expect(try !OutputFormat.texte.render(doc).contains("money"))
        #expect(doc.notes.last == "LCL : format CSV non établi à partir de sources publiques ; utilisez l'export OFX.")
    }
}
