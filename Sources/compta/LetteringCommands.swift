import Ledger
import LedgerStore
import Reports

/// The lines a lettering command reads: `--compte` (an account or a prefix of one) and `--tiers`
/// (a code or a name, found without creating it).
private func letterQuery(_ ctx: Context, _ store: Store) throws -> LetterQuery {
    let account = try ctx.parsed.value("--compte").map(accountArgument)
    if let account, !Lettering.isLetterable(account) { throw StoreError.lettering(.notThirdPartyAccount(account)) }
    let tiers = try ctx.parsed.value("--tiers").map { try store.knownTiers($0).code }
    return LetterQuery(account: account?.text, tiers: tiers)
}

private let selectionOptions: [Option] = [
    .value("--compte", "COMPTE", "un compte de tiers ou un début de numéro (défaut : les comptes 40 à 46)"),
    .value("--tiers", "TIERS", "un seul tiers (code ou nom)"),
]

/// The date of `--au`, else today.
private func atDay(_ ctx: Context) throws -> Day { try ctx.day("--au") ?? ctx.now.today }

/// Lettrage (issue 25, point 2) and who owes what (point 3).
let letteringCommands: [Command] = [
    Command(
        path: ["lettrer"], usage: "compta lettrer [LIGNE...] [--compte C] [--tiers T] [--confirmer] [--format F]",
        summary: "rapproche factures et règlements d'un même tiers sur un compte de tiers (lettrage)",
        help: """
        Sans numéro de ligne, propose les lettres : sur chaque compte de tiers (401 fournisseurs,
        411 usagers, 4110 adhérents, 441 subventions, 43x, 44x…) et pour chaque tiers, les lignes
        dont les débits égalent les crédits — une facture et son règlement (même pièce, ou même
        montant), plusieurs factures et un règlement. Une facture payée en plusieurs fois dont il
        manque un versement est montrée « partiel », avec ce qui reste à payer, et n'est pas
        lettrée. Rien n'est écrit sans --confirmer.
        Avec des numéros de ligne (colonne Ligne), lettre ces lignes-là ensemble : un seul compte,
        un seul tiers, débits égaux aux crédits. Les lettres vont de A à Z, puis AA, AB…, compte
        par compte. Une facture de décembre se lettre avec son règlement de janvier, même une fois
        l'exercice de décembre clôturé : lettrer ne change aucune écriture (le FEC d'un exercice
        clôturé garde les lettres qu'il avait à sa clôture).
        Exemples : compta lettrer
                   compta lettrer --compte 411 --confirmer
                   compta lettrer 41 57
        """,
        options: selectionOptions + [.flag("--confirmer", "écrit les lettres des propositions équilibrées")] + formatOptions,
        arguments: 0...1000
    ) { ctx in
        let store = try ctx.openStore()
        let association = try store.associationName()
        if !ctx.parsed.positionals.isEmpty {
            if ctx.parsed.has("--confirmer") || ctx.parsed.value("--compte") != nil || ctx.parsed.value("--tiers") != nil {
                throw UsageError(message: "avec des numéros de ligne, ni --compte, ni --tiers, ni --confirmer : les lignes données sont lettrées",
                                 command: "lettrer")
            }
            let ids = try ctx.parsed.positionals.map { raw in
                guard let id = Int64(raw.trimmingSpaces), id > 0 else {
                    throw UsageError(message: "« \(raw) » n'est pas un numéro de ligne (colonne Ligne de compta lettrer ou compta echeances)",
                                     command: "lettrer")
                }
                return id
            }
            let (code, items) = try store.letter(lines: ids)
            try ctx.render(LetteringReport.letter(code, items: items, sentence: "Lettré : lettre \(code) du compte \(items[0].account). "
                                                  + "Pour la retirer : compta delettrer \(code) --compte \(items[0].account)", association: association))
            return
        }
        let query = try letterQuery(ctx, store)
        let confirm = ctx.parsed.has("--confirmer")
        let found = try store.letterProposals(query, write: confirm)
        try ctx.render(LetteringReport.proposals(found, association: association, written: confirm))
    },
    Command(
        path: ["delettrer"], usage: "compta delettrer LETTRE --compte C",
        summary: "retire une lettre : ses lignes redeviennent des pièces ouvertes",
        help: """
        Les lettres sont données compte par compte : la lettre A du 411 n'est pas celle du 401.
        Exemple : compta delettrer A --compte 411
        """,
        options: [.value("--compte", "COMPTE", "le compte de la lettre")],
        arguments: 1...1
    ) { ctx in
        let raw = ctx.parsed.positionals[0]
        guard let code = Letter.parse(raw) else { throw StoreError.lettering(.badLetter(raw)) }
        let account = try accountArgument(try ctx.parsed.required("--compte"))
        let store = try ctx.openStore()
        let items = try store.unletter(code, account: account)
        try ctx.render(LetteringReport.letter(code, items: items, sentence: "Lettre \(code) du compte \(account) retirée : ces lignes sont de nouveau ouvertes.",
                                              association: try store.associationName()))
    },
    Command(
        path: ["tiers", "soldes"], usage: "compta tiers soldes [--au DATE] [--compte C] [--tiers T] [--format F]",
        summary: "ce que chaque tiers doit à l'association, ou ce qu'elle lui doit, compte par compte",
        help: """
        Pour chaque tiers et chaque compte de tiers (401, 411, 4110, 441, 43x…) : le total des
        débits et des crédits, et le solde, du côté où il tombe. Toutes années confondues, à la
        date --au (défaut : aujourd'hui).
        Exemple : compta tiers soldes --compte 411
        """,
        options: selectionOptions + [.value("--au", "DATE", "la date des soldes (défaut : aujourd'hui)")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(try TiersBalances.document(store, query: try letterQuery(ctx, store), at: try atDay(ctx)))
    },
    Command(
        path: ["echeances"], usage: "compta echeances [--au DATE] [--compte C] [--tiers T] [--format F]",
        summary: "balance âgée : les factures et règlements pas encore lettrés, par ancienneté (0–30, 31–60, 61–90, plus de 90 jours)",
        help: """
        Chaque ligne d'un compte de tiers qui n'est pas lettrée à la date --au (défaut :
        aujourd'hui), dans la colonne de son âge, compté depuis la date de l'écriture ; un
        sous-total par tiers et par compte. Lettrez d'abord (compta lettrer --confirmer) : un
        règlement non lettré avec sa facture y figure aussi, en négatif.
        Exemple : compta echeances --compte 411 --au 2025-12-31
        """,
        options: selectionOptions + [.value("--au", "DATE", "la date de la balance (défaut : aujourd'hui)")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(try AgedBalance.document(store, query: try letterQuery(ctx, store), at: try atDay(ctx)))
    },
]
