import Ledger

// French sentences for the tiers (issue 22): what is wrong and what to do.
extension Messages {
    static func tiers(_ e: TiersError) -> String {
        switch e {
        case .noName(.person):
            return "une personne a un nom : donnez --nom (et --prenom s'il le faut), par exemple compta tiers ajouter --prenom Léa --nom Martin."
        case .noName(.organisation):
            return "une organisation a une raison sociale : donnez-la avec --organisation, par exemple compta tiers ajouter --organisation \"OVH SAS\"."
        case .identifier(let e): return "\(e.what) « \(e.text) » : \(identifier(e))."
        case .sirenForPerson:
            return "seule une organisation a un SIREN : pour une organisation, donnez sa raison sociale avec --organisation."
        case .mixedKinds:
            return "un tiers est une personne (--prenom, --nom) ou une organisation (--organisation, --siren), pas les deux."
        case .otherKind(let t):
            return t.kind == .person
                ? "\(named(t)) est une personne : --prenom et --nom la nomment (--organisation et --siren sont pour une organisation)."
                : "\(named(t)) est une organisation : --organisation la nomme (--prenom et --nom sont pour une personne)."
        case let .noSuchAlias(code, alias):
            return "le tiers \(code) n'a pas l'autre nom « \(alias) ». Ses noms : compta tiers voir \(code)"
        case .unknownCode(let code):
            return "aucun tiers \(code). La liste : compta tiers (ou compta tiers RECHERCHE)."
        case .unknownName(let name):
            return "aucun tiers ne s'appelle « \(name) ». Cherchez-le : compta tiers \(shellWord(name)) ; ou créez-le : compta tiers ajouter."
        case let .ambiguous(name, found):
            return "« \(name) » est le nom de plusieurs tiers : " + found.map(named).joined(separator: ", ")
                + ". Donnez le code de celui qui convient (par exemple \(found[0].code)) ; s'ils sont une seule personne, "
                + "fusionnez-les : compta tiers fusionner \(found[0].code) \(found[1].code)."
        case .mergeIntoItself(let t):
            return "\(named(t)) ne se fusionne pas avec lui-même : compta tiers fusionner GARDE ABSORBE, deux tiers différents."
        case .mergedAlready(let t):
            return "\(named(t)) est déjà fusionné dans \(t.mergedInto ?? "un autre tiers") : "
                + "c'est \(t.mergedInto ?? "celui-ci") qu'il faut nommer (compta tiers voir \(t.mergedInto ?? t.code))."
        }
    }

    /// `T0003 (Léa Martin)`.
    static func named(_ t: Tiers) -> String { t.name.isEmpty ? t.code : "\(t.code) (\(t.name))" }
}
