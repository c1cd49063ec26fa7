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
        case empty(Exercice)
        /// A character the chosen encoding cannot hold, and the entry where it is.
        case unencodable(Character, entry: String)

        public static func == (a: Problem, b: Problem) -> Bool { "\(a)" == "\(b)" }
    }

    /// `443061841FEC20241231.txt`
    public static func fileName(siren: SIREN, exercice: Exercice) -> String { "\(siren.digits)FEC\(exercice.end.compact).txt" }

    /// Text for a FEC field: no TAB, `|`, line break or other control character (they would
    /// split a record or a field); spaces collapsed.
    public static func clean(_ s: String) -> String {
        s.collapsingBlankBytes { $0 <= 0x20 || $0 == 0x7C || $0 == 0x7F }
    }

    /// The two encodings a FEC may use.
    public enum Encoding: Sendable {
        case utf8
        case latin9

        public var name: String { self == .utf8 ? "UTF-8" : "ISO-8859-15" }
    }

    /// Writes the file to `sink` by chunks: header line, then one line per entry line, CRLF
    /// between records and none after the last. Entries are read a few thousand at a time, so
    /// memory does not grow with the exercice. Returns the number of records after the header.
    public static func write(_ ledger: some LedgerQueries, exercice: Exercice, encoding: Encoding,
                             to sink: ([UInt8]) throws -> Void) throws -> Int {
        let catalog = try ledger.catalog()
        let keys = try ledger.entryKeys(EntryQuery(from: exercice.start, to: exercice.end))
        let drafts = keys.filter { $0.validationOrder == nil }
        if !drafts.isEmpty {
            let shown = try ledger.entries(ids: drafts.prefix(20).map(\.id))
            throw Problem.drafts(shown.map { ($0.number, $0.date, $0.label) }, total: drafts.count)
        }
        if keys.isEmpty { throw Problem.empty(exercice) }
        let ordered = keys.sorted { a, b in
            let aOpening = catalog.journals[a.journal]?.kind == .aNouveaux, bOpening = catalog.journals[b.journal]?.kind == .aNouveaux
            if aOpening != bOpening { return aOpening }
            return a.validationOrder! < b.validationOrder!
        }.map(\.id)
        // The letters of the exercice's lines (EcritureLet, DateLet): lettered lines only, by id.
        let letters = try ledger.letters(from: exercice.start, to: exercice.end)
        var buffer: [UInt8] = []
        func append(_ record: String, entry: String) throws(Problem) {
            switch encoding {
            case .utf8: buffer += record.utf8
            case .latin9: try latin9(record, entry: entry, into: &buffer)
            }
        }
        try append(columns.joined(separator: "\t"), entry: "")
        var records = 0
        try ledger.forEachEntry(ids: ordered) { e in
            // The journal code too: a ledger may hold one from before codes were checked.
            let journal = clean(e.journal)
            let number = "\(journal)-\(e.validation!.number)"
            for l in e.lines {
                // The tiers of a third-party account is its auxiliary account: the one it counts for today.
                let tiers = l.tiers.flatMap { t in AccountGroup.auxiliary.contains(where: l.account.isUnder) ? t : nil }
                buffer += [13, 10]
                try append([
                    journal, clean(catalog.journals[e.journal]?.label ?? e.journal), number, e.date.compact, l.account.text,
                    clean(catalog.label(of: l.account, in: exercice.chart)), tiers?.code ?? "", clean(tiers?.name ?? ""), clean(e.piece ?? number), e.date.compact, clean(l.label ?? e.label),
                    l.debit.plain, l.credit.plain, clean(letters[l.id]?.code ?? ""), letters[l.id]?.day.compact ?? "", e.validation!.date.compact, "", "",
                ].joined(separator: "\t"), entry: number)
                records += 1
            }
            if buffer.count >= 1 << 20 {
                try sink(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try sink(buffer)
        return records
    }

    /// The description document that goes with the file (A47 A-1, XI).
    public static func notice(association: String, siren: SIREN, exercice: Exercice, fileName: String, encoding: String,
                              journals: [Journal], records: Int, fingerprint: Chain.Anchor?) -> String {
        var s = """
        Fichier des écritures comptables (FEC) — description
        ====================================================

        Association : \(association.printable) (SIREN \(siren))
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
         7 CompAuxNum     compte auxiliaire : code du tiers sur les lignes des comptes 40, 41 et 467 qui en ont un, sinon vide
         8 CompAuxLib     libellé du compte auxiliaire : nom du tiers (vide avec CompAuxNum)
         9 PieceRef       référence de la pièce justificative (à défaut, le numéro de l'écriture)
        10 PieceDate      date de la pièce (date de l'écriture)
        11 EcritureLib    libellé de l'écriture ou de la ligne
        12 Debit          montant au débit
        13 Credit         montant au crédit
        14 EcritureLet    lettrage : la lettre qui réunit la ligne à celles qui la soldent (comptes de tiers), sinon vide
        15 DateLet        date de lettrage (avec EcritureLet)
        16 ValidDate      date de validation de l'écriture
        17 Montantdevise  montant en devise (non utilisé, vide : toutes les écritures sont en euros)
        18 Idevise        identifiant de la devise (non utilisé, vide)

        Journaux :

        """
        for j in journals.sorted(by: { $0.code < $1.code }) { s += "  \(clean(j.code))  \(j.label)\n" }
        if let f = fingerprint {
            s += """

            Empreinte du livre à l'export : \(f.text)
              Chaque écriture validée porte une empreinte SHA-256 liée à celle de la précédente ; celle-ci est
              la dernière de la chaîne (\(f.count) écritures validées, la dernière le \(f.date.french)). La commande
              « compta verifier --empreinte \(f.text) » vérifie sur le livre que ces écritures n'ont pas changé.

            """
        }
        return s
    }

    /// ISO-8859-15 differs from Latin-1 in eight places (the euro sign among them).
    private static let latin9Special: [Unicode.Scalar: UInt8] = ["\u{20AC}": 0xA4, "\u{160}": 0xA6, "\u{161}": 0xA8, "\u{17D}": 0xB4,
                                                                "\u{17E}": 0xB8, "\u{152}": 0xBC, "\u{153}": 0xBD, "\u{178}": 0xBE]
    private static let latin9Replaced: Set<UInt32> = [0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE]

    /// Appends `text` in ISO-8859-15, or names the first character it cannot hold and its entry.
    static func latin9(_ text: String, entry: String, into out: inout [UInt8]) throws(Problem) {
        for u in text.unicodeScalars {
            if u.isASCII {
                out.append(UInt8(u.value))
            } else if let b = latin9Special[u] {
                out.append(b)
            } else if u.value < 0x100 && !latin9Replaced.contains(u.value) {
                out.append(UInt8(u.value))
            } else {
                throw .unencodable(Character(u), entry: entry)
            }
        }
    }
}
