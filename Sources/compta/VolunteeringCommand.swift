import Ledger
import LedgerStore

/// `compta benevolat MOIS --heures H --taux T|smic`: a month of volunteer work valued and booked
/// as a contribution volontaire en nature (864 / 875).
let volunteeringCommand = Command(
    path: ["benevolat"], usage: "compta benevolat MOIS --heures H --taux T|smic [--projet CODE]",
    summary: "valorise les heures de bénévolat d'un mois : contribution volontaire en nature (864 / 875), hors du résultat",
    help: """
    MOIS s'écrit AAAA-MM (2025-03). Les heures (120, ou 7,5) sont multipliées par le taux horaire,
    en euros (--taux 12,02), ou par le SMIC horaire brut en vigueur au premier jour du mois
    (--taux smic ; les valeurs que Compta connaît : PlanComptable/Resources/smic.csv). L'écriture,
    datée du dernier jour du mois au journal OD, porte les heures dans son libellé
    (« Bénévolat mars 2025 : 120 h à 12,02 €/h ») : le bilan financier de l'AG en fait le total.
    La classe 8 ne change pas le résultat ; le compte de résultat la montre en pied, comme le
    veut le règlement ANC 2018-06.
    Exemples : compta benevolat 2025-03 --heures 120 --taux smic
               compta benevolat 2025-06 --heures 35 --taux 18 --projet CAMP-CHATONS
    """,
    options: [.value("--heures", "H", "les heures données dans le mois (nombre positif, virgule permise)"),
              .value("--taux", "T|smic", "la valeur d'une heure en euros, ou smic"),
              .value("--projet", "CODE", "le projet de ces heures")],
    arguments: 1...1
) { ctx in
    let raw = ctx.parsed.positionals[0]
    let month: Day
    do throws(MonthError) { month = try Day(month: raw) } catch { throw InputError.badMonth(text: raw, error) }
    guard let hours = ctx.parsed.value("--heures") else { throw UsageError(message: "--heures manque : combien d'heures de bénévolat dans le mois ?", command: "benevolat") }
    guard let rateText = ctx.parsed.value("--taux") else { throw UsageError(message: "--taux manque : la valeur d'une heure en euros, ou smic", command: "benevolat") }
    let rate: Money
    if searchKey(rateText) == "smic" {
        let rates = Volunteering.smicRates()
        guard let smic = Volunteering.smic(on: Day(year: month.year, month: month.month, day: 1)!, in: rates) else {
            throw VolunteeringError.noSmic(month, first: rates.first?.since)
        }
        rate = smic
    } else {
        do throws(MoneyError) { rate = try Money(parsing: rateText) } catch { throw InputError.badAmount(argument: "--taux", text: rateText, error) }
    }
    let store = try ctx.openStore()
    let work = try Volunteering(month: month, hours: hours, rate: rate, project: try ctx.parsed.value("--projet").map(projectCode))
    let before = work.alreadyCounted(in: try store.entries(EntryQuery(from: month.lastOfMonth, to: month.lastOfMonth,
                                                                     accountPrefix: Volunteering.contributions.text)))
    let posted = try store.post(try work.entry())
    for e in before {
        ctx.output.error("Attention : l'écriture n° \(e.number) compte déjà des heures de ce mois (« \(e.label) »). "
            + "Si la nouvelle est un doublon, supprimez-la tant qu'elle est en brouillard : compta supprimer \(posted.number).")
    }
    ctx.output.print("Écriture n° \(posted.number) enregistrée (exercice \(posted.exercice.label), journal OD) : "
                     + "\(Volunteering.hoursText(work.hundredths)) à \(rate) €/h, soit \(try work.value()) € au débit de 864 et au crédit de 875, en brouillard.")
}
