import Foundation
import Ledger
import LedgerStore
import Reports
import Imports

/// French sentences for every error a command can meet: what is wrong, where, what to do.
enum Messages {
    static func describe(_ error: Error) -> String {
        switch error {
        case let e as StoreError: return store(e)
        case let e as EntryInExercice: return entryInExercice(e)
        case let e as TextTooLong: return tooLong(e) + "."
        case MoneyError.overflow: return overflow
        case let e as EntryError: return entry(e)
        case let e as TiersError: return tiers(e)
        case let e as LocatedError: return located(e)
        case let e as InputError: return input(e)
        case let e as ReportError: return report(e)
        case let e as PlanComptableError: return chartData(e)
        case let e as EntryFile.Problem: return entryFile(e) + "."
        case let e as CSVError: return csv(e)
        case let e as TextDecodingError: return decoding(e)
        case let e as StatementError: return statement(e)
        case let e as RuleProblem: return rule(e)
        case let e as RuleError:
            return "règle n° \(e.position) « \(e.pattern) » : " + rule(e.problem)
                + " Corrigez-la : compta regles supprimer \(e.position), puis compta regles ajouter (ou compta regles exporter, modifier le fichier, compta regles importer)."
        case let e as BankAccountError: return bankAccount(e)
        case RuleCommandError.noRule(let n): return "aucune règle n° \(n). La liste : compta regles"
        case let ImportCommandError.beforeClosing(e, from):
            return located(e) + "\nLe relevé commence avant la clôture : importez-le avec --du \(from.iso), les opérations "
                + "d'avant ce jour sont laissées de côté (une opération qui manquerait à l'exercice clôturé se corrige dans l'exercice ouvert)."
        case let ImportCommandError.beforeLedger(e, day, first):
            return place(e) + "le \(day.french) est avant le premier exercice du livre (\(first.label), du \(first.start.french) au "
                + "\(first.end.french)).\nLe relevé commence avant le livre : importez-le avec --du \(first.start.iso), les opérations "
                + "d'avant ce jour sont laissées de côté (elles sont dans le solde d'ouverture du compte)."
        case let ImportCommandError.ruleOnReplacedAccount(e, rules):
            return located(e) + "\nCorrigez la règle, puis importez de nouveau le relevé :\n" + ruleFixes(rules).joined(separator: "\n")
        case let e as ClosingProblem: return closing(e)
        case let e as FEC.Problem: return fec(e, exercice: nil)
        case let FECCommandError.refused(p, exercice): return fec(p, exercice: exercice)
        case let FECCommandError.outputNotAFolder(path, name, exists):
            return (exists ? "--sortie « \(path) » est un fichier" : "le dossier « \(path) » (--sortie) n'existe pas")
                + " : le FEC s'écrit dans un dossier, avec sa notice, sous le nom que lui donne l'article A47 A-1 (\(name)). "
                + (exists ? "Donnez le dossier, par exemple --sortie exports (ou . pour le dossier courant)."
                    : "Créez-le (mkdir -p \(shellWord(path))), ou donnez un dossier existant.")
        case let e as FECProblem: return fecFile(e)
        case let e as LedgerImportProblem: return ledgerImport(e)
        case FECCommandError.noSIREN:
            return "indiquez le SIREN de l'association (9 chiffres) avec --siren, ou enregistrez-le à la création du livre : compta init --siren."
        case let e as AllocationProblem: return allocation(e)
        case let e as ExerciceRemoval: return exerciceRemoval(e)
        case RestoreProblem.damagedBackup(let path, let problems):
            return "la sauvegarde « \(path) » n'est pas restaurée, le livre en place n'a pas changé : elle ne passe pas la vérification. "
                + integrity(problems)
        case RestoreProblem.sameFile(let path):
            return "« \(path) » est le livre lui-même : donnez le fichier de la sauvegarde (compta restaurer SAUVEGARDE --livre LIVRE)."
        case RestoreProblem.orphanJournal(let path):
            return "« \(path) » est là sans son livre : ce sont les dernières écritures d'un livre disparu, que SQLite reporterait sur "
                + "la sauvegarde. Déplacez-le (et le « -shm » à côté), puis recommencez ; rien n'a été écrit."
        case let e as IntegrityFailure:
            return (e.copy.map { "sauvegarde écrite (\($0)), mais " } ?? "") + integrity(e.problems)
        case let e as BudgetFile.Problem: return budgetFile(e)
        case let e as BudgetProblem: return budget(e)
        case let BudgetCommandError.noBudget(exercice, version, versions):
            if let version {
                return "pas de version « \(version) » du budget \(exercice)" + (versions.isEmpty ? "." : " (versions : \(versions.joined(separator: ", "))).")
            }
            return "aucun budget pour l'exercice \(exercice). Chargez-le avec « compta budget importer FICHIER --exercice \(exercice) »."
        case let AssignCommandError.split(e, number, parts): return split(e, number: number, parts: parts)
        case let e as LedgerNotFound:
            let create = "créez-le avec « compta init --nom NOM --debut AAAA-MM-JJ »"
            switch e.source {
            case .option:
                return "aucun livre à l'emplacement « \(e.path) » (--livre). Vérifiez le chemin, ou créez-le : compta init --nom NOM --debut AAAA-MM-JJ --livre \(e.path)"
            case .environment:
                return "aucun livre à l'emplacement « \(e.path) », que donne la variable COMPTA_LIVRE. Corrigez-la (export COMPTA_LIVRE=CHEMIN), "
                    + "donnez le livre avec --livre, ou \(create)."
            case .currentFolder:
                return "aucun livre compta.sqlite dans le dossier courant (\(e.folder)). Créez-le avec « compta init --nom NOM --debut AAAA-MM-JJ », placez-vous dans le dossier du livre, "
                    + "ou indiquez-le avec --livre FICHIER (ou la variable COMPTA_LIVRE)."
            }
        case let BudgetCommandError.dateOutside(day, e):
            return "le \(day.french) n'est pas dans l'exercice \(e.label) (du \(e.start.french) au \(e.end.french))."
        case let DemoError.stepFailed(script, line, command):
            return "la démonstration s'est arrêtée à \(script), ligne \(line) : \(command)"
        case DemoError.missingFile(let name): return builtWithout(name)
        default: return "erreur inattendue : \(error)"
        }
    }

    /// `releve.csv, ligne 3 : ` (a line is counted from 1: an error without one names the file alone).
    static func place(_ e: LocatedError) -> String {
        let s = [e.file, e.line > 0 ? "ligne \(e.line)" : nil].compactMap { $0 }.joined(separator: ", ")
        return s.isEmpty ? "" : s + " : "
    }

    /// A data file built into the program is missing or unreadable: the build is at fault.
    static func chartData(_ e: PlanComptableError) -> String {
        switch e {
        case .missingResource(let name): return builtWithout(name)
        case let .malformed(file, line, text):
            return "le fichier de données \(file) inclus dans ce programme est illisible ligne \(line) : \(text)\n"
                + "Corrigez-le dans PlanComptable/Resources/, puis reconstruisez le programme (swift run compta-embed, swift build -c release)."
        }
    }

    static func builtWithout(_ file: String) -> String {
        "ce programme a été construit sans son fichier de données \(file) : reconstruisez-le depuis le dossier de Compta "
            + "(swift run compta-embed, puis swift build -c release) et installez-le de nouveau."
    }

    static func located(_ e: LocatedError) -> String {
        var s = place(e) + describe(e.underlying)
        if let text = e.text, !text.isEmpty {
            // The line as read, not a flood: a line of a million characters shows its start.
            let shown = text.count > 200 ? String(text.prefix(200)) + "…" : text
            s += "\n  ligne lue : \(shown.printable)"
        }
        return s
    }

