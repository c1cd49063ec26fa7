import Ledger
import LedgerStore
import Reports

// French sentences for tax receipts (issue 24): what is wrong and what to do.
extension Messages {
    static func receipts(_ p: ReceiptProblem) -> String {
        switch p {
        case .issuesNone:
            return "l'association n'émet pas de reçus fiscaux : si ses dons y ouvrent droit (intérêt général, utilité publique), "
                + "dites-le : compta association --recus 200 (dons des particuliers ; 200,238bis avec ceux des entreprises) "
                + "--qualite interet-general. Compta ne juge pas de l'éligibilité : il imprime ce que l'association déclare."
        case .notEligible(let missing):
            return "un reçu fiscal porte l'adresse, l'objet et la qualité de l'association, et le nom et le rôle de son signataire ; il manque "
                + sentence(missing.map(\.named)) + " : compta association " + missing.map { "\($0.option) \($0.example)" }.joined(separator: " ") + "."
        case .nothingToIssue(let plan):
            let why = ReceiptReports.leftOut(plan)
            if why.isEmpty {
                return "aucun don en \(plan.year) : un don est une ligne au crédit d'un compte 754 portant son donateur "
                    + "(compta saisir 2025-03-12 \"Don\" 512=50 7541=-50 --tiers \"Léa Martin\"), dans une écriture validée."
            }
            return "aucun reçu à émettre pour \(plan.year) :\n  " + why.joined(separator: "\n  ")
        case .unknownReceipt(let number):
            return "aucun reçu n° « \(number) ». Le registre : compta recus"
        case .alreadyCancelled(let r):
            return "le reçu \(r.number) est déjà annulé, depuis le \(r.cancellation?.on.french ?? "?") (\(r.cancellation?.reason ?? "")). "
                + "Le registre : compta recus --annee \(r.year)"
        case .blankReason(let number):
            return "une annulation dit pourquoi : compta recus annuler \(number) --motif \"adresse du donateur erronée\"."
        }
    }
}
