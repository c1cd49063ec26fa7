import Foundation
import Ledger
import LedgerStore
import Imports

let entryCommands: [Command] = [
    Command(
        path: ["saisir"],
        usage: "compta saisir DATE LIBELLE COMPTE=MONTANT... [--journal J] [--piece P] [--projet P] [--tiers T]\n        compta saisir --fichier ECRITURES.csv",
        summary: "enregistre une écriture (ou toutes celles d'un fichier CSV)",
        help: """
        Chaque ligne s'écrit COMPTE=MONTANT : montant positif au débit, négatif au crédit.
        Une ligne sans montant (COMPTE seul) reçoit le solde. @PROJET après une ligne la rattache
        à un projet ; --projet rattache toutes les lignes qui n'en ont pas. #TIERS, en dernier,
        donne à la ligne son tiers (un code, un nom ou un autre nom : "7561=-30#Léa Martin") ;
        --tiers le donne aux lignes qui n'en ont pas, hors banque et caisse (51, 53). Un nom
        qu'aucun tiers ne porte crée le tiers, et la commande le dit.
        Le journal par défaut est BQ si un compte 51 bouge, CA pour un compte 53, OD sinon.

        Exemples :
          compta saisir 2024-03-05 "Facture OVH mars" 604A=120,00 512=-120,00 --piece F2024-031 --projet BL-EVOLUTION
          compta saisir 05/03/2024 "Cotisation Éloïse" 512=20 7562 --tiers "Éloïse Petit"
          compta saisir 2024-03-31 "Frais de tenue de compte" 627=4,50 512
          compta saisir 2024-01-01 "Solde d'ouverture" 512=6368,94 1021 --journal AN

        Le journal AN (à-nouveaux) reprend les soldes d'une association qui existait avant son
        livre : au premier jour du premier exercice du livre, comptes de bilan (classes 1 à 5).
        Les exercices suivants reçoivent les leurs de la clôture (compta cloturer).

        Fichier CSV (séparateur ; ou ,), une ligne par ligne d'écriture, en-tête obligatoire :
          date;libelle;compte;debit;credit;journal;piece;projet;tiers;ecriture
        Les lignes qui ont la même valeur d'« ecriture » forment une écriture ; sans cette colonne,
        les lignes consécutives de même date, journal, pièce et libellé. Tout le fichier est
        enregistré, ou rien.
        """,
        options: [.value("--journal", "CODE", "journal (BQ, CA, OD, AN)"),
                  .value("--piece", "REF", "référence de la pièce justificative"),
                  .value("--projet", "CODE", "projet des lignes qui n'en ont pas"),
                  .value("--tiers", "TIERS", "tiers (code ou nom) des lignes hors banque et caisse qui n'en ont pas"),
                  .value("--fichier", "FICHIER", "écritures à lire dans un fichier CSV")],
        arguments: 0...100
    ) { ctx in
        let store = try ctx.openStore()
        let tiers = TiersNames(store, ctx)
        if let path = ctx.parsed.value("--fichier") {
            guard ctx.parsed.positionals.isEmpty else {
                throw UsageError(message: "avec --fichier, pas d'écriture sur la ligne de commande", command: "saisir")
            }
            let text = try readText(path)
            let entries = try EntryFile.read(text, file: path)
            let posted = try store.transaction { try store.postAll(tiers.resolve(entries, file: path), file: path) }
            tiers.announce()
            let lines = entries.reduce(0) { $0 + $1.entry.lines.count }
            ctx.output.print("\(posted.count) écriture\(posted.count > 1 ? "s" : "") enregistrée\(posted.count > 1 ? "s" : "") (\(lines) lignes), en brouillard.")
            for (e, p) in zip(entries, posted) {
                try warnOfWaitingLookalikes(ctx, store, e.entry, posted: p, source: "\(path), ligne \(e.lines.first ?? 0)")
            }
            return
        }
        let args = ctx.parsed.positionals
        guard args.count >= 3 else {
            throw UsageError(message: "il faut une date, un libellé et au moins une ligne COMPTE=MONTANT", command: "saisir")
        }
        let date: Day
        do throws(DayError) { date = try Day(parsing: args[0]) } catch { throw InputError.badDate(option: "DATE", text: args[0], error) }
        let defaultProject = try ctx.parsed.value("--projet").map(projectCode)
        var lines: [LineDraft] = []
        var balancing: (account: AccountNumber, project: String?, tiers: String?)? = nil
        for arg in args.dropFirst(2) {
            let line = try lineArgument(arg)
            let project = line.project ?? defaultProject
            guard let amount = line.amount else {
                if balancing != nil { throw InputError.severalBalancingLines }
                balancing = (line.account, project, line.tiers)
                continue
            }
            lines.append(LineDraft(account: line.account, amount: amount, project: project, tiers: line.tiers))
        }
        if lines.isEmpty, let (account, _, _) = balancing {
            // The label typed as a line (`626=12`) leaves a lone line without amount.
            if let line = try? lineArgument(args[1]), line.amount != nil { throw InputError.lineForLabel(args[1]) }
            throw InputError.noAmount(balancing: account.text)
        }
        var draft = EntryDraft(journal: "", date: date, label: args[1], piece: ctx.parsed.value("--piece"), lines: lines)
        if let (account, project, lineTiers) = balancing { draft.addBalancingLine(account: account, project: project, tiers: lineTiers) }
        draft.journal = ctx.parsed.value("--journal")?.uppercased() ?? EntryDraft.suggestedJournal(for: draft.lines)
        let posted = try store.transaction {
            try tiers.resolve(&draft, entry: ctx.parsed.value("--tiers"))
            return try store.post(draft)
        }
        tiers.announce()
        ctx.output.print("Écriture n° \(posted.number) enregistrée (exercice \(posted.exercice.label), journal \(draft.journal), "
                         + "\(draft.lines.count) lignes, \(draft.totalDebit) €), en brouillard.")
        try warnOfWaitingLookalikes(ctx, store, draft, posted: posted, source: nil)
    },
    Command(
        path: ["supprimer"], usage: "compta supprimer NUMERO [--exercice E]",
        summary: "supprime une écriture en brouillard saisie par erreur",
        help: """
        NUMERO est le numéro de saisie (compta journal). Seul un brouillard saisi se supprime :
        une écriture validée se corrige par une extourne (compta extourner), une opération d'un
        relevé bancaire se reclasse (compta affecter) ou s'extourne.
        """,
        options: [.value("--exercice", "EXERCICE", "exercice de l'écriture (défaut : l'exercice en cours)")],
        arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        guard let number = Int(ctx.parsed.positionals[0]) else {
            throw UsageError(message: "NUMERO est un numéro d'écriture (voir compta journal)", command: "supprimer")
        }
        let exercice = try store.exercice(ctx.parsed.value("--exercice"))
        let removed = try ctx.onEntry(of: exercice, store: store) { try store.removeDraft(number: number, in: exercice) }
        ctx.output.print("Écriture n° \(number) supprimée : brouillard du \(removed.date.french), « \(removed.label) », \(Money.sum(removed.lines.map(\.debit))) €.")
    },
]

