import Ledger
import LedgerStore
import Reports

let tiersOptions: [Option] = [
    .value("--prenom", "PRENOM", "prénom d'une personne"),
    .value("--nom", "NOM", "nom de famille d'une personne"),
    .value("--organisation", "RAISON", "raison sociale d'une organisation"),
    .value("--siren", "SIREN", "SIREN d'une organisation (9 chiffres)"),
    .value("--email", "ADRESSE", "adresse électronique"),
    .value("--adresse", "ADRESSE", "adresse postale"),
    .value("--alias", "NOM", "autre nom sous lequel la banque l'écrit (option répétable)"),
]

let tiersCommands: [Command] = [
    Command(
        path: ["tiers"], usage: "compta tiers [RECHERCHE] [--format texte|md|csv|json|html]",
        summary: "liste les tiers (adhérents, donateurs, fournisseurs), ou ceux dont le nom contient RECHERCHE",
        help: """
        La recherche ignore majuscules et accents, et regarde les noms et les autres noms (alias).
        Exemples : compta tiers
                   compta tiers martin
        """,
        options: formatOptions, arguments: 0...1
    ) { ctx in
        let store = try ctx.openStore()
        let search = ctx.parsed.positionals.first
        try ctx.render(TiersReport.list(try store.tiersList(matching: search), association: try store.associationName(), search: search))
    },
    Command(
        path: ["tiers", "ajouter"],
        usage: "compta tiers ajouter (--prenom P --nom N | --organisation RAISON [--siren S]) [--email E] [--adresse A] [--alias NOM]...",
        summary: "ajoute un tiers : une personne ou une organisation",
        help: """
        Le livre donne au tiers son code (T0001, T0002...), qui le désigne sans ambiguïté dans
        les commandes (saisir --tiers T0001, 7561=-30#T0001). --alias ajoute un autre nom sous
        lequel le tiers se reconnaît, celui que la banque écrit par exemple.
        Exemples : compta tiers ajouter --prenom Léa --nom Martin --email lea@exemple.fr --alias "MARTIN LEA"
                   compta tiers ajouter --organisation "OVH SAS" --siren "424 761 419"
        """,
        options: tiersOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let t = try store.addTiers(try tiersFields(ctx))
        ctx.output.print("Tiers \(t.code) « \(t.name) » ajouté.")
        for other in try store.tiersResembling(t, close: false) {
            ctx.output.error("Attention : \(Messages.named(other)) porte déjà ce nom (ou l'un de ses autres noms). "
                + "Si c'est le même tiers : compta tiers fusionner \(other.code) \(t.code).")
        }
    },
    Command(
        path: ["tiers", "modifier"],
        usage: "compta tiers modifier CODE [--prenom P] [--nom N] [--organisation R] [--siren S] [--email E] [--adresse A] [--alias NOM]... [--sans-alias NOM]...",
        summary: "change le nom, l'adresse, le courriel ou les autres noms d'un tiers",
        help: """
        Seuls les champs donnés changent ; une valeur vide efface le champ (--email ""). Le code
        et les lignes du tiers ne changent pas : ses écritures validées restent telles quelles.
        --organisation pour une personne en fait une organisation (son prénom et son nom s'en
        vont) ; --prenom ou --nom pour une organisation en fait une personne (raison sociale et
        SIREN s'en vont).
        Exemples : compta tiers modifier T0003 --adresse "3 rue des Lilas, 75011 Paris" --alias "L MARTIN"
                   compta tiers modifier T0005 --organisation "Les Amis du Quartier"
        """,
        options: tiersOptions + [.value("--sans-alias", "NOM", "retire cet autre nom (option répétable)")], arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        let (t, old) = try store.modifyTiers(ctx.parsed.positionals[0], try tiersFields(ctx))
        ctx.output.print("Tiers \(t.code) « \(t.name) » modifié" + (t.kind == old.kind ? "." : " : c'est désormais \(Messages.kindName(t))."))
    },
    Command(
        path: ["tiers", "fusionner"], usage: "compta tiers fusionner GARDE ABSORBE [--forcer]",
        summary: "réunit deux fiches d'un même tiers : les lignes d'ABSORBE comptent désormais pour GARDE",
        help: """
        Aucune écriture ne change : ABSORBE reste, comme un renvoi vers GARDE, et son nom désigne
        désormais GARDE. Les tiers déjà fusionnés dans ABSORBE le sont dans GARDE. Une fusion ne
        se défait pas : vérifiez avec compta tiers voir que les deux fiches sont bien le même tiers.
        Une personne et une organisation ne se fusionnent qu'avec --forcer.
        Exemple : compta tiers fusionner T0003 T0012   (T0012, créé par une faute de frappe)
        """,
        options: [.flag("--forcer", "fusionne une personne et une organisation")], arguments: 2...2
    ) { ctx in
        let store = try ctx.openStore()
        let (kept, absorbed) = try store.mergeTiers(ctx.parsed.positionals[1], into: ctx.parsed.positionals[0], forcing: ctx.parsed.has("--forcer"))
        ctx.output.print("Tiers \(Messages.named(absorbed)) fusionné dans \(Messages.named(kept)) : ses lignes comptent désormais pour \(kept.code). "
            + "Une fusion ne se défait pas.")
    },
    Command(
        path: ["tiers", "anonymiser"], usage: "compta tiers anonymiser CODE|NOM [--date DATE]",
        summary: "efface les données personnelles d'une personne qui le demande (RGPD) : nom, courriel, adresse, autres noms",
        help: """
        Le tiers garde son code, ses lignes et leurs montants : les comptes ne changent pas et
        compta verifier reste vert. Il s'affiche désormais « Anonyme CODE », et son ancien nom ne
        le désigne plus (un nouveau nom tapé ou importé crée un nouveau tiers). Les fiches
        fusionnées dans la sienne sont anonymisées avec elle. Les libellés d'écritures (« Cotisation
        Léa Martin ») ne changent pas : ils sont la comptabilité. Une organisation ne s'anonymise
        pas. Cela ne se défait pas.
        Exemple : compta tiers anonymiser T0007
        """,
        options: [.value("--date", "DATE", "jour de l'anonymisation (défaut : aujourd'hui)")], arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        let (t, merged) = try store.anonymiseTiers(ctx.parsed.positionals[0], on: try ctx.day("--date") ?? ctx.now.today)
        ctx.output.print("Tiers \(t.code) anonymisé le \(t.anonymisedOn?.french ?? "") : il s'affiche désormais « \(t.name) »"
            + (merged.isEmpty ? "" : ", avec " + merged.map(\.code).joined(separator: ", "))
            + ". Ses lignes et leurs montants restent ; les libellés des écritures aussi.")
    },
    Command(
        path: ["tiers", "exporter"], usage: "compta tiers exporter CODE|NOM [--format json|csv] [--sortie FICHIER]",
        summary: "tout ce que le livre sait d'un tiers, à lui remettre (droit d'accès, RGPD) : fiche, lignes, totaux",
        help: """
        La fiche (tous ses champs, ses autres noms, les fiches fusionnées dans la sienne), chaque
        ligne qui le porte avec son écriture (date, journal, numéro, libellé, compte, montant,
        projet) et les totaux (cotisations, dons, soldes des comptes 40, 41, 46).
        Exemple : compta tiers exporter T0003 --format csv --sortie lea-martin.csv
        """,
        options: [.value("--format", "FORMAT", "json (défaut) ou csv"), .value("--sortie", "FICHIER", "fichier à écrire (défaut : la sortie standard)"),
                  .flag("--sans-bom", "CSV sans marque d'ordre des octets (BOM) au début : pour un outil plutôt qu'un tableur")],
        arguments: 1...1
    ) { ctx in
        let format = ctx.parsed.value("--format") ?? "json"
        guard let f = OutputFormat(rawValue: format), f == .json || f == .csv else {
            throw UsageError(message: "format « \(format) » : l'export d'un tiers s'écrit en json ou en csv", command: "tiers exporter")
        }
        let store = try ctx.openStore()
        let d = try store.tiersDetail(ctx.parsed.positionals[0])
        try writeOrPrint(ctx, try f.render(TiersReport.export(d, association: try store.associationName())),
                         what: "Données de \(d.tiers.code)", spreadsheet: f == .csv)
    },
    Command(
        path: ["tiers", "voir"], usage: "compta tiers voir CODE|NOM [--format texte|md|csv|json|html]",
        summary: "montre un tiers : ses coordonnées, ses lignes, ses cotisations et dons, ce qu'il doit ou ce qui lui est dû",
        help: """
        Cotisations : comptes 756 ; dons : comptes 754 ; soldes : comptes de tiers 40, 41 et 46.
        Exemple : compta tiers voir "Léa Martin"
        """,
        options: formatOptions, arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(TiersReport.detail(try store.tiersDetail(ctx.parsed.positionals[0]), association: try store.associationName()))
    },
]

