/// The association whose books the ledger keeps: what its documents say about it (the FEC, tax
/// receipts, the AG report) and the rule that says who is a member. Nothing else about the
/// association is written anywhere in the program.
public struct Association: Equatable, Sendable {
    public var name: String
    /// Postal address, as it is printed on a receipt (one line, parts separated by commas).
    public var address: String?
    /// Objet social, as the statutes state it.
    public var purpose: String?
    public var siren: SIREN?
    public var rna: RNA?
    /// The articles of the CGI under which its donors get a tax reduction: none when it issues no
    /// tax receipt.
    public var receiptArticles: Set<ReceiptArticle>
    /// What makes its donors eligible, as a receipt states it.
    public var qualite: Qualite?
    /// Who signs its receipts and letters, and as what (« Trésorière »).
    public var signer: String?
    public var signerRole: String?
    public var membership: MembershipRule
    /// Whether its cotisations sans contrepartie (7561) are receipted as gifts. Default no: a
    /// cotisation that opens a right (a vote, a service, a magazine) is not a gift, and only the
    /// association can say that its members get nothing for theirs.
    public var cotisationsAreGifts: Bool

    public init(name: String, address: String? = nil, purpose: String? = nil, siren: SIREN? = nil, rna: RNA? = nil,
                receiptArticles: Set<ReceiptArticle> = [], qualite: Qualite? = nil, signer: String? = nil,
                signerRole: String? = nil, membership: MembershipRule = .exercice, cotisationsAreGifts: Bool = false) {
        self.name = name
        self.address = address
        self.purpose = purpose
        self.siren = siren
        self.rna = rna
        self.receiptArticles = receiptArticles
        self.qualite = qualite
        self.signer = signer
        self.signerRole = signerRole
        self.membership = membership
        self.cotisationsAreGifts = cotisationsAreGifts
    }

    /// Whether it issues tax receipts (reçus fiscaux).
    public var issuesReceipts: Bool { !receiptArticles.isEmpty }

    /// The accounts whose credits with a tiers are gifts its receipts cover: 754 (dons, mécénat,
    /// abandons de frais), and 7561 when it says its cotisations sans contrepartie are gifts.
    public var giftAccounts: [String] {
        [AccountGroup.gifts] + (cotisationsAreGifts ? [AccountGroup.cotisationsWithoutReturn] : [])
    }

    /// The parts of the association, each written as one text: how the ledger stores them and
    /// how a person types them (the CLI's option is `--` and the raw value).
    public enum Field: String, CaseIterable, Sendable {
        case name = "nom", address = "adresse", purpose = "objet", siren, rna, receiptArticles = "recus", qualite
        case signer = "signataire", signerRole = "role-signataire", membership = "adhesion"
        case cotisationsAreGifts = "recus-cotisations"
    }

    /// The association of these texts, each checked; a field absent or blank is not known (the
    /// membership rule is then the exercice's). The name cannot be blank.
    public init(fields: [Field: String]) throws(AssociationError) {
        func text(_ f: Field) -> String? {
            guard let t = fields[f]?.printable.trimmingSpaces, !t.isEmpty else { return nil }
            return t
        }
        func refused(_ f: Field, _ reason: AssociationError.Reason) -> AssociationError {
            AssociationError(field: f, text: fields[f] ?? "", reason: reason)
        }
        guard let name = text(.name) else { throw refused(.name, .blank) }
        self.init(name: name, address: text(.address), purpose: text(.purpose), qualite: text(.qualite).map(Qualite.init(parsing:)),
                  signer: text(.signer), signerRole: text(.signerRole))
        do throws(IdentifierError) {
            siren = try text(.siren).map(SIREN.init(parsing:))
        } catch { throw refused(.siren, .identifier(error)) }
        do throws(IdentifierError) {
            rna = try text(.rna).map(RNA.init(parsing:))
        } catch { throw refused(.rna, .identifier(error)) }
        do throws(AssociationError.Reason) {
            receiptArticles = try text(.receiptArticles).map(ReceiptArticle.list) ?? []
        } catch { throw refused(.receiptArticles, error) }
        if let t = text(.membership) {
            guard let rule = MembershipRule(rawValue: String(t.lowercased().map { $0 == " " ? "-" : $0 })) else {
                throw refused(.membership, .unknownMembershipRule)
            }
            membership = rule
        }
        if let t = text(.cotisationsAreGifts) {
            switch t.lowercased() {
            case "oui": cotisationsAreGifts = true
            case "non": cotisationsAreGifts = false
            default: throw refused(.cotisationsAreGifts, .yesOrNo)
            }
        }
    }