    /// Why `supprimer` (`removing`) or `affecter` leaves entry n° `n` as it is, and what to do
    /// instead. The commands it suggests name the entry's exercice when it is known.
    static func refusal(_ reason: DraftRefusal, number n: Int, removing: Bool, exercice: String? = nil) -> String {
        func command(_ verb: String, _ number: Int, _ more: String = "") -> String {
            "compta \(verb) \(number)\(more)" + (exercice.map { " --exercice \($0)" } ?? "")
        }
        switch reason {
        case .validated:
            return "est validée : elle ne se supprime plus. Corrigez-la par une extourne (\(command("extourner", n)))."
        case .bankOperation:
            return "est une opération d'un relevé bancaire : elle ne se supprime pas. Classez-la sous le bon compte "
                + "(\(command("affecter", n, " COMPTE"))), ou annulez-la par une extourne (\(command("extourner", n)))."
        case .corrected(let by) where removing:
            return "est corrigée par l'écriture n° \(by) : supprimez d'abord celle-ci (\(command("supprimer", by)))."
        case .corrected(let by):
            return "est corrigée par l'écriture n° \(by) : la reclasser laisserait cette correction sur l'ancien compte. "
                + "Supprimez d'abord l'écriture n° \(by) si elle est en brouillard (\(command("supprimer", by)))."
        case .corrects(let original):
            return "corrige l'écriture n° \(original) : elle ne se reclasse pas. Supprimez-la (\(command("supprimer", n))), "
                + "puis classez l'écriture n° \(original)."
        case .lines(let accounts) where accounts.isEmpty:
            return "n'a que des lignes de comptes financiers (banque, caisse) : rien à classer."
        case .lines(let accounts):
            return "a plusieurs lignes à classer (\(accounts.map(\.text).joined(separator: ", "))) : affecter ne saurait laquelle changer. "
                + "Supprimez-la (\(command("supprimer", n))) et saisissez la bonne écriture."
        }
    }

    /// A refusal about an entry of a named exercice: what to type names that exercice; an entry
    /// looked for in the default exercice may be in another.
    static func entryInExercice(_ e: EntryInExercice) -> String {
        switch e.error {
        case .notRemovable(let number, let reason):
            return "l'écriture n° \(number) " + refusal(reason, number: number, removing: true, exercice: e.exercice)
        case .notReclassifiable(let number, let reason):
            return "l'écriture n° \(number) " + refusal(reason, number: number, removing: false, exercice: e.exercice)
        case .alreadyReversed(let number, let by):
            return "l'écriture n° \(number) est déjà extournée par l'écriture n° \(by) : une seconde extourne "
                + "l'annulerait deux fois. Si l'extourne n° \(by) est une erreur, supprimez-la tant qu'elle est en brouillard "
                + "(compta supprimer \(by) --exercice \(e.exercice))."
        case .unknownEntry(let number, let exercice) where !e.otherExercices.isEmpty:
            return "aucune écriture n° \(number) dans l'exercice \(exercice), l'exercice en cours que la commande prend sans --exercice. "
                + "Pour une écriture d'un autre exercice, ajoutez --exercice (\(e.otherExercices.joined(separator: ", "))). "
                + "La liste : compta journal --exercice \(exercice)"
        default:
            return store(e.error)
        }
    }

    static func store(_ e: StoreError) -> String {
        switch e {
        case .notFound(let path):
            return "aucun livre à l'emplacement « \(path) ». Créez-le avec « compta init --nom NOM --debut AAAA-MM-JJ », "
                + "ou indiquez le bon fichier avec --livre (ou la variable COMPTA_LIVRE)."
        case .isFolder(let path):
            return "« \(path) » est un dossier, pas un livre : donnez à --livre le chemin du fichier (par exemple \(path)/compta.sqlite)."
        case .notALedger(let path):
            return "« \(path) » n'est pas un livre Compta (fichier d'un autre type ou endommagé). "
                + "Vérifiez le chemin donné à --livre ; le fichier n'a pas été modifié."
        case .newerSchema(let path, let found, let supported):
            return "le livre « \(path) » a été écrit par une version plus récente de Compta (schéma \(found), "
                + "cette version connaît jusqu'au schéma \(supported)). Mettez Compta à jour ; le livre n'a pas été modifié."
        case .alreadyExists(let path):
            return "le fichier « \(path) » existe déjà. Choisissez un autre nom avec --livre, ou supprimez l'ancien fichier si vous êtes sûr·e de vous."
        case .cannotCreate(let path, let reason):
            return "impossible de créer « \(path) » (\(reason)). Vérifiez que le dossier existe et qu'il est accessible en écriture."
        case .folderInTheWay(let path):
            return "« \(path) » est un dossier : Compta écrit là le fichier avant de le mettre à sa place, et n'efface pas un dossier. "
                + "Déplacez-le ou renommez-le, puis recommencez ; rien n'a été écrit."
        case .readOnly(let path):
            return "le livre « \(path) » est en lecture seule : aucune modification possible. Vérifiez les droits du fichier et de son dossier."
        case .readOnlyFolder(let path):
            let folder = (path as NSString).deletingLastPathComponent
            return "le livre « \(path) » se lit mais ne s'écrit pas : SQLite doit pouvoir créer ses fichiers « -wal » et « -shm » "
                + "dans le dossier \(folder.isEmpty ? "courant" : folder), qui est en lecture seule (clé protégée, archive, droits). "
                + "Les états et compta verifier fonctionnent ; pour écrire, copiez le livre sur un disque accessible en écriture "
                + "(compta sauvegarder COPIE.sqlite --livre \(shellWord(path))) ou vérifiez les droits du dossier. Rien n'a été écrit."
        case .busy(let path):
            return "le livre « \(path) » est occupé par une autre commande compta. Réessayez quand elle sera terminée ; rien n'a été écrit."
        case .diskFull(let path):
            return "disque plein en écrivant « \(path) » : rien n'a été écrit. Libérez de la place et recommencez."
        case .ioError(let path):
            return "le disque a refusé une écriture ou une lecture de « \(path) » (disque plein, quota ou taille de fichier limités, "
                + "support défaillant) : rien n'a été écrit. Libérez de la place et recommencez ; puis lancez compta verifier."
        case .cannotOpen(let path):
            let folder = (path as NSString).deletingLastPathComponent
            return "impossible d'ouvrir le livre « \(path) » : SQLite doit pouvoir créer ses fichiers « -wal » et « -shm » "
                + "dans le dossier \(folder.isEmpty ? "courant" : folder). Vérifiez les droits du dossier."
        case .entry(let e): return entry(e)
        case .accountExists(let a):
            return "le compte \(a.number) existe déjà (« \(a.label) »)."
        case .invalidAccount(let n, let reason):
            switch reason {
            case .tooShort:
                return "le compte \(n) est une classe ou un regroupement : un compte a au moins trois caractères (par exemple \(n)0 ou \(n)1)."
            case .noClass:
                return "le compte \(n) n'est sous aucune classe du plan comptable (classes 1 à 8)."
            case .emptyLabel:
                return "le compte \(n) a besoin d'un libellé, par exemple : compta comptes ajouter \(n) \"Fournisseur X\"."
            case .replaced(let old, let r, let exercice):
                return "le plan comptable de l'exercice \(exercice.label) (plan 2025) n'a plus le compte \(old.number) (\(old.label)) : "
                    + (r.new.map { "utilisez \($0)" + (r.remark.map { " (\($0))" } ?? "") + ", ou un sous-compte de \($0)" }
                       ?? "choisissez le compte avec votre expert-comptable" + (r.remark.map { " (\($0))" } ?? "")) + "."
            }
        case .projectExists(let p):
            return "le projet \(p.code) existe déjà (« \(p.name) »)."
        case .tiers(let e): return tiers(e)
        case .unknownProject(let code, let known):
            return unknownProject(code, known: known)
        case .unknownExercice(let label, let known):
            return "aucun exercice « \(label) ». "
                + (known.isEmpty ? "Le livre n'a aucun exercice." : "Exercices du livre : \(known.joined(separator: ", ")).")
        case .noExercice:
            return "le livre n'a aucun exercice. Ouvrez-en un avec « compta exercices ajouter --debut AAAA-MM-JJ »."
        case .overlappingExercice(let start, let end, let existing):
            return "l'exercice du \(start.french) au \(end.french) chevauche l'exercice \(existing.label) "
                + "(du \(existing.start.french) au \(existing.end.french))."
        case .invalidExerciceRange(let start, let end):
            return "exercice du \(start.french) au \(end.french) impossible : la fin doit suivre le début, et un exercice dure au plus 24 mois."
        case .beforeOpenedExercice(let start, let end, let following):
            return "l'exercice du \(start.french) au \(end.french) ne peut pas s'ouvrir avant l'exercice \(following.label), "
                + (following.isClosed ? "qui est clôturé" : "qui reprend déjà en à-nouveaux les soldes d'avant lui")
                + " : il ne pourrait jamais être clôturé (sa clôture écrirait ces à-nouveaux une seconde fois). " + earlierOperation
        case .immutable(let message):
            return message + "."
        case .ambiguousEntry(let number, let exercices):
            return "plusieurs écritures n° \(number) attendent (exercices \(exercices.joined(separator: ", "))) : précisez --exercice."
        case .notWaiting(let number):
            return "l'écriture n° \(number) est validée et n'attend pas sur le compte 471 (elle est déjà classée, ou extournée) : "
                + "une écriture validée se corrige par une extourne (compta extourner NUMERO), puis une nouvelle saisie. Ce qui attend : compta attente"
        case .alreadyReversed(let number, let by):
            return "l'écriture n° \(number) est déjà extournée par l'écriture n° \(by) : une seconde extourne l'annulerait deux fois. "
                + "Si l'extourne n° \(by) est une erreur, supprimez-la tant qu'elle est en brouillard (compta supprimer \(by))."
        case .notRemovable(let number, let reason):
            return "l'écriture n° \(number) " + refusal(reason, number: number, removing: true)
        case .notReclassifiable(let number, let reason):
            return "l'écriture n° \(number) " + refusal(reason, number: number, removing: false)
        case .partOnTheBank(let account):
            return "l'opération est déjà sur le compte \(account), celui de son relevé : classez-la sous le compte de ce qu'elle paie "
                + "ou de ce qu'elle rapporte (un virement vers un autre compte de banque passe par 580)."
        case .split(let e):
            return split(e, number: nil, parts: nil)
        case .unknownStatement(let id):
            return "aucun relevé importé n° \(id). La liste : compta releves"
        case .statementValidated(let st):
            return "le relevé n° \(st.id) (\(st.fileName)) ne s'annule plus : \(st.validated) de ses \(st.linesNew) écritures sont validées. "
                + "Une écriture validée se corrige par une extourne (compta extourner NUMERO)."
        case .statementCorrected(let st, let by):
            return "le relevé n° \(st.id) (\(st.fileName)) ne s'annule pas : l'écriture n° \(by) corrige une de ses opérations. "
                + "Supprimez-la d'abord (compta supprimer \(by))."
        case .unknownEntry(let number, let exercice):
            return "aucune écriture n° \(number) dans l'exercice \(exercice). La liste : compta journal --exercice \(exercice)"
        case .located(let e):
            return located(e)
        case .other(let e):
            return describe(e)
        case .sqlite(let e):
            return "erreur de la base SQLite (\(e.message)). Rien n'a été écrit."
        case .amountOverflow: return overflow
        }
    }

