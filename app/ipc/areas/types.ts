/**
 * Types shared by the per-area handler modules (as in gitify, one `xHandlers()` per area): each area
 * implements its channels after the payload check has passed, so its requests are already typed.
 */
import type { Channel, RequestOf, ResponseOf } from '../contract.ts';

/** Implementations of some channels, called only with a request that passed the channel's check. */
export type AreaHandlers<C extends Channel> = { [K in C]: (request: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K> };