    /// Its known fields as texts, which `init(fields:)` reads back as they are: what the ledger
    /// stores. The membership rule by default is left out.
    public var fields: [Field: String] {
        var f: [Field: String] = [.name: name]
        f[.address] = address
        f[.purpose] = purpose
        f[.siren] = siren?.digits
        f[.rna] = rna?.text
        f[.receiptArticles] = receiptArticles.isEmpty ? nil : ReceiptArticle.text(receiptArticles)
        f[.qualite] = qualite?.text
        f[.signer] = signer
        f[.signerRole] = signerRole
        f[.membership] = membership == .exercice ? nil : membership.rawValue
        f[.cotisationsAreGifts] = cotisationsAreGifts ? "oui" : nil
        return f
    }

    /// What a document reads from the association.
    public enum Use: Sendable, CaseIterable {
        /// The FEC is named after the SIREN.
        case fec
        /// A reçu fiscal (cerfa n° 11580) names the association, its address, its object, why its
        /// donors are eligible, and is signed.
        case taxReceipts
    }

    /// The fields `use` needs that are not known, in the order a form asks them. Tax receipts
    /// need nothing from an association that issues none.
    public func missing(for use: Use) -> [Field] {
        switch use {
        case .fec:
            return siren == nil ? [.siren] : []
        case .taxReceipts:
            guard issuesReceipts else { return [] }
            let known = fields
            return [Field.address, .purpose, .qualite, .signer, .signerRole].filter { known[$0] == nil }
        }
    }
}

/// The articles of the Code général des impôts that give donors a tax reduction.
public enum ReceiptArticle: String, CaseIterable, Comparable, Sendable {
    /// Gifts of individuals (réduction d'impôt sur le revenu).
    case article200 = "200"
    /// Gifts of companies (mécénat).
    case article238bis = "238bis"

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// `200`, `238bis`, `238 bis`, `200, 238 bis`: the articles of a list separated by commas.
    static func list(_ raw: String) throws(AssociationError.Reason) -> Set<ReceiptArticle> {
        var set: Set<ReceiptArticle> = []
        for part in raw.split(separator: ",") {
            let word = String(part.lowercased().filter { $0 != " " && $0 != "-" && $0 != "\u{A0}" })
            guard !word.isEmpty else { continue }
            guard let a = ReceiptArticle(rawValue: word) else { throw .unknownArticle(String(part).trimmingSpaces) }
            set.insert(a)
        }
        return set
    }

    /// `200,238bis`
    static func text(_ set: Set<ReceiptArticle>) -> String { set.sorted().map(\.rawValue).joined(separator: ",") }
}

/// What makes an association's donors eligible to a tax reduction, as its receipts say it.
public enum Qualite: Equatable, Sendable {
    case interetGeneral
    case utilitePublique
    /// Another case of the law, in the association's words (« association cultuelle »).
    case other(String)

    /// `interet-general` and `utilite-publique`, written with or without accents and hyphens,
    /// are the two common cases; any other text is kept as written.
    public init(parsing raw: String) {
        let text = raw.trimmingSpaces
        let word = String(text.lowercased().map { "éèê".contains($0) ? "e" : $0 == " " ? "-" : $0 })
        switch word {
        case Self.interetGeneral.text: self = .interetGeneral
        case Self.utilitePublique.text: self = .utilitePublique
        default: self = .other(text)
        }
    }

    public var text: String {
        switch self {
        case .interetGeneral: "interet-general"
        case .utilitePublique: "utilite-publique"
        case .other(let t): t
        }
    }
}

/// Who is a member (« à jour de cotisation ») at a date, from their last cotisation.
public enum MembershipRule: String, CaseIterable, Sendable {
    /// A cotisation makes a member for the whole exercice it falls in.
    case exercice
    /// A cotisation makes a member for twelve months from its day.
    case twelveMonths = "12-mois"
}

/// A part of the association that cannot be kept as given: which one, its text, and why.
public struct AssociationError: Error, Equatable, Sendable {
    public let field: Association.Field
    public let text: String
    public let reason: Reason

    public enum Reason: Error, Equatable, Sendable {
        /// The name, blank.
        case blank
        case identifier(IdentifierError)
        /// An article the list does not know (`201`).
        case unknownArticle(String)
        case unknownMembershipRule
        /// `oui` or `non` expected.
        case yesOrNo
    }

    public init(field: Association.Field, text: String, reason: Reason) {
        self.field = field
        self.text = text
        self.reason = reason
    }
}
