import Ledger

/// How people name the association's fields: its option, its row, its place in a sentence.
extension Association.Field {
    var option: String { "--" + rawValue }

    /// The row of `compta association`.
    var label: String {
        switch self {
        case .name: "Nom"
        case .address: "Adresse"
        case .purpose: "Objet social"
        case .siren: "SIREN"
        case .rna: "Numéro RNA"
        case .receiptArticles: "Reçus fiscaux"
        case .qualite: "Qualité (reçus fiscaux)"
        case .signer: "Signataire"
        case .signerRole: "Rôle du signataire"
        case .membership: "Règle d'adhésion"
        case .cotisationsAreGifts: "Reçus des cotisations"
        }
    }

    /// In a sentence: « il manque l'adresse ».
    var named: String {
        switch self {
        case .name: "le nom"
        case .address: "l'adresse"
        case .purpose: "l'objet social"
        case .siren: "le SIREN"
        case .rna: "le numéro RNA"
        case .receiptArticles: "l'article des reçus"
        case .qualite: "la qualité"
        case .signer: "le signataire"
        case .signerRole: "son rôle"
        case .membership: "la règle d'adhésion"
        case .cotisationsAreGifts: "le choix des cotisations sans contrepartie"
        }
    }

    /// The option's placeholder, and an example of it in a command to type.
    var placeholder: String {
        switch self {
        case .name: "NOM"
        case .address: "ADRESSE"
        case .purpose: "OBJET"
        case .siren: "NUMERO"
        case .rna: "W........."
        case .receiptArticles: "ARTICLES"
        case .qualite: "QUALITE"
        case .signer: "NOM"
        case .signerRole: "ROLE"
        case .membership: "REGLE"
        case .cotisationsAreGifts: "oui|non"
        }
    }

    var example: String {
        switch self {
        case .name: "\"Cloud Girofle\""
        case .address: "\"12 rue des Lilas, 75011 Paris\""
        case .purpose: "\"OBJET DES STATUTS\""
        case .siren: "NUMERO"
        case .rna: "W751234567"
        case .receiptArticles: "200"
        case .qualite: "interet-general"
        case .signer: "\"Prénom Nom\""
        case .signerRole: "\"Trésorière\""
        case .membership: "exercice"
        case .cotisationsAreGifts: "non"
        }
    }

    var help: String {
        switch self {
        case .name: "nom de l'association"
        case .address: "adresse postale (une ligne : \"12 rue des Lilas, 75011 Paris\")"
        case .purpose: "objet social, tel que les statuts le disent"
        case .siren: "SIREN (9 chiffres, dont la clé de contrôle) : le nom du FEC"
        case .rna: "numéro au répertoire national des associations (W et 9 caractères)"
        case .receiptArticles: "articles du CGI des reçus fiscaux : 200 (particuliers), 238bis (entreprises), ou 200,238bis"
        case .qualite: "ce qui ouvre droit aux reçus : interet-general, utilite-publique, ou un texte"
        case .signer: "qui signe les reçus (prénom et nom)"
        case .signerRole: "à quel titre (« Trésorière », « Président »)"
        case .membership: "exercice (à jour pour l'exercice de la cotisation) ou 12-mois (douze mois après)"
        case .cotisationsAreGifts: "oui : les reçus fiscaux couvrent aussi les cotisations sans contrepartie (7561) ; non par défaut"
        }
    }
}

/// The association's fields for people.
extension Association {
    /// The value of `field` as a reader sees it, nil when not known.
    func shown(_ field: Field) -> String? {
        switch field {
        case .receiptArticles:
            guard issuesReceipts else { return nil }
            if receiptArticles.count > 1 { return "articles 200 et 238 bis du CGI (particuliers, entreprises)" }
            return receiptArticles.first == .article200 ? "article 200 du CGI (dons des particuliers)" : "article 238 bis du CGI (dons des entreprises)"
        case .qualite:
            switch qualite {
            case .interetGeneral: return "intérêt général"
            case .utilitePublique: return "utilité publique"
            case .other(let text): return text
            case nil: return nil
            }
        case .membership:
            switch membership {
            case .exercice: return "exercice : à jour pour l'exercice de sa cotisation"
            case .twelveMonths: return "12 mois : à jour douze mois après sa cotisation"
            }
        case .cotisationsAreGifts:
            return cotisationsAreGifts ? "oui : les reçus fiscaux les couvrent" : "non : les reçus fiscaux ne couvrent que les dons (754)"
        default:
            return fields[field]
        }
    }
}

