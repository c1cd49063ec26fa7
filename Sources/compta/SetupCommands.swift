import Foundation
import Ledger
import LedgerStore
import Reports

let setupCommands: [Command] = [
    Command(
        path: ["init"], usage: "compta init --nom NOM --debut AAAA-MM-JJ [--fin AAAA-MM-JJ]",
        summary: "crée un livre : plan comptable associatif, journaux, premier exercice",
        help: """
        Le plan comptable suit la date de début : règlement ANC 2018-06 pour un exercice ouvert
        avant 2025, plan 2025 ensuite. Sans --fin, l'exercice dure un an.
        Exemple : compta init --nom "Cloud Girofle" --debut 2024-01-01
        """,
        options: [.value("--nom", "NOM", "nom de l'association"),
                  .value("--debut", "DATE", "premier jour du premier exercice"),
                  .value("--fin", "DATE", "dernier jour du premier exercice (défaut : un an après)"),
                  .value("--siren", "NUMERO", "SIREN de l'association (pour le FEC) ; le reste : compta association")],
        arguments: 0...0
    ) { ctx in
        var fields: [Association.Field: String] = [.name: try ctx.text(ctx.parsed.required("--nom"), argument: "--nom")]
        fields[.siren] = ctx.parsed.value("--siren")
        let association = try Association(fields: fields)
        _ = try ctx.parsed.required("--debut")
        let start = try ctx.day("--debut")!
        let store = try Store.create(path: ctx.ledgerPath, association: association, start: start, end: try ctx.day("--fin"), now: ctx.now)
        let e = try store.exercice(nil)
        let count = try store.catalog().accounts.count
        ctx.output.print("""
            Livre créé : \(ctx.ledgerPath) (« \(association.name) »).
            Exercice \(e.label) du \(e.start.french) au \(e.end.french), \(e.chart.title), \(count) comptes.
            Journaux : AN (à-nouveaux), BQ (banque), CA (caisse), OD (opérations diverses).
            Suite : compta comptes ajouter 604A "OVH" · compta saisir ... · compta importer RELEVE.csv
            """)
        if ctx.ledger.source == .option {
            // The next commands find this ledger only if told: say how, once.
            let path = shellWord(ctx.ledgerPath)
            ctx.output.print("Les commandes suivantes le trouvent avec --livre \(path) (compta saisir ... --livre \(path)), "
                             + "ou, pour toute la session du terminal : export COMPTA_LIVRE=\(path)")
        }
    },
    Command(
        path: ["comptes"], usage: "compta comptes [--classe N] [--format texte|md|csv|json|html]",
        summary: "liste les comptes du livre (plan comptable et comptes propres)",
        help: "Exemple : compta comptes --classe 6",
        options: [.value("--classe", "N", "seulement les comptes commençant par N (6, 60, 604...)")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let prefix = ctx.parsed.value("--classe") ?? ""
        let catalog = try store.catalog()
        let accounts = catalog.accounts.values.filter { $0.number.isUnder(prefix) }.sorted { $0.number < $1.number }
        // Named as the chart of the exercice being kept names them.
        let chart = catalog.currentExercice?.chart
        var table = ReportTable(columns: [ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"),
                                          ReportColumn("Origine", key: "origine")])
        table.rows = accounts.map { ReportRow([.account($0.number), .text(catalog.label(of: $0.number, in: chart)),
                                               .text($0.isCustom ? "association" : "plan")]) }
        try ctx.render(ReportDocument(title: "Comptes", subtitle: [try store.associationName()], tables: [table],
                                      notes: ["\(accounts.count) compte\(accounts.count > 1 ? "s" : "")."]))
    },
    Command(
        path: ["comptes", "ajouter"], usage: "compta comptes ajouter NUMERO LIBELLE",
        summary: "ajoute un compte propre à l'association (sous-compte, ancien numéro)",
        help: """
        Le compte doit être sous une classe existante ; il se range sous le compte le plus proche
        par préfixe (604A sous 604).
        Exemples : compta comptes ajouter 604A "OVH"
                   compta comptes ajouter 5122 "Livret A"
        """,
        options: [], arguments: 2...2
    ) { ctx in
        let store = try ctx.openStore()
        let raw = ctx.parsed.positionals[0]
        let number: AccountNumber
        do throws(AccountNumberError) { number = try AccountNumber(raw) } catch { throw InputError.badAccount(text: raw, error) }
        let account = try store.addAccount(number, label: try ctx.text(ctx.parsed.positionals[1], argument: "LIBELLE"))
        let parent = try store.parent(of: number)
        ctx.output.print("Compte \(account.number) « \(account.label) » ajouté"
                         + (parent.map { ", sous \($0.number) \($0.label)." } ?? "."))
    },
    Command(
        path: ["projets"], usage: "compta projets [--format texte|md|csv|json|html]",
        summary: "liste les projets analytiques",
        help: "", options: formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let projects = try store.catalog().projects.values.sorted { $0.code < $1.code }
        // The family of restricted resources, only once a project has one (fonds dédiés).
        let funded = projects.contains { $0.fundFamily != nil }
        var table = ReportTable(columns: [ReportColumn("Code", key: "code"), ReportColumn("Nom", key: "nom")]
                                + (funded ? [ReportColumn("Fonds dédiés", key: "fonds_dedies")] : []))
        table.rows = projects.map { ReportRow([.text($0.code), .text($0.name)] + (funded ? [.text($0.fundFamily?.rawValue ?? "")] : [])) }
        try ctx.render(ReportDocument(title: "Projets", subtitle: [try store.associationName()], tables: [table],
                                      notes: projects.isEmpty ? ["Aucun projet. Pour en créer un : compta projets ajouter CODE \"Nom\"."] : []))
    },
    Command(
        path: ["projets", "ajouter"], usage: "compta projets ajouter CODE NOM",
        summary: "ajoute un projet analytique",
        help: """
        Le code (lettres, chiffres, - et _, sans espace) sert dans les commandes et les règles ;
        le nom apparaît dans les rapports.
        Exemple : compta projets ajouter BL-EVOLUTION "BL-Évolution"
        """,
        options: [], arguments: 2...2
    ) { ctx in
        let store = try ctx.openStore()
        let raw = ctx.parsed.positionals[0]
        let code: String
        do throws(CodeError) { code = try Project.validCode(raw) } catch { throw InputError.badProjectCode(text: raw, error) }
        let p = try store.addProject(code: code, name: try ctx.text(ctx.parsed.positionals[1], argument: "NOM"))
        ctx.output.print("Projet \(p.code) « \(p.name) » ajouté.")
    },
    Command(
        path: ["exercices"], usage: "compta exercices [--format texte|md|csv|json|html]",
        summary: "liste les exercices",
        help: "", options: formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        var table = ReportTable(columns: [ReportColumn("Exercice", key: "exercice"), ReportColumn("Début", key: "debut"),
                                          ReportColumn("Fin", key: "fin"), ReportColumn("Plan comptable", key: "plan"),
                                          ReportColumn("État", key: "etat")])
        table.rows = try store.catalog().exercices.map {
            ReportRow([.text($0.label), .text($0.start.french), .text($0.end.french), .text($0.chart.shortTitle),
                       .text($0.isClosed ? "clôturé" : "ouvert")])
        }
        try ctx.render(ReportDocument(title: "Exercices", subtitle: [try store.associationName()], tables: [table]))
    },
    Command(
        path: ["exercices", "ajouter"], usage: "compta exercices ajouter --debut AAAA-MM-JJ [--fin AAAA-MM-JJ]",
        summary: "ouvre un exercice",
        help: """
        Sans --fin, l'exercice dure douze mois. Un exercice ne s'ouvre pas avant un exercice qui
        a déjà ses à-nouveaux (ou qui est clôturé) : il ne pourrait jamais être clôturé. Une pièce
        d'avant le livre trouvée après coup se saisit dans l'exercice ouvert, sur 672 ou 772.
        Exemples : compta exercices ajouter --debut 2025-01-01
                   compta exercices ajouter --debut 2025-01-01 --fin 2025-06-30
        """,
        options: [.value("--debut", "DATE", "premier jour"), .value("--fin", "DATE", "dernier jour (défaut : un an après)")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        _ = try ctx.parsed.required("--debut")
        let e = try store.addExercice(start: try ctx.day("--debut")!, end: try ctx.day("--fin"))
        ctx.output.print((["Exercice \(e.label) ouvert, du \(e.start.french) au \(e.end.french) (\(e.chart.title))."]
                          + (try obsoleteNotes(store, e))).joined(separator: "\n"))
    },
    Command(
        path: ["exercices", "supprimer"], usage: "compta exercices supprimer EXERCICE",
        summary: "supprime un exercice ouvert par erreur, s'il ne contient rien",
        help: """
        Seul un exercice vide se supprime : aucune écriture (même en brouillard), aucun budget,
        aucun relevé importé sur ses dates, et pas clôturé. Pour corriger les dates d'un
        exercice vide : supprimez-le, puis ouvrez le bon.
        Exemple : compta exercices supprimer 2025
                  compta exercices ajouter --debut 2025-01-01 --fin 2025-06-30
        """,
        options: [], arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        let e = try store.exercice(ctx.parsed.positionals[0])
        try store.removeExercice(e)
        ctx.output.print("Exercice \(e.label) supprimé (il allait du \(e.start.french) au \(e.end.french)).")
        if try store.catalog().exercices.isEmpty {
            ctx.output.print("Le livre n'a plus d'exercice : ouvrez le bon avec compta exercices ajouter --debut AAAA-MM-JJ.")
        }
    },
]
