import Ledger
import Imports

extension Messages {
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
        case .layoutNotFound(let profile, let expected, let first, let other):
            let shape = "ce fichier n'a pas la forme d'un export \(profile) (colonnes attendues : \(expected.joined(separator: ", "))). "
            if let other {
                return shape + "Il a celle d'un \(formatNoun(other)) : importez-le sans --banque (ou avec --banque \(other)). "
                    + "Premières lignes lues :\n\(rows(first))"
            }
            return shape + "Premières lignes lues :\n\(rows(first))\nEssayez sans --banque (le format est reconnu tout seul), ou d"
                + columnsHelp.dropFirst()
        case .notInFormat(let format, let other):
            return "ce fichier n'est pas un \(formatNoun(format)) (--banque \(format))"
                + (other.map { " : il a la forme d'un \(formatNoun($0))" } ?? "")
                + " ; essayez sans --banque, le format est reconnu tout seul (la liste : compta importer --banques)."
        case .malformedLine(let line, let raw, let reason, nil):
            return "ligne \(line) illisible : \(lineProblem(reason)).\n  ligne lue : \(raw)\n"
                + "Corrigez la ligne (ou téléchargez à nouveau le relevé) puis relancez : rien n'a été importé."
        case .malformedLine(let line, let raw, let reason, let columns?):
            let which: String
            switch reason {
            case .date: which = "date= dit quelle colonne porte la date"
            case .amount, .missingAmount: which = "montant= (ou debit= et credit=) dit quelle colonne porte le montant"
            case .missingColumns: which = "les positions ne dépassent pas le nombre de colonnes du fichier"
            }
            return "ligne \(line) illisible avec --colonnes \(columns) : \(lineProblem(reason)).\n  ligne lue : \(raw)\n"
                + "Vérifiez --colonnes : \(which), positions comptées à partir de 1. Rien n'a été importé."
        case .comptaFile(let kind):
            return comptaFile(kind, path: "FICHIER")
        case .severalAccounts(let accounts):
            return "le fichier contient les opérations de plusieurs comptes (\(accounts.joined(separator: ", "))). "
                + "Choisissez-en un avec --numero, par exemple --numero \(accounts[0]), et --compte pour le compte du livre."
        case .accountNotInFile(let wanted, let accounts):
            return "le fichier ne contient pas le compte \(wanted) : ses comptes sont \(accounts.joined(separator: ", ")). Choisissez-en un avec --numero."
        case .cfonb(let record, let line, let problem):
            let place = "enregistrement n° \(record)" + (line.map { " (ligne \($0))" } ?? "")
            if case .currency = problem { return "relevé CFONB 120, \(place) : \(cfonbProblem(problem))" }
            return "relevé CFONB 120, \(place) : \(cfonbProblem(problem)). "
                + "Téléchargez à nouveau le relevé (un fichier modifié à la main ou mal transmis perd souvent un caractère) : rien n'a été importé."
        case .camt(let problem):
            return "relevé camt.053 : \(camtProblem(problem))"
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

    /// One of Compta's own files given to `importer`: which it is, and the command that reads it.
    static func comptaFile(_ kind: ComptaFile, path: String) -> String {
        let file = shellWord(path)
        switch kind {
        case .entries: return "« \(path) » n'est pas un relevé : c'est un fichier d'écritures (date;libelle;compte;debit;credit). Chargez-le avec compta saisir --fichier \(file)"
        case .budget: return "« \(path) » n'est pas un relevé : c'est un budget (poste;sens;montant). Chargez-le avec compta budget importer \(file)"
        case .rules: return "« \(path) » n'est pas un relevé : c'est un fichier de règles (motif;compte). Chargez-le avec compta regles importer \(file)"
        case .fec: return "« \(path) » n'est pas un relevé : c'est un FEC (fichier des écritures comptables). Chargez-le avec compta importer-fec \(file)"
        }
    }

    /// « export Crédit Agricole », « relevé CFONB 120 », « relevé OFX »: a statement format
    /// by its id, as `--banques` names it (OFX and QIF, « toute banque » there, by their id).
    static func formatNoun(_ id: String) -> String {
        guard let format = StatementReaders.all.first(where: { $0.id == id }) else { return id }
        if format is BankProfile { return "export \(format.name)" }
        if format.name.hasPrefix("toute banque") { return "relevé \(id.uppercased())" }
        return "relevé " + (format.name.components(separatedBy: " (").first ?? format.name)
    }

