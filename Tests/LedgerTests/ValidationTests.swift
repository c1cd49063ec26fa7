import Testing
@testable import Ledger

/// A small catalog: the PCA 2018 chart's accounts used here, one custom account, one project,
/// an open 2024 and a closed 2023.
func sampleCatalog() -> Catalog {
    let numbers = ["512": "Banques", "604": "Achats d'études et prestations de services", "604A": "OVH",
                   "6063": "Fournitures d'entretien et petit équipement", "7562": "Cotisations avec contrepartie",
                   "6": "Classe 6", "60": "Achats", "627": "Services bancaires et assimilés",
                   "1021": "Première situation nette établie"]
    let accounts = numbers.map { Account(number: AccountNumber(trusted: $0.key), label: $0.value, isCustom: $0.key == "604A") }
    let exercices = [
        Exercice(id: 1, label: "2023", start: Day(year: 2023, month: 1, day: 1)!, end: Day(year: 2023, month: 12, day: 31)!, chart: .pca2018, isClosed: true),
        Exercice(id: 2, label: "2024", start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!, chart: .pca2018, isClosed: false),
    ]
    return Catalog(accounts: accounts, projects: [Project(code: "BL-EVOLUTION", name: "BL-Évolution")],
                   journals: Journal.defaults, exercices: exercices)
}

func line(_ account: String, _ cents: Int64, project: String? = nil) -> LineDraft {
    LineDraft(account: AccountNumber(trusted: account), amount: Money(cents: cents), project: project)
}

func entry(_ lines: [LineDraft], on date: Day = Day(year: 2024, month: 3, day: 5)!, label: String = "Facture OVH mars") -> EntryDraft {
    EntryDraft(journal: "BQ", date: date, label: label, lines: lines)
}

@Suite struct EntryValidation {
    let catalog = sampleCatalog()

    @Test func balancedEntryIsAccepted() throws {
        let e = try catalog.validate(entry([line("604A", 12000, project: "BL-EVOLUTION"), line("512", -12000)]))
        #expect(e.label == "2024")
    }

