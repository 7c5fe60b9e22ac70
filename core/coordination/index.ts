export { ClaimLostError, CoordinationUnavailableError } from './deliveryClaims';
export type {
	BusyAnswer,
	ClaimAnswer,
	ClaimOptions,
	ClaimState,
	DeliveryClaims,
	KeyClaim,
	RecordInfo,
} from './deliveryClaims';
export { DEFAULT_LEASE_MS, DEFAULT_RECORD_TTL_SECONDS, lazyRedisClaims, RedisDeliveryClaims } from './redisDeliveryClaims';
export type { RedisClaimsOptions } from './redisDeliveryClaims';
export { closeRedisConnections, readyRedis, redisFor } from './redisConnection';
export { describeRedis, processQueueRedis, queueModeRedis } from './redisSettings';
export type { RedisSettings } from './redisSettings';
export { RedisSeenEventIds } from './redisSeenEventIds';
export type { RedisSeenEventIdsOptions } from './redisSeenEventIds';
export { claimsLedger } from './claimsLedger';
export type { ClaimsLedgerOptions, SharedLedger } from './claimsLedger';
