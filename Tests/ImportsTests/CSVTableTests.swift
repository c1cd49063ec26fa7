import Testing
import Ledger
@testable import Imports

/// The header-indexed CSV the entries, budget, rules and FEC readers sit on.
@Suite struct CSVTableTests {
    @Test func fieldsByColumnNameAndErrorsAtTheirLine() throws {
        let text = "\n Libellé ;Compte;compte\n\n\"  Don ; M. A \";  706 ;x\n;;\nCotisation\n"
        let table = try #require(try CSVTable(text, file: "f.csv"))
        #expect(table.header.line == 2)
        #expect(table.rows.map(\.line) == [4, 6])
        let first = table.rows[0]
        #expect(first["libelle"] == "Don ; M. A" && first.untrimmed("libelle") == "  Don ; M. A ")
        #expect(first["compte"] == "706", "the first column of a name wins")
        #expect(table.rows[1]["compte"] == "" && table.rows[1]["absente"] == "")
        let missing = #expect(throws: LocatedError.self) {
            try table.require(["libelle", "montant", "date"], else: EntryFile.Problem.missingColumns)
        }
        #expect(missing?.line == 2 && missing?.text == table.header.raw)
        #expect(missing?.underlying as? EntryFile.Problem == .missingColumns(["montant", "date"], seen: [" Libellé ", "Compte", "compte"]))
        #expect(table.rows[1].error(EntryFile.Problem.noAmount).line == 6)
    }

    @Test func blankOrMalformedFiles() throws {
        #expect(try CSVTable(" \n;;\n", file: nil) == nil)
        let error = #expect(throws: LocatedError.self) { try CSVTable("a;b\n\"x;y\n", file: "f.csv") }
        #expect(error?.line == 2 && error?.underlying as? CSVError == .unterminatedQuote(line: 2))
        #expect(CSVTable.line(["a;b", "c\"d", "e"]) == "\"a;b\";\"c\"\"d\";e\r\n")
    }

    /// Records read from pieces of any size are the records read whole: a piece may end inside
    /// a quoted field, between a CR and its LF, between two quotes of a doubled one.
    @Test func recordsReadByPiecesAreTheRecordsReadWhole() throws {
        let text = "a;\"b;\"\"c\"\"\"\r\n\"multi\r\nligne\";é€\r\r\n;;\n\"x\"\"\";y\rlast;\"\""
        let bytes = Array(text.utf8)
        var whole: [CSVRecord] = []
        var all = CSVReader(utf8: bytes, separator: ";").makeIterator()
        while let r = try all.nextRecord() { whole.append(r) }
        #expect(whole.count == 6 && whole[1].fields == ["multi\nligne", "é€"] && whole[5].line == 7)
        for size in 1...bytes.count {
            var pieces = CSVReader.iterator(chunks: MemoryChunks(bytes, size: size), separator: ";")
            var read: [CSVRecord] = []
            while let r = try pieces.nextRecord() { read.append(r) }
            #expect(read == whole, "pieces of \(size)")
        }
        var open = CSVReader.iterator(chunks: MemoryChunks(Array("a;\"b\n".utf8), size: 2), separator: ";")
        #expect(throws: CSVError.unterminatedQuote(line: 1)) { _ = try open.nextRecord() }
    }
}

