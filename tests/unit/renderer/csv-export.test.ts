// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ScheduleRow } from '../../../src/shared/api/contracts.ts'
import {
  CSV_DIALECTS,
  csvAmount,
  csvCell,
  downloadText,
  safeFileName,
  toCsv,
} from '../../../src/renderer/src/export/csv.ts'
import {
  scheduleCsv,
  scheduleFileName,
  type ScheduleCsvLabels,
} from '../../../src/renderer/src/export/schedule-csv.ts'

const de = CSV_DIALECTS.de
const en = CSV_DIALECTS.en

describe('a CSV cell', () => {
  it('is left as it is when nothing in it needs quoting', () => {
    expect(csvCell('Bezahlt', de)).toBe('Bezahlt')
    expect(csvCell('Offen danach', en)).toBe('Offen danach')
    expect(csvCell('', de)).toBe('')
    // A comma is no delimiter in German files, a semicolon none in English ones.
    expect(csvCell('a,b', de)).toBe('a,b')
    expect(csvCell('a;b', en)).toBe('a;b')
  })

  it('is quoted when it holds the delimiter, a quote or a line break', () => {
    expect(csvCell('a;b', de)).toBe('"a;b"')
    expect(csvCell('a,b', en)).toBe('"a,b"')
    expect(csvCell('Sag "Hallo"', de)).toBe('"Sag ""Hallo"""')
    expect(csvCell('"', en)).toBe('""""')
    expect(csvCell('Zeile 1\nZeile 2', de)).toBe('"Zeile 1\nZeile 2"')
    expect(csvCell('Zeile 1\r\nZeile 2', en)).toBe('"Zeile 1\r\nZeile 2"')
  })

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")', en)).toBe('"\'=HYPERLINK(""http://evil"")"')
    expect(csvCell('=1+1', de)).toBe("'=1+1")
    expect(csvCell('+43 662 2191', de)).toBe("'+43 662 2191")
    expect(csvCell('-cmd|calc', de)).toBe("'-cmd|calc")
    expect(csvCell('@SUM(A1)', de)).toBe("'@SUM(A1)")
    expect(csvCell('\tx', de)).toBe("'\tx")
    // CR is also a line break: apostrophe first, then quoted.
    expect(csvCell('\rx', de)).toBe('"\'\rx"')
    expect(csvCell('=A1;A2', de)).toBe('"\'=A1;A2"')
  })

  it('leaves plain numbers alone, negative ones too', () => {
    expect(csvCell('-12,50', de)).toBe('-12,50')
    expect(csvCell('1234,56', de)).toBe('1234,56')
    expect(csvCell('-12.50', en)).toBe('-12.50')
    expect(csvCell('-7', en)).toBe('-7')
    // Only numbers: a dash before anything else is still defused.
    expect(csvCell('-1e5', en)).toBe("'-1e5")
    expect(csvCell('-12,50x', de)).toBe("'-12,50x")
  })
})

describe('a CSV amount', () => {
  it('is cents as a plain decimal number in the language of the file', () => {
    expect(csvAmount(123456, de)).toBe('1234,56')
    expect(csvAmount(123456, en)).toBe('1234.56')
    expect(csvAmount(5, de)).toBe('0,05')
    expect(csvAmount(50, en)).toBe('0.50')
    expect(csvAmount(0, de)).toBe('0,00')
    expect(csvAmount(100000000, de)).toBe('1000000,00')
    expect(csvAmount(-5, de)).toBe('-0,05')
    expect(csvAmount(-123456, en)).toBe('-1234.56')
  })

  it('refuses anything but whole cents', () => {
    for (const value of [12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => csvAmount(value, de), String(value)).toThrow(RangeError)
    }
  })
})

