/**
 * The whole HTTP contract: every domain's route table in one (see contract.ts).
 * The backend registers these routes, the OpenAPI document describes them, and
 * the renderer checks their answers. A route that is not here does not exist.
 */
import { activationRoutes } from './activation.ts'
import { authRoutes } from './auth.ts'
import type { AnswerOf, BodyOf, HeadersOf, ParamsOf, QueryOf } from './contract.ts'
import { contractsRoutes } from './contracts.ts'
import { profileRoutes } from './profile.ts'
import { devRoutes } from './dev.ts'
import { documentRoutes } from './documents.ts'
import { serviceRequestRoutes } from './service-requests.ts'
import { supportRoutes } from './support.ts'

export const routes = {
  ...supportRoutes,
  ...authRoutes,
  ...activationRoutes,
  ...profileRoutes,
  ...contractsRoutes,
  ...documentRoutes,
  ...serviceRequestRoutes,
  ...devRoutes,
}

export type Routes = typeof routes
/** The key of a route of the contract, `METHOD /path/{param}`. */
export type ApiRoute = keyof Routes

export type Params<K extends ApiRoute> = ParamsOf<Routes[K]>
export type Query<K extends ApiRoute> = QueryOf<Routes[K]>
export type Body<K extends ApiRoute> = BodyOf<Routes[K]>
export type Headers<K extends ApiRoute> = HeadersOf<Routes[K]>
export type Answer<K extends ApiRoute> = AnswerOf<Routes[K]>
