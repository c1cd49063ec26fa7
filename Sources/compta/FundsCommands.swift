import Ledger
import LedgerStore
import Reports

/// Fonds dédiés (issue 28, point 1): mark a project funded by restricted resources, compute
/// and book its reports and utilisations, print the annex's follow-up table.
let fundsCommands: [Command] = [
    Command(
        path: ["projets", "modifier"], usage: "compta projets modifier CODE --fonds-dedies subvention|contribution|dons|aucun",
        summary: "marque un projet financé par des ressources affectées (fonds dédiés)",
        help: """
        Un projet financé par une subvention (compte 74), la contribution financière d'un autre
        organisme (755) ou des dons reçus pour lui (754) est marqué de cette famille : à la
        clôture, la part de ces ressources qu'il n'a pas encore dépensée devient un fonds dédié
        (compta fonds-dedies calculer). aucun retire la marque ; les fonds déjà écrits restent.
        Exemple : compta projets modifier EUROPE --fonds-dedies subvention
        """,
        options: [.value("--fonds-dedies", "FAMILLE", "subvention, contribution, dons ou aucun")],
        arguments: 1...1
    ) { ctx in
        guard let raw = ctx.parsed.value("--fonds-dedies") else {
            throw UsageError(message: "--fonds-dedies manque : subvention, contribution, dons ou aucun", command: "projets modifier")
        }
        let family = try FundFamily.parse(raw)
        let store = try ctx.openStore()
        let p = try store.setFundFamily(of: try projectCode(ctx.parsed.positionals[0]), to: family)
        ctx.output.print(family.map {
            "Projet \(p.code) « \(p.name) » : financé par des ressources affectées, famille \($0.rawValue) (fonds \($0.fund), report \($0.report), "
                + "utilisation \($0.utilisation)). À la clôture : compta fonds-dedies calculer --exercice EXERCICE"
        } ?? "Projet \(p.code) « \(p.name) » : plus marqué comme financé par des ressources affectées.")
    },
    Command(
        path: ["fonds-dedies"], usage: "compta fonds-dedies [--exercice E] [--format texte|md|csv|json]",
        summary: "le suivi des fonds dédiés de l'annexe : par famille et par projet, ouverture, reports, utilisations, transferts, clôture",
        help: """
        Pour chaque famille de ressources affectées (subventions 194, contributions d'autres
        organismes 195, générosité du public 196) et chaque projet : le fonds à l'ouverture, les
        reports de l'exercice (689), les utilisations (789), les transferts, le fonds à la
        clôture, et « oui » pour un fonds que rien n'a utilisé depuis deux exercices. Le total à
        la clôture est la ligne « Fonds dédiés » du bilan.
        Exemple : compta fonds-dedies --exercice 2024
        """,
        options: [.value("--exercice", "EXERCICE", "l'exercice (défaut : le dernier terminé)")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(FondsDedies.self, store, period: try Period(exercice: try ctx.presentedExercice(store)))
    },
    Command(
        path: ["fonds-dedies", "calculer"],
        usage: "compta fonds-dedies calculer --exercice E [--projet CODE [--report MONTANT] [--utilisation MONTANT]] [--essai|--confirmer] [--format F]",
        summary: "calcule les reports en fonds dédiés (689 / 19x) et leurs utilisations (19x / 789) ; les écrit avec --confirmer",
        help: """
        Pour chaque projet marqué (compta projets modifier CODE --fonds-dedies ...) :
        l'utilisation du fonds ouvert au début de l'exercice, à hauteur de ce que le projet a
        dépensé (D 19x / C 789x), puis le report de ses ressources affectées de l'exercice que
        ses charges n'ont pas consommées (D 689x / C 19x), moins ce qui est déjà écrit. Sans
        --confirmer, montre les chiffres et n'écrit rien ; avec, écrit les écritures (journal OD,
        datées du dernier jour de l'exercice, en brouillard : compta valider ensuite). Avec
        --projet, --report et --utilisation fixent ces montants pour ce projet (un financeur qui
        n'accepte qu'une partie du report) : au plus les ressources de l'exercice, au plus le
        fonds restant. Relancée après de nouvelles écritures, la commande propose la différence.
        Exemples : compta fonds-dedies calculer --exercice 2024
                   compta fonds-dedies calculer --exercice 2024 --confirmer
                   compta fonds-dedies calculer --exercice 2024 --projet EUROPE --report 40000 --confirmer
        """,
        options: [.value("--exercice", "EXERCICE", "l'exercice"), .value("--projet", "CODE", "un seul projet"),
                  .value("--report", "MONTANT", "avec --projet : le report de l'exercice, au lieu du calcul"),
                  .value("--utilisation", "MONTANT", "avec --projet : l'utilisation de l'exercice, au lieu du calcul"),
                  .flag("--essai", "montre les chiffres sans rien écrire (défaut)"),
                  .flag("--confirmer", "écrit les écritures proposées")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let project = try ctx.parsed.value("--projet").map(projectCode)
        let report = try ctx.parsed.value("--report").map { try moneyArgument("--report", $0) }
        let utilisation = try ctx.parsed.value("--utilisation").map { try moneyArgument("--utilisation", $0) }
        if project == nil && (report != nil || utilisation != nil) {
            throw UsageError(message: "--report et --utilisation fixent les montants d'un projet : ajoutez --projet CODE", command: "fonds-dedies calculer")
        }
        if ctx.parsed.has("--essai") && ctx.parsed.has("--confirmer") {
            throw UsageError(message: "--essai et --confirmer s'excluent", command: "fonds-dedies calculer")
        }
        let store = try ctx.openStore()
        let exercice = try store.exercice(try ctx.parsed.required("--exercice"))
        let confirm = ctx.parsed.has("--confirmer")
        let plan: [FundProposal], posted: [Store.Posted]
        if confirm {
            (plan, posted) = try store.bookFunds(exercice, project: project, report: report, utilisation: utilisation)
        } else {
            (plan, posted) = (try store.fundPlan(exercice, project: project, report: report, utilisation: utilisation), [])
        }
        var doc = FundPlanReport.document(plan, exercice: exercice,
                                          title: "Fonds dédiés à comptabiliser", subtitle: [try store.associationName(), "Exercice \(exercice.label)"])
        if !posted.isEmpty {
            let numbers = posted.map { "n° \($0.number)" }.joined(separator: ", ")
            doc.blocks.append(.paragraph(Inline("Écrit : écriture\(posted.count > 1 ? "s" : "") \(numbers) de l'exercice \(exercice.label), journal OD, "
                + "en brouillard. Validez (compta valider), puis clôturez.")))
        } else if plan.contains(where: { !$0.isBooked }) {
            doc.blocks.append(.paragraph(Inline("Rien n'est écrit : pour enregistrer ces écritures, la même commande avec --confirmer.")))
        }
        try ctx.render(doc)
    },
]
