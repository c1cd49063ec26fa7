import Foundation
import Ledger
import LedgerStore
import Reports

/// What an exercice on the 2025 chart changes for this ledger: the accounts used that it
/// replaced, and the import rules that still file under them (each with the commands to fix it).
func obsoleteNotes(_ store: Store, _ e: Exercice) throws -> [String] {
    var notes: [String] = []
    let list = try store.obsoleteAccounts(for: e)
    if !list.isEmpty {
        notes += ["Comptes utilisés qui n'existent plus dans le plan comptable de l'exercice \(e.label) (plan 2025) :"]
            + list.map { a, r in
                "  \(a.number.text) \(a.label) → " + (r.new.map { "utilisez \($0)" } ?? "pas de remplaçant unique") + (r.remark.map { " (\($0))" } ?? "")
            }
    }
    let rules = try store.catalog().rulesOnReplacedAccounts(try store.rules(), in: e.chart)
    if !rules.isEmpty {
        notes += ["Règles de classement qui visent ces comptes : leurs opérations de \(e.label) seraient refusées à l'import. À corriger :"]
            + ruleFixes(rules)
    }
    return notes
}

let lifecycleCommands: [Command] = [
    Command(
        path: ["valider"], usage: "compta valider [--jusqu-au DATE] [--exercice E]",
        summary: "valide les écritures en brouillard : numéro définitif, date de validation, plus aucune modification",
        help: """
        Les brouillards des exercices ouverts, datés jusqu'à DATE (défaut : aujourd'hui), sont
        validés dans l'ordre des dates. Chacun reçoit le numéro suivant de son journal dans son
        exercice (BQ-1, BQ-2...), sans trou, et son maillon dans la chaîne d'empreintes que
        compta verifier contrôle. Une écriture validée ne se modifie plus : on la corrige par une
        extourne (compta extourner NUMERO).
        """,
        options: [.value("--jusqu-au", "DATE", "dernière date d'écriture à valider (défaut : aujourd'hui)"),
                  .value("--exercice", "EXERCICE", "un seul exercice")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let exercice = try ctx.parsed.value("--exercice").map { try store.exercice($0) }
        let upTo = try ctx.day("--jusqu-au")
        // Operations still waiting on 471 that this validation takes: validated all the same (a
        // validated waiting line is still filed, by an OD), but listed, so none goes unseen.
        let limit = min(upTo ?? ctx.now.today, ctx.now.today)
        let waiting = try store.waitingLines(exercice: exercice).filter { $0.entry.validation == nil && $0.entry.date <= limit }
        let done = try store.validate(upTo: upTo, exercice: exercice)
        if let first = done.first, let last = done.last {
            let one = done.count == 1
            ctx.output.print("\(french(done.count, "écriture")) \(frenchAgreeing(done.count, "validée")) "
                             + (one ? "(le \(first.french)) : elle ne peut plus être modifiée." : "(du \(first.french) au \(last.french)) : elles ne peuvent plus être modifiées."))
            if !waiting.isEmpty {
                let numbers = "n° " + waiting.map { String($0.entry.number) }.joined(separator: ", ")
                ctx.output.print("Dont \(waiting.count) encore en attente sur le compte \(AccountNumber.waiting) (\(numbers)) : "
                                 + "classez-\(waiting.count > 1 ? "les" : "la") avec compta affecter NUMERO COMPTE, qui passe pour une écriture validée "
                                 + "une écriture OD du \(AccountNumber.waiting) vers le compte ; la liste : compta attente (la clôture attend un \(AccountNumber.waiting) vide).")
            }
        } else {
            ctx.output.print("Aucune écriture à valider.")
        }
    },
    Command(
        path: ["extourner"], usage: "compta extourner NUMERO [--exercice E] [--date DATE]",
        summary: "passe l'écriture inverse d'une écriture (correction d'une écriture validée)",
        help: "NUMERO est le numéro de saisie (compta journal). L'extourne reprend les lignes, débit et crédit inversés, et cite l'original.",
        options: [.value("--exercice", "EXERCICE", "exercice de l'écriture (défaut : l'exercice en cours)"),
                  .value("--date", "DATE", "date de l'extourne (défaut : celle de l'écriture)")],
        arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        guard let number = Int(ctx.parsed.positionals[0]) else {
            throw UsageError(message: "NUMERO est un numéro d'écriture (voir compta journal)", command: "extourner")
        }
        let exercice = try store.exercice(ctx.parsed.value("--exercice"))
        let day = try ctx.day("--date")
        let posted = try ctx.onEntry(of: exercice, store: store) { try store.reverse(number: number, in: exercice, on: day) }
        ctx.output.print("Extourne enregistrée : écriture n° \(posted.number) de l'exercice \(posted.exercice.label), en brouillard.")
    },
    Command(
        path: ["verifier"], usage: "compta verifier [--empreinte EMPREINTE]",
        summary: "vérifie l'intégrité du livre : chaîne des écritures validées, équilibre, numérotation, exercices clôturés",
        help: """
        Recalcule tout ce que le livre garantit et signale précisément le premier maillon rompu.
        Code de sortie 1 si un problème est trouvé. Imprime l'empreinte du livre (nombre
        d'écritures validées, date de la dernière validation, début de l'empreinte de la chaîne) :
        notée hors du livre (procès-verbal de l'AG), elle permet de prouver plus tard, avec
        --empreinte, que les écritures validées jusque-là n'ont pas changé et qu'aucune n'a
        disparu.
        Exemple : compta verifier --empreinte 225-20251203-9f3c1a2b7d4e6f80
        """,
        options: [.value("--empreinte", "EMPREINTE", "empreinte notée plus tôt : le livre doit la prolonger")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let anchor = try ctx.parsed.value("--empreinte").map { text in
            guard let a = Chain.Anchor(text) else { throw InputError.badFingerprint(text) }
            return a
        }
        let report = try store.verify(anchor: anchor)
        guard report.problems.isEmpty else { throw IntegrityFailure(problems: report.problems) }
        let closed = report.closedExercices
        var lines = ["Livre intègre : \(french(report.entries, "écriture")) dont \(french(report.validated, "validée")) (chaîne d'empreintes intacte), "
                     + (closed == 0 ? "aucun exercice clôturé" : "\(french(closed, "exercice")) \(frenchAgreeing(closed, "clôturé")) \(frenchAgreeing(closed, "inchangé"))")
                     + ", totaux cohérents"
                     + (report.receipts == 0 ? "." : ", \(french(report.receipts, "reçu fiscal", plural: "reçus fiscaux")) (chaîne d'empreintes intacte).")]
        if let anchor, let head = report.head {
            let covered = anchor.count == 1 ? "l'écriture validée qu'elle couvre" : "les \(anchor.count) écritures validées qu'elle couvre"
            lines.append("Empreinte \(anchor.text) retrouvée : \(covered) (jusqu'à la validation du "
                         + "\(anchor.date.french)) \(anchor.count == 1 ? "n'a" : "n'ont") pas changé ; "
                         + (head.count == anchor.count ? "aucune validée depuis." : "\(french(head.count - anchor.count, "validée")) depuis."))
        }
        lines.append(fingerprintSentence(report.head))
        ctx.output.print(lines.joined(separator: "\n"))
    },
    Command(
        path: ["sauvegarder"], usage: "compta sauvegarder [FICHIER]",
        summary: "copie le livre dans un nouveau fichier, vérifié : sauvegarde, ou passation au prochain trésorier",
        help: """
        La copie est le livre entier tel qu'il est à un instant, même si une autre commande
        l'écrit au même moment ; elle est ensuite vérifiée comme par compta verifier. Un fichier
        existant n'est jamais remplacé. Sans FICHIER : à côté du livre, NOM-sauvegarde-AAAA-MM-JJ.sqlite.
        La copie est un livre comme un autre : compta balance --livre COPIE.sqlite.
        Exemple : compta sauvegarder /media/cle/compta-2024.sqlite
        """,
        options: [], arguments: 0...1
    ) { ctx in
        let store = try ctx.openStore()
        let ledger = URL(fileURLWithPath: ctx.ledgerPath)
        let path = ctx.parsed.positionals.first ?? ledger.deletingLastPathComponent()
            .appendingPathComponent("\(ledger.deletingPathExtension().lastPathComponent)-sauvegarde-\(ctx.now.today.iso).sqlite").path
        let report: VerificationReport
        do { report = try store.backup(to: path) } catch StoreError.alreadyExists {
            throw InputError.cannotWrite(path: path, reason: "le fichier existe déjà ; une sauvegarde ne remplace jamais un fichier, choisissez un autre nom")
        }
        guard report.problems.isEmpty else { throw IntegrityFailure(problems: report.problems, copy: path) }
        ctx.output.print("Sauvegarde écrite : \(path) (\(french(report.entries, "écriture")) dont \(french(report.validated, "validée"))). "
                         + "Copie vérifiée : chaîne d'empreintes intacte, totaux cohérents.")
    },
    Command(
        path: ["restaurer"], usage: "compta restaurer SAUVEGARDE",
        summary: "remet une sauvegarde à la place du livre, après l'avoir vérifiée ; le livre remplacé est gardé",
        help: """
        Copier la sauvegarde par-dessus le livre ne suffit pas : un fichier « -wal » laissé à côté
        (par une commande interrompue, ou encore ouverte) porte des écritures que SQLite
        reporterait sur le fichier copié, et la restauration serait défaite sans un mot.
        compta restaurer vérifie d'abord la sauvegarde (comme compta verifier ; elle n'est que
        lue), garde le livre en place dans NOM-avant-restauration-AAAA-MM-JJ.sqlite, à côté de
        lui, puis remplace son contenu par celui de la sauvegarde en une seule transaction,
        pendant qu'aucune autre commande ne l'a ouvert : tout ou rien.
        Exemple : compta restaurer /media/cle/compta-2024.sqlite
        """,
        options: [], arguments: 1...1
    ) { ctx in
        let backup = ctx.parsed.positionals[0]
        guard FileManager.default.fileExists(atPath: backup) else { throw InputError.cannotRead(path: backup, reason: "fichier introuvable") }
        let ledger = URL(fileURLWithPath: ctx.ledgerPath)
        let stem = ledger.deletingPathExtension().lastPathComponent + "-avant-restauration-\(ctx.now.today.iso)"
        let aside = (1...).lazy.map { n in ledger.deletingLastPathComponent().appendingPathComponent(stem + (n == 1 ? "" : "-\(n)") + ".sqlite").path }
            .first { !FileManager.default.fileExists(atPath: $0) }!
        let r = try Store.restore(ctx.ledgerPath, from: backup, aside: aside, now: ctx.now)
        ctx.output.print("Livre restauré depuis \(backup) : \(r.restored.entries) écritures dont \(r.restored.validated) validées, "
                         + "chaîne d'empreintes intacte, totaux cohérents.")
        if let kept = r.aside { ctx.output.print("Le livre remplacé est gardé dans \(kept) (compta balance --livre \(shellWord(kept)) pour le consulter).") }
    },
    Command(
        path: ["cloturer"], usage: "compta cloturer --exercice E [--fin-suivant DATE]",
        summary: "clôture un exercice : reporte les soldes en à-nouveaux dans l'exercice suivant et verrouille l'année",
        help: """
        Refuse tant qu'il reste des brouillards (compta valider) ou un solde sur le compte
        d'attente 471 (compta affecter), et le dit ligne par ligne ; de même tant que le
        résultat de l'exercice précédent attend sur 120 ou 129 la décision de l'AG (compta
        affecter-resultat), et tant qu'un projet financé par des ressources affectées a des
        fonds dédiés à écrire et aucun d'écrit (compta fonds-dedies calculer). Crée l'exercice suivant s'il n'existe pas, y écrit l'écriture
        d'à-nouveaux (journal AN, datée du premier jour, comptes de classes 1 à 5 et résultat en
        120 ou 129 ; les fonds dédiés 19x avec leur projet), et verrouille l'exercice : plus aucune écriture ne peut y être ajoutée,
        validée ou modifiée. Un solde sur les virements internes (58) est signalé. Les exercices
        se clôturent dans l'ordre. L'affectation du résultat se fait ensuite : compta
        affecter-resultat.
        L'exercice suivant créé dure douze mois, quelle que soit la durée de celui qu'on clôture
        (un premier exercice de 4 ou 18 mois n'est pas un modèle) ; --fin-suivant en donne le
        dernier jour. Ses dates ne changent plus ensuite : il porte les à-nouveaux.
        Exemples : compta cloturer --exercice 2024
                   compta cloturer --exercice 2023-2024 --fin-suivant 2025-12-31
        """,
        options: [.value("--exercice", "EXERCICE", "l'exercice à clôturer"),
                  .value("--fin-suivant", "DATE", "dernier jour de l'exercice suivant, s'il est à créer (défaut : douze mois)")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let exercice = try store.exercice(try ctx.parsed.required("--exercice"))
        let r = try store.close(exercice, nextEnd: try ctx.day("--fin-suivant"))
        var lines = ["Exercice \(r.closed.label) clôturé : \(CompteDeResultat.resultWords(r.result))."]
        if r.nextCreated { lines.append("Exercice \(r.next.label) ouvert, du \(r.next.start.french) au \(r.next.end.french).") }
        if let n = r.openingEntry { lines.append("À-nouveaux écrits dans l'exercice \(r.next.label) (écriture n° \(n), journal AN, validée).") }
        // A result of zero has nothing to allocate (affecter-resultat would refuse).
        if !r.result.isZero {
            lines.append("Affectation du résultat, après l'assemblée générale : compta affecter-resultat --exercice \(r.closed.label)")
        }
        if !r.inTransit.isZero {
            lines.append("À vérifier : les virements internes (58) ne sont pas soldés au \(r.closed.end.french) (\(r.inTransit.magnitude) € au "
                         + "\(r.inTransit.isNegative ? "crédit" : "débit"), reportés dans \(r.next.label)) : des fonds en transit ce jour-là, ou un "
                         + "virement dont un côté manque au livre (le relevé de l'autre compte). Le détail : compta grand-livre 58 --exercice \(r.closed.label)")
        }
        lines += try obsoleteNotes(store, r.next)
        ctx.output.print(lines.joined(separator: "\n"))
    },
    Command(
        path: ["affecter-resultat"], usage: "compta affecter-resultat --exercice E [--vers 110|1068|119] [--date DATE]",
        summary: "enregistre la décision de l'AG sur le résultat d'un exercice clôturé (120 → 110 ou 1068, 129 → 119)",
        help: "Une écriture OD dans l'exercice suivant. Par défaut : un excédent en report à nouveau (110), un déficit en report à nouveau débiteur (119).",
        options: [.value("--exercice", "EXERCICE", "l'exercice clôturé"), .value("--vers", "COMPTE", "110, 119, 1068 (réserves pour projet)..."),
                  .value("--date", "DATE", "date de l'écriture (défaut : aujourd'hui, ou le début de l'exercice suivant)")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let exercice = try store.exercice(try ctx.parsed.required("--exercice"))
        let target = try ctx.parsed.value("--vers").map(accountArgument)
        let posted = try store.allocateResult(of: exercice, to: target, on: try ctx.day("--date"))
        ctx.output.print("Affectation du résultat \(exercice.label) enregistrée : écriture n° \(posted.number) de l'exercice \(posted.exercice.label), en brouillard.")
    },
]

struct IntegrityFailure: Error {
    let problems: [IntegrityProblem]
    /// The backup written from the ledger that has them.
    var copy: String? = nil
}

/// The ledger's fingerprint as `verifier` prints it, with what to do with it.
func fingerprintSentence(_ head: Chain.Anchor?) -> String {
    guard let head else { return "Aucune écriture validée : pas encore d'empreinte (compta valider)." }
    let validated = head.count == 1 ? "1 écriture validée, le \(head.date.french)" : "\(head.count) écritures validées, la dernière le \(head.date.french)"
    return "Empreinte du livre : \(head.text) (\(validated)). Notez-la hors du livre (procès-verbal de l'AG, message au bureau) : "
        + "« compta verifier --empreinte \(head.text) » prouvera plus tard que ces écritures n'ont pas changé et qu'aucune n'a disparu."
}
