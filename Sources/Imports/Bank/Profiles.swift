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
    /// The other party's name, when the export has it in a column of its own: the line's tiers.
    public var counterparty: [String] = []
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
    var counterparty: Int? = nil

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
    /// A file with no header: where the fields of its rows are (`columns` and `signature` unused).
    public let headerless: Headerless?

    init(id: String, name: String, aliases: [String], details: String, signature: [String], columns: ColumnSpec,
         firstLine: FirstLine?, headerless: Headerless? = nil) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.details = details
        self.signature = signature
        self.columns = columns
        self.firstLine = firstLine
        self.headerless = headerless
    }

    public struct FirstLine: Sendable {
        public let account: Int
        /// The balance and its date, when the line states them.
        public let balance: (date: Int, amount: Int)?
    }

    /// An export without a header (BNP Paribas until 2023, LCL): rows are told apart by their
    /// number of fields, and each kind has its fields at fixed places (0-based).
    public struct Headerless: Sendable {
        /// Fields of an operation row.
        public let fields: Int
        public let date: Int
        /// Every non-empty one is part of the label.
        public let label: [Int]
        public let amount: Int
        /// A balance row (LCL: the first one opens, the last one closes), and where its fields are.
        public let balanceRow: BalanceRow?
        /// Fields of the line before the operations that `firstLine` reads, if there is one.
        public let firstLineFields: Int?
        /// Whether every export of the bank begins with that line (BNP Paribas: its account,
        /// masked, and balance): recognition asks for it, so that a file of five fields per row
        /// from anywhere is not taken for the bank's.
        public var firstLineRequired = false
        /// Given, not guessed: in `05/01/2022;;; PRET;70,93` the decimal comma is as frequent as `;`.
        public let separator: Character = ";"

        public struct BalanceRow: Sendable {
            public let fields: Int
            public let date: Int
            public let amount: Int
            public let account: Int
        }

        var map: ColumnMap { ColumnMap(date: date, label: label, amount: amount) }

        /// Whether the file's first rows are all this export's: its first line (when `firstLine`
        /// says where its account, date and balance are: an account number, digits masked or not, a day,
        /// an amount), then operation and balance rows only, every day written as French banks
        /// do, 05/03/2024. With no header to go by, the shape of each row is all there is.
        func fits(_ head: StatementHead, firstLine: FirstLine?) -> Bool {
            // The head's text ends anywhere: its last line may be cut.
            let text = head.text.utf8.count < 4000 ? head.text : head.text[..<(head.text.lastIndex(where: \.isNewline) ?? head.text.startIndex)]
            guard let rows = try? CSVReader.records(String(text), separator: separator).filter({ !$0.isBlank }) else { return false }
            var operations = 0
            for (i, row) in rows.prefix(CSVStatementReader.headerRows).enumerated() {
                let f = row.fields.map(\.trimmingSpaces)
                func isDay(_ k: Int) -> Bool {
                    k < f.count && f[k].utf8.count == 10 && f[k].utf8.dropFirst(2).first == UInt8(ascii: "/") && (try? Day(parsing: f[k])) != nil
                }
                func isMoney(_ k: Int) -> Bool { k < f.count && (try? Money(parsing: f[k])) != nil }
                func isAccount(_ k: Int) -> Bool {
                    let digits = k < f.count ? f[k].drop { $0 == "*" } : ""
                    return digits.count >= 4 && digits.allSatisfy { $0.isASCII && $0.isNumber }
                }
                if i == 0, let n = firstLineFields, f.count == n {
                    if let fl = firstLine, !isAccount(fl.account) || fl.balance.map({ !isDay($0.date) || !isMoney($0.amount) }) == true { return false }
                    continue
                } else if i == 0, firstLineRequired {
                    return false
                } else if f.count == fields, isDay(date), isMoney(amount) {
                    operations += 1
                } else if let b = balanceRow, f.count == b.fields, isDay(b.date), isMoney(b.amount) {
                    continue
                } else {
                    return false
                }
            }
            return operations > 0
        }
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
        if let h = headerless { return h.fits(head, firstLine: firstLine) ? .shape : nil }
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
            id: "bpce", name: "Caisse d'Épargne, Banque Populaire, Crédit Coopératif (BPCE)",
            aliases: ["caisse-epargne", "caisse-d-epargne", "banque-populaire", "credit-cooperatif", "coopanet"],
            details: "export « Télécharger les opérations » du groupe BPCE (format 2024), séparateur ;, débit négatif, crédit signé +",
            signature: ["date de comptabilisation", "libelle operation", "debit", "credit"],
            columns: ColumnSpec(date: ["date de comptabilisation", "date operation"], label: ["libelle operation", "informations complementaires"],
                                debit: ["debit"], credit: ["credit"]),
            firstLine: nil),
        BankProfile(
            id: "bpce-pro", name: "Caisse d'Épargne, Banque Populaire : pros et associations",
            aliases: ["caisse-epargne-pro", "banque-populaire-pro", "bpce-association"],
            details: "Date comptable;Libelle simplifie;Reference;Informations complementaires;Type operation;Debit;Credit;Date operation;Date de valeur;Pointage, débit négatif, crédit signé +",
            signature: ["date comptable", "libelle simplifie", "debit", "credit"],
            columns: ColumnSpec(date: ["date comptable", "date operation"], label: ["libelle simplifie", "informations complementaires"],
                                debit: ["debit"], credit: ["credit"]),
            firstLine: nil),
        BankProfile(
            id: "la-banque-postale", name: "La Banque Postale",
            aliases: ["banque-postale", "lbp", "postale"],
            details: "six lignes d'information (numéro de compte, date, solde) puis Date;Libellé;Montant(EUROS), Windows-1252",
            signature: ["date", "libelle", "montant euros"],
            columns: ColumnSpec(date: ["date"], label: ["libelle"], amount: ["montant euros"]),
            firstLine: nil),
        // Before Crédit Mutuel, whose signature its header also holds.
        BankProfile(
            id: "la-nef", name: "La Nef",
            aliases: ["nef"],
            details: "export depuis octobre 2021 : quelques lignes d'information, puis un en-tête avec Date de valeur, ID, Libellé, Débit, Crédit ; UTF-8, séparateur ; (mise en page établie d'après un outil libre, pas d'après la banque)",
            signature: ["date de valeur", "id", "debit", "credit", "libelle"],
            columns: ColumnSpec(date: ["date de valeur"], label: ["libelle"], debit: ["debit"], credit: ["credit"]),
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
            id: "bnp-paribas-2023", name: "BNP Paribas (export sans en-tête, jusqu'en 2023)",
            aliases: ["bnp-ancien"],
            details: "sans en-tête : une ligne de compte (type;intitulé;numéro;date;;solde) puis date;catégorie;sous-catégorie;libellé;montant, ISO-8859-1",
            signature: [], columns: ColumnSpec(),
            firstLine: FirstLine(account: 2, balance: (date: 3, amount: 5)),
            headerless: Headerless(fields: 5, date: 0, label: [3], amount: 4, balanceRow: nil, firstLineFields: 6, firstLineRequired: true)),
        BankProfile(
            id: "lcl", name: "LCL",
            aliases: ["credit-lyonnais"],
            details: "sans en-tête : date;montant;type;;libellé;libellé;;catégorie, encadré par deux lignes de solde date;solde;;agence et compte (la première ouvre, la dernière clôt)",
            signature: [], columns: ColumnSpec(), firstLine: nil,
            headerless: Headerless(fields: 8, date: 0, label: [4, 5], amount: 1,
                                   balanceRow: .init(fields: 4, date: 0, amount: 1, account: 3), firstLineFields: nil)),
        BankProfile(
            id: "boursobank-2025", name: "BoursoBank (export depuis 2025)",
            aliases: ["bourso-2025"],
            details: "\"Date Opération\";\"Date Valeur\";Libellé;\"Libellé Suggéré\";Catégorie;\"Catégorie Parente\";Solde;Commentaire;\"Numéro Compte\";\"Libellé Compte\";Solde;Pointage : la première colonne Solde est le montant, la seconde le solde du compte ; UTF-8 avec BOM",
            signature: ["date operation", "libelle suggere", "solde", "numero compte"],
            columns: ColumnSpec(date: ["date operation"], label: ["libelle"], amount: ["solde"], balance: ["solde#2"], account: ["numero compte"]),
            firstLine: nil),
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
                                amount: ["total amount incl vat"], status: ["status"], keepStatuses: ["settled", "executed", "completed"],
                                counterparty: ["counterparty name"]),
            firstLine: nil),
        BankProfile(
            id: "qonto-fr", name: "Qonto (export en français)",
            aliases: ["qonto-francais"],
            details: "Statut;Date de la valeur (local);Montant total (TTC);Débit;Crédit;Solde;Devise;Nom de la contrepartie;...;IBAN du compte, virgule décimale ; seules les opérations exécutées sont importées (les colonnes dépendent du modèle d'export choisi)",
            signature: ["statut", "montant total ttc", "nom de la contrepartie"],
            columns: ColumnSpec(date: ["date de la valeur local", "date de la valeur utc", "date de l operation local", "date de l operation utc"],
                                label: ["nom de la contrepartie", "reference"], amount: ["montant total ttc"], debit: ["debit"],
                                credit: ["credit"], balance: ["solde"], account: ["iban du compte"], status: ["statut"],
                                keepStatuses: ["execute", "executee", "regle", "reglee"], counterparty: ["nom de la contrepartie"]),
            firstLine: nil),
    ]

    /// Banks asked for whose export layout could not be established from public sources:
    /// their users import the OFX export, or describe the CSV with `--colonnes`.
    public static let notEstablished: [(name: String, advice: String)] = [
        ("Shine", "export OFX ou --colonnes"),
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
