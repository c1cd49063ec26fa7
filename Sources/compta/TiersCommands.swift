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
        path: ["tiers"], usage: "compta tiers [RECHERCHE] [--format texte|md|csv|json]",
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
    },
    Command(
        path: ["tiers", "modifier"],
        usage: "compta tiers modifier CODE [--prenom P] [--nom N] [--organisation R] [--siren S] [--email E] [--adresse A] [--alias NOM]... [--sans-alias NOM]...",
        summary: "change le nom, l'adresse, le courriel ou les autres noms d'un tiers",
        help: """
        Seuls les champs donnés changent ; une valeur vide efface le champ (--email ""). Le code
        et les lignes du tiers ne changent pas : ses écritures validées restent telles quelles.
        Exemple : compta tiers modifier T0003 --adresse "3 rue des Lilas, 75011 Paris" --alias "L MARTIN"
        """,
        options: tiersOptions + [.value("--sans-alias", "NOM", "retire cet autre nom (option répétable)")], arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        let t = try store.modifyTiers(ctx.parsed.positionals[0], try tiersFields(ctx))
        ctx.output.print("Tiers \(t.code) « \(t.name) » modifié.")
    },
    Command(
        path: ["tiers", "fusionner"], usage: "compta tiers fusionner GARDE ABSORBE",
        summary: "réunit deux fiches d'un même tiers : les lignes d'ABSORBE comptent désormais pour GARDE",
        help: """
        Aucune écriture ne change : ABSORBE reste, comme un renvoi vers GARDE, et son nom désigne
        désormais GARDE. Les tiers déjà fusionnés dans ABSORBE le sont dans GARDE.
        Exemple : compta tiers fusionner T0003 T0012   (T0012, créé par une faute de frappe)
        """,
        options: [], arguments: 2...2
    ) { ctx in
        let store = try ctx.openStore()
        let (kept, absorbed) = try store.mergeTiers(ctx.parsed.positionals[1], into: ctx.parsed.positionals[0])
        ctx.output.print("Tiers \(Messages.named(absorbed)) fusionné dans \(Messages.named(kept)) : ses lignes comptent désormais pour \(kept.code).")
    },
    Command(
        path: ["tiers", "voir"], usage: "compta tiers voir CODE|NOM [--format texte|md|csv|json]",
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

    /// Says which tiers the command created.
    func announce() {
        for t in created {
            ctx.output.print("Tiers créé : \(t.code) « \(t.name) ». S'il existait déjà sous un autre nom : compta tiers fusionner CODE \(t.code).")
        }
    }
}
