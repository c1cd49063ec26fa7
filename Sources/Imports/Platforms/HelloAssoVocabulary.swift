import Ledger

/// What Compta knows of HelloAsso's exports, as data: the names a column goes by, the values a
/// campaign type or a status takes, the columns that tell an export's kind. Much of it is
/// uncertain (see docs/ARCHITECTURE.md, « HelloAsso »: the payout export's CSV header, the
/// « Dons » campaign export, the extended payments export are guesses): a name seen in a real
/// file that is not here is one more word on a line of these tables, not code.
enum HelloAssoVocabulary {
    /// A field and the column names it is read from (compared as search keys: case, accents and
    /// stray spaces aside), one field a line: `field;name|name|...`.
    static let columns = table("""
        commande;Référence commande|orderId|Numéro de commande
        paiement;Référence paiement|paymentId|Numéro de paiement
        total;Montant total
        date;Date du paiement|Date de la commande|paymentDate
        statut;Statut du paiement|Statut de la commande|paymentStatus
        verse;Versé
        date-versement;Date du versement|cashOutDate
        versement;cashOutId|Identifiant du versement|Numéro du versement
        nom;Nom payeur|payerLastName
        prenom;Prénom payeur|payerFirstName
        email;Email payeur|payerEmail|E-mail payeur
        societe;Raison sociale|payerCompany
        siren;payerSiren|SIREN
        campagne;Campagne|campaignName|Nom de la campagne
        type;Type de campagne|campaignType
        tarif;Montant du tarif|Montant tarif|Montant du don
        options;Montant des options
        don;Don supplémentaire
        promo;Montant du code promo|Montant code promo
        recu;Reçu fiscal
        moyen;Moyen de paiement|paymentMethod
        nom-adherent;Nom adhérent
        prenom-adherent;Prénom adhérent
        nom-participant;Nom participant
        prenom-participant;Prénom participant
        operation;operationType|Type d'opération
        credit;credit|Crédit
        debit;debit|Débit
        """)

    /// Each kind of export, the fields that tell it (all present), surest first.
    static let kinds: [(kind: HelloAssoExportKind, fields: [String])] = [
        (.payout, ["versement", "operation", "credit", "debit", "paiement"]),
        (.payments, ["paiement", "total", "type", "tarif", "date", "statut"]),
        (.membership, ["commande", "nom-adherent", "tarif", "date", "statut"]),
        (.campaign, ["commande", "tarif", "date", "statut", "email"]),
    ]

    /// A campaign export says no campaign type: a column it has tells it (the first found),
    /// else it is a ticketing form's.
    static let campaignKindByColumn: [(column: String, kind: CampaignKind)] = ([
        ("Nom adhérent", .membership), ("Montant du don", .donation), ("Billet", .event), ("Nom participant", .event),
        ("Article", .shop),
    ] as [(String, CampaignKind)]).map { (searchKey($0.0), $0.1) }

    /// Campaign types as exports write them (the Paiements export in French, the payout
    /// export with the API's `FormType`).
    static let campaignTypes = values(campaignTypeText)
    static let campaignTypeNames = firstNames(campaignTypeText)
    private static let campaignTypeText = """
        adhesion;Adhésion|Adhésions|Membership
        billetterie;Billetterie|Événement|Evenement|Event
        don;Don|Dons|Donation|Formulaire de don
        boutique;Boutique|Shop
        crowdfunding;Crowdfunding|Collecte|CrowdFunding
        paiement;Vente|Paiement|PaymentForm|Checkout
        """

    /// Payment statuses: paid (booked), offline (recorded by hand in HelloAsso: left out, the
    /// money comes another way), refunded.
    static let statuses = values(statusText)
    static let statusNames = firstNames(statusText)
    private static let statusText = """
        paye;Payé|Validé|Paid|Authorized|Autorisé
        hors-ligne;Hors Ligne|Registered|Enregistré
        rembourse;Remboursé|Refunded|Remboursement|PartiallyRefunded|Contested|Contesté
        """

    /// Means of payment of a campaign export that say the payment was recorded by hand (the
    /// campaign exports have no « Hors Ligne » status).
    static let offlineMeans = Set(["Espèces", "Espèce", "Chèque", "Virement bancaire"].map(searchKey))

    /// The payout export's operation types (the API's `OperationType`, in the reference): a
    /// payment's price (a donation form's gift is its price), an additional donation (the gift
    /// account), money out (a refund, a chargeback), a tip to HelloAsso (not the association's),
    /// a refund or chargeback cancelled (refused: not booked yet). `Refund` and `Chargeback`
    /// are guesses, not in the reference.
    static let operations = values(operationText)
    static let operationNames = operationText.split(separator: "\n").flatMap { $0.split(separator: ";")[1].split(separator: "|").map(String.init) }
    private static let operationText = """
        paiement;OneTimePayment|MultipleInstalmentPayment|OneTimeDonation|MonthlyDonation|Credit
        don;AdditionalDonation
        sortie;Debit|Refund|Chargeback
        ignore;OrganizationTip
        annulation;RefundCancelled|ContestationCancelled
        """

    /// Another platform's export, told by columns it has (all of them): refused, named.
    static let otherPlatforms: [(name: String, columns: [String])] = [
        ("PayPal", ["Brut", "Frais", "Net", "Numéro de transaction"]),
        ("PayPal", ["Gross", "Fee", "Net", "Transaction ID"]),
        ("Stripe", ["id", "Created (UTC)", "Amount", "Fee"]),
        ("SumUp", ["Code de transaction", "Montant total", "Commission"]),
        ("Weezevent", ["Id Weezevent", "Tarif", "Montant"]),
    ]

    private static func table(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ";", maxSplits: 1)
            result[String(parts[0])] = parts[1].split(separator: "|").map { searchKey(String($0)) }
        }
        return result
    }

    /// The first spelling of each `value;spelling|spelling` line, as written: what a message lists.
    private static func firstNames(_ text: String) -> [String] {
        text.split(separator: "\n").map { String($0.split(separator: ";")[1].split(separator: "|")[0]) }
    }

    /// `value;spelling|spelling` lines as spelling (search key) → value.
    private static func values(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for (value, spellings) in table(text) { for s in spellings { result[s] = value } }
        return result
    }
}
