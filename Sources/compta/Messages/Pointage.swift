import Ledger
import Reports

extension Messages {
    /// `compta pointer` and `compta pointage fenetre`: what was refused, and what to type instead.
    static func pointage(_ e: PointageError) -> String {
        switch e {
        case .unknownLine(let line):
            return "aucune opération de relevé en suspens n° \(line) : le numéro à donner est celui de la colonne « N° à pointer » "
                + "de compta pointage (ou du tableau « En suspens » de l'import), pas la ligne du fichier du relevé."
        case .lineAlreadyPointed(let line, let number, let statement):
            return "l'opération en suspens n° \(line) est déjà pointée avec l'écriture n° \(number) : rien n'a changé. "
                + "Ce qui reste à pointer : compta pointage. Si ce pointage était une erreur, il se défait avec son relevé, "
                + "tant que les écritures de celui-ci sont en brouillard : compta releves annuler \(statement), puis importez "
                + "le relevé de nouveau et pointez l'opération avec la bonne écriture (le pointage ne change aucun montant du livre : "
                + "une fois le relevé validé, il reste)."
        case .entryOnAnotherAccount(let number, let account):
            return "l'écriture n° \(number) n'a pas de ligne sur le compte \(account), celui du relevé de cette opération : "
                + "ce n'est pas la même opération. Les écritures possibles : compta pointage --compte \(account)"
        case .amountDiffers(let line, let lineAmount, let number, let entryAmount, let account, let validated):
            return "l'opération en suspens n° \(line) est de \(lineAmount) € et l'écriture n° \(number) de \(entryAmount) € sur le compte "
                + "\(account) : ce n'est pas la même opération. Les écritures possibles : compta pointage ; si l'écriture a un mauvais montant, "
                + (validated ? "corrigez-la (compta extourner \(number), puis une nouvelle saisie) et pointez la nouvelle."
                             : "corrigez ce brouillard (compta supprimer \(number), puis une nouvelle saisie) et pointez la nouvelle.")
        case .entryAlreadyPointed(let number):
            return "l'écriture n° \(number) est déjà couverte par une ligne de relevé : une seconde ligne la compterait deux fois. "
                + "Choisissez une autre écriture (compta pointage) ; si l'opération manque au livre, saisissez-la "
                + "(compta saisir DATE LIBELLE COMPTE=MONTANT 512) et pointez la nouvelle écriture."
        case .badWindow(let days):
            return (days < 0 ? "fenêtre de pointage négative (\(days)) : une écriture est pointée à tant de jours près, avant ou après ; "
                             : "fenêtre de pointage de \(french(days, "jour")) : ")
                + "donnez un nombre de jours de 0 à \(Pointage.maximumWindow) "
                + "(par exemple compta pointage fenetre \(Pointage.defaultWindow))."
        }
    }
}

extension Messages {
    /// The warning of `compta saisir` when a line typed on a bank account has the amount of an
    /// operation of a statement still waiting on 471: most likely the same operation, twice.
    /// `typed`: the new entry's number (and its exercice, when it is not the current one, so
    /// that `compta supprimer` finds it); `source`: its file and line, from `--fichier`.
    static func waitingLookalike(_ waiting: PointageCandidate, typed entry: EntryDraft, number: Int, exercice: String?,
                                 source: String? = nil) -> String {
        let others = Set(entry.lines.map(\.account).filter { a in !AccountGroup.treasury.contains(where: a.isUnder) })
        let account = others.count == 1 ? others.first!.text : "COMPTE"
        return "Attention : l'opération du relevé n° \(waiting.number) (\(waiting.date.french), \(waiting.label), \(waiting.amount) €) attend sur "
            + "\(AccountNumber.waiting) ; l'écriture n° \(number)" + (source.map { " (\($0))" } ?? "") + " a son montant sur le même compte. "
            + "Si c'est la même opération, classez-la (compta affecter \(waiting.number) \(account)) et supprimez cette saisie "
            + "(compta supprimer \(number)" + (exercice.map { " --exercice \($0)" } ?? "") + ") : sinon elle est deux fois dans le livre."
    }
}

extension Messages {
    /// `compta pointage fenetre`: the window, 0 saying what it means (the same date only).
    static func pointageWindow(_ days: Int) -> String {
        "Fenêtre de pointage : \(french(days, "jour"))" + (days == 0 ? " (une écriture n'est pointée que de la même date)." : ".")
    }
}