/// The fields the options of `tiers ajouter` and `tiers modifier` give.
func tiersFields(_ ctx: Context) throws -> TiersFields {
    TiersFields(firstName: try ctx.text(option: "--prenom"), lastName: try ctx.text(option: "--nom"),
                organisation: try ctx.text(option: "--organisation"), siren: ctx.parsed.value("--siren"), email: ctx.parsed.value("--email"),
                address: try ctx.text(option: "--adresse"),
                addedAliases: try ctx.parsed.values("--alias").map { try ctx.text($0, argument: "--alias") },
                removedAliases: ctx.parsed.values("--sans-alias"))
}

/// The tiers a command names (`--tiers`, `#TIERS` on a line, a `tiers` column), resolved to
/// their codes in the command's transaction (`Store.resolveTiers`), and those it created, to
/// announce once written: a misspelt name makes a new tiers, which the treasurer then sees.
final class TiersNames {
    let store: Store
    let ctx: Context
    private(set) var created: [Tiers] = []
    private var codes: [String: String] = [:]

    init(_ store: Store, _ ctx: Context) {
        self.store = store
        self.ctx = ctx
    }

    func code(_ text: String, argument: String) throws -> String {
        if let known = codes[text] { return known }
        let (tiers, isNew) = try store.resolveTiers(try ctx.text(text, argument: argument))
        if isNew { created.append(tiers) }
        codes[text] = tiers.code
        return tiers.code
    }

