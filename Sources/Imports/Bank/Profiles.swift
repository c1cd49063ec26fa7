import Ledger

/// Where a CSV statement's columns are, by header name or by position.
public struct ColumnSpec: Sendable, Equatable {
    /// Header names (compared as search keys), first found wins.
    public var date: [String] = []
    /// Every present column is part of the label, joined with a space.
    public var label: [String] = []
    public var amount: [String] = []
    public var debit: [String] = []
    public var credit: [String] = []
    /// D/C (or Débit/Crédit, +/-) column giving the direction of `amount`.
    public var direction: [String] = []
    /// Running balance column: the statement's closing balance is that of its last operation.
    public var balance: [String] = []
    /// The account's own number column (several accounts in one file).
    public var account: [String] = []
    /// A status column; rows whose status is not one of `keepStatuses` are not operations.
    public var status: [String] = []
    public var keepStatuses: [String] = []
}

/// Positions (0-based) once the columns are found.
struct ColumnMap: Equatable {
    var date: Int
    var label: [Int]
    var amount: Int?
    var debit: Int?
    var credit: Int?
    var direction: Int?
    var balance: Int?
    var account: Int?
    var status: Int?
    var keepStatuses: [String] = []

    var maxIndex: Int { ([date] + label + [amount, debit, credit, direction, balance, account, status].compactMap { $0 }).max() ?? 0 }
}

/// A bank's CSV export: how to recognise it and read it. Profiles are data; one reader reads
/// them all.
public struct BankProfile: Sendable {
    public let id: String
    public let name: String
    /// Other names `--banque` accepts.
    public let aliases: [String]
    /// What the export looks like, for `compta importer --banques`.
    public let details: String
    /// Header columns (search keys) that identify the format.
    public let signature: [String]
    public let columns: ColumnSpec
    /// What the line before the header states (Société Générale, BNP Paribas): field positions.
    public let firstLine: FirstLine?

    public struct FirstLine: Sendable {
        public let account: Int
        /// The balance and its date, when the line states them.
        public let balance: (date: Int, amount: Int)?
    }

    func matches(_ header: [String]) -> Bool {
        let keys = Set(header.map(searchKey))
        return signature.allSatisfy { keys.contains($0) }
    }

    /// The first of the top rows that holds the profile's signature.
    func headerRow(_ rows: [CSVRecord]) -> Int? {
        rows.prefix(CSVStatementReader.headerRows).firstIndex { matches($0.fields) }
    }
}

extension BankProfile: StatementReader {
    public func recognise(_ head: StatementHead) -> Recognition? {
        guard let i = headerRow(head.rows), CSVStatementReader.resolve(columns, header: head.rows[i].fields) != nil else { return nil }
        return .header(row: i)
    }

    public func read(_ file: StatementInput) throws(StatementError) -> Statement {
        try CSVStatementReader.read(file, layout: .profile(self), separator: nil)
    }
}