    /// What to do with an operation of a period before the ledger, found once its books are closed.
    static let earlierOperation = "Une opération d'avant le livre découverte maintenant se saisit dans l'exercice ouvert, datée du jour "
        + "où vous l'enregistrez, sur 672 (charges sur exercices antérieurs) ou 772 (produits sur exercices antérieurs) : "
        + "compta saisir DATE \"Facture oubliée\" 672=MONTANT 512."

    static func unknownProject(_ code: String, known: [String]) -> String {
        "projet inconnu : \(code). "
            + (known.isEmpty ? "Le livre n'a encore aucun projet ; créez-le avec « compta projets ajouter \(code) \"Nom du projet\" »."
                : "Projets existants : \(known.joined(separator: ", ")). Pour le créer : compta projets ajouter \(code) \"Nom du projet\".")
    }

    static func entry(_ e: EntryError) -> String {
        switch e {
        case .emptyLabel:
            return "l'écriture n'a pas de libellé. Donnez-en un, par exemple \"Facture OVH mars\"."
        case .tooFewLines(let n):
            return "une écriture a au moins deux lignes (un débit et un crédit) ; celle-ci en a \(n). "
                + "Exemple : 604A=120,00 512=-120,00"
        case .zeroLine(let i, let account):
            return "montant nul sur la ligne \(account) (ligne \(i) de l'écriture) : chaque ligne porte un débit (montant positif) "
                + "ou un crédit (négatif). Donnez son montant, ou retirez-la."
        case .unbalanced(let debit, let credit):
            let diff = (debit - credit).magnitude
            return "écriture déséquilibrée : total des débits \(debit) €, total des crédits \(credit) €, écart de \(diff) €. "
                + "Corrigez les montants pour que les débits égalent les crédits."
        case .unknownAccount(let n, let suggestions):
            var s = "compte inconnu : \(n)."
            if !suggestions.isEmpty {
                s += " Comptes proches : " + suggestions.map { "\($0.number) (\($0.label))" }.joined(separator: ", ") + "."
            }
            return s + " Pour créer un compte propre à l'association : compta comptes ajouter \(n) \"Libellé\"."
        case .notPostable(let n):
            return "le compte \(n) est une classe ou un regroupement ; choisissez un compte d'au moins trois caractères (par exemple \(n.text)0 ou un compte de « compta comptes --classe \(n.text.prefix(1)) »)."
        case .unknownProject(let code, let known):
            return unknownProject(code, known: known)
        case .unknownJournal(let code, let known):
            return "journal inconnu : \(code). Journaux du livre : \(known.joined(separator: ", "))."
        case .outsideExercices(let day, let exercices):
            if exercices.isEmpty { return "le livre n'a aucun exercice pour le \(day.french)." }
            let known = exercices.map { "\($0.label) : du \($0.start.french) au \($0.end.french)" }.joined(separator: " ; ")
            // Before the ledger: the current exercice takes it, or a whole earlier year opens
            // before the first one has its à-nouveaux (`exercices ajouter` refuses it after).
            if let first = exercices.min(by: { $0.start < $1.start }), day < first.start {
                let end = first.start.adding(days: -1), start = first.start.adding(months: -12)
                return "le \(day.french) est avant le premier exercice du livre (\(known)). " + earlierOperation
                    + " (Pour tenir dans le livre toute la période, ouvrez-la avant de saisir les à-nouveaux de \(first.label) : "
                    + "« compta exercices ajouter --debut \(day < start ? "AAAA-MM-JJ" : start.iso) --fin \(end.iso) » ; sa clôture les écrira.)"
            }
            // Just after the last exercice: the next one, of the usual length, would hold the day.
            if let last = exercices.max(by: { $0.end < $1.end }), day > last.end {
                let next = last.end.adding(days: 1)
                if day <= Exercice.defaultEnd(start: next) {
                    return "le \(day.french) n'est dans aucun exercice du livre (\(known)). Vérifiez la date, ou ouvrez l'exercice suivant : "
                        + "« compta exercices ajouter --debut \(next.iso) »."
                }
            }
            return "le \(day.french) n'est dans aucun exercice du livre (\(known)). "
                + "Vérifiez la date, ou ouvrez l'exercice avec « compta exercices ajouter --debut AAAA-MM-JJ »."
        case .closedExercice(let day, let exercice):
            return "le \(day.french) est dans l'exercice \(exercice.label), qui est clôturé : on ne peut plus y écrire. "
                + "Corrigez dans l'exercice ouvert."
        case .amountOverflow:
            return "montant trop grand : le total dépasse ce que Compta peut compter."
        case .replacedAccount(let account, let r, let exercice):
            return "le compte \(account.number) (\(account.label)) n'existe plus dans le plan comptable de l'exercice \(exercice.label) "
                + "(plan 2025) : " + (r.new.map { "utilisez \($0)" } ?? "choisissez le compte avec votre expert-comptable")
                + (r.remark.map { " (\($0))" } ?? "") + ". Une règle d'import qui choisit ce compte se corrige avec compta regles."
        case .openingNotOnFirstDay(let day, let exercice):
            return "une écriture d'à-nouveaux (journal AN) est datée du premier jour de l'exercice, le \(exercice.start.french) "
                + "pour l'exercice \(exercice.label), pas du \(day.french). Pour une opération du \(day.french), choisissez un autre journal (BQ, CA, OD)."
        case .openingOnResultAccount(let account):
            return "le compte \(account) est un compte de charges, de produits ou de contributions (classes 6 à 8) : "
                + "les à-nouveaux (journal AN) ne reportent que les comptes de bilan (classes 1 à 5). "
                + "Les charges et produits de l'exercice se saisissent dans un autre journal (BQ, CA, OD)."
        case .openingAfter(let exercice, let earlier):
            return "les à-nouveaux de l'exercice \(exercice.label) sont les soldes de clôture de l'exercice \(earlier.label), qui est dans le livre : "
                + (earlier.isClosed
                    ? "sa clôture les a reportés. Une correction se saisit en opérations diverses (journal OD)."
                    : "sa clôture les écrira (compta cloturer --exercice \(earlier.label)). Un solde qui manque se corrige dans l'exercice \(earlier.label).")
        case .ledgerLimit(let moved):
            return "avec cette écriture, les débits du livre dépasseraient 10 000 milliards d'euros (ils font déjà \(moved) €) : "
                + "ce ne sont pas les comptes d'une association. Vérifiez les montants (une somme saisie en centimes ?)."
        case .textTooLong(let t, let line):
            return (line.map { "le libellé de la ligne \($0 + 1) de l'écriture : " } ?? "") + tooLong(t) + "."
        }
    }

