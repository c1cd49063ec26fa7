import Ledger

// French sentences for the frais des bénévoles (4681, abandon de frais 75412).
extension Messages {
    static func volunteerExpense(_ e: VolunteerExpenseError) -> String {
        switch e {
        case .notAPerson(let t):
            return "\(named(t)) est une organisation : les frais des bénévoles sont ceux d'une personne. "
                + "Donnez le bénévole qui a payé (compta tiers pour la liste, compta tiers ajouter --prenom P --nom N s'il n'y est pas)."
        case .notACharge(let account):
            return "le compte \(account) n'est pas un compte de charge (classe 6) : une dépense payée par un bénévole se range "
                + "sous la charge qu'elle est (6251 voyages et déplacements, 6064 fournitures administratives, 6257 réceptions...). "
                + "La liste : compta comptes."
        case .notPositive(let amount):
            return "montant \(amount) € : un montant de frais ou d'abandon est positif, par exemple --montant 42,50."
        case let .nothingOwed(t, day):
            return "l'association ne doit rien à \(named(t)) au \(day.french) sur le compte \(AccountNumber.volunteerExpenses) "
                + "(frais des bénévoles) : il n'y a rien à abandonner. Enregistrez d'abord ses frais (compta frais-benevoles ajouter), "
                + "ou vérifiez la date de l'abandon ; l'état de chacun : compta frais-benevoles."
        case let .moreThanOwed(t, asked, owed, day):
            return "\(named(t)) ne peut abandonner que ce que l'association lui doit encore au \(day.french) : \(owed) €, "
                + "pas \(asked) €. Donnez --montant \(owed) au plus, ou omettez --montant pour tout abandonner ; "
                + "le détail : compta frais-benevoles."
        }
    }
}
