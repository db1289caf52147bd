/**
 * Service requests (api.md "Service requests"), in three parts:
 * service-requests/types.ts (the types, limits, details, requests and
 * answers), service-requests/catalogue.ts (the catalogue of services with
 * the JSON schema of each type's `details`) and service-requests/schemas.ts
 * (the route schemas).
 */
import type { RouteTable } from './contract.ts'
export * from './service-requests/types.ts'
export {
  SERVICE_CATALOGUE,
  serviceDefinition,
  stripAnnotations,
} from './service-requests/catalogue.ts'
export * from './service-requests/schemas.ts'

export const serviceRequestRoutes = {} as const satisfies RouteTable
