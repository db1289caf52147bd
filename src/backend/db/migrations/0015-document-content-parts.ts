import type { Migration } from './index.ts'

/**
 * A document's bytes in parts, so that a download reads one part at a time
 * (node:sqlite reads a BLOB only whole, and `substr()` on one reads all of it
 * every time): `documents.content` keeps the first part, as before (a letter
 * is one part: nothing to move, no table to rebuild), these rows the rest,
 * each starting at its byte offset. Gone with the document.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'document-content-parts',
  sql: `
CREATE TABLE document_content_parts (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  start INTEGER NOT NULL CHECK (start > 0),
  bytes BLOB NOT NULL CHECK (length(bytes) > 0),
  PRIMARY KEY (document_id, start)
) STRICT;
`,
}
