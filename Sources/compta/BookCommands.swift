import Ledger
import LedgerStore
import Reports

let exerciceOption = Option.value("--exercice", "EXERCICE", "exercice (défaut : celui des dates --du, --au, sinon l'exercice ouvert)")
let atOption = Option.value("--au", "DATE", "dernier jour de la période")

/// What every report takes: its format, and for CSV whether to begin with the byte-order mark
/// spreadsheets need to read UTF-8 (Excel shows « DÃ©penses » without it).
let formatOptions: [Option] = [
    .value("--format", "FORMAT", "texte (défaut), md, csv, json ou html (une page à ouvrir dans un navigateur)"),
    .flag("--sans-bom", "CSV sans marque d'ordre des octets (BOM) au début : pour un outil plutôt qu'un tableur"),
]

/// A CSV file to edit in a spreadsheet and load back (budget, rules).
let csvFileOptions: [Option] = [
    .value("--sortie", "FICHIER", "fichier à écrire (défaut : la sortie standard)"),
    .flag("--sans-bom", "sans marque d'ordre des octets (BOM) au début : pour un outil plutôt qu'un tableur"),
]

let periodOptions: [Option] = [exerciceOption, .value("--du", "DATE", "premier jour de la période"), atOption] + formatOptions

let bookCommands: [Command] = [
    Command(
        path: ["journal"], usage: "compta journal [--exercice E] [--du DATE] [--au DATE] [--journal CODE] [--format F]",
        summary: "le livre-journal : les écritures et leurs lignes, dans l'ordre des dates",
        help: "Exemple : compta journal --journal BQ --du 2024-03-01 --au 2024-03-31",
        options: periodOptions + [.value("--journal", "CODE", "un seul journal (BQ, CA, OD, AN)")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let book = try JournalBook(store, period: try ctx.period(store), journal: ctx.parsed.value("--journal")?.uppercased())
        try ctx.render(book.document(association: try store.associationName()))
    },
    Command(
        path: ["grand-livre"], usage: "compta grand-livre [COMPTE] [--exercice E] [--du DATE] [--au DATE] [--format F]",
        summary: "le grand livre : les lignes de chaque compte et leur solde progressif",
        help: """
        COMPTE peut être un préfixe : compta grand-livre 604 montre 604, 604A, 604B...
        Sur une période (--du), chaque compte s'ouvre par son solde antérieur (les lignes de
        l'exercice avant la période) : le solde progressif est celui de l'exercice entier.
        """,
        options: periodOptions, arguments: 0...1
    ) { ctx in
        let store = try ctx.openStore()
        let prefix = ctx.parsed.positionals.first?.uppercased()
        if let prefix, try !store.catalog().accounts.keys.contains(where: { $0.isUnder(prefix) }) {
            throw ReportError.unknownAccount(prefix)
        }
        let book = GrandLivre(store, period: try ctx.period(store), accountPrefix: prefix)
        try ctx.render(book.document(association: try store.associationName()))
    },
    Command(
        path: ["balance"], usage: "compta balance [--exercice E] [--du DATE] [--au DATE] [--format F]",
        summary: "la balance générale : débits, crédits et soldes de chaque compte",
        help: "Les totaux des débits et des crédits sont égaux : c'est la preuve de la partie double.",
        options: periodOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(Balance.self, store, period: ctx.period(store))
    },
]
