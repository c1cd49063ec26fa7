import Ledger

extension Messages {
    static func input(_ e: InputError) -> String {
        switch e {
        case .badDate(let option, let text, let err): return "\(option) : " + day(err, text) + "."
        case .badMonth(let text, .unreadable):
            return "MOIS « \(text) » illisible : un mois s'écrit AAAA-MM, l'année puis le numéro du mois (2025-03 pour mars 2025), sans le jour."
        case .badMonth(let text, .noSuchMonth(let n)):
            return "MOIS « \(text) » : il n'y a pas de mois \(n), les mois vont de 01 (janvier) à 12 (décembre). "
                + "Écrivez AAAA-MM, l'année puis le mois, par exemple 2025-03 pour mars 2025."
        case .badAmount(let arg, let text, let err): return "« \(arg) » : " + money(err, text) + "."
        case .badAccount(let text, let err): return accountNumber(err, text) + "."
        case .badProjectCode(let text, let err): return code(err, text, of: "de projet", example: "BL-EVOLUTION") + "."
        case .badLineArgument(let arg):
            return "ligne d'écriture illisible « \(arg) » : écrivez COMPTE=MONTANT (débit positif, crédit négatif), "
                + "par exemple 604A=120,00 ou 512=-120,00, éventuellement suivi de @PROJET puis de #TIERS (7561=-30#T0003)."
        case .projectBeforeAmount(let arg, let corrected):
            return "« \(arg) » : l'ordre est COMPTE=MONTANT@PROJET : écrivez \(corrected)."
        case let .tiersAfterAt(arg, text, err, corrected):
            return "« \(arg) » : " + code(err, text, of: "de projet", example: "BL-EVOLUTION")
                + ". @ précède un projet ; un tiers s'écrit après # : \(corrected)."
        case .tiersBeforeProject(let arg, let corrected):
            return "« \(arg) » : l'ordre est COMPTE=MONTANT@PROJET#TIERS (le tiers en dernier) : écrivez \(corrected)."
        case .severalBalancingLines:
            return "une seule ligne peut être sans montant (elle reçoit le solde de l'écriture) : donnez leur montant aux autres, "
                + "par exemple compta saisir DATE \"Libellé\" 604A=5 627=2 512."
        case .lineForLabel(let line):
            return "le libellé manque : « \(line) » est une ligne d'écriture. Le libellé vient après la date, entre guillemets "
                + "s'il a des espaces, par exemple compta saisir DATE \"Timbres\" \(line) 512."
        case .noAmount(let balancing):
            return "aucune ligne n'a de montant : la ligne \(balancing) sans montant reçoit le solde des autres, il en faut au moins une "
                + "avec son montant, par exemple compta saisir DATE \"Timbres\" 626=12 \(balancing)."
        case .cannotRead(let path, let reason): return "impossible de lire « \(path) » : \(reason)."
        case .tooLarge(let path, let size):
            return "le fichier « \(path) » fait \(megabytes(size)) : Compta lit des fichiers de \(megabytes(maxInputSize)) au plus "
                + "(un relevé ou le FEC d'un exercice en font bien moins). Vérifiez que c'est le bon fichier, ou découpez-le par période."
        case .inStatement(let path, let e):
            if case .comptaFile(let kind) = e { return comptaFile(kind, path: path) }
            return "relevé « \(path) » : \(statement(e))"
        case .cannotWrite(let path, let reason): return "impossible d'écrire « \(path) » : \(reason)."
        case .notASite(let path):
            return "« \(path) » existe et n'est pas un site fait par compta site (pas de fichier .compta-site) : rien n'a été écrit ni supprimé. "
                + "Choisissez un dossier qui n'existe pas encore (compta site --sortie bureau), ou videz ou renommez celui-ci vous-même."
        case .badFingerprint(let text):
            return "--empreinte : « \(text) » n'est pas une empreinte. Recopiez celle que compta verifier imprime : "
                + "nombre d'écritures validées, date AAAAMMJJ et \(Chain.Anchor.headLength) chiffres hexadécimaux, séparés par des tirets "
                + "(par exemple 225-20251203-9f3c1a2b7d4e6f80)."
        case .textTooLong(let argument, let t): return "\(argument) : " + tooLong(t) + "."
        case .badNow(let text):
            return "COMPTA_MAINTENANT : « \(text) » n'est pas un instant ISO 8601 (par exemple 2025-01-01T00:30:00+01:00). "
                + "Corrigez la variable, ou retirez-la pour que compta lise l'heure de la machine."
        }
    }
}