describe('a CSV file', () => {
  it('starts with a byte order mark and ends every line with CRLF', () => {
    const text = toCsv(
      ['Nr.', 'Text'],
      [
        ['1', 'a;b'],
        ['2', 'Grüße'],
      ],
      de,
    )
    expect(text).toBe('\uFEFFNr.;Text\r\n1;"a;b"\r\n2;Grüße\r\n')
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('ends a file without rows with CRLF too', () => {
    expect(toCsv(['No.', 'Text'], [], en)).toBe('\uFEFFNo.,Text\r\n')
  })
})

const ROWS: ScheduleRow[] = [
  {
    n: 1,
    dueDate: '2025-10-01',
    instalmentCents: 45781,
    interestCents: 6650,
    principalCents: 39131,
    balanceAfterCents: 1960869,
    status: 'paid',
  },
  {
    n: 2,
    dueDate: '2025-11-01',
    instalmentCents: 45781,
    interestCents: 6520,
    principalCents: 39261,
    balanceAfterCents: 1921608,
    status: 'due',
  },
  {
    n: 3,
    dueDate: '2026-01-31',
    instalmentCents: 1400000,
    interestCents: 5,
    principalCents: 1399995,
    balanceAfterCents: 0,
    status: 'upcoming',
  },
]

const LABELS_DE: ScheduleCsvLabels = {
  columns: ['Nr.', 'Fällig am', 'Rate', 'Zinsen', 'Tilgung', 'Offen danach', 'Status'],
  status: { paid: 'Bezahlt', due: 'Nächste Rate', upcoming: 'Geplant' },
}

const LABELS_EN: ScheduleCsvLabels = {
  columns: ['No.', 'Due on', 'Instalment', 'Interest', 'Principal', 'Outstanding after', 'Status'],
  status: { paid: 'Paid', due: 'Next instalment', upcoming: 'Scheduled, final' },
}

describe('the instalment plan as CSV', () => {
  it('uses semicolons, decimal commas and dd.mm.yyyy in German', () => {
    expect(scheduleCsv(ROWS, LABELS_DE, 'de')).toBe(
      '\uFEFF' +
        'Nr.;Fällig am;Rate;Zinsen;Tilgung;Offen danach;Status\r\n' +
        '1;01.10.2025;457,81;66,50;391,31;19608,69;Bezahlt\r\n' +
        '2;01.11.2025;457,81;65,20;392,61;19216,08;Nächste Rate\r\n' +
        '3;31.01.2026;14000,00;0,05;13999,95;0,00;Geplant\r\n',
    )
  })

  it('uses commas, decimal points and dd/mm/yyyy in English', () => {
    expect(scheduleCsv(ROWS, LABELS_EN, 'en')).toBe(
      '\uFEFF' +
        'No.,Due on,Instalment,Interest,Principal,Outstanding after,Status\r\n' +
        '1,01/10/2025,457.81,66.50,391.31,19608.69,Paid\r\n' +
        '2,01/11/2025,457.81,65.20,392.61,19216.08,Next instalment\r\n' +
        '3,31/01/2026,14000.00,0.05,13999.95,0.00,"Scheduled, final"\r\n',
    )
  })
})

describe('file names', () => {
  /** Characters no file name may hold on Windows, macOS or Linux, control characters included. */
  const forbidden = (name: string): string[] =>
    [...name].filter((char) => '/\\:*?"<>|'.includes(char) || char.charCodeAt(0) < 0x20)

  it('replaces the characters that file systems refuse', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j')
    expect(safeFileName('Plan\u0000\u0007\n\t2025')).toBe('Plan-2025')
    expect(safeFileName('Ratenplan 2025')).toBe('Ratenplan 2025')
    expect(safeFileName('Übersicht-Verträge')).toBe('Übersicht-Verträge')
  })

  it('never gives an empty name or a hidden file', () => {
    expect(safeFileName('')).toBe('export')
    expect(safeFileName('...')).toBe('export')
    expect(safeFileName('.bashrc')).toBe('bashrc')
    for (const name of [
      '',
      '.',
      '..',
      '../../etc/passwd',
      '.\u0000',
      '/',
      '\\\\server\\x',
      '..csv',
    ]) {
      const safe = safeFileName(name)
      expect(safe, JSON.stringify(name)).not.toBe('')
      expect(safe.startsWith('.'), JSON.stringify(name)).toBe(false)
      expect(forbidden(safe), JSON.stringify(name)).toEqual([])
    }
  })

  it('keeps Windows happy: no device names, no trailing dot or space, no half characters', () => {
    expect(safeFileName('CON')).toBe('_CON')
    expect(safeFileName('nul.csv')).toBe('_nul.csv')
    expect(safeFileName('com1')).toBe('_com1')
    expect(safeFileName('CONTRACT')).toBe('CONTRACT')
    expect(safeFileName('name. ')).toBe('name')
    const long = safeFileName(`${'a'.repeat(119)}😀😀`)
    expect([...long]).toHaveLength(120)
    expect(long.endsWith('😀')).toBe(true)
  })

  it('names the plan after the contract', () => {
    expect(scheduleFileName('Ratenplan', 'KR-2025-1')).toBe('Ratenplan-KR-2025-1.csv')
    expect(scheduleFileName('instalment-plan', 'LE-2025-000731')).toBe(
      'instalment-plan-LE-2025-000731.csv',
    )
    expect(scheduleFileName('Ratenplan', 'KR/2025:1')).toBe('Ratenplan-KR-2025-1.csv')
  })
})

describe('the download', () => {
  const BLOB_URL = 'blob:app://renderer/0c6a3e1e-download'
  let created: Blob[]
  let revoked: string[]
  let clicked: { download: string; href: string; inDocument: boolean }[]

  beforeEach(() => {
    created = []
    revoked = []
    clicked = []
    vi.useFakeTimers()
    Object.defineProperty(URL, 'createObjectURL', {
      configurable: true,
      writable: true,
      value: (blob: Blob) => {
        created.push(blob)
        return BLOB_URL
      },
    })
    Object.defineProperty(URL, 'revokeObjectURL', {
      configurable: true,
      writable: true,
      value: (url: string) => {
        revoked.push(url)
      },
    })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({
        download: this.download,
        href: this.href,
        inDocument: document.body.contains(this),
      })
    })
  })

  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    Reflect.deleteProperty(URL, 'createObjectURL')
    Reflect.deleteProperty(URL, 'revokeObjectURL')
  })

  it('clicks a download link to a blob with the text, and removes the link', async () => {
    const text = '\uFEFFNr.;Status\r\n1;Bezahlt\r\n'
    downloadText('Ratenplan-KR-2025-1.csv', text)

    expect(clicked).toEqual([
      { download: 'Ratenplan-KR-2025-1.csv', href: BLOB_URL, inDocument: true },
    ])
    expect(document.querySelectorAll('a[download]')).toHaveLength(0)
    expect(created).toHaveLength(1)
    expect(created[0]?.type).toBe('text/csv;charset=utf-8')
    const bytes = new Uint8Array(await (created[0] as Blob).arrayBuffer())
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(text)

    // The blob stays until the download has taken it, then it is released.
    expect(revoked).toEqual([])
    vi.advanceTimersByTime(10_000)
    expect(revoked).toEqual([BLOB_URL])
  })
})