    static func cfonbProblem(_ p: CFONBProblem) -> String {
        switch p {
        case .length(let n):
            return "la ligne a \(n) caractères ; un relevé CFONB est fait d'enregistrements de 120 caractères exactement"
        case .cut(let n):
            return "la ligne a \(n) caractères alors que les autres lignes du fichier ont leurs 120 caractères, blancs compris : elle a été coupée "
                + "(un enregistrement CFONB, 05 complément compris, a 120 caractères exactement)"
        case .recordCode(let code):
            return "code d'enregistrement « \(code) » inconnu (01 ancien solde, 04 opération, 05 complément, 07 nouveau solde)"
        case .amount(let t):
            return "montant « \(t) » illisible (13 chiffres puis un caractère qui porte le dernier chiffre et le signe : { ou A à I crédit, } ou J à R débit)"
        case .decimals(let t): return "nombre de décimales « \(t) » illisible (position 20, un chiffre)"
        case .date(let t): return "date « \(t) » illisible (JJMMAA)"
        case let .currency(currency, account, others):
            return "le compte \(account) est tenu en \(currency) (code devise, positions 17 à 19). "
                + "Compta tient les comptes de l'association en euros et ne convertit pas les devises : "
                + (others.isEmpty ? "" : "si l'un des autres comptes du fichier (\(others.joined(separator: ", "))) est en euros, choisissez-le avec --numero ; ")
                + "importez le relevé du compte en euros où arrivent les conversions, et saisissez une opération en devises "
                + "au montant en euros que la banque a débité ou crédité (compta saisir). Rien n'a été importé."
        }
    }

    static func camtProblem(_ p: CamtProblem) -> String {
        let again = " Téléchargez à nouveau le relevé : rien n'a été importé."
        switch p {
        case .dtd:
            return "le fichier déclare une DTD ou des entités XML (<!DOCTYPE, <!ENTITY), ce qu'un relevé ne fait jamais : "
                + "il est refusé sans être lu. Téléchargez le relevé depuis le site de la banque."
        case .malformed(let line):
            return "XML mal formé ou tronqué (lu jusqu'à la ligne \(line)) : le fichier est incomplet ou a été modifié." + again
        case .otherMessage(let m):
            return "ce fichier est \(isoMessage(m)), pas un relevé de compte camt.053 (versions 001.02 à 001.13). "
                + "Demandez à la banque le relevé de compte camt.053, ou son export CFONB 120, OFX ou CSV."
        case .amount(let t, let line): return "ligne \(line) : montant « \(t) » illisible (un nombre positif, point décimal)." + again
        case .date(let t, let line): return "ligne \(line) : date « \(t) » illisible (AAAA-MM-JJ)." + again
        case .missing(let element, let line): return "ligne \(line) : l'opération n'a pas d'élément \(element)." + again
        case .currency(let c, let line): return "ligne \(line) : montant en \(c) ; Compta tient ses comptes en euros."
        }
    }

