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

    /// A label of printable ASCII is read as bytes: what it finds is what reading it as
    /// characters finds, pattern by pattern, group by group.
    @Test(arguments: patterns + ["(?<tiers>[a-z]+) \\d", "^VIR (?<tiers>.+?)(?: \\d{4}|$)", "\\bDE ?: ?(?<tiers>\\S.*?) ?(?:\\bMOTIF ?:|$)",
                                 "(?<tiers>\\W+)", "[^é]", "é|e", "(?<tiers>[\\s\\d]+)x", "\\t"])
    func bytesFindWhatCharactersFind(pattern: String) throws {
        let p = try RulePattern(pattern)
        for label in Self.labels + ["VIR\tDON 2024", "a_b c_d", "x~y{z}", "DE: LEA  MARTIN MOTIF: X", "12 abc 3 x"] {
            guard case .ascii = PatternText(label) else { continue }
            #expect(p.matches(PatternText(label)) == p.matches(PatternText.characters(label)), "« \(pattern) » on « \(label) »")
            for group in p.groupNames.indices {
                #expect(p.capture(group, in: PatternText(label)) == p.capture(group, in: PatternText.characters(label)), "« \(pattern) » on « \(label) »")
            }
        }
        // Anything else than printable ASCII or a tab is read as characters.
        for label in ["été", "a\r\nb", "a\nb", "\u{7F}"] {
            guard case .characters = PatternText(label) else { Issue.record("« \(label) » read as bytes"); continue }
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

/// The text of a named group: the one Swift's `Regex` (a backtracking engine, leftmost-first)
/// gives, found in one pass.
@Suite struct PatternCaptures {
    static let cases: [(pattern: String, label: String)] = [
        ("/DE (?<tiers>.+?) /MOTIF", "VIR SEPA RECU /DE LEA MARTIN /MOTIF COTIS /MOTIF X"),
        ("/DE (?<tiers>.+) /MOTIF", "VIR SEPA RECU /DE LEA MARTIN /MOTIF COTIS /MOTIF X"),
        ("\\bDE ?: ?(?<tiers>\\S.*?) ?(?:\\bMOTIF ?:|$)", "VIR RECU DE: CHORALE MOTIF: COTISATION 2024"),
        ("(?<tiers>a|ab)(c|bcd)", "abcd"), ("(?<tiers>ab|a)(c|bcd)", "abcd"), ("(?<tiers>a*?)b", "aaab"),
        ("x(?<tiers>a+?)", "xaaa"), ("x(?<tiers>a{2,3}?)", "xaaaa"), ("x(?<tiers>a{2,3})", "xaaaa"),
        ("(?<tiers>[a-z]+) \\d", "zz 1 abc 2"), ("(?:(?<tiers>\\w)\\w)+", "abcdef"), ("(?<tiers>b)|a", "ab"),
        ("^VIR (?<tiers>.+?)(?: \\d{4}|$)", "VIR Léa Martin 2024"), ("(?<tiers>q)?z", "az"),
    ]

    @Test(arguments: cases.indices)
    func capturesWhatSwiftRegexCaptures(index: Int) throws {
        let (pattern, label) = Self.cases[index]
        let theirs = try Regex(pattern).ignoresCase().firstMatch(in: label)?["tiers"]?.substring
        let expected = theirs.map { $0.split(separator: " ").joined(separator: " ") }.flatMap { $0.isEmpty ? nil : $0 }
        #expect(try RulePattern(pattern).capture("tiers", in: label) == expected, "« \(pattern) » on « \(label) »")
    }
}

extension PatternCaptures {
    /// The captures of patterns a backtracking engine takes minutes on: still one pass.
    @Test(arguments: [("(?<tiers>(a+)+)$", "aaaa", "aaaa"), ("(?<tiers>(a|aa)+)$", "aaa", "aaa"),
                      ("(?<tiers>.*a){12}b", String(repeating: "a", count: 12) + "b", "a"),
                      ("(?<tiers>(a?){30}b)a{30}$", "b" + String(repeating: "a", count: 30), "b")])
    func catastrophicCapturesTakeOnePass(pattern: String, matching: String, captured: String) throws {
        let p = try RulePattern(pattern)
        #expect(p.capture("tiers", in: String(repeating: "a", count: 2_000) + "?") == nil)
        #expect(p.capture("tiers", in: matching) == captured)
    }

    /// From the label as written, trimmed, its spaces made one; blank or absent: nil.
    @Test func textIsTheLabelsTrimmed() throws {
        let p = try RulePattern("/de (?<tiers>[^/]*)/motif")
        #expect(p.capture("tiers", in: "VIR /DE   Léa   Martin  /MOTIF x") == "Léa Martin")
        #expect(p.capture("tiers", in: "VIR /DE    /MOTIF x") == nil)
        #expect(p.capture("tiers", in: "VIR /A Léa /MOTIF x") == nil)
        #expect(p.capture("autre", in: "VIR /DE Léa /MOTIF x") == nil)
    }

    @Test func groupsAndThoseOnlyEmpty() throws {
        #expect(try RulePattern("(?<tiers>a)(?<nom>b)(?<tiers>c)").groupNames == ["tiers", "nom"])
        for empty in ["(?<tiers>)", "x(?<tiers>\\b)", "(?<tiers>(?:)*)", "(?<tiers>^|$)"] {
            #expect(try RulePattern(empty).emptyGroups == ["tiers"], "\(empty)")
        }
        for some in ["(?<tiers>a?)", "(?<tiers>.*)", "(?<tiers>)|(?<tiers>b)"] {
            #expect(try RulePattern(some).emptyGroups.isEmpty, "\(some)")
        }
    }
}

/// The label shapes known without any rule, on the labels of the banks' fixtures.
@Suite struct LabelShapesOfBanks {
    @Test(arguments: [
        ("VIR SEPA RECU /DE M LEFEBVRE /MOTIF DON ASSO", "M LEFEBVRE"), ("VIR SEPA RECU /DE CHORALE /MOTIF COTISATION 2024", "CHORALE"),
        ("PRLV SEPA OVH SAS FACTURE FR2024031187", "OVH SAS"), ("VIR M LEFEBVRE DON ASSO", "M LEFEBVRE"),
        ("VIR CHORALE COTISATION 2024", "CHORALE"), ("VIR RECU DE: M LEFEBVRE MOTIF: DON ASSO", "M LEFEBVRE"),
        ("PRELEVEMENT EUROPEEN DE: OVH SAS MOTIF: FACTURE FR2024031187", "OVH SAS"),
        ("VIR RECU 0000000000007 DE: FÉDÉRATION MOTIF: SUBVENTION", "FÉDÉRATION"), ("VIREMENT DE M LEFEBVRE DON ASSO", "M LEFEBVRE"),
        ("VIREMENT EN VOTRE FAVEUR CHORALE COTISATION 2024", "CHORALE"), ("PRLV SEPA RETZO ABONNEMENT FIBRE 03/2024", "RETZO"),
        ("VIR SEPA RECU ZOE PETIT INSCRIPTION CAMP CHATONS", "ZOE PETIT"), ("VIR SEPA GABRIEL MARTIN FACTURE GAB-2024-01 MIGRATION BL", "GABRIEL MARTIN"),
        ("VIR SEPA RECU /DE Léa Martin", "Léa Martin"), ("PRLV SEPA EDF 12/03/2024", "EDF"), ("VIR SEPA RECU LEA MARTIN REF 12", "LEA MARTIN"),
        // A standing order to someone else still names them.
        ("VIR PERM LEA MARTIN LOYER", "LEA MARTIN"), ("VIREMENT PERMANENT MAIRIE DE LYON SUBVENTION", "MAIRIE DE LYON"),
    ])
    func nameFound(label: String, name: String) {
        #expect(LabelShapes.tiers(in: label) == name)
        #expect(LabelShapes.tiers(in: PatternText.characters(label)) == name)
    }

    /// A transfer between the association's own accounts names no one: no tiers « VERS COMPTE ».
    @Test(arguments: ["FRAIS TENUE DE COMPTE 03/2024", "CB SNCF CONNECT 12/03", "COTIS OFFRE ASSOCIATIVE", "VIR 2024", "RETRAIT DAB 12/03",
                      "VIR PERM VERS COMPTE COURANT ASSOCIATION", "VIR PERM VERS COMPTE 00012345678", "VIREMENT VERS LIVRET A",
                      "VIR INTERNE COMPTE EPARGNE", "VIREMENT INTERNE 12/03", "VIR CPTE A CPTE EMIS", "VIR SEPA EMIS VERS LIVRET A ASSO",
                      "VIR Virement interne depuis BOURSORA", "VIR COMPTE A COMPTE", "VIR EPARGNE SEPTEMBRE"])
    func noName(label: String) {
        #expect(LabelShapes.tiers(in: label) == nil)
    }
}
