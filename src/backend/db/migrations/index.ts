/** Every migration, in order. A migration is never changed once released: add a new one. */
import { migration0001 } from './0001-initial.ts'
import { migration0002 } from './0002-accounts.ts'
import { migration0003 } from './0003-contact-email-and-html.ts'
import { migration0004 } from './0004-contracts.ts'
import { migration0005 } from './0005-documents.ts'
import { migration0006 } from './0006-documents-filters.ts'
import { migration0007 } from './0007-profile.ts'
import { migration0008 } from './0008-service-requests.ts'
import { migration0009 } from './0009-outbox-attachments.ts'
import { migration0010 } from './0010-outbox-delivery.ts'
import { migration0011 } from './0011-bind-customer-at-activation.ts'
import { migration0012 } from './0012-address-changes.ts'
import { migration0013 } from './0013-one-language.ts'
import { migration0014 } from './0014-identity-corrections.ts'
import { migration0015 } from './0015-document-content-parts.ts'
import { migration0016 } from './0016-rate-limits.ts'
import { migration0017 } from './0017-notifications.ts'
import { migration0018 } from './0018-second-factor.ts'
import { migration0019 } from './0019-lease-mileage.ts'
import { migration0020 } from './0020-co-borrowers.ts'

export interface Migration {
  version: number
  name: string
  /** The SQL for SQLite; PostgreSQL gets it through forPostgres (migrate.ts) … */
  sql: string
  /** … unless the migration says it differently for PostgreSQL. */
  postgres?: string
}

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
]
