import Ledger
import Imports
import Reports

extension Messages {
    static func platform(_ e: PlatformError) -> String {
        switch e {
        case .otherPlatform(let name):
            return "c'est un export \(name), pas un export HelloAsso ni un relevé bancaire : Compta ne lit pas les exports \(name). "
                + "Importez le relevé bancaire où arrivent ses versements, ou saisissez ses opérations (compta saisir)."
        case let .amountsDoNotAddUp(total, price, options, donation, promo):
            return "les montants ne s'additionnent pas : total \(total.formatted()) € ≠ tarif \(price.formatted()) + options \(options.formatted()) "
                + "+ don \(donation.formatted()) − code promo \(promo.formatted()) = \((price + options + donation - promo).formatted()) €. "
                + "L'export a été modifié à la main ? Téléchargez-le de nouveau depuis HelloAsso."
        case let .unknownCampaignType(type, known):
            return "type de campagne inconnu « \(type) » (connus : \(known.joined(separator: ", "))). "
                + "Signalez-le : Compta apprendra ce nom ; en attendant, remplacez-le dans le fichier par le type qui convient."
        case let .unknownStatus(status, known):
            return "statut de paiement inconnu « \(status) » (connus : \(known.joined(separator: ", "))). "
                + "Signalez-le ; en attendant, retirez la ligne du fichier ou corrigez son statut."
        case let .unknownOperation(operation, known):
            return "opération de versement inconnue « \(operation) » (connues : \(known.joined(separator: ", "))). "
                + "Signalez-le : Compta apprendra ce nom ; rien n'a été importé."
        case .cancelledRefund(let operation):
            return "« \(operation) » : un remboursement ou une contestation annulés, dont l'argent revient dans ce versement ; "
                + "Compta ne sait pas encore l'écrire. Retirez cette ligne du fichier, importez-le, puis saisissez ce retour "
                + "(compta saisir, au débit de \(PlatformAccounts.transit), au crédit du compte du paiement). Rien n'a été importé."
        case let .date(column, text, error):
            return "colonne « \(column) » : " + day(error, text) + ". HelloAsso écrit ses dates JJ/MM/AAAA, suivies ou non de l'heure "
                + "(02/03/2025 10:15:02). " + downloadAgain
        case let .amount(column, text, error):
            return "colonne « \(column) » : " + money(error, text) + ". HelloAsso écrit ses montants en euros, "
                + "avec une virgule décimale (45,00). " + downloadAgain
        case .emptyField(let column): return "la colonne « \(column) » est vide : chaque ligne de l'export en a une. Téléchargez de nouveau l'export."
        }
    }

    /// The remedy for an export damaged on its way: HelloAsso's own file, untouched.
    static let downloadAgain = "Cette case a sans doute été modifiée à la main : corrigez-la, ou "
        + "téléchargez de nouveau l'export depuis HelloAsso (Paiements ou Commandes, format CSV) et importez-le tel quel ; rien n'a été importé."

    static func helloAssoCommand(_ e: HelloAssoCommandError) -> String {
        switch e {
        case let .bankOptions(options, path):
            let them = options.count > 1 ? "ces options ne s'appliquent" : "cette option ne s'applique"
            return "« \(path) » est un export HelloAsso : \(options.joined(separator: ", ")) : \(them) qu'à un relevé bancaire "
                + "(les paiements vont au compte de transit \(PlatformAccounts.transit), ceux déjà dans le livre sont reconnus et laissés de côté). "
                + "Pour un export HelloAsso, seuls --essai et --format comptent : compta importer \(shellWord(path))"
        }
    }

    static func platformBooking(_ e: PlatformBookingError) -> String {
        switch e {
        case let .unknownRefundedPayment(reference, order):
            let ofOrder = order.isEmpty ? "" : " (commande \(order))"
            return "remboursement du paiement \(reference)\(ofOrder), que le livre n'a pas : importez d'abord l'export des paiements "
                + "(ou le détail du versement, ou l'export de sa campagne) qui le contient (compta importer paiements.csv), "
                + "puis ce fichier de nouveau. Rien n'a été écrit."
        case .badBankDelay(let days):
            return (days < 0 ? "nombre de jours négatif (\(days)) entre un versement HelloAsso et sa ligne de relevé : la banque le reçoit le jour même ou après ; "
                             : "\(french(days, "jour")) entre un versement HelloAsso et sa ligne de relevé : ")
                + "donnez un nombre de jours de 0 à "
                + "\(PlatformState.maximumBankDelay) (par exemple compta helloasso fenetre \(PlatformState.defaultBankDelay))."
        case let .campaignLike(name, close):
            return "aucun paiement importé n'est de la campagne « \(name) », mais "
                + (close.count > 1 ? "des campagnes proches le sont : " : "une campagne proche l'est : ")
                + close.map { "« \($0) »" }.joined(separator: ", ")
                + ". Une faute de frappe ? Donnez le nom tel que l'export l'écrit (compta helloasso campagnes ajouter \(shellWord(close[0])) COMPTE) ; "
                + "une nouvelle campagne, pas encore importée : ajoutez --nouvelle. Rien n'a été écrit."
        }
    }
}

extension Messages {
    /// `compta helloasso fenetre`: the days after a payout its bank line may come, 0 saying what it means.
    static func bankDelay(_ days: Int) -> String {
        "Fenêtre des versements HelloAsso : "
            + (days == 0 ? "0 jour (la ligne de relevé doit être du jour même du versement)." : "\(french(days, "jour")) après la date du versement.")
    }
}
