import Foundation
import Ledger
import LedgerStore
import Imports
import Reports

func accountArgument(_ raw: String) throws -> AccountNumber {
    do throws(AccountNumberError) { return try AccountNumber(raw) } catch { throw InputError.badAccount(text: raw, error) }
}

func moneyArgument(_ option: String, _ raw: String) throws -> Money {
    do throws(MoneyError) { return try Money(parsing: raw) } catch { throw InputError.badAmount(argument: option, text: raw, error) }
}

let bankCommands: [Command] = [
    Command(
        path: ["importer"],
        usage: "compta importer RELEVE [--banque auto|NOM] [--compte 512] [--regles FICHIER] [--essai] [--sans-tiers] [--format texte|json]\n        compta importer --banques",
        summary: "importe un relevé bancaire (CSV de toute banque, OFX, QIF, CFONB 120, camt.053) : une écriture par opération",
        help: """
        Le format est reconnu tout seul (--banque auto) ; --banques liste les banques connues.
        Chaque opération reçoit une empreinte : réimporter le même relevé, ou un relevé qui en
        chevauche un autre, n'ajoute que les opérations nouvelles. Les règles (compta regles)
        classent les opérations ; celles qu'aucune règle ne classe vont au compte d'attente 471
        (compta attente, puis compta affecter). Tout le relevé est importé, ou rien.
        Une opération nouvelle qui a le jour et le montant d'une opération qu'un autre relevé du
        compte a apportée sous un autre libellé (un autre format du même compte) est signalée ;
        --du laisse de côté les opérations d'avant un jour.
        Un relevé déjà importé dans un autre compte du livre (le même fichier, ses opérations,
        ou le numéro de compte bancaire qu'il porte) est refusé ; --forcer l'importe quand même.
        Un fichier CFONB 120 ou camt.053 qui contient plusieurs comptes : --numero choisit lequel.
        Chaque opération reçoit son tiers : celui de sa règle (--tiers de compta regles ajouter),
        sinon le nom lu dans le libellé (« /DE X /MOTIF », « DE: X MOTIF: », « VIR X »,
        « PRLV SEPA X ») ; un nom inconnu crée un tiers, et l'import liste ceux qu'il a créés.
        --sans-tiers n'en donne à aucune.
        Un export HelloAsso (paiements, campagne, détail d'un versement) est reconnu de même et
        importé comme tel : une écriture par paiement (voir compta helloasso --help).

        Exemples :
          compta importer releve-mars.csv
          compta importer releve.ofx --compte 5121
          compta importer export.csv --colonnes date=1,libelle=3,montant=4 --essai
          compta importer releve.csv --solde 17400,00 --au 2024-12-31
          compta importer releve-avril.ofx --du 2024-04-01
        """,
        options: [.flag("--banques", "liste les formats de banque reconnus"),
                  .value("--banque", "NOM", "format du relevé (défaut : auto)"),
                  .value("--compte", "COMPTE", "compte de banque ou de caisse du livre (défaut : 512)"),
                  .value("--regles", "FICHIER", "règles à utiliser au lieu de celles du livre (CSV)"),
                  .flag("--essai", "montre ce que l'import ferait, sans rien écrire"),
                  .flag("--sans-tiers", "ne donne de tiers à aucune ligne (ni celui des règles, ni celui lu dans les libellés)"),
                  .value("--encodage", "NOM", "force l'encodage : utf-8, windows-1252, iso-8859-15"),
                  .value("--colonnes", "SPEC", "colonnes d'un CSV inconnu : date=1,libelle=3,montant=4 (ou debit=,credit=,sens=,solde=)"),
                  .value("--profil", "FICHIER", "profil personnel de banque (nom, colonnes, separateur, encodage)"),
                  .value("--numero", "NUMERO", "compte à importer d'un fichier qui en contient plusieurs"),
                  .flag("--forcer", "importe même un relevé qui semble celui d'un autre compte du livre"),
                  .value("--du", "DATE", "n'importe que les opérations de ce jour et après (les précédentes sont déjà dans le livre)"),
                  .value("--solde", "MONTANT", "solde final lu sur le relevé, pour le rapprochement"),
                  .value("--au", "DATE", "date du solde donné par --solde (défaut : dernière opération)"),
                  .value("--format", "FORMAT", "texte (défaut) ou json")],
        arguments: 0...1
    ) { ctx in
        if ctx.parsed.has("--banques") {
            try ctx.render(BankFormats(StatementReaders.all, notEstablished: BankProfile.notEstablished).document)
            return
        }
        guard let path = ctx.parsed.positionals.first else {
            throw UsageError(message: "indiquez le fichier du relevé", command: "importer")
        }
        var read = ReadOptions(bank: ctx.parsed.value("--banque"), accountNumber: ctx.parsed.value("--numero"))
        if let e = ctx.parsed.value("--encodage") {
            guard let enc = TextEncoding(name: e) else {
                throw UsageError(message: "encodage inconnu : \(e) (utf-8, windows-1252, iso-8859-15, iso-8859-1)", command: "importer")
            }
            read.encoding = enc
        }
        if let c = ctx.parsed.value("--colonnes") { read.columns = try CustomColumns(parsing: c) }
        if let p = ctx.parsed.value("--profil") { read.profileFile = try ProfileFile(parsing: readText(p)) }
        let store = try ctx.openStore()
        if (read.bank.map(searchKey) ?? "auto") == "auto", read.columns == nil, read.profileFile == nil, try importHelloAsso(path: path, store: store, ctx) { return }
        let bytes = try readBytes(path)
        var options = ImportOptions(fileName: path, bankAccount: try accountArgument(ctx.parsed.value("--compte") ?? "512"),
                                    read: read, dryRun: ctx.parsed.has("--essai"))
        if let r = ctx.parsed.value("--regles") { options.rules = try RuleFile.read(readText(r), file: r, catalog: store.catalog()) }
        if let s = ctx.parsed.value("--solde") { options.statedBalance = (try moneyArgument("--solde", s), try ctx.day("--au")) }
        options.from = try ctx.day("--du")
        options.force = ctx.parsed.has("--forcer")
        options.tiers = !ctx.parsed.has("--sans-tiers")
        let result: ImportResult
        do { result = try BankImporter.run(bytes, options: options, ledger: store) } catch let e as StatementError {
            throw InputError.inStatement(path: path, e)
        } catch StoreError.located(let e) {
            // Three refusals get their way out: a statement that begins before a closing or before
            // the ledger (--du), and a rule of the ledger on an account the chart replaced (the
            // commands that move it).
            switch e.underlying as? EntryError {
            case .closedExercice(_, let closed)?:
                throw ImportCommandError.beforeClosing(e, from: closed.end.adding(days: 1))
            case .outsideExercices(let day, let exercices)?:
                guard let first = exercices.first, day < first.start else { throw StoreError.located(e) }
                throw ImportCommandError.beforeLedger(e, day: day, first: first)
            case .replacedAccount(let account, _, let exercice)? where options.rules == nil:
                let rules = try store.catalog().rulesOnReplacedAccounts(try store.rules(), in: exercice.chart)
                    .filter { $0.rule.account == account.number }
                throw rules.isEmpty ? StoreError.located(e) : ImportCommandError.ruleOnReplacedAccount(e, rules: rules)
            default:
                throw StoreError.located(e)
            }
        }
        try ctx.render(ImportSummary(result, detailed: try ctx.format() == .json || result.dryRun).document)
    },
    Command(
        path: ["releves"], usage: "compta releves [--format texte|md|csv|json|html]",
        summary: "liste les relevés importés : fichier, compte, dates, opérations nouvelles et validées",
        help: "Le numéro d'un relevé sert à annuler son import : compta releves annuler NUMERO.",
        options: formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(ImportedStatements(store).document(association: try store.associationName()))
    },
    Command(
        path: ["releves", "annuler"], usage: "compta releves annuler NUMERO",
        summary: "annule l'import d'un relevé fait par erreur : ses écritures, encore en brouillard, sont supprimées",
        help: """
        NUMERO est celui que donne compta releves. Les écritures que cet import a créées (pas
        celles qu'un import précédent avait déjà faites) sont supprimées, avec leurs lignes de
        relevé : le fichier peut être importé de nouveau, dans le bon compte. Refusé dès qu'une
        de ces écritures est validée (corrigez-la alors par une extourne).
        Exemple : compta releves annuler 4, puis compta importer livret.csv --compte 5122
        """,
        options: [], arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        guard let id = Int(ctx.parsed.positionals[0]) else {
            throw UsageError(message: "NUMERO est un numéro de relevé (voir compta releves)", command: "releves annuler")
        }
        let (st, overlapping) = try store.cancelStatement(id: id)
        ctx.output.print("Import du relevé n° \(id) annulé (\(st.fileName), compte \(st.bankAccount)) : \(st.linesNew) écriture"
                         + (st.linesNew > 1 ? "s supprimées." : " supprimée.") + " Pour l'importer de nouveau : compta importer \(st.fileName) --compte COMPTE")
        for later in overlapping {
            ctx.output.print("Le relevé n° \(later.id) (\(later.fileName)) couvre aussi ces jours, et y avait trouvé des opérations déjà importées : "
                             + "réimportez-le pour qu'elles reviennent (seules les absentes seront ajoutées).")
        }
    },
    Command(
        path: ["regles"], usage: "compta regles [--format texte|md|csv|json|html]",
        summary: "liste les règles de classement des opérations bancaires, dans l'ordre où elles sont essayées",
        help: "La première règle dont le motif est dans le libellé (majuscules et accents ignorés) classe l'opération.",
        options: formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(RuleList(store).document(association: try store.associationName()))
    },
    Command(
        path: ["regles", "ajouter"],
        usage: "compta regles ajouter MOTIF COMPTE [--projet P] [--libelle L] [--tiers T|capture|aucun] [--regex] [--sens recette|depense] [--min M] [--max M] [--position N]",
        summary: "ajoute une règle : les opérations dont le libellé contient MOTIF vont au COMPTE",
        help: """
        Exemples :
          compta regles ajouter "OVH" 604A --projet BL-EVOLUTION
          compta regles ajouter "HELLOASSO" 7562 --sens recette --libelle "Cotisations HelloAsso"
          compta regles ajouter "^PRLV SEPA (OVH|KIMSUFI)" 604A --regex
          compta regles ajouter "OVH" 604A --tiers "OVH SAS"
          compta regles ajouter "VIR SEPA RECU /DE (?<tiers>.+?) /MOTIF COTIS" 7562 --regex
          compta regles ajouter "HELLOASSO" 7562 --tiers aucun
        Sans --position, la règle s'ajoute à la fin ; avec, elle passe avant celles qui suivent.
        Le tiers des lignes classées : sans --tiers, le groupe (?<tiers>…) de l'expression, sinon
        le nom que donne une forme de libellé connue (« /DE X /MOTIF », « DE: X MOTIF: »,
        « VIR X », « PRLV SEPA X ») ; --tiers NOM (ou code) : ce tiers ; --tiers capture : le
        groupe (?<tiers>…), obligatoire ; --tiers aucun : pas de tiers.
        """,
        options: [.value("--projet", "CODE", "projet analytique"), .value("--libelle", "TEXTE", "libellé à écrire à la place de celui de la banque"),
                  .flag("--regex", "MOTIF est une expression régulière"),
                  .value("--tiers", "TIERS", "tiers des lignes classées : un nom ou un code, capture (le groupe (?<tiers>…)) ou aucun"),
                  .value("--sens", "SENS", "recette ou depense (défaut : les deux)"),
                  .value("--min", "MONTANT", "montant minimum"), .value("--max", "MONTANT", "montant maximum"),
                  .value("--position", "N", "rang de la règle")],
        arguments: 2...2
    ) { ctx in
        let store = try ctx.openStore()
        let direction: Rule.Direction
        switch ctx.parsed.value("--sens").map(searchKey) {
        case nil: direction = .any
        case "recette"?: direction = .income
        case "depense"?: direction = .expense
        default: throw UsageError(message: "--sens vaut recette ou depense", command: "regles ajouter")
        }
        var rule = Rule(position: Int(ctx.parsed.value("--position") ?? "0") ?? 0, pattern: try ctx.text(ctx.parsed.positionals[0], argument: "MOTIF"),
                        isRegex: ctx.parsed.has("--regex"), direction: direction,
                        minimum: try ctx.parsed.value("--min").map { try moneyArgument("--min", $0).magnitude },
                        maximum: try ctx.parsed.value("--max").map { try moneyArgument("--max", $0).magnitude },
                        account: try accountArgument(ctx.parsed.positionals[1]),
                        project: try ctx.parsed.value("--projet").map(projectCode), label: try ctx.text(option: "--libelle"),
                        tiers: RuleTiers(text: try ctx.text(option: "--tiers") ?? ""))
        try RuleMatcher.check(rule, catalog: store.catalog())
        rule = try store.addRule(rule)
        ctx.output.print("Règle n° \(rule.position) ajoutée : « \(rule.pattern) » → \(rule.account)"
                         + (rule.project.map { " (projet \($0))" } ?? "") + ".")
        if rule.filesBothWaysUnderResult { ctx.output.error(Messages.ruleFilesBothWays(rule)) }
        let waiting = try RuleApplier.waiting(filedBy: rule, ledger: store)
        if waiting > 0 {
            ctx.output.print("\(french(waiting, "opération en attente sur 471 relève", plural: "opérations en attente sur 471 relèvent")) de cette règle : "
                             + "compta regles appliquer \(waiting == 1 ? "la classe" : "les classe") (--essai pour voir d'abord).")
        }
    },
    Command(
        path: ["regles", "supprimer"], usage: "compta regles supprimer POSITION",
        summary: "supprime une règle (son numéro est donné par compta regles)",
        help: "", options: [], arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        guard let n = Int(ctx.parsed.positionals[0]) else {
            throw UsageError(message: "POSITION est un nombre (voir compta regles)", command: "regles supprimer")
        }
        guard try store.removeRule(position: n) else { throw RuleCommandError.noRule(n) }
        ctx.output.print("Règle n° \(n) supprimée.")
    },
    Command(
        path: ["regles", "importer"], usage: "compta regles importer FICHIER",
        summary: "remplace les règles du livre par celles d'un fichier CSV",
        help: "En-tête : position;motif;regex;sens;min;max;compte;projet;libelle;tiers (motif et compte obligatoires). Toutes les règles sont chargées, ou aucune ; deux lignes qui classent de même (comme regles ajouter le refuse) sont refusées.",
        options: [], arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        let path = ctx.parsed.positionals[0]
        let rules = try RuleFile.read(readText(path), file: path, catalog: store.catalog())
        try store.replaceRules(rules)
        ctx.output.print("\(rules.count) règle\(rules.count > 1 ? "s" : "") chargée\(rules.count > 1 ? "s" : "") depuis \(path).")
        // Named by the numbers the ledger gives them (1, 2, 3…), not the file's positions.
        for rule in try store.rules() where rule.filesBothWaysUnderResult { ctx.output.error(Messages.ruleFilesBothWays(rule, file: path)) }
    },
    Command(
        path: ["regles", "appliquer"], usage: "compta regles appliquer [--essai] [--format texte|md|csv|json]",
        summary: "classe les opérations en attente sur 471 avec les règles d'aujourd'hui, comme l'import l'aurait fait",
        help: """
        Une règle ajoutée après l'import (compta regles ajouter, ou compta affecter --regle) classe
        aussi les opérations qu'il avait laissées en attente : même recherche du motif, même tiers.
        Tout est classé, ou rien ; la commande dit combien d'opérations chaque règle a classées.
        Une opération validée ne change pas : elle est listée, à classer avec compta affecter
        (qui passe une écriture OD). --essai montre ce qui serait classé, sans rien écrire.
        """,
        options: [.flag("--essai", "montre ce qui serait classé, sans rien écrire")] + formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(RulesApplied(try RuleApplier.run(ledger: store, dryRun: ctx.parsed.has("--essai"))).document)
    },
    Command(
        path: ["pointage"], usage: "compta pointage [--compte 512] [--format texte|md|csv|json]",
        summary: "état de rapprochement bancaire : ce qui n'est pointé ni d'un côté (écritures saisies) ni de l'autre (opérations en suspens)",
        help: """
        Pour chaque compte de banque dont un relevé a été importé (ou le compte de --compte) :
        les écritures du livre que la banque n'a pas encore montrées (saisies avant le relevé, un
        chèque pas encore encaissé), les opérations des relevés sans écriture (en suspens :
        plusieurs écritures saisies leur correspondent), et le solde du dernier relevé expliqué
        par celui du livre. Une opération en suspens se pointe avec compta pointer N ECRITURE.
        La fenêtre de jours du pointage automatique : compta pointage fenetre.
        """,
        options: [.value("--compte", "COMPTE", "compte de banque ou de caisse (défaut : tous ceux qui ont un relevé)")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let account = try ctx.parsed.value("--compte").map(accountArgument)
        try ctx.render(PointageReport(store, account: account).document(association: try store.associationName()))
    },
    Command(
        path: ["pointage", "fenetre"], usage: "compta pointage fenetre [JOURS]",
        summary: "montre ou change l'écart de jours admis entre une écriture saisie et l'opération du relevé qui la pointe",
        help: """
        À l'import d'un relevé, une opération est pointée avec l'écriture déjà saisie sur le compte
        qui a le même montant et une date à JOURS jours près, avant ou après (\(Pointage.defaultWindow) par défaut,
        de 0, la même date seulement, à \(Pointage.maximumWindow)). Exemple : compta pointage fenetre 15
        """,
        options: [], arguments: 0...1
    ) { ctx in
        let store = try ctx.openStore()
        try showOrSetDays(ctx, example: Pointage.defaultWindow, read: store.pointageWindow, write: store.setPointageWindow,
                          shown: Messages.pointageWindow, changed: "Elle vaut pour les prochains imports.")
    },
    Command(
        path: ["pointer"], usage: "compta pointer N ECRITURE [--exercice E]",
        summary: "pointe une opération de relevé en suspens avec l'écriture saisie qui lui correspond",
        help: """
        N est le « N° à pointer » d'une opération en suspens (compta pointage, ou le tableau « En
        suspens » de l'import), pas sa ligne dans le fichier du relevé ; ECRITURE, le numéro de
        l'écriture du livre qu'elle est, sur le même
        compte et du même montant. L'écriture ne change pas (validée, elle le reste : sa place dans
        la chaîne aussi) ; elle reçoit l'opération du relevé, et ne sera plus proposée.
        Exemple : compta pointer 1 14
        """,
        options: [.value("--exercice", "EXERCICE", "exercice de l'écriture (défaut : celui de la date de l'opération)")], arguments: 2...2
    ) { ctx in
        let store = try ctx.openStore()
        guard let line = Int(ctx.parsed.positionals[0]) else {
            throw UsageError(message: "N est le « N° à pointer » d'une opération en suspens (voir compta pointage)", command: "pointer")
        }
        guard let number = Int(ctx.parsed.positionals[1]) else {
            throw UsageError(message: "ECRITURE est un numéro d'écriture (voir compta pointage)", command: "pointer")
        }
        let exercice = try ctx.parsed.value("--exercice").map { try store.exercice($0) }
        let done = try store.point(line: line, entryNumber: number, exercice: exercice)
        ctx.output.print("Opération en suspens n° \(line) (\(done.line.date.french), \(done.line.amount) €, « \(done.line.label) ») "
                         + "pointée avec l'écriture n° \(done.entry.number) (« \(done.entry.label) »).")
    },
    Command(
        path: ["regles", "exporter"], usage: "compta regles exporter [--sortie FICHIER]",
        summary: "écrit les règles du livre en CSV (à modifier dans un tableur, puis compta regles importer)",
        help: "", options: csvFileOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try writeOrPrint(ctx, RuleFile.write(try store.rules()), what: "Règles", spreadsheet: true)
    },
    Command(
        path: ["attente"], usage: "compta attente [--exercice E] [--format texte|md|csv|json|html]",
        summary: "liste les opérations en attente sur le compte 471, à classer avec compta affecter",
        help: "", options: [.value("--exercice", "EXERCICE", "exercice (défaut : tous)")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let exercice = try ctx.parsed.value("--exercice").map { try store.exercice($0) }
        try ctx.render(WaitingLines(store, exercice: exercice).document(association: try store.associationName()))
    },
    Command(
        path: ["affecter"], usage: "compta affecter NUMERO COMPTE[=MONTANT][@PROJET][#TIERS]... [--projet P] [--tiers T] [--libelle L] [--regle MOTIF] [--exercice E]",
        summary: "classe une opération en attente (471) ou reclasse un brouillard sous un compte (ou plusieurs : ventilation), et crée la règle si on le demande",
        help: """
        NUMERO est le numéro d'écriture donné par compta attente (ou compta journal). L'écriture
        en brouillard est corrigée : sa ligne du 471, ou ce qui n'est pas la banque dans une
        opération de relevé (une opération qu'une règle a mal classée), passe au compte, avec son
        projet sauf --projet. Une écriture déjà validée ne change pas : une écriture OD transfère
        le montant du 471 vers le compte, et l'opération quitte la liste d'attente. Avec --regle
        MOTIF, une règle est créée pour que les prochains relevés soient classés tout seuls.
        Ventilation : plusieurs comptes, chacun avec sa part de l'opération (COMPTE=MONTANT, et
        @PROJET s'il le faut) ; un seul sans montant reçoit le reste ; une part négative va dans
        l'autre sens (une commission retenue). Une part sur 471 reste en attente. Le tiers de la
        ligne classée la suit, sauf --tiers (ou #TIERS sur une part).
        Exemples : compta affecter 57 6063 --projet BL-EVOLUTION --regle "LDLC"
                   compta affecter 12 6063      (la règle l'avait mise en 604A)
                   compta affecter 88 7562=200 754@CAMP-CHATONS 627=-5   (versement HelloAsso de 245 €)
        """,
        options: [.value("--projet", "CODE", "projet analytique"), .value("--tiers", "TIERS", "tiers (code ou nom) des parts"),
                  .value("--libelle", "TEXTE", "nouveau libellé de l'écriture"),
                  .value("--regle", "MOTIF", "crée aussi la règle MOTIF → COMPTE (un seul compte)"),
                  .value("--exercice", "EXERCICE", "exercice de l'écriture (défaut : celui où elle attend)")],
        arguments: 2...20
    ) { ctx in
        let store = try ctx.openStore()
        guard let number = Int(ctx.parsed.positionals[0]) else {
            throw UsageError(message: "NUMERO est un numéro d'écriture (voir compta attente)", command: "affecter")
        }
        let typed = try ctx.parsed.positionals.dropFirst().map(lineArgument)
        var parts = typed.map { AssignmentPart($0.account, amount: $0.amount, project: $0.project) }
        let project = try ctx.parsed.value("--projet").map(projectCode)
        let exercice = try ctx.parsed.value("--exercice").map { try store.exercice($0) }
        if parts.count > 1 && ctx.parsed.value("--regle") != nil {
            throw UsageError(message: "une règle classe vers un seul compte : --regle ne va pas avec une ventilation", command: "affecter")
        }
        let account = parts[0].account
        let label = try ctx.text(option: "--libelle"), pattern = try ctx.text(option: "--regle")
        let tiers = TiersNames(store, ctx)
        let result = try store.transaction { () throws -> (done: Store.Assignment, rule: Rule?, before: Rule?) in
            parts = try zip(parts, typed).map { p, t in
                AssignmentPart(p.account, amount: p.amount, project: p.project, tiers: try t.tiers.map { try tiers.code($0, argument: "#TIERS") })
            }
            let given = try ctx.parsed.value("--tiers").map { try tiers.code($0, argument: "--tiers") }
            let done: Store.Assignment
            do {
                let assign = { try store.assign(entryNumber: number, exercice: exercice, to: parts, project: project, tiers: given.map { .given($0) } ?? .keep, label: label) }
                done = try exercice.map { try ctx.onEntry(of: $0, store: store, assign) } ?? assign()
            } catch StoreError.split(let e) {
                throw AssignCommandError.split(e, number: number, parts: parts)
            }
            guard let pattern else { return (done, nil, nil) }
            var placed = (rule: Rule(pattern: pattern, account: account, project: parts[0].project ?? project, label: label),
                          before: Rule?.none)
            try RuleMatcher.check(placed.rule, catalog: store.catalog())
            if let operation = done.operation { placed = try RuleMatcher.placed(placed.rule, for: operation, among: store.rules()) }
            return (done, try store.addRule(placed.rule), placed.before)
        }
        tiers.announce()
        let n = result.done.number
        let filed = result.done.parts
        let under = filed.count == 1
            ? "en \(account)" + (filed[0].project.map { ", projet \($0)" } ?? "")
            : "en " + filed.map { p in "\(p.account) \(p.amount ?? .zero) €" + (p.project.map { " (projet \($0))" } ?? "") }.joined(separator: ", ")
        var message = n == number ? "Écriture n° \(number) classée \(under)." : "Écriture n° \(n) passée pour classer l'écriture validée n° \(number) \(under)."
        if let r = result.rule {
            message += " Règle n° \(r.position) créée : « \(r.pattern) » → \(r.account)" + (r.project.map { ", projet \($0)" } ?? "")
            message += result.before.map { ", placée avant la règle « \($0.pattern) » → \($0.account), qui classait cette opération." } ?? "."
        }
        ctx.output.print(message)
    },
]

enum AssignCommandError: Error {
    /// Parts that do not file the operation, with the command as typed (for the example).
    case split(SplitError, number: Int, parts: [AssignmentPart])
}

enum RuleCommandError: Error {
    case noRule(Int)
}

enum ImportCommandError: Error {
    /// An operation of the statement falls in a closed exercice: the rest imports from `from` on.
    case beforeClosing(LocatedError, from: Day)
    /// An operation of the statement is dated before the ledger's first exercice.
    case beforeLedger(LocatedError, day: Day, first: Exercice)
    /// A rule of the ledger files an operation under a charge or produit the exercice's chart replaced.
    case ruleOnReplacedAccount(LocatedError, rules: [(rule: Rule, replacement: ChartReplacement)])
}

/// A word of a command line as the shell reads it back: in double quotes when it needs them.
func shellWord(_ s: String) -> String {
    if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "-_.,/@".contains($0) }) { return s }
    var escaped = ""
    for c in s {
        if "\\\"$`".contains(c) { escaped.append("\\") }
        escaped.append(c)
    }
    return "\"" + escaped + "\""
}