    /// Sums beyond an `Int64` of cents: only a file changed outside Compta holds such amounts.
    static let overflow = "les montants du livre font des sommes plus grandes que ce que Compta sait compter "
        + "(Compta refuse toute écriture qui porterait ses mouvements au-delà de 10 000 milliards d'euros) : le fichier a été modifié "
        + "hors de Compta, ou écrit par une version qui acceptait des montants démesurés. Rien n'a été écrit ; lancez compta verifier "
        + "et comparez le livre à une sauvegarde."

    /// A text longer than the ledger keeps: its length, its start, the limit, the way out.
    static func tooLong(_ t: TextTooLong) -> String {
        "texte de \(grouped(t.length)) caractères (« \(t.start)… ») : un libellé ou un nom a \(String.maxLedgerText) caractères au plus. "
            + "Raccourcissez-le"
    }

    /// `900 000`: a count for people, U+202F between thousands.
    static func grouped(_ n: Int) -> String { String(Money(cents: Int64(n) * 100).formatted().dropLast(3)) }

    static func money(_ e: MoneyError, _ text: String) -> String {
        switch e {
        case .empty: return "montant vide"
        case .invalidCharacter(let c): return "montant illisible « \(text) » (caractère « \(c) » inattendu)"
        case .tooManyDecimals: return "montant « \(text) » : trop de décimales (un montant se compte en centimes : deux décimales au plus, comme 0,01)"
        case .ambiguous:
            // The two readings of the text typed: 12,345 is 12345 or 12,34(5).
            let negative = text.trimmingSpaces.hasPrefix("-") ? "-" : ""
            let whole = String(text.filter(\.isNumber).drop { $0 == "0" })
            let cut = text.lastIndex { $0 == "," || $0 == "." }.map { text[..<$0].filter(\.isNumber) + "," + text[text.index(after: $0)...].filter(\.isNumber).prefix(2) }
            return "montant ambigu « \(text) » : séparateur de milliers ou de décimales ? Écrivez \(negative)\(whole.isEmpty ? "0" : whole) "
                + "pour un montant en milliers" + (cut.map { ", ou \(negative)\($0) avec deux décimales au plus" } ?? "")
        case .malformed: return "montant mal écrit « \(text) » (exemples valides : 1234,56  1 234,56  -12,30)"
        case .tooLarge: return "montant trop grand « \(text) » : un montant est de \(Money(cents: Money.maximum)) € au plus"
        case .overflow: return "montants trop grands « \(text) » : leur somme dépasse ce que Compta sait compter"
        }
    }

    static func day(_ e: DayError, _ text: String) -> String {
        switch e {
        case .unreadable: return "date illisible « \(text) » (écrivez 05/03/2024 ou 2024-03-05)"
        case .nonexistent: return "la date « \(text) » n'existe pas dans le calendrier"
        }
    }

    static func accountNumber(_ e: AccountNumberError, _ text: String) -> String {
        let why: String
        switch e {
        case .empty: why = "numéro vide"
        case .tooLong: why = "trop long (12 caractères au plus)"
        case .mustStartWithDigit: why = "un numéro de compte commence par un chiffre"
        case .unknownClass(let c): why = "la classe \(c) n'existe pas (classes 1 à 8)"
        case .digitAfterSuffix: why = "les lettres viennent après les chiffres (604A, pas 60A4)"
        case .invalidCharacter(let c): why = "caractère « \(c) » interdit (chiffres puis lettres majuscules)"
        }
        // The letter O or I typed for the digit 0 or 1: say which number was meant.
        let digits = String(text.map { c -> Character in "oO".contains(c) ? "0" : "iIlL".contains(c) ? "1" : c })
        let guess = digits != text && (try? AccountNumber(digits)) != nil ? " (vouliez-vous dire \(digits) ?)" : ""
        return "numéro de compte invalide « \(text) »\(guess) : \(why)"
    }

    /// A project or journal code refused: `what` is « de projet » or « de journal ».
    static func code(_ e: CodeError, _ text: String, of what: String, example: String) -> String {
        switch e {
        case .empty: return "code \(what) vide"
        case .tooLong(let limit): return "code \(what) « \(text.printable) » trop long (\(limit) caractères au plus)"
        case .invalidCharacter(let c):
            return "code \(what) « \(text.printable) » : \(forbidden(c)) (lettres, chiffres, - et _ ; sans espace), par exemple \(example)"
        }
    }

    /// A character refused in a code, as people can see it: an invisible one by its number,
    /// since printing it would do what it does (break the line, color the terminal).
    static func forbidden(_ c: Character) -> String {
        if c.isNewline { return "coupure de ligne interdite" }
        if c == "\t" { return "tabulation interdite" }
        if c.isWhitespace { return "espace interdite" }
        if let u = c.unicodeScalars.first(where: \.isInvisibleControl) {
            let hex = String(u.value, radix: 16, uppercase: true)
            return "caractère invisible U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " interdit"
        }
        return "caractère « \(c) » interdit"
    }

