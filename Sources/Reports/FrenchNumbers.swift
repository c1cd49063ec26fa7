import Ledger

/// Numbers and amounts written in French words, as a tax receipt states its amount (« cent
/// vingt euros et cinquante centimes »). Traditional spelling, the one of the cerfa's era and of
/// most receipts: hyphens only between tens and units below a hundred (« quatre-vingt-un »,
/// « soixante et onze », « deux cent vingt et un »), not the 1990 rectification that hyphenates
/// every part (« deux-cent-vingt-et-un »). Both are correct French.
public enum FrenchNumber {
    private static let units = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
                                "onze", "douze", "treize", "quatorze", "quinze", "seize"]
    private static let tens = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"]

    /// `n` (0 or more) in words. « vingt » and « cent » multiplied take an s when nothing follows
    /// them (« quatre-vingts », « deux cents »), not before « mille », which is invariable
    /// (« quatre-vingt mille »), but before « millions » and « milliards », which are nouns
    /// (« deux cents millions »).
    public static func words(_ n: Int64) -> String {
        precondition(n >= 0, "words of a negative number")
        if n == 0 { return units[0] }
        let milliards = n / 1_000_000_000, millions = n / 1_000_000 % 1000, thousands = n / 1000 % 1000, rest = n % 1000
        var parts: [String] = []
        if milliards > 0 { parts.append(words(milliards) + (milliards > 1 ? " milliards" : " milliard")) }
        if millions > 0 { parts.append(belowThousand(Int(millions), final: true) + (millions > 1 ? " millions" : " million")) }
        if thousands > 0 { parts.append(thousands == 1 ? "mille" : belowThousand(Int(thousands), final: false) + " mille") }
        if rest > 0 { parts.append(belowThousand(Int(rest), final: true)) }
        return parts.joined(separator: " ")
    }

    /// 1 to 999; `final`: nothing but a noun follows (the s of « cents » and « quatre-vingts »).
    private static func belowThousand(_ n: Int, final: Bool) -> String {
        let hundreds = n / 100, rest = n % 100
        guard hundreds > 0 else { return belowHundred(rest, final: final) }
        let head = hundreds == 1 ? "cent" : units[hundreds] + (rest == 0 && final ? " cents" : " cent")
        return rest == 0 ? head : head + " " + belowHundred(rest, final: final)
    }

    /// 1 to 99.
    private static func belowHundred(_ n: Int, final: Bool) -> String {
        if n < units.count { return units[n] }
        if n < 20 { return "dix-" + units[n - 10] }
        let ten = n / 10, unit = n % 10
        switch ten {
        case 7: return unit == 1 ? "soixante et onze" : "soixante-" + belowHundred(10 + unit, final: final)
        case 8: return unit == 0 ? (final ? "quatre-vingts" : "quatre-vingt") : "quatre-vingt-" + units[unit]
        case 9: return "quatre-vingt-" + belowHundred(10 + unit, final: final)
        default: return unit == 0 ? tens[ten] : unit == 1 ? tens[ten] + " et un" : tens[ten] + "-" + units[unit]
        }
    }
}

extension Money {
    /// The amount in words: « cent vingt euros et cinquante centimes », « un euro »,
    /// « un centime », « zéro euro », « deux millions d'euros » (« de » after a noun),
    /// « moins … » below zero.
    public var frenchWords: String {
        if cents < 0 { return "moins " + magnitude.frenchWords }
        let euros = cents / 100, centimes = cents % 100
        let centimesText = FrenchNumber.words(centimes) + (centimes > 1 ? " centimes" : " centime")
        if euros == 0 && centimes > 0 { return centimesText }
        let eurosText = FrenchNumber.words(euros) + (euros >= 1_000_000 && euros % 1_000_000 == 0 ? " d'euros" : euros > 1 ? " euros" : " euro")
        return centimes == 0 ? eurosText : eurosText + " et " + centimesText
    }
}