extension Messages {
    /// What the association still lacks for the documents that read it.
    static func missing(_ a: Association) -> [String] {
        var notes: [String] = []
        if a.issuesReceipts {
            let missing = a.missing(for: .taxReceipts)
            if !missing.isEmpty {
                notes.append("Pour émettre des reçus fiscaux, il manque " + sentence(missing.map(\.named)) + " : compta association "
                             + missing.map { "\($0.option) \($0.example)" }.joined(separator: " ") + ".")
            }
        } else {
            notes.append("L'association n'émet pas de reçus fiscaux. Pour en émettre : compta association --recus 200 "
                         + "(dons des particuliers ; 238bis pour ceux des entreprises), avec sa qualité, son adresse, son objet et le signataire.")
        }
        if !a.missing(for: .fec).isEmpty {
            notes.append("Pour le FEC, il manque le SIREN : compta association --siren NUMERO (ou compta fec --siren NUMERO, pour un export).")
        }
        return notes
    }

    /// « l'adresse, l'objet social et le signataire »
    static func sentence(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " et " + words.last!
    }

    /// A field of the association refused: typed in the command, or (`inLedger`) found in the
    /// ledger, where the option that replaces it is the remedy.
    static func association(_ e: AssociationError, inLedger: Bool) -> String {
        let o = e.field.option
        let reason: String
        switch e.reason {
        case .blank: reason = "l'association garde un nom : donnez-le (\(o) \(e.field.example))"
        case .identifier(let i): reason = identifier(i)
        case .unknownArticle(let a):
            reason = (a == e.text.trimmingSpaces ? "article inconnu" : "article « \(a) » inconnu") + " : les reçus fiscaux relèvent de l'article 200 du CGI (dons des particuliers) "
                + "ou 238 bis (dons des entreprises). Écrivez \(o) 200, \(o) 238bis ou \(o) 200,238bis ; \(o) \"\" si l'association n'en émet pas"
        case .unknownMembershipRule:
            reason = "règle d'adhésion inconnue : \(o) exercice (un membre est à jour pendant l'exercice de sa cotisation) "
                + "ou \(o) 12-mois (pendant les douze mois qui la suivent)"
        case .yesOrNo:
            reason = "oui ou non : \(o) oui si les membres ne reçoivent rien en échange de leur cotisation (ni voix, ni service, "
                + "ni revue) et que l'association les reçoit comme des dons ; non sinon"
        }
        guard inLedger else { return "\(o) « \(e.text) » : \(reason)." }
        return "le livre garde pour l'association \(e.field.named) « \(e.text) », qui ne peut pas servir : \(reason). "
            + "Corrigez-le : compta association \(o) \(e.field.example)" + (e.field == .name ? "." : " (ou retirez-le : compta association \(o) \"\").")
    }

    /// Why an identifier is refused, and where to find the right one.
    static func identifier(_ e: IdentifierError) -> String {
        switch e {
        case .sirenLength(let raw):
            let written = raw.filter { !$0.isWhitespace }
            return written.allSatisfy({ $0.isASCII && $0.isNumber })
                ? "un SIREN a 9 chiffres, celui-ci en a \(written.count). Il figure sur l'avis de situation au répertoire SIRENE "
                    + "(ou sur annuaire-entreprises.data.gouv.fr)"
                : "un SIREN s'écrit avec 9 chiffres, sans lettre ni signe. Il figure sur l'avis de situation au répertoire SIRENE "
                    + "(ou sur annuaire-entreprises.data.gouv.fr)"
        case .sirenKey:
            return "ce n'est pas un SIREN : son dernier chiffre, la clé de contrôle, ne correspond pas aux huit autres "
                + "(un chiffre mal tapé, ou deux inversés). Recopiez-le de l'avis de situation SIRENE (ou d'annuaire-entreprises.data.gouv.fr)"
        case .rna(let raw):
            let digits = raw.filter { !$0.isWhitespace }
            return "un numéro RNA s'écrit W suivi de 9 caractères (W751234567) ; il figure sur le récépissé de la préfecture "
                + "et au Journal officiel"
                + (digits.count == 9 && digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? ". Ces 9 chiffres sont plutôt un SIREN : --siren \(digits)" : "")
        case .email:
            return "une adresse électronique s'écrit nom@domaine.fr, sans espace"
        }
    }
}

extension IdentifierError {
    /// What was typed, as the messages name it.
    var what: String {
        switch self {
        case .sirenLength, .sirenKey: "SIREN"
        case .rna: "numéro RNA"
        case .email: "adresse électronique"
        }
    }

    var text: String {
        switch self {
        case .sirenLength(let t), .sirenKey(let t), .rna(let t), .email(let t): t
        }
    }
}