    @Test func unbalancedGivesBothTotals() {
        #expect(throws: EntryError.unbalanced(debit: Money(cents: 12000), credit: Money(cents: 10000))) {
            try catalog.validate(entry([line("604A", 12000), line("512", -10000)]))
        }
    }

    @Test func oneLineAndNoLine() {
        #expect(throws: EntryError.tooFewLines(count: 1)) { try catalog.validate(entry([line("604A", 12000)])) }
        #expect(throws: EntryError.tooFewLines(count: 0)) { try catalog.validate(entry([])) }
    }

    @Test func zeroLine() {
        #expect(throws: EntryError.zeroLine(index: 2, account: AccountNumber(trusted: "627"))) {
            try catalog.validate(entry([line("604A", 12000), line("627", 0), line("512", -12000)]))
        }
        // With the balancing line left out (it would be zero), the zero line is still the mistake.
        #expect(throws: EntryError.zeroLine(index: 1, account: AccountNumber(trusted: "6063"))) { try catalog.validate(entry([line("6063", 0)])) }
    }

    @Test func unknownAccountSuggestsNeighbours() {
        let error = #expect(throws: EntryError.self) {
            try catalog.validate(entry([line("6049", 12000), line("512", -12000)]))
        }
        guard case .unknownAccount(let n, let suggestions)? = error else {
            Issue.record("expected unknownAccount, got \(String(describing: error))")
            return
        }
        #expect(n.text == "6049")
        #expect(suggestions.map(\.number.text) == ["604", "604A", "6063"])
    }

    @Test func classAccountIsNotPostable() {
        #expect(throws: EntryError.notPostable(AccountNumber(trusted: "6"))) {
            try catalog.validate(entry([line("6", 12000), line("512", -12000)]))
        }
    }

    @Test func unknownProject() {
        #expect(throws: EntryError.unknownProject("CAMP", known: ["BL-EVOLUTION"])) {
            try catalog.validate(entry([line("604A", 12000, project: "CAMP"), line("512", -12000)]))
        }
    }

    @Test func datesOutsideOrClosed() {
        let outside = Day(year: 2025, month: 1, day: 2)!
        #expect(throws: EntryError.outsideExercices(outside, exercices: catalog.exercices)) {
            try catalog.validate(entry([line("604A", 100), line("512", -100)], on: outside))
        }
        let closed = Day(year: 2023, month: 6, day: 1)!
        #expect(throws: EntryError.closedExercice(closed, catalog.exercices[0])) {
            try catalog.validate(entry([line("604A", 100), line("512", -100)], on: closed))
        }
    }

    @Test func emptyLabelAndUnknownJournal() {
        #expect(throws: EntryError.emptyLabel) { try catalog.validate(entry([line("604A", 1), line("512", -1)], label: "  ")) }
        var e = entry([line("604A", 1), line("512", -1)])
        e.journal = "XX"
        #expect(throws: EntryError.unknownJournal("XX", known: ["AN", "BQ", "CA", "OD"])) { try catalog.validate(e) }
    }

    /// À-nouveaux carry balance-sheet balances into an exercice: on its first day, classes 1 to 5.
    @Test func openingEntriesAreOnTheFirstDayAndOnBalanceSheetAccounts() throws {
        let first = Day(year: 2024, month: 1, day: 1)!, later = Day(year: 2024, month: 3, day: 5)!
        var e = entry([line("512", 120000), line("604A", -120000)], on: first)
        e.journal = "AN"
        // 2024 follows 2023 in the ledger: its à-nouveaux come from 2023's closing, never typed.
        #expect(throws: EntryError.openingAfter(catalog.exercices[1], earlier: catalog.exercices[0])) { try catalog.validate(e) }
        e.lines = [line("512", 120000), line("1021", -120000)]
        #expect(throws: EntryError.openingAfter(catalog.exercices[1], earlier: catalog.exercices[0])) { try catalog.validate(e) }
        // The closing's own entry follows the other rules.
        e.origin = .closing
        e.lines = [line("512", 120000), line("604A", -120000)]
        #expect(throws: EntryError.openingOnResultAccount(AccountNumber(trusted: "604A"))) { try catalog.validate(e) }
        e.lines = [line("512", 120000), line("627", -120000)]
        #expect(throws: EntryError.openingOnResultAccount(AccountNumber(trusted: "627"))) { try catalog.validate(e) }
        e.date = later
        #expect(throws: EntryError.openingNotOnFirstDay(later, catalog.exercices[1])) { try catalog.validate(e) }
        // The same lines in another journal, any day, are an ordinary entry.
        e.journal = "OD"
        e.origin = .ordinary
        #expect(try catalog.validate(e).label == "2024")
    }

    @Test func overflowingTotalIsAnError() {
        #expect(throws: EntryError.amountOverflow) {
            try catalog.validate(entry([line("604A", .max), line("627", .max), line("512", -1)]))
        }
    }

    @Test func balancingLineAndJournalSuggestion() {
        var e = entry([line("604A", 12000), line("627", 450)])
        e.addBalancingLine(account: AccountNumber(trusted: "512"))
        #expect(e.lines.last == line("512", -12450))
        #expect(e.totalDebit == e.totalCredit)
        #expect(EntryDraft.suggestedJournal(for: e.lines) == "BQ")
        #expect(EntryDraft.suggestedJournal(for: [line("604A", 1), line("530", -1)]) == "CA")
        #expect(EntryDraft.suggestedJournal(for: [line("604A", 1), line("401", -1)]) == "OD")
    }
}

/// Ventilation: the parts of an operation, on the side opposite the bank's.
@Suite struct Ventilation {
    let a = AccountNumber(trusted: "7562"), b = AccountNumber(trusted: "754"), fees = AccountNumber(trusted: "627")

    @Test func partsFileTheOperationOnTheOtherSide() throws {
        // A payout of 245,00 €: 200 of cotisations, 50 of dons, a commission of 5 kept.
        let parts = try AssignmentPart.resolve([AssignmentPart(a, amount: Money(cents: 20_000)), AssignmentPart(b, project: "CAMP"),
                                                AssignmentPart(fees, amount: Money(cents: -500))], filing: Money(cents: 24_500), project: "BL")
        #expect(parts.map(\.amount) == [Money(cents: 20_000), Money(cents: 5_000), Money(cents: -500)])
        #expect(parts.map(\.project) == ["BL", "CAMP", "BL"])
        let lines = parts.map { $0.line(filing: Money(cents: 24_500)) }
        #expect(lines.map(\.amount.cents) == [-20_000, -5_000, 500], "credits for money in, the commission a debit")
        // An expense: the parts are debits.
        let paid = try AssignmentPart.resolve([AssignmentPart(a, amount: Money(cents: 6_000)), AssignmentPart(b)], filing: Money(cents: -9_000), project: nil)
        #expect(paid.map { $0.line(filing: Money(cents: -9_000)).amount.cents } == [6_000, 3_000])
    }

