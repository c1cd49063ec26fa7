import Testing
@testable import Imports

/// The regular expressions of rules: what Swift's `Regex` finds, found in one pass over the label.
@Suite struct RulePatterns {
    static let patterns = [
        "\\bDONS?\\b", "^PRLV SEPA (OVH|KIMSUFI)", "VIR.*LIVRET", "[0-9]{4}", "^(CB|CARTE) ", "FRAIS$", "a.c", "colou?r",
        "x{2,3}y", "[^a-z ]", "\\d+,\\d\\d", "(?:ab)+c", "é[lt]é", "^$", "a|b|c", "[a-c-]", "\\.", "\\s\\S", "\\Bon",
        "(?<nom>ovh)", "[A-Z]{3} \\d", "x*?y", "o{2,}", "^.{3}$", "(a|ab)(c|bcd)(d*)", "[\\d.]+",
    ]
    static let labels = [
        "VIR DON 2024", "DONS", "ADONIS", "PRLV SEPA OVH", "prlv sepa kimsufi", "VIR VERS LIVRET A", "CB 1234", "carte x",
        "frais", "FRAIS DE TENUE", "abc", "color", "colour", "xxy", "xxxxy", "12,34", "ababc", "ÉTÉ", "été", "", "a-b", "x.y",
        "a b", "bonbon", "OVH SAS", "ABC 1", "y", "zoo", "abcd", "1.234",
    ]

    @Test(arguments: patterns)
    func findsWhatSwiftRegexFinds(pattern: String) throws {
        let ours = try RulePattern(pattern)
        let theirs = try Regex(pattern).ignoresCase()
        for label in Self.labels {
            #expect(ours.matches(label) == ((try theirs.firstMatch(in: label)) != nil), "« \(pattern) » on « \(label) »")
        }
    }

    /// Patterns on which a backtracking engine takes exponential time (minutes for `(a+)+$` on
    /// 22 « a »): here, one pass over labels far longer than any bank's.
    @Test(arguments: [
        ("(a+)+$", "aaaa", "a"), ("(a|aa)+$", "aaa", "a"), ("(x+x+)+y", "xxy", "x"), ("(.*a){12}b", String(repeating: "a", count: 12) + "b", "a"),
        ("((a*)*)*!$", "aa!", "a"), ("(a?){30}a{30}$", String(repeating: "a", count: 30), "a"),
    ])
    func catastrophicPatternsTakeOnePass(pattern: String, matching: String, repeated: String) throws {
        let p = try RulePattern(pattern)
        #expect(p.matches(matching))
        #expect(!p.matches(String(repeating: repeated, count: 2_000) + "?"))
    }

    @Test(arguments: [
        ("x(?=y)", PatternError.unsupported("(?=")), ("x(?!y)", .unsupported("(?!")), ("(?<=x)y", .unsupported("(?<=")),
        ("(?<!x)y", .unsupported("(?<!")), ("(a)\\1", .unsupported("\\1")), ("\\p{L}", .unsupported("\\p")), ("a*+", .unsupported("*+")),
        ("(?>a)", .unsupported("(?>")), ("[[:alpha:]]", .unsupported("[:")), ("(ovh", .malformed(.unclosedGroup)),
        ("ovh)", .malformed(.unopenedGroup)), ("[ovh", .malformed(.unclosedClass)), ("*ovh", .malformed(.nothingToRepeat)),
        ("ovh\\", .malformed(.trailingBackslash)), ("[z-a]", .malformed(.badRange("z-a"))), ("a{3,2}", .malformed(.badRepetition("{3,2}"))),
        ("((a{100}){100}){100}", .tooLarge), ("a{1001}", .tooLarge),
    ] as [(String, PatternError)])
    func refusedWithTheReason(pattern: String, error: PatternError) {
        #expect(throws: error) { try RulePattern(pattern) }
    }
}
