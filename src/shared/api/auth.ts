/**
 * Registration, e-mail confirmation, sessions and passwords (api.md). The JSON
 * schemas are used by the backend's routes; the types by the renderer and gateway.
 */
import { CUSTOMER_NUMBER_DIGITS } from '../customer-number.ts'
import { CUSTOMER_NUMBER_PATTERN, emailSchema, instantSchema, NAME_MAX_LENGTH } from './limits.ts'

export const LOCALES = ['de', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const SALUTATIONS = ['ms', 'mr', 'none'] as const
export type Salutation = (typeof SALUTATIONS)[number]

/** Password limits (NIST SP 800-63B-4): counted in Unicode code points after NFC. */
export const PASSWORD_MIN_LENGTH = 15
export const PASSWORD_MAX_LENGTH = 128

/** What the app knows of the signed-in customer (also `customer` in session answers). */
export interface SessionCustomer {
  customerNumber: string
  salutation: Salutation
  firstName: string
  lastName: string
  email: string
  locale: Locale
  /** true once the activation code from the letter was entered. */
  activated: boolean
}

export interface RegistrationRequest {
  email: string
  password: string
  salutation?: Salutation
  firstName: string
  lastName: string
  dateOfBirth: string
  customerNumber: string
  acceptTerms: true
  locale?: Locale
}
export interface RegistrationAccepted {
  status: 'confirmation_sent'
  expiresAt: string
}
export interface ConfirmationResult {
  status: 'confirmed' | 'already_confirmed'
}
export interface SessionRequest {
  email: string
  password: string
}
/** What the renderer sends: the gateway takes `staySignedIn` out before forwarding. */
export interface RendererSessionRequest extends SessionRequest {
  staySignedIn?: boolean
}
export interface TokenResponse {
  accessToken: string
  accessTokenExpiresAt: string
  refreshToken: string
  refreshTokenExpiresAt: string
  customer: SessionCustomer
}
/** What the renderer gets for POST /sessions through the gateway. */
export interface RendererSessionResponse {
  customer: SessionCustomer
}
/** GET /api/v1/session (gateway only). */
export interface SessionState {
  signedIn: boolean
  customer?: SessionCustomer
}
export interface PasswordResetResult {
  status: 'password_changed'
  /** The account's address, so the app can sign the customer in with the new password. */
  email: string
}

/** POST /password-resets/check: the link can be used; for the address it was sent to, until when. */
export interface PasswordResetCheck {
  status: 'valid'
  email: string
  expiresAt: string
}

/** An address; surrounding spaces are allowed here and trimmed by the service. */
const email = {
  type: 'string',
  minLength: 3,
  maxLength: 254,
  pattern: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$',
} as const
// The policy (length in code points, common passwords, personal data) is checked by the
// service, so that it can name the reason; the schema only bounds the input.
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const
// The name rule (src/shared/names.ts) is checked by the service, which names the reason.
export const nameInputSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  description: `Letters of any script, spaces, - ' and .; 1–${NAME_MAX_LENGTH} characters once trimmed`,
} as const
// The rule (src/shared/customer-number.ts) is checked by the service, which names the reason.
export const customerNumberInputSchema = {
  type: 'string',
  maxLength: 20,
  description: `${CUSTOMER_NUMBER_DIGITS} digits; spaces do not matter`,
} as const
/** Tokens and links: base64url, 128 bits or more. */
const token = {
  type: 'string',
  minLength: 16,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_-]+$',
} as const
/**
 * The token of a link from an e-mail: any text here, so that a malformed one is
 * answered `400 link_invalid` by the service, exactly like an unknown one.
 */
const linkToken = {
  type: 'string',
  maxLength: 2048,
  description: 'The token from the link (base64url); a malformed or unknown one is link_invalid',
} as const

export const sessionCustomerSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'customerNumber',
    'salutation',
    'firstName',
    'lastName',
    'email',
    'locale',
    'activated',
  ],
  properties: {
    customerNumber: { type: 'string', maxLength: 20, pattern: CUSTOMER_NUMBER_PATTERN },
    salutation: { type: 'string', enum: SALUTATIONS },
    firstName: { type: 'string', maxLength: NAME_MAX_LENGTH },
    lastName: { type: 'string', maxLength: NAME_MAX_LENGTH },
    email: emailSchema,
    locale: { type: 'string', enum: LOCALES },
    activated: { type: 'boolean' },
  },
} as const

export const registrationRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'email',
    'password',
    'firstName',
    'lastName',
    'dateOfBirth',
    'customerNumber',
    'acceptTerms',
  ],
  properties: {
    email,
    password,
    salutation: { type: 'string', enum: SALUTATIONS },
    firstName: nameInputSchema,
    lastName: nameInputSchema,
    dateOfBirth: { type: 'string', format: 'date', maxLength: 10 },
    customerNumber: customerNumberInputSchema,
    acceptTerms: { type: 'boolean', const: true },
    locale: { type: 'string', enum: LOCALES },
  },
} as const

export const emailOnlyRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: { email },
} as const

/** The body of a link's confirmation (registration, e-mail change). */
export const tokenRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token: linkToken },
} as const

export const sessionRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password },
} as const

export const refreshRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['refreshToken'],
  properties: { refreshToken: token },
} as const

export const passwordResetConfirmSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token', 'newPassword'],
  properties: { token: linkToken, newPassword: password },
} as const

export const changePasswordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: password, newPassword: password },
} as const

export const tokenResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'accessToken',
    'accessTokenExpiresAt',
    'refreshToken',
    'refreshTokenExpiresAt',
    'customer',
  ],
  properties: {
    accessToken: token,
    accessTokenExpiresAt: instantSchema,
    refreshToken: token,
    refreshTokenExpiresAt: instantSchema,
    customer: sessionCustomerSchema,
  },
} as const
