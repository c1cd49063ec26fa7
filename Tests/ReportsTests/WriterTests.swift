import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Ledger
import LedgerStore
@testable import Reports

/// Each writer escapes for its own syntax: what a label holds never becomes syntax.
@Suite struct WritersEscape {
    /// hledger ends an account name at two spaces of any kind: a label with two no-break spaces
    /// followed by « 1000 EUR @@ » made it read 1 000 € for a 120 € invoice.
    @Test func hledgerReadsTheBooksAmounts() throws {
        let store = try Store.inMemory(start: Day(year: 2024, month: 1, day: 1)!, now: .machine)
        try store.addAccount(n("604A"), label: "OVH\u{A0}\u{A0}1000 EUR @@")
        try store.addAccount(n("604B"), label: "Retzo\u{202F}\u{202F}7 EUR ;  \u{2003}x")
        try post(store, "2024-03-05", "Facture\u{A0}\u{A0}1000 EUR", [("604A", 12000), ("604B", 500), ("512", -12500)])
        let journal = try HledgerExport.journal(store)
        #expect(!journal.contains("\u{A0}\u{A0}") && !journal.contains("\u{202F}\u{202F}"))
        guard let theirs = try hledgerBalances(journal) else {
            print("hledger n'est pas installé : comparaison sautée (la CI l'installe).")
            return
        }
        #expect(theirs == ["604A": 12000, "604B": 500, "512": -12500])
    }

    /// XML 1.0 has no place for a control character: one in a budget poste made the chart unreadable.
    @Test func svgChartsStayWellFormed() throws {
        let svg = SVGChart.bars(title: "Budget\u{1}", description: "<d>\u{7}", categories: ["Héberge\u{1}ment <&> \"x\"", "B\u{1B}[31m"],
                                series: [SVGChart.Series(name: "Prévu\u{0}", values: [Money(cents: 100), Money(cents: 200)])])
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test func markdownAndFECTextsHoldNoControl() {
        #expect(MarkdownRenderer.escape("A\u{1B}[2J\u{202E}B\nC|D") == "A\\[2JB C\\|D")
        #expect(FEC.clean("B\nQ\u{1}\tX|Y\u{7F}") == "B Q X Y")
    }
}

/// The blanks each writer collapses (`String.collapsingBlanks`), on the texts that tell them
/// apart: ends, tabs, CR/LF, no-break spaces, runs, its own separators.
@Suite struct BlanksCollapsed {
    @Test func aFECFieldTakesEveryASCIIBlankAndThePipe() {
        #expect(FEC.clean("  VIR  SEPA\tDUPONT \n") == "VIR SEPA DUPONT")
        #expect(FEC.clean("a\r\nb") == "a b")
        #expect(FEC.clean("a \r\n b") == "a b")
        #expect(FEC.clean("a\u{A0}\u{A0}b") == "a\u{A0}\u{A0}b")
        #expect(FEC.clean("a \u{202F} b") == "a \u{202F} b")
        #expect(FEC.clean("\t \t") == "")
        #expect(FEC.clean("CB|CARREFOUR;x") == "CB CARREFOUR;x")
        #expect(FEC.clean("a\u{7F}b\u{1}c") == "a b c")
        #expect(FEC.clean(" \u{301}x") == "\u{301}x")
        #expect(FEC.clean("Déjà propre") == "Déjà propre")
    }

    @Test func anHledgerNameTakesEveryWhiteSpaceAndTheSemicolon() {
        #expect(HledgerExport.clean("  VIR  SEPA\tDUPONT \n") == "VIR SEPA DUPONT")
        #expect(HledgerExport.clean("a\r\nb") == "a b")
        #expect(HledgerExport.clean("a \r\n b") == "a b")
        #expect(HledgerExport.clean("a\u{A0}\u{A0}b") == "a b")
        #expect(HledgerExport.clean("a \u{202F} b") == "a b")
        #expect(HledgerExport.clean("\t \t") == "")
        #expect(HledgerExport.clean("CB|CARREFOUR;x") == "CB|CARREFOUR x")
        #expect(HledgerExport.clean("a\u{7F}b\u{1}c") == "abc")
        #expect(HledgerExport.clean(" \u{301}x") == "x")
        #expect(HledgerExport.clean("Déjà propre") == "Déjà propre")
    }
}
