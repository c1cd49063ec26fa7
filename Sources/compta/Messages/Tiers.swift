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
        case let .noSuchAlias(code, alias):
            return "le tiers \(code) n'a pas l'autre nom « \(alias) ». Ses noms : compta tiers voir \(code)"
        case .unknownCode(let code):
            return "aucun tiers \(code). La liste : compta tiers (ou compta tiers RECHERCHE)."
        case let .unknownName(name, close) where !close.isEmpty:
            return "aucun tiers ne s'appelle « \(name) ». Nom proche : " + close.prefix(5).map(named).joined(separator: ", ")
                + " ; désignez-le par son code (\(close[0].code)). Sinon, cherchez : compta tiers MOT, ou créez-le : "
                + "compta tiers ajouter --prenom P --nom N (une organisation : --organisation R)."
        case .unknownName(let name, _):
            let words: [Substring] = name.split(separator: " ")
            let word = words.max { $0.count < $1.count }.map(String.init) ?? name
            return "aucun tiers ne s'appelle « \(name) ». Cherchez-le par un mot de son nom : compta tiers \(shellWord(word)) ; "
                + "ou créez-le : compta tiers ajouter --prenom P --nom N (une organisation : --organisation R)."
        case let .ambiguous(name, found):
            return "« \(name) » est le nom de plusieurs tiers : " + found.map(named).joined(separator: ", ")
                + ". Donnez le code de celui qui convient (par exemple \(found[0].code)) ; s'ils sont une seule personne, "
                + "fusionnez-les : compta tiers fusionner \(found[0].code) \(found[1].code)."
        case .mergeIntoItself(let t):
            return "\(named(t)) ne se fusionne pas avec lui-même : compta tiers fusionner GARDE ABSORBE, deux tiers différents."
        case let .mergedAlready(t, keep, absorb):
            return "\(named(t)) est déjà fusionné dans \(t.mergedInto ?? keep) : c'est \(t.mergedInto ?? keep) qu'il faut nommer, "
                + "compta tiers fusionner \(keep) \(absorb)."
        case let .alreadyMergedInto(absorbed, kept):
            return "\(named(absorbed)) est déjà fusionné dans \(named(kept)) : ses lignes comptent pour \(kept.code), il n'y a rien à faire. "
                + "Une fusion ne se défait pas : \(kept.code) garde les lignes des deux."
        case let .kindsDiffer(kept, absorbed):
            return "\(named(absorbed)) est \(kindName(absorbed)) et \(named(kept)) \(kindName(kept)) : deux fiches d'un même tiers "
                + "sont de la même sorte. Si c'est bien le même, changez d'abord la sorte de l'une (compta tiers modifier \(absorbed.code) "
                + (absorbed.kind == .person ? "--organisation \"Raison sociale\")" : "--prenom P --nom N)")
                + ", ou fusionnez quand même avec --forcer. Une fusion ne se défait pas."
        case let .sirenTaken(siren, other):
            return "le SIREN \(siren.digits) est déjà celui de \(named(other)) : une organisation a un seul SIREN, et un SIREN une seule "
                + "organisation. Si c'est la même, utilisez \(other.code) (ou fusionnez les deux fiches : compta tiers fusionner \(other.code) CODE)."
        case .anonymisedAlready(let t):
            return "\(t.code) a été anonymisé le \(t.anonymisedOn?.french ?? "") : ses données personnelles sont effacées, "
                + "il n'y a plus rien à effacer ni à changer."
        case .anonymisedUnchangeable(let t):
            return "\(t.code) a été anonymisé le \(t.anonymisedOn?.french ?? "") (RGPD) : ses données personnelles ont été effacées "
                + "et ne se redonnent pas à cette fiche (ni nom, ni adresse, ni email, ni autre nom). Si la personne revient (adhésion, don), "
                + "créez-lui une nouvelle fiche : compta tiers ajouter --prenom P --nom N ; les anciennes lignes restent sous \(t.code)."
        case let .mergeWithAnonymised(anonymised, live):
            return "\(anonymised.code) a été anonymisé le \(anonymised.anonymisedOn?.french ?? "") (RGPD) et \(named(live)) ne l'est pas : "
                + "les fusionner rattacherait des données personnelles à une fiche effacée (dans un sens) ou ses lignes à une personne "
                + "nommée (dans l'autre). Gardez les deux fiches ; si \(live.code) est la même personne et a demandé l'effacement, "
                + "anonymisez-la aussi (compta tiers anonymiser \(live.code)), après quoi les deux se fusionnent."
        case .notAPerson(let t):
            return "\(named(t)) est une organisation : ses coordonnées ne sont pas des données personnelles, "
                + "seule une personne s'anonymise. Pour changer ce que le livre en dit : compta tiers modifier \(t.code)."
        case .anonymiseTheKeeper(let t):
            return "\(named(t)) est fusionné dans \(t.mergedInto ?? "un autre tiers") : anonymisez \(t.mergedInto ?? "celui-ci"), "
                + "les fiches qui y sont fusionnées le sont avec lui (compta tiers anonymiser \(t.mergedInto ?? t.code))."
        case let .mustBeKept(t, reasons):
            return "les données de \(named(t)) doivent encore être gardées : " + retention(reasons) + "."
        }
    }

    /// Why data must still be kept, in one sentence, and the day anonymising becomes possible:
    /// the end of the longest keeping.
    static func retention(_ reasons: [RetentionReason]) -> String {
        let receipts = reasons.filter { $0.kind == .taxReceipt }.map(\.reference)
        guard let last = reasons.map(\.keptUntil).max() else { return "" }
        let what = receipts.count == 1
            ? "le reçu fiscal \(receipts[0]) lui a été délivré et se garde"
            : "les reçus fiscaux \(receipts.joined(separator: ", ")) lui ont été délivrés ; le dernier se garde"
        return what + " jusqu'au \(last.french) (l'anonymisation sera possible le \(last.adding(days: 1).french))"
    }

    /// « une personne », « une organisation ».
    static func kindName(_ t: Tiers) -> String { t.kind == .person ? "une personne" : "une organisation" }

    /// `T0003 (Léa Martin)`.
    static func named(_ t: Tiers) -> String { t.name.isEmpty ? t.code : "\(t.code) (\(t.name))" }
}