/// `COMPTE`, `COMPTE=MONTANT`, either followed by `@PROJET`, then by `#TIERS` (a code, a name,
/// an alias: everything after the `#`): a line of `saisir`, a part of `affecter`. Nothing the
/// other parts accept holds a `#`.
func lineArgument(_ arg: String) throws -> (account: AccountNumber, amount: Money?, project: String?, tiers: String?) {
    var spec = Substring(arg)
    var tiers: String? = nil
    if let hash = spec.firstIndex(of: "#") {
        tiers = String(spec[spec.index(after: hash)...]).trimmingSpaces
        spec = spec[..<hash]
        if tiers!.isEmpty { throw InputError.badLineArgument(arg) }
        // `#T0001@FETE`: a project after the tiers would make a tiers named « T0001@FETE ».
        if let t = tiers, let at = t.lastIndex(of: "@"), case let tail = String(t[t.index(after: at)...]),
           (try? Project.validCode(tail)) != nil {
            throw InputError.tiersBeforeProject(argument: arg, corrected: "\(spec)@\(tail)#\(t[..<at])")
        }
    }
    var project: String? = nil
    if let at = spec.lastIndex(of: "@") {
        let tail = spec[spec.index(after: at)...]
        if let equals = tail.firstIndex(of: "=") {
            throw InputError.projectBeforeAmount(argument: arg, corrected: "\(spec[..<at])\(tail[equals...])@\(tail[..<equals])")
        }
        do throws(CodeError) { project = try Project.validCode(String(tail)) } catch {
            // `754@Éloïse Petit`: a name where a project code goes is a tiers written with the wrong mark.
            throw InputError.tiersAfterAt(argument: arg, text: String(tail), error, corrected: "\(spec[..<at])#\(tail)")
        }
        spec = spec[..<at]
    }
    let parts = spec.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let account: AccountNumber
    do throws(AccountNumberError) { account = try AccountNumber(String(parts[0])) } catch {
        if parts.count == 1 { throw InputError.badLineArgument(arg) }
        throw InputError.badAccount(text: String(parts[0]), error)
    }
    guard parts.count == 2 else { return (account, nil, project, tiers) }
    do throws(MoneyError) { return (account, try Money(parsing: String(parts[1])), project, tiers) } catch {
        throw InputError.badAmount(argument: arg, text: String(parts[1]), error)
    }
}

func projectCode(_ raw: String) throws -> String {
    do throws(CodeError) { return try Project.validCode(raw) } catch { throw InputError.badProjectCode(text: raw, error) }
}

/// An entry just typed whose bank line has the amount of an operation a statement brought and
/// that waits on 471: said on the error output, the entry kept (the treasurer decides).
private func warnOfWaitingLookalikes(_ ctx: Context, _ store: Store, _ draft: EntryDraft, posted: Store.Posted, source: String?) throws {
    let found = try store.waitingLookalikes(of: draft)
    if found.isEmpty { return }
    let current = try store.catalog().currentExercice
    for w in found {
        ctx.output.error(Messages.waitingLookalike(w, typed: draft, number: posted.number,
                                                   exercice: posted.exercice.id == current?.id ? nil : posted.exercice.label, source: source))
    }
}
