import Ledger

/// The shapes of French bank labels that name the other party, known without any rule: a line
/// that no rule gives a tiers (or that waits in 471) takes the name one of them finds. Each is
/// a pattern with a group `(?<tiers>…)`, tried in this order; the first that finds a name gives
/// it. The name stops before what usually follows it: the next `/` field, `MOTIF`, `REF`, a word
/// with a digit (a date, a year, a reference: names seldom have one), or a word that starts the
/// reason of the payment (`COTISATION`, `FACTURE`, `DON`…). A label that joins the bank's
/// columns without a mark (« PRLV SEPA OVH SAS KIMSUFI SERVEUR ») cannot be cut right: a rule
/// with `--tiers` says it.
public enum LabelShapes {
    /// A shape: its pattern, and whether the name it takes still has the reason of the payment
    /// after it (no field mark ends it), to cut at `trailers`.
    public struct Shape: Sendable {
        public let pattern: String
        public let cut: Bool
        /// A character the label must have for the shape to fit: what spares the pattern's run
        /// on most labels.
        public var mark: Character? = nil
    }

    /// The shapes, as the README lists them (« Chaque mois : importer le relevé de banque »).
    public static let shapes: [Shape] = [
        // VIR SEPA RECU /DE LEA MARTIN /MOTIF COTISATION 2024 /REF 123
        Shape(pattern: #"/DE (?<tiers>[^/]+)"#, cut: false, mark: "/"),
        // VIR RECU DE: LEA MARTIN MOTIF: COTISATION 2024
        Shape(pattern: #"\bDE ?: ?(?<tiers>.+?) ?(?:\bMOTIF ?:|\bREF ?:|$)"#, cut: false, mark: ":"),
        // VIR SEPA RECU LEA MARTIN COTISATION 2024, VIREMENT DE LEA MARTIN, VIR INST EMIS OVH SAS
        Shape(pattern: #"^(?:VIR|VIREMENT)(?: SEPA)?(?: (?:RECU|EMIS|INST|INSTANTANE|PERMANENT|PERM|EN VOTRE FAVEUR|DE))* (?<tiers>[^/]+)"#, cut: true),
        // PRLV SEPA OVH SAS FACTURE FR2024031187
        Shape(pattern: #"^(?:PRLV|PRELEVEMENT)(?: SEPA)?(?: (?:EUROPEEN|EUROPE|DE))* (?<tiers>[^/]+)"#, cut: true),
    ]

    /// Words that end a name read without a field mark: what says the reason of the payment.
    /// A word with a digit (a date, a year, a reference) ends it too.
    public static let trailers: Set<String> = [
        "MOTIF", "REF", "REFERENCE", "COTISATION", "COTISATIONS", "COTIS", "ADHESION", "ADHESIONS", "DON", "DONS", "FACTURE",
        "FACTURES", "FACT", "INSCRIPTION", "INSCRIPTIONS", "ABONNEMENT", "ECHEANCE", "LOYER", "REMBOURSEMENT", "REMB",
        "VERSEMENT", "SOUTIEN", "SUBVENTION", "SALAIRE", "ACOMPTE", "SOLDE", "LOCATION", "ACHAT", "VENTE", "COMMANDE", "CMD", "PRESTATION",
        "CONTRAT",
    ]

    /// Words that, first after « VIR », say a transfer between the association's own accounts
    /// (« VIR PERM VERS COMPTE COURANT », « VIREMENT VERS LIVRET A », « VIR INTERNE »,
    /// « VIR CPTE A CPTE », « VIR Virement interne depuis BOURSORA »): no one else's name, so no tiers.
    public static let ownAccountWords: Set<String> = ["VERS", "DEPUIS", "INTERNE", "CPTE", "COMPTE", "LIVRET", "EPARGNE"]

    /// The shapes compiled, once, with the index of their group.
    static let compiled: [(pattern: RulePattern, group: Int, shape: Shape)] = shapes.map { shape in
        let p = try! RulePattern(shape.pattern)
        return (p, p.groupNames.firstIndex(of: RulePattern.tiersGroup)!, shape)
    }

    /// The most instructions of a shape's pattern: the size of the automaton's storage.
    static let largest = compiled.map { $0.pattern.size }.max() ?? 0

    /// The name the first shape that fits `label` finds, or nil.
    public static func tiers(in label: String) -> String? {
        tiers(in: PatternText(label))
    }

    /// `tiers(in:)` on a label read once for all the shapes.
    static func tiers(in text: PatternText) -> String? {
        var scratch = PatternScratch(size: largest)
        for (pattern, group, shape) in compiled {
            if let mark = shape.mark, !text.contains(mark) { continue }
            guard let name = pattern.capture(group, in: text, scratch: &scratch) else { continue }
            if !shape.cut { return name }
            let all = name.split(separator: " ").map { $0.uppercased() }
            if let first = all.first, ownAccountWords.contains(first) || all.prefix(2) == ["VIREMENT", "INTERNE"] { return nil }
            // The words before the first that has a digit or is a trailer.
            var words: [Substring] = []
            for word in name.split(separator: " ") {
                if word.contains(where: { $0.isNumber }) || trailers.contains(word.uppercased()) { break }
                words.append(word)
            }
            if !words.isEmpty { return words.joined(separator: " ") }
        }
        return nil
    }
}

extension RulePattern {
    /// The group whose text is a line's tiers: `(?<tiers>…)`.
    public static let tiersGroup = "tiers"
}