extension BankProfile {
    /// The profiles shipped with Compta. Layouts established from public descriptions of each
    /// bank's export and the files other open-source tools test against.
    public static let all: [BankProfile] = [
        BankProfile(
            id: "bpce", name: "Caisse d'Épargne, Banque Populaire, Crédit Coopératif (groupe BPCE)",
            aliases: ["caisse-epargne", "caisse-d-epargne", "banque-populaire", "credit-cooperatif", "coopanet"],
            details: "export « Télécharger les opérations » du groupe BPCE (format 2024), séparateur ;, débit négatif, crédit signé +",
            signature: ["date de comptabilisation", "libelle operation", "debit", "credit"],
            columns: ColumnSpec(date: ["date de comptabilisation", "date operation"], label: ["libelle operation", "informations complementaires"],
                                debit: ["debit"], credit: ["credit"]),
            firstLine: nil),
        BankProfile(
            id: "la-banque-postale", name: "La Banque Postale",
            aliases: ["banque-postale", "lbp", "postale"],
            details: "six lignes d'information (numéro de compte, date, solde) puis Date;Libellé;Montant(EUROS), Windows-1252",
            signature: ["date", "libelle", "montant euros"],
            columns: ColumnSpec(date: ["date"], label: ["libelle"], amount: ["montant euros"]),
            firstLine: nil),
        BankProfile(
            id: "credit-mutuel", name: "Crédit Mutuel, CIC (débit et crédit)",
            aliases: ["creditmutuel", "cm"],
            details: "Date;Date de valeur;Débit;Crédit;Libellé;Solde, ISO-8859-15",
            signature: ["date", "date de valeur", "debit", "credit", "libelle"],
            columns: ColumnSpec(date: ["date"], label: ["libelle"], debit: ["debit"], credit: ["credit"], balance: ["solde"]),
            firstLine: nil),
        BankProfile(
            id: "cic", name: "CIC, Crédit Mutuel (montant signé)",
            aliases: ["credit-mutuel-montant"],
            details: "Date d'opération,Date de valeur,Montant,Libellé,Solde (ou Date;Date de valeur;Montant;Libellé;Solde), ISO-8859-15",
            signature: ["date de valeur", "montant", "libelle", "solde"],
            columns: ColumnSpec(date: ["date d operation", "date"], label: ["libelle"], amount: ["montant"], balance: ["solde"]),
            firstLine: nil),
        BankProfile(
            id: "credit-agricole", name: "Crédit Agricole",
            aliases: ["ca", "creditagricole"],
            details: "une dizaine de lignes d'information dont « Solde au JJ/MM/AAAA montant € », puis Date;Libellé;Débit euros;Crédit euros; libellés sur plusieurs lignes, Windows-1252",
            signature: ["date", "libelle", "debit euros", "credit euros"],
            columns: ColumnSpec(date: ["date"], label: ["libelle"], debit: ["debit euros"], credit: ["credit euros"]),
            firstLine: nil),
        BankProfile(
            id: "societe-generale", name: "Société Générale",
            aliases: ["sg", "societegenerale"],
            details: "première ligne =\"compte\";début;fin;nombre;date du solde;solde EUR, puis Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise, Windows-1252",
            signature: ["date de l operation", "detail de l ecriture", "montant de l operation"],
            columns: ColumnSpec(date: ["date de l operation"], label: ["detail de l ecriture"], amount: ["montant de l operation"]),
            firstLine: FirstLine(account: 0, balance: (date: 4, amount: 5))),
        BankProfile(
            id: "societe-generale-epargne", name: "Société Générale, livrets d'épargne (Livret A, LDDS...)",
            aliases: ["sg-epargne", "sg-livret"],
            details: "première ligne =\"compte\";début;fin; puis date_comptabilisation;libellé_complet_operation;montant_operation;devise; (point-virgule en fin de ligne), Windows-1252",
            signature: ["date comptabilisation", "libelle complet operation", "montant operation"],
            columns: ColumnSpec(date: ["date comptabilisation"], label: ["libelle complet operation"], amount: ["montant operation"]),
            firstLine: FirstLine(account: 0, balance: nil)),
        BankProfile(
            id: "bnp-paribas", name: "BNP Paribas",
            aliases: ["bnp", "bnpparibas"],
            details: "une ligne de compte (type;intitulé;numéro;date;;solde) puis Date operation;Libelle court;Type operation;Libelle operation;Montant operation en euro",
            signature: ["date operation", "libelle operation", "montant operation en euro"],
            columns: ColumnSpec(date: ["date operation"], label: ["libelle operation"], amount: ["montant operation en euro"]),
            firstLine: FirstLine(account: 2, balance: (date: 3, amount: 5))),
        BankProfile(
            id: "boursorama", name: "BoursoBank (Boursorama)",
            aliases: ["boursobank", "bourso"],
            details: "dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;accountbalance, UTF-8 avec BOM, dates AAAA-MM-JJ ; un fichier peut contenir plusieurs comptes",
            signature: ["dateop", "label", "amount", "accountnum"],
            columns: ColumnSpec(date: ["dateop"], label: ["label"], amount: ["amount"], balance: ["accountbalance"], account: ["accountnum"]),
            firstLine: nil),
        BankProfile(
            id: "qonto", name: "Qonto",
            aliases: [],
            details: "Status,Settlement date (UTC),Operation date (UTC),Total amount (incl. VAT),Currency,Counterparty name,..., séparateur virgule, point décimal ; seules les opérations réglées sont importées",
            signature: ["settlement date utc", "total amount incl vat", "counterparty name"],
            columns: ColumnSpec(date: ["settlement date utc", "operation date utc"], label: ["counterparty name", "reference"],
                                amount: ["total amount incl vat"], status: ["status"], keepStatuses: ["settled", "executed", "completed"]),
            firstLine: nil),
    ]

    /// Banks asked for whose export layout could not be established from public sources:
    /// their users import the OFX export, or describe the CSV with `--colonnes`.
    public static let notEstablished: [(name: String, advice: String)] = [
        ("LCL", "export OFX (« Money ») ou --colonnes"),
        ("Shine", "export OFX ou --colonnes"),
        ("La Nef", "export OFX ou --colonnes"),
    ]

    /// A profile by id or alias (`credit-cooperatif` gives `bpce`).
    public static func named(_ name: String) -> BankProfile? {
        let key = searchKey(name).replacingSpaces(with: "-")
        return all.first { $0.id == key || $0.aliases.contains(key) }
    }
}

extension String {
    func replacingSpaces(with s: String) -> String { split(separator: " ").joined(separator: s) }
}
