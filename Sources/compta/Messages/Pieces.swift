import Ledger

extension Messages {
    /// `compta pieces joindre` and `compta pieces extraire`.
    static func piece(_ e: PieceError) -> String {
        switch e {
        case .tooLarge(let name, let size):
            let tenths = (size * 10) >> 20
            return "« \(name) » fait \(tenths / 10),\(tenths % 10) Mo : une pièce jointe fait \(megabytes(Piece.maxSize)) au plus, pour que le livre reste "
                + "un fichier facile à sauvegarder et à transmettre. Réduisez-la (un PDF numérisé en 150 ppp, en niveaux de gris, "
                + "tient en quelques centaines de Ko), puis joignez-la de nouveau."
        case .empty(let name):
            return "« \(name) » est vide : il n'y a rien à joindre. Vérifiez que c'est le bon fichier (un téléchargement inachevé ?)."
        case .alreadyAttached(let name, let entry, let exercice, let earlier):
            return "« \(name) » est déjà jointe à l'écriture n° \(entry) de l'exercice \(exercice)" + (earlier == name ? "" : " (sous le nom « \(earlier) »)")
                + " : le même fichier n'est joint qu'une fois. La liste : compta pieces \(entry) --exercice \(exercice)"
        case .noPiece(let entry, let exercice):
            return "l'écriture n° \(entry) de l'exercice \(exercice) n'a pas de pièce jointe. Pour en joindre une : "
                + "compta pieces joindre \(entry) FICHIER --exercice \(exercice) ; celles de l'exercice : compta pieces --exercice \(exercice)"
        }
    }

    static func pieceCommand(_ e: PieceCommandError) -> String {
        switch e {
        case .notAFile(let path):
            return "« \(path) » n'est pas un fichier ordinaire (un dossier, un périphérique…) : donnez le chemin du fichier de la pièce, "
                + "par exemple compta pieces joindre 12 factures/ovh-2025-01.pdf."
        case .outputNotAFolder(let path):
            return "--sortie « \(path) » n'est pas un dossier existant : les pièces s'écrivent dans un dossier, sous leur nom. "
                + "Créez-le (mkdir -p \(shellWord(path))), ou donnez un dossier existant."
        case .wouldReplace(let path):
            return "« \(path) » existe déjà, avec un autre contenu : rien n'a été écrit. Choisissez un autre dossier (--sortie DOSSIER), "
                + "ou déplacez ce fichier."
        }
    }
}
