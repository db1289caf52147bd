/** The instalment plan as a CSV file in the customer's language. */
import type { ScheduleRow } from '../../../shared/api/contracts.ts'
import { formatDate } from '../i18n/format.ts'
import type { AppLocale } from '../i18n/index.ts'
import { CSV_DIALECTS, csvAmount, safeFileName, toCsv } from './csv.ts'

export interface ScheduleCsvLabels {
  columns: readonly [string, string, string, string, string, string, string]
  status: Record<ScheduleRow['status'], string>
}

/** Number, due date, instalment, interest, principal, balance after, status; one line per row. */
export function scheduleCsv(
  rows: readonly ScheduleRow[],
  labels: ScheduleCsvLabels,
  locale: AppLocale,
): string {
  const dialect = CSV_DIALECTS[locale]
  return toCsv(
    labels.columns,
    rows.map((row) => [
      String(row.n),
      formatDate(row.dueDate, locale),
      csvAmount(row.instalmentCents, dialect),
      csvAmount(row.interestCents, dialect),
      csvAmount(row.principalCents, dialect),
      csvAmount(row.balanceAfterCents, dialect),
      labels.status[row.status],
    ]),
    dialect,
  )
}

/** `Ratenplan-KR-2025-048211.csv` */
export function scheduleFileName(prefix: string, contractNumber: string): string {
  return `${safeFileName(`${prefix}-${contractNumber}`)}.csv`
}
