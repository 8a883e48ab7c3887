import { describe, expect, test } from 'vitest'
import { CLI_TEST_TIMEOUT, runCommand } from '#tests/cli.ts'
import { DEMO_SESSION_SECRET, readServerEnv } from './env.mjs'

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

describe('server start-up', { timeout: CLI_TEST_TIMEOUT }, () => {
	test('a production server with the demo secret refuses to start and says why', async () => {
		const result = await runCommand(process.execPath, ['server.mjs'], { env: { NODE_ENV: 'production', SESSION_SECRET: DEMO_SESSION_SECRET, PORT: '0' } })
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('服务器拒绝启动')
		expect(result.stderr).toContain('演示密钥')
	})
})
