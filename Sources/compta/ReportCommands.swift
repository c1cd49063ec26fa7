import Ledger
import LedgerStore
import Reports

func subtitle(_ store: Store, _ period: Period, project: String? = nil) throws -> [String] {
    var s = [try store.associationName(), period.caption]
    if let project, let p = try store.catalog().projects[project] { s.append("Projet \(p.name) (\(p.code))") }
    return s
}

let reportCommands: [Command] = [
    Command(
        path: ["resultat"],
        usage: "compta resultat [--exercice E] [--du DATE] [--au DATE] [--projet CODE [--pluriannuel] | --par-projet | --comparer] [--modele compte|anc] [--format F]",
        summary: "le compte de résultat : charges, produits, excédent ou déficit",
        help: """
        Par défaut, chaque compte avec son propre solde, comme les associations le publient
        (604 et ses sous-comptes 604A, 604B... chacun sur sa ligne). --modele anc présente le
        modèle réglementaire du règlement ANC 2018-06 (produits et charges d'exploitation,
        financiers, exceptionnels, résultats I à VIII, contributions volontaires en nature).
        Exemples :
          compta resultat --exercice 2024 --comparer
          compta resultat --projet BL-EVOLUTION
          compta resultat --par-projet --format csv
          compta resultat --du 2024-01-01 --au 2024-06-30
          compta resultat --projet BL-EVOLUTION --pluriannuel
        --pluriannuel donne le compte d'un projet sur toute sa durée (une subvention sur
        plusieurs années) : une colonne par exercice où il a des charges ou des produits, et le total.
        Pendant l'exercice, sans --au, le rapport s'arrête à aujourd'hui ; --comparer met alors en
        face la même période de l'exercice précédent.
        """,
        options: periodOptions + [.value("--projet", "CODE", "seulement les lignes de ce projet analytique"),
                                  .flag("--pluriannuel", "avec --projet : une colonne par exercice du projet, et le total"),
                                  .flag("--par-projet", "une colonne par projet, une « sans projet », et le total"),
                                  .flag("--comparer", "ajoute l'exercice précédent (N-1) et la variation"),
                                  .value("--modele", "MODELE", "compte (défaut) ou anc")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let modelName = ctx.parsed.value("--modele") ?? "compte"
        guard let model = CompteDeResultat.Model(rawValue: modelName) else {
            throw UsageError(message: "modèle inconnu : \(modelName) (compte ou anc)", command: "resultat")
        }
        if ctx.parsed.has("--pluriannuel") {
            guard let code = try ctx.parsed.value("--projet").map(projectCode) else {
                throw UsageError(message: "--pluriannuel va avec --projet CODE", command: "resultat")
            }
            if ["--exercice", "--du", "--au"].contains(where: { ctx.parsed.value($0) != nil }) || ctx.parsed.has("--comparer") || ctx.parsed.has("--par-projet") {
                throw UsageError(message: "--pluriannuel couvre tous les exercices du projet : sans --exercice, --du, --au, --comparer ni --par-projet",
                                 command: "resultat")
            }
            let catalog = try store.catalog()
            let columns = try FigureColumn.lifetime(of: code, catalog: catalog, ledger: store)
            // Accounts named by the chart of the project's last exercice (the one its last column ends).
            let chart = catalog.exercice(containing: columns[columns.count - 1].to)?.chart ?? .pca2018
            let report = try CompteDeResultat(store, columns: columns, chart: chart)
            let years = columns.count == 1 ? "exercice \(columns[0].title)" : "exercices \(columns[0].title) à \(columns[columns.count - 2].title)"
            var doc = try report.document(model: model, title: "Compte de résultat du projet",
                                          subtitle: [try store.associationName(), "Projet \(catalog.projects[code]!.name) (\(code)), \(years)"])
            if columns.count > 1 { doc.blocks.append(.paragraph("Résultat du projet sur toute sa durée : \(CompteDeResultat.resultWords(report.result.last!)).")) }
            try ctx.render(doc)
            return
        }
        let period = try ctx.periodSoFar(store)
        let exclusive = [ctx.parsed.value("--projet") != nil, ctx.parsed.has("--par-projet"), ctx.parsed.has("--comparer")].filter { $0 }
        if exclusive.count > 1 {
            throw UsageError(message: "--projet, --par-projet et --comparer ne se combinent pas", command: "resultat")
        }
        let project = try ctx.parsed.value("--projet").map(projectCode)
        let columns = try FigureColumn.columns(for: period, catalog: store.catalog(), comparing: ctx.parsed.has("--comparer"),
                                               project: project, byProject: ctx.parsed.has("--par-projet"), ledger: store)
        let report = try CompteDeResultat(store, columns: columns, showsVariation: ctx.parsed.has("--comparer"), chart: period.exercice.chart)
        try ctx.render(report.document(model: model, title: "Compte de résultat", subtitle: subtitle(store, period, project: project),
                                       partOfExercice: !period.isWholeExercice))
    },
    Command(
        path: ["bilan"], usage: "compta bilan [--exercice E] [--au DATE] [--format F]",
        summary: "le bilan (simplifié, modèle des associations) à la clôture ou à une date, avec N-1",
        help: """
        Le résultat de l'exercice non clôturé est compté dans les fonds propres. Total de l'actif =
        total du passif, ou le rapport dit de combien et pourquoi. Pendant l'exercice, sans --au,
        le bilan est celui du jour.
        """,
        options: [exerciceOption, atOption] + formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(Bilan.self, store, period: ctx.periodSoFar(store))
    },
    Command(
        path: ["tresorerie"], usage: "compta tresorerie [--exercice E] [--du DATE] [--au DATE] [--selon passe|budget] [--hors-projet CODE] [--format F]",
        summary: "la trésorerie : soldes des comptes de banque et de caisse, mois par mois, point bas, créances et dettes, et combien de mois elle couvre",
        help: """
        Les comptes de trésorerie sont les comptes 51 (banques) et 53 (caisse). Pendant l'exercice,
        sans --au, le rapport s'arrête à aujourd'hui : pas de mois à venir. Le rapport donne aussi
        le point bas de la période (le solde le plus bas en fin de journée, et sa date), les
        créances et les dettes à court terme (comptes 40 à 46, chacun du côté de son solde) et ce
        qui resterait une fois les créances encaissées et les dettes payées.
        Le rythme est ce que l'activité consomme par mois : charges moins produits (classes 6 et
        7, hors dotations, reprises et cessions d'immobilisations), en moyenne sur les mois que le
        livre couvre (de sa première à sa dernière opération, 12 au plus, pas le mois en cours).
        Le remboursement d'une dette ou l'encaissement d'une créance n'y entrent pas.
        Exemples :
          compta tresorerie --au 2024-06-30
          compta tresorerie --selon budget           # le rythme du budget voté, pas celui des mois passés
          compta tresorerie --hors-projet BL-EVOLUTION   # sans un projet terminé (une subvention dépensée)
        """,
        options: periodOptions + [.value("--selon", "BASE", "passe (défaut : les mois que le livre couvre) ou budget (le budget voté de l'exercice)"),
                                  .value("--hors-projet", "CODE", "le rythme sans les charges et produits de ce projet (terminé, ou financé à part)")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let basis: Tresorerie.Basis
        switch ctx.parsed.value("--selon").map(searchKey) {
        case nil, "passe"?: basis = .past
        case "budget"?: basis = .budget
        case let other?: throw UsageError(message: "base de rythme inconnue : \(other) (passe ou budget)", command: "tresorerie")
        }
        let period = try ctx.periodSoFar(store)
        let project = try ctx.parsed.value("--hors-projet").map(projectCode)
        try ctx.render(Tresorerie(store, period: period, basis: basis, excluding: project)
            .document(title: "Trésorerie", subtitle: subtitle(store, period)))
    },
    Command(
        path: ["exporter"], usage: "compta exporter --format hledger [--exercice E] [--sortie FICHIER]",
        summary: "écrit le livre dans un autre format (hledger : journal en texte)",
        help: "Exemple : compta exporter --format hledger --sortie compta.journal puis hledger -f compta.journal bal",
        options: [.value("--format", "FORMAT", "hledger"), .value("--exercice", "EXERCICE", "un seul exercice (défaut : tout le livre)"),
                  .value("--sortie", "FICHIER", "fichier à écrire (défaut : la sortie standard)")],
        arguments: 0...0
    ) { ctx in
        guard ctx.parsed.value("--format") == "hledger" else {
            throw UsageError(message: "indiquez --format hledger (seul format d'export pour l'instant)", command: "exporter")
        }
        let store = try ctx.openStore()
        let e = try ctx.parsed.value("--exercice").map { try store.exercice($0) }
        try writeOrPrint(ctx, try HledgerExport.journal(store, from: e?.start, to: e?.end), what: "Journal hledger")
    },
]
