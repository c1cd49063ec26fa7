import Ledger

/// The Fichier des écritures comptables (article A47 A-1 du LPF): the 18 columns, TAB separated,
/// dates AAAAMMJJ, decimal comma without thousands separator, à-nouveaux first, then the
/// entries in the order they were validated. Only validated entries.
public enum FEC {
    public static let columns = ["JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
                                 "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
                                 "ValidDate", "Montantdevise", "Idevise"]

    public enum Problem: Error, Sendable, Equatable {
        /// Drafts remain in the exercice: the FEC holds validated entries only.
        case drafts([(number: Int, date: Day, label: String)], total: Int)
        case badSIREN(String)
        case empty(Exercice)
        /// A character the chosen encoding cannot hold, and the entry where it is.
        case unencodable(Character, entry: String)

        public static func == (a: Problem, b: Problem) -> Bool { "\(a)" == "\(b)" }
    }

    /// `123456789FEC20241231.txt`
    public static func fileName(siren: String, exercice: Exercice) -> String { "\(siren)FEC\(exercice.end.compact).txt" }

    public static func checkSIREN(_ s: String) throws(Problem) -> String {
        let digits = s.filter { $0 != " " }
        guard digits.count == 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .badSIREN(s) }
        return digits
    }

    /// Text for a FEC field: no TAB, `|`, or line break; spaces collapsed.
    public static func clean(_ s: String) -> String {
        String(s.map { $0 == "\t" || $0 == "|" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The file's text: header line, then one line per entry line, CRLF between records and
    /// none after the last.
    public static func text(_ ledger: some LedgerQueries, exercice: Exercice) throws -> String {
        let catalog = try ledger.catalog()
        let entries = try ledger.entries(EntryQuery(from: exercice.start, to: exercice.end))
        let drafts = entries.filter { $0.validation == nil }
        if !drafts.isEmpty {
            throw Problem.drafts(drafts.prefix(20).map { ($0.number, $0.date, $0.label) }, total: drafts.count)
        }
        if entries.isEmpty { throw Problem.empty(exercice) }
        let ordered = entries.sorted { a, b in
            let aOpening = catalog.journals[a.journal]?.kind == .aNouveaux, bOpening = catalog.journals[b.journal]?.kind == .aNouveaux
            if aOpening != bOpening { return aOpening }
            return a.validation!.order < b.validation!.order
        }
        var records = [columns.joined(separator: "\t")]
        for e in ordered {
            let number = "\(e.journal)-\(e.validation!.number)"
            for l in e.lines {
                records.append([
                    e.journal, clean(catalog.journals[e.journal]?.label ?? e.journal), number, e.date.compact, l.account.text,
                    clean(catalog.label(of: l.account)), "", "", clean(e.piece ?? number), e.date.compact, clean(l.label ?? e.label),
                    l.debit.plain, l.credit.plain, "", "", e.validation!.date.compact, "", "",
                ].joined(separator: "\t"))
            }
        }
        return records.joined(separator: "\r\n")
    }

    /// The description document that goes with the file (A47 A-1, XI).
    public static func notice(association: String, siren: String, exercice: Exercice, fileName: String, encoding: String,
                              journals: [Journal], records: Int) -> String {
        var s = """
        Fichier des écritures comptables (FEC) — description
        ====================================================

        Association : \(association) (SIREN \(siren))
        Exercice : du \(exercice.start.french) au \(exercice.end.french) (\(exercice.label))
        Fichier : \(fileName), \(records) lignes d'écritures plus la ligne d'en-tête
        Logiciel : Compta (comptabilité en partie double des associations)
        Plan comptable : \(exercice.chart.title)

        Structure : fichier texte, un enregistrement par ligne, séparés par CR LF ; première ligne :
        noms des champs ; séparateur de champs : tabulation ; jeu de caractères : \(encoding).
        Dates au format AAAAMMJJ. Montants avec une virgule décimale, sans séparateur de milliers.
        Contenu : écritures validées de l'exercice, à-nouveaux en premier, puis dans l'ordre de leur
        validation. Les écritures de clôture des comptes de charges et de produits n'existent pas :
        le résultat est reporté directement dans les à-nouveaux de l'exercice suivant (compte 120 ou 129).

        Champs (article A47 A-1 du livre des procédures fiscales) :
         1 JournalCode    code du journal
         2 JournalLib     libellé du journal
         3 EcritureNum    numéro de l'écriture : code du journal, tiret, numéro continu dans le journal et l'exercice
         4 EcritureDate   date de comptabilisation
         5 CompteNum      numéro de compte (plan comptable des associations, sous-comptes propres à l'association)
         6 CompteLib      libellé du compte
         7 CompAuxNum     compte auxiliaire (non utilisé, vide)
         8 CompAuxLib     libellé du compte auxiliaire (non utilisé, vide)
         9 PieceRef       référence de la pièce justificative (à défaut, le numéro de l'écriture)
        10 PieceDate      date de la pièce (date de l'écriture)
        11 EcritureLib    libellé de l'écriture ou de la ligne
        12 Debit          montant au débit
        13 Credit         montant au crédit
        14 EcritureLet    lettrage (non utilisé, vide)
        15 DateLet        date de lettrage (non utilisée, vide)
        16 ValidDate      date de validation de l'écriture
        17 Montantdevise  montant en devise (non utilisé, vide : toutes les écritures sont en euros)
        18 Idevise        identifiant de la devise (non utilisé, vide)

        Journaux :

        """
        for j in journals.sorted(by: { $0.code < $1.code }) { s += "  \(j.code)  \(j.label)\n" }
        return s
    }

    /// The text in ISO-8859-15, or the first character it cannot hold and where.
    public static func latin9(_ text: String) throws(Problem) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let special: [Unicode.Scalar: UInt8] = ["\u{20AC}": 0xA4, "\u{160}": 0xA6, "\u{161}": 0xA8, "\u{17D}": 0xB4, "\u{17E}": 0xB8,
                                                "\u{152}": 0xBC, "\u{153}": 0xBD, "\u{178}": 0xBE]
        let replaced: Set<UInt32> = [0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE]
        for u in text.unicodeScalars {
            if let b = special[u] { out.append(b); continue }
            if u.value < 0x100 && !replaced.contains(u.value) { out.append(UInt8(u.value)); continue }
            // Find the entry number of the line holding it, for the message.
            let line = text.split(separator: "\r\n").first { $0.unicodeScalars.contains(u) } ?? ""
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            throw .unencodable(Character(u), entry: fields.count > 2 ? String(fields[2]) : "")
        }
        return out
    }
}
