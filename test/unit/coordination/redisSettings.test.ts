import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { queueModeRedis } from '../../../core/coordination';

test('not in queue mode: no shared Redis (a single n8n keeps its in-process send-once)', () => {
	expect(queueModeRedis({})).toBeUndefined();
	expect(queueModeRedis({ EXECUTIONS_MODE: 'regular', QUEUE_BULL_REDIS_HOST: 'r' })).toBeUndefined();
});

test("queue mode: n8n's own QUEUE_BULL_* settings, with n8n's defaults", () => {
	expect(queueModeRedis({ EXECUTIONS_MODE: 'queue' })).toEqual({
		host: 'localhost',
		port: 6379,
		db: 0,
		username: undefined,
		password: undefined,
		tls: false,
		prefix: 'bull',
	});
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'redis-settings-')), 'pw');
	fs.writeFileSync(file, 's3cret\n');
	expect(
		queueModeRedis({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '10.0.0.5',
			QUEUE_BULL_REDIS_PORT: '6380',
			QUEUE_BULL_REDIS_DB: '2',
			QUEUE_BULL_REDIS_USERNAME: 'n8n',
			QUEUE_BULL_REDIS_PASSWORD_FILE: file,
			QUEUE_BULL_REDIS_TLS: 'true',
			QUEUE_BULL_PREFIX: 'acme',
		}),
	).toEqual({ host: '10.0.0.5', port: 6380, db: 2, username: 'n8n', password: 's3cret', tls: true, prefix: 'acme' });
});

test('a nonsense port or db falls back to the default instead of NaN', () => {
	expect(queueModeRedis({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_PORT: 'x', QUEUE_BULL_REDIS_DB: '-1' })).toMatchObject({ port: 6379, db: 0 });
});
