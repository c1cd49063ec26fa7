import Ledger
import LedgerStore
import Reports

private let volunteerOption = Option.value("--tiers", "TIERS", "le bénévole : son code (T0003), son nom ou un autre nom connu")
private let pieceOption = Option.value("--piece", "PIECE", "la pièce : référence du justificatif (billet, facture)")

/// `compta frais-benevoles`: expenses a volunteer paid for the association (4681), reimbursed or
/// given up (abandon de frais, 75412, a gift with a tax receipt).
let volunteerExpenseCommands: [Command] = [
    Command(
        path: ["frais-benevoles"], usage: "compta frais-benevoles [--au DATE] [--format texte|md|csv|json]",
        summary: "les frais avancés par les bénévoles (4681) : engagés, remboursés, abandonnés, reste dû, par bénévole",
        help: """
        Pour chaque bénévole qui a payé une dépense de l'association : ce qu'il a engagé
        (compta frais-benevoles ajouter), ce qui lui a été remboursé (un virement affecté au
        compte 4681 avec son nom), ce qu'il a abandonné (compta frais-benevoles abandon) et ce
        qui lui reste dû, tous exercices confondus, jusqu'à aujourd'hui (ou --au).
        Exemples : compta frais-benevoles
                   compta frais-benevoles --au 2025-12-31 --format csv
        """,
        options: [.value("--au", "DATE", "dernier jour pris en compte (défaut : aujourd'hui)")] + formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(VolunteerExpensesReport.document(store, to: try ctx.day("--au") ?? ctx.now.today))
    },
    Command(
        path: ["frais-benevoles", "ajouter"],
        usage: "compta frais-benevoles ajouter --tiers TIERS --compte COMPTE --montant MONTANT --date DATE [--projet CODE] [--libelle L] [--piece P]",
        summary: "enregistre une dépense payée par un bénévole : au débit de la charge, au crédit de 4681 (frais des bénévoles)",
        help: """
        Le bénévole a payé de sa poche une dépense de l'association (un billet de train, des
        fournitures). L'écriture, au journal OD et en brouillard, met la dépense au débit du
        compte de charge (classe 6), sur le projet s'il y en a un, et au crédit du compte 4681
        « Frais des bénévoles », avec le bénévole : l'association lui doit cette somme.
        Le bénévole doit être une personne déjà connue du livre (compta tiers ajouter).
        Ensuite, soit l'association le rembourse (le virement du relevé, affecté au compte 4681
        avec son nom : compta affecter NUMERO 4681 --tiers T0003), soit il renonce par écrit au
        remboursement : compta frais-benevoles abandon.
        Exemples : compta frais-benevoles ajouter --tiers "Léa Martin" --compte 6251 --montant 42,50 --date 2025-03-14
                   compta frais-benevoles ajouter --tiers T0003 --compte 6064 --montant 18 --date 2025-04-02 --projet FETE --piece TICKET-12
        """,
        options: [volunteerOption, .value("--compte", "COMPTE", "le compte de charge de la dépense (6251 voyages, 6064 fournitures...)"),
                  .value("--montant", "MONTANT", "le montant payé par le bénévole (42,50)"),
                  .value("--date", "DATE", "le jour de la dépense"), .value("--projet", "CODE", "le projet de la dépense"),
                  .value("--libelle", "LIBELLE", "le libellé (défaut : « Frais avancés par NOM »)"), pieceOption],
        arguments: 0...0
    ) { ctx in
        let tiers = try ctx.parsed.required("--tiers")
        let account = try accountArgument(try ctx.parsed.required("--compte"))
        let amount = try moneyArgument("--montant", try ctx.parsed.required("--montant"))
        // Without --date, `required` says it is missing.
        let day = try ctx.day("--date") ?? Day(parsing: try ctx.parsed.required("--date"))
        let project = try ctx.parsed.value("--projet").map(projectCode)
        let label = try ctx.text(option: "--libelle"), piece = try ctx.text(option: "--piece")
        let store = try ctx.openStore()
        let (posted, volunteer, twins) = try store.recordVolunteerExpense(volunteer: try ctx.text(tiers, argument: "--tiers"), account: account, amount: amount,
                                                                   on: day, project: project, label: { label ?? "Frais avancés par \($0.name)" }, piece: piece)
        ctx.output.print("Écriture n° \(posted.number) enregistrée (exercice \(posted.exercice.label), journal OD, en brouillard) : "
                         + "\(amount) € au débit de \(account), au crédit de \(AccountNumber.volunteerExpenses) pour \(Messages.named(volunteer)).")
        for twin in twins {
            ctx.output.error("Attention : l'écriture n° \(twin.number) (« \(twin.label) »\(twin.piece.map { ", pièce \($0)" } ?? "")) enregistre déjà "
                + "cette dépense, le même jour pour le même bénévole. Si la nouvelle est un doublon, supprimez-la tant qu'elle est en brouillard : "
                + "compta supprimer \(posted.number).")
        }
    },
    Command(
        path: ["frais-benevoles", "abandon"],
        usage: "compta frais-benevoles abandon --tiers TIERS --piece LETTRE [--montant MONTANT] [--date DATE] [--libelle L]",
        summary: "le bénévole renonce au remboursement de ses frais : un don (75412), qui ouvre droit à un reçu fiscal",
        help: """
        Le bénévole renonce à se faire rembourser ce que l'association lui doit encore sur le
        compte 4681 (tout, ou --montant). L'écriture, au journal OD et en brouillard, débite 4681
        et crédite 75412 « Abandons de frais par les bénévoles » : c'est un don, que le reçu
        fiscal déclare en nature « autres : abandon de frais » (compta recus emettre, une fois
        l'écriture validée).
        Pour que l'abandon ouvre droit à la réduction d'impôt, le bénévole renonce par écrit au
        remboursement (une lettre datée et signée, dont --piece garde la référence), et ses
        frais sont justifiés (billets, factures) et engagés pour l'objet de l'association.
        Refusé quand rien ne lui est dû au jour de l'abandon, ou pour plus que ce qui lui est dû.
        Exemples : compta frais-benevoles abandon --tiers "Léa Martin" --date 2025-12-15 --piece RENONCIATION-2025-03
                   compta frais-benevoles abandon --tiers T0003 --montant 20 --date 2025-12-15 --piece LETTRE-T0003
        """,
        options: [volunteerOption, .value("--montant", "MONTANT", "la part abandonnée (défaut : tout ce qui reste dû)"),
                  .value("--date", "DATE", "le jour de l'abandon (défaut : aujourd'hui)"),
                  .value("--libelle", "LIBELLE", "le libellé (défaut : « Abandon de frais par NOM »)"),
                  .value("--piece", "LETTRE", "la référence de la lettre datée et signée par laquelle le bénévole renonce (obligatoire)")],
        arguments: 0...0
    ) { ctx in
        let tiers = try ctx.parsed.required("--tiers")
        // The written renunciation is what makes the abandon a gift: no piece, no abandon.
        guard ctx.parsed.value("--piece") != nil else {
            throw UsageError(message: "--piece manque : un abandon de frais ne vaut don que si le bénévole renonce par écrit au remboursement ; "
                             + "donnez la référence de sa lettre datée et signée (--piece RENONCIATION-2025-03)", command: "frais-benevoles abandon")
        }
        let amount = try ctx.parsed.value("--montant").map { try moneyArgument("--montant", $0) }
        let day = try ctx.day("--date") ?? ctx.now.today
        let label = try ctx.text(option: "--libelle"), piece = try ctx.text(option: "--piece")
        let store = try ctx.openStore()
        let (posted, volunteer, given) = try store.recordExpenseWaiver(volunteer: try ctx.text(tiers, argument: "--tiers"), amount: amount, on: day,
                                                                       label: { label ?? "Abandon de frais par \($0.name)" }, piece: piece)
        ctx.output.print("Écriture n° \(posted.number) enregistrée (exercice \(posted.exercice.label), journal OD, en brouillard) : "
                         + "\(Messages.named(volunteer)) abandonne \(given) € de frais, au débit de \(AccountNumber.volunteerExpenses) et au crédit de \(AccountNumber.expenseWaiver). "
                         + "Une fois l'écriture validée (compta valider), compta recus emettre en fait un reçu fiscal.")
    },
]
