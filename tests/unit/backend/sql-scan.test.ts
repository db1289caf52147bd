/**
 * Reading SQL past quotes and comments (db/database.ts scanSql), as the placeholder
 * numbering for PostgreSQL and the migrations' statement splitter both do: a `?`
 * or `;` in a string, a quoted identifier or a comment is never taken for SQL.
 */
import { describe, expect, it } from 'vitest'
import { numberPlaceholders, scanSql } from '../../../src/backend/db/database.ts'
import { splitStatements } from '../../../src/backend/db/migrate.ts'

describe('scanSql', () => {
  it('passes quoted text and comments whole, every other character one by one', () => {
    const parts: string[] = []
    scanSql(
      `a'?;'"b"-- c;\nd-e`,
      (c) => parts.push(c),
      (text, kind) => parts.push(`${kind}:${text}`),
    )
    expect(parts).toEqual(['a', "quoted:'?;'", 'quoted:"b"', 'comment:-- c;', '\n', 'd', '-', 'e'])
  })

  it('reads an unclosed quote or a last-line comment to the end', () => {
    const parts: string[] = []
    scanSql(
      "x 'open -- c",
      (c) => parts.push(c),
      (text) => parts.push(text),
    )
    expect(parts).toEqual(['x', ' ', "'open -- c"])
  })
})

describe('numberPlaceholders and splitStatements', () => {
  it('number only the placeholders outside quotes and comments', () => {
    expect(numberPlaceholders("SELECT ? , '?' -- ?\nWHERE a = ?")).toBe(
      "SELECT $1 , '?' -- ?\nWHERE a = $2",
    )
  })

  it('split at the semicolons outside quotes, leaving comments out', () => {
    expect(
      splitStatements(
        "CREATE TABLE a (x TEXT DEFAULT ';'); -- one; two\n;INSERT INTO a VALUES (1);",
      ),
    ).toEqual(["CREATE TABLE a (x TEXT DEFAULT ';')", 'INSERT INTO a VALUES (1)'])
  })
})