    @Test func partsThatDoNotFileTheOperationAreRefused() {
        let op = Money(cents: 24_500)
        #expect(throws: SplitError.severalOpenParts([a, b])) { try AssignmentPart.resolve([AssignmentPart(a), AssignmentPart(b)], filing: op, project: nil) }
        #expect(throws: SplitError.zeroPart(a)) { try AssignmentPart.resolve([AssignmentPart(a, amount: .zero), AssignmentPart(b)], filing: op, project: nil) }
        #expect(throws: SplitError.doesNotAddUp(parts: Money(cents: 20_000), operation: op)) {
            try AssignmentPart.resolve([AssignmentPart(a, amount: Money(cents: 10_000)), AssignmentPart(b, amount: Money(cents: 10_000))], filing: op, project: nil)
        }
        #expect(throws: SplitError.nothingLeft(b, parts: op, operation: op)) {
            try AssignmentPart.resolve([AssignmentPart(a, amount: op), AssignmentPart(b)], filing: op, project: nil)
        }
        #expect(throws: SplitError.amountOverflow) {
            try AssignmentPart.resolve([AssignmentPart(a, amount: Money(cents: .max)), AssignmentPart(b, amount: Money(cents: .max))], filing: op, project: nil)
        }
    }
}

@Suite struct ChainText {
    func link(version: Int = Chain.currentVersion, label: String = "Frais", piece: String?, lineLabel: String? = nil) -> Chain.Link {
        Chain.Link(version: version, exercice: "2024", exerciceStart: Day(year: 2024, month: 1, day: 1)!, exerciceEnd: Day(year: 2024, month: 12, day: 31)!,
                   journal: "BQ", journalKind: "banque", validationNumber: 1, number: 2, date: Day(year: 2024, month: 3, day: 5)!, label: label,
                   piece: piece, validatedOn: Day(year: 2024, month: 4, day: 1)!, lines: [Chain.Line(account: "627", debit: 450, credit: 0, label: lineLabel, project: nil),
                                                                            Chain.Line(account: "512", debit: 0, credit: 450, label: nil, project: nil)])
    }

    /// A field that holds the text « ∅ » is not a field left empty (issue 19: they hashed alike).
    @Test func aTextThatIsTheEmptyMarkIsNotAnAbsentField() {
        #expect(link(piece: "∅").canonical != link(piece: nil).canonical)
        #expect(link(piece: nil, lineLabel: "∅").canonical != link(piece: nil).canonical)
        #expect(link(piece: "∅x").canonical != link(piece: "\\∅x").canonical)
    }

    /// Version 1 is the text every link validated before migration 7 was hashed on: it must
    /// never change, or those chains would break.
    @Test func version1TextIsUnchanged() {
        #expect(link(version: 1, piece: nil).canonical == "2024|BQ|1|2|2024-03-05|Frais|∅|2024-04-01\n627|450|0|∅|∅\n512|0|450|∅|∅")
        #expect(link(version: 1, piece: "∅").canonical == link(version: 1, piece: nil).canonical, "the ambiguity version 2 removes")
        #expect(link(version: 2, piece: nil).canonical.hasPrefix("v2|2024|2024-01-01|2024-12-31|BQ|banque|1|2|"))
    }

    @Test func anAnchorReadsBackItsText() {
        let a = Chain.Anchor(count: 225, date: Day(year: 2025, month: 12, day: 3)!, hash: String(repeating: "9F3C", count: 16))
        #expect(a.text == "225-20251203-9f3c9f3c9f3c9f3c")
        #expect(Chain.Anchor(" 225-20251203-9F3C9F3C9F3C9F3C ") == a)
        for bad in ["225-20251203-9f3c", "0-20251203-9f3c9f3c9f3c9f3c", "225-2025123-9f3c9f3c9f3c9f3c", "225-20251203-9f3c9f3c9f3c9f3g", "x"] {
            #expect(Chain.Anchor(bad) == nil, "\(bad)")
        }
    }
}
