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
    /// What ends a name in a label without fields (« VIR X COTISATION 2024 »).
    static let end = #"(?: ?/| (?:MOTIF|REF|REFERENCE)\b| \S*\d| (?:COTISATIONS?|COTIS|ADHESIONS?|DONS?|FACTURES?|FACT|INSCRIPTIONS?|ABONNEMENT|ECHEANCE|LOYER|REMBOURSEMENT|REMB|VERSEMENT|SOUTIEN|SALAIRE|ACOMPTE|SOLDE|LOCATION|ACHAT|VENTE|COMMANDE|CMD|PRESTATION)\b|$)"#

    /// The shapes, as written in the README (« Les libellés que Compta sait lire »).
    public static let patterns: [String] = [
        // VIR SEPA RECU /DE LEA MARTIN /MOTIF COTISATION 2024 /REF 123
        #"/DE (?<tiers>[^\d\W].*?) ?(?:/|$)"#,
        // VIR RECU DE: LEA MARTIN MOTIF: COTISATION 2024
        #"\bDE ?: ?(?<tiers>[^\d\W].*?) ?(?:\bMOTIF ?:|\bREF ?:|$)"#,
        // VIR SEPA RECU LEA MARTIN COTISATION 2024, VIREMENT DE LEA MARTIN, VIR INST EMIS OVH SAS
        #"^(?:VIR|VIREMENT)(?: SEPA)?(?: (?:RECU|EMIS|INST|INSTANTANE|PERMANENT|PERM|EN VOTRE FAVEUR|DE))* (?<tiers>[^\d\W].*?)"# + end,
        // PRLV SEPA OVH SAS FACTURE FR2024031187
        #"^(?:PRLV|PRELEVEMENT)(?: SEPA)?(?: (?:EUROPEEN|EUROPE|DE))* (?<tiers>[^\d\W].*?)"# + end,
    ]

    /// The shapes compiled, once.
    static let compiled: [RulePattern] = patterns.map { try! RulePattern($0) }

    /// The name the first shape that fits `label` finds, or nil.
    public static func tiers(in label: String) -> String? {
        for shape in compiled {
            if let name = shape.capture(RulePattern.tiersGroup, in: label) { return name }
        }
        return nil
    }
}

extension RulePattern {
    /// The group whose text is a line's tiers: `(?<tiers>…)`.
    public static let tiersGroup = "tiers"
}
