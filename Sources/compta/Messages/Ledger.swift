import Ledger

extension Messages {
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
            return "le compte \(numbered(account)) n'existe plus dans le plan comptable de l'exercice \(exercice.label) "
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
        case .mixedContributionsInKind(let inKind, let other):
            return "le compte \(inKind) est une contribution volontaire en nature (classe 8) et le compte \(other) n'en est pas une : "
                + "la classe 8 ne se mêle à aucune autre dans une écriture (86 emplois contre 87 contributions, hors du résultat). "
                + "Saisissez deux écritures, ou le bénévolat avec compta benevolat MOIS --heures H --taux T."
        }
    }

    static func unknownProject(_ code: String, known: [String]) -> String {
        "projet inconnu : \(code). "
            + (known.isEmpty ? "Le livre n'a encore aucun projet ; créez-le avec « compta projets ajouter \(code) \"Nom du projet\" »."
                : "Projets existants : \(known.joined(separator: ", ")). Pour le créer : compta projets ajouter \(code) \"Nom du projet\".")
    }

    /// A report asked about a project the ledger has not (`--projet`, `--hors-projet`): a typo
    /// or a code misremembered, so the codes to choose from (the close ones first, compared as
    /// tiers' names are, `Tiers.resemble`) — never « create it », an empty project shows nothing.
    static func unknownReportProject(_ code: String, known: [String]) -> String {
        guard !known.isEmpty else {
            return "projet inconnu : \(code). Le livre n'a aucun projet : retirez l'option, le rapport porte alors sur tout le livre."
        }
        let close = known.filter { Tiers.resemble(searchKey($0), searchKey(code), close: true) }
        return "projet inconnu : \(code). " + (close.isEmpty ? "" : "Vouliez-vous dire \(close.joined(separator: " ou ")) ? ")
            + "Projets du livre : \(known.joined(separator: ", ")) (compta projets les liste avec leur nom)."
    }

    /// What to do with an operation of a period before the ledger, found once its books are closed.
    static let earlierOperation = "Une opération d'avant le livre découverte maintenant se saisit dans l'exercice ouvert, datée du jour "
        + "où vous l'enregistrez, sur 672 (charges sur exercices antérieurs) ou 772 (produits sur exercices antérieurs) : "
        + "compta saisir DATE \"Facture oubliée\" 672=MONTANT 512."

    /// Sums beyond an `Int64` of cents: only a file changed outside Compta holds such amounts.
    static let overflow = "les montants du livre font des sommes plus grandes que ce que Compta sait compter "
        + "(Compta refuse toute écriture qui porterait ses mouvements au-delà de 10 000 milliards d'euros) : le fichier a été modifié "
        + "hors de Compta, ou écrit par une version qui acceptait des montants démesurés. Rien n'a été écrit ; lancez compta verifier "
        + "et comparez le livre à une sauvegarde."

    static func money(_ e: MoneyError, _ text: String) -> String {
        switch e {
        case .empty: return "montant vide"
        case .invalidCharacter(let c): return "montant illisible « \(text) » (caractère « \(c) » inattendu)"
        case .tooManyDecimals: return "montant « \(text) » : trop de décimales (un montant se compte en centimes : deux décimales au plus, comme 0,01)"
        case .ambiguous:
            // The two readings of the text typed: 2.399 is 2 399 € or 2,399 €, which is no amount
            // in cents: offered rounded to the cent, and said so (never cut: 2,39 would be wrong).
            let negative = text.trimmingSpaces.hasPrefix("-")
            guard let n = Int64(text.filter(\.isNumber)), n <= Money.maximum / 100 else {
                return "montant ambigu « \(text) » : séparateur de milliers ou de décimales ? Écrivez le montant sans séparateur de milliers, "
                    + "avec deux décimales au plus (exemple : 1234,56)"
            }
            let thousands = Money(cents: negative ? -n * 100 : n * 100), rounded = Money(cents: (negative ? -1 : 1) * ((n + 5) / 10))
            return "montant ambigu « \(text) » : \(thousands.formatted()) € ou \(rounded.formatted()) € ? Écrivez \(negative ? "-" : "")\(n) "
                + "pour \(thousands.formatted()) €, ou \(rounded.plain) pour \(rounded.formatted()) € (un montant a deux décimales au plus : arrondi au centime)"
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

    /// « 777 (Quote-part de subvention...) », or « 791 » for an account no chart names.
    static func numbered(_ a: Account) -> String { a.label.isEmpty ? a.number.text : "\(a.number) (\(a.label))" }

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

    /// « 12 postes : 25 000,00 € de dépenses, 25 000,00 € de recettes ».
    static func budgetSummary(_ b: Budget) -> String {
        "\(b.postes.count) poste\(b.postes.count > 1 ? "s" : "") : \(b.total(.depense)) € de dépenses, \(b.total(.recette)) € de recettes"
    }

    static func bankAccount(_ e: BankAccountError) -> String {
        switch e {
        case .statementOfAnotherAccount(let id, let into, let asked):
            return "ce relevé est celui du compte bancaire \(id), déjà importé dans le compte \(into) ; vous demandez --compte \(asked). "
                + "Vérifiez le fichier, ou relancez avec --compte \(into)" + wrongAccountWayOut(into, asked: asked)
        case .fileOfAnotherAccount(let into, let statement, let asked):
            return "ce fichier a déjà été importé dans le compte \(into) (relevé n° \(statement) de compta releves) ; vous demandez --compte \(asked). "
                + "Relancez avec --compte \(into) (rien ne sera importé deux fois)" + wrongAccountWayOut(into, asked: asked, statement: statement)
        case .operationsOfAnotherAccount(let found, let count, let into, let statement, let asked):
            return "\(found) des \(count) opérations de ce relevé sont déjà dans le compte \(into) (même jour, même montant, même libellé ; "
                + "relevé n° \(statement) de compta releves) ; vous demandez --compte \(asked). "
                + "Relancez avec --compte \(into) (seules les opérations absentes seront ajoutées)" + wrongAccountWayOut(into, asked: asked, statement: statement)
        case .accountHoldsAnother(let id, let asked, let holds):
            return "le compte \(asked) du livre tient déjà les relevés du compte bancaire \(holds) ; ce relevé est celui du compte bancaire \(id). "
                + "Donnez-lui son propre compte du livre, par exemple --compte \(asked.text)1 (créé avec compta comptes ajouter \(asked.text)1 \"NOM\") ; "
                + "si c'est bien le même compte bancaire, écrit autrement : ajoutez --forcer. Rien n'a été importé."
        case .notATreasuryAccount(let n):
            return "--compte \(n) n'est pas un compte de banque ou de caisse (51x, 53x), par exemple 512, 5121 ou 530."
        }
    }

    /// The two other ways out of a statement that looks like another account's.
    static func wrongAccountWayOut(_ into: AccountNumber, asked: AccountNumber, statement: Int? = nil) -> String {
        (statement.map { " ; s'il a été importé dans \(into) par erreur : compta releves annuler \($0), puis relancez" } ?? "")
            + " ; si ces opérations sont vraiment aussi celles du compte \(asked) : ajoutez --forcer. Rien n'a été importé."
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
}

extension Messages {
    static func volunteering(_ e: VolunteeringError) -> String {
        switch e {
        case .badHours(let text):
            return "--heures « \(text) » : les heures de bénévolat du mois sont un nombre positif (120, ou 7,5). "
                + "Un mois sans bénévolat n'a pas d'écriture."
        case .badRate(let rate):
            return "--taux \(rate) : la valeur d'une heure est un montant positif en euros (12,02), ou smic."
        case .noSmic(let month, let first):
            return "Compta ne connaît pas le SMIC de \(Day.frenchMonthNames[month.month - 1]) \(month.year)"
                + (first.map { " (ses valeurs commencent le \($0.french))" } ?? "")
                + " : donnez le taux horaire en euros, --taux 11,27 par exemple."
        case .tooLarge:
            return "ces heures à ce taux dépassent tout montant que le livre tient : vérifiez --heures et --taux."
        }
    }
}
