import Ledger

/// How to read a statement file: the options of `compta importer`.
public struct ReadOptions: Sendable {
    /// `--banque NOM` (nil: recognise it).
    public var bank: String?
    public var encoding: TextEncoding?
    public var columns: CustomColumns?
    public var profileFile: ProfileFile?
    /// `--numero`: which account of a file that holds several.
    public var accountNumber: String?

    public init(bank: String? = nil, encoding: TextEncoding? = nil, columns: CustomColumns? = nil,
                profileFile: ProfileFile? = nil, accountNumber: String? = nil) {
        self.bank = bank
        self.encoding = encoding
        self.columns = columns
        self.profileFile = profileFile
        self.accountNumber = accountNumber
    }
}

/// Reads a statement file of any supported kind: CSV (any bank's), OFX, QIF.
public enum StatementFile {
    public static func read(_ bytes: [UInt8], options: ReadOptions = ReadOptions()) throws(StatementError) -> Statement {
        if bytes.starts(with: Array("%PDF".utf8)) { throw .pdf }
        let forced = options.encoding ?? options.profileFile?.encoding ?? OFXReader.declaredEncoding(bytes)
        let decoded: (bytes: [UInt8], encoding: TextEncoding)
        do { decoded = try TextDecoder.utf8(bytes, forced: forced) } catch { throw .decoding(error) }
        if forced == nil, decoded.encoding != .utf8, let mixed = mixedEncodings(bytes) {
            throw .mixedEncodings(utf8Line: mixed.utf8Line, otherLine: mixed.otherLine)
        }
        let file = StatementInput(utf8: decoded.bytes, encoding: decoded.encoding, accountNumber: options.accountNumber)
        let head = StatementHead(utf8: file.utf8)
        let found = StatementReaders.recognising(head)
        // A file that names its format is read so; the CSV layout the user gives, if any, for the others.
        if let found, found.how == .declared { return try found.reader.read(file) }
        if found.map({ $0.reader.id == GenericCSVReader.id }) ?? true, options.columns == nil, options.profileFile == nil,
           let own = ComptaFile(head) {
            throw .comptaFile(own)
        }
        if let layout = try layout(options, found: found?.reader) {
            do { return try CSVStatementReader.read(file, layout: layout, separator: options.profileFile?.separator) } catch {
                switch error {
                case .layoutNotFound(let p, let expected, let rows, nil):
                    // The bank named is not this file's: say which one the file looks like, if any.
                    guard let other = found?.reader, other.id != GenericCSVReader.id else { throw error }
                    throw .layoutNotFound(profile: p, expected: expected, firstRows: rows, looksLike: other.id)
                case .malformedLine(let line, let raw, let reason, nil) where options.columns != nil:
                    throw .malformedLine(line: line, raw: raw, reason: reason, columns: options.columns?.text)
                default: throw error
                }
            }
        }
        if let found { return try found.reader.read(file) }
        if let error = head.csvError { throw .csv(error) }
        throw .unknownLayout(firstRows: head.rows.prefix(5).map(\.fields))
    }

    /// The CSV layout the options ask for: a profile file, `--colonnes`, or `--banque NOM`.
    /// `found`: the reader that recognised the file (not a declared one: those are read first).
    static func layout(_ options: ReadOptions, found: (any StatementReader)?) throws(StatementError) -> CSVStatementReader.Layout? {
        if let p = options.profileFile { return .custom(p.columns, name: p.name) }
        if let c = options.columns { return .custom(c, name: "colonnes \(c.text)") }
        guard let name = options.bank, searchKey(name) != "auto" else { return nil }
        if let p = BankProfile.named(name) { return .profile(p) }
        // A format that declares itself (OFX, QIF, CFONB 120, camt.053), named for a file that is not in it.
        if let format = StatementReaders.named(name) {
            throw .notInFormat(format.id, looksLike: found.flatMap { $0.id == GenericCSVReader.id ? nil : $0.id })
        }
        throw .unknownBank(name, known: StatementReaders.known)
    }

    /// A file that is not valid UTF-8 but has lines that are (multi-byte UTF-8 sequences) and
    /// lines with single high bytes: two encodings mixed, which no single decoding reads right.
    static func mixedEncodings(_ bytes: [UInt8]) -> (utf8Line: Int, otherLine: Int)? {
        var utf8Line: Int? = nil, otherLine: Int? = nil
        var line = 1
        var start = 0
        func check(_ slice: ArraySlice<UInt8>) {
            guard slice.contains(where: { $0 >= 0x80 }) else { return }
            if String(validating: slice, as: UTF8.self) != nil { utf8Line = utf8Line ?? line } else { otherLine = otherLine ?? line }
        }
        for i in bytes.indices where bytes[i] == 0x0A {
            check(bytes[start..<i])
            line += 1
            start = i + 1
        }
        check(bytes[start...])
        if let u = utf8Line, let o = otherLine { return (u, o) }
        return nil
    }
}

/// Compta's own CSV files, which are not statements: given to `importer`, each is refused with
/// the command that reads it. One table: the columns each file's header must have (search keys;
/// the FEC's as its reader compares them, letters only).
public enum ComptaFile: Sendable, Equatable {
    case entries, budget, rules, fec

    static let headers: [(file: ComptaFile, columns: [String])] = [
        (.entries, EntryFile.requiredColumns), (.budget, ["poste", "sens", "montant"]), (.rules, ["motif", "compte"]), (.fec, FECReader.required),
    ]

    /// The file whose header is the first row of `head`, if any.
    init?(_ head: StatementHead) {
        guard let first = head.rows.first else { return nil }
        let keys = Set(first.fields.map(searchKey))
        // The FEC is separated by | or a tab, which the statement's guess may not have split.
        let line = head.text.prefix { !$0.isNewline }
        let fecKeys = Set(line.split { $0 == "|" || $0 == "\t" }.map { $0.lowercased().filter(\.isLetter) })
        guard let found = Self.headers.first(where: { f in f.columns.allSatisfy(f.file == .fec ? fecKeys.contains : keys.contains) }) else { return nil }
        self = found.file
    }
}
