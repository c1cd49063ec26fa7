import Ledger
import Reports

extension Messages {
    static func report(_ e: ReportError) -> String {
        switch e {
        case .fromAfterTo(let from, let to):
            return "la période est vide : --du \(from.french) est après --au \(to.french)."
        case .outsideExercice(let day, let isStart, let e):
            return "le \(day.french) (\(isStart ? "--du" : "--au")) n'est pas dans l'exercice \(e.label) (du \(e.start.french) au \(e.end.french)) : "
                + "un rapport couvre un seul exercice. Choisissez des dates de l'exercice, ou l'exercice avec --exercice (compta exercices les liste)."
        case .unknownProject(let code, let known):
            // A report reads projects: creating one (what `unknownProject` offers to an entry) would show nothing.
            return "projet inconnu : \(code). " + (known.isEmpty ? "Le livre n'a aucun projet : rien à montrer ni à laisser de côté pour un projet."
                : "Projets du livre : \(known.joined(separator: ", ")) (compta projets les liste avec leur nom).")
        case .unknownAccount(let n): return "aucun compte ne commence par \(n)."
        case .noEntries(let e):
            return "l'exercice \(e.label) ne contient aucune écriture : rien à présenter."
        case .projectWithoutFigures(let code):
            return "le projet \(code) n'a encore aucune charge ni aucun produit, dans aucun exercice : rien à présenter."
        case .noBudget(let e):
            return "l'exercice \(e.label) n'a pas de budget : --selon budget n'a rien sur quoi compter. "
                + "Chargez-le (compta budget importer FICHIER --exercice \(e.label)), ou retirez --selon budget pour le rythme des mois passés."
        case .noPreviousExercice(let e):
            return "le livre n'a pas d'exercice avant \(e.label) : la comparaison N-1 est impossible."
        }
    }

    /// A refused FEC, naming the exercice it is of (given, or the default one).
    static func fec(_ p: FEC.Problem, exercice: Exercice?) -> String {
        let label = exercice?.label ?? ""
        switch p {
        case .drafts(let list, let total):
            return "le FEC ne contient que des écritures validées ; \(total) brouillard\(total > 1 ? "s" : "") dans l'exercice \(label). "
                + "Validez-les (compta valider --exercice \(label)) :\n"
                + list.map { "  n° \($0.number) du \($0.date.french) : \($0.label)" }.joined(separator: "\n")
        case .empty(let e): return "l'exercice \(e.label) n'a aucune écriture : pas de FEC."
        case .unencodable(let c, let entry):
            return "le caractère « \(c) » (écriture \(entry) de l'exercice \(label)) n'existe pas en ISO-8859-15. "
                + "Corrigez le libellé, ou exportez en UTF-8 (défaut)."
        }
    }
}
