import Testing
import Ledger
import Reports

/// Amounts in words, as a tax receipt writes them: the traditional spelling, with its agreements.
@Suite struct FrenchNumberWords {
    @Test("numbers: the teens, soixante-dix, quatre-vingts, cent(s), mille, million(s), milliard(s)", arguments: [
        (0, "zéro"), (1, "un"), (16, "seize"), (17, "dix-sept"), (21, "vingt et un"), (22, "vingt-deux"),
        (30, "trente"), (61, "soixante et un"), (70, "soixante-dix"), (71, "soixante et onze"), (72, "soixante-douze"),
        (77, "soixante-dix-sept"), (79, "soixante-dix-neuf"), (80, "quatre-vingts"), (81, "quatre-vingt-un"),
        (89, "quatre-vingt-neuf"), (90, "quatre-vingt-dix"), (91, "quatre-vingt-onze"), (99, "quatre-vingt-dix-neuf"),
        (100, "cent"), (101, "cent un"), (180, "cent quatre-vingts"), (200, "deux cents"), (201, "deux cent un"),
        (280, "deux cent quatre-vingts"), (999, "neuf cent quatre-vingt-dix-neuf"),
        (1000, "mille"), (1001, "mille un"), (1080, "mille quatre-vingts"), (1100, "mille cent"), (2000, "deux mille"),
        (21000, "vingt et un mille"), (80000, "quatre-vingt mille"), (80080, "quatre-vingt mille quatre-vingts"),
        (200_000, "deux cent mille"), (201_000, "deux cent un mille"), (999_999, "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf"),
        (1_000_000, "un million"), (2_000_000, "deux millions"), (1_200_000, "un million deux cent mille"),
        (80_000_000, "quatre-vingts millions"), (200_000_000, "deux cents millions"), (201_000_000, "deux cent un millions"),
        (1_000_000_000, "un milliard"), (3_000_000_001, "trois milliards un"),
        (1_000_000_000_000, "mille milliards"),
    ] as [(Int64, String)])
    func number(_ n: Int64, _ words: String) {
        #expect(FrenchNumber.words(n) == words)
    }

    @Test("amounts: euros, centimes, un euro, un centime, zéro euro, d'euros after million(s)", arguments: [
        (12050, "cent vingt euros et cinquante centimes"), (1, "un centime"), (2, "deux centimes"), (0, "zéro euro"),
        (100, "un euro"), (101, "un euro et un centime"), (200, "deux euros"), (7100, "soixante et onze euros"),
        (8000, "quatre-vingts euros"), (8100, "quatre-vingt-un euros"), (9100, "quatre-vingt-onze euros"),
        (20000, "deux cents euros"), (20100, "deux cent un euros"), (100_000, "mille euros"), (108_000, "mille quatre-vingts euros"),
        (100_000_000, "un million d'euros"), (200_000_000, "deux millions d'euros"), (200_000_050, "deux millions d'euros et cinquante centimes"),
        (200_000_100, "deux millions un euros"), (8_000_000_000, "quatre-vingts millions d'euros"),
        (99_999_999_999, "neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf euros et quatre-vingt-dix-neuf centimes"),
        (-1250, "moins douze euros et cinquante centimes"),
    ] as [(Int64, String)])
    func amount(_ cents: Int64, _ words: String) {
        #expect(Money(cents: cents).frenchWords == words)
    }

    /// Every amount of the receipts' range says something and never begins « un mille » or « un cent », never says zéro.
    @Test func noStrayWords() {
        for cents in stride(from: Int64(1), to: 99_999_999_999, by: 9_876_543) {
            let w = Money(cents: cents).frenchWords
            #expect(!w.hasPrefix("un mille") && !w.hasPrefix("un cent ") && !w.contains("  ") && !w.contains("zéro"), "\(cents): \(w)")
        }
    }
}

/// The declaration of receipts is due the second working day after 1 May: weekends, 8 May and
/// Ascension Thursday do not count.
@Suite struct ReceiptDeclarationDeadline {
    @Test("deadline", arguments: [(2024, "2024-05-03"), (2025, "2025-05-05"), (2026, "2026-05-05"), (2008, "2008-05-05"), (2027, "2027-05-04")])
    func deadline(_ year: Int, _ day: String) {
        #expect(ReceiptReports.declarationDeadline(year: year).iso == day)
    }
}
