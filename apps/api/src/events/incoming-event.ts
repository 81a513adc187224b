/** An event as accepted from a storefront or the API, before it is stored (defined in libs/data, shared with the worker's import). */
export type { AcceptedEvent, CustomerProfileInput, IncomingEvent } from '@waypoint/data';
