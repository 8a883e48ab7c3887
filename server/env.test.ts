import { describe, expect, test } from 'vitest'
import { CLI_TEST_TIMEOUT, runCommand } from '#tests/cli.ts'
import { DEMO_AUDIT_LOG_SECRET, DEMO_SESSION_SECRET, readServerEnv } from './env.mjs'

describe('readServerEnv', () => {
	test('the demo secret is fine outside production', () => {
		expect(readServerEnv({ NODE_ENV: 'development' }).problems).toEqual([])
	})
	test('production refuses the demo secret, saying why', () => {
		const { problems } = readServerEnv({ NODE_ENV: 'production', SESSION_SECRET: DEMO_SESSION_SECRET })
		expect(problems.join('')).toContain('演示密钥')
	})
	test('production accepts a long own secret and secures cookies', () => {
		const env = readServerEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
		expect(env.problems).toEqual([])
		expect(env.secureCookies).toBe(true)
	})
	test('WEB_CONCURRENCY sets the number of server processes, 1 unless told', () => {
		expect(readServerEnv({}).workers).toBe(1)
		expect(readServerEnv({ WEB_CONCURRENCY: '2' }).workers).toBe(2)
		expect(readServerEnv({ WEB_CONCURRENCY: 'many' }).problems.join('')).toContain('WEB_CONCURRENCY 无效')
		expect(readServerEnv({ WEB_CONCURRENCY: '0' }).problems.join('')).toContain('WEB_CONCURRENCY 无效')
	})
})

describe('audit log settings (ADR 006)', () => {
	test('the audit key is derived from the session secret unless set, never the session secret itself', () => {
		const derived = readServerEnv({ SESSION_SECRET: 'y'.repeat(40) }).auditLogSecret
		expect(derived).toMatch(/^[0-9a-f]{64}$/)
		expect(readServerEnv({ SESSION_SECRET: 'y'.repeat(40) }).auditLogSecret).toBe(derived)
		expect(readServerEnv({ SESSION_SECRET: 'z'.repeat(40) }).auditLogSecret).not.toBe(derived)
		expect(readServerEnv({ AUDIT_LOG_SECRET: 'own-audit-key' }).auditLogSecret).toBe('own-audit-key')
	})
	test('production refuses the demo audit key or a short one, saying why', () => {
		const base = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }
		expect(readServerEnv({ ...base, AUDIT_LOG_SECRET: DEMO_AUDIT_LOG_SECRET }).problems.join('')).toContain('AUDIT_LOG_SECRET')
		expect(readServerEnv({ ...base, AUDIT_LOG_SECRET: 'short' }).problems.join('')).toContain('AUDIT_LOG_SECRET')
		expect(readServerEnv({ ...base, AUDIT_LOG_SECRET: 'k'.repeat(40) }).problems).toEqual([])
		expect(readServerEnv(base).problems).toEqual([])
	})
	test('each database has its own checkpoint file unless one is named', () => {
		expect(readServerEnv({}).auditCheckpointFile).toBe('data/app-audit-checkpoints.log')
		expect(readServerEnv({ DATABASE_URL: 'file:./data/e2e.db' }).auditCheckpointFile).toBe('data/e2e-audit-checkpoints.log')
		expect(readServerEnv({ DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/hongshen?schema=public' }).auditCheckpointFile).toBe('data/audit-checkpoints-hongshen.log')
		expect(readServerEnv({ AUDIT_CHECKPOINT_FILE: '/var/log/hongshen/audit.log' }).auditCheckpointFile).toBe('/var/log/hongshen/audit.log')
	})
})

describe('server start-up', { timeout: CLI_TEST_TIMEOUT }, () => {
	test('a production server with the demo secret refuses to start and says why', async () => {
		const result = await runCommand(process.execPath, ['server.mjs'], { env: { NODE_ENV: 'production', SESSION_SECRET: DEMO_SESSION_SECRET, PORT: '0' } })
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('服务器拒绝启动')
		expect(result.stderr).toContain('演示密钥')
	})
})
