import Ledger

extension Messages {
    /// `compta lettrer` and `compta delettrer`: what was refused, and what to type instead.
    static func lettering(_ e: LetteringError) -> String {
        let list = "Les lignes à lettrer, avec leurs numéros : compta lettrer"
        switch e {
        case .unknownLine(let id):
            return "aucune ligne n° \(id) dans le livre. \(list) (ou compta echeances)"
        case .repeatedLine(let id):
            return "la ligne n° \(id) est donnée deux fois : chaque ligne compte une fois dans une lettre. Donnez chaque numéro une seule fois."
        case .tooFewLines:
            return "une lettre réunit deux lignes au moins (une facture et son règlement). Donnez les numéros des lignes, "
                + "par exemple compta lettrer 41 57, ou laissez compta lettrer les proposer."
        case .notThirdParty(let id, let account):
            return "la ligne n° \(id) est sur le compte \(account), qui n'est pas un compte de tiers : seuls les comptes 40 à 46 "
                + "(fournisseurs, usagers et adhérents, personnel, organismes sociaux, État, subventions, autres tiers) se lettrent. \(list)"
        case .notThirdPartyAccount(let account):
            return "--compte \(account) n'est pas un compte de tiers : le lettrage, les soldes des tiers et la balance âgée portent sur "
                + "les comptes 40 à 46 (401 fournisseurs, 411 usagers, 4110 adhérents, 441 subventions, 43x, 44x…). Par exemple --compte 411."
        case .severalAccounts(let accounts):
            return "les lignes sont sur plusieurs comptes (\(accounts.map(\.text).joined(separator: ", "))) : une lettre réunit les lignes "
                + "d'un seul compte. Lettrez compte par compte : compta lettrer --compte \(accounts[0])"
        case .noTiers(let id, let account):
            return "la ligne n° \(id) du compte \(account) n'a pas de tiers : on ne sait pas de qui est la facture ou le règlement. "
                + "Donnez-lui son tiers (compta tiers, puis l'écriture corrigée s'il s'agit d'un brouillard), puis lettrez."
        case .severalTiers(let tiers):
            return "les lignes sont de plusieurs tiers (\(tiers.map(\.shown).joined(separator: ", "))) : une lettre réunit les lignes "
                + "d'un seul tiers. Lettrez tiers par tiers : compta lettrer --tiers \(tiers[0].code)"
        case .unbalanced(let debit, let credit):
            let gap = debit - credit
            return "les lignes ne sont pas équilibrées : \(debit.formatted()) € au débit, \(credit.formatted()) € au crédit "
                + "(écart \(gap.magnitude.formatted()) €). Une lettre réunit des lignes dont les débits égalent les crédits ; "
                + "une facture payée en partie reste ouverte jusqu'au dernier règlement (compta lettrer la montre comme partielle)."
        case .alreadyLettered(let id, let letter, let account):
            return "la ligne n° \(id) est déjà lettrée (lettre \(letter) du compte \(account)) : une ligne n'a qu'une lettre. Pour la lettrer autrement, "
                + "retirez d'abord cette lettre : compta delettrer \(letter) --compte \(account)"
        case .unknownLetter(let code, let account, let known):
            let shown = known.prefix(Lettering.lettersShown).joined(separator: ", ")
            return "aucune lettre \(code) sur le compte \(account) : rien n'a changé. "
                + (known.isEmpty ? "Le compte \(account) n'a aucune lettre. "
                   : "Lettres du compte \(account) : \(shown)" + (known.count > Lettering.lettersShown ? " (les plus récentes). " : ". "))
                + "Les lettres sont données compte par compte (A sur 411 n'est pas A sur 401) : vérifiez la lettre et --compte."
        case .inClosedFEC(let code, let account, let exercice):
            return "la lettre \(code) du compte \(account) date d'avant la clôture de l'exercice \(exercice) : elle figure dans son FEC, "
                + "qui ne change plus. Elle reste ; si un règlement a été mal attribué, corrigez-le dans l'exercice ouvert."
        case .badLetter(let text):
            return "« \(text) » n'est pas une lettre : une lettre s'écrit avec les lettres A à Z (A, B, …, AA, AB). Exemple : compta delettrer A --compte 411"
        case .lettersExhausted(let account):
            return "le compte \(account) n'a plus de lettre libre. Retirez des lettres anciennes (compta delettrer) ou ouvrez un sous-compte."
        }
    }
}
