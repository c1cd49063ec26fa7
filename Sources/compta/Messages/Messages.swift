import Ledger
import LedgerStore
import Reports
import Imports

// The French sentences of the CLI, one file per module whose errors they describe (Ledger.swift:
// Ledger and PlanComptable; Store.swift: LedgerStore; Imports.swift; Reports.swift; Commands.swift:
// the CLI's own errors). `describe` is the one entry point; helpers every family uses are here.

/// French sentences for every error a command can meet: what is wrong, where, what to do.
enum Messages {
    static func describe(_ error: Error) -> String {
        switch error {
        case let e as StoreError: return store(e)
        case let e as EntryInExercice: return entryInExercice(e)
        case let e as AssociationError: return association(e, inLedger: false)
        case let e as TextTooLong: return tooLong(e) + "."
        case MoneyError.overflow: return overflow
        case let e as EntryError: return entry(e)
        case let e as TiersError: return tiers(e)
        case let e as VolunteeringError: return volunteering(e)
        case let e as FundError: return funds(e)
        case let e as LocatedError: return located(e)
        case let e as InputError: return input(e)
        case let e as ReportError: return report(e)
        case let e as PlanComptableError: return chartData(e)
        case let e as EntryFile.Problem: return entryFile(e) + "."
        case let e as CSVError: return csv(e)
        case let e as TextDecodingError: return decoding(e)
        case let e as StatementError: return statement(e)
        case let e as PlatformError: return platform(e)
        case let e as PlatformBookingError: return platformBooking(e)
        case let e as HelloAssoCommandError: return helloAssoCommand(e)
        case let e as RuleProblem: return rule(e)
        case let e as RuleError:
            return "règle n° \(e.position) « \(e.pattern) » : " + rule(e.problem)
                + " Corrigez-la : compta regles supprimer \(e.position), puis compta regles ajouter (ou compta regles exporter, modifier le fichier, compta regles importer)."
        case let e as BankAccountError: return bankAccount(e)
        case let e as PointageError: return pointage(e)
        case let e as PieceCommandError: return pieceCommand(e)
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
            return "le FEC porte le SIREN de l'association, que le livre n'a pas : enregistrez-le une fois pour toutes "
                + "(compta association --siren NUMERO), ou donnez-le pour cet export (compta fec --siren NUMERO)."
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

    static func located(_ e: LocatedError) -> String {
        var s = place(e) + describe(e.underlying)
        if let text = e.text, !text.isEmpty {
            // The line as read, not a flood: a line of a million characters shows its start.
            let shown = text.count > 200 ? String(text.prefix(200)) + "…" : text
            s += "\n  ligne lue : \(shown.printable)"
        }
        return s
    }

    /// A text longer than the ledger keeps: its length, its start, the limit, the way out.
    static func tooLong(_ t: TextTooLong) -> String {
        "texte de \(grouped(t.length)) caractères (« \(t.start)… ») : un libellé ou un nom a \(String.maxLedgerText) caractères au plus. "
            + "Raccourcissez-le"
    }

    /// `900 000`: a count for people, U+202F between thousands.
    static func grouped(_ n: Int) -> String { String(Money(cents: Int64(n) * 100).formatted().dropLast(3)) }
}

/// `512 Mo`, `1,0 Go`: a file size for people.
func megabytes(_ bytes: Int) -> String {
    let mb = bytes >> 20
    if mb < 1024 { return "\(mb) Mo" }
    let tenths = (bytes * 10) >> 30
    return "\(tenths / 10),\(tenths % 10) Go"
}