    static func input(_ e: InputError) -> String {
        switch e {
        case .badDate(let option, let text, let err): return "\(option) : " + day(err, text) + "."
        case .badAmount(let arg, let text, let err): return "« \(arg) » : " + money(err, text) + "."
        case .badAccount(let text, let err): return accountNumber(err, text) + "."
        case .badProjectCode(let text, let err): return code(err, text, of: "de projet", example: "BL-EVOLUTION") + "."
        case .badLineArgument(let arg):
            return "ligne d'écriture illisible « \(arg) » : écrivez COMPTE=MONTANT (débit positif, crédit négatif), "
                + "par exemple 604A=120,00 ou 512=-120,00, éventuellement suivi de @PROJET puis de #TIERS (7561=-30#T0003)."
        case .projectBeforeAmount(let arg, let corrected):
            return "« \(arg) » : l'ordre est COMPTE=MONTANT@PROJET : écrivez \(corrected)."
        case .severalBalancingLines:
            return "une seule ligne peut être sans montant (elle reçoit le solde de l'écriture) : donnez leur montant aux autres, "
                + "par exemple compta saisir DATE \"Libellé\" 604A=5 627=2 512."
        case .lineForLabel(let line):
            return "le libellé manque : « \(line) » est une ligne d'écriture. Le libellé vient après la date, entre guillemets "
                + "s'il a des espaces, par exemple compta saisir DATE \"Timbres\" \(line) 512."
        case .noAmount(let balancing):
            return "aucune ligne n'a de montant : la ligne \(balancing) sans montant reçoit le solde des autres, il en faut au moins une "
                + "avec son montant, par exemple compta saisir DATE \"Timbres\" 626=12 \(balancing)."
        case .cannotRead(let path, let reason): return "impossible de lire « \(path) » : \(reason)."
        case .tooLarge(let path, let size):
            return "le fichier « \(path) » fait \(megabytes(size)) : Compta lit des fichiers de \(megabytes(maxInputSize)) au plus "
                + "(un relevé ou le FEC d'un exercice en font bien moins). Vérifiez que c'est le bon fichier, ou découpez-le par période."
        case .inStatement(let path, let e):
            return "relevé « \(path) » : \(statement(e))"
        case .cannotWrite(let path, let reason): return "impossible d'écrire « \(path) » : \(reason)."
        case .badFingerprint(let text):
            return "--empreinte : « \(text) » n'est pas une empreinte. Recopiez celle que compta verifier imprime : "
                + "nombre d'écritures validées, date AAAAMMJJ et \(Chain.Anchor.headLength) chiffres hexadécimaux, séparés par des tirets "
                + "(par exemple 225-20251203-9f3c1a2b7d4e6f80)."
        case .textTooLong(let argument, let t): return "\(argument) : " + tooLong(t) + "."
        case .badNow(let text):
            return "COMPTA_MAINTENANT : « \(text) » n'est pas un instant ISO 8601 (par exemple 2025-01-01T00:30:00+01:00). "
                + "Corrigez la variable, ou retirez-la pour que compta lise l'heure de la machine."
        }
    }

    static func report(_ e: ReportError) -> String {
        switch e {
        case .fromAfterTo(let from, let to):
            return "la période est vide : --du \(from.french) est après --au \(to.french)."
        case .outsideExercice(let day, let isStart, let e):
            return "le \(day.french) (\(isStart ? "--du" : "--au")) n'est pas dans l'exercice \(e.label) (du \(e.start.french) au \(e.end.french)) : "
                + "un rapport couvre un seul exercice. Choisissez des dates de l'exercice, ou l'exercice avec --exercice (compta exercices les liste)."
        case .unknownProject(let code, let known): return unknownProject(code, known: known)
        case .unknownAccount(let n): return "aucun compte ne commence par \(n)."
        case .noEntries(let e):
            return "l'exercice \(e.label) ne contient aucune écriture : rien à présenter."
        case .projectWithoutFigures(let code):
            return "le projet \(code) n'a encore aucune charge ni aucun produit, dans aucun exercice : rien à présenter."
        case .noPreviousExercice(let e):
            return "le livre n'a pas d'exercice avant \(e.label) : la comparaison N-1 est impossible."
        }
    }

    static func entryFile(_ p: EntryFile.Problem) -> String {
        switch p {
        case .missingColumns(let missing, let seen):
            return "colonnes manquantes : \(missing.joined(separator: ", ")) (colonnes lues : \(seen.joined(separator: ", "))). "
                + "La première ligne doit nommer les colonnes : date;libelle;compte;debit;credit (et si besoin journal;piece;projet;ecriture)."
        case .badDate(let t, let e): return day(e, t)
        case .badAmount(let t, let e): return money(e, t)
        case .badAccount(let t, let e): return accountNumber(e, t)
        case .debitAndCredit: return "la ligne a un débit et un crédit : une ligne porte l'un ou l'autre"
        case .noAmount: return "la ligne n'a ni débit ni crédit"
        case .badProject(let t): return "code de projet invalide « \(t) » (lettres, chiffres, - et _)"
        case .noLines: return "le fichier ne contient aucune écriture"
        }
    }

    static func csv(_ e: CSVError) -> String {
        switch e {
        case .unterminatedQuote(let line):
            return "guillemet ouvert ligne \(line) et jamais refermé : le fichier est tronqué ou mal formé."
        case .recordTooLong(let line):
            return "ligne \(line) démesurée (plus d'un million de caractères) : ce n'est pas un fichier CSV de relevé."
        }
    }

    static func decoding(_ e: TextDecodingError) -> String {
        switch e {
        case .invalidUTF8(let line):
            return "le fichier n'est pas en UTF-8 (premier caractère invalide ligne \(line)). Essayez --encodage windows-1252 ou iso-8859-15."
        case .binary:
            return "le fichier contient des octets nuls : c'est un fichier binaire (image, PDF, archive...), pas un fichier texte CSV."
        case .empty:
            return "le fichier est vide."
        }
    }

    static func rows(_ rows: [[String]]) -> String {
        rows.isEmpty ? "  (aucune ligne)" : rows.map { "  " + $0.joined(separator: " | ") }.joined(separator: "\n")
    }

    static let columnsHelp = "Décrivez les colonnes avec --colonnes, par exemple : --colonnes date=1,libelle=3,montant=4 "
        + "(ou debit=4,credit=5 ; positions comptées à partir de 1), ou importez l'export OFX de la banque."

    static func statement(_ e: StatementError) -> String {
        switch e {
        case .decoding(let d): return decoding(d)
        case .csv(let c): return csv(c)
        case .pdf:
            return "c'est un PDF (le relevé imprimable) : téléchargez depuis le site de la banque l'export CSV, OFX (« Money ») ou QIF des opérations."
        case .unknownLayout(let first):
            return "format de relevé non reconnu. Premières lignes lues :\n\(rows(first))\n\(columnsHelp) "
                + "La liste des banques reconnues : compta importer --banques"
        case .unknownBank(let name, let known):
            return "banque inconnue : \(name). Banques reconnues : \(known.joined(separator: ", ")) (détail : compta importer --banques)."
        case .layoutNotFound(let profile, let expected, let first):
            return "ce fichier n'a pas la forme d'un export \(profile) (colonnes attendues : \(expected.joined(separator: ", "))). "
                + "Premières lignes lues :\n\(rows(first))\nEssayez --banque auto, ou \(columnsHelp)"
        case .malformedLine(let line, let raw, let reason):
            return "ligne \(line) illisible : \(lineProblem(reason)).\n  ligne lue : \(raw)\n"
                + "Corrigez la ligne (ou téléchargez à nouveau le relevé) puis relancez : rien n'a été importé."
        case .severalAccounts(let accounts):
            return "le fichier contient les opérations de plusieurs comptes (\(accounts.joined(separator: ", "))). "
                + "Choisissez-en un avec --numero, par exemple --numero \(accounts[0]), et --compte pour le compte du livre."
        case .noOperations:
            return "le fichier ne contient aucune opération."
        case .noOperationsFrom(let day, let last):
            return "aucune opération du fichier n'est du \(day.french) ou après (la dernière est du \(last.french)) : vérifiez la date de --du."
        case .badColumns(let text):
            return "--colonnes mal écrit « \(text) » : \(columnsHelp)"
        case .mixedEncodings(let u, let o):
            return "encodages mélangés : la ligne \(u) est en UTF-8 et la ligne \(o) en Windows-1252 ou Latin-1. "
                + "Le fichier a probablement été modifié à la main ; téléchargez-le à nouveau, ou forcez l'encodage avec --encodage."
        case .profileWithoutColumns:
            return "fichier de profil sans la clé colonnes : elle dit où sont la date, le libellé et le montant "
                + "(exemple : colonnes = date=1,libelle=3,montant=4)."
        case .badProfileFile(let line, let text):
            return "fichier de profil, ligne \(line) : « \(text) » incompris. Clés possibles : nom, colonnes, separateur, encodage "
                + "(exemple : colonnes = date=1,libelle=3,montant=4)."
        }
    }

    static func lineProblem(_ p: LineProblem) -> String {
        switch p {
        case .date(let t, let e): return t.isEmpty ? "pas de date" : day(e, t)
        case .amount(let t, let e): return money(e, t)
        case .missingAmount: return "ni montant, ni débit, ni crédit"
        case .missingColumns(let expected, let found): return "\(found) colonnes au lieu de \(expected) au moins"
        }
    }

