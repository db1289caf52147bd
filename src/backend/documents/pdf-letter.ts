/**
 * A business letter as a real PDF (pdfkit, the PDF standard fonts: no font
 * files, nothing fetched): letterhead, the sender line and address block where
 * a DIN 5008 window envelope shows them, an information block with date and
 * references, subject, body (paragraphs, facts, tables that break across
 * pages) and a footer with the support contacts and "page x of y" on every page.
 *
 * Deterministic: the same input gives the same bytes (the creation date is the
 * letter's date, the document id follows from the content), so a document
 * generated twice is byte-identical.
 *
 * The standard fonts know Windows-1252 only; pdfkit turns any other character
 * into garbage that also corrupts the rest of its line. So every text is first
 * brought into that set (`toWinAnsi`): "Łódź" is printed "Lódz", a character
 * with no such form "?". (The document's title in the PDF's properties keeps
 * every character.)
 *
 * pdfkit is loaded with the first letter, not with the server: it costs about a
 * fifth of a second, which a start that serves no PDF yet need not pay.
 */

export type Block =
  | { type: 'paragraph'; text: string; bold?: boolean }
  /** Label/value pairs, two columns. */
  | { type: 'facts'; rows: readonly (readonly [string, string])[] }
  | {
      type: 'table'
      columns: readonly { label: string; width: number; align?: 'left' | 'right' }[]
      rows: readonly (readonly string[])[]
      /** A row to set in bold after the rows (totals). */
      total?: readonly string[]
    }
  | { type: 'heading'; text: string }

export interface LetterContent {
  /** The PDF's title (document properties). */
  title: string
  /** Sender line, address block and footer texts in this language. */
  locale: 'de' | 'en'
  recipient: readonly string[]
  /** The letter's date, already formatted. */
  dateText: string
  /** The creation date stored in the PDF (the letter's date, for determinism). */
  creationDate: Date
  subject: string
  /** Right-hand information block: label/value (customer number, contract …). */
  references: readonly (readonly [string, string])[]
  salutation: string
  blocks: readonly Block[]
  closing: readonly string[]
  support: { phone: string; email: string; hours: string }
}

const MM = 72 / 25.4
const PAGE = { width: 210 * MM, height: 297 * MM }
const LEFT = 25 * MM
const RIGHT = PAGE.width - 20 * MM
const WIDTH = RIGHT - LEFT
const FOOTER_TOP = PAGE.height - 22 * MM
const ACCENT = '#006c75'
const TEXT = '#1a1a1a'
const MUTED = '#595959'

const SENDER = 'MINI Financial Services · Siegfried-Marcus-Straße 24 · 5020 Salzburg'

const WORDS = {
  de: {
    page: (n: number, of: number) => `Seite ${n} von ${of}`,
    service: 'Kundenbetreuung',
    legal:
      'MINI Financial Services, eine Marke der BMW Austria Bank GmbH · Firmenbuch FN 45325 v · Demo-Dokument',
  },
  en: {
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    service: 'Customer service',
    legal:
      'MINI Financial Services, a brand of BMW Austria Bank GmbH · Company register FN 45325 v · demo document',
  },
} as const

// Windows-1252's characters beyond Latin-1 (0x80–0x9f), as pdfkit maps them.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
// Letters with no decomposition to a base letter, and signs with a plain equivalent.
const WIN_ANSI_FALLBACK: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  ẞ: 'SS',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
}

const inWinAnsi = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0
  return (
    char === '\n' ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRA.has(char)
  )
}

/** The text in characters the standard fonts can show: accents dropped where needed, else "?". */
export function toWinAnsi(text: string): string {
  let out = ''
  for (const char of text.normalize('NFC')) {
    if (inWinAnsi(char)) {
      out += char
      continue
    }
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '')
    out += base !== '' && [...base].every(inWinAnsi) ? base : (WIN_ANSI_FALLBACK[char] ?? '?')
  }
  return out
}

