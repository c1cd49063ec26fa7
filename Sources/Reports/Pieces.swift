import Ledger

/// `compta pieces`: the files attached to entries.
public enum PiecesReport {
    public static func list(_ pieces: [AttachedPiece], association: String, exercice: String, entry: Int?) -> ReportDocument {
        var table = ReportTable(columns: [ReportColumn("N°", key: "numero", .number), ReportColumn("Date", key: "date"),
                                          ReportColumn("Écriture", key: "ecriture"), ReportColumn("Pièce", key: "piece"),
                                          ReportColumn("Fichier", key: "fichier"), ReportColumn("Taille (Ko)", key: "taille_ko", .number),
                                          ReportColumn("Joint le", key: "joint_le"), ReportColumn("SHA-256", key: "sha256")])
        table.rows = pieces.map { p in
            ReportRow([.number(p.entryNumber), .date(p.entryDate), .text(p.entryLabel), .text(p.reference ?? ""), .text(p.name),
                       .number((p.size + 1023) / 1024), .date(p.addedOn), .text(p.hash)])
        }
        let empty = entry.map { "L'écriture n° \($0) n'a pas de pièce jointe. Pour en joindre une : compta pieces joindre \($0) FICHIER" }
            ?? "Aucune pièce jointe dans l'exercice \(exercice). Pour en joindre une : compta pieces joindre NUMERO FICHIER"
        return ReportDocument(title: "Pièces jointes", subtitle: [association, "Exercice \(exercice)"] + (entry.map { ["écriture n° \($0)"] } ?? []),
                              tables: [table], notes: pieces.isEmpty ? [empty] : [])
    }
}