    static func rule(_ p: RuleProblem) -> String {
        switch p {
        case .invalidRegex(let r, let e): return pattern(e, r)
        case .emptyPattern: return "motif vide : une règle cherche un texte dans le libellé, par exemple \"OVH\"."
        case .badAccount(let t, let e): return accountNumber(e, t) + "."
        case .unknownAccount(let n, let s):
            return entry(.unknownAccount(n, suggestions: s))
        case .replacedAccount(let old, let r, let exercice):
            return "le compte \(old.number) (\(old.label)) n'existe plus dans le plan comptable de l'exercice \(exercice.label) (plan 2025) : "
                + (r.new.map { "classez sous \($0)" } ?? "choisissez le compte avec votre expert-comptable") + (r.remark.map { " (\($0))" } ?? "") + "."
        case .unknownProject(let code, let known): return unknownProject(code, known: known)
        case .badDirection(let t): return "sens « \(t) » inconnu : recette, depense, ou vide pour les deux."
        case .badAmount(let t, let e): return money(e, t) + "."
        case .minimumAboveMaximum: return "le montant minimum dépasse le maximum."
        case .missingColumns(let missing, let seen):
            return "colonnes manquantes : \(missing.joined(separator: ", ")) (colonnes lues : \(seen.joined(separator: ", "))). "
                + "En-tête attendu : position;motif;regex;sens;min;max;compte;projet;libelle"
        case .textTooLong(let t): return tooLong(t) + "."
        }
    }

    static func pattern(_ e: PatternError, _ r: String) -> String {
        let accepted = "Compta accepte . [a-z] [^0-9] ^ $ | ( ) (?: ) * + ? {n,m} \\d \\w \\s \\b et les signes précédés de \\ (\\. \\( …)."
        switch e {
        case .malformed(let m):
            let why: String
            switch m {
            case .unclosedGroup: why = "une parenthèse ouverte n'est pas refermée"
            case .unopenedGroup: why = "une parenthèse fermante n'a pas été ouverte"
            case .unclosedClass: why = "un crochet [ n'est pas refermé"
            case .nothingToRepeat: why = "*, + ou ? ne suit rien qui puisse se répéter (pour le signe lui-même : \\*, \\+, \\?)"
            case .trailingBackslash: why = "elle finit par une barre oblique inversée \\ seule"
            case .badRange(let t): why = "intervalle « \(t) » à l'envers"
            case .badRepetition(let t): why = "répétition « \(t) » impossible (le maximum est avant le minimum)"
            }
            return "expression régulière invalide « \(r) » : \(why)."
        case .unsupported(let construct):
            return "expression régulière « \(r) » : « \(construct) » n'est pas pris en charge. Les règles s'appliquent à des libellés "
                + "que choisit qui fait le virement : Compta n'accepte que les expressions qu'il sait chercher en un seul passage "
                + "(ni renvoi \\1, ni anticipation (?=…), ni rétrospection (?<=…)). " + accepted
        case .tooLarge:
            return "expression régulière trop grande « \(r) » : ses répétitions ({n,m} imbriquées) dépassent "
                + "\(grouped(RulePattern.maxSize)) étapes (ou \(grouped(RulePattern.maxRepetition)) répétitions). Simplifiez-la."
        }
    }

    static func bankAccount(_ e: BankAccountError) -> String {
        switch e {
        case .statementOfAnotherAccount(let id, let into, let asked):
            return "ce relevé est celui du compte bancaire \(id), déjà importé dans le compte \(into) ; vous demandez --compte \(asked). "
                + "Vérifiez le fichier, ou relancez avec --compte \(into)."
        case .notATreasuryAccount(let n):
            return "--compte \(n) n'est pas un compte de banque ou de caisse (51x, 53x), par exemple 512, 5121 ou 530."
        }
    }
    static func budgetFile(_ p: BudgetFile.Problem) -> String {
        switch p {
        case .missingColumns(let missing, let seen):
            return "colonnes manquantes : \(missing.joined(separator: ", ")) (colonnes lues : \(seen.joined(separator: ", "))). En-tête attendu : poste;sens;montant;comptes;projet;remarque"
        case .badAmount(let t, let e): return money(e, t) + "."
        case .negativeAmount(let t): return "montant négatif « \(t) » : un poste prévoit un montant positif, du côté dépense ou recette."
        case .unknownSide(let t): return "sens « \(t) » inconnu : écrivez dépense ou recette."
        case .badAccount(let t, let e): return accountNumber(e, t) + "."
        case .emptyPoste: return "poste sans nom."
        case .badProject(let t): return "code de projet invalide « \(t) »."
        case .textTooLong(let t): return tooLong(t) + "."
        }
    }

    static func budget(_ p: BudgetProblem) -> String {
        switch p {
        case .unknownAccount(let poste, let prefix, _):
            return "poste « \(poste) » : aucun compte du livre ne commence par \(prefix). Vérifiez le numéro, ou créez le compte (compta comptes ajouter)."
        case .wrongClass(let poste, let prefix, let side, _):
            return "poste « \(poste) » : le compte \(prefix) n'est pas un compte de \(side == .depense ? "charges (classe 6)" : "produits (classe 7)") ; un poste de \(side == .depense ? "dépense" : "recette") couvre des comptes de classe \(side.accountClass)."
        case .repeatedPoste(let poste, let first, _):
            return "le poste « \(poste) » figure deux fois (déjà ligne \(first)) : regroupez-les ou renommez l'un des deux."
        case .sharedAccount(let prefix, let first, let second, _):
            return "le compte \(prefix) est dans deux postes, « \(first) » et « \(second) » : un compte ne peut alimenter qu'un poste."
        case .unknownProject(let poste, let project, let known, _):
            return "poste « \(poste) » : " + unknownProject(project, known: known)
        case .closedExercice(let e):
            return "l'exercice \(e.label) est clôturé : son budget ne change plus."
        case .versionExists(let old, let new):
            return "l'exercice \(old.exercice.label) a déjà un budget « \(old.version) » (\(budgetSummary(old))) ; "
                + "le fichier en donne un autre (\(budgetSummary(new))). Rien n'a été changé. Pour le remplacer, "
                + "relancez la commande avec --remplacer ; pour garder les deux, donnez un autre nom à celui-ci "
                + "(--version rectificatif)."
        case .empty:
            return "le budget ne contient aucun poste."
        }
    }

    /// Parts of `compta affecter` that do not file the operation. With the command as typed
    /// (its number and parts), the example is the user's own, corrected where it can be.
    static func split(_ e: SplitError, number: Int?, parts: [AssignmentPart]?) -> String {
        let n = number.map(String.init) ?? "NUMERO"
        func command(_ ps: [AssignmentPart]) -> String { "compta affecter \(n) " + ps.map(partArgument).joined(separator: " ") }
        let rule = "Chaque compte prend sa part de l'opération, un seul sans montant reçoit le reste, "
            + "une part négative va dans l'autre sens (une commission retenue : 627=-5)."
        guard let parts, !parts.isEmpty else { return splitProblem(e) + " Ventilez ainsi : compta affecter \(n) 7562=180 754. " + rule }
        var example: String
        switch e {
        case .doesNotAddUp(let given, let operation):
            // The last part takes the difference (keeping its direction), or, left without
            // amount, the rest when there is one.
            let last = parts[parts.count - 1]
            let fixed = (last.amount ?? .zero) + (operation - given)
            let rest = operation - (given - (last.amount ?? .zero))
            var ways: [String] = []
            if !fixed.isZero && fixed.isNegative == (last.amount?.isNegative ?? false) {
                ways.append(command(parts.dropLast() + [AssignmentPart(last.account, amount: fixed, project: last.project)]))
            }
            if rest.cents > 0 {
                ways.append((ways.isEmpty ? "" : "ou, ") + "pour que le compte \(last.account) reçoive le reste : "
                            + command(parts.dropLast() + [AssignmentPart(last.account, amount: nil, project: last.project)]))
            }
            example = ways.isEmpty ? "Corrigez les montants" : "Par exemple : " + ways.joined(separator: ", ")
        case .severalOpenParts:
            // Every open part but the last gets an amount to fill in.
            let keep = parts.lastIndex { $0.amount == nil }
            example = "Par exemple : compta affecter \(n) " + parts.indices.map { i in
                parts[i].amount == nil && i != keep ? "\(parts[i].account)=MONTANT" + (parts[i].project.map { "@\($0)" } ?? "") : partArgument(parts[i])
            }.joined(separator: " ")
        case .zeroPart(let account):
            example = "Par exemple : " + command(parts.filter { $0.account != account || $0.amount?.isZero != true })
        case .nothingLeft, .amountOverflow:
            example = "Corrigez les montants"
        }
        return splitProblem(e) + " " + example + ". " + rule
    }

