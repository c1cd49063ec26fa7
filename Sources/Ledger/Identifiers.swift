/// The identifiers an association and its tiers are known by: SIREN, RNA number, email address.
/// Each is checked once, where it enters the ledger; stored and printed as its canonical text.

/// Why an identifier is refused. The CLI says the sentence.
public enum IdentifierError: Error, Equatable, Sendable {
    /// Not 9 digits once spaces are removed.
    case sirenLength(String)
    /// 9 digits whose Luhn key is wrong: a digit mistyped or two swapped.
    case sirenKey(String)
    /// Not « W » followed by 9 digits (or the letter of a Corsican département).
    case rna(String)
    case email(String)
}

/// A SIREN, the 9-digit number INSEE gives a legal person (an association that employs, pays
/// taxes or receives public money has one). The last digit is a Luhn key.
public struct SIREN: Hashable, Sendable, CustomStringConvertible {
    /// The 9 digits, without spaces.
    public let digits: String

    /// Accepts the number as people write it: `443 061 841` or `443061841`.
    public init(parsing raw: String) throws(IdentifierError) {
        let digits = raw.filter { $0 != " " && $0 != "\u{A0}" && $0 != "\u{202F}" }
        guard digits.count == 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .sirenLength(raw) }
        guard Self.luhn(digits) else { throw .sirenKey(raw) }
        self.digits = digits
    }

    public var description: String { digits }

    /// The Luhn check: from the right, every second digit doubled (its digits summed), the
    /// total a multiple of 10.
    static func luhn(_ digits: String) -> Bool {
        var sum = 0
        for (i, c) in digits.reversed().enumerated() {
            let d = Int(c.asciiValue! - 48)
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d
        }
        return sum % 10 == 0
    }
}

/// The number of an association in the Répertoire national des associations: « W » and nine
/// characters, digits except the département's own (`2A`, `2B` in Corsica). Its exact shape is
/// not published as a rule; this check refuses only what cannot be one (a SIREN typed in its place).
public struct RNA: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(parsing raw: String) throws(IdentifierError) {
        let text = String(raw.filter { $0 != " " }.uppercased())
        let rest = text.dropFirst()
        guard text.first == "W", rest.count == 9,
              rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "A" || $0 == "B") }) else { throw .rna(raw) }
        self.text = text
    }

    public var description: String { text }
}

/// An email address, checked for its shape only (one `@`, a name before, a domain with a dot
/// after, no space): whether it reaches someone is not for a ledger to know.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(parsing raw: String) throws(IdentifierError) {
        let text = raw.trimmingSpaces
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, text.utf8.count <= 254, !parts[0].isEmpty,
              !text.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }),
              case let domain = parts[1], domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
              !domain.contains("..") else { throw .email(raw) }
        self.text = text
    }

    public var description: String { text }
}
