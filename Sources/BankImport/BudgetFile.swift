import Ledger

/// A budget as a CSV a board writes in a spreadsheet: `poste;sens;montant;comptes;projet;remarque`
/// (`;` or `,`, decimal comma accepted; several accounts or prefixes separated by spaces or
/// commas; no account for a poste such as « (trésorerie) »).
public enum BudgetFile {
    public enum Problem: Error, Equatable, Sendable {
        case missingColumns([String], seen: [String])
        case badAmount(String, MoneyError)
        case negativeAmount(String)
        case unknownSide(String)
        case badAccount(String, AccountNumberError)
        case emptyPoste
        case badProject(String)
        case textTooLong(TextTooLong)
    }

    public static let header = ["poste", "sens", "montant", "comptes", "projet", "remarque"]

    public static func read(_ text: String, file: String?) throws(LocatedError) -> [Budget.Poste] {
        let records: [CSVRecord]
        do { records = try CSVReader.records(text, separator: CSVReader.detectSeparator(text)) } catch {
            switch error {
            case .unterminatedQuote(let l), .recordTooLong(let l): throw LocatedError(file: file, line: l, underlying: error)
            }
        }
        let rows = records.filter { !$0.isBlank }
        guard let head = rows.first else { throw LocatedError(file: file, line: 1, underlying: BudgetProblem.empty) }
        let names = head.fields.map(searchKey)
        func col(_ n: String) -> Int? { names.firstIndex(of: n) }
        let missing = ["poste", "sens", "montant"].filter { col($0) == nil }
        if !missing.isEmpty {
            throw LocatedError(file: file, line: head.line, text: head.raw, underlying: Problem.missingColumns(missing, seen: head.fields))
        }
        var postes: [Budget.Poste] = []
        for row in rows.dropFirst() {
            func f(_ n: String) -> String { col(n).flatMap { $0 < row.fields.count ? row.fields[$0].trimmingSpaces : nil } ?? "" }
            func fail(_ p: Problem) -> LocatedError { LocatedError(file: file, line: row.line, text: row.raw, underlying: p) }
            func text(_ n: String) throws(LocatedError) -> String {
                do { return try f(n).ledgerText() } catch { throw fail(.textTooLong(error)) }
            }
            let label = try text("poste")
            if label.isEmpty { throw fail(.emptyPoste) }
            let side: Budget.Side
            switch searchKey(f("sens")) {
            case "depense", "depenses", "charge", "charges", "d": side = .depense
            case "recette", "recettes", "produit", "produits", "r": side = .recette
            default: throw fail(.unknownSide(f("sens")))
            }
            let amount: Money
            do { amount = try Money(parsing: f("montant")) } catch { throw fail(.badAmount(f("montant"), error)) }
            if amount.isNegative { throw fail(.negativeAmount(f("montant"))) }
            var accounts: [String] = []
            for word in f("comptes").split(whereSeparator: { $0 == " " || $0 == "," || $0 == "+" || $0 == "/" }) {
                do { accounts.append(try AccountNumber(String(word)).text) } catch { throw fail(.badAccount(String(word), error)) }
            }
            var project: String? = nil
            if !f("projet").isEmpty {
                do { project = try Project.validCode(f("projet")) } catch { throw fail(.badProject(f("projet"))) }
            }
            let remark = try text("remarque")
            postes.append(Budget.Poste(label: label, side: side, amount: amount, accounts: accounts, project: project,
                                       remark: remark.isEmpty ? nil : remark, sourceLine: row.line))
        }
        return postes
    }

    public static func write(_ postes: [Budget.Poste]) -> String {
        var out = header.joined(separator: ";") + "\r\n"
        for p in postes {
            let fields = [p.label, p.side.rawValue == "depense" ? "dépense" : "recette", p.amount.plain,
                          p.accounts.joined(separator: " "), p.project ?? "", p.remark ?? ""]
            out += fields.map(RuleFile.quote).joined(separator: ";") + "\r\n"
        }
        return out
    }
}