    private static func splitProblem(_ e: SplitError) -> String {
        switch e {
        case .severalOpenParts(let accounts):
            return "plusieurs comptes sans montant (\(accounts.map(\.text).joined(separator: ", "))) : un seul peut recevoir le reste."
        case .zeroPart(let account):
            return "la part du compte \(account) est nulle : donnez-lui un montant, ou retirez-la."
        case .doesNotAddUp(let parts, let operation):
            let gap = operation - parts
            return "les parts font \(parts) € et l'opération \(operation) € : "
                + (gap.isNegative ? "elles la dépassent de \(gap.magnitude) €." : "il manque \(gap) €.")
        case .nothingLeft(let account, let parts, let operation):
            return "les parts données font \(parts) € : il ne reste rien de l'opération (\(operation) €) pour le compte \(account)."
        case .amountOverflow:
            return "montants trop grands."
        }
    }

    /// A part as it is typed: `754=45,00@CAMP`.
    static func partArgument(_ p: AssignmentPart) -> String {
        "\(p.account)" + (p.amount.map { "=\($0.plain)" } ?? "") + (p.project.map { "@\($0)" } ?? "")
    }

    /// « 12 postes : 25 000,00 € de dépenses, 25 000,00 € de recettes ».
    static func budgetSummary(_ b: Budget) -> String {
        "\(b.postes.count) poste\(b.postes.count > 1 ? "s" : "") : \(b.total(.depense)) € de dépenses, \(b.total(.recette)) € de recettes"
    }

    static func drafts(_ list: [DraftSummary]) -> String {
        list.map { "  n° \($0.number) du \($0.date.french) : \($0.label) (\($0.amount) €)" }.joined(separator: "\n")
    }

    static func closing(_ p: ClosingProblem) -> String {
        switch p {
        case .alreadyClosed(let e): return "l'exercice \(e.label) est déjà clôturé."
        case .earlierOpen(let e): return "clôturez d'abord l'exercice \(e.label) : les exercices se clôturent dans l'ordre."
        case .drafts(let list, let total):
            let exercice = list.first.map { " --exercice \($0.exercice)" } ?? ""
            return "clôture impossible : \(french(total, "écriture")) en brouillard. Validez celles qui sont justes (compta valider), "
                + "supprimez celles saisies par erreur (compta supprimer NUMERO\(exercice)) :\n"
                + drafts(list) + (total > list.count ? "\n  … et \(total - list.count) autres (compta journal)" : "")
        case .waiting(let list, let balance):
            return "clôture impossible : le compte d'attente 471 n'est pas soldé (\(balance) €). Classez ces opérations avec compta affecter :\n" + drafts(list)
        case .openingsExist(let e): return "l'exercice \(e.label) a déjà des à-nouveaux : la clôture les écrirait une seconde fois."
        case .nextNotOpen(let e): return "l'exercice qui suit \(e.label) est clôturé : impossible d'y reporter les soldes."
        case .nextAlreadyOpen(let next, let asked):
            return "l'exercice suivant, \(next.label), existe déjà (du \(next.start.french) au \(next.end.french)) : --fin-suivant ne sert "
                + "qu'à le créer. Clôturez sans --fin-suivant ; ou, s'il ne contient rien, supprimez-le (compta exercices supprimer "
                + "\(next.label)) puis clôturez avec --fin-suivant \(asked.iso)."
        case .resultNotAllocated(let e, let previous, let account, let amount):
            let origin = previous.map { "le résultat de l'exercice \($0.label)" } ?? "un résultat antérieur"
            let record = previous.map { "compta affecter-resultat --exercice \($0.label) (--vers 110, 1068...)" }
                ?? allocationEntry(of: nil, deficit: account.text == "129", amount: amount)
            return "clôture impossible : \(origin) (\(account.text == "120" ? "excédent" : "déficit") de \(amount) €) est encore au compte \(account.text) : "
                + "son affectation, décidée par l'assemblée générale, n'est pas enregistrée, et la clôture l'ajouterait au résultat \(e.label) dans le bilan. "
                + "Enregistrez-la : \(record), validez (compta valider), puis clôturez."
        }
    }

    /// The entry that allocates a result by hand: 120 to 110, or 119 to 129.
    static func allocationEntry(of e: Exercice?, deficit: Bool, amount: Money) -> String {
        "compta saisir DATE \"Affectation du résultat\(e.map { " " + $0.label } ?? "")\" "
            + (deficit ? "119=\(amount.plain) 129" : "120=\(amount.plain) 110") + " --journal OD"
    }

    static func allocation(_ p: AllocationProblem) -> String {
        switch p {
        case .notClosed(let e): return "l'exercice \(e.label) n'est pas clôturé : son résultat s'affecte après la clôture (compta cloturer)."
        case .noNextExercice(let e): return "pas d'exercice après \(e.label) pour y affecter le résultat."
        case .nothingToAllocate(let e): return "rien à affecter : les comptes 120 et 129 de l'exercice qui suit \(e.label) sont soldés."
        case .badDestination(let n): return "le résultat s'affecte en report à nouveau (110, 119) ou en réserves (106x, comme 1068), pas en \(n)."
        case .nextClosed(let e, let next, let result):
            return "l'exercice \(next.label), qui suit \(e.label), est clôturé : l'affectation du résultat \(e.label) ne peut plus s'y écrire. "
                + "Si elle n'y a pas été saisie avant sa clôture, le résultat \(e.label) (\(CompteDeResultat.resultWords(result))) a été reporté "
                + "sur \(result.isNegative ? "129" : "120") avec celui de \(next.label) : affectez-le dans l'exercice ouvert, par exemple "
                + allocationEntry(of: e, deficit: result.isNegative, amount: result.magnitude) + " (1068 au lieu de 110 pour des réserves)."
        }
    }

    static func exerciceRemoval(_ r: ExerciceRemoval) -> String {
        switch r {
        case .closed(let e):
            return "l'exercice \(e.label) est clôturé : ses comptes sont arrêtés, il ne se supprime pas."
        case .notEmpty(let e, let entries, let budgets, let statements):
            var held: [String] = []
            if entries > 0 { held.append("\(entries) écriture\(entries > 1 ? "s" : "")") }
            if !budgets.isEmpty { held.append("le budget " + budgets.map { "« \($0) »" }.joined(separator: ", ")) }
            if statements > 0 { held.append("\(statements) relevé\(statements > 1 ? "s" : "") importé\(statements > 1 ? "s" : "") sur ses dates") }
            return "l'exercice \(e.label) contient \(held.joined(separator: ", ")) : seul un exercice vide se supprime. "
                + "Un brouillard saisi par erreur se supprime (compta supprimer NUMERO --exercice \(e.label)), un relevé importé par erreur "
                + "s'annule (compta releves annuler NUMERO), un budget se retire (compta budget supprimer --exercice \(e.label) --version NOM) ; "
                + "une écriture validée reste."
        }
    }

