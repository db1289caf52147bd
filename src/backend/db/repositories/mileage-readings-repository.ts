import { type Queryable, prepare } from '../sql.ts'

/** One odometer reading of a leasing contract. */
export interface MileageReadingRecord {
  /** YYYY-MM-DD, the day the customer read the odometer. */
  date: string
  km: number
}

interface Row {
  reading_date: string
  km: number
}

/** The odometer readings; every call is scoped to one contract (its row id, already owned). */
export function createMileageReadingsRepository(db: Queryable) {
  // Inserted only when that day has no reading yet: the unique index, without an error.
  const insertNew = prepare(
    db,
    `INSERT INTO mileage_readings (contract_id, reading_date, km, created_at)
     VALUES (?, ?, ?, ?) ON CONFLICT (contract_id, reading_date) DO NOTHING`,
  )
  const byContract = prepare(
    db,
    'SELECT reading_date, km FROM mileage_readings WHERE contract_id = ? ORDER BY reading_date, id',
  )
  return {
    /** A contract's readings, oldest first. */
    async list(contractId: number): Promise<MileageReadingRecord[]> {
      return (await byContract.all<Row>(contractId)).map((r) => ({
        date: r.reading_date,
        km: Number(r.km),
      }))
    },
    /** Records a reading; false when that day has one already. */
    async add(contractId: number, reading: MileageReadingRecord, now: Date): Promise<boolean> {
      const { changes } = await insertNew.run(
        contractId,
        reading.date,
        reading.km,
        now.toISOString(),
      )
      return changes === 1
    },
  }
}
export type MileageReadingsRepository = ReturnType<typeof createMileageReadingsRepository>
