import Ledger
import LedgerStore
import Imports
import Reports

let budgetCommands: [Command] = [
    Command(
        path: ["budget"],
        usage: "compta budget [--exercice E] [--version V] [--au DATE] [--saisonnalite lineaire|n-1] [--projet CODE | --par-projet] [--format F]",
        summary: "le budget prévisionnel face au réalisé, poste par poste",
        help: """
        Pour chaque poste : prévu, réalisé, écart et pourcentage réalisé ; ce qu'aucun poste ne
        couvre apparaît en « hors budget », de sorte que les totaux réalisés sont ceux du compte de
        résultat. En cours d'année (par défaut aujourd'hui pendant l'exercice, ou --au DATE), le
        prévu est ramené à la date (au prorata des jours, ou selon le profil de l'exercice
        précédent avec --saisonnalite n-1), le réalisé est projeté à la fin de l'exercice, et les
        postes qui dépasseront sont signalés. --au et le dernier jour de l'exercice : le budget
        de l'année entière.
        Exemples :
          compta budget --exercice 2024
          compta budget --au 2024-06-30 --saisonnalite n-1
          compta budget --par-projet
        """,
        options: [exerciceOption, atOption] + formatOptions + [
                  .value("--version", "NOM", "version du budget (défaut : la dernière chargée)"),
                  .value("--saisonnalite", "MODE", "lineaire (défaut) ou n-1"),
                  .value("--projet", "CODE", "seulement les postes et le réalisé de ce projet"),
                  .flag("--par-projet", "résumé par projet")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let exercice = try ctx.exercice(store)
        let version = ctx.parsed.value("--version")
        guard let budget = try store.budget(exercice, version: version) else {
            throw BudgetCommandError.noBudget(exercice: exercice.label, version: version, versions: try store.budgetVersions(exercice))
        }
        // During the exercice, today: what was planned up to now, and where the year is heading.
        let asOf = try ctx.day("--au") ?? (exercice.isInProgress(on: ctx.now.today) ? ctx.now.today : nil)
        if let asOf, !exercice.contains(asOf) { throw BudgetCommandError.dateOutside(asOf, exercice) }
        var subtitle = BudgetReport.subtitle(try store.associationName(), exercice: exercice, budget: budget, asOf: asOf)
        if ctx.parsed.has("--par-projet") {
            try ctx.render(BudgetByProject(store, budget: budget, asOf: asOf).document(title: "Budget par projet", subtitle: subtitle))
            return
        }
        let modeName = ctx.parsed.value("--saisonnalite") ?? "lineaire"
        guard let mode = BudgetReport.Seasonality(rawValue: modeName) else {
            throw UsageError(message: "saisonnalité inconnue : \(modeName) (lineaire ou n-1)", command: "budget")
        }
        let project = try ctx.parsed.value("--projet").map(projectCode)
        if let project, try store.catalog().projects[project] == nil {
            throw ReportError.unknownProject(project, known: try store.catalog().projects.keys.sorted())
        }
        if let project { subtitle.append("Projet \(project)") }
        let report = try BudgetReport(store, budget: budget, asOf: asOf, seasonality: mode, project: project)
        var doc = report.document(title: "Budget prévisionnel et réalisé", subtitle: subtitle)
        let versions = try store.budgetVersions(exercice)
        if versions.count > 1 { doc.blocks.append(.paragraph("Versions du budget : \(versions.joined(separator: ", ")) (--version NOM).")) }
        try ctx.render(doc)
    },
    Command(
        path: ["budget", "importer"], usage: "compta budget importer FICHIER [--exercice E] [--version NOM] [--remplacer]",
        summary: "charge un budget prévisionnel (CSV) pour un exercice",
        help: """
        Colonnes : poste;sens;montant;comptes;projet;remarque (séparateur ; ou ,). sens vaut
        dépense ou recette ; comptes liste des numéros ou des préfixes (604A 604B, ou 62 pour toute
        la classe 62) ; un poste sans compte (« (trésorerie) ») n'a qu'un prévu. Quand des postes
        se recouvrent par préfixe, le plus précis l'emporte (604A avant 604) ; un même compte dans
        deux postes est refusé. Tout le fichier est chargé, ou rien. Une version déjà chargée
        (celle que le bureau a votée) n'est remplacée qu'avec --remplacer ; sinon, donnez un
        autre nom de version (--version rectificatif).
        Exemples :
          compta budget importer budget-2024.csv --exercice 2024
          compta budget importer budget-2024-bis.csv --exercice 2024 --version rectificatif
          compta budget importer budget-2024.csv --exercice 2024 --remplacer
        """,
        options: [exerciceOption, .value("--version", "NOM", "nom de la version (défaut : initial)"),
                  .flag("--remplacer", "remplace la version du même nom si elle est déjà chargée")],
        arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        let path = ctx.parsed.positionals[0]
        let exercice = try store.exercice(ctx.parsed.value("--exercice"))
        let postes = try BudgetFile.read(readText(path), file: path)
        let version = try ctx.text(option: "--version") ?? "initial"
        let budget = Budget(exercice: exercice, version: version, postes: postes)
        let replaced: Budget?
        do {
            replaced = try store.saveBudget(postes, exercice: exercice, version: version, replacing: ctx.parsed.has("--remplacer"))
        } catch StoreError.budget(let p) {
            // A problem of the whole budget (a closed exercice, a version that exists) has no line to point at.
            throw p.line.map { LocatedError(file: path, line: $0, underlying: p) } ?? p
        }
        if let replaced {
            ctx.output.print("Budget « \(version) » de l'exercice \(exercice.label) remplacé : \(Messages.budgetSummary(budget)) "
                             + "(avant : \(Messages.budgetSummary(replaced))).")
        } else {
            ctx.output.print("Budget « \(version) » de l'exercice \(exercice.label) chargé : \(Messages.budgetSummary(budget)).")
        }
    },
    Command(
        path: ["budget", "supprimer"], usage: "compta budget supprimer [--exercice E] --version NOM",
        summary: "retire une version du budget chargée par erreur (mauvais exercice, mauvais nom)",
        help: """
        Le budget d'un exercice clôturé reste. Pour remplacer une version par un fichier corrigé,
        compta budget importer FICHIER --remplacer suffit.
        Exemple : compta budget supprimer --exercice 2025 --version initial
        """,
        options: [exerciceOption, .value("--version", "NOM", "la version à retirer (compta budget --exercice E les nomme)")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let exercice = try store.exercice(ctx.parsed.value("--exercice"))
        guard let version = ctx.parsed.value("--version") else {
            throw UsageError(message: "indiquez la version à retirer avec --version (versions de l'exercice \(exercice.label) : "
                             + "\(try store.budgetVersions(exercice).joined(separator: ", ")))", command: "budget supprimer")
        }
        guard let removed = try store.removeBudget(exercice, version: version) else {
            throw BudgetCommandError.noBudget(exercice: exercice.label, version: version, versions: try store.budgetVersions(exercice))
        }
        ctx.output.print("Budget « \(version) » de l'exercice \(exercice.label) retiré (\(Messages.budgetSummary(removed))).")
    },
    Command(
        path: ["budget", "exporter"], usage: "compta budget exporter [--exercice E] [--version NOM] [--sortie FICHIER]",
        summary: "écrit le budget en CSV, au format de compta budget importer",
        help: "", options: [exerciceOption, .value("--version", "NOM", "version (défaut : la dernière)")] + csvFileOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let exercice = try store.exercice(ctx.parsed.value("--exercice"))
        guard let budget = try store.budget(exercice, version: ctx.parsed.value("--version")) else {
            throw BudgetCommandError.noBudget(exercice: exercice.label, version: ctx.parsed.value("--version"), versions: try store.budgetVersions(exercice))
        }
        try writeOrPrint(ctx, BudgetFile.write(budget.postes), what: "Budget", spreadsheet: true)
    },
    Command(
        path: ["budget", "modele"], usage: "compta budget modele --exercice SUIVANT [--sortie FICHIER]",
        summary: "prépare le budget de l'exercice suivant à partir des postes et du réalisé de l'exercice précédent",
        help: """
        Chaque poste reprend son réalisé (arrondi à l'euro), les postes sans compte leur prévu, et
        chaque compte hors budget devient un poste ; la remarque rappelle prévu et réalisé. À
        modifier dans un tableur, puis : compta budget importer FICHIER --exercice SUIVANT.
        Exemple : compta budget modele --exercice 2025 --sortie budget-2025.csv
        """,
        options: [.value("--exercice", "EXERCICE", "l'exercice à budgéter (le modèle part de celui d'avant)")] + csvFileOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let catalog = try store.catalog()
        let target = try ctx.parsed.required("--exercice")
        let source: Exercice, chart: ChartVersion
        if let t = catalog.exercice(labelled: target) {
            guard let p = catalog.previous(t) else { throw ReportError.noPreviousExercice(t) }
            (source, chart) = (p, t.chart)
        } else if let year = Int(target), let p = catalog.exercice(labelled: String(year - 1)) {
            (source, chart) = (p, ChartVersion.forExercice(startYear: year))
        } else {
            throw StoreError.unknownExercice(target, known: catalog.exercices.map(\.label))
        }
        guard let budget = try store.budget(source, version: nil) else {
            throw BudgetCommandError.noBudget(exercice: source.label, version: nil, versions: [])
        }
        try writeOrPrint(ctx, BudgetFile.write(Budget.starter(from: budget, ledger: store, chart: chart)), what: "Modèle de budget \(target)", spreadsheet: true)
    },
]

/// Writes `text` to `--sortie`, or prints it. A CSV file for a spreadsheet (`spreadsheet`)
/// begins with the byte-order mark, unless `--sans-bom`.
func writeOrPrint(_ ctx: Context, _ text: String, what: String, spreadsheet: Bool = false) throws {
    let text = spreadsheet && !ctx.parsed.has("--sans-bom") ? byteOrderMark + text : text
    if let out = ctx.parsed.value("--sortie") {
        try writeFileAtomically(out, text)
        ctx.confirm("\(what) : \(out) écrit.", writing: out)
    } else {
        ctx.output.write(text)
    }
}

enum BudgetCommandError: Error {
    case noBudget(exercice: String, version: String?, versions: [String])
    case dateOutside(Day, Exercice)
}

extension BudgetProblem {
    var line: Int? {
        switch self {
        case .unknownAccount(_, _, let l), .wrongClass(_, _, _, let l), .repeatedPoste(_, _, let l),
             .sharedAccount(_, _, _, let l), .unknownProject(_, _, _, let l): return l
        case .closedExercice, .versionExists, .empty: return nil
        }
    }
}