    static func integrity(_ problems: [IntegrityProblem]) -> String {
        var lines = ["le livre n'est pas intègre (\(problems.count) problème\(problems.count > 1 ? "s" : "")) :"]
        for p in problems {
            switch p {
            case .chainBroken(let e):
                lines.append("  écriture validée \(e) : son empreinte ne correspond plus à son contenu. Elle a été modifiée hors de Compta, ou une écriture validée avant elle a été changée ou supprimée.")
            case .chainGap(let expected, let found):
                lines.append("  chaîne des écritures validées interrompue : maillon \(expected) attendu, \(found.map(String.init) ?? "absent") trouvé (écriture supprimée ou insérée hors de Compta).")
            case .unbalanced(let e, let d, let c):
                lines.append("  écriture \(e) déséquilibrée : débits \(d) €, crédits \(c) €.")
            case .tooFewLines(let e): lines.append("  écriture \(e) : moins de deux lignes.")
            case .orphanLines(let n): lines.append("  \(n) ligne\(n > 1 ? "s" : "") sans écriture.")
            case .numberingGap(let x, let j, let expected, let found):
                lines.append("  numérotation du journal \(j), exercice \(x) : \(j)-\(expected) attendu, \(j)-\(found) trouvé.")
            case .closedExerciceChanged(let x): lines.append("  les soldes de l'exercice clôturé \(x) ont changé depuis sa clôture.")
            case .totalsDiffer(let a, let d): lines.append("  les totaux du compte \(a) au \(d) ne correspondent plus aux lignes.")
            case .databaseDamaged(let m): lines.append("  fichier SQLite endommagé : \(m)")
            case .malformedEntry(let e, let field):
                let what: String
                switch field {
                case .date(let t): what = "sa date « \(t) » n'est pas un jour du calendrier écrit AAAA-MM-JJ"
                case .validationDate(let t): what = "sa date de validation « \(t) » n'est pas un jour du calendrier écrit AAAA-MM-JJ"
                case .amount: what = "un montant d'une de ses lignes n'est pas un nombre entier de centimes"
                }
                lines.append("  écriture \(e) : \(what) (modifiée hors de Compta) ; les états la liraient autrement que la chaîne.")
            case .malformedExercice(let x, let date):
                lines.append("  exercice \(x) : sa date « \(date) » n'est pas un jour du calendrier écrit AAAA-MM-JJ (modifiée hors de Compta).")
            case .anchorNotInChain(let anchor, let links):
                lines.append("  empreinte \(anchor.text) : elle couvre \(anchor.count) écritures validées, le livre n'en a plus que \(links) : "
                             + "des écritures validées ont disparu depuis (supprimées, ou dévalidées), ou ce n'est pas le livre dont l'empreinte a été notée.")
            case .triggersChanged(let missing, let added):
                func names(_ n: [String]) -> String { n.prefix(5).joined(separator: ", ") + (n.count > 5 ? "…" : "") }
                if !missing.isEmpty {
                    lines.append("  schéma : \(french(missing.count, "protection retirée ou changée", plural: "protections retirées ou changées")) hors de Compta "
                                 + "(déclencheurs \(names(missing))) : les écritures validées, les exercices clôturés ou les relevés importés "
                                 + "n'y sont plus gardés. Reprenez une sauvegarde vérifiée (compta restaurer).")
                }
                if !added.isEmpty {
                    lines.append("  schéma : \(french(added.count, "déclencheur étranger", plural: "déclencheurs étrangers")) à Compta "
                                 + "(\(names(added))) : ils peuvent changer ce que le livre écrit. Reprenez une sauvegarde vérifiée (compta restaurer).")
                }
            case .anchorDiffers(let anchor, let found, let entry):
                let differs = [anchor.date != found.date ? "validée le \(found.date.french) et non le \(anchor.date.french)" : nil,
                               anchor.head != found.head ? "d'empreinte \(found.head) et non \(anchor.head)" : nil].compactMap { $0 }
                lines.append("  empreinte \(anchor.text) : la \(anchor.count == 1 ? "1re" : "\(anchor.count)e") écriture validée de la chaîne (\(entry)) est aujourd'hui "
                             + differs.joined(separator: ", ") + " : l'empreinte a été mal recopiée (comparez-la caractère par caractère à celle notée), "
                             + "ou le livre a été réécrit jusqu'à ce point (une écriture validée modifiée, supprimée ou revalidée), "
                             + "ou ce n'est pas le livre dont l'empreinte a été notée.")
            }
        }
        lines.append("Gardez ce fichier tel quel et comparez-le à une sauvegarde.")
        return lines.joined(separator: "\n")
    }
    /// A refused FEC, naming the exercice it is of (given, or the default one).
    static func fec(_ p: FEC.Problem, exercice: Exercice?) -> String {
        let label = exercice?.label ?? ""
        switch p {
        case .drafts(let list, let total):
            return "le FEC ne contient que des écritures validées ; \(total) brouillard\(total > 1 ? "s" : "") dans l'exercice \(label). "
                + "Validez-les (compta valider --exercice \(label)) :\n"
                + list.map { "  n° \($0.number) du \($0.date.french) : \($0.label)" }.joined(separator: "\n")
        case .badSIREN(let s): return "SIREN invalide « \(s) » : 9 chiffres."
        case .empty(let e): return "l'exercice \(e.label) n'a aucune écriture : pas de FEC."
        case .unencodable(let c, let entry):
            return "le caractère « \(c) » (écriture \(entry) de l'exercice \(label)) n'existe pas en ISO-8859-15. "
                + "Corrigez le libellé, ou exportez en UTF-8 (défaut)."
        }
    }

    static func fecFile(_ p: FECProblem) -> String {
        switch p {
        case .missingColumns(let missing, let seen):
            return "colonnes obligatoires absentes : \(missing.joined(separator: ", ")) (colonnes lues : \(seen.joined(separator: ", ")))."
        case .fieldCount(let e, let f): return "\(f) champs au lieu de \(e) : ligne tronquée ou séparateur dans un libellé."
        case .badDate(let field, let text): return "date illisible dans \(field) : « \(text) » (attendu AAAAMMJJ)."
        case .badAmount(let field, let text, let e): return "\(field) : " + money(e, text) + "."
        case .badDirection(let t): return "sens « \(t) » inconnu (D, C, +1 ou -1)."
        case .accountNotNumeric(let t): return "numéro de compte « \(t) » : un numéro de compte commence par trois chiffres du plan comptable."
        case .unbalanced(let n, let d, let c): return "écriture \(n) déséquilibrée : débits \(d) €, crédits \(c) €."
        case .duplicateNumber(let n, let first): return "numéro d'écriture \(n) déjà utilisé ligne \(first) : chaque écriture a son numéro."
        case .severalDates(let n): return "l'écriture \(n) porte plusieurs dates."
        case .empty: return "le fichier ne contient aucune écriture."
        case .badJournalCode(let t, let e):
            return "JournalCode : " + code(e, t, of: "de journal", example: "BQ") + ". Corrigez le code de ce journal dans le fichier, sur toutes ses lignes."
        case .textTooLong(let field, let t): return "\(field) : " + tooLong(t) + "."
        }
    }

    static func ledgerImport(_ p: LedgerImportProblem) -> String {
        switch p {
        case .exerciceNotEmpty(let e): return "l'exercice \(e.label) contient déjà des écritures : importez le FEC dans un livre neuf (--livre) ou un exercice vide."
        case .overlapsExercice(let e): return "les dates du fichier chevauchent l'exercice \(e.label) (du \(e.start.french) au \(e.end.french))."
        case .exerciceClosed(let e): return "l'exercice \(e.label) est clôturé."
        case .outsideExercice(let line, let date, let start, let end):
            return "ligne \(line) : le \(date.french) est hors de l'exercice du fichier (du \(start.french) au \(end.french), d'après son nom ou ses dates)."
        case .accountWithoutClass(let n): return "le compte \(n) n'est sous aucune classe du plan comptable."
        case .duplicateValidationNumber(let j, let n, let line): return "ligne \(line) : numéro \(j)-\(n) en double."
        case .noAmount(let line, let n):
            return "ligne \(line) : l'écriture \(n) n'a que des lignes sans montant : rien à reprendre. Retirez-la du fichier, ou corrigez ses montants."
        }
    }
}

/// `512 Mo`, `1,0 Go`: a file size for people.
func megabytes(_ bytes: Int) -> String {
    let mb = bytes >> 20
    if mb < 1024 { return "\(mb) Mo" }
    let tenths = (bytes * 10) >> 30
    return "\(tenths / 10),\(tenths % 10) Go"
}
