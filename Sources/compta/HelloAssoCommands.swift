import Foundation
import Ledger
import LedgerStore
import Imports
import Reports

/// `compta importer FICHIER` when the file is a HelloAsso export: imports it and says so; false
/// when it is none (a bank statement). The export is read by pieces, never whole.
func importHelloAsso(path: String, store: Store, _ ctx: Context) throws -> Bool {
    close(try openForReading(path).fd)
    let reading = { FileChunks(path) as ByteChunks }
    // The bank statement's options mean nothing for an export: refused rather than ignored
    // (--du too: payments already in the ledger are known by their reference, and skipped).
    let given = HelloAssoCommandError.bankOptions.filter { ctx.parsed.has($0) || ctx.parsed.value($0) != nil }
    if !given.isEmpty, try HelloAssoExport.open(file: path, reading: reading) != nil { throw HelloAssoCommandError.bankOptions(given, path: path) }
    let dryRun = ctx.parsed.has("--essai"), detailed = try ctx.format() == .json || dryRun
    guard let result = try HelloAssoImporter.run(file: path, reading: reading, ledger: store, dryRun: dryRun, listing: detailed) else { return false }
    try ctx.render(HelloAssoImportSummary(result, detailed: detailed).document)
    return true
}

let helloAssoCommands: [Command] = [
    Command(
        path: ["helloasso"], usage: "compta helloasso [--format texte|md|csv|json|html]",
        summary: "état du compte de transit HelloAsso : versements rapprochés, paiements pas encore versés, écarts",
        help: """
        Les exports HelloAsso s'importent comme un relevé : compta importer paiements.csv (export
        des paiements, d'une campagne, ou détail d'un versement). Chaque paiement est une écriture
        au compte de transit 51151 ; le versement arrive sur le relevé bancaire (« VIR HELLOASSO »)
        et sort du compte de transit. Un versement est rapproché de sa ligne bancaire par son
        numéro dans le libellé, sinon par son montant dans les jours qui suivent sa date
        (\(PlatformState.defaultBankDelay) par défaut : compta helloasso fenetre). Quand tout est
        rapproché, le compte de transit est à zéro.
        """,
        options: formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(HelloAssoState(try store.platformState()).document)
    },
    Command(
        path: ["helloasso", "fenetre"], usage: "compta helloasso fenetre [JOURS]",
        summary: "montre ou change les jours admis entre un versement HelloAsso et sa ligne de relevé bancaire",
        help: """
        Un versement HelloAsso dont le libellé bancaire ne donne pas le numéro est rapproché de la
        ligne de relevé de même montant arrivée dans les JOURS jours qui suivent sa date
        (\(PlatformState.defaultBankDelay) par défaut, de 0, le jour même seulement, à \(PlatformState.maximumBankDelay)). Le réglage est gardé dans le livre.
        Exemple : compta helloasso fenetre 15
        """,
        options: [], arguments: 0...1
    ) { ctx in
        let store = try ctx.openStore()
        try showOrSetDays(ctx, example: PlatformState.defaultBankDelay, read: store.bankDelay, write: store.setBankDelay,
                          shown: Messages.bankDelay,
                          changed: "compta helloasso rapproche avec elle.")
    },
    Command(
        path: ["helloasso", "campagnes"], usage: "compta helloasso campagnes [--format texte|md|csv|json|html]",
        summary: "les campagnes HelloAsso que le livre range sous un compte et un projet choisis",
        help: """
        Sans réglage, un paiement HelloAsso va au compte de son type de campagne : Adhésion 756,
        Billetterie 706, Don 7541, Boutique 707, Crowdfunding 7541, Vente 706 ; un don
        supplémentaire à 7541. compta helloasso campagnes ajouter en change un.
        """,
        options: formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        try ctx.render(HelloAssoCampaigns(Array(try store.campaignSettings().values)).document)
    },
    Command(
        path: ["helloasso", "campagnes", "ajouter"], usage: "compta helloasso campagnes ajouter CAMPAGNE COMPTE [--projet CODE]",
        summary: "range les paiements d'une campagne HelloAsso sous un compte (et un projet)",
        help: """
        CAMPAGNE est le nom de la campagne tel que l'export l'écrit (colonne Campagne), ou le nom
        du fichier de l'export d'une campagne (camp-chatons-2025.csv : « camp chatons 2025 ») ;
        majuscules, accents et espaces en trop ne comptent pas. Les paiements importés ensuite
        vont au COMPTE, avec le projet ; ceux déjà importés ne changent pas. Un nom qu'aucun import
        n'a lu est refusé quand il ressemble à celui d'une campagne importée (une faute de frappe ?) ;
        --nouvelle l'accepte : une nouvelle campagne, pas encore importée.
        Exemple : compta helloasso campagnes ajouter "Camp CHATONS 2025" 706 --projet CAMP
        """,
        options: [.value("--projet", "CODE", "projet analytique"),
                  .flag("--nouvelle", "une campagne qu'aucun import n'a encore lue, même si son nom ressemble à une autre")], arguments: 2...2
    ) { ctx in
        let store = try ctx.openStore()
        let setting = CampaignSetting(campaign: try ctx.text(ctx.parsed.positionals[0], argument: "CAMPAGNE"),
                                      account: try accountArgument(ctx.parsed.positionals[1]),
                                      project: try ctx.parsed.value("--projet").map(projectCode))
        let seen = try store.setCampaign(setting, new: ctx.parsed.has("--nouvelle"))
        ctx.output.print("Campagne « \(setting.campaign) » : ses paiements iront en \(setting.account)"
                         + (setting.project.map { ", projet \($0)" } ?? "") + "."
                         + (seen ? "" : " Aucun paiement importé n'en est encore : son nom doit être celui que l'export écrira (colonne Campagne)."))
    },
]

enum HelloAssoCommandError: Error {
    /// Options of `importer` that only a bank statement takes, given with a HelloAsso export.
    case bankOptions([String], path: String)

    static let bankOptions = ["--compte", "--regles", "--sans-tiers", "--encodage", "--numero", "--forcer", "--du", "--solde", "--au"]
}
