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
        guard let table = try CSVTable(text, file: file) else { throw LocatedError(file: file, line: 1, underlying: BudgetProblem.empty) }
        try table.require(["poste", "sens", "montant"], else: Problem.missingColumns)
        var postes: [Budget.Poste] = []
        for row in table.rows {
            func fail(_ p: Problem) -> LocatedError { row.error(p) }
            func text(_ n: String) throws(LocatedError) -> String {
                do { return try row[n].ledgerText() } catch { throw fail(.textTooLong(error)) }
            }
            let label = try text("poste")
            if label.isEmpty { throw fail(.emptyPoste) }
            let side: Budget.Side
            switch searchKey(row["sens"]) {
            case "depense", "depenses", "charge", "charges", "d": side = .depense
            case "recette", "recettes", "produit", "produits", "r": side = .recette
            default: throw fail(.unknownSide(row["sens"]))
            }
            let amount: Money
            do { amount = try Money(parsing: row["montant"]) } catch { throw fail(.badAmount(row["montant"], error)) }
            if amount.isNegative { throw fail(.negativeAmount(row["montant"])) }
            var accounts: [String] = []
            for word in row["comptes"].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "+" || $0 == "/" }) {
                do { accounts.append(try AccountNumber(String(word)).text) } catch { throw fail(.badAccount(String(word), error)) }
            }
            var project: String? = nil
            if !row["projet"].isEmpty {
                do { project = try Project.validCode(row["projet"]) } catch { throw fail(.badProject(row["projet"])) }
            }
            let remark = try text("remarque")
            postes.append(Budget.Poste(label: label, side: side, amount: amount, accounts: accounts, project: project,
                                       remark: remark.isEmpty ? nil : remark, sourceLine: row.line))
        }
        return postes
    }

    public static func write(_ postes: [Budget.Poste]) -> String {
        var out = CSVTable.line(header)
        for p in postes {
            let fields = [p.label, p.side.rawValue == "depense" ? "dépense" : "recette", p.amount.plain,
                          p.accounts.joined(separator: " "), p.project ?? "", p.remark ?? ""]
            out += CSVTable.line(fields)
        }
        return out
    }
}
