import Foundation
import Ledger
import LedgerStore
import Reports

extension Messages {
    /// What a trigger of the schema refused, in its own words (`Schema.refusals`; a test holds
    /// the two equal).
    static func schemaRefusal(_ r: SchemaRefusal) -> String {
        switch r {
        case .validatedEntryChanged: "écriture validée, modification interdite"
        case .validatedEntryDeleted: "écriture validée, suppression interdite"
        case .entryIdentityChanged: "la date, le journal et le numéro d'une écriture ne changent pas"
        case .dateOutsideExercice: "date hors de l'exercice"
        case .closedExercice: "exercice clôturé"
        case .closedExerciceChanged: "exercice clôturé, modification interdite"
        case .closedExerciceDeleted: "exercice clôturé, suppression interdite"
        case .closedExerciceBudget: "exercice clôturé, budget non modifiable"
        case .closedExerciceValidation: "exercice clôturé, validation impossible"
        case .unbalancedValidation: "écriture déséquilibrée, validation impossible"
        case .incompleteValidation: "validation incomplète"
        case .overlappingExercices: "exercices qui se chevauchent"
        case .malformedEntryDate: "date d'écriture mal écrite"
        case .malformedValidationDate: "date de validation mal écrite"
        case .fractionalAmount: "montant qui n'est pas un nombre entier de centimes"
        case .malformedExercice: "exercice mal écrit (dates AAAA-MM-JJ, ouvert à sa création)"
        case .exerciceIdentityChanged: "les dates, le plan comptable et le nom d'un exercice ne changent pas"
        case .closingWithoutHash: "exercice clôturé sans empreinte de ses soldes"
        case .closingWithDrafts: "brouillards dans l'exercice, clôture impossible"
        case .journalIdentityChanged: "le code et la nature d'un journal ne changent pas"
        case .bankLineChanged: "une ligne de relevé importée ne change pas"
        case .validatedBankOperationDeleted: "opération d'un relevé validée, suppression interdite"
        case .chainVersionChanged: "la version de la chaîne ne change pas"
        case .tiersCodeChanged: "le code d'un tiers ne change pas"
        case .issuedReceiptChanged: "reçu émis, modification interdite (seule son annulation, avec un motif)"
        case .issuedReceiptDeleted: "reçu émis, suppression interdite"
        case .giftAlreadyReceipted: "don déjà couvert par un reçu"
        case .receiptOfDraftGift: "reçu d'un don non validé"
        case .validatedPieceDeleted: "pièce d'une écriture validée, suppression interdite"
        case .pieceChanged: "une pièce enregistrée ne change pas"
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
        case .cannotCreate(let path, let failure):
            let reason = switch failure {
            case .walNotCheckpointed: "le journal d'écriture n'a pas pu être reversé dans le fichier"
            case .notWritable: "écriture impossible"
            case .noFolder: "dossier inexistant"
            case .system(let text): text
            }
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
                return "le plan comptable de l'exercice \(exercice.label) (plan 2025) n'a plus le compte \(numbered(old)) : "
                    + (r.new.map { "utilisez \($0)" + (r.remark.map { " (\($0))" } ?? "") + ", ou un sous-compte de \($0)" }
                       ?? "choisissez le compte avec votre expert-comptable" + (r.remark.map { " (\($0))" } ?? "")) + "."
            }
        case .tiers(let e): return tiers(e)
        case let .unknownRuleTiers(code, rule, pattern, atImport):
            return "la règle n° \(rule) « \(pattern) » donne le tiers \(code), mais aucun tiers du livre n'a ce code (la liste : compta tiers). "
                + "Donnez le code ou le nom d'un tiers existant (compta tiers RECHERCHE le trouve), ou créez-le d'abord (compta tiers ajouter)"
                + (atImport ? " ; puis corrigez la règle : compta regles supprimer \(rule), et compta regles ajouter de nouveau avec --tiers CODE "
                    + "(ou --tiers aucun) ; ou, pour un fichier donné à --regles, sa colonne tiers. Rien n'a été importé." : ".")
        case .projectExists(let p):
            return "le projet \(p.code) existe déjà (« \(p.name) »)."
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
        case .refusedBySchema(let refusal):
            return schemaRefusal(refusal) + "."
        case .duplicateValidationNumbers(let detail):
            return "numéros d'écritures en double dans un journal du fichier (\(detail))."
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
        case .ruleExists(let r):
            return "cette règle existe déjà (n° \(r.position) : « \(r.pattern) » → \(r.account)" + (r.project.map { ", projet \($0)" } ?? "")
                + ") : elle classe déjà ces opérations. Rien n'a été écrit (compta affecter sans --regle classe l'opération seule). "
                + "La liste : compta regles ; pour la changer : compta regles supprimer \(r.position), puis compta regles ajouter."
        case .unknownStatement(let id):
            return "aucun relevé importé n° \(id). La liste : compta releves"
        case .statementValidated(let st) where st.linesPointed > 0:
            // Its operations pointed with typed entries count: their bank lines cannot go either.
            return "le relevé n° \(st.id) (\(st.fileName)) ne s'annule plus : \(st.validated) de ses \(st.linesNew + st.linesPointed) opérations "
                + "sont sur des écritures validées (celles qu'il a écrites, ou les écritures saisies qu'il a pointées). "
                + "Une écriture validée se corrige par une extourne (compta extourner NUMERO)."
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
        case .association(let e, let inLedger): return association(e, inLedger: inLedger)
        case .receipts(let p): return receipts(p)
        case .volunteerExpense(let e): return volunteerExpense(e)
        case .unreadableDate(let e):
            // Only a file changed outside Compta has such a date; the schema refuses them since migration 7.
            return "erreur inattendue : \(e)"
        case .chartData(let e): return chartData(e)
        case .closing(let p): return closing(p)
        case .funds(let e): return funds(e)
        case .allocation(let p): return allocation(p)
        case .budget(let p): return budget(p)
        case .exerciceRemoval(let r): return exerciceRemoval(r)
        case .ledgerImport(let p): return ledgerImport(p)
        case .bankAccount(let e): return bankAccount(e)
        case .pointage(let e): return pointage(e)
        case .lettering(let e): return lettering(e)
        case .piece(let e): return piece(e)
        case .platform(let e): return platformBooking(e)
        case .restore(.damagedBackup(let path, let problems)):
            return "la sauvegarde « \(path) » n'est pas restaurée, le livre en place n'a pas changé : elle ne passe pas la vérification. "
                + integrity(problems)
        case .restore(.sameFile(let path)):
            return "« \(path) » est le livre lui-même : donnez le fichier de la sauvegarde (compta restaurer SAUVEGARDE --livre LIVRE)."
        case .restore(.orphanJournal(let path)):
            return "« \(path) » est là sans son livre : ce sont les dernières écritures d'un livre disparu, que SQLite reporterait sur "
                + "la sauvegarde. Déplacez-le (et le « -shm » à côté), puis recommencez ; rien n'a été écrit."
        case .sqlite(let e):
            return "erreur de la base SQLite (\(e.message)). Rien n'a été écrit."
        case .amountOverflow: return overflow
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
                ?? allocationEntry(of: nil, deficit: account == .deficit, amount: amount)
            return "clôture impossible : \(origin) (\(account == .excedent ? "excédent" : "déficit") de \(amount) €) est encore au compte \(account.text) : "
                + "son affectation, décidée par l'assemblée générale, n'est pas enregistrée, et la clôture l'ajouterait au résultat \(e.label) dans le bilan. "
                + "Enregistrez-la : \(record), validez (compta valider), puis clôturez."
        case .fundsNotBooked(let e, let plan): return unbookedFunds(e, plan)
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
                + "sur \(AccountNumber.result(isDeficit: result.isNegative).text) avec celui de \(next.label) : affectez-le dans l'exercice ouvert, par exemple "
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
                lines.append("  écriture validée \(e.inChain) : son empreinte ne correspond plus à son contenu. Elle a été modifiée hors de Compta, ou une écriture validée avant elle a été changée ou supprimée.")
            case .chainGap(let expected, let found):
                lines.append("  chaîne des écritures validées interrompue : maillon \(expected) attendu, \(found.map(String.init) ?? "absent") trouvé (écriture supprimée ou insérée hors de Compta).")
            case .unbalanced(let e, let d, let c):
                lines.append("  écriture \(e.french) déséquilibrée : débits \(d) €, crédits \(c) €.")
            case .tooFewLines(let e): lines.append("  écriture \(e.french) : moins de deux lignes.")
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
                lines.append("  écriture \(e.french) : \(what) (modifiée hors de Compta) ; les états la liraient autrement que la chaîne.")
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
            case .receiptChainBroken(let number):
                lines.append("  reçu fiscal \(number) : son empreinte ne correspond plus à son contenu (texte, montant, donateur ou dons couverts). "
                             + "Il a été modifié hors de Compta, ou un reçu émis avant lui. Reprenez une sauvegarde vérifiée (compta restaurer).")
            case .anchorDiffers(let anchor, let found, let entry):
                let differs = [anchor.date != found.date ? "validée le \(found.date.french) et non le \(anchor.date.french)" : nil,
                               anchor.head != found.head ? "d'empreinte \(found.head) et non \(anchor.head)" : nil].compactMap { $0 }
                lines.append("  empreinte \(anchor.text) : la \(anchor.count == 1 ? "1re" : "\(anchor.count)e") écriture validée de la chaîne (\(entry.french)) est aujourd'hui "
                             + differs.joined(separator: ", ") + " : l'empreinte a été mal recopiée (comparez-la caractère par caractère à celle notée), "
                             + "ou le livre a été réécrit jusqu'à ce point (une écriture validée modifiée, supprimée ou revalidée), "
                             + "ou ce n'est pas le livre dont l'empreinte a été notée.")
            }
        }
        lines.append("Gardez ce fichier tel quel et comparez-le à une sauvegarde.")
        return lines.joined(separator: "\n")
    }
}

extension EntryReference {
    /// `BQ-2, n° 2 de l'exercice 2023, du 01/03/2023` (a draft: `n° 5 de l'exercice 2023, du
    /// 01/03/2023`); `écriture 7` when the entry's row cannot be read with its exercice.
    var french: String {
        guard let exercice, let number, let date else { return "écriture \(id)" }
        let validated = validationNumber.map { "\(journal ?? "")-\($0), " } ?? ""
        return "\(validated)n° \(number) de l'exercice \(exercice), du \((try? Day(parsing: date))?.french ?? date)"
    }

    /// A link of the chain, by its validation first: `BQ-2 (exercice 2023, n° 2, du 01/03/2023)`.
    var inChain: String {
        guard let journal, let validationNumber, let exercice, let number, let date else { return french }
        return "\(journal)-\(validationNumber) (exercice \(exercice), n° \(number), du \(Day(iso: date)?.french ?? date))"
    }
}