/** Every text the page shows, in Windows-1252 (see toWinAnsi). */
function printable(letter: LetterContent): LetterContent {
  const t = toWinAnsi
  const pair = ([a, b]: readonly [string, string]) => [t(a), t(b)] as const
  return {
    ...letter,
    recipient: letter.recipient.map(t),
    dateText: t(letter.dateText),
    subject: t(letter.subject),
    references: letter.references.map(pair),
    salutation: t(letter.salutation),
    blocks: letter.blocks.map((block): Block => {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          return { ...block, text: t(block.text) }
        case 'facts':
          return { ...block, rows: block.rows.map(pair) }
        case 'table':
          return {
            ...block,
            columns: block.columns.map((c) => ({ ...c, label: t(c.label) })),
            rows: block.rows.map((row) => row.map(t)),
            ...(block.total ? { total: block.total.map(t) } : {}),
          }
      }
    }),
    closing: letter.closing.map(t),
    support: {
      phone: t(letter.support.phone),
      email: t(letter.support.email),
      hours: t(letter.support.hours),
    },
  }
}

/** Renders the letter; resolves to the PDF's bytes. */
export async function renderLetterPdf(content: LetterContent): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit')
  const letter = printable(content)
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 0, left: LEFT, right: PAGE.width - RIGHT },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: letter.locale === 'de' ? 'de-AT' : 'en-GB',
    displayTitle: true,
    info: {
      Title: content.title,
      Author: 'MINI Financial Services',
      Subject: content.subject,
      Creator: 'My MINI Finance',
      Producer: 'My MINI Finance',
      CreationDate: letter.creationDate,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  letterhead(doc)
  firstPageHeader(doc, letter)
  doc.x = LEFT
  doc.y = 103 * MM
  doc.font('Helvetica-Bold').fontSize(12).fillColor(TEXT).text(letter.subject, { width: WIDTH })
  doc.moveDown(1.2)
  paragraph(doc, letter.salutation)
  for (const block of letter.blocks) drawBlock(doc, block)
  doc.moveDown(0.6)
  ensureSpace(doc, 60)
  for (const line of letter.closing) paragraph(doc, line, { gap: 0.1 })

  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    footer(doc, letter, i - range.start + 1, range.count)
  }
  doc.end()
  return done
}

function letterhead(doc: PDFKit.PDFDocument): void {
  doc.rect(0, 0, PAGE.width, 6).fill(ACCENT)
  doc
    .fillColor(TEXT)
    .font('Helvetica-Bold')
    .fontSize(18)
    .text('MINI', LEFT, 14 * MM, {
      lineBreak: false,
      characterSpacing: 2,
    })
  doc.font('Helvetica').fontSize(18).text(' Financial Services', { lineBreak: false })
}

function firstPageHeader(doc: PDFKit.PDFDocument, letter: LetterContent): void {
  // DIN 5008 form B: the window starts 45 mm from the top, 20 mm from the left (text 5 mm in).
  doc.font('Helvetica').fontSize(7).fillColor(MUTED)
  doc.text(SENDER, LEFT, 47 * MM, { width: 80 * MM, lineBreak: false })
  doc
    .moveTo(LEFT, 50.5 * MM)
    .lineTo(105 * MM, 50.5 * MM)
    .lineWidth(0.4)
    .stroke(MUTED)
  doc.font('Helvetica').fontSize(10.5).fillColor(TEXT)
  doc.text(letter.recipient.join('\n'), LEFT, 54 * MM, { width: 80 * MM, lineGap: 1 })

  const x = 125 * MM
  let y = 50 * MM
  doc.fontSize(8.5)
  for (const [label, value] of [
    [dateLabel(letter.locale), letter.dateText],
    ...letter.references,
  ]) {
    doc
      .fillColor(MUTED)
      .font('Helvetica')
      .text(label ?? '', x, y, { width: 28 * MM, lineBreak: false })
    doc
      .fillColor(TEXT)
      .font('Helvetica-Bold')
      .text(value ?? '', x + 29 * MM, y, { width: RIGHT - x - 29 * MM, lineBreak: false })
    y += 13
  }
}

const dateLabel = (locale: 'de' | 'en') => (locale === 'de' ? 'Datum' : 'Date')

function footer(doc: PDFKit.PDFDocument, letter: LetterContent, page: number, pages: number): void {
  const words = WORDS[letter.locale]
  doc.moveTo(LEFT, FOOTER_TOP).lineTo(RIGHT, FOOTER_TOP).lineWidth(0.5).stroke(ACCENT)
  doc.font('Helvetica').fontSize(7.5).fillColor(MUTED)
  const contacts = `${words.service}: ${letter.support.phone} · ${letter.support.email} · ${letter.support.hours}`
  doc.text(contacts, LEFT, FOOTER_TOP + 6, { width: WIDTH - 30 * MM, lineBreak: false })
  doc.text(words.page(page, pages), RIGHT - 30 * MM, FOOTER_TOP + 6, {
    width: 30 * MM,
    align: 'right',
    lineBreak: false,
  })
  doc.text(words.legal, LEFT, FOOTER_TOP + 17, { width: WIDTH, lineBreak: false })
}

