import Ledger
import LedgerStore
import Reports

let associationCommand = Command(
    path: ["association"],
    usage: "compta association [--nom NOM] [--adresse ADRESSE] [--objet OBJET] [--siren NUMERO] [--rna W.........] "
        + "[--recus 200,238bis] [--qualite QUALITE] [--signataire NOM] [--role-signataire ROLE] [--adhesion exercice|12-mois] [--format F]",
    summary: "l'identité de l'association (adresse, SIREN, RNA, reçus fiscaux, signataire, règle d'adhésion) : l'affiche ou la modifie",
    help: """
    Sans option, affiche l'association et ce qui manque aux documents qui la lisent (le FEC
    prend son SIREN, les reçus fiscaux son adresse, son objet, sa qualité et le signataire ;
    la liste des adhérents suit sa règle d'adhésion). Avec des options, modifie les champs
    donnés et garde les autres ; une valeur vide efface un champ (--rna ""), sauf le nom.
    Exemples :
      compta association
      compta association --siren "443 061 841" --rna W751234567
      compta association --adresse "12 rue des Lilas, 75011 Paris" --objet "Promouvoir le logiciel libre"
      compta association --recus 200 --qualite interet-general --signataire "Camille Martin" --role-signataire "Trésorière"
      compta association --adhesion 12-mois
    """,
    options: Association.Field.allCases.map { .value($0.option, $0.placeholder, $0.help) } + formatOptions,
    arguments: 0...0
) { ctx in
    let store = try ctx.openStore()
    var changes: [Association.Field: String] = [:]
    for f in Association.Field.allCases {
        if let raw = ctx.parsed.value(f.option) { changes[f] = try ctx.text(raw, argument: f.option) }
    }
    if changes.isEmpty {
        try ctx.render(associationDocument(try store.association()))
        return
    }
    if ctx.parsed.value("--format") != nil {
        throw UsageError(message: "--format choisit comment afficher l'association : sans option qui la modifie", command: "association")
    }
    let (before, after) = try store.updateAssociation(changes)
    let now = after.fields
    var lines: [String] = Association.Field.allCases.compactMap { f in
        guard before[f] != now[f] else { return nil }
        guard let shown = after.shown(f) else { return "\(f.label) retiré (c'était « \(before[f]!) »)." }
        return "\(f.label) : \(shown)."
    }
    if lines.isEmpty { lines = ["Rien n'a changé : l'association avait déjà ces valeurs."] }
    ctx.output.print((lines + Messages.missing(after)).joined(separator: "\n"))
}

/// The association, one row per field, with the option that changes it.
func associationDocument(_ a: Association) -> ReportDocument {
    var table = ReportTable(columns: [ReportColumn("Champ", key: "champ"), ReportColumn("Valeur", key: "valeur"),
                                      ReportColumn("Option", key: "option"),
                                      ReportColumn("Texte", key: "texte", dataOnly: true)])
    var fields = a.fields
    fields[.membership] = a.membership.rawValue
    table.rows = Association.Field.allCases.map { f in
        ReportRow([.text(f.label), a.shown(f).map(Cell.text) ?? .empty, .text(f.option), fields[f].map(Cell.text) ?? .empty])
    }
    return ReportDocument(title: "Association", subtitle: [a.name], tables: [table], notes: Messages.missing(a))
}