/// The `compta regles ajouter` line that writes `rule` again, under `account` and at its place.
func ruleCommand(_ rule: Rule, account: String) -> String {
    var words = ["compta", "regles", "ajouter", shellWord(rule.pattern), account]
    if let p = rule.project { words += ["--projet", p] }
    if let l = rule.label { words += ["--libelle", shellWord(l)] }
    if rule.isRegex { words.append("--regex") }
    if let t = rule.tiers.text { words += ["--tiers", shellWord(t)] }
    switch rule.direction {
    case .income: words += ["--sens", "recette"]
    case .expense: words += ["--sens", "depense"]
    case .any: break
    }
    if let m = rule.minimum { words += ["--min", m.plain] }
    if let m = rule.maximum { words += ["--max", m.plain] }
    return (words + ["--position", String(rule.position)]).joined(separator: " ")
}

/// For each rule filing under an account the chart replaced, the commands that move it to the
/// replacement (or what to decide when no single account replaces it).
func ruleFixes(_ rules: [(rule: Rule, replacement: ChartReplacement)]) -> [String] {
    rules.map { r, replacement in
        let head = "  règle n° \(r.position) « \(r.pattern) » → \(r.account.text) : "
        guard let new = replacement.new else {
            return head + "pas de remplaçant unique ; choisissez le compte avec votre expert-comptable, puis compta regles supprimer \(r.position) et "
                + ruleCommand(r, account: "COMPTE")
        }
        return head + "compta regles supprimer \(r.position) puis " + ruleCommand(r, account: new)
    }
}

/// `compta … fenetre [JOURS]`, the day windows the ledger keeps as settings (pointage, HelloAsso
/// payouts): without JOURS, says the window; with it, records it (the store checks its range).
func showOrSetDays(_ ctx: Context, example: Int, read: () throws -> Int, write: (Int) throws -> Void,
                   shown: (Int) -> String, changed: String) throws {
    guard let raw = ctx.parsed.positionals.first else {
        ctx.output.print(shown(try read()))
        return
    }
    guard let days = Int(raw) else {
        throw UsageError(message: "JOURS est un nombre de jours (par exemple \(example))", command: ctx.parsed.command)
    }
    try write(days)
    ctx.output.print(shown(days) + " " + changed)
}
