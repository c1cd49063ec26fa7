import Ledger
import LedgerStore
import Reports

// French sentences for fonds dédiés (issue 28, point 1): what is wrong and what to do.
extension Messages {
    /// « subvention (fonds 194, ressources 74) ».
    static func family(_ f: FundFamily) -> String {
        "\(f.rawValue) (fonds \(f.fund), ressources \(f.resources.joined(separator: ", ")))"
    }

    static func funds(_ e: FundError) -> String {
        switch e {
        case .unknownProject(let code, let known): return unknownProject(code, known: known)
        case .notMarked(let p):
            return "le projet \(p.code) (« \(p.name) ») n'est pas marqué comme financé par des ressources affectées : aucun fonds dédié ne se "
                + "calcule pour lui. S'il l'est (une subvention, la contribution d'un autre organisme ou des dons reçus pour lui), dites-le : "
                + "compta projets modifier \(p.code) --fonds-dedies subvention (ou contribution, ou dons)."
        case .unknownFamily(let text):
            return "--fonds-dedies « \(text) » : famille inconnue. Les ressources affectées d'un projet sont "
                + FundFamily.allCases.map(family).joined(separator: ", ") + " ; aucun retire la marque."
        case .closedExercice(let e):
            return "l'exercice \(e.label) est clôturé : ses fonds dédiés ne changent plus. Le tableau de suivi : compta fonds-dedies "
                + "--exercice \(e.label) ; les fonds de l'exercice suivant se calculent dans celui-ci."
        case .reportExceedsResources(let project, let f, let asked, let resources):
            return "projet \(project) : un report en fonds dédiés de \(asked) € dépasse les ressources affectées du projet dans l'exercice "
                + "(\(resources) € sur les comptes \(f.resources.joined(separator: ", ")), famille \(f.rawValue)) : seule une ressource reçue "
                + "et pas encore utilisée se reporte. " + (resources.isZero
                    ? "Le projet n'a reçu aucune ressource de cette famille dans l'exercice : rien à reporter."
                    : "Donnez au plus --report \(resources.plain).")
        case .utilisationExceedsFund(let project, let f, let asked, let left):
            return "projet \(project) : une utilisation de \(asked) € dépasse ce qui reste de son fonds dédié (\(left) € sur \(f.fund) au début "
                + "de l'exercice) : on n'utilise que ce qui a été reporté. " + (left.isZero
                    ? "Le projet n'a pas de fonds dédié ouvert : ses dépenses de l'exercice se comparent à ses ressources de l'exercice (--report)."
                    : "Donnez au plus --utilisation \(left.plain).")
        }
    }

    /// The closing's refusal: marked projects whose fund entries were never booked.
    static func unbookedFunds(_ e: Exercice, _ plan: [FundProposal]) -> String {
        "clôture impossible : les fonds dédiés de l'exercice \(e.label) ne sont pas comptabilisés pour "
            + (plan.count == 1 ? "ce projet financé" : "ces projets financés") + " par des ressources affectées :\n"
            + plan.map { "  " + FundPlanReport.toBookWords($0) }.joined(separator: "\n")
            + "\nUne fois l'exercice clôturé, ils ne pourraient plus s'y écrire. Voyez le calcul (compta fonds-dedies calculer --exercice \(e.label)), "
            + "enregistrez-le (la même commande avec --confirmer), validez (compta valider), puis clôturez. Si un projet n'est plus financé "
            + "ainsi : compta projets modifier CODE --fonds-dedies aucun."
    }
}
