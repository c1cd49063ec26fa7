import Ledger

extension Messages {
    /// `compta pointer` and `compta pointage fenetre`: what was refused, and what to type instead.
    static func pointage(_ e: PointageError) -> String {
        switch e {
        case .unknownLine(let line):
            return "aucune ligne de relevé en suspens n° \(line). Les lignes à pointer, avec leurs écritures possibles : compta pointage"
        case .lineAlreadyPointed(let line, let number):
            return "la ligne de relevé n° \(line) est déjà pointée avec l'écriture n° \(number) : rien n'a changé. "
                + "Ce qui reste à pointer : compta pointage"
        case .entryOnAnotherAccount(let number, let account):
            return "l'écriture n° \(number) n'a pas de ligne sur le compte \(account), celui du relevé de cette ligne : "
                + "ce n'est pas la même opération. Les écritures possibles : compta pointage --compte \(account)"
        case .amountDiffers(let line, let lineAmount, let number, let entryAmount):
            return "la ligne de relevé n° \(line) est de \(lineAmount) € et l'écriture n° \(number) de \(entryAmount) € sur le compte : "
                + "ce n'est pas la même opération. Les écritures possibles : compta pointage ; si l'écriture a un mauvais montant, "
                + "corrigez-la (compta extourner \(number), puis une nouvelle saisie) et pointez la nouvelle."
        case .entryAlreadyPointed(let number):
            return "l'écriture n° \(number) est déjà couverte par une ligne de relevé : une seconde ligne la compterait deux fois. "
                + "Choisissez une autre écriture (compta pointage) ; si l'opération manque au livre, saisissez-la "
                + "(compta saisir DATE LIBELLE COMPTE=MONTANT 512) et pointez la nouvelle écriture."
        case .badWindow(let days):
            return "fenêtre de pointage de \(days) jours : donnez un nombre de jours de 0 à \(Pointage.maximumWindow) "
                + "(par exemple compta pointage fenetre \(Pointage.defaultWindow))."
        }
    }
}