    /// The tiers of `draft`'s lines as codes; then `entry` (`--tiers`) on its lines outside the treasury.
    func resolve(_ draft: inout EntryDraft, entry: String?) throws {
        for i in draft.lines.indices {
            if let t = draft.lines[i].tiers { draft.lines[i].tiers = try code(t, argument: "#TIERS") }
        }
        if let entry { draft.give(tiers: try code(entry, argument: "--tiers")) }
    }

    /// The tiers of entries read from `file` as codes; an error points at the file's line.
    func resolve(_ entries: [SourcedEntry], file: String) throws -> [SourcedEntry] {
        try entries.map { source in
            var source = source
            for (i, line) in source.entry.lines.enumerated() {
                guard let t = line.tiers else { continue }
                do { source.entry.lines[i].tiers = try code(t, argument: "tiers") } catch let e as StoreError {
                    throw LocatedError(file: file, line: source.lines[i], underlying: e)
                }
            }
            return source
        }
    }

    /// The most tiers announced one by one, each with its close names: beyond, a file that
    /// brings a whole register (20 000 members) is announced in one line — the close names are
    /// sought by reading every name, once per tiers announced.
    static let announcedOneByOne = 20

    /// Says which tiers the command created, and the tiers of a close name each may be (a typo):
    /// a hint, left out if it cannot be read.
    func announce() {
        if created.count > TiersNames.announcedOneByOne, let first = created.first, let last = created.last {
            let shown = created.prefix(5).map { "« \($0.name) »" }.joined(separator: ", ")
            ctx.output.print("\(created.count) tiers créés, de \(first.code) à \(last.code) : \(shown)… "
                + "La liste : compta tiers ; deux fiches d'une même personne se réunissent avec compta tiers fusionner.")
            return
        }
        for t in created {
            let close = (try? store.tiersResembling(t, close: true)) ?? []
            let keeper = close.first?.code ?? "CODE"
            ctx.output.print("Tiers créé : \(t.code) « \(t.name) »."
                + (close.isEmpty ? "" : " Nom proche de " + close.map(Messages.named).joined(separator: ", ") + ".")
                + " S'il existait déjà sous un autre nom : compta tiers fusionner \(keeper) \(t.code).")
        }
    }
}
