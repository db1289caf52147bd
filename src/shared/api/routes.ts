/**
 * The whole HTTP contract: every domain's route table in one (see contract.ts).
 * The backend registers these routes, the OpenAPI document describes them, and
 * the renderer checks their answers. A route that is not here does not exist.
 */
import { activationRoutes } from './activation.ts'
import { authRoutes } from './auth.ts'
import { coBorrowerRoutes } from './co-borrowers.ts'
import type { ParamsOf } from './contract.ts'
import { contractsRoutes } from './contracts.ts'
import { leaseEndRoutes } from './lease-end.ts'
import { profileRoutes } from './profile.ts'
import { devRoutes } from './dev.ts'
import { mfaRoutes } from './mfa.ts'
import { notificationRoutes } from './notifications.ts'
import { documentRoutes } from './documents.ts'
import { serviceRequestRoutes } from './service-requests.ts'
import { simulatorRoutes } from './simulator.ts'
import { supportRoutes } from './support.ts'

export const routes = {
  ...supportRoutes,
  ...authRoutes,
  ...activationRoutes,
  ...profileRoutes,
  ...contractsRoutes,
  ...coBorrowerRoutes,
  ...simulatorRoutes,
  ...leaseEndRoutes,
  ...documentRoutes,
  ...serviceRequestRoutes,
  ...notificationRoutes,
  ...mfaRoutes,
  ...devRoutes,
}

export type Routes = typeof routes
/** The key of a route of the contract, `METHOD /path/{param}`. */
export type ApiRoute = keyof Routes

/** The path parameters of a route of the contract. */
export type Params<K extends ApiRoute> = ParamsOf<Routes[K]>