    /// What an ISO 20022 message is, by its name (`camt.054.001.08`).
    static func isoMessage(_ m: String) -> String {
        let kinds = ["camt.052": "un relevé intrajournalier (camt.052)", "camt.054": "un avis de débit ou de crédit (camt.054)",
                     "camt.053": "un relevé camt.053 d'une version que Compta ne lit pas", "pain.001": "un ordre de virement (pain.001)",
                     "pain.008": "un ordre de prélèvement (pain.008)", "pain.002": "un compte rendu d'ordres (pain.002)"]
        let kind = kinds.first { m.hasPrefix($0.key) }?.value ?? "un autre document XML"
        return "\(kind), message « \(m) »"
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
            return "le compte \(numbered(old)) n'existe plus dans le plan comptable de l'exercice \(exercice.label) (plan 2025) : "
                + (r.new.map { "classez sous \($0)" } ?? "choisissez le compte avec votre expert-comptable") + (r.remark.map { " (\($0))" } ?? "") + "."
        case .unknownProject(let code, let known): return unknownProject(code, known: known)
        case .badDirection(let t): return "sens « \(t) » inconnu : recette, depense, ou vide pour les deux."
        case .badAmount(let t, let e): return money(e, t) + "."
        case .minimumAboveMaximum: return "le montant minimum dépasse le maximum."
        case .missingColumns(let missing, let seen):
            return "colonnes manquantes : \(missing.joined(separator: ", ")) (colonnes lues : \(seen.joined(separator: ", "))). "
                + "En-tête attendu : position;motif;regex;sens;min;max;compte;projet;libelle;tiers"
        case .textTooLong(let t): return tooLong(t) + "."
        case .tiersGroupMisnamed(let names):
            return "le groupe \(names.map { "(?<\($0)>…)" }.joined(separator: ", ")) ne donne pas le tiers : le groupe qui le prend dans le libellé "
                + "doit s'appeler (?<tiers>…), par exemple \"/DE (?<tiers>.+?) /MOTIF\" ; un groupe qui ne sert qu'à grouper s'écrit (?:…)."
        case .tiersGroupMissing(let regex):
            return regex
                ? "la règle prend son tiers dans le libellé (tiers « capture ») mais son expression n'a pas de groupe (?<tiers>…) : "
                    + "ajoutez-le autour du nom, par exemple \"/DE (?<tiers>.+?) /MOTIF\", ou laissez le tiers vide pour les formes de libellé connues."
                : "le tiers « capture » prend le groupe (?<tiers>…) d'une expression régulière : ajoutez --regex (colonne regex : oui) "
                    + "et le groupe autour du nom, par exemple \"/DE (?<tiers>.+?) /MOTIF\"."
        case .tiersGroupInPlainText:
            return "le motif contient un groupe (?<tiers>…) mais n'est pas une expression régulière : ajoutez --regex (colonne regex : oui)."
        case .tiersGroupEmpty:
            return "le groupe (?<tiers>…) ne peut prendre aucun texte : mettez-y ce qui lit le nom, par exemple (?<tiers>.+?)."
        case .tiersGroupAndFixed(let tiers):
            let said = tiers == .none ? "dit « aucun » tiers" : "donne le tiers « \(tiers.text ?? "") »"
            return "la règle \(said) et a aussi un groupe (?<tiers>…) : gardez l'un ou l'autre (retirez le groupe, "
                + "ou laissez le tiers vide pour prendre le nom dans le libellé)."
        case .tiersGroupAsTiers(let text):
            return "le tiers « \(text) » est un groupe d'expression régulière : il se met dans le motif (avec --regex), "
                + "par exemple \"/DE (?<tiers>.+?) /MOTIF\", et le tiers reste vide (ou --tiers capture)."
        case let .sameAsLine(line, r):
            return "la même règle qu'à la ligne \(line) (« \(r.pattern) » → \(r.account)" + (r.project.map { ", projet \($0)" } ?? "")
                + ") : la première prendrait toutes leurs opérations, la seconde n'en classerait jamais aucune. Retirez l'une des deux lignes du fichier ; "
                + "aucune règle n'a été chargée."
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
        case .halfAuxiliary(let number, let label):
            return number.isEmpty
                ? "CompAuxLib « \(label) » sans CompAuxNum : un compte auxiliaire a un numéro et un libellé. Donnez son code dans CompAuxNum, ou videz CompAuxLib."
                : "CompAuxNum « \(number) » sans CompAuxLib : un compte auxiliaire a un numéro et un libellé. Donnez le nom du tiers dans CompAuxLib, ou videz CompAuxNum."
        case .letterTooLong(let t):
            return "EcritureLet « \(t) » : une lettre de lettrage a \(Letter.maxLength) caractères au plus (A, AB, AAA). Corrigez-la, ou videz EcritureLet et DateLet."
        }
    }
}

extension Messages {
    /// The warning of `regles ajouter` and `regles importer` for a rule of no direction under a
    /// charge or a produit (`Rule.filesBothWaysUnderResult`).
    static func ruleFilesBothWays(_ rule: Rule, file: String? = nil) -> String {
        let produit = rule.account.nature == .produit
        let fixed = { var r = rule; r.direction = produit ? .income : .expense; return r }()
        return "Attention : la règle n° \(rule.position) « \(rule.pattern) » → \(rule.account)" + (file.map { " (\($0))" } ?? "")
            + " classe les entrées comme les sorties d'argent sous \(produit ? "un produit" : "une charge") : "
            + (produit ? "une sortie dont le libellé contient ce motif (des frais « COTISATION FORMULE ASSOCIATION ») y deviendrait un produit négatif"
                       : "une entrée dont le libellé contient ce motif (un remboursement) y deviendrait une charge négative")
            + ". Si elle ne vise que les \(produit ? "recettes" : "dépenses"), donnez-lui un sens : compta regles supprimer \(rule.position) puis "
            + ruleCommand(fixed, account: rule.account.text) + "."
    }
}
