import Ledger
import LedgerStore
import Reports

let membersCommand = Command(
    path: ["adherents"], usage: "compta adherents [--exercice E | --au DATE] [--anciens] [--format texte|md|csv|json|html]",
    summary: "les adhérents : les tiers qui ont cotisé (756) sur l'exercice, à jour ou non, et les chiffres pour l'AG",
    help: """
    Un adhérent est un tiers avec une cotisation (compte 756) sur la période : l'exercice
    (par défaut celui en cours, jusqu'à aujourd'hui), ou de son début au jour donné par --au.
    Pour chacun : sa dernière cotisation, ce qu'il a payé sur la période, et s'il est à jour
    (à la date --au ; sinon aujourd'hui, ou le dernier jour d'un exercice passé) selon la règle de l'association (compta association
    --adhesion exercice|12-mois). Suivent le nombre d'adhérents, de nouveaux, de non renouvelés,
    le total et la médiane des cotisations, face à l'exercice précédent.
    --anciens liste ceux qui ont cotisé avant la période et pas pendant.
    Exemples : compta adherents --exercice 2024
               compta adherents --au 2025-03-31 --anciens
    """,
    options: [exerciceOption, atOption, .flag("--anciens", "ceux qui ont cotisé avant la période et pas pendant")] + formatOptions,
    arguments: 0...0
) { ctx in
    let store = try ctx.openStore()
    let period = try ctx.periodSoFar(store)
    let members = try Members(store, period: period, standing: ctx.day("--au") ?? min(ctx.now.today, period.to), rule: store.association().membership)
    try ctx.render(members.document(association: try store.associationName(), former: ctx.parsed.has("--anciens")))
}