/** Starts a new page when less than `points` are left above the footer. */
function ensureSpace(doc: PDFKit.PDFDocument, points: number): void {
  if (doc.y + points > FOOTER_TOP - 8) {
    doc.addPage()
    doc.rect(0, 0, PAGE.width, 6).fill(ACCENT)
    doc.x = LEFT
    doc.y = 20 * MM
  }
}

function paragraph(
  doc: PDFKit.PDFDocument,
  text: string,
  options: { bold?: boolean; gap?: number } = {},
): void {
  doc
    .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(10.5)
    .fillColor(TEXT)
  ensureSpace(doc, doc.heightOfString(text, { width: WIDTH }) + 4)
  doc.text(text, LEFT, doc.y, { width: WIDTH, lineGap: 2 })
  doc.moveDown(options.gap ?? 0.7)
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block): void {
  switch (block.type) {
    case 'paragraph':
      paragraph(doc, block.text, { bold: block.bold ?? false })
      return
    case 'heading':
      ensureSpace(doc, 40)
      doc.moveDown(0.3)
      doc.font('Helvetica-Bold').fontSize(11).fillColor(ACCENT).text(block.text, LEFT, doc.y)
      doc.moveDown(0.4)
      return
    case 'facts':
      drawFacts(doc, block.rows)
      return
    case 'table':
      drawTable(doc, block)
      return
  }
}

function drawFacts(doc: PDFKit.PDFDocument, rows: readonly (readonly [string, string])[]): void {
  const labelWidth = WIDTH * 0.45
  doc.fontSize(10)
  for (const [label, value] of rows) {
    ensureSpace(doc, 16)
    const y = doc.y
    doc
      .font('Helvetica')
      .fillColor(MUTED)
      .text(label, LEFT, y, { width: labelWidth - 8 })
    const afterLabel = doc.y
    doc
      .font('Helvetica-Bold')
      .fillColor(TEXT)
      .text(value, LEFT + labelWidth, y, {
        width: WIDTH - labelWidth,
      })
    doc.y = Math.max(afterLabel, doc.y) + 3
    doc
      .moveTo(LEFT, doc.y - 1.5)
      .lineTo(RIGHT, doc.y - 1.5)
      .lineWidth(0.3)
      .stroke('#dcdede')
  }
  doc.x = LEFT
  doc.moveDown(0.8)
}

function drawTable(doc: PDFKit.PDFDocument, table: Extract<Block, { type: 'table' }>): void {
  const total = table.columns.reduce((sum, c) => sum + c.width, 0)
  const widths = table.columns.map((c) => (c.width / total) * WIDTH)
  const rowHeight = 14
  const header = () => {
    ensureSpace(doc, rowHeight * 3)
    const y = doc.y
    doc.rect(LEFT, y - 2, WIDTH, rowHeight).fill('#f4f5f5')
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(TEXT)
    cells(
      table.columns.map((c) => c.label),
      y,
    )
    doc.y = y + rowHeight
  }
  const cells = (values: readonly string[], y: number) => {
    let x = LEFT
    values.forEach((value, i) => {
      const width = widths[i] ?? 0
      doc.text(value, x + 3, y + 1, {
        width: width - 6,
        align: table.columns[i]?.align ?? 'left',
        lineBreak: false,
      })
      x += width
    })
  }
  header()
  const drawRow = (values: readonly string[], bold: boolean) => {
    if (doc.y + rowHeight > FOOTER_TOP - 8) {
      ensureSpace(doc, FOOTER_TOP)
      header()
    }
    const y = doc.y
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(8.5)
      .fillColor(TEXT)
    cells(values, y)
    doc
      .moveTo(LEFT, y + rowHeight - 2)
      .lineTo(RIGHT, y + rowHeight - 2)
      .lineWidth(0.3)
      .stroke('#dcdede')
    doc.y = y + rowHeight
  }
  for (const row of table.rows) drawRow(row, false)
  if (table.total) drawRow(table.total, true)
  doc.x = LEFT
  doc.moveDown(0.8)
}
